//! Export to JSON, CSV, iCalendar or Markdown; import a nudge export (merged by UUID) or a
//! Taskwarrior export. An import is one transaction and one journal entry: all or nothing, and
//! `undo` takes it back whole.

use super::{Context, OpError, OpResult};
use crate::domain::Kind;
use crate::exchange::{self, BadFile, csv, ics, markdown, taskwarrior};
use crate::store::{ExportStop, ImportError};
use crate::store::{NO_LIMIT, Reader, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Csv,
    Ics,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Json,
    Taskwarrior,
}

/// Why an export stopped: the database (or the input), or the writing.
#[derive(Debug)]
pub enum ExportFailure {
    Op(OpError),
    Write(std::io::Error),
}

/// Write the export to `out`. JSON is streamed record by record, so an export of any size takes
/// little memory; `progress` hears (records done, total).
pub fn export(
    reader: &Reader<'_>,
    ctx: &Context,
    format: ExportFormat,
    out: &mut dyn std::io::Write,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(), ExportFailure> {
    let now = &ctx.now;
    let op = |e: crate::store::StoreError| ExportFailure::Op(OpError::Store(e));
    let text = match format {
        ExportFormat::Json => {
            let mut writer = exchange::JsonWriter::start(&mut *out, &now.to_rfc3339())
                .map_err(ExportFailure::Write)?;
            return reader
                .export_to(&mut writer, progress)
                .map_err(|stop| match stop {
                    ExportStop::Store(e) => op(e),
                    ExportStop::Write(e) => ExportFailure::Write(e),
                });
        }
        ExportFormat::Csv => csv::asks(&reader.list(Kind::Ask, true, now, NO_LIMIT).map_err(op)?),
        ExportFormat::Ics => {
            let mut items = reader
                .list(Kind::Deadline, false, now, NO_LIMIT)
                .map_err(op)?;
            items.extend(reader.list(Kind::Ask, false, now, NO_LIMIT).map_err(op)?);
            ics::calendar(&items)
        }
        ExportFormat::Md => markdown::open_items(
            &reader.list(Kind::Ask, false, now, NO_LIMIT).map_err(op)?,
            &reader
                .list(Kind::Deadline, false, now, NO_LIMIT)
                .map_err(op)?,
            &reader
                .list(Kind::Proofing, false, now, NO_LIMIT)
                .map_err(op)?,
            now,
        ),
    };
    out.write_all(text.as_bytes()).map_err(ExportFailure::Write)
}

/// A Taskwarrior export is a JSON list; a nudge export is an object. `start` is the file's
/// first bytes.
pub fn detect(start: &[u8]) -> ImportFormat {
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    match start.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[') => ImportFormat::Taskwarrior,
        _ => ImportFormat::Json,
    }
}

/// Import `file` (called `name`); returns the lines that say what happened. A nudge export is
/// read as it streams (see `exchange::ExportFile`), so a file of any size takes little memory.
pub fn import(
    store: &mut Store,
    ctx: &Context,
    mut file: std::fs::File,
    name: &str,
    format: Option<ImportFormat>,
    progress: &mut dyn FnMut(u64, u64),
) -> OpResult<Vec<String>> {
    let bad = |e: BadFile| OpError::Input(format!("{name}: {e}. Nothing was imported."));
    let failed = |e: ImportError| match e {
        ImportError::Bad(b) => bad(b),
        ImportError::Store(s) => OpError::Store(s),
    };
    let format = match format {
        Some(format) => format,
        None => detect(
            &first_bytes(&mut file).map_err(|e| bad(BadFile(format!("cannot read it: {e}"))))?,
        ),
    };
    match format {
        ImportFormat::Json => {
            let mut export = exchange::ExportFile::open(file).map_err(bad)?;
            let summary = format!("Import {name}");
            let merged = store
                .import(&mut export, &summary, &ctx.now, progress)
                .map_err(failed)?;
            tracing::info!(file = name, merged = %merged.line(), "imported");
            let mut lines = vec![format!("Imported {name}: {}", merged.line())];
            if merged.changed() == 0 {
                lines.push(
                    "Nothing changed: everything in the file was already here (or newer here)."
                        .into(),
                );
            } else {
                lines.push("`nudge undo` takes the whole import back.".into());
            }
            Ok(lines)
        }
        ImportFormat::Taskwarrior => {
            let text = exchange::read_text(&mut file).map_err(bad)?;
            let plan = taskwarrior::plan(&text, &ctx.now, &ctx.week(), &ctx.rule()).map_err(bad)?;
            drop(text);
            let asks = plan
                .items
                .iter()
                .filter(|(i, _)| i.kind == Kind::Ask)
                .count();
            let deadlines = plan.items.len() - asks;
            let summary = format!("Import {name} from Taskwarrior");
            let merged = store
                .import_items(&plan.items, &summary, &ctx.now, progress)
                .map_err(failed)?;
            tracing::info!(file = name, merged = %merged.line(), skipped = plan.skipped.len(), "imported from Taskwarrior");
            let mut lines = vec![format!(
                "From Taskwarrior ({name}): {asks} {}, {deadlines} {} · {}",
                plural(asks, "ask"),
                plural(deadlines, "deadline"),
                merged.line()
            )];
            if !plan.skipped.is_empty() {
                lines.push(format!("Skipped {}:", plan.skipped.len()));
                for (task, why) in &plan.skipped {
                    lines.push(format!("  \"{}\": {why}", crate::text::fit(task, 60)));
                }
            }
            if merged.changed() > 0 {
                lines.push("`nudge undo` takes the whole import back.".into());
            }
            Ok(lines)
        }
    }
}

/// The first bytes of a file, which is then read again from its start.
fn first_bytes(file: &mut std::fs::File) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek};
    let mut start = Vec::new();
    file.by_ref().take(64 * 1024).read_to_end(&mut start)?;
    file.rewind()?;
    Ok(start)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_taskwarrior_and_objects_are_nudge() {
        assert_eq!(detect(b"  [{\"uuid\":1}]"), ImportFormat::Taskwarrior);
        assert_eq!(detect(b"\xEF\xBB\xBF\n["), ImportFormat::Taskwarrior);
        assert_eq!(detect(b"{\"format\":\"nudge\"}"), ImportFormat::Json);
        assert_eq!(detect(b"garbage"), ImportFormat::Json);
    }
}
