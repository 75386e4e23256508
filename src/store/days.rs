//! Days: the daily review, the end-of-day reflection, and a day's numbers. The review and the
//! reflection draft are saved as they change, outside the undo journal (typing is not a change
//! to undo).

use rusqlite::params;

use super::rows::Cells;
use super::{Reader, Result, WriteError, Writer};
use crate::domain::Reflection;
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

const REFLECTION_COLUMNS: &str = "id, uuid, day, went_well, stuck, first_call, stress, free_text, summary, created_at, updated_at";

impl Reader<'_> {
    /// Whether the daily review of `day` ('YYYY-MM-DD') was finished.
    pub fn reviewed(&self, day: &str) -> Result<bool> {
        self.value(
            "SELECT EXISTS (SELECT 1 FROM reviews WHERE day = ?1 AND finished_at IS NOT NULL)",
            [day],
        )
    }

    pub fn review(&self, day: &str) -> Result<Option<ReviewRow>> {
        self.row(
            "SELECT day, queue, position, decisions, finished_at IS NOT NULL AS finished \
             FROM reviews WHERE day = ?1",
            [day],
            |r| {
                Ok(ReviewRow {
                    day: r.get("day")?,
                    queue: r.get("queue")?,
                    position: r.count("position")? as usize,
                    decisions: r.get("decisions")?,
                    finished: r.get("finished")?,
                })
            },
        )
    }

    pub fn reflection(&self, day: &str) -> Result<Option<Reflection>> {
        let sql = format!("SELECT {REFLECTION_COLUMNS} FROM reflections WHERE day = ?1");
        self.row(&sql, [day], reflection_from_row)
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
        self.rows(
            &sql,
            params![first, last, limit as i64],
            reflection_from_row,
        )
    }

    /// The numbers of the day from `start` to `end` (local midnights), with `now` for deadlines
    /// that passed without being done.
    pub fn day_summary(&self, start: &Moment, end: &Moment, now: &Moment) -> Result<DaySummary> {
        let (start, end, now) = (start.timestamp(), end.timestamp(), now.timestamp());
        let count = |sql: &str, extra: Option<i64>| -> Result<u32> {
            let n = match extra {
                Some(x) => self.count(sql, params![start, end, x])?,
                None => self.count(sql, params![start, end])?,
            };
            Ok(n.try_into().unwrap_or(u32::MAX))
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
            walk_overs: count(
                "SELECT COUNT(*) FROM people INDEXED BY people_met WHERE met_at >= ?1 AND met_at < ?2",
                None,
            )?,
            deadlines_met: count(
                "SELECT COUNT(*) FROM items WHERE kind = 'deadline' AND status = 'done' AND closed_at >= ?1 AND closed_at < ?2",
                None,
            )?,
            // Two counts, each on its own index: as one OR, SQLite read every deadline ever.
            deadlines_missed: count(
                "SELECT (SELECT COUNT(*) FROM items WHERE kind = 'deadline' AND status = 'missed' \
                           AND closed_at >= ?1 AND closed_at < ?2) \
                      + (SELECT COUNT(*) FROM items INDEXED BY items_open_deadlines \
                         WHERE kind = 'deadline' AND status = 'open' \
                           AND due >= ?1 AND due < ?2 AND due < ?3)",
                Some(now),
            )?,
            ..DaySummary::default()
        };
        summary.average_stress = self
            .value::<Option<f64>>(
                "SELECT AVG(stress) FROM checkins WHERE at >= ?1 AND at < ?2",
                params![start, end],
            )?
            .map(|avg| (avg * 10.0).round() / 10.0);
        let asked = self.rows(
            // By the asking date's index: SQLite would take the asks of every status instead.
            "SELECT COALESCE(channel, 'email') AS channel, COUNT(*) AS asked \
             FROM items INDEXED BY items_asks_window \
             WHERE kind = 'ask' AND asked_at >= ?1 AND asked_at < ?2 GROUP BY 1",
            params![start, end],
            |r| Ok((r.get::<String>("channel")?, r.count("asked")?)),
        )?;
        summary.asks_by_channel.extend(asked);
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
                    reflection.stress.map(|s| s.get()),
                    reflection.free_text,
                    summary,
                    self.now
                ],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }
}

fn reflection_from_row(r: &Cells<'_, '_>) -> rusqlite::Result<Reflection> {
    Ok(Reflection {
        id: r.get("id")?,
        uuid: r.get("uuid")?,
        day: r.get("day")?,
        went_well: r.get("went_well")?,
        stuck: r.get("stuck")?,
        first_call: r.get("first_call")?,
        stress: r.maybe_stress("stress")?,
        free_text: r.get("free_text")?,
        // The numbers are a snapshot for the report: unreadable ones (written by a nudge that
        // counted other things) are left out rather than hiding the words around them.
        summary: serde_json::from_str(&r.get::<String>("summary")?).unwrap_or_default(),
        created_at: Some(r.time("created_at")?),
        updated_at: Some(r.time("updated_at")?),
    })
}
