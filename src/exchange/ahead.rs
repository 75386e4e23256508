//! A file's records read ahead of the work that takes them: the parsing runs on a thread of its
//! own while this one takes each record (an import spent a fifth of its time reading JSON).

use std::sync::mpsc::{Receiver, Sender, SyncSender};

use super::BadFile;
use super::records::{Entry, Lists, Take};

/// How many batches the reading may be ahead (memory stays a few batches of records).
const BATCHES_AHEAD: usize = 4;

/// How many records go over at once.
const BATCH: usize = 256;

/// What the reading hands over, in the file's order.
enum Piece {
    Records(Vec<(usize, Entry)>),
    EndList(&'static str),
}

/// Why the reading stopped early.
enum Stop {
    Bad(BadFile),
    /// The taking stopped (it failed): nothing more is wanted.
    Closed,
}

impl From<BadFile> for Stop {
    fn from(bad: BadFile) -> Self {
        Stop::Bad(bad)
    }
}

/// `file.read_into(into)`, with the reading on another thread. The same records reach `into` in
/// the same order, and the same errors end it: the file's where the file is wrong, `into`'s
/// where it fails.
pub fn read_ahead<L: Lists + Send, T: Take>(file: &mut L, into: &mut T) -> Result<(), T::Error> {
    let (send, received) = std::sync::mpsc::sync_channel::<Piece>(BATCHES_AHEAD);
    let (give_back, taken) = std::sync::mpsc::channel::<Vec<(usize, Entry)>>();
    std::thread::scope(|scope| {
        let reading = scope.spawn(move || {
            let mut forward = Forward {
                send,
                taken,
                batch: Vec::with_capacity(BATCH),
            };
            file.read_into(&mut forward)?;
            forward.flush()
        });
        let took = take_all(&received, &give_back, into);
        // A failed taking drops the receiver: the reading stops at its next batch.
        drop(received);
        let read = reading
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        took?;
        match read {
            Err(Stop::Bad(bad)) => Err(bad.into()),
            Ok(()) | Err(Stop::Closed) => Ok(()),
        }
    })
}

fn take_all<T: Take>(
    received: &Receiver<Piece>,
    give_back: &Sender<Vec<(usize, Entry)>>,
    into: &mut T,
) -> Result<(), T::Error> {
    for piece in received {
        match piece {
            Piece::Records(batch) => {
                for (index, record) in &batch {
                    into.record_ref(*index, record)?;
                }
                // Freed on the thread that made them (glibc frees another thread's memory
                // slowly). The reading may have ended already: then it is freed here.
                let _ = give_back.send(batch);
            }
            Piece::EndList(list) => into.end_list(list)?,
        }
    }
    Ok(())
}

/// The reading's side: batches the records and hands them over.
struct Forward {
    send: SyncSender<Piece>,
    taken: Receiver<Vec<(usize, Entry)>>,
    batch: Vec<(usize, Entry)>,
}

impl Forward {
    fn hand_over(&mut self, piece: Piece) -> Result<(), Stop> {
        self.taken.try_iter().for_each(drop);
        self.send.send(piece).map_err(|_| Stop::Closed)
    }

    fn flush(&mut self) -> Result<(), Stop> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let full = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        self.hand_over(Piece::Records(full))
    }
}

impl Take for Forward {
    type Error = Stop;

    fn record(&mut self, index: usize, record: Entry) -> Result<(), Stop> {
        self.batch.push((index, record));
        if self.batch.len() == BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn end_list(&mut self, list: &'static str) -> Result<(), Stop> {
        self.flush()?;
        self.hand_over(Piece::EndList(list))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::{Document, PersonRecord};

    fn person(n: usize) -> PersonRecord {
        PersonRecord {
            uuid: format!("uuid-{n}"),
            name: format!("person {n}"),
            team: None,
            expertise: vec![],
            emails: vec![],
            notes: String::new(),
            prefers: None,
            every_days: None,
            met_at: None,
            aliases: vec![],
            greeting: None,
            created_at: "2026-11-28T09:00:00+00:00".into(),
            updated_at: "2026-11-28T09:00:00+00:00".into(),
        }
    }

    /// What a taking saw, in order; it fails at `fail_at` records.
    #[derive(Default)]
    struct Seen {
        events: Vec<String>,
        fail_at: Option<usize>,
        records: usize,
    }

    impl Take for Seen {
        type Error = BadFile;

        fn record(&mut self, index: usize, record: Entry) -> Result<(), BadFile> {
            self.records += 1;
            if self.fail_at == Some(self.records) {
                return Err(BadFile("the taking failed".into()));
            }
            self.events
                .push(format!("{} {index} {}", record.list(), record.uuid()));
            Ok(())
        }

        fn end_list(&mut self, list: &'static str) -> Result<(), BadFile> {
            self.events.push(format!("end {list}"));
            Ok(())
        }
    }

    fn document(people: usize) -> Document {
        Document {
            people: (0..people).map(person).collect(),
            ..Document::default()
        }
    }

    #[test]
    fn the_same_records_come_in_the_same_order() {
        let mut direct = Seen::default();
        document(2_000).read_into(&mut direct).expect("reads");
        let mut ahead = Seen::default();
        read_ahead(&mut document(2_000), &mut ahead).expect("reads");
        assert_eq!(ahead.events, direct.events);
        assert_eq!(ahead.events.len(), 2_000 + 8);
        assert_eq!(ahead.events[1], "people 1 uuid-1");
    }

    #[test]
    fn a_taking_that_fails_stops_the_reading_with_its_error() {
        // Far more records than the reading may be ahead: it must stop, not wait for ever.
        let mut seen = Seen {
            fail_at: Some(5),
            ..Seen::default()
        };
        let failed = read_ahead(&mut document(10_000), &mut seen);
        assert_eq!(failed, Err(BadFile("the taking failed".into())));
        assert_eq!(seen.events.len(), 4);
    }
}
