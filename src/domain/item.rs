//! The actionable items — asks, deadlines, proofing invitations — and their lifecycles.
//! They share one id sequence, so `nudge done 12` is never ambiguous.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::channel::Channel;
use super::escalation::Chased;
use super::vocabulary::Vocabulary;
use crate::when::Moment;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Ask,
    Deadline,
    Proofing,
}

impl Vocabulary for Kind {
    const ALL: &'static [Kind] = &[Kind::Ask, Kind::Deadline, Kind::Proofing];

    fn word(self) -> &'static str {
        self.as_str()
    }
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Ask => "ask",
            Kind::Deadline => "deadline",
            Kind::Proofing => "proofing",
        }
    }

    /// "Ask", "Deadline", "Proofing" at the start of a line.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Ask => "Ask",
            Kind::Deadline => "Deadline",
            Kind::Proofing => "Proofing",
        }
    }

    /// The status an item of this kind starts in.
    pub fn first_status(self) -> Status {
        match self {
            Kind::Ask | Kind::Deadline => Status::Open,
            Kind::Proofing => Status::ToSend,
        }
    }

    /// What `done` moves it to.
    pub fn done_status(self) -> Status {
        match self {
            Kind::Ask => Status::Received,
            Kind::Deadline => Status::Done,
            Kind::Proofing => Status::Proofed,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Received,
    Declined,
    Dropped,
    Done,
    Missed,
    ToSend,
    Sent,
    Accepted,
    Proofed,
}

impl Vocabulary for Status {
    const ALL: &'static [Status] = &Status::ALL;

    fn word(self) -> &'static str {
        self.as_str()
    }
}

impl Status {
    const ALL: [Status; 10] = [
        Status::Open,
        Status::Received,
        Status::Declined,
        Status::Dropped,
        Status::Done,
        Status::Missed,
        Status::ToSend,
        Status::Sent,
        Status::Accepted,
        Status::Proofed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Received => "received",
            Status::Declined => "declined",
            Status::Dropped => "dropped",
            Status::Done => "done",
            Status::Missed => "missed",
            Status::ToSend => "to_send",
            Status::Sent => "sent",
            Status::Accepted => "accepted",
            Status::Proofed => "proofed",
        }
    }

    /// How the status reads in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Status::ToSend => "to send",
            other => other.as_str(),
        }
    }

    /// Still waiting on someone (or on me).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::Open | Status::ToSend | Status::Sent | Status::Accepted
        )
    }

    /// Whether an item of `kind` may be in this status.
    pub fn fits(self, kind: Kind) -> bool {
        match kind {
            Kind::Ask => matches!(
                self,
                Status::Open | Status::Received | Status::Declined | Status::Dropped
            ),
            Kind::Deadline => matches!(
                self,
                Status::Open | Status::Done | Status::Missed | Status::Dropped
            ),
            Kind::Proofing => matches!(
                self,
                Status::ToSend
                    | Status::Sent
                    | Status::Accepted
                    | Status::Declined
                    | Status::Proofed
                    | Status::Dropped
            ),
        }
    }
}

/// The SQL list of open statuses, kept beside `Status::is_open` so the two cannot drift apart.
pub const OPEN_STATUSES_SQL: &str = "('open','to_send','sent','accepted')";

/// One actionable item as the screens and commands see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: i64,
    pub uuid: String,
    pub kind: Kind,
    pub title: String,
    pub status: Status,
    pub person_id: Option<i64>,
    /// The person's name as first written.
    pub person: Option<String>,
    pub why: Option<String>,
    pub channel: Option<Channel>,
    pub asked_at: Option<Moment>,
    pub need_by: Option<Moment>,
    pub next_check: Option<Moment>,
    /// The check-back was set by the user (`check WHEN`, a snooze), not by the rule: moving the
    /// need-by keeps it.
    pub check_by_hand: bool,
    pub due: Option<Moment>,
    pub tags: Vec<String>,
    /// The deadline an ask feeds, or the piece a proofing invitation is for.
    pub deadline_id: Option<i64>,
    /// A proofing invitation's piece when it is not one of my deadlines.
    pub piece: Option<String>,
    /// The logged follow-ups: how many on each channel, and the latest one's.
    pub chased: Chased,
    pub notes: String,
    /// Why the person said no ("no time"), for declined asks.
    pub decline_reason: Option<String>,
    pub closed_at: Option<Moment>,
    pub created_at: Moment,
    pub updated_at: Moment,
    /// The person's usual time to answer, when known (for lead-time warnings).
    pub usual_reply: Option<Duration>,
}

impl Item {
    /// A new item of `kind` with nothing set yet, created at `now`.
    pub fn blank(kind: Kind, now: Moment) -> Item {
        Item {
            id: 0,
            uuid: String::new(),
            kind,
            title: String::new(),
            status: kind.first_status(),
            person_id: None,
            person: None,
            why: None,
            channel: None,
            asked_at: None,
            need_by: None,
            next_check: None,
            check_by_hand: false,
            due: None,
            tags: Vec::new(),
            deadline_id: None,
            piece: None,
            chased: Chased::default(),
            notes: String::new(),
            decline_reason: None,
            closed_at: None,
            created_at: now,
            updated_at: now,
            usual_reply: None,
        }
    }

    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }

    /// How many follow-ups are logged.
    pub fn follow_ups(&self) -> u32 {
        self.chased.count()
    }

    /// The fields in which `other` differs from this item.
    pub fn changed_fields(&self, other: &Item) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|field| !self.same(other, *field))
            .collect()
    }

    fn same(&self, other: &Item, field: Field) -> bool {
        match field {
            Field::Title => self.title == other.title,
            Field::Tags => self.tags == other.tags,
            Field::Person => self.person_id == other.person_id,
            Field::Why => self.why == other.why,
            Field::Channel => self.channel == other.channel,
            Field::Deadline => self.deadline_id == other.deadline_id,
            Field::NeedBy => self.need_by == other.need_by,
            Field::CheckBack => {
                self.next_check == other.next_check && self.check_by_hand == other.check_by_hand
            }
            Field::Due => self.due == other.due,
            Field::Status => {
                self.status == other.status
                    && self.closed_at == other.closed_at
                    && self.asked_at == other.asked_at
            }
            Field::Notes => {
                self.notes == other.notes && self.decline_reason == other.decline_reason
            }
        }
    }

    /// Take one field's value from `other`.
    pub fn take(&mut self, other: &Item, field: Field) {
        match field {
            Field::Title => self.title = other.title.clone(),
            Field::Tags => self.tags = other.tags.clone(),
            Field::Person => {
                self.person_id = other.person_id;
                self.person = other.person.clone();
            }
            Field::Why => self.why = other.why.clone(),
            Field::Channel => self.channel = other.channel,
            Field::Deadline => self.deadline_id = other.deadline_id,
            Field::NeedBy => self.need_by = other.need_by,
            Field::CheckBack => {
                self.next_check = other.next_check;
                self.check_by_hand = other.check_by_hand;
            }
            Field::Due => self.due = other.due,
            Field::Status => {
                self.status = other.status;
                self.closed_at = other.closed_at;
                self.asked_at = other.asked_at;
            }
            Field::Notes => {
                self.notes = other.notes.clone();
                self.decline_reason = other.decline_reason.clone();
            }
        }
    }

    /// What a field holds, in a few words (for saying what changed).
    pub fn shown(&self, field: Field) -> String {
        let moment = |m: &Option<Moment>| {
            m.map(|m| m.format("%a %-d %b %H:%M").to_string())
                .unwrap_or_else(|| "none".into())
        };
        match field {
            Field::Title => format!("\"{}\"", self.title),
            Field::Tags => super::words::hashtags(&self.tags),
            Field::Person => self.person.clone().unwrap_or_else(|| "nobody".into()),
            Field::Why => self.why.clone().unwrap_or_else(|| "none".into()),
            Field::Channel => self
                .channel
                .map(|c| c.label().to_string())
                .unwrap_or_else(|| "none".into()),
            Field::Deadline => self
                .deadline_id
                .map(|d| format!("deadline {d}"))
                .unwrap_or_else(|| "none".into()),
            Field::NeedBy => moment(&self.need_by),
            Field::CheckBack => moment(&self.next_check),
            Field::Due => moment(&self.due),
            Field::Status => self.status.label().to_string(),
            Field::Notes => "its notes".into(),
        }
    }
}

/// The parts of an item a change can touch, one by one (to merge two changes made at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Tags,
    Person,
    Why,
    Channel,
    Deadline,
    NeedBy,
    CheckBack,
    Due,
    Status,
    Notes,
}

impl Field {
    pub const ALL: [Field; 11] = [
        Field::Title,
        Field::Tags,
        Field::Person,
        Field::Why,
        Field::Channel,
        Field::Deadline,
        Field::NeedBy,
        Field::CheckBack,
        Field::Due,
        Field::Status,
        Field::Notes,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Tags => "tags",
            Field::Person => "person",
            Field::Why => "why",
            Field::Channel => "channel",
            Field::Deadline => "deadline",
            Field::NeedBy => "need-by",
            Field::CheckBack => "check-back",
            Field::Due => "due",
            Field::Status => "status",
            Field::Notes => "notes",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn open_statuses_sql_matches_is_open() {
        for status in Status::ALL {
            let quoted = format!("'{}'", status.as_str());
            assert_eq!(
                OPEN_STATUSES_SQL.contains(&quoted),
                status.is_open(),
                "{status:?}"
            );
            assert_eq!(Status::parse_stored(status.as_str()), Some(status));
        }
    }

    #[test]
    fn changed_fields_and_take_cover_every_field() {
        let now = crate::when::testing::london()
            .timestamp_opt(1_796_000_000, 0)
            .single()
            .expect("moment");
        let base = Item::blank(Kind::Ask, now);
        let mut other = base.clone();
        other.title = "t".into();
        other.tags = vec!["x".into()];
        other.person_id = Some(3);
        other.why = Some("w".into());
        other.channel = Some(Channel::Call);
        other.deadline_id = Some(4);
        other.need_by = Some(now);
        other.next_check = Some(now);
        other.due = Some(now);
        other.status = Status::Received;
        other.notes = "n".into();
        assert_eq!(base.changed_fields(&other), Field::ALL.to_vec());
        let mut taken = base.clone();
        for field in Field::ALL {
            taken.take(&other, field);
        }
        assert!(taken.changed_fields(&other).is_empty());
    }

    #[test]
    fn each_kind_starts_and_ends_in_its_own_statuses() {
        for kind in [Kind::Ask, Kind::Deadline, Kind::Proofing] {
            assert!(kind.first_status().fits(kind));
            assert!(kind.done_status().fits(kind));
            assert!(kind.first_status().is_open());
            assert!(!kind.done_status().is_open());
        }
        assert!(!Status::Received.fits(Kind::Deadline));
    }
}
