//! The sync replica in this database: the engine's copy of every record as a field map, by UUID
//! (`sync_tasks`), the operations not yet sent (`sync_operations`), and where the engine is
//! (`sync_state`). No engine type is known here: operations are text the caller encodes.
//!
//! Local changes reach the replica at the start of a sync (`replica_feed`), read from the
//! journal: every row a write touched since the last feed, compared field by field with what the
//! replica was told last. What a sync brings is written back here in one transaction
//! (`replica_commit`), record by record, skipping any row changed here meanwhile (the next sync
//! sends that change and brings the merge back).

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, Transaction, params};

use super::import::{ImportError, Merge};
use super::rows::{Cells, column_names};
use super::tables::Table;
use super::{Result, Store, StoreError};
use crate::exchange::{
    CheckinRecord, CritiqueRecord, Entry, FavorRecord, Fields, FollowUpRecord, ItemRecord, LISTS,
    PersonRecord, ReflectionRecord, SprintRecord, fields_of,
};
use crate::when::{Moment, Zone};

/// One local change, for the caller to encode as an engine operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Change<'a> {
    Create {
        uuid: &'a str,
    },
    Update {
        uuid: &'a str,
        field: &'a str,
        old: Option<&'a str>,
        new: Option<&'a str>,
        /// When the change was made here (seconds).
        at: i64,
    },
    Delete {
        uuid: &'a str,
        old: &'a Fields,
    },
}

/// Where the replica stood when a sync began: its commit checks no other sync ran meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    pub base: Option<String>,
    pub last_operation: i64,
}

/// What a sync's engine transaction changed, to write in one transaction.
#[derive(Debug, Default)]
pub struct ReplicaCommit {
    /// Records set (Some) or deleted (None), by UUID.
    pub records: Vec<(String, Option<Fields>)>,
    /// The engine's new base version (None: unchanged).
    pub base: Option<String>,
    /// The operations not yet sent were sent: they are dropped.
    pub sent: bool,
    /// Operations to keep as not yet sent.
    pub added: Vec<String>,
}

/// What a commit did to this database's records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub merged: super::Merged,
    pub deleted: u64,
    /// Records that wait for a record they refer to (or were changed here during the sync).
    pub waiting: u64,
}

/// Why a commit did not happen.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    #[error("another sync of this database ran at the same time; run `nudge sync` again")]
    Raced,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What `sync status` says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplicaStatus {
    /// Local changes (rows) not yet given to the replica, and operations not yet sent.
    pub unfed_rows: u64,
    pub unsent: u64,
    pub waiting: u64,
    pub last_sync: Option<i64>,
    /// Whether this database has ever been given to the replica.
    pub started: bool,
    /// Where a git remote was when this machine last synced with it.
    pub remote_head: Option<String>,
}

const BASE: &str = "base_version";
const FED_JOURNAL: &str = "fed_journal";
const FED_UNDO: &str = "fed_undo";
const FED_ALL: &str = "fed_all";
const LAST_SYNC: &str = "last_sync";
const REMOTE_HEAD: &str = "remote_head";
/// Rows another machine deleted that are still referred to here: sent again as new records by a
/// second round of the same sync (`sync::sync`), so every machine keeps them (a record is
/// recreated rather than orphan another).
const RESEND: &str = "resend";

fn resend_list(tx: &rusqlite::Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    Ok(state(tx, RESEND)?
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default())
}

fn state(tx: &rusqlite::Connection, key: &str) -> rusqlite::Result<Option<String>> {
    tx.prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()
}

fn state_int(tx: &rusqlite::Connection, key: &str) -> rusqlite::Result<i64> {
    Ok(state(tx, key)?.and_then(|v| v.parse().ok()).unwrap_or(0))
}

fn set_state(tx: &rusqlite::Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_state (key, value) VALUES (?1, ?2) \
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

fn read_started(conn: &rusqlite::Connection) -> rusqlite::Result<Started> {
    Ok(Started {
        base: state(conn, BASE)?,
        last_operation: conn.query_row(
            "SELECT COALESCE(MAX(id), 0) FROM sync_operations",
            [],
            |r| r.get(0),
        )?,
    })
}

fn parse_fields(text: &str) -> Fields {
    serde_json::from_str(text).unwrap_or_default()
}

fn fields_text(fields: &Fields) -> String {
    serde_json::to_string(fields).unwrap_or_else(|_| "{}".into())
}

/// Rows touched by journal entries after the feed marks (or undone since), with the latest time
/// each was changed.
fn changed_rows(tx: &rusqlite::Connection) -> rusqlite::Result<Vec<(String, i64, i64)>> {
    let fed = state_int(tx, FED_JOURNAL)?;
    let fed_undo = state_int(tx, FED_UNDO)?;
    let mut stmt = tx.prepare_cached(
        "SELECT tbl, row_id, MAX(at) AS at FROM ( \
           SELECT c.tbl, c.row_id, j.at FROM journal_changes c JOIN journal j ON j.id = c.journal_id \
             WHERE c.journal_id > ?1 \
           UNION ALL \
           SELECT c.tbl, c.row_id, j.undone_at FROM journal j JOIN journal_changes c ON c.journal_id = j.id \
             WHERE j.undo_seq > ?2) \
         GROUP BY tbl, row_id",
    )?;
    let rows = stmt
        .query_map(params![fed, fed_undo], |r| {
            Ok((r.get("tbl")?, r.get("row_id")?, r.get("at")?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Rows whose creation was undone since the last feed: a row there now is a new record in a
/// reused row id (SQLite gives a deleted row's id to the next row made).
fn recreated_rows(tx: &rusqlite::Connection) -> rusqlite::Result<HashSet<(String, i64)>> {
    let fed_undo = state_int(tx, FED_UNDO)?;
    let mut stmt = tx.prepare_cached(
        "SELECT c.tbl, c.row_id FROM journal j JOIN journal_changes c ON c.journal_id = j.id \
         WHERE j.undo_seq > ?1 AND c.before IS NULL",
    )?;
    let rows = stmt
        .query_map([fed_undo], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<HashSet<_>>>()?;
    Ok(rows)
}

/// The marks that say every journal entry so far was fed.
fn mark_fed(tx: &rusqlite::Connection) -> rusqlite::Result<()> {
    let journal: i64 =
        tx.query_row("SELECT COALESCE(MAX(id), 0) FROM journal", [], |r| r.get(0))?;
    let undo: i64 = tx.query_row(
        "SELECT COALESCE(MAX(undo_seq), 0) FROM journal WHERE undo_seq IS NOT NULL",
        [],
        |r| r.get(0),
    )?;
    set_state(tx, FED_JOURNAL, &journal.to_string())?;
    set_state(tx, FED_UNDO, &undo.to_string())
}

/// One row of a table as its record's field map (None: no such row; or a table sync does not
/// carry, `Err(())`).
fn row_fields(
    tx: &rusqlite::Connection,
    table: &str,
    row_id: i64,
) -> std::result::Result<Option<(String, Fields)>, Option<rusqlite::Error>> {
    fn one<T: Table>(
        tx: &rusqlite::Connection,
        row_id: i64,
    ) -> rusqlite::Result<Option<(String, Fields)>> {
        let head = T::SELECT.split(" ORDER BY").next().unwrap_or(T::SELECT);
        let sql = format!("{head} WHERE {} = ?1", T::ID);
        let mut stmt = tx.prepare_cached(&sql)?;
        let names = column_names(&stmt);
        stmt.query_row([row_id], |row| {
            let record = T::read(&Cells::new(row, Zone::utc(), &names))?;
            Ok((record.uuid().to_string(), fields_of(&record)))
        })
        .optional()
    }
    let found = match table {
        "people" => one::<PersonRecord>(tx, row_id),
        "items" => one::<ItemRecord>(tx, row_id),
        "follow_ups" => one::<FollowUpRecord>(tx, row_id),
        "critiques" => one::<CritiqueRecord>(tx, row_id),
        "favors" => one::<FavorRecord>(tx, row_id),
        "checkins" => one::<CheckinRecord>(tx, row_id),
        "sprints" => one::<SprintRecord>(tx, row_id),
        "reflections" => one::<ReflectionRecord>(tx, row_id),
        _ => return Err(None),
    };
    found.map_err(Some)
}

/// Every row id of a table sync carries.
fn all_rows(tx: &rusqlite::Connection, table: &str) -> rusqlite::Result<Vec<i64>> {
    // `table` is one of LISTS, never input.
    let mut stmt = tx.prepare(&format!("SELECT id FROM {table} ORDER BY id"))?;
    let ids = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

struct Feed<'t, 'e> {
    tx: &'t Transaction<'t>,
    encode: &'e mut dyn FnMut(Change<'_>) -> Option<String>,
    fed: Fed,
    /// `recreated_rows`, read once per feed.
    recreated: HashSet<(String, i64)>,
}

/// What a feed gave the replica: records changed, and their field changes (operations).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fed {
    pub records: u64,
    pub operations: u64,
}

impl Feed<'_, '_> {
    fn push(&mut self, change: Change<'_>) -> rusqlite::Result<()> {
        // A record whose UUID the engine cannot read stays here only (every UUID nudge makes or
        // imports is checked, so this is a file edited by hand).
        let Some(text) = (self.encode)(change) else {
            return Ok(());
        };
        self.tx
            .prepare_cached("INSERT INTO sync_operations (data) VALUES (?1)")?
            .execute([text])?;
        self.fed.operations += 1;
        Ok(())
    }

    /// Compare one row with what the replica was told of it, and tell it what changed.
    fn row(&mut self, table: &str, row_id: i64, at: i64) -> rusqlite::Result<()> {
        let before = self.fed.operations;
        self.compare(table, row_id, at)?;
        if self.fed.operations > before {
            self.fed.records += 1;
        }
        Ok(())
    }

    fn compare(&mut self, table: &str, row_id: i64, at: i64) -> rusqlite::Result<()> {
        let current = match row_fields(self.tx, table, row_id) {
            Ok(current) => current,
            Err(None) => return Ok(()),
            Err(Some(e)) => return Err(e),
        };
        let Some((uuid, now)) = current else {
            return self.deleted(table, row_id, None);
        };
        // SQLite gives a deleted row's id to the next row made: when an undo took a record back
        // and a new one took its id, the records the replica knew there are gone. (Otherwise a
        // second record leading here is the same person made on another machine: it stays.)
        if self.recreated.contains(&(table.to_string(), row_id)) {
            self.deleted(table, row_id, Some(&uuid))?;
        }
        let known: Option<(String, Option<String>)> = self
            .tx
            .prepare_cached("SELECT data, base FROM sync_tasks WHERE uuid = ?1")?
            .query_row([&uuid], |r| Ok((r.get("data")?, r.get("base")?)))
            .optional()?;
        let Some((data, base)) = known else {
            self.push(Change::Create { uuid: &uuid })?;
            let mut names: Vec<&String> = now.keys().collect();
            names.sort();
            for name in names {
                self.push(Change::Update {
                    uuid: &uuid,
                    field: name,
                    old: None,
                    new: now.get(name).map(String::as_str),
                    at,
                })?;
            }
            self.tx
                .prepare_cached(
                    "INSERT INTO sync_tasks (uuid, tbl, row_id, data) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![uuid, table, row_id, fields_text(&now)])?;
            return Ok(());
        };
        let mut data = parse_fields(&data);
        let base = base
            .map(|b| parse_fields(&b))
            .unwrap_or_else(|| data.clone());
        let mut names: Vec<&String> = base.keys().chain(now.keys()).collect();
        names.sort();
        names.dedup();
        for name in names {
            let (was, is) = (base.get(name), now.get(name));
            if was == is {
                continue;
            }
            self.push(Change::Update {
                uuid: &uuid,
                field: name,
                old: data.get(name).map(String::as_str),
                new: is.map(String::as_str),
                at,
            })?;
            match is {
                Some(value) => data.insert(name.clone(), value.clone()),
                None => data.remove(name),
            };
        }
        // A field another machine changed while this row was being changed here is in `data`,
        // not yet in the row: the commit writes it.
        let behind = data != now;
        self.tx
            .prepare_cached(
                "UPDATE sync_tasks SET tbl = ?2, row_id = ?3, data = ?4, base = NULL, waiting = ?5 \
                 WHERE uuid = ?1",
            )?
            .execute(params![uuid, table, row_id, fields_text(&data), behind])?;
        Ok(())
    }

    /// A row that is gone: every record the replica has for it (but `kept`, the record the
    /// row holds now) is deleted.
    fn deleted(&mut self, table: &str, row_id: i64, kept: Option<&str>) -> rusqlite::Result<()> {
        let gone: Vec<(String, String)> = self
            .tx
            .prepare_cached(
                "SELECT uuid, data FROM sync_tasks WHERE tbl = ?1 AND row_id = ?2 \
                 AND uuid IS NOT ?3",
            )?
            .query_map(params![table, row_id, kept], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (uuid, data) in gone {
            let old = parse_fields(&data);
            self.push(Change::Delete {
                uuid: &uuid,
                old: &old,
            })?;
            self.tx
                .prepare_cached("DELETE FROM sync_tasks WHERE uuid = ?1")?
                .execute([&uuid])?;
        }
        Ok(())
    }
}

impl Store {
    fn replica_sql(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            path: self.path.clone(),
            source,
        }
    }

    /// Give the replica every local change since the last feed (everything, the first time),
    /// as operations `encode` makes, in one transaction.
    pub fn replica_feed(
        &mut self,
        now: &Moment,
        encode: &mut dyn FnMut(Change<'_>) -> Option<String>,
    ) -> Result<Fed> {
        self.still_here()?;
        let path = self.path.clone();
        let sql = |source| StoreError::Sql {
            path: path.clone(),
            source,
        };
        let tx = self.big_write(16)?;
        let fed = {
            let mut feed = Feed {
                tx: &tx,
                encode,
                fed: Fed::default(),
                recreated: recreated_rows(&tx).map_err(sql)?,
            };
            if state(&tx, FED_ALL).map_err(sql)?.is_none() {
                for table in LISTS {
                    let rows = {
                        let _every_row = super::plan_check::Bulk::begin();
                        all_rows(&tx, table).map_err(sql)?
                    };
                    for row_id in rows {
                        feed.row(table, row_id, now.timestamp()).map_err(sql)?;
                    }
                }
                set_state(&tx, FED_ALL, "1").map_err(sql)?;
            } else {
                for (table, row_id, at) in changed_rows(&tx).map_err(sql)? {
                    feed.row(&table, row_id, at).map_err(sql)?;
                }
            }
            for (table, row_id) in resend_list(&tx).map_err(sql)? {
                feed.row(&table, row_id, now.timestamp()).map_err(sql)?;
            }
            tx.execute("DELETE FROM sync_state WHERE key = ?1", [RESEND])
                .map_err(sql)?;
            feed.fed
        };
        mark_fed(&tx).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(fed)
    }

    /// Whether rows another machine deleted were kept here (still referred to) and wait to be
    /// sent again as records.
    pub fn replica_resend_pending(&self) -> Result<bool> {
        resend_list(&self.conn)
            .map(|rows| !rows.is_empty())
            .map_err(|e| self.replica_sql(e))
    }

    /// The replica's record with this UUID.
    pub fn replica_record(&self, uuid: &str) -> Result<Option<Fields>> {
        self.conn
            .prepare_cached("SELECT data FROM sync_tasks WHERE uuid = ?1")
            .and_then(|mut s| s.query_row([uuid], |r| r.get::<_, String>(0)).optional())
            .map(|data| data.map(|d| parse_fields(&d)))
            .map_err(|e| self.replica_sql(e))
    }

    /// Every record of the replica (for a snapshot the engine sends).
    pub fn replica_records(&self) -> Result<Vec<(String, Fields)>> {
        let read = || -> rusqlite::Result<Vec<(String, Fields)>> {
            let mut stmt = self.conn.prepare("SELECT uuid, data FROM sync_tasks")?;
            stmt.query_map([], |r| {
                Ok((r.get(0)?, parse_fields(&r.get::<_, String>(1)?)))
            })?
            .collect()
        };
        read().map_err(|e| self.replica_sql(e))
    }

    /// Where the replica stands: its base version and last operation.
    pub fn replica_started(&self) -> Result<Started> {
        read_started(&self.conn).map_err(|e| self.replica_sql(e))
    }

    /// The operations not yet sent, oldest first.
    pub fn replica_unsent(&self) -> Result<Vec<String>> {
        // What is unsent is what the sync sends; sent operations are deleted.
        let _what_is_sent = super::plan_check::Bulk::begin();
        let read = || -> rusqlite::Result<Vec<String>> {
            let mut stmt = self
                .conn
                .prepare("SELECT data FROM sync_operations ORDER BY id")?;
            stmt.query_map([], |r| r.get(0))?.collect()
        };
        read().map_err(|e| self.replica_sql(e))
    }

    /// Whether the replica holds nothing at all (a first sync takes the remote's snapshot).
    pub fn replica_is_empty(&self) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM sync_tasks) \
                   AND NOT EXISTS (SELECT 1 FROM sync_operations) \
                   AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'base_version')",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.replica_sql(e))
    }

    /// What is pending, and when the last sync was.
    pub fn replica_status(&self) -> Result<ReplicaStatus> {
        let read = || -> rusqlite::Result<ReplicaStatus> {
            let started = state(&self.conn, FED_ALL)?.is_some();
            let unfed_rows = if started {
                changed_rows(&self.conn)?.len() as u64
            } else {
                // Never fed: every record waits, so every record is counted.
                let _every_row = super::plan_check::Bulk::begin();
                LISTS
                    .iter()
                    .map(|t| {
                        self.conn
                            .query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| {
                                r.get::<_, i64>(0)
                            })
                    })
                    .sum::<rusqlite::Result<i64>>()? as u64
            };
            let count = |sql: &str| self.conn.query_row(sql, [], |r| r.get::<_, i64>(0));
            Ok(ReplicaStatus {
                unfed_rows,
                unsent: count("SELECT COUNT(*) FROM sync_operations")? as u64,
                waiting: count("SELECT COUNT(*) FROM sync_tasks WHERE waiting = 1")? as u64,
                last_sync: state(&self.conn, LAST_SYNC)?.and_then(|v| v.parse().ok()),
                started,
                remote_head: state(&self.conn, REMOTE_HEAD)?,
            })
        };
        read().map_err(|e| self.replica_sql(e))
    }

    /// A sync ended: when, and where the remote was then (a git remote's commit).
    pub fn replica_synced(&mut self, now: &Moment, remote_head: Option<&str>) -> Result<()> {
        let path = self.path.clone();
        let tx = self.big_write(2)?;
        set_state(&tx, LAST_SYNC, &now.timestamp().to_string())
            .and_then(|()| match remote_head {
                Some(head) => set_state(&tx, REMOTE_HEAD, head),
                None => tx
                    .execute("DELETE FROM sync_state WHERE key = ?1", [REMOTE_HEAD])
                    .map(|_| ()),
            })
            .and_then(|()| tx.commit())
            .map_err(|source| StoreError::Sql { path, source })
    }

    /// Give back the space a large sync left unused (the operations of a first sync of a big
    /// database are written, sent, then deleted): VACUUM when more than 64 MiB and a quarter of
    /// the file are free pages. Skipped when another program has the database open for writing.
    pub fn replica_compact(&mut self) {
        let free: rusqlite::Result<(i64, i64, i64)> = self.conn.query_row(
            "SELECT (SELECT freelist_count FROM pragma_freelist_count), \
                    (SELECT page_count FROM pragma_page_count), \
                    (SELECT page_size FROM pragma_page_size)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        );
        if let Ok((free, pages, size)) = free
            && free * size > 64 * 1024 * 1024
            && free * 4 > pages
        {
            let vacuumed = self.with_busy_timeout(std::time::Duration::ZERO, |store| {
                store.conn.execute_batch("VACUUM")
            });
            if let Err(e) = vacuumed {
                tracing::info!(error = %e, "the space a sync left is given back later");
            }
        }
    }

    /// Forget the replica (this machine joins a remote afresh): every record is given to it again
    /// at the next sync. The records here are untouched.
    pub fn replica_forget(&mut self) -> Result<()> {
        let path = self.path.clone();
        let tx = self.big_write(16)?;
        tx.execute_batch(
            "DELETE FROM sync_tasks; DELETE FROM sync_operations; DELETE FROM sync_state; \
             DELETE FROM sync_applied;",
        )
        .and_then(|()| tx.commit())
        .map_err(|source| StoreError::Sql { path, source })
    }

    /// Write what a sync's engine transaction changed, and apply the records it brought to this
    /// database's tables, in one transaction.
    pub fn replica_commit(
        &mut self,
        started: &Started,
        commit: ReplicaCommit,
        now: &Moment,
    ) -> std::result::Result<Applied, CommitError> {
        self.still_here()?;
        let mut progress = |_: u64, _: u64| {};
        let mut m = Merge::for_sync(self, now, &mut progress).map_err(store_error)?;
        let sql = |m: &Merge<'_, '_>, e| store_error(m.sql(e));
        let was = read_started(&m.tx).map_err(|e| sql(&m, e))?;
        if was != *started {
            return Err(CommitError::Raced);
        }
        let mut deleted_rows = Vec::new();
        write_replica(&m.tx, &commit, &mut deleted_rows).map_err(|e| sql(&m, e))?;
        if let Some(base) = &commit.base {
            set_state(&m.tx, BASE, base).map_err(|e| sql(&m, e))?;
        }
        let changed: HashSet<(String, i64)> = changed_rows(&m.tx)
            .map_err(|e| sql(&m, e))?
            .into_iter()
            .map(|(t, r, _)| (t, r))
            .collect();
        let mut applied = Applied::default();
        apply_waiting(&mut m, &changed)?;
        apply_deletions(&mut m, &changed, deleted_rows, &mut applied)?;
        applied.waiting =
            m.tx.query_row(
                "SELECT COUNT(*) FROM sync_tasks WHERE waiting = 1",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_err(|e| sql(&m, e))? as u64;
        applied.merged = m.finish().map_err(store_error)?;
        Ok(applied)
    }
}

fn store_error(e: ImportError) -> CommitError {
    match e {
        ImportError::Store(e) => CommitError::Store(e),
        // Only the file of an import can be bad; a sync's records that are not here yet wait.
        ImportError::Bad(bad) => CommitError::Store(StoreError::Unusable {
            path: std::path::PathBuf::new(),
            cause: bad.to_string(),
        }),
    }
}

/// The engine's records and operations, written; the local rows of deleted records collected.
fn write_replica(
    tx: &Transaction<'_>,
    commit: &ReplicaCommit,
    deleted_rows: &mut Vec<(String, i64)>,
) -> rusqlite::Result<()> {
    for (uuid, fields) in &commit.records {
        match fields {
            Some(fields) => {
                // The record as this database has it stays the base of local changes until the
                // record is written here.
                tx.prepare_cached(
                    "INSERT INTO sync_tasks (uuid, data, waiting) VALUES (?1, ?2, 1) \
                     ON CONFLICT(uuid) DO UPDATE SET base = COALESCE(base, data), \
                       data = excluded.data, waiting = 1",
                )?
                .execute(params![uuid, fields_text(fields)])?;
            }
            None => {
                let row: Option<(Option<String>, Option<i64>)> = tx
                    .prepare_cached("SELECT tbl, row_id FROM sync_tasks WHERE uuid = ?1")?
                    .query_row([uuid], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                if let Some((Some(table), Some(row_id))) = row {
                    deleted_rows.push((table, row_id));
                }
                tx.prepare_cached("DELETE FROM sync_tasks WHERE uuid = ?1")?
                    .execute([uuid])?;
            }
        }
    }
    if commit.sent {
        tx.execute("DELETE FROM sync_operations", [])?;
    } else {
        for op in &commit.added {
            tx.prepare_cached("INSERT INTO sync_operations (data) VALUES (?1)")?
                .execute([op])?;
        }
    }
    Ok(())
}

/// Where a record goes among the others: by list (people before what refers to them), and
/// deadlines before the asks that name them.
fn apply_order(entry: &Entry) -> (usize, bool) {
    let list = LISTS.iter().position(|l| *l == entry.list()).unwrap_or(0);
    let not_deadline = match entry {
        Entry::ItemRecord(item) => item.kind != crate::domain::Kind::Deadline,
        _ => true,
    };
    (list, not_deadline)
}

/// Write every waiting record of the replica here, each in a savepoint: one that refers to a
/// record not here yet, or whose row was changed here during the sync, keeps waiting.
fn apply_waiting(
    m: &mut Merge<'_, '_>,
    changed: &HashSet<(String, i64)>,
) -> std::result::Result<(), CommitError> {
    let sql = |m: &Merge<'_, '_>, e| store_error(m.sql(e));
    let waiting: Vec<(String, String, Option<String>, Option<i64>)> = (|| {
        let mut stmt =
            m.tx.prepare("SELECT uuid, data, tbl, row_id FROM sync_tasks WHERE waiting = 1")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()
    })()
    .map_err(|e| sql(m, e))?;
    let mut entries = Vec::new();
    for (uuid, data, table, row_id) in waiting {
        if let (Some(table), Some(row_id)) = (&table, row_id)
            && changed.contains(&(table.clone(), row_id))
        {
            continue;
        }
        match Entry::from_fields(&parse_fields(&data)) {
            Ok(entry) => entries.push((uuid, entry)),
            Err(why) => tracing::warn!(%uuid, %why, "a synced record is not readable; it waits"),
        }
    }
    entries.sort_by_key(|(_, entry)| apply_order(entry));
    let journal: i64 =
        m.tx.query_row("SELECT COALESCE(MAX(id), 0) FROM journal", [], |r| r.get(0))
            .map_err(|e| sql(m, e))?;
    for (uuid, entry) in entries {
        m.tx.execute_batch("SAVEPOINT synced_record")
            .map_err(|e| sql(m, e))?;
        let list = entry.list();
        let row_id = match apply_entry(m, &entry) {
            Ok(row_id) => row_id,
            Err(ImportError::Bad(why)) => {
                tracing::info!(%uuid, %why, "a synced record waits for what it refers to");
                m.tx.execute_batch("ROLLBACK TO synced_record; RELEASE synced_record")
                    .map_err(|e| sql(m, e))?;
                continue;
            }
            Err(ImportError::Store(e)) if is_constraint(&e) => {
                tracing::info!(%uuid, error = %e, "a synced record does not fit here yet; it waits");
                m.tx.execute_batch("ROLLBACK TO synced_record; RELEASE synced_record")
                    .map_err(|e| sql(m, e))?;
                continue;
            }
            Err(ImportError::Store(e)) => return Err(CommitError::Store(e)),
        };
        (|| -> rusqlite::Result<()> {
            m.tx.prepare_cached(
                "UPDATE sync_tasks SET tbl = ?2, row_id = ?3, base = NULL, waiting = 0 \
                 WHERE uuid = ?1",
            )?
            .execute(params![uuid, list, row_id])?;
            m.tx.prepare_cached(
                "INSERT INTO sync_applied (tbl, row_id, journal_id) VALUES (?1, ?2, ?3) \
                 ON CONFLICT(tbl, row_id) DO UPDATE SET journal_id = excluded.journal_id",
            )?
            .execute(params![list, row_id, journal])?;
            m.tx.execute_batch("RELEASE synced_record")
        })()
        .map_err(|e| sql(m, e))?;
    }
    Ok(())
}

/// Write one synced record here; its local row id.
fn apply_entry(m: &mut Merge<'_, '_>, entry: &Entry) -> std::result::Result<i64, ImportError> {
    match entry {
        Entry::PersonRecord(r) => m.apply_synced(r),
        Entry::ItemRecord(r) => m.apply_synced(r),
        Entry::FollowUpRecord(r) => m.apply_synced(r),
        Entry::CritiqueRecord(r) => m.apply_synced(r),
        Entry::FavorRecord(r) => m.apply_synced(r),
        Entry::CheckinRecord(r) => m.apply_synced(r),
        Entry::SprintRecord(r) => m.apply_synced(r),
        Entry::ReflectionRecord(r) => m.apply_synced(r),
    }
}

/// A row that two records lead to (the same person made on two machines) holds the smaller
/// UUID's record. When that record was deleted elsewhere, the row becomes the record that is
/// left (the smallest, on every machine alike), with its fields.
fn adopt_survivor(
    m: &mut Merge<'_, '_>,
    table: &str,
    row_id: i64,
) -> std::result::Result<(), CommitError> {
    let sql = |m: &Merge<'_, '_>, e| store_error(m.sql(e));
    // `table` is one of LISTS (checked by the caller), never input.
    let holder: Option<String> =
        m.tx.query_row(
            &format!(
                "SELECT uuid FROM {table} WHERE id = ?1 \
                 AND NOT EXISTS (SELECT 1 FROM sync_tasks WHERE sync_tasks.uuid = {table}.uuid)"
            ),
            [row_id],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| sql(m, e))?;
    if holder.is_none() {
        return Ok(());
    }
    let survivor: Option<(String, String)> =
        m.tx.query_row(
            "SELECT uuid, data FROM sync_tasks WHERE tbl = ?1 AND row_id = ?2 \
             ORDER BY uuid LIMIT 1",
            params![table, row_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(|e| sql(m, e))?;
    let Some((uuid, data)) = survivor else {
        return Ok(());
    };
    let Ok(entry) = Entry::from_fields(&parse_fields(&data)) else {
        return Ok(());
    };
    m.tx.execute_batch("SAVEPOINT adopt")
        .map_err(|e| sql(m, e))?;
    m.tx.execute(
        &format!("UPDATE {table} SET uuid = ?2 WHERE id = ?1"),
        params![row_id, uuid],
    )
    .map_err(|e| sql(m, e))?;
    let end = match apply_entry(m, &entry) {
        Ok(_) => "RELEASE adopt",
        Err(ImportError::Bad(why)) => {
            tracing::info!(%uuid, %why, "the record left for a row does not fit here; the row stays");
            "ROLLBACK TO adopt; RELEASE adopt"
        }
        Err(ImportError::Store(e)) => return Err(CommitError::Store(e)),
    };
    m.tx.execute_batch(end).map_err(|e| sql(m, e))
}

fn is_constraint(e: &StoreError) -> bool {
    matches!(e, StoreError::Sql {
        source: rusqlite::Error::SqliteFailure(failure, _),
        ..
    } if failure.code == rusqlite::ErrorCode::ConstraintViolation)
}

/// Delete here the rows of records another machine deleted: after what refers to them, and not
/// when changed here during the sync or still referred to (then they stay, and say so).
fn apply_deletions(
    m: &mut Merge<'_, '_>,
    changed: &HashSet<(String, i64)>,
    mut rows: Vec<(String, i64)>,
    applied: &mut Applied,
) -> std::result::Result<(), CommitError> {
    let sql = |m: &Merge<'_, '_>, e| store_error(m.sql(e));
    let order: HashMap<&str, usize> = LISTS.iter().enumerate().map(|(i, l)| (*l, i)).collect();
    rows.sort_by_key(|(table, row_id)| {
        (
            std::cmp::Reverse(order.get(table.as_str()).copied().unwrap_or(0)),
            std::cmp::Reverse(*row_id),
        )
    });
    rows.dedup();
    for (table, row_id) in rows {
        if changed.contains(&(table.clone(), row_id)) || !order.contains_key(table.as_str()) {
            continue;
        }
        // Another record the replica still has may lead to the same row (the same person made
        // on both machines): the row stays for it.
        let still_led_to: bool =
            m.tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM sync_tasks WHERE tbl = ?1 AND row_id = ?2)",
                params![table, row_id],
                |r| r.get(0),
            )
            .map_err(|e| sql(m, e))?;
        if still_led_to {
            adopt_survivor(m, &table, row_id)?;
            continue;
        }
        if table == "items" {
            m.touch_person_of(row_id).map_err(store_error)?;
        }
        m.tx.execute_batch("SAVEPOINT synced_delete")
            .map_err(|e| sql(m, e))?;
        // `table` is one of LISTS (checked above), never input.
        match m
            .tx
            .execute(&format!("DELETE FROM {table} WHERE id = ?1"), [row_id])
        {
            Ok(n) => {
                applied.deleted += n as u64;
                m.tx.execute_batch("RELEASE synced_delete")
                    .map_err(|e| sql(m, e))?;
            }
            Err(rusqlite::Error::SqliteFailure(failure, _))
                if failure.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                tracing::info!(%table, row_id, "a record deleted elsewhere is still referred to here; kept");
                m.tx.execute_batch("ROLLBACK TO synced_delete; RELEASE synced_delete")
                    .map_err(|e| sql(m, e))?;
                let mut resend = resend_list(&m.tx).map_err(|e| sql(m, e))?;
                resend.push((table.clone(), row_id));
                let text = serde_json::to_string(&resend).unwrap_or_else(|_| "[]".into());
                set_state(&m.tx, RESEND, &text).map_err(|e| sql(m, e))?;
            }
            Err(e) => return Err(sql(m, e)),
        }
    }
    Ok(())
}
