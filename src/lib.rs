//! nudge: keeps one person accountable for what they wait on from busy colleagues, and for their
//! own deadlines. The binary in `main.rs` is a thin shell over this library.
#![forbid(unsafe_code)]

pub mod when;
pub mod domain;
pub mod capture;
