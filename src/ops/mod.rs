//! What a user can do, shared by the command line and the dashboard: each operation reads the
//! capture grammar, applies the domain's rules, and writes through the store in one transaction.

pub mod calendar;
mod capture;
mod card;
mod change;
mod critique;
mod day;
mod detail;
mod edit;
mod exchange;
mod favors;
mod followup;
mod insights;
pub mod mail;
mod meet;
mod people;
pub mod reminders;
mod stress;

pub use capture::{
    Captured, SentAsk, capture_ask, capture_ask_sent, capture_deadline, first_call_line, preview,
};
pub use card::{PersonCard, person_card};
pub use change::{
    SNOOZE_CHOICES, done, drop_item, missed, redo, short, snooze, snooze_moment, undo,
};
pub use critique::{
    critique, expert_notes, invite_draft, next_piece, preview_critique, proofing_status,
};
pub use day::{
    DayReport, ReviewCard, ReviewState, day_bounds, day_key, day_report, day_summary,
    reflection_for, review_card, review_queue, save_reflection,
};
pub use detail::{Detail, LineKind, detail};
pub use edit::{EditMode, LineEdit, capture_line, edit, edit_opened, preview_edit};
pub use exchange::{ExportFailure, ExportFormat, ImportFormat, detect, export, import};
pub use favors::{favor, ledger_note, preview_favor};
pub use followup::{Declined, declined, draft, draft_for, follow_up, ordinal, read_declined};
pub use insights::{CHANNEL_DAYS, Insights, STRESS_DAYS, WeekReport, insights, week_report};
pub use meet::{Meeting, meeting, met, out_of_touch, touch_line};
pub use people::{
    PersonChange, check_name, edit_person, email_list, expertise_list, new_person_note, person,
    person_fields, read_person_line,
};
pub use stress::{
    StressInfo, checkin, cycle, daily_averages, finish_sprint_if_over, rating_error, start_sprint,
    stop_sprint, stress_info, stress_sparkline,
};

use crate::config::Config;
use crate::domain::schedule::CheckBackRule;
use crate::domain::{Item, Kind};
use crate::store::{Reader, StoreError, WriteError};
use crate::when::{Moment, WorkWeek};

/// Whom a drafted message about `item` greets: their first name (or the one set for them), or
/// "there" when it is about no one.
fn greeting(reader: &Reader<'_>, item: &Item) -> Result<String, OpError> {
    Ok(match item.person_id {
        Some(id) => reader
            .person(id)?
            .map(|p| p.first_name())
            .unwrap_or_else(|| "there".into()),
        None => "there".into(),
    })
}

/// What an operation needs to know about the moment and the user.
#[derive(Debug, Clone)]
pub struct Context {
    pub now: Moment,
    pub config: Config,
}

impl Context {
    pub fn new(now: Moment, config: Config) -> Self {
        Context { now, config }
    }

    /// The same user at another moment (a reply taken as received when it was sent).
    pub fn with_now(mut self, now: Moment) -> Self {
        self.now = now;
        self
    }

    pub fn week(&self) -> WorkWeek {
        self.config.work_week()
    }

    pub fn rule(&self) -> CheckBackRule {
        self.config.check_back_rule()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OpError {
    /// The user's input was wrong; nothing changed (exit code 1).
    #[error("{0}")]
    Input(String),
    /// The database could not be used (exit code 2).
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl OpError {
    /// Into the log: a refusal is routine (info), a database failure is not (error).
    pub fn log(&self) {
        match self {
            OpError::Input(reason) => tracing::info!(%reason, "refused"),
            OpError::Store(e) => tracing::error!(error = %e, "the database could not be used"),
        }
    }

    /// The database was held by another program for longer than the wait.
    pub fn is_busy(&self) -> bool {
        matches!(self, OpError::Store(e) if e.is_busy())
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            OpError::Input(_) => 1,
            OpError::Store(_) => 2,
        }
    }
}

impl From<WriteError> for OpError {
    fn from(error: WriteError) -> Self {
        match error {
            WriteError::Input(message) => OpError::Input(message),
            WriteError::Store(store) => OpError::Store(store),
        }
    }
}

pub type OpResult<T> = Result<T, OpError>;

/// How a line reads before it is saved (a live preview): the line as it will be, and advice to
/// show under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub line: String,
    pub notes: Vec<String>,
}

/// The item with this id, or an input error that says there is none.
pub fn find(reader: &Reader<'_>, id: i64) -> Result<Item, WriteError> {
    reader.item(id).map_err(WriteError::Store)?.ok_or_else(|| {
        WriteError::Input(format!("there is no item {id}; `nudge list` shows the ids"))
    })
}

/// "Ask 12", "Deadline 3".
pub fn label(item: &Item) -> String {
    format!("{} {}", item.kind.title(), item.id)
}

/// Refuse to change an item that is already closed.
fn must_be_open(item: &Item, doing: &str) -> Result<(), WriteError> {
    if item.is_open() {
        return Ok(());
    }
    let hint = match item.kind {
        Kind::Ask => " (`nudge edit` with a new need-by reopens it)",
        _ => "",
    };
    Err(WriteError::Input(format!(
        "{} is already {}; nothing to {doing}{hint}",
        label(item),
        item.status.label()
    )))
}
