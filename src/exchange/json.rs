//! The export as JSON, written record by record as the store reads it (`stream` reads it back).

use std::io::Write;

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
    /// What is written but not yet handed to `out`: serde_json writes a few bytes at a time,
    /// and each write through a `dyn Write` was a call (6 % of an export).
    pending: Vec<u8>,
    /// Whether the list being written has a record yet.
    first: bool,
    in_list: bool,
}

/// How much `pending` holds before it goes out.
const PENDING: usize = 256 * 1024;

impl<W: std::io::Write> JsonWriter<W> {
    pub fn start(out: W, exported_at: &str) -> std::io::Result<Self> {
        let mut writer = JsonWriter {
            out,
            pending: Vec::with_capacity(PENDING + 4096),
            first: true,
            in_list: false,
        };
        write!(
            writer.pending,
            "{{\n  \"format\": \"{FORMAT}\",\n  \"version\": {VERSION},\n  \"exported_at\": {}",
            crate::text::to_json(exported_at, false).map_err(std::io::Error::from)?
        )?;
        Ok(writer)
    }

    fn close_list(&mut self) {
        if self.in_list {
            self.in_list = false;
            let end = if self.first { "]" } else { "\n  ]" };
            self.pending.extend_from_slice(end.as_bytes());
        }
    }

    /// Hand what is pending to `out`.
    fn send(&mut self) -> std::io::Result<()> {
        self.out.write_all(&self.pending)?;
        self.pending.clear();
        Ok(())
    }

    /// What it wrote to (everything written has been handed to it once `end` has returned).
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: std::io::Write> Sink for JsonWriter<W> {
    fn list(&mut self, name: &'static str) -> std::io::Result<()> {
        self.close_list();
        write!(self.pending, ",\n  \"{name}\": [")?;
        self.in_list = true;
        self.first = true;
        Ok(())
    }

    fn record<R: Record>(&mut self, record: &R) -> std::io::Result<()> {
        let sep: &[u8] = if self.first { b"\n    " } else { b",\n    " };
        self.first = false;
        self.pending.extend_from_slice(sep);
        crate::text::write_json(&mut self.pending, record).map_err(std::io::Error::other)?;
        if self.pending.len() >= PENDING {
            self.send()?;
        }
        Ok(())
    }

    fn end(&mut self) -> std::io::Result<()> {
        self.close_list();
        self.pending.extend_from_slice(b"\n}\n");
        self.send()
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
        writer.record(&person).expect("writes");
        writer.record(&second).expect("writes");
        writer.list("items").expect("writes");
        writer.end().expect("writes");
        doc.record(&person).expect("adds");
        doc.record(&second).expect("adds");
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
