//! Turning rows into domain values and back.

use chrono::Duration;
use rusqlite::Row;

use crate::domain::{Channel, Item, Kind, Person, Status};
use crate::when::{Moment, Zone};

/// The columns `item_from_row` reads, by name; `i` is items, `p` people.
pub const ITEM_COLUMNS: &str = "i.id, i.uuid, i.kind, i.title, i.status, i.person_id, \
     p.name AS person_name, i.why, i.channel, i.asked_at, i.need_by, i.next_check, \
     i.check_by_hand, i.due, i.tags, i.deadline_id, i.piece, \
     (SELECT group_concat(f.channel, ' ') FROM (SELECT channel FROM follow_ups WHERE item_id = i.id ORDER BY at, id) f) AS chased_via, \
     i.notes, i.decline_reason, i.closed_at, i.created_at, i.updated_at, \
     p.reply_median_secs AS usual_reply_secs";

/// `FROM` clause matching `ITEM_COLUMNS`.
pub const ITEM_FROM: &str = "items i LEFT JOIN people p ON p.id = i.person_id";

pub fn item_from_row(row: &Row<'_>, zone: &Zone) -> rusqlite::Result<Item> {
    let at = |name: &str| -> rusqlite::Result<Option<Moment>> {
        Ok(row
            .get::<_, Option<i64>>(name)?
            .map(|s| super::moment(zone, s)))
    };
    let kind: String = row.get("kind")?;
    let status: String = row.get("status")?;
    let channel: Option<String> = row.get("channel")?;
    Ok(Item {
        id: row.get("id")?,
        uuid: row.get("uuid")?,
        kind: Kind::parse_stored(&kind).ok_or_else(|| bad_value("kind", &kind))?,
        title: row.get("title")?,
        status: Status::parse_stored(&status).ok_or_else(|| bad_value("status", &status))?,
        person_id: row.get("person_id")?,
        person: row.get("person_name")?,
        why: row.get("why")?,
        channel: channel.as_deref().and_then(Channel::parse_stored),
        asked_at: at("asked_at")?,
        need_by: at("need_by")?,
        next_check: at("next_check")?,
        check_by_hand: row.get("check_by_hand")?,
        due: at("due")?,
        tags: split_words(&row.get::<_, String>("tags")?),
        deadline_id: row.get("deadline_id")?,
        piece: row.get("piece")?,
        chased_via: row
            .get::<_, Option<String>>("chased_via")?
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(Channel::parse_stored)
            .collect(),
        notes: row.get("notes")?,
        decline_reason: row.get("decline_reason")?,
        closed_at: at("closed_at")?,
        created_at: at("created_at")?.unwrap_or_else(|| super::moment(zone, 0)),
        updated_at: at("updated_at")?.unwrap_or_else(|| super::moment(zone, 0)),
        usual_reply: row
            .get::<_, Option<i64>>("usual_reply_secs")?
            .map(Duration::seconds),
    })
}

/// The columns `person_from_row` reads, in order.
pub const PERSON_COLUMNS: &str =
    "id, uuid, name, team, expertise, notes, prefers, reply_median_secs, created_at, updated_at";

pub fn person_from_row(row: &Row<'_>, zone: &Zone) -> rusqlite::Result<Person> {
    let prefers: Option<String> = row.get(6)?;
    Ok(Person {
        id: row.get(0)?,
        uuid: row.get(1)?,
        name: row.get(2)?,
        team: row.get(3)?,
        expertise: split_words(&row.get::<_, String>(4)?),
        notes: row.get(5)?,
        prefers: prefers.as_deref().and_then(Channel::parse_stored),
        reply_median: row.get::<_, Option<i64>>(7)?.map(Duration::seconds),
        created_at: super::moment(zone, row.get(8)?),
        updated_at: super::moment(zone, row.get(9)?),
    })
}

fn bad_value(column: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("unexpected value {value:?} in {column}").into(),
    )
}

pub fn split_words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

pub fn join_words(words: &[String]) -> String {
    words.join(" ")
}

pub fn seconds(moment: Option<&Moment>) -> Option<i64> {
    moment.map(|m| m.timestamp())
}
