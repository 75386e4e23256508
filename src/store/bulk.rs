//! Fast inserts in one transaction, without the journal: for sample data and imports that are
//! all-or-nothing by themselves.

use rusqlite::{Transaction, params};

use rusqlite::types::Value;

use super::rows::{ITEM_VALUES, ITEM_WRITTEN, execute_named, item_values};
use super::{Result, Store, StoreError, new_uuid};
use crate::domain::critique::Response;
use crate::domain::favor::Direction;
use crate::domain::stress::Outcome;
use crate::domain::{Channel, Item, Stress, Vocabulary, reply};
use crate::when::Moment;

pub struct Bulk<'a> {
    tx: Transaction<'a>,
    path: std::path::PathBuf,
}

impl Store {
    /// Start a bulk load; nothing is visible until `finish`, and dropping it undoes everything.
    pub fn bulk(&mut self) -> Result<Bulk<'_>> {
        let path = self.path.clone();
        let tx = self.big_write(64)?;
        Ok(Bulk { tx, path })
    }
}

impl Bulk<'_> {
    fn sql(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            path: self.path.clone(),
            source,
        }
    }

    /// Run one cached statement.
    fn execute(&self, sql: &str, params: impl rusqlite::Params) -> Result<()> {
        self.tx
            .prepare_cached(sql)
            .and_then(|mut s| s.execute(params))
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Whether the database holds anything yet.
    pub fn is_empty(&self) -> Result<bool> {
        self.tx
            .query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM items) AND NOT EXISTS (SELECT 1 FROM people)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))
    }

    pub fn person(
        &self,
        name: &str,
        team: Option<&str>,
        expertise: &[&str],
        prefers: Option<Channel>,
        at: &Moment,
    ) -> Result<i64> {
        let key = crate::domain::person::name_key(name);
        let existing: Option<i64> = self
            .tx
            .query_row("SELECT id FROM people WHERE name_key = ?1", [&key], |r| {
                r.get(0)
            })
            .ok();
        if let Some(id) = existing {
            return Ok(id);
        }
        self.execute(
            "INSERT INTO people (uuid, name, name_key, team, expertise, prefers, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                new_uuid(),
                name,
                key,
                team,
                expertise.join(" "),
                prefers.map(Channel::as_str),
                at.timestamp()
            ],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    /// `last_via`: the channel of the item's last follow-up, when it will have some (set here, in
    /// the insert, rather than updated per follow-up: cheaper for the indexes and triggers).
    pub fn item(&self, item: &Item, last_via: Option<Channel>) -> Result<i64> {
        let mut values = item_values(item);
        values.extend([
            (":uuid", Value::Text(new_uuid())),
            (":created_at", Value::Integer(item.created_at.timestamp())),
            (":updated_at", Value::Integer(item.updated_at.timestamp())),
            (
                ":last_via",
                last_via.map_or(Value::Null, |c| Value::Text(c.word().into())),
            ),
        ]);
        execute_named(
            &self.tx,
            &format!(
                "INSERT INTO items ({ITEM_WRITTEN}, uuid, created_at, updated_at, last_via) \
                 VALUES ({ITEM_VALUES}, :uuid, :created_at, :updated_at, COALESCE(:last_via, :channel))"
            ),
            &values,
        )
        .map_err(|e| self.sql(e))?;
        Ok(self.tx.last_insert_rowid())
    }

    /// A follow-up on an item inserted with its `last_via`.
    pub fn follow_up(&self, item_id: i64, at: &Moment, channel: Channel, note: &str) -> Result<()> {
        self.execute(
            "INSERT INTO follow_ups (uuid, item_id, at, channel, note, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?3, ?3)",
            params![new_uuid(), item_id, at.timestamp(), channel.as_str(), note],
        )
    }

    pub fn critique(
        &self,
        person_id: i64,
        said: &str,
        piece: Option<&str>,
        response: Response,
        proofing_id: Option<i64>,
        at: &Moment,
    ) -> Result<()> {
        self.execute(
            "INSERT INTO critiques (uuid, person_id, said, piece, response, proofing_id, at, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7)",
            params![new_uuid(), person_id, said, piece, response.word(), proofing_id, at.timestamp()],
        )
    }

    pub fn favor(
        &self,
        person_id: i64,
        direction: Direction,
        what: &str,
        at: &Moment,
    ) -> Result<()> {
        self.execute(
            "INSERT INTO favors (uuid, person_id, direction, what, at, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5)",
            params![
                new_uuid(),
                person_id,
                direction.word(),
                what,
                at.timestamp()
            ],
        )
    }

    pub fn checkin(
        &self,
        at: &Moment,
        stress: Stress,
        deadline_id: Option<i64>,
        note: &str,
        slowdown_secs: i64,
        next_action: &str,
    ) -> Result<()> {
        self.execute(
            "INSERT INTO checkins (uuid, at, stress, deadline_id, note, slowdown_secs, next_action, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?2, ?2)",
            params![new_uuid(), at.timestamp(), stress.get(), deadline_id, note, slowdown_secs, next_action],
        )
    }

    pub fn sprint(
        &self,
        deadline_id: Option<i64>,
        started: &Moment,
        length_secs: i64,
        ended: &Moment,
        outcome: Outcome,
    ) -> Result<()> {
        self.execute(
            "INSERT INTO sprints (uuid, deadline_id, started_at, length_secs, ended_at, outcome, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?3, ?5)",
            params![new_uuid(), deadline_id, started.timestamp(), length_secs, ended.timestamp(), outcome.word()],
        )
    }

    /// Make everything visible at once.
    pub fn finish(self) -> Result<()> {
        refresh_medians(&self.tx).map_err(|e| self.sql(e))?;
        super::find::index_pending(&self.tx).map_err(|e| self.sql(e))?;
        super::experts::index_pending(&self.tx).map_err(|e| self.sql(e))?;
        let path = self.path.clone();
        self.tx
            .commit()
            .map_err(|source| StoreError::Sql { path, source })
    }
}

/// Recompute every person's usual reply time after loading many asks at once (the sample data).
pub(super) fn refresh_medians(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    let ids: Vec<i64> = {
        let _every_person = super::plan_check::Bulk::begin();
        conn.prepare("SELECT id FROM people")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    refresh_medians_of(conn, ids)
}

/// Recompute the usual reply time of these people (those whose asks an import, a sync or the
/// undo of an import wrote): the others' cannot have moved, and there may be a hundred
/// thousand of them.
pub(super) fn refresh_medians_of(
    conn: &rusqlite::Connection,
    ids: impl IntoIterator<Item = i64>,
) -> rusqlite::Result<()> {
    let mut median = conn.prepare(super::items::REPLY_MEDIAN)?;
    let mut update = conn.prepare("UPDATE people SET reply_median_secs = ?2 WHERE id = ?1")?;
    for id in ids {
        let secs: Option<i64> =
            median.query_row(params![id, reply::RECENT_ANSWERS as i64], |r| r.get(0))?;
        update.execute(params![id, secs])?;
    }
    Ok(())
}
