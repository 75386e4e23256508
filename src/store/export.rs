//! Export every record, list by list, to a sink, without holding them all: each table's query
//! and columns are its `Table` description.

use std::sync::mpsc::{Receiver, Sender, SyncSender};

use super::rows::{Cells, CopiedRows};
use super::tables::Table;
use super::{Reader, Result, StoreError};
use crate::exchange::{
    CheckinRecord, CritiqueRecord, Document, FavorRecord, FollowUpRecord, ItemRecord, LISTS,
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
    /// written without holding it all. The rows are read on a second connection, in one read
    /// transaction (every list from the same moment, whatever another program writes meanwhile),
    /// on a thread of their own that only copies their values out; this one makes them records
    /// and writes them. Each took about half of an export, and the records are made and freed
    /// on one thread (glibc frees another thread's memory slowly: 40 % of an export's time when
    /// the records themselves crossed).
    pub fn export_to<S: Sink>(
        &self,
        sink: &mut S,
        progress: &mut dyn FnMut(u64, u64),
    ) -> std::result::Result<(), ExportStop> {
        let failed = |e| ExportStop::Store(self.sql(e));
        let _every_row = super::plan_check::Bulk::begin();
        let mut side = self.sibling().map_err(failed)?;
        let (send, received) = std::sync::mpsc::sync_channel::<Piece>(BATCHES_AHEAD);
        let (give_back, written_out) = std::sync::mpsc::channel::<CopiedRows>();
        let (written, read) = std::thread::scope(|scope| {
            let zone = self.zone;
            let reading =
                scope.spawn(move || read_all(&mut side, zone, &Handover { send, written_out }));
            let written = write_all(&received, &give_back, self.zone, sink, progress);
            // A failed write drops the receiver: the reading stops at its next batch.
            drop(received);
            let read = reading
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (written, read)
        });
        match written {
            Err(Stop::Write(e)) => return Err(ExportStop::Write(e)),
            Err(Stop::Read(e)) => return Err(failed(e)),
            Ok(()) => {}
        }
        read.map_err(failed)?;
        sink.end().map_err(ExportStop::Write)
    }
}

/// How many batches the reading may be ahead of the writing (memory stays a few batches).
const BATCHES_AHEAD: usize = 4;

/// How many rows go to the writing at once.
const BATCH: usize = 512;

/// How a table's copied rows are made records and written.
type WriteRows<S> = fn(&CopiedRows, &[String], Zone, &mut S) -> std::result::Result<(), Stop>;

/// Which of a table's columns its records read as times (their places), learnt from a row.
type Stamped = fn(&rusqlite::Row<'_>, Zone, &[String]) -> Vec<usize>;

/// The columns `T` reads as times, found by reading one row as a record: the copying thread
/// writes them out, which balances the two threads (times were a tenth of the writing's work).
fn stamped<T: Table>(row: &rusqlite::Row<'_>, zone: Zone, names: &[String]) -> Vec<usize> {
    let seen = std::cell::RefCell::new(Vec::new());
    // A row that cannot be a record still names the times read before it failed; the writing
    // says what is wrong with it when it reads its copy.
    let _ = T::read(&Cells::probing(row, zone, names, &seen));
    seen.into_inner()
}

/// Every exported table, in the order of `LISTS`: its query, its times, how its rows are
/// written.
fn tables<S: Sink>() -> [(&'static str, Stamped, WriteRows<S>); 8] {
    [
        table::<PersonRecord, S>(),
        table::<ItemRecord, S>(),
        table::<FollowUpRecord, S>(),
        table::<CritiqueRecord, S>(),
        table::<FavorRecord, S>(),
        table::<CheckinRecord, S>(),
        table::<SprintRecord, S>(),
        table::<ReflectionRecord, S>(),
    ]
}

/// The query behind each exported list, in export order: what `examples/floor.rs export` runs
/// to measure the SQLite work of an export apart from nudge's own.
pub fn export_queries() -> [&'static str; 8] {
    tables::<Document>().map(|(select, _, _)| select)
}

fn table<T: Table, S: Sink>() -> (&'static str, Stamped, WriteRows<S>) {
    (T::SELECT, stamped::<T>, write_rows::<T, S>)
}

/// What the reading hands the writing, in order.
enum Piece {
    /// How many records there are, first.
    Total(u64),
    /// The list at this place in `LISTS` starts; its rows have these columns.
    List(usize, Vec<String>),
    Rows(CopiedRows),
}

/// Why the writing stopped.
enum Stop {
    /// A row could not be made a record.
    Read(rusqlite::Error),
    Write(std::io::Error),
}

/// The reading's ends of the two channels: batches go to the writing, and come back written to
/// be filled again.
struct Handover {
    send: SyncSender<Piece>,
    written_out: Receiver<CopiedRows>,
}

impl Handover {
    /// Hand on a piece; false when the writing has stopped.
    fn send(&self, piece: Piece) -> bool {
        self.send.send(piece).is_ok()
    }

    /// An empty batch: one the writing is done with, else a new one.
    fn empty(&self, width: usize) -> CopiedRows {
        match self.written_out.try_recv() {
            Ok(mut rows) => {
                rows.clear(width);
                rows
            }
            Err(_) => CopiedRows::new(width, BATCH),
        }
    }
}

/// Read every list in one transaction, handing its rows on in batches; stops early (Ok) when
/// the writing has stopped.
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
    // The queries only: which sink the rows go to does not matter here.
    for (list, (select, stamped, _)) in tables::<Document>().into_iter().enumerate() {
        if !read_list(&tx, zone, (list, select, stamped), send)? {
            break;
        }
    }
    Ok(())
}

/// One list: its start, then its rows. False when the writing has stopped.
fn read_list(
    tx: &rusqlite::Transaction<'_>,
    zone: Zone,
    (list, select, stamped): (usize, &str, Stamped),
    send: &Handover,
) -> rusqlite::Result<bool> {
    let mut stmt = tx.prepare(select)?;
    let names = super::rows::column_names(&stmt);
    let width = names.len();
    if !send.send(Piece::List(list, names.clone())) {
        return Ok(false);
    }
    let mut rows = stmt.query([])?;
    let mut batch = send.empty(width);
    let mut times = None;
    while let Some(row) = rows.next()? {
        let times = times.get_or_insert_with(|| stamped(row, zone, &names));
        batch.push(row, times, &zone)?;
        if batch.len() == BATCH {
            let full = std::mem::replace(&mut batch, send.empty(width));
            if !send.send(Piece::Rows(full)) {
                return Ok(false);
            }
        }
    }
    Ok(batch.is_empty() || send.send(Piece::Rows(batch)))
}

/// Make each row a record and hand it to `sink`, as they come; the reading's end (or failure)
/// ends it.
fn write_all<S: Sink>(
    received: &Receiver<Piece>,
    give_back: &Sender<CopiedRows>,
    zone: Zone,
    sink: &mut S,
    progress: &mut dyn FnMut(u64, u64),
) -> std::result::Result<(), Stop> {
    let mut progress = Progress {
        done: 0,
        total: 0,
        tell: progress,
    };
    let tables = tables::<S>();
    let mut current: Option<(WriteRows<S>, Vec<String>)> = None;
    for piece in received {
        match piece {
            Piece::Total(total) => progress.total = total,
            Piece::List(list, names) => {
                sink.list(LISTS[list]).map_err(Stop::Write)?;
                current = Some((tables[list].2, names));
            }
            Piece::Rows(rows) => {
                if let Some((write, names)) = &current {
                    write(&rows, names, zone, sink)?;
                    for _ in 0..rows.len() {
                        progress.tick();
                    }
                }
                // The reading fills it again (it may have ended: then it is freed here).
                let _ = give_back.send(rows);
            }
        }
    }
    (progress.tell)(progress.total, progress.total);
    Ok(())
}

/// A batch of one table's rows, made records one at a time and written.
fn write_rows<T: Table, S: Sink>(
    rows: &CopiedRows,
    names: &[String],
    zone: Zone,
    sink: &mut S,
) -> std::result::Result<(), Stop> {
    for row in 0..rows.len() {
        let record = T::read(&Cells::copied(rows.row(row), zone, names)).map_err(Stop::Read)?;
        sink.record(&record).map_err(Stop::Write)?;
    }
    Ok(())
}
