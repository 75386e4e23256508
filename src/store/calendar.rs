//! What `nudge calendar push` put in the CalDAV collection, by UID: local bookkeeping, not
//! journaled, not exported, not synced.

use rusqlite::params;

use super::rows::{ITEM_COLUMNS, ITEM_FROM};
use super::{Reader, Result, WriteError, Writer};
use crate::domain::Item;

/// One resource in the collection as nudge last wrote or read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    pub uid: String,
    pub href: String,
    pub etag: Option<String>,
    pub body: String,
    pub item_id: i64,
    pub kind: String,
}

impl Reader<'_> {
    /// Open deadlines with a due time and open asks with a check-back: what the calendar shows.
    pub fn calendar_items(&self) -> Result<Vec<Item>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE i.id IN ( \
                 SELECT id FROM items INDEXED BY items_open_deadlines \
                   WHERE kind = 'deadline' AND status = 'open' AND due IS NOT NULL \
                 UNION ALL \
                 SELECT id FROM items INDEXED BY items_open_asks \
                   WHERE kind = 'ask' AND status = 'open' AND next_check IS NOT NULL) \
             ORDER BY i.id"
        );
        self.items(&sql, [])
    }

    pub fn calendar_entries(&self) -> Result<Vec<CalendarEntry>> {
        self.rows(
            "SELECT uid, href, etag, body, item_id, kind FROM calendar_sent ORDER BY item_id, uid",
            [],
            |r| {
                Ok(CalendarEntry {
                    uid: r.get("uid")?,
                    href: r.get("href")?,
                    etag: r.get("etag")?,
                    body: r.get("body")?,
                    item_id: r.get("item_id")?,
                    kind: r.get("kind")?,
                })
            },
        )
    }
}

impl Writer<'_> {
    pub fn keep_calendar_entry(
        &mut self,
        e: &CalendarEntry,
    ) -> std::result::Result<(), WriteError> {
        self.tx
            .execute(
                "INSERT OR REPLACE INTO calendar_sent (uid, href, etag, body, item_id, kind) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![e.uid, e.href, e.etag, e.body, e.item_id, e.kind],
            )
            .map_err(|err| self.sql(err))?;
        Ok(())
    }

    pub fn forget_calendar_entry(&mut self, uid: &str) -> std::result::Result<(), WriteError> {
        self.tx
            .execute("DELETE FROM calendar_sent WHERE uid = ?1", [uid])
            .map_err(|err| self.sql(err))?;
        Ok(())
    }
}
