//! Shared by the integration tests: a temporary home, a database in it, and the binary run with
//! a pinned clock and zone.
#![allow(dead_code)]

pub mod pty;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub const NOW: &str = "2026-11-28T09:00";

pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("nudge.db")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `nudge` on this home's database, at the pinned time, in London.
    pub fn nudge(&self) -> Command {
        self.nudge_on(&self.db())
    }

    pub fn nudge_on(&self, db: &Path) -> Command {
        let mut cmd = Command::cargo_bin("nudge").expect("binary");
        isolate(&mut cmd, self.dir.path());
        cmd.env("NUDGE_DB", db);
        cmd
    }

    /// Run with these arguments and return stdout, asserting success.
    pub fn run(&self, args: &[&str]) -> String {
        let output = self.nudge().args(args).output().expect("runs");
        assert!(
            output.status.success(),
            "nudge {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8")
    }

    /// Run at another moment (`NUDGE_NOW`) and return stdout, asserting success.
    pub fn run_at(&self, now: &str, args: &[&str]) -> String {
        let output = self
            .nudge()
            .env("NUDGE_NOW", now)
            .args(args)
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "nudge {args:?} at {now} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8")
    }

    /// A home with the default demo data.
    pub fn with_demo() -> Home {
        let home = Home::new();
        home.run(&["demo"]);
        home
    }
}

/// Pin the clock and zone, and keep config and data inside `dir`.
pub fn isolate(cmd: &mut Command, dir: &Path) {
    cmd.env("NUDGE_NOW", NOW)
        .env("TZ", "Europe/London")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_STATE_HOME", dir.join("state"))
        // Every statement the command runs has its plan checked (src/store/plan_check.rs).
        .env("NUDGE_CHECK_PLANS", "1")
        .env_remove("NUDGE_CONFIG")
        .env_remove("NO_COLOR");
}

/// The bytes of a file, to prove it was not touched.
pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("file")
}

/// The names in `folder` that end with `suffix`: temporaries a write should not leave behind.
pub fn names_ending(folder: &Path, suffix: &str) -> Vec<String> {
    std::fs::read_dir(folder)
        .expect("folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(suffix))
        .collect()
}

/// Whether the tests run as root, where permission checks do not apply.
pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}
