//! The dashboard's own syncs (`[sync] on_start`, `every_minutes`): each runs on a thread of its
//! own with its own connection, so no key ever waits for the remote; what it brought reaches the
//! screen the way another program's changes do (the store's data version), and how it went is a
//! status-line message. `on_quit` is run by the caller once the terminal is restored.

use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::clock::Clock;
use crate::store::Store;
use crate::sync::Settings;
use crate::when::Zone;

pub struct Background {
    settings: Settings,
    zone: Zone,
    clock: Clock,
    every: Option<Duration>,
    next: Option<Instant>,
    running: Option<Receiver<Result<String, String>>>,
}

/// One sync, start to end, on its own connection: the line to show.
pub fn sync_once(settings: &Settings, zone: Zone, clock: &Clock) -> Result<String, String> {
    let mut store = Store::open(&settings.db, zone).map_err(|e| format!("sync: {e}"))?;
    crate::sync::sync(&mut store, settings, &clock.now())
        .map(|synced| synced.summary(&settings.remote))
        .map_err(|e| format!("sync failed: {e}"))
}

impl Background {
    /// Syncs every `every_minutes` (0: never) and, with `on_start`, one now.
    pub fn new(
        settings: Settings,
        zone: Zone,
        clock: Clock,
        every_minutes: u32,
        on_start: bool,
    ) -> Background {
        let every = (every_minutes > 0).then(|| Duration::from_secs(u64::from(every_minutes) * 60));
        let mut background = Background {
            settings,
            zone,
            clock,
            every,
            next: every.map(|e| Instant::now() + e),
            running: None,
        };
        if on_start {
            background.start();
        }
        background
    }

    fn start(&mut self) {
        if self.running.is_some() {
            return;
        }
        let (sender, receiver) = channel();
        let (settings, zone, clock) = (self.settings.clone(), self.zone, self.clock);
        let spawned = std::thread::Builder::new()
            .name("sync".into())
            .spawn(move || {
                let _ = sender.send(sync_once(&settings, zone, &clock));
            });
        match spawned {
            Ok(_) => self.running = Some(receiver),
            Err(e) => tracing::warn!(error = %e, "cannot start a sync"),
        }
    }

    /// How long the loop may sleep before this needs looking at: soon while a sync runs (every
    /// `check`), else until the next one is due (None: nothing planned).
    pub fn wake_in(&self, check: Duration) -> Option<Duration> {
        if self.running.is_some() {
            return Some(check);
        }
        self.next
            .map(|next| next.saturating_duration_since(Instant::now()))
    }

    /// Start a sync when one is due; the line of one that ended, if any.
    pub fn poll(&mut self) -> Option<Result<String, String>> {
        if let (Some(next), None) = (self.next, &self.running)
            && Instant::now() >= next
        {
            self.next = self.every.map(|e| Instant::now() + e);
            self.start();
        }
        let receiver = self.running.as_ref()?;
        match receiver.try_recv() {
            Ok(line) => {
                self.running = None;
                Some(line)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.running = None;
                Some(Err("sync stopped before it could say how it went".into()))
            }
        }
    }

    /// Wait for a sync still running (at quit), at most `wait`.
    pub fn finish(&mut self, wait: Duration) -> Option<Result<String, String>> {
        let receiver = self.running.take()?;
        receiver.recv_timeout(wait).ok()
    }
}
