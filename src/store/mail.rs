//! What nudge learnt from the user's mail (src/mail): the open asks a reply could answer, the
//! suggestions found, and how far each folder was read. Suggestions and positions are local to
//! this machine (like the mail); a person's addresses and an ask's Message-ID travel with them.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::journal::Table;
use super::{Reader, Result, WriteError, Writer};
use crate::domain::item::OPEN_STATUSES_SQL;
use crate::domain::mail::{Answer, Awaited, How, Position, Suggestion};

/// The columns `suggestion_from` reads.
const SUGGESTION: &str = "SELECT r.id, r.item_id, p.name AS person, i.title, r.message_id, \
       r.from_addr, r.subject, r.at, r.how \
     FROM mail_replies r JOIN items i ON i.id = r.item_id LEFT JOIN people p ON p.id = i.person_id";

impl Reader<'_> {
    /// Open asks a reply could be recognised for: sent with a Message-ID, or to a person with
    /// an address.
    pub fn mail_awaited(&self) -> Result<Vec<Awaited>> {
        let sql = format!(
            "SELECT i.id, i.title, i.message_id, COALESCE(i.asked_at, i.created_at) AS asked, \
                    COALESCE(p.emails, '') AS emails \
             FROM items i LEFT JOIN people p ON p.id = i.person_id \
             WHERE i.kind = 'ask' AND i.status IN {OPEN_STATUSES_SQL} \
               AND (i.message_id IS NOT NULL OR p.emails != '') \
             ORDER BY i.id"
        );
        self.rows(&sql, [], |r| {
            Ok(Awaited {
                item_id: r.get("id")?,
                title: r.get("title")?,
                addresses: r.words("emails")?,
                message_id: r.get("message_id")?,
                asked_at: r.get("asked")?,
            })
        })
    }

    /// The name of the person with this address, if any.
    pub fn person_with_email(&self, address: &str) -> Result<Option<String>> {
        self.maybe_value(
            "SELECT name FROM people WHERE emails != '' \
               AND ' ' || emails || ' ' LIKE '% ' || ?1 || ' %' ESCAPE '\\' ORDER BY id LIMIT 1",
            [address
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")],
        )
    }

    /// How far each folder was read.
    pub fn mail_positions(&self) -> Result<HashMap<String, Position>> {
        Ok(self
            .rows(
                "SELECT folder, seen, at_seen, listed FROM mail_folders",
                [],
                |r| {
                    let at_seen: String = r.get("at_seen")?;
                    Ok((
                        r.get::<String>("folder")?,
                        Position {
                            seen: r.get("seen")?,
                            at_seen: serde_json::from_str(&at_seen).unwrap_or_default(),
                            listed: r.get("listed")?,
                        },
                    ))
                },
            )?
            .into_iter()
            .collect())
    }

    /// The user's own addresses learnt from messages they sent (`ask --from-mail`).
    pub fn mail_me(&self) -> Result<Vec<String>> {
        self.rows("SELECT address FROM mail_me ORDER BY address", [], |r| {
            r.get("address")
        })
    }

    /// Suggestions not yet taken or dismissed, the latest reply first, at most `limit`.
    pub fn mail_suggestions(&self, limit: usize) -> Result<Vec<Suggestion>> {
        let sql = format!(
            "{SUGGESTION} WHERE r.state = 'open' AND i.status IN {OPEN_STATUSES_SQL} \
             ORDER BY r.at DESC, r.id DESC LIMIT ?1"
        );
        self.rows(&sql, [limit as i64], suggestion_from)
    }

    /// The latest open suggestion for one ask.
    pub fn mail_suggestion_for(&self, item_id: i64) -> Result<Option<Suggestion>> {
        let sql = format!(
            "{SUGGESTION} WHERE r.state = 'open' AND r.item_id = ?1 \
             ORDER BY r.at DESC, r.id DESC LIMIT 1"
        );
        Ok(self
            .rows(&sql, [item_id], suggestion_from)?
            .into_iter()
            .next())
    }

    /// How many open suggestions there are.
    pub fn mail_suggestion_count(&self) -> Result<u64> {
        let sql = format!(
            "SELECT COUNT(*) FROM mail_replies r JOIN items i ON i.id = r.item_id \
             WHERE r.state = 'open' AND i.status IN {OPEN_STATUSES_SQL}"
        );
        let n: Option<i64> = self.maybe_value(&sql, [])?;
        Ok(n.unwrap_or(0).max(0) as u64)
    }
}

fn suggestion_from(r: &super::rows::Cells<'_, '_>) -> rusqlite::Result<Suggestion> {
    Ok(Suggestion {
        id: r.get("id")?,
        item_id: r.get("item_id")?,
        person: r.get("person")?,
        title: r.get("title")?,
        message_id: r.get("message_id")?,
        from: r.get("from_addr")?,
        subject: r.get("subject")?,
        at: r.time("at")?,
        how: How::parse(&r.get::<String>("how")?),
    })
}

/// A reply found by a scan, to keep.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReply<'a> {
    pub item_id: i64,
    pub message_id: &'a str,
    pub from: &'a str,
    pub subject: &'a str,
    pub at: i64,
    pub how: How,
}

impl Writer<'_> {
    /// Keep a reply a scan found; false when this message was already found for this ask (and
    /// maybe dismissed: it never comes back).
    pub fn add_mail_reply(
        &mut self,
        reply: &NewReply<'_>,
    ) -> std::result::Result<bool, WriteError> {
        let n = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO mail_replies \
                   (item_id, message_id, from_addr, subject, at, found_at, how) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    reply.item_id,
                    reply.message_id,
                    reply.from,
                    reply.subject,
                    reply.at.min(self.now),
                    self.now,
                    reply.how.as_str()
                ])
            })
            .map_err(|e| self.sql(e))?;
        Ok(n > 0)
    }

    /// Where a folder was read to.
    pub fn set_mail_position(
        &mut self,
        folder: &str,
        position: &Position,
    ) -> std::result::Result<(), WriteError> {
        let at_seen = serde_json::to_string(&position.at_seen).unwrap_or_else(|_| "[]".into());
        self.tx
            .prepare_cached(
                "INSERT INTO mail_folders (folder, seen, at_seen, listed) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT(folder) DO UPDATE SET seen = excluded.seen, \
                   at_seen = excluded.at_seen, listed = excluded.listed",
            )
            .and_then(|mut s| s.execute(params![folder, position.seen, at_seen, position.listed]))
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// One of the user's own addresses (what they send is never a reply).
    pub fn add_mail_me(&mut self, address: &str) -> std::result::Result<(), WriteError> {
        self.tx
            .prepare_cached("INSERT OR IGNORE INTO mail_me (address) VALUES (?1)")
            .and_then(|mut s| s.execute([address]))
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// What the user made of a suggestion (journaled: undo brings it back). Taking one as
    /// received settles every other suggestion for the same ask too.
    pub fn answer_mail_reply(
        &mut self,
        suggestion: &Suggestion,
        answer: Answer,
    ) -> std::result::Result<(), WriteError> {
        let ids: Vec<i64> = if answer == Answer::Received {
            self.reader()
                .rows(
                    "SELECT id FROM mail_replies WHERE item_id = ?1 AND state = 'open'",
                    [suggestion.item_id],
                    |r| r.get("id"),
                )
                .map_err(WriteError::Store)?
        } else {
            vec![suggestion.id]
        };
        for id in ids {
            self.remember(Table::MailReplies, id, Some(suggestion.item_id))?;
            let state = if id == suggestion.id {
                answer.as_str()
            } else {
                "dismissed"
            };
            self.tx
                .prepare_cached("UPDATE mail_replies SET state = ?2 WHERE id = ?1")
                .and_then(|mut s| s.execute(params![id, state]))
                .map_err(|e| self.sql(e))?;
        }
        Ok(())
    }

    /// The Message-ID an ask was sent with.
    pub fn set_message_id(
        &mut self,
        item_id: i64,
        message_id: &str,
    ) -> std::result::Result<(), WriteError> {
        self.remember(Table::Items, item_id, Some(item_id))?;
        self.tx
            .prepare_cached(
                "UPDATE items SET message_id = ?2, updated_at = MAX(?3, updated_at + 1) WHERE id = ?1",
            )
            .and_then(|mut s| s.execute(params![item_id, message_id, self.now]))
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// The ask whose Message-ID this is, if any.
    pub fn item_with_message_id(
        &self,
        message_id: &str,
    ) -> std::result::Result<Option<i64>, WriteError> {
        self.tx
            .prepare_cached("SELECT id FROM items WHERE message_id = ?1")
            .and_then(|mut s| s.query_row([message_id], |r| r.get(0)).optional())
            .map_err(|e| self.sql(e))
    }
}
