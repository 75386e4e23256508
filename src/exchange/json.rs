//! The export as JSON, written record by record as the store reads it (`stream` reads it back).

use super::records::{Record, Sink};
use super::{FORMAT, VERSION};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::{Document, Lists, PersonRecord};

    #[test]
    fn the_streamed_json_reads_back_as_the_document() {
        let person = PersonRecord {
            uuid: "01a233d5-4bd3-740a-9cc3-581bc3e2d8f7".into(),
            name: "Dana \"D\"".into(),
            team: None,
            expertise: vec!["pricing".into()],
            emails: vec!["dana@acme.com".into()],
            notes: "line\nbreak".into(),
            prefers: Some(crate::domain::Channel::Call),
            every_days: Some(14),
            met_at: Some("2026-11-27T10:00:00+00:00".into()),
            aliases: vec!["dee".into()],
            greeting: Some("Dee".into()),
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
        let mut read = Document::default();
        let mut file = crate::exchange::ExportFile::open(std::io::Cursor::new(text)).expect("good");
        assert_eq!(file.exported_at(), "2026-11-28T09:00:00+00:00");
        file.read_into(&mut read).expect("reads");
        assert_eq!(
            Document {
                exported_at: doc.exported_at.clone(),
                format: doc.format.clone(),
                version: doc.version,
                ..read
            },
            doc
        );
    }
}
