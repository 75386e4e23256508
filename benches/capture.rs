//! The pure parsers on realistic lines: the capture grammar and natural dates.
//! `cargo bench --bench capture`.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use nudge::capture::{self, Grammar};
use nudge::when::{self, WorkWeek};

mod common;

fn main() {
    divan::main();
}

const LINES: &[&str] = &[
    "@dana customer quotes for the Acme case study by fri ~call #casestudy why: the launch deck needs proof points",
    "@sam pricing sheet",
    "@lee \"latency numbers by region\" by mon 10am check tomorrow for 12 +webinar",
];

#[divan::bench(args = LINES)]
fn capture_line(line: &str) -> bool {
    let now = common::now();
    capture::parse(
        divan::black_box(line),
        Grammar::Ask,
        &now,
        &WorkWeek::default(),
    )
    .is_ok()
}

const DATES: &[&str] = &[
    "fri",
    "next tue 3pm",
    "in 3 days",
    "2026-12-03 15:00",
    "dec 3 9:30am",
    "eow",
];

#[divan::bench(args = DATES)]
fn natural_date(text: &str) -> bool {
    let now = common::now();
    when::parse(divan::black_box(text), &now, &WorkWeek::default()).is_ok()
}
