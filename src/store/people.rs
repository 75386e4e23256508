//! People: found by name case-insensitively, created the first time `@name` is used.

use rusqlite::{OptionalExtension, params};

use super::journal::Table;
use super::rows::{PERSON_COLUMNS, join_words, person_from_row};
use super::{Reader, Result, WriteError, Writer};
use crate::domain::person::{display_name, name_key};
use crate::domain::reply::{self, ChannelRecord};
use crate::domain::{Channel, Person};
use crate::store::favors::Balance;

impl Reader<'_> {
    pub fn person_named(&self, name: &str) -> Result<Option<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people WHERE name_key = ?1");
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| {
                s.query_row([name_key(name)], |r| person_from_row(r, &self.zone))
                    .optional()
            })
            .map_err(|e| self.sql(e))
    }

    pub fn person(&self, id: i64) -> Result<Option<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| {
                s.query_row([id], |r| person_from_row(r, &self.zone))
                    .optional()
            })
            .map_err(|e| self.sql(e))
    }

    /// Everyone, by name.
    /// Every person's name, for pointing a typo at the name meant.
    pub fn person_names(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name FROM people")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<String>>>());
        rows.map_err(|e| self.sql(e))
    }

    pub fn people(&self) -> Result<Vec<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people ORDER BY name_key");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| person_from_row(r, &self.zone))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| self.sql(e))
    }
}

/// A person with the figures the People view shows, all counted in SQL.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonStats {
    pub person: Person,
    pub open_asks: u32,
    pub balance: Balance,
    pub critiques: u32,
    pub invited: u32,
    pub channels: Vec<ChannelRecord>,
}

impl PersonStats {
    pub fn best_channel(&self) -> Option<Channel> {
        reply::best_channel(&self.channels)
    }
}

impl Reader<'_> {
    /// Everyone (or one person), by name, with their open asks, favors, critiques and channel
    /// records.
    pub fn people_overview(&self, only: Option<i64>) -> Result<Vec<PersonStats>> {
        let sql = format!(
            "SELECT {PERSON_COLUMNS}, \
               (SELECT COUNT(*) FROM items i WHERE i.person_id = people.id AND i.kind = 'ask' AND i.status = 'open'), \
               (SELECT COUNT(*) FROM favors f WHERE f.person_id = people.id AND f.direction = 'gave'), \
               (SELECT COUNT(*) FROM favors f WHERE f.person_id = people.id AND f.direction = 'got'), \
               (SELECT COUNT(*) FROM critiques c WHERE c.person_id = people.id), \
               (SELECT COUNT(*) FROM critiques c WHERE c.person_id = people.id AND c.response = 'invite') \
             FROM people WHERE ?1 IS NULL OR id = ?1 ORDER BY name_key"
        );
        let count = |r: &rusqlite::Row<'_>, i: usize| -> rusqlite::Result<u32> {
            Ok(r.get::<_, i64>(i)?.try_into().unwrap_or(0))
        };
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let mut people = stmt
            .query_map([only], |r| {
                Ok(PersonStats {
                    person: person_from_row(r, &self.zone)?,
                    open_asks: count(r, 10)?,
                    balance: Balance {
                        gave: count(r, 11)?,
                        got: count(r, 12)?,
                    },
                    critiques: count(r, 13)?,
                    invited: count(r, 14)?,
                    channels: Vec::new(),
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.sql(e))?;
        for (person_id, record) in self.channel_records(only)? {
            if let Some(stats) = people.iter_mut().find(|p| p.person.id == person_id) {
                stats.channels.push(record);
            }
        }
        Ok(people)
    }

    /// For each person (or one), how closed asks went by the channel of their last attempt (kept
    /// by triggers in `person_channels`).
    pub fn channel_records(&self, person_id: Option<i64>) -> Result<Vec<(i64, ChannelRecord)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT person_id, channel, answered, closed FROM person_channels \
                 WHERE closed > 0 AND (?1 IS NULL OR person_id = ?1)",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([person_id], |r| {
                let channel: String = r.get(1)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    Channel::parse_stored(&channel),
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.sql(e))?;
        Ok(rows
            .into_iter()
            .filter_map(|(person, channel, answered, closed)| {
                Some((
                    person,
                    ChannelRecord {
                        channel: channel?,
                        answered: answered.try_into().unwrap_or(0),
                        closed: closed.try_into().unwrap_or(0),
                    },
                ))
            })
            .collect())
    }
}

impl Writer<'_> {
    /// The person called `name`, created when new. Returns the person and whether it was created.
    pub fn person_for(&mut self, name: &str) -> std::result::Result<(Person, bool), WriteError> {
        if let Some(person) = self
            .reader()
            .person_named(name)
            .map_err(WriteError::Store)?
        {
            return Ok((person, false));
        }
        let shown = display_name(name);
        self.tx
            .execute(
                "INSERT INTO people (uuid, name, name_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![super::new_uuid(), shown, name_key(name), self.now],
            )
            .map_err(|e| self.sql(e))?;
        let id = self.tx.last_insert_rowid();
        self.remember_new(Table::People, id, None)?;
        let person = self
            .reader()
            .person(id)
            .map_err(WriteError::Store)?
            .ok_or_else(|| WriteError::Input(format!("person {name} vanished")))?;
        Ok((person, true))
    }

    /// Save a person's editable fields.
    pub fn save_person(&mut self, person: &Person) -> std::result::Result<(), WriteError> {
        self.remember(Table::People, person.id, None)?;
        self.tx
            .execute(
                "UPDATE people SET team = ?2, expertise = ?3, notes = ?4, prefers = ?5, \
                 updated_at = MAX(?6, updated_at + 1) WHERE id = ?1",
                params![
                    person.id,
                    person.team,
                    join_words(&person.expertise),
                    person.notes,
                    person.prefers.map(|c| c.as_str()),
                    self.now
                ],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }
}
