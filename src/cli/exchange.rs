//! `nudge export` and `nudge import`.

use std::io::{Read, Write};
use std::path::Path;

use super::held::HeldUntilChecked;
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
    let path = output.filter(|path| *path != Path::new("-"));
    let cannot = |path: &Path, why: String| {
        OpError::Input(format!("cannot write {}: {why}", path.display()))
    };
    let mut target = match path {
        Some(path) => Some(Target::open(path, force).map_err(|why| cannot(path, why))?),
        None => None,
    };
    let reader = store.reader();
    let mut progress = Progress::new("records");
    let mut tick = |done, total| progress.show(done, total);
    let result = match target.as_mut() {
        // A file is written beside its place and renamed into it at the end: every page is
        // checked meanwhile, and a damaged database leaves the file as it was.
        Some(target) if target.replaces() => store
            .verify_beside(|_| ops::export(&reader, &ctx, format, target.out(), &mut tick))
            .map_err(|e| ExportFailure::Op(OpError::Store(e)))
            .and_then(|exported| exported),
        // What goes to a stream cannot be taken back: it is held until every page has passed
        // the check, so a damaged database is refused, not half exported.
        stream => {
            let out = match stream {
                Some(target) => target.out(),
                None => out,
            };
            store
                .verify_beside(|check| {
                    let mut held = HeldUntilChecked::new(out, check);
                    ops::export(&reader, &ctx, format, &mut held, &mut tick)
                        .and_then(|()| held.finish().map_err(ExportFailure::Write))
                })
                .map_err(|e| ExportFailure::Op(OpError::Store(e)))
                .and_then(|exported| exported)
        }
    };
    let result = match (result, target, path) {
        (Ok(()), Some(target), Some(path)) => target
            .finish()
            .map_err(|e| ExportFailure::Op(cannot(path, e.to_string()))),
        (Err(ExportFailure::Write(e)), Some(_), Some(path)) => {
            Err(ExportFailure::Op(cannot(path, e.to_string())))
        }
        (result, _, _) => result,
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
