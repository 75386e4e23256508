//! `/` on the dashboard: the Pending asks pane filtered as the words are typed (tui/find.rs).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Screen};
use crate::tui::find::Finding;
use crate::tui::layout::Pane;

impl App {
    /// Start typing what to find in the focused list (again, with the words kept when it is
    /// the same list); from the Stress pane, in Pending asks.
    pub(super) fn start_find(&mut self) {
        let pane = match self.focus {
            Pane::Stress => Pane::Asks,
            list => list,
        };
        self.focus_on(pane);
        let typed = match self.find.take() {
            Some(f) if f.pane == pane => f.typed,
            Some(f) => {
                // Another list was filtered: it shows whole again.
                self.lists[list_of(f.pane)] = Default::default();
                String::new()
            }
            None => String::new(),
        };
        self.find = Some(Finding {
            pane,
            typed,
            editing: true,
        });
        self.reload();
    }

    /// The whole list again.
    pub(super) fn clear_find(&mut self) {
        if let Some(f) = self.find.take() {
            self.lists[list_of(f.pane)] = Default::default();
        }
        self.reload();
    }

    /// A key while the words are being typed: letters go to them, backspace takes one back,
    /// enter keeps the filter (to move in it), esc clears it; anything else (arrows, pages) moves
    /// in the list as usual. True when the key was the find's.
    pub(super) fn find_key(&mut self, key: &KeyEvent) -> bool {
        if let Screen::Help { scroll, .. } = &mut self.screen {
            let Some(finding) = self.help_find.as_mut().filter(|f| f.editing) else {
                return false;
            };
            match edit(finding, key) {
                Edit::Cleared => self.help_find = None,
                Edit::Kept | Edit::Changed => {}
                Edit::NotFind => return false,
            }
            *scroll = 0;
            return true;
        }
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
        let pane = finding.pane;
        match edit(finding, key) {
            Edit::Cleared => self.clear_find(),
            Edit::Kept => {}
            Edit::Changed => {
                // What shows changed: from its first row.
                self.lists[list_of(pane)] = Default::default();
                self.reload();
            }
            Edit::NotFind => return false,
        }
        true
    }

    /// `/` in the help: only the keys and symbols with those words.
    pub(super) fn start_help_find(&mut self) {
        let typed = self.help_find.take().map(|f| f.typed).unwrap_or_default();
        self.help_find = Some(Finding {
            pane: Pane::Asks,
            typed,
            editing: true,
        });
    }

    /// What the help is filtered by, if anything.
    pub fn help_filter(&self) -> Option<&str> {
        self.help_find.as_ref().map(|f| f.typed.as_str())
    }

    /// `/` in the People view: find by name, team, expertise or address.
    pub(super) fn start_people_find(&mut self) {
        if let Screen::People { view } = &mut self.screen {
            let typed = view.find.take().map(|f| f.typed).unwrap_or_default();
            view.find = Some(Finding {
                pane: Pane::Asks,
                typed,
                editing: true,
            });
            view.refilter();
        }
    }

    /// The find on this dashboard list, if it has one.
    pub fn find_in(&self, pane: Pane) -> Option<crate::store::Find> {
        self.find.as_ref().filter(|f| f.pane == pane)?.find()
    }

    /// The words a find on this list matched, to mark them (none without one).
    pub fn found_words(&self, pane: Pane) -> Vec<String> {
        self.find_in(pane)
            .map(|f| f.words().to_vec())
            .unwrap_or_default()
    }

    /// Whether keys go to the words of a find now.
    pub fn typing_find(&self) -> bool {
        match &self.screen {
            Screen::Dashboard => self.find.as_ref().is_some_and(|f| f.editing),
            Screen::People { view } => view.find.as_ref().is_some_and(|f| f.editing),
            Screen::Help { .. } => self.help_find.as_ref().is_some_and(|f| f.editing),
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
            Screen::Help { .. } => {
                let finding = self.help_find.as_ref()?;
                return Some(format!(
                    "/{}{}  {}",
                    finding.typed,
                    if finding.editing { "▏" } else { "" },
                    if finding.editing {
                        "enter keeps it · esc shows every key"
                    } else {
                        "/ changes it · esc shows every key"
                    }
                ));
            }
            Screen::Dashboard => {
                let finding = self.find.as_ref()?;
                let counts = &self.board.counts;
                let (total, noun) = match finding.pane {
                    Pane::Deadlines => (counts.deadlines, "open deadline"),
                    Pane::Proofing => (counts.proofing, "open proofing invitation"),
                    _ => (counts.open_asks, "open ask"),
                };
                (finding, self.board.total(finding.pane), (total, noun))
            }
            _ => return None,
        };
        let cursor = if finding.editing { "▏" } else { "" };
        let keys = if finding.editing {
            "enter keeps it · esc clears it"
        } else {
            "/ changes it · esc clears it"
        };
        // The newest captures could not be indexed yet (`index_for_find`): said, not hidden.
        let behind = if self.find_behind {
            " · the newest captures are not searched yet (another program is writing)"
        } else {
            ""
        };
        Some(format!(
            "/{}{cursor}  {found} of {}{behind} · {keys}",
            finding.typed,
            crate::domain::words::count(total.0, total.1)
        ))
    }

    /// Bring the find index up to date (what captures left for it) before a find is asked: on
    /// every reload with a find on (a scroll reads rows of the same board, so it need not).
    /// When another program holds the write lock past the dashboard's brief wait, the find is
    /// asked of the index as it is, where only the newest captures can be missing; the find
    /// line says so, and it is tried again at the next check.
    pub(super) fn index_for_find(&mut self) {
        match self.store.index_pending_finds() {
            Ok(()) => self.find_behind = false,
            Err(e) => {
                tracing::warn!(error = %e, "find index not brought up to date");
                self.find_behind = true;
            }
        }
    }
}

/// The index of a list pane in `App::lists`.
fn list_of(pane: Pane) -> usize {
    match pane {
        Pane::Deadlines => 1,
        Pane::Proofing => 2,
        _ => 0,
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
