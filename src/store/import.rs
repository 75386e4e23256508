//! Merge an export back in, all or nothing: each record is matched by UUID (or by what its table
//! says makes it the same, `Table::SAME_AS`), the newer `updated_at` wins, and every row written
//! is journaled so that one `undo` takes the whole import back.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params};

use super::fields::{Fields, References};
pub use super::merged::Merged;
use super::merged::Outcome;
use super::rows::join_words;
use super::tables::{Table, unknown_reference};
use super::{Store, StoreError};
use crate::domain::person::name_key;
use crate::domain::{Item, Vocabulary};
use crate::exchange::{BadFile, Entry, Lists, Take, seconds};
use crate::when::Moment;

/// The page cache of an import, so an import of any size stays within 64 MB (scripts/
/// import-memory.py); 16, 32 and 64 MiB imported 100,000 items equally fast.
const IMPORT_CACHE_MIB: i64 = 16;

/// How many referred-to records' ids an import keeps at once (each person is referred to by
/// many asks): a few MB at most.
const REFERRED_KEPT: usize = 50_000;

/// How far ahead of this machine's clock a record's change time may be (clocks drift).
const CLOCK_SLACK_SECS: i64 = 5 * 60;

/// An import that failed: the file was wrong (nothing imported) or the database failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Bad(#[from] BadFile),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One merge in progress.
pub(super) struct Merge<'a, 'p> {
    pub(super) tx: Transaction<'a>,
    /// Applying what a sync brought (src/store/replica.rs): the replica's record is written as
    /// it is (no newer-wins, no clock ceiling), unjournaled, and references must already be here.
    sync: bool,
    path: std::path::PathBuf,
    merged: Merged,
    /// The journal entry that lets `undo` take the import back, made at the first write.
    journal: Option<(i64, i64)>,
    summary: String,
    now: i64,
    /// The latest change time a record of the file may have (see `not_ahead`).
    ceiling: i64,
    /// The file's UUIDs of records that already exist here under another UUID: their local ids.
    aliases: HashMap<String, i64>,
    /// Local ids of records the file refers to by UUID, found once (UUIDs are unique across
    /// tables, and no row leaves during an import).
    referred: std::cell::RefCell<HashMap<String, i64>>,
    /// The INSERT and UPDATE statements of each table, by the columns they write.
    statements: HashMap<(&'static str, bool), (Vec<&'static str>, String)>,
    /// References to records later in their own list (an item's deadline), set at the list's end.
    later: Vec<Later>,
    /// The people whose asks this merge wrote (as they were and as they are): their usual
    /// reply times are worked out again at the end.
    pub(super) touched: std::collections::BTreeSet<i64>,
    /// Records looked at so far, of `total`, for the progress callback.
    records: u64,
    total: u64,
    progress: &'p mut dyn FnMut(u64, u64),
}

impl References for Merge<'_, '_> {
    fn id_of(
        &self,
        table: &str,
        uuid: Option<&str>,
        list: &str,
        index: usize,
        field: &str,
    ) -> Result<Option<i64>, ImportError> {
        let Some(uuid) = uuid else {
            return Ok(None);
        };
        if self.sync
            && let Some(id) = self.synced_alias(table, uuid)?
        {
            return Ok(Some(id));
        }
        if let Some(id) = self.aliases.get(uuid) {
            return Ok(Some(*id));
        }
        if let Some(id) = self.referred.borrow().get(uuid) {
            return Ok(Some(*id));
        }
        match self.find(table, uuid)? {
            Some((id, _)) => {
                let mut referred = self.referred.borrow_mut();
                if referred.len() >= REFERRED_KEPT {
                    referred.clear();
                }
                referred.insert(uuid.to_string(), id);
                Ok(Some(id))
            }
            None => Err(unknown_reference(list, index, field, uuid).into()),
        }
    }

    fn later_allowed(&self) -> bool {
        !self.sync
    }
}

impl<'a, 'p> Merge<'a, 'p> {
    fn begin(
        store: &'a mut Store,
        summary: &str,
        now: &Moment,
        total: u64,
        progress: &'p mut dyn FnMut(u64, u64),
    ) -> Result<Self, ImportError> {
        let path = store.path.clone();
        let tx = store.big_write(IMPORT_CACHE_MIB)?;
        Ok(Merge {
            tx,
            sync: false,
            path,
            merged: Merged::default(),
            journal: None,
            summary: summary.to_string(),
            now: now.timestamp(),
            ceiling: now.timestamp() + CLOCK_SLACK_SECS,
            aliases: HashMap::new(),
            touched: Default::default(),
            later: Vec::new(),
            referred: std::cell::RefCell::new(HashMap::new()),
            statements: HashMap::new(),
            records: 0,
            total,
            progress,
        })
    }

    /// A merge that applies what a sync brought, in one transaction with the replica's own
    /// writes (`tx`).
    pub(super) fn for_sync(
        store: &'a mut Store,
        now: &Moment,
        progress: &'p mut dyn FnMut(u64, u64),
    ) -> Result<Self, ImportError> {
        let mut merge = Merge::begin(store, "sync", now, 0, progress)?;
        merge.sync = true;
        Ok(merge)
    }

    /// Refresh what the merged rows feed (reply medians), then commit.
    pub(super) fn finish(self) -> Result<Merged, ImportError> {
        super::bulk::refresh_medians_of(&self.tx, self.touched.iter().copied())
            .map_err(|e| self.sql(e))?;
        super::find::index_pending(&self.tx).map_err(|e| self.sql(e))?;
        super::experts::index_pending(&self.tx).map_err(|e| self.sql(e))?;
        (self.progress)(self.total, self.total);
        let Merge {
            tx, path, merged, ..
        } = self;
        tx.commit()
            .map_err(|source| StoreError::Sql { path, source })?;
        Ok(merged)
    }

    pub(super) fn sql(&self, e: rusqlite::Error) -> ImportError {
        ImportError::Store(StoreError::Sql {
            path: self.path.clone(),
            source: e,
        })
    }

    /// A record's change time from the file, kept from running ahead: one stamped in the
    /// future would win every merge against later local edits (and the same file imported again
    /// would undo them). Such times count as the file's own time (or, without one, now), the
    /// same on every import of it, and are said.
    fn not_ahead(&mut self, updated: i64) -> i64 {
        if self.sync || updated <= self.ceiling {
            return updated;
        }
        self.merged.future += 1;
        self.merged.latest = self.merged.latest.max(Some(updated));
        self.ceiling.min(self.now)
    }

    /// The local id and updated time of the row `sql` finds with `key`.
    fn find_by(&self, sql: &str, key: &str) -> Result<Option<(i64, i64)>, ImportError> {
        self.tx
            .prepare_cached(sql)
            .and_then(|mut s| {
                s.query_row([key], |r| Ok((r.get("id")?, r.get("updated_at")?)))
                    .optional()
            })
            .map_err(|e| self.sql(e))
    }

    /// The local id and updated time of the row with this UUID.
    fn find(&self, table: &str, uuid: &str) -> Result<Option<(i64, i64)>, ImportError> {
        let sql = match table {
            "people" => "SELECT id, updated_at FROM people WHERE uuid = ?1",
            "items" => "SELECT id, updated_at FROM items WHERE uuid = ?1",
            "follow_ups" => "SELECT id, updated_at FROM follow_ups WHERE uuid = ?1",
            _ => {
                return self.find_by(
                    &format!("SELECT id, updated_at FROM {table} WHERE uuid = ?1"),
                    uuid,
                );
            }
        };
        self.find_by(sql, uuid)
    }

    /// Journal a row's state before this import wrote it (None: the import created it), so that
    /// `undo` takes the whole import back.
    fn remember(
        &mut self,
        table: &str,
        row_id: i64,
        before: Option<String>,
    ) -> Result<(), ImportError> {
        if self.sync {
            // What a sync writes is the other machine's change: not this machine's to undo.
            return Ok(());
        }
        let (journal_id, seq) = match self.journal {
            Some((id, seq)) => (id, seq + 1),
            None => {
                self.tx
                    .execute(
                        "INSERT INTO journal (at, action, summary) VALUES (?1, 'import', ?2)",
                        params![self.now, self.summary],
                    )
                    .map_err(|e| self.sql(e))?;
                (self.tx.last_insert_rowid(), 1)
            }
        };
        self.journal = Some((journal_id, seq));
        self.tx
            .prepare_cached("INSERT INTO journal_changes (journal_id, seq, tbl, row_id, before) VALUES (?1, ?2, ?3, ?4, ?5)")
            .and_then(|mut s| s.execute(params![journal_id, seq, table, row_id, before]))
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// One record, merged into its table.
    fn merge_one<T: Table>(&mut self, index: usize, record: &T) -> Result<(), ImportError> {
        let by_uuid = self.find(T::LIST, record.uuid())?;
        let existing = match (by_uuid, T::SAME_AS) {
            (Some(found), _) => Some(found),
            (None, Some(sql)) => {
                let same = self.find_by(sql, &record.same_as_key())?;
                if let Some((id, _)) = same {
                    // The file's references to this record lead to the local row.
                    self.aliases.insert(record.uuid().to_string(), id);
                }
                same
            }
            (None, None) => None,
        };
        let updated = self.not_ahead(seconds(record.updated_at(), T::LIST, index, "updated_at")?);
        let (columns, later) = self.columns(index, record, updated)?;
        let outcome = self.upsert(T::LIST, existing, updated, columns)?;
        // Only a row this file wrote takes its link (an unchanged row keeps its own).
        if let Some((column, uuid, field)) = later.filter(|_| outcome != Outcome::Unchanged) {
            let row_id = match existing {
                Some((id, _)) => id,
                None => self.tx.last_insert_rowid(),
            };
            self.later.push(Later {
                table: T::LIST,
                column,
                row_id,
                uuid,
                index,
                field,
            });
        }
        Ok(())
    }

    /// A record's columns (with `updated_at`), and its reference to a record later in its list.
    #[allow(clippy::type_complexity)]
    fn columns<T: Table>(
        &mut self,
        index: usize,
        record: &T,
        updated: i64,
    ) -> Result<
        (
            Vec<(&'static str, Value)>,
            Option<(&'static str, String, &'static str)>,
        ),
        ImportError,
    > {
        let mut fields = Fields {
            merge: self,
            list: T::LIST,
            index,
            columns: Vec::new(),
            later: None,
        };
        record.write(&mut fields)?;
        let Fields {
            mut columns, later, ..
        } = fields;
        columns.push(("updated_at", Value::Integer(updated)));
        Ok((columns, later))
    }

    /// Write a record a sync brought as it is; its local row id. A record that is new here by
    /// UUID but the same as a row here (`Table::SAME_AS`: the same person made on two machines)
    /// is that row: the smaller of the two UUIDs and its record win, on every machine alike, so
    /// all of them end with the same record.
    pub(super) fn apply_synced<T: Table>(&mut self, record: &T) -> Result<i64, ImportError> {
        let updated = seconds(record.updated_at(), T::LIST, 0, "updated_at")?;
        if let Some(found) = self.find(T::LIST, record.uuid())? {
            let (columns, _) = self.columns(0, record, updated)?;
            self.upsert(T::LIST, Some(found), updated, columns)?;
            return Ok(found.0);
        }
        if let Some(sql) = T::SAME_AS
            && let Some(found) = self.find_by(sql, &record.same_as_key())?
        {
            let local: String = self
                .tx
                .query_row(
                    &format!("SELECT uuid FROM {} WHERE id = ?1", T::LIST),
                    [found.0],
                    |r| r.get(0),
                )
                .map_err(|e| self.sql(e))?;
            if record.uuid() < local.as_str() {
                let (columns, _) = self.columns(0, record, updated)?;
                self.upsert(T::LIST, Some(found), updated, columns)?;
                self.execute(
                    &format!("UPDATE {} SET uuid = ?2 WHERE id = ?1", T::LIST),
                    vec![
                        Value::Integer(found.0),
                        Value::Text(record.uuid().to_string()),
                    ],
                )?;
            }
            return Ok(found.0);
        }
        let alias = self.synced_alias(T::LIST, record.uuid())?;
        let (columns, _) = self.columns(0, record, updated)?;
        self.upsert(T::LIST, alias.map(|id| (id, 0)), updated, columns)?;
        Ok(match alias {
            Some(id) => id,
            None => self.tx.last_insert_rowid(),
        })
    }

    /// The local row a synced UUID was matched to (`apply_synced`), when it is not its own.
    fn synced_alias(&self, table: &str, uuid: &str) -> Result<Option<i64>, ImportError> {
        self.tx
            .prepare_cached(
                "SELECT row_id FROM sync_tasks WHERE uuid = ?1 AND tbl = ?2 AND waiting = 0",
            )
            .and_then(|mut s| s.query_row(params![uuid, table], |r| r.get(0)).optional())
            .map(Option::flatten)
            .map_err(|e| self.sql(e))
    }

    /// The references that waited for the end of their list, now that it is all in.
    fn link_later(&mut self) -> Result<(), ImportError> {
        for later in std::mem::take(&mut self.later) {
            let id = self.id_of(
                later.table,
                Some(&later.uuid),
                later.table,
                later.index,
                later.field,
            )?;
            let sql = format!(
                "UPDATE {} SET {} = ?2 WHERE id = ?1",
                later.table, later.column
            );
            self.execute(
                &sql,
                vec![
                    Value::Integer(later.row_id),
                    id.map_or(Value::Null, Value::Integer),
                ],
            )?;
        }
        Ok(())
    }

    /// Insert (`existing` None) or update (when newer) one row of `table` from column/value
    /// pairs. A row found here keeps its own `uuid` (it may have been matched by name or day).
    fn upsert(
        &mut self,
        table: &'static str,
        existing: Option<(i64, i64)>,
        updated_at: i64,
        columns: Vec<(&'static str, Value)>,
    ) -> Result<Outcome, ImportError> {
        // The person an item is written for; with the one it had, if it changes.
        let person = match columns.iter().find(|(c, _)| *c == "person_id") {
            Some((_, Value::Integer(person))) if table == "items" => Some(*person),
            _ => None,
        };
        let (columns, values): (Vec<&'static str>, Vec<_>) = columns
            .into_iter()
            .filter(|(column, _)| existing.is_none() || *column != "uuid")
            .unzip();
        self.records += 1;
        if self.records.is_multiple_of(1024) {
            (self.progress)(self.records, self.total);
        }
        let outcome = match existing {
            Some((_, local)) if updated_at <= local && !self.sync => Outcome::Unchanged,
            Some((id, _)) => {
                if table == "items" {
                    self.touch_person_of(id)?;
                    self.touched.extend(person);
                }
                let before =
                    super::journal::snapshot_row(&self.tx, table, id).map_err(|e| self.sql(e))?;
                self.remember(table, id, before)?;
                let sql = self.statement(table, false, columns);
                let mut params = vec![Value::Integer(id)];
                params.extend(values);
                self.execute(&sql, params)?;
                Outcome::Updated
            }
            None => {
                self.touched.extend(person);
                let sql = self.statement(table, true, columns);
                self.execute(&sql, values)?;
                self.remember(table, self.tx.last_insert_rowid(), None)?;
                Outcome::Added
            }
        };
        self.merged.add(table, outcome);
        Ok(outcome)
    }

    /// Note the person of item `id` as it is now (before it is changed or deleted).
    pub(super) fn touch_person_of(&mut self, id: i64) -> Result<(), ImportError> {
        let person: Option<i64> = self
            .tx
            .prepare_cached("SELECT person_id FROM items WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .map_err(|e| self.sql(e))?
            .flatten();
        self.touched.extend(person);
        Ok(())
    }

    /// The INSERT (`insert`) or UPDATE of `table` that writes `columns`, made once per table.
    fn statement(
        &mut self,
        table: &'static str,
        insert: bool,
        columns: Vec<&'static str>,
    ) -> String {
        if let Some((known, sql)) = self.statements.get(&(table, insert))
            && *known == columns
        {
            return sql.clone();
        }
        let sql = if insert {
            let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
            format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                columns.join(", "),
                placeholders.join(", ")
            )
        } else {
            let sets: Vec<String> = columns
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ?{}", i + 2))
                .collect();
            format!("UPDATE {table} SET {} WHERE id = ?1", sets.join(", "))
        };
        self.statements
            .insert((table, insert), (columns, sql.clone()));
        sql
    }

    fn execute(&self, sql: &str, values: Vec<Value>) -> Result<(), ImportError> {
        self.tx
            .prepare_cached(sql)
            .and_then(|mut s| s.execute(rusqlite::params_from_iter(values)))
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// The person called `name` (made when new, the first time the import names them).
    fn person_named(
        &mut self,
        name: &str,
        at: &Moment,
        known: &mut HashMap<String, i64>,
    ) -> Result<i64, ImportError> {
        let key = name_key(name);
        if let Some(id) = known.get(&key) {
            return Ok(*id);
        }
        let found: Option<i64> = self
            .tx
            .query_row("SELECT id FROM people WHERE name_key = ?1", [&key], |r| {
                r.get("id")
            })
            .optional()
            .map_err(|e| self.sql(e))?;
        let id = match found {
            Some(id) => id,
            None => {
                self.tx
                    .execute(
                        "INSERT INTO people (uuid, name, name_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                        params![super::new_uuid(), crate::domain::person::display_name(name), key, at.timestamp()],
                    )
                    .map_err(|e| self.sql(e))?;
                let id = self.tx.last_insert_rowid();
                self.remember("people", id, None)?;
                self.merged.add("people", Outcome::Added);
                id
            }
        };
        known.insert(key, id);
        Ok(id)
    }
}

/// A reference to a record that may come later in the same list, kept until the list is in.
struct Later {
    table: &'static str,
    column: &'static str,
    row_id: i64,
    uuid: String,
    index: usize,
    field: &'static str,
}

impl Take for Merge<'_, '_> {
    type Error = ImportError;

    fn record(&mut self, index: usize, record: Entry) -> Result<(), ImportError> {
        self.record_ref(index, &record)
    }

    fn record_ref(&mut self, index: usize, record: &Entry) -> Result<(), ImportError> {
        match record {
            Entry::PersonRecord(r) => self.merge_one(index, r),
            Entry::ItemRecord(r) => self.merge_one(index, r),
            Entry::FollowUpRecord(r) => self.merge_one(index, r),
            Entry::CritiqueRecord(r) => self.merge_one(index, r),
            Entry::FavorRecord(r) => self.merge_one(index, r),
            Entry::CheckinRecord(r) => self.merge_one(index, r),
            Entry::SprintRecord(r) => self.merge_one(index, r),
            Entry::ReflectionRecord(r) => self.merge_one(index, r),
        }
    }

    fn end_list(&mut self, _list: &'static str) -> Result<(), ImportError> {
        self.link_later()
    }
}

impl Store {
    /// Merge a nudge export into this database, all or nothing, as its records are read.
    /// `summary` is the line `undo` and the history show for it.
    pub fn import(
        &mut self,
        file: &mut (impl Lists + Send),
        summary: &str,
        now: &Moment,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Merged, ImportError> {
        let mut m = Merge::begin(self, summary, now, file.records(), progress)?;
        // No record of a file can have changed after the file was written: that time is the
        // ceiling of its change times (a file from a clock ahead of this one is refused).
        if let Ok(exported) = seconds(file.exported_at(), "the file", 0, "exported_at") {
            if exported > m.ceiling {
                return Err(ImportError::Bad(BadFile(format!(
                    "it says it was exported at {}, ahead of this machine's clock; one of the two \
                     clocks is wrong. Set it right, then export again",
                    file.exported_at()
                ))));
            }
            m.ceiling = exported;
        }
        crate::exchange::read_ahead(file, &mut m)?;
        m.finish()
    }

    /// Add (or update) items planned from another tool, creating their people. All or nothing.
    pub fn import_items(
        &mut self,
        items: &[(Item, Option<String>)],
        summary: &str,
        now: &Moment,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Merged, ImportError> {
        let mut m = Merge::begin(self, summary, now, items.len() as u64, progress)?;
        let mut people = HashMap::new();
        for (item, person) in items {
            let person_id = match person {
                Some(name) => Some(m.person_named(name, &item.created_at, &mut people)?),
                None => None,
            };
            let existing = m.find("items", &item.uuid)?;
            let updated = m.not_ahead(item.updated_at.timestamp());
            let time =
                |at: &Option<Moment>| at.map_or(Value::Null, |m| Value::Integer(m.timestamp()));
            let channel = item
                .channel
                .map_or(Value::Null, |c| Value::Text(c.word().into()));
            let columns = vec![
                ("uuid", Value::Text(item.uuid.clone())),
                ("kind", Value::Text(item.kind.word().into())),
                ("title", Value::Text(item.title.clone())),
                ("status", Value::Text(item.status.word().into())),
                ("person_id", person_id.map_or(Value::Null, Value::Integer)),
                ("channel", channel.clone()),
                ("asked_at", time(&item.asked_at)),
                ("need_by", time(&item.need_by)),
                ("next_check", time(&item.next_check)),
                ("due", time(&item.due)),
                ("tags", Value::Text(join_words(&item.tags))),
                ("notes", Value::Text(item.notes.clone())),
                ("last_via", channel),
                ("created_at", Value::Integer(item.created_at.timestamp())),
                ("updated_at", Value::Integer(updated)),
            ];
            m.upsert("items", existing, updated, columns)?;
        }
        m.finish()
    }
}
