//! The day: its numbers, its reflection, and the daily review's queue and cards.

use chrono::{Duration, NaiveDate, NaiveTime};
use serde::Serialize;

use super::detail::LineKind;
use super::{Context, OpError, OpResult};
use crate::domain::day::DaySummary;
use crate::domain::review::{self, Decision, Entry};
use crate::domain::{Item, Kind, Status, words};
use crate::domain::{Reflection, Stress};
use crate::store::days::ReviewRow;
use crate::store::{Reader, Store};
use crate::when::{self, Moment};

/// "2026-11-28": how a day is keyed.
pub fn day_key(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Local midnight to local midnight.
pub fn day_bounds(date: NaiveDate, now: &Moment) -> (Moment, Moment) {
    let zone = now.timezone();
    let next = date.succ_opt().unwrap_or(date);
    (
        when::local(&zone, date, NaiveTime::MIN),
        when::local(&zone, next, NaiveTime::MIN),
    )
}

pub fn day_summary(
    reader: &Reader<'_>,
    ctx: &Context,
    date: NaiveDate,
) -> Result<DaySummary, OpError> {
    let (start, end) = day_bounds(date, &ctx.now);
    Ok(reader.day_summary(&start, &end, &ctx.now)?)
}

/// A day's reflection as saved, or a new one; today's always carries today's numbers.
pub fn reflection_for(
    reader: &Reader<'_>,
    ctx: &Context,
    date: NaiveDate,
) -> Result<Reflection, OpError> {
    let key = day_key(date);
    let saved = reader.reflection(&key)?;
    let is_today = date == ctx.now.date_naive();
    Ok(match saved {
        Some(mut reflection) => {
            if is_today {
                reflection.summary = day_summary(reader, ctx, date)?;
            }
            reflection
        }
        None => Reflection {
            day: key,
            summary: day_summary(reader, ctx, date)?,
            ..Reflection::default()
        },
    })
}

/// Save a reflection as it stands (the draft is saved as it is typed). Only today's can change.
pub fn save_reflection(store: &mut Store, ctx: &Context, reflection: &Reflection) -> OpResult<()> {
    if reflection.day != day_key(ctx.now.date_naive()) {
        return Err(OpError::Input(format!(
            "the reflection of {} is kept as it was written; only today's can change",
            reflection.day
        )));
    }
    let mut fresh = reflection.clone();
    fresh.summary = day_summary(&store.reader(), ctx, ctx.now.date_naive())?;
    store.write("reflect", &ctx.now, |w| w.save_reflection(&fresh))?;
    Ok(())
}

/// A day for `nudge report --day`.
#[derive(Debug, Clone, Serialize)]
pub struct DayReport {
    pub date: String,
    pub numbers: DaySummary,
    pub reflection: Option<ReflectionText>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReflectionText {
    pub went_well: String,
    pub stuck: String,
    pub first_call: String,
    pub stress: Option<Stress>,
    pub notes: String,
}

impl From<&Reflection> for ReflectionText {
    fn from(r: &Reflection) -> Self {
        ReflectionText {
            went_well: r.went_well.clone(),
            stuck: r.stuck.clone(),
            first_call: r.first_call.clone(),
            stress: r.stress,
            notes: r.free_text.clone(),
        }
    }
}

pub fn day_report(
    reader: &Reader<'_>,
    ctx: &Context,
    date: NaiveDate,
) -> Result<DayReport, OpError> {
    let saved = reader.reflection(&day_key(date))?;
    // Past days keep the numbers frozen with their reflection; today's are live.
    let numbers = match &saved {
        Some(r) if date != ctx.now.date_naive() => r.summary.clone(),
        _ => day_summary(reader, ctx, date)?,
    };
    Ok(DayReport {
        date: day_key(date),
        numbers,
        reflection: saved.as_ref().map(ReflectionText::from),
    })
}

impl DayReport {
    pub fn markdown(&self, title_date: &str) -> String {
        let mut out = format!("# {title_date}\n\n## The day in numbers\n\n");
        for line in self.numbers.lines() {
            out.push_str(&format!("- {line}\n"));
        }
        out.push_str("\n## Reflection\n\n");
        match &self.reflection {
            None => out.push_str("_Not written._\n"),
            Some(r) => {
                for (heading, text) in [
                    ("What went well", &r.went_well),
                    ("What's stuck, and who can unstick it", &r.stuck),
                    ("First call tomorrow", &r.first_call),
                    ("Notes", &r.notes),
                ] {
                    if !text.trim().is_empty() {
                        out.push_str(&format!("**{heading}**\n\n{}\n\n", text.trim()));
                    }
                }
                if let Some(stress) = r.stress {
                    out.push_str(&format!("**Stress today:** {stress}/5\n"));
                }
            }
        }
        out.trim_end().to_string() + "\n"
    }
}

/// The review's queue for now, in DESIGN.md's order.
pub fn review_queue(reader: &Reader<'_>, ctx: &Context) -> Result<Vec<Entry>, OpError> {
    let now = ctx.now;
    let (_, end_of_today) = day_bounds(now.date_naive(), &now);
    let open = reader.asks_needing_attention(&now, 500)?;
    let mut check_backs: Vec<&Item> = open
        .iter()
        .filter(|a| {
            a.next_check.is_some_and(|c| c <= now)
                || crate::domain::attention::ask_reason(a, a.usual_reply, &now)
                    == Some(crate::domain::attention::Reason::LeadTime)
        })
        .collect();
    check_backs.sort_by_key(|a| a.next_check);
    let mut need_bys: Vec<&Item> = open
        .iter()
        .filter(|a| a.need_by.is_some_and(|n| n < end_of_today))
        .collect();
    need_bys.sort_by_key(|a| a.need_by);
    let soon = now + Duration::hours(48);
    let deadlines: Vec<i64> = reader
        .open_deadlines(100, 0)?
        .into_iter()
        .filter(|row| row.item.due.is_some_and(|d| d <= soon))
        .map(|row| row.item.id)
        .collect();
    let proofing: Vec<i64> = reader
        .open_proofing(100, 0)?
        .into_iter()
        .filter(|row| row.item.status == Status::ToSend)
        .map(|row| row.item.id)
        .collect();
    let ledgers: Vec<i64> = reader
        .people_overview(None)?
        .into_iter()
        .filter(|p| p.balance.one_sided(ctx.config.favor_threshold).is_some())
        .map(|p| p.person.id)
        .collect();
    let out_of_touch: Vec<i64> = super::out_of_touch(reader, ctx)?
        .into_iter()
        .map(|(person, _)| person.id)
        .collect();
    let ids = |items: &[&Item]| items.iter().map(|i| i.id).collect::<Vec<_>>();
    Ok(review::build_queue(
        &ids(&check_backs),
        &ids(&need_bys),
        &deadlines,
        &proofing,
        &ledgers,
        &out_of_touch,
    ))
}

/// A review in progress (or done) for a day.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewState {
    pub day: String,
    pub queue: Vec<Entry>,
    pub position: usize,
    /// (position, decision), in the order made.
    pub decisions: Vec<(usize, Decision)>,
    pub finished: bool,
}

impl ReviewState {
    /// Today's review: resumed where it was left, or a fresh queue.
    pub fn today(reader: &Reader<'_>, ctx: &Context) -> Result<ReviewState, OpError> {
        let day = day_key(ctx.now.date_naive());
        if let Some(row) = reader.review(&day)?
            && !row.finished
            && let (Ok(queue), Ok(decisions)) = (
                serde_json::from_str(&row.queue),
                serde_json::from_str(&row.decisions),
            )
        {
            return Ok(ReviewState {
                day,
                queue,
                position: row.position,
                decisions,
                finished: false,
            });
        }
        Ok(ReviewState {
            day,
            queue: review_queue(reader, ctx)?,
            position: 0,
            decisions: Vec::new(),
            finished: false,
        })
    }

    pub fn save(&self, store: &mut Store, ctx: &Context) -> OpResult<()> {
        let row = ReviewRow {
            day: self.day.clone(),
            queue: serde_json::to_string(&self.queue).unwrap_or_else(|_| "[]".into()),
            position: self.position,
            decisions: serde_json::to_string(&self.decisions).unwrap_or_else(|_| "[]".into()),
            finished: self.finished,
        };
        store.write("review", &ctx.now, |w| w.save_review(&row))?;
        Ok(())
    }

    pub fn current(&self) -> Option<Entry> {
        self.queue.get(self.position).copied()
    }

    pub fn tally(&self) -> review::Tally {
        let decisions: Vec<Decision> = self.decisions.iter().map(|(_, d)| *d).collect();
        review::tally(&decisions)
    }
}

/// What a review card shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewCard {
    pub entry: Entry,
    pub item: Option<Item>,
    pub lines: Vec<(LineKind, String)>,
    /// Whether the item still needs a decision (it may have been handled meanwhile).
    pub open: bool,
}

pub fn review_card(
    reader: &Reader<'_>,
    ctx: &Context,
    entry: Entry,
) -> Result<ReviewCard, OpError> {
    let now = &ctx.now;
    let Some(id) = entry.item_id() else {
        return match entry {
            Entry::Ledger { person_id } => ledger_card(reader, ctx, entry, person_id),
            Entry::KeepInTouch { person_id } => touch_card(reader, ctx, entry, person_id),
            _ => Err(OpError::Input("an empty review card".into())),
        };
    };
    let detail = super::detail(reader, id, ctx)?;
    let item = detail.item.clone();
    let mut lines = vec![(
        LineKind::Title,
        format!("{} {} · {}", item.kind.title(), item.id, item.title),
    )];
    match item.kind {
        Kind::Ask => ask_lines(&detail, now, &mut lines),
        Kind::Deadline => deadline_lines(&detail, now, &mut lines),
        Kind::Proofing => proofing_lines(reader, &item, &mut lines)?,
    }
    for helper in &detail.helpers {
        lines.push((LineKind::Warning, helper.clone()));
    }
    if let Some(draft) = &detail.draft {
        lines.push((LineKind::DraftHeading, "Draft".into()));
        for line in draft.lines() {
            lines.push((LineKind::Text, format!("  {line}")));
        }
    }
    let open = item.is_open();
    Ok(ReviewCard {
        entry,
        item: Some(item),
        lines,
        open,
    })
}

type Lines = Vec<(LineKind, String)>;

/// Someone out of touch: how long it has been, what is open with them, and the way to go over.
fn touch_card(
    reader: &Reader<'_>,
    ctx: &Context,
    entry: Entry,
    person_id: i64,
) -> Result<ReviewCard, OpError> {
    let now = &ctx.now;
    let meeting = super::meeting(reader, ctx, person_id)?;
    let touch = meeting.stats.touch();
    let mut lines = vec![(LineKind::Title, meeting.person().name.clone())];
    if let Some(touch) = &touch {
        lines.push((LineKind::Warning, touch.phrase(now)));
    }
    lines.push((
        LineKind::Text,
        format!(
            "{} open with them · favors {}",
            words::count(meeting.open_asks, "ask"),
            meeting.stats.balance.shown()
        ),
    ));
    for (ask, _) in meeting.asks.iter().take(5) {
        lines.push((
            LineKind::Muted,
            format!(
                "Ask {} · {} · {}",
                ask.id,
                ask.title,
                words::status_phrase(ask, now)
            ),
        ));
    }
    Ok(ReviewCard {
        entry,
        item: None,
        lines,
        open: touch.is_some_and(|t| t.overdue(now)),
    })
}

/// A person whose favors are far from even: the balance, the advice, the latest favors.
fn ledger_card(
    reader: &Reader<'_>,
    ctx: &Context,
    entry: Entry,
    person_id: i64,
) -> Result<ReviewCard, OpError> {
    let now = &ctx.now;
    let card = super::person_card(reader, ctx, person_id)?;
    let balance = &card.stats.balance;
    let mut lines = vec![
        (LineKind::Title, card.stats.person.name.clone()),
        (
            LineKind::Text,
            format!(
                "favors {} ({} given, {} received)",
                balance.shown(),
                balance.gave,
                balance.got
            ),
        ),
    ];
    if let Some(advice) = &card.ledger {
        lines.push((LineKind::Warning, advice.clone()));
    }
    for favor in card.favors.iter().take(5) {
        let way = match favor.direction {
            crate::domain::favor::Direction::Gave => "you did",
            crate::domain::favor::Direction::Got => "they did",
        };
        lines.push((
            LineKind::Muted,
            format!("{} · {way}: {}", words::day(&favor.at, now), favor.what),
        ));
    }
    Ok(ReviewCard {
        entry,
        item: None,
        lines,
        open: card.ledger.is_some(),
    })
}

/// An ask: where it stands, who and why, how they usually answer, the follow-ups so far.
fn ask_lines(detail: &super::Detail, now: &Moment, lines: &mut Lines) {
    let item = &detail.item;
    let mut facts = vec![words::status_phrase(item, now)];
    if let Some(person) = &item.person {
        facts.push(person.clone());
    }
    if let Some(need_by) = &item.need_by {
        facts.push(format!("need by {}", words::full(need_by, now)));
    }
    lines.push((LineKind::Text, facts.join(" · ")));
    if let Some(why) = &item.why {
        lines.push((LineKind::Text, format!("why: {why}")));
    }
    if let Some(card) = &detail.card {
        let usual = card
            .stats
            .person
            .reply_median
            .map(|d| format!("usually answers in {}", words::span(d)))
            .unwrap_or_else(|| "no reply history yet".into());
        lines.push((
            LineKind::Text,
            format!("{usual} · favors {}", card.stats.balance.shown()),
        ));
        if let Some(ledger) = &card.ledger {
            lines.push((LineKind::Warning, ledger.clone()));
        }
    }
    let next = detail.next_channel.map(|c| c.label()).unwrap_or("call");
    lines.push((
        LineKind::Text,
        format!(
            "{} so far · next by {next}",
            words::count(item.follow_ups(), "follow-up")
        ),
    ));
}

/// A deadline: where it stands, and the open asks that feed it.
fn deadline_lines(detail: &super::Detail, now: &Moment, lines: &mut Lines) {
    lines.push((LineKind::Text, words::status_phrase(&detail.item, now)));
    let open: Vec<&Item> = detail.linked.iter().filter(|a| a.is_open()).collect();
    if open.is_empty() {
        lines.push((LineKind::Muted, "no open asks feed it".into()));
        return;
    }
    lines.push((
        LineKind::Warning,
        format!(
            "{} {} it:",
            words::count(open.len() as u64, "open ask"),
            if open.len() == 1 { "feeds" } else { "feed" }
        ),
    ));
    for ask in open {
        lines.push((
            LineKind::Text,
            format!(
                "  Ask {} · {} · {} · {}",
                ask.id,
                ask.person.as_deref().unwrap_or("?"),
                ask.title,
                words::status_phrase(ask, now)
            ),
        ));
    }
}

/// An invitation: the critique it came from, and the piece to proof.
fn proofing_lines(reader: &Reader<'_>, item: &Item, lines: &mut Lines) -> Result<(), OpError> {
    if let Some(critique) = reader.critique_for(item.id)? {
        lines.push((
            LineKind::Text,
            format!("{} said \"{}\"", critique.person, critique.said),
        ));
    }
    lines.push((
        LineKind::Text,
        format!(
            "invite them to proof {}",
            item.piece.as_deref().unwrap_or("the next piece")
        ),
    ));
    Ok(())
}
