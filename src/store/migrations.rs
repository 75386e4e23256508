//! Embedded, ordered migrations over `PRAGMA user_version`. Each step runs in its own IMMEDIATE
//! transaction and re-reads the version inside it, so two processes opening an old database at
//! once migrate it exactly once. Steps only add: every row an earlier nudge wrote is kept.

use rusqlite::{Connection, TransactionBehavior};

/// (version it leads to, SQL). Append only; never edit a step that has shipped.
const STEPS: &[(i64, &str)] = &[
    (1, include_str!("migrations/001_initial.sql")),
    (2, include_str!("migrations/002_insights.sql")),
    (3, include_str!("migrations/003_check_by_hand.sql")),
    (4, include_str!("migrations/004_item_chases.sql")),
    (5, include_str!("migrations/005_person_keys.sql")),
    (6, include_str!("migrations/006_sync.sql")),
    (7, include_str!("migrations/007_reminders.sql")),
    (8, include_str!("migrations/008_mail.sql")),
    (9, include_str!("migrations/009_find.sql")),
    (10, include_str!("migrations/010_keep_in_touch.sql")),
    (11, include_str!("migrations/011_redo.sql")),
    (12, include_str!("migrations/012_names.sql")),
    (13, include_str!("migrations/013_person_counts.sql")),
    (14, include_str!("migrations/014_person_order.sql")),
    (15, include_str!("migrations/015_open_indexes.sql")),
    (16, include_str!("migrations/016_find_pending.sql")),
    (17, include_str!("migrations/017_indexes_that_serve.sql")),
    (18, include_str!("migrations/018_expertise_words.sql")),
    (19, include_str!("migrations/019_alias_keys.sql")),
];

pub const LATEST: i64 = STEPS[STEPS.len() - 1].0;

pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    for (version, sql) in STEPS {
        let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current < *version {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", version)?;
            tracing::info!(from = current, to = version, "database schema migrated");
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
    fn version_2_keeps_every_row_and_fills_the_channel_figures() {
        let conn = Connection::open_in_memory().expect("memory db");
        conn.execute_batch(STEPS[0].1).expect("version 1");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
        conn.execute_batch(
            "INSERT INTO people (id, uuid, name, name_key, created_at, updated_at) \
               VALUES (1, 'p1', 'Dana', 'dana', 0, 0); \
             INSERT INTO items (uuid, kind, title, status, person_id, last_via, created_at, updated_at) VALUES \
               ('a', 'ask', 'x', 'received', 1, 'call', 0, 0), \
               ('b', 'ask', 'y', 'declined', 1, 'call', 0, 0), \
               ('c', 'ask', 'z', 'open', 1, 'email', 0, 0), \
               ('d', 'deadline', 'w', 'done', NULL, NULL, 0, 0);",
        )
        .expect("rows");
        migrate(&conn).expect("migrates");
        let items: i64 = conn
            .query_row("SELECT COUNT(*) FROM items", [], |r| r.get(0))
            .expect("count");
        assert_eq!(items, 4);
        let figures: (String, i64, i64) = conn
            .query_row(
                "SELECT channel, answered, closed FROM person_channels WHERE person_id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .expect("one row");
        assert_eq!(figures, ("call".to_string(), 1, 2));
    }

    #[test]
    fn version_13_keeps_every_row_and_fills_the_person_tallies() {
        let conn = Connection::open_in_memory().expect("memory db");
        for (version, sql) in &STEPS[..12] {
            conn.execute_batch(sql).expect("an earlier step");
            conn.pragma_update(None, "user_version", version)
                .expect("version");
        }
        conn.execute_batch(
            "INSERT INTO people (id, uuid, name, name_key, created_at, updated_at) VALUES \
               (1, 'p1', 'Dana', 'dana', 0, 0), (2, 'p2', 'Sam', 'sam', 0, 0), \
               (3, 'p3', 'Lee', 'lee', 0, 0); \
             INSERT INTO favors (uuid, person_id, direction, what, at, created_at, updated_at) \
               VALUES ('f1', 1, 'gave', 'a', 0, 0, 0), ('f2', 1, 'gave', 'b', 0, 0, 0), \
                      ('f3', 1, 'got', 'c', 0, 0, 0), ('f4', 2, 'got', 'd', 0, 0, 0); \
             INSERT INTO critiques (uuid, person_id, said, response, at, created_at, updated_at) \
               VALUES ('c1', 2, 'too long', 'invite', 0, 0, 0), \
                      ('c2', 2, 'off brand', 'fixed', 0, 0, 0);",
        )
        .expect("rows");
        migrate(&conn).expect("migrates");
        let mut stmt = conn
            .prepare(
                "SELECT person_id, gave, got, critiques, invited FROM person_tallies ORDER BY 1",
            )
            .expect("prepares");
        let tallies: Vec<(i64, i64, i64, i64, i64)> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .and_then(|rows| rows.collect())
            .expect("reads");
        // Lee has neither, so no row.
        assert_eq!(tallies, vec![(1, 2, 1, 0, 0), (2, 0, 1, 2, 1)]);
        let kept: i64 = conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM favors) + (SELECT COUNT(*) FROM critiques)",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(kept, 6);
    }

    #[test]
    fn versions_18_and_19_index_the_expertise_and_aliases_people_already_have() {
        let conn = Connection::open_in_memory().expect("memory db");
        for (version, sql) in &STEPS[..17] {
            conn.execute_batch(sql).expect("an earlier step");
            conn.pragma_update(None, "user_version", version)
                .expect("version");
        }
        conn.execute_batch(
            "INSERT INTO people (id, uuid, name, name_key, expertise, aliases, created_at, updated_at) \
             VALUES (1, 'p1', 'Marcus Reid', 'marcus reid', 'pricing emea', 'marc,mr', 0, 0), \
                    (2, 'p2', 'Sam', 'sam', '', '', 0, 0);",
        )
        .expect("rows");
        migrate(&conn).expect("migrates");
        let read = |sql: &str| -> Vec<(String, i64)> {
            let mut stmt = conn.prepare(sql).expect("prepares");
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|rows| rows.collect())
                .expect("reads")
        };
        assert_eq!(
            read("SELECT key, person_id FROM person_aliases ORDER BY key"),
            vec![("marc".to_string(), 1), ("mr".to_string(), 1)]
        );
        // The expertise waits for nudge to put its words in lower case, at the next write.
        assert_eq!(
            read("SELECT 'noted', person_id FROM expertise_pending"),
            vec![("noted".to_string(), 1)]
        );
        let people: i64 = conn
            .query_row("SELECT COUNT(*) FROM people", [], |r| r.get(0))
            .expect("count");
        assert_eq!(people, 2);
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
