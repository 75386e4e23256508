//! Critiques: who criticised what, and how I answered.

use rusqlite::params;

use super::journal::Table;
use super::{Reader, Result, WriteError, Writer};
use crate::domain::{Critique, NewCritique};

const COLUMNS: &str = "c.id, c.uuid, c.person_id, p.name AS person, c.said, c.piece, c.deadline_id, \
     c.response, c.proofing_id, c.at, c.created_at, c.updated_at";

impl Writer<'_> {
    pub fn insert_critique(
        &mut self,
        critique: &NewCritique<'_>,
    ) -> std::result::Result<i64, WriteError> {
        self.tx
            .prepare_cached(
                "INSERT INTO critiques (uuid, person_id, said, piece, deadline_id, response, proofing_id, at, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    super::new_uuid(),
                    critique.person_id,
                    critique.said,
                    critique.piece,
                    critique.deadline_id,
                    critique.response.as_str(),
                    critique.proofing_id,
                    self.now
                ])
            })
            .map_err(|e| self.sql(e))?;
        let id = self.tx.last_insert_rowid();
        self.remember_new(Table::Critiques, id, critique.proofing_id)?;
        Ok(id)
    }
}

impl Reader<'_> {
    fn critiques_where(&self, filter: &str, param: i64, limit: usize) -> Result<Vec<Critique>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM critiques c JOIN people p ON p.id = c.person_id WHERE {filter} \
             ORDER BY c.at DESC, c.id DESC LIMIT ?2"
        );
        self.rows(&sql, params![param, limit as i64], |r| {
            Ok(Critique {
                id: r.get("id")?,
                uuid: r.get("uuid")?,
                person_id: r.get("person_id")?,
                person: r.get("person")?,
                said: r.get("said")?,
                piece: r.get("piece")?,
                deadline_id: r.get("deadline_id")?,
                response: r.word("response")?,
                proofing_id: r.get("proofing_id")?,
                at: r.time("at")?,
                created_at: r.time("created_at")?,
                updated_at: r.time("updated_at")?,
            })
        })
    }

    /// A person's critiques, newest first.
    pub fn critiques_of(&self, person_id: i64, limit: usize) -> Result<Vec<Critique>> {
        self.critiques_where("c.person_id = ?1", person_id, limit)
    }

    /// Every critique, newest first.
    pub fn critiques(&self, limit: usize) -> Result<Vec<Critique>> {
        self.critiques_where("?1 = ?1", 0, limit)
    }

    /// The critique a proofing invitation came from.
    pub fn critique_for(&self, proofing_id: i64) -> Result<Option<Critique>> {
        Ok(self
            .critiques_where("c.proofing_id = ?1", proofing_id, 1)?
            .into_iter()
            .next())
    }

    /// The id of the person with this exact key, if any (for checks that must not create one).
    pub fn person_id_named(&self, name: &str) -> Result<Option<i64>> {
        self.maybe_value(
            "SELECT id FROM people WHERE name_key = ?1",
            [crate::domain::person::name_key(name)],
        )
    }
}
