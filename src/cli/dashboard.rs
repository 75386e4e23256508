//! Bare `nudge`: the dashboard (`nudge review` and `nudge reflect` open it in those flows).

use super::{Failure, Handled, Session};
use crate::ops::OpError;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use crate::tui::{self, App, Clock};

pub fn open(
    session: &mut Session,
    first_frame_only: bool,
    start: Option<crate::tui::action::Action>,
) -> Handled {
    let keymap = Keymap::load(&session.config.keys)
        .map_err(|e| OpError::Input(format!("{}: {e}", session.config_source.path.display())))?;
    let clock = if std::env::var_os("NUDGE_NOW").is_some() {
        Clock::Fixed(session.ctx.now)
    } else {
        Clock::System(session.zone)
    };
    let store = session.take_store()?;
    let size = ratatui::layout::Rect::new(0, 0, 80, 24);
    let mut app = App::new(
        store,
        session.config.clone(),
        keymap,
        Theme::for_user(&session.config.theme),
        clock,
        size,
    )?;
    if let Some(action) = start {
        app.start_with(action);
    }
    tracing::info!("dashboard opened");
    tui::run(app, first_frame_only).map_err(|e| {
        tracing::error!(error = %e, "the dashboard stopped");
        Failure::Op(OpError::Input(format!(
            "the dashboard stopped: {e}\n{}",
            crate::log::pointer()
        )))
    })
}
