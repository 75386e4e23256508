//! `nudge mail scan` over a maildir of 1,000 and 50,000 messages, whole process: the first scan
//! (every file read), a scan with nothing new (the folders are not even listed), and a scan after
//! one new message came (only it is read). The bound is 1 s for an incremental scan of
//! 50,000. `cargo bench --bench mail`.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[1_000, 50_000];

struct Mailbox {
    dir: tempfile::TempDir,
}

impl Mailbox {
    /// A home with a database of asks to people with addresses, a config naming the maildir,
    /// and `messages` messages in it (one in fifty from someone asked, naming their ask).
    fn new(messages: usize) -> Mailbox {
        let dir = tempfile::tempdir().expect("dir");
        let inbox = dir.path().join("Mail/INBOX");
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(inbox.join(sub)).expect("maildir");
        }
        std::fs::create_dir_all(dir.path().join("config/nudge")).expect("config");
        std::fs::write(
            dir.path().join("config/nudge/config.toml"),
            "[mail]\nmaildirs = [\"~/Mail/INBOX\"]\n",
        )
        .expect("config");
        let mailbox = Mailbox { dir };
        for (n, who) in ["dana", "sam", "lee", "rosa", "omar"].iter().enumerate() {
            let out = mailbox.run(&[
                "ask",
                &format!("@{who}"),
                &format!("<{who}@acme.com>"),
                &format!("quarterly figures part {n}"),
            ]);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        for i in 0..messages {
            let from = if i % 50 == 0 {
                "dana@acme.com"
            } else {
                "news@list.example"
            };
            std::fs::write(
                inbox.join(format!("cur/{i}.bench.host:2,S")),
                format!(
                    "From: {from}\r\nTo: me@me.example\r\nSubject: message {i}\r\n\
                     Date: Sat, 28 Nov 2026 08:00:00 +0000\r\nMessage-ID: <m{i}@bench>\r\n\r\n\
                     Quarterly figures part 0, line {i}.\r\n"
                ),
            )
            .expect("message");
        }
        mailbox
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let dir = self.dir.path();
        Command::new(env!("CARGO_BIN_EXE_nudge"))
            .args(args)
            .env("HOME", dir)
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("NUDGE_DB", dir.join("nudge.db"))
            .env("NUDGE_NOW", "2026-11-28T09:00")
            .env("TZ", "Europe/London")
            .output()
            .expect("nudge runs")
    }

    fn scan(&self) {
        let out = self.run(&["mail", "scan"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("nudge.db")
    }

    fn new_message(&self, n: u64) {
        let inbox: &Path = &self.dir.path().join("Mail/INBOX");
        std::fs::write(
            inbox.join(format!("new/new-{n}.bench.host")),
            format!(
                "From: sam@acme.com\r\nSubject: quarterly figures part 1\r\n\
                 Date: Sat, 28 Nov 2026 08:30:00 +0000\r\nMessage-ID: <n{n}@bench>\r\n\r\nhere\r\n"
            ),
        )
        .expect("message");
    }
}

/// Forget what was read, so the next scan is a first one.
fn forget(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("db");
    conn.execute_batch("DELETE FROM mail_folders; DELETE FROM mail_replies;")
        .expect("forget");
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn first_scan(bencher: divan::Bencher, messages: usize) {
    let mailbox = Mailbox::new(messages);
    bencher
        .with_inputs(|| forget(&mailbox.db()))
        .bench_local_values(|()| mailbox.scan());
}

#[divan::bench(args = SIZES, sample_count = 30, sample_size = 1)]
fn nothing_new(bencher: divan::Bencher, messages: usize) {
    let mailbox = Mailbox::new(messages);
    mailbox.scan();
    bencher.bench_local(|| mailbox.scan());
}

#[divan::bench(args = SIZES, sample_count = 30, sample_size = 1)]
fn one_new_message(bencher: divan::Bencher, messages: usize) {
    let mailbox = Mailbox::new(messages);
    mailbox.scan();
    let count = AtomicU64::new(0);
    bencher
        .with_inputs(|| mailbox.new_message(count.fetch_add(1, Ordering::Relaxed)))
        .bench_local_values(|()| mailbox.scan());
}
