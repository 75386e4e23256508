//! Changing items: done, drop, snooze, edit, undo. Each is one journaled transaction.

use super::{Context, OpError, OpResult, find, label, must_be_open};
use crate::domain::{Item, Kind, Status, words};
use crate::store::{Store, WriteError};
use crate::when;

/// Mark an item received / done / proofed, with an optional note.
pub fn done(store: &mut Store, ctx: &Context, id: i64, note: &str) -> OpResult<String> {
    close(store, ctx, id, note, "done", None)
}

/// A deadline that was not met.
pub fn missed(store: &mut Store, ctx: &Context, id: i64) -> OpResult<String> {
    close(store, ctx, id, "", "missed", Some(Status::Missed))
}

/// Drop an item: no longer waiting on it.
pub fn drop_item(store: &mut Store, ctx: &Context, id: i64) -> OpResult<String> {
    close(store, ctx, id, "", "drop", Some(Status::Dropped))
}

fn close(
    store: &mut Store,
    ctx: &Context,
    id: i64,
    note: &str,
    action: &str,
    status: Option<Status>,
) -> OpResult<String> {
    Ok(store.write(action, &ctx.now, |w| {
        close_in(w, ctx, id, note, action, status)
    })?)
}

/// The same, inside a transaction already open (a calendar pull closes several in one).
pub(super) fn close_in(
    w: &mut crate::store::Writer<'_>,
    ctx: &Context,
    id: i64,
    note: &str,
    action: &str,
    status: Option<Status>,
) -> Result<String, WriteError> {
    {
        let mut item = find(&w.reader(), id)?;
        must_be_open(&item, action)?;
        if status == Some(Status::Missed) && item.kind != Kind::Deadline {
            return Err(WriteError::Input(format!(
                "{} is not a deadline; only deadlines are missed (`nudge drop {id}` lets it go)",
                label(&item)
            )));
        }
        item.status = status.unwrap_or(item.kind.done_status());
        // Dropping a deadline that has already passed means it was missed.
        if item.kind == Kind::Deadline
            && item.status == Status::Dropped
            && item.due.is_some_and(|due| due < ctx.now)
        {
            item.status = Status::Missed;
        }
        item.closed_at = Some(ctx.now);
        add_note(&mut item.notes, note);
        w.save_item(&item)?;
        let line = format!(
            "{}: {}",
            crate::domain::words::capitalized(item.status.label()),
            short(&item)
        );
        w.describe(&line)?;
        Ok(line)
    }
}

/// "Ask 12 · Dana · customer quotes".
pub fn short(item: &Item) -> String {
    match &item.person {
        Some(person) => format!("{} · {person} · {}", label(item), item.title),
        None => format!("{} · {}", label(item), item.title),
    }
}

fn add_note(notes: &mut String, note: &str) {
    let note = note.trim();
    if note.is_empty() {
        return;
    }
    if !notes.is_empty() {
        notes.push('\n');
    }
    notes.push_str(note);
}

/// Move an ask's next check-back, or a deadline's due time.
/// The one-key choices of a snooze, as the snooze line offers them.
pub const SNOOZE_CHOICES: &str =
    "[1] tomorrow 9:00 · [2] next work day · [3] next week · [4] day before need-by · or a date";

/// When a snooze of `item` to `text` lands: one of the four choices (a digit alone), or a
/// date in words; never in the past.
pub fn snooze_moment(item: &Item, ctx: &Context, text: &str) -> Result<when::Moment, OpError> {
    let week = ctx.week();
    let today = ctx.now.date_naive();
    let at_start = |date| when::local(&ctx.now.timezone(), date, week.start_of_day);
    let moment = match text.trim() {
        "1" => at_start(today + chrono::Duration::days(1)),
        "2" => at_start(week.add_work_days(today, 1)),
        "3" => {
            use chrono::Datelike;
            let monday = today
                + chrono::Duration::days(7 - i64::from(today.weekday().num_days_from_monday()));
            at_start(week.add_work_days(monday, 0))
        }
        "4" => match item.need_by {
            Some(need_by) => at_start(need_by.date_naive() - chrono::Duration::days(1)),
            None => {
                return Err(OpError::Input(format!(
                    "{} has no need-by, so 4 (the day before it) has nothing to go by; {}",
                    label(item),
                    "1 tomorrow, 2 next work day, 3 next week, or a date"
                )));
            }
        },
        text => when::parse(text, &ctx.now, &week).map_err(|e| OpError::Input(e.to_string()))?,
    };
    if moment <= ctx.now {
        return Err(OpError::Input(format!(
            "{} is already past; snooze to a later time (tomorrow, mon, in 3 days)",
            words::full(&moment, &ctx.now)
        )));
    }
    Ok(moment)
}

pub fn snooze(store: &mut Store, ctx: &Context, id: i64, when_text: &str) -> OpResult<String> {
    let item = find(&store.reader(), id).map_err(OpError::from)?;
    let moment = snooze_moment(&item, ctx, when_text)?;
    Ok(store.write("snooze", &ctx.now, |w| {
        let mut item = find(&w.reader(), id)?;
        must_be_open(&item, "snooze")?;
        let what = match item.kind {
            Kind::Ask => {
                item.next_check = Some(moment);
                item.check_by_hand = true;
                "check back"
            }
            Kind::Deadline => {
                item.due = Some(moment);
                "due"
            }
            Kind::Proofing => {
                return Err(WriteError::Input(format!(
                    "{} has no date to move; mark it sent with `nudge proofing {id} sent`",
                    label(&item)
                )));
            }
        };
        w.save_item(&item)?;
        let mut line = format!(
            "Snoozed {}: {what} {}",
            label(&item),
            words::full(&moment, &ctx.now)
        );
        w.describe(&line)?;
        // Snoozing past what the ask is for is allowed, and said.
        let deadline = super::capture::linked_deadline(&w.reader(), item.deadline_id)?;
        for note in super::capture::date_notes(&item, deadline.as_ref(), ctx) {
            line.push_str(" · ");
            line.push_str(&note);
        }
        Ok(line)
    })?)
}

/// Undo the latest change (repeatable: each undo goes one further back).
pub fn undo(store: &mut Store, ctx: &Context) -> OpResult<String> {
    let undone = store.write("undo", &ctx.now, |w| w.undo_last())?;
    Ok(match undone {
        Some(undone) => said_again("Undone", &undone, ctx),
        None => "Nothing to undo".to_string(),
    })
}

/// Redo the latest undo (when nothing else was written since).
pub fn redo(store: &mut Store, ctx: &Context) -> OpResult<String> {
    let redone = store.write("redo", &ctx.now, |w| w.redo_last())?;
    Ok(match redone {
        Some(redone) => said_again("Redone", &redone, ctx),
        None => {
            "Nothing to redo: redo puts back what undo just took, before anything else is changed"
                .to_string()
        }
    })
}

/// "Undone: Done: Ask 12 · … (from today 09:00)", with the rows another machine changed since.
fn said_again(what: &str, undone: &crate::store::Undone, ctx: &Context) -> String {
    let mut line = format!(
        "{what}: {} (from {})",
        undone.summary,
        words::day_time(&undone.at, &ctx.now)
    );
    if undone.kept > 0 {
        line.push_str(&format!(
            "; {} changed on another machine since (brought by sync) left as {}",
            words::count(undone.kept, "record"),
            if undone.kept == 1 {
                "it is"
            } else {
                "they are"
            }
        ));
    }
    line
}
