//! Data in and out. The JSON document is complete and versioned: every record carries its UUID
//! and updated time, references are by UUID, so two machines can exchange exports and merge them
//! (the newer `updated_at` wins; the same file twice changes nothing).

pub mod csv;
pub mod ics;
mod json;
pub mod markdown;
mod records;
pub mod taskwarrior;

pub use json::{JsonWriter, parse_document};
pub use records::{
    CheckinRecord, CritiqueRecord, Document, FavorRecord, FollowUpRecord, ItemRecord, PersonRecord,
    Record, ReflectionRecord, Sink, SprintRecord, Visit,
};

/// The document format's name and version.
pub const FORMAT: &str = "nudge";
pub const VERSION: u32 = 1;

/// A file that cannot be imported: which record, which field, and why. Nothing was imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BadFile(pub String);

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
