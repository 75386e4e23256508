//! The dashboard's own background work: syncs (`[sync] on_start`, `every_minutes`) and mail
//! scans (`[mail] every_minutes`). Each runs on a thread of its own with its own connection, so
//! no key ever waits for a remote or a mail folder; what it brought reaches the screen the way
//! another program's changes do (the store's data version), and how it went is a status-line
//! message. A sync's `on_quit` is run by the caller once the terminal is restored.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::clock::Clock;
use crate::store::Store;
use crate::sync::Settings;
use crate::when::Zone;

/// One run of the work: the line to show (None: nothing worth a line), or what went wrong.
type Job = Arc<dyn Fn() -> Result<Option<String>, String> + Send + Sync>;

pub struct Background {
    name: &'static str,
    job: Job,
    every: Option<Duration>,
    next: Option<Instant>,
    running: Option<Receiver<Result<Option<String>, String>>>,
}

/// One sync, start to end, on its own connection: the line to show.
pub fn sync_once(settings: &Settings, zone: Zone, clock: &Clock) -> Result<String, String> {
    let mut store = Store::open(&settings.db, zone).map_err(|e| format!("sync: {e}"))?;
    crate::sync::sync(&mut store, settings, &clock.now())
        .map(|synced| synced.summary(&settings.remote))
        .map_err(|e| format!("sync failed: {e}"))
}

/// One mail scan on its own connection: a line when it found replies.
pub fn scan_once(
    db: &std::path::Path,
    zone: Zone,
    clock: &Clock,
    config: &crate::config::Config,
) -> Result<Option<String>, String> {
    let mut store = Store::open(db, zone).map_err(|e| format!("mail: {e}"))?;
    let ctx = crate::ops::Context::new(clock.now(), config.clone());
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    let scanned = crate::ops::mail::scan(&mut store, &ctx, home.as_deref())
        .map_err(|e| format!("mail scan failed: {e}"))?;
    Ok(scanned.found.first().map(|first| {
        let more = scanned.found.len() - 1;
        let line = crate::ops::mail::suggestion_line(first, &ctx);
        if more == 0 {
            format!("Mail: {line}")
        } else {
            format!("Mail: {line} (and {more} more)")
        }
    }))
}

impl Background {
    /// Syncs every `every_minutes` (0: never) and, with `on_start`, one now.
    pub fn sync(
        settings: Settings,
        zone: Zone,
        clock: Clock,
        every_minutes: u32,
        on_start: bool,
    ) -> Background {
        let job: Job = Arc::new(move || sync_once(&settings, zone, &clock).map(Some));
        Background::new("sync", job, every_minutes, on_start)
    }

    /// Scans the mail now and every `every_minutes`.
    pub fn mail(
        db: std::path::PathBuf,
        zone: Zone,
        clock: Clock,
        config: crate::config::Config,
        every_minutes: u32,
    ) -> Background {
        let job: Job = Arc::new(move || scan_once(&db, zone, &clock, &config));
        Background::new("mail", job, every_minutes, true)
    }

    fn new(name: &'static str, job: Job, every_minutes: u32, on_start: bool) -> Background {
        let every = (every_minutes > 0).then(|| Duration::from_secs(u64::from(every_minutes) * 60));
        let mut background = Background {
            name,
            job,
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
        let job = self.job.clone();
        let spawned = std::thread::Builder::new()
            .name(self.name.into())
            .spawn(move || {
                let _ = sender.send(job());
            });
        match spawned {
            Ok(_) => self.running = Some(receiver),
            Err(e) => tracing::warn!(error = %e, name = self.name, "cannot start background work"),
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

    /// Start the work when it is due; the line of a run that ended, if any.
    pub fn poll(&mut self) -> Option<Result<Option<String>, String>> {
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
                Some(Err(format!(
                    "{} stopped before it could say how it went",
                    self.name
                )))
            }
        }
    }

    /// Wait for a run still going (at quit), at most `wait`.
    pub fn finish(&mut self, wait: Duration) -> Option<Result<Option<String>, String>> {
        let receiver = self.running.take()?;
        receiver.recv_timeout(wait).ok()
    }
}
