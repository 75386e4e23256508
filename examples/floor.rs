//! The floor a nudge command is measured against: only the SQLite work, with nudge's durability
//! (WAL, synchronous=FULL, a busy timeout, the checkpoint SQLite does when the last connection
//! closes), in a minimal program linking the same rusqlite. `scripts/compare-taskwarrior.py`
//! runs it beside nudge, round by round.
//!
//!     floor insert DB   one row written in one IMMEDIATE transaction (the floor of `nudge ask`)
//!     floor read DB     50 rows read through an index (the floor of `due`/`list`'s first page)
//!     floor frame DB    the read, then ratatui's empty frame drawn on the terminal (the floor
//!                       of the dashboard's first frame)
//!
//! DB is a nudge database (from `nudge demo --scale N`): the floor reads its open items by
//! their check-back through nudge's own index, and writes to a one-index table of its own.
// A failure here is a failed measurement: it says what went wrong and stops.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior, params};

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
        eprintln!("usage: floor insert|read DB");
        std::process::exit(1);
    };
    let mut conn = open(path);
    match work.as_str() {
        "insert" => insert(&mut conn),
        "read" => {
            let n = read(&conn);
            println!("{n}");
        }
        "frame" => {
            read(&conn);
            empty_frame();
        }
        other => {
            eprintln!("floor: no work called {other:?} (insert or read)");
            std::process::exit(1);
        }
    }
}
