//! Reaching the remote: a git repository (a bare one in a shared folder, or any URL the user's own
//! git can reach) or a taskchampion sync server, checked before the engine touches it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use taskchampion::ServerConfig;
use taskchampion::server::Server;

use super::{Remote, Settings, SyncError};

/// The branch nudge keeps its versions on: a repository's other branches are never touched.
pub const BRANCH: &str = "nudge";

/// The bare repository `sync init --folder` makes inside the folder.
pub fn folder_repository(folder: &Path) -> PathBuf {
    folder.join("nudge.git")
}

/// Wait for the git lock files in the working copy (`index.lock`, `HEAD.lock`, a branch's
/// `.lock`) to go: one younger than `STALE_AFTER` belongs to a git still finishing the work of
/// a sync that was killed; an older one was left by a git killed itself, and is removed. Only
/// called while this process holds the sync lock, so no sync of ours is using them.
pub fn wait_for_git_locks(clone: &Path) {
    let started = SystemTime::now();
    let git_dir = clone.join(".git");
    if !git_dir.exists() {
        return;
    }
    loop {
        let locks = git_locks(&git_dir);
        if locks.is_empty() {
            return;
        }
        let now = SystemTime::now();
        let waited_enough = now.duration_since(started).unwrap_or_default() >= STALE_AFTER;
        for lock in &locks {
            let age = std::fs::metadata(lock)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|at| now.duration_since(at).ok())
                .unwrap_or_default();
            if (age >= STALE_AFTER || waited_enough) && std::fs::remove_file(lock).is_ok() {
                tracing::warn!(lock = %lock.display(), "removed a git lock a killed sync left");
            }
        }
        if waited_enough {
            // One that cannot be removed is git's to report, in the words of its own error.
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A git holds its lock files for milliseconds; one this old is left over.
const STALE_AFTER: Duration = Duration::from_secs(10);

/// The lock files in a `.git` folder: its own and those under `refs`.
fn git_locks(git_dir: &Path) -> Vec<PathBuf> {
    let mut locks: Vec<PathBuf> = ["index.lock", "HEAD.lock", "config.lock", "packed-refs.lock"]
        .iter()
        .map(|name| git_dir.join(name))
        .filter(|path| path.exists())
        .collect();
    let mut folders = vec![git_dir.join("refs")];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => folders.push(path),
                Ok(_) if path.extension().is_some_and(|e| e == "lock") => locks.push(path),
                _ => {}
            }
        }
    }
    locks
}

/// The engine's working copy of a git remote, beside the database (local to this machine).
pub fn clone_path(db: &Path) -> PathBuf {
    // Absolute: the engine runs git inside it with paths it builds from it.
    let db = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
    let mut name = db.as_os_str().to_os_string();
    name.push("-sync");
    PathBuf::from(name)
}

fn git(dir: Option<&Path>, args: &[&str]) -> Result<Output, SyncError> {
    let mut command = Command::new("git");
    command
        .args(args)
        // Never wait for a password typed at a prompt nobody sees.
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
        .stdin(std::process::Stdio::null());
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    command.output().map_err(|e| {
        SyncError::Remote(format!(
            "cannot run git ({e}); a folder or git remote needs git installed (e.g. apt install git)"
        ))
    })
}

/// git's own last words on a failure ("fatal: repository '…' does not exist").
fn said(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("no message")
        .trim()
        .to_string()
}

/// Make the bare repository a folder remote lives in (`sync init --folder`).
pub fn make_folder_repository(folder: &Path) -> Result<PathBuf, SyncError> {
    let repo = folder_repository(folder);
    if repo.join("HEAD").exists() {
        return Ok(repo);
    }
    std::fs::create_dir_all(folder).map_err(|e| {
        SyncError::Config(format!("cannot make the folder {}: {e}", folder.display()))
    })?;
    let repo_text = repo.to_string_lossy().to_string();
    let output = git(None, &["init", "--quiet", "--bare", &repo_text])?;
    if !output.status.success() {
        return Err(SyncError::Config(format!(
            "cannot make a git repository in {}: {}",
            folder.display(),
            said(&output)
        )));
    }
    Ok(repo)
}

fn salt_of(meta: &[u8]) -> Option<String> {
    let meta: serde_json::Value = serde_json::from_slice(meta).ok()?;
    meta.get("salt")?.as_str().map(String::from)
}

/// The git URL a folder or git remote is reached at (None: a sync server).
pub fn git_url(settings: &Settings) -> Result<Option<String>, SyncError> {
    Ok(Some(match &settings.remote {
        Remote::Server { .. } => return Ok(None),
        Remote::Folder(folder) => {
            let repo = folder_repository(folder);
            if !repo.join("HEAD").exists() {
                return Err(SyncError::Remote(format!(
                    "{} has no nudge.git: is the folder there (mounted, synced)? On the first \
                     machine, `nudge sync init --folder {}` makes it",
                    folder.display(),
                    folder.display()
                )));
            }
            repo.to_string_lossy().to_string()
        }
        Remote::Git(url) => url.clone(),
    }))
}

/// The commit the remote's branch is at (None: nobody has synced to it yet).
pub fn head(url: &str) -> Result<Option<String>, SyncError> {
    let listed = git(None, &["ls-remote", "--heads", url, BRANCH])?;
    if !listed.status.success() {
        return Err(SyncError::Remote(format!(
            "cannot reach the git remote {url}: {}",
            said(&listed)
        )));
    }
    Ok(String::from_utf8_lossy(&listed.stdout)
        .split_whitespace()
        .next()
        .map(String::from))
}

/// The commit this machine's copy of a git remote is at.
pub fn local_head(db: &Path) -> Option<String> {
    let output = git(Some(&clone_path(db)), &["rev-parse", "HEAD"]).ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// The engine's server for `settings`, after the checks that make its errors say what they mean.
/// `git` is the git URL and the remote's head (`git_url`, `head`).
pub async fn server(
    settings: &Settings,
    git: Option<(&str, Option<&str>)>,
) -> Result<Box<dyn Server>, SyncError> {
    let Some((url, head)) = git else {
        let Remote::Server { url, client_id } = &settings.remote else {
            return Err(SyncError::Config("no sync server is set".into()));
        };
        let config = ServerConfig::Remote {
            url: url.clone(),
            client_id: *client_id,
            encryption_secret: settings.secret.clone(),
        };
        return config
            .into_server()
            .await
            .map_err(|e| SyncError::Remote(format!("cannot use the sync server {url}: {e}")));
    };
    git_server(
        url,
        head.is_some(),
        &clone_path(&settings.db),
        &settings.secret,
    )
    .await
}

async fn git_server(
    url: &str,
    remote_started: bool,
    local: &Path,
    secret: &[u8],
) -> Result<Box<dyn Server>, SyncError> {
    let is_clone = local.join(".git").exists();
    if !is_clone && local.exists() {
        // Left by a clone that was interrupted: made again below.
        let _ = std::fs::remove_dir_all(local);
    }
    if !is_clone && remote_started {
        let local_text = local.to_string_lossy().to_string();
        let cloned = git(
            None,
            &[
                "clone",
                "--quiet",
                "--branch",
                BRANCH,
                "--single-branch",
                url,
                &local_text,
            ],
        )?;
        if !cloned.status.success() {
            return Err(SyncError::Remote(format!(
                "cannot copy the git remote {url}: {}",
                said(&cloned)
            )));
        }
        // The engine commits in its copy; a machine without a git identity could not.
        for (key, value) in [("user.email", "nudge@localhost"), ("user.name", "nudge")] {
            git(Some(local), &["config", key, value])?;
        }
        if !local.join("meta").exists() {
            let _ = std::fs::remove_dir_all(local);
            return Err(SyncError::Remote(format!(
                "the git remote {url} has a `{BRANCH}` branch that is not nudge's (no TaskChampion \
                 `meta` file): it belongs to another program. Nothing was changed there or here; \
                 use a repository of nudge's own"
            )));
        }
    }
    if is_clone && remote_started {
        check_one_salt(url, local)?;
        forget_unpublished(local, "FETCH_HEAD")?;
    } else if is_clone {
        forget_unpublished(local, "HEAD")?;
    }
    let config = ServerConfig::Git {
        local_path: local.to_path_buf(),
        branch: BRANCH.into(),
        remote: Some(url.to_string()),
        local_only: false,
        encryption_secret: secret.to_vec(),
        git_path: None,
    };
    let server = config
        .into_server()
        .await
        .map_err(|e| SyncError::Remote(format!("cannot use the git remote {url}: {e}")))?;
    if !remote_started {
        // The first machine publishes the remote's key salt at once: a second machine that
        // joins later takes it, instead of making its own.
        let pushed = git(Some(local), &["push", "--quiet", url, BRANCH])?;
        if !pushed.status.success() {
            let _ = std::fs::remove_dir_all(local);
            return Err(SyncError::Remote(format!(
                "another machine set up the git remote {url} at the same moment (git said: {}). \
                 Nothing was sent; run `nudge sync` again to join what it set up",
                said(&pushed)
            )));
        }
    }
    Ok(server)
}

/// A sync killed part-way can leave this machine's copy ahead of the remote: a version file
/// written and never committed, or committed and never pushed. The engine looks for the next
/// version in its copy before it asks the remote, so it took such a version for one the other
/// machines have: this machine's changes counted as sent, and no other machine ever got them.
/// So before the engine sees the copy it is made what the remote holds (`to`: the fetched
/// branch, or the copy's own last commit while nothing is published); the changes it held are
/// still unsent in the database, which commits only at the end of a sync, and go again.
fn forget_unpublished(local: &Path, to: &str) -> Result<(), SyncError> {
    let steps: [&[&str]; 2] = [
        &["reset", "--quiet", "--hard", to],
        &["clean", "--quiet", "--force", "-d"],
    ];
    for args in steps {
        let done = git(Some(local), args)?;
        if !done.status.success() {
            return Err(SyncError::Remote(format!(
                "cannot bring this machine's copy of the remote ({}) back to what the remote \
                 holds: {}",
                local.display(),
                said(&done)
            )));
        }
    }
    Ok(())
}

/// A machine that made its own copy of the remote before the first machine had published its
/// salt encrypts with another key: what it sends nobody can read. Found before anything is sent.
fn check_one_salt(url: &str, local: &Path) -> Result<(), SyncError> {
    let fetched = git(Some(local), &["fetch", "--quiet", url, BRANCH])?;
    if !fetched.status.success() {
        return Err(SyncError::Remote(format!(
            "cannot read the git remote {url}: {}",
            said(&fetched)
        )));
    }
    let theirs = git(Some(local), &["show", "FETCH_HEAD:meta"])?;
    let ours = std::fs::read(local.join("meta")).ok();
    let (theirs, ours) = (salt_of(&theirs.stdout), ours.as_deref().and_then(salt_of));
    if theirs.is_some() && theirs != ours {
        return Err(SyncError::Remote(format!(
            "this machine joined the git remote {url} before the first machine had published it, \
             so the two encrypt with different keys and cannot read each other. Run \
             `nudge sync --rejoin` here: it joins the remote as it is and sends this machine's \
             records again (nothing here is lost)"
        )));
    }
    Ok(())
}
