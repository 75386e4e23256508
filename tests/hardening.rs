//! What a hostile file, a signal, a deleted database or a stale edit does: one test per class
//! (docs/RELIABILITY.md maps them).

mod common;

use std::os::unix::fs::PermissionsExt;

use common::Home;
use predicates::prelude::*;

fn with_config(home: &Home, text: &str) -> assert_cmd::Command {
    let path = home.path("config.toml");
    std::fs::write(&path, text).expect("config");
    let mut cmd = home.nudge();
    cmd.env("NUDGE_CONFIG", &path);
    cmd
}

#[test]
fn config_cannot_lock_the_user_in() {
    let home = Home::new();
    for text in [
        "[keys.dashboard]\nquit = []\n",
        "[keys.input]\ncancel = []\n",
        "[keys.review]\nback = []\nquit = []\n",
    ] {
        with_config(&home, text)
            .args(["list"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("leaves no key to get out"));
    }
}

#[test]
fn config_from_a_pipe_or_a_device_is_refused_at_once() {
    let home = Home::new();
    let fifo = home.path("fifo.toml");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    for path in [fifo.as_path(), std::path::Path::new("/dev/zero")] {
        home.nudge()
            .env("NUDGE_CONFIG", path)
            .args(["list"])
            .timeout(std::time::Duration::from_secs(10))
            .assert()
            .code(1)
            .stderr(predicate::str::contains("not a regular file"));
    }
    let big = home.path("big.toml");
    std::fs::write(&big, "#".repeat(2 * 1024 * 1024)).expect("write");
    home.nudge()
        .env("NUDGE_CONFIG", &big)
        .args(["list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("at most 1 MiB"));
}

#[test]
fn every_setting_is_validated() {
    let home = Home::new();
    for (text, says) in [
        ("work_days = []\n", "work_days: is empty"),
        (
            "workday_start = \"18:00\"\nworkday_end = \"09:00\"\n",
            "is not after workday_start",
        ),
        ("check_back_days = 0\n", "out of range"),
    ] {
        with_config(&home, text)
            .args(["list"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(says));
    }
}

#[test]
fn files_nudge_creates_are_private_whatever_the_umask() {
    let home = Home::new();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 000 && {} config init",
            assert_cmd::cargo::cargo_bin("nudge").display()
        ))
        .env("HOME", home.dir.path())
        .env("XDG_CONFIG_HOME", home.path("config"))
        .env_remove("NUDGE_CONFIG")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
    assert_eq!(mode(&home.path("config/nudge")), 0o700);
    assert_eq!(mode(&home.path("config/nudge/config.toml")), 0o600);
}
