//! The favors ledger: what I did for each person and what they did for me.

use rusqlite::{OptionalExtension, params};

use super::{Reader, Result};
use crate::when::Moment;

/// One person's side of the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Balance {
    /// Favors I did them.
    pub gave: u32,
    /// Favors they did me.
    pub got: u32,
}

impl Balance {
    /// Gave minus got: above zero, they owe me.
    pub fn net(&self) -> i64 {
        i64::from(self.gave) - i64::from(self.got)
    }
}

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
