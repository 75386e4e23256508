//! Stress check-ins and focus sprints.

use chrono::Duration;
use rusqlite::params;

use super::journal::Table;
use super::rows::Cells;
use super::{Reader, Result, WriteError, Writer};
use crate::domain::stress::{Outcome, Sprint};
use crate::domain::{Checkin, NewCheckin, Stress};
use crate::when::Moment;

impl Writer<'_> {
    pub fn insert_checkin(&mut self, checkin: &NewCheckin) -> std::result::Result<i64, WriteError> {
        self.tx
            .execute(
                "INSERT INTO checkins (uuid, at, stress, deadline_id, note, slowdown_secs, next_action, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?2, ?2)",
                params![
                    super::new_uuid(),
                    self.now,
                    checkin.stress.get(),
                    checkin.deadline_id,
                    checkin.note,
                    checkin.slowdown_secs,
                    checkin.next_action
                ],
            )
            .map_err(|e| self.sql(e))?;
        let id = self.tx.last_insert_rowid();
        self.remember_new(Table::Checkins, id, None)?;
        Ok(id)
    }

    pub fn start_sprint(
        &mut self,
        deadline_id: Option<i64>,
        length: Duration,
    ) -> std::result::Result<i64, WriteError> {
        self.tx
            .execute(
                "INSERT INTO sprints (uuid, deadline_id, started_at, length_secs, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?3, ?3)",
                params![super::new_uuid(), deadline_id, self.now, length.num_seconds()],
            )
            .map_err(|e| self.sql(e))?;
        let id = self.tx.last_insert_rowid();
        self.remember_new(Table::Sprints, id, deadline_id)?;
        Ok(id)
    }

    pub fn end_sprint(
        &mut self,
        id: i64,
        outcome: Outcome,
        at: &Moment,
    ) -> std::result::Result<(), WriteError> {
        self.remember(Table::Sprints, id, None)?;
        self.tx
            .execute(
                "UPDATE sprints SET outcome = ?2, ended_at = ?3, updated_at = MAX(?4, updated_at + 1) WHERE id = ?1",
                params![id, outcome.as_str(), at.timestamp(), self.now],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }
}

impl Reader<'_> {
    /// Check-ins, newest first.
    pub fn checkins(&self, limit: usize) -> Result<Vec<Checkin>> {
        self.rows(
            "SELECT c.id, c.uuid, c.at, c.stress, c.deadline_id, d.title AS deadline, c.note, \
                    c.slowdown_secs, c.next_action, c.created_at, c.updated_at \
             FROM checkins c LEFT JOIN items d ON d.id = c.deadline_id \
             ORDER BY c.at DESC, c.id DESC LIMIT ?1",
            [limit as i64],
            |r| {
                Ok(Checkin {
                    id: r.get("id")?,
                    uuid: r.get("uuid")?,
                    at: r.time("at")?,
                    stress: r.stress("stress")?,
                    deadline_id: r.get("deadline_id")?,
                    deadline: r.get("deadline")?,
                    note: r.get("note")?,
                    slowdown_secs: r.get("slowdown_secs")?,
                    next_action: r.get("next_action")?,
                    created_at: r.time("created_at")?,
                    updated_at: r.time("updated_at")?,
                })
            },
        )
    }

    /// The ratings since a moment, oldest first (for the sparkline and the day's figures).
    pub fn ratings_since(&self, since: &Moment) -> Result<Vec<(Moment, Stress)>> {
        self.rows(
            "SELECT at, stress FROM checkins WHERE at >= ?1 ORDER BY at, id",
            [since.timestamp()],
            |r| Ok((r.time("at")?, r.stress("stress")?)),
        )
    }

    /// The latest check-in: when, and the stress rated.
    pub fn last_checkin(&self) -> Result<Option<(Moment, Stress)>> {
        self.row(
            "SELECT at, stress FROM checkins ORDER BY at DESC, id DESC LIMIT 1",
            [],
            |r| Ok((r.time("at")?, r.stress("stress")?)),
        )
    }

    /// The sprint still counting down, if any (the latest started).
    pub fn running_sprint(&self) -> Result<Option<Sprint>> {
        self.row(
            "SELECT id, deadline_id, started_at, length_secs, ended_at, outcome \
             FROM sprints INDEXED BY sprints_running \
             WHERE outcome = 'running' ORDER BY started_at DESC, id DESC LIMIT 1",
            [],
            sprint_from_row,
        )
    }

    /// Sprints, newest first.
    pub fn sprints(&self, limit: usize) -> Result<Vec<Sprint>> {
        self.rows(
            "SELECT id, deadline_id, started_at, length_secs, ended_at, outcome FROM sprints \
             ORDER BY started_at DESC, id DESC LIMIT ?1",
            [limit as i64],
            sprint_from_row,
        )
    }
}

fn sprint_from_row(r: &Cells<'_, '_>) -> rusqlite::Result<Sprint> {
    Ok(Sprint {
        id: r.get("id")?,
        deadline_id: r.get("deadline_id")?,
        started_at: r.time("started_at")?,
        length: Duration::seconds(r.get("length_secs")?),
        ended_at: r.maybe_time("ended_at")?,
        outcome: r.word::<Outcome>("outcome")?,
    })
}
