//! A person's card: who they are, how they answer, their open asks and reply history, the favors
//! between us and their critiques. The People view opens it; an item's detail ends with it.

use super::detail::LineKind;
use super::{Context, OpError, OpResult};
use crate::domain::Critique;
use crate::domain::Favor;
use crate::domain::PersonStats;
use crate::domain::favor::Direction;
use crate::domain::{Item, Status, words};
use crate::store::Reader;
use crate::when::Moment;

#[derive(Debug, Clone, PartialEq)]
pub struct PersonCard {
    pub stats: PersonStats,
    /// Open asks first, then the latest closed ones.
    pub asks: Vec<Item>,
    pub favors: Vec<Favor>,
    pub critiques: Vec<Critique>,
    /// The one-sided-ledger advice, when the balance calls for it.
    pub ledger: Option<String>,
}

/// One person with their figures (an id that names no one is bad input).
pub(super) fn person_stats(reader: &Reader<'_>, person_id: i64) -> OpResult<PersonStats> {
    reader
        .people_overview(Some(person_id))?
        .into_iter()
        .next()
        .ok_or_else(|| OpError::Input(format!("there is no person {person_id}")))
}

pub fn person_card(reader: &Reader<'_>, ctx: &Context, person_id: i64) -> OpResult<PersonCard> {
    let stats = person_stats(reader, person_id)?;
    let ledger = super::ledger_note(reader, ctx, person_id, &stats.person.name)?;
    Ok(PersonCard {
        asks: reader.asks_of_person(person_id, 15)?,
        favors: reader.favors(Some(person_id), 10)?,
        critiques: reader.critiques_of(person_id, 10)?,
        ledger,
        stats,
    })
}

impl PersonCard {
    /// The card as lines; `skip` leaves out one ask (the item whose detail shows the card).
    pub fn lines(&self, now: &Moment, skip: Option<i64>) -> Vec<(LineKind, String)> {
        self.lines_with_asks(now, skip)
            .into_iter()
            .map(|(kind, text, _)| (kind, text))
            .collect()
    }

    /// The asks the card lists, in the order it lists them (open first, then the latest closed).
    pub fn ask_order(&self) -> Vec<i64> {
        let open = self.asks.iter().filter(|a| a.is_open());
        let closed = self.asks.iter().filter(|a| !a.is_open());
        open.chain(closed).map(|a| a.id).collect()
    }

    /// The lines, each with the ask it is about (to select and open one).
    pub fn lines_with_asks(
        &self,
        now: &Moment,
        skip: Option<i64>,
    ) -> Vec<(LineKind, String, Option<i64>)> {
        let mut out = Vec::new();
        self.about(now, &mut out);
        self.ask_lines(now, skip, &mut out);
        self.favor_and_critique_lines(now, &mut out);
        out
    }

    /// Who they are: team, how they answer, what they know, the ledger, the notes.
    fn about(&self, now: &Moment, out: &mut Vec<(LineKind, String, Option<i64>)>) {
        let person = &self.stats.person;
        out.push((LineKind::Heading, format!("{}'s card", person.name), None));
        let mut facts = Vec::new();
        if let Some(team) = &person.team {
            facts.push(format!("team {team}"));
        }
        facts.push(match person.reply_median {
            Some(usual) => format!("usually answers in {}", words::span(usual)),
            None => "no answers yet to learn from".to_string(),
        });
        if let Some(best) = self.stats.best_channel() {
            facts.push(format!("answers best by {}", best.label()));
        }
        if let Some(prefers) = person.prefers {
            facts.push(format!("prefers {}", prefers.label()));
        }
        out.push((LineKind::Text, facts.join(" · "), None));
        let mut more = Vec::new();
        if !person.expertise.is_empty() {
            more.push(format!("knows {}", person.expertise.join(", ")));
        }
        if !person.emails.is_empty() {
            more.push(person.emails.join(", "));
        }
        let balance = self.stats.balance;
        more.push(format!(
            "favors {} ({} given, {} received)",
            balance.shown(),
            balance.gave,
            balance.got
        ));
        if self.stats.critiques > 0 {
            more.push(format!(
                "{}, {} turned into {}",
                words::count(self.stats.critiques, "critique"),
                self.stats.invited,
                if self.stats.invited == 1 {
                    "an invitation"
                } else {
                    "invitations"
                }
            ));
        }
        out.push((LineKind::Text, more.join(" · "), None));
        if let Some(touch) = self.stats.touch() {
            let kind = if touch.overdue(now) {
                LineKind::Warning
            } else {
                LineKind::Text
            };
            out.push((kind, format!("keep in touch: {}", touch.phrase(now)), None));
        }
        if let Some(ledger) = &self.ledger {
            out.push((LineKind::Warning, ledger.clone(), None));
        }
        if !person.notes.is_empty() {
            out.push((LineKind::Muted, person.notes.clone(), None));
        }
    }

    /// Their open asks, then their reply history (each line with its ask, to select).
    fn ask_lines(
        &self,
        now: &Moment,
        skip: Option<i64>,
        out: &mut Vec<(LineKind, String, Option<i64>)>,
    ) {
        let open: Vec<&Item> = self
            .asks
            .iter()
            .filter(|a| a.is_open() && Some(a.id) != skip)
            .collect();
        if !open.is_empty() {
            // The card lists a few; the count is of all their open asks (less the one on screen).
            let skipped = self.asks.iter().any(|a| a.is_open() && Some(a.id) == skip);
            let total = self.stats.open_asks.saturating_sub(u32::from(skipped));
            out.push((
                LineKind::Text,
                format!("open asks ({}):", words::shown_of(open.len(), total)),
                None,
            ));
            for ask in open {
                out.push((
                    LineKind::Text,
                    format!(
                        "  Ask {} · {} · {}",
                        ask.id,
                        ask.title,
                        words::status_phrase(ask, now)
                    ),
                    Some(ask.id),
                ));
            }
        }
        let closed: Vec<&Item> = self
            .asks
            .iter()
            .filter(|a| !a.is_open() && Some(a.id) != skip)
            .collect();
        if !closed.is_empty() {
            out.push((LineKind::Muted, "reply history:".into(), None));
            for ask in closed {
                let outcome = match (ask.status, &ask.asked_at, &ask.closed_at) {
                    (Status::Received, Some(a), Some(c)) => {
                        format!("answered in {}", words::span(*c - *a))
                    }
                    (status, _, _) => status.label().to_string(),
                };
                out.push((
                    LineKind::Muted,
                    format!("  Ask {} · {} · {outcome}", ask.id, ask.title),
                    Some(ask.id),
                ));
            }
        }
    }

    /// The favors both ways, and their critiques with how they were answered.
    fn favor_and_critique_lines(
        &self,
        now: &Moment,
        out: &mut Vec<(LineKind, String, Option<i64>)>,
    ) {
        if !self.favors.is_empty() {
            let total = self.stats.balance.gave + self.stats.balance.got;
            out.push((
                LineKind::Muted,
                format!("{}:", words::latest_of("favors", self.favors.len(), total)),
                None,
            ));
            for favor in &self.favors {
                let way = match favor.direction {
                    Direction::Gave => "you did",
                    Direction::Got => "they did",
                };
                out.push((
                    LineKind::Muted,
                    format!("  {} · {way}: {}", words::day(&favor.at, now), favor.what),
                    None,
                ));
            }
        }
        if !self.critiques.is_empty() {
            let shown = self.critiques.len();
            let heading = words::latest_of("critiques", shown, self.stats.critiques);
            out.push((LineKind::Muted, format!("{heading}:"), None));
            for critique in &self.critiques {
                let on = critique
                    .piece
                    .as_deref()
                    .map(|p| format!(" on {p}"))
                    .unwrap_or_default();
                out.push((
                    LineKind::Muted,
                    format!(
                        "  {} · \"{}\"{on} · {}",
                        words::day(&critique.at, now),
                        critique.said,
                        critique.response.label()
                    ),
                    None,
                ));
            }
        }
    }
}
