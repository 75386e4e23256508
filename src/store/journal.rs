//! The journal: every write records the rows it touches as they were before, so `undo` can put
//! them back exactly, and an item's history can be read back.

use rusqlite::types::ValueRef;
use rusqlite::{OptionalExtension, params};
use serde_json::{Map, Number, Value};

use super::{Reader, Result, StoreError, WriteError, Writer};
use crate::when::Moment;

/// The tables a write may touch (a closed list: table names are never built from input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    People,
    Items,
    FollowUps,
    Critiques,
    Favors,
    Checkins,
    Sprints,
    Reflections,
    Reviews,
    MailReplies,
}

impl Table {
    const ALL: [Table; 10] = [
        Table::People,
        Table::Items,
        Table::FollowUps,
        Table::Critiques,
        Table::Favors,
        Table::Checkins,
        Table::Sprints,
        Table::Reflections,
        Table::Reviews,
        Table::MailReplies,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::People => "people",
            Table::Items => "items",
            Table::FollowUps => "follow_ups",
            Table::Critiques => "critiques",
            Table::Favors => "favors",
            Table::Checkins => "checkins",
            Table::Sprints => "sprints",
            Table::Reflections => "reflections",
            Table::Reviews => "reviews",
            Table::MailReplies => "mail_replies",
        }
    }

    fn from_name(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }
}

impl Writer<'_> {
    /// Record `row_id` of `table` as it is now, before the caller changes it (or, when it does not
    /// exist yet, that undo must delete it). Call before every insert, update or delete.
    pub(crate) fn remember(
        &mut self,
        table: Table,
        row_id: i64,
        item_id: Option<i64>,
    ) -> std::result::Result<(), WriteError> {
        let before = snapshot(self, table, row_id)?;
        self.change(table, row_id, item_id, before)
    }

    /// Record that a row was just created (undo deletes it). Call right after the insert.
    pub(crate) fn remember_new(
        &mut self,
        table: Table,
        row_id: i64,
        item_id: Option<i64>,
    ) -> std::result::Result<(), WriteError> {
        self.change(table, row_id, item_id, None)
    }

    /// One journal change: the row as it was before (None: undo deletes it).
    fn change(
        &mut self,
        table: Table,
        row_id: i64,
        item_id: Option<i64>,
        before: Option<String>,
    ) -> std::result::Result<(), WriteError> {
        let journal_id = self.journal_entry(item_id)?;
        self.seq += 1;
        self.tx
            .execute(
                "INSERT INTO journal_changes (journal_id, seq, tbl, row_id, before) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![journal_id, self.seq, table.name(), row_id, before],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Set the line the history and `undo` show for this write ("Done: Ask 12 · Dana · quotes").
    pub fn describe(&mut self, summary: &str) -> std::result::Result<(), WriteError> {
        let journal_id = self.journal_entry(None)?;
        self.tx
            .execute(
                "UPDATE journal SET summary = ?1 WHERE id = ?2",
                params![summary, journal_id],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    fn journal_entry(&mut self, item_id: Option<i64>) -> std::result::Result<i64, WriteError> {
        if let Some(id) = self.journal_id {
            if let Some(item) = item_id {
                self.tx
                    .execute(
                        "UPDATE journal SET item_id = ?1 WHERE id = ?2 AND item_id IS NULL",
                        params![item, id],
                    )
                    .map_err(|e| self.sql(e))?;
            }
            return Ok(id);
        }
        self.tx
            .execute(
                "INSERT INTO journal (at, action, summary, item_id) VALUES (?1, ?2, ?2, ?3)",
                params![self.now, self.action, item_id],
            )
            .map_err(|e| self.sql(e))?;
        let id = self.tx.last_insert_rowid();
        self.journal_id = Some(id);
        Ok(id)
    }

    /// Undo the latest write not yet undone: put every row it touched back as it was.
    pub fn undo_last(&mut self) -> std::result::Result<Option<Undone>, WriteError> {
        let reader = self.reader();
        let last = reader.row(
            "SELECT id, action, summary, at FROM journal WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| {
                Ok((
                    r.get::<i64>("id")?,
                    Undone {
                        action: r.get("action")?,
                        summary: r.get("summary")?,
                        at: r.time("at")?,
                        kept: 0,
                    },
                ))
            },
        )?;
        let Some((journal_id, mut undone)) = last else {
            return Ok(None);
        };
        let changes = reader.rows(
            "SELECT seq, tbl, row_id, before FROM journal_changes WHERE journal_id = ?1 ORDER BY seq DESC",
            [journal_id],
            |r| {
                Ok((
                    r.get::<i64>("seq")?,
                    r.get::<String>("tbl")?,
                    r.get::<i64>("row_id")?,
                    r.get::<Option<String>>("before")?,
                ))
            },
        )?;
        for (seq, table, row_id, before) in changes {
            let Some(table) = Table::from_name(&table) else {
                continue;
            };
            // What redo would put back: the row as it is now, kept only once it is restored.
            let after = snapshot(self, table, row_id)?;
            // A row a sync wrote after this entry holds another machine's later change: undo
            // leaves it (and says so) rather than put back what it replaced.
            if self.synced_since(table, row_id, journal_id)? {
                undone.kept += 1;
                continue;
            }
            if undone.kept == 0 {
                restore(self, table, row_id, before.as_deref())?;
                self.restored(journal_id, seq, after.as_deref())?;
                continue;
            }
            // A row kept above may still need this one (an ask another machine changed keeps
            // the person it names): what cannot be put back without breaking it stays too.
            let savepoint = |sql: &str| self.tx.execute_batch(sql).map_err(|e| self.sql(e));
            savepoint("SAVEPOINT undo_row")?;
            match restore(self, table, row_id, before.as_deref()) {
                Ok(()) => {
                    savepoint("RELEASE undo_row")?;
                    self.restored(journal_id, seq, after.as_deref())?;
                }
                Err(WriteError::Store(StoreError::Sql {
                    source: rusqlite::Error::SqliteFailure(failure, _),
                    ..
                })) if failure.code == rusqlite::ErrorCode::ConstraintViolation => {
                    savepoint("ROLLBACK TO undo_row; RELEASE undo_row")?;
                    undone.kept += 1;
                }
                Err(e) => return Err(e),
            }
        }
        self.tx
            .execute(
                "UPDATE journal SET undone_at = ?1, \
                   undo_seq = (SELECT COALESCE(MAX(undo_seq), 0) + 1 FROM journal WHERE undo_seq IS NOT NULL), \
                   undo_mark = (SELECT MAX(id) FROM journal) WHERE id = ?2",
                params![self.now, journal_id],
            )
            .map_err(|e| self.sql(e))?;
        if undone.action == "import" {
            // An import may have changed many answers: the cached reply medians follow.
            self.refresh_medians_of_entry(journal_id)?;
        }
        Ok(Some(undone))
    }
}

impl Writer<'_> {
    /// Work out again the usual reply time of the people whose asks journal entry `journal_id`
    /// changed: each item's person before the entry and after it (as undo found it).
    fn refresh_medians_of_entry(&self, journal_id: i64) -> std::result::Result<(), WriteError> {
        let people: Vec<i64> = self
            .tx
            .prepare_cached(
                "SELECT DISTINCT person FROM ( \
                   SELECT json_extract(before, '$.person_id') AS person FROM journal_changes \
                     WHERE journal_id = ?1 AND tbl = 'items' \
                   UNION ALL \
                   SELECT json_extract(after, '$.person_id') FROM journal_changes \
                     WHERE journal_id = ?1 AND tbl = 'items') \
                 WHERE person IS NOT NULL",
            )
            .and_then(|mut s| {
                s.query_map([journal_id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(|e| self.sql(e))?;
        super::bulk::refresh_medians_of(&self.tx, people).map_err(|e| self.sql(e))
    }

    /// One change undo put back, with the row as it was before (for redo).
    fn restored(
        &self,
        journal_id: i64,
        seq: i64,
        after: Option<&str>,
    ) -> std::result::Result<(), WriteError> {
        self.tx
            .execute(
                "UPDATE journal_changes SET after = ?3, restored = 1 WHERE journal_id = ?1 AND seq = ?2",
                params![journal_id, seq, after],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Redo the latest undo, when nothing but redos was written since: put every row it took
    /// back as undo found it, as a write of its own (which undo takes back like any other).
    pub fn redo_last(&mut self) -> std::result::Result<Option<Undone>, WriteError> {
        let reader = self.reader();
        let last = reader.row(
            "SELECT j.id, j.action, j.summary, j.at, j.item_id FROM journal j INDEXED BY journal_undo_seq \
             WHERE j.undo_seq IS NOT NULL AND j.undone_at IS NOT NULL AND j.redone_at IS NULL \
               AND j.undo_mark IS NOT NULL \
               AND NOT EXISTS (SELECT 1 FROM journal n WHERE n.id > j.undo_mark AND n.redo_of IS NULL) \
             ORDER BY j.undo_seq DESC LIMIT 1",
            [],
            |r| {
                Ok((
                    r.get::<i64>("id")?,
                    r.get::<Option<i64>>("item_id")?,
                    Undone {
                        action: r.get("action")?,
                        summary: r.get("summary")?,
                        at: r.time("at")?,
                        kept: 0,
                    },
                ))
            },
        )?;
        // Only the latest undo can be redone: an older one waits behind it.
        let latest: Option<i64> = reader.row(
            "SELECT id FROM journal INDEXED BY journal_undo_seq \
             WHERE undo_seq IS NOT NULL AND undone_at IS NOT NULL AND redone_at IS NULL \
             ORDER BY undo_seq DESC LIMIT 1",
            [],
            |r| r.get("id"),
        )?;
        let Some((journal_id, item_id, mut redone)) = last.filter(|(id, ..)| Some(*id) == latest)
        else {
            return Ok(None);
        };
        let changes = reader.rows(
            "SELECT tbl, row_id, after FROM journal_changes \
             WHERE journal_id = ?1 AND restored = 1 ORDER BY seq",
            [journal_id],
            |r| {
                Ok((
                    r.get::<String>("tbl")?,
                    r.get::<i64>("row_id")?,
                    r.get::<Option<String>>("after")?,
                ))
            },
        )?;
        let undo_mark: i64 = reader
            .row(
                "SELECT undo_mark FROM journal WHERE id = ?1",
                [journal_id],
                |r| r.get("undo_mark"),
            )?
            .unwrap_or(journal_id);
        // The redo is journaled as what it puts back ("done", "Done: Ask 12 …").
        self.action = redone.action.clone();
        for (table, row_id, after) in changes {
            let Some(table) = Table::from_name(&table) else {
                continue;
            };
            // Another machine changed it since the undo: left as it is (and said).
            if self.synced_since(table, row_id, undo_mark)? {
                redone.kept += 1;
                continue;
            }
            self.remember(table, row_id, item_id)?;
            restore(self, table, row_id, after.as_deref())?;
        }
        if self.journal_id.is_none() {
            // Every row was changed by another machine since: nothing to put back.
            return Ok(Some(redone));
        }
        self.describe(&redone.summary)?;
        let entry = self.journal_id;
        self.tx
            .execute(
                "UPDATE journal SET redo_of = ?1 WHERE id = ?2",
                params![journal_id, entry],
            )
            .and_then(|_| {
                self.tx.execute(
                    "UPDATE journal SET redone_at = ?1 WHERE id = ?2",
                    params![self.now, journal_id],
                )
            })
            .map_err(|e| self.sql(e))?;
        if redone.action == "import" {
            self.refresh_medians_of_entry(journal_id)?;
        }
        Ok(Some(redone))
    }
}

/// What `undo` took back (or `redo` put again).
#[derive(Debug, Clone, PartialEq)]
pub struct Undone {
    pub action: String,
    pub summary: String,
    pub at: Moment,
    /// Rows it left as they are: another machine changed them since (they came with a sync).
    pub kept: u64,
}

impl Writer<'_> {
    /// Whether a sync wrote this row after journal entry `journal_id`.
    fn synced_since(
        &self,
        table: Table,
        row_id: i64,
        journal_id: i64,
    ) -> std::result::Result<bool, WriteError> {
        self.tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM sync_applied \
                   WHERE tbl = ?1 AND row_id = ?2 AND journal_id >= ?3)",
            )
            .and_then(|mut s| s.query_row(params![table.name(), row_id, journal_id], |r| r.get(0)))
            .map_err(|e| self.sql(e))
    }
}

fn snapshot(
    writer: &Writer<'_>,
    table: Table,
    row_id: i64,
) -> std::result::Result<Option<String>, WriteError> {
    snapshot_row(&writer.tx, table.name(), row_id).map_err(|e| writer.sql(e))
}

/// The row as JSON (column name → value), or None when there is no such row. `table` is one of
/// `Table`'s names, never input.
pub(crate) fn snapshot_row(
    conn: &rusqlite::Connection,
    table: &str,
    row_id: i64,
) -> rusqlite::Result<Option<String>> {
    let sql = format!("SELECT * FROM {table} WHERE id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let names: Vec<String> = stmt.column_names().iter().map(|n| n.to_string()).collect();
    stmt.query_row([row_id], |r| {
        let mut map = Map::new();
        for (i, name) in names.iter().enumerate() {
            let value = match r.get_ref(i)? {
                ValueRef::Null | ValueRef::Blob(_) => Value::Null,
                ValueRef::Integer(n) => Value::Number(n.into()),
                ValueRef::Real(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
                ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
            };
            map.insert(name.clone(), value);
        }
        Ok(Value::Object(map).to_string())
    })
    .optional()
}

fn restore(
    writer: &Writer<'_>,
    table: Table,
    row_id: i64,
    before: Option<&str>,
) -> std::result::Result<(), WriteError> {
    let name = table.name();
    let Some(before) = before else {
        writer
            .tx
            .execute(&format!("DELETE FROM {name} WHERE id = ?1"), [row_id])
            .map_err(|e| writer.sql(e))?;
        return Ok(());
    };
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(before) else {
        return Err(WriteError::Input(format!(
            "the journal entry for {name} {row_id} is unreadable"
        )));
    };
    let columns: Vec<&String> = map.keys().collect();
    let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> = columns
        .iter()
        .filter(|c| c.as_str() != "id")
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let sql = format!(
        "INSERT INTO {name} ({}) VALUES ({}) ON CONFLICT(id) DO UPDATE SET {}",
        columns
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        placeholders.join(", "),
        updates.join(", ")
    );
    let values: Vec<rusqlite::types::Value> = map
        .values()
        .map(|v| match v {
            Value::Null => rusqlite::types::Value::Null,
            Value::Number(n) => n
                .as_i64()
                .map(rusqlite::types::Value::Integer)
                .unwrap_or_else(|| rusqlite::types::Value::Real(n.as_f64().unwrap_or(0.0))),
            Value::String(s) => rusqlite::types::Value::Text(s.clone()),
            other => rusqlite::types::Value::Text(other.to_string()),
        })
        .collect();
    writer
        .tx
        .execute(&sql, rusqlite::params_from_iter(values))
        .map_err(|e| writer.sql(e))?;
    Ok(())
}

/// One line of an item's history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub at: Moment,
    pub action: String,
    pub summary: String,
}

impl Reader<'_> {
    /// What was done to an item, oldest first (undone writes left out).
    /// An item's latest `limit` history entries, the oldest of them first, and how many it has.
    pub fn history(&self, item_id: i64, limit: usize) -> Result<(Vec<HistoryEntry>, u64)> {
        let total = self.count(
            "SELECT COUNT(*) FROM journal WHERE item_id = ?1 AND undone_at IS NULL",
            [item_id],
        )?;
        let entries = self.rows(
            "SELECT * FROM (SELECT id, at, action, summary FROM journal \
               WHERE item_id = ?1 AND undone_at IS NULL ORDER BY id DESC LIMIT ?2) ORDER BY id",
            params![item_id, limit as i64],
            |r| {
                Ok(HistoryEntry {
                    at: r.time("at")?,
                    action: r.get("action")?,
                    summary: r.get("summary")?,
                })
            },
        )?;
        Ok((entries, total))
    }
}
