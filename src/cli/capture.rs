//! `nudge ask …` and `nudge deadline …`.

use std::io::Write;

use super::args::AskArgs;
use super::{Handled, Session, say};
use crate::capture::line_from_args;
use crate::ops::{self, Captured};

pub fn ask(session: &mut Session, out: &mut dyn Write, args: &AskArgs) -> Handled {
    let line = line_from_args(&args.words);
    let ctx = session.ctx.clone();
    let captured = match (&args.from_mail, &args.message_id) {
        (Some(file), _) => ops::mail::ask_from_mail(session.store()?, &ctx, file, &line)?,
        (None, Some(id)) => {
            let id = crate::domain::mail::bare_message_id(id);
            if id.is_empty() || id.contains(char::is_whitespace) {
                return Err(crate::ops::OpError::Input(format!(
                    "\"{}\" is not a Message-ID; give it as written in the header, e.g. --message-id '<abc123@mail.example.com>'",
                    args.message_id.as_deref().unwrap_or("")
                ))
                .into());
            }
            let sent = ops::SentAsk {
                message_id: Some(id),
                ..ops::SentAsk::default()
            };
            ops::capture_ask_sent(session.store()?, &ctx, &line, &sent)?
        }
        (None, None) => ops::capture_ask(session.store()?, &ctx, &line)?,
    };
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
