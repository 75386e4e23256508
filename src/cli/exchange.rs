//! `nudge export` and `nudge import`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::progress::Progress;
use super::{Failure, Handled, Session, say};
use crate::ops::{self, ExportFailure, ExportFormat, ImportFormat, OpError};

pub fn export(
    session: &mut Session,
    out: &mut dyn Write,
    format: ExportFormat,
    output: Option<&Path>,
) -> Handled {
    let ctx = session.ctx.clone();
    let store = session.store()?;
    let reader = store.reader();
    let mut progress = Progress::new("records");
    let mut tick = |done, total| progress.show(done, total);
    let result = match output {
        None => ops::export(&reader, &ctx, format, out, &mut tick),
        Some(path) => {
            let cannot = |e: std::io::Error| {
                ExportFailure::Op(OpError::Input(format!(
                    "cannot write {}: {e}",
                    path.display()
                )))
            };
            match AtomicFile::create(path) {
                Err(e) => Err(cannot(e)),
                Ok(mut file) => {
                    match ops::export(&reader, &ctx, format, &mut file.out, &mut tick) {
                        Ok(()) => file.commit().map_err(cannot),
                        Err(ExportFailure::Write(e)) => Err(cannot(e)),
                        Err(e) => Err(e),
                    }
                }
            }
        }
    };
    progress.clear();
    result.map_err(|e| match e {
        ExportFailure::Op(e) => Failure::Op(e),
        ExportFailure::Write(e) => Failure::from_io(e),
    })
}

/// A file written beside its final name and renamed over it at the end: a reader (a calendar
/// app polling the file) never sees half a file, and a failure leaves the old one whole. It is
/// private (0600): an export holds everything. Dropped before `commit`, it is removed.
struct AtomicFile {
    out: std::io::BufWriter<std::fs::File>,
    temp: PathBuf,
    path: PathBuf,
    done: bool,
}

impl AtomicFile {
    fn create(path: &Path) -> std::io::Result<AtomicFile> {
        if path.is_dir() {
            return Err(std::io::Error::other("it is a folder; give a file name"));
        }
        let dir = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "export".into());
        let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&temp)?;
        Ok(AtomicFile {
            out: std::io::BufWriter::new(file),
            temp,
            path: path.to_path_buf(),
            done: false,
        })
    }

    fn commit(mut self) -> std::io::Result<()> {
        self.out.flush()?;
        self.out.get_ref().sync_all()?;
        std::fs::rename(&self.temp, &self.path)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

pub fn import(
    session: &mut Session,
    out: &mut dyn Write,
    file: &Path,
    format: Option<ImportFormat>,
) -> Handled {
    let name = if file == Path::new("-") {
        "standard input".to_string()
    } else {
        file.display().to_string()
    };
    let text = read(file)
        .map_err(|e| OpError::Input(format!("cannot read {name}: {e}. Nothing was imported.")))?;
    let ctx = session.ctx.clone();
    let store = session.store()?;
    let mut progress = Progress::new("records");
    let lines = ops::import(store, &ctx, text, &name, format, &mut |done, total| {
        progress.show(done, total)
    });
    progress.clear();
    for line in lines? {
        say(out, &line)?;
    }
    Ok(())
}

fn read(file: &Path) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    if file == Path::new("-") {
        std::io::stdin().lock().read_to_end(&mut bytes)?;
    } else {
        std::fs::File::open(file)?.read_to_end(&mut bytes)?;
    }
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::other(format!(
            "it is not UTF-8 text (byte {} is not)",
            e.utf8_error().valid_up_to() + 1
        ))
    })
}
