//! `nudge ask …` and `nudge deadline …`.

use std::io::Write;

use super::{Handled, Session, say};
use crate::capture::line_from_args;
use crate::ops::{self, Captured};

pub fn ask(session: &mut Session, out: &mut dyn Write, words: &[String]) -> Handled {
    let line = line_from_args(words);
    let ctx = session.ctx.clone();
    let captured = ops::capture_ask(session.store()?, &ctx, &line)?;
    print(out, &captured)
}

pub fn deadline(session: &mut Session, out: &mut dyn Write, words: &[String]) -> Handled {
    let line = line_from_args(words);
    let ctx = session.ctx.clone();
    let captured = ops::capture_deadline(session.store()?, &ctx, &line)?;
    print(out, &captured)
}

/// What a capture did, and its notes under it.
pub(super) fn print(out: &mut dyn Write, captured: &Captured) -> Handled {
    say(out, &captured.line)?;
    for note in &captured.notes {
        say(out, &format!("  {note}"))?;
    }
    Ok(())
}
