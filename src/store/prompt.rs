//! The shell prompt's counts, read on a connection of their own that can only read: no file is
//! made, no schema is changed, nothing waits long for a lock. A prompt runs before every command
//! line, so this is the shortest path from a process start to an answer.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{Result, StoreError};

/// What needs attention, in numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PromptCounts {
    /// Open asks whose check-back has come.
    pub checks: u64,
    /// Open asks past their need-by.
    pub need_by: u64,
    /// Open asks with either (each counted once).
    pub due: u64,
    /// Open deadlines due by the end of the tight window (overdue ones too).
    pub tight: u64,
}

/// The counts at `now` (seconds), deadlines due by `tight_until`; None when there is no
/// database yet.
pub fn prompt_counts(path: &Path, now: i64, tight_until: i64) -> Result<Option<PromptCounts>> {
    let failed = |e: rusqlite::Error| StoreError::Sql {
        path: path.to_path_buf(),
        source: e,
    };
    if !path.exists() {
        return Ok(None);
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(failed)?;
    // A prompt must not hang behind a long write: it waits a little, then gives up.
    conn.busy_timeout(Duration::from_millis(200))
        .map_err(failed)?;
    let asks = conn
        .query_row(
            "SELECT COALESCE(SUM(next_check <= ?1), 0), COALESCE(SUM(need_by <= ?1), 0), \
                    COALESCE(SUM(next_check <= ?1 OR need_by <= ?1), 0) \
             FROM items INDEXED BY items_open_asks WHERE kind = 'ask' AND status = 'open'",
            [now],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            },
        )
        .map_err(failed)?;
    let tight: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM items INDEXED BY items_open_deadlines \
             WHERE kind = 'deadline' AND status = 'open' AND due <= ?1",
            [tight_until],
            |r| r.get(0),
        )
        .map_err(failed)?;
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    Ok(Some(PromptCounts {
        checks: n(asks.0),
        need_by: n(asks.1),
        due: n(asks.2),
        tight: n(tight),
    }))
}
