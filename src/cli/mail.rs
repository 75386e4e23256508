//! `nudge mail scan|list|received|followup|dismiss`: replies found in the user's mail.

use std::io::Write;

use super::args::MailAction;
use super::{Failure, Handled, Session, say, say_data};
use crate::domain::mail::{Answer, Suggestion};
use crate::mail::MailError;
use crate::ops::OpError;
use crate::ops::mail::{self, ScanError};

/// Exit code when notmuch cannot be run or answers an error.
const UNAVAILABLE: i32 = 3;

fn failed(error: ScanError) -> Failure {
    match error {
        ScanError::Op(e) => Failure::Op(e),
        // A folder the config names that is not there (or not a maildir) is bad config.
        ScanError::Mail(MailError::Folder(e)) => Failure::Op(OpError::Input(format!(
            "{e}; check `[mail] maildirs` in the config"
        ))),
        ScanError::Mail(e @ MailError::Notmuch(_)) => {
            tracing::warn!(error = %e, "mail");
            eprintln!("nudge: {}", crate::text::terminal_safe(&e.to_string()));
            Failure::Exit(UNAVAILABLE)
        }
    }
}

fn json_of(s: &Suggestion) -> serde_json::Value {
    serde_json::json!({
        "id": s.id,
        "ask": s.item_id,
        "person": s.person,
        "title": s.title,
        "from": s.from,
        "subject": s.subject,
        "at": s.at.to_rfc3339(),
        "message_id": s.message_id,
        "how": s.how.as_str(),
    })
}

/// How many suggestions `list` shows.
const LISTED: usize = 200;

pub fn mail(session: &mut Session, out: &mut dyn Write, action: &MailAction) -> Handled {
    let ctx = session.ctx.clone();
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    let store = session.store()?;
    let answer =
        |store: &mut crate::store::Store, id: i64, a: Answer| mail::answer(store, &ctx, id, a);
    match action {
        MailAction::Scan { json } => {
            let scanned = mail::scan(store, &ctx, home.as_deref()).map_err(failed)?;
            if *json {
                let value = serde_json::json!({
                    "files": scanned.files,
                    "unreadable": scanned.unreadable,
                    "found": scanned.found.iter().map(json_of).collect::<Vec<_>>(),
                    "open": scanned.open,
                });
                return say_data(out, &value.to_string());
            }
            say(
                out,
                &format!(
                    "Mail: {} read, {} found, {} waiting for you.",
                    crate::domain::words::count(scanned.files as u64, "new message"),
                    crate::domain::words::count(scanned.found.len() as u64, "reply"),
                    scanned.open
                ),
            )?;
            for s in &scanned.found {
                say(out, &format!("  {}", line(s, &ctx)))?;
            }
            if scanned.awaited == 0 {
                say(
                    out,
                    "  No open ask can be recognised yet: give people addresses (`nudge person \
                     @dana --email dana@acme.com`) or asks a Message-ID (`nudge ask --from-mail FILE`).",
                )?;
            }
            Ok(())
        }
        MailAction::List { json } => {
            let list = mail::suggestions(store, LISTED)?;
            if *json {
                let value: Vec<_> = list.iter().map(json_of).collect();
                return say_data(out, &serde_json::Value::from(value).to_string());
            }
            if list.is_empty() {
                say(out, "No replies are waiting for you.")?;
            }
            for s in &list {
                say(out, &line(s, &ctx))?;
            }
            Ok(())
        }
        MailAction::Received(id) => say(out, &answer(store, id.id, Answer::Received)?),
        MailAction::Followup(id) => say(out, &answer(store, id.id, Answer::FollowUp)?),
        MailAction::Dismiss(id) => say(out, &answer(store, id.id, Answer::Dismissed)?),
    }
}

/// "12  Dana replied Tue 10:14 · 'Re: customer quotes' — customer quotes for the Acme case study
///   (nudge mail received 12 | followup 12 | dismiss 12)".
fn line(s: &Suggestion, ctx: &crate::ops::Context) -> String {
    format!(
        "{:>4}  {} — {}  (nudge mail received|followup|dismiss {})",
        s.item_id,
        mail::suggestion_line(s, ctx),
        crate::text::inert(&s.title),
        s.item_id
    )
}
