//! Tight deadlines from the shell: check-ins, their bad inputs, deadlines done and missed.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Home;
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn checkin_records_the_rating_against_the_tight_deadline() {
    let home = Home::new();
    home.run(&["deadline", "Q4 launch deck", "due", "today", "5pm"]);
    home.run(&["deadline", "annual report", "due", "in", "3", "weeks"]);
    home.nudge()
        .args(["checkin", "4", "three", "reviews", "at", "once"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Check-in: stress 4/5 · Q4 launch deck due in 8h\n",
        ))
        .stdout(predicate::str::contains(
            "acknowledge it, feel it, slow it down",
        ));
    home.nudge()
        .args(["checkin", "2"])
        .assert()
        .success()
        .stdout("Check-in: stress 2/5 · Q4 launch deck due in 8h\n");
    let checkins: Value =
        serde_json::from_str(&home.run(&["list", "checkins", "--json"])).expect("json");
    assert_eq!(checkins[1]["stress"], 4);
    assert_eq!(checkins[1]["note"], "three reviews at once");
    assert_eq!(checkins[1]["deadline"], "Q4 launch deck");
    assert_eq!(checkins[0]["stress"], 2);
    let table = home.run(&["list", "checkins"]);
    assert!(table.starts_with("WHEN"), "{table}");
    home.run(&["undo"]);
    let checkins: Value =
        serde_json::from_str(&home.run(&["list", "checkins", "--json"])).expect("json");
    assert_eq!(checkins.as_array().map(Vec::len), Some(1));
}

#[test]
fn without_a_tight_deadline_a_checkin_stands_alone() {
    let home = Home::new();
    home.run(&["deadline", "annual report", "due", "in", "3", "weeks"]);
    home.nudge()
        .args(["checkin", "1"])
        .assert()
        .success()
        .stdout("Check-in: stress 1/5\n");
}

#[test]
fn checkin_bad_input() {
    let home = Home::new();
    for bad in ["0", "6", "four", "3.5", "-1"] {
        home.nudge()
            .args(["checkin", bad])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!(
                "\"{bad}\" is not a stress rating; use 1 (calm) to 5 (overwhelmed)"
            )));
    }
    home.nudge()
        .arg("checkin")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("<STRESS>"));
    assert_eq!(home.run(&["list", "checkins", "--json"]), "[]\n");
}

#[test]
fn deadlines_are_done_or_missed() {
    let home = Home::new();
    home.run(&["deadline", "webinar slides", "due", "tomorrow"]);
    home.run(&["done", "1"]);
    home.run(&["deadline", "late thing", "due", "tonight"]);
    // Dropped once its time has passed, a deadline counts as missed.
    home.nudge()
        .env("NUDGE_NOW", "2026-11-29T10:00")
        .args(["drop", "2"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Missed: Deadline 2"));
    let all: Value =
        serde_json::from_str(&home.run(&["list", "deadlines", "--all", "--json"])).expect("json");
    let mut statuses: Vec<&str> = all
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|d| d["status"].as_str())
        .collect();
    statuses.sort_unstable();
    assert_eq!(statuses, vec!["done", "missed"]);
}

#[test]
fn the_demo_has_weeks_of_checkins() {
    let home = Home::with_demo();
    let checkins: Value =
        serde_json::from_str(&home.run(&["list", "checkins", "--json"])).expect("json");
    let list = checkins.as_array().expect("array");
    assert!(list.len() >= 15, "{} check-ins", list.len());
    assert!(list.iter().any(|c| c["slowdown_secs"] == 60));
}
