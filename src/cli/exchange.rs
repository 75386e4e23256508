//! `nudge export` and `nudge import`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::progress::Progress;
use super::{Failure, Handled, Session, say};
use crate::ops::{self, ExportFormat, ImportFormat, OpError};

pub fn export(
    session: &mut Session,
    out: &mut dyn Write,
    format: ExportFormat,
    output: Option<&Path>,
) -> Handled {
    let ctx = session.ctx.clone();
    let store = session.store()?;
    let mut progress = Progress::new("records");
    let export = ops::export(&store.reader(), &ctx, format, &mut |done, total| {
        progress.show(done, total)
    })?;
    progress.clear();
    match output {
        None => export.write_to(out).map_err(Failure::from_io),
        Some(path) => {
            write_atomically(path, |file| export.write_to(file))
                .map_err(|e| OpError::Input(format!("cannot write {}: {e}", path.display())))?;
            Ok(())
        }
    }
}

/// Write to a temporary file beside `path`, then rename it over: a reader (a calendar app
/// polling the file) never sees half a file, and a failure leaves the old one whole. The file is
/// private (0600): it holds everything.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
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
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = std::io::BufWriter::new(options.open(&temp)?);
        write(&mut file)?;
        let file = file.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
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
    let lines = ops::import(store, &ctx, &text, &name, format, &mut |done, total| {
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
