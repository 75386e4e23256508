//! Which message files in a maildir folder are new since the last scan, by change time.
//!
//! A folder's position is the newest change time (ctime, in nanoseconds) of what was read. A
//! delivery creates a file (or renames it from tmp/ to new/, or new/ to cur/ with flags), and each
//! of those sets its ctime and its directory's; nothing a mail program can set by hand (unlike
//! the modification time, which offlineimap sets from the Date header). A directory whose change
//! time is older than the position has nothing new and is not even listed. Files changed at the
//! very moment of the position are read again: the suggestions they give are kept once.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// What changed in a folder since `seen`.
#[derive(Debug, Default)]
pub struct Changed {
    pub files: Vec<PathBuf>,
    /// The folder's new position (the old one when nothing changed).
    pub seen: i64,
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
/// changed at or after `seen`; every file when `seen` is None.
pub fn changed(folder: &Path, seen: Option<i64>) -> Result<Changed, FolderError> {
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
        seen: seen.unwrap_or(i64::MIN),
    };
    for dir in subfolders {
        let at = changed_at(&std::fs::metadata(&dir).map_err(io(&dir))?);
        if seen.is_some_and(|seen| at < seen) {
            continue;
        }
        out.seen = out.seen.max(at);
        for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let entry = entry.map_err(io(&dir))?;
            if entry.file_name().to_string_lossy().starts_with('.') {
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
            if seen.is_none_or(|seen| at >= seen) {
                out.seen = out.seen.max(at);
                out.files.push(entry.path());
            }
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
        let again = changed(dir.path(), Some(first.seen + 1)).expect("read");
        assert!(again.files.is_empty(), "{:?}", again.files);
        assert_eq!(again.seen, first.seen + 1, "position kept");
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(dir.path().join("new/4.host"), "From: a@b.c\r\n\r\n").expect("w");
        let next = changed(dir.path(), Some(first.seen + 1)).expect("read");
        assert_eq!(
            next.files,
            [dir.path().join("new/4.host")],
            "only the new one"
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
        assert_eq!(expand("~/Mail/INBOX", Some(home)), Path::new("/home/me/Mail/INBOX"));
        assert_eq!(expand("/var/mail", Some(home)), Path::new("/var/mail"));
    }
}
