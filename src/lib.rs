//! nudge: keeps one person accountable for what they wait on from busy colleagues, and for their
//! own deadlines. The binary in `main.rs` is a thin shell over this library.
#![deny(unsafe_code)]

pub mod calendar;
pub mod capture;
pub mod cli;
pub mod clock;
pub mod compact_json;
pub mod config;
pub mod demo;
pub mod desktop;
pub mod domain;
pub mod exchange;
pub mod log;
pub mod mail;
pub mod ops;
pub mod store;
pub mod sync;
pub mod temporary;
pub mod text;
pub mod tui;
pub mod when;

/// When the process started (set first thing in `main`), for measuring start-up.
pub fn started() -> std::time::Instant {
    static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    *STARTED.get_or_init(std::time::Instant::now)
}
