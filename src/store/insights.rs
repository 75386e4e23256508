//! What works with whom, aggregated in SQL over indexed columns: reply rate and median time to
//! answer by channel, the slowest open asks, deadlines met and missed.

use rusqlite::params;

use super::rows::{ITEM_COLUMNS, ITEM_FROM};
use super::{Reader, Result};
use crate::domain::insight::ChannelStat;
use crate::domain::{Channel, Item};
use crate::when::Moment;

impl Reader<'_> {
    /// Asks made from `since` to `until`, by channel: how many, how many answered, and the median
    /// time to answer.
    pub fn channel_stats(&self, since: &Moment, until: &Moment) -> Result<Vec<ChannelStat>> {
        let (since, until) = (since.timestamp(), until.timestamp());
        let mut counts = self
            .conn
            .prepare_cached(
                "SELECT COALESCE(last_via, channel, 'email'), COUNT(*), SUM(status = 'received') FROM items INDEXED BY items_asks_window \
                 WHERE kind = 'ask' AND asked_at >= ?1 AND asked_at < ?2 GROUP BY 1",
            )
            .map_err(|e| self.sql(e))?;
        let rows = counts
            .query_map(params![since, until], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.sql(e))?;
        let mut medians = self
            .conn
            .prepare_cached(
                "WITH answered AS (SELECT COALESCE(last_via, channel, 'email') AS via, closed_at - asked_at AS took \
                    FROM items INDEXED BY items_asks_window \
                    WHERE kind = 'ask' AND status = 'received' AND asked_at >= ?1 AND asked_at < ?2 \
                      AND closed_at IS NOT NULL), \
                  ranked AS (SELECT via, took, ROW_NUMBER() OVER (PARTITION BY via ORDER BY took) AS n, \
                    COUNT(*) OVER (PARTITION BY via) AS total FROM answered) \
                 SELECT via, CAST(AVG(took) AS INTEGER) FROM ranked \
                 WHERE n IN ((total + 1) / 2, (total + 2) / 2) GROUP BY via",
            )
            .map_err(|e| self.sql(e))?;
        let median_rows = medians
            .query_map(params![since, until], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.sql(e))?;
        let mut stats: Vec<ChannelStat> = rows
            .into_iter()
            .filter_map(|(channel, asked, answered)| {
                let channel = Channel::parse_stored(&channel)?;
                let median = median_rows
                    .iter()
                    .find(|(via, _)| Channel::parse_stored(via) == Some(channel))
                    .map(|(_, secs)| chrono::Duration::seconds((*secs).max(0)));
                Some(ChannelStat {
                    channel,
                    asked: asked.try_into().unwrap_or(0),
                    answered: answered.try_into().unwrap_or(0),
                    median,
                })
            })
            .collect();
        stats.sort_by_key(|s| s.channel);
        Ok(stats)
    }

    /// The open asks waiting longest.
    pub fn slowest_open_asks(&self, limit: usize) -> Result<Vec<Item>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE i.id IN (SELECT id FROM items \
               WHERE kind = 'ask' AND status = 'open' ORDER BY asked_at LIMIT ?1) ORDER BY i.asked_at, i.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                super::rows::item_from_row(r, &self.zone)
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| self.sql(e))
    }

    /// Deadlines closed from `since` to `until`: (met, missed).
    pub fn deadlines_closed(&self, since: &Moment, until: &Moment) -> Result<(u32, u32)> {
        self.conn
            .prepare_cached(
                "SELECT COALESCE(SUM(status = 'done'), 0), COALESCE(SUM(status = 'missed'), 0) FROM items \
                 WHERE kind = 'deadline' AND closed_at >= ?1 AND closed_at < ?2",
            )
            .and_then(|mut s| {
                s.query_row(params![since.timestamp(), until.timestamp()], |r| {
                    Ok((r.get::<_, i64>(0)?.try_into().unwrap_or(0), r.get::<_, i64>(1)?.try_into().unwrap_or(0)))
                })
            })
            .map_err(|e| self.sql(e))
    }
}
