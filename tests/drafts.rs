//! What the drafted messages read like: the follow-ups for counts 1 to 4, with and without a why,
//! with a favor owed, and the re-ask after "no time".
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Home;

/// The draft for the next follow-up, after `logged` follow-ups.
fn drafts_for(capture: &[&str]) -> Vec<String> {
    let home = Home::new();
    let mut args = vec!["ask"];
    args.extend_from_slice(capture);
    home.run(&args);
    let mut drafts = Vec::new();
    for _ in 0..4 {
        drafts.push(home.run(&["followup", "1", "--draft"]));
        home.run(&["followup", "1"]);
    }
    drafts
}

#[test]
fn follow_ups_with_a_why() {
    let drafts = drafts_for(&[
        "@dana.k",
        "customer quotes",
        "by",
        "fri",
        "~email",
        "why:",
        "the launch deck needs proof points",
    ]);
    for (i, draft) in drafts.iter().enumerate() {
        insta::assert_snapshot!(format!("with_why_{}", i + 1), draft);
    }
    assert_ne!(
        drafts[0], drafts[1],
        "the second follow-up reads differently"
    );
    assert_ne!(drafts[1], drafts[2], "so does the third");
    assert!(drafts[1].contains("Sorry to nag"));
    assert!(
        drafts[2].starts_with("Hi Dana,\n\nThe launch deck needs proof points"),
        "{}",
        drafts[2]
    );
}

#[test]
fn follow_ups_without_a_why_or_a_need_by() {
    let drafts = drafts_for(&["@sam", "pricing sheet", "~chat"]);
    for (i, draft) in drafts.iter().enumerate() {
        insta::assert_snapshot!(format!("without_why_{}", i + 1), draft);
    }
    assert!(
        !drafts
            .iter()
            .any(|d| d.contains('{') || d.contains("[why]")),
        "no template syntax leaks"
    );
}

#[test]
fn a_favor_they_owe_is_mentioned_gently() {
    let home = Home::new();
    home.run(&[
        "ask",
        "@lee",
        "latency numbers",
        "by",
        "mon",
        "why:",
        "the webinar promises real benchmarks",
    ]);
    home.run(&["followup", "1"]);
    home.run(&["followup", "1"]);
    let without = home.run(&["followup", "1", "--draft"]);
    assert!(!without.contains("glad to help"), "{without}");
    // A favor done for Lee, written the way the ledger writes it.
    let conn = rusqlite::Connection::open(home.db()).expect("open");
    conn.execute(
        "INSERT INTO favors (uuid, person_id, direction, what, at, created_at, updated_at) \
         SELECT 'f-1', id, 'gave', 'reviewing your conference talk', 1795000000, 1795000000, 1795000000 \
         FROM people WHERE name_key = 'lee'",
        [],
    )
    .expect("favor");
    drop(conn);
    let with = home.run(&["followup", "1", "--draft"]);
    assert!(
        with.contains("I was glad to help with reviewing your conference talk"),
        "{with}"
    );
}

#[test]
fn the_reask_leads_with_the_objective() {
    let home = Home::new();
    home.run(&[
        "ask",
        "@aiko",
        "dashboard screenshots",
        "by",
        "tue",
        "why:",
        "the release notes go out Thursday",
    ]);
    let out = home.run(&["declined", "1", "swamped"]);
    insta::assert_snapshot!("reask", out);
}

#[test]
fn a_need_by_that_has_passed_is_said_as_past() {
    let home = Home::new();
    // Captured on Monday with a need-by of Wednesday; drafted on Saturday (the pinned now).
    let captured = home
        .nudge()
        .env("NUDGE_NOW", "2026-11-23T09:00")
        .args(["ask", "@dana", "customer quotes", "by", "wed", "~email"])
        .output()
        .expect("runs");
    assert!(captured.status.success());
    let drafts: Vec<String> = (0..3)
        .map(|_| {
            let draft = home.run(&["followup", "1", "--draft"]);
            home.run(&["followup", "1"]);
            draft
        })
        .collect();
    for (i, draft) in drafts.iter().enumerate() {
        assert!(
            draft.contains("It was due Wednesday 25 Nov"),
            "draft {}: {draft}",
            i + 1
        );
        assert!(!draft.contains("I need it by"), "draft {}: {draft}", i + 1);
        assert!(
            !draft.contains("still on track"),
            "draft {}: {draft}",
            i + 1
        );
    }
    insta::assert_snapshot!("late_1", drafts[0]);
}
