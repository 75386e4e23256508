//! The data contract, byte for byte: what `export` (every format) and every `--json` list print
//! for the demo data at the pinned clock. UUIDs are made at random, so each is replaced by its
//! order of first appearance (`uuid-1`, `uuid-2` …) before comparing; nothing else is touched.
//! A change here changes what other programs read: update the files on purpose only
//! (`NUDGE_GOLDEN=write cargo test --test golden`).
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::Home;

/// Replace every UUID (8-4-4-4-12 hex) by `uuid-N`, numbered by first appearance.
fn stable_uuids(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let is_uuid = |s: &[u8]| {
        s.len() == 36
            && s.iter().enumerate().all(|(k, b)| match k {
                8 | 13 | 18 | 23 => *b == b'-',
                _ => b.is_ascii_hexdigit(),
            })
    };
    while i < bytes.len() {
        if i + 36 <= bytes.len() && is_uuid(&bytes[i..i + 36]) {
            let uuid = &text[i..i + 36];
            let next = seen.len() + 1;
            let n = *seen.entry(uuid).or_insert(next);
            out.push_str(&format!("uuid-{n}"));
            i += 36;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn check(name: &str, output: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    let got = stable_uuids(output);
    if std::env::var("NUDGE_GOLDEN").is_ok_and(|v| v == "write") {
        std::fs::create_dir_all(path.parent().expect("dir")).expect("dir");
        std::fs::write(&path, &got).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (NUDGE_GOLDEN=write makes it)", path.display()));
    if got != want {
        let line = got
            .lines()
            .zip(want.lines())
            .position(|(g, w)| g != w)
            .unwrap_or(got.lines().count().min(want.lines().count()));
        panic!(
            "{name} differs from its golden copy at line {}:\n  got:  {}\n  want: {}",
            line + 1,
            got.lines().nth(line).unwrap_or("(end)"),
            want.lines().nth(line).unwrap_or("(end)")
        );
    }
}

#[test]
fn exports_and_json_lists_are_byte_for_byte_the_contract() {
    let home = Home::with_demo();
    for (name, args) in [
        ("export.json", &["export"][..]),
        ("export.csv", &["export", "--format", "csv"]),
        ("export.ics", &["export", "--format", "ics"]),
        ("export.md", &["export", "--format", "md"]),
        ("list-asks.json", &["list", "--all", "--json"]),
        (
            "list-deadlines.json",
            &["list", "deadlines", "--all", "--json"],
        ),
        (
            "list-proofing.json",
            &["list", "proofing", "--all", "--json"],
        ),
        ("list-people.json", &["list", "people", "--json"]),
        ("list-favors.json", &["list", "favors", "--json"]),
        ("list-checkins.json", &["list", "checkins", "--json"]),
        ("list-reflections.json", &["list", "reflections", "--json"]),
        ("due.json", &["due", "--json"]),
        ("report-day.json", &["report", "--day", "--format", "json"]),
        (
            "report-week.json",
            &["report", "--week", "--format", "json"],
        ),
        ("report-week.md", &["report", "--week"]),
    ] {
        check(name, &home.run(args));
    }
}

#[test]
fn an_old_export_still_imports_to_the_same_data() {
    // The golden export, as a file from an earlier nudge: it must import whole, and export again
    // to the same document.
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/export.json");
    let text = std::fs::read_to_string(&golden).expect("golden export");
    let home = Home::new();
    let numbered = |text: &str| -> String {
        // The golden file's uuids are numbered; give them a UUID shape back.
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find("uuid-") {
            out.push_str(&rest[..at]);
            let digits: String = rest[at + 5..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let n: u64 = digits.parse().unwrap_or(0);
            out.push_str(&format!("00000000-0000-7000-8000-{n:012}"));
            rest = &rest[at + 5 + digits.len()..];
        }
        out.push_str(rest);
        out
    };
    let file = home.path("old.json");
    std::fs::write(&file, numbered(&text)).expect("write");
    home.run(&["import", file.to_str().expect("path")]);
    check("export.json", &home.run(&["export"]));
}
