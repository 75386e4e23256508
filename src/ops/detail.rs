//! One item with everything around it: history, follow-ups, the person's card, linked items.
//! `nudge show` prints it; the dashboard's detail view draws the same lines.

use super::{Context, OpResult, PersonCard, find, person_card};
use crate::domain::FollowUp;
use crate::domain::{Channel, Item, Kind, Person, escalation, words};
use crate::store::{HistoryEntry, Reader};
use crate::when::Moment;

/// How many of an item's latest follow-ups and history entries its detail lists; the headings
/// count them all.
const SHOWN: usize = 20;

#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub item: Item,
    pub history: Vec<HistoryEntry>,
    /// All its history entries, of which `history` holds the latest.
    pub history_total: u64,
    pub follow_ups: Vec<FollowUp>,
    pub person: Option<Person>,
    /// The person's card.
    pub card: Option<PersonCard>,
    /// For a deadline: the asks that feed it.
    pub linked: Vec<Item>,
    /// For an ask: the deadline it feeds.
    pub deadline: Option<Item>,
    /// For an open ask: the channel to chase on next.
    pub next_channel: Option<Channel>,
    /// The message to send next: a follow-up, or a re-ask after "no time".
    pub draft: Option<String>,
    /// People whose expertise matches the item's tags.
    pub helpers: Vec<String>,
}

/// How a line of the detail should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Heading,
    /// The heading of a message drafted to send (the dashboard adds how to copy it).
    DraftHeading,
    Text,
    Muted,
    Warning,
}

pub fn detail(reader: &Reader<'_>, id: i64, ctx: &Context) -> OpResult<Detail> {
    let item = find(reader, id)?;
    let follow_ups = reader.latest_follow_ups(id, SHOWN)?;
    let (history, history_total) = reader.history(id, SHOWN)?;
    let person = match item.person_id {
        Some(pid) => reader.person(pid)?,
        None => None,
    };
    let card = match &person {
        Some(p) => Some(person_card(reader, ctx, p.id)?),
        None => None,
    };
    let linked = if item.kind == Kind::Deadline {
        reader.asks_for_deadline(id)?
    } else {
        Vec::new()
    };
    let deadline = match item.deadline_id {
        Some(d) => reader.item(d)?,
        None => None,
    };
    let next_channel = (item.kind == Kind::Ask && item.is_open())
        .then(|| escalation::next_channel(item.channel, &item.chased));
    let draft = super::draft_for(reader, &ctx.config.templates(), &item, &ctx.now)?;
    // An ask's helper is the reply found in the mail, if any: one step settles it.
    let helpers = if item.kind == Kind::Ask {
        reader
            .mail_suggestion_for(id)?
            .map(|reply| {
                format!(
                    "{} — received? `nudge mail received {id}` (or dismiss {id})",
                    super::mail::suggestion_line(&reply, ctx)
                )
            })
            .into_iter()
            .collect()
    } else {
        super::expert_notes(reader, &item.tags, item.person_id)?
    };
    Ok(Detail {
        draft,
        helpers,
        history,
        history_total,
        item,
        follow_ups,
        person,
        card,
        linked,
        deadline,
        next_channel,
    })
}

impl Detail {
    /// The detail as lines of text, for the terminal and the dashboard alike.
    pub fn lines(&self, now: &Moment) -> Vec<(LineKind, String)> {
        let mut out = Vec::new();
        self.summary(now, &mut out);
        self.draft_lines(&mut out);
        self.sections(now, &mut out);
        if let Some(card) = &self.card {
            out.extend(card.lines(now, Some(self.item.id)));
        }
        out
    }

    /// What it is, where it stands, its dates, why, and what to do next.
    fn summary(&self, now: &Moment, out: &mut Vec<(LineKind, String)>) {
        let item = &self.item;
        out.push((
            LineKind::Title,
            format!("{} {} · {}", item.kind.title(), item.id, item.title),
        ));
        let mut facts = vec![words::status_phrase(item, now)];
        if let Some(person) = &item.person {
            facts.push(person.clone());
        }
        if let Some(channel) = item.channel {
            facts.push(format!("asked by {}", channel.label()));
        }
        out.push((LineKind::Text, facts.join(" · ")));
        let mut dates = Vec::new();
        if let Some(asked) = &item.asked_at {
            dates.push(format!("asked {}", words::full(asked, now)));
        }
        if let Some(need_by) = &item.need_by {
            dates.push(format!("need by {}", words::full(need_by, now)));
        }
        if let Some(check) = item.next_check.as_ref().filter(|_| item.is_open()) {
            dates.push(format!("check back {}", words::full(check, now)));
        }
        if let Some(due) = &item.due {
            dates.push(format!("due {}", words::full(due, now)));
        }
        if let Some(closed) = &item.closed_at {
            dates.push(format!(
                "{} {}",
                item.status.label(),
                words::full(closed, now)
            ));
        }
        if !dates.is_empty() {
            out.push((LineKind::Text, dates.join(" · ")));
        }
        if let Some(why) = &item.why {
            out.push((LineKind::Text, format!("why: {why}")));
        }
        if let Some(reason) = &item.decline_reason {
            out.push((LineKind::Warning, format!("declined: {reason}")));
        }
        if !item.tags.is_empty() {
            out.push((LineKind::Muted, crate::domain::words::hashtags(&item.tags)));
        }
        if let Some(deadline) = &self.deadline {
            out.push((
                LineKind::Text,
                format!(
                    "feeds Deadline {} · {} · {}",
                    deadline.id,
                    deadline.title,
                    words::status_phrase(deadline, now)
                ),
            ));
        }
        if let Some(next) = self.next_channel {
            let tried = item.follow_ups();
            out.push((
                LineKind::Warning,
                format!(
                    "next follow-up: {} ({} so far)",
                    next.label(),
                    words::count(tried, "follow-up")
                ),
            ));
        }
        for helper in &self.helpers {
            out.push((LineKind::Warning, helper.clone()));
        }
    }

    /// The message drafted for it, when there is one.
    fn draft_lines(&self, out: &mut Vec<(LineKind, String)>) {
        let item = &self.item;
        if let Some(draft) = &self.draft {
            let what = if item.status == crate::domain::Status::Declined {
                "Re-ask draft".to_string()
            } else if item.kind == Kind::Proofing {
                "Invitation draft".to_string()
            } else {
                format!(
                    "Draft of the {} follow-up",
                    super::ordinal(item.follow_ups() + 1)
                )
            };
            out.push((LineKind::DraftHeading, what));
            for line in draft.lines() {
                out.push((LineKind::Text, format!("  {line}")));
            }
        }
    }

    /// Its notes, the asks that feed it, its follow-ups and its history.
    fn sections(&self, now: &Moment, out: &mut Vec<(LineKind, String)>) {
        let item = &self.item;
        if !item.notes.is_empty() {
            out.push((LineKind::Heading, "Notes".into()));
            for line in item.notes.lines() {
                out.push((LineKind::Text, line.to_string()));
            }
        }
        if !self.linked.is_empty() {
            out.push((
                LineKind::Heading,
                format!("Asks for this deadline ({})", self.linked.len()),
            ));
            for ask in &self.linked {
                out.push((LineKind::Text, ask_line(ask, now)));
            }
        }
        if !self.follow_ups.is_empty() {
            out.push((
                LineKind::Heading,
                format!(
                    "Follow-ups ({})",
                    words::shown_of(self.follow_ups.len(), self.item.follow_ups())
                ),
            ));
            for f in &self.follow_ups {
                let note = if f.note.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", f.note)
                };
                out.push((
                    LineKind::Text,
                    format!("{} · {}{note}", words::full(&f.at, now), f.channel.label()),
                ));
            }
        }
        if !self.history.is_empty() {
            let heading = words::latest_of("History", self.history.len(), self.history_total);
            out.push((LineKind::Heading, heading));
            for entry in &self.history {
                out.push((
                    LineKind::Muted,
                    format!("{} · {}", words::full(&entry.at, now), entry.summary),
                ));
            }
        }
    }
}

fn ask_line(ask: &Item, now: &Moment) -> String {
    format!(
        "{} {} · {} · {}",
        ask.id,
        ask.person.as_deref().unwrap_or("?"),
        ask.title,
        words::status_phrase(ask, now)
    )
}
