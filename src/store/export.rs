//! Export every record, list by list, to a sink, without holding them all: each table's query
//! and columns are its `Table` description.

use super::tables::Table;
use super::{Reader, Result, StoreError};
use crate::exchange::{
    CheckinRecord, CritiqueRecord, Document, FavorRecord, FollowUpRecord, ItemRecord, PersonRecord,
    ReflectionRecord, Sink, SprintRecord,
};

/// Why an export stopped: the database failed, or writing the records out did.
#[derive(Debug, thiserror::Error)]
pub enum ExportStop {
    #[error(transparent)]
    Store(StoreError),
    #[error("{0}")]
    Write(std::io::Error),
}

/// Records read so far, of how many, told every 1024.
struct Progress<'p> {
    done: u64,
    total: u64,
    tell: &'p mut dyn FnMut(u64, u64),
}

impl Progress<'_> {
    fn tick(&mut self) {
        self.done += 1;
        if self.done.is_multiple_of(1024) {
            (self.tell)(self.done, self.total);
        }
    }
}

impl Reader<'_> {
    /// Everything, as a document in memory (`exported_at` is the caller's).
    pub fn export(
        &self,
        exported_at: &str,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Document> {
        let mut doc = Document {
            format: crate::exchange::FORMAT.into(),
            version: crate::exchange::VERSION,
            exported_at: exported_at.to_string(),
            ..Document::default()
        };
        match self.export_to(&mut doc, progress) {
            Ok(()) => Ok(doc),
            Err(ExportStop::Store(e)) => Err(e),
            Err(ExportStop::Write(e)) => Err(StoreError::Unusable {
                path: self.path.to_path_buf(),
                cause: e.to_string(),
            }),
        }
    }

    /// Every record, list by list, handed to `sink` one at a time: an export of any size is
    /// written without holding it all.
    pub fn export_to<S: Sink>(
        &self,
        sink: &mut S,
        progress: &mut dyn FnMut(u64, u64),
    ) -> std::result::Result<(), ExportStop> {
        let total = self
            .count(
                "SELECT (SELECT COUNT(*) FROM items) + (SELECT COUNT(*) FROM follow_ups) \
                   + (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM critiques) \
                   + (SELECT COUNT(*) FROM favors) + (SELECT COUNT(*) FROM checkins) \
                   + (SELECT COUNT(*) FROM sprints) + (SELECT COUNT(*) FROM reflections)",
                [],
            )
            .map_err(ExportStop::Store)?;
        let mut progress = Progress {
            done: 0,
            total,
            tell: progress,
        };
        self.emit::<PersonRecord, S>(sink, &mut progress)?;
        self.emit::<ItemRecord, S>(sink, &mut progress)?;
        self.emit::<FollowUpRecord, S>(sink, &mut progress)?;
        self.emit::<CritiqueRecord, S>(sink, &mut progress)?;
        self.emit::<FavorRecord, S>(sink, &mut progress)?;
        self.emit::<CheckinRecord, S>(sink, &mut progress)?;
        self.emit::<SprintRecord, S>(sink, &mut progress)?;
        self.emit::<ReflectionRecord, S>(sink, &mut progress)?;
        (progress.tell)(total, total);
        sink.end().map_err(ExportStop::Write)
    }

    /// One list: its start, then each row as a record.
    fn emit<T: Table, S: Sink>(
        &self,
        sink: &mut S,
        progress: &mut Progress<'_>,
    ) -> std::result::Result<(), ExportStop> {
        let failed = |e| ExportStop::Store(self.sql(e));
        let mut stmt = self.conn.prepare(T::SELECT).map_err(failed)?;
        let names = super::rows::column_names(&stmt);
        sink.list(T::LIST).map_err(ExportStop::Write)?;
        let mut rows = stmt.query([]).map_err(failed)?;
        while let Some(row) = rows.next().map_err(failed)? {
            progress.tick();
            let record =
                T::read(&super::rows::Cells::new(row, self.zone, &names)).map_err(failed)?;
            sink.record(record).map_err(ExportStop::Write)?;
        }
        Ok(())
    }
}
