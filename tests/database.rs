//! Databases nudge must refuse: exit 2, a message naming the file and the cause, and the file
//! left byte-for-byte as it was.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{Home, bytes, is_root};
use predicates::prelude::*;

#[track_caller]
fn refused(home: &Home, db: &Path, cause: &str) {
    let before = std::fs::read(db).ok();
    home.nudge_on(db)
        .args(["ask", "@dana", "quotes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(db.display().to_string()))
        .stderr(predicate::str::contains(cause));
    assert_eq!(std::fs::read(db).ok(), before, "the file changed");
}

#[test]
fn garbage() {
    let home = Home::new();
    let db = home.path("garbage.db");
    let noise: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&db, noise).expect("write");
    refused(&home, &db, "is not a SQLite database");
}

#[test]
fn an_empty_file() {
    let home = Home::new();
    let db = home.path("empty.db");
    std::fs::write(&db, b"").expect("write");
    refused(&home, &db, "is an empty file, not a nudge database");
}

#[test]
fn a_truncated_database() {
    let home = Home::with_demo();
    home.run(&["demo", "--force", "--scale", "3000"]);
    let whole = bytes(&home.db());
    assert!(
        whole.len() > 64 * 1024,
        "big enough to cut: {}",
        whole.len()
    );
    let db = home.path("cut.db");
    std::fs::write(&db, &whole[..whole.len() / 2]).expect("write");
    refused(&home, &db, "is damaged");
}

#[test]
fn another_applications_database() {
    let home = Home::new();
    let db = home.path("other.db");
    foreign_sqlite(&db);
    refused(&home, &db, "another application");
}

/// A valid SQLite database as another program would leave it: one page, an empty schema, and
/// no application id (built by hand, so the test needs no SQLite tool).
fn foreign_sqlite(path: &Path) {
    let mut page = vec![0u8; 4096];
    page[..16].copy_from_slice(b"SQLite format 3\0");
    page[16..18].copy_from_slice(&4096u16.to_be_bytes());
    page[18] = 1;
    page[19] = 1;
    page[20] = 0;
    page[21] = 64;
    page[22] = 32;
    page[23] = 32;
    page[24..28].copy_from_slice(&1u32.to_be_bytes());
    page[28..32].copy_from_slice(&1u32.to_be_bytes());
    page[44..48].copy_from_slice(&4u32.to_be_bytes());
    page[56..60].copy_from_slice(&1u32.to_be_bytes());
    page[92..96].copy_from_slice(&1u32.to_be_bytes());
    page[96..100].copy_from_slice(&3_045_000u32.to_be_bytes());
    // An empty table b-tree leaf for sqlite_schema.
    page[100] = 13;
    page[105..107].copy_from_slice(&4096u16.to_be_bytes());
    std::fs::write(path, page).expect("write");
}

#[test]
fn a_newer_schema() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes"]);
    // Raise the schema version in the header, as a future nudge would.
    let mut data = bytes(&home.db());
    data[60..64].copy_from_slice(&99u32.to_be_bytes());
    let db = home.path("future.db");
    std::fs::write(&db, data).expect("write");
    refused(&home, &db, "made by a newer nudge (schema 99");
}

#[test]
fn a_folder() {
    let home = Home::new();
    let db = home.path("folder.db");
    std::fs::create_dir(&db).expect("dir");
    home.nudge_on(&db)
        .args(["list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a folder, not a database file"));
}

/// `nudge` run as an unprivileged user (root ignores file permissions).
fn as_user(home: &Home, db: &Path) -> assert_cmd::Command {
    let bin = assert_cmd::cargo::cargo_bin("nudge");
    let mut cmd = if is_root() {
        let mut cmd = assert_cmd::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(bin);
        cmd
    } else {
        assert_cmd::Command::new(bin)
    };
    common::isolate(&mut cmd, home.dir.path());
    cmd.env("NUDGE_DB", db);
    cmd
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn chown_to_user(path: &Path) {
    if is_root() {
        let status = std::process::Command::new("chown")
            .arg("65534:65534")
            .arg(path)
            .status()
            .expect("chown");
        assert!(status.success());
    }
}

#[test]
fn a_file_nudge_may_not_write() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes"]);
    chmod(home.dir.path(), 0o777);
    let db = home.db();
    chmod(&db, 0o444);
    let before = bytes(&db);
    as_user(&home, &db)
        .args(["ask", "@sam", "pricing"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot open it for reading and writing: permission denied",
        ));
    assert_eq!(bytes(&db), before);
}

#[test]
fn a_file_nudge_may_not_read() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes"]);
    chmod(home.dir.path(), 0o777);
    let db = home.db();
    chmod(&db, 0o000);
    as_user(&home, &db)
        .args(["list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("permission denied"));
    chmod(&db, 0o600);
}

#[test]
fn a_folder_nudge_may_not_write_in() {
    let home = Home::new();
    let folder = home.path("locked");
    std::fs::create_dir(&folder).expect("dir");
    let db = folder.join("nudge.db");
    home.nudge_on(&db)
        .args(["ask", "@dana", "quotes"])
        .assert()
        .success();
    chown_to_user(&db);
    chmod(home.dir.path(), 0o755);
    chmod(&folder, 0o555);
    let before = bytes(&db);
    as_user(&home, &db)
        .args(["ask", "@sam", "pricing"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(db.display().to_string()));
    assert_eq!(bytes(&db), before);
    // And a new database cannot be made there either.
    as_user(&home, &folder.join("new.db"))
        .args(["ask", "@sam", "pricing"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot create it: permission denied",
        ));
    chmod(&folder, 0o755);
}

/// The bytes of a database and of its -wal and -shm, as they are now (None: not there).
fn files(db: &Path) -> [Option<Vec<u8>>; 3] {
    let side = |suffix: &str| {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        std::fs::read(Path::new(&name)).ok()
    };
    [std::fs::read(db).ok(), side("-wal"), side("-shm")]
}

/// Each command refuses with exit 2, says `cause`, writes nothing on stdout, and leaves the
/// database and its -wal and -shm byte for byte as they were (or still absent).
#[track_caller]
fn refused_untouched(home: &Home, db: &Path, commands: &[&[&str]], cause: &str) {
    for args in commands {
        let before = files(db);
        let out = home.nudge_on(db).args(*args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(cause), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?} printed before refusing");
        assert_eq!(files(db), before, "{args:?} changed the files");
    }
}

const EVERY_KIND: &[&[&str]] = &[
    &["ask", "@dana", "quotes"],
    &["deadline", "deck", "due", "mon"],
    &["list"],
    &["export"],
    &["export", "--format", "md"],
];

#[test]
fn a_damaged_page_mid_file_is_refused_by_export_import_and_migration() {
    let home = Home::new();
    home.run(&["demo", "--scale", "3000"]);
    let mut data = bytes(&home.db());
    let page = 4096;
    let pages = data.len() / page;
    // A page in the middle of the file, overwritten with noise.
    let at = pages / 2 * page;
    for (i, b) in data[at..at + page].iter_mut().enumerate() {
        *b = (i as u32).wrapping_mul(2_654_435_761).to_be_bytes()[0];
    }
    let db = home.path("damaged.db");
    std::fs::write(&db, &data).expect("write");
    let export = home.path("in.json");
    Home::with_demo().run(&["export", "-o", export.to_str().expect("path")]);
    refused_untouched(
        &home,
        &db,
        &[
            &["export"],
            &["export", "--format", "csv"],
            &["import", export.to_str().expect("path")],
        ],
        "is damaged",
    );
    // To a file, the pages are checked while the export is written beside it: the damage is
    // found, and the file that was there is left as it was, with nothing beside it.
    let folder = home.path("backups");
    std::fs::create_dir(&folder).expect("folder");
    let backup = folder.join("backup.json");
    std::fs::write(&backup, "last week's backup").expect("write");
    refused_untouched(
        &home,
        &db,
        &[&["export", "-o", backup.to_str().expect("path")]],
        "is damaged",
    );
    assert_eq!(
        std::fs::read_to_string(&backup).expect("read"),
        "last week's backup"
    );
    let beside: Vec<_> = std::fs::read_dir(&folder)
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(beside, [std::ffi::OsString::from("backup.json")]);
    // An older schema with damage: the migration checks first and changes nothing.
    let mut old = data.clone();
    old[60..64].copy_from_slice(&2u32.to_be_bytes());
    let db = home.path("old-damaged.db");
    std::fs::write(&db, &old).expect("write");
    refused_untouched(&home, &db, EVERY_KIND, "is damaged");
}

/// The check of every page runs beside an export to a stream, not before it: damage where the
/// export never reads (a partial index, which no count or list of everything uses) lets the
/// export run to its end, and still nothing of it reaches the stream, which cannot be taken
/// back.
#[test]
fn an_export_to_a_stream_holds_back_everything_until_every_page_has_passed() {
    let home = Home::new();
    home.run(&["demo", "--scale", "3000"]);
    let root: i64 = rusqlite::Connection::open(home.db())
        .expect("open")
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'items_kind_status'",
            [],
            |r| r.get(0),
        )
        .expect("the index");
    let mut data = bytes(&home.db());
    let page = 4096;
    let at = usize::try_from(root - 1).expect("a page") * page;
    for (i, b) in data[at..at + page].iter_mut().enumerate() {
        *b = (i as u32).wrapping_mul(2_654_435_761).to_be_bytes()[0];
    }
    let db = home.path("index-damaged.db");
    std::fs::write(&db, &data).expect("write");
    // The export's rows are all there to read; only the check sees the damage.
    let conn = rusqlite::Connection::open(&db).expect("open");
    let items: i64 = conn
        .query_row("SELECT COUNT(*) FROM items", [], |r| r.get(0))
        .expect("the rows read");
    assert!(items > 1000, "{items}");
    let checked: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .expect("check");
    assert_ne!(checked, "ok");
    drop(conn);
    refused_untouched(
        &home,
        &db,
        &[
            &["export"],
            &["export", "--format", "md"],
            &["export", "-o", "-"],
            &["export", "-o", "/dev/stdout"],
        ],
        "is damaged",
    );
}

#[test]
fn nudges_mark_without_its_tables_is_refused_untouched() {
    let home = Home::new();
    for (schema, journal) in [(0u32, 1u8), (2, 1), (0, 2)] {
        let db = home.path(&format!("marked-{schema}-{journal}.db"));
        foreign_sqlite(&db);
        let mut data = bytes(&db);
        // nudge's application id ("nudg"), a schema number, rollback (1) or WAL (2) mode.
        data[68..72].copy_from_slice(&0x6E75_6467u32.to_be_bytes());
        data[60..64].copy_from_slice(&schema.to_be_bytes());
        data[18] = journal;
        data[19] = journal;
        std::fs::write(&db, &data).expect("write");
        let cause = if schema == 0 {
            "carries nudge's mark but not its tables"
        } else {
            "is missing nudge's tables"
        };
        refused_untouched(&home, &db, EVERY_KIND, cause);
    }
}

#[test]
fn a_nudge_database_without_some_of_its_tables_names_them() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes"]);
    let conn = rusqlite::Connection::open(home.db()).expect("open");
    conn.execute_batch("DROP TABLE favors; DROP TABLE reflections;")
        .expect("drop");
    drop(conn);
    refused_untouched(
        &home,
        &home.db(),
        EVERY_KIND,
        "is missing nudge's tables (favors, reflections)",
    );
}

#[test]
fn a_negative_schema_is_refused_untouched() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes"]);
    let mut data = bytes(&home.db());
    data[60..64].copy_from_slice(&(-5i32).to_be_bytes());
    let db = home.path("negative.db");
    std::fs::write(&db, data).expect("write");
    refused_untouched(&home, &db, EVERY_KIND, "schema -5");
}

/// A nudge database whose -wal and -shm are left on disk, as after a crash.
fn with_log_left(home: &Home, name: &str, title: &str) -> std::path::PathBuf {
    let db = home.path(name);
    home.nudge_on(&db)
        .args(["ask", "@dana", "first"])
        .assert()
        .success();
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )
    .expect("no checkpoint on close");
    conn.pragma_update(None, "wal_autocheckpoint", 0)
        .expect("no autocheckpoint");
    conn.execute("UPDATE items SET title = ?1", [title])
        .expect("update");
    drop(conn);
    db
}

#[test]
fn a_log_from_another_database_is_refused_untouched() {
    let home = Home::new();
    let a = with_log_left(&home, "a.db", "a's title");
    let b = with_log_left(&home, "b.db", "b's title");
    let wal = |db: &Path| {
        let mut name = db.as_os_str().to_owned();
        name.push("-wal");
        std::path::PathBuf::from(name)
    };
    assert!(wal(&a).exists() && wal(&b).exists(), "the logs are left");
    std::fs::copy(wal(&b), wal(&a)).expect("copy b's log over a's");
    refused_untouched(&home, &a, EVERY_KIND, "does not belong to it");
}

#[test]
fn a_new_database_beside_a_leftover_log_is_refused_naming_both() {
    let home = Home::new();
    let db = with_log_left(&home, "gone.db", "a title");
    std::fs::remove_file(&db).expect("delete the database, leave its log");
    let out = home
        .nudge_on(&db)
        .args(["ask", "@sam", "x"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&db.display().to_string()), "{stderr}");
    assert!(
        stderr.contains(&format!("{}-wal", db.display())),
        "{stderr}"
    );
    assert!(!db.exists(), "no new database was made");
}

#[test]
fn the_log_is_kept_between_runs_emptied_and_goes_with_a_deleted_database() {
    use std::os::unix::fs::MetadataExt;
    let home = Home::new();
    let side = |suffix: &str| {
        let mut name = home.db().into_os_string();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    // A read on a database without a kept log leaves nothing new behind.
    home.run(&["list"]);
    assert!(!side("-wal").exists(), "a first read keeps no log");
    home.run(&["ask", "@dana", "quotes"]);
    let kept = std::fs::metadata(side("-wal")).expect("the log is kept after a write");
    assert_eq!(
        kept.len(),
        0,
        "and emptied: everything is in the database file"
    );
    assert!(side("-shm").exists());
    home.run(&["list"]);
    let again = std::fs::metadata(side("-wal")).expect("still there");
    assert_eq!(
        (again.ino(), again.len()),
        (kept.ino(), 0),
        "the next command uses the same log instead of making a new one"
    );
    // The database deleted by hand: its empty log is no leftover, and a new database starts.
    std::fs::remove_file(home.db()).expect("delete");
    home.run(&["ask", "@sam", "deck"]);
    let list = home.run(&["list"]);
    assert!(list.contains("Sam") && !list.contains("Dana"), "{list}");
}

/// The capture floor (`examples/floor.rs capture`, measured beside `nudge ask` by
/// scripts/compare-taskwarrior.py) runs the SQL a capture runs: it adds the same rows to the same
/// tables, and nudge reads and undoes its item as one of its own. A schema change that the floor
/// misses fails here, not silently in a measurement.
#[test]
fn the_capture_floor_writes_what_a_capture_writes() {
    let home = common::Home::new();
    home.run(&["ask", "@dana", "first", "ask"]);
    let rows = || {
        let conn = rusqlite::Connection::open(home.db()).expect("open");
        [
            "items",
            "journal",
            "journal_changes",
            "items_find_pending",
            "person_channels",
        ]
        .map(|table| {
            conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
                r.get::<_, i64>(0)
            })
            .expect("count")
        })
    };
    let before = rows();
    home.run(&["ask", "@dana", "bench", "quotes", "by", "fri"]);
    let after_nudge = rows();
    let floor = floor_binary();
    let status = std::process::Command::new(&floor)
        .arg("capture")
        .arg(home.db())
        .status()
        .unwrap_or_else(|e| panic!("{} does not run: {e}", floor.display()));
    assert!(status.success());
    let after_floor = rows();
    let grew = |from: [i64; 5], to: [i64; 5]| -> Vec<i64> {
        from.iter().zip(to).map(|(a, b)| b - a).collect()
    };
    assert_eq!(grew(before, after_nudge), grew(after_nudge, after_floor));
    let asks: serde_json::Value =
        serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    let titles: Vec<&str> = asks
        .as_array()
        .expect("a list")
        .iter()
        .map(|a| a["title"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(titles.iter().filter(|t| **t == "bench quotes").count(), 2);
    let undone = home.run(&["undo"]);
    assert!(undone.contains("bench quotes"), "{undone}");
    let asks: serde_json::Value =
        serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    assert_eq!(asks.as_array().expect("a list").len(), 2);
}

/// The floor example, as `cargo test` builds it beside the tests (target/<profile>/examples/);
/// built here when a run of some tests only left it missing or older than its source.
fn floor_binary() -> std::path::PathBuf {
    let profile_dir = std::env::current_exe()
        .expect("this test")
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the target folder")
        .to_path_buf();
    let floor = profile_dir.join("examples").join("floor");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/floor.rs");
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    if modified(&floor) < modified(&source) {
        let mut build = std::process::Command::new(env!("CARGO"));
        build.args(["build", "--quiet", "--locked", "--example", "floor"]);
        if profile_dir.ends_with("release") {
            build.arg("--release");
        }
        let built = build.status().expect("cargo runs");
        assert!(built.success(), "the floor example does not build");
    }
    floor
}

/// What a checkpoint killed part-way leaves: SQLite copies the log's pages into the database in
/// page order, so the first page (with the new, larger page count) is in the file before the
/// pages at its end. The log still holds all of them and SQLite finishes the copy: the file is
/// not truncated, and nudge must not refuse it (once it did, for good: every later command
/// exited 2 saying "truncated?").
#[test]
fn a_checkpoint_killed_part_way_is_finished_not_refused() {
    let home = Home::new();
    // A title long enough to add pages, all of them still in the log.
    let title = format!(
        "the launch plan {}",
        "with every detail spelled out ".repeat(600)
    );
    let db = with_log_left(&home, "cut-short.db", &title);
    let mut wal_name = db.as_os_str().to_owned();
    wal_name.push("-wal");
    let wal = std::fs::read(&wal_name).expect("the log is left");
    let be32 = |b: &[u8], at: usize| u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    let page_size = be32(&wal, 8) as usize;
    let newest_first_page = wal[32..]
        .chunks_exact(24 + page_size)
        .rfind(|frame| be32(frame, 0) == 1)
        .map(|frame| frame[24..].to_vec())
        .expect("the log holds the first page");
    let mut file = std::fs::read(&db).expect("read");
    let size = file.len();
    file[..page_size].copy_from_slice(&newest_first_page);
    std::fs::write(&db, &file).expect("the checkpoint's first write");
    let promised = be32(&file, 28) as usize * page_size;
    assert!(
        promised > size,
        "the header now promises {promised} bytes of a {size}-byte file"
    );
    let list = home.nudge_on(&db).args(["list"]).output().expect("runs");
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    assert!(String::from_utf8_lossy(&list.stdout).contains("the launch plan"));
    home.nudge_on(&db)
        .args(["ask", "@sam", "after the crash"])
        .assert()
        .success();
    let conn = rusqlite::Connection::open(&db).expect("open");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
    let titles: i64 = conn
        .query_row(
            "SELECT count(*) FROM items WHERE title = ?1 OR title = 'after the crash'",
            [&title],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(titles, 2, "nothing was lost");
}

/// A file really cut short is still refused when a log is beside it: the log holds the pages
/// its last commits changed, not the ones the cut took.
#[test]
fn a_truncated_database_beside_its_log_is_still_refused() {
    let home = Home::with_demo();
    home.run(&["demo", "--force", "--scale", "3000"]);
    let db = home.db();
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )
    .expect("no checkpoint on close");
    conn.execute("UPDATE items SET title = title || '.' WHERE rowid = 1", [])
        .expect("update");
    drop(conn);
    let mut wal = db.clone().into_os_string();
    wal.push("-wal");
    let log = std::fs::metadata(&wal).map_or(0, |m| m.len());
    assert!(log > 32, "a log with frames is left: {log} bytes");
    let whole = bytes(&db);
    assert!(
        whole.len() > 64 * 1024,
        "big enough to cut: {}",
        whole.len()
    );
    std::fs::write(&db, &whole[..whole.len() / 2]).expect("cut");
    refused(&home, &db, "is damaged");
}

/// Every command the tests run has its statements' plans checked (`NUDGE_CHECK_PLANS`, set by
/// tests/common): one that reads a whole growing table fails, naming the statement and its plan.
/// Here the follow-ups' index is taken away, so `show` would read every follow-up to find an
/// ask's. As users run it (no check), the same command works.
#[test]
fn a_command_whose_plan_reads_a_whole_table_fails_the_plan_check() {
    let home = Home::with_demo();
    rusqlite::Connection::open(home.db())
        .expect("open")
        .execute_batch("DROP INDEX follow_ups_item")
        .expect("drop");
    let checked = home.nudge().args(["show", "1"]).output().expect("runs");
    let said = String::from_utf8_lossy(&checked.stderr);
    assert_eq!(checked.status.code(), Some(70), "{said}");
    assert!(
        said.contains("plan check: `SCAN f`") && said.contains("FROM follow_ups f"),
        "{said}"
    );
    let plain = home
        .nudge()
        .env_remove("NUDGE_CHECK_PLANS")
        .args(["show", "1"])
        .output()
        .expect("runs");
    assert!(
        plain.status.success(),
        "{}",
        String::from_utf8_lossy(&plain.stderr)
    );
}
