//! What drawing a view or a modal needs from the dashboard, and nothing more: flows draw from
//! this and their own state, so they never depend on `App` (which depends on them).

use super::action::Action;
use super::keymap::{Context, Keymap};
use super::theme::Theme;
use crate::config::Config;
use crate::when::Moment;

#[derive(Clone, Copy)]
pub struct Look<'a> {
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    pub config: &'a Config,
    pub now: Moment,
}

impl Look<'_> {
    /// The key that does `action` in `context`, as a message names it ("enter").
    pub fn key_name(&self, context: Context, action: Action) -> String {
        self.keymap.key_name(context, action)
    }
}
