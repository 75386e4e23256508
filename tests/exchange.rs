//! Data in and out: export, import (nudge JSON merged by UUID, Taskwarrior), the calendar file
//! read back by an iCalendar parser, CSV read back by a CSV reader, bad files refused whole, and
//! the week's report.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::Home;
use predicates::prelude::*;
use serde_json::Value;

/// The export as JSON with the export time taken out and every list in UUID order.
fn export_json(home: &Home) -> Value {
    let text = home.run(&["export"]);
    normalized(&text)
}

fn normalized(text: &str) -> Value {
    let mut value: Value = serde_json::from_str(text).expect("export is JSON");
    let object = value.as_object_mut().expect("an object");
    object.remove("exported_at");
    for (_, list) in object.iter_mut() {
        if let Value::Array(records) = list {
            records.sort_by(|a, b| a["uuid"].as_str().cmp(&b["uuid"].as_str()));
        }
    }
    value
}

fn write(home: &Home, name: &str, text: &str) -> String {
    let path = home.path(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

/// An export to a pipe is held back while the pages are checked beside it, then written out:
/// byte for byte what the same export writes to a file, in every format.
#[test]
fn an_export_to_a_pipe_is_the_export_to_a_file_byte_for_byte() {
    let home = Home::new();
    home.run(&["demo", "--scale", "5000"]);
    for format in ["json", "md", "csv", "ics"] {
        let file = home.path(&format!("all.{format}"));
        home.run(&[
            "export",
            "--format",
            format,
            "-o",
            file.to_str().expect("path"),
        ]);
        let written = std::fs::read(&file).expect("written");
        let piped = home
            .nudge()
            .args(["export", "--format", format])
            .output()
            .expect("runs");
        assert!(piped.status.success(), "{format}");
        assert!(written.len() > 1000, "{format}: {} bytes", written.len());
        assert!(
            piped.stdout == written,
            "{format}: the pipe got other bytes"
        );
    }
}

#[test]
fn export_import_export_gives_the_same_document() {
    let source = Home::with_demo();
    let file = source.path("all.json");
    source.run(&["export", "-o", file.to_str().expect("path")]);
    let first = normalized(&std::fs::read_to_string(&file).expect("written"));
    assert_eq!(first["format"], "nudge");
    assert_eq!(first["version"], 1);
    for list in [
        "people",
        "items",
        "follow_ups",
        "critiques",
        "favors",
        "checkins",
        "sprints",
        "reflections",
    ] {
        let records = first[list].as_array().expect(list);
        assert!(!records.is_empty(), "the demo has {list}");
        assert!(
            records
                .iter()
                .all(|r| r["uuid"].is_string() && r["updated_at"].is_string()),
            "{list} records carry a UUID and an updated time"
        );
    }

    let target = Home::new();
    let said = target.run(&["import", file.to_str().expect("path")]);
    assert!(said.contains("items: 58 added"), "{said}");
    assert_eq!(export_json(&target), first);
    // What the dashboard and lists show is the same too.
    assert_eq!(
        target.run(&["list", "--all"]),
        source.run(&["list", "--all"])
    );
}

#[test]
fn a_file_in_any_order_from_a_pipe_imports_the_same() {
    let source = Home::with_demo();
    let first = export_json(&source);
    // Keys sorted (`jq -S`: the header last, favors before people) and every list backwards, so
    // an ask comes before the deadline it is linked to; read from standard input.
    let mut shuffled = first.clone();
    for (_, list) in shuffled.as_object_mut().expect("an object").iter_mut() {
        if let Value::Array(records) = list {
            records.reverse();
        }
    }
    shuffled["exported_at"] = Value::String("2026-11-28T09:00:00+00:00".into());
    let text = serde_json::to_string(&shuffled).expect("json");
    assert!(
        text.find("\"favors\"") < text.find("\"people\""),
        "keys are sorted"
    );
    let target = Home::new();
    target
        .nudge()
        .args(["import", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains("items: 58 added"));
    assert_eq!(export_json(&target), first);
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let source = Home::with_demo();
    let text = source.run(&["export"]);
    let target = Home::new();
    let file = write(&target, "all.json", &text);
    target.run(&["import", &file]);
    let once = export_json(&target);
    let said = target.run(&["import", &file]);
    assert!(said.contains("0 added, 0 updated"), "{said}");
    assert!(said.contains("Nothing changed"), "{said}");
    assert_eq!(export_json(&target), once);
    // No journal entry either: undo takes back the first import, not an empty second one.
    let undone = target.run(&["undo"]);
    assert!(undone.starts_with("Undone: Import"), "{undone}");
    assert_eq!(target.run(&["list"]), "No open asks.\n");
}

#[test]
fn a_merge_keeps_the_newer_side_of_each_record() {
    // Two machines start from the same data.
    let laptop = Home::new();
    laptop.run(&["ask", "@dana", "customer quotes", "by", "fri"]);
    laptop.run(&["ask", "@sam", "pricing sheet"]);
    let shared = laptop.run(&["export"]);
    let desktop = Home::new();
    desktop.run(&["import", &write(&desktop, "shared.json", &shared)]);

    // Each changes a different record, an hour apart; the desktop also changes Dana's ask
    // earlier than the laptop does.
    desktop
        .nudge()
        .env("NUDGE_NOW", "2026-11-28T10:00")
        .args(["edit", "1", "quotes from two customers"])
        .assert()
        .success();
    laptop
        .nudge()
        .env("NUDGE_NOW", "2026-11-28T11:00")
        .args(["done", "1"])
        .assert()
        .success();
    desktop
        .nudge()
        .env("NUDGE_NOW", "2026-11-28T12:00")
        .args(["followup", "2", "--via", "call"])
        .assert()
        .success();

    // The exports are made after those changes (a file cannot hold a change from after it was
    // written: such a time would be taken as the file's own).
    let later = |home: &Home, args: &[&str]| {
        let out = home
            .nudge()
            .env("NUDGE_NOW", "2026-11-28T13:00")
            .args(args)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let from_laptop = later(&laptop, &["export"]);
    let from_desktop = later(&desktop, &["export"]);
    later(
        &desktop,
        &["import", &write(&desktop, "laptop.json", &from_laptop)],
    );
    later(
        &laptop,
        &["import", &write(&laptop, "desktop.json", &from_desktop)],
    );

    for home in [&laptop, &desktop] {
        let asks: Value =
            serde_json::from_str(&home.run(&["list", "--all", "--json"])).expect("json");
        let dana = asks
            .as_array()
            .expect("list")
            .iter()
            .find(|a| a["person"] == "Dana")
            .expect("Dana's ask");
        // The laptop's later "done" wins over the desktop's earlier edit.
        assert_eq!(dana["status"], "received");
        assert_eq!(dana["title"], "customer quotes");
        let sam = asks
            .as_array()
            .expect("list")
            .iter()
            .find(|a| a["person"] == "Sam")
            .expect("Sam's ask");
        // The desktop's follow-up arrives on the laptop, with the moved check-back.
        assert_eq!(sam["follow_ups"].as_array().expect("follow-ups").len(), 1);
        assert_eq!(sam["follow_ups"][0]["channel"], "call");
    }
    assert_eq!(export_json(&laptop), export_json(&desktop));
}

/// Each person's usual reply time (kept in the database, read by every capture and card) as
/// the source has it: worked out for exactly the people whose asks an import, its undo or its
/// redo wrote, and for no one else (there may be a hundred thousand).
#[test]
fn an_import_its_undo_and_its_redo_bring_the_usual_reply_times_along() {
    fn medians(home: &Home) -> Vec<(String, Option<i64>)> {
        let conn = rusqlite::Connection::open(home.db()).expect("open");
        let mut stmt = conn
            .prepare("SELECT name, reply_median_secs FROM people ORDER BY name")
            .expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    }
    let source = Home::with_demo();
    let expected = medians(&source);
    assert!(
        expected.iter().filter(|(_, m)| m.is_some()).count() >= 5,
        "{expected:?}"
    );
    let target = Home::new();
    // Someone here already, with an answer of her own: the import does not touch her asks, and
    // her time stays what it was through the import, its undo and its redo.
    target.run(&["ask", "@zoe", "numbers"]);
    target.run_at("2026-11-29T15:00", &["done", "1"]);
    let zoe = medians(&target);
    let file = write(&target, "demo.json", &source.run(&["export"]));
    target.run(&["import", &file]);
    let imported = medians(&target);
    let theirs: Vec<_> = imported
        .iter()
        .filter(|(n, _)| n != "Zoe")
        .cloned()
        .collect();
    assert_eq!(
        theirs, expected,
        "the source's people, as the source has them"
    );
    assert!(imported.contains(&zoe[0]), "{imported:?}");
    target.run(&["undo"]);
    assert_eq!(medians(&target), zoe, "undone: Zoe alone, as she was");
    target.run(&["redo"]);
    assert_eq!(medians(&target), imported, "redone: as after the import");
}

#[test]
fn an_import_is_undone_whole() {
    let target = Home::new();
    target.run(&["ask", "@dana", "quotes"]);
    let source = Home::with_demo();
    let file = write(&target, "demo.json", &source.run(&["export"]));
    target.run(&["import", &file]);
    let undone = target.run(&["undo"]);
    assert!(undone.contains("Import"), "{undone}");
    let asks = target.run(&["list"]);
    assert_eq!(
        asks.lines().count(),
        2,
        "only the ask made here is left: {asks}"
    );
    assert!(asks.contains("quotes"));
}

#[test]
fn the_calendar_file_reads_back_with_an_icalendar_parser() {
    let home = Home::new();
    home.run(&[
        "deadline",
        "Q4 launch deck; slides, notes",
        "due",
        "fri",
        "3pm",
        "#launch",
    ]);
    home.run(&[
        "ask",
        "@dana",
        "customer quotes for the Acme case study, two at least",
        "by",
        "wed",
        "why:",
        "the deck needs proof points; and a long objective that runs well past seventy five octets",
    ]);
    home.run(&["ask", "@sam", "pricing"]);
    home.run(&["done", "3"]);
    let file = home.path("nudge.ics");
    home.run(&[
        "export",
        "--format",
        "ics",
        "-o",
        file.to_str().expect("path"),
    ]);
    let text = std::fs::read_to_string(&file).expect("written");

    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    assert!(text.ends_with("END:VCALENDAR\r\n"));

    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("parses");
    let prop = |c: &icalendar::parser::Component<'_>, name: &str| {
        c.find_prop(name)
            .map(|p| p.val.clone().unescape_text().as_str().to_string())
            .unwrap_or_default()
    };
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    let todos: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VTODO")
        .collect();
    assert_eq!(events.len(), 1, "one open deadline");
    assert_eq!(
        todos.len(),
        1,
        "one open ask (the received one is left out)"
    );

    let deadline = events[0];
    assert_eq!(
        prop(deadline, "SUMMARY"),
        "Due: Q4 launch deck; slides, notes"
    );
    assert_eq!(prop(deadline, "DTEND"), "20261204T150000Z");
    assert_eq!(prop(deadline, "CATEGORIES"), "launch");
    let todo = todos[0];
    assert_eq!(
        prop(todo, "SUMMARY"),
        "Check back with Dana: customer quotes for the Acme case study, two at least"
    );
    assert!(prop(todo, "DESCRIPTION").contains(
        "Why: the deck needs proof points; and a long objective that runs well past seventy five octets"
    ));
    assert!(!prop(todo, "DUE").is_empty());
    for component in [deadline, todo] {
        let alarms: Vec<_> = component
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VALARM")
            .collect();
        assert_eq!(alarms.len(), 1, "each entry has an alarm");
        assert_eq!(prop(alarms[0], "ACTION"), "DISPLAY");
    }

    // UIDs are the records' UUIDs: exporting again after a change keeps them, so a subscribed
    // calendar updates its entries.
    let uids = |text: &str| -> Vec<String> {
        let unfolded = icalendar::parser::unfold(text);
        let calendar = icalendar::parser::read_calendar(&unfolded).expect("parses");
        calendar.components.iter().map(|c| prop(c, "UID")).collect()
    };
    let before = uids(&text);
    let exported: Value = serde_json::from_str(&home.run(&["export"])).expect("json");
    let deadline_uuid = exported["items"][0]["uuid"]
        .as_str()
        .expect("uuid")
        .to_string();
    assert_eq!(before[0], format!("{deadline_uuid}@nudge"));
    home.run(&["snooze", "1", "mon"]);
    let after = uids(&home.run(&["export", "--format", "ics"]));
    assert_eq!(before, after);
}

#[test]
fn csv_has_every_ask_under_a_header_row() {
    let home = Home::new();
    home.run(&[
        "ask",
        "@dana",
        "quotes, two",
        "~call",
        "why:",
        "they said \"yes\", twice",
    ]);
    home.run(&["ask", "@sam", "=cmd|' /C calc'!A0"]);
    home.run(&["done", "2"]);
    home.run(&["deadline", "slides", "due", "fri"]);
    let text = home.run(&["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    assert_eq!(&headers[0], "id");
    assert_eq!(&headers[3], "title");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 2, "asks only, open and closed");
    let title = headers.iter().position(|h| h == "title").expect("title");
    let status = headers.iter().position(|h| h == "status").expect("status");
    let why = headers.iter().position(|h| h == "why").expect("why");
    let dana = rows.iter().find(|r| &r[2] == "Dana").expect("Dana");
    assert_eq!(&dana[title], "quotes, two");
    assert_eq!(&dana[why], "they said \"yes\", twice");
    assert_eq!(&dana[status], "open");
    let sam = rows.iter().find(|r| &r[2] == "Sam").expect("Sam");
    // A formula is kept from running in a spreadsheet.
    assert_eq!(&sam[title], "'=cmd|' /C calc'!A0");
    assert_eq!(&sam[status], "received");
}

#[test]
fn markdown_lists_open_items_by_pane() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes", "by", "wed", "why:", "the deck"]);
    home.run(&["deadline", "slides", "due", "fri", "#launch"]);
    let text = home.run(&["export", "--format", "md"]);
    assert_eq!(
        text,
        "# nudge · Sat 28 Nov 2026 09:00\n\n\
         ## Pending asks (1)\n\n- [1] **Dana** quotes · check Tue · via email — why: the deck\n\n\
         ## Deadlines (1)\n\n- [2] **slides** · Fri 17:00 · #launch\n\n\
         ## Proofing invitations (0)\n\n_None._\n"
    );
}

#[test]
fn taskwarrior_tasks_become_asks_and_deadlines() {
    let home = Home::new();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/taskwarrior-export.json");
    let said = home.run(&["import", fixture.to_str().expect("path")]);
    assert!(
        said.starts_with("From Taskwarrior"),
        "the format is found from the file: {said}"
    );
    assert!(said.contains("3 asks, 2 deadlines"), "{said}");
    assert!(said.contains("people: 3 added"), "{said}");
    for skipped in [
        "Skipped 4:",
        "\"Someday: rebrand\": no due date (a deadline needs one)",
        "\"+ask without a person\": an ask (+ask, +waiting or wait:) without a @name",
        "\"Old newsletter\": completed in Taskwarrior",
        "\"Deleted thing\": deleted in Taskwarrior",
    ] {
        assert!(said.contains(skipped), "{skipped} in {said}");
    }

    let asks: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    let asks = asks.as_array().expect("list");
    let find = |person: &str| {
        asks.iter()
            .find(|a| a["person"] == person)
            .unwrap_or_else(|| panic!("an ask of {person}"))
    };
    let dana = find("Dana");
    assert_eq!(dana["title"], "customer quotes for the case study");
    assert_eq!(dana["uuid"], "27c98b1c-361c-4227-9a3d-4936fdb10ad4");
    // A Taskwarrior date (midnight) is the end of that workday.
    assert_eq!(dana["need_by"], "2026-12-02T17:00:00+00:00");
    assert_eq!(find("Sam")["title"], "pricing sheet from Sam");
    // wait: is when to check back.
    let rosa = find("Rosa");
    assert_eq!(rosa["next_check"], "2026-12-01T17:00:00+00:00");
    assert_eq!(rosa["need_by"], "2026-12-03T17:00:00+00:00");

    let deadlines: Value =
        serde_json::from_str(&home.run(&["list", "deadlines", "--json"])).expect("json");
    let deck = deadlines
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["title"] == "Q4 launch deck")
        .expect("the deck");
    assert_eq!(deck["due"], "2026-12-04T17:00:00+00:00");
    assert_eq!(deck["tags"], serde_json::json!(["launch", "marketing"]));
    assert_eq!(deck["notes"], "outline in the shared drive");

    // Importing it again changes nothing.
    let again = home.run(&["import", fixture.to_str().expect("path")]);
    assert!(again.contains("0 added, 0 updated, 5 unchanged"), "{again}");
}

/// A bad file is exit 1, names what is wrong, and leaves the database as it was.
fn refused(home: &Home, args: &[&str], says: &str) {
    let before = export_json(home);
    home.nudge()
        .args(args)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(says))
        .stderr(predicate::str::contains("Nothing was imported"));
    assert_eq!(export_json(home), before, "nothing changed for {args:?}");
}

#[test]
fn bad_nudge_files_are_refused_whole() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes"]);
    let not_json = write(&home, "a.json", "{ this is not json");
    refused(&home, &["import", &not_json], "not JSON");
    let shape = write(
        &home,
        "b.json",
        "{\"format\":\"nudge\",\"version\":1,\"items\":{}}",
    );
    refused(&home, &["import", &shape], "\"items\" is not a list");
    let other = write(&home, "c.json", "{\"tasks\":[]}");
    refused(&home, &["import", &other], "not a nudge export");
    let newer = write(&home, "d.json", "{\"format\":\"nudge\",\"version\":99}");
    refused(&home, &["import", &newer], "version 99");

    // 731 good records, then one with a bad date: the first 730 are not imported either.
    let source = Home::new();
    source.run(&["ask", "@sam", "pricing"]);
    let mut doc: Value = serde_json::from_str(&source.run(&["export"])).expect("json");
    let template = doc["items"][0].clone();
    let items: Vec<Value> = (0..731)
        .map(|i| {
            let mut item = template.clone();
            item["uuid"] = Value::String(format!("00000000-0000-4000-8000-{i:012}"));
            if i == 730 {
                item["need_by"] = Value::String("2026-13-45T99:00:00Z".into());
            }
            item
        })
        .collect();
    doc["items"] = Value::Array(items);
    let late = write(&home, "e.json", &doc.to_string());
    refused(
        &home,
        &["import", &late],
        "items record 731: field `need_by`: \"2026-13-45T99:00:00Z\" is not an RFC 3339 time",
    );
    doc["people"] = Value::Array(Vec::new());
    let unknown_person = write(
        &home,
        "f.json",
        &doc.to_string()
            .replace("2026-13-45T99:00:00Z", "2026-12-01T17:00:00Z"),
    );
    refused(
        &home,
        &["import", &unknown_person],
        "items record 1: field `person_uuid`: no record with UUID",
    );
    let binary = home.path("g.json");
    std::fs::write(&binary, [0x7b, 0xff, 0xfe, 0x00]).expect("write");
    refused(
        &home,
        &["import", binary.to_str().expect("path")],
        "not UTF-8",
    );
    refused(
        &home,
        &["import", "/no/such/file.json"],
        "cannot read /no/such/file.json",
    );
}

#[test]
fn bad_taskwarrior_files_are_refused_whole() {
    let home = Home::new();
    let bad_date = write(
        &home,
        "tw.json",
        r#"[{"uuid":"a","description":"deck","status":"pending","due":"20261204T170000Z"},
            {"uuid":"b","description":"slides","status":"pending","due":"next tuesday"}]"#,
    );
    refused(
        &home,
        &["import", &bad_date],
        "task 2: field `due`: \"next tuesday\" is not a Taskwarrior date",
    );
    let missing = write(
        &home,
        "tw2.json",
        r#"[{"description":"deck","status":"pending"}]"#,
    );
    refused(&home, &["import", &missing], "task 1: missing field `uuid`");
    let object = write(&home, "tw3.json", r#"{"description":"deck"}"#);
    refused(
        &home,
        &["import", "--format", "taskwarrior", &object],
        "expected a list of tasks",
    );
}

#[test]
fn export_refuses_bad_targets_and_formats() {
    let home = Home::new();
    home.nudge()
        .args(["export", "--format", "xml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("json"));
    home.nudge()
        .args(["export", "-o", home.dir.path().to_str().expect("path")])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("it is a folder"));
    home.nudge()
        .args(["export", "-o", "/no/such/dir/x.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write /no/such/dir/x.json"));
}

#[test]
fn an_export_file_is_private_and_replaced_whole() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::with_demo();
    let file = home.path("out.ics");
    let export = || {
        home.run(&[
            "export",
            "--format",
            "ics",
            "-o",
            file.to_str().expect("path"),
        ])
    };
    let mode = || std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777;
    // What an export killed before its rename left (no process has a pid this large) goes with
    // the next export to the same file.
    let abandoned = home.path(".out.ics.99999999.tmp");
    std::fs::write(&abandoned, "half an export").expect("write");
    // A new file is private: an export holds everything.
    export();
    assert!(!abandoned.exists(), "the abandoned temporary is removed");
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert_eq!(mode(), 0o600);
    // A file that was there is replaced whole and keeps the mode it had (a calendar's, 0644).
    std::fs::write(&file, "old").expect("write");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    export();
    assert!(
        std::fs::read_to_string(&file)
            .expect("read")
            .starts_with("BEGIN:VCALENDAR")
    );
    assert_eq!(mode(), 0o644);
    let leftovers = common::names_ending(home.dir.path(), ".tmp");
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn long_work_is_quiet_when_stderr_is_not_a_terminal() {
    let home = Home::new();
    home.nudge()
        .args(["demo", "--scale", "3000"])
        .assert()
        .success()
        .stderr("");
    let file = home.path("big.json");
    home.nudge()
        .args(["export", "-o", file.to_str().expect("path")])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    let other = Home::new();
    other
        .nudge()
        .args(["import", file.to_str().expect("path")])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn the_week_in_a_page() {
    let home = Home::with_demo();
    let md = home.run(&["report", "--week"]);
    assert!(
        md.starts_with("# The week of Mon 23 Nov to Sun 29 Nov\n"),
        "{md}"
    );
    for heading in [
        "## Asks, by the channel of the last try",
        "## Waiting longest",
        "## Deadlines",
        "## Stress",
        "## What was stuck",
    ] {
        assert!(md.contains(heading), "{heading} in {md}");
    }
    assert!(
        md.contains("- Fri 27 Nov: Legal sign-off on the case study."),
        "{md}"
    );
    let json: Value =
        serde_json::from_str(&home.run(&["report", "--week", "--format", "json"])).expect("json");
    assert_eq!(json["first_day"], "2026-11-23");
    assert_eq!(json["last_day"], "2026-11-29");
    let asked: u64 = json["asks"]
        .as_array()
        .expect("asks")
        .iter()
        .map(|c| c["asked"].as_u64().expect("count"))
        .sum();
    assert_eq!(asked, 9, "asks made Mon–Sun in the demo");
    assert_eq!(json["slowest_open_asks"][0]["person"], "Tom");
    assert_eq!(json["stress"]["checkins"], 8);
    assert_eq!(json["stuck"].as_array().expect("stuck").len(), 5);

    // Another week by date; an empty one says so.
    let empty = Home::new();
    let md = empty.run(&["report", "--week", "--date", "2026-11-02"]);
    assert!(
        md.starts_with("# The week of Mon 2 Nov to Sun 8 Nov\n"),
        "{md}"
    );
    assert!(md.contains("_No asks made this week._"));
    assert!(md.contains("_No check-ins this week._"));
}
