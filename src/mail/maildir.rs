//! Which message files in a maildir folder are new since the last scan, by change time.
//!
//! A folder's position is the newest change time (ctime, in nanoseconds) of what was read. A
//! delivery creates a file (or renames it from tmp/ to new/, or new/ to cur/ with flags), and each
//! of those sets its ctime and its directory's; nothing a mail program can set by hand (unlike
//! the modification time, which offlineimap sets from the Date header). A directory that has not
//! changed since shortly before it was last listed has nothing new and is not even listed. The files changed at
//! the very moment of the position are remembered by name, so one that arrives within the same
//! clock tick after a scan is still read, and none is read twice.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

pub use crate::domain::mail::Position;

/// How far a file system's change times may trail the clock (they come from a coarse clock).
const CLOCK_MARGIN_NS: i64 = 2_000_000_000;

fn clock_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// What changed in a folder since its position.
#[derive(Debug, Default)]
pub struct Changed {
    pub files: Vec<PathBuf>,
    /// The folder's new position (the old one when nothing changed).
    pub position: Position,
}

fn changed_at(meta: &std::fs::Metadata) -> i64 {
    meta.ctime()
        .saturating_mul(1_000_000_000)
        .saturating_add(meta.ctime_nsec())
}

/// Why a folder cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{0} is not a maildir folder (it has no cur/ or new/)")]
    NotMaildir(String),
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// The message files of `folder` (its cur/ and new/; tmp/ holds deliveries not finished) that
/// changed since `position`; every file when there is none.
pub fn changed(folder: &Path, position: Option<&Position>) -> Result<Changed, FolderError> {
    let seen = position.map(|p| p.seen);
    let listed = position.map(|p| p.listed);
    let listing = clock_now() - CLOCK_MARGIN_NS;
    let read_at_seen = |name: &str| position.is_some_and(|p| p.at_seen.iter().any(|n| n == name));
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| FolderError::Io { path, source }
    };
    let subfolders: Vec<PathBuf> = ["cur", "new"]
        .iter()
        .map(|d| folder.join(d))
        .filter(|d| d.is_dir())
        .collect();
    if subfolders.is_empty() {
        return Err(FolderError::NotMaildir(folder.display().to_string()));
    }
    let mut out = Changed {
        files: Vec::new(),
        position: position.cloned().unwrap_or(Position {
            seen: i64::MIN,
            at_seen: Vec::new(),
            listed: i64::MIN,
        }),
    };
    for dir in subfolders {
        let at = changed_at(&std::fs::metadata(&dir).map_err(io(&dir))?);
        if listed.is_some_and(|listed| at < listed) {
            continue;
        }
        out.position.listed = out.position.listed.max(listing);
        for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let entry = entry.map_err(io(&dir))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            // A file gone between the listing and now (moved by the mail program) is read at
            // its new place next time.
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            if !meta.is_file() {
                continue;
            }
            let at = changed_at(&meta);
            let new = match seen {
                None => true,
                Some(seen) => at > seen || (at == seen && !read_at_seen(&name)),
            };
            if !new {
                continue;
            }
            if at > out.position.seen {
                out.position.seen = at;
                out.position.at_seen.clear();
            }
            if at == out.position.seen {
                out.position.at_seen.push(name);
            }
            out.files.push(entry.path());
        }
    }
    out.files.sort();
    Ok(out)
}

/// `~/Mail/x` with the home folder put in.
pub fn expand(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ if path == "~" => home.map(Path::to_path_buf).unwrap_or_else(|| path.into()),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn maildir() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("dir");
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir(dir.path().join(sub)).expect("sub");
        }
        dir
    }

    #[test]
    fn the_first_scan_finds_every_message_and_the_next_only_what_came() {
        let dir = maildir();
        std::fs::write(dir.path().join("cur/1.host:2,S"), "From: a@b.c\r\n\r\n").expect("w");
        std::fs::write(dir.path().join("new/2.host"), "From: a@b.c\r\n\r\n").expect("w");
        std::fs::write(dir.path().join("tmp/3.host"), "half").expect("w");
        let first = changed(dir.path(), None).expect("read");
        assert_eq!(first.files.len(), 2, "{:?}", first.files);
        let again = changed(dir.path(), Some(&first.position)).expect("read");
        assert!(again.files.is_empty(), "{:?}", again.files);
        assert_eq!(
            (again.position.seen, &again.position.at_seen),
            (first.position.seen, &first.position.at_seen),
            "position kept"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(dir.path().join("new/4.host"), "From: a@b.c\r\n\r\n").expect("w");
        let next = changed(dir.path(), Some(&first.position)).expect("read");
        assert_eq!(
            next.files,
            [dir.path().join("new/4.host")],
            "only the new one"
        );
        // Moved to cur/ with a flag by the mail program: read once more at its new name (its
        // suggestion is kept once), then not again.
        std::fs::rename(
            dir.path().join("new/4.host"),
            dir.path().join("cur/4.host:2,S"),
        )
        .expect("mv");
        let moved = changed(dir.path(), Some(&next.position)).expect("read");
        assert_eq!(moved.files, [dir.path().join("cur/4.host:2,S")]);
        let after = changed(dir.path(), Some(&moved.position)).expect("read");
        assert!(after.files.is_empty(), "{:?}", after.files);
    }

    #[test]
    fn a_folder_unchanged_since_it_was_listed_is_not_listed_again() {
        let dir = maildir();
        std::fs::write(dir.path().join("new/1.host"), "From: a@b.c\r\n\r\n").expect("w");
        let first = changed(dir.path(), None).expect("read");
        // As if the listing had been long after the file came: the folder is skipped unread.
        let later = Position {
            listed: i64::MAX,
            ..first.position.clone()
        };
        std::fs::write(dir.path().join("new/2.host"), "From: a@b.c\r\n\r\n").expect("w");
        assert!(
            changed(dir.path(), Some(&later))
                .expect("read")
                .files
                .is_empty()
        );
        assert_eq!(
            changed(dir.path(), Some(&first.position))
                .expect("read")
                .files
                .len(),
            1
        );
    }

    #[test]
    fn a_folder_that_is_not_a_maildir_is_named() {
        let dir = tempfile::tempdir().expect("dir");
        let e = changed(dir.path(), None).expect_err("not a maildir");
        assert!(e.to_string().contains("no cur/ or new/"), "{e}");
    }

    #[test]
    fn the_home_folder_is_put_in() {
        let home = Path::new("/home/me");
        assert_eq!(
            expand("~/Mail/INBOX", Some(home)),
            Path::new("/home/me/Mail/INBOX")
        );
        assert_eq!(expand("/var/mail", Some(home)), Path::new("/var/mail"));
    }
}
