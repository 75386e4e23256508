//! `nudge calendar` against a real CalDAV server: the test starts Radicale (`pip install
//! radicale`; .ci/run installs it) on 127.0.0.1 with a temporary storage folder and one test
//! user, and plays the phone with plain HTTP (curl) on the same collection.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Home;

struct Radicale {
    child: Child,
    url: String,
    storage: PathBuf,
}

impl Radicale {
    fn start(dir: &Path) -> Radicale {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let storage = dir.join("radicale");
        std::fs::create_dir_all(&storage).expect("storage");
        std::fs::write(dir.join("users"), "tester:secret\n").expect("users");
        let config = dir.join("radicale.conf");
        std::fs::write(
            &config,
            format!(
                "[server]\nhosts = 127.0.0.1:{port}\n[auth]\ntype = htpasswd\n\
                 htpasswd_filename = {}\nhtpasswd_encryption = plain\n\
                 [storage]\nfilesystem_folder = {}\n[rights]\ntype = owner_only\n",
                dir.join("users").display(),
                storage.display()
            ),
        )
        .expect("config");
        let child = Command::new("python3")
            .args(["-m", "radicale", "--config"])
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m radicale (pip install radicale)");
        let server = Radicale {
            child,
            url: format!("http://127.0.0.1:{port}/tester/nudge/"),
            storage,
        };
        let started = Instant::now();
        loop {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "Radicale did not start (is it installed? pip install radicale)"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let made = server.curl(&["-X", "MKCALENDAR", &server.url]);
        assert_eq!(made.0, 201, "the test calendar");
        server
    }

    /// A request as a phone makes it: the status and the body.
    fn curl(&self, args: &[&str]) -> (u16, String) {
        let out = Command::new("curl")
            .args(["-s", "-u", "tester:secret", "-w", "\n%{http_code}"])
            .args(args)
            .output()
            .expect("curl");
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let (body, code) = text.rsplit_once('\n').expect("status line");
        (code.trim().parse().expect("status"), body.to_string())
    }

    /// The resources in the collection, by file name.
    fn resources(&self) -> Vec<String> {
        let dir = self.storage.join("collection-root/tester/nudge");
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("collection folder")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(".ics"))
            .collect();
        names.sort();
        names
    }

    /// Every resource with its bytes, as the server stores them.
    fn contents(&self) -> Vec<(String, Vec<u8>)> {
        let dir = self.storage.join("collection-root/tester/nudge");
        self.resources()
            .into_iter()
            .map(|n| {
                let bytes = std::fs::read(dir.join(&n)).expect("resource");
                (n, bytes)
            })
            .collect()
    }

    fn href(&self, uid: &str) -> String {
        format!("{}{}.ics", self.url, uid.replace('@', "-"))
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn configure(home: &Home, url: &str, password: &str) {
    let dir = home.path("config/nudge");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "[calendar]\nurl = \"{url}\"\nuser = \"tester\"\npassword_command = \"echo {password}\"\n"
        ),
    )
    .expect("config");
}

/// An item's UUID, from `nudge list --json` (asks) or `list deadlines --json`.
fn uuid_of(home: &Home, what: &str, id: u64) -> String {
    let list: serde_json::Value =
        serde_json::from_str(&home.run(&["list", what, "--all", "--json"])).expect("json");
    list.as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == id)
        .map(|i| i["uuid"].as_str().expect("uuid").to_string())
        .expect("the item")
}

#[test]
fn push_creates_updates_deletes_and_pull_brings_back_what_the_phone_ticked_off() {
    let home = Home::with_demo();
    let server = Radicale::start(home.dir.path());
    configure(&home, &server.url, "secret");
    // First push: every open deadline (event and to-do) and check-back.
    let first = home.run(&["calendar", "push", "--json"]);
    let first: serde_json::Value = serde_json::from_str(&first).expect("json");
    let created = first["created"].as_u64().expect("created");
    assert!(created > 5, "{first}");
    assert_eq!(server.resources().len() as u64, created);
    // Sam's check-back is a to-do with its DUE and an alarm 15 minutes before.
    let sam = uuid_of(&home, "asks", 8);
    let (status, body) = server.curl(&[&server.href(&format!("{sam}@nudge"))]);
    assert_eq!(status, 200);
    assert!(
        body.contains("BEGIN:VTODO") && body.contains("DUE:20261127T090000Z"),
        "{body}"
    );
    assert!(body.contains("TRIGGER:-PT15M"), "{body}");
    // A second push changes nothing, not a byte on the server.
    let before = server.contents();
    assert_eq!(
        home.run(&["calendar", "push"]).trim(),
        format!("Calendar: 0 new, 0 updated, 0 removed, {created} unchanged.")
    );
    let after = server.contents();
    assert_eq!(after, before);
    // An edit in nudge updates that one entry.
    home.run(&["snooze", "8", "mon", "10am"]);
    assert_eq!(
        home.run(&["calendar", "push"]).trim(),
        format!(
            "Calendar: 0 new, 1 updated, 0 removed, {} unchanged.",
            created - 1
        )
    );
    let (_, body) = server.curl(&[&server.href(&format!("{sam}@nudge"))]);
    assert!(body.contains("DUE:20261130T100000Z"), "{body}");
    // A deadline done in nudge leaves the calendar (its event and its to-do).
    home.run(&["done", "1"]);
    let deck = uuid_of(&home, "deadlines", 1);
    assert_eq!(
        home.run(&["calendar", "push"]).trim(),
        format!(
            "Calendar: 0 new, 0 updated, 2 removed, {} unchanged.",
            created - 2
        )
    );
    assert_eq!(
        server.curl(&[&server.href(&format!("{deck}@nudge"))]).0,
        404
    );
    // The phone ticks off Dana's check-back with a plain PUT.
    let dana = uuid_of(&home, "asks", 7);
    let href = server.href(&format!("{dana}@nudge"));
    let (_, body) = server.curl(&[&href]);
    let done = body.replace("STATUS:NEEDS-ACTION", "STATUS:COMPLETED");
    let put = server.curl(&[
        "-X",
        "PUT",
        "-H",
        "Content-Type: text/calendar",
        "--data-binary",
        &done,
        &href,
    ]);
    assert!(put.0 == 204 || put.0 == 201, "{put:?}");
    let followups_before = home.run(&["show", "7"]);
    let pulled = home.run(&["calendar", "pull"]);
    assert!(
        pulled.starts_with("Followed up Ask 7 · Dana · customer quotes for the Acme case study by"),
        "{pulled}"
    );
    // Pulled once only.
    assert_eq!(
        home.run(&["calendar", "pull"]).trim(),
        "Nothing was ticked off on the calendar since the last pull."
    );
    // The next push sends the new check-back there.
    let again = home.run(&["calendar", "push"]);
    assert!(again.contains("1 updated"), "{again}");
    let (_, body) = server.curl(&[&href]);
    assert!(body.contains("STATUS:NEEDS-ACTION"), "{body}");
    // And the pull is one change that undo takes back.
    assert!(home.run(&["undo"]).contains("Calendar pull"));
    assert_eq!(home.run(&["show", "7"]), followups_before);
}

#[test]
fn a_deadline_ticked_off_on_the_phone_is_done() {
    let home = Home::with_demo();
    let server = Radicale::start(home.dir.path());
    configure(&home, &server.url, "secret");
    home.run(&["calendar", "push"]);
    let deck = uuid_of(&home, "deadlines", 1);
    let href = server.href(&format!("{deck}-todo@nudge"));
    let (_, body) = server.curl(&[&href]);
    assert!(body.contains("SUMMARY:Finish: Q4 launch deck"), "{body}");
    let done = body.replace(
        "STATUS:NEEDS-ACTION",
        "STATUS:COMPLETED\r\nCOMPLETED:20261128T100000Z",
    );
    let put = server.curl(&["-X", "PUT", "--data-binary", &done, &href]);
    assert!(put.0 == 204 || put.0 == 201, "{put:?}");
    assert_eq!(
        home.run(&["calendar", "pull"]).lines().next(),
        Some("Done: Deadline 1 · Q4 launch deck")
    );
    assert!(home.run(&["show", "1"]).contains("done"));
}

#[test]
fn a_wrong_password_and_a_refused_connection_are_exit_3_and_change_nothing() {
    let home = Home::with_demo();
    let server = Radicale::start(home.dir.path());
    let export = home.run(&["export", "--format", "json"]);
    configure(&home, &server.url, "wrong");
    for action in ["push", "pull"] {
        let out = home
            .nudge()
            .args(["calendar", action])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(3), "{out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("refused the user name or password (HTTP 401)"),
            "{stderr}"
        );
    }
    assert!(server.resources().is_empty());
    // Nothing listens on port 9 (discard) here.
    configure(&home, "http://127.0.0.1:9/tester/nudge/", "secret");
    let out = home
        .nudge()
        .args(["calendar", "push"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot reach http://127.0.0.1:9/"));
    assert_eq!(home.run(&["export", "--format", "json"]), export);
    // Not set up at all: bad input, exit 1.
    std::fs::write(home.path("config/nudge/config.toml"), "").expect("config");
    let out = home
        .nudge()
        .args(["calendar", "push"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the calendar is not set up"));
}
