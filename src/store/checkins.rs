//! Stress check-ins and focus sprints.

use chrono::Duration;
use rusqlite::{OptionalExtension, params};

use super::journal::Table;
use super::{Reader, Result, WriteError, Writer};
use crate::domain::stress::{Outcome, Sprint};
use crate::when::Moment;

#[derive(Debug, Clone, PartialEq)]
pub struct Checkin {
    pub id: i64,
    pub uuid: String,
    pub at: Moment,
    pub stress: u8,
    pub deadline_id: Option<i64>,
    /// The deadline's title, when there was one.
    pub deadline: Option<String>,
    pub note: String,
    pub slowdown_secs: i64,
    pub next_action: String,
    pub created_at: Moment,
    pub updated_at: Moment,
}

/// A check-in as it is saved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewCheckin {
    pub stress: u8,
    pub deadline_id: Option<i64>,
    pub note: String,
    pub slowdown_secs: i64,
    pub next_action: String,
}

impl Writer<'_> {
    pub fn insert_checkin(&mut self, checkin: &NewCheckin) -> std::result::Result<i64, WriteError> {
        self.tx
            .execute(
                "INSERT INTO checkins (uuid, at, stress, deadline_id, note, slowdown_secs, next_action, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?2, ?2)",
                params![
                    super::new_uuid(),
                    self.now,
                    checkin.stress,
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
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT c.id, c.uuid, c.at, c.stress, c.deadline_id, d.title, c.note, c.slowdown_secs, \
                        c.next_action, c.created_at, c.updated_at \
                 FROM checkins c LEFT JOIN items d ON d.id = c.deadline_id \
                 ORDER BY c.at DESC, c.id DESC LIMIT ?1",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok(Checkin {
                    id: r.get(0)?,
                    uuid: r.get(1)?,
                    at: self.moment(r.get(2)?),
                    stress: r.get::<_, i64>(3)?.clamp(1, 5) as u8,
                    deadline_id: r.get(4)?,
                    deadline: r.get(5)?,
                    note: r.get(6)?,
                    slowdown_secs: r.get(7)?,
                    next_action: r.get(8)?,
                    created_at: self.moment(r.get(9)?),
                    updated_at: self.moment(r.get(10)?),
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| self.sql(e))
    }

    /// The ratings since a moment, oldest first (for the sparkline and the day's figures).
    pub fn ratings_since(&self, since: &Moment) -> Result<Vec<(Moment, u8)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT at, stress FROM checkins WHERE at >= ?1 ORDER BY at, id")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([since.timestamp()], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        Ok(rows
            .map_err(|e| self.sql(e))?
            .into_iter()
            .map(|(at, stress)| (self.moment(at), stress.clamp(1, 5) as u8))
            .collect())
    }

    fn sprint_from_row(&self, r: &rusqlite::Row<'_>) -> rusqlite::Result<Sprint> {
        let outcome: String = r.get(5)?;
        Ok(Sprint {
            id: r.get(0)?,
            deadline_id: r.get(1)?,
            started_at: self.moment(r.get(2)?),
            length: Duration::seconds(r.get(3)?),
            ended_at: r.get::<_, Option<i64>>(4)?.map(|s| self.moment(s)),
            outcome: Outcome::parse_stored(&outcome).unwrap_or(Outcome::Stopped),
        })
    }

    /// The sprint still counting down, if any (the latest started).
    pub fn running_sprint(&self) -> Result<Option<Sprint>> {
        self.conn
            .prepare_cached(
                "SELECT id, deadline_id, started_at, length_secs, ended_at, outcome FROM sprints \
                 WHERE outcome = 'running' ORDER BY started_at DESC, id DESC LIMIT 1",
            )
            .and_then(|mut s| s.query_row([], |r| self.sprint_from_row(r)).optional())
            .map_err(|e| self.sql(e))
    }

    /// Sprints, newest first.
    pub fn sprints(&self, limit: usize) -> Result<Vec<Sprint>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, deadline_id, started_at, length_secs, ended_at, outcome FROM sprints \
                 ORDER BY started_at DESC, id DESC LIMIT ?1",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([limit as i64], |r| self.sprint_from_row(r))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| self.sql(e))
    }
}
