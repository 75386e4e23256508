//! What reminders were sent, so each (key, due moment) is told once, and the open items whose
//! moments have come. Local to this machine: not journaled, not exported, not synced.

use rusqlite::params;

use super::rows::{ITEM_COLUMNS, ITEM_FROM};
use super::{Reader, Result, WriteError, Writer};
use crate::domain::Item;
use crate::when::Moment;

/// Rows older than this are forgotten: a moment that far back does not come due again.
const KEPT_SECS: i64 = 60 * 86_400;

impl Reader<'_> {
    /// Open asks whose check-back or need-by has come (?1 now), the latest moment first, at most
    /// `limit`; found on the open-asks index.
    pub fn asks_come_due(&self, now: &Moment, limit: usize) -> Result<Vec<Item>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE i.id IN ( \
                 SELECT a.id FROM items a INDEXED BY items_open_asks \
                 WHERE a.kind = 'ask' AND a.status = 'open' \
                   AND (a.next_check <= ?1 OR a.need_by <= ?1) \
                 ORDER BY MAX(COALESCE(a.next_check, 0), COALESCE(a.need_by, 0)) DESC, a.id \
                 LIMIT ?2) \
             ORDER BY MAX(COALESCE(i.next_check, 0), COALESCE(i.need_by, 0)) DESC, i.id"
        );
        self.items(&sql, params![now.timestamp(), limit as i64])
    }

    /// Whether the reminder `key` for the moment `due` was sent already.
    pub fn reminder_sent(&self, key: &str, due: &Moment) -> Result<bool> {
        let found: Option<i64> = self.maybe_value(
            "SELECT 1 FROM reminders_sent WHERE key = ?1 AND due = ?2",
            params![key, due.timestamp()],
        )?;
        Ok(found.is_some())
    }
}

impl Writer<'_> {
    /// Remember that `key` for `due` was told (`how`: desktop, print, dashboard).
    pub fn mark_reminder_sent(
        &mut self,
        key: &str,
        due: &Moment,
        how: &str,
    ) -> std::result::Result<(), WriteError> {
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO reminders_sent (key, due, sent_at, how) VALUES (?1, ?2, ?3, ?4)",
            )
            .and_then(|mut s| s.execute(params![key, due.timestamp(), self.now, how]))
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Forget reminders sent long ago.
    pub fn prune_reminders(&mut self) -> std::result::Result<usize, WriteError> {
        self.tx
            .execute(
                "DELETE FROM reminders_sent WHERE sent_at < ?1",
                [self.now - KEPT_SECS],
            )
            .map_err(|e| self.sql(e))
    }
}
