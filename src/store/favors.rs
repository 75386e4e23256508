//! The favors ledger: what I did for each person and what they did for me.

use rusqlite::params;

use super::journal::Table;
use super::{Reader, Result, WriteError, Writer};
use crate::domain::Favor;
use crate::domain::favor::{Balance, Direction};
use crate::when::Moment;

impl Reader<'_> {
    pub fn favor_balance(&self, person_id: i64) -> Result<Balance> {
        // Kept by triggers: the same with three favors or ten thousand.
        let balance = self.row(
            "SELECT gave, got FROM person_tallies WHERE person_id = ?1",
            [person_id],
            |r| {
                Ok(Balance {
                    gave: r.count("gave")?,
                    got: r.count("got")?,
                })
            },
        )?;
        Ok(balance.unwrap_or_default())
    }

    /// The latest favor I did someone who owes me some (gave more than got), for a reminder.
    pub fn unreturned_favor(&self, person_id: i64) -> Result<Option<(String, Moment)>> {
        if self.favor_balance(person_id)?.net() <= 0 {
            return Ok(None);
        }
        self.row(
            "SELECT what, at FROM favors WHERE person_id = ?1 AND direction = 'gave' \
             ORDER BY at DESC, id DESC LIMIT 1",
            [person_id],
            |r| Ok((r.get("what")?, r.time("at")?)),
        )
    }

    /// Favors, newest first: one person's, or everyone's.
    pub fn favors(&self, person_id: Option<i64>, limit: usize) -> Result<Vec<Favor>> {
        let sql = format!(
            "SELECT f.id, f.uuid, f.person_id, p.name AS person, f.direction, f.what, f.at, \
                    f.created_at, f.updated_at \
             FROM favors f JOIN people p ON p.id = f.person_id \
             WHERE {} ORDER BY f.at DESC, f.id DESC LIMIT ?2",
            super::query::one_or_all("f.person_id", person_id)
        );
        self.rows(&sql, params![person_id, limit as i64], |r| {
            Ok(Favor {
                id: r.get("id")?,
                uuid: r.get("uuid")?,
                person_id: r.get("person_id")?,
                person: r.get("person")?,
                direction: r.word("direction")?,
                what: r.get("what")?,
                at: r.time("at")?,
                created_at: r.time("created_at")?,
                updated_at: r.time("updated_at")?,
            })
        })
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
