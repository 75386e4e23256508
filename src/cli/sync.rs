//! `nudge sync`, `nudge sync status` and `nudge sync init`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::SyncInitArgs;
use super::{Failure, Handled, Session, say};
use crate::config::SyncConfig;
use crate::domain::words;
use crate::ops::OpError;
use crate::sync::{self, Remote, Settings, SyncError};

/// The secret file `sync init` makes when none is given, beside the config file.
const SECRET_NAME: &str = "sync-secret";

/// A sync failure: said on stderr, with its exit code (1 settings, 2 database, 3 remote).
fn failed(error: SyncError) -> Failure {
    match error {
        SyncError::Store(e) => Failure::Op(OpError::Store(e)),
        other => {
            tracing::warn!(error = %other, "sync");
            eprintln!("nudge: {}", crate::text::terminal_safe(&other.to_string()));
            Failure::Exit(other.exit_code())
        }
    }
}

/// A path in the settings file: relative ones are beside it.
fn beside(config_file: &Path, path: &str) -> PathBuf {
    let path = PathBuf::from(path);
    if path.is_absolute() {
        return path;
    }
    config_file
        .parent()
        .map(|dir| dir.join(&path))
        .unwrap_or(path)
}

/// Where to sync to and the secret, from `[sync]`; None when sync is not set up.
pub fn settings(
    config: &SyncConfig,
    config_file: &Path,
    db: &Path,
) -> Result<Option<Settings>, SyncError> {
    let bad = |why: String| SyncError::Config(format!("{}: [sync]: {why}", config_file.display()));
    let remote = match (&config.folder, &config.git, &config.server) {
        (None, None, None) => return Ok(None),
        (Some(folder), None, None) => Remote::Folder(beside(config_file, folder)),
        (None, Some(git), None) => Remote::Git(git.clone()),
        (None, None, Some(url)) => {
            let id = config
                .client_id
                .as_deref()
                .ok_or_else(|| bad("a server needs client_id (your id on it, a UUID)".into()))?;
            let client_id = uuid::Uuid::parse_str(id)
                .map_err(|_| bad(format!("client_id {id:?} is not a UUID")))?;
            Remote::Server {
                url: url.clone(),
                client_id,
            }
        }
        _ => return Err(bad("give one of folder, git or server, not several".into())),
    };
    let secret_file = beside(
        config_file,
        config.secret_file.as_deref().unwrap_or(SECRET_NAME),
    );
    let secret = std::fs::read(&secret_file).map_err(|e| {
        bad(format!(
            "cannot read the secret file {}: {e} (copy it from the machine that made it)",
            secret_file.display()
        ))
    })?;
    let secret = secret.trim_ascii().to_vec();
    if secret.is_empty() {
        return Err(bad(format!(
            "the secret file {} is empty",
            secret_file.display()
        )));
    }
    Ok(Some(Settings {
        remote,
        secret,
        db: db.to_path_buf(),
    }))
}

fn not_set_up() -> SyncError {
    SyncError::Config(
        "sync is not set up: `nudge sync init --folder DIR` (a shared folder), `--git URL` or \
         `--server URL` sets it up"
            .into(),
    )
}

pub fn sync(session: &mut Session, out: &mut dyn Write, rejoin: bool) -> Handled {
    let settings = settings(
        &session.config.sync,
        &session.config_source.path,
        &session.db_path,
    )
    .map_err(failed)?
    .ok_or_else(|| failed(not_set_up()))?;
    let now = session.ctx.now;
    let store = session.store()?;
    if rejoin {
        sync::rejoin(store, &settings).map_err(failed)?;
    }
    let synced = sync::sync(store, &settings, &now).map_err(failed)?;
    say(out, &synced.summary(&settings.remote))
}

pub fn status(session: &mut Session, out: &mut dyn Write) -> Handled {
    let settings = settings(
        &session.config.sync,
        &session.config_source.path,
        &session.db_path,
    )
    .map_err(failed)?;
    let Some(settings) = settings else {
        return say(
            out,
            "Sync is not set up (`nudge sync init --folder DIR`, `--git URL` or `--server URL`).",
        );
    };
    let now = session.ctx.now;
    let status = session.store()?.replica_status()?;
    say(out, &format!("Syncs with {}.", settings.remote.name()))?;
    let last_at = status
        .last_sync
        .and_then(|at| chrono::DateTime::from_timestamp(at, 0))
        .map(|at| at.with_timezone(&now.timezone()));
    let last = match last_at {
        Some(at) => format!("Last sync: {}.", words::day_time(&at, &now)),
        None => "Never synced yet.".into(),
    };
    say(out, &last)?;
    let pending = if status.unfed_rows + status.unsent == 0 {
        "Nothing waits to be sent.".to_string()
    } else if status.unsent == 0 {
        format!(
            "Waiting to be sent: {} changed here.",
            words::count(status.unfed_rows, "record")
        )
    } else {
        format!(
            "Waiting to be sent: {} changed here, {} not yet sent.",
            words::count(status.unfed_rows, "record"),
            words::count(status.unsent, "change")
        )
    };
    say(out, &pending)?;
    if status.waiting > 0 {
        say(
            out,
            &format!(
                "{} from other machines wait for a record they refer to (it comes with a later sync).",
                words::count(status.waiting, "record")
            ),
        )?;
    }
    Ok(())
}

/// Make the secret file (random, readable only by the user), or keep the one there.
fn make_secret(path: &Path) -> Result<bool, SyncError> {
    if path.exists() {
        return Ok(false);
    }
    let random: String = (0..2)
        .map(|_| uuid::Uuid::new_v4().simple().to_string())
        .collect();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            SyncError::Config(format!("cannot make the folder {}: {e}", dir.display()))
        })?;
    }
    let cannot = |e: std::io::Error| {
        SyncError::Config(format!(
            "cannot write the secret file {}: {e}",
            path.display()
        ))
    };
    // Whole or not at all: a process killed part-way leaves no empty or half secret that a
    // later `sync init` would keep.
    match crate::temporary::create_whole(path, format!("{random}\n").as_bytes()) {
        Ok(()) => Ok(true),
        // Another `sync init` made it meanwhile: that one is kept.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(cannot(e)),
    }
}

fn toml_text(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Runs before the settings are read (the file may not be there yet, or not have [sync]).
pub fn init(config_file: &Path, out: &mut dyn Write, args: &SyncInitArgs) -> Handled {
    let config_file = config_file.to_path_buf();
    let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut body = String::new();
    let what = if let Some(folder) = &args.folder {
        let folder = absolute(folder);
        let repo = sync::remote::make_folder_repository(&folder).map_err(failed)?;
        body.push_str(&format!(
            "folder = {}\n",
            toml_text(&folder.to_string_lossy())
        ));
        format!(
            "the folder {} (nudge keeps a git repository there: {})",
            folder.display(),
            repo.display()
        )
    } else if let Some(git) = &args.git {
        // A repository on this machine is named by its full path: git runs in other folders.
        let git = if Path::new(git).exists() {
            absolute(Path::new(git)).to_string_lossy().to_string()
        } else {
            git.clone()
        };
        let git = &git;
        body.push_str(&format!("git = {}\n", toml_text(git)));
        format!("the git remote {git}")
    } else if let Some(url) = &args.server {
        let client_id = match &args.client_id {
            Some(id) => uuid::Uuid::parse_str(id)
                .map_err(|_| {
                    failed(SyncError::Config(format!(
                        "--client-id {id:?} is not a UUID (use the same id on every machine)"
                    )))
                })?
                .to_string(),
            None => uuid::Uuid::new_v4().to_string(),
        };
        body.push_str(&format!(
            "server = {}\nclient_id = {}\n",
            toml_text(url),
            toml_text(&client_id)
        ));
        format!("the sync server {url} as client {client_id} (use this id on every machine)")
    } else {
        return Err(failed(not_set_up()));
    };
    let (secret, made) = match &args.secret_file {
        Some(file) => {
            let file = absolute(file);
            let readable = std::fs::read(&file).map(|s| !s.trim_ascii().is_empty());
            if !matches!(readable, Ok(true)) {
                return Err(failed(SyncError::Config(format!(
                    "--secret-file {}: cannot read a secret there (copy the file from the machine \
                     that made it)",
                    file.display()
                ))));
            }
            (file, false)
        }
        None => {
            let file = beside(&config_file, SECRET_NAME);
            let made = make_secret(&file).map_err(failed)?;
            (file, made)
        }
    };
    body.push_str(&format!(
        "secret_file = {}\n",
        toml_text(&secret.to_string_lossy())
    ));
    body.push_str("on_start = false\non_quit = false\nevery_minutes = 0\n");
    crate::config::add_table(&config_file, "sync", &body)
        .map_err(|e| failed(SyncError::Config(e.to_string())))?;
    say(
        out,
        &format!("Sync set up in {}: {what}.", config_file.display()),
    )?;
    let secret_line = if made {
        format!(
            "The secret is in {} (made now, readable only by you): copy it to your other \
             machines and give it there with --secret-file.",
            secret.display()
        )
    } else {
        format!("The secret is {}.", secret.display())
    };
    say(out, &secret_line)?;
    say(
        out,
        "Run `nudge sync` now, then on each other machine after its own `nudge sync init`.",
    )
}
