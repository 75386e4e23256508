//! Stress check-ins and focus sprints against a tight deadline.

use chrono::Duration;

use super::change::short;
use super::{Context, OpError, OpResult, find, label};
use crate::config::Config;
use crate::domain::stress::{Cycle, Outcome, Sprint, sparkline};
use crate::domain::{Item, Kind, words};
use crate::domain::{NewCheckin, Stress};
use crate::store::{Reader, Store, WriteError};
use crate::when::Moment;

/// The cycle the config describes.
pub fn cycle(config: &Config) -> Cycle {
    Cycle {
        tight_window: Duration::hours(i64::from(config.tight_window_hours)),
        every: Duration::minutes(i64::from(config.checkin_every_minutes)),
    }
}

/// What the Stress pane shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StressInfo {
    /// The nearest open deadline, when it is tight (or overdue).
    pub tight: Option<Item>,
    /// When the next check-in is due, while a deadline is tight.
    pub next_checkin: Option<Moment>,
    pub last: Option<(Moment, Stress)>,
    /// The average rating of each of the last 14 days, oldest first.
    pub days: Vec<Option<f64>>,
    /// A running sprint, and the deadline it is for.
    pub sprint: Option<(Sprint, Option<Item>)>,
}

pub fn stress_info(
    reader: &Reader<'_>,
    config: &Config,
    now: &Moment,
) -> Result<StressInfo, OpError> {
    let cycle = cycle(config);
    let tight = reader
        .open_deadlines(1, 0)?
        .into_iter()
        .next()
        .map(|row| row.item)
        .filter(|item| item.due.is_some_and(|due| cycle.is_tight(&due, now)));
    let last = reader.last_checkin()?;
    let next_checkin = tight
        .as_ref()
        .and_then(|d| d.due)
        .map(|due| cycle.next_checkin(&due, last.as_ref().map(|(at, _)| at)));
    let sprint = match reader.running_sprint()? {
        Some(sprint) => {
            let deadline = match sprint.deadline_id {
                Some(id) => reader.item(id)?,
                None => None,
            };
            Some((sprint, deadline))
        }
        None => None,
    };
    Ok(StressInfo {
        tight,
        next_checkin,
        last,
        days: daily_averages(reader, now, 14)?,
        sprint,
    })
}

/// The average rating of each of the last `days` days (today last), in the user's zone.
pub fn daily_averages(
    reader: &Reader<'_>,
    now: &Moment,
    days: i64,
) -> Result<Vec<Option<f64>>, OpError> {
    let today = now.date_naive();
    let first = today - Duration::days(days - 1);
    let since = crate::when::local(&now.timezone(), first, chrono::NaiveTime::MIN);
    let mut sums = vec![(0u32, 0u32); days as usize];
    for (at, stress) in reader.ratings_since(&since)? {
        let index = (at.date_naive() - first).num_days();
        if let Some(slot) = usize::try_from(index).ok().and_then(|i| sums.get_mut(i)) {
            slot.0 += u32::from(stress.get());
            slot.1 += 1;
        }
    }
    Ok(sums
        .into_iter()
        .map(|(sum, count)| (count > 0).then(|| f64::from(sum) / f64::from(count)))
        .collect())
}

/// The sparkline of the last 14 days.
pub fn stress_sparkline(info: &StressInfo, ascii: bool) -> String {
    sparkline(&info.days, ascii)
}

/// Log a check-in: stress 1–5, a note, the seconds of slow-down done and the one next action.
/// It belongs to the nearest tight deadline, if there is one.
pub fn checkin(store: &mut Store, ctx: &Context, checkin: NewCheckin) -> OpResult<String> {
    let info = stress_info(&store.reader(), &ctx.config, &ctx.now)?;
    let deadline = info.tight;
    let saved = NewCheckin {
        deadline_id: deadline.as_ref().map(|d| d.id),
        ..checkin
    };
    Ok(store.write("checkin", &ctx.now, |w| {
        w.insert_checkin(&saved)?;
        let mut line = format!("Check-in: stress {}/5", saved.stress);
        if let Some(deadline) = &deadline
            && let Some(due) = &deadline.due
        {
            let when = if *due < ctx.now {
                format!("overdue by {}", words::span(ctx.now - *due))
            } else {
                format!("due in {}", words::span(*due - ctx.now))
            };
            line.push_str(&format!(" · {} {when}", deadline.title));
        }
        if !saved.next_action.is_empty() {
            line.push_str(&format!(" · next: {}", saved.next_action));
        }
        w.describe(&line)?;
        Ok(line)
    })?)
}

/// "\"6\" is not a stress rating; …"
pub fn rating_error(given: &str) -> String {
    format!(
        "\"{given}\" is not a stress rating; use 1 (calm) to 5 (overwhelmed), e.g. nudge checkin 3"
    )
}

/// Start a focus sprint on a deadline (one at a time).
pub fn start_sprint(store: &mut Store, ctx: &Context, deadline_id: i64) -> OpResult<String> {
    let length = Duration::minutes(i64::from(ctx.config.sprint_minutes));
    Ok(store.write("sprint", &ctx.now, |w| {
        let deadline = find(&w.reader(), deadline_id)?;
        if deadline.kind != Kind::Deadline {
            return Err(WriteError::Input(format!(
                "{} is not a deadline; a sprint runs against one of your deadlines",
                label(&deadline)
            )));
        }
        super::must_be_open(&deadline, "sprint on")?;
        if let Some(running) = w.reader().running_sprint().map_err(WriteError::Store)? {
            if !running.is_over(&ctx.now) {
                return Err(WriteError::Input(format!(
                    "a sprint is already running ({} left); stop it before starting another",
                    words::countdown(running.remaining(&ctx.now))
                )));
            }
            w.end_sprint(running.id, Outcome::Finished, &running.ends_at())?;
        }
        w.start_sprint(Some(deadline.id), length)?;
        let line = format!(
            "Sprint started: {} on {} · ends {}",
            words::count(length.num_minutes().unsigned_abs(), "minute"),
            short(&deadline),
            (ctx.now + length).format("%H:%M")
        );
        w.describe(&line)?;
        Ok(line)
    })?)
}

/// Stop the running sprint early (recorded as stopped).
pub fn stop_sprint(store: &mut Store, ctx: &Context) -> OpResult<String> {
    Ok(store.write("sprint", &ctx.now, |w| {
        let Some(sprint) = w.reader().running_sprint().map_err(WriteError::Store)? else {
            return Err(WriteError::Input("no sprint is running".into()));
        };
        if sprint.is_over(&ctx.now) {
            w.end_sprint(sprint.id, Outcome::Finished, &sprint.ends_at())?;
            w.describe("Sprint finished")?;
            return Ok("The sprint had already finished".to_string());
        }
        w.end_sprint(sprint.id, Outcome::Stopped, &ctx.now)?;
        let line = format!(
            "Sprint stopped with {} left",
            words::countdown(sprint.remaining(&ctx.now))
        );
        w.describe(&line)?;
        Ok(line)
    })?)
}

/// A sprint whose time ran out (perhaps while nudge was closed) is marked finished; returns the
/// line to show, and the caller starts a check-in.
pub fn finish_sprint_if_over(store: &mut Store, ctx: &Context) -> OpResult<Option<String>> {
    let Some(sprint) = store.reader().running_sprint()? else {
        return Ok(None);
    };
    if !sprint.is_over(&ctx.now) {
        return Ok(None);
    }
    Ok(Some(store.write("sprint", &ctx.now, |w| {
        w.end_sprint(sprint.id, Outcome::Finished, &sprint.ends_at())?;
        let line = format!(
            "Sprint finished ({}). How is it going? Check in.",
            words::count(sprint.length.num_minutes().unsigned_abs(), "minute")
        );
        w.describe(&line)?;
        Ok(line)
    })?))
}
