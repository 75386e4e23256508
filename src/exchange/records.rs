//! The export document: one list per kind of record, each record with its UUID, references by
//! UUID, and times in RFC 3339 as written (kept as text, so an error can quote them). Every closed
//! set of words (kind, status, channel, …) is the domain's own type.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::BadFile;
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
    /// Written only when there are some, so files from before they existed read the same.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    pub notes: String,
    pub prefers: Option<Channel>,
    /// The keep-in-touch rhythm in days, and the last person-mode visit: written only when set,
    /// so files from before they existed read the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met_at: Option<String>,
    /// Other names they go by, and the first name drafts greet them with (only when set).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greeting: Option<String>,
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
    /// The Message-ID it was sent with by email; written only when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
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
pub trait Record: Serialize + DeserializeOwned + Clone + Sized {
    /// Its list in the document (the table it comes from has the same name).
    const LIST: &'static str;
    fn uuid(&self) -> &str;
    fn created_at(&self) -> &str;
    fn updated_at(&self) -> &str;
    fn list_in(doc: &mut Document) -> &mut Vec<Self>;
}

macro_rules! record {
    ($record:ident, $list:ident) => {
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

        impl From<$record> for Entry {
            fn from(record: $record) -> Entry {
                Entry::$record(record)
            }
        }
    };
}

/// Every list, in the order they are exported and merged (people before what refers to them).
pub const LISTS: [&str; 8] = [
    "people",
    "items",
    "follow_ups",
    "critiques",
    "favors",
    "checkins",
    "sprints",
    "reflections",
];

/// One record of any kind, as it is read.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    PersonRecord(PersonRecord),
    ItemRecord(ItemRecord),
    FollowUpRecord(FollowUpRecord),
    CritiqueRecord(CritiqueRecord),
    FavorRecord(FavorRecord),
    CheckinRecord(CheckinRecord),
    SprintRecord(SprintRecord),
    ReflectionRecord(ReflectionRecord),
}

impl Entry {
    pub fn list(&self) -> &'static str {
        match self {
            Entry::PersonRecord(_) => PersonRecord::LIST,
            Entry::ItemRecord(_) => ItemRecord::LIST,
            Entry::FollowUpRecord(_) => FollowUpRecord::LIST,
            Entry::CritiqueRecord(_) => CritiqueRecord::LIST,
            Entry::FavorRecord(_) => FavorRecord::LIST,
            Entry::CheckinRecord(_) => CheckinRecord::LIST,
            Entry::SprintRecord(_) => SprintRecord::LIST,
            Entry::ReflectionRecord(_) => ReflectionRecord::LIST,
        }
    }

    pub fn uuid(&self) -> &str {
        match self {
            Entry::PersonRecord(r) => r.uuid(),
            Entry::ItemRecord(r) => r.uuid(),
            Entry::FollowUpRecord(r) => r.uuid(),
            Entry::CritiqueRecord(r) => r.uuid(),
            Entry::FavorRecord(r) => r.uuid(),
            Entry::CheckinRecord(r) => r.uuid(),
            Entry::SprintRecord(r) => r.uuid(),
            Entry::ReflectionRecord(r) => r.uuid(),
        }
    }
}

/// A record as the field map sync carries: each field's JSON text by name (null fields left out),
/// and `record` naming its list. Two machines editing different fields of one record change
/// different entries of this map.
pub type Fields = std::collections::HashMap<String, String>;

/// The map entry that names a record's list.
pub const RECORD_FIELD: &str = "record";

/// `record` as a field map.
pub fn fields_of<R: Record>(record: &R) -> Fields {
    let mut fields = Fields::new();
    fields.insert(
        RECORD_FIELD.into(),
        serde_json::Value::from(R::LIST).to_string(),
    );
    if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(record) {
        for (name, value) in map {
            if !value.is_null() {
                fields.insert(name, value.to_string());
            }
        }
    }
    fields
}

impl Entry {
    /// The record a field map describes, or why it is not one of nudge's records.
    pub fn from_fields(fields: &Fields) -> Result<Entry, String> {
        let list = fields
            .get(RECORD_FIELD)
            .and_then(|text| serde_json::from_str::<String>(text).ok())
            .ok_or_else(|| "it has no `record` field naming a list".to_string())?;
        let mut map = serde_json::Map::new();
        for (name, text) in fields {
            if name == RECORD_FIELD {
                continue;
            }
            let value = serde_json::from_str(text)
                .map_err(|_| format!("field `{name}` is not JSON: {text:?}"))?;
            map.insert(name.clone(), value);
        }
        let value = serde_json::Value::Object(map);
        fn read<R: Record + Into<Entry>>(value: serde_json::Value) -> Result<Entry, String> {
            serde_json::from_value::<R>(value)
                .map(Into::into)
                .map_err(|e| format!("{} record: {e}", R::LIST))
        }
        match list.as_str() {
            "people" => read::<PersonRecord>(value),
            "items" => read::<ItemRecord>(value),
            "follow_ups" => read::<FollowUpRecord>(value),
            "critiques" => read::<CritiqueRecord>(value),
            "favors" => read::<FavorRecord>(value),
            "checkins" => read::<CheckinRecord>(value),
            "sprints" => read::<SprintRecord>(value),
            "reflections" => read::<ReflectionRecord>(value),
            other => Err(format!("`record` is {other:?}, not one of nudge's lists")),
        }
    }
}

/// What takes a document's records as they are read, list by list in `LISTS` order.
pub trait Take {
    type Error: From<BadFile>;
    /// The record at `index` (from 0) of its list.
    fn record(&mut self, index: usize, record: Entry) -> Result<(), Self::Error>;
    /// The same, for a taking that does not keep the record (so the one who made it frees it).
    fn record_ref(&mut self, index: usize, record: &Entry) -> Result<(), Self::Error> {
        self.record(index, record.clone())
    }
    /// Every record of `list` has been taken.
    fn end_list(&mut self, list: &'static str) -> Result<(), Self::Error>;
}

/// Records to import: an export file read as it streams, or a document in memory.
pub trait Lists {
    /// When it says it was exported ("" when it does not).
    fn exported_at(&self) -> &str;
    /// How many records it holds.
    fn records(&self) -> u64;
    /// Hand every record to `into`, list by list in `LISTS` order.
    fn read_into<T: Take>(&mut self, into: &mut T) -> Result<(), T::Error>;
}

record!(PersonRecord, people);
record!(ItemRecord, items);
record!(FollowUpRecord, follow_ups);
record!(CritiqueRecord, critiques);
record!(FavorRecord, favors);
record!(CheckinRecord, checkins);
record!(SprintRecord, sprints);
record!(ReflectionRecord, reflections);

/// Where an export goes, a list and a record at a time: a document in memory, or JSON written as
/// it is read.
pub trait Sink {
    fn list(&mut self, name: &'static str) -> std::io::Result<()>;
    fn record<R: Record>(&mut self, record: &R) -> std::io::Result<()>;
    fn end(&mut self) -> std::io::Result<()>;
}

impl Document {
    /// How many records it holds, of every kind.
    pub fn len(&self) -> u64 {
        [
            self.people.len(),
            self.items.len(),
            self.follow_ups.len(),
            self.critiques.len(),
            self.favors.len(),
            self.checkins.len(),
            self.sprints.len(),
            self.reflections.len(),
        ]
        .iter()
        .sum::<usize>() as u64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Lists for Document {
    fn exported_at(&self) -> &str {
        &self.exported_at
    }

    fn records(&self) -> u64 {
        self.len()
    }

    /// The lists are handed over and left empty.
    fn read_into<T: Take>(&mut self, into: &mut T) -> Result<(), T::Error> {
        fn each<R: Record + Into<Entry>, T: Take>(
            records: &mut Vec<R>,
            into: &mut T,
        ) -> Result<(), T::Error> {
            for (index, record) in std::mem::take(records).into_iter().enumerate() {
                into.record(index, record.into())?;
            }
            into.end_list(R::LIST)
        }
        each(&mut self.people, into)?;
        each(&mut self.items, into)?;
        each(&mut self.follow_ups, into)?;
        each(&mut self.critiques, into)?;
        each(&mut self.favors, into)?;
        each(&mut self.checkins, into)?;
        each(&mut self.sprints, into)?;
        each(&mut self.reflections, into)
    }
}

/// A document read whole (for tests and small files).
impl Take for Document {
    type Error = BadFile;

    fn record(&mut self, _index: usize, record: Entry) -> Result<(), BadFile> {
        match record {
            Entry::PersonRecord(r) => self.people.push(r),
            Entry::ItemRecord(r) => self.items.push(r),
            Entry::FollowUpRecord(r) => self.follow_ups.push(r),
            Entry::CritiqueRecord(r) => self.critiques.push(r),
            Entry::FavorRecord(r) => self.favors.push(r),
            Entry::CheckinRecord(r) => self.checkins.push(r),
            Entry::SprintRecord(r) => self.sprints.push(r),
            Entry::ReflectionRecord(r) => self.reflections.push(r),
        }
        Ok(())
    }

    fn end_list(&mut self, _list: &'static str) -> Result<(), BadFile> {
        Ok(())
    }
}

impl Sink for Document {
    fn list(&mut self, _name: &'static str) -> std::io::Result<()> {
        Ok(())
    }

    fn record<R: Record>(&mut self, record: &R) -> std::io::Result<()> {
        R::list_in(self).push(record.clone());
        Ok(())
    }

    fn end(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
