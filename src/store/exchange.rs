//! Export every record with UUID references, and merge an export back in: matched by UUID (people
//! also by name, reflections by day), the newer `updated_at` wins, all or nothing.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::rows::{join_words, split_words};
use super::{Reader, Result, Store, StoreError};
use crate::domain::Item;
use crate::domain::person::name_key;
use crate::exchange::{
    BadFile, CheckinRecord, CritiqueRecord, Document, FavorRecord, FollowUpRecord, ItemRecord,
    Part, PersonRecord, ReflectionRecord, SprintRecord, maybe_seconds, seconds,
};
use crate::when::Moment;

/// How far ahead of this machine's clock a record's change time may be (clocks drift).
const CLOCK_SLACK_SECS: i64 = 5 * 60;

/// How a merge went, per kind of record: (added, updated, unchanged).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    pub counts: Vec<(&'static str, u64, u64, u64)>,
    /// Records stamped as changed in the future, taken as changed now; the latest such time.
    pub future: u64,
    pub latest: Option<i64>,
}

impl Merged {
    fn add(&mut self, list: &'static str, outcome: Outcome) {
        if let Some(entry) = self.counts.iter_mut().find(|c| c.0 == list) {
            match outcome {
                Outcome::Added => entry.1 += 1,
                Outcome::Updated => entry.2 += 1,
                Outcome::Unchanged => entry.3 += 1,
            }
            return;
        }
        self.counts.push((list, 0, 0, 0));
        self.add(list, outcome);
    }

    /// "items: 3 added, 1 updated, 40 unchanged · people: …"
    pub fn line(&self) -> String {
        if self.counts.is_empty() {
            return "nothing to import".into();
        }
        let mut line = self
            .counts
            .iter()
            .map(|(list, added, updated, same)| {
                format!("{list}: {added} added, {updated} updated, {same} unchanged")
            })
            .collect::<Vec<_>>()
            .join(" · ");
        if let Some(latest) = self.latest {
            let when = chrono::DateTime::from_timestamp(latest, 0)
                .map(|t| t.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "far ahead".into());
            line.push_str(&format!(
                " · {} said {} changed in the future (as late as {when}): taken as changed when \
                 the file was written",
                crate::domain::words::count(self.future, "record"),
                if self.future == 1 {
                    "it was"
                } else {
                    "they were"
                }
            ));
        }
        line
    }

    pub fn changed(&self) -> u64 {
        self.counts.iter().map(|c| c.1 + c.2).sum()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Added,
    Updated,
    Unchanged,
}

/// Why an export stopped: the database failed, or writing the records out did.
#[derive(Debug)]
pub enum ExportStop {
    Store(StoreError),
    Write(std::io::Error),
}

/// An import that failed: the file was wrong (nothing imported) or the database failed.
#[derive(Debug)]
pub enum ImportError {
    Bad(BadFile),
    Store(StoreError),
}

impl From<BadFile> for ImportError {
    fn from(e: BadFile) -> Self {
        ImportError::Bad(e)
    }
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::Store(e)
    }
}

impl Reader<'_> {
    fn time(&self, seconds: i64) -> String {
        self.moment(seconds).to_rfc3339()
    }

    fn maybe_time(&self, seconds: Option<i64>) -> Option<String> {
        seconds.map(|s| self.time(s))
    }

    /// Everything, as a document in memory (`exported_at` is the caller's).
    pub fn export(
        &self,
        exported_at: &str,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Document> {
        let mut doc = Document {
            format: crate::exchange::FORMAT.into(),
            version: crate::exchange::VERSION,
            exported_at: exported_at.to_string(),
            ..Document::default()
        };
        let gathered = self.export_parts(
            &mut |part| {
                doc.add(part);
                Ok(())
            },
            progress,
        );
        match gathered {
            Ok(()) => Ok(doc),
            Err(ExportStop::Store(e)) => Err(e),
            Err(ExportStop::Write(e)) => Err(StoreError::Unusable {
                path: self.path.to_path_buf(),
                cause: e.to_string(),
            }),
        }
    }

    /// One list: its start, then each row read by `read` and handed to `sink` as a part.
    fn emit_list<T>(
        &self,
        name: &'static str,
        sql: &str,
        read: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
        wrap: fn(T) -> Part,
        sink: &mut dyn FnMut(Part) -> std::io::Result<()>,
        tick: &mut dyn FnMut(),
    ) -> std::result::Result<(), ExportStop> {
        let failed = |e| ExportStop::Store(self.sql(e));
        let mut stmt = self.conn.prepare(sql).map_err(failed)?;
        sink(Part::List(name)).map_err(ExportStop::Write)?;
        let rows = stmt.query_map([], read).map_err(failed)?;
        for row in rows {
            tick();
            sink(wrap(row.map_err(failed)?)).map_err(ExportStop::Write)?;
        }
        Ok(())
    }

    /// Every record, list by list, handed to `sink` one at a time: an export of any size is
    /// written without holding it all.
    pub fn export_parts(
        &self,
        sink: &mut dyn FnMut(Part) -> std::io::Result<()>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> std::result::Result<(), ExportStop> {
        let sql = |e| ExportStop::Store(self.sql(e));
        let total: i64 = self
            .conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM items) + (SELECT COUNT(*) FROM follow_ups) \
                   + (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM critiques) \
                   + (SELECT COUNT(*) FROM favors) + (SELECT COUNT(*) FROM checkins) \
                   + (SELECT COUNT(*) FROM sprints) + (SELECT COUNT(*) FROM reflections)",
                [],
                |r| r.get(0),
            )
            .map_err(sql)?;
        let total = u64::try_from(total).unwrap_or(0);
        let mut done = 0u64;
        let mut tick = || {
            done += 1;
            if done.is_multiple_of(1024) {
                progress(done, total);
            }
        };
        self.emit_list(
            "people",
            "SELECT uuid, name, team, expertise, notes, prefers, created_at, updated_at FROM people ORDER BY id",
            |r| {
                Ok(PersonRecord {
                    uuid: r.get(0)?,
                    name: r.get(1)?,
                    team: r.get(2)?,
                    expertise: split_words(&r.get::<_, String>(3)?),
                    notes: r.get(4)?,
                    prefers: r.get(5)?,
                    created_at: self.time(r.get(6)?),
                    updated_at: self.time(r.get(7)?),
                })
            },
            Part::Person,
            sink,
            &mut tick,
        )?;
        self.emit_list(
            "items",
            "SELECT i.uuid, i.kind, i.title, i.status, p.uuid, i.why, i.channel, i.asked_at, i.need_by, \
                        i.next_check, i.due, i.tags, d.uuid, i.piece, i.notes, i.decline_reason, i.last_via, \
                        i.closed_at, i.created_at, i.updated_at, i.check_by_hand \
                 FROM items i LEFT JOIN people p ON p.id = i.person_id LEFT JOIN items d ON d.id = i.deadline_id \
                 ORDER BY i.id",
            |r| {
                Ok(ItemRecord {
                    uuid: r.get(0)?,
                    kind: r.get(1)?,
                    title: r.get(2)?,
                    status: r.get(3)?,
                    person_uuid: r.get(4)?,
                    why: r.get(5)?,
                    channel: r.get(6)?,
                    asked_at: self.maybe_time(r.get(7)?),
                    need_by: self.maybe_time(r.get(8)?),
                    next_check: self.maybe_time(r.get(9)?),
                    check_by_hand: r.get(20)?,
                    due: self.maybe_time(r.get(10)?),
                    tags: split_words(&r.get::<_, String>(11)?),
                    deadline_uuid: r.get(12)?,
                    piece: r.get(13)?,
                    notes: r.get(14)?,
                    decline_reason: r.get(15)?,
                    last_via: r.get(16)?,
                    closed_at: self.maybe_time(r.get(17)?),
                    created_at: self.time(r.get(18)?),
                    updated_at: self.time(r.get(19)?),
                })
            },
            Part::Item,
            sink,
            &mut tick,
        )?;
        self.emit_list(
            "follow_ups",
            "SELECT f.uuid, i.uuid, f.at, f.channel, f.note, f.created_at, f.updated_at \
                 FROM follow_ups f JOIN items i ON i.id = f.item_id ORDER BY f.id",
            |r| {
                Ok(FollowUpRecord {
                    uuid: r.get(0)?,
                    item_uuid: r.get(1)?,
                    at: self.time(r.get(2)?),
                    channel: r.get(3)?,
                    note: r.get(4)?,
                    created_at: self.time(r.get(5)?),
                    updated_at: self.time(r.get(6)?),
                })
            },
            Part::FollowUp,
            sink,
            &mut tick,
        )?;
        self.emit_list(
            "critiques",
            "SELECT c.uuid, p.uuid, c.said, c.piece, d.uuid, c.response, x.uuid, c.at, c.created_at, c.updated_at \
                 FROM critiques c JOIN people p ON p.id = c.person_id LEFT JOIN items d ON d.id = c.deadline_id \
                 LEFT JOIN items x ON x.id = c.proofing_id ORDER BY c.id",
            |r| {
                Ok(CritiqueRecord {
                    uuid: r.get(0)?,
                    person_uuid: r.get(1)?,
                    said: r.get(2)?,
                    piece: r.get(3)?,
                    deadline_uuid: r.get(4)?,
                    response: r.get(5)?,
                    proofing_uuid: r.get(6)?,
                    at: self.time(r.get(7)?),
                    created_at: self.time(r.get(8)?),
                    updated_at: self.time(r.get(9)?),
                })
            },
            Part::Critique,
            sink,
            &mut tick,
        )?;
        self.emit_list(
            "favors",
            "SELECT f.uuid, p.uuid, f.direction, f.what, f.at, f.created_at, f.updated_at \
                 FROM favors f JOIN people p ON p.id = f.person_id ORDER BY f.id",
            |r| {
                Ok(FavorRecord {
                    uuid: r.get(0)?,
                    person_uuid: r.get(1)?,
                    direction: r.get(2)?,
                    what: r.get(3)?,
                    at: self.time(r.get(4)?),
                    created_at: self.time(r.get(5)?),
                    updated_at: self.time(r.get(6)?),
                })
            },
            Part::Favor,
            sink,
            &mut tick,
        )?;
        self.emit_list(
            "checkins",
            "SELECT c.uuid, c.at, c.stress, d.uuid, c.note, c.slowdown_secs, c.next_action, c.created_at, c.updated_at \
                 FROM checkins c LEFT JOIN items d ON d.id = c.deadline_id ORDER BY c.id",
            |r| {
                Ok(CheckinRecord {
                    uuid: r.get(0)?,
                    at: self.time(r.get(1)?),
                    stress: r.get::<_, i64>(2)?.clamp(1, 5) as u8,
                    deadline_uuid: r.get(3)?,
                    note: r.get(4)?,
                    slowdown_secs: r.get(5)?,
                    next_action: r.get(6)?,
                    created_at: self.time(r.get(7)?),
                    updated_at: self.time(r.get(8)?),
                })
            },
            Part::Checkin,
            sink,
            &mut tick,
        )?;
        self.emit_list(
            "sprints",
            "SELECT s.uuid, d.uuid, s.started_at, s.length_secs, s.ended_at, s.outcome, s.created_at, s.updated_at \
                 FROM sprints s LEFT JOIN items d ON d.id = s.deadline_id ORDER BY s.id",
            |r| {
                Ok(SprintRecord {
                    uuid: r.get(0)?,
                    deadline_uuid: r.get(1)?,
                    started_at: self.time(r.get(2)?),
                    length_secs: r.get(3)?,
                    ended_at: self.maybe_time(r.get(4)?),
                    outcome: r.get(5)?,
                    created_at: self.time(r.get(6)?),
                    updated_at: self.time(r.get(7)?),
                })
            },
            Part::Sprint,
            sink,
            &mut tick,
        )?;
        self.emit_list(
            "reflections",
            "SELECT uuid, day, went_well, stuck, first_call, stress, free_text, summary, created_at, updated_at \
                 FROM reflections ORDER BY day",
            |r| {
                let summary: String = r.get(7)?;
                Ok(ReflectionRecord {
                    uuid: r.get(0)?,
                    day: r.get(1)?,
                    went_well: r.get(2)?,
                    stuck: r.get(3)?,
                    first_call: r.get(4)?,
                    stress: r.get::<_, Option<i64>>(5)?.map(|s| s.clamp(1, 5) as u8),
                    free_text: r.get(6)?,
                    summary: serde_json::from_str(&summary).unwrap_or(serde_json::Value::Null),
                    created_at: self.time(r.get(8)?),
                    updated_at: self.time(r.get(9)?),
                })
            },
            Part::Reflection,
            sink,
            &mut tick,
        )?;
        progress(total, total);
        sink(Part::End).map_err(ExportStop::Write)
    }
}

/// One merge in progress.
struct Merge<'a, 'p> {
    tx: Transaction<'a>,
    path: std::path::PathBuf,
    merged: Merged,
    /// The journal entry that lets `undo` take the import back, made at the first write.
    journal: Option<(i64, i64)>,
    summary: String,
    now: i64,
    /// The latest change time a record of the file may have (see `not_ahead`).
    ceiling: i64,
    /// The file's UUIDs of people who already exist here under another UUID: their local ids.
    aliases: HashMap<String, i64>,
    /// Records looked at so far, of `total`, for the progress callback.
    records: u64,
    total: u64,
    progress: &'p mut dyn FnMut(u64, u64),
}

impl<'a, 'p> Merge<'a, 'p> {
    fn new(
        tx: Transaction<'a>,
        path: std::path::PathBuf,
        summary: &str,
        now: &Moment,
        total: u64,
        progress: &'p mut dyn FnMut(u64, u64),
    ) -> Self {
        Merge {
            tx,
            path,
            merged: Merged::default(),
            journal: None,
            summary: summary.to_string(),
            now: now.timestamp(),
            ceiling: now.timestamp() + CLOCK_SLACK_SECS,
            aliases: HashMap::new(),
            records: 0,
            total,
            progress,
        }
    }

    fn sql(&self, e: rusqlite::Error) -> ImportError {
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
        if updated <= self.ceiling {
            return updated;
        }
        self.merged.future += 1;
        self.merged.latest = self.merged.latest.max(Some(updated));
        self.ceiling.min(self.now)
    }

    /// The local id and updated time of the row with this UUID.
    fn find(
        &self,
        table: &str,
        uuid: &str,
    ) -> std::result::Result<Option<(i64, i64)>, ImportError> {
        self.tx
            .prepare_cached(&format!(
                "SELECT id, updated_at FROM {table} WHERE uuid = ?1"
            ))
            .and_then(|mut s| {
                s.query_row([uuid], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(|e| self.sql(e))
    }

    fn id_of(
        &self,
        table: &str,
        uuid: &Option<String>,
        list: &str,
        index: usize,
        field: &str,
    ) -> std::result::Result<Option<i64>, ImportError> {
        let Some(uuid) = uuid else {
            return Ok(None);
        };
        if let Some(id) = self.aliases.get(uuid) {
            return Ok(Some(*id));
        }
        match self.find(table, uuid)? {
            Some((id, _)) => Ok(Some(id)),
            None => Err(ImportError::Bad(BadFile(format!(
                "{list} record {}: field `{field}`: no record with UUID {uuid} in the file or the database",
                index + 1
            )))),
        }
    }

    /// Journal a row's state before this import wrote it (None: the import created it), so that
    /// `undo` takes the whole import back.
    fn remember(
        &mut self,
        table: &str,
        row_id: i64,
        before: Option<String>,
    ) -> std::result::Result<(), ImportError> {
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

    /// Insert (`existing` None) or update (when newer) one row of table `list` from column/value
    /// pairs. A row found here keeps its own `uuid` (it may have been matched by name or day).
    fn upsert(
        &mut self,
        list: &'static str,
        existing: Option<(i64, i64)>,
        updated_at: i64,
        fields: Vec<(&str, rusqlite::types::Value)>,
    ) -> std::result::Result<bool, ImportError> {
        let table = list;
        let (columns, values): (Vec<&str>, Vec<_>) = fields
            .into_iter()
            .filter(|(column, _)| existing.is_none() || *column != "uuid")
            .unzip();
        self.records += 1;
        if self.records.is_multiple_of(1024) {
            (self.progress)(self.records, self.total);
        }
        match existing {
            Some((_, local)) if updated_at <= local => {
                self.merged.add(list, Outcome::Unchanged);
                Ok(false)
            }
            Some((id, _)) => {
                let before =
                    super::journal::snapshot_row(&self.tx, table, id).map_err(|e| self.sql(e))?;
                self.remember(table, id, before)?;
                let sets: Vec<String> = columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("{c} = ?{}", i + 2))
                    .collect();
                let sql = format!("UPDATE {table} SET {} WHERE id = ?1", sets.join(", "));
                let mut params = vec![rusqlite::types::Value::Integer(id)];
                params.extend(values);
                self.tx
                    .prepare_cached(&sql)
                    .and_then(|mut s| s.execute(rusqlite::params_from_iter(params)))
                    .map_err(|e| self.sql(e))?;
                self.merged.add(list, Outcome::Updated);
                Ok(true)
            }
            None => {
                let placeholders: Vec<String> =
                    (1..=columns.len()).map(|i| format!("?{i}")).collect();
                let sql = format!(
                    "INSERT INTO {table} ({}) VALUES ({})",
                    columns.join(", "),
                    placeholders.join(", ")
                );
                self.tx
                    .prepare_cached(&sql)
                    .and_then(|mut s| s.execute(rusqlite::params_from_iter(values)))
                    .map_err(|e| self.sql(e))?;
                self.remember(table, self.tx.last_insert_rowid(), None)?;
                self.merged.add(list, Outcome::Added);
                Ok(true)
            }
        }
    }
}

fn text(value: impl Into<String>) -> rusqlite::types::Value {
    rusqlite::types::Value::Text(value.into())
}

fn maybe_text(value: &Option<String>) -> rusqlite::types::Value {
    value
        .clone()
        .map_or(rusqlite::types::Value::Null, rusqlite::types::Value::Text)
}

fn int(value: i64) -> rusqlite::types::Value {
    rusqlite::types::Value::Integer(value)
}

fn maybe_int(value: Option<i64>) -> rusqlite::types::Value {
    value.map_or(
        rusqlite::types::Value::Null,
        rusqlite::types::Value::Integer,
    )
}

fn one_of(
    value: &str,
    allowed: &[&str],
    list: &str,
    index: usize,
    field: &str,
) -> std::result::Result<(), ImportError> {
    if allowed.contains(&value) {
        return Ok(());
    }
    Err(ImportError::Bad(BadFile(format!(
        "{list} record {}: field `{field}`: \"{value}\" is not one of {}",
        index + 1,
        allowed.join(", ")
    ))))
}

const CHANNELS: [&str; 4] = ["email", "chat", "call", "in_person"];

impl Store {
    /// Merge a nudge export into this database, all or nothing.
    /// `summary` is the line `undo` and the history show for it.
    pub fn import(
        &mut self,
        doc: &Document,
        summary: &str,
        now: &Moment,
        progress: &mut dyn FnMut(u64, u64),
    ) -> std::result::Result<Merged, ImportError> {
        self.prepare_for_big_writes()?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| {
                ImportError::Store(StoreError::Sql {
                    path: path.clone(),
                    source,
                })
            })?;
        let total = [
            doc.people.len(),
            doc.items.len(),
            doc.follow_ups.len(),
            doc.critiques.len(),
            doc.favors.len(),
            doc.checkins.len(),
            doc.sprints.len(),
            doc.reflections.len(),
        ]
        .iter()
        .sum::<usize>() as u64;
        let mut m = Merge::new(tx, path, summary, now, total, progress);
        // No record of a file can have changed after the file was written: that time is the
        // ceiling of its change times (a file from a clock ahead of this one is refused).
        if let Ok(exported) = seconds(&doc.exported_at, "the file", 0, "exported_at") {
            if exported > m.ceiling {
                return Err(ImportError::Bad(BadFile(format!(
                    "it says it was exported at {}, ahead of this machine's clock; one of the two \
                     clocks is wrong. Set it right, then export again",
                    doc.exported_at
                ))));
            }
            m.ceiling = exported;
        }
        // Items whose deadline link must be set from the file: only rows this file wrote.
        let mut items_written = Vec::with_capacity(doc.items.len());
        for (i, p) in doc.people.iter().enumerate() {
            let updated = m.not_ahead(seconds(&p.updated_at, "people", i, "updated_at")?);
            let created = seconds(&p.created_at, "people", i, "created_at")?;
            if let Some(prefers) = &p.prefers {
                one_of(prefers, &CHANNELS, "people", i, "prefers")?;
            }
            // The same person made on two machines: matched by name when the UUID is new here.
            let existing = match m.find("people", &p.uuid)? {
                Some(found) => Some(found),
                None => {
                    m.tx.query_row(
                        "SELECT id, updated_at FROM people WHERE name_key = ?1",
                        [name_key(&p.name)],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()
                    .map_err(|e| m.sql(e))?
                }
            };
            let fields = vec![
                ("uuid", text(&p.uuid)),
                ("name", text(&p.name)),
                ("name_key", text(name_key(&p.name))),
                ("team", maybe_text(&p.team)),
                ("expertise", text(join_words(&p.expertise))),
                ("notes", text(&p.notes)),
                ("prefers", maybe_text(&p.prefers)),
                ("created_at", int(created)),
                ("updated_at", int(updated)),
            ];
            m.upsert("people", existing, updated, fields)?;
            if let Some((id, _)) = existing {
                // Matched by name: the file's references to this person lead to the local row.
                m.aliases.insert(p.uuid.clone(), id);
            }
        }
        for (i, r) in doc.items.iter().enumerate() {
            let l = "items";
            one_of(&r.kind, &["ask", "deadline", "proofing"], l, i, "kind")?;
            let statuses = [
                "open", "received", "declined", "dropped", "done", "missed", "to_send", "sent",
                "accepted", "proofed",
            ];
            one_of(&r.status, &statuses, l, i, "status")?;
            for channel in [&r.channel, &r.last_via].into_iter().flatten() {
                one_of(channel, &CHANNELS, l, i, "channel")?;
            }
            let person = m.id_of("people", &r.person_uuid, l, i, "person_uuid")?;
            let existing = m.find("items", &r.uuid)?;
            let updated = m.not_ahead(seconds(&r.updated_at, l, i, "updated_at")?);
            let fields = vec![
                ("uuid", text(&r.uuid)),
                ("kind", text(&r.kind)),
                ("title", text(&r.title)),
                ("status", text(&r.status)),
                ("person_id", maybe_int(person)),
                ("why", maybe_text(&r.why)),
                ("channel", maybe_text(&r.channel)),
                (
                    "asked_at",
                    maybe_int(maybe_seconds(&r.asked_at, l, i, "asked_at")?),
                ),
                (
                    "need_by",
                    maybe_int(maybe_seconds(&r.need_by, l, i, "need_by")?),
                ),
                (
                    "next_check",
                    maybe_int(maybe_seconds(&r.next_check, l, i, "next_check")?),
                ),
                ("check_by_hand", int(i64::from(r.check_by_hand))),
                ("due", maybe_int(maybe_seconds(&r.due, l, i, "due")?)),
                ("tags", text(join_words(&r.tags))),
                ("piece", maybe_text(&r.piece)),
                ("notes", text(&r.notes)),
                ("decline_reason", maybe_text(&r.decline_reason)),
                ("last_via", maybe_text(&r.last_via)),
                (
                    "closed_at",
                    maybe_int(maybe_seconds(&r.closed_at, l, i, "closed_at")?),
                ),
                (
                    "created_at",
                    int(seconds(&r.created_at, l, i, "created_at")?),
                ),
                ("updated_at", int(updated)),
            ];
            let added = existing.is_none();
            let written = m.upsert(l, existing, updated, fields)?;
            // A new row has no link yet; a row this file changed takes the file's link.
            items_written.push(written && (!added || r.deadline_uuid.is_some()));
        }
        // Deadline links once every item is in.
        for (i, r) in doc
            .items
            .iter()
            .enumerate()
            .filter(|(i, _)| items_written[*i])
        {
            let deadline = m.id_of("items", &r.deadline_uuid, "items", i, "deadline_uuid")?;
            m.tx.prepare_cached(
                "UPDATE items SET deadline_id = ?2 WHERE uuid = ?1 AND deadline_id IS NOT ?2",
            )
            .and_then(|mut s| s.execute(params![r.uuid, deadline]))
            .map_err(|e| m.sql(e))?;
        }
        for (i, r) in doc.follow_ups.iter().enumerate() {
            let l = "follow_ups";
            one_of(&r.channel, &CHANNELS, l, i, "channel")?;
            let item = m.id_of("items", &Some(r.item_uuid.clone()), l, i, "item_uuid")?;
            let existing = m.find("follow_ups", &r.uuid)?;
            let updated = m.not_ahead(seconds(&r.updated_at, l, i, "updated_at")?);
            let fields = vec![
                ("uuid", text(&r.uuid)),
                ("item_id", maybe_int(item)),
                ("at", int(seconds(&r.at, l, i, "at")?)),
                ("channel", text(&r.channel)),
                ("note", text(&r.note)),
                (
                    "created_at",
                    int(seconds(&r.created_at, l, i, "created_at")?),
                ),
                ("updated_at", int(updated)),
            ];
            m.upsert(l, existing, updated, fields)?;
        }
        for (i, r) in doc.critiques.iter().enumerate() {
            let l = "critiques";
            one_of(
                &r.response,
                &["invite", "style_guide", "fixed", "let_go"],
                l,
                i,
                "response",
            )?;
            let person = m.id_of("people", &Some(r.person_uuid.clone()), l, i, "person_uuid")?;
            let deadline = m.id_of("items", &r.deadline_uuid, l, i, "deadline_uuid")?;
            let proofing = m.id_of("items", &r.proofing_uuid, l, i, "proofing_uuid")?;
            let existing = m.find("critiques", &r.uuid)?;
            let updated = m.not_ahead(seconds(&r.updated_at, l, i, "updated_at")?);
            let fields = vec![
                ("uuid", text(&r.uuid)),
                ("person_id", maybe_int(person)),
                ("said", text(&r.said)),
                ("piece", maybe_text(&r.piece)),
                ("deadline_id", maybe_int(deadline)),
                ("response", text(&r.response)),
                ("proofing_id", maybe_int(proofing)),
                ("at", int(seconds(&r.at, l, i, "at")?)),
                (
                    "created_at",
                    int(seconds(&r.created_at, l, i, "created_at")?),
                ),
                ("updated_at", int(updated)),
            ];
            m.upsert(l, existing, updated, fields)?;
        }
        for (i, r) in doc.favors.iter().enumerate() {
            let l = "favors";
            one_of(&r.direction, &["gave", "got"], l, i, "direction")?;
            let person = m.id_of("people", &Some(r.person_uuid.clone()), l, i, "person_uuid")?;
            let existing = m.find("favors", &r.uuid)?;
            let updated = m.not_ahead(seconds(&r.updated_at, l, i, "updated_at")?);
            let fields = vec![
                ("uuid", text(&r.uuid)),
                ("person_id", maybe_int(person)),
                ("direction", text(&r.direction)),
                ("what", text(&r.what)),
                ("at", int(seconds(&r.at, l, i, "at")?)),
                (
                    "created_at",
                    int(seconds(&r.created_at, l, i, "created_at")?),
                ),
                ("updated_at", int(updated)),
            ];
            m.upsert(l, existing, updated, fields)?;
        }
        for (i, r) in doc.checkins.iter().enumerate() {
            let l = "checkins";
            if !(1..=5).contains(&r.stress) {
                return Err(ImportError::Bad(BadFile(format!(
                    "{l} record {}: field `stress`: {} is not 1 to 5",
                    i + 1,
                    r.stress
                ))));
            }
            let deadline = m.id_of("items", &r.deadline_uuid, l, i, "deadline_uuid")?;
            let existing = m.find("checkins", &r.uuid)?;
            let updated = m.not_ahead(seconds(&r.updated_at, l, i, "updated_at")?);
            let fields = vec![
                ("uuid", text(&r.uuid)),
                ("at", int(seconds(&r.at, l, i, "at")?)),
                ("stress", int(i64::from(r.stress))),
                ("deadline_id", maybe_int(deadline)),
                ("note", text(&r.note)),
                ("slowdown_secs", int(r.slowdown_secs)),
                ("next_action", text(&r.next_action)),
                (
                    "created_at",
                    int(seconds(&r.created_at, l, i, "created_at")?),
                ),
                ("updated_at", int(updated)),
            ];
            m.upsert(l, existing, updated, fields)?;
        }
        for (i, r) in doc.sprints.iter().enumerate() {
            let l = "sprints";
            one_of(
                &r.outcome,
                &["running", "finished", "stopped"],
                l,
                i,
                "outcome",
            )?;
            let deadline = m.id_of("items", &r.deadline_uuid, l, i, "deadline_uuid")?;
            let existing = m.find("sprints", &r.uuid)?;
            let updated = m.not_ahead(seconds(&r.updated_at, l, i, "updated_at")?);
            let fields = vec![
                ("uuid", text(&r.uuid)),
                ("deadline_id", maybe_int(deadline)),
                (
                    "started_at",
                    int(seconds(&r.started_at, l, i, "started_at")?),
                ),
                ("length_secs", int(r.length_secs)),
                (
                    "ended_at",
                    maybe_int(maybe_seconds(&r.ended_at, l, i, "ended_at")?),
                ),
                ("outcome", text(&r.outcome)),
                (
                    "created_at",
                    int(seconds(&r.created_at, l, i, "created_at")?),
                ),
                ("updated_at", int(updated)),
            ];
            m.upsert(l, existing, updated, fields)?;
        }
        for (i, r) in doc.reflections.iter().enumerate() {
            let l = "reflections";
            if chrono::NaiveDate::parse_from_str(&r.day, "%Y-%m-%d").is_err() {
                return Err(ImportError::Bad(BadFile(format!(
                    "{l} record {}: field `day`: \"{}\" is not YYYY-MM-DD",
                    i + 1,
                    r.day
                ))));
            }
            // One per day: the same day written on two machines is the same reflection.
            let existing = match m.find("reflections", &r.uuid)? {
                Some(found) => Some(found),
                None => {
                    m.tx.query_row(
                        "SELECT id, updated_at FROM reflections WHERE day = ?1",
                        [&r.day],
                        |row| Ok((row.get(0)?, row.get(1)?)),
                    )
                    .optional()
                    .map_err(|e| m.sql(e))?
                }
            };
            let updated = m.not_ahead(seconds(&r.updated_at, l, i, "updated_at")?);
            let fields = vec![
                ("uuid", text(&r.uuid)),
                ("day", text(&r.day)),
                ("went_well", text(&r.went_well)),
                ("stuck", text(&r.stuck)),
                ("first_call", text(&r.first_call)),
                ("stress", maybe_int(r.stress.map(i64::from))),
                ("free_text", text(&r.free_text)),
                ("summary", text(r.summary.to_string())),
                (
                    "created_at",
                    int(seconds(&r.created_at, l, i, "created_at")?),
                ),
                ("updated_at", int(updated)),
            ];
            m.upsert(l, existing, updated, fields)?;
        }
        super::bulk::refresh_medians(&m.tx).map_err(|e| m.sql(e))?;
        (m.progress)(m.total, m.total);
        let Merge {
            tx, path, merged, ..
        } = m;
        tx.commit()
            .map_err(|source| ImportError::Store(StoreError::Sql { path, source }))?;
        Ok(merged)
    }

    /// Add (or update) items planned from another tool, creating their people. All or nothing.
    pub fn import_items(
        &mut self,
        items: &[(Item, Option<String>)],
        summary: &str,
        now: &Moment,
        progress: &mut dyn FnMut(u64, u64),
    ) -> std::result::Result<Merged, ImportError> {
        self.prepare_for_big_writes()?;
        let path = self.path.clone();
        let sql = |source| StoreError::Sql {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let mut people: HashMap<String, i64> = HashMap::new();
        let total = items.len() as u64;
        let mut m = Merge::new(tx, path.clone(), summary, now, total, progress);
        for (item, person) in items {
            let person_id = match person {
                None => None,
                Some(name) => {
                    let key = name_key(name);
                    if let Some(id) = people.get(&key) {
                        Some(*id)
                    } else {
                        let found: Option<i64> = m
                            .tx
                            .query_row("SELECT id FROM people WHERE name_key = ?1", [&key], |r| {
                                r.get(0)
                            })
                            .optional()
                            .map_err(sql)?;
                        let id = match found {
                            Some(id) => id,
                            None => {
                                m.tx
                                    .execute(
                                        "INSERT INTO people (uuid, name, name_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                                        params![super::new_uuid(), crate::domain::person::display_name(name), key, item.created_at.timestamp()],
                                    )
                                    .map_err(sql)?;
                                let id = m.tx.last_insert_rowid();
                                m.remember("people", id, None)?;
                                m.merged.add("people", Outcome::Added);
                                id
                            }
                        };
                        people.insert(key, id);
                        Some(id)
                    }
                }
            };
            let existing = m.find("items", &item.uuid)?;
            let updated = m.not_ahead(item.updated_at.timestamp());
            let next_check = item.next_check.map(|c| c.timestamp());
            let fields = vec![
                ("uuid", text(&item.uuid)),
                ("kind", text(item.kind.as_str())),
                ("title", text(&item.title)),
                ("status", text(item.status.as_str())),
                ("person_id", maybe_int(person_id)),
                (
                    "channel",
                    maybe_text(&item.channel.map(|c| c.as_str().to_string())),
                ),
                ("asked_at", maybe_int(item.asked_at.map(|m| m.timestamp()))),
                ("need_by", maybe_int(item.need_by.map(|m| m.timestamp()))),
                ("next_check", maybe_int(next_check)),
                ("due", maybe_int(item.due.map(|m| m.timestamp()))),
                ("tags", text(join_words(&item.tags))),
                ("notes", text(&item.notes)),
                (
                    "last_via",
                    maybe_text(&item.channel.map(|c| c.as_str().to_string())),
                ),
                ("created_at", int(item.created_at.timestamp())),
                ("updated_at", int(updated)),
            ];
            m.upsert("items", existing, updated, fields)?;
        }
        super::bulk::refresh_medians(&m.tx).map_err(sql)?;
        (m.progress)(m.total, m.total);
        let Merge { tx, merged, .. } = m;
        tx.commit().map_err(sql)?;
        Ok(merged)
    }
}
