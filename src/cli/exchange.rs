//! `nudge export` and `nudge import`.

use std::io::{Read, Write};
use std::path::Path;

use super::progress::Progress;
use super::sink::Target;
use super::{Failure, Handled, Session, say};
use crate::ops::{self, ExportFailure, ExportFormat, ImportFormat, OpError};

pub fn export(
    session: &mut Session,
    out: &mut dyn Write,
    format: ExportFormat,
    output: Option<&Path>,
    force: bool,
) -> Handled {
    let ctx = session.ctx.clone();
    let store = session.store()?;
    // Every page is read before the first byte is written: a damaged file is refused, not
    // half exported.
    store.verify()?;
    let reader = store.reader();
    let mut progress = Progress::new("records");
    let mut tick = |done, total| progress.show(done, total);
    let result = match output.filter(|path| *path != Path::new("-")) {
        None => ops::export(&reader, &ctx, format, out, &mut tick),
        Some(path) => {
            let cannot = |why: String| {
                ExportFailure::Op(OpError::Input(format!(
                    "cannot write {}: {why}",
                    path.display()
                )))
            };
            match Target::open(path, force) {
                Err(why) => Err(cannot(why)),
                Ok(mut target) => match ops::export(&reader, &ctx, format, target.out(), &mut tick)
                {
                    Ok(()) => target.finish().map_err(|e| cannot(e.to_string())),
                    Err(ExportFailure::Write(e)) => Err(cannot(e.to_string())),
                    Err(e) => Err(e),
                },
            }
        }
    };
    progress.clear();
    result.map_err(|e| match e {
        ExportFailure::Op(e) => Failure::Op(e),
        ExportFailure::Write(e) => Failure::from_io(e),
    })
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
    let opened = open(file)
        .map_err(|e| OpError::Input(format!("cannot read {name}: {e}. Nothing was imported.")))?;
    let ctx = session.ctx.clone();
    let store = session.store()?;
    // A damaged database takes nothing in.
    store.verify()?;
    let mut progress = Progress::new("records");
    let lines = ops::import(store, &ctx, opened, &name, format, &mut |done, total| {
        progress.show(done, total)
    });
    progress.clear();
    for line in lines? {
        say(out, &line)?;
    }
    Ok(())
}

/// The file to import, read from its start as many times as the import needs: standard input
/// or a pipe (`<(…)`) is copied to an unnamed temporary file first.
fn open(file: &Path) -> std::io::Result<std::fs::File> {
    if file != Path::new("-") {
        let opened = std::fs::File::open(file)?;
        if opened.metadata()?.is_file() {
            return Ok(opened);
        }
        return copied(opened);
    }
    copied(std::io::stdin().lock())
}

fn copied(mut from: impl Read) -> std::io::Result<std::fs::File> {
    let mut copy = tempfile::tempfile()?;
    std::io::copy(&mut from, &mut copy)?;
    Ok(copy)
}
