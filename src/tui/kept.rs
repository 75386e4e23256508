//! Lines that were being typed when the dashboard stopped (a panic, a signal): kept in a small
//! file beside the log, and offered again the next time the dashboard opens on that database.
//!
//! The file is JSON, 0600 in a 0700 folder, replaced whole (a temporary file renamed over it), so
//! a crash while keeping a line never loses the lines kept before it.

use std::fs::{self, DirBuilder, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One line that was open, and what it was for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptLine {
    /// The database the dashboard had open (a line is offered only on the same one).
    pub db: PathBuf,
    /// What the line was for, as `Purpose::key` writes it ("ask", "edit 7").
    pub purpose: String,
    pub text: String,
}

/// The file the kept lines live in: `$XDG_STATE_HOME/nudge/kept-lines.json`.
pub fn default_path() -> Option<PathBuf> {
    crate::log::path().map(|log| log.with_file_name("kept-lines.json"))
}

/// Add `line` to the kept lines in `file`.
pub fn keep(file: &Path, mut line: KeptLine) -> std::io::Result<()> {
    line.db = same_file(&line.db);
    let mut lines = read(file);
    if !lines.contains(&line) {
        lines.push(line);
    }
    write(file, &lines)
}

/// Take out the lines kept for `db` (newest last); the others stay for their own database.
pub fn take(file: &Path, db: &Path) -> Vec<KeptLine> {
    let lines = read(file);
    if lines.is_empty() {
        return lines;
    }
    let db = same_file(db);
    let (mine, others): (Vec<KeptLine>, Vec<KeptLine>) =
        lines.into_iter().partition(|line| line.db == db);
    if !mine.is_empty() {
        let written = if others.is_empty() {
            fs::remove_file(file)
        } else {
            write(file, &others)
        };
        if let Err(e) = written {
            tracing::warn!(error = %e, file = %file.display(), "kept lines could not be taken out");
        }
    }
    mine
}

/// One name for one file, however it was reached (`./nudge.db`, a link).
fn same_file(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn read(file: &Path) -> Vec<KeptLine> {
    match fs::read(file) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            tracing::warn!(error = %e, file = %file.display(), "kept lines unreadable");
            Vec::new()
        }),
        Err(_) => Vec::new(),
    }
}

fn write(file: &Path, lines: &[KeptLine]) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    }
    let json = serde_json::to_vec_pretty(lines).map_err(std::io::Error::other)?;
    crate::temporary::remove_abandoned(file, "new", &[]);
    let temporary = crate::temporary::beside(file, "new");
    let mut out = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&temporary)?;
    out.write_all(&json)?;
    out.sync_all()?;
    fs::rename(&temporary, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(db: &str, text: &str) -> KeptLine {
        KeptLine {
            db: PathBuf::from(db),
            purpose: "ask".into(),
            text: text.into(),
        }
    }

    #[test]
    fn lines_are_kept_per_database_and_taken_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("state/kept-lines.json");
        keep(&file, line("/a.db", "@dana quotes")).expect("kept");
        keep(&file, line("/b.db", "@sam pricing")).expect("kept");
        keep(&file, line("/a.db", "@dana quotes")).expect("kept twice");
        assert_eq!(
            take(&file, Path::new("/a.db")),
            vec![line("/a.db", "@dana quotes")]
        );
        assert!(take(&file, Path::new("/a.db")).is_empty());
        assert_eq!(
            take(&file, Path::new("/b.db")),
            vec![line("/b.db", "@sam pricing")]
        );
        assert!(!file.exists(), "an empty file is removed");
    }

    #[test]
    fn a_damaged_file_reads_as_nothing_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("kept-lines.json");
        fs::write(&file, b"{not json").expect("write");
        assert!(take(&file, Path::new("/a.db")).is_empty());
        keep(&file, line("/a.db", "x")).expect("a new file replaces it");
        assert_eq!(take(&file, Path::new("/a.db")).len(), 1);
    }
}
