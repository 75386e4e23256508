//! The daily review: one pass over what needs a decision, in DESIGN.md's order — check-backs
//! due, need-bys today or past, deadlines within 48 hours, invitations to send, one-sided
//! ledgers, people out of touch — one key per decision, with a tally at the end.

use serde::{Deserialize, Serialize};

/// One card of the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry {
    CheckBack {
        id: i64,
    },
    NeedBy {
        id: i64,
    },
    Deadline {
        id: i64,
    },
    Proofing {
        id: i64,
    },
    Ledger {
        person_id: i64,
    },
    /// Someone whose keep-in-touch rhythm has passed.
    KeepInTouch {
        person_id: i64,
    },
}

impl Entry {
    /// The item it is about (a ledger is about a person, not an item).
    pub fn item_id(&self) -> Option<i64> {
        match *self {
            Entry::CheckBack { id }
            | Entry::NeedBy { id }
            | Entry::Deadline { id }
            | Entry::Proofing { id } => Some(id),
            Entry::Ledger { .. } | Entry::KeepInTouch { .. } => None,
        }
    }

    /// The person it is about, when it is about a person rather than an item.
    pub fn person_id(&self) -> Option<i64> {
        match *self {
            Entry::Ledger { person_id } | Entry::KeepInTouch { person_id } => Some(person_id),
            _ => None,
        }
    }

    pub fn section(&self) -> &'static str {
        match self {
            Entry::CheckBack { .. } => "Check-back due",
            Entry::NeedBy { .. } => "Need-by today or past",
            Entry::Deadline { .. } => "Deadline within 48 hours",
            Entry::Proofing { .. } => "Invitation to send",
            Entry::Ledger { .. } => "One-sided ledger",
            Entry::KeepInTouch { .. } => "Keep in touch",
        }
    }
}

/// The queue, in order, each item once (an ask due for a check-back is not asked about again
/// for its need-by).
pub fn build_queue(
    check_backs: &[i64],
    need_bys: &[i64],
    deadlines: &[i64],
    proofing: &[i64],
    ledgers: &[i64],
    out_of_touch: &[i64],
) -> Vec<Entry> {
    let mut queue: Vec<Entry> = check_backs
        .iter()
        .map(|&id| Entry::CheckBack { id })
        .collect();
    let checked: std::collections::HashSet<i64> = check_backs.iter().copied().collect();
    for &id in need_bys {
        if !checked.contains(&id) {
            queue.push(Entry::NeedBy { id });
        }
    }
    queue.extend(deadlines.iter().map(|&id| Entry::Deadline { id }));
    queue.extend(proofing.iter().map(|&id| Entry::Proofing { id }));
    queue.extend(ledgers.iter().map(|&person_id| Entry::Ledger { person_id }));
    queue.extend(
        out_of_touch
            .iter()
            .map(|&person_id| Entry::KeepInTouch { person_id }),
    );
    queue
}

/// What was decided on a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    FollowedUp,
    Done,
    Snoozed,
    Dropped,
    Edited,
    Skipped,
    /// They said no (an ask).
    Declined,
    /// The invitation went out.
    Sent,
    /// A deadline that passed, marked missed.
    Missed,
}

impl Decision {
    /// Whether the decision changed data (and so `u` in the review undoes a change too).
    pub fn wrote(self) -> bool {
        !matches!(self, Decision::Skipped)
    }
}

/// The end-of-review summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub followed_up: u32,
    pub received: u32,
    pub snoozed: u32,
    pub dropped: u32,
    pub edited: u32,
    pub skipped: u32,
    pub declined: u32,
    pub sent: u32,
    pub missed: u32,
}

pub fn tally(decisions: &[Decision]) -> Tally {
    let mut t = Tally::default();
    for d in decisions {
        let slot = match d {
            Decision::FollowedUp => &mut t.followed_up,
            Decision::Done => &mut t.received,
            Decision::Snoozed => &mut t.snoozed,
            Decision::Dropped => &mut t.dropped,
            Decision::Edited => &mut t.edited,
            Decision::Skipped => &mut t.skipped,
            Decision::Declined => &mut t.declined,
            Decision::Sent => &mut t.sent,
            Decision::Missed => &mut t.missed,
        };
        *slot += 1;
    }
    t
}

impl Tally {
    /// "followed up 2 · received 1 · skipped 3": the decisions made, none left out, no zeros.
    pub fn line(&self) -> String {
        let parts: Vec<String> = [
            ("followed up", self.followed_up),
            ("received", self.received),
            ("said no", self.declined),
            ("sent", self.sent),
            ("snoozed", self.snoozed),
            ("edited", self.edited),
            ("dropped", self.dropped),
            ("missed", self.missed),
            ("skipped", self.skipped),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(what, n)| format!("{what} {n}"))
        .collect();
        if parts.is_empty() {
            "nothing decided".to_string()
        } else {
            parts.join(" · ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queue_keeps_the_design_order_and_each_item_once() {
        let queue = build_queue(&[7, 3], &[3, 9], &[1], &[20], &[5], &[6]);
        assert_eq!(
            queue,
            vec![
                Entry::CheckBack { id: 7 },
                Entry::CheckBack { id: 3 },
                Entry::NeedBy { id: 9 },
                Entry::Deadline { id: 1 },
                Entry::Proofing { id: 20 },
                Entry::Ledger { person_id: 5 },
                Entry::KeepInTouch { person_id: 6 },
            ]
        );
        assert!(build_queue(&[], &[], &[], &[], &[], &[]).is_empty());
    }

    #[test]
    fn the_tally() {
        let t = tally(&[
            Decision::FollowedUp,
            Decision::Skipped,
            Decision::FollowedUp,
            Decision::Done,
        ]);
        assert_eq!((t.followed_up, t.received, t.skipped), (2, 1, 1));
        assert_eq!(t.line(), "followed up 2 · received 1 · skipped 1");
        let t = tally(&[Decision::Declined, Decision::Sent, Decision::Missed]);
        assert_eq!(t.line(), "said no 1 · sent 1 · missed 1");
        assert_eq!(tally(&[]).line(), "nothing decided");
    }

    #[test]
    fn entries_round_trip_as_json() {
        let queue = build_queue(&[1], &[2], &[3], &[4], &[5], &[6]);
        let text = serde_json::to_string(&queue).expect("json");
        assert_eq!(
            serde_json::from_str::<Vec<Entry>>(&text).expect("parse"),
            queue
        );
    }
}
