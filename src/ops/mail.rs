//! `nudge mail scan` and what the user makes of what it found: replies in the user's mail to
//! open asks become suggestions ("Dana replied Tue 10:14 — received?"), never changes; taking
//! one marks the ask received at the reply's time, or logs a follow-up; dismissing one keeps it
//! from coming back. Reading the mail is `crate::mail` (read only); the rules are domain/mail.rs.

use std::path::Path;

use super::{Context, OpError, OpResult, change, followup, label};
use crate::domain::mail::{Answer, Suggestion, Waiting};
use crate::domain::{Channel, words};
use crate::mail::{self, MailError};
use crate::store::{NewReply, Store, WriteError};

/// What a scan did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Scanned {
    /// Message files read (new since the last scan).
    pub files: usize,
    pub unreadable: usize,
    /// Suggestions this scan found.
    pub found: Vec<Suggestion>,
    /// Every open suggestion after it.
    pub open: u64,
    /// Open asks a reply could be recognised for (a Message-ID, or a person with an address).
    pub awaited: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error(transparent)]
    Op(#[from] OpError),
    #[error(transparent)]
    Mail(#[from] MailError),
}

impl From<crate::store::StoreError> for ScanError {
    fn from(e: crate::store::StoreError) -> Self {
        ScanError::Op(OpError::Store(e))
    }
}

impl From<WriteError> for ScanError {
    fn from(e: WriteError) -> Self {
        ScanError::Op(e.into())
    }
}

/// How far back a first notmuch scan looks when no ask is waiting: 30 days.
const FIRST_LOOK_SECS: i64 = 30 * 86_400;

/// Read the mail that is new since the last scan and keep the replies it holds to open asks.
pub fn scan(store: &mut Store, ctx: &Context, home: Option<&Path>) -> Result<Scanned, ScanError> {
    let config = &ctx.config.mail;
    if !config.is_set() {
        return Err(OpError::Input(
            "mail is not set up: add `[mail] maildirs = [\"~/Mail/INBOX\"]` (or `notmuch = true`) \
             to the config (`nudge config init` writes it commented)"
                .into(),
        )
        .into());
    }
    let reader = store.reader();
    let awaited = reader.mail_awaited()?;
    let positions = reader.mail_positions()?;
    let mut me: Vec<String> = config.me.clone();
    me.extend(reader.mail_me()?);
    let since = awaited
        .iter()
        .map(|a| a.asked_at)
        .min()
        .unwrap_or(ctx.now.timestamp() - FIRST_LOOK_SECS);
    // The mail is read before the transaction: no lock is held while files are read.
    let read = mail::read_new(config, &positions, since, home)?;
    let awaited_count = awaited.len();
    let mut waiting = Waiting::new(awaited, me);
    for mail in &read.mails {
        waiting.learn(mail);
    }
    let found = store.write("mail scan", &ctx.now, |w| {
        let mut found = Vec::new();
        for mail in &read.mails {
            for hit in waiting.answered_by(mail) {
                let from = mail.from.first().map(String::as_str).unwrap_or("");
                let message_id = if mail.message_id.is_empty() {
                    // A message without an id is known by what it says, so a scan again finds
                    // it the same.
                    format!("{}/{}/{}", from, mail.sent_at.unwrap_or(0), mail.subject)
                } else {
                    mail.message_id.clone()
                };
                let added = w.add_mail_reply(&NewReply {
                    item_id: hit.item_id,
                    message_id: &message_id,
                    from,
                    subject: &mail.subject,
                    at: mail.sent_at.unwrap_or(ctx.now.timestamp()),
                    how: hit.how,
                })?;
                if added && let Some(s) = w.reader().mail_suggestion_for(hit.item_id)? {
                    found.push(s);
                }
            }
        }
        for (folder, position) in &read.positions {
            w.set_mail_position(folder, position)?;
        }
        Ok(found)
    })?;
    Ok(Scanned {
        files: read.files,
        unreadable: read.unreadable,
        found,
        open: store.reader().mail_suggestion_count()?,
        awaited: awaited_count,
    })
}

/// Capture an ask from the message it went out as (`nudge ask --from-mail FILE`): To is the
/// person, Subject the title, Date when it was asked, and its Message-ID is kept, so a reply in
/// its thread is recognised. `more` is the rest of a capture line (`by fri #launch`).
pub fn ask_from_mail(
    store: &mut Store,
    ctx: &Context,
    path: &Path,
    more: &str,
) -> OpResult<super::Captured> {
    let shown = path.display();
    let sent = mail::message::read_sent(path)
        .map_err(|e| OpError::Input(format!("cannot read {shown}: {e}")))?
        .ok_or_else(|| OpError::Input(format!("{shown} is not a mail message (no headers)")))?;
    let Some((to_name, to)) = sent.to.clone() else {
        return Err(OpError::Input(format!(
            "{shown} has no To: address; give the ask as a line instead: nudge ask @dana …"
        )));
    };
    let subject = strip_reply_prefix(&sent.subject).replace(['"', '“', '”'], "");
    if subject.trim().is_empty() {
        return Err(OpError::Input(format!(
            "{shown} has no Subject: to use as the title; give one: nudge ask --from-mail FILE \"customer quotes\""
        )));
    }
    let name = match store.reader().person_with_email(&to)? {
        Some(name) => name,
        None => name_for(&store.reader(), to_name.as_deref(), &to)?,
    };
    let line = format!("@{name} \"{}\" ~email {more}", subject.trim());
    let asked = sent
        .date
        .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .map(|t| t.with_timezone(&ctx.now.timezone()))
        .filter(|t| *t <= ctx.now)
        .unwrap_or(ctx.now);
    let at = ctx.clone().with_now(asked);
    let sent_ask = super::SentAsk {
        message_id: sent.message_id.clone(),
        to: Some(to),
        from: sent.from.clone(),
    };
    super::capture_ask_sent(store, &at, &line, &sent_ask)
}

/// "Re: Fwd: quotes" → "quotes".
fn strip_reply_prefix(subject: &str) -> &str {
    let mut s = subject.trim();
    loop {
        let lower = s.to_ascii_lowercase();
        match ["re:", "fwd:", "fw:", "aw:", "wg:"]
            .iter()
            .find(|p| lower.starts_with(*p))
        {
            Some(p) => s = s[p.len()..].trim_start(),
            None => return s,
        }
    }
}

/// The name a recipient not known by address is given: their first name as written (someone of
/// that name among your people gains the address), unless that person has addresses of their
/// own (another Dana: then the whole name), else the address's local part.
fn name_for(
    reader: &crate::store::Reader<'_>,
    written: Option<&str>,
    address: &str,
) -> OpResult<String> {
    let clean = |text: &str| -> String {
        text.split_whitespace()
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '\''))
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(".")
    };
    if let Some(written) = written {
        let first = clean(written.split_whitespace().next().unwrap_or(""));
        if !first.is_empty() {
            match reader.person_named(&first)? {
                Some(known) if !known.emails.is_empty() => {}
                _ => return Ok(first),
            }
        }
        let whole = clean(written);
        if !whole.is_empty() {
            return Ok(whole);
        }
    }
    let local = clean(address.split('@').next().unwrap_or(""));
    Ok(if local.is_empty() {
        "someone".into()
    } else {
        local
    })
}

/// "Dana replied Tue 10:14 · 'Re: customer quotes'".
pub fn suggestion_line(s: &Suggestion, ctx: &Context) -> String {
    let who = s
        .person
        .as_deref()
        .map(crate::domain::person::first_name)
        .unwrap_or_else(|| s.from.clone());
    format!(
        "{who} replied {} · '{}'",
        words::day_time(&s.at, &ctx.now),
        crate::text::inert(&s.subject)
    )
}

/// The open suggestions, the latest reply first.
pub fn suggestions(store: &Store, limit: usize) -> OpResult<Vec<Suggestion>> {
    Ok(store.reader().mail_suggestions(limit)?)
}

/// Take or dismiss the latest reply found for ask `id`: received (at the reply's time), a
/// follow-up by email, or not it. One journaled change: `undo` brings the suggestion back.
pub fn answer(store: &mut Store, ctx: &Context, id: i64, answer: Answer) -> OpResult<String> {
    Ok(store.write("mail", &ctx.now, |w| {
        let Some(s) = w.reader().mail_suggestion_for(id)? else {
            let item = super::find(&w.reader(), id)?;
            return Err(WriteError::Input(format!(
                "no reply is waiting for {}; `nudge mail scan` looks for new ones",
                label(&item)
            )));
        };
        let heard = suggestion_line(&s, ctx);
        w.answer_mail_reply(&s, answer)?;
        let line = match answer {
            Answer::Received => {
                // Received when they answered, so their usual reply time is the real one.
                let at = ctx.clone().with_now(s.at.min(ctx.now));
                let note = format!("{heard} <{}>", s.message_id);
                let done = change::close_in(w, &at, id, &note, "done", None)?;
                format!("{done} ({heard})")
            }
            Answer::FollowUp => {
                let note = format!("{heard} <{}>", s.message_id);
                followup::follow_up_in(w, ctx, id, Some(Channel::Email), &note)?
            }
            Answer::Dismissed => {
                let item = super::find(&w.reader(), id)?;
                format!("Not a reply to {}: {heard}", label(&item))
            }
        };
        w.describe(&format!("{line} · message {}", s.message_id))?;
        Ok(line)
    })?)
}
