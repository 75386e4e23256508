//! One keystroke of find (`/` in the dashboard, `nudge list --grep`): the page of open asks that
//! match what is typed so far, and how many match, on demo databases of 10,000 and 100,000
//! items, for a query one to four letters long and for two words. `cargo bench --bench find`;
//! `FIND_SIZES=1000000 cargo bench --bench find` for other sizes (the database is made once).
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use nudge::domain::Kind;

fn main() {
    divan::main();
}

/// 10,000 and 100,000 items, or the sizes in `FIND_SIZES` (comma-separated).
fn sizes() -> Vec<u64> {
    std::env::var("FIND_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .filter(|v: &Vec<u64>| !v.is_empty())
        .unwrap_or_else(|| vec![10_000, 100_000])
}

/// What is typed, key by key: "c", "cu", "cus", "cust", then a second word.
const TYPED: &[&str] = &["c", "cu", "cus", "cust", "cust quo"];

#[divan::bench(args = sizes(), consts = [0, 1, 2, 3, 4])]
fn keystroke<const AT: usize>(bencher: divan::Bencher, items: u64) {
    let store = common::store(items);
    let now = common::now();
    let query = nudge::store::Find::new(TYPED[AT]).expect("a query");
    bencher.bench_local(|| {
        let reader = store.reader();
        let page = reader
            .find_items(Kind::Ask, false, &query, &now, 30, 0)
            .expect("found");
        let count = reader.count_found(Kind::Ask, false, &query).expect("count");
        (page.len(), count)
    });
}
