//! The typing modals: capture an ask or a deadline, snooze to a date, edit an item. Each shows,
//! live under the line, how nudge understands it; Enter saves through the same ops as the CLI.

use super::editor::LineEditor;
use crate::capture::Grammar;
use crate::domain::{Kind, words};
use crate::ops::{self, Context, EditMode, OpError};
use crate::store::Store;
use crate::when;

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
}

impl Purpose {
    pub fn title(self) -> String {
        match self {
            Purpose::CaptureAsk => "Capture an ask".into(),
            Purpose::CaptureDeadline => "Capture a deadline".into(),
            Purpose::Snooze(id) => format!("Snooze {id} until"),
            Purpose::Edit(id) => format!("Edit {id}"),
            Purpose::SaidNo(id) => format!("Said no to {id}: why? (enter skips)"),
            Purpose::Critique => "Log a critique".into(),
            Purpose::Favor => "Log a favor".into(),
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
            Purpose::Snooze(_) => "tomorrow 9am, mon, in 3 days, dec 3",
            Purpose::Edit(_) => "the whole item in the capture grammar",
            Purpose::SaidNo(_) => "too busy this week why: the launch deck needs proof points",
            Purpose::Critique => "@sam \"the deck is too wordy\" on \"Q4 launch deck\"",
            Purpose::Favor => "@sam reviewed his pricing page",
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
            Purpose::Snooze(_) => match when::parse(&text, &ctx.now, &ctx.week()) {
                Ok(moment) if moment <= ctx.now => Preview::Error(format!(
                    "{} is already past",
                    words::full(&moment, &ctx.now)
                )),
                Ok(moment) => Preview::Reads(
                    format!(
                        "until {} ({} from now)",
                        words::full(&moment, &ctx.now),
                        words::span(moment - ctx.now)
                    ),
                    Vec::new(),
                ),
                Err(e) => Preview::Error(e.to_string()),
            },
            Purpose::Critique | Purpose::Favor => match self.check(store, ctx) {
                Ok((_, reads, notes)) => Preview::Reads(reads, notes),
                Err(message) => Preview::Error(message),
            },
            Purpose::SaidNo(id) => said_no_preview(&reader, id, &text),
            Purpose::Edit(id) => {
                match ops::preview_edit(&reader, ctx, id, &text, EditMode::Replace) {
                    Ok(reads) => Preview::Reads(reads, Vec::new()),
                    Err(message) => Preview::Error(message),
                }
            }
        };
    }

    /// Save. `Ok(None)` when there is nothing to save yet.
    pub fn submit(&mut self, store: &mut Store, ctx: &Context) -> Result<Option<String>, OpError> {
        let text = self.editor.text();
        if text.trim().is_empty() {
            return Ok(None);
        }
        let line = match self.purpose {
            Purpose::CaptureAsk => {
                let captured = ops::capture_ask(store, ctx, &text)?;
                with_notes(captured.line, &captured.notes)
            }
            Purpose::CaptureDeadline => ops::capture_deadline(store, ctx, &text)?.line,
            Purpose::Snooze(id) => ops::snooze(store, ctx, id, &text)?,
            Purpose::Edit(id) => match &self.base {
                Some(base) => match ops::edit_opened(store, ctx, &text, base)? {
                    ops::LineEdit::Saved(line) => line,
                    ops::LineEdit::Conflict { message, current } => {
                        // Enter again saves the line over what is there now.
                        self.base = Some(current);
                        let save = "enter saves your line over it, esc keeps what is there";
                        return Err(OpError::Input(format!("{message}: {save}")));
                    }
                },
                None => ops::edit(store, ctx, id, &text, EditMode::Replace)?,
            },
            Purpose::Critique | Purpose::Favor | Purpose::SaidNo(_) => return Ok(None),
        };
        Ok(Some(line))
    }

    /// For lines finished by a one-key choice (a critique, a favor): the line when it is complete,
    /// with how it reads ("Sam said “…” about Q4 launch deck · enter, then …") and notes about a
    /// new person; or what is missing.
    pub fn check(
        &self,
        store: &Store,
        ctx: &Context,
    ) -> Result<(String, String, Vec<String>), String> {
        let text = self.editor.text();
        let grammar = match self.purpose {
            Purpose::Critique => Grammar::Critique,
            _ => Grammar::Favor,
        };
        let capture = crate::capture::parse(&text, grammar, &ctx.now, &ctx.week())
            .map_err(|e| e.to_string())?;
        let example = grammar.example();
        let Some(typed) = capture.person.as_deref() else {
            return Err(format!("who? add @name — e.g. {example}"));
        };
        let reader = store.reader();
        let (person, notes) = match reader.person_named(typed) {
            Ok(Some(known)) => (known.name, Vec::new()),
            _ => {
                let name = crate::domain::person::display_name(typed);
                let note =
                    ops::new_person_note(&reader, &name, false).map_err(|e| e.to_string())?;
                (name, note.into_iter().collect())
            }
        };
        if capture.title.is_empty() {
            return Err(format!("add what was said or done — e.g. {example}"));
        }
        let reads = match (&self.purpose, &capture.on) {
            (Purpose::Critique, on) => {
                let about = match on {
                    Some(crate::capture::Piece::Deadline(id)) => match reader.item(*id) {
                        Ok(Some(item)) if item.kind == Kind::Deadline => {
                            format!(" about {} (Deadline {id})", item.title)
                        }
                        _ => return Err(format!("\"on {id}\" must name a deadline")),
                    },
                    Some(crate::capture::Piece::Named(piece)) => {
                        match reader.open_deadline_titled(piece) {
                            Ok(Some(id)) => format!(" about {piece} (Deadline {id})"),
                            _ => format!(" about {piece}"),
                        }
                    }
                    None => String::new(),
                };
                format!(
                    "{person} said \"{}\"{about} · enter, then one key for your answer \
                     (invite to proof, …)",
                    capture.title
                )
            }
            _ => format!(
                "A favor with {person}: {} · enter, then g if you did it for them, r if they did",
                capture.title
            ),
        };
        Ok((text, reads, notes))
    }

    pub fn show_error(&mut self, message: String) {
        self.preview = Preview::Error(message);
    }
}

fn read(result: Result<(String, Vec<String>), String>) -> Preview {
    match result {
        Ok((line, notes)) => Preview::Reads(line, notes),
        Err(message) => Preview::Error(message),
    }
}

fn with_notes(line: String, notes: &[String]) -> String {
    match notes.first() {
        Some(note) => format!("{line} · {note}"),
        None => line,
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
