//! The queries behind `nudge due` and the dashboard's first page, at 10,000, 100,000 and
//! 1,000,000 items. `cargo bench --bench store` (the databases are made on first use).
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

fn main() {
    divan::main();
}

const SIZES: &[u64] = &[10_000, 100_000, 1_000_000];

/// The first page of open asks in attention order (the Pending asks pane, `nudge list`).
#[divan::bench(args = SIZES, sample_count = 200)]
fn attention_first_page(bencher: divan::Bencher, items: u64) {
    let store = common::store(items);
    let now = common::now();
    bencher.bench_local(|| store.reader().open_asks(&now, 50, 0).expect("asks").len());
}

/// Asks that need chasing now (`nudge due`, the review queue).
#[divan::bench(args = SIZES, sample_count = 200)]
fn attention_due_now(bencher: divan::Bencher, items: u64) {
    let store = common::store(items);
    let now = common::now();
    bencher.bench_local(|| {
        store
            .reader()
            .asks_needing_attention(&now, 50)
            .expect("asks")
            .len()
    });
}

/// The header's figures (to chase, deadlines within 24 hours).
#[divan::bench(args = SIZES, sample_count = 200)]
fn header_counts(bencher: divan::Bencher, items: u64) {
    let store = common::store(items);
    let now = common::now();
    bencher.bench_local(|| store.reader().counts(&now).expect("counts"));
}
