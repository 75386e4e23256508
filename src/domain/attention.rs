//! What needs attention, and in which order: an ask to a slow responder near its need-by first,
//! then check-backs that are due, then need-bys within a day (or past), then the rest.
//! The store ranks open asks with `rank_at`, and runs the same order as SQL where it lists closed
//! asks too (`store::items`); a store test keeps the two in step.

use chrono::Duration;
use serde::Serialize;

use super::item::Item;
use crate::when::Moment;

/// Why an ask is in the attention queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// A reply was found in the mail (`nudge mail scan`): received?
    Replied,
    /// The need-by is sooner than the person usually takes to answer.
    LeadTime,
    /// The check-back time has come.
    CheckBackDue,
    /// The need-by is within a day, or past.
    NeedBySoon,
    /// The need-by comes after the due time of the deadline the ask feeds.
    AfterDeadline,
    /// A deadline within 48 hours.
    DeadlineSoon,
    /// A proofing invitation still to send.
    ProofingToSend,
}

impl Reason {
    pub fn label(self) -> &'static str {
        match self {
            Reason::Replied => "replied?",
            Reason::LeadTime => "slow to answer for this need-by",
            Reason::CheckBackDue => "check-back due",
            Reason::NeedBySoon => "need-by near",
            Reason::AfterDeadline => "need-by after its deadline",
            Reason::DeadlineSoon => "deadline near",
            Reason::ProofingToSend => "invitation to send",
        }
    }
}

/// Why an open ask needs attention now, if it does.
pub fn ask_reason(item: &Item, usual_reply: Option<Duration>, now: &Moment) -> Option<Reason> {
    match ask_rank(item, usual_reply, now).0 {
        0 => Some(Reason::LeadTime),
        1 => Some(Reason::CheckBackDue),
        2 => Some(Reason::NeedBySoon),
        _ => None,
    }
}

/// The sort key of an open ask: (group, the moment that orders it within the group).
pub fn ask_rank(item: &Item, usual_reply: Option<Duration>, now: &Moment) -> (u8, i64) {
    rank_at(
        item.need_by.map(|m| m.timestamp()),
        item.next_check.map(|m| m.timestamp()),
        usual_reply.map(|d| d.num_seconds()),
        now.timestamp(),
    )
}

/// `ask_rank` from the times alone, in seconds: the store ranks open asks from their index with
/// it, without reading them whole.
pub fn rank_at(
    need_by: Option<i64>,
    check: Option<i64>,
    usual_reply_secs: Option<i64>,
    now_s: i64,
) -> (u8, i64) {
    if let (Some(need), Some(usual)) = (need_by, usual_reply_secs)
        && need > now_s
        && need - now_s < usual
    {
        return (0, need);
    }
    if let Some(check) = check.filter(|c| *c <= now_s) {
        return (1, check);
    }
    if let Some(need) = need_by.filter(|n| *n <= now_s + 86_400) {
        return (2, need);
    }
    (3, check.or(need_by).unwrap_or(i64::MAX))
}
