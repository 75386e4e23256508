//! The favors ledger: what I did for each person and what they did for me, and the advice when
//! it is far from even.

use super::capture::Captured;
use super::people::{capitalized, named, new_person_note, read};
use super::{Context, OpError, OpResult, Reading};
use crate::capture::{Capture, Grammar};
use crate::domain::favor::{Balance, Direction};
use crate::domain::{Item, Kind};
use crate::store::{Reader, Store, WriteError};

/// Log a favor: `gave @sam reviewed my pricing page`.
pub fn favor(
    store: &mut Store,
    ctx: &Context,
    direction: Direction,
    line: &str,
) -> OpResult<Captured> {
    let (name, capture) = read_favor(line, ctx)?;
    let (person, balance, added) = store.write("favor", &ctx.now, |w| {
        let (person, added) = w.person_for(&name)?;
        w.insert_favor(person.id, direction, &capture.title, &ctx.now)?;
        let balance = w
            .reader()
            .favor_balance(person.id)
            .map_err(WriteError::Store)?;
        let line = match direction {
            Direction::Gave => format!("Favor you did {}: {}", person.name, capture.title),
            Direction::Got => format!("Favor {} did you: {}", person.name, capture.title),
        };
        w.describe(&line)?;
        Ok((person, balance, added))
    })?;
    let what = match direction {
        Direction::Gave => format!("Favor you did {}: {}", person.name, capture.title),
        Direction::Got => format!("Favor {} did you: {}", person.name, capture.title),
    };
    let mut notes = Vec::new();
    if added {
        notes.extend(new_person_note(&store.reader(), &person.name, true)?);
    }
    if let Some(flag) = balance.one_sided(ctx.config.favor_threshold) {
        notes.push(capitalized(&flag.advice(&person.name)));
    }
    Ok(Captured {
        item: Item::blank(Kind::Ask, ctx.now),
        line: format!(
            "{what} · balance {} ({} given, {} received)",
            balance.shown(),
            balance.gave,
            balance.got
        ),
        notes,
    })
}

/// A favor line: for or from whom, and what (both are needed).
fn read_favor(line: &str, ctx: &Context) -> OpResult<(String, Capture)> {
    let capture = read(line, Grammar::Favor, ctx)?;
    let example = Grammar::Favor.example();
    let Some(name) = capture.person.clone() else {
        return Err(OpError::Input(format!(
            "for whom, or from whom? add @name\n  e.g. nudge favor gave {example}"
        )));
    };
    if capture.title.is_empty() {
        return Err(OpError::Input(format!(
            "what was the favor? add a few words\n  e.g. nudge favor gave {example}"
        )));
    }
    Ok((name, capture))
}

/// How a favor line reads before it is saved ("A favor with Sam: reviewed his deck"), with a
/// note when the person is new; or why it cannot be saved.
pub fn preview_favor(reader: &Reader<'_>, ctx: &Context, line: &str) -> OpResult<Reading> {
    let (name, capture) = read_favor(line, ctx)?;
    let (person, notes) = named(reader, &name)?;
    Ok(Reading {
        line: format!("A favor with {person}: {}", capture.title),
        notes,
    })
}

/// The one-sided-ledger advice for a person, when their balance calls for it.
pub fn ledger_note(
    reader: &Reader<'_>,
    ctx: &Context,
    person_id: i64,
    name: &str,
) -> Result<Option<String>, OpError> {
    let balance: Balance = reader.favor_balance(person_id)?;
    Ok(balance
        .one_sided(ctx.config.favor_threshold)
        .map(|flag| capitalized(&flag.advice(name))))
}
