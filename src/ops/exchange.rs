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

/// A Taskwarrior export is a JSON list; a nudge export is an object.
pub fn detect(text: &str) -> ImportFormat {
    if text.trim_start().starts_with('[') {
        ImportFormat::Taskwarrior
    } else {
        ImportFormat::Json
    }
}

/// Import `text` (read from `name`); returns the lines that say what happened. The text is
/// dropped once read into records, so the file and its records are not held at once.
pub fn import(
    store: &mut Store,
    ctx: &Context,
    text: String,
    name: &str,
    format: Option<ImportFormat>,
    progress: &mut dyn FnMut(u64, u64),
) -> OpResult<Vec<String>> {
    let bad = |e: BadFile| OpError::Input(format!("{name}: {e}. Nothing was imported."));
    let failed = |e: ImportError| match e {
        ImportError::Bad(b) => bad(b),
        ImportError::Store(s) => OpError::Store(s),
    };
    match format.unwrap_or_else(|| detect(&text)) {
        ImportFormat::Json => {
            let doc = exchange::parse_document(&text).map_err(bad)?;
            drop(text);
            let summary = format!("Import {name}");
            let merged = store
                .import(&doc, &summary, &ctx.now, progress)
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
        assert_eq!(detect("  [{\"uuid\":1}]"), ImportFormat::Taskwarrior);
        assert_eq!(detect("{\"format\":\"nudge\"}"), ImportFormat::Json);
        assert_eq!(detect("garbage"), ImportFormat::Json);
    }
}
