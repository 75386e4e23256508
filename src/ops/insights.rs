//! Insights (what works with whom) and the week in a page.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use serde::Serialize;

use super::{Context, OpError, day_key};
use crate::domain::insight::{self, ChannelStat};
use crate::domain::{Channel, stress, words};
use crate::domain::{PersonStats, Stress};
use crate::store::Reader;
use crate::when::{self, Moment};

/// How far back the channel figures look.
pub const CHANNEL_DAYS: i64 = 90;
/// How far back the stress line and the deadlines met and missed look.
pub const STRESS_DAYS: i64 = 14;

/// What the Insights screen shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Insights {
    /// Asks made over the last 90 days, by channel.
    pub channels: Vec<ChannelStat>,
    pub verdict: String,
    pub people: Vec<PersonStats>,
    /// The average stress of each of the last 14 days, oldest first.
    pub stress_days: Vec<Option<f64>>,
    /// Deadlines closed over the last 14 days: (met, missed).
    pub deadlines: (u32, u32),
}

pub fn insights(reader: &Reader<'_>, ctx: &Context) -> Result<Insights, OpError> {
    let now = &ctx.now;
    let channels = reader.channel_stats(&(*now - Duration::days(CHANNEL_DAYS)), now)?;
    let stress_from = days_back(now, STRESS_DAYS);
    Ok(Insights {
        verdict: insight::verdict(&channels),
        channels,
        people: reader.people_overview(None)?,
        stress_days: super::daily_averages(reader, now, STRESS_DAYS)?,
        deadlines: reader.deadlines_closed(&stress_from, now)?,
    })
}

/// Local midnight `days - 1` days before today: the start of a window of `days` days.
fn days_back(now: &Moment, days: i64) -> Moment {
    let first = now.date_naive() - Duration::days(days - 1);
    when::local(&now.timezone(), first, NaiveTime::MIN)
}

/// The week in a page (`nudge report --week`).
#[derive(Debug, Clone, Serialize)]
pub struct WeekReport {
    /// Monday and Sunday of the week.
    pub first_day: String,
    pub last_day: String,
    pub asks: Vec<ChannelRow>,
    pub verdict: String,
    pub slowest_open_asks: Vec<WaitingAsk>,
    pub deadlines_met: u32,
    pub deadlines_missed: u32,
    /// Open deadlines due by the end of next week (overdue ones first).
    pub deadlines_ahead: Vec<DeadlineAhead>,
    pub stress: WeekStress,
    pub stuck: Vec<StuckLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChannelRow {
    pub channel: Channel,
    pub asked: u32,
    pub answered: u32,
    /// Median seconds from asking to the answer.
    pub median_secs: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WaitingAsk {
    pub id: i64,
    pub person: Option<String>,
    pub title: String,
    pub asked_at: Option<String>,
    pub waiting_days: i64,
    pub follow_ups: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeadlineAhead {
    pub id: i64,
    pub title: String,
    pub due: Option<String>,
    /// "due in 3h", "overdue 1d".
    pub when: String,
    pub open_asks: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeekStress {
    pub checkins: u32,
    pub average: Option<f64>,
    pub highest: Option<Stress>,
    /// Monday to Sunday, the average of each day.
    pub days: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StuckLine {
    pub day: String,
    pub text: String,
}

/// The week (Monday to Sunday) that holds `date`.
pub fn week_report(
    reader: &Reader<'_>,
    ctx: &Context,
    date: NaiveDate,
) -> Result<WeekReport, OpError> {
    let now = &ctx.now;
    let zone = now.timezone();
    let monday = date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
    let sunday = monday + Duration::days(6);
    let start = when::local(&zone, monday, NaiveTime::MIN);
    let end = when::local(&zone, sunday + Duration::days(1), NaiveTime::MIN);
    let channels = reader.channel_stats(&start, &end)?;
    let (met, missed) = reader.deadlines_closed(&start, &end)?;
    let ratings: Vec<(Moment, Stress)> = reader
        .ratings_since(&start)?
        .into_iter()
        .filter(|(at, _)| *at < end)
        .collect();
    let mut stuck: Vec<StuckLine> = reader
        .reflections_between(&day_key(monday), &day_key(sunday), 7)?
        .into_iter()
        .filter(|r| !r.stuck.trim().is_empty())
        .map(|r| StuckLine {
            day: r.day,
            text: r.stuck.trim().to_string(),
        })
        .collect();
    stuck.reverse();
    Ok(WeekReport {
        first_day: day_key(monday),
        last_day: day_key(sunday),
        verdict: insight::verdict(&channels),
        asks: channels
            .iter()
            .map(|c| ChannelRow {
                channel: c.channel,
                asked: c.asked,
                answered: c.answered,
                median_secs: c.median.map(|m| m.num_seconds()),
            })
            .collect(),
        slowest_open_asks: slowest_open_asks(reader, now)?,
        deadlines_met: met,
        deadlines_missed: missed,
        deadlines_ahead: deadlines_ahead(reader, now, &(end + Duration::days(7)))?,
        stress: week_stress(&ratings, monday),
        stuck,
    })
}

/// Open deadlines due before `horizon` (the week after the report's).
fn deadlines_ahead(
    reader: &Reader<'_>,
    now: &Moment,
    horizon: &Moment,
) -> Result<Vec<DeadlineAhead>, OpError> {
    Ok(reader
        .open_deadlines(50, 0)?
        .into_iter()
        .filter(|row| row.item.due.is_some_and(|due| due < *horizon))
        .map(|row| DeadlineAhead {
            id: row.item.id,
            title: row.item.title.clone(),
            due: row.item.due.map(|d| d.to_rfc3339()),
            when: words::status_phrase(&row.item, now),
            open_asks: row.open_asks,
        })
        .collect())
}

fn slowest_open_asks(reader: &Reader<'_>, now: &Moment) -> Result<Vec<WaitingAsk>, OpError> {
    Ok(reader
        .slowest_open_asks(5)?
        .into_iter()
        .map(|item| WaitingAsk {
            id: item.id,
            waiting_days: item
                .asked_at
                .map(|a| (*now - a).num_days().max(0))
                .unwrap_or(0),
            asked_at: item.asked_at.map(|a| a.to_rfc3339()),
            follow_ups: item.follow_ups() as usize,
            person: item.person,
            title: item.title,
        })
        .collect())
}

/// The week's check-ins: how many, the average and highest, and each day's average.
fn week_stress(ratings: &[(Moment, Stress)], monday: NaiveDate) -> WeekStress {
    let mut days = vec![(0u32, 0u32); 7];
    for (at, rating) in ratings {
        if let Some(slot) = usize::try_from((at.date_naive() - monday).num_days())
            .ok()
            .and_then(|i| days.get_mut(i))
        {
            slot.0 += u32::from(rating.get());
            slot.1 += 1;
        }
    }
    let total: u32 = ratings.iter().map(|(_, r)| u32::from(r.get())).sum();
    WeekStress {
        checkins: ratings.len() as u32,
        average: (!ratings.is_empty()).then(|| f64::from(total) / ratings.len() as f64),
        highest: ratings.iter().map(|(_, r)| *r).max(),
        days: days
            .into_iter()
            .map(|(sum, n)| (n > 0).then(|| f64::from(sum) / f64::from(n)))
            .collect(),
    }
}

impl WeekReport {
    pub fn markdown(&self) -> String {
        let mut out = format!(
            "# The week of {} to {}\n\n",
            short_day(&self.first_day),
            short_day(&self.last_day)
        );
        self.asks_markdown(&mut out);
        self.waiting_markdown(&mut out);
        self.deadlines_markdown(&mut out);
        self.stress_markdown(&mut out);
        self.stuck_markdown(&mut out);
        out
    }

    fn asks_markdown(&self, out: &mut String) {
        out.push_str("## Asks, by the channel of the last try\n\n");
        if self.asks.is_empty() {
            out.push_str("_No asks made this week._\n");
            return;
        }
        out.push_str("| channel | asked | answered | answers in |\n|---|---:|---:|---|\n");
        for row in &self.asks {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                row.channel.label(),
                row.asked,
                row.answered,
                row.median_secs
                    .map(|s| words::span(Duration::seconds(s)))
                    .unwrap_or_else(|| "-".into())
            ));
        }
        out.push_str(&format!("\n{}\n", self.verdict));
    }

    fn waiting_markdown(&self, out: &mut String) {
        out.push_str("\n## Waiting longest\n\n");
        if self.slowest_open_asks.is_empty() {
            out.push_str("_Nothing open._\n");
        }
        for ask in &self.slowest_open_asks {
            out.push_str(&format!(
                "- [{}] **{}** {} · {} · {}\n",
                ask.id,
                md(ask.person.as_deref().unwrap_or("?")),
                md(&ask.title),
                words::count(ask.waiting_days, "day"),
                words::count(ask.follow_ups, "follow-up"),
            ));
        }
    }

    fn deadlines_markdown(&self, out: &mut String) {
        out.push_str(&format!(
            "\n## Deadlines\n\n{} met, {} missed this week.\n",
            self.deadlines_met, self.deadlines_missed
        ));
        for deadline in &self.deadlines_ahead {
            let due = &deadline.when;
            let asks = match deadline.open_asks {
                0 => String::new(),
                n => format!(" · waiting on {}", words::count(n, "ask")),
            };
            out.push_str(&format!(
                "- [{}] {} · {due}{asks}\n",
                deadline.id,
                md(&deadline.title)
            ));
        }
    }

    fn stress_markdown(&self, out: &mut String) {
        out.push_str("\n## Stress\n\n");
        match self.stress.average {
            None => out.push_str("_No check-ins this week._\n"),
            Some(average) => out.push_str(&format!(
                "{}, {average:.1} on average, {} at the highest. Mon–Sun: `{}`\n",
                words::count(self.stress.checkins, "check-in"),
                self.stress
                    .highest
                    .map_or_else(|| "-".to_string(), |s| s.to_string()),
                stress::sparkline(&self.stress.days, true)
            )),
        }
    }

    fn stuck_markdown(&self, out: &mut String) {
        out.push_str("\n## What was stuck\n\n");
        if self.stuck.is_empty() {
            out.push_str("_Nothing written._\n");
        }
        for line in &self.stuck {
            out.push_str(&format!(
                "- {}: {}\n",
                short_day(&line.day),
                md(&line.text.replace('\n', " "))
            ));
        }
    }
}

/// "2026-11-23" as "Mon 23 Nov"; a key that is not a date is shown as it is.
fn short_day(key: &str) -> String {
    NaiveDate::parse_from_str(key, "%Y-%m-%d")
        .map(|d| d.format("%a %-d %b").to_string())
        .unwrap_or_else(|_| key.to_string())
}

/// Text from the database kept from becoming Markdown structure or terminal commands.
fn md(text: &str) -> String {
    crate::text::inert(text).replace('<', "&lt;")
}
