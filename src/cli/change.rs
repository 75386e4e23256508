//! `done`, `drop`, `snooze`, `edit`, `undo`: each prints one line that says what changed.

use std::io::Write;

use super::{Handled, Session, say};
use crate::capture::line_from_args;
use crate::ops;

pub fn done(session: &mut Session, out: &mut dyn Write, id: i64, note: &str) -> Handled {
    let ctx = session.ctx.clone();
    say(out, &ops::done(session.store()?, &ctx, id, note)?)
}

pub fn drop(session: &mut Session, out: &mut dyn Write, id: i64) -> Handled {
    let ctx = session.ctx.clone();
    say(out, &ops::drop_item(session.store()?, &ctx, id)?)
}

pub fn snooze(session: &mut Session, out: &mut dyn Write, id: i64, when: &str) -> Handled {
    let ctx = session.ctx.clone();
    say(out, &ops::snooze(session.store()?, &ctx, id, when)?)
}

pub fn edit(session: &mut Session, out: &mut dyn Write, id: i64, words: &[String]) -> Handled {
    let ctx = session.ctx.clone();
    say(
        out,
        &ops::edit(
            session.store()?,
            &ctx,
            id,
            &line_from_args(words),
            ops::EditMode::Merge,
        )?,
    )
}

pub fn undo(session: &mut Session, out: &mut dyn Write) -> Handled {
    let ctx = session.ctx.clone();
    say(out, &ops::undo(session.store()?, &ctx)?)
}

pub fn redo(session: &mut Session, out: &mut dyn Write) -> Handled {
    let ctx = session.ctx.clone();
    say(out, &ops::redo(session.store()?, &ctx)?)
}
