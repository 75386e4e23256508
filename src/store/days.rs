//! Days: the daily review, the end-of-day reflection, and a day's numbers. The review and the
//! reflection draft are saved as they change, outside the undo journal (typing is not a change
//! to undo).

use rusqlite::{OptionalExtension, params};

use super::{Reader, Result, WriteError, Writer};
use crate::domain::day::DaySummary;
use crate::when::Moment;

/// The review of one day, as saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    pub day: String,
    /// JSON list of `domain::review::Entry`.
    pub queue: String,
    pub position: usize,
    /// JSON list of `domain::review::Decision`.
    pub decisions: String,
    pub finished: bool,
}

/// One day's reflection.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reflection {
    pub id: i64,
    pub uuid: String,
    pub day: String,
    pub went_well: String,
    pub stuck: String,
    pub first_call: String,
    pub stress: Option<u8>,
    pub free_text: String,
    /// The day's numbers as they were when it was written.
    pub summary: DaySummary,
    pub created_at: Option<Moment>,
    pub updated_at: Option<Moment>,
}

const REFLECTION_COLUMNS: &str = "id, uuid, day, went_well, stuck, first_call, stress, free_text, summary, created_at, updated_at";

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

    pub fn review(&self, day: &str) -> Result<Option<ReviewRow>> {
        self.conn
            .prepare_cached("SELECT day, queue, position, decisions, finished_at IS NOT NULL FROM reviews WHERE day = ?1")
            .and_then(|mut s| {
                s.query_row([day], |r| {
                    Ok(ReviewRow {
                        day: r.get(0)?,
                        queue: r.get(1)?,
                        position: r.get::<_, i64>(2)?.try_into().unwrap_or(0),
                        decisions: r.get(3)?,
                        finished: r.get(4)?,
                    })
                })
                .optional()
            })
            .map_err(|e| self.sql(e))
    }

    fn reflection_from_row(&self, r: &rusqlite::Row<'_>) -> rusqlite::Result<Reflection> {
        let summary: String = r.get(8)?;
        Ok(Reflection {
            id: r.get(0)?,
            uuid: r.get(1)?,
            day: r.get(2)?,
            went_well: r.get(3)?,
            stuck: r.get(4)?,
            first_call: r.get(5)?,
            stress: r.get::<_, Option<i64>>(6)?.map(|s| s.clamp(1, 5) as u8),
            free_text: r.get(7)?,
            summary: serde_json::from_str(&summary).unwrap_or_default(),
            created_at: Some(self.moment(r.get(9)?)),
            updated_at: Some(self.moment(r.get(10)?)),
        })
    }

    pub fn reflection(&self, day: &str) -> Result<Option<Reflection>> {
        let sql = format!("SELECT {REFLECTION_COLUMNS} FROM reflections WHERE day = ?1");
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| {
                s.query_row([day], |r| self.reflection_from_row(r))
                    .optional()
            })
            .map_err(|e| self.sql(e))
    }

    /// Reflections, newest day first.
    pub fn reflections(&self, limit: usize) -> Result<Vec<Reflection>> {
        self.reflections_between("0000-01-01", "9999-12-31", limit)
    }

    /// At most `limit` reflections of the days from `first` to `last` ("2026-11-23"), newest
    /// first.
    pub fn reflections_between(
        &self,
        first: &str,
        last: &str,
        limit: usize,
    ) -> Result<Vec<Reflection>> {
        let sql = format!(
            "SELECT {REFLECTION_COLUMNS} FROM reflections WHERE day >= ?1 AND day <= ?2 \
             ORDER BY day DESC LIMIT ?3"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(params![first, last, limit as i64], |r| {
                self.reflection_from_row(r)
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| self.sql(e))
    }

    /// The numbers of the day from `start` to `end` (local midnights), with `now` for deadlines
    /// that passed without being done.
    pub fn day_summary(&self, start: &Moment, end: &Moment, now: &Moment) -> Result<DaySummary> {
        let (start, end, now) = (start.timestamp(), end.timestamp(), now.timestamp());
        let count = |sql: &str, extra: Option<i64>| -> Result<u32> {
            let n: i64 = match extra {
                Some(x) => self
                    .conn
                    .prepare_cached(sql)
                    .and_then(|mut s| s.query_row(params![start, end, x], |r| r.get(0))),
                None => self
                    .conn
                    .prepare_cached(sql)
                    .and_then(|mut s| s.query_row(params![start, end], |r| r.get(0))),
            }
            .map_err(|e| self.sql(e))?;
            Ok(n.try_into().unwrap_or(0))
        };
        let mut summary = DaySummary {
            received: count(
                "SELECT COUNT(*) FROM items WHERE kind = 'ask' AND status = 'received' AND closed_at >= ?1 AND closed_at < ?2",
                None,
            )?,
            follow_ups: count(
                "SELECT COUNT(*) FROM follow_ups WHERE at >= ?1 AND at < ?2",
                None,
            )?,
            critiques: count(
                "SELECT COUNT(*) FROM critiques WHERE at >= ?1 AND at < ?2",
                None,
            )?,
            invitations: count(
                "SELECT COUNT(*) FROM critiques WHERE at >= ?1 AND at < ?2 AND response = 'invite'",
                None,
            )?,
            checkins: count(
                "SELECT COUNT(*) FROM checkins WHERE at >= ?1 AND at < ?2",
                None,
            )?,
            deadlines_met: count(
                "SELECT COUNT(*) FROM items WHERE kind = 'deadline' AND status = 'done' AND closed_at >= ?1 AND closed_at < ?2",
                None,
            )?,
            deadlines_missed: count(
                "SELECT COUNT(*) FROM items WHERE kind = 'deadline' AND \
                   ((status = 'missed' AND closed_at >= ?1 AND closed_at < ?2) \
                    OR (status = 'open' AND due >= ?1 AND due < ?2 AND due < ?3))",
                Some(now),
            )?,
            ..DaySummary::default()
        };
        summary.average_stress = self
            .conn
            .prepare_cached("SELECT AVG(stress) FROM checkins WHERE at >= ?1 AND at < ?2")
            .and_then(|mut s| s.query_row(params![start, end], |r| r.get::<_, Option<f64>>(0)))
            .map_err(|e| self.sql(e))?
            .map(|avg| (avg * 10.0).round() / 10.0);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT COALESCE(channel, 'email'), COUNT(*) FROM items \
                 WHERE kind = 'ask' AND asked_at >= ?1 AND asked_at < ?2 GROUP BY 1",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(params![start, end], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.sql(e))?;
        for (channel, n) in rows {
            summary
                .asks_by_channel
                .insert(channel, n.try_into().unwrap_or(0));
        }
        Ok(summary)
    }
}

impl Writer<'_> {
    /// Save where a review is (not journaled: `undo` undoes decisions, not bookkeeping).
    pub fn save_review(&mut self, review: &ReviewRow) -> std::result::Result<(), WriteError> {
        self.tx
            .execute(
                "INSERT INTO reviews (uuid, day, queue, position, decisions, finished_at, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?6 THEN ?7 END, ?7, ?7) \
                 ON CONFLICT(day) DO UPDATE SET queue = excluded.queue, position = excluded.position, \
                   decisions = excluded.decisions, finished_at = excluded.finished_at, \
                   updated_at = MAX(excluded.updated_at, updated_at + 1)",
                params![
                    super::new_uuid(),
                    review.day,
                    review.queue,
                    review.position as i64,
                    review.decisions,
                    review.finished,
                    self.now
                ],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Save a reflection as it is typed (not journaled).
    pub fn save_reflection(
        &mut self,
        reflection: &Reflection,
    ) -> std::result::Result<(), WriteError> {
        let summary = serde_json::to_string(&reflection.summary).unwrap_or_else(|_| "{}".into());
        self.tx
            .execute(
                "INSERT INTO reflections (uuid, day, went_well, stuck, first_call, stress, free_text, summary, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) \
                 ON CONFLICT(day) DO UPDATE SET went_well = excluded.went_well, stuck = excluded.stuck, \
                   first_call = excluded.first_call, stress = excluded.stress, free_text = excluded.free_text, \
                   summary = excluded.summary, updated_at = MAX(excluded.updated_at, updated_at + 1)",
                params![
                    super::new_uuid(),
                    reflection.day,
                    reflection.went_well,
                    reflection.stuck,
                    reflection.first_call,
                    reflection.stress,
                    reflection.free_text,
                    summary,
                    self.now
                ],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }
}
