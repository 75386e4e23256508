//! Tight deadlines slow you down on purpose: a check-in cycle while one is near, a guided
//! one-minute slow-down when stress is high, and focus sprints. All timing takes `now`.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::vocabulary::Vocabulary;

use crate::when::Moment;

/// A stress rating, 1 (calm) to 5 (overwhelmed). Made only through `Stress::new` (or read from a
/// file through it), so nothing downstream has to clamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Stress(u8);

/// A number that is not a stress rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{0} is not 1 to 5")]
pub struct NotAStress(pub i64);

impl Stress {
    pub const CALMEST: Stress = Stress(1);
    pub const HIGHEST: Stress = Stress(5);

    pub fn new(rating: i64) -> Result<Stress, NotAStress> {
        match u8::try_from(rating) {
            Ok(n @ 1..=5) => Ok(Stress(n)),
            _ => Err(NotAStress(rating)),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// 4 or 5: the check-in offers the one-minute slow-down.
    pub fn is_high(self) -> bool {
        self.0 >= 4
    }
}

impl TryFrom<u8> for Stress {
    type Error = NotAStress;

    fn try_from(rating: u8) -> Result<Stress, NotAStress> {
        Stress::new(i64::from(rating))
    }
}

impl From<Stress> for u8 {
    fn from(stress: Stress) -> u8 {
        stress.0
    }
}

impl std::fmt::Display for Stress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// One logged check-in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checkin {
    pub id: i64,
    pub uuid: String,
    #[serde(serialize_with = "crate::when::rfc3339")]
    pub at: Moment,
    pub stress: Stress,
    pub deadline_id: Option<i64>,
    /// The deadline's title, when there was one.
    pub deadline: Option<String>,
    pub note: String,
    pub slowdown_secs: i64,
    pub next_action: String,
    #[serde(serialize_with = "crate::when::rfc3339")]
    pub created_at: Moment,
    #[serde(serialize_with = "crate::when::rfc3339")]
    pub updated_at: Moment,
}

/// A check-in as it is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCheckin {
    pub stress: Stress,
    pub deadline_id: Option<i64>,
    pub note: String,
    pub slowdown_secs: i64,
    pub next_action: String,
}

/// How long the guided slow-down lasts.
pub const SLOWDOWN_SECS: i64 = 60;

/// The three lines of the slow-down.
pub const SLOWDOWN_LINES: [&str; 3] = ["Acknowledge it.", "Feel it.", "Slow it down."];

/// The settings of the cycle (from the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cycle {
    /// A deadline due within this is tight and starts the cycle.
    pub tight_window: Duration,
    /// Time between check-ins while it runs.
    pub every: Duration,
}

impl Cycle {
    /// Whether a deadline due at `due` is tight now (overdue ones stay tight until closed).
    pub fn is_tight(&self, due: &Moment, now: &Moment) -> bool {
        *due - *now <= self.tight_window
    }

    /// When the next check-in is due: `every` after the last check-in, counted from the moment
    /// the deadline became tight; at once when none was made since.
    pub fn next_checkin(&self, due: &Moment, last_checkin: Option<&Moment>) -> Moment {
        let started = *due - self.tight_window;
        match last_checkin {
            Some(last) if *last >= started => *last + self.every,
            _ => started,
        }
    }
}

/// A step of the breathing guide: in 4 s, hold 4 s, out 4 s, hold 4 s, round and round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breath {
    In,
    HoldIn,
    Out,
    HoldOut,
}

impl Breath {
    pub fn words(self) -> &'static str {
        match self {
            Breath::In => "Breathe in",
            Breath::HoldIn => "Hold",
            Breath::Out => "Breathe out",
            Breath::HoldOut => "Hold",
        }
    }
}

/// Seconds per breathing step.
pub const BREATH_STEP_SECS: i64 = 4;

/// Where the guide is after `elapsed` seconds: the step, and how many of its 4 seconds have
/// passed (0–3).
pub fn breath_at(elapsed_secs: i64) -> (Breath, i64) {
    let elapsed = elapsed_secs.max(0);
    let step = (elapsed / BREATH_STEP_SECS) % 4;
    let into = elapsed % BREATH_STEP_SECS;
    let breath = match step {
        0 => Breath::In,
        1 => Breath::HoldIn,
        2 => Breath::Out,
        _ => Breath::HoldOut,
    };
    (breath, into)
}

/// How a sprint ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Running,
    Finished,
    Stopped,
}

impl Vocabulary for Outcome {
    const ALL: &'static [Outcome] = &[Outcome::Running, Outcome::Finished, Outcome::Stopped];

    fn word(self) -> &'static str {
        self.as_str()
    }
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Running => "running",
            Outcome::Finished => "finished",
            Outcome::Stopped => "stopped",
        }
    }
}

/// A focus countdown bound to a deadline. Its start and length are stored, so it survives a
/// restart: what is left is always computed from `now`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sprint {
    pub id: i64,
    pub deadline_id: Option<i64>,
    pub started_at: Moment,
    pub length: Duration,
    pub ended_at: Option<Moment>,
    pub outcome: Outcome,
}

impl Sprint {
    pub fn ends_at(&self) -> Moment {
        self.started_at + self.length
    }

    /// Time left, never below zero.
    pub fn remaining(&self, now: &Moment) -> Duration {
        (self.ends_at() - *now).max(Duration::zero())
    }

    /// Whether the countdown has run out (it may have while nudge was closed).
    pub fn is_over(&self, now: &Moment) -> bool {
        *now >= self.ends_at()
    }

    /// How much of it has passed, 0.0–1.0.
    pub fn progress(&self, now: &Moment) -> f64 {
        let total = self.length.num_seconds().max(1) as f64;
        let done = (*now - self.started_at)
            .num_seconds()
            .clamp(0, self.length.num_seconds()) as f64;
        done / total
    }
}

/// Ratings per day (oldest first, None for a day without any) as a sparkline: "▂▃▅▃ ▇".
pub fn sparkline(days: &[Option<f64>], ascii: bool) -> String {
    const BARS: [char; 5] = ['▁', '▃', '▄', '▆', '█'];
    const ASCII: [char; 5] = ['1', '2', '3', '4', '5'];
    days.iter()
        .map(|day| match day {
            None => {
                if ascii {
                    '.'
                } else {
                    ' '
                }
            }
            Some(rating) => {
                let level = (rating.round() as usize).clamp(1, 5) - 1;
                if ascii { ASCII[level] } else { BARS[level] }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::when::testing::london_at;

    fn at(d: u32, h: u32, m: u32) -> Moment {
        london_at(11, d, h, m)
    }

    fn cycle() -> Cycle {
        Cycle {
            tight_window: Duration::hours(24),
            every: Duration::minutes(90),
        }
    }

    #[test]
    fn tight_deadlines() {
        let now = at(28, 9, 0);
        assert!(cycle().is_tight(&at(28, 17, 0), &now));
        assert!(cycle().is_tight(&at(29, 9, 0), &now));
        assert!(!cycle().is_tight(&at(29, 9, 1), &now));
        assert!(
            cycle().is_tight(&at(27, 17, 0), &now),
            "overdue stays tight"
        );
    }

    #[test]
    fn the_next_checkin() {
        let due = at(28, 17, 0);
        // Tight since Fri 17:00 and no check-in since: due at once (that moment is past).
        assert_eq!(cycle().next_checkin(&due, None), at(27, 17, 0));
        // A check-in at 08:00 → 09:30.
        assert_eq!(
            cycle().next_checkin(&due, Some(&at(28, 8, 0))),
            at(28, 9, 30)
        );
        // A check-in from before the cycle started does not count.
        assert_eq!(
            cycle().next_checkin(&due, Some(&at(27, 10, 0))),
            at(27, 17, 0)
        );
    }

    #[test]
    fn countdowns_across_midnight() {
        // Due 01:00 on Sunday; last check-in Saturday 23:00 → next Sunday 00:30.
        let due = at(29, 1, 0);
        let next = cycle().next_checkin(&due, Some(&at(28, 23, 0)));
        assert_eq!(next, at(29, 0, 30));
        assert_eq!(
            crate::domain::words::countdown(next - at(28, 23, 59)),
            "31:00"
        );
    }

    #[test]
    fn the_breathing_guide_moves_in_time() {
        assert_eq!(breath_at(0), (Breath::In, 0));
        assert_eq!(breath_at(3), (Breath::In, 3));
        assert_eq!(breath_at(4), (Breath::HoldIn, 0));
        assert_eq!(breath_at(9), (Breath::Out, 1));
        assert_eq!(breath_at(15), (Breath::HoldOut, 3));
        assert_eq!(breath_at(16), (Breath::In, 0));
        assert_eq!(breath_at(59), (Breath::Out, 3));
    }

    #[test]
    fn a_sprint_resumes_from_its_start() {
        let sprint = Sprint {
            id: 1,
            deadline_id: Some(3),
            started_at: at(28, 9, 0),
            length: Duration::minutes(25),
            ended_at: None,
            outcome: Outcome::Running,
        };
        // Reopened ten minutes in: fifteen left, whatever happened in between.
        assert_eq!(sprint.remaining(&at(28, 9, 10)), Duration::minutes(15));
        assert!((sprint.progress(&at(28, 9, 10)) - 0.4).abs() < 1e-9);
        assert!(!sprint.is_over(&at(28, 9, 24)));
        // Ended while nudge was closed.
        assert!(sprint.is_over(&at(28, 11, 0)));
        assert_eq!(sprint.remaining(&at(28, 11, 0)), Duration::zero());
        assert!((sprint.progress(&at(28, 11, 0)) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn sparklines() {
        assert_eq!(
            sparkline(&[Some(1.0), Some(3.0), None, Some(5.0), Some(4.4)], false),
            "▁▄ █▆"
        );
        assert_eq!(sparkline(&[Some(2.0), None], true), "2.");
    }
}
