//! People: found by name case-insensitively, created the first time `@name` is used.

use rusqlite::{OptionalExtension, params};

use super::journal::Table;
use super::rows::{PERSON_COLUMNS, join_words, person_from_row};
use super::{Reader, Result, WriteError, Writer};
use crate::domain::Person;
use crate::domain::person::{display_name, name_key};

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
    pub fn people(&self) -> Result<Vec<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people ORDER BY name_key");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| person_from_row(r, &self.zone))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| self.sql(e))
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
                "UPDATE people SET team = ?2, expertise = ?3, notes = ?4, prefers = ?5, updated_at = ?6 WHERE id = ?1",
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
