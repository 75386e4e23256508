//! The user's mail, read only: which messages are new since the last scan (maildir folders by
//! change time, or notmuch by revision), each read into `domain::mail::Mail`. Nothing here ever
//! writes to the mail store; what nudge learns is kept in its own database (store/mail.rs).

pub mod maildir;
pub mod message;
pub mod notmuch;

use std::collections::HashMap;
use std::path::Path;

use crate::config::MailConfig;
use crate::domain::mail::Mail;
pub use maildir::Position;

/// The position key notmuch's revision is kept under.
pub const NOTMUCH: &str = "notmuch";

/// What a scan read.
#[derive(Debug, Default)]
pub struct Read {
    pub mails: Vec<Mail>,
    /// The new position of each folder (or of notmuch).
    pub positions: Vec<(String, Position)>,
    /// Files that were not messages, or could not be read.
    pub unreadable: usize,
    pub files: usize,
}

/// Why the mail could not be read.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error(transparent)]
    Folder(#[from] maildir::FolderError),
    #[error(transparent)]
    Notmuch(#[from] notmuch::NotmuchError),
}

/// Every message new since `positions` in the configured folders (or notmuch); `since` (Unix
/// seconds) bounds notmuch's first scan.
pub fn read_new(
    config: &MailConfig,
    positions: &HashMap<String, Position>,
    since: i64,
    home: Option<&Path>,
) -> Result<Read, MailError> {
    let mut read = Read::default();
    let mut files = Vec::new();
    if config.notmuch {
        let seen = positions.get(NOTMUCH).map(|p| p.seen);
        let (found, now) = notmuch::changed(seen, since)?;
        files.extend(found);
        read.positions.push((
            NOTMUCH.to_string(),
            Position {
                seen: now,
                ..Position::default()
            },
        ));
    } else {
        for folder in &config.maildirs {
            let path = maildir::expand(folder, home);
            let changed = maildir::changed(&path, positions.get(folder))?;
            files.extend(changed.files);
            read.positions.push((folder.clone(), changed.position));
        }
    }
    read.files = files.len();
    for file in files {
        match message::read_file(&file) {
            // Without a sender or an id it is not mail (a stray file in the folder).
            Ok(Some(mail)) if !(mail.from.is_empty() && mail.message_id.is_empty()) => {
                read.mails.push(mail);
            }
            Ok(_) => read.unreadable += 1,
            Err(e) => {
                tracing::info!(file = %file.display(), error = %e, "a message file could not be read");
                read.unreadable += 1;
            }
        }
    }
    Ok(read)
}
