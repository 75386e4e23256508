//! `nudge sync`: this database and the user's other machines, through TaskChampion, the engine
//! behind Taskwarrior 3. It carries every record as per-field operations (two machines that
//! change different fields of one record keep both; the same field, the later change wins;
//! deletions travel), encrypted, through a git remote (a bare repository in a shared folder, or
//! any URL) or a taskchampion sync server.
//!
//! An edge like `cli` and `tui`: the engine's types stay here. The replica itself lives in
//! nudge's database (`store::replica`), where the journal feeds it.

mod checked;
pub mod remote;
mod storage;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use taskchampion::{Operation, Replica, Uuid};

use crate::domain::words;
use crate::store::{Applied, Change, CommitError, Fed, Store, StoreError};
use crate::when::Moment;

/// Where this machine syncs to, and the secret every machine shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remote {
    /// A shared folder (Syncthing, Dropbox, a mounted share) holding a bare git repository.
    Folder(PathBuf),
    /// A git remote the user's own git reaches (a path, ssh or https URL).
    Git(String),
    /// A taskchampion sync server.
    Server { url: String, client_id: Uuid },
}

impl Remote {
    /// "the folder …", "the git remote …", "the sync server …".
    pub fn name(&self) -> String {
        match self {
            Remote::Folder(folder) => format!("the folder {}", folder.display()),
            Remote::Git(url) => format!("the git remote {url}"),
            Remote::Server { url, .. } => format!("the sync server {url}"),
        }
    }
}

#[derive(Clone)]
pub struct Settings {
    pub remote: Remote,
    /// The encryption secret (the same on every machine). Never printed.
    pub secret: Vec<u8>,
    /// The database: a git remote's working copy lives beside it.
    pub db: PathBuf,
}

/// Why a sync did not happen; nothing was changed locally.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The settings are wrong (exit 1).
    #[error("{0}")]
    Config(String),
    /// The database could not be used (exit 2).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The remote could not be reached, or refused, or holds what nudge cannot use (exit 3).
    #[error("{0}")]
    Remote(String),
}

impl SyncError {
    pub fn exit_code(&self) -> i32 {
        match self {
            SyncError::Config(_) => 1,
            SyncError::Store(_) => 2,
            SyncError::Remote(_) => 3,
        }
    }
}

/// What one sync did.
#[derive(Debug, Clone, Default)]
pub struct Synced {
    /// Local changes given to the replica by this sync.
    pub fed: Fed,
    /// Field changes (operations) sent: this sync's, and any an earlier one could not send.
    pub sent: u64,
    pub applied: Applied,
}

impl Synced {
    /// "Synced with the folder …: sent 2 changed records; brought items: 1 added, 2 updated."
    pub fn summary(&self, remote: &Remote) -> String {
        let synced = self;
        let applied = &synced.applied;
        let mut parts = Vec::new();
        if synced.fed.records > 0 {
            parts.push(format!(
                "sent {}",
                words::count(synced.fed.records, "changed record")
            ));
        }
        if synced.sent > synced.fed.operations {
            parts.push("sent what an earlier sync could not".into());
        }
        let brought: Vec<String> = applied
            .merged
            .counts
            .iter()
            .map(|(list, added, updated, _)| {
                let mut said = Vec::new();
                if *added > 0 {
                    said.push(format!("{added} added"));
                }
                if *updated > 0 {
                    said.push(format!("{updated} updated"));
                }
                format!("{list}: {}", said.join(", "))
            })
            .collect();
        if !brought.is_empty() {
            parts.push(format!("brought {}", brought.join(" · ")));
        }
        if applied.deleted > 0 {
            parts.push(format!(
                "{} deleted",
                words::count(applied.deleted, "record")
            ));
        }
        if applied.waiting > 0 {
            parts.push(format!(
                "{} from other machines wait for what they refer to",
                words::count(applied.waiting, "record")
            ));
        }
        if parts.is_empty() {
            parts.push("nothing to send or bring".into());
        }
        format!("Synced with {}: {}.", remote.name(), parts.join("; "))
    }
}

/// A local change as the engine's operation (JSON), or None for a UUID it cannot read.
fn encode(change: Change<'_>) -> Option<String> {
    let uuid = |text: &str| Uuid::parse_str(text).ok();
    let op = match change {
        Change::Create { uuid: u } => Operation::Create { uuid: uuid(u)? },
        Change::Update {
            uuid: u,
            field,
            old,
            new,
            at,
        } => Operation::Update {
            uuid: uuid(u)?,
            property: field.to_string(),
            old_value: old.map(String::from),
            value: new.map(String::from),
            timestamp: chrono::DateTime::from_timestamp(at, 0).unwrap_or_default(),
        },
        Change::Delete { uuid: u, old } => Operation::Delete {
            uuid: uuid(u)?,
            old_task: old.clone(),
        },
    };
    serde_json::to_string(&op).ok()
}

/// Push this database's changes and pull the other machines', in one run: local changes since
/// the last sync go to the replica, the engine syncs it with the remote, and what came back is
/// applied here in one transaction (the screen refreshes from it).
pub fn sync(store: &mut Store, settings: &Settings, now: &Moment) -> Result<Synced, SyncError> {
    let first = sync_once(store, settings, now)?;
    // A record another machine deleted but one here still refers to was kept, to be sent again
    // (see `Store::replica_resend_pending`): sent now, in the same sync, not at the next one, so
    // the other machines have it back after their next sync like any other change.
    if !store.replica_resend_pending()? {
        return Ok(first);
    }
    let again = sync_once(store, settings, now)?;
    Ok(Synced {
        fed: Fed {
            records: first.fed.records + again.fed.records,
            operations: first.fed.operations + again.fed.operations,
        },
        sent: first.sent + again.sent,
        applied: Applied {
            waiting: again.applied.waiting,
            ..first.applied
        },
    })
}

/// One push and pull.
fn sync_once(store: &mut Store, settings: &Settings, now: &Moment) -> Result<Synced, SyncError> {
    // One sync of a database at a time (the dashboard's and a shell's would share the git
    // working copy); the lock goes when this process does, however it ends.
    let lock_path = lock_path(&settings.db);
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| SyncError::Remote(format!("cannot open {}: {e}", lock_path.display())))?;
    if lock.try_lock().is_err() {
        return Err(SyncError::Remote(
            "another sync of this database is running (the dashboard's?); nothing was done. \
             Run `nudge sync` again in a moment"
                .into(),
        ));
    }
    // A sync killed while its git ran leaves that git finishing on its own, or (killed too) its
    // lock file behind, and every later commit in the working copy would fail.
    remote::wait_for_git_locks(&remote::clone_path(&settings.db));
    let fed = store.replica_feed(now, &mut encode)?;
    let status = store.replica_status()?;
    let sent = status.unsent;
    let git_url = remote::git_url(settings)?;
    let head = match &git_url {
        Some(url) => remote::head(url)?,
        None => None,
    };
    // Nothing to send, and the remote where this machine left it: nothing to do (and no key to
    // derive, the slow part of an engine sync).
    if sent == 0
        && status.waiting == 0
        && head.is_some()
        && head == status.remote_head
        && head == remote::local_head(&settings.db)
    {
        store.replica_synced(now, head.as_deref())?;
        return Ok(Synced::default());
    }
    let report = Arc::new(Mutex::new(storage::Report::default()));
    // The engine is async: a runtime of one thread, for this call only (never in the
    // dashboard's loop or a plain command's start-up).
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| SyncError::Remote(format!("cannot start the sync engine: {e}")))?;
    let engine_report = report.clone();
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        runtime.block_on(async {
            let git = git_url.as_deref().map(|url| (url, head.as_deref()));
            let inner = remote::server(settings, git).await?;
            let mut server: Box<dyn taskchampion::Server> = Box::new(checked::Checked { inner });
            let mut replica = Replica::new(storage::NudgeStorage::new(store, *now, engine_report));
            // Our own checks' errors above say what they mean; the engine's are explained below.
            Ok::<_, SyncError>(
                replica
                    .sync(&mut server, false)
                    .await
                    .map_err(|e| format!("{e:#}")),
            )
        })
    }));
    let mut report = report
        .lock()
        .map(|mut r| std::mem::take(&mut *r))
        .unwrap_or_default();
    match run {
        Err(_) => Err(SyncError::Remote(
            "the sync engine stopped on something the remote holds that it cannot read (a \
             damaged file?). Nothing was changed here"
                .into(),
        )),
        Ok(Err(ours)) => Err(ours),
        Ok(Ok(Err(engine))) => Err(match report.failure.take() {
            Some(CommitError::Store(store)) => SyncError::Store(store),
            Some(raced @ CommitError::Raced) => SyncError::Store(StoreError::Unusable {
                path: store_path(settings),
                cause: raced.to_string(),
            }),
            None => explain(&engine, settings),
        }),
        Ok(Ok(Ok(()))) => {
            let head = git_url
                .as_ref()
                .and_then(|_| remote::local_head(&settings.db));
            store.replica_synced(now, head.as_deref())?;
            if sent > 100_000 {
                store.replica_compact();
            }
            Ok(Synced {
                fed,
                sent,
                applied: report.applied.unwrap_or_default(),
            })
        }
    }
}

/// The file a running sync holds locked, beside the database.
pub fn lock_path(db: &std::path::Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push("-sync.lock");
    PathBuf::from(name)
}

fn store_path(settings: &Settings) -> PathBuf {
    settings.db.clone()
}

/// The engine's error, said as what it means and what to do.
fn explain(text: &str, settings: &Settings) -> SyncError {
    let remote = settings.remote.name();
    let message = if text.contains("unsealing") || text.contains("envelope") {
        format!(
            "cannot decrypt what {remote} holds: this machine's secret file is not the one the \
             other machines use (copy the same file to every machine and point `secret_file` \
             at it), or a file there is damaged. Nothing was changed here"
        )
    } else if let Some(at) = text.find(checked::FOREIGN) {
        format!(
            "{remote} holds records that are not nudge's ({}); it belongs to another program \
             (Taskwarrior?). Nothing was changed here or sent; use a remote of nudge's own",
            &text[at + checked::FOREIGN.len()..].trim()
        )
    } else if let Some(at) = text.find(checked::DAMAGED) {
        format!(
            "a version on {remote} is damaged ({}). Nothing was changed here",
            &text[at + checked::DAMAGED.len()..].trim()
        )
    } else if text.contains("out of sync") {
        format!(
            "this machine and {remote} no longer share a history (the remote was replaced, or \
             lost what this machine sent). Run `nudge sync --rejoin`: it joins the remote as it \
             is and sends this machine's records again (nothing here is lost)"
        )
    } else {
        format!("{remote} failed: {text}. Nothing was changed here")
    };
    SyncError::Remote(message)
}

/// Forget this machine's replica (and a git remote's working copy), so the next sync joins the
/// remote as it is and sends every record again.
pub fn rejoin(store: &mut Store, settings: &Settings) -> Result<(), SyncError> {
    let clone = remote::clone_path(&settings.db);
    if clone.exists() {
        std::fs::remove_dir_all(&clone)
            .map_err(|e| SyncError::Remote(format!("cannot remove {}: {e}", clone.display())))?;
    }
    store.replica_forget()?;
    Ok(())
}
