//! The dashboard's writes: each change an update asks for is made here, after the update, through
//! the same ops as the command line; its outcome comes back to `update` with what waits on it.

use std::time::Duration;

use super::message::{Effect, Msg};
use super::{App, Notice, Screen};
use crate::domain::critique::Response;
use crate::domain::favor::Direction;
use crate::domain::review::Decision;
use crate::domain::{Channel, Item, NewCheckin, Reflection, Status};
use crate::ops::{self, Captured, Declined, EditMode, LineEdit, OpError, ReviewState};
use crate::tui::action::Action;
use crate::tui::editor::LineEditor;
use crate::tui::input::Purpose;
use crate::tui::keymap::Context;

/// A change to the database, as the dashboard asks for it.
#[derive(Debug, Clone)]
pub enum Change {
    /// A one-key change on an item: done, drop, missed, an invitation sent, accepted or declined.
    Item(Action, i64),
    Undo,
    Redo,
    StartSprint(i64),
    StopSprint,
    /// End the running sprint if its time is up.
    FinishSprint,
    /// Take what came due and was not told yet (the line for the status line).
    Remind,
    /// A typed line: a capture, a snooze, an edit (against the item as it was opened), a no.
    Line {
        purpose: Purpose,
        text: String,
        base: Option<Box<Item>>,
    },
    FollowUp {
        id: i64,
        channel: Channel,
    },
    Critique {
        line: String,
        response: Response,
    },
    Favor {
        line: String,
        direction: Direction,
    },
    LinkDeadline {
        ask: i64,
        deadline: i64,
    },
    Checkin(NewCheckin),
    /// Bookkeeping, outside the journal: where the review is.
    Review(Box<ReviewState>),
    /// The reflection as typed, waiting at most `wait` for another program's lock.
    Reflection {
        reflection: Box<Reflection>,
        wait: Duration,
    },
    /// The reflection's first call, captured as an ask.
    FirstCall(String),
    /// A reply found in the mail, taken or dismissed.
    Reply(crate::domain::mail::Answer, i64),
    /// Leaving person mode after a visit: it counts as contact (with the recap, when something
    /// was covered).
    Met {
        person_id: i64,
        recap: Option<String>,
    },
}

/// What a change said.
#[derive(Debug)]
pub enum Said {
    Line(String),
    Captured(Box<Captured>),
    Declined(Declined),
    Edit(LineEdit),
    /// The sprint check: the line when it ended.
    SprintOver(Option<String>),
    /// What came due, for the status line.
    Reminded(Option<String>),
    Nothing,
}

impl Said {
    fn captured(captured: Captured) -> Said {
        Said::Captured(Box::new(captured))
    }

    /// The line a notice shows (a capture's first note after it).
    pub fn line(self) -> String {
        match self {
            Said::Line(line) | Said::Edit(LineEdit::Saved(line)) => line,
            Said::Captured(captured) => match captured.notes.first() {
                Some(note) => format!("{} · {note}", captured.line),
                None => captured.line,
            },
            Said::Declined(declined) => declined.line,
            Said::Edit(LineEdit::Conflict { message, .. }) => message,
            Said::SprintOver(line) | Said::Reminded(line) => line.unwrap_or_default(),
            Said::Nothing => String::new(),
        }
    }
}

/// What waits on a change: how its outcome is shown and what happens next.
#[derive(Debug, Clone)]
pub enum Then {
    /// Say how it went (with how to undo it) and read the screen again.
    Say,
    /// A one-key change on an item: kept and tried again while another program holds the
    /// database.
    Settle(Action, i64),
    /// A review decision the change makes: recorded once it is saved.
    Decided(Decision),
    /// The sprint check of the timer: when the sprint ended, say so and open the check-in.
    SprintOver,
    /// The reminders of the minute: their line in the status line.
    Reminded,
    /// The typed line on screen: the modal closes when saved, and keeps the line (saying why)
    /// when not.
    Line,
    /// A one-key choice finished a line (a critique, a favor): when the database failed, that
    /// line opens again, kept.
    Picked(Option<(Purpose, String)>),
    /// The check-in; when the database failed it stays on its last step with this action.
    Checkin(String),
    /// The review's place is saved: on to the next card (`finished`: the review just ended).
    ReviewSaved { finished: bool },
    /// The last review decision's change is undone: the review goes back to its card.
    ReviewUndone,
    /// The review is back at the card of the decision taken back.
    ReviewBack,
    /// The reflection as typed is saved (`leaving`: esc asked to close it).
    Reflection { leaving: bool },
    /// The reflection's first call became an ask.
    FirstCall,
}

impl App {
    /// Ask for a change, made once the update is over.
    pub(super) fn save(&mut self, change: Change, then: Then) {
        self.effects.push_back(Effect::Save(change, then));
    }

    /// Make one change: the only place the dashboard writes.
    pub(super) fn apply(&mut self, change: Change) -> Result<Said, OpError> {
        let ctx = self.ctx();
        let store = &mut self.store;
        let line = |result: Result<String, OpError>| result.map(Said::Line);
        match change {
            Change::Item(action, id) => line(match action {
                // Done on an ask a reply was found for (the review's card says so): received
                // when the reply came.
                Action::Done if matches!(store.reader().mail_suggestion_for(id), Ok(Some(_))) => {
                    ops::mail::answer(store, &ctx, id, crate::domain::mail::Answer::Received)
                }
                Action::Done => ops::done(store, &ctx, id, ""),
                Action::Drop => ops::drop_item(store, &ctx, id),
                Action::MarkMissed => ops::missed(store, &ctx, id),
                Action::MarkSent => ops::proofing_status(store, &ctx, id, Status::Sent),
                Action::MarkAccepted => ops::proofing_status(store, &ctx, id, Status::Accepted),
                Action::Declined => ops::proofing_status(store, &ctx, id, Status::Declined),
                other => Err(OpError::Input(format!("{other} does not change item {id}"))),
            }),
            Change::Undo => line(ops::undo(store, &ctx)),
            Change::Redo => line(ops::redo(store, &ctx)),
            Change::StartSprint(id) => line(ops::start_sprint(store, &ctx, id)),
            Change::StopSprint => line(ops::stop_sprint(store, &ctx)),
            Change::FinishSprint => ops::finish_sprint_if_over(store, &ctx).map(Said::SprintOver),
            Change::Remind => {
                ops::reminders::for_dashboard(store, &ctx, self.theme.ascii).map(Said::Reminded)
            }
            Change::Line {
                purpose,
                text,
                base,
            } => match purpose {
                Purpose::CaptureAsk => ops::capture_ask(store, &ctx, &text).map(Said::captured),
                Purpose::CaptureDeadline => {
                    line(ops::capture_deadline(store, &ctx, &text).map(|c| c.line))
                }
                Purpose::Snooze(id) => line(ops::snooze(store, &ctx, id, &text)),
                Purpose::Edit(id) => match base {
                    Some(base) => ops::edit_opened(store, &ctx, &text, &base).map(Said::Edit),
                    None => line(ops::edit(store, &ctx, id, &text, EditMode::Replace)),
                },
                Purpose::SaidNo(id) => ops::declined(store, &ctx, id, &text).map(Said::Declined),
                Purpose::Person(id) => line(ops::edit_person(store, &ctx, id, &text)),
                Purpose::Critique | Purpose::Favor => Err(OpError::Input(
                    "a critique or a favor is finished by a one-key choice".into(),
                )),
            },
            Change::FollowUp { id, channel } => {
                line(ops::follow_up(store, &ctx, id, Some(channel), ""))
            }
            Change::Critique { line, response } => {
                ops::critique(store, &ctx, &line, response).map(Said::captured)
            }
            Change::Favor { line, direction } => {
                ops::favor(store, &ctx, direction, &line).map(Said::captured)
            }
            Change::LinkDeadline { ask, deadline } => line(ops::edit(
                store,
                &ctx,
                ask,
                &format!("for {deadline}"),
                EditMode::Merge,
            )),
            Change::Checkin(checkin) => line(ops::checkin(store, &ctx, checkin)),
            Change::Reply(answer, id) => line(ops::mail::answer(store, &ctx, id, answer)),
            Change::Met { person_id, recap } => {
                line(ops::met(store, &ctx, person_id, recap.as_deref()))
            }
            Change::Review(state) => state.save(store, &ctx).map(|()| Said::Nothing),
            Change::Reflection { reflection, wait } => store
                .with_busy_timeout(wait, |store| ops::save_reflection(store, &ctx, &reflection))
                .map(|()| Said::Nothing),
            Change::FirstCall(text) => {
                ops::capture_ask(store, &ctx, &ops::first_call_line(&text, &ctx))
                    .map(Said::captured)
            }
        }
    }

    /// Make every change the update asked for, each outcome back through `update` (which may
    /// ask for more); drafts to copy wait for the event loop.
    pub(super) fn perform(&mut self) {
        while let Some(effect) = self.effects.pop_front() {
            match effect {
                Effect::Save(change, then) => {
                    let covered = self.covered_by(&change);
                    let undo = matches!(change, Change::Undo);
                    let outcome = self.apply(change);
                    if outcome.is_ok() {
                        self.note_covered(covered, undo);
                    }
                    self.update(Msg::Saved(then, outcome));
                }
                Effect::Copy(copy) => self.clipboard = Some(copy),
            }
        }
    }

    /// A change's outcome, with what waited on it.
    pub(super) fn saved(&mut self, then: Then, outcome: Result<Said, OpError>) {
        match then {
            Then::Say => self.after_change(outcome.map(Said::line)),
            Then::Settle(action, id) => self.settle_change(action, id, outcome.map(Said::line)),
            Then::Decided(decision) => {
                let saved = outcome.is_ok();
                self.after_change(outcome.map(Said::line));
                if saved {
                    self.review_decided(decision);
                }
            }
            Then::SprintOver => match outcome {
                Ok(Said::SprintOver(Some(line))) => {
                    self.after_change(Ok(line));
                    if matches!(self.screen, Screen::Dashboard) {
                        self.start_checkin();
                    }
                }
                Ok(_) => {}
                Err(e) => self.fail(e),
            },
            Then::Reminded => self.reminded(outcome.map(|said| match said {
                Said::Reminded(line) => line,
                _ => None,
            })),
            Then::Line => self.line_saved(outcome),
            Then::Picked(kept) => self.picked(kept, outcome),
            Then::Checkin(action) => self.checkin_saved(action, outcome),
            Then::ReviewSaved { finished } => match outcome {
                Err(e) => self.fail(e),
                Ok(_) if finished => self.reload(),
                Ok(_) => self.load_review_card(),
            },
            Then::ReviewUndone => self.review_undone(outcome),
            Then::ReviewBack => match outcome {
                Err(e) => self.fail(e),
                Ok(_) => {
                    self.reload();
                    self.load_review_card();
                }
            },
            Then::Reflection { leaving } => self.reflection_saved(leaving, outcome),
            Then::FirstCall => self.first_call_captured(outcome),
        }
    }

    /// The typed line was saved, or not.
    fn line_saved(&mut self, outcome: Result<Said, OpError>) {
        let submit = self.key_name(Context::Input, Action::Submit);
        let cancel = self.key_name(Context::Input, Action::Cancel);
        let Screen::Input { input, .. } = &mut self.screen else {
            return self.after_change(outcome.map(Said::line));
        };
        match outcome {
            Ok(Said::Edit(LineEdit::Conflict { message, current })) => {
                // The submit key again saves the line over what is there now.
                input.base = Some(current);
                input.show_error(format!(
                    "{message}: {submit} saves your line over it, {cancel} keeps what is there"
                ));
            }
            Ok(Said::Declined(declined)) => {
                let id = match input.purpose {
                    Purpose::SaidNo(id) => Some(id),
                    _ => None,
                };
                self.back();
                self.said_no(id, declined);
            }
            Ok(said) => {
                self.back();
                self.after_change(Ok(said.line()));
                self.review_modal_closed(true);
            }
            Err(OpError::Input(message)) => input.show_error(message),
            // The database could not take it (locked, full, gone): keep the line so nothing
            // typed is lost, and let the submit key try again.
            Err(e) => {
                input.show_error(kept_for_retry(&e, &submit));
                e.log();
            }
        }
    }

    /// An ask declined from its "said no" line: kept on screen, selected, so that the re-ask is
    /// one key away until the selection moves.
    fn said_no(&mut self, id: Option<i64>, declined: Declined) {
        let key = |action| {
            self.keymap
                .key_for(Context::Dashboard, action)
                .map(|k| k.to_string())
        };
        let mut line = declined.line;
        if let Some(copy) = key(Action::CopyDraft) {
            line.push_str(&format!(" · {copy} copies the re-ask"));
        }
        if let Some(edit) = key(Action::Edit) {
            line.push_str(&format!(", {edit} asks again with a new need-by"));
        }
        self.after_change(Ok(line));
        if let (Some(id), Screen::Dashboard) = (id, &self.screen) {
            self.pinned = self.store.reader().item(id).ok().flatten();
        }
        self.review_modal_closed(true);
    }

    /// A one-key choice was saved, or not.
    fn picked(&mut self, kept: Option<(Purpose, String)>, outcome: Result<Said, OpError>) {
        // A critique or favor the database could not take goes back to its line, kept.
        if let (Err(e), Some((purpose, line))) = (&outcome, &kept)
            && !matches!(e, OpError::Input(_))
        {
            e.log();
            let submit = self.key_name(Context::Input, Action::Submit);
            self.start_input(*purpose, line);
            if let Screen::Input { input, .. } = &mut self.screen {
                input.show_error(kept_for_retry(e, &submit));
            }
            return;
        }
        let saved = outcome.is_ok();
        self.after_change(outcome.map(Said::line));
        self.review_modal_closed(saved);
    }

    fn checkin_saved(&mut self, action: String, outcome: Result<Said, OpError>) {
        match outcome {
            Err(e) if !matches!(e, OpError::Input(_)) => {
                // Kept on its last step with the action typed in: submit saves it again.
                let submit = self.key_name(Context::Input, Action::Submit);
                if let Screen::Checkin { flow, .. } = &mut self.screen {
                    flow.action = LineEditor::with_text(&action);
                }
                e.log();
                self.notice = Some(Notice::Error(kept_for_retry(&e, &submit)));
            }
            outcome => {
                self.back();
                self.after_change(outcome.map(Said::line));
            }
        }
    }

    /// Say how a one-key change went, keeping it for another try when the database was busy.
    pub(super) fn settle_change(
        &mut self,
        action: Action,
        id: i64,
        result: Result<String, OpError>,
    ) {
        match result {
            Err(e) if e.is_busy() => {
                self.retry = Some((action, id));
                let cancel = self
                    .keymap
                    .key_for(Context::Dashboard, Action::Back)
                    .map(|k| format!(" ({k} lets it go)"))
                    .unwrap_or_default();
                self.notice = Some(Notice::Error(format!(
                    "Not saved yet: {} on item {id}. Another program holds the database; it is \
                     tried again every 2 s{cancel}",
                    action.description()
                )));
                self.dirty = true;
            }
            result => {
                self.retry = None;
                self.after_change(result);
            }
        }
    }
}

/// What a modal says when the database could not take what was typed, which it keeps.
fn kept_for_retry(error: &OpError, submit: &str) -> String {
    format!(
        "Not saved yet, kept ({submit} tries again): {}",
        error.to_string().replace('\n', " ")
    )
}
