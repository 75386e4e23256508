//! A progress bar on stderr for long work (imports, exports, demo --scale): only when stderr is
//! a terminal and the work has taken more than a second, so pipes and quick runs stay quiet.

use std::io::IsTerminal;
use std::time::Instant;

pub struct Progress {
    started: Instant,
    what: &'static str,
    shown: bool,
    enabled: bool,
}

impl Progress {
    /// `what` names the things counted: "items", "records".
    pub fn new(what: &'static str) -> Self {
        Progress {
            started: Instant::now(),
            what,
            shown: false,
            enabled: std::io::stderr().is_terminal(),
        }
    }

    pub fn elapsed(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// `[#########---------] 41000/100000 items · 52000/s`
    pub fn show(&mut self, done: u64, total: u64) {
        let elapsed = self.elapsed();
        if !self.enabled || elapsed < 1.0 || total == 0 {
            return;
        }
        eprint!("\r{} ", bar(done, total, elapsed, self.what));
        self.shown = true;
    }

    /// Take the bar off the screen before the result is printed.
    pub fn clear(&self) {
        if self.shown {
            eprint!("\r\x1b[2K");
        }
    }
}

fn bar(done: u64, total: u64, elapsed: f64, what: &str) -> String {
    const WIDTH: u64 = 30;
    let done = done.min(total);
    let filled = (done * WIDTH / total.max(1)) as usize;
    let rate = if elapsed > 0.0 {
        done as f64 / elapsed
    } else {
        0.0
    };
    format!(
        "[{}{}] {done}/{total} {what} · {rate:.0}/s",
        "#".repeat(filled),
        "-".repeat(WIDTH as usize - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn the_bar_fills_with_the_count_and_shows_the_rate() {
        assert_eq!(
            bar(50, 100, 2.0, "items"),
            "[###############---------------] 50/100 items · 25/s"
        );
        assert!(bar(200, 100, 1.0, "items").starts_with(&format!("[{}]", "#".repeat(30))));
    }
}
