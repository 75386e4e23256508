//! The log: `tracing` events written to `$XDG_STATE_HOME/nudge/nudge.log`, never to the screen.
//! The level comes from `NUDGE_LOG` (error, warn — the default —, info, debug, trace). The file is
//! opened at the first event, so a quiet run touches nothing; past 1 MiB it is moved to
//! `nudge.log.1` and a new one begun.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use tracing::level_filters::LevelFilter;

const ROTATE_AT: u64 = 1024 * 1024;

/// Where the log is written, if there is a home for it.
pub fn path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "nudge")?;
    let dir = dirs
        .state_dir()
        .map(PathBuf::from)
        .unwrap_or_else(|| dirs.data_local_dir().to_path_buf());
    Some(dir.join("nudge.log"))
}

/// The level `NUDGE_LOG` asks for; anything unreadable means the default.
pub fn level(value: Option<&str>) -> LevelFilter {
    match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        Some("off") => LevelFilter::OFF,
        Some("error") => LevelFilter::ERROR,
        Some("info") => LevelFilter::INFO,
        Some("debug") => LevelFilter::DEBUG,
        Some("trace") => LevelFilter::TRACE,
        _ => LevelFilter::WARN,
    }
}

/// Start logging for this process (once; later calls do nothing).
pub fn init() {
    let Some(path) = path() else {
        return;
    };
    let level = level(std::env::var("NUDGE_LOG").ok().as_deref());
    let _ = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_ansi(false)
        .with_target(false)
        .with_writer(LazyFile {
            path,
            file: OnceLock::new(),
        })
        .try_init();
}

/// The log file, opened (and rotated) at the first write.
struct LazyFile {
    path: PathBuf,
    file: OnceLock<Option<Mutex<File>>>,
}

impl LazyFile {
    fn open(&self) -> Option<Mutex<File>> {
        if let Some(dir) = self.path.parent() {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder.create(dir).ok()?;
        }
        if std::fs::metadata(&self.path).is_ok_and(|m| m.len() > ROTATE_AT) {
            let _ = std::fs::rename(&self.path, self.path.with_extension("log.1"));
        }
        let mut options = OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options.open(&self.path).ok().map(Mutex::new)
    }
}

pub struct LogWriter<'a>(Option<&'a Mutex<File>>);

impl Write for LogWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(file) = self.0
            && let Ok(mut file) = file.lock()
        {
            file.write_all(buf)?;
        }
        // A log that cannot be written must never stop the program.
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LazyFile {
    type Writer = LogWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        LogWriter(self.file.get_or_init(|| self.open()).as_ref())
    }
}

/// The line printed after the terminal is restored when the dashboard ended badly.
pub fn pointer() -> String {
    match path() {
        Some(path) => format!("nudge: details are in the log: {}", path.display()),
        None => "nudge: no log could be kept (no home folder)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_read_from_nudge_log() {
        assert_eq!(level(None), LevelFilter::WARN);
        assert_eq!(level(Some(" Debug ")), LevelFilter::DEBUG);
        assert_eq!(level(Some("off")), LevelFilter::OFF);
        assert_eq!(level(Some("loud")), LevelFilter::WARN);
    }
}
