//! `nudge mail scan` over real maildirs the test writes (cur/new/tmp, RFC 5322 messages with
//! threading headers, quoted-printable and base64 bodies, encoded non-UTF-8 headers, a 20 MB
//! attachment, a malformed file, an out-of-office, a list message), and over a real notmuch
//! (the Debian package; .ci/run installs it) indexing the same files: the same suggestions,
//! and not a byte of the mail changed.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use common::Home;

/// When the asks were made (the scan runs at common::NOW, four days later).
const ASKED: &str = "2026-11-24T09:00";

fn message(headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut text = String::new();
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    text.into_bytes()
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (n, chunk) in bytes.chunks(3).enumerate() {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((v >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
        if n % 19 == 18 {
            out.push_str("\r\n");
        }
    }
    out
}

struct Mailbox {
    root: PathBuf,
}

impl Mailbox {
    fn new(home: &Home) -> Mailbox {
        let root = home.path("Mail");
        for folder in ["INBOX", "Lists"] {
            for sub in ["cur", "new", "tmp"] {
                std::fs::create_dir_all(root.join(folder).join(sub)).expect("maildir");
            }
        }
        Mailbox { root }
    }

    fn put(&self, folder: &str, name: &str, bytes: &[u8]) {
        std::fs::write(self.root.join(folder).join(name), bytes).expect("message");
    }

    /// Every file's path, mode, size, modification time and contents.
    fn fingerprint(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let mut stack = vec![self.root.clone()];
        let mut files = Vec::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path.clone());
                }
                files.push(path);
            }
        }
        files.sort();
        for path in files {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(&path).expect("meta");
            (
                path.clone(),
                meta.mode(),
                meta.len(),
                meta.mtime(),
                meta.mtime_nsec(),
            )
                .hash(&mut hasher);
            if meta.is_file() {
                std::fs::read(&path).expect("read").hash(&mut hasher);
            }
        }
        hasher.finish()
    }
}

fn config(home: &Home, mail: &str) {
    let dir = home.path("config/nudge");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(dir.join("config.toml"), format!("[mail]\n{mail}\n")).expect("config");
}

fn at(home: &Home, when: &str, args: &[&str]) -> String {
    home.run_at(when, args)
}

/// Four asks: 1 sent with a Message-ID, 2–4 to people with addresses.
fn asks(home: &Home) {
    at(
        home,
        ASKED,
        &[
            "ask",
            "--message-id",
            "<ask-quotes@me.example>",
            "@dana",
            "<dana@acme.com>",
            "customer quotes for the Acme case study",
            "~email",
        ],
    );
    at(
        home,
        ASKED,
        &["ask", "@dana", "pricing sheet for the Q1 bundles"],
    );
    at(
        home,
        ASKED,
        &["ask", "@sam", "<sam@acme.com>", "launch deck review"],
    );
    at(
        home,
        ASKED,
        &["ask", "@lee", "<lee@acme.com>", "latency numbers"],
    );
}

/// The fixture cases; what each should give is in `expected`.
fn fixtures(mail: &Mailbox) {
    // 1. Dana answers in the thread of ask 1 (quoted-printable).
    mail.put(
        "INBOX",
        "new/1001.a.host",
        &message(
            &[
                ("From", "Dana Reyes <Dana@Acme.com>"),
                ("To", "me@me.example"),
                ("Subject", "Re: your note"),
                ("Date", "Tue, 24 Nov 2026 10:14:00 +0000"),
                ("Message-ID", "<r-thread@acme.com>"),
                ("In-Reply-To", "<ask-quotes@me.example>"),
                ("References", "<ask-quotes@me.example>"),
                ("MIME-Version", "1.0"),
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Transfer-Encoding", "quoted-printable"),
            ],
            "Three quotes attached =E2=80=94 Dana\r\n",
        ),
    );
    // 2. Dana names ask 2's title in a base64 body, without threading headers.
    mail.put(
        "INBOX",
        "cur/1002.b.host:2,S",
        &message(
            &[
                ("From", "dana@acme.com"),
                ("Subject", "numbers"),
                ("Date", "Wed, 25 Nov 2026 11:00:00 +0000"),
                ("Message-ID", "<r-words@acme.com>"),
                ("MIME-Version", "1.0"),
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Transfer-Encoding", "base64"),
            ],
            &base64("Here is the pricing sheet for the bundles.".as_bytes()),
        ),
    );
    // 3. Sam, with a Latin-1 encoded subject naming ask 3.
    mail.put(
        "INBOX",
        "cur/1003.c.host:2,S",
        &message(
            &[
                ("From", "=?iso-8859-1?q?Sam_M=FCller?= <sam@acme.com>"),
                (
                    "Subject",
                    "=?iso-8859-1?q?R=E9ponse=3A_launch_deck_review?=",
                ),
                ("Date", "Wed, 25 Nov 2026 12:00:00 +0100"),
                ("Message-ID", "<r-latin1@acme.com>"),
                ("Content-Type", "text/plain; charset=iso-8859-1"),
            ],
            "Gr\u{fc}\u{df}e\r\n",
        ),
    );
    // 4. Lee answers ask 4 with a 20 MB attachment.
    let attachment = base64(&vec![7u8; 15 * 1024 * 1024]);
    mail.put(
        "INBOX",
        "cur/1004.d.host:2,S",
        &message(
            &[
                ("From", "Lee <lee@acme.com>"),
                ("Subject", "Re: latency numbers"),
                ("Date", "Thu, 26 Nov 2026 08:00:00 +0000"),
                ("Message-ID", "<r-big@acme.com>"),
                ("MIME-Version", "1.0"),
                ("Content-Type", "multipart/mixed; boundary=\"b1\""),
            ],
            &format!(
                "--b1\r\nContent-Type: text/plain\r\n\r\nThe numbers are in the file.\r\n\
                 --b1\r\nContent-Type: application/octet-stream\r\n\
                 Content-Transfer-Encoding: base64\r\n\r\n{attachment}\r\n--b1--\r\n"
            ),
        ),
    );
    // 5. Not a message at all.
    mail.put("INBOX", "cur/1005.e.host:2,S", b"\xff\xfe\x00\x01 not mail");
    // 6. Dana's out-of-office, in the thread of ask 1 and naming ask 2.
    mail.put(
        "INBOX",
        "new/1006.f.host",
        &message(
            &[
                ("From", "dana@acme.com"),
                ("Subject", "Out of Office: Re: pricing sheet"),
                ("Auto-Submitted", "auto-replied"),
                ("Date", "Tue, 24 Nov 2026 09:01:00 +0000"),
                ("Message-ID", "<r-ooo@acme.com>"),
                ("In-Reply-To", "<ask-quotes@me.example>"),
            ],
            "I am away until Monday. pricing sheet bundles\r\n",
        ),
    );
    // 7. Dana on a mailing list, naming ask 2's words.
    mail.put(
        "Lists",
        "cur/1007.g.host:2,S",
        &message(
            &[
                ("From", "dana@acme.com"),
                ("Subject", "[team] new pricing sheet for the Q1 bundles"),
                ("List-Id", "<team.acme.com>"),
                ("Precedence", "list"),
                ("Date", "Wed, 25 Nov 2026 15:00:00 +0000"),
                ("Message-ID", "<r-list@acme.com>"),
            ],
            "FYI all\r\n",
        ),
    );
    // 8. Dana before the asks were made, naming ask 2's words.
    mail.put(
        "INBOX",
        "cur/1008.h.host:2,S",
        &message(
            &[
                ("From", "dana@acme.com"),
                ("Subject", "pricing sheet for the bundles"),
                ("Date", "Mon, 23 Nov 2026 15:00:00 +0000"),
                ("Message-ID", "<r-before@acme.com>"),
            ],
            "old\r\n",
        ),
    );
    // 9. The user's own follow-up in ask 1's thread.
    mail.put(
        "INBOX",
        "cur/1009.i.host:2,S",
        &message(
            &[
                ("From", "me@me.example"),
                ("Subject", "Re: customer quotes"),
                ("Date", "Wed, 25 Nov 2026 09:00:00 +0000"),
                ("Message-ID", "<r-mine@me.example>"),
                ("In-Reply-To", "<ask-quotes@me.example>"),
            ],
            "any news?\r\n",
        ),
    );
}

/// (ask, how, message) of each suggestion the fixtures should give.
fn expected() -> BTreeSet<(i64, String, String)> {
    [
        (1, "thread", "r-thread@acme.com"),
        (2, "words", "r-words@acme.com"),
        (3, "words", "r-latin1@acme.com"),
        (4, "words", "r-big@acme.com"),
    ]
    .into_iter()
    .map(|(a, h, m)| (a, h.to_string(), m.to_string()))
    .collect()
}

fn found(scan: &str) -> BTreeSet<(i64, String, String)> {
    let value: serde_json::Value = serde_json::from_str(scan).expect("json");
    value["found"]
        .as_array()
        .expect("found")
        .iter()
        .map(|s| {
            (
                s["ask"].as_i64().expect("ask"),
                s["how"].as_str().expect("how").to_string(),
                s["message_id"].as_str().expect("id").to_string(),
            )
        })
        .collect()
}

const MAILDIRS: &str = "maildirs = [\"~/Mail/INBOX\", \"~/Mail/Lists\"]\nme = [\"me@me.example\"]";

#[test]
fn each_fixture_case_is_found_or_not_and_the_mail_is_never_touched() {
    let home = Home::new();
    let mail = Mailbox::new(&home);
    fixtures(&mail);
    config(&home, MAILDIRS);
    asks(&home);
    let before = mail.fingerprint();
    let scan = home.run(&["mail", "scan", "--json"]);
    assert_eq!(found(&scan), expected(), "{scan}");
    let value: serde_json::Value = serde_json::from_str(&scan).expect("json");
    assert_eq!(value["files"], 9, "{scan}");
    assert_eq!(value["unreadable"], 1, "the file that is not mail: {scan}");
    // The Latin-1 subject reads as written.
    assert!(scan.contains("Réponse: launch deck review"), "{scan}");
    let again = home.run(&["mail", "scan", "--json"]);
    assert!(found(&again).is_empty(), "nothing new: {again}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&again).expect("json")["files"],
        0
    );
    assert_eq!(mail.fingerprint(), before, "the maildir is unchanged");

    // `due` says replied? first; the text scan names each.
    let due = home.run(&["due"]);
    assert!(
        due.lines().next().expect("a row").contains("replied?"),
        "{due}"
    );
    let list = home.run(&["mail", "list"]);
    assert!(
        list.contains("Dana replied Tue 24 Nov 10:14 · 'Re: your note'"),
        "{list}"
    );
    // `nudge notify` announces each reply once.
    let peek = home.run(&["notify", "--peek"]);
    assert!(
        peek.contains("Dana replied: customer quotes for the Acme case study"),
        "{peek}"
    );
    assert!(peek.contains("nudge mail received 1"), "{peek}");
    // The ask's own page says it too (the review's card shows the same lines).
    let shown = home.run(&["show", "2"]);
    assert!(
        shown.contains("Dana replied Wed 25 Nov 11:00 · 'numbers' — received?"),
        "{shown}"
    );

    // Taking a reply marks the ask received when the reply came; undo brings it back.
    let taken = home.run(&["mail", "received", "1"]);
    assert!(taken.starts_with("Received: Ask 1"), "{taken}");
    let shown = home.run(&["show", "1"]);
    assert!(shown.contains("received Tue 24 Nov 10:14"), "{shown}");
    assert!(
        shown.contains("message r-thread@acme.com"),
        "the id in the history: {shown}"
    );
    home.run(&["undo"]);
    assert!(home.run(&["mail", "list"]).contains("'Re: your note'"));

    // A dismissed reply never comes back, not even when the mail program moves its file.
    assert!(home.run(&["mail", "list"]).contains("· 'numbers'"));
    home.run(&["mail", "dismiss", "2"]);
    std::fs::rename(
        mail.root.join("INBOX/cur/1002.b.host:2,S"),
        mail.root.join("INBOX/cur/1002.b.host:2,RS"),
    )
    .expect("mv");
    let after = home.run(&["mail", "scan", "--json"]);
    assert!(found(&after).is_empty(), "{after}");
    assert!(!home.run(&["mail", "list"]).contains("· 'numbers'"));
}

#[test]
fn a_new_message_is_found_by_the_next_scan_and_only_it_is_read() {
    let home = Home::new();
    let mail = Mailbox::new(&home);
    config(&home, MAILDIRS);
    asks(&home);
    let first = home.run(&["mail", "scan", "--json"]);
    assert!(found(&first).is_empty(), "{first}");
    fixtures(&mail);
    let scan = home.run(&["mail", "scan", "--json"]);
    assert_eq!(found(&scan), expected(), "{scan}");
    mail.put(
        "INBOX",
        "new/2001.j.host",
        &message(
            &[
                ("From", "lee@acme.com"),
                ("Subject", "Re: latency numbers, part two"),
                ("Date", "Fri, 27 Nov 2026 08:00:00 +0000"),
                ("Message-ID", "<r-late@acme.com>"),
            ],
            "more\r\n",
        ),
    );
    let next = home.run(&["mail", "scan", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&next).expect("json");
    assert_eq!(value["files"], 1, "only the new file is read: {next}");
    assert_eq!(
        found(&next),
        [(4, "words".to_string(), "r-late@acme.com".to_string())].into()
    );
}

fn notmuch(config: &Path, args: &[&str]) {
    let status = std::process::Command::new("notmuch")
        .env("NOTMUCH_CONFIG", config)
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("notmuch runs (Debian package notmuch; .ci/run installs it)");
    assert!(status.success(), "notmuch {args:?}");
}

#[test]
fn notmuch_over_the_same_mail_gives_the_same_suggestions() {
    let home = Home::new();
    let mail = Mailbox::new(&home);
    fixtures(&mail);
    let before = mail.fingerprint();
    let notmuch_config = home.path("notmuch-config");
    std::fs::write(
        &notmuch_config,
        format!(
            "[database]\npath={}\nmail_root={}\n[new]\ntags=new\n[search]\nexclude_tags=\n\
             [maildir]\nsynchronize_flags=false\n",
            home.path("notmuch-db").display(),
            mail.root.display()
        ),
    )
    .expect("config");
    std::fs::create_dir_all(home.path("notmuch-db")).expect("db dir");
    notmuch(&notmuch_config, &["new", "--quiet"]);
    config(&home, "notmuch = true\nme = [\"me@me.example\"]");
    asks(&home);
    let scan = home
        .nudge()
        .env("NOTMUCH_CONFIG", &notmuch_config)
        .args(["mail", "scan", "--json"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&scan.stdout).to_string();
    assert!(
        scan.status.success(),
        "{}",
        String::from_utf8_lossy(&scan.stderr)
    );
    assert_eq!(found(&text), expected(), "{text}");
    // Nothing new since notmuch's revision: nothing read.
    let again = home
        .nudge()
        .env("NOTMUCH_CONFIG", &notmuch_config)
        .args(["mail", "scan", "--json"])
        .output()
        .expect("runs");
    let again = String::from_utf8_lossy(&again.stdout).to_string();
    assert!(found(&again).is_empty(), "{again}");
    assert_eq!(
        mail.fingerprint(),
        before,
        "notmuch and nudge left the mail as it was"
    );
}

#[test]
fn without_notmuch_or_a_folder_the_scan_says_what_to_do_and_changes_nothing() {
    let home = Home::new();
    asks(&home);
    let out = home.nudge().args(["mail", "scan"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[mail] maildirs"));
    config(&home, "maildirs = [\"~/no/such/folder\"]");
    let out = home.nudge().args(["mail", "scan"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no/such/folder") && err.contains("no cur/ or new/"),
        "{err}"
    );
    config(&home, "notmuch = true");
    let out = home
        .nudge()
        .env("PATH", "/nonexistent")
        .args(["mail", "scan"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3), "notmuch cannot be run");
    assert!(String::from_utf8_lossy(&out.stderr).contains("apt-get install notmuch"));
    assert!(home.run(&["mail", "list"]).contains("No replies"));
}

#[test]
fn an_ask_is_read_from_the_message_that_sent_it() {
    let home = Home::new();
    let sent = home.path("sent.eml");
    std::fs::write(
        &sent,
        message(
            &[
                ("From", "Me <me@me.example>"),
                ("To", "Dana Reyes <dana@acme.com>"),
                ("Subject", "Re: Customer quotes for the Acme case study"),
                ("Date", "Tue, 24 Nov 2026 09:00:00 +0000"),
                ("Message-ID", "<sent-1@me.example>"),
            ],
            "Could you?\r\n",
        ),
    )
    .expect("sent");
    let line = home.run(&[
        "ask",
        "--from-mail",
        sent.to_str().expect("path"),
        "by",
        "fri",
    ]);
    assert!(
        line.starts_with("Ask 1 · Dana · Customer quotes for the Acme case study"),
        "{line}"
    );
    assert!(line.contains("via email"), "{line}");
    let card = home.run(&["person", "@dana"]);
    assert!(card.contains("dana@acme.com"), "{card}");
    let card = home.run(&["show", "@dana"]);
    assert!(card.contains("dana@acme.com"), "on the card: {card}");
    let export = home.run(&["export", "--format", "json"]);
    assert!(
        export.contains("\"message_id\":\"sent-1@me.example\""),
        "{export}"
    );
    assert!(
        export.contains("\"asked_at\":\"2026-11-24T09:00:00+00:00\""),
        "{export}"
    );
    assert!(
        export.contains("\"emails\":[\"dana@acme.com\"]"),
        "{export}"
    );
    // The same message twice is refused by name.
    let again = home
        .nudge()
        .args(["ask", "--from-mail", sent.to_str().expect("path")])
        .output()
        .expect("runs");
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already ask 1"));
    // A bad address is named.
    let bad = home
        .nudge()
        .args(["person", "@sam", "--email", "sam-at-acme"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("\"sam-at-acme\" is not a mail address"));
}
