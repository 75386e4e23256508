//! The typing modals: capture an ask or a deadline, snooze to a date, edit an item. Each shows,
//! live under the line, how nudge understands it; the submit key saves it (through the same ops
//! as the CLI, once the update is over).

use super::action::Action;
use super::editor::LineEditor;
use crate::domain::{Kind, words};
use crate::ops::{self, Context, EditMode};
use crate::store::Store;

/// What an action did to the open line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputOutcome {
    Submit,
    Cancel,
    Edited,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    CaptureAsk,
    CaptureDeadline,
    Snooze(i64),
    Edit(i64),
    /// Why an ask got a no (enter skips), and after `why:` the objective the re-ask leads with.
    SaidNo(i64),
    /// Who said what, on which piece; the answer is picked next.
    Critique,
    /// Who, and what the favor was; its direction is picked next.
    Favor,
    /// A person's name, first name, aliases, team, rhythm … as a line of flags.
    Person(i64),
}

impl Purpose {
    /// The modal's title; `submit` is the key that saves it.
    pub fn title(self, submit: &str) -> String {
        match self {
            Purpose::CaptureAsk => "Capture an ask".into(),
            Purpose::CaptureDeadline => "Capture a deadline".into(),
            Purpose::Snooze(id) => format!("Snooze {id} until"),
            Purpose::Edit(id) => format!("Edit {id}"),
            Purpose::SaidNo(id) => format!("Said no to {id}: why? ({submit} skips)"),
            Purpose::Critique => "Log a critique".into(),
            Purpose::Favor => "Log a favor".into(),
            Purpose::Person(_) => "Edit this person".into(),
        }
    }

    /// The purpose as one word (and an id), for keeping an open line across a restart.
    pub fn key(self) -> String {
        match self {
            Purpose::CaptureAsk => "ask".into(),
            Purpose::CaptureDeadline => "deadline".into(),
            Purpose::Snooze(id) => format!("snooze {id}"),
            Purpose::Edit(id) => format!("edit {id}"),
            Purpose::SaidNo(id) => format!("said-no {id}"),
            Purpose::Critique => "critique".into(),
            Purpose::Favor => "favor".into(),
            Purpose::Person(id) => format!("person {id}"),
        }
    }

    /// The purpose `key` wrote.
    pub fn from_key(text: &str) -> Option<Purpose> {
        let (word, id) = match text.split_once(' ') {
            Some((word, id)) => (word, id.parse::<i64>().ok()),
            None => (text, None),
        };
        Some(match (word, id) {
            ("ask", None) => Purpose::CaptureAsk,
            ("deadline", None) => Purpose::CaptureDeadline,
            ("critique", None) => Purpose::Critique,
            ("favor", None) => Purpose::Favor,
            ("snooze", Some(id)) => Purpose::Snooze(id),
            ("edit", Some(id)) => Purpose::Edit(id),
            ("said-no", Some(id)) => Purpose::SaidNo(id),
            ("person", Some(id)) => Purpose::Person(id),
            _ => return None,
        })
    }

    /// What to type, shown while the line is empty.
    pub fn hint(self) -> &'static str {
        match self {
            Purpose::CaptureAsk => {
                "@dana customer quotes by fri ~call #casestudy why: launch deck needs proof points"
            }
            Purpose::CaptureDeadline => "Q4 launch deck due fri 3pm #launch",
            Purpose::Snooze(_) => ops::SNOOZE_CHOICES,
            Purpose::Edit(_) => "the whole item in the capture grammar",
            Purpose::SaidNo(_) => "too busy this week why: the launch deck needs proof points",
            Purpose::Critique => "@sam \"the deck is too wordy\" on \"Q4 launch deck\"",
            Purpose::Favor => "@sam reviewed his pricing page",
            Purpose::Person(_) => "--name \"Marcus Reid\" --first Marc --alias marc --every 2w",
        }
    }
}

/// How the line reads right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Preview {
    /// Nothing typed yet.
    Empty,
    /// It reads as this, with any advice.
    Reads(String, Vec<String>),
    /// It does not read; the message says why.
    Error(String),
}

#[derive(Debug, Clone)]
pub struct Input {
    pub purpose: Purpose,
    pub editor: LineEditor,
    pub preview: Preview,
    /// The text the line opened with (an edit's item), to tell whether anything was typed.
    pub initial: String,
    /// Typed into since the preview was read (it is read again once before the next frame).
    pub stale: bool,
    /// The item as it was when an edit line opened, so that a change made elsewhere meanwhile
    /// is kept (or its clash shown) rather than overwritten.
    pub base: Option<Box<crate::domain::Item>>,
    /// Cancel was pressed once on a changed line: the next cancel discards it, any other key
    /// keeps it.
    pub discard_asked: bool,
    /// The line last discarded from a line like this one: up on the empty line brings it back.
    pub restorable: Option<String>,
}

impl Input {
    pub fn new(purpose: Purpose, text: &str) -> Input {
        Input {
            purpose,
            editor: LineEditor::with_text(text),
            preview: Preview::Empty,
            initial: text.to_string(),
            stale: false,
            base: None,
            discard_asked: false,
            restorable: None,
        }
    }

    /// Whether the line holds something typed (not only what it opened with).
    pub fn changed(&self) -> bool {
        let text = self.editor.text();
        !text.trim().is_empty() && text != self.initial
    }

    /// Read the line again (after every keystroke).
    pub fn refresh(&mut self, store: &Store, ctx: &Context) {
        self.stale = false;
        let text = self.editor.text();
        let reader = store.reader();
        if let Purpose::SaidNo(id) = self.purpose {
            self.preview = said_no_preview(&reader, id, &text);
            return;
        }
        if text.trim().is_empty() {
            self.preview = Preview::Empty;
            return;
        }
        self.preview = match self.purpose {
            Purpose::CaptureAsk => read(ops::preview(&reader, ctx, Kind::Ask, &text)),
            Purpose::CaptureDeadline => read(ops::preview(&reader, ctx, Kind::Deadline, &text)),
            Purpose::Snooze(id) => {
                let moment = match reader.item(id) {
                    Ok(Some(item)) => ops::snooze_moment(&item, ctx, &text),
                    Ok(None) => Err(ops::OpError::Input(format!("there is no item {id}"))),
                    Err(e) => Err(ops::OpError::Store(e)),
                };
                match moment {
                    Ok(moment) => Preview::Reads(
                        format!(
                            "until {} ({} from now)",
                            words::full(&moment, &ctx.now),
                            words::span(moment - ctx.now)
                        ),
                        Vec::new(),
                    ),
                    Err(e) => Preview::Error(e.to_string()),
                }
            }
            Purpose::Critique | Purpose::Favor => read(self.check(store, ctx)),
            Purpose::SaidNo(id) => said_no_preview(&reader, id, &text),
            Purpose::Person(_) => match ops::read_person_line(&text) {
                Ok(_) => Preview::Reads(
                    "saves these fields (the others stay as they are)".into(),
                    Vec::new(),
                ),
                Err(e) => Preview::Error(e.to_string()),
            },
            Purpose::Edit(id) => {
                match ops::preview_edit(&reader, ctx, id, &text, EditMode::Replace) {
                    Ok(reads) => Preview::Reads(reads, Vec::new()),
                    Err(e) => Preview::Error(e.to_string()),
                }
            }
        };
    }

    /// An action while the line is open: submit, cancel, or an editing key.
    pub fn on_action(&mut self, action: Action) -> Option<InputOutcome> {
        // A habit key never throws typed text away: cancel on a changed line asks once.
        let asked = std::mem::take(&mut self.discard_asked);
        match action {
            Action::Submit => Some(InputOutcome::Submit),
            Action::Cancel if self.changed() && !asked => {
                self.discard_asked = true;
                Some(InputOutcome::Edited)
            }
            Action::Cancel => Some(InputOutcome::Cancel),
            Action::Up if self.editor.is_empty() && self.restorable.is_some() => {
                let text = self.restorable.take().unwrap_or_default();
                self.editor.paste(&text);
                self.stale = true;
                Some(InputOutcome::Edited)
            }
            // The discarded line comes back in place of what is typed, which is kept in its turn
            // (a second press swaps them back): nothing typed is lost either way.
            Action::Restore => {
                let Some(text) = self.restorable.take() else {
                    return Some(InputOutcome::Edited);
                };
                let typed = self.editor.text();
                self.editor = LineEditor::with_text(&text);
                self.restorable = Some(typed).filter(|t| !t.trim().is_empty());
                self.stale = true;
                Some(InputOutcome::Edited)
            }
            action if self.editor.apply(action) => {
                self.stale = true;
                Some(InputOutcome::Edited)
            }
            _ => None,
        }
    }

    pub fn type_char(&mut self, c: char) {
        self.discard_asked = false;
        self.editor.type_char(c);
        self.stale = true;
    }

    pub fn paste(&mut self, text: &str) {
        self.discard_asked = false;
        self.editor.paste(text);
        self.stale = true;
    }

    /// For lines finished by a one-key choice (a critique, a favor): how the line reads, with
    /// notes about a new person; or what is missing (the rules are the ones the save keeps).
    pub fn check(&self, store: &Store, ctx: &Context) -> ops::OpResult<ops::Reading> {
        let text = self.editor.text();
        let reader = store.reader();
        match self.purpose {
            Purpose::Critique => ops::preview_critique(&reader, ctx, &text),
            _ => ops::preview_favor(&reader, ctx, &text),
        }
    }

    pub fn show_error(&mut self, message: String) {
        self.preview = Preview::Error(message);
    }
}

fn read(result: ops::OpResult<ops::Reading>) -> Preview {
    match result {
        Ok(reading) => Preview::Reads(reading.line, reading.notes),
        Err(e) => Preview::Error(e.to_string()),
    }
}

/// How a "said no" line reads: the reason, and what the re-ask will lead with.
fn said_no_preview(reader: &crate::store::Reader<'_>, id: i64, text: &str) -> Preview {
    let item = match reader.item(id) {
        Ok(Some(item)) => item,
        Ok(None) => return Preview::Error(format!("there is no item {id} any more")),
        Err(e) => return Preview::Error(e.to_string()),
    };
    let (reason, why) = ops::read_declined(text);
    let mut notes = Vec::new();
    match why.as_ref().or(item.why.as_ref()) {
        Some(objective) => notes.push(format!("The re-ask leads with: {objective}")),
        None => notes.push(
            "Add why: … (the objective) and the re-ask leads with it, so the no can become a yes"
                .into(),
        ),
    }
    Preview::Reads(format!("Declined ({reason}): {}", ops::short(&item)), notes)
}
