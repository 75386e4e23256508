//! `nudge demo [--scale N] [--force]`.

use std::io::Write;

use super::progress::Progress;
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
    let mut progress = Progress::new("items");
    let made = demo::fill(
        session.store()?,
        &now,
        &rule,
        scale,
        force,
        &mut |done, total| progress.show(done, total),
    )
    .map_err(|e| match e {
        DemoError::NotEmpty | DemoError::Data(_) => Failure::Op(OpError::Input(e.to_string())),
        DemoError::Store(s) => Failure::Op(OpError::Store(s)),
    })?;
    progress.clear();
    say(
        out,
        &format!(
            "Sample data: {}, {}, {} ({:.1} s). Open the dashboard with `nudge`.",
            crate::domain::words::count(made.items, "item"),
            crate::domain::words::count(made.follow_ups, "follow-up"),
            crate::domain::words::count(made.people, "person"),
            progress.elapsed()
        ),
    )
}
