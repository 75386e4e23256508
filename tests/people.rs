//! People, critiques turned into proofing invitations, and the favors ledger, from the shell.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Home;
use predicates::prelude::*;
use serde_json::Value;

fn json(home: &Home, args: &[&str]) -> Value {
    serde_json::from_str(&home.run(args)).expect("json")
}

#[test]
fn a_critique_invites_the_critic_to_proof_the_next_piece() {
    let home = Home::new();
    // Alone, a criticised deadline leaves "the next piece" to proof.
    home.run(&["deadline", "Q4 launch deck", "due", "mon"]);
    home.nudge()
        .args(["critique", "@sam", "deck is too wordy", "on", "1"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Critique from Sam · \"deck is too wordy\" on Q4 launch deck · invited to proof → Proofing 2 (to send)",
        ));
    let proofing = json(&home, &["list", "proofing", "--json"]);
    assert_eq!(proofing[0]["title"], "proof the next piece");
    assert!(proofing[0]["deadline_id"].is_null());
    // With another deadline ahead, the invitation is for that one: not the piece criticised.
    home.run(&["deadline", "Webinar slides", "due", "thu"]);
    home.nudge()
        .args([
            "critique",
            "@dana",
            "reads like an ad",
            "on",
            "q4 LAUNCH deck",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "on Q4 launch deck · invited to proof → Proofing 4",
        ));
    let proofing = json(&home, &["list", "proofing", "--json"]);
    let dana = proofing
        .as_array()
        .expect("a list")
        .iter()
        .find(|p| p["person"] == "Dana")
        .expect("Dana's invitation");
    assert_eq!(dana["kind"], "proofing");
    assert_eq!(dana["status"], "to_send");
    assert_eq!(dana["deadline_id"], 3);
    assert_eq!(dana["piece"], "Webinar slides");
    let draft = home.run(&["proofing", "4", "--draft"]);
    assert_eq!(
        draft,
        "Hi Dana,\n\nYou caught \"reads like an ad\" in the last one, and you were right.\n\
         Would you proof Webinar slides before it goes out on Thursday 3 Dec?\n\nThank you!\n"
    );
    // A piece that is not a deadline: the soonest open deadline is the next piece.
    home.run(&[
        "critique",
        "@priya",
        "the footer is wrong",
        "on",
        "the blog post",
    ]);
    let proofing = json(&home, &["list", "proofing", "--json"]);
    let priya = proofing
        .as_array()
        .expect("a list")
        .iter()
        .find(|p| p["person"] == "Priya")
        .expect("Priya's invitation");
    assert_eq!(priya["deadline_id"], 1);
    assert_eq!(priya["piece"], "Q4 launch deck");
    // The card still says what was criticised.
    let card = home.run(&["show", "@priya"]);
    assert!(
        card.contains("\"the footer is wrong\" on the blog post"),
        "{card}"
    );
    // A due date today or tomorrow reads as such ("goes out today?", never "on today").
    let home = Home::new();
    home.run(&["deadline", "deck", "due", "today", "4pm"]);
    home.run(&["deadline", "launch email", "due", "tomorrow"]);
    home.run(&["critique", "@sam", "too long", "on", "1"]);
    let draft = home.run(&["proofing", "3", "--draft"]);
    assert!(
        draft.contains("Would you proof launch email before it goes out tomorrow?"),
        "{draft}"
    );
}

#[test]
fn other_answers_make_no_invitation() {
    let home = Home::new();
    for (flag, label) in [
        ("--style-guide", "explained the style guide"),
        ("--fixed", "fixed it"),
        ("--let-go", "let it go"),
    ] {
        home.nudge()
            .args(["critique", "@lee", "too long", flag])
            .assert()
            .success()
            .stdout(predicate::str::contains(label))
            .stdout(predicate::str::contains("Proofing").not());
    }
    assert_eq!(
        json(&home, &["list", "proofing", "--all", "--json"]),
        Value::Array(vec![])
    );
    let people = json(&home, &["list", "people", "--json"]);
    assert_eq!(people[0]["critiques"], 3);
    assert_eq!(people[0]["invited_to_proof"], 0);
}

#[test]
fn a_new_name_close_to_a_known_one_is_pointed_out() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes"]);
    home.nudge()
        .args(["ask", "@dnaa", "logos"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Dnaa is new, added to your people. Did you mean Dana? Undo takes this back.",
        ));
    home.nudge()
        .args(["favor", "got", "@dana", "an intro"])
        .assert()
        .success()
        .stdout(predicate::str::contains("is new").not());
    home.nudge()
        .args(["critique", "@elena", "too long"])
        .assert()
        .success()
        .stdout(predicate::str::contains("is new").not());
    // A new name far from every known one is no typo: nothing more is said.
    // Undo takes the ask and the person it added back.
    home.run(&["undo"]);
    home.run(&["undo"]);
    home.run(&["undo"]);
    let people = json(&home, &["list", "people", "--json"]);
    let names: Vec<&str> = people
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(names, vec!["Dana"]);
}

#[test]
fn critique_bad_input() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes"]);
    let cases: &[(&[&str], &str)] = &[
        (&["critique", "@sam"], "what did @sam say?"),
        (&["critique", "too wordy"], "who said it? add @name"),
        (
            &["critique", "@sam", "too wordy", "on", "1"],
            "\"on 1\" must name a deadline",
        ),
        (
            &["critique", "@sam", "too wordy", "on", "9"],
            "there is no item 9",
        ),
        (
            &["critique", "@sam", "wordy", "--fixed", "--let-go"],
            "cannot be used with",
        ),
        (
            &["critique", "@sam", "wordy", "--rewrite"],
            "\"--rewrite\" is not an option of nudge critique",
        ),
    ];
    for (args, message) in cases {
        home.nudge()
            .args(*args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(*message));
    }
    assert_eq!(
        json(&home, &["list", "proofing", "--all", "--json"]),
        Value::Array(vec![])
    );
}

#[test]
fn the_proofing_lifecycle() {
    let home = Home::new();
    home.run(&["critique", "@sam", "too wordy"]);
    home.nudge()
        .args(["proofing", "1", "sent"])
        .assert()
        .success()
        .stdout("Proofing sent: Proofing 1 · Sam · proof the next piece\n");
    home.nudge()
        .args(["proofing", "1", "accepted"])
        .assert()
        .success();
    home.nudge()
        .args(["done", "1"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Proofed: Proofing 1"));
    let all = json(&home, &["list", "proofing", "--all", "--json"]);
    assert_eq!(all[0]["status"], "proofed");
    home.nudge()
        .args(["proofing", "1", "sent"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already proofed"));
    home.run(&["critique", "@dana", "too long"]);
    home.nudge()
        .args(["proofing", "2", "declined"])
        .assert()
        .success();
    home.nudge()
        .args(["proofing", "2", "maybe"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("invalid value 'maybe'"));
    home.run(&["ask", "@lee", "numbers"]);
    home.nudge()
        .args(["proofing", "3", "sent"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a proofing invitation"));
    // Undo walks back: Lee's ask, then Dana's decline.
    home.run(&["undo"]);
    home.run(&["undo"]);
    let all = json(&home, &["list", "proofing", "--all", "--json"]);
    assert_eq!(all[1]["status"], "to_send");
}

#[test]
fn people_are_added_updated_and_shown() {
    let home = Home::new();
    home.nudge()
        .args([
            "person",
            "@sam",
            "--team",
            "Product",
            "--expert",
            "Pricing, roadmap",
            "--prefers",
            "chat",
        ])
        .assert()
        .success()
        .stdout("Added: Sam · team Product · knows pricing, roadmap · prefers chat\n");
    home.nudge()
        .args(["person", "@SAM", "--note", "back from leave on the 3rd"])
        .assert()
        .success()
        .stdout("Updated: Sam · team Product · knows pricing, roadmap · prefers chat · back from leave on the 3rd\n");
    home.nudge()
        .args(["person", "@sam"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Sam · team Product"));
    home.nudge()
        .args(["person", "@ghost"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "there is no one called @ghost yet",
        ));
    home.nudge()
        .args(["person", "@sam", "--prefers", "pigeon"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("\"pigeon\" is not a channel"));
    home.nudge()
        .args(["person", "@s<am>", "--team", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not a name"));
    let people = json(&home, &["list", "people", "--json"]);
    assert_eq!(people.as_array().map(Vec::len), Some(1));
    assert_eq!(
        people[0]["expertise"],
        serde_json::json!(["pricing", "roadmap"])
    );
    assert_eq!(people[0]["prefers"], "chat");
}

#[test]
fn expertise_is_suggested_for_tagged_work() {
    let home = Home::new();
    home.run(&["person", "@sam", "--expert", "pricing"]);
    home.run(&["person", "@rosa", "--expert", "budget,pricing"]);
    home.nudge()
        .args(["deadline", "pricing page", "due", "fri", "+pricing"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Rosa knows pricing: ask for their help?",
        ))
        .stdout(predicate::str::contains(
            "Sam knows pricing: ask for their help?",
        ));
    assert!(home.run(&["show", "1"]).contains("Sam knows pricing"));
}

#[test]
fn the_favors_ledger_flags_one_sided_balances() {
    let home = Home::new();
    home.nudge()
        .args(["favor", "gave", "@sam", "reviewed", "his", "deck"])
        .assert()
        .success()
        .stdout("Favor you did Sam: reviewed his deck · balance +1 (1 given, 0 received)\n");
    home.run(&["favor", "gave", "@sam", "covered his demo"]);
    home.nudge()
        .args(["favor", "gave", "@sam", "wrote his blurb"])
        .assert()
        .success()
        .stdout(predicate::str::contains("You've done Sam 3 favors more than the other way round: fine to ask for one back, or to say no"));
    // The flag shows on his asks, and the latest favor in the third follow-up.
    home.nudge()
        .args(["ask", "@sam", "pricing sheet", "by", "fri"])
        .assert()
        .success()
        .stdout(predicate::str::contains("You've done Sam 3 favors more"));
    assert!(
        home.run(&["show", "1"])
            .contains("You've done Sam 3 favors more")
    );
    home.run(&["followup", "1"]);
    home.run(&["followup", "1"]);
    assert!(
        home.run(&["followup", "1", "--draft"])
            .contains("I was glad to help with wrote his blurb")
    );
    home.nudge()
        .args(["favor", "got", "@sam", "an intro"])
        .assert()
        .success()
        .stdout(predicate::str::contains("balance +2 (3 given, 1 received)"));
    let favors = json(&home, &["list", "favors", "--json"]);
    assert_eq!(favors[0]["direction"], "got");
    assert_eq!(favors[0]["person"], "Sam");
    assert_eq!(favors.as_array().map(Vec::len), Some(4));
    let people = json(&home, &["list", "people", "--json"]);
    assert_eq!(people[0]["favors_balance"], 2);
}

#[test]
fn the_threshold_comes_from_the_config() {
    let home = Home::new();
    let config = home.path("strict.toml");
    std::fs::write(&config, "favor_threshold = 1\n").expect("config");
    home.nudge()
        .env("NUDGE_CONFIG", &config)
        .args(["favor", "got", "@dana", "quotes"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Dana has done you 1 favor more than the other way round",
        ));
}

#[test]
fn favor_bad_input() {
    let home = Home::new();
    home.nudge()
        .args(["favor", "lent", "@sam", "a pen"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("invalid value 'lent'"));
    home.nudge()
        .args(["favor", "gave", "a pen"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("for whom, or from whom?"));
    home.nudge()
        .args(["favor", "gave", "@sam"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("what was the favor?"));
    assert_eq!(
        json(&home, &["list", "favors", "--json"]),
        Value::Array(vec![])
    );
}

#[test]
fn demo_has_the_whole_ledger() {
    let home = Home::with_demo();
    let proofing = json(&home, &["list", "proofing", "--all", "--json"]);
    let statuses: Vec<&str> = proofing
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|p| p["status"].as_str())
        .collect();
    for status in ["to_send", "sent", "accepted", "declined", "proofed"] {
        assert!(
            statuses.contains(&status),
            "{status} missing from {statuses:?}"
        );
    }
    let favors = json(&home, &["list", "favors", "--json"]);
    let ways: Vec<&str> = favors
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|f| f["direction"].as_str())
        .collect();
    assert!(ways.contains(&"gave") && ways.contains(&"got"));
    let people = json(&home, &["list", "people", "--json"]);
    assert!(
        people
            .as_array()
            .expect("array")
            .iter()
            .all(|p| !p["expertise"].as_array().expect("tags").is_empty())
    );
    let table = home.run(&["list", "people"]);
    assert!(
        table.contains("+3 !"),
        "Sam's one-sided ledger is flagged: {table}"
    );
}

/// Many asks to one person and many follow-ups on one ask, made through the library in one
/// process (a process per ask would take minutes), then shown by the binary.
fn busy_person(home: &Home, asks: usize, follow_ups: usize) {
    use nudge::{clock, config::Config, ops, store::Store, when::Zone};
    let zone = Zone::named("Europe/London").expect("zone");
    let mut store = Store::open(&home.db(), zone).expect("store");
    let now = clock::parse_now(common::NOW, &zone).expect("now");
    let ctx = ops::Context::new(now, Config::default());
    for i in 0..asks {
        ops::capture_ask(&mut store, &ctx, &format!("@dana figures {i}")).expect("ask");
    }
    for _ in 0..follow_ups {
        ops::follow_up(&mut store, &ctx, 1, None, "").expect("follow-up");
    }
}

#[test]
fn counts_on_a_card_are_counts_and_a_cut_list_says_so() {
    let home = Home::new();
    busy_person(&home, 40, 30);
    let card = home.run(&["show", "@dana"]);
    assert!(
        card.contains("open asks (15 of 40):"),
        "the card lists 15 of Dana's 40 open asks and says so:\n{card}"
    );
    let detail = home.run(&["show", "1"]);
    assert!(
        detail.contains("Follow-ups (20 of 30)"),
        "the detail lists the latest 20 of 30 follow-ups:\n{detail}"
    );
    assert!(
        detail.contains("History (latest 20 of 31)"),
        "the ask and its 30 follow-ups, the latest 20 listed:\n{detail}"
    );
    assert_eq!(detail.matches(" · walk over\n").count(), 20, "{detail}");
    // The JSON is the whole record: every follow-up.
    let asks = json(&home, &["list", "asks", "--json", "--all"]);
    let first = asks
        .as_array()
        .and_then(|a| a.iter().find(|i| i["id"] == 1))
        .expect("ask 1 listed");
    assert_eq!(first["follow_ups"].as_array().map(Vec::len), Some(30));

    let few = Home::new();
    busy_person(&few, 3, 2);
    let card = few.run(&["show", "@dana"]);
    assert!(card.contains("open asks (3):"), "{card}");
    let detail = few.run(&["show", "1"]);
    assert!(detail.contains("Follow-ups (2)"), "{detail}");
    assert!(detail.contains("\nHistory\n"), "{detail}");
}

#[test]
fn keep_in_touch_counts_real_contact_and_shows_in_due_once_the_rhythm_has_passed() {
    let home = Home::new();
    // Asked on Sat 28 Nov (the fixed clock); nothing else.
    home.run(&["ask", "@dana", "customer quotes", "by", "fri"]);
    home.nudge()
        .args(["person", "@dana", "--every", "2w"])
        .assert()
        .success()
        .stdout(predicate::str::contains("keep in touch every 2 weeks"));
    // Within the rhythm: nothing about her in due.
    let due = home.run_at("2026-12-10T09:00", &["due"]);
    assert!(!due.contains("keep in touch"), "{due}");
    // Past it: a line that says how long, and how to walk over.
    let due = home.run_at("2026-12-14T09:00", &["due"]);
    assert!(
        due.contains(
            "keep in touch: Dana · no contact for 16 days (every 2 weeks) · `nudge meet @dana`"
        ),
        "{due}"
    );
    // A favor is contact: the clock starts again from it.
    home.run_at("2026-12-14T10:00", &["favor", "got", "@dana", "a logo"]);
    let due = home.run_at("2026-12-15T09:00", &["due"]);
    assert!(!due.contains("keep in touch"), "{due}");
    // The card and the people list say where she stands.
    let card = home.run_at("2026-12-15T09:00", &["show", "@dana"]);
    assert!(
        card.contains("keep in touch: in touch 1 day ago (every 2 weeks)"),
        "{card}"
    );
    let people = json(&home, &["list", "people", "--json"]);
    assert_eq!(people[0]["every_days"], 14);
    assert_eq!(people[0]["last_contact"], "2026-12-14T10:00:00+00:00");
    let table = home.run_at("2026-12-30T09:00", &["list", "people"]);
    assert!(table.contains("IN TOUCH"), "{table}");
    assert!(table.contains("16d ago/2w !"), "{table}");
    // --every off clears it, and the column goes with it.
    home.run(&["person", "@dana", "--every", "off"]);
    let table = home.run_at("2026-12-30T09:00", &["list", "people"]);
    assert!(!table.contains("IN TOUCH"), "{table}");
}

#[test]
fn a_bad_rhythm_names_the_word_and_changes_nothing() {
    let home = Home::new();
    home.run(&["person", "@dana", "--team", "Sales"]);
    let before = home.run(&["export", "--format", "json"]);
    home.nudge()
        .args(["person", "@dana", "--every", "fortnite"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("\"fortnite\" is not a rhythm"))
        .stderr(predicate::str::contains("--every 2w"));
    assert_eq!(home.run(&["export", "--format", "json"]), before);
}

#[test]
fn meet_prints_everything_open_with_a_person_and_walked_logs_the_visit() {
    let home = Home::with_demo();
    let page = home.run(&["meet", "@dana"]);
    for part in [
        "Dana\n",
        "Asks to Dana (1), oldest first",
        "Ask 7 · customer quotes for the Acme case study · asked Sun 22 Nov · for Q4 launch deck",
        "Invitations to proof (1)",
        "Favors 0 (1 given, 1 received)",
        "Dana knows casestudy: Acme case study draft (due Fri 17:00) could use it",
        "Last critique Mon 23 Nov: \"the case study reads like an ad\"",
    ] {
        assert!(page.contains(part), "{part:?} in:\n{page}");
    }
    home.nudge()
        .args(["meet", "@nobody"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("there is no @nobody"));
    home.nudge()
        .args(["meet", "@dana", "--walked"])
        .assert()
        .success()
        .stdout("Walked over to Dana\n");
    // Undo takes the visit back; walking over again keeps it.
    let undone = home.run(&["undo"]);
    assert!(undone.contains("Walked over to Dana"), "{undone}");
    assert!(!home.run(&["export", "--format", "json"]).contains("met_at"));
    home.run(&["meet", "@dana", "--walked"]);
    // The visit is contact, kept with her in exports (and so in sync).
    home.run(&["person", "@dana", "--every", "1w"]);
    let export: Value = serde_json::from_str(&home.run(&["export", "--format", "json"])).unwrap();
    let dana = export["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Dana")
        .unwrap()
        .clone();
    assert_eq!(dana["every_days"], 7);
    assert_eq!(dana["met_at"], "2026-11-28T09:00:00+00:00");
    let report = home.run(&["report", "--day"]);
    assert!(report.contains("walked over to 1 person"), "{report}");
    // Into a new database, both come along.
    let file = home.path("out.json");
    home.run(&["export", "--format", "json", "-o", file.to_str().unwrap()]);
    let other = Home::new();
    other.run(&["import", file.to_str().unwrap()]);
    let people = json(&other, &["list", "people", "--json"]);
    let dana = people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Dana")
        .unwrap();
    assert_eq!(dana["every_days"], 7);
    assert_eq!(dana["last_contact"], "2026-11-28T09:00:00+00:00");
}

#[test]
fn an_ask_whose_words_someone_knows_suggests_them() {
    let home = Home::new();
    home.run(&["person", "@sam", "--expert", "pricing,roadmap"]);
    home.nudge()
        .args(["ask", "@tom", "the pricing sheet for Q1", "by", "fri"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Sam knows pricing — ask Sam?"));
    // Not the person asked, and not when nothing matches.
    let line = home.run(&["ask", "@sam", "pricing page copy", "by", "fri"]);
    assert!(!line.contains("ask Sam?"), "{line}");
    let line = home.run(&["ask", "@tom", "three logos", "by", "fri"]);
    assert!(!line.contains("knows"), "{line}");
}

/// A capture looks its words up among the expertise words (migration 018), which follow every
/// change to someone's expertise, in any case (Unicode's, not only ASCII's); a change made
/// behind nudge's back is still seen, from everyone's expertise read whole.
#[test]
fn who_knows_a_word_follows_changes_to_expertise_in_any_case() {
    let home = Home::new();
    home.run(&["person", "@sam", "--expert", "Äpfel,roadmap"]);
    let line = home.run(&["ask", "@tom", "the äpfel numbers", "by", "fri"]);
    assert!(line.contains("Sam knows äpfel"), "{line}");
    home.run(&["person", "@sam", "--expert", "budget"]);
    let line = home.run(&["ask", "@tom", "the äpfel numbers again", "by", "fri"]);
    assert!(!line.contains("knows"), "no longer: {line}");
    let line = home.run(&["ask", "@tom", "the BUDGET", "by", "fri"]);
    assert!(line.contains("Sam knows budget"), "{line}");
    // Another program changes the expertise (in capitals): the change waits to be indexed, and
    // is seen meanwhile; the next write of nudge's (not a capture) indexes it, in lower case.
    let conn = rusqlite::Connection::open(home.db()).expect("open");
    conn.execute(
        "UPDATE people SET expertise = 'Logos' WHERE name = 'Sam'",
        [],
    )
    .expect("update");
    let line = home.run(&["ask", "@tom", "three logos", "by", "fri"]);
    assert!(line.contains("Sam knows logos"), "{line}");
    home.run(&["person", "@tom", "--team", "Design"]);
    let waiting: i64 = conn
        .query_row("SELECT COUNT(*) FROM expertise_pending", [], |r| r.get(0))
        .expect("count");
    assert_eq!(waiting, 0, "indexed");
    let line = home.run(&["ask", "@tom", "more logos", "by", "fri"]);
    assert!(line.contains("Sam knows logos"), "{line}");
    let line = home.run(&["ask", "@tom", "the budget", "by", "fri"]);
    assert!(!line.contains("knows"), "{line}");
}

#[test]
fn names_as_people_write_them_and_aliases_find_the_same_person() {
    let home = Home::new();
    // In the shell, @"Marcus Reid" arrives as one argument with a space in it.
    home.nudge()
        .args(["ask", "@Marcus Reid", "win story", "by", "fri"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Ask 1 · Marcus Reid · win story",
        ));
    // A dot or an underscore between the words is the same name.
    let line = home.run(&["ask", "@marcus.reid", "another", "by", "fri"]);
    assert!(line.starts_with("Ask 2 · Marcus Reid · another"), "{line}");
    let line = home.run(&["ask", "@\"marcus reid\"", "third", "by", "fri"]);
    assert!(line.starts_with("Ask 3 · Marcus Reid · third"), "{line}");
    // Aliases and the greeting are his to edit; drafts greet him by it.
    let line = home.run(&[
        "person",
        "@marcus.reid",
        "--alias",
        "marc,mr",
        "--first",
        "Marc",
    ]);
    assert!(line.contains("also @marc, @mr · greeted as Marc"), "{line}");
    let line = home.run(&["ask", "@MARC", "fourth", "by", "fri"]);
    assert!(line.starts_with("Ask 4 · Marcus Reid · fourth"), "{line}");
    let draft = home.run(&["followup", "4", "--draft"]);
    assert!(draft.starts_with("Hi Marc,"), "{draft}");
    // A new display name keeps the old one as an alias.
    let line = home.run(&["person", "@marc", "--name", "Marcus R."]);
    assert!(line.contains("Marcus R."), "{line}");
    assert!(line.contains("@\"marcus reid\""), "{line}");
    let line = home.run(&["ask", "@\"Marcus Reid\"", "fifth", "by", "fri"]);
    assert!(line.starts_with("Ask 5 · Marcus R. · fifth"), "{line}");
    // Someone else's name as an alias is refused by name, and nothing changes.
    home.run(&["person", "@sam", "--team", "Product"]);
    let before = home.run(&["export", "--format", "json"]);
    home.nudge()
        .args(["person", "@sam", "--alias", "marc"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("@marc is already Marcus R."));
    home.nudge()
        .args(["person", "@sam", "--name", "Sam  *"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("\"Sam  *\" is not a name"));
    assert_eq!(home.run(&["export", "--format", "json"]), before);
    // Aliases and the greeting travel in exports.
    let export: Value = serde_json::from_str(&before).unwrap();
    let marcus = &export["people"][0];
    assert_eq!(
        marcus["aliases"],
        serde_json::json!(["marc", "mr", "marcus reid"])
    );
    assert_eq!(marcus["greeting"], "Marc");
    // An alias taken away no longer finds him (the alias keys follow every change), the others
    // still do, and a person deleted by another program takes theirs along.
    home.run(&["person", "@mr", "--alias", "mr"]);
    let line = home.run(&["ask", "@mr", "sixth", "by", "fri"]);
    assert!(line.starts_with("Ask 6 · Marcus R. · sixth"), "{line}");
    let line = home.run(&["ask", "@marc", "seventh", "by", "fri"]);
    assert!(
        line.starts_with("Ask 7 · Marc · seventh"),
        "someone new: {line}"
    );
    let conn = rusqlite::Connection::open(home.db()).expect("open");
    let keys = |conn: &rusqlite::Connection| -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT key FROM person_aliases ORDER BY key")
            .expect("prepare");
        stmt.query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    assert_eq!(keys(&conn), vec!["mr".to_string()]);
    conn.execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM people WHERE name = 'Marcus R.';")
        .expect("delete");
    assert!(keys(&conn).is_empty());
}

/// `--limit` cuts every list, favors, check-ins and people too (it was taken for asks only, and a list
/// of 23,000 favors printed whole in a terminal), and the line under it counts what it left out.
#[test]
fn favors_and_check_ins_are_cut_at_the_limit_and_say_how_many_more() {
    let home = Home::new();
    for what in ["reviewed his deck", "covered his demo", "wrote his blurb"] {
        home.run(&["favor", "gave", "@sam", what]);
    }
    let listed = home.run(&["list", "favors", "--limit", "2"]);
    assert_eq!(
        listed.lines().count(),
        4,
        "a header, two favors, the rest: {listed}"
    );
    assert!(listed.contains("wrote his blurb"), "newest first: {listed}");
    assert!(!listed.contains("reviewed his deck"), "{listed}");
    assert!(
        listed.ends_with("… and 1 more: `nudge list favors --limit 0` shows them all\n"),
        "{listed}"
    );
    assert_eq!(
        home.run(&["list", "favors", "--limit", "0"])
            .lines()
            .count(),
        4
    );
    assert_eq!(
        home.run(&["list", "favors", "--limit", "3"])
            .lines()
            .count(),
        4
    );
    for stress in ["2", "3", "4"] {
        home.run(&["checkin", stress]);
    }
    let listed = home.run(&["list", "checkins", "--limit", "1"]);
    assert!(
        listed.ends_with("… and 2 more: `nudge list checkins --limit 0` shows them all\n"),
        "{listed}"
    );
    let json: Value =
        serde_json::from_str(&home.run(&["list", "checkins", "--json"])).expect("json");
    assert_eq!(
        json.as_array().map(Vec::len),
        Some(3),
        "a pipe or JSON gets all"
    );
}
