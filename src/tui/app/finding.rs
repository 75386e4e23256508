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
        if let Screen::People { view } = &mut self.screen {
            let Some(finding) = view.find.as_mut().filter(|f| f.editing) else {
                return false;
            };
            match edit(finding, key) {
                Edit::Cleared => view.find = None,
                Edit::Kept | Edit::Changed => {}
                Edit::NotFind => return false,
            }
            view.list = Default::default();
            view.refilter();
            return true;
        }
        if !matches!(self.screen, Screen::Dashboard) {
            return false;
        }
        let Some(finding) = self.find.as_mut().filter(|f| f.editing) else {
            return false;
        };
        match edit(finding, key) {
            Edit::Cleared => self.clear_find(),
            Edit::Kept => {}
            Edit::Changed => {
                // What shows changed: from its first row.
                self.lists[0] = Default::default();
                self.reload();
            }
            Edit::NotFind => return false,
        }
        true
    }

    /// `/` in the People view: find by name, team, expertise or address.
    pub(super) fn start_people_find(&mut self) {
        if let Screen::People { view } = &mut self.screen {
            let typed = view.find.take().map(|f| f.typed).unwrap_or_default();
            view.find = Some(Finding {
                typed,
                editing: true,
            });
            view.refilter();
        }
    }

    /// Whether keys go to the words of a find now.
    pub fn typing_find(&self) -> bool {
        match &self.screen {
            Screen::Dashboard => self.find.as_ref().is_some_and(|f| f.editing),
            Screen::People { view } => view.find.as_ref().is_some_and(|f| f.editing),
            _ => false,
        }
    }

    /// The footer line while typing: "/cust quo▏  3 of 302 open asks · enter keeps it · esc
    /// clears it".
    pub fn find_line(&self) -> Option<String> {
        let (finding, found, total) = match &self.screen {
            Screen::People { view } => {
                let finding = view.find.as_ref()?;
                let people = view.people.len();
                let line = format!(
                    "/{}{}  {people} of {} · {}",
                    finding.typed,
                    if finding.editing { "▏" } else { "" },
                    crate::domain::words::count(view.everyone_count(), "person"),
                    if finding.editing {
                        "enter keeps it · esc shows everyone"
                    } else {
                        "/ changes it · esc shows everyone"
                    }
                );
                return Some(line);
            }
            Screen::Dashboard => (
                self.find.as_ref()?,
                self.board.total(Pane::Asks),
                self.board.counts.open_asks,
            ),
            _ => return None,
        };
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

/// What a key did to the words being typed.
enum Edit {
    /// Esc: no find any more.
    Cleared,
    /// Enter: the words stay, keys move again.
    Kept,
    Changed,
    /// Not a key of the find (arrows, pages): it moves as usual.
    NotFind,
}

fn edit(finding: &mut Finding, key: &KeyEvent) -> Edit {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Esc => Edit::Cleared,
        KeyCode::Enter => {
            finding.editing = false;
            Edit::Kept
        }
        KeyCode::Backspace => {
            finding.typed.pop();
            Edit::Changed
        }
        KeyCode::Char(c) if plain => {
            finding.typed.push(c);
            Edit::Changed
        }
        _ => Edit::NotFind,
    }
}
