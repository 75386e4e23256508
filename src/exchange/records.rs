//! The export document: one list per kind of record, each record with its UUID, references by
//! UUID, and times in RFC 3339 as written (kept as text, so an error can quote them). Every closed
//! set of words (kind, status, channel, …) is the domain's own type.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::domain::critique::Response;
use crate::domain::favor::Direction;
use crate::domain::stress::Outcome;
use crate::domain::{Channel, Kind, Status, Stress};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    pub people: Vec<PersonRecord>,
    pub items: Vec<ItemRecord>,
    pub follow_ups: Vec<FollowUpRecord>,
    pub critiques: Vec<CritiqueRecord>,
    pub favors: Vec<FavorRecord>,
    pub checkins: Vec<CheckinRecord>,
    pub sprints: Vec<SprintRecord>,
    pub reflections: Vec<ReflectionRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonRecord {
    pub uuid: String,
    pub name: String,
    pub team: Option<String>,
    pub expertise: Vec<String>,
    pub notes: String,
    pub prefers: Option<Channel>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRecord {
    pub uuid: String,
    pub kind: Kind,
    pub title: String,
    pub status: Status,
    pub person_uuid: Option<String>,
    pub why: Option<String>,
    pub channel: Option<Channel>,
    pub asked_at: Option<String>,
    pub need_by: Option<String>,
    pub next_check: Option<String>,
    /// Written only when true, so files from before it existed read the same.
    #[serde(default, skip_serializing_if = "is_false")]
    pub check_by_hand: bool,
    pub due: Option<String>,
    pub tags: Vec<String>,
    pub deadline_uuid: Option<String>,
    pub piece: Option<String>,
    pub notes: String,
    pub decline_reason: Option<String>,
    pub last_via: Option<Channel>,
    pub closed_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

fn is_false(value: &bool) -> bool {
    !*value
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpRecord {
    pub uuid: String,
    pub item_uuid: String,
    pub at: String,
    pub channel: Channel,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CritiqueRecord {
    pub uuid: String,
    pub person_uuid: String,
    pub said: String,
    pub piece: Option<String>,
    pub deadline_uuid: Option<String>,
    pub response: Response,
    pub proofing_uuid: Option<String>,
    pub at: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FavorRecord {
    pub uuid: String,
    pub person_uuid: String,
    pub direction: Direction,
    pub what: String,
    pub at: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckinRecord {
    pub uuid: String,
    pub at: String,
    pub stress: Stress,
    pub deadline_uuid: Option<String>,
    pub note: String,
    pub slowdown_secs: i64,
    pub next_action: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SprintRecord {
    pub uuid: String,
    pub deadline_uuid: Option<String>,
    pub started_at: String,
    pub length_secs: i64,
    pub ended_at: Option<String>,
    pub outcome: Outcome,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReflectionRecord {
    pub uuid: String,
    pub day: String,
    pub went_well: String,
    pub stuck: String,
    pub first_call: String,
    pub stress: Option<Stress>,
    pub free_text: String,
    pub summary: serde_json::Value,
    pub created_at: String,
    pub updated_at: String,
}

/// What every kind of record has, and where it goes in the document.
pub trait Record: Serialize + DeserializeOwned + Sized {
    /// Its list in the document (the table it comes from has the same name).
    const LIST: &'static str;
    fn uuid(&self) -> &str;
    fn created_at(&self) -> &str;
    fn updated_at(&self) -> &str;
    fn list_in(doc: &mut Document) -> &mut Vec<Self>;
}

macro_rules! record {
    ($record:ty, $list:ident) => {
        impl Record for $record {
            const LIST: &'static str = stringify!($list);

            fn uuid(&self) -> &str {
                &self.uuid
            }

            fn created_at(&self) -> &str {
                &self.created_at
            }

            fn updated_at(&self) -> &str {
                &self.updated_at
            }

            fn list_in(doc: &mut Document) -> &mut Vec<Self> {
                &mut doc.$list
            }
        }
    };
}

record!(PersonRecord, people);
record!(ItemRecord, items);
record!(FollowUpRecord, follow_ups);
record!(CritiqueRecord, critiques);
record!(FavorRecord, favors);
record!(CheckinRecord, checkins);
record!(SprintRecord, sprints);
record!(ReflectionRecord, reflections);

/// Something that looks at each list of a document in turn, in the order they are exported and
/// merged (people before what refers to them).
pub trait Visit {
    type Error;
    fn list<R: Record>(&mut self, records: &[R]) -> Result<(), Self::Error>;
}

/// Where an export goes, a list and a record at a time: a document in memory, or JSON written as
/// it is read.
pub trait Sink {
    fn list(&mut self, name: &'static str) -> std::io::Result<()>;
    fn record<R: Record>(&mut self, record: R) -> std::io::Result<()>;
    fn end(&mut self) -> std::io::Result<()>;
}

impl Document {
    pub fn visit<V: Visit>(&self, visitor: &mut V) -> Result<(), V::Error> {
        visitor.list(&self.people)?;
        visitor.list(&self.items)?;
        visitor.list(&self.follow_ups)?;
        visitor.list(&self.critiques)?;
        visitor.list(&self.favors)?;
        visitor.list(&self.checkins)?;
        visitor.list(&self.sprints)?;
        visitor.list(&self.reflections)
    }

    /// How many records it holds, of every kind.
    pub fn len(&self) -> u64 {
        struct Count(u64);
        impl Visit for Count {
            type Error = std::convert::Infallible;
            fn list<R: Record>(&mut self, records: &[R]) -> Result<(), Self::Error> {
                self.0 += records.len() as u64;
                Ok(())
            }
        }
        let mut count = Count(0);
        let Ok(()) = self.visit(&mut count);
        count.0
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Sink for Document {
    fn list(&mut self, _name: &'static str) -> std::io::Result<()> {
        Ok(())
    }

    fn record<R: Record>(&mut self, record: R) -> std::io::Result<()> {
        R::list_in(self).push(record);
        Ok(())
    }

    fn end(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
