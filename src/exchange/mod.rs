//! Data in and out. The JSON document is complete and versioned: every record carries its UUID
//! and updated time, references are by UUID, so two machines can exchange exports and merge them
//! (the newer `updated_at` wins; the same file twice changes nothing).

pub mod csv;
pub mod ics;
pub mod markdown;
pub mod taskwarrior;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The document format's name and version.
pub const FORMAT: &str = "nudge";
pub const VERSION: u32 = 1;

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
    pub prefers: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRecord {
    pub uuid: String,
    pub kind: String,
    pub title: String,
    pub status: String,
    pub person_uuid: Option<String>,
    pub why: Option<String>,
    pub channel: Option<String>,
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
    pub last_via: Option<String>,
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
    pub channel: String,
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
    pub response: String,
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
    pub direction: String,
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
    pub stress: u8,
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
    pub outcome: String,
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
    pub stress: Option<u8>,
    pub free_text: String,
    pub summary: Value,
    pub created_at: String,
    pub updated_at: String,
}

/// One piece of an export as the store reads it: the start of a list, one record, the end.
/// Only one part exists at a time, so the variants' sizes do not matter.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Part {
    List(&'static str),
    Person(PersonRecord),
    Item(ItemRecord),
    FollowUp(FollowUpRecord),
    Critique(CritiqueRecord),
    Favor(FavorRecord),
    Checkin(CheckinRecord),
    Sprint(SprintRecord),
    Reflection(ReflectionRecord),
    End,
}

impl Document {
    /// Gather a part into the document.
    pub fn add(&mut self, part: Part) {
        match part {
            Part::Person(r) => self.people.push(r),
            Part::Item(r) => self.items.push(r),
            Part::FollowUp(r) => self.follow_ups.push(r),
            Part::Critique(r) => self.critiques.push(r),
            Part::Favor(r) => self.favors.push(r),
            Part::Checkin(r) => self.checkins.push(r),
            Part::Sprint(r) => self.sprints.push(r),
            Part::Reflection(r) => self.reflections.push(r),
            Part::List(_) | Part::End => {}
        }
    }
}

/// Writes an export as it is read, one record per line:
///
/// ```text
/// {
///   "format": "nudge", "version": 1, "exported_at": "…",
///   "people": [
///     {"uuid": …},
///     …
/// ```
pub struct JsonWriter<W: std::io::Write> {
    out: W,
    /// Whether the list being written has a record yet.
    first: bool,
    in_list: bool,
}

impl<W: std::io::Write> JsonWriter<W> {
    pub fn start(mut out: W, exported_at: &str) -> std::io::Result<Self> {
        write!(
            out,
            "{{\n  \"format\": \"{FORMAT}\",\n  \"version\": {VERSION},\n  \"exported_at\": {}",
            crate::text::to_json(exported_at, false).map_err(std::io::Error::from)?
        )?;
        Ok(JsonWriter {
            out,
            first: true,
            in_list: false,
        })
    }

    pub fn part(&mut self, part: &Part) -> std::io::Result<()> {
        let record = match part {
            Part::List(name) => {
                self.close_list()?;
                write!(self.out, ",\n  \"{name}\": [")?;
                self.in_list = true;
                self.first = true;
                return Ok(());
            }
            Part::End => {
                self.close_list()?;
                return self.out.write_all(b"\n}\n");
            }
            Part::Person(r) => crate::text::to_json(r, false),
            Part::Item(r) => crate::text::to_json(r, false),
            Part::FollowUp(r) => crate::text::to_json(r, false),
            Part::Critique(r) => crate::text::to_json(r, false),
            Part::Favor(r) => crate::text::to_json(r, false),
            Part::Checkin(r) => crate::text::to_json(r, false),
            Part::Sprint(r) => crate::text::to_json(r, false),
            Part::Reflection(r) => crate::text::to_json(r, false),
        }
        .map_err(std::io::Error::from)?;
        let sep = if self.first { "" } else { "," };
        self.first = false;
        write!(self.out, "{sep}\n    {record}")
    }

    fn close_list(&mut self) -> std::io::Result<()> {
        if self.in_list {
            self.in_list = false;
            let end = if self.first { "]" } else { "\n  ]" };
            self.out.write_all(end.as_bytes())?;
        }
        Ok(())
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

/// A file that cannot be imported: which record, which field, and why. Nothing was imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadFile(pub String);

impl std::fmt::Display for BadFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Read a nudge JSON document. A good file is read straight into records; a bad one is read
/// again record by record so that the error names the list, the record (counted from 1) and the
/// field.
pub fn parse_document(text: &str) -> Result<Document, BadFile> {
    let doc = match serde_json::from_str::<Document>(text) {
        Ok(doc) if doc.format == FORMAT && (1..=VERSION).contains(&doc.version) => doc,
        _ => parse_document_slowly(text)?,
    };
    check_uuids(&doc)?;
    Ok(doc)
}

/// Every record's own UUID must be one: an empty or made-up one would merge unrelated records.
fn check_uuids(doc: &Document) -> Result<(), BadFile> {
    let lists: [(&str, Vec<&str>); 8] = [
        (
            "people",
            doc.people.iter().map(|r| r.uuid.as_str()).collect(),
        ),
        ("items", doc.items.iter().map(|r| r.uuid.as_str()).collect()),
        (
            "follow_ups",
            doc.follow_ups.iter().map(|r| r.uuid.as_str()).collect(),
        ),
        (
            "critiques",
            doc.critiques.iter().map(|r| r.uuid.as_str()).collect(),
        ),
        (
            "favors",
            doc.favors.iter().map(|r| r.uuid.as_str()).collect(),
        ),
        (
            "checkins",
            doc.checkins.iter().map(|r| r.uuid.as_str()).collect(),
        ),
        (
            "sprints",
            doc.sprints.iter().map(|r| r.uuid.as_str()).collect(),
        ),
        (
            "reflections",
            doc.reflections.iter().map(|r| r.uuid.as_str()).collect(),
        ),
    ];
    for (list, uuids) in lists {
        for (i, uuid) in uuids.into_iter().enumerate() {
            if uuid::Uuid::parse_str(uuid).is_err() {
                return Err(BadFile(format!(
                    "{list} record {}: field `uuid`: \"{uuid}\" is not a UUID (like \
                     01a233d5-4bd3-740a-9cc3-581bc3e2d8f7)",
                    i + 1
                )));
            }
        }
    }
    Ok(())
}

fn parse_document_slowly(text: &str) -> Result<Document, BadFile> {
    let value: Value = serde_json::from_str(text).map_err(|e| BadFile(format!("not JSON: {e}")))?;
    let Value::Object(mut top) = value else {
        return Err(BadFile(
            "not a nudge export: the top level is not an object".into(),
        ));
    };
    match top.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        _ => return Err(BadFile("not a nudge export: \"format\" is not \"nudge\" (for Taskwarrior, use --format taskwarrior)".into())),
    }
    // The version as written (1.8e23, "1", nothing), so the message names what is there.
    let written = top
        .get("version")
        .map_or_else(|| "missing".to_string(), Value::to_string);
    let version = top.get("version").and_then(Value::as_u64);
    if !version.is_some_and(|v| (1..=u64::from(VERSION)).contains(&v)) {
        let reads = if VERSION == 1 {
            "version 1".to_string()
        } else {
            format!("versions 1 to {VERSION}")
        };
        return Err(BadFile(format!(
            "export version {written} is not one this nudge reads (it reads {reads}); a newer \
             nudge may read it"
        )));
    }
    fn list<T: serde::de::DeserializeOwned>(
        top: &mut serde_json::Map<String, Value>,
        name: &str,
    ) -> Result<Vec<T>, BadFile> {
        let Some(value) = top.remove(name) else {
            return Ok(Vec::new());
        };
        let Value::Array(records) = value else {
            return Err(BadFile(format!("\"{name}\" is not a list")));
        };
        records
            .into_iter()
            .enumerate()
            .map(|(i, record)| {
                serde_json::from_value(record)
                    .map_err(|e| BadFile(format!("{name} record {}: {e}", i + 1)))
            })
            .collect()
    }
    Ok(Document {
        format: FORMAT.into(),
        version: VERSION,
        exported_at: top
            .get("exported_at")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        people: list(&mut top, "people")?,
        items: list(&mut top, "items")?,
        follow_ups: list(&mut top, "follow_ups")?,
        critiques: list(&mut top, "critiques")?,
        favors: list(&mut top, "favors")?,
        checkins: list(&mut top, "checkins")?,
        sprints: list(&mut top, "sprints")?,
        reflections: list(&mut top, "reflections")?,
    })
}

/// An RFC 3339 time of a record, as seconds; the error names where it was.
pub fn seconds(text: &str, list: &str, index: usize, field: &str) -> Result<i64, BadFile> {
    let seconds = chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.timestamp())
        .map_err(|_| {
            BadFile(format!(
                "{list} record {}: field `{field}`: \"{text}\" is not an RFC 3339 time",
                index + 1
            ))
        })?;
    if !crate::when::writable(seconds) {
        return Err(BadFile(format!(
            "{list} record {}: field `{field}`: \"{text}\" {}",
            index + 1,
            crate::when::NOT_WRITABLE
        )));
    }
    Ok(seconds)
}

/// The same for an optional time.
pub fn maybe_seconds(
    text: &Option<String>,
    list: &str,
    index: usize,
    field: &str,
) -> Result<Option<i64>, BadFile> {
    text.as_deref()
        .map(|t| seconds(t, list, index, field))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_streamed_json_reads_back_as_the_document() {
        let person = PersonRecord {
            uuid: "01a233d5-4bd3-740a-9cc3-581bc3e2d8f7".into(),
            name: "Dana \"D\"".into(),
            team: None,
            expertise: vec!["pricing".into()],
            notes: "line\nbreak".into(),
            prefers: Some("call".into()),
            created_at: "2026-11-28T09:00:00+00:00".into(),
            updated_at: "2026-11-28T09:00:00+00:00".into(),
        };
        let mut writer = JsonWriter::start(Vec::new(), "2026-11-28T09:00:00+00:00").expect("start");
        let mut doc = Document {
            format: FORMAT.into(),
            version: VERSION,
            exported_at: "2026-11-28T09:00:00+00:00".into(),
            ..Document::default()
        };
        for part in [
            Part::List("people"),
            Part::Person(person.clone()),
            Part::Person(PersonRecord {
                uuid: "01a233d5-4bd3-740a-9cc3-581bc3e2d8f8".into(),
                ..person
            }),
            Part::List("items"),
            Part::End,
        ] {
            writer.part(&part).expect("writes");
            doc.add(part);
        }
        let text = String::from_utf8(writer.into_inner()).expect("utf-8");
        assert!(text.contains("\"items\": []"), "{text}");
        assert_eq!(parse_document(&text), Ok(doc));
    }

    #[test]
    fn shape_errors_name_the_record_and_field() {
        let err =
            parse_document("{\"format\":\"nudge\",\"version\":1,\"people\":[{\"uuid\":\"a\"}]}")
                .expect_err("bad");
        assert!(
            err.0.starts_with("people record 1: missing field `name`"),
            "{err}"
        );
        let err = parse_document("[1,2]").expect_err("bad");
        assert!(err.0.contains("not a nudge export"), "{err}");
        let err = parse_document("{\"format\":\"nudge\",\"version\":9}").expect_err("bad");
        assert!(err.0.contains("version 9"), "{err}");
        let err = parse_document("not json").expect_err("bad");
        assert!(err.0.starts_with("not JSON"), "{err}");
        assert_eq!(
            seconds("2026-13-01T00:00:00Z", "items", 730, "due")
                .expect_err("bad")
                .0,
            "items record 731: field `due`: \"2026-13-01T00:00:00Z\" is not an RFC 3339 time"
        );
    }
}
