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
        let counts = self.rows(
            "SELECT COALESCE(last_via, channel, 'email') AS via, COUNT(*) AS asked, \
               SUM(status = 'received') AS answered FROM items INDEXED BY items_asks_window \
             WHERE kind = 'ask' AND asked_at >= ?1 AND asked_at < ?2 GROUP BY 1",
            params![since, until],
            |r| {
                Ok((
                    r.word::<Channel>("via")?,
                    r.count("asked")?,
                    r.count("answered")?,
                ))
            },
        )?;
        let medians = self.rows(
            "WITH answered AS (SELECT COALESCE(last_via, channel, 'email') AS via, closed_at - asked_at AS took \
                FROM items INDEXED BY items_asks_window \
                WHERE kind = 'ask' AND status = 'received' AND asked_at >= ?1 AND asked_at < ?2 \
                  AND closed_at IS NOT NULL), \
              ranked AS (SELECT via, took, ROW_NUMBER() OVER (PARTITION BY via ORDER BY took) AS n, \
                COUNT(*) OVER (PARTITION BY via) AS total FROM answered) \
             SELECT via, CAST(AVG(took) AS INTEGER) AS median FROM ranked \
             WHERE n IN ((total + 1) / 2, (total + 2) / 2) GROUP BY via",
            params![since, until],
            |r| Ok((r.word::<Channel>("via")?, r.get::<i64>("median")?)),
        )?;
        let mut stats: Vec<ChannelStat> = counts
            .into_iter()
            .map(|(channel, asked, answered)| ChannelStat {
                channel,
                asked,
                answered,
                median: medians
                    .iter()
                    .find(|(via, _)| *via == channel)
                    .map(|(_, secs)| chrono::Duration::seconds((*secs).max(0))),
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
        self.items(&sql, [limit as i64])
    }

    /// Deadlines closed from `since` to `until`: (met, missed).
    pub fn deadlines_closed(&self, since: &Moment, until: &Moment) -> Result<(u32, u32)> {
        let closed = self.row(
            "SELECT COALESCE(SUM(status = 'done'), 0) AS met, COALESCE(SUM(status = 'missed'), 0) AS missed \
             FROM items WHERE kind = 'deadline' AND closed_at >= ?1 AND closed_at < ?2",
            params![since.timestamp(), until.timestamp()],
            |r| Ok((r.count("met")?, r.count("missed")?)),
        )?;
        Ok(closed.unwrap_or_default())
    }
}
