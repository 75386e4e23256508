//! The day from the shell: `report --day` and `list reflections`.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Home;
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn report_day_counts_the_day() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes", "~call"]);
    home.run(&["ask", "@sam", "pricing", "~email"]);
    home.run(&["ask", "@lee", "numbers", "~email"]);
    home.run(&["followup", "2"]);
    home.run(&["done", "3"]);
    home.run(&["critique", "@aiko", "too busy"]);
    home.run(&["critique", "@tom", "too long", "--let-go"]);
    home.run(&["checkin", "2"]);
    home.run(&["checkin", "5"]);
    home.run(&["deadline", "slides", "due", "tonight"]);
    home.run(&["done", "5"]);
    let md = home.run(&["report", "--day"]);
    assert_eq!(
        md,
        "# Saturday 28 November 2026\n\n## The day in numbers\n\n\
         - Asks made: 3 (1 by call, 2 by email)\n\
         - Received: 1 · follow-ups: 1\n\
         - Critiques: 2 · turned into invitations: 1\n\
         - Check-ins: 2, average stress 3.5/5\n\
         - Deadlines met: 1 · missed: 0\n\n## Reflection\n\n_Not written._\n"
    );
    let json: Value =
        serde_json::from_str(&home.run(&["report", "--day", "--format", "json"])).expect("json");
    assert_eq!(json["date"], "2026-11-28");
    assert_eq!(json["numbers"]["asks_by_channel"]["email"], 2);
    assert_eq!(json["numbers"]["deadlines_met"], 1);
    assert_eq!(json["reflection"], Value::Null);
}

#[test]
fn report_a_past_day_from_the_demo() {
    let home = Home::with_demo();
    let md = home.run(&["report", "--day", "--date", "2026-11-25"]);
    assert!(md.starts_with("# Wednesday 25 November 2026\n"), "{md}");
    assert!(md.contains("**What went well**"), "{md}");
    assert!(md.contains("**Stress today:**"), "{md}");
    let yesterday = home.run(&["report", "--date", "yesterday"]);
    assert!(
        yesterday.starts_with("# Friday 27 November 2026"),
        "{yesterday}"
    );
    home.nudge()
        .args(["report", "--date", "someday"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--date: could not read \"someday\"",
        ));
}

#[test]
fn list_reflections() {
    let home = Home::with_demo();
    let json: Value =
        serde_json::from_str(&home.run(&["list", "reflections", "--json"])).expect("json");
    let list = json.as_array().expect("array");
    assert!(list.len() >= 10, "weeks of reflections: {}", list.len());
    assert_eq!(list[0]["day"], "2026-11-27", "newest first");
    assert!(list[0]["numbers"]["asks_by_channel"].is_object());
    let table = home.run(&["list", "reflections"]);
    assert!(table.starts_with("DAY"), "{table}");
    let empty = Home::new();
    assert!(
        empty
            .run(&["list", "reflections"])
            .starts_with("No reflections yet")
    );
}
