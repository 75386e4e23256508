//! Person mode (`w`, `nudge meet @dana`): everything open between the user and one person, for
//! the walk over — asks to them oldest first (what each is for, its need-by), invitations to
//! proof, the favors both ways, the open deadlines their expertise could help, the last critique
//! — and the visit itself, which counts as contact for the keep-in-touch rhythm.

use super::detail::LineKind;
use super::{Context, OpResult};
use crate::domain::favor::Direction;
use crate::domain::touch::Touch;
use crate::domain::{Critique, Favor, Item, Kind, Person, PersonStats, critique, words};
use crate::store::{Reader, Store};
use crate::when::Moment;

/// How many of each list person mode shows (the heading says "of N" when there are more).
const SHOWN: usize = 30;

#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub stats: PersonStats,
    /// Their open asks, oldest first, each with the deadline it feeds.
    pub asks: Vec<(Item, Option<Item>)>,
    pub open_asks: u64,
    /// Open invitations to proof (to send, sent, accepted).
    pub invitations: Vec<Item>,
    pub open_invitations: u64,
    pub favors: Vec<Favor>,
    /// The one-sided-ledger advice, when the balance calls for it.
    pub ledger: Option<String>,
    /// Open deadlines their expertise could help, with what they know of each.
    pub could_help: Vec<(Item, Vec<String>)>,
    pub last_critique: Option<Critique>,
}

pub fn meeting(reader: &Reader<'_>, ctx: &Context, person_id: i64) -> OpResult<Meeting> {
    let stats = super::card::person_stats(reader, person_id)?;
    let (asks, open_asks) = reader.open_of_person(person_id, Kind::Ask, SHOWN)?;
    let mut with_deadlines = Vec::with_capacity(asks.len());
    for ask in asks {
        let deadline = match ask.deadline_id {
            Some(id) => reader.item(id)?,
            None => None,
        };
        with_deadlines.push((ask, deadline));
    }
    let (invitations, open_invitations) =
        reader.open_of_person(person_id, Kind::Proofing, SHOWN)?;
    let could_help = if stats.person.expertise.is_empty() {
        Vec::new()
    } else {
        reader
            .open_deadlines(100, 0)?
            .into_iter()
            .filter_map(|row| {
                let topic = critique::topic(&row.item.title, &row.item.tags);
                let expertise = [(
                    stats.person.name.as_str(),
                    stats.person.expertise.as_slice(),
                )];
                critique::experts(&topic, expertise)
                    .into_iter()
                    .next()
                    .map(|(_, covered)| (row.item, covered))
            })
            .take(5)
            .collect()
    };
    Ok(Meeting {
        ledger: super::ledger_note(reader, ctx, person_id, &stats.person.name)?,
        favors: reader.favors(Some(person_id), 5)?,
        last_critique: reader.critiques_of(person_id, 1)?.into_iter().next(),
        asks: with_deadlines,
        open_asks,
        invitations,
        open_invitations,
        could_help,
        stats,
    })
}

impl Meeting {
    pub fn person(&self) -> &Person {
        &self.stats.person
    }

    /// The items one key acts on, in the order they are listed: asks, then invitations.
    pub fn rows(&self) -> Vec<i64> {
        self.asks
            .iter()
            .map(|(a, _)| a.id)
            .chain(self.invitations.iter().map(|i| i.id))
            .collect()
    }

    pub fn item(&self, id: i64) -> Option<&Item> {
        self.asks
            .iter()
            .map(|(a, _)| a)
            .chain(&self.invitations)
            .find(|i| i.id == id)
    }

    /// Everything, as lines; each item's line carries its id (to select it).
    pub fn lines(&self, now: &Moment) -> Vec<(LineKind, String, Option<i64>)> {
        let mut out = Vec::new();
        let person = self.person();
        let name = &person.name;
        let mut about = Vec::new();
        if let Some(team) = &person.team {
            about.push(format!("team {team}"));
        }
        if let Some(usual) = person.reply_median {
            about.push(format!("usually answers in {}", words::span(usual)));
        }
        if let Some(prefers) = person.prefers {
            about.push(format!("prefers {}", prefers.label()));
        }
        if !about.is_empty() {
            out.push((LineKind::Muted, about.join(" · "), None));
        }
        if let Some(touch) = self.stats.touch() {
            out.push(touch_line(&touch, now));
        }
        self.ask_lines(name, now, &mut out);
        self.invitation_lines(now, &mut out);
        self.favor_lines(now, &mut out);
        for (deadline, covered) in &self.could_help {
            let due = deadline
                .due
                .map(|d| format!(" (due {})", words::day_time(&d, now)))
                .unwrap_or_default();
            out.push((
                LineKind::Text,
                format!(
                    "{name} knows {}: {}{due} could use it",
                    covered.join(" and "),
                    deadline.title
                ),
                None,
            ));
        }
        if let Some(critique) = &self.last_critique {
            let on = critique
                .piece
                .as_deref()
                .map(|p| format!(" on {p}"))
                .unwrap_or_default();
            out.push((
                LineKind::Muted,
                format!(
                    "Last critique {}: \"{}\"{on} · {}",
                    words::day(&critique.at, now),
                    critique.said,
                    critique.response.label()
                ),
                None,
            ));
        }
        out
    }

    fn ask_lines(&self, name: &str, now: &Moment, out: &mut Vec<(LineKind, String, Option<i64>)>) {
        if self.asks.is_empty() {
            out.push((
                LineKind::Muted,
                format!("Nothing asked of {name} is open."),
                None,
            ));
            return;
        }
        out.push((
            LineKind::Heading,
            format!(
                "Asks to {name} ({}), oldest first",
                words::shown_of(self.asks.len(), self.open_asks)
            ),
            None,
        ));
        for (ask, deadline) in &self.asks {
            let mut parts = vec![format!("Ask {}", ask.id), ask.title.clone()];
            if let Some(asked) = ask.asked_at {
                parts.push(format!("asked {}", words::day(&asked, now)));
            }
            if let Some(deadline) = deadline {
                parts.push(format!("for {}", deadline.title));
            } else if let Some(why) = &ask.why {
                parts.push(format!("for {why}"));
            }
            let status = words::status_phrase(ask, now);
            if let Some(need_by) = ask.need_by
                && !status.starts_with("need by")
            {
                parts.push(format!("need by {}", words::day_time(&need_by, now)));
            }
            parts.push(status);
            out.push((
                LineKind::Text,
                format!("  {}", parts.join(" · ")),
                Some(ask.id),
            ));
        }
    }

    fn invitation_lines(&self, now: &Moment, out: &mut Vec<(LineKind, String, Option<i64>)>) {
        if self.invitations.is_empty() {
            return;
        }
        out.push((
            LineKind::Heading,
            format!(
                "Invitations to proof ({})",
                words::shown_of(self.invitations.len(), self.open_invitations)
            ),
            None,
        ));
        for invitation in &self.invitations {
            let piece = invitation.piece.as_deref().unwrap_or(&invitation.title);
            out.push((
                LineKind::Text,
                format!(
                    "  Proofing {} · {piece} · {}",
                    invitation.id,
                    words::status_phrase(invitation, now)
                ),
                Some(invitation.id),
            ));
        }
    }

    fn favor_lines(&self, now: &Moment, out: &mut Vec<(LineKind, String, Option<i64>)>) {
        let balance = self.stats.balance;
        let heading = if balance.gave + balance.got == 0 {
            "No favors between you yet".to_string()
        } else {
            format!(
                "Favors {} ({} given, {} received)",
                balance.shown(),
                balance.gave,
                balance.got
            )
        };
        out.push((LineKind::Heading, heading, None));
        if let Some(ledger) = &self.ledger {
            out.push((LineKind::Warning, ledger.clone(), None));
        }
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
}

/// "keep in touch: no contact for 16 days (every 2 weeks)", a warning once the rhythm has passed.
pub fn touch_line(touch: &Touch, now: &Moment) -> (LineKind, String, Option<i64>) {
    let kind = if touch.overdue(now) {
        LineKind::Warning
    } else {
        LineKind::Muted
    };
    (kind, format!("keep in touch: {}", touch.phrase(now)), None)
}

/// Everyone whose keep-in-touch rhythm has passed, longest without contact first.
pub fn out_of_touch(reader: &Reader<'_>, ctx: &Context) -> OpResult<Vec<(Person, Touch)>> {
    let mut due: Vec<(Person, Touch)> = reader
        .people_with_rhythm()?
        .into_iter()
        .filter(|(_, touch)| touch.overdue(&ctx.now))
        .collect();
    due.sort_by_key(|(person, touch)| (std::cmp::Reverse(touch.days_since(&ctx.now)), person.id));
    Ok(due)
}

/// The walk-over itself: it counts as contact, and the day's numbers count it. The recap, when
/// something was covered, goes into the history ("Walked over to Dana: 3 asks covered: …").
pub fn met(
    store: &mut Store,
    ctx: &Context,
    person_id: i64,
    recap: Option<&str>,
) -> OpResult<String> {
    Ok(store.write("meet", &ctx.now, |w| {
        let mut person = w.reader().person(person_id)?.ok_or_else(|| {
            crate::store::WriteError::Input(format!("there is no person {person_id}"))
        })?;
        person.met_at = Some(ctx.now);
        w.save_person(&person)?;
        let line = match recap {
            Some(recap) => format!(
                "Walked over to {}: {}",
                person.name,
                recap_rest(recap, &person.name)
            ),
            None => format!("Walked over to {}", person.name),
        };
        w.describe(&line)?;
        Ok(line)
    })?)
}

/// The recap without the name it starts with ("Dana: 3 asks …" → "3 asks …").
fn recap_rest<'a>(recap: &'a str, name: &str) -> &'a str {
    recap
        .strip_prefix(name)
        .and_then(|r| r.strip_prefix(": "))
        .unwrap_or(recap)
}
