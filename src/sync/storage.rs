//! TaskChampion's storage, kept in nudge's own database (`store::replica`): the engine reads the
//! replica through the store, and what one of its transactions changes is held in memory and
//! written at its commit, in one SQLite transaction with applying the records to nudge's tables.
//! So no lock is held while the engine talks to the remote, and a sync killed at any point
//! leaves this database as it was before, or as it is after.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use taskchampion::server::VersionId;
use taskchampion::storage::{Storage, StorageTxn, TaskMap};
use taskchampion::{Error, Operation, Uuid};

use crate::store::{Applied, CommitError, ReplicaCommit, Started, Store, StoreError};
use crate::when::Moment;

/// What the sync learned from the store: what its commit applied, or why the store failed.
#[derive(Debug, Default)]
pub struct Report {
    pub applied: Option<Applied>,
    pub failure: Option<CommitError>,
}

pub struct NudgeStorage<'s> {
    store: &'s mut Store,
    now: Moment,
    report: Arc<Mutex<Report>>,
}

impl<'s> NudgeStorage<'s> {
    pub fn new(store: &'s mut Store, now: Moment, report: Arc<Mutex<Report>>) -> Self {
        NudgeStorage { store, now, report }
    }
}

/// The store failed: kept for the caller (exit 2), told to the engine as a database error.
fn failed(report: &Mutex<Report>, e: CommitError) -> Error {
    let message = e.to_string();
    if let Ok(mut report) = report.lock() {
        report.failure = Some(e);
    }
    Error::Database(message)
}

fn store_failed(report: &Mutex<Report>, e: StoreError) -> Error {
    failed(report, CommitError::Store(e))
}

fn operation_text(op: &Operation) -> Result<String, Error> {
    serde_json::to_string(op).map_err(|e| Error::Database(e.to_string()))
}

struct Txn<'a> {
    store: &'a mut Store,
    now: Moment,
    report: Arc<Mutex<Report>>,
    started: Started,
    /// Records set or deleted in this transaction.
    records: HashMap<Uuid, Option<TaskMap>>,
    base: Option<VersionId>,
    sent: bool,
    added: Vec<Operation>,
    working_set: Vec<Option<Uuid>>,
    /// The engine is renumbering its working set (after every sync), which reads every task
    /// to find Taskwarrior's pending ones: nudge has none, so that read is skipped.
    renumbering: bool,
}

#[async_trait]
impl Storage for NudgeStorage<'_> {
    async fn txn<'a>(&'a mut self) -> Result<Box<dyn StorageTxn + Send + 'a>, Error> {
        let started = self
            .store
            .replica_started()
            .map_err(|e| store_failed(&self.report, e))?;
        Ok(Box::new(Txn {
            store: self.store,
            now: self.now,
            report: self.report.clone(),
            started,
            records: HashMap::new(),
            base: None,
            sent: false,
            added: Vec::new(),
            // The engine's working set numbers tasks for Taskwarrior's command line; nudge has
            // its own ids, so it is only kept for the transaction.
            working_set: vec![None],
            renumbering: false,
        }))
    }
}

impl Txn<'_> {
    fn record(&mut self, uuid: Uuid) -> Result<Option<TaskMap>, Error> {
        if let Some(record) = self.records.get(&uuid) {
            return Ok(record.clone());
        }
        self.store
            .replica_record(&uuid.to_string())
            .map_err(|e| store_failed(&self.report, e))
    }
}

#[async_trait]
impl StorageTxn for Txn<'_> {
    async fn get_task(&mut self, uuid: Uuid) -> Result<Option<TaskMap>, Error> {
        self.record(uuid)
    }

    async fn get_pending_tasks(&mut self) -> Result<Vec<(Uuid, TaskMap)>, Error> {
        // "Pending" is Taskwarrior's status; no nudge record has it.
        Ok(Vec::new())
    }

    async fn create_task(&mut self, uuid: Uuid) -> Result<bool, Error> {
        if self.record(uuid)?.is_some() {
            return Ok(false);
        }
        self.records.insert(uuid, Some(TaskMap::new()));
        Ok(true)
    }

    async fn set_task(&mut self, uuid: Uuid, task: TaskMap) -> Result<(), Error> {
        self.records.insert(uuid, Some(task));
        Ok(())
    }

    async fn delete_task(&mut self, uuid: Uuid) -> Result<bool, Error> {
        let existed = self.record(uuid)?.is_some();
        self.records.insert(uuid, None);
        Ok(existed)
    }

    async fn all_tasks(&mut self) -> Result<Vec<(Uuid, TaskMap)>, Error> {
        if self.renumbering {
            return Ok(Vec::new());
        }
        let mut all: HashMap<Uuid, TaskMap> = self
            .store
            .replica_records()
            .map_err(|e| store_failed(&self.report, e))?
            .into_iter()
            .filter_map(|(uuid, fields)| Uuid::parse_str(&uuid).ok().map(|u| (u, fields)))
            .collect();
        for (uuid, record) in &self.records {
            match record {
                Some(fields) => all.insert(*uuid, fields.clone()),
                None => all.remove(uuid),
            };
        }
        Ok(all.into_iter().collect())
    }

    async fn all_task_uuids(&mut self) -> Result<Vec<Uuid>, Error> {
        Ok(self
            .all_tasks()
            .await?
            .into_iter()
            .map(|(uuid, _)| uuid)
            .collect())
    }

    async fn base_version(&mut self) -> Result<VersionId, Error> {
        if let Some(base) = self.base {
            return Ok(base);
        }
        Ok(self
            .started
            .base
            .as_deref()
            .and_then(|b| Uuid::parse_str(b).ok())
            .unwrap_or_default())
    }

    async fn set_base_version(&mut self, version: VersionId) -> Result<(), Error> {
        self.base = Some(version);
        Ok(())
    }

    async fn get_task_operations(&mut self, _uuid: Uuid) -> Result<Vec<Operation>, Error> {
        // Sent operations are not kept (nudge's journal is the history).
        Ok(Vec::new())
    }

    async fn unsynced_operations(&mut self) -> Result<Vec<Operation>, Error> {
        if self.sent {
            return Ok(Vec::new());
        }
        let mut ops = Vec::new();
        for text in self
            .store
            .replica_unsent()
            .map_err(|e| store_failed(&self.report, e))?
        {
            ops.push(serde_json::from_str(&text).map_err(|e| Error::Database(e.to_string()))?);
        }
        ops.extend(self.added.iter().cloned());
        Ok(ops)
    }

    async fn num_unsynced_operations(&mut self) -> Result<usize, Error> {
        Ok(self.unsynced_operations().await?.len())
    }

    async fn add_operation(&mut self, op: Operation) -> Result<(), Error> {
        self.added.push(op);
        Ok(())
    }

    async fn remove_operation(&mut self, _op: Operation) -> Result<(), Error> {
        Err(Error::Usage(
            "nudge undoes through its own journal, not the engine's".into(),
        ))
    }

    async fn sync_complete(&mut self) -> Result<(), Error> {
        self.sent = true;
        self.added.clear();
        Ok(())
    }

    async fn get_working_set(&mut self) -> Result<Vec<Option<Uuid>>, Error> {
        // Only the working set's rebuild asks for it (a sync's transaction never does).
        self.renumbering = true;
        Ok(self.working_set.clone())
    }

    async fn add_to_working_set(&mut self, uuid: Uuid) -> Result<usize, Error> {
        self.working_set.push(Some(uuid));
        Ok(self.working_set.len() - 1)
    }

    async fn set_working_set_item(
        &mut self,
        index: usize,
        uuid: Option<Uuid>,
    ) -> Result<(), Error> {
        if let Some(slot) = self.working_set.get_mut(index) {
            *slot = uuid;
        }
        Ok(())
    }

    async fn clear_working_set(&mut self) -> Result<(), Error> {
        self.working_set = vec![None];
        Ok(())
    }

    async fn is_empty(&mut self) -> Result<bool, Error> {
        if !self.records.is_empty() || self.base.is_some() || !self.added.is_empty() {
            return Ok(false);
        }
        self.store
            .replica_is_empty()
            .map_err(|e| store_failed(&self.report, e))
    }

    async fn commit(&mut self) -> Result<(), Error> {
        let changed = !self.records.is_empty() || self.base.is_some() || self.sent;
        if !changed && self.added.is_empty() {
            return Ok(());
        }
        let mut added = Vec::new();
        for op in &self.added {
            added.push(operation_text(op)?);
        }
        let commit = ReplicaCommit {
            records: self
                .records
                .drain()
                .map(|(uuid, record)| (uuid.to_string(), record))
                .collect(),
            base: self.base.map(|b| b.to_string()),
            sent: self.sent,
            added,
        };
        match self.store.replica_commit(&self.started, commit, &self.now) {
            Ok(applied) => {
                if let Ok(mut report) = self.report.lock() {
                    report.applied = Some(applied);
                }
                Ok(())
            }
            Err(e) => Err(failed(&self.report, e)),
        }
    }
}
