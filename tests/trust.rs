//! Nothing typed or stored changes, vanishes or crashes without the user saying so: edits keep
//! what the user set, dates respect what they feed, the README's tour works as written.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Home;
use predicates::prelude::*;
use serde_json::Value;

fn item(home: &Home, id: i64) -> Value {
    let all: Value = serde_json::from_str(&home.run(&["list", "--all", "--json"])).expect("json");
    all.as_array()
        .expect("array")
        .iter()
        .find(|i| i["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("item {id} in {all}"))
}

#[test]
fn an_edit_keeps_a_check_back_set_by_hand() {
    let home = Home::new();
    // Sat 28 Nov: a check-back chosen by hand, and one left to the rule.
    home.run(&[
        "ask", "@dana", "quotes", "by", "mon", "7", "dec", "check", "wed", "3pm",
    ]);
    home.run(&["ask", "@sam", "pricing", "by", "mon", "7", "dec"]);
    let hand = item(&home, 1)["next_check"].clone();
    let rule = item(&home, 2)["next_check"].clone();
    // Tue 1 Dec 17:00: the rule's check-back moves to Mon; the hand-set Wed stays, and is
    // pointed out as coming after the need-by.
    home.nudge()
        .args(["edit", "1", "by", "tue"])
        .assert()
        .success()
        .stdout(predicate::str::contains("comes after the need-by"));
    home.run(&["edit", "2", "by", "tue"]);
    assert_eq!(
        item(&home, 1)["next_check"],
        hand,
        "the hand-set check-back stays"
    );
    assert_ne!(
        item(&home, 2)["next_check"],
        rule,
        "the rule's check-back follows the need-by"
    );
    assert_eq!(item(&home, 2)["next_check"], "2026-11-30T17:00:00+00:00");
    // A snooze is a check-back set by hand too.
    home.run(&["snooze", "2", "thu", "10am"]);
    let snoozed = item(&home, 2)["next_check"].clone();
    home.run(&["edit", "2", "by", "mon", "7", "dec"]);
    assert_eq!(item(&home, 2)["next_check"], snoozed);
    // A follow-up hands the schedule back to the rule.
    home.run(&["followup", "2", "--via", "call"]);
    let after = item(&home, 2)["next_check"].clone();
    home.run(&["edit", "2", "by", "fri", "11", "dec"]);
    assert_ne!(item(&home, 2)["next_check"], after);
}

#[test]
fn an_edit_changes_only_what_the_line_names() {
    let home = Home::new();
    home.run(&[
        "ask", "@dana", "quotes", "by", "fri", "check", "tue", "~call", "+deck", "why:", "proof",
        "points",
    ]);
    let before = item(&home, 1);
    home.run(&["edit", "1", "+launch"]);
    let after = item(&home, 1);
    for field in ["title", "need_by", "next_check", "channel", "why", "person"] {
        assert_eq!(before[field], after[field], "{field} stays");
    }
    assert_eq!(after["tags"], serde_json::json!(["deck", "launch"]));
}

#[test]
fn a_linked_ask_is_never_checked_back_after_its_deadline() {
    let home = Home::new();
    // Sat 28 Nov 09:00; the deadline is due Tue 1 Dec 12:00.
    home.run(&["deadline", "webinar", "slides", "due", "tue", "noon"]);
    home.run(&["ask", "@lee", "latency", "numbers", "by", "fri", "for", "1"]);
    let ask = item(&home, 2);
    let check = ask["next_check"]
        .as_str()
        .expect("a check-back")
        .to_string();
    assert!(check.as_str() < "2026-12-01T12:00", "{check}");
    // The need-by after the deadline is pointed out at capture, and `due` lists the ask.
    home.nudge()
        .args(["ask", "@ana", "logos", "by", "fri", "for", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "comes after what it feeds: Deadline 1 (webinar slides)",
        ));
    let due = home.run(&["due"]);
    assert!(due.contains("need-by after its deadline"), "{due}");
    // Linking an existing ask (L in the dashboard is this edit) moves a rule check-back in time.
    home.run(&["ask", "@kim", "figures", "by", "mon", "7", "dec"]);
    home.run(&["edit", "4", "for", "1"]);
    let check = item(&home, 4)["next_check"]
        .as_str()
        .expect("check")
        .to_string();
    assert!(check.as_str() < "2026-12-01T12:00", "{check}");
}

#[test]
fn snoozing_past_the_need_by_says_so() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes", "by", "tue"]);
    home.nudge()
        .args(["snooze", "1", "thu"])
        .assert()
        .success()
        .stdout(predicate::str::contains("comes after the need-by"));
    home.run(&["deadline", "deck", "due", "wed", "noon"]);
    home.run(&["ask", "@sam", "pricing", "by", "tue", "for", "2"]);
    home.nudge()
        .args(["snooze", "3", "thu"])
        .assert()
        .success()
        .stdout(predicate::str::contains("comes after Deadline 2 (deck)"));
}

#[test]
fn a_lead_time_hint_never_proposes_a_day_off() {
    let home = Home::new();
    // Tom answers in about a week; asked on Saturday for Monday, a week later is a Saturday.
    for (asked, answered) in [
        ("2026-11-07T09:00", "2026-11-14T09:00"),
        ("2026-11-14T09:00", "2026-11-21T09:00"),
    ] {
        home.nudge()
            .env("NUDGE_NOW", asked)
            .args(["ask", "@tom", "logos", "by", "fri"])
            .assert()
            .success();
        let open: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
        let id = open[0]["id"].as_i64().expect("id").to_string();
        home.nudge()
            .env("NUDGE_NOW", answered)
            .args(["done", &id])
            .assert()
            .success();
    }
    let out = home.run(&["ask", "@tom", "more", "logos", "by", "mon"]);
    assert!(out.contains("Tom usually answers in"), "{out}");
    assert!(
        !out.contains("ask for Sat") && !out.contains("ask for Sun"),
        "{out}"
    );
    assert!(out.contains("ask for Mon"), "{out}");
}

#[test]
fn unreadable_words_after_by_check_or_due_are_an_error() {
    let home = Home::new();
    for words in [
        &["by", "someday"][..],
        &["check", "soonish"],
        &["by", "end", "of", "month"],
        &["due", "this", "evening"],
        &["by", "tue", "7", "dec"],
        &["by", "mon", "next", "week"],
        &["by", "fridy"],
    ] {
        let mut args = vec!["ask", "@dana", "quotes"];
        args.extend_from_slice(words);
        home.nudge()
            .args(&args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("as a date"))
            .stderr(predicate::str::contains("try: today"));
    }
    assert_eq!(home.run(&["list"]), "No open asks.\n", "nothing was saved");
    // A weekday with its date reads whole; a title that merely holds "by" stays a title.
    let out = home.run(&["ask", "@dana", "quotes", "by", "mon", "7", "dec"]);
    assert!(out.contains("· quotes · need by Mon 7 Dec 17:00"), "{out}");
    let out = home.run(&["ask", "@sam", "stories", "by", "vertical"]);
    assert!(out.contains("· stories by vertical · no need-by"), "{out}");
}

fn with_config(home: &Home, text: &str) -> assert_cmd::Command {
    let path = home.path("config.toml");
    std::fs::write(&path, text).expect("config");
    let mut cmd = home.nudge();
    cmd.env("NUDGE_CONFIG", &path);
    cmd
}

#[test]
fn an_unknown_template_variable_stops_every_command_naming_it_and_the_known_ones() {
    let home = Home::new();
    with_config(&home, "# mine\n\n[templates]\nfirst = \"Hi {frist_name}\"\n")
        .args(["list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "config.toml:4: templates.first: {frist_name} is not a variable (did you mean {first_name}?)",
        ))
        .stderr(predicate::str::contains("{first_name} {title} {need_by}"));
}

#[test]
fn config_errors_give_the_line_of_the_key_and_plain_words() {
    let home = Home::new();
    for (text, expected) in [
        (
            "\n\n[keys.dashboard]\nundo = [\"u\"]\nsnooze = [\"zz\"]\n",
            ":5: keys.dashboard.snooze: \"zz\" is not a key",
        ),
        (
            "\n[theme]\n\ndanger = \"blinky\"\n",
            ":4: theme.danger: \"blinky\" is not a color",
        ),
        (
            "\ncheck_back_days = \"two\"\n",
            ":2: check_back_days: expected a whole number, like 2, not the text \"two\"",
        ),
        (
            "workday_end = 17\n",
            ":1: workday_end: expected text in quotes, like \"17:30\", not the number 17",
        ),
        (
            "\n[keys.dashbord]\nquit = [\"q\"]\n",
            ":2: keys.dashbord: unknown context \"dashbord\"",
        ),
    ] {
        let out = with_config(&home, text).args(["list"]).assert().code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(stderr.contains(expected), "{text:?}: {stderr}");
        // One message, its parts apart: no word runs into the next.
        assert!(!stderr.contains("\"\""), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn config_show_prints_every_template_and_key_in_effect_and_reads_back() {
    let home = Home::new();
    let shown = with_config(&home, "[keys.dashboard]\nsnooze = [\"Z\"]\n")
        .args(["config", "show"])
        .output()
        .expect("runs");
    assert!(shown.status.success());
    let text = String::from_utf8(shown.stdout).expect("utf-8");
    for expected in [
        "[templates]",
        "first = \"\"\"",
        "reask = ",
        "invite = ",
        "[keys.dashboard]",
        "snooze = [\"Z\"]",
        "capture_ask = [\"a\"]",
        "[keys.input]",
    ] {
        assert!(text.contains(expected), "{expected} in:\n{text}");
    }
    // What it prints is a config file that means the same.
    let again = with_config(&home, &text)
        .args(["config", "show"])
        .output()
        .expect("runs");
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let body = |t: &str| t.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&String::from_utf8_lossy(&again.stdout)), body(&text));
}

#[test]
fn cli_edges() {
    let home = Home::with_demo();
    // The flows that draw the dashboard say so without a terminal (assert_cmd gives none).
    for command in ["review", "reflect"] {
        home.nudge()
            .arg(command)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("needs a terminal"));
    }
    // An explicit --db in a folder that is not there: exit 2, naming the folder, nothing made.
    let missing = home.path("no/such/folder/n.db");
    home.nudge_on(&missing)
        .args(["list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/folder does not exist"));
    assert!(!home.path("no").exists());
    // A table in a pipe is never cut.
    let long = "a title long enough to be cut in any terminal ".repeat(3);
    home.run(&["ask", "@dana", long.trim()]);
    assert!(home.run(&["list"]).contains(long.trim()));
    // `show @name` is the person's card; <ID> is explained in help.
    let card = home.run(&["show", "@dana"]);
    assert!(card.starts_with("Dana's card"), "{card}");
    home.nudge()
        .args(["show", "@nobody"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no @nobody among your people"));
    home.nudge()
        .args(["done", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "The item's number, as `nudge list`",
        ));
    // Hidden switches stay out of the completions.
    for shell in ["bash", "zsh", "fish"] {
        let out = home.run(&["completions", shell]);
        assert!(!out.contains("first-frame"), "{shell}");
    }
    // `proofing ID done` is a step, as `--help` says.
    let proofing: serde_json::Value =
        serde_json::from_str(&home.run(&["list", "proofing", "--json"])).expect("json");
    let id = proofing[0]["id"].as_i64().expect("id").to_string();
    let out = home.run(&["proofing", &id, "done"]);
    assert!(out.starts_with(&format!("Proofed: Proofing {id}")), "{out}");
}

#[test]
fn options_after_the_words_are_options_and_dashes_in_the_text_stay_text() {
    let home = Home::new();
    let other = home.path("other.db");
    // An option after the words is an option: the ask goes to the other database.
    home.run(&[
        "ask",
        "@dana",
        "quotes",
        "--db",
        other.to_str().expect("path"),
    ]);
    assert!(!home.db().exists(), "nothing in the default database");
    let there = String::from_utf8(
        home.nudge_on(&other)
            .args(["list"])
            .output()
            .expect("runs")
            .stdout,
    )
    .expect("utf-8");
    assert!(
        there.contains("quotes") && !there.contains("--db"),
        "{there}"
    );

    // Help asked for after the words is help, and saves nothing.
    home.run(&["ask", "@dana", "quotes"]);
    for help in ["--help", "-h"] {
        home.nudge()
            .args(["ask", "@sam", "pricing", help])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: nudge ask"));
    }
    // Dashes that are not options stay in the text, as typed.
    home.run(&["ask", "@dana", "numbers", "-5%", "--", "urgent", "-ish"]);
    let asks: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    let titles: Vec<&str> = asks
        .as_array()
        .expect("array")
        .iter()
        .map(|a| a["title"].as_str().expect("title"))
        .collect();
    assert_eq!(titles, ["quotes", "numbers -5% -- urgent -ish"]);

    // A `--word` that is none of the command's options is refused by name, with the way to keep
    // it as text, and changes nothing.
    let before = item(&home, 1);
    home.nudge()
        .args(["edit", "1", "+new", "--dry-run"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "\"--dry-run\" is not an option of nudge edit, so nothing was saved",
        ))
        .stderr(predicate::str::contains(
            "put -- before the words: nudge edit 1 -- +new --dry-run",
        ));
    assert_eq!(item(&home, 1), before);
    home.nudge()
        .args(["ask", "@dana", "deck", "--mesage-id", "<a@acme.com>"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("(did you mean --message-id?)"));
    // After `--`, every word is text.
    home.run(&["edit", "1", "--", "quotes", "--dry-run"]);
    assert_eq!(item(&home, 1)["title"], "quotes --dry-run");

    // The same for every command that takes free words: critique, follow-up, check-in.
    let out = home.run(&["critique", "@sam", "numbers", "-5%", "--", "off", "--fixed"]);
    assert!(out.contains("\"numbers -5% -- off\" · fixed it"), "{out}");
    home.run(&["followup", "1", "called", "--", "twice", "--via", "call"]);
    let shown = home.run(&["show", "1"]);
    assert!(shown.contains("call · called -- twice"), "{shown}");
    home.run(&["checkin", "2", "calm", "--", "mostly"]);
    let checkins: Value =
        serde_json::from_str(&home.run(&["list", "checkins", "--json"])).expect("json");
    assert_eq!(checkins[0]["note"], "calm -- mostly");
}
