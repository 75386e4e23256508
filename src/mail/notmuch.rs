//! Which messages are new, asked of notmuch: its database revision (`lastmod`) is the position,
//! and `notmuch search --format=json --output=files` names the files, read here like a maildir's.
//! notmuch's JSON carries neither In-Reply-To, References nor Auto-Submitted, so the messages
//! themselves are read (read only, as everywhere) and both ways give the same suggestions.

use std::path::PathBuf;
use std::process::Command;

/// Why notmuch could not be asked.
#[derive(Debug, thiserror::Error)]
pub enum NotmuchError {
    #[error(
        "cannot run notmuch ({0}); install it (Debian: apt-get install notmuch) or set `[mail] notmuch = false`"
    )]
    Missing(std::io::Error),
    #[error("notmuch {args} failed: {message}")]
    Failed { args: String, message: String },
}

fn run(args: &[&str]) -> Result<Vec<u8>, NotmuchError> {
    let output = Command::new("notmuch")
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(NotmuchError::Missing)?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(NotmuchError::Failed {
            args: args.join(" "),
            message: if message.is_empty() {
                format!("exit {}", output.status.code().unwrap_or(-1))
            } else {
                message
            },
        });
    }
    Ok(output.stdout)
}

/// notmuch's database revision now.
fn revision() -> Result<i64, NotmuchError> {
    let out = run(&["count", "--lastmod", "*"])?;
    let text = String::from_utf8_lossy(&out);
    text.split_whitespace()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .ok_or_else(|| NotmuchError::Failed {
            args: "count --lastmod".into(),
            message: format!("unexpected answer {:?}", text.trim()),
        })
}

/// The files of messages changed after revision `seen` (all since `since`, Unix seconds, the
/// first time), and the revision now.
pub fn changed(seen: Option<i64>, since: i64) -> Result<(Vec<PathBuf>, i64), NotmuchError> {
    let now = revision()?;
    if seen.is_some_and(|seen| seen >= now) {
        return Ok((Vec::new(), now));
    }
    let query = match seen {
        Some(seen) => format!("lastmod:{}..{now}", seen + 1),
        None => format!("date:@{since}.."),
    };
    let out = run(&[
        "search",
        "--format=json",
        "--output=files",
        "--duplicate=1",
        &query,
    ])?;
    let files: Vec<String> = serde_json::from_slice(&out).map_err(|e| NotmuchError::Failed {
        args: format!("search {query}"),
        message: format!("unreadable answer: {e}"),
    })?;
    Ok((files.into_iter().map(PathBuf::from).collect(), now))
}
