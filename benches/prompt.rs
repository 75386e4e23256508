//! `nudge prompt` runs before every shell prompt: its whole process against `nudge due --limit 40`
//! and `nudge --version` (the floor of starting the binary at all), in one run, on demo
//! databases of 1,000 and 100,000 items; and its counts alone, in process.
//! `cargo bench --bench prompt`.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

fn main() {
    divan::main();
}

const SIZES: &[u64] = &[1_000, 100_000];

/// The demo database of `items` items, made (once) by the shared helper.
fn database(items: u64) -> PathBuf {
    drop(common::store(items));
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-data/demo-{items}.db"))
}

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nudge"))
        .args(args)
        .env("NUDGE_DB", db)
        .env("NUDGE_NOW", "2026-11-28T09:00")
        .env("TZ", "Europe/London")
        .output()
        .expect("nudge runs")
}

#[divan::bench(args = SIZES, sample_count = 60)]
fn process_prompt(bencher: divan::Bencher, items: u64) {
    let db = database(items);
    assert!(!run(&db, &["prompt"]).stdout.is_empty(), "something is due");
    bencher.bench(|| run(&db, &["prompt"]));
}

#[divan::bench(args = SIZES, sample_count = 60)]
fn process_due_first_page(bencher: divan::Bencher, items: u64) {
    let db = database(items);
    bencher.bench(|| run(&db, &["due", "--limit", "40"]));
}

#[divan::bench(sample_count = 60)]
fn process_version_floor(bencher: divan::Bencher) {
    let db = database(1_000);
    bencher.bench(|| run(&db, &["--version"]));
}

#[divan::bench(args = SIZES)]
fn counts_alone(bencher: divan::Bencher, items: u64) {
    let db = database(items);
    let now = common::now().timestamp();
    bencher.bench(|| nudge::store::prompt_counts(&db, now, now + 86_400).expect("counts"));
}
