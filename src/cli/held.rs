//! An export to a stream (a pipe, a terminal, standard output) cannot be taken back, so nothing
//! reaches it before every page of the database has passed its check. The check runs beside
//! the export instead of before it (at a million items it takes a third as long as the export
//! itself); what the export writes meanwhile is held in an unnamed temporary file, written out
//! when the check passes, and from then on the export writes straight through.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};

use crate::store::PageCheck;

/// The most held before the writing waits for the check instead (a temporary folder may be
/// memory).
const HOLD_AT_MOST: u64 = 512 * 1024 * 1024;

/// What is written out of the held file at a time.
const CHUNK: usize = 256 * 1024;

pub struct HeldUntilChecked<'a> {
    out: &'a mut dyn Write,
    check: &'a PageCheck,
    state: State,
    hold_at_most: u64,
}

enum State {
    /// The check has not ended: bytes go to the file (None: no file could be made, so the
    /// first write waits for the check).
    Holding { file: Option<File>, held: u64 },
    /// The check passed and what was held is out.
    Through,
    /// Nothing more will be written: the check failed (and nothing was), or writing out what
    /// was held did.
    Refused,
}

impl<'a> HeldUntilChecked<'a> {
    pub fn new(out: &'a mut dyn Write, check: &'a PageCheck) -> Self {
        Self::holding_at_most(out, check, HOLD_AT_MOST)
    }

    fn holding_at_most(out: &'a mut dyn Write, check: &'a PageCheck, most: u64) -> Self {
        let state = match check.ended() {
            Some(true) => State::Through,
            Some(false) => State::Refused,
            None => State::Holding {
                file: tempfile::tempfile().ok(),
                held: 0,
            },
        };
        HeldUntilChecked {
            out,
            check,
            state,
            hold_at_most: most,
        }
    }

    /// Wait for the check, then write out what is held. Every write after the check has failed
    /// fails, so the export stops early.
    fn release(&mut self) -> io::Result<()> {
        match std::mem::replace(&mut self.state, State::Refused) {
            State::Through => self.state = State::Through,
            State::Refused => {}
            State::Holding { file, held } => {
                if self.check.wait() {
                    if let Some(file) = file {
                        write_out(file, held, self.out)?;
                    }
                    self.state = State::Through;
                }
            }
        }
        match self.state {
            State::Through => Ok(()),
            _ => Err(io::Error::other("the database failed its check")),
        }
    }

    /// Everything written out and flushed, once the check has passed.
    pub fn finish(mut self) -> io::Result<()> {
        self.release()?;
        self.out.flush()
    }
}

/// The `held` bytes of `file`, from its start, to `out`.
fn write_out(mut file: File, held: u64, out: &mut dyn Write) -> io::Result<()> {
    file.seek(SeekFrom::Start(0))?;
    let mut rest = held;
    let mut chunk = vec![0; CHUNK];
    while rest > 0 {
        let take = usize::try_from(rest).map_or(CHUNK, |rest| rest.min(CHUNK));
        file.read_exact(&mut chunk[..take])?;
        out.write_all(&chunk[..take])?;
        rest -= take as u64;
    }
    Ok(())
}

impl Write for HeldUntilChecked<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let State::Holding {
            file: Some(file),
            held,
        } = &mut self.state
            && self.check.ended().is_none()
            && *held + buf.len() as u64 <= self.hold_at_most
        {
            // A full temporary folder is no failure: the writing waits for the check instead.
            if let Ok(wrote) = file.write(buf) {
                *held += wrote as u64;
                return Ok(wrote);
            }
        }
        self.release()?;
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.state {
            State::Through => self.out.flush(),
            State::Holding { .. } => Ok(()),
            State::Refused => Err(io::Error::other("the database failed its check")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;

    #[test]
    fn nothing_is_written_until_the_check_passes_then_everything_in_order() {
        let (tell, told) = channel();
        let check = PageCheck::new(told);
        let mut out = Vec::new();
        {
            let mut held = HeldUntilChecked::new(&mut out, &check);
            held.write_all(b"{\"format\":").expect("write");
            held.write_all(b"\"nudge\"").expect("write");
            held.flush().expect("flush");
            tell.send(true).expect("send");
            held.write_all(b",\"people\":[]}").expect("write");
            held.write_all(b"\n").expect("write");
            held.finish().expect("finish");
        }
        assert_eq!(out, b"{\"format\":\"nudge\",\"people\":[]}\n");
    }

    #[test]
    fn a_failed_check_lets_nothing_through_and_stops_the_writing() {
        let (tell, told) = channel();
        let check = PageCheck::new(told);
        let mut out = Vec::new();
        {
            let mut held = HeldUntilChecked::new(&mut out, &check);
            held.write_all(b"first records").expect("held");
            tell.send(false).expect("send");
            assert!(held.write_all(b"more").is_err());
            assert!(held.write_all(b"and more").is_err());
            assert!(held.flush().is_err());
            assert!(held.finish().is_err());
        }
        assert!(out.is_empty());
        // Failed before the writing starts: the first write fails.
        let (tell, told) = channel();
        tell.send(false).expect("send");
        let check = PageCheck::new(told);
        let mut held = HeldUntilChecked::new(&mut out, &check);
        assert!(held.write_all(b"x").is_err());
        assert!(held.finish().is_err());
        assert!(out.is_empty());
    }

    #[test]
    fn the_check_ending_while_everything_is_held_is_heard_at_the_finish() {
        let (tell, told) = channel();
        let check = PageCheck::new(told);
        let mut out = Vec::new();
        let mut held = HeldUntilChecked::new(&mut out, &check);
        held.write_all(b"all of it").expect("write");
        let finishing = std::thread::scope(|scope| {
            scope.spawn(move || tell.send(true));
            held.finish()
        });
        finishing.expect("finish");
        assert_eq!(out, b"all of it");
    }

    /// Past what it may hold, the writing waits for the check (told here from another thread),
    /// then writes out what it held and goes on: the bytes come out whole and in order.
    #[test]
    fn past_what_it_may_hold_the_writing_waits_for_the_check() {
        let text: Vec<u8> = (0..300_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        let (tell, told) = channel();
        let check = PageCheck::new(told);
        let mut out = Vec::new();
        std::thread::scope(|scope| {
            let mut held = HeldUntilChecked::holding_at_most(&mut out, &check, 1000);
            held.write_all(&text[..600]).expect("held");
            scope.spawn(move || tell.send(true));
            for piece in text[600..].chunks(777) {
                held.write_all(piece).expect("write");
            }
            held.finish().expect("finish");
        });
        assert_eq!(out, text);
    }

    #[test]
    fn a_check_already_passed_writes_straight_through() {
        let check = PageCheck::passed();
        let mut out = Vec::new();
        let mut held = HeldUntilChecked::new(&mut out, &check);
        held.write_all(b"at once").expect("write");
        assert!(matches!(held.state, State::Through));
        held.finish().expect("finish");
        assert_eq!(out, b"at once");
    }

    #[test]
    fn without_a_temporary_file_the_first_write_waits_for_the_check() {
        let (tell, told) = channel();
        let check = PageCheck::new(told);
        let mut out = Vec::new();
        std::thread::scope(|scope| {
            let mut held = HeldUntilChecked::new(&mut out, &check);
            held.state = State::Holding {
                file: None,
                held: 0,
            };
            scope.spawn(move || tell.send(true));
            held.write_all(b"after the check").expect("write");
            held.finish().expect("finish");
        });
        assert_eq!(out, b"after the check");
    }
}
