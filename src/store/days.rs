//! What the header needs about the day: the latest stress rating and whether today was reviewed.

use rusqlite::OptionalExtension;

use super::{Reader, Result};
use crate::when::Moment;

impl Reader<'_> {
    /// The latest check-in: when, and the stress rated (1–5).
    pub fn last_checkin(&self) -> Result<Option<(Moment, u8)>> {
        self.conn
            .prepare_cached("SELECT at, stress FROM checkins ORDER BY at DESC, id DESC LIMIT 1")
            .and_then(|mut s| {
                s.query_row([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
                    .optional()
            })
            .map(|found| found.map(|(at, stress)| (self.moment(at), stress.clamp(1, 5) as u8)))
            .map_err(|e| self.sql(e))
    }

    /// Whether the daily review of `day` ('YYYY-MM-DD') was finished.
    pub fn reviewed(&self, day: &str) -> Result<bool> {
        self.conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM reviews WHERE day = ?1 AND finished_at IS NOT NULL)",
            )
            .and_then(|mut s| s.query_row([day], |r| r.get(0)))
            .map_err(|e| self.sql(e))
    }
}
