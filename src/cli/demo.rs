//! `nudge demo [--scale N] [--force]`.

use std::io::{IsTerminal, Write};
use std::time::Instant;

use super::{Failure, Handled, Session, say};
use crate::demo::{self, DemoError};
use crate::ops::OpError;

pub fn demo(
    session: &mut Session,
    out: &mut dyn Write,
    scale: Option<u64>,
    force: bool,
) -> Handled {
    let now = session.ctx.now;
    let rule = session.ctx.rule();
    let started = Instant::now();
    let mut progress = Progress::new(started);
    let made = demo::fill(
        session.store()?,
        &now,
        &rule,
        scale,
        force,
        &mut |done, total| progress.show(done, total),
    )
    .map_err(|e| match e {
        DemoError::NotEmpty => Failure::Op(OpError::Input(e.to_string())),
        DemoError::Store(s) => Failure::Op(OpError::Store(s)),
    })?;
    progress.clear();
    say(
        out,
        &format!(
            "Sample data: {} items, {} follow-ups, {} people ({:.1} s). Open the dashboard with `nudge`.",
            made.items,
            made.follow_ups,
            made.people,
            started.elapsed().as_secs_f64()
        ),
    )
}

/// A counter on stderr, only when it is a terminal and the work takes more than a second.
struct Progress {
    started: Instant,
    shown: bool,
    enabled: bool,
}

impl Progress {
    fn new(started: Instant) -> Self {
        Progress {
            started,
            shown: false,
            enabled: std::io::stderr().is_terminal(),
        }
    }

    fn show(&mut self, done: u64, total: u64) {
        let elapsed = self.started.elapsed().as_secs_f64();
        if !self.enabled || elapsed < 1.0 || total == 0 {
            return;
        }
        let width = 30;
        let filled = (done * width / total) as usize;
        let rate = done as f64 / elapsed;
        eprint!(
            "\r[{}{}] {done}/{total} items · {rate:.0}/s ",
            "#".repeat(filled),
            "-".repeat(width as usize - filled)
        );
        self.shown = true;
    }

    fn clear(&self) {
        if self.shown {
            eprint!("\r\x1b[2K");
        }
    }
}
