//! What works with whom, aggregated in SQL over indexed columns: reply rate and median time to
//! answer by channel, the slowest open asks, deadlines met and missed.

use rusqlite::params;

use super::rows::{ITEM_COLUMNS, ITEM_FROM};
use super::{Reader, Result};
use crate::domain::insight::{self, ChannelStat};
use crate::domain::vocabulary::Vocabulary;
use crate::domain::{Channel, Item};
use crate::when::Moment;

impl Reader<'_> {
    /// Asks made from `since` to `until`, by channel: how many, how many answered, and the median
    /// time to answer. One pass over the window's index entries (the asks made in it, never the
    /// closed ones before it); the medians are picked in memory, in linear time.
    pub fn channel_stats(&self, since: &Moment, until: &Moment) -> Result<Vec<ChannelStat>> {
        let mut by_channel: Vec<(Channel, u32, u32, Vec<i64>)> = Vec::new();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT COALESCE(last_via, channel, 'email'), status = 'received', \
                   CASE WHEN status = 'received' THEN closed_at - asked_at END \
                 FROM items INDEXED BY items_asks_window \
                 WHERE kind = 'ask' AND asked_at >= ?1 AND asked_at < ?2",
            )
            .map_err(|e| self.sql(e))?;
        let mut rows = stmt
            .query(params![since.timestamp(), until.timestamp()])
            .map_err(|e| self.sql(e))?;
        while let Some(row) = rows.next().map_err(|e| self.sql(e))? {
            let via = row
                .get_ref(0)
                .and_then(|v| Ok(v.as_str()?))
                .map_err(|e| self.sql(e))?;
            let Some(channel) = Channel::parse_stored(via) else {
                // A channel a newer nudge wrote: not one this one can show.
                continue;
            };
            let answered: bool = row.get(1).map_err(|e| self.sql(e))?;
            let took: Option<i64> = row.get(2).map_err(|e| self.sql(e))?;
            let at = match by_channel.iter().position(|(c, ..)| *c == channel) {
                Some(at) => at,
                None => {
                    by_channel.push((channel, 0, 0, Vec::new()));
                    by_channel.len() - 1
                }
            };
            let entry = &mut by_channel[at];
            entry.1 += 1;
            entry.2 += u32::from(answered);
            entry.3.extend(took);
        }
        let mut stats: Vec<ChannelStat> = by_channel
            .into_iter()
            .map(|(channel, asked, answered, mut took)| ChannelStat {
                channel,
                asked,
                answered,
                median: insight::median(&mut took)
                    .map(|secs| chrono::Duration::seconds(secs.max(0))),
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
             FROM items WHERE kind = 'deadline' AND status IN ('done', 'missed') \
               AND closed_at >= ?1 AND closed_at < ?2",
            params![since.timestamp(), until.timestamp()],
            |r| Ok((r.count("met")?, r.count("missed")?)),
        )?;
        Ok(closed.unwrap_or_default())
    }
}
