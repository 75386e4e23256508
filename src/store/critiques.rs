//! Critiques: who criticised what, and how I answered.

use rusqlite::{OptionalExtension, params};

use super::journal::Table;
use super::{Reader, Result, WriteError, Writer};
use crate::domain::critique::Response;
use crate::when::Moment;

#[derive(Debug, Clone, PartialEq)]
pub struct Critique {
    pub id: i64,
    pub uuid: String,
    pub person_id: i64,
    pub person: String,
    pub said: String,
    pub piece: Option<String>,
    pub deadline_id: Option<i64>,
    pub response: Response,
    pub proofing_id: Option<i64>,
    pub at: Moment,
    pub created_at: Moment,
    pub updated_at: Moment,
}

const COLUMNS: &str = "c.id, c.uuid, c.person_id, p.name, c.said, c.piece, c.deadline_id, c.response, \
     c.proofing_id, c.at, c.created_at, c.updated_at";

/// A new critique, as written.
pub struct NewCritique<'a> {
    pub person_id: i64,
    pub said: &'a str,
    pub piece: Option<&'a str>,
    pub deadline_id: Option<i64>,
    pub response: Response,
    pub proofing_id: Option<i64>,
}

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
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(params![param, limit as i64], |r| {
                let response: String = r.get(7)?;
                Ok(Critique {
                    id: r.get(0)?,
                    uuid: r.get(1)?,
                    person_id: r.get(2)?,
                    person: r.get(3)?,
                    said: r.get(4)?,
                    piece: r.get(5)?,
                    deadline_id: r.get(6)?,
                    response: Response::parse_stored(&response).unwrap_or(Response::LetGo),
                    proofing_id: r.get(8)?,
                    at: self.moment(r.get(9)?),
                    created_at: self.moment(r.get(10)?),
                    updated_at: self.moment(r.get(11)?),
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| self.sql(e))
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
        self.conn
            .prepare_cached("SELECT id FROM people WHERE name_key = ?1")
            .and_then(|mut s| {
                s.query_row([crate::domain::person::name_key(name)], |r| r.get(0))
                    .optional()
            })
            .map_err(|e| self.sql(e))
    }
}
