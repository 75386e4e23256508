//! SIGTERM, SIGHUP, SIGINT and SIGQUIT while the dashboard runs: the event loop stops between two
//! frames, keeps the line being typed, gives the terminal back, and nudge exits with 128 + the
//! signal's number.
//!
//! A small thread waits for the signals, notes which one came, and wakes the loop by raising
//! SIGWINCH (the loop already waits on it for resizes). The loop itself does the stopping, so the
//! terminal and the database are only ever touched from one thread. Should the loop not answer
//! (stuck in a wait longer than the database's), the thread gives the terminal back and exits.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
use signal_hook::iterator::Signals;

/// Longer than any wait the loop can be in (the database's 5 s busy timeout).
const LOOP_ANSWERS_WITHIN: Duration = Duration::from_secs(8);

/// The signal that asked the dashboard to stop (0 while none has).
#[derive(Debug, Clone, Default)]
pub struct StopSignal(Arc<AtomicI32>);

impl StopSignal {
    /// The signal's number, once one came.
    pub fn received(&self) -> Option<i32> {
        match self.0.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(signal),
        }
    }
}

/// Start watching; the thread lives as long as the process.
pub fn watch() -> std::io::Result<StopSignal> {
    let stop = StopSignal::default();
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    let seen = stop.clone();
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                seen.0.store(signal, Ordering::SeqCst);
                let _ = signal_hook::low_level::raise(SIGWINCH);
                std::thread::sleep(LOOP_ANSWERS_WITHIN);
                tracing::error!(signal, "the dashboard did not stop in time; leaving");
                give_back_terminal();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(stop)
}

/// The last resort: the terminal's modes reset through /dev/tty, not through standard output
/// (which the loop may hold).
fn give_back_terminal() {
    use ratatui::crossterm::{Command, cursor, event, terminal};
    let mut sequences = String::new();
    let _ = event::DisableMouseCapture.write_ansi(&mut sequences);
    let _ = event::DisableBracketedPaste.write_ansi(&mut sequences);
    let _ = terminal::LeaveAlternateScreen.write_ansi(&mut sequences);
    let _ = cursor::Show.write_ansi(&mut sequences);
    if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        let _ = tty.write_all(sequences.as_bytes());
    }
    let _ = terminal::disable_raw_mode();
}
