//! The floor a nudge command is measured against: only the SQLite work, with nudge's durability
//! (WAL, synchronous=FULL, a busy timeout, the checkpoint SQLite does when the last connection
//! closes), in a minimal program linking the same rusqlite. `scripts/compare-taskwarrior.py`
//! runs it beside nudge, round by round.
//!
//!     floor insert DB   one row written in one IMMEDIATE transaction (the floor of `nudge ask`)
//!     floor capture DB  the SQL `nudge ask @dana bench quotes by fri` runs, on nudge's own
//!                       tables: what a capture costs SQLite on nudge's schema (its indexes,
//!                       triggers and undo journal), apart from nudge's own code
//!     floor read DB     50 rows read through an index (the floor of `due`/`list`'s first page)
//!     floor frame DB    the read, then ratatui's empty frame drawn on the terminal (the floor
//!                       of the dashboard's first frame)
//!     floor export DB   the queries an export runs, in one read transaction, every value of
//!                       every row written to stdout as it is stored, tab-separated (the floor
//!                       of `nudge export`: its reads and as many bytes out, without the JSON,
//!                       the times in the user's zone or the check of every page beside it)
//!
//! DB is a nudge database (from `nudge demo --scale N`): the floor reads its open items by
//! their check-back through nudge's own index, and writes to a one-index table of its own.
// A failure here is a failed measurement: it says what went wrong and stops.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

fn open(path: &str) -> Connection {
    let conn = Connection::open(path).expect("opens the database");
    conn.busy_timeout(Duration::from_secs(5))
        .expect("busy timeout");
    conn.pragma_update(None, "journal_mode", "wal")
        .expect("WAL");
    conn.pragma_update(None, "synchronous", "FULL")
        .expect("synchronous");
    conn
}

fn insert(conn: &mut Connection) {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, \
         title TEXT NOT NULL); CREATE INDEX IF NOT EXISTS floor_at ON floor(at);",
    )
    .expect("floor table");
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .expect("begins");
    tx.execute(
        "INSERT INTO floor (at, title) VALUES (?1, ?2)",
        params![1_796_000_000_i64, "@dana bench quotes by fri"],
    )
    .expect("inserts");
    tx.commit().expect("commits");
}

/// The statements a capture runs, in its order, with nudge's connection settings: the person
/// looked up, the item, its journal entry and change and the entry's line in one IMMEDIATE
/// transaction, then the two reads behind the notes printed after it (favors, experts).
fn capture(conn: &mut Connection) {
    conn.pragma_update(None, "foreign_keys", "ON")
        .expect("foreign keys");
    conn.pragma_update(None, "temp_store", "MEMORY")
        .expect("temp store");
    let now = 1_795_856_400_i64;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_nanos();
    let uuid = format!("floor-{}-{nanos}", std::process::id());
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .expect("begins");
    let person: Option<i64> = tx
        .query_row(
            "SELECT id, uuid, name, team, expertise, emails, notes, prefers, reply_median_secs, \
             every_days, met_at, aliases, greeting, created_at, updated_at FROM people \
             WHERE name_key = ?1",
            ["dana"],
            |r| r.get(0),
        )
        .optional()
        .expect("person");
    tx.execute(
        "INSERT INTO items (kind, title, status, person_id, why, channel, asked_at, need_by, \
         next_check, due, tags, deadline_id, piece, notes, decline_reason, closed_at, \
         check_by_hand, uuid, created_at, updated_at, last_via) VALUES ('ask', ?1, 'open', ?2, \
         NULL, 'call', ?3, ?4, ?5, NULL, '', NULL, NULL, '', NULL, NULL, 0, ?6, ?3, ?3, 'call')",
        params![
            "bench quotes",
            person,
            now,
            now + 547_200,
            now + 259_200,
            uuid
        ],
    )
    .expect("item");
    let item = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO journal (at, action, summary, item_id) VALUES (?1, ?2, ?2, ?3)",
        params![now, "ask", item],
    )
    .expect("journal entry");
    let entry = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO journal_changes (journal_id, seq, tbl, row_id, before) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![entry, 1, "items", item, None::<String>],
    )
    .expect("journal change");
    tx.execute(
        "UPDATE journal SET summary = ?1 WHERE id = ?2",
        params![format!("Asked: Ask {item} · Dana · bench quotes"), entry],
    )
    .expect("journal line");
    tx.commit().expect("commits");
    if let Some(person) = person {
        let _: Option<(i64, i64)> = conn
            .query_row(
                "SELECT gave, got FROM person_tallies WHERE person_id = ?1",
                [person],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .expect("favors");
    }
    let mut experts = conn
        .prepare(
            "SELECT id, name, expertise FROM people INDEXED BY people_experts \
             WHERE expertise != '' ORDER BY name_key",
        )
        .expect("experts");
    let found = experts
        .query_map([], |r| r.get::<_, String>(2))
        .expect("experts")
        .filter(|e| e.as_ref().is_ok_and(|e| e.contains("quotes")))
        .count();
    std::hint::black_box(found);
}

fn read(conn: &Connection) -> usize {
    let mut stmt = conn
        .prepare(
            "SELECT id, title, next_check FROM items INDEXED BY items_open_asks \
             WHERE kind = 'ask' AND status = 'open' ORDER BY next_check LIMIT 50",
        )
        .expect("prepares");
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })
        .expect("queries");
    let mut read = 0;
    for row in rows {
        let (id, title, at) = row.expect("row");
        read += usize::from(id > 0 && !title.is_empty() && at > 0);
    }
    read
}

fn export(conn: &mut Connection) {
    use rusqlite::types::ValueRef;
    use std::io::Write;
    let tx = conn.transaction().expect("begins");
    let mut out = std::io::BufWriter::with_capacity(256 * 1024, std::io::stdout().lock());
    for select in nudge::store::export_queries() {
        let mut stmt = tx.prepare(select).expect("prepares");
        let width = stmt.column_count();
        let mut rows = stmt.query([]).expect("queries");
        while let Some(row) = rows.next().expect("row") {
            for column in 0..width {
                match row.get_ref(column).expect("value") {
                    ValueRef::Null => {}
                    ValueRef::Integer(n) => write!(out, "{n}").expect("writes"),
                    ValueRef::Real(x) => write!(out, "{x}").expect("writes"),
                    ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                        out.write_all(bytes).expect("writes");
                    }
                }
                out.write_all(if column + 1 == width { b"\n" } else { b"\t" })
                    .expect("writes");
            }
        }
    }
    out.flush().expect("flushes");
}

/// What any full-screen ratatui program pays for its first frame: raw mode, the alternate
/// screen, one empty frame at the terminal's size, and back.
fn empty_frame() {
    use crossterm::{execute, terminal};
    let mut out = std::io::stdout();
    terminal::enable_raw_mode().expect("raw mode");
    execute!(out, terminal::EnterAlternateScreen).expect("alternate screen");
    let mut term =
        ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))
            .expect("terminal");
    term.draw(|_| {}).expect("draws");
    execute!(out, terminal::LeaveAlternateScreen).expect("leaves");
    terminal::disable_raw_mode().expect("cooked mode");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(work), Some(path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: floor insert|capture|read|frame|export DB");
        std::process::exit(1);
    };
    let mut conn = open(path);
    match work.as_str() {
        "insert" => insert(&mut conn),
        "capture" => capture(&mut conn),
        "read" => {
            let n = read(&conn);
            println!("{n}");
        }
        "frame" => {
            read(&conn);
            empty_frame();
        }
        "export" => export(&mut conn),
        other => {
            eprintln!("floor: no work called {other:?} (insert, capture, read, frame or export)");
            std::process::exit(1);
        }
    }
}
