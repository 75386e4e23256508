//! The database file before SQLite touches it: is it there, is it ours, is it whole. These checks
//! only read, so a file that is refused is left byte-for-byte as it was.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::APPLICATION_ID;

const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Why a file is not opened, or not made: each reads after the file's name ("nudge.db: is a
/// folder, not a database file"). Nothing was written to it.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("is a folder, not a database file")]
    Folder,
    #[error("is not a regular file")]
    NotRegular,
    #[error("cannot look at it: {}", Plain(.0))]
    CannotLook(std::io::Error),
    #[error(
        "there is no database here, but {} holds what it had when it was deleted while nudge \
         had it open. Put it back (mv {} {}), or move it away to start afresh",
        .rescued.display(), .rescued.display(), .path.display()
    )]
    RescueLeft { rescued: PathBuf, path: PathBuf },
    #[error(
        "there is no database here, but {} is: the write-ahead log of a database that was \
         deleted or moved. nudge will not start a new database beside it (SQLite would \
         apply it). Put the database back, or move {} away to start afresh",
        .0.display(), .0.display()
    )]
    LogLeft(PathBuf),
    #[error(
        "its write-ahead log {} does not belong to it ({why}); nudge will not apply it. Move \
         the log away if the database alone is right",
        .wal.display()
    )]
    ForeignLog { wal: PathBuf, why: &'static str },
    #[error("cannot read its write-ahead log: {}", Plain(.0))]
    LogUnreadable(std::io::Error),
    #[error("cannot open it for reading and writing: {}", Plain(.0))]
    CannotOpen(std::io::Error),
    #[error("cannot read it: {}", Plain(.0))]
    CannotRead(std::io::Error),
    #[error("is an empty file, not a nudge database")]
    Empty,
    #[error("is not a SQLite database")]
    NotSqlite,
    #[error("is a damaged SQLite database (truncated header)")]
    TruncatedHeader,
    #[error("is damaged: {size} bytes where its header promises {promised} (truncated?)")]
    Truncated { size: u64, promised: u64 },
    #[error("is a SQLite database of another application, not nudge")]
    OtherApplication,
    #[error(
        "was made by a newer nudge (schema {schema}; this nudge knows up to {latest}); upgrade \
         nudge to open it"
    )]
    Newer { schema: i64, latest: i64 },
    #[error("carries nudge's mark but not its tables (schema {0}); it was not made by nudge")]
    NoTables(i64),
    #[error("is missing nudge's tables ({}); it was not made by nudge, or was damaged", .0.join(", "))]
    MissingTables(Vec<&'static str>),
    #[error(
        "is damaged ({0}); nothing was changed. A backup or an export from before the damage is \
         the way back"
    )]
    Damaged(String),
    #[error("cannot create its folder {}: {}", .folder.display(), Plain(.cause))]
    CannotMakeFolder {
        folder: PathBuf,
        cause: std::io::Error,
    },
    #[error("cannot create it: {}", Plain(.0))]
    CannotCreate(std::io::Error),
    /// SQLite failed while setting a new file up or checking an existing one.
    #[error("{}", super::describe(.0))]
    Sql(#[from] rusqlite::Error),
}

/// Whether a database file is at `path`; an error when something else is there.
pub fn exists(path: &Path) -> Result<bool, Refused> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(Refused::Folder),
        Ok(meta) if !meta.is_file() => Err(Refused::NotRegular),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Refused::CannotLook(e)),
    }
}

/// What the header says that later checks need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub page_size: u64,
    pub schema: i64,
}

/// Which file a path names now (device and inode): a database deleted or replaced under an open
/// connection is told by a change here.
pub fn identity(path: &Path) -> Option<(u64, u64)> {
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// A write-ahead log left beside where a new database would go belongs to a database that is
/// gone: SQLite would apply it to the new file. Refused, naming it, touching nothing.
pub fn check_no_leftover_log(path: &Path) -> Result<(), Refused> {
    let rescued = with_suffix(path, ".rescued.db");
    if fs::symlink_metadata(&rescued).is_ok() {
        return Err(Refused::RescueLeft {
            rescued,
            path: path.to_path_buf(),
        });
    }
    let wal = with_suffix(path, "-wal");
    match fs::symlink_metadata(&wal) {
        // nudge keeps its log between runs, emptied: one left empty beside a database that was
        // deleted holds nothing, and goes with its index.
        Ok(meta) if meta.is_file() && meta.len() == 0 => {
            let _ = fs::remove_file(with_suffix(path, "-shm"));
            fs::remove_file(&wal).map_err(|_| Refused::LogLeft(wal))
        }
        Ok(_) => Err(Refused::LogLeft(wal)),
        Err(_) => Ok(()),
    }
}

/// The database's write-ahead log (and its index), when there is one, must be this file's: the
/// same page size, and the same salts in the log and in the index of it.
pub fn check_log(path: &Path, header: &Header) -> Result<(), Refused> {
    settled(|| match log_belongs(path, header)? {
        None => Ok(()),
        Some(why) => Err(Refused::ForeignLog {
            wal: with_suffix(path, "-wal"),
            why,
        }),
    })
}

/// A check of a file another nudge may be writing right now, looked at again before it refuses:
/// a log and its index are updated one after the other (a new log's header, then its index at the
/// commit), and a checkpoint that ends between a look at the file and a look at its log (which
/// then is emptied) shows a file cut short with no log to finish it. A file that is really wrong
/// is wrong every time.
fn settled<T>(check: impl Fn() -> Result<T, Refused>) -> Result<T, Refused> {
    const LOOKS: u32 = 40;
    let mut look = 1;
    loop {
        match check() {
            Err(Refused::ForeignLog { .. } | Refused::Truncated { .. }) if look < LOOKS => {
                look += 1;
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            result => return result,
        }
    }
}

/// One look at the log and its index: None when they belong to the database, else why not.
fn log_belongs(path: &Path, header: &Header) -> Result<Option<&'static str>, Refused> {
    let Ok(mut wal) = File::open(with_suffix(path, "-wal")) else {
        return Ok(None);
    };
    let mut head = [0u8; 32];
    // A log shorter than its header is empty to SQLite too.
    if read_up_to(&mut wal, &mut head).map_err(Refused::LogUnreadable)? < 32 {
        return Ok(None);
    }
    if !is_log_header(&head) {
        return Ok(Some("it is not a SQLite write-ahead log"));
    }
    if u64::from(be32(&head, 8)) != header.page_size {
        return Ok(Some("its page size differs"));
    }
    // The index of the log (-shm) keeps the log's salts; a log put in place of another one
    // carries different ones. (An index with no frames yet says nothing.)
    if let Ok(mut shm) = File::open(with_suffix(path, "-shm")) {
        let mut index = [0u8; 48];
        if read_up_to(&mut shm, &mut index).map_err(Refused::LogUnreadable)? == 48 {
            let initialised = index[12] == 1;
            let frames = u32::from_ne_bytes([index[16], index[17], index[18], index[19]]);
            if initialised && frames > 0 && index[32..40] != head[16..24] {
                return Ok(Some("its salts differ from the ones its index keeps"));
            }
        }
    }
    Ok(None)
}

/// Whether the write-ahead log beside `path` holds every page a file of `size` bytes lacks of the
/// `pages` its header promises, in a commit of a database that long. A checkpoint copies the
/// log's pages into the file in page order, so the first page (with the new page count) is
/// written before the pages that make it true: a process killed between the two leaves a file
/// shorter than its header says, and SQLite finishes the copy from the log. A file cut short by
/// anything else lacks pages no log holds. Only the log's current frames count: they carry its
/// header's salts, and the first frame that does not is where an older log's leftovers begin.
fn log_completes(path: &Path, size: u64, page_size: u64, pages: u64) -> bool {
    use std::os::unix::fs::FileExt;
    let Ok(wal) = File::open(with_suffix(path, "-wal")) else {
        return false;
    };
    let mut head = [0u8; 32];
    if wal.read_exact_at(&mut head, 0).is_err()
        || !is_log_header(&head)
        || u64::from(be32(&head, 8)) != page_size
    {
        return false;
    }
    let in_file = size / page_size;
    let frame_size = 24 + page_size;
    let frames = wal.metadata().map_or(0, |m| m.len()) / frame_size;
    let Ok(lacking) = usize::try_from(pages - in_file) else {
        return false;
    };
    if lacking as u64 > frames {
        return false;
    }
    let mut found = vec![false; lacking];
    let mut still_lacking = lacking;
    let mut frame = [0u8; 24];
    let mut at = head.len() as u64;
    while wal.read_exact_at(&mut frame, at).is_ok() && frame[8..16] == head[16..24] {
        let page = u64::from(be32(&frame, 0));
        if let Some(seen) = page
            .checked_sub(in_file + 1)
            .and_then(|i| found.get_mut(usize::try_from(i).ok()?))
            && !*seen
        {
            *seen = true;
            still_lacking -= 1;
        }
        // A commit's frame says how many pages the database has after it; others say 0.
        if still_lacking == 0 && u64::from(be32(&frame, 4)) >= pages {
            return true;
        }
        at += frame_size;
    }
    false
}

fn is_log_header(head: &[u8; 32]) -> bool {
    matches!(be32(head, 0), 0x377f_0682 | 0x377f_0683)
}

fn be32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// Read the 100-byte SQLite header and refuse what is not a whole nudge database of a schema this
/// build knows.
pub fn check_header(path: &Path, latest_schema: i64) -> Result<Header, Refused> {
    settled(|| read_header(path, latest_schema))
}

fn read_header(path: &Path, latest_schema: i64) -> Result<Header, Refused> {
    // Opening for writing changes nothing, but tells now that a command could not save.
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(Refused::CannotOpen)?;
    let size = file.metadata().map(|m| m.size()).unwrap_or(0);
    if size == 0 {
        return Err(Refused::Empty);
    }
    let mut header = [0u8; 100];
    let read = read_up_to(&mut file, &mut header).map_err(Refused::CannotRead)?;
    if read < 16 || &header[..16] != MAGIC {
        return Err(Refused::NotSqlite);
    }
    if read < 100 {
        return Err(Refused::TruncatedHeader);
    }
    let be32 = |at: usize| be32(&header, at);
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(be32(28));
    // The page count is only valid when the "version valid for" number matches the change counter.
    if be32(92) == be32(24)
        && pages > 0
        && size < pages * page_size
        && !log_completes(path, size, page_size, pages)
    {
        return Err(Refused::Truncated {
            size,
            promised: pages * page_size,
        });
    }
    let application = be32(68) as i32;
    let schema = i64::from(be32(60) as i32);
    if application != APPLICATION_ID {
        return Err(Refused::OtherApplication);
    }
    check_schema(schema, latest_schema)?;
    Ok(Header { page_size, schema })
}

/// A schema this build can open: one nudge made, and not a newer one.
pub fn check_schema(schema: i64, latest: i64) -> Result<(), Refused> {
    if schema > latest {
        return Err(Refused::Newer { schema, latest });
    }
    if schema < 1 {
        return Err(Refused::NoTables(schema));
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
    initialize: impl FnOnce(&Path) -> Result<(), Refused>,
) -> Result<(), Refused> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(folder)
            .map_err(|cause| Refused::CannotMakeFolder {
                folder: folder.to_path_buf(),
                cause,
            })?;
    }
    crate::temporary::remove_abandoned(path, TEMPORARY_TAG, &["-wal", "-shm"]);
    let temporary = crate::temporary::beside(path, TEMPORARY_TAG);
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&temporary)
        .map_err(Refused::CannotCreate)?;
    let result = initialize(&temporary).and_then(|()| match fs::hard_link(&temporary, path) {
        Ok(()) => Ok(()),
        // Another nudge made it first: use theirs.
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Refused::CannotCreate(e)),
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

/// The tag of a database being made (`.nudge.db.<pid>.new`).
const TEMPORARY_TAG: &str = "new";

pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// An I/O error without the "(os error 13)" noise.
struct Plain<'a>(&'a std::io::Error);

impl std::fmt::Display for Plain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.kind() {
            ErrorKind::PermissionDenied => f.write_str("permission denied"),
            ErrorKind::NotFound => f.write_str("no such file or folder"),
            ErrorKind::ReadOnlyFilesystem => f.write_str("read-only file system"),
            _ => write!(f, "{}", self.0),
        }
    }
}
