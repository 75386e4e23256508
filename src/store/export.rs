//! Export every record, list by list, to a sink, without holding them all: each table's query
//! and columns are its `Table` description.

use std::sync::mpsc::{Receiver, SyncSender};

use super::tables::Table;
use super::{Reader, Result, StoreError};
use crate::exchange::{
    CheckinRecord, CritiqueRecord, Document, Entry, FavorRecord, FollowUpRecord, ItemRecord,
    PersonRecord, ReflectionRecord, Sink, SprintRecord,
};
use crate::when::Zone;

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
    /// written without holding it all. The records are read on a second connection, in one read
    /// transaction (every list from the same moment, whatever another program writes meanwhile),
    /// on a thread of their own while this one writes them out: reading and writing each took
    /// about half of an export.
    pub fn export_to<S: Sink>(
        &self,
        sink: &mut S,
        progress: &mut dyn FnMut(u64, u64),
    ) -> std::result::Result<(), ExportStop> {
        let failed = |e| ExportStop::Store(self.sql(e));
        let mut side = self.sibling().map_err(failed)?;
        let zone = self.zone;
        let (send, received) = std::sync::mpsc::sync_channel::<Piece>(BATCHES_AHEAD);
        let (give_back, written_out) = std::sync::mpsc::channel::<Vec<Entry>>();
        let (written, read) = std::thread::scope(|scope| {
            let reading =
                scope.spawn(move || read_all(&mut side, zone, &Handover { send, written_out }));
            let written = write_all(&received, &give_back, sink, progress);
            // A failed write drops the receiver: the reading stops at its next batch.
            drop(received);
            let read = reading
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (written, read)
        });
        written.map_err(ExportStop::Write)?;
        read.map_err(failed)?;
        sink.end().map_err(ExportStop::Write)
    }
}

/// How many batches the reading may be ahead of the writing (memory stays a few batches).
const BATCHES_AHEAD: usize = 4;

/// How many records go to the writing at once.
const BATCH: usize = 512;

/// What the reading hands the writing, in order.
enum Piece {
    /// How many records there are, first.
    Total(u64),
    /// A list starts.
    List(&'static str),
    Records(Vec<Entry>),
}

/// The reading's ends of the two channels: batches go to the writing, and come back written to
/// be freed here, on the thread that made them (glibc's allocator frees another thread's memory
/// slowly: it was 40 % of an export's time when the writing freed them).
struct Handover {
    send: SyncSender<Piece>,
    written_out: Receiver<Vec<Entry>>,
}

impl Handover {
    /// Hand on a piece; false when the writing has stopped.
    fn send(&self, piece: Piece) -> bool {
        self.written_out.try_iter().for_each(drop);
        self.send.send(piece).is_ok()
    }
}

/// Read every list in one transaction, handing it on in batches; stops early (Ok) when the
/// writing has stopped.
fn read_all(conn: &mut rusqlite::Connection, zone: Zone, send: &Handover) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    let total: i64 = tx.query_row(
        "SELECT (SELECT COUNT(*) FROM items) + (SELECT COUNT(*) FROM follow_ups) \
           + (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM critiques) \
           + (SELECT COUNT(*) FROM favors) + (SELECT COUNT(*) FROM checkins) \
           + (SELECT COUNT(*) FROM sprints) + (SELECT COUNT(*) FROM reflections)",
        [],
        |r| r.get(0),
    )?;
    if !send.send(Piece::Total(u64::try_from(total).unwrap_or(0))) {
        return Ok(());
    }
    type ReadList = fn(&rusqlite::Transaction<'_>, Zone, &Handover) -> rusqlite::Result<bool>;
    let lists: [ReadList; 8] = [
        read_list::<PersonRecord>,
        read_list::<ItemRecord>,
        read_list::<FollowUpRecord>,
        read_list::<CritiqueRecord>,
        read_list::<FavorRecord>,
        read_list::<CheckinRecord>,
        read_list::<SprintRecord>,
        read_list::<ReflectionRecord>,
    ];
    for list in lists {
        if !list(&tx, zone, send)? {
            break;
        }
    }
    Ok(())
}

/// One list: its start, then its rows as records. False when the writing has stopped.
fn read_list<T: Table + Into<Entry>>(
    tx: &rusqlite::Transaction<'_>,
    zone: Zone,
    send: &Handover,
) -> rusqlite::Result<bool> {
    if !send.send(Piece::List(T::LIST)) {
        return Ok(false);
    }
    let mut stmt = tx.prepare(T::SELECT)?;
    let names = super::rows::column_names(&stmt);
    let mut rows = stmt.query([])?;
    let mut batch = Vec::with_capacity(BATCH);
    while let Some(row) = rows.next()? {
        batch.push(T::read(&super::rows::Cells::new(row, zone, &names))?.into());
        if batch.len() == BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            if !send.send(Piece::Records(full)) {
                return Ok(false);
            }
        }
    }
    Ok(batch.is_empty() || send.send(Piece::Records(batch)))
}

/// Hand each record to `sink` as it comes; the reading's end (or failure) ends it.
fn write_all<S: Sink>(
    received: &Receiver<Piece>,
    give_back: &std::sync::mpsc::Sender<Vec<Entry>>,
    sink: &mut S,
    progress: &mut dyn FnMut(u64, u64),
) -> std::io::Result<()> {
    let mut progress = Progress {
        done: 0,
        total: 0,
        tell: progress,
    };
    for piece in received {
        match piece {
            Piece::Total(total) => progress.total = total,
            Piece::List(name) => sink.list(name)?,
            Piece::Records(records) => {
                for record in &records {
                    progress.tick();
                    record.write_to(sink)?;
                }
                // The reading may have stopped already: then the batch is freed here.
                let _ = give_back.send(records);
            }
        }
    }
    (progress.tell)(progress.total, progress.total);
    Ok(())
}
