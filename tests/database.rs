//! Databases nudge must refuse: exit 2, a message naming the file and the cause, and the file
//! left byte-for-byte as it was.

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
