//! Writing asks, deadlines and proofing invitations, and their follow-ups: each write journaled,
//! the person's usual reply time kept current.

use rusqlite::params;
use rusqlite::types::Value;

use super::journal::Table;
use super::rows::{ITEM_VALUES, ITEM_WRITTEN, execute_named, item_values};
use super::{WriteError, Writer};
use crate::domain::{Channel, Item, Kind, Status};
use crate::when::Moment;

impl Writer<'_> {
    /// Insert a new item; its id and uuid are assigned here. Returns the id.
    pub fn insert_item(&mut self, item: &Item) -> std::result::Result<i64, WriteError> {
        self.insert_with_uuid(item, super::new_uuid())
    }

    /// Insert a new item and return it as it is now stored, as `Reader::item` would read it:
    /// a capture need not read it back (that read was 6 % of one). The caller gives the
    /// person's name and usual reply time, which the read takes from the person's row.
    pub fn insert_new_item(&mut self, mut item: Item) -> std::result::Result<Item, WriteError> {
        let uuid = super::new_uuid();
        let id = self.insert_with_uuid(&item, uuid.clone())?;
        // Its words wait for the next find or the next other write (migration 016).
        self.find_later = true;
        let zone = self.zone;
        // Times are stored as whole seconds.
        let stored = |at: Moment| super::moment(&zone, at.timestamp()).unwrap_or(at);
        let now = super::moment(&zone, self.now).unwrap_or(self.at);
        // Tags are stored joined by spaces: read back, they are the words of that line.
        let stays_as_given = |tag: &String| !tag.is_empty() && !tag.contains(char::is_whitespace);
        let tags = if item.tags.iter().all(stays_as_given) {
            std::mem::take(&mut item.tags)
        } else {
            super::rows::split_words(&super::rows::join_words(&item.tags))
        };
        Ok(Item {
            id,
            uuid,
            tags,
            asked_at: item.asked_at.map(stored),
            need_by: item.need_by.map(stored),
            next_check: item.next_check.map(stored),
            due: item.due.map(stored),
            closed_at: item.closed_at.map(stored),
            created_at: now,
            updated_at: now,
            chased: Default::default(),
            ..item
        })
    }

    fn insert_with_uuid(
        &mut self,
        item: &Item,
        uuid: String,
    ) -> std::result::Result<i64, WriteError> {
        let mut values = item_values(item);
        values.push((":uuid", Value::Text(uuid)));
        values.push((":now", Value::Integer(self.now)));
        self.execute_named(
            &format!(
                "INSERT INTO items ({ITEM_WRITTEN}, uuid, created_at, updated_at, last_via) \
                 VALUES ({ITEM_VALUES}, :uuid, :now, :now, :channel)"
            ),
            &values,
        )?;
        let id = self.tx.last_insert_rowid();
        self.remember_new(Table::Items, id, Some(id))?;
        // A new open ask cannot move its person's usual reply time: working it out was a
        // tenth of every capture.
        if let Some(person) = item.person_id.filter(|_| counts_as_an_answer(item)) {
            self.refresh_reply_median(person)?;
        }
        Ok(id)
    }

    /// Save every field of an existing item (the caller read it, changed it, and hands it back).
    pub fn save_item(&mut self, item: &Item) -> std::result::Result<(), WriteError> {
        let before = self.reader().item(item.id).map_err(WriteError::Store)?;
        self.remember(Table::Items, item.id, Some(item.id))?;
        let mut values = item_values(item);
        values.push((":id", Value::Integer(item.id)));
        values.push((":now", Value::Integer(self.now)));
        // Every column the item carries is set again (its kind never changes, so it stays).
        let sets = ITEM_WRITTEN
            .split(", ")
            .map(|column| format!("{column} = :{column}"))
            .collect::<Vec<_>>()
            .join(", ");
        self.execute_named(
            &format!(
                "UPDATE items SET {sets}, updated_at = MAX(:now, updated_at + 1) WHERE id = :id"
            ),
            &values,
        )?;
        // The person before and after, where that version is one of their answers.
        let people: Vec<i64> = [before.as_ref(), Some(item)]
            .into_iter()
            .flatten()
            .filter(|i| counts_as_an_answer(i))
            .filter_map(|i| i.person_id)
            .collect();
        for person in people {
            self.refresh_reply_median(person)?;
        }
        Ok(())
    }

    /// Log a follow-up on an item. Returns its id.
    pub fn add_follow_up(
        &mut self,
        item_id: i64,
        at: &Moment,
        channel: Channel,
        note: &str,
    ) -> std::result::Result<i64, WriteError> {
        self.tx
            .prepare_cached(
                "INSERT INTO follow_ups (uuid, item_id, at, channel, note, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    super::new_uuid(),
                    item_id,
                    at.timestamp(),
                    channel.as_str(),
                    note,
                    self.now
                ])
            })
            .map_err(|e| self.sql(e))?;
        let id = self.tx.last_insert_rowid();
        self.remember_new(Table::FollowUps, id, Some(item_id))?;
        self.remember(Table::Items, item_id, Some(item_id))?;
        self.tx
            .execute(
                "UPDATE items SET last_via = ?2 WHERE id = ?1",
                params![item_id, channel.as_str()],
            )
            .map_err(|e| self.sql(e))?;
        Ok(id)
    }

    /// Run one cached statement with named parameters.
    fn execute_named(
        &self,
        sql: &str,
        values: &[(&'static str, Value)],
    ) -> std::result::Result<(), WriteError> {
        execute_named(&self.tx, sql, values).map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Keep the person's usual reply time current (it orders the attention queue).
    fn refresh_reply_median(&mut self, person_id: i64) -> std::result::Result<(), WriteError> {
        let median = self
            .reader()
            .reply_median(person_id)
            .map_err(WriteError::Store)?
            .map(|d| d.num_seconds());
        let current: Option<i64> = self
            .reader()
            .maybe_value(
                "SELECT reply_median_secs FROM people WHERE id = ?1",
                [person_id],
            )
            .map_err(WriteError::Store)?
            .flatten();
        if current != median {
            self.remember(Table::People, person_id, None)?;
            self.tx
                .execute(
                    "UPDATE people SET reply_median_secs = ?2 WHERE id = ?1",
                    params![person_id, median],
                )
                .map_err(|e| self.sql(e))?;
        }
        Ok(())
    }
}

/// Whether the item is one of the answers its person's usual reply time is taken from (the rows
/// `items::REPLY_TIMES` reads): an ask received, with the times it was asked and answered.
fn counts_as_an_answer(item: &Item) -> bool {
    item.kind == Kind::Ask
        && item.status == Status::Received
        && item.asked_at.is_some()
        && item.closed_at.is_some()
}
