//! The export as JSON: written record by record as the store reads it, and read back with errors
//! that name the list, the record and the field.

use serde_json::Value;

use super::records::{Document, Record, Sink, Visit};
use super::{BadFile, FORMAT, VERSION};

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

impl<W: std::io::Write> Sink for JsonWriter<W> {
    fn list(&mut self, name: &'static str) -> std::io::Result<()> {
        self.close_list()?;
        write!(self.out, ",\n  \"{name}\": [")?;
        self.in_list = true;
        self.first = true;
        Ok(())
    }

    fn record<R: Record>(&mut self, record: R) -> std::io::Result<()> {
        let text = crate::text::to_json(&record, false).map_err(std::io::Error::from)?;
        let sep = if self.first { "" } else { "," };
        self.first = false;
        write!(self.out, "{sep}\n    {text}")
    }

    fn end(&mut self) -> std::io::Result<()> {
        self.close_list()?;
        self.out.write_all(b"\n}\n")
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
    doc.visit(&mut CheckUuids)?;
    Ok(doc)
}

/// Every record's own UUID must be one: an empty or made-up one would merge unrelated records.
struct CheckUuids;

impl Visit for CheckUuids {
    type Error = BadFile;

    fn list<R: Record>(&mut self, records: &[R]) -> Result<(), BadFile> {
        for (i, record) in records.iter().enumerate() {
            if uuid::Uuid::parse_str(record.uuid()).is_err() {
                return Err(BadFile(format!(
                    "{} record {}: field `uuid`: \"{}\" is not a UUID (like \
                     01a233d5-4bd3-740a-9cc3-581bc3e2d8f7)",
                    R::LIST,
                    i + 1,
                    record.uuid()
                )));
            }
        }
        Ok(())
    }
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
    Ok(Document {
        format: FORMAT.into(),
        version: VERSION,
        exported_at: top
            .get("exported_at")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        people: list(&mut top)?,
        items: list(&mut top)?,
        follow_ups: list(&mut top)?,
        critiques: list(&mut top)?,
        favors: list(&mut top)?,
        checkins: list(&mut top)?,
        sprints: list(&mut top)?,
        reflections: list(&mut top)?,
    })
}

/// One list of the document, record by record: the first bad one is named with its field.
fn list<R: Record>(top: &mut serde_json::Map<String, Value>) -> Result<Vec<R>, BadFile> {
    let name = R::LIST;
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
            serde_path_to_error::deserialize(record).map_err(|e| {
                let path = e.path().to_string();
                let at = if path == "." {
                    String::new()
                } else {
                    format!("field `{path}`: ")
                };
                BadFile(format!("{name} record {}: {at}{}", i + 1, e.into_inner()))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::PersonRecord;

    #[test]
    fn the_streamed_json_reads_back_as_the_document() {
        let person = PersonRecord {
            uuid: "01a233d5-4bd3-740a-9cc3-581bc3e2d8f7".into(),
            name: "Dana \"D\"".into(),
            team: None,
            expertise: vec!["pricing".into()],
            notes: "line\nbreak".into(),
            prefers: Some(crate::domain::Channel::Call),
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
        let second = PersonRecord {
            uuid: "01a233d5-4bd3-740a-9cc3-581bc3e2d8f8".into(),
            ..person.clone()
        };
        writer.list("people").expect("writes");
        writer.record(person.clone()).expect("writes");
        writer.record(second.clone()).expect("writes");
        writer.list("items").expect("writes");
        writer.end().expect("writes");
        doc.record(person).expect("adds");
        doc.record(second).expect("adds");
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
            super::super::seconds("2026-13-01T00:00:00Z", "items", 730, "due")
                .expect_err("bad")
                .0,
            "items record 731: field `due`: \"2026-13-01T00:00:00Z\" is not an RFC 3339 time"
        );
    }

    #[test]
    fn a_word_outside_its_set_is_named_with_its_field() {
        let text = "{\"format\":\"nudge\",\"version\":1,\"checkins\":[{\"uuid\":\"01a233d5-4bd3-740a-9cc3-581bc3e2d8f7\",\
             \"at\":\"x\",\"stress\":7,\"deadline_uuid\":null,\"note\":\"\",\"slowdown_secs\":0,\
             \"next_action\":\"\",\"created_at\":\"x\",\"updated_at\":\"x\"}]}";
        let err = parse_document(text).expect_err("bad");
        assert_eq!(err.0, "checkins record 1: field `stress`: 7 is not 1 to 5");
        let text = "{\"format\":\"nudge\",\"version\":1,\"favors\":[{\"uuid\":\"01a233d5-4bd3-740a-9cc3-581bc3e2d8f7\",\
             \"person_uuid\":\"p\",\"direction\":\"lent\",\"what\":\"\",\"at\":\"x\",\"created_at\":\"x\",\"updated_at\":\"x\"}]}";
        let err = parse_document(text).expect_err("bad");
        assert!(
            err.0
                .starts_with("favors record 1: field `direction`: unknown variant `lent`"),
            "{err}"
        );
    }
}
