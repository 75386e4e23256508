//! The favors ledger: what I did for each person and what they did for me.

use rusqlite::{OptionalExtension, params};

use super::journal::Table;
use super::{Reader, Result, WriteError, Writer};
pub use crate::domain::favor::{Balance, Direction};
use crate::when::Moment;

impl Reader<'_> {
    pub fn favor_balance(&self, person_id: i64) -> Result<Balance> {
        self.conn
            .prepare_cached(
                "SELECT COALESCE(SUM(direction = 'gave'), 0), COALESCE(SUM(direction = 'got'), 0) \
                 FROM favors WHERE person_id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([person_id], |r| {
                    Ok(Balance {
                        gave: r.get::<_, i64>(0)?.try_into().unwrap_or(0),
                        got: r.get::<_, i64>(1)?.try_into().unwrap_or(0),
                    })
                })
            })
            .map_err(|e| self.sql(e))
    }

    /// The latest favor I did someone who owes me some (gave more than got), for a reminder.
    pub fn unreturned_favor(&self, person_id: i64) -> Result<Option<(String, Moment)>> {
        if self.favor_balance(person_id)?.net() <= 0 {
            return Ok(None);
        }
        self.conn
            .prepare_cached(
                "SELECT what, at FROM favors WHERE person_id = ?1 AND direction = 'gave' \
                 ORDER BY at DESC, id DESC LIMIT 1",
            )
            .and_then(|mut s| {
                s.query_row(params![person_id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
                })
                .optional()
            })
            .map(|found| found.map(|(what, at)| (what, self.moment(at))))
            .map_err(|e| self.sql(e))
    }
}

/// One favor in the ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Favor {
    pub id: i64,
    pub uuid: String,
    pub person_id: i64,
    pub person: String,
    pub direction: Direction,
    pub what: String,
    pub at: Moment,
    pub created_at: Moment,
    pub updated_at: Moment,
}

impl Reader<'_> {
    /// Favors, newest first: one person's, or everyone's.
    pub fn favors(&self, person_id: Option<i64>, limit: usize) -> Result<Vec<Favor>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT f.id, f.uuid, f.person_id, p.name, f.direction, f.what, f.at, f.created_at, f.updated_at \
                 FROM favors f JOIN people p ON p.id = f.person_id \
                 WHERE ?1 IS NULL OR f.person_id = ?1 ORDER BY f.at DESC, f.id DESC LIMIT ?2",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(params![person_id, limit as i64], |r| {
                let direction: String = r.get(4)?;
                Ok(Favor {
                    id: r.get(0)?,
                    uuid: r.get(1)?,
                    person_id: r.get(2)?,
                    person: r.get(3)?,
                    direction: Direction::parse(&direction).unwrap_or(Direction::Gave),
                    what: r.get(5)?,
                    at: self.moment(r.get(6)?),
                    created_at: self.moment(r.get(7)?),
                    updated_at: self.moment(r.get(8)?),
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| self.sql(e))
    }
}

impl Writer<'_> {
    pub fn insert_favor(
        &mut self,
        person_id: i64,
        direction: Direction,
        what: &str,
        at: &Moment,
    ) -> std::result::Result<i64, WriteError> {
        self.tx
            .execute(
                "INSERT INTO favors (uuid, person_id, direction, what, at, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![
                    super::new_uuid(),
                    person_id,
                    direction.as_str(),
                    what,
                    at.timestamp(),
                    self.now
                ],
            )
            .map_err(|e| self.sql(e))?;
        let id = self.tx.last_insert_rowid();
        self.remember_new(Table::Favors, id, None)?;
        Ok(id)
    }
}
