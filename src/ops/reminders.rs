//! Reminders away from the dashboard: what has come due and was not told yet, told once.
//! `nudge notify` shows them on the desktop (or prints them); the open dashboard shows them in
//! its status line. Both remember what they told, so neither repeats the other.

use super::{Context, OpError, stress};
use crate::domain::reminder::{self, Batch, Quiet, Reminder};
use crate::store::{Reader, Store, WriteError};

/// More asks than this coming due at once are not all looked at: the latest are.
const MOST_ASKS: usize = 500;
/// The replies found in the mail looked at per run (the latest).
const MOST_REPLIES: usize = 50;

/// Every reminder that holds now, told or not: asks first (the latest moment first), then the
/// tight deadline, its check-in, and a sprint that ran out.
pub fn holding_now(reader: &Reader<'_>, ctx: &Context) -> Result<Vec<Reminder>, OpError> {
    let now = &ctx.now;
    let mut all: Vec<Reminder> = reader
        .asks_come_due(now, MOST_ASKS)?
        .iter()
        .flat_map(|item| reminder::for_ask(item, now))
        .collect();
    let cycle = stress::cycle(&ctx.config);
    let tight = reader.deadlines_due_by(&(*now + cycle.tight_window), 20)?;
    let last_checkin = reader.last_checkin()?.map(|(at, _)| at);
    for (i, row) in tight.iter().enumerate() {
        let Some(due) = row.item.due else { continue };
        all.extend(reminder::for_tight_deadline(
            &row.item,
            due - cycle.tight_window,
            now,
        ));
        // The cycle of check-ins runs for the nearest deadline only (as the Stress pane).
        if i == 0 {
            let at = cycle.next_checkin(&due, last_checkin.as_ref());
            all.extend(reminder::for_checkin(&row.item, at, now));
        }
    }
    all.extend(
        reader
            .mail_suggestions(MOST_REPLIES)?
            .iter()
            .map(|reply| reminder::for_reply(reply, now)),
    );
    if let Some(sprint) = reader.running_sprint()? {
        let deadline = match sprint.deadline_id {
            Some(id) => reader.item(id)?,
            None => None,
        };
        all.extend(reminder::for_sprint(&sprint, deadline.as_ref(), now));
    }
    Ok(all)
}

/// The reminders not told yet.
pub fn untold(reader: &Reader<'_>, ctx: &Context) -> Result<Vec<Reminder>, OpError> {
    let mut new = Vec::new();
    for r in holding_now(reader, ctx)? {
        if !reader.reminder_sent(&r.key, &r.due)? {
            new.push(r);
        }
    }
    Ok(new)
}

/// The quiet hours and days of the config.
pub fn quiet(ctx: &Context) -> Quiet {
    Quiet {
        hours: ctx.config.quiet_hours(),
        work_days_only: ctx.config.notify.work_days_only,
    }
}

/// What one run did.
#[derive(Debug)]
pub enum Told {
    /// These were new and are now remembered as told.
    Sent(Vec<Reminder>),
    /// Quiet now (why): nothing was told or remembered; this many wait.
    Quiet(String, usize),
}

/// Tell what is new through `tell` (which gets the batch: a few one by one, and a line for the
/// rest) and remember all of it, in one transaction: if `tell` fails, nothing is remembered and
/// its error comes back. `how` is saved beside each ("desktop", "print", "dashboard").
pub fn tell<E>(
    store: &mut Store,
    ctx: &Context,
    how: &str,
    keep_quiet: bool,
    tell: impl FnOnce(&Batch<'_>) -> Result<(), E>,
) -> Result<Told, TellError<E>> {
    let mut failed = None;
    let result = store.write("remind", &ctx.now, |w| {
        let new = untold(&w.reader(), ctx).map_err(|e| match e {
            OpError::Store(e) => WriteError::Store(e),
            OpError::Input(e) => WriteError::Input(e),
        })?;
        let quiet = quiet(ctx);
        if keep_quiet && let Some(why) = quiet.reason(&ctx.now, &ctx.week()) {
            return Ok(Told::Quiet(why, new.len()));
        }
        if !new.is_empty()
            && let Err(e) = tell(&reminder::batch(&new))
        {
            failed = Some(e);
            return Err(WriteError::Input("not told".into()));
        }
        for r in &new {
            w.mark_reminder_sent(&r.key, &r.due, how)?;
        }
        w.prune_reminders()?;
        Ok(Told::Sent(new))
    });
    match (result, failed) {
        (_, Some(e)) => Err(TellError::Tell(e)),
        (Ok(told), None) => Ok(told),
        (Err(e), None) => Err(TellError::Op(e.into())),
    }
}

/// The dashboard's turn: what is new counts as told, and comes back as one status line
/// ("⏰ Check back with Dana: customer quotes (and 2 more)").
pub fn for_dashboard(
    store: &mut Store,
    ctx: &Context,
    ascii: bool,
) -> Result<Option<String>, OpError> {
    let mut line = None;
    let told = tell(store, ctx, "dashboard", false, |b| {
        line = b.each.first().map(|first| {
            let more = b.each.len() - 1 + b.more;
            let glyph = if ascii { "!" } else { "⏰" };
            match more {
                0 => format!("{glyph} {} — {}", first.summary, first.body),
                n => format!("{glyph} {} (and {n} more)", first.summary),
            }
        });
        Ok::<(), std::convert::Infallible>(())
    });
    match told {
        Ok(_) => Ok(line),
        Err(TellError::Op(e)) => Err(e),
        Err(TellError::Tell(never)) => match never {},
    }
}

#[derive(Debug)]
pub enum TellError<E> {
    Op(OpError),
    Tell(E),
}
