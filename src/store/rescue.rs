//! A database deleted or replaced while nudge has it open: what the connection holds is saved
//! beside it, and nothing more is written anywhere.

use rusqlite::Connection;

use super::{Result, Store, file};

impl Store {
    /// The file at `path` must still be the one the connection opened. Once it is not (deleted,
    /// or another file put there), everything the connection holds is saved beside it as a
    /// rescue copy, the connection is closed (so its write-ahead log is not left to be applied
    /// to the new file), and from then on every read and write says so.
    pub(super) fn still_here(&mut self) -> Result<()> {
        if let Some(gone) = &self.gone {
            return Err(self.unusable(gone.clone()));
        }
        if self.identity.is_none() || file::identity(&self.path) == self.identity {
            return Ok(());
        }
        let what = if file::identity(&self.path).is_none() {
            "was deleted"
        } else {
            "was replaced by another file"
        };
        // The first free name of nudge.db.rescued.db, nudge.db.rescued-2.db, …
        let rescue = (1..)
            .map(|n| match n {
                1 => file::with_suffix(&self.path, ".rescued.db"),
                n => file::with_suffix(&self.path, &format!(".rescued-{n}.db")),
            })
            .find(|p| std::fs::symlink_metadata(p).is_err())
            .unwrap_or_else(|| file::with_suffix(&self.path, ".rescued.db"));
        let rescued = self.copy_to(&rescue).is_ok();
        let empty = Connection::open_in_memory().map_err(|e| self.unusable(e.to_string()))?;
        let closed = std::mem::replace(&mut self.conn, empty);
        let _ = closed.close();
        // A deleted file's log stays behind (SQLite cannot checkpoint into an unlinked file):
        // moved aside, it can never be applied to whatever is put at the path next.
        if rescued && file::identity(&self.path).is_none() {
            for side in ["-wal", "-shm"] {
                let left = file::with_suffix(&self.path, side);
                let _ = std::fs::rename(&left, file::with_suffix(&left, ".left-behind"));
            }
        }
        let gone = if rescued {
            format!(
                "{what} while nudge had it open; nothing more is saved to it. Everything it held \
                 is in {}: quit, and put that file back in its place",
                rescue.display()
            )
        } else {
            format!(
                "{what} while nudge had it open; nothing more is saved to it. Quit and start again"
            )
        };
        tracing::error!(path = %self.path.display(), %gone, "the database file went away");
        self.gone = Some(gone.clone());
        Err(self.unusable(gone))
    }

    /// Everything the connection holds, into a new file at `rescue`: written under a temporary
    /// name, synced, then renamed, so a rescue cut short (killed, disk full) never leaves half a
    /// database under the name the message tells the user to put back. As private as the
    /// database it copies.
    fn copy_to(&self, rescue: &std::path::Path) -> std::io::Result<()> {
        use std::os::unix::fs::OpenOptionsExt;
        crate::temporary::remove_abandoned(rescue, "new", &[]);
        let temporary = crate::temporary::beside(rescue, "new");
        // Made empty and private first (VACUUM INTO fills an empty file), so no other user can
        // open it while it is written.
        let copied = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temporary)
            .and_then(|_| {
                self.conn
                    .execute("VACUUM INTO ?1", [temporary.to_string_lossy().as_ref()])
                    .map_err(std::io::Error::other)
            })
            .and_then(|_| {
                std::fs::File::open(&temporary)?.sync_all()?;
                std::fs::rename(&temporary, rescue)
            });
        if copied.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        copied
    }
}
