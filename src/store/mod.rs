//! The only code that speaks SQL: opening the file safely, migrations, queries per concept, and
//! the journal that serves undo and history.
//!
//! Every command is one IMMEDIATE transaction (`Store::write`); a database that is not ours, is
//! damaged, or was made by a newer nudge is refused before anything is written to it.

mod bulk;
mod calendar;
/// A query limit that is none (SQLite reads any LIMIT this large as all rows).
pub const NO_LIMIT: usize = i64::MAX as usize;

pub mod checkins;
pub mod critiques;
pub mod days;
mod experts;
mod export;
pub mod favors;
mod fields;
mod file;
mod find;
mod import;
pub mod insights;
mod item_writes;
mod journal;
mod mail;
mod merged;
mod migrations;
mod page_check;
mod plan_check;
pub use plan_check::check_plans;
mod prompt;
mod query;
pub use query::Listed;
mod reminders;
mod replica;
mod rescue;
mod rows;
mod tables;

pub mod items;
pub mod people;
pub use calendar::CalendarEntry;
pub use find::Find;
pub use mail::NewReply;
pub use prompt::{PromptCounts, prompt_counts};

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::when::{Moment, Zone};

pub use bulk::Bulk;
pub use export::{ExportStop, export_queries};
pub use import::{ImportError, Merged};
pub use journal::{HistoryEntry, Table, Undone};
pub use page_check::PageCheck;
pub use replica::{Applied, Change, CommitError, Fed, ReplicaCommit, ReplicaStatus, Started};

/// How long a write waits for another program's lock before it gives up (DESIGN: at least 5 s).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// "nudg": marks a SQLite file as ours, so another application's database is never migrated.
pub const APPLICATION_ID: i32 = 0x6E75_6467;

impl StoreError {
    /// Another program held the database locked for longer than the wait.
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Sql {
            source: rusqlite::Error::SqliteFailure(failure, _),
            ..
        } if matches!(failure.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file cannot be used at all (exit code 2). Names the file and the cause.
    #[error("{}: {cause}", path.display())]
    Unusable { path: PathBuf, cause: String },
    /// SQLite failed while working on a usable file (exit code 2).
    #[error("{}: {}", path.display(), describe(source))]
    Sql {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

pub type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    zone: Zone,
    /// The file the connection opened (device, inode): a write checks it is still the file at
    /// `path`.
    identity: Option<(u64, u64)>,
    /// Set once the file was found deleted or replaced: why nothing more is read or written.
    gone: Option<String>,
    /// How long writes wait for another program's lock.
    busy: Duration,
    /// Whether the write-ahead log is kept when this connection closes (see `keep_log`).
    keeping_log: bool,
}

impl Store {
    /// Open (or, when there is no file yet, create) the database at `path`.
    pub fn open(path: &Path, zone: Zone) -> Result<Store> {
        let unusable = |refused: file::Refused| StoreError::Unusable {
            path: path.to_path_buf(),
            cause: refused.to_string(),
        };
        let existed = file::exists(path).map_err(unusable)?;
        if existed {
            let header = file::check_header(path, migrations::LATEST).map_err(unusable)?;
            file::check_log(path, &header).map_err(unusable)?;
        } else {
            file::check_no_leftover_log(path).map_err(unusable)?;
            file::create(path, |fresh| {
                let conn = Connection::open_with_flags(
                    fresh,
                    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                conn.pragma_update(None, "application_id", APPLICATION_ID)?;
                conn.pragma_update(None, "journal_mode", "wal")?;
                migrations::migrate(&conn)?;
                conn.close().map_err(|(_, e)| file::Refused::Sql(e))
            })
            .map_err(unusable)?;
        }
        // A log kept by an earlier run stays kept; otherwise it is kept from the first write on,
        // so a command that only reads (or refuses the file) leaves no new files behind.
        let log_kept = file::exists(&file::with_suffix(path, "-wal")).unwrap_or(false);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Unusable {
            path: path.to_path_buf(),
            cause: format!("cannot open it: {e}"),
        })?;
        let store = Store {
            identity: file::identity(path),
            conn,
            path: path.to_path_buf(),
            zone,
            gone: None,
            busy: BUSY_TIMEOUT,
            keeping_log: log_kept,
        };
        store.configure().map_err(unusable)?;
        plan_check::watch(&store.conn);
        if log_kept {
            keep_log(&store.conn);
        }
        Ok(store)
    }

    fn unusable(&self, cause: String) -> StoreError {
        StoreError::Unusable {
            path: self.path.clone(),
            cause,
        }
    }

    /// Connection settings, then the checks SQLite itself can make (the header check cannot see
    /// changes still in the write-ahead log); a database that needs changing (its journal mode,
    /// a migration) is checked whole first, so a damaged one is refused before anything is
    /// written to it.
    fn configure(&self) -> std::result::Result<(), file::Refused> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        let app: i32 = self.pragma("application_id")?;
        if app != APPLICATION_ID {
            return Err(file::Refused::OtherApplication);
        }
        let version: i64 = self.pragma("user_version")?;
        file::check_schema(version, migrations::LATEST)?;
        let missing = self.missing_tables()?;
        if !missing.is_empty() {
            return Err(file::Refused::MissingTables(missing));
        }
        let mode: String = self.pragma("journal_mode")?;
        let converting = !mode.eq_ignore_ascii_case("wal");
        if converting || version < migrations::LATEST {
            self.verify_whole()?;
        }
        if converting {
            self.conn.pragma_update(None, "journal_mode", "wal")?;
        }
        // Every command that exits 0 has reached the disk: with FULL, each commit syncs the WAL.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        // Readers pay for every page they find in the WAL, and a process that opens a database
        // nobody else has open reads the whole WAL first: the last connection to close copies it
        // into the database (SQLite's default, measured better for `due` and `list` than
        // leaving it), and while the dashboard stays open it is checkpointed every 256 pages.
        self.conn.pragma_update(None, "wal_autocheckpoint", 256)?;
        // The log stays between runs, emptied when the last connection closes, instead of being
        // made and deleted by every command (its create, chown and unlink cost more than the
        // read itself). journal_size_limit makes the close empty it; while the dashboard runs,
        // a log that grew past 4 MiB is cut back at a checkpoint.
        self.conn
            .pragma_update(None, "journal_size_limit", 4 * 1024 * 1024)?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // Statement journals (every insert that fires a trigger keeps one) and sorts in memory,
        // not in files under /var/tmp: two system calls per page saved.
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        // No memory map: a short command reads few pages, and mapping then unmapping 256 MB cost
        // more than the reads it saved (A/B interleaved, 21 rounds: `ask`, `due`, `list` and the
        // first frame 2–8 % faster without it at 100,000 and 1,000,000; export the same).
        self.conn.pragma_update(None, "mmap_size", 0)?;
        // Plans never depend on bound values, so binding one never compiles the statement
        // again (SQLite did for each `LIMIT ?` in a subquery: every first page compiled twice).
        // The queries do not rely on a value to pick their index: each names it or has one way.
        self.conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        if version < migrations::LATEST {
            migrations::migrate(&self.conn)?;
        }
        Ok(())
    }

    fn pragma<T: rusqlite::types::FromSql>(&self, name: &str) -> rusqlite::Result<T> {
        self.conn.pragma_query_value(None, name, |r| r.get(0))
    }

    /// The tables every nudge database has had since schema 1.
    fn missing_tables(&self) -> rusqlite::Result<Vec<&'static str>> {
        const TABLES: [&str; 9] = [
            "people",
            "items",
            "follow_ups",
            "critiques",
            "favors",
            "checkins",
            "reflections",
            "journal",
            "journal_changes",
        ];
        let mut stmt = self
            .conn
            .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1")?;
        let mut missing = Vec::new();
        for table in TABLES {
            if !stmt.exists([table])? {
                missing.push(table);
            }
        }
        Ok(missing)
    }

    /// SQLite's own check of every page (`quick_check`): before work that reads or rewrites
    /// everything (an import, an export, a migration), so a damaged file is refused before a
    /// byte of it is copied or changed.
    fn verify_whole(&self) -> std::result::Result<(), file::Refused> {
        check_every_page(&self.conn)
    }

    /// `verify_whole` for the commands that go through every record.
    pub fn verify(&self) -> Result<()> {
        self.verify_whole()
            .map_err(|refused| self.unusable(refused.to_string()))
    }

    /// `verify`, on a second connection on another thread while `work` runs on this one. `work`
    /// sees how the check goes (`PageCheck`), so it can hold back what cannot be taken back until
    /// the check has passed (an export to a stream), or throw its result away when it fails (an
    /// export to a file, renamed into place only after both have ended well). A failed check is
    /// the answer, whatever `work` returned.
    pub fn verify_beside<T>(&self, work: impl FnOnce(&PageCheck) -> T) -> Result<T> {
        let Ok(side) = self.reader().sibling() else {
            // No second connection: the check comes first.
            self.verify()?;
            return Ok(work(&PageCheck::passed()));
        };
        let (tell, told) = std::sync::mpsc::channel();
        let (checked, done) = std::thread::scope(|scope| {
            let checking = scope.spawn(move || {
                let checked = check_every_page(&side);
                // The work may have ended already and stopped listening: nothing to tell then.
                let _ = tell.send(checked.is_ok());
                checked
            });
            let done = work(&PageCheck::new(told));
            let checked = checking
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (checked, done)
        });
        checked.map_err(|refused| self.unusable(refused.to_string()))?;
        Ok(done)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How long writes wait for another program's lock from now on (the dashboard waits briefly,
    /// so a held lock never freezes its keys).
    pub fn set_busy_timeout(&mut self, wait: Duration) {
        // Setting a timeout on an open connection cannot fail in a way that matters here; the
        // worst case is the wait it had.
        if self.conn.busy_timeout(wait).is_ok() {
            self.busy = wait;
        }
    }

    /// Run `work` waiting at most `wait` for another program's lock, then wait as before.
    pub fn with_busy_timeout<T>(
        &mut self,
        wait: Duration,
        work: impl FnOnce(&mut Store) -> T,
    ) -> T {
        let before = self.busy;
        let _ = self.conn.busy_timeout(wait);
        let result = work(self);
        let _ = self.conn.busy_timeout(before);
        result
    }

    /// One IMMEDIATE transaction that writes many thousands of rows (an import, a demo load), with
    /// a page cache of `cache_mib` MiB, so its changes are not spilled to the WAL page by page.
    /// The cache only grows as far as it is used.
    pub(crate) fn big_write(&mut self, cache_mib: i64) -> Result<rusqlite::Transaction<'_>> {
        let sql = |path: &std::path::Path, source| StoreError::Sql {
            path: path.to_path_buf(),
            source,
        };
        self.conn
            .pragma_update(None, "cache_size", -1024 * cache_mib)
            .map_err(|e| sql(&self.path, e))?;
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| sql(&self.path, e))
    }

    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// Run `work` as one IMMEDIATE transaction, journaled as `action` for undo and history.
    /// Dropping the transaction on error rolls everything back.
    pub fn write<T>(
        &mut self,
        action: &str,
        now: &Moment,
        work: impl FnOnce(&mut Writer<'_>) -> std::result::Result<T, WriteError>,
    ) -> std::result::Result<T, WriteError> {
        self.still_here()?;
        let path = self.path.clone();
        let sql = |source| {
            WriteError::Store(StoreError::Sql {
                path: path.clone(),
                source,
            })
        };
        let value = {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(sql)?;
            let mut writer = Writer {
                tx,
                zone: self.zone,
                now: now.timestamp(),
                at: *now,
                action: action.to_string(),
                journal_id: None,
                seq: 0,
                find_later: false,
            };
            let value = work(&mut writer)?;
            if !writer.find_later {
                find::index_pending(&writer.tx).map_err(sql)?;
                experts::index_pending(&writer.tx).map_err(sql)?;
            }
            writer.tx.commit().map_err(sql)?;
            value
        };
        if !self.keeping_log {
            keep_log(&self.conn);
            self.keeping_log = true;
        }
        Ok(value)
    }

    /// Move everything in the write-ahead log into the database and empty the log (after bulk
    /// loads, so the next process does not have to read a large log).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|source| self.sql_error(source))
    }

    /// A read-only view for queries.
    pub fn reader(&self) -> Reader<'_> {
        Reader {
            conn: &self.conn,
            zone: self.zone,
            path: &self.path,
            gone: self.gone.as_deref(),
        }
    }

    /// A number that changes whenever another connection commits (for the dashboard's refresh);
    /// it also finds a file deleted or replaced under the dashboard.
    pub fn data_version(&mut self) -> Result<i64> {
        self.still_here()?;
        self.pragma("data_version")
            .map_err(|source| self.sql_error(source))
    }

    fn sql_error(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            path: self.path.clone(),
            source,
        }
    }
}

/// Errors inside a write: the store failing, or the input being wrong (then nothing is saved).
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Input(String),
}

/// The read side, shared by the CLI and the dashboard.
pub struct Reader<'a> {
    conn: &'a Connection,
    zone: Zone,
    path: &'a Path,
    /// Why the file can no longer be read (it went away under the connection).
    gone: Option<&'a str>,
}

impl Reader<'_> {
    fn sql(&self, source: rusqlite::Error) -> StoreError {
        if let Some(gone) = self.gone {
            return StoreError::Unusable {
                path: self.path.to_path_buf(),
                cause: gone.to_string(),
            };
        }
        StoreError::Sql {
            path: self.path.to_path_buf(),
            source,
        }
    }

    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// A second connection to the same file, that only reads, for work on another thread.
    fn sibling(&self) -> rusqlite::Result<Connection> {
        if self.gone.is_some() {
            return Err(rusqlite::Error::InvalidPath(self.path.to_path_buf()));
        }
        let conn = Connection::open_with_flags(
            self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        plan_check::watch(&conn);
        Ok(conn)
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        plan_check::at_close(&self.conn);
    }
}

/// One write transaction in progress.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    zone: Zone,
    now: i64,
    /// `now` as the moment it was given.
    at: Moment,
    action: String,
    journal_id: Option<i64>,
    seq: i64,
    /// A capture leaves its item's words for the find index to take later (migration 016):
    /// every other write brings the index up to date before it commits.
    find_later: bool,
}

impl Writer<'_> {
    fn sql(&self, source: rusqlite::Error) -> WriteError {
        WriteError::Store(StoreError::Sql {
            path: PathBuf::from(self.tx.path().unwrap_or("the database")),
            source,
        })
    }

    /// Queries inside the transaction see its own changes.
    pub fn reader(&self) -> Reader<'_> {
        Reader {
            conn: &self.tx,
            zone: self.zone,
            path: Path::new(self.tx.path().unwrap_or("the database")),
            gone: None,
        }
    }

    pub fn now_moment(&self) -> Moment {
        self.at
    }
}

/// A new record id: version 7, so ids sort by creation time.
pub(crate) fn new_uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A stored time in the user's zone; None for seconds no calendar holds.
pub(crate) fn moment(zone: &Zone, seconds: i64) -> Option<Moment> {
    crate::when::from_seconds(zone, seconds)
}

/// SQLite's own check of every page (`quick_check`); the first problem found is enough to
/// refuse the file.
fn check_every_page(conn: &Connection) -> std::result::Result<(), file::Refused> {
    let first: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get("quick_check"))?;
    if first == "ok" {
        Ok(())
    } else {
        Err(file::Refused::Damaged(first))
    }
}

/// SQLite's messages, in words a user can act on.
fn describe(error: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match error {
        rusqlite::Error::FromSqlConversionFailure(_, _, why) => {
            format!("holds a value nudge cannot read ({why})")
        }
        rusqlite::Error::SqliteFailure(failure, _) => match failure.code {
            ErrorCode::NotADatabase => "not a SQLite database".into(),
            ErrorCode::DatabaseCorrupt => "the database is damaged (corrupt)".into(),
            ErrorCode::ReadOnly => {
                "cannot write to it (read-only file, or a folder nudge cannot write in)".into()
            }
            ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
                "cannot open it, or its folder, for reading and writing".into()
            }
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                "another program is holding it locked".into()
            }
            ErrorCode::DiskFull => "the disk is full".into(),
            _ => error.to_string(),
        },
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests;

/// Ask SQLite to keep the write-ahead log file when the last connection closes (emptied by the
/// checkpoint, not deleted). Durability is unchanged: every commit still syncs the log. A SQLite
/// that does not know the request just goes on deleting it.
#[allow(unsafe_code)]
fn keep_log(conn: &Connection) {
    let mut keep: std::ffi::c_int = 1;
    // SAFETY: the handle is this open connection's and outlives the call; "main" is a
    // NUL-terminated name; SQLITE_FCNTL_PERSIST_WAL takes a pointer to one int, which lives
    // on this stack frame for the whole call and is only written by SQLite.
    let _ = unsafe {
        rusqlite::ffi::sqlite3_file_control(
            conn.handle(),
            c"main".as_ptr(),
            rusqlite::ffi::SQLITE_FCNTL_PERSIST_WAL,
            (&raw mut keep).cast(),
        )
    };
}
