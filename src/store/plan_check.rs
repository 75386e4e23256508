//! The plan check, for the tests: debug builds whose command line found `NUDGE_CHECK_PLANS` set
//! (tests/common sets it for every command the tests run) and turned it on.
//!
//! SQLite chooses how to run a statement without statistics about the data. A plan that reads
//! a whole table takes no time on a test's few rows and all of a command's time at a million
//! items: the find index's catch-up read every item on the first write after a capture (0.1 s),
//! the day's report read every ask and deadline ever made (0.3 s). So every statement a command
//! runs is noted, and when its store closes each one is explained; a plan that reads all of a
//! table that grows with use, or every item of a kind, ends the command with exit code 70,
//! naming the statement and its plan. Work that reads everything by design (an export, the
//! first sync's feed, every person's reply time after an import) runs inside a `Bulk`; the few
//! statements that list every row of a kind (`list people`, `list --all`) are in
//! `READS_EVERYTHING` with why. Trigger bodies are not explained (they cannot be alone); theirs
//! are keyed look-ups.

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rusqlite::Connection;
use rusqlite::trace::{TraceEvent, TraceEventCodes};

/// Exit code of a command whose statements failed the check.
const FAILED: i32 = 70;

static RAN: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// How many `Bulk`s are open: while one is, statements are not noted.
static BULK: AtomicUsize = AtomicUsize::new(0);

/// Work that reads whole tables by design (an export, the first sync's feed): the
/// statements it runs while this lives are not checked. Any thread's counts, so keep it to the
/// work itself.
pub(crate) struct Bulk(());

impl Bulk {
    pub(crate) fn begin() -> Bulk {
        BULK.fetch_add(1, Ordering::SeqCst);
        Bulk(())
    }
}

impl Drop for Bulk {
    fn drop(&mut self) {
        BULK.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Tables that stay small whatever the use, or hold only what waits for the work that reads
/// them (the items a capture left for the find index, the changes a sync has yet to send):
/// read whole, they cost what that work costs.
const SMALL_TABLES: &[&str] = &[
    "items_find_pending",
    "expertise_pending",
    "sync_operations",
    // One entry per open item with a date in the user's calendar; closed ones are taken out.
    "calendar_sent",
    "items_find_config",
    "sync_state",
    "mail_folders",
    "mail_me",
    "key_positions",
    "json_each",
    "sqlite_schema",
    "sqlite_master",
];

/// Partial indexes that hold only what is open (on the board), read whole by design.
const OPEN_ONLY_INDEXES: &[&str] = &[
    "items_open_asks",
    "items_open_deadlines",
    "items_open_proofing",
    "items_open_asks_by_deadline",
    "mail_replies_open",
    "sync_tasks_waiting",
    "sprints_running",
];

/// Statements that read a whole table on purpose (found by a part of their text), and why.
const READS_EVERYTHING: &[(&str, &str)] = &[
    (
        "FROM people INDEXED BY people_experts WHERE expertise != '' AND EXISTS (SELECT 1 FROM expertise_pending)",
        "who knows a word, while changes to expertise wait to be indexed (a write nudge did not make)",
    ),
    (
        "FROM person_channels",
        "`list people`: every person's channels, for every person",
    ),
    (
        "COALESCE(t.gave, 0) AS gave",
        "`list people`: every person, with their tallies",
    ),
    (
        "WHERE i.kind = ?2  ORDER BY ",
        "`list proofing --all`: every invitation, closed ones too, in one order",
    ),
    (
        "WHERE i.kind = ?2 AND i.status <> 'open' ORDER BY ",
        "`list --all` past the open ones: the closed ones of a kind, in the list's order",
    ),
    (
        "SELECT COUNT(*) FROM favors",
        "a list cut for room says how many it left out",
    ),
    (
        "SELECT COUNT(*) FROM checkins",
        "a list cut for room says how many it left out",
    ),
    (
        "SELECT COUNT(*) FROM reflections",
        "a list cut for room says how many it left out",
    ),
    (
        "SELECT COUNT(*) FROM items WHERE kind = ?1",
        "`list --all` counts what it lists",
    ),
    (
        "OR (i.status NOT IN ('open','to_send','sent','accepted') AND (' ' || lower(i.title)",
        "`list --all --grep`: closed items are not in the find index, so their words are read",
    ),
];

static ON: AtomicBool = AtomicBool::new(false);

/// Check the plans of what every store opened from now on runs (debug builds only).
pub fn check_plans() {
    ON.store(cfg!(debug_assertions), Ordering::SeqCst);
}

fn enabled() -> bool {
    cfg!(debug_assertions) && ON.load(Ordering::SeqCst)
}

/// Note every statement this connection runs, when the check is on.
pub(super) fn watch(conn: &Connection) {
    if enabled() {
        conn.trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(note));
    }
}

fn note(event: TraceEvent<'_>) {
    if let TraceEvent::Stmt(statement, _) = event {
        if BULK.load(Ordering::SeqCst) > 0 {
            return;
        }
        let sql = statement.sql();
        if let Ok(mut ran) = RAN.lock()
            && !ran.contains(sql.as_ref())
        {
            ran.insert(sql.into_owned());
        }
    }
}

/// At a store's close: explain what ran; if any plan reads too much, say so and end the process.
pub(super) fn at_close(conn: &Connection) {
    if !enabled() {
        return;
    }
    let ran = match RAN.lock() {
        Ok(mut ran) => std::mem::take(&mut *ran),
        Err(_) => return,
    };
    let mut failed = false;
    for sql in ran {
        if READS_EVERYTHING.iter().any(|(t, _)| sql.contains(t)) {
            continue;
        }
        let plan = match explain(conn, &sql) {
            Ok(plan) => plan,
            // Not a statement that reads (BEGIN, a PRAGMA): nothing to explain. Nor one of another
            // store's, on a schema this one does not have (the tests open many at once).
            Err(_) if !reads_rows(&sql) => continue,
            Err(e) if e.to_string().starts_with("no such") => continue,
            Err(e) => {
                eprintln!("nudge: plan check: cannot explain ({e}): {sql}");
                failed = true;
                continue;
            }
        };
        let early = stops_early(&sql, &plan);
        if let Some(line) = plan.iter().find(|line| reads_whole(line, &sql, early)) {
            eprintln!("nudge: plan check: `{line}` in: {sql}\n  whole plan: {plan:?}");
            failed = true;
        }
    }
    if failed {
        std::process::exit(FAILED);
    }
}

/// The plan's lines. Its parameters are left unbound (NULL): the plan does not depend on them.
fn explain(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut statement = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    let mut rows = statement.raw_query();
    let mut lines = Vec::new();
    while let Some(row) = rows.next()? {
        lines.push(row.get::<_, String>(3)?);
    }
    Ok(lines)
}

/// Whether a statement reads or writes rows (what has a plan worth checking).
fn reads_rows(sql: &str) -> bool {
    let first = sql.split_whitespace().next().unwrap_or("");
    ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "REPLACE"]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w))
}

/// Whether one line of a plan reads a whole growing table, or every item of a kind. `sql` is
/// the statement and `stops_early` whether its plan walks in the order asked to a LIMIT.
fn reads_whole(line: &str, sql: &str, stops_early: bool) -> bool {
    if line.contains("items_kind_status (kind=?)") {
        return true;
    }
    let Some(rest) = line.strip_prefix("SCAN ") else {
        return false;
    };
    let name = rest.split(' ').next().unwrap_or("");
    let name = name.strip_prefix("main.").unwrap_or(name);
    let table = aliases(sql)
        .into_iter()
        .find(|(alias, _)| alias == name)
        .map_or(name.to_string(), |(_, table)| table);
    let index = rest
        .split(" INDEX ")
        .nth(1)
        .map(|i| i.split(' ').next().unwrap_or(""));
    let small = SMALL_TABLES.contains(&table.as_str()) || table.starts_with("items_find_");
    // A virtual table's "INDEX 0:=" or "0:M4" is its own look-up (a rowid, a MATCH).
    let looked_up = rest.contains("VIRTUAL TABLE INDEX") && !rest.ends_with(':');
    let first_row_only = sql.contains(&format!("EXISTS (SELECT 1 FROM {table})"));
    // A subquery, or a WITH's own rows (`ranked AS (…)`): read as they were made.
    let made_here = name.starts_with('(') || sql.contains(&format!("{name} AS ("));
    !(name == "CONSTANT"
        || made_here
        || small
        || looked_up
        || first_row_only
        || stops_early
        || index.is_some_and(|i| OPEN_ONLY_INDEXES.contains(&i)))
}

/// A plan that reads rows in the order asked and stops at the LIMIT (no sort of its own, one
/// loop that walks and the rest keyed look-ups): it reads a page, not the table (`ORDER BY at
/// DESC LIMIT 1` on an index of `at`).
fn stops_early(sql: &str, plan: &[String]) -> bool {
    sql.contains(" LIMIT ")
        && !plan.iter().any(|l| l.contains("TEMP B-TREE"))
        && plan.iter().filter(|l| l.starts_with("SCAN ")).count() == 1
}

/// `FROM items i`, `JOIN people AS p`: each alias with its table.
fn aliases(sql: &str) -> Vec<(String, String)> {
    let words: Vec<&str> = sql
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if !(word.eq_ignore_ascii_case("FROM") || word.eq_ignore_ascii_case("JOIN")) {
            continue;
        }
        let Some(table) = words.get(i + 1) else {
            continue;
        };
        let mut next = i + 2;
        if words
            .get(next)
            .is_some_and(|w| w.eq_ignore_ascii_case("AS"))
        {
            next += 1;
        }
        if let Some(alias) = words.get(next) {
            found.push((alias.to_string(), table.to_string()));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(line: &str, sql: &str) -> bool {
        reads_whole(line, sql, false)
    }

    #[test]
    fn a_scan_of_a_growing_table_is_a_whole_read_and_a_small_or_open_one_is_not() {
        let sql = "SELECT 1 FROM items_find_pending f CROSS JOIN items i ON i.id = f.item_id";
        assert!(whole("SCAN i", sql));
        assert!(!whole("SCAN f", sql));
        assert!(whole("SCAN journal", "SELECT id FROM journal"));
        assert!(whole(
            "SCAN items USING COVERING INDEX items_person",
            "SELECT COUNT(*) FROM items"
        ));
        assert!(!whole(
            "SCAN items USING COVERING INDEX items_open_asks",
            "SELECT COUNT(*) FROM items"
        ));
        assert!(!whole("SCAN CONSTANT ROW", "SELECT 1"));
        assert!(!whole(
            "SCAN items USING COVERING INDEX sqlite_autoindex_items_1",
            "SELECT NOT EXISTS (SELECT 1 FROM items)"
        ));
        assert!(!whole(
            "SCAN items_find VIRTUAL TABLE INDEX 0:=",
            "DELETE FROM items_find WHERE rowid IN (SELECT item_id FROM items_find_pending)"
        ));
        assert!(!whole(
            "SCAN main.items_find_config",
            "SELECT k, v FROM 'main'.'items_find_config'"
        ));
        assert!(!whole(
            "SEARCH items USING INTEGER PRIMARY KEY (rowid=?)",
            "SELECT 1 FROM items"
        ));
        assert!(whole(
            "SEARCH items USING INDEX items_kind_status (kind=?)",
            "SELECT 1 FROM items"
        ));
        assert!(!whole(
            "SEARCH items USING INDEX items_kind_status (kind=? AND status=?)",
            "SELECT 1 FROM items"
        ));
    }

    #[test]
    fn aliases_are_read_from_from_and_join() {
        assert_eq!(
            aliases("SELECT * FROM items i LEFT JOIN people AS p ON p.id = i.person_id"),
            vec![
                ("i".to_string(), "items".to_string()),
                ("p".to_string(), "people".to_string())
            ]
        );
    }

    #[test]
    fn the_plans_of_the_statements_that_ran_are_explained() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch("CREATE TABLE journal (id INTEGER PRIMARY KEY, at INTEGER)")
            .expect("table");
        let plan = explain(&conn, "SELECT id FROM journal WHERE at > 3").expect("plan");
        let sql = "SELECT id FROM journal WHERE at > 3";
        assert!(plan.iter().any(|l| reads_whole(l, sql, false)), "{plan:?}");
        let plan = explain(&conn, "SELECT at FROM journal WHERE id = 3").expect("plan");
        assert!(!plan.iter().any(|l| reads_whole(l, "", false)), "{plan:?}");
        // The newest first, to a limit: a page, not the table.
        let sql = "SELECT at FROM journal ORDER BY id DESC LIMIT 1";
        let plan = explain(&conn, sql).expect("plan");
        assert!(stops_early(sql, &plan), "{plan:?}");
        // Sorted first: every row is read.
        let sql = "SELECT id FROM journal ORDER BY at DESC LIMIT 1";
        let plan = explain(&conn, sql).expect("plan");
        assert!(!stops_early(sql, &plan), "{plan:?}");
        assert!(plan.iter().any(|l| reads_whole(l, sql, false)), "{plan:?}");
    }
}
