//! What a hostile file, a signal, a deleted database or a stale edit does: one test per class
//! (docs/RELIABILITY.md maps them).
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

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

#[test]
fn export_o_never_replaces_what_is_not_a_regular_file_of_ours() {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let home = Home::with_demo();
    let export_to = |path: &std::path::Path| {
        let mut cmd = home.nudge();
        cmd.args(["export", "--format", "md", "-o"]).arg(path);
        cmd
    };
    // A link: the file it names is written (atomically, beside it); the link stays a link.
    let target = home.path("real.md");
    std::fs::write(&target, "old").expect("write");
    let link = home.path("link.md");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    export_to(&link).assert().success();
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .expect("read")
            .starts_with("# ")
    );
    // A link to nothing is refused, and left as it was.
    let dangling = home.path("dangling.md");
    std::os::unix::fs::symlink(home.path("nowhere/x.md"), &dangling).expect("symlink");
    export_to(&dangling)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("which is not there"));
    assert!(
        std::fs::symlink_metadata(&dangling)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    // A FIFO is written through, and stays a FIFO.
    let fifo = home.path("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the fifo"))
    };
    export_to(&fifo).assert().success();
    assert!(reader.join().expect("reader").starts_with("# "));
    assert!(
        std::fs::metadata(&fifo)
            .expect("meta")
            .file_type()
            .is_fifo()
    );
    // /dev/null and /dev/stdout are written through; neither becomes a file.
    export_to(std::path::Path::new("/dev/null"))
        .assert()
        .success();
    assert!(
        std::fs::metadata("/dev/null")
            .expect("meta")
            .file_type()
            .is_char_device()
    );
    let out = export_to(std::path::Path::new("/dev/stdout"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# "));
    assert!(
        std::fs::symlink_metadata("/dev/stdout")
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    // "-" is standard output.
    let out = export_to(std::path::Path::new("-")).output().expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# "));
    assert!(!home.path("-").exists());
    // A file of another user is refused unless --force, which keeps its owner and mode.
    if common::is_root() {
        use std::os::unix::fs::PermissionsExt;
        let theirs = home.path("theirs.md");
        std::fs::write(&theirs, "theirs").expect("write");
        std::os::unix::fs::chown(&theirs, Some(4242), Some(4242)).expect("chown");
        std::fs::set_permissions(&theirs, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        export_to(&theirs)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("belongs to another user"));
        assert_eq!(std::fs::read_to_string(&theirs).expect("read"), "theirs");
        export_to(&theirs).arg("--force").assert().success();
        let meta = std::fs::metadata(&theirs).expect("meta");
        assert_eq!((meta.uid(), meta.mode() & 0o777), (4242, 0o640));
        assert!(
            std::fs::read_to_string(&theirs)
                .expect("read")
                .starts_with("# ")
        );
    }
}

#[test]
fn every_output_to_a_terminal_is_inert() {
    use common::pty::Terminal;
    let home = Home::new();
    let hostile = "\u{1b}]0;pwned\u{7}\u{1b}]52;c;aGk=\u{7}\u{1b}[2Jtitle\u{202e}\u{9b}x\u{7f}";
    home.run(&["ask", "@dana", hostile, "why:", hostile]);
    home.run(&["deadline", hostile, "due", "mon"]);
    for args in [
        &["export", "--format", "csv"][..],
        &["export", "--format", "md"],
        &["export", "--format", "ics"],
        &["export", "--format", "json"],
        &["export", "--format", "md", "-o", "/dev/stdout"],
        &["list", "--json"],
        &["list"],
        &["due"],
        &["show", "1"],
        &["report", "--day"],
        &["report", "--week", "--format", "json"],
    ] {
        let mut term = Terminal::start(home.dir.path(), &home.db(), args, 200, 50);
        assert_eq!(term.wait_code(), Ok(0), "{args:?}");
        let raw = term.raw_output();
        let text = String::from_utf8_lossy(&raw);
        let acts = |c: char| {
            (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        };
        if let Some(c) = text.chars().find(|c| acts(*c)) {
            panic!("{args:?} wrote {c:?} to the terminal: {text:?}");
        }
    }
    // A pipe gets the bytes as stored.
    let out = home.run(&["export", "--format", "csv"]);
    assert!(out.contains('\u{1b}'), "pipes stay byte-exact");
}

/// The binary as a plain process (to give it a standard output of our choosing), isolated as
/// `Home::nudge` is.
fn plain_nudge(home: &Home) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("nudge"));
    let dir = home.dir.path();
    cmd.env("NUDGE_NOW", common::NOW)
        .env("TZ", "Europe/London")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("NUDGE_DB", home.db())
        .env_remove("NUDGE_CONFIG");
    cmd
}

#[test]
fn exit_codes_tell_the_truth_when_the_output_cannot_be_written() {
    let home = Home::new();
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full")
    };
    // The ask is saved: the code says "done, but the output was lost", never "nothing changed".
    let out = plain_nudge(&home)
        .args(["ask", "@dana", "quotes", "by", "fri"])
        .stdout(full())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("anything the command changed is saved"));
    assert!(home.run(&["list"]).contains("quotes"));
    // A big import too.
    home.run(&["demo", "--scale", "2000", "--force"]);
    let export = home.path("all.json");
    home.run(&["export", "-o", export.to_str().expect("path")]);
    let other = Home::new();
    let out = plain_nudge(&other)
        .args(["import", export.to_str().expect("path")])
        .stdout(full())
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        other.run(&["list", "--all", "--json"]).len() > 1000,
        "imported"
    );
    // Output nobody reads (a closed pipe, /dev/null) is not an error at all.
    let out = plain_nudge(&home)
        .args(["list", "--all"])
        .stdout(std::process::Stdio::null())
        .output()
        .expect("runs");
    assert!(out.status.success());
}

#[test]
fn times_from_outside_cannot_win_forever() {
    let home = Home::new();
    let at = |time: &str| {
        let mut cmd = home.nudge();
        cmd.env("NUDGE_NOW", format!("2026-11-28T{time}"));
        cmd
    };
    home.run(&["ask", "@dana", "quotes", "by", "fri"]);
    let file = home.path("future.json");
    at("10:00")
        .args(["export", "-o", file.to_str().expect("path")])
        .assert()
        .success();
    // The same ask, edited "in 2099" on a machine with a wrong clock.
    let text = std::fs::read_to_string(&file).expect("read");
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    doc["items"][0]["title"] = "quotes from the future".into();
    doc["items"][0]["updated_at"] = "2099-01-01T00:00:00+00:00".into();
    std::fs::write(&file, doc.to_string()).expect("write");
    at("10:30")
        .args(["import", file.to_str().expect("path")])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1 record said it was changed in the future (as late as 2099-01-01): taken as changed \
             when the file was written",
        ));
    let title = |home: &Home| {
        let all: serde_json::Value =
            serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
        all[0]["title"].as_str().expect("title").to_string()
    };
    assert_eq!(title(&home), "quotes from the future");
    // A local correction afterwards wins, and importing the same file again does not undo it.
    at("11:00")
        .args(["edit", "1", "customer", "quotes"])
        .assert()
        .success();
    at("12:00")
        .args(["import", file.to_str().expect("path")])
        .assert()
        .success();
    assert_eq!(title(&home), "customer quotes");
    // A file that says it was written in the future is refused whole.
    doc["exported_at"] = "2099-01-01T00:00:00+00:00".into();
    std::fs::write(&file, doc.to_string()).expect("write");
    at("12:00")
        .args(["import", file.to_str().expect("path")])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("ahead of this machine's clock"));
    let updated = |home: &Home| {
        let all: serde_json::Value =
            serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
        all[0]["updated_at"].as_str().expect("updated").to_string()
    };
    assert!(updated(&home).as_str() < "2099", "{}", updated(&home));
}

/// Text that draws as nothing, or as something different on every terminal.
const HOSTILE: &[&str] = &[
    "a\u{200D}b joined",
    "👨\u{200D}👩\u{200D}👧 family",
    "line\u{2029}break",
    "soft\u{00AD}hyphen",
    "❤\u{FE0F} selector",
    "👍🏽 skin tone",
    "e\u{0301}te\u{0301} combining",
    "日本語の幅",
    "\u{FEFF}bom first",
    "flag 🇬🇧 pair",
    "tag 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} end",
    "ｶﾞﾊﾟ halfwidth",
];

fn fill(home: &Home, text: impl Fn(usize) -> String) {
    home.run(&["deadline", &text(0), "due", "mon"]);
    home.run(&["deadline", &text(1), "due", "tue"]);
    for i in 0..HOSTILE.len() {
        home.run(&["ask", &format!("@p{i}"), &text(i), "by", "fri"]);
    }
    home.run(&["critique", "@sam", &text(2), "on", "1"]);
    home.run(&["person", "@p0", "--team", &text(3), "--expert", "pricing"]);
}

/// nudge in a real terminal emulator, tmux, at a fixed size: the screen after `keys`, as tmux
/// holds it (so a character tmux draws differently from nudge's measure shows as a stray glyph or
/// a moved border).
fn in_tmux(home: &Home, cols: u16, rows: u16, keys: &[&str]) -> String {
    use std::process::Command;
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let socket = format!("nudge-test-{}-{run}", std::process::id());
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs (the CI installs it)")
    };
    let dir = home.dir.path();
    let command = format!(
        "env NUDGE_NOW={} TZ=Europe/London HOME={} XDG_CONFIG_HOME={} XDG_DATA_HOME={} \
         XDG_STATE_HOME={} NUDGE_DB={} LANG=C.UTF-8 {}",
        common::NOW,
        dir.display(),
        dir.join("config").display(),
        dir.join("data").display(),
        dir.join("state").display(),
        home.db().display(),
        assert_cmd::cargo::cargo_bin("nudge").display()
    );
    let (c, r) = (cols.to_string(), rows.to_string());
    let started = tmux(&["new-session", "-d", "-s", "t", "-x", &c, "-y", &r, &command]);
    assert!(
        started.status.success(),
        "{}",
        String::from_utf8_lossy(&started.stderr)
    );
    let capture =
        || String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !capture().contains("nudge ·") && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    for key in keys {
        let _ = tmux(&["send-keys", "-t", "t", "-l", key]);
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    let screen = capture();
    let _ = tmux(&["kill-server"]);
    screen
}

#[test]
fn text_that_draws_as_nothing_leaves_every_border_in_place() {
    let plain = Home::new();
    fill(&plain, |i| format!("plain text {i}"));
    let hostile = Home::new();
    fill(&hostile, |i| HOSTILE[i].to_string());
    let borders = |screen: &str| -> Vec<usize> {
        screen
            .lines()
            .map(|l| l.matches(['│', '╭', '╮', '╰', '╯']).count())
            .collect()
    };
    // The same screens, keys and sizes for both: every border where the plain one has it, each
    // row still ending in its border, and nothing on screen that draws as nothing.
    let every_view: &[&[&str]] = &[&[], &["j", "\r"], &["p"], &["p", "\r"], &["3"], &["r"]];
    for (cols, rows, views) in [
        (120u16, 40u16, every_view),
        (80, 24, &every_view[..1]),
        (50, 15, &every_view[..1]),
    ] {
        for keys in views {
            let want = in_tmux(&plain, cols, rows, keys);
            let got = in_tmux(&hostile, cols, rows, keys);
            let context = format!("{cols}x{rows} after {keys:?}:\n{got}");
            assert_eq!(borders(&got), borders(&want), "{context}");
            for (line, plain_line) in got.lines().zip(want.lines()) {
                assert_eq!(
                    line.ends_with('│') || line.ends_with('╮') || line.ends_with('╯'),
                    plain_line.ends_with('│')
                        || plain_line.ends_with('╮')
                        || plain_line.ends_with('╯'),
                    "{context}"
                );
                let nothing = [
                    '\u{200D}',
                    '\u{00AD}',
                    '\u{FE0F}',
                    '\u{FEFF}',
                    '\u{2029}',
                    '\u{1F3FD}',
                ];
                if let Some(c) = line.chars().find(|c| nothing.contains(c)) {
                    panic!("{c:?} is on screen: {context}");
                }
            }
        }
    }
}

#[test]
fn dates_at_the_edges_round_trip_or_are_refused_by_name() {
    let home = Home::new();
    let tasks = |due: &str| {
        format!(
            "[{{\"uuid\":\"5f1c3c2e-7b7a-4c39-9d3e-0c2e2d1b0a01\",\"description\":\"far deck\",\
             \"status\":\"pending\",\"entry\":\"20261101T090000Z\",\"due\":\"{due}\"}}]"
        )
    };
    let far = home.path("far.json");
    std::fs::write(&far, tasks("99991231T235959Z")).expect("write");
    home.nudge()
        .env("TZ", "Pacific/Kiritimati")
        .args(["import", far.to_str().expect("path")])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("task 1: field `due`"))
        .stderr(predicate::str::contains(
            "outside the years nudge can write back",
        ));
    // A late but writable date comes in, goes out and comes back the same, at +14:00.
    std::fs::write(&far, tasks("99981230T120000Z")).expect("write");
    home.nudge()
        .env("TZ", "Pacific/Kiritimati")
        .args(["import", far.to_str().expect("path")])
        .assert()
        .success();
    let export = home.path("out.json");
    home.nudge()
        .env("TZ", "Pacific/Kiritimati")
        .args(["export", "-o", export.to_str().expect("path")])
        .assert()
        .success();
    let text = std::fs::read_to_string(&export).expect("read");
    assert!(
        text.contains("\"due\":\"9998-12-31T02:00:00+14:00\""),
        "{text}"
    );
    let other = Home::new();
    other
        .nudge()
        .env("TZ", "Pacific/Kiritimati")
        .args(["import", export.to_str().expect("path")])
        .assert()
        .success();
    // Typed dates past the last year are refused the same way.
    home.nudge()
        .args(["deadline", "far", "due", "9999-12-31"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "outside the years nudge can write back",
        ));
    // A TZ that names no zone is said once, on stderr.
    let out = home
        .nudge()
        .env("TZ", "Mars/Olympus")
        .args(["list"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("names no time zone").count(), 1, "{stderr}");
    assert!(out.status.success());
}

#[test]
fn small_ones() {
    use std::os::unix::ffi::OsStrExt;
    let home = Home::new();
    let write = |name: &str, text: &str| {
        let path = home.path(name);
        std::fs::write(&path, text).expect("write");
        path
    };
    // A version far out of range is named as written.
    let huge = write("huge.json", "{\"format\":\"nudge\",\"version\":1.8e23}");
    home.nudge()
        .arg("import")
        .arg(&huge)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "export version 1.8e+23 is not one this nudge reads (it reads version 1)",
        ));
    // A byte-order mark at the start is no reason to refuse a file.
    let source = Home::new();
    source.run(&["ask", "@dana", "quotes"]);
    let export = source.run(&["export"]);
    let bom = write("bom.json", &format!("\u{FEFF}{export}"));
    home.nudge().arg("import").arg(&bom).assert().success();
    // Empty or made-up UUIDs are refused by record and field.
    for uuid in ["", "not-a-uuid"] {
        let doc = export.replacen(
            &serde_json::from_str::<serde_json::Value>(&export).expect("json")["items"][0]["uuid"]
                .as_str()
                .expect("uuid")
                .to_string(),
            uuid,
            1,
        );
        let bad = write("bad-uuid.json", &doc);
        home.nudge()
            .arg("import")
            .arg(&bad)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("items record 1: field `uuid`"));
    }
    // --db and NUDGE_DB agree on a path that is not UTF-8: both are taken as the path they are.
    let odd = home
        .dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"caf\xe9.db"));
    let by_flag = plain_nudge(&home)
        .arg("--db")
        .arg(&odd)
        .args(["ask", "@sam", "pricing"])
        .output()
        .expect("runs");
    assert!(
        by_flag.status.success(),
        "{}",
        String::from_utf8_lossy(&by_flag.stderr)
    );
    let by_env = plain_nudge(&home)
        .env("NUDGE_DB", &odd)
        .args(["list"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&by_env.stdout).contains("pricing"));
}

mod to_a_terminal {
    use super::common::Home;
    use super::common::pty::Terminal;
    use proptest::prelude::*;

    /// Characters a terminal would act on, mixed with ordinary ones.
    fn hostile_text() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            Just("\u{1b}[2J".to_string()),
            Just("\u{1b}]0;t\u{7}".to_string()),
            Just("\u{1b}]52;c;aGk=\u{7}".to_string()),
            Just("\u{9b}".to_string()),
            Just("\u{7f}".to_string()),
            Just("\u{202e}".to_string()),
            Just("\u{2066}".to_string()),
            Just("\u{8}".to_string()),
            Just("\u{85}".to_string()),
            "[a-z ]{1,6}",
            any::<char>().prop_map(|c| c.to_string()),
        ];
        proptest::collection::vec(pieces, 1..12).prop_map(|p| format!("x{}", p.concat()))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

        #[test]
        fn no_output_path_writes_a_control_or_bidi_override_to_a_terminal(text in hostile_text()) {
            let home = Home::new();
            // As a shell passes them: NUL cannot be an argument, so it is not one here either.
            let text = text.replace('\u{0}', "");
            home.run(&["ask", "@dana", &text, "why:", &text]);
            home.run(&["deadline", &text, "due", "mon"]);
            for args in [
                &["export", "--format", "csv"][..],
                &["export", "--format", "md"],
                &["export", "--format", "ics"],
                &["export"],
                &["list"],
                &["show", "1"],
                &["report", "--day"],
            ] {
                let mut term = Terminal::start(home.dir.path(), &home.db(), args, 200, 50);
                prop_assert_eq!(term.wait_code(), Ok(0));
                let raw = String::from_utf8_lossy(&term.raw_output()).into_owned();
                let acts = |c: char| {
                    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                };
                prop_assert!(!raw.chars().any(acts), "{:?} wrote {:?}", args, raw);
            }
        }
    }
}
