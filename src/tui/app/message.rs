//! Every input the dashboard gets, as one message for `App::update`, and what an update leaves to
//! be done after it: a change to save, a draft to copy.

use ratatui::crossterm::event::{Event, KeyEventKind};

use super::ToCopy;
use super::save::{Change, Said, Then};
use crate::ops::OpError;
use crate::tui::action::Action;
use crate::tui::clipboard::Copied;
use crate::tui::kept::KeptLine;

#[derive(Debug)]
pub enum Msg {
    Key(ratatui::crossterm::event::KeyEvent),
    Paste(String),
    Mouse(ratatui::crossterm::event::MouseEvent),
    Resize(u16, u16),
    /// The timer: countdowns move on, other programs' changes are read, a kept change is tried
    /// again.
    Tick,
    /// An action asked for without a key (`nudge review` opens the dashboard in the review).
    Start(Action),
    /// A line kept when the dashboard last stopped, to open again.
    Reopen(KeptLine),
    /// The event loop copied a draft, or could not.
    Copied(ToCopy, Copied),
    /// A change went to the store: how it went, and what was waiting on it.
    Saved(Then, Result<Said, OpError>),
    /// Background work (a sync, a mail scan) ended: the line to show (None: nothing new), or why it failed.
    Synced(Result<Option<String>, String>),
}

impl Msg {
    /// The message a terminal event is (a key released, a focus change: none).
    pub fn from_event(event: Event) -> Option<Msg> {
        Some(match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => Msg::Key(key),
            Event::Mouse(mouse) => Msg::Mouse(mouse),
            Event::Resize(width, height) => Msg::Resize(width, height),
            Event::Paste(text) => Msg::Paste(text),
            _ => return None,
        })
    }
}

/// What an update leaves for after it: the one place the dashboard writes or copies.
#[derive(Debug)]
pub enum Effect {
    /// Save a change; its outcome comes back as `Msg::Saved` with `Then`.
    Save(Change, Then),
    /// Put a draft on the clipboard (the event loop does it: it owns the terminal).
    Copy(ToCopy),
}
