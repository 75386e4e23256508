//! Data in and out. The JSON document is complete and versioned: every record carries its UUID
//! and updated time, references are by UUID, so two machines can exchange exports and merge them
//! (the newer `updated_at` wins; the same file twice changes nothing).

mod ahead;
pub mod csv;
pub mod ics;
mod json;
pub mod markdown;
mod records;
mod stream;
pub mod taskwarrior;

pub use ahead::read_ahead;
pub use json::JsonWriter;
pub use records::{
    CheckinRecord, CritiqueRecord, Document, Entry, FavorRecord, Fields, FollowUpRecord,
    ItemRecord, LISTS, Lists, PersonRecord, RECORD_FIELD, Record, ReflectionRecord, Sink,
    SprintRecord, Take, fields_of,
};
pub use stream::ExportFile;

/// The document format's name and version.
pub const FORMAT: &str = "nudge";
pub const VERSION: u32 = 1;

/// A file that cannot be imported: which record, which field, and why. Nothing was imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BadFile(pub String);

/// A whole file as text (for the small formats read whole): it must be UTF-8, and a byte-order
/// mark at its start says nothing.
pub fn read_text(file: &mut impl std::io::Read) -> Result<String, BadFile> {
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| BadFile(format!("cannot read it: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        BadFile(format!(
            "it is not UTF-8 text (byte {} is not)",
            e.utf8_error().valid_up_to() + 1
        ))
    })?;
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
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
    #[test]
    fn a_bad_time_is_named_with_its_record_and_field() {
        assert_eq!(
            super::seconds("2026-13-01T00:00:00Z", "items", 730, "due")
                .expect_err("bad")
                .0,
            "items record 731: field `due`: \"2026-13-01T00:00:00Z\" is not an RFC 3339 time"
        );
    }
}
