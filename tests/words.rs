//! Words: every message that carries a count reads right with 0, 1 and 2 of it, no sentence ends
//! "on today" or "in now", and every screen the snapshots keep passes the same check.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::Home;
use nudge::clock;
use nudge::config::Config;
use nudge::domain::day::DaySummary;
use nudge::domain::favor::OneSided;
use nudge::ops::{self, Context};
use nudge::store::Store;
use nudge::when::Zone;

/// The nouns nudge counts, singular and plural.
const NOUNS: &[(&str, &str)] = &[
    ("ask", "asks"),
    ("item", "items"),
    ("day", "days"),
    ("minute", "minutes"),
    ("follow-up", "follow-ups"),
    ("person", "people"),
    ("check-in", "check-ins"),
    ("invitation", "invitations"),
    ("critique", "critiques"),
    ("favor", "favors"),
    ("deadline", "deadlines"),
    ("line", "lines"),
    ("hour", "hours"),
    ("week", "weeks"),
    ("record", "records"),
];

/// Phrases that never read right.
const NEVER: &[&str] = &[
    " on today",
    " on tomorrow",
    " on yesterday",
    " in now",
    " by in person",
    "turned into invitation ",
    " ask feed ",
    " asks feeds ",
];

/// What reads wrong in `text`, if anything: a count whose noun disagrees with it, or a phrase
/// that never reads right.
fn bad_grammar(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    for phrase in NEVER {
        if lower.contains(phrase) {
            return Some(format!("\"{}\"", phrase.trim()));
        }
    }
    // Within one phrase: "received: 1 · follow-ups: 1" pairs no count with the next label.
    for phrase in text.split(['·', '\n', '|']) {
        let words: Vec<&str> = phrase
            .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | '"' | ';'))
            .filter(|w| !w.is_empty())
            .collect();
        for pair in words.windows(2) {
            let Ok(n) = pair[0].parse::<u64>() else {
                continue;
            };
            // A capitalised word after a number is a label ("1 Asks" on the tab line).
            let noun = pair[1].trim_end_matches(['.', ':', '!', '?']);
            if noun.starts_with(char::is_uppercase) || pair[1].ends_with(':') {
                continue;
            }
            for (one, many) in NOUNS {
                if n == 1 && noun == *many {
                    return Some(format!("\"1 {noun}\""));
                }
                if n != 1 && noun == *one {
                    return Some(format!("\"{n} {noun}\""));
                }
            }
        }
    }
    None
}

fn check(what: &str, text: &str) {
    if let Some(bad) = bad_grammar(text) {
        panic!("{what} reads {bad}:\n{text}");
    }
}

#[test]
fn the_checker_catches_what_it_is_for() {
    assert!(bad_grammar("1 asks waiting").is_some());
    assert!(bad_grammar("waiting on 2 ask").is_some());
    assert!(bad_grammar("before it goes out on today?").is_some());
    assert!(bad_grammar("next check-in in now").is_some());
    assert!(bad_grammar("Asks made: 1 (1 by in person)").is_some());
    assert!(bad_grammar("1 ask · 2 asks · 0 people · 1 person").is_none());
    assert!(bad_grammar("Ask 12 · Dana · 3 day trip").is_some());
}

#[test]
fn every_snapshot_reads_right() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).expect("snapshots") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "snap") {
            let text = std::fs::read_to_string(&path).expect("snapshot");
            // One screen line per line; the border characters are not words.
            let text = text.replace(['│', '╭', '╮', '╰', '╯', '─'], " ");
            check(&path.display().to_string(), &text);
            read += 1;
        }
    }
    assert!(read > 30, "the snapshots were read");
}

fn zone() -> Zone {
    Zone::named("Europe/London").expect("zone")
}

#[test]
fn day_numbers_and_ledgers_read_right_with_0_1_and_2() {
    for n in 0..=2u32 {
        let mut day = DaySummary {
            received: n,
            follow_ups: n,
            critiques: n,
            invitations: n,
            checkins: n,
            deadlines_met: n,
            deadlines_missed: n,
            ..DaySummary::default()
        };
        for channel in ["email", "chat", "call", "in_person"] {
            if n > 0 {
                day.asks_by_channel.insert(channel.into(), n);
            }
        }
        check(&format!("the day with {n}"), &day.lines().join("\n"));
    }
    for n in 1..=2 {
        check("they owe", &OneSided::TheyOwe(n).advice("Sam"));
        check("I owe", &OneSided::IOwe(n).advice("Sam"));
    }
}

#[test]
fn sprints_read_right_with_1_and_2_minutes() {
    for minutes in 1..=2u32 {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("n.db"), zone()).expect("store");
        let now = clock::parse_now("2026-11-28T09:00", &zone()).expect("now");
        let config = Config {
            sprint_minutes: minutes,
            ..Config::default()
        };
        let ctx = Context::new(now, config.clone());
        let deadline = ops::capture_deadline(&mut store, &ctx, "deck due mon")
            .expect("deadline")
            .item;
        check(
            "sprint started",
            &ops::start_sprint(&mut store, &ctx, deadline.id).expect("start"),
        );
        let later = Context::new(now + chrono::Duration::minutes(i64::from(minutes)), config);
        let finished = ops::finish_sprint_if_over(&mut store, &later)
            .expect("finish")
            .expect("over");
        check("sprint finished", &finished);
    }
}

#[test]
fn what_the_shell_prints_reads_right_with_0_1_and_2() {
    for n in 0..=2 {
        let home = Home::new();
        home.run(&["deadline", "Q4 deck", "due", "mon"]);
        for i in 0..n {
            home.run(&["ask", &format!("@p{i}"), "numbers", "by", "fri", "for", "1"]);
            home.run(&["critique", "@sam", &format!("too long {i}"), "on", "1"]);
            home.run(&["checkin", "3"]);
            home.run(&["favor", "gave", "@sam", "a review"]);
            home.run(&["followup", &(2 + 2 * i).to_string(), "--via", "call"]);
        }
        for args in [
            &["show", "1"][..],
            &["show", "@sam"][..],
            &["list", "people"][..],
            &["due"][..],
            &["report", "--day"][..],
            &["report", "--week"][..],
            &["list", "--all"][..],
        ] {
            let home_args: Vec<&str> = args.to_vec();
            // "show @sam" needs Sam, who exists only once a critique named him.
            if n == 0 && args == ["show", "@sam"] {
                continue;
            }
            check(&format!("{args:?} with {n}"), &home.run(&home_args));
        }
    }
    let home = Home::new();
    check("demo", &home.run(&["demo"]));
}

#[test]
fn an_answer_the_same_minute_and_a_deadline_due_now_read_right() {
    // Zero minutes between two moments: "answered in now" and "due in now" never read right.
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes", "~call"]);
    home.run(&["done", "1"]);
    home.run(&["ask", "@dana", "figures", "by", "fri"]);
    home.run(&["deadline", "deck", "due", "today", "10am"]);
    for args in [
        &["show", "@dana"][..],
        &["show", "1"][..],
        &["meet", "@dana"][..],
        &["list", "people"][..],
        &["list", "deadlines"][..],
        &["due"][..],
        &["report", "--day"][..],
        &["report", "--week"][..],
    ] {
        check(&format!("{args:?}"), &home.run_at("2026-11-28T10:00", args));
    }
}

#[test]
fn the_dashboard_reads_right_with_0_1_and_2() {
    use nudge::tui::app::{App, Clock};
    use nudge::tui::keymap::{Keymap, Overrides};
    use nudge::tui::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;
    for n in 0..=2 {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("n.db"), zone()).expect("store");
        let now = clock::parse_now("2026-11-28T09:00", &zone()).expect("now");
        let ctx = Context::new(now, Config::default());
        for i in 0..n {
            ops::capture_deadline(&mut store, &ctx, &format!("deck {i} due today 4pm"))
                .expect("deadline");
            ops::capture_ask(&mut store, &ctx, &format!("@dana quotes {i} by mon for 1"))
                .expect("ask");
        }
        let app = App::new(
            store,
            Config::default(),
            Keymap::load(&Overrides::new()).expect("keymap"),
            Theme::plain(),
            Clock::Fixed(now),
            Rect::new(0, 0, 120, 40),
        )
        .expect("app");
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        terminal
            .draw(|frame| nudge::tui::view::draw(frame, &app))
            .expect("draw");
        let screen = terminal.backend().to_string().replace(['│', '─'], " ");
        check(&format!("the dashboard with {n}"), &screen);
    }
}
