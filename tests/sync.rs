//! Sync between machines: two and three databases in temp dirs, synced through a shared folder
//! and through a bare git repository (real git, real TaskChampion), compared by their exports.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::Home;
use serde_json::Value;

/// Where the machines meet: a folder (or a bare git repository), and the secret they share.
struct Shared {
    dir: tempfile::TempDir,
    via: Via,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Via {
    Folder,
    Git,
}

impl Shared {
    fn new(via: Via) -> Shared {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("secret"), "correct horse battery staple\n")
            .expect("secret");
        if via == Via::Git {
            git(dir.path(), &["init", "--quiet", "--bare", "remote.git"]);
        }
        Shared { dir, via }
    }

    fn secret(&self) -> PathBuf {
        self.dir.path().join("secret")
    }

    fn folder(&self) -> PathBuf {
        self.dir.path().join("share")
    }

    fn git_url(&self) -> String {
        self.dir.path().join("remote.git").display().to_string()
    }

    /// A machine set up to sync here.
    fn machine(&self) -> Machine {
        let machine = Machine { home: Home::new() };
        let secret = self.secret().display().to_string();
        let folder = self.folder().display().to_string();
        let url = self.git_url();
        let remote = match self.via {
            Via::Folder => ["--folder", folder.as_str()],
            Via::Git => ["--git", url.as_str()],
        };
        let mut args = vec!["sync", "init"];
        args.extend(remote);
        args.extend(["--secret-file", secret.as_str()]);
        machine.run(&args);
        machine
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Process::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "test")
        .env("GIT_AUTHOR_EMAIL", "test@localhost")
        .env("GIT_COMMITTER_NAME", "test")
        .env("GIT_COMMITTER_EMAIL", "test@localhost")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).to_string()
}

struct Machine {
    home: Home,
}

impl Machine {
    fn run(&self, args: &[&str]) -> String {
        self.home.run(args)
    }

    /// Run at another time of the day (so "the later change" is known).
    fn at(&self, now: &str, args: &[&str]) -> String {
        self.home.run_at(now, args)
    }

    fn sync(&self) -> String {
        self.run(&["sync"])
    }

    /// (exit code, stderr) of a command expected to fail.
    fn fails(&self, args: &[&str]) -> (i32, String) {
        let output = self.home.nudge().args(args).output().expect("runs");
        assert!(!output.status.success(), "nudge {args:?} should fail");
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stderr).to_string(),
        )
    }

    /// Every record, by UUID, without the export's own time.
    fn records(&self) -> Value {
        let mut value: Value = serde_json::from_str(&self.run(&["export"])).expect("JSON");
        let object = value.as_object_mut().expect("object");
        object.remove("exported_at");
        for (_, list) in object.iter_mut() {
            if let Value::Array(records) = list {
                records.sort_by(|a, b| a["uuid"].as_str().cmp(&b["uuid"].as_str()));
            }
        }
        value
    }

    fn item(&self, title_part: &str) -> Value {
        let records = self.records();
        records["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["title"].as_str().is_some_and(|t| t.contains(title_part)))
            .cloned()
            .unwrap_or_else(|| panic!("no item with {title_part:?}"))
    }
}

/// The machines sync in turn until none brings anything new (at most three rounds).
fn settle(machines: &[&Machine]) {
    for _ in 0..2 {
        for machine in machines {
            machine.sync();
        }
    }
}

#[test]
fn received_on_one_machine_and_why_edited_on_the_other_keeps_both() {
    for via in [Via::Folder, Via::Git] {
        let shared = Shared::new(via);
        let (a, b) = (shared.machine(), shared.machine());
        a.run(&["ask", "@dana", "customer", "quotes", "by", "fri", "~call"]);
        a.sync();
        b.sync();
        b.at("2026-11-28T10:00", &["done", "1"]);
        a.at(
            "2026-11-28T11:00",
            &[
                "edit", "1", "why:", "the", "launch", "deck", "needs", "proof",
            ],
        );
        settle(&[&a, &b]);
        for machine in [&a, &b] {
            let item = machine.item("customer quotes");
            assert_eq!(item["status"], "received", "{via:?}: B's received is kept");
            assert_eq!(
                item["why"], "the launch deck needs proof",
                "{via:?}: A's why is kept"
            );
        }
        assert_eq!(a.records(), b.records(), "{via:?}: the same records");
    }
}

#[test]
fn different_fields_both_survive_and_the_same_field_the_later_change_wins() {
    let shared = Shared::new(Via::Git);
    let (a, b) = (shared.machine(), shared.machine());
    a.run(&["ask", "@dana", "customer", "quotes", "by", "fri", "~email"]);
    settle(&[&a, &b]);
    // Different fields: the need-by on A, the channel on B.
    a.at("2026-11-28T10:00", &["edit", "1", "by", "mon"]);
    b.at("2026-11-28T10:05", &["edit", "1", "~call"]);
    // The same field: the title, A at 11:00, B later at 11:30 (B syncs first, A's is older).
    a.at("2026-11-28T11:00", &["edit", "1", "quotes from A"]);
    b.at("2026-11-28T11:30", &["edit", "1", "quotes from B"]);
    b.sync();
    a.sync();
    b.sync();
    for machine in [&a, &b] {
        let item = machine.item("quotes from");
        assert_eq!(item["title"], "quotes from B", "the later change wins");
        assert_eq!(item["channel"], "call", "B's channel is kept");
        assert!(
            item["need_by"]
                .as_str()
                .expect("need by")
                .starts_with("2026-11-30"),
            "A's need-by is kept: {}",
            item["need_by"]
        );
    }
    assert_eq!(a.records(), b.records());
}

#[test]
fn undo_and_drop_travel() {
    let shared = Shared::new(Via::Folder);
    let (a, b) = (shared.machine(), shared.machine());
    a.run(&["ask", "@dana", "customer", "quotes"]);
    a.run(&["ask", "@sam", "pricing", "page"]);
    settle(&[&a, &b]);
    assert_eq!(b.records()["items"].as_array().expect("items").len(), 2);
    // Undo on A takes Sam's ask (and Sam) away; a drop on B travels too.
    a.run(&["undo"]);
    b.run(&["drop", "1"]);
    settle(&[&a, &b]);
    for machine in [&a, &b] {
        let records = machine.records();
        let items = records["items"].as_array().expect("items");
        assert_eq!(items.len(), 1, "the undone ask is gone: {items:?}");
        assert_eq!(items[0]["status"], "dropped");
        let people = records["people"].as_array().expect("people");
        assert!(
            people.iter().all(|p| p["name"] != "Sam"),
            "the person the undone capture made is gone too"
        );
    }
    assert_eq!(a.records(), b.records());
}

#[test]
fn new_items_on_both_sides_get_their_own_ids() {
    let shared = Shared::new(Via::Git);
    let (a, b) = (shared.machine(), shared.machine());
    a.run(&["ask", "@dana", "customer", "quotes"]);
    b.run(&["ask", "@sam", "pricing", "page"]);
    settle(&[&a, &b]);
    for machine in [&a, &b] {
        let list = machine.run(&["list"]);
        assert!(
            list.contains("customer quotes") && list.contains("pricing page"),
            "{list}"
        );
        // Each machine numbers its own rows: both asks are shown by their local ids.
        for id in ["1", "2"] {
            machine.run(&["show", id]);
        }
    }
    assert_eq!(a.records(), b.records());
}

#[test]
fn three_machines_converge_and_undo_after_a_sync_keeps_the_others_change() {
    let shared = Shared::new(Via::Git);
    let (a, b, c) = (shared.machine(), shared.machine(), shared.machine());
    a.run(&["ask", "@dana", "customer", "quotes"]);
    settle(&[&a, &b, &c]);
    c.at("2026-11-28T10:00", &["edit", "1", "signed customer quotes"]);
    c.sync();
    a.sync();
    // A's undo would take back its capture, but C changed the ask since: it stays, and says so.
    let said = a.at("2026-11-28T11:00", &["undo"]);
    assert!(
        said.contains("changed on another machine since"),
        "undo says what it left: {said}"
    );
    assert!(a.run(&["list"]).contains("signed customer quotes"));
    settle(&[&a, &b, &c]);
    assert_eq!(a.records(), b.records());
    assert_eq!(b.records(), c.records());
}

#[test]
fn status_says_what_waits_and_when_the_last_sync_was() {
    let shared = Shared::new(Via::Folder);
    let a = shared.machine();
    let status = a.run(&["sync", "status"]);
    assert!(status.contains("Never synced yet."), "{status}");
    a.run(&["ask", "@dana", "customer", "quotes"]);
    let status = a.run(&["sync", "status"]);
    assert!(
        status.contains("Waiting to be sent: 2 records changed here."),
        "{status}"
    );
    let said = a.sync();
    assert!(said.contains("sent 2 changed records"), "{said}");
    let status = a.run(&["sync", "status"]);
    assert!(status.contains("Last sync: today 09:00."), "{status}");
    assert!(status.contains("Nothing waits to be sent."), "{status}");
    assert!(a.sync().contains("nothing to send or bring"));
}

#[test]
fn a_wrong_secret_an_unreachable_remote_and_another_programs_remote_change_nothing() {
    let shared = Shared::new(Via::Git);
    let a = shared.machine();
    a.run(&["ask", "@dana", "customer", "quotes"]);
    a.sync();

    // Another secret: exit 3, the cause named, nothing here changed.
    let b = shared.machine();
    b.run(&["ask", "@sam", "pricing", "page"]);
    let before = b.records();
    std::fs::write(shared.secret(), "another secret\n").expect("secret");
    let (code, said) = b.fails(&["sync"]);
    assert_eq!(code, 3, "{said}");
    assert!(
        said.contains("cannot decrypt") && said.contains("secret"),
        "{said}"
    );
    assert_eq!(b.records(), before);

    // A remote that is not there.
    let lost = Machine { home: Home::new() };
    lost.run(&[
        "sync",
        "init",
        "--git",
        "/nonexistent/remote.git",
        "--secret-file",
        shared.secret().to_str().expect("path"),
    ]);
    lost.run(&["ask", "@dana", "x"]);
    let before = lost.records();
    let (code, said) = lost.fails(&["sync"]);
    assert_eq!(code, 3, "{said}");
    assert!(
        said.contains("cannot reach the git remote /nonexistent/remote.git"),
        "{said}"
    );
    assert_eq!(lost.records(), before);

    // A repository of another program, on the branch nudge would use.
    let other = tempfile::tempdir().expect("dir");
    git(other.path(), &["init", "--quiet", "--bare", "other.git"]);
    let work = other.path().join("work");
    git(other.path(), &["clone", "--quiet", "other.git", "work"]);
    std::fs::write(work.join("notes.txt"), "someone else's\n").expect("file");
    git(&work, &["checkout", "--quiet", "-b", "nudge"]);
    git(&work, &["add", "notes.txt"]);
    git(&work, &["commit", "--quiet", "-m", "theirs"]);
    git(&work, &["push", "--quiet", "origin", "nudge"]);
    let url = other.path().join("other.git").display().to_string();
    let foreign = Machine { home: Home::new() };
    foreign.run(&[
        "sync",
        "init",
        "--git",
        &url,
        "--secret-file",
        shared.secret().to_str().expect("path"),
    ]);
    foreign.run(&["ask", "@dana", "x"]);
    let (code, said) = foreign.fails(&["sync"]);
    assert_eq!(code, 3, "{said}");
    assert!(said.contains("not nudge's"), "{said}");
    let log = git(
        other.path().join("other.git").as_path(),
        &["log", "--oneline", "nudge"],
    );
    assert_eq!(log.lines().count(), 1, "their branch is untouched: {log}");
}

#[test]
fn a_damaged_version_on_the_remote_stops_the_sync_and_changes_nothing() {
    let shared = Shared::new(Via::Git);
    let (a, b) = (shared.machine(), shared.machine());
    a.run(&["ask", "@dana", "customer", "quotes"]);
    a.sync();
    // Damage the version A sent, as a bad disk or a bad hand would.
    let work = shared.dir.path().join("work");
    git(
        shared.dir.path(),
        &[
            "clone",
            "--quiet",
            "--branch",
            "nudge",
            "remote.git",
            "work",
        ],
    );
    let version = std::fs::read_dir(&work)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("v-"))
        })
        .expect("a version file");
    let mut bytes = std::fs::read(&version).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&version, bytes).expect("write");
    git(&work, &["commit", "--quiet", "-am", "damage"]);
    git(&work, &["push", "--quiet", "origin", "nudge"]);
    b.run(&["ask", "@sam", "pricing", "page"]);
    let before = b.records();
    let (code, said) = b.fails(&["sync"]);
    assert_eq!(code, 3, "{said}");
    assert!(
        said.contains("damaged") || said.contains("cannot decrypt"),
        "{said}"
    );
    assert_eq!(b.records(), before, "nothing changed here");
}

#[test]
fn bad_settings_exit_1_and_name_the_key() {
    let home = Machine { home: Home::new() };
    let (code, said) = home.fails(&["sync"]);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("sync is not set up: `nudge sync init --folder DIR`"),
        "{said}"
    );
    let config = home.home.path("config/nudge/config.toml");
    std::fs::create_dir_all(config.parent().expect("dir")).expect("dir");
    std::fs::write(&config, "[sync]\nfolder = \"/a\"\ngit = \"/b\"\n").expect("config");
    let (code, said) = home.fails(&["sync"]);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("[sync]: give one of folder, git or server"),
        "{said}"
    );
    std::fs::write(
        &config,
        "[sync]\nfolder = \"/a\"\nsecret_file = \"/nope\"\n",
    )
    .expect("config");
    let (code, said) = home.fails(&["sync"]);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("cannot read the secret file /nope"), "{said}");
    let (code, said) = home.fails(&["sync", "init", "--folder", "/tmp/x"]);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("already has a [sync] table"), "{said}");
}

#[test]
fn sync_init_writes_the_section_and_a_private_secret() {
    use std::os::unix::fs::PermissionsExt;
    let shared = tempfile::tempdir().expect("dir");
    let home = Machine { home: Home::new() };
    let folder = shared.path().join("share");
    let said = home.run(&["sync", "init", "--folder", folder.to_str().expect("path")]);
    assert!(said.contains("Sync set up in"), "{said}");
    assert!(
        folder.join("nudge.git/HEAD").exists(),
        "the folder holds a bare repository"
    );
    let secret = home.home.path("config/nudge/sync-secret");
    let mode = std::fs::metadata(&secret)
        .expect("secret")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let text = std::fs::read_to_string(&secret).expect("secret");
    assert!(!said.contains(text.trim()), "the secret is never printed");
    assert_eq!(text.trim().len(), 64, "a whole secret: {text:?}");
    let left = common::names_ending(&home.home.path("config/nudge"), ".new");
    assert!(left.is_empty(), "no temporary is left: {left:?}");
    let config =
        std::fs::read_to_string(home.home.path("config/nudge/config.toml")).expect("config");
    assert!(config.contains("\n[sync]\nfolder = "), "{config}");
    // The rest of the file is the commented default, kept.
    assert!(config.contains("[theme]"), "{config}");
    home.run(&["config", "show"]);
}

/// A sync killed after the engine wrote its version file into this machine's copy of the remote
/// and staged it (`git add`), before the commit, left it there: the engine removes files left
/// untracked when it opens the copy, not staged ones, and it reads versions from its copy
/// first. The next sync took the file for a version the remote has, counted every change as
/// sent, and no other machine ever got them. Built here by hand, exactly: the remote and the
/// copy's branch put back to before the sync with its files left staged, and the database put
/// back too (it commits only at the end of a sync).
#[test]
fn a_version_a_killed_sync_wrote_but_never_pushed_is_sent_again() {
    let shared = Shared::new(Via::Git);
    let (a, b) = (shared.machine(), shared.machine());
    a.run(&["demo", "--scale", "30"]);
    let records = a.records();
    let before = a.home.path("before-sync.db");
    std::fs::copy(a.home.db(), &before).expect("copy");
    a.sync();
    let remote = shared.dir.path().join("remote.git");
    let first = git(&remote, &["rev-list", "--max-parents=0", "nudge"]);
    let first = first.trim();
    git(&remote, &["update-ref", "refs/heads/nudge", first]);
    let copy = a.home.dir.path().join("nudge.db-sync");
    git(&copy, &["reset", "--quiet", "--soft", first]);
    let left = git(&copy, &["status", "--porcelain"]);
    assert!(
        left.contains("A  v-"),
        "the version files are left staged: {left}"
    );
    std::fs::copy(&before, a.home.db()).expect("put back");
    a.sync();
    b.sync();
    assert_eq!(b.records(), records, "what A had reached B");
    assert_eq!(a.records(), records);
}

#[test]
fn a_sync_killed_at_any_point_leaves_both_sides_whole() {
    let shared = Shared::new(Via::Git);
    let (a, b) = (shared.machine(), shared.machine());
    a.run(&["demo", "--scale", "300"]);
    let records = a.records();
    for delay_ms in [5, 40, 120, 300] {
        let mut child = spawn(&a, &["sync"]);
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        // Only nudge was killed: a git it started goes on to the end of its push or commit. A
        // sync started meanwhile may find the remote moved under it and say "run `nudge sync`
        // again"; the next sync here starts once they are done.
        wait_for_group(child.id());
        assert_eq!(
            a.records(),
            records,
            "killed after {delay_ms} ms: A is whole"
        );
    }
    a.sync();
    b.sync();
    assert_eq!(b.records(), records, "the next sync completes");
}

#[test]
fn git_locks_a_killed_git_left_in_the_working_copy_do_not_stop_the_next_sync() {
    let shared = Shared::new(Via::Git);
    let (a, b) = (shared.machine(), shared.machine());
    a.run(&["ask", "@dana", "quotes"]);
    a.sync();
    // A git killed in the middle of a commit leaves its lock files; with them there every
    // later commit in the working copy fails.
    let git_dir = nudge::sync::remote::clone_path(&a.home.db()).join(".git");
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let heads = git_dir.join("refs/heads");
    for lock in [git_dir.join("index.lock"), heads.join("nudge.lock")] {
        let file = std::fs::File::create(&lock).expect("lock file");
        file.set_modified(an_hour_ago).expect("an old lock");
    }
    a.run(&["ask", "@sam", "pricing"]);
    a.sync();
    assert!(
        !git_dir.join("index.lock").exists(),
        "the left-over lock is gone"
    );
    b.sync();
    assert_eq!(
        b.records(),
        a.records(),
        "the sync after the killed one completes"
    );
}

/// Wait (at most a minute) until no process is left in the process group `group`: the git
/// programs a killed `nudge` started (`spawn` puts each child in a group of its own).
fn wait_for_group(group: u32) {
    let started = std::time::Instant::now();
    while in_group(group) && started.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(!in_group(group), "the killed sync's git programs ended");
}

/// Whether any process is in process group `group` (read from /proc: pid (comm) state ppid
/// pgrp ...; a zombie waiting for its parent no longer counts).
fn in_group(group: u32) -> bool {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return false;
    };
    entries.flatten().any(|entry| {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            return false;
        };
        let Some((_, rest)) = stat.rsplit_once(')') else {
            return false;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        fields.first() != Some(&"Z") && fields.get(2) == Some(&group.to_string().as_str())
    })
}

/// `nudge` on this machine as a child process to kill (the same settings as `Home::nudge`), in
/// a process group of its own.
fn spawn(machine: &Machine, args: &[&str]) -> std::process::Child {
    use std::os::unix::process::CommandExt;
    let dir = machine.home.dir.path();
    Process::new(assert_cmd::cargo::cargo_bin("nudge"))
        .process_group(0)
        .args(args)
        .env("NUDGE_NOW", common::NOW)
        .env("TZ", "Europe/London")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("NUDGE_DB", machine.home.db())
        .env_remove("NUDGE_CONFIG")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawns")
}

/// One step of the property test: a command on one machine, or a sync.
#[derive(Debug, Clone)]
enum Step {
    Ask(usize, usize),
    Done(usize),
    Title(usize, usize),
    Call(usize),
    Drop(usize),
    Undo,
    Followup(usize),
    Favor(usize),
    Team(usize, usize),
    Sync,
}

const PEOPLE: [&str; 3] = ["dana", "sam", "lee"];
const WORDS: [&str; 4] = ["quotes", "pricing", "deck", "logo"];

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        3 => (0..4usize, 0..3usize).prop_map(|(w, p)| Step::Ask(w, p)),
        1 => (1..4usize).prop_map(Step::Done),
        2 => (1..4usize, 0..4usize).prop_map(|(id, w)| Step::Title(id, w)),
        1 => (1..4usize).prop_map(Step::Call),
        1 => (1..4usize).prop_map(Step::Drop),
        1 => Just(Step::Undo),
        1 => (1..4usize).prop_map(Step::Followup),
        1 => (0..3usize).prop_map(Step::Favor),
        1 => (0..3usize, 0..2usize).prop_map(|(p, t)| Step::Team(p, t)),
        2 => Just(Step::Sync),
    ]
}

impl Machine {
    /// A step, at minute `minute` of the day; refusals (an id not there) are fine, a database
    /// failure is not.
    fn take(&self, step: &Step, minute: usize) {
        let now = format!("2026-11-28T{:02}:{:02}", 9 + minute / 60, minute % 60);
        let id = |n: &usize| n.to_string();
        let args: Vec<String> = match step {
            Step::Ask(w, p) => vec!["ask".into(), format!("@{}", PEOPLE[*p]), WORDS[*w].into()],
            Step::Done(n) => vec!["done".into(), id(n)],
            Step::Title(n, w) => vec!["edit".into(), id(n), format!("new {}", WORDS[*w])],
            Step::Call(n) => vec!["edit".into(), id(n), "~call".into()],
            Step::Drop(n) => vec!["drop".into(), id(n)],
            Step::Undo => vec!["undo".into()],
            Step::Followup(n) => vec!["followup".into(), id(n), "--via".into(), "call".into()],
            Step::Favor(p) => vec![
                "favor".into(),
                "gave".into(),
                format!("@{}", PEOPLE[*p]),
                "a review".into(),
            ],
            Step::Team(p, t) => vec![
                "person".into(),
                format!("@{}", PEOPLE[*p]),
                "--team".into(),
                ["Sales", "Product"][*t].into(),
            ],
            Step::Sync => vec!["sync".into()],
        };
        let output = self
            .home
            .nudge()
            .env("NUDGE_NOW", now)
            .args(&args)
            .output()
            .expect("runs");
        let code = output.status.code().unwrap_or(-1);
        assert!(
            code == 0 || (code == 1 && *step != Step::Sync),
            "nudge {args:?} exited {code}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

impl PartialEq for Step {
    fn eq(&self, other: &Step) -> bool {
        matches!((self, other), (Step::Sync, Step::Sync))
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: std::env::var("SYNC_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(8),
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Random changes on two or three machines, with syncs between them, end in the same
    /// records everywhere once every machine has synced twice.
    #[test]
    fn machines_that_change_and_sync_at_random_converge(
        three in proptest::bool::ANY,
        steps in proptest::collection::vec((0..3usize, step()), 4..14),
    ) {
        let shared = Shared::new(Via::Git);
        let count = if three { 3 } else { 2 };
        let machines: Vec<Machine> = (0..count).map(|_| shared.machine()).collect();
        for (minute, (who, step)) in steps.iter().enumerate() {
            machines[who % count].take(step, minute + 1);
        }
        let all: Vec<&Machine> = machines.iter().collect();
        settle(&all);
        let first = machines[0].records();
        for machine in &machines[1..] {
            proptest::prop_assert_eq!(&machine.records(), &first);
        }
    }
}

#[test]
fn the_dashboard_syncs_on_start_in_the_background_and_on_quit() {
    let shared = Shared::new(Via::Folder);
    let (a, b) = (shared.machine(), shared.machine());
    b.run(&["ask", "@dana", "signed", "customer", "quotes"]);
    b.sync();
    let config = a.home.path("config/nudge/config.toml");
    let text = std::fs::read_to_string(&config).expect("config");
    let text = text
        .replace("on_start = false", "on_start = true")
        .replace("on_quit = false", "on_quit = true");
    std::fs::write(&config, text).expect("config");
    let mut terminal = common::pty::Terminal::start(a.home.dir.path(), &a.home.db(), &[], 100, 30);
    terminal.wait_for("Synced with the folder");
    // What the sync brought is on the screen without a key pressed.
    terminal.wait_for("signed customer");
    // A capture made in the dashboard goes out with the sync at quit.
    terminal.send("a");
    terminal.send("@sam pricing page\r");
    terminal.wait_for("pricing page");
    terminal.send("q");
    assert!(terminal.wait_exit(), "quits cleanly");
    b.sync();
    assert!(b.run(&["list"]).contains("pricing page"), "sent at quit");
}

#[test]
fn the_same_person_made_on_two_machines_ends_as_one_person_everywhere() {
    let shared = Shared::new(Via::Folder);
    let (a, b) = (shared.machine(), shared.machine());
    // Dana is made on both machines before either syncs: two records, one person.
    a.run(&["ask", "@dana", "customer", "quotes"]);
    b.run(&["ask", "@dana", "pricing", "page"]);
    settle(&[&a, &b]);
    for machine in [&a, &b] {
        let records = machine.records();
        let people = records["people"].as_array().expect("people");
        assert_eq!(people.len(), 1, "one Dana: {people:?}");
        let dana = people[0]["uuid"].clone();
        for item in records["items"].as_array().expect("items") {
            assert_eq!(item["person_uuid"], dana, "both asks are Dana's");
        }
        let card = machine.run(&["show", "@dana"]);
        assert!(
            card.contains("customer quotes") && card.contains("pricing page"),
            "{card}"
        );
    }
    assert_eq!(a.records(), b.records());
}

#[test]
fn a_machine_that_joined_with_its_own_salt_is_told_and_rejoins_without_loss() {
    let shared = Shared::new(Via::Git);
    let a = shared.machine();
    a.run(&["ask", "@dana", "customer", "quotes"]);
    a.sync();
    // B set itself up against a remote of its own first (its copy has its own key salt), and
    // is then pointed at A's: what it would send, A could not read.
    let own = tempfile::tempdir().expect("dir");
    git(own.path(), &["init", "--quiet", "--bare", "own.git"]);
    let own_url = own.path().join("own.git").display().to_string();
    let b = Machine { home: Home::new() };
    let secret = shared.secret().display().to_string();
    b.run(&["sync", "init", "--git", &own_url, "--secret-file", &secret]);
    b.run(&["ask", "@sam", "pricing", "page"]);
    b.sync();
    let config = b.home.path("config/nudge/config.toml");
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(&config, text.replace(&own_url, &shared.git_url())).expect("config");
    let (code, said) = b.fails(&["sync"]);
    assert_eq!(code, 3, "{said}");
    assert!(
        said.contains("different keys") && said.contains("--rejoin"),
        "{said}"
    );
    let said = b.run(&["sync", "--rejoin"]);
    assert!(said.contains("sent"), "{said}");
    a.sync();
    for machine in [&a, &b] {
        let list = machine.run(&["list"]);
        assert!(
            list.contains("customer quotes") && list.contains("pricing page"),
            "{list}"
        );
    }
    assert_eq!(a.records(), b.records());
}

#[test]
fn relative_paths_to_the_database_and_the_remote_work() {
    let home = Home::new();
    let dir = home.dir.path();
    git(dir, &["init", "--quiet", "--bare", "remote.git"]);
    std::fs::write(dir.join("secret"), "s3cret\n").expect("secret");
    let run = |args: &[&str]| {
        let output = home
            .nudge()
            .current_dir(dir)
            .env_remove("NUDGE_DB")
            .args(["--db", "here.db"])
            .args(args)
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "nudge {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).to_string()
    };
    run(&[
        "sync",
        "init",
        "--git",
        "remote.git",
        "--secret-file",
        "secret",
    ]);
    run(&["ask", "@dana", "customer", "quotes"]);
    assert!(run(&["sync"]).contains("sent 2 changed records"));
    run(&["edit", "1", "signed", "quotes"]);
    assert!(run(&["sync"]).contains("sent 1 changed record"));
}

#[test]
fn a_second_sync_of_the_same_database_at_once_is_refused_and_changes_nothing() {
    let shared = Shared::new(Via::Folder);
    let a = shared.machine();
    a.run(&["ask", "@dana", "customer", "quotes"]);
    // What a sync running elsewhere holds.
    let mut name = a.home.db().into_os_string();
    name.push("-sync.lock");
    let held = std::fs::File::create(PathBuf::from(name)).expect("lock file");
    held.lock().expect("locked");
    let (code, said) = a.fails(&["sync"]);
    assert_eq!(code, 3, "{said}");
    assert!(
        said.contains("another sync of this database is running"),
        "{said}"
    );
    assert!(a.run(&["sync", "status"]).contains("Never synced yet."));
    drop(held);
    assert!(a.sync().contains("sent 2 changed records"));
}

/// Found by the property test: an undo deletes a synced record, and the next record made takes
/// its row id (SQLite reuses it); the deletion must still travel.
#[test]
fn an_undone_record_whose_row_a_new_one_took_is_deleted_everywhere() {
    let shared = Shared::new(Via::Git);
    let machines: Vec<Machine> = (0..2).map(|_| shared.machine()).collect();
    machines[0].take(&Step::Favor(0), 1);
    machines[0].take(&Step::Sync, 2);
    machines[0].take(&Step::Undo, 3);
    machines[0].take(&Step::Favor(0), 4);
    let all: Vec<&Machine> = machines.iter().collect();
    settle(&all);
    assert_eq!(machines[1].records(), machines[0].records());
}

#[test]
fn a_person_both_machines_made_whose_older_record_was_undone_is_the_newer_one_everywhere() {
    // B makes Dana and syncs; A makes its own Dana (a later UUID) for a favor; B undoes its ask,
    // which deletes B's Dana. A had taken B's record for its own Dana row: once B's is gone
    // everywhere, that row is A's Dana again, on every machine.
    let shared = Shared::new(Via::Git);
    let machines: Vec<Machine> = (0..2).map(|_| shared.machine()).collect();
    machines[1].take(&Step::Ask(0, 0), 1);
    machines[1].take(&Step::Sync, 2);
    machines[0].take(&Step::Favor(0), 3);
    machines[1].take(&Step::Undo, 4);
    let all: Vec<&Machine> = machines.iter().collect();
    settle(&all);
    let records = machines[0].records();
    assert_eq!(machines[1].records(), records);
    let people = records["people"].as_array().expect("people");
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(
        people[0]["created_at"], "2026-11-28T09:03:00+00:00",
        "A's Dana"
    );
    assert_eq!(records["favors"][0]["person_uuid"], people[0]["uuid"]);
}

#[test]
fn a_persons_addresses_and_an_asks_message_id_travel() {
    let shared = Shared::new(Via::Folder);
    let (a, b) = (shared.machine(), shared.machine());
    a.run(&[
        "ask",
        "--message-id",
        "<q1@me.example>",
        "@dana",
        "dana@acme.com",
        "customer",
        "quotes",
    ]);
    settle(&[&a, &b]);
    let records = b.records();
    assert_eq!(records["people"][0]["emails"][0], "dana@acme.com");
    assert_eq!(records["items"][0]["message_id"], "q1@me.example");
    // A second address added on B reaches A.
    b.run(&[
        "person",
        "@dana",
        "--email",
        "dana@acme.com,d.reyes@acme.com",
    ]);
    settle(&[&a, &b]);
    assert_eq!(a.records(), b.records());
    assert!(a.run(&["person", "@dana"]).contains("d.reyes@acme.com"));
}

#[test]
fn a_persons_rhythm_aliases_greeting_and_visits_travel() {
    let shared = Shared::new(Via::Folder);
    let (a, b) = (shared.machine(), shared.machine());
    a.run(&["ask", "@Dana Reyes", "customer quotes"]);
    a.run(&[
        "person",
        "@dana.reyes",
        "--every",
        "2w",
        "--alias",
        "dee",
        "--first",
        "Dee",
    ]);
    settle(&[&a, &b]);
    let records = b.records();
    assert_eq!(records["people"][0]["name"], "Dana Reyes");
    assert_eq!(records["people"][0]["every_days"], 14);
    assert_eq!(records["people"][0]["aliases"][0], "dee");
    assert_eq!(records["people"][0]["greeting"], "Dee");
    // B finds her by the alias A gave her, and a walk-over logged on B reaches A.
    assert!(
        b.run(&["meet", "@dee", "--walked"])
            .contains("Walked over to Dana Reyes")
    );
    settle(&[&a, &b]);
    assert_eq!(a.records(), b.records());
    assert!(a.records()["people"][0]["met_at"].is_string());
}

#[test]
fn a_person_another_machine_made_too_stays_behind_their_favor_after_a_local_edit() {
    // B makes Sam and syncs; A gives "its" Sam a favor (A's row takes B's record) and syncs,
    // then edits Sam: the favor must still reach B, with Sam.
    let shared = Shared::new(Via::Git);
    let machines: Vec<Machine> = (0..2).map(|_| shared.machine()).collect();
    machines[1].take(&Step::Team(1, 0), 1);
    machines[1].take(&Step::Sync, 2);
    machines[0].take(&Step::Favor(1), 3);
    machines[0].take(&Step::Sync, 4);
    machines[0].take(&Step::Team(1, 0), 5);
    let all: Vec<&Machine> = machines.iter().collect();
    settle(&all);
    let records = machines[0].records();
    assert_eq!(machines[1].records(), records);
    assert_eq!(records["favors"].as_array().expect("favors").len(), 1);
}

/// The case the property test above found (CI, 2026-12-08): machine 0 asks twice and syncs,
/// machine 1 syncs and logs a follow-up on the second ask, machine 0 undoes that ask. Every
/// machine must end with the same records.
#[test]
fn an_undone_ask_that_another_machine_followed_up_converges() {
    let shared = Shared::new(Via::Git);
    let machines: Vec<Machine> = (0..3).map(|_| shared.machine()).collect();
    let steps = [
        (0, Step::Ask(0, 0)),
        (0, Step::Ask(0, 0)),
        (0, Step::Sync),
        (1, Step::Sync),
        (1, Step::Followup(2)),
        (0, Step::Undo),
    ];
    for (minute, (who, step)) in steps.iter().enumerate() {
        machines[*who].take(step, minute + 1);
    }
    let all: Vec<&Machine> = machines.iter().collect();
    settle(&all);
    let first = machines[0].records();
    for machine in &machines[1..] {
        assert_eq!(machine.records(), first);
    }
}
