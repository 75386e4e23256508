//! Demo databases for the benchmarks, made once per size and kept under `target/bench-data/`
//! (a million items take a while to make; they are reused until removed).
#![allow(dead_code)]

use std::path::PathBuf;

use nudge::config::Config;
use nudge::store::Store;
use nudge::when::{Moment, Zone};

pub fn zone() -> Zone {
    Zone::named("Europe/London").unwrap_or_else(Zone::utc)
}

pub fn now() -> Moment {
    nudge::clock::parse_now("2026-11-28T09:00", &zone()).expect("now")
}

/// A store on a demo database of `items` items.
pub fn store(items: u64) -> Store {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench data folder");
    let path = dir.join(format!("demo-{items}.db"));
    let ready = dir.join(format!("demo-{items}.ready"));
    if !ready.exists() {
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path, zone()).expect("store");
        let config = Config::default();
        nudge::demo::fill(
            &mut store,
            &now(),
            &config.check_back_rule(),
            Some(items),
            false,
            &mut |_, _| {},
        )
        .expect("demo data");
        drop(store);
        std::fs::write(&ready, "").expect("marker");
    }
    Store::open(&path, zone()).expect("store")
}
