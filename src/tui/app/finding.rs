//! `/` on the dashboard: the Pending asks pane filtered as the words are typed (tui/find.rs).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Screen};
use crate::tui::find::Finding;
use crate::tui::layout::Pane;

impl App {
    /// Start typing what to find (again, with the words kept), in Pending asks.
    pub(super) fn start_find(&mut self) {
        self.focus_on(Pane::Asks);
        let typed = self.find.take().map(|f| f.typed).unwrap_or_default();
        self.find = Some(Finding {
            typed,
            editing: true,
        });
    }

    /// The whole list again.
    pub(super) fn clear_find(&mut self) {
        self.find = None;
        self.lists[0] = Default::default();
        self.reload();
    }

    /// A key while the words are being typed: letters go to them, backspace takes one back,
    /// enter keeps the filter (to move in it), esc clears it; anything else (arrows, pages) moves
    /// in the list as usual. True when the key was the find's.
    pub(super) fn find_key(&mut self, key: &KeyEvent) -> bool {
        if !matches!(self.screen, Screen::Dashboard) {
            return false;
        }
        let Some(finding) = self.find.as_mut().filter(|f| f.editing) else {
            return false;
        };
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Esc => {
                self.clear_find();
                return true;
            }
            KeyCode::Enter => {
                finding.editing = false;
                return true;
            }
            KeyCode::Backspace => {
                finding.typed.pop();
            }
            KeyCode::Char(c) if plain => finding.typed.push(c),
            _ => return false,
        }
        // What shows changed: from its first row.
        self.lists[0] = Default::default();
        self.reload();
        true
    }

    /// The footer line while typing: "/cust quo▏  3 of 302 open asks · enter keeps it · esc
    /// clears it".
    pub fn find_line(&self) -> Option<String> {
        let finding = self.find.as_ref()?;
        let found = self.board.total(Pane::Asks);
        let total = self.board.counts.open_asks;
        let cursor = if finding.editing { "▏" } else { "" };
        let keys = if finding.editing {
            "enter keeps it · esc clears it"
        } else {
            "/ changes it · esc clears it"
        };
        Some(format!(
            "/{}{cursor}  {found} of {} · {keys}",
            finding.typed,
            crate::domain::words::count(total, "open ask")
        ))
    }
}
