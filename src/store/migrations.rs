//! Embedded, ordered migrations over `PRAGMA user_version`. Each step runs in its own IMMEDIATE
//! transaction and re-reads the version inside it, so two processes opening an old database at
//! once migrate it exactly once. Steps only add: every row an earlier nudge wrote is kept.

use rusqlite::{Connection, TransactionBehavior};

/// (version it leads to, SQL). Append only; never edit a step that has shipped.
const STEPS: &[(i64, &str)] = &[(1, include_str!("migrations/001_initial.sql"))];

pub const LATEST: i64 = STEPS[STEPS.len() - 1].0;

pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    for (version, sql) in STEPS {
        let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current < *version {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", version)?;
        }
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_numbered_in_order() {
        for (i, (version, _)) in STEPS.iter().enumerate() {
            assert_eq!(*version, i as i64 + 1);
        }
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let conn = Connection::open_in_memory().expect("memory db");
        migrate(&conn).expect("first");
        migrate(&conn).expect("second");
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version");
        assert_eq!(version, LATEST);
    }
}
