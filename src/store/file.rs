//! The database file before SQLite touches it: is it there, is it ours, is it whole. These checks
//! only read, so a file that is refused is left byte-for-byte as it was.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::APPLICATION_ID;

const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Whether a database file is at `path`; an error when something else is there.
pub fn exists(path: &Path) -> Result<bool, String> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err("is a folder, not a database file".into()),
        Ok(meta) if !meta.is_file() => Err("is not a regular file".into()),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
        Err(e) => Err(format!("cannot look at it: {}", plain(&e))),
    }
}

/// Read the 100-byte SQLite header and refuse what is not a whole nudge database of a schema this
/// build knows.
pub fn check_header(path: &Path, latest_schema: i64) -> Result<(), String> {
    // Opening for writing changes nothing, but tells now that a command could not save.
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(|e| format!("cannot open it for reading and writing: {}", plain(&e)))?;
    let size = file.metadata().map(|m| m.size()).unwrap_or(0);
    if size == 0 {
        return Err("is an empty file, not a nudge database".into());
    }
    let mut header = [0u8; 100];
    let read =
        read_up_to(&mut file, &mut header).map_err(|e| format!("cannot read it: {}", plain(&e)))?;
    if read < 16 || &header[..16] != MAGIC {
        return Err("is not a SQLite database".into());
    }
    if read < 100 {
        return Err("is a damaged SQLite database (truncated header)".into());
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(be32(28));
    // The page count is only valid when the "version valid for" number matches the change counter.
    if be32(92) == be32(24) && pages > 0 && size < pages * page_size {
        return Err(format!(
            "is damaged: {size} bytes where its header promises {} (truncated?)",
            pages * page_size
        ));
    }
    let application = be32(68) as i32;
    let schema = i64::from(be32(60) as i32);
    if application != APPLICATION_ID {
        return Err("is a SQLite database of another application, not nudge".into());
    }
    if schema > latest_schema {
        return Err(format!(
            "was made by a newer nudge (schema {schema}; this nudge knows up to {latest_schema}); \
             upgrade nudge to open it"
        ));
    }
    Ok(())
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Make a new database at `path`: its folder 0700 where nudge creates it, the file 0600. The file
/// is built under a temporary name and linked into place only when complete, so a crash never
/// leaves a half-made database behind, and two processes starting at once both end up with one.
pub fn create(
    path: &Path,
    initialize: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<(), String> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(folder)
            .map_err(|e| {
                format!(
                    "cannot create its folder {}: {}",
                    folder.display(),
                    plain(&e)
                )
            })?;
    }
    let temporary = temporary_name(path);
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&temporary)
        .map_err(|e| format!("cannot create it: {}", plain(&e)))?;
    let result = initialize(&temporary).and_then(|()| match fs::hard_link(&temporary, path) {
        Ok(()) => Ok(()),
        // Another nudge made it first: use theirs.
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(format!("cannot create it: {}", plain(&e))),
    });
    for leftover in [
        temporary.clone(),
        with_suffix(&temporary, "-wal"),
        with_suffix(&temporary, "-shm"),
    ] {
        let _ = fs::remove_file(leftover);
    }
    result
}

fn temporary_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "nudge.db".into());
    path.with_file_name(format!(".{name}.new-{}", std::process::id()))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// An I/O error without the "(os error 13)" noise.
fn plain(error: &std::io::Error) -> String {
    match error.kind() {
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::NotFound => "no such file or folder".into(),
        ErrorKind::ReadOnlyFilesystem => "read-only file system".into(),
        _ => error.to_string(),
    }
}
