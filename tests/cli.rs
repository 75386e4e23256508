//! The command line on a temporary database: every command, and every way input can be wrong.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Home, bytes};
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn ask_prints_how_it_was_understood() {
    let home = Home::new();
    home.nudge()
        .args(["ask", "@dana", "customer", "quotes", "by", "fri", "~call", "#casestudy", "why:", "launch", "deck"])
        .assert()
        .success()
        .stdout(
            "Ask 1 · Dana · customer quotes · need by Fri 4 Dec 17:00 · check back Tue 1 Dec 09:00 · via call · #casestudy\n",
        );
    let asks: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    assert_eq!(asks[0]["why"], "launch deck");
    assert_eq!(asks[0]["need_by"], "2026-12-04T17:00:00+00:00");
}

#[test]
fn add_is_an_alias_and_written_asks_get_a_hint() {
    let home = Home::new();
    home.nudge()
        .args(["add", "@sam", "pricing", "sheet", "by", "tue", "~email"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Ask 1 · Sam · pricing sheet"))
        .stdout(predicate::str::contains("a call or a walk over to Sam"));
}

#[test]
fn a_check_back_after_the_need_by_is_pointed_out() {
    let home = Home::new();
    home.nudge()
        .args([
            "ask", "@dana", "quotes", "check", "mon", "by", "sun", "~call",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "The check-back, Mon 30 Nov 17:00, comes after the need-by, Sun 29 Nov 17:00",
        ));
    home.nudge()
        .args([
            "ask", "@dana", "quotes", "check", "mon", "by", "tue", "~call",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("comes after the need-by").not());
}

#[test]
fn the_hint_can_be_turned_off() {
    let home = Home::new();
    let config = home.path("quiet.toml");
    std::fs::write(&config, "escalation_hint = false\n").expect("config");
    home.nudge()
        .args([
            "--config",
            config.to_str().expect("path"),
            "ask",
            "@sam",
            "sheet",
            "~email",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("walk over").not());
}

#[test]
fn quoted_shell_arguments_stay_in_the_title() {
    let home = Home::new();
    home.nudge()
        .args(["ask", "@dana", "report by region", "by", "mon"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Ask 1 · Dana · report by region · need by Mon 30 Nov 17:00",
        ));
}

#[test]
fn deadline_and_link() {
    let home = Home::new();
    home.nudge()
        .args([
            "deadline", "Q4", "launch", "deck", "due", "mon", "3pm", "+launch",
        ])
        .assert()
        .success()
        .stdout("Deadline 1 · Q4 launch deck · due Mon 30 Nov 15:00 · #launch\n");
    home.nudge()
        .args(["ask", "@lee", "latency", "numbers", "by", "sun", "for", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("for deadline 1"));
    let out = home.run(&["list", "deadlines"]);
    assert!(
        out.contains("Q4 launch deck") && out.contains("1 open"),
        "{out}"
    );
    let show = home.run(&["show", "1"]);
    assert!(show.contains("Asks for this deadline (1)"), "{show}");
}

#[test]
fn bad_input_names_the_word_and_changes_nothing() {
    let home = Home::new();
    home.run(&["ask", "@dana", "first"]);
    let before = home.run(&["list", "--all", "--json"]);
    let cases: &[(&[&str], &str)] = &[
        (
            &["ask", "@dana", "quotes", "by", "fir"],
            "could not read \"fir\" after \"by\"",
        ),
        (
            &["ask", "@dana", "quotes", "by", "2026-02-30"],
            "not a date on the calendar",
        ),
        (
            &["ask", "quotes", "by", "fri"],
            "who is this ask for? add @name",
        ),
        (&["ask", "@dana"], "what are you asking @dana for?"),
        (
            &["ask", "@dana", "quotes", "~fax"],
            "unknown channel \"~fax\"",
        ),
        (
            &["ask", "@dana", "quotes", "for", "99"],
            "there is no deadline 99",
        ),
        (
            &["ask", "@dana", "quotes", "for", "1"],
            "must name an open deadline",
        ),
        (
            &["ask", "@dana", "quotes", "by", "today", "8am"],
            "is already past",
        ),
        (&["deadline", "launch"], "when is \"launch\" due?"),
        (
            &["deadline", "@sam", "launch", "due", "fri"],
            "a deadline is your own",
        ),
        (&["done", "99"], "there is no item 99"),
        (&["done", "abc"], "\"abc\" is not an id"),
        (&["snooze", "1", "someday"], "could not read \"someday\""),
        (
            &["snooze", "1", "yesterday"],
            "\"yesterday\" is in the past",
        ),
        (&["edit", "1", "by", "frday"], "could not read \"frday\""),
        (&["list", "tasks"], "invalid value 'tasks'"),
        (&["frobnicate"], "unrecognized subcommand"),
    ];
    for (args, message) in cases {
        home.nudge()
            .args(*args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(*message));
    }
    assert_eq!(home.run(&["list", "--all", "--json"]), before);
}

#[test]
fn done_drop_snooze_edit_and_undo() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes", "by", "fri"]);
    home.run(&["ask", "@sam", "pricing"]);
    home.nudge()
        .args(["snooze", "1", "mon", "10am"])
        .assert()
        .success()
        .stdout("Snoozed Ask 1: check back Mon 30 Nov 10:00\n");
    home.nudge()
        .args(["edit", "1", "by", "thu", "~walk", "why:", "deck"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("need by Thu 3 Dec 17:00")
                .and(predicate::str::contains("via walk over")),
        );
    home.nudge()
        .args(["done", "1", "got", "them", "in", "the", "hallway"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Received: Ask 1 · Dana · quotes",
        ));
    home.nudge()
        .args(["done", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Ask 1 is already received"));
    home.nudge()
        .args(["drop", "2"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Dropped: Ask 2"));
    assert_eq!(home.run(&["list"]), "No open asks.\n");

    // Undo walks back one change at a time: drop, done, edit, snooze.
    home.nudge()
        .arg("undo")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Undone: Dropped: Ask 2"));
    home.nudge()
        .arg("undo")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Undone: Received: Ask 1"));
    let asks: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    assert_eq!(asks.as_array().map(Vec::len), Some(2));
    let dana = asks
        .as_array()
        .and_then(|a| a.iter().find(|x| x["id"] == 1))
        .expect("ask 1");
    assert_eq!(dana["channel"], "in_person");
    assert_eq!(dana["notes"], "");
    home.nudge()
        .arg("undo")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Undone: Edited: Ask 1"));
    home.nudge()
        .arg("undo")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Undone: Snoozed Ask 1"));
    let asks: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    let dana = asks
        .as_array()
        .and_then(|a| a.iter().find(|x| x["id"] == 1))
        .expect("ask 1");
    assert_eq!(dana["channel"], "email");
    assert_eq!(dana["next_check"], "2026-12-01T09:00:00+00:00");
    home.run(&["undo"]);
    home.run(&["undo"]);
    home.nudge()
        .arg("undo")
        .assert()
        .success()
        .stdout("Nothing to undo\n");
    assert_eq!(home.run(&["list", "--all"]), "No asks.\n");
}

#[test]
fn a_declined_ask_reopens_with_a_new_need_by() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes", "by", "fri"]);
    home.run(&["drop", "1"]);
    home.nudge()
        .args(["edit", "1", "by", "next", "fri"])
        .assert()
        .success()
        .stdout(predicate::str::contains("need by Fri 4 Dec 17:00"));
    let asks: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    assert_eq!(asks[0]["status"], "open");
}

#[test]
fn list_json_has_the_design_fields() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes", "by", "fri", "~chat", "+q4"]);
    let asks: Value = serde_json::from_str(&home.run(&["list", "asks", "--json"])).expect("json");
    let ask = &asks[0];
    for field in [
        "id",
        "uuid",
        "kind",
        "title",
        "person",
        "channel",
        "why",
        "status",
        "asked_at",
        "need_by",
        "next_check",
        "due",
        "tags",
        "follow_ups",
        "created_at",
        "updated_at",
    ] {
        assert!(ask.get(field).is_some(), "{field} missing in {ask}");
    }
    assert_eq!(ask["kind"], "ask");
    assert_eq!(ask["status"], "open");
    assert_eq!(ask["channel"], "chat");
    assert_eq!(ask["tags"], serde_json::json!(["q4"]));
    assert_eq!(ask["asked_at"], "2026-11-28T09:00:00+00:00");
    let people: Value =
        serde_json::from_str(&home.run(&["list", "people", "--json"])).expect("json");
    assert_eq!(people[0]["name"], "Dana");
}

#[test]
fn list_all_includes_closed_items() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes"]);
    home.run(&["done", "1"]);
    assert_eq!(home.run(&["list"]), "No open asks.\n");
    assert!(home.run(&["list", "--all"]).contains("received"));
}

#[test]
fn due_is_the_attention_queue() {
    let home = Home::with_demo();
    let out = home.run(&["due"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 4, "{out}");
    assert!(
        lines[0].contains("slow to answer"),
        "lead-time risk first: {out}"
    );
    assert!(out.contains("deadline near"), "{out}");
    assert!(out.contains("invitation to send"), "{out}");
    let json: Value = serde_json::from_str(&home.run(&["due", "--json"])).expect("json");
    let reasons: Vec<&str> = json
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|i| i["reason"].as_str())
        .collect();
    assert_eq!(reasons.first(), Some(&"lead_time"));
    assert!(reasons.contains(&"check_back_due"));
    // Bare `nudge` prints the same until the dashboard exists.
}

#[test]
fn due_prints_nothing_when_nothing_is_due() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes", "by", "next", "fri"]);
    home.nudge().arg("due").assert().success().stdout("");
    home.nudge()
        .args(["due", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn show_has_history_and_the_persons_card() {
    let home = Home::with_demo();
    let out = home.run(&["show", "7"]);
    assert!(
        out.starts_with("Ask 7 · customer quotes for the Acme case study"),
        "{out}"
    );
    assert!(out.contains("Follow-ups (2)"), "{out}");
    assert!(out.contains("Dana's card"), "{out}");
    assert!(out.contains("usually answers in"), "{out}");
    assert!(out.contains("next follow-up: call"), "{out}");
    home.nudge()
        .args(["show", "999"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("there is no item 999"));
}

#[test]
fn demo_refuses_a_database_with_data() {
    let home = Home::with_demo();
    let before = bytes(&home.db());
    home.nudge()
        .arg("demo")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already holds data"));
    assert_eq!(bytes(&home.db()), before);
    home.nudge().args(["demo", "--force"]).assert().success();
}

#[test]
fn demo_scale_makes_that_many_items() {
    let home = Home::new();
    home.nudge()
        .args(["demo", "--scale", "2000"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Sample data: 2000 items"));
    let all: Value = serde_json::from_str(&home.run(&["list", "--all", "--json"])).expect("json");
    let asks = all.as_array().expect("array").len();
    assert!(asks > 1500 && asks < 2000, "{asks} asks");
    let open: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    let open = open.as_array().expect("array").len();
    assert!(open > 10 && open < asks / 4, "{open} open of {asks}");
}

#[test]
fn bare_nudge_prints_what_due_prints() {
    let home = Home::with_demo();
    assert_eq!(home.run(&[]), home.run(&["due"]));
}

#[test]
fn bad_nudge_now_is_bad_input() {
    let home = Home::new();
    home.nudge()
        .env("NUDGE_NOW", "soon")
        .arg("list")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("NUDGE_NOW=\"soon\" is not a time"));
}

#[test]
fn a_bad_config_is_bad_input() {
    let home = Home::new();
    let config = home.path("bad.toml");
    std::fs::write(&config, "workday_end = \"5pm\"\n").expect("config");
    home.nudge()
        .env("NUDGE_CONFIG", &config)
        .arg("list")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad.toml:1: workday_end: \"5pm\" is not a time of day",
        ));
    home.nudge()
        .args(["--config", "/nonexistent/nudge.toml", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "/nonexistent/nudge.toml: cannot read it",
        ));
}

#[test]
fn the_config_changes_the_rules() {
    let home = Home::new();
    let config = home.path("late.toml");
    std::fs::write(&config, "workday_end = \"18:30\"\ncheck_back_days = 1\n").expect("config");
    home.nudge()
        .env("NUDGE_CONFIG", &config)
        .args(["ask", "@dana", "quotes", "by", "fri"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "need by Fri 4 Dec 18:30 · check back Mon 30 Nov 09:00",
        ));
}

#[test]
fn the_default_database_is_created_private_under_xdg_data() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let mut cmd = assert_cmd::Command::cargo_bin("nudge").expect("binary");
    common::isolate(&mut cmd, home.dir.path());
    cmd.env_remove("NUDGE_DB")
        .args(["ask", "@dana", "quotes"])
        .assert()
        .success();
    let db = home.path("data/nudge/nudge.db");
    let mode = std::fs::metadata(&db)
        .expect("db exists")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    let folder = std::fs::metadata(db.parent().expect("folder"))
        .expect("folder")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(folder, 0o700);
}

#[test]
fn two_processes_writing_at_once_both_succeed() {
    let home = Home::new();
    home.run(&["ask", "@dana", "first"]);
    let spawn = |who: &'static str| {
        let db = home.db();
        let dir = home.dir.path().to_path_buf();
        std::thread::spawn(move || {
            for i in 0..25 {
                let mut cmd = assert_cmd::Command::cargo_bin("nudge").expect("binary");
                common::isolate(&mut cmd, &dir);
                cmd.env("NUDGE_DB", &db)
                    .args(["ask", &format!("@{who}"), &format!("item {i}")])
                    .assert()
                    .success();
            }
        })
    };
    let a = spawn("ann");
    let b = spawn("bob");
    a.join().expect("a");
    b.join().expect("b");
    let asks: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    assert_eq!(asks.as_array().map(Vec::len), Some(51));
}

#[test]
fn closing_the_pipe_early_is_not_an_error() {
    let home = Home::new();
    home.nudge()
        .args(["demo", "--scale", "3000"])
        .assert()
        .success();
    let bin = assert_cmd::cargo::cargo_bin("nudge");
    let script = format!("'{}' list --all | head -1", bin.display());
    let mut cmd = assert_cmd::Command::new("sh");
    common::isolate(&mut cmd, home.dir.path());
    cmd.env("NUDGE_DB", home.db())
        .args(["-c", &script])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn followup_logs_counts_and_reschedules() {
    let home = Home::new();
    // Need by Fri 4 Dec; asked Sat 28 Nov by email.
    home.run(&["ask", "@dana", "quotes", "by", "fri", "~email"]);
    home.nudge()
        .args(["followup", "1", "left", "a", "voicemail"])
        .assert()
        .success()
        .stdout("Followed up Ask 1 · Dana · quotes by call (1st follow-up) · check back Tue 1 Dec 13:00\n");
    home.nudge()
        .args(["followup", "1", "--via", "walk"])
        .assert()
        .success()
        .stdout(predicate::str::contains("by walk over (2nd follow-up)"));
    let asks: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    let follow_ups = asks[0]["follow_ups"].as_array().expect("array");
    assert_eq!(follow_ups.len(), 2);
    assert_eq!(follow_ups[0]["channel"], "call");
    assert_eq!(follow_ups[0]["note"], "left a voicemail");
    assert_eq!(follow_ups[1]["channel"], "in_person");
    let show = home.run(&["show", "1"]);
    assert!(show.contains("Follow-ups (2)"), "{show}");
    assert!(show.contains("Draft of the 3rd follow-up"), "{show}");
    assert!(
        show.contains("Followed up Ask 1 · Dana · quotes by call"),
        "history: {show}"
    );
    // Undo takes the follow-up back, and the check-back with it.
    home.run(&["undo"]);
    let asks: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    assert_eq!(asks[0]["follow_ups"].as_array().map(Vec::len), Some(1));
    assert_eq!(asks[0]["next_check"], "2026-12-01T13:00:00+00:00");
}

#[test]
fn followup_bad_input() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes"]);
    home.run(&["deadline", "launch", "due", "fri"]);
    home.nudge()
        .args(["followup", "1", "--via", "fax"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("\"fax\" is not a channel"));
    home.nudge()
        .args(["followup", "2"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("only asks are followed up"));
    home.nudge()
        .args(["followup", "9"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("there is no item 9"));
    home.run(&["done", "1"]);
    home.nudge()
        .args(["followup", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Ask 1 is already received"));
    home.nudge()
        .args(["followup", "1", "--draft"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing to chase"));
}

#[test]
fn followup_draft_prints_only_the_message() {
    let home = Home::new();
    home.run(&[
        "ask",
        "@dana.k",
        "quotes",
        "by",
        "fri",
        "why:",
        "the deck needs proof",
    ]);
    let draft = home.run(&["followup", "1", "--draft"]);
    assert!(draft.starts_with("Hi Dana,\n"), "{draft}");
    assert!(draft.contains("quotes"), "{draft}");
    // Drafting changes nothing.
    let asks: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    assert_eq!(asks[0]["follow_ups"].as_array().map(Vec::len), Some(0));
}

#[test]
fn templates_can_be_overridden_in_the_config() {
    let home = Home::new();
    let config = home.path("drafts.toml");
    std::fs::write(
        &config,
        "[templates]\nfirst = \"Yo {first_name}, {title}?\"\n",
    )
    .expect("config");
    home.run(&["ask", "@dana", "quotes"]);
    home.nudge()
        .env("NUDGE_CONFIG", &config)
        .args(["followup", "1", "--draft"])
        .assert()
        .success()
        .stdout("Yo Dana, quotes?\n");
    std::fs::write(&config, "[templates]\nfifth = \"x\"\n").expect("config");
    home.nudge()
        .env("NUDGE_CONFIG", &config)
        .args(["list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "templates: [templates] has no template \"fifth\"",
        ));
}

#[test]
fn declined_asks_for_the_why_and_offers_a_reask() {
    let home = Home::new();
    home.run(&["ask", "@sam", "pricing", "by", "tue"]);
    home.nudge()
        .args(["declined", "1"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Declined (no time): Ask 1 · Sam · pricing\n",
        ))
        .stdout(predicate::str::contains("Add it with: nudge edit 1 why:"))
        .stdout(predicate::str::contains("Re-ask draft:"))
        .stdout(predicate::str::contains("nudge edit 1 by WHEN"));
    // It stays in Sam's history, declined.
    let all: Value = serde_json::from_str(&home.run(&["list", "--all", "--json"])).expect("json");
    assert_eq!(all[0]["status"], "declined");
    assert_eq!(all[0]["decline_reason"], "no time");
    home.nudge()
        .args(["declined", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already declined"));
    // Reopened with a new need-by and a why.
    home.run(&[
        "edit",
        "1",
        "by",
        "fri",
        "why:",
        "the pricing page goes live",
    ]);
    let open: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    assert_eq!(open[0]["status"], "open");
    assert!(
        home.run(&["show", "1"])
            .contains("why: the pricing page goes live")
    );
}

#[test]
fn capture_warns_when_the_person_is_slower_than_the_need_by() {
    let home = Home::with_demo();
    // Marcus usually takes over two days; tomorrow is too soon.
    home.nudge()
        .args(["ask", "@marcus", "a quote", "by", "tomorrow"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Marcus usually answers in 2d 9h; you need it in 1d 8h — call instead, or ask for Mon?",
        ));
    let json: Value = serde_json::from_str(&home.run(&["due", "--json"])).expect("json");
    assert_eq!(json[0]["reason"], "lead_time", "lead-time risks come first");
}

#[test]
fn a_limit_shows_a_page_and_says_what_is_left() {
    let home = Home::with_demo();
    let all_due = home.run(&["due"]);
    let page = home.run(&["due", "--limit", "2"]);
    let lines: Vec<&str> = page.lines().collect();
    assert_eq!(lines.len(), 3, "{page}");
    let ids = |text: &str| -> Vec<String> {
        text.lines()
            .take(2)
            .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(ids(&page), ids(&all_due), "the same first rows");
    let total = all_due.lines().count();
    assert_eq!(
        lines[2],
        format!(
            "… and {} more: `nudge due --limit 0` shows them all",
            total - 2
        )
    );
    let asks = home.run(&["list", "--limit", "3"]);
    assert_eq!(
        asks.lines().count(),
        5,
        "a header, three asks, the rest: {asks}"
    );
    assert!(
        asks.ends_with("… and 8 more: `nudge list --limit 0` shows them all\n"),
        "{asks}"
    );
    let deadlines = home.run(&["list", "deadlines", "--all", "--limit", "1"]);
    assert!(
        deadlines.contains("more: `nudge list deadlines --all --limit 0` shows them all"),
        "the same list, closed ones too: {deadlines}"
    );
    // A pipe gets everything, and --limit 0 too.
    assert_eq!(home.run(&["list"]).lines().count(), 12);
    assert_eq!(home.run(&["list", "--limit", "0"]).lines().count(), 12);
}

#[test]
fn declined_takes_the_reason_and_the_objective_in_one_line() {
    let home = Home::new();
    home.run(&["ask", "@sam", "pricing", "by", "tue"]);
    let out = home.run(&[
        "declined", "1", "swamped", "with", "the", "close", "why:", "the", "launch", "deck",
        "needs", "it",
    ]);
    assert!(
        out.starts_with("Declined (swamped with the close): Ask 1 · Sam · pricing\n"),
        "{out}"
    );
    assert!(
        !out.contains("Add it with"),
        "the objective was given: {out}"
    );
    assert!(
        out.contains("the launch deck needs it"),
        "the re-ask leads with it: {out}"
    );
    let all: Value = serde_json::from_str(&home.run(&["list", "--all", "--json"])).expect("json");
    assert_eq!(all[0]["decline_reason"], "swamped with the close");
    assert_eq!(all[0]["why"], "the launch deck needs it");
    // One change: undo puts back both the status and the why.
    home.run(&["undo"]);
    let all: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    assert_eq!(all[0]["status"], "open");
    assert!(all[0]["why"].is_null());
}

#[test]
fn snooze_takes_the_four_one_digit_choices() {
    let home = Home::with_demo();
    // Saturday 28 Nov 09:00: 2 is Monday at the start of the day.
    let out = home.run(&["snooze", "8", "2"]);
    assert!(
        out.starts_with("Snoozed Ask 8: check back Mon 30 Nov 09:00"),
        "{out}"
    );
    let out = home.run(&["snooze", "8", "1"]);
    assert!(
        out.starts_with("Snoozed Ask 8: check back Sun 29 Nov 09:00"),
        "{out}"
    );
    // 4 needs a need-by; a deadline has none.
    let no = home
        .nudge()
        .args(["snooze", "1", "4"])
        .output()
        .expect("runs");
    assert_eq!(no.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&no.stderr);
    assert!(stderr.contains("Deadline 1 has no need-by"), "{stderr}");
}

#[test]
fn list_grep_finds_every_word_as_a_word_start_in_person_title_tags_and_why() {
    let home = Home::new();
    home.run(&[
        "ask",
        "@dana",
        "customer quotes for the Acme case study",
        "#casestudy",
    ]);
    home.run(&[
        "ask",
        "@sam",
        "pricing sheet",
        "why:",
        "the launch page needs numbers",
    ]);
    home.run(&["ask", "@lee", "latency numbers"]);
    home.run(&["deadline", "Q4", "launch", "deck", "due", "fri"]);
    let found = |args: &[&str]| {
        let mut all = vec!["list"];
        all.extend_from_slice(args);
        home.run(&all)
    };
    // The person, a title word's start, a tag, the why; every word must match.
    assert!(found(&["--grep", "dan"]).contains("customer quotes"));
    let out = found(&["--grep", "cust", "quo"]);
    assert!(
        out.contains("customer quotes") && !out.contains("pricing"),
        "{out}"
    );
    assert!(found(&["--grep", "casest"]).contains("customer quotes"));
    let out = found(&["--grep", "numbers"]);
    assert!(
        out.contains("pricing sheet") && out.contains("latency"),
        "why and title: {out}"
    );
    let out = found(&["--grep", "numbers", "sam"]);
    assert!(
        out.contains("pricing sheet") && !out.contains("latency"),
        "{out}"
    );
    // Inside a word is not a word's start.
    assert!(found(&["--grep", "ustomer"]).contains("No open ask matches"));
    assert!(found(&["deadlines", "--grep", "launch"]).contains("Q4 launch deck"));
    // The index follows edits, closing (with --all) and undo.
    home.run(&["edit", "3", "new", "title", "API", "timings"]);
    assert!(found(&["--grep", "latency"]).contains("No open ask matches"));
    assert!(found(&["--grep", "timings"]).contains("API timings"));
    home.run(&["done", "3"]);
    assert!(found(&["--grep", "timings"]).contains("No open ask matches"));
    assert!(found(&["--all", "--grep", "timings"]).contains("API timings"));
    home.run(&["ask", "@omar", "intro to Initech"]);
    assert!(found(&["--grep", "initech"]).contains("intro"));
    home.run(&["undo"]);
    assert!(found(&["--grep", "initech"]).contains("No open ask matches"));
    // A page cut for room says how many more matched.
    for n in 0..5 {
        home.run(&["ask", "@rosa", &format!("budget line {n}")]);
    }
    let out = found(&["--grep", "budget", "--limit", "2"]);
    assert!(
        out.contains("… and 3 more: `nudge list --limit 0 --grep budget` shows them all"),
        "the command that shows the rest keeps the find: {out}"
    );
    let rest = home.run(&["list", "--limit", "0", "--grep", "budget"]);
    assert_eq!(
        rest.lines().count(),
        6,
        "a header and the five found: {rest}"
    );
    let out = found(&["--all", "--grep", "budget", "line'", "--limit", "1"]);
    assert!(
        out.contains("`nudge list --all --limit 0 --grep budget 'line'\\'''` shows them all"),
        "closed ones too, and a word the shell would split kept whole: {out}"
    );
    // Nothing findable typed, or a list that is not found by words: exit 1, named.
    let out = home
        .nudge()
        .args(["list", "--grep", "--"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let out = home
        .nudge()
        .args(["list", "favors", "--grep", "x"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--grep finds asks"));
    assert!(found(&["people", "--grep", "ros"]).contains("Rosa"));
}

#[test]
fn a_quote_mark_inside_one_shell_argument_is_part_of_the_title() {
    let home = Home::new();
    let out = home.run(&["deadline", "the 27\" screen", "due", "mon"]);
    assert!(out.contains("the 27\" screen · due Mon"), "{out}");
    let out = home.run(&["ask", "@sam", "x\"y", "check", "tomorrow"]);
    assert!(out.contains("Sam · x\"y · no need-by"), "{out}");
}

#[test]
fn a_find_while_another_program_holds_the_lock_answers_from_the_index_and_says_so() {
    let home = Home::new();
    home.run(&["ask", "@dana", "acme quotes"]);
    // A find takes what captures left for the index.
    assert!(
        home.run(&["list", "--grep", "acme"])
            .contains("acme quotes")
    );
    home.run(&["ask", "@lee", "acme logo"]);
    let lock = rusqlite::Connection::open(home.db()).expect("open");
    lock.execute_batch("BEGIN IMMEDIATE").expect("lock");
    let out = home
        .nudge()
        .args(["list", "--grep", "acme"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("acme quotes") && !stdout.contains("acme logo"),
        "{stdout}"
    );
    assert!(
        stderr.contains("the newest captures may be missing from this find"),
        "{stderr}"
    );
    lock.execute_batch("COMMIT").expect("unlock");
    let out = home.run(&["list", "--grep", "acme"]);
    assert!(
        out.contains("acme quotes") && out.contains("acme logo"),
        "{out}"
    );
}

/// `list --all` reads the open items alone for a page they fill, and the closed ones only for a
/// page that reaches past them: every page is the start of the whole list, in the same order,
/// whether it ends among the open ones, at their end or among the closed ones.
#[test]
fn a_page_of_all_items_is_the_start_of_the_whole_list() {
    let home = Home::with_demo();
    for what in ["asks", "deadlines"] {
        let whole: Value =
            serde_json::from_str(&home.run(&["list", what, "--all", "--json"])).expect("json");
        let whole = whole.as_array().expect("list").clone();
        let open = whole.iter().filter(|i| i["status"] == "open").count();
        assert!(
            open > 1 && open < whole.len(),
            "{what}: {open} of {}",
            whole.len()
        );
        for limit in [1, open - 1, open, open + 1, open + 3, whole.len()] {
            let page: Value = serde_json::from_str(&home.run(&[
                "list",
                what,
                "--all",
                "--json",
                "--limit",
                &limit.to_string(),
            ]))
            .expect("json");
            assert_eq!(
                page.as_array().expect("list").as_slice(),
                &whole[..limit.min(whole.len())],
                "{what} --limit {limit}"
            );
        }
    }
}
