//! `nudge calendar push` and `pull`: the open deadlines and check-backs in a CalDAV collection,
//! so the phone's calendar reminds the user, and what was ticked off there brought back.
//! The HTTP is `calendar::dav`; what was sent is kept in the store by UID.

use super::{Context, OpError, change, followup};
use crate::calendar::dav::{Collection, DavError, Written};
use crate::domain::escalation;
use crate::exchange::ics::{self, Alarms, EntryKind};
use crate::store::{CalendarEntry, Store, WriteError};

/// What a push did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pushed {
    pub created: usize,
    pub updated: usize,
    pub deleted: usize,
    pub unchanged: usize,
    /// Entries changed on the server since the last push or pull: left as they are.
    pub changed_there: Vec<String>,
}

/// What a pull did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pulled {
    /// One line per change made here.
    pub lines: Vec<String>,
    /// Entries removed on the server (forgotten here; the next push writes them again).
    pub gone: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error(transparent)]
    Op(#[from] OpError),
    #[error(transparent)]
    Dav(#[from] DavError),
}

impl From<crate::store::StoreError> for CalendarError {
    fn from(e: crate::store::StoreError) -> Self {
        CalendarError::Op(OpError::Store(e))
    }
}

impl From<WriteError> for CalendarError {
    fn from(e: WriteError) -> Self {
        CalendarError::Op(e.into())
    }
}

fn alarms(ctx: &Context) -> Alarms {
    let lead = chrono::Duration::minutes(i64::from(ctx.config.calendar.alarm_minutes));
    Alarms {
        deadline: lead,
        check_back: lead,
    }
}

/// Write every open deadline and check-back to the collection: new ones created, changed ones
/// updated where the server still has what nudge last wrote, closed ones deleted.
pub fn push(store: &mut Store, ctx: &Context, dav: &Collection) -> Result<Pushed, CalendarError> {
    dav.check()?;
    let (items, sent) = {
        let reader = store.reader();
        (reader.calendar_items()?, reader.calendar_entries()?)
    };
    let alarms = alarms(ctx);
    let mut known: std::collections::HashMap<String, CalendarEntry> =
        sent.into_iter().map(|e| (e.uid.clone(), e)).collect();
    let mut keep: Vec<CalendarEntry> = Vec::new();
    let mut forget: Vec<String> = Vec::new();
    let mut pushed = Pushed::default();
    for item in &items {
        for entry in ics::entries(item, &alarms) {
            let before = known.remove(&entry.uid);
            let href = before
                .as_ref()
                .map(|b| b.href.clone())
                .unwrap_or_else(|| dav.href(&entry.uid));
            // (how it went, whether it was made new)
            let (written, created) = match &before {
                Some(b) if b.body == entry.body => {
                    pushed.unchanged += 1;
                    continue;
                }
                Some(b) => match dav.update(&href, &entry.body, b.etag.as_deref())? {
                    Written::Missing => (dav.create(&href, &entry.body)?, true),
                    other => (other, false),
                },
                None => match dav.create(&href, &entry.body)? {
                    // There already (what nudge wrote before its record was lost): ours.
                    Written::Changed => (dav.update(&href, &entry.body, None)?, true),
                    other => (other, true),
                },
            };
            match written {
                Written::Done(etag) => {
                    if created {
                        pushed.created += 1;
                    } else {
                        pushed.updated += 1;
                    }
                    keep.push(CalendarEntry {
                        uid: entry.uid,
                        href,
                        etag,
                        body: entry.body,
                        item_id: item.id,
                        kind: entry.kind.as_str().into(),
                    });
                }
                Written::Changed | Written::Missing => {
                    pushed.changed_there.push(item.title.clone());
                }
            }
        }
    }
    // What is no longer open (done, dropped, its check-back gone) leaves the calendar.
    for (uid, entry) in known {
        match dav.delete(&entry.href, entry.etag.as_deref())? {
            Written::Done(_) | Written::Missing => {
                pushed.deleted += 1;
                forget.push(uid);
            }
            Written::Changed => pushed.changed_there.push(entry.href.clone()),
        }
    }
    store.write("calendar push", &ctx.now, |w| {
        for entry in &keep {
            w.keep_calendar_entry(entry)?;
        }
        for uid in &forget {
            w.forget_calendar_entry(uid)?;
        }
        Ok(())
    })?;
    Ok(pushed)
}

/// Read back every to-do nudge put there: a check-back ticked off logs a follow-up (on the
/// channel nudge suggested), a deadline's to-do ticked off marks the deadline done. All of it
/// in one transaction, which one `nudge undo` takes back.
pub fn pull(store: &mut Store, ctx: &Context, dav: &Collection) -> Result<Pulled, CalendarError> {
    dav.check()?;
    let entries = store.reader().calendar_entries()?;
    // Every GET before the transaction: no lock is held while the network answers.
    let mut read = Vec::new();
    for entry in entries {
        if EntryKind::from_word(&entry.kind) == Some(EntryKind::Deadline) {
            continue;
        }
        let now_there = dav.get(&entry.href)?;
        read.push((entry, now_there));
    }
    Ok(store.write("calendar pull", &ctx.now, |w| {
        let mut pulled = Pulled::default();
        for (entry, now_there) in read {
            let Some((body, etag)) = now_there else {
                w.forget_calendar_entry(&entry.uid)?;
                pulled.gone += 1;
                continue;
            };
            // Unchanged since nudge last wrote or read it: nothing new (a completion already
            // brought back stays completed there until the next push).
            if body == entry.body || !ics::todo_completed(&body) {
                continue;
            }
            let Some(item) = w.reader().item(entry.item_id)? else {
                w.forget_calendar_entry(&entry.uid)?;
                continue;
            };
            if !item.is_open() {
                continue;
            }
            let line = match EntryKind::from_word(&entry.kind) {
                Some(EntryKind::CheckBack) => {
                    let via = escalation::next_channel(item.channel, &item.chased);
                    followup::follow_up_in(w, ctx, item.id, Some(via), "checked off on the phone")?
                }
                Some(EntryKind::DeadlineTodo) => {
                    change::close_in(w, ctx, item.id, "ticked off on the phone", "done", None)?
                }
                _ => continue,
            };
            pulled.lines.push(line);
            // What the server holds now: the next push replaces it where the item changed.
            w.keep_calendar_entry(&CalendarEntry {
                etag,
                body,
                ..entry
            })?;
        }
        if !pulled.lines.is_empty() {
            let n = pulled.lines.len();
            w.describe(&format!(
                "Calendar pull: {n} change{} from the phone",
                if n == 1 { "" } else { "s" }
            ))?;
        }
        Ok(pulled)
    })?)
}
