//! The columns an imported record writes: each value checked and named by its field, so a bad
//! file's error says which record and which field.

use rusqlite::types::Value;

use super::import::ImportError;
use crate::domain::Vocabulary;
use crate::exchange::{BadFile, seconds};

/// The columns one record writes, built by its `Table::write`; errors name the record and field.
pub(super) struct Fields<'m> {
    pub(super) merge: &'m dyn References,
    pub(super) list: &'static str,
    pub(super) index: usize,
    pub(super) columns: Vec<(&'static str, Value)>,
    /// A reference to a record not in yet that may come later in the same list: (column, UUID,
    /// field), set once the list is in.
    pub(super) later: Option<(&'static str, String, &'static str)>,
}

/// How a reference by UUID finds its local row.
pub(super) trait References {
    fn id_of(
        &self,
        table: &str,
        uuid: Option<&str>,
        list: &str,
        index: usize,
        field: &str,
    ) -> Result<Option<i64>, ImportError>;

    /// Whether a reference to a record later in the same list may wait for it (an import reads
    /// whole lists; a sync applies what is here).
    fn later_allowed(&self) -> bool {
        true
    }
}

impl Fields<'_> {
    /// The record is wrong in this field.
    pub fn bad(&self, field: &str, why: String) -> ImportError {
        ImportError::Bad(BadFile(format!(
            "{} record {}: field `{field}`: {why}",
            self.list,
            self.index + 1
        )))
    }

    pub fn text(&mut self, column: &'static str, value: impl Into<String>) {
        self.columns.push((column, Value::Text(value.into())));
    }

    pub fn maybe_text(&mut self, column: &'static str, value: &Option<String>) {
        let value = value.clone().map_or(Value::Null, Value::Text);
        self.columns.push((column, value));
    }

    pub fn word(&mut self, column: &'static str, value: impl Vocabulary) {
        self.text(column, value.word());
    }

    pub fn maybe_word(&mut self, column: &'static str, value: Option<impl Vocabulary>) {
        self.maybe_text(column, &value.map(|v| v.word().to_string()));
    }

    pub fn int(&mut self, column: &'static str, value: i64) {
        self.columns.push((column, Value::Integer(value)));
    }

    pub fn maybe_int(&mut self, column: &'static str, value: Option<i64>) {
        self.columns
            .push((column, value.map_or(Value::Null, Value::Integer)));
    }

    /// A time of the record, named by its column.
    pub fn time(&mut self, column: &'static str, text: &str) -> Result<(), ImportError> {
        let at = seconds(text, self.list, self.index, column)?;
        self.int(column, at);
        Ok(())
    }

    pub fn maybe_time(
        &mut self,
        column: &'static str,
        text: &Option<String>,
    ) -> Result<(), ImportError> {
        match text {
            Some(text) => self.time(column, text),
            None => {
                self.maybe_int(column, None);
                Ok(())
            }
        }
    }

    /// The local id of the row of `table` that `uuid` (the record's `field`) names.
    pub fn reference(
        &mut self,
        column: &'static str,
        table: &str,
        uuid: Option<&str>,
        field: &str,
    ) -> Result<(), ImportError> {
        let id = self
            .merge
            .id_of(table, uuid, self.list, self.index, field)?;
        self.maybe_int(column, id);
        Ok(())
    }

    /// A reference to a record of the same list (an item's deadline): to one already in, or one
    /// that may come later, linked once the whole list is in.
    pub fn reference_in_list(
        &mut self,
        column: &'static str,
        uuid: Option<&str>,
        field: &'static str,
    ) -> Result<(), ImportError> {
        if !self.merge.later_allowed() {
            return self.reference(column, self.list, uuid, field);
        }
        match self
            .merge
            .id_of(self.list, uuid, self.list, self.index, field)
        {
            Ok(id) => self.maybe_int(column, id),
            Err(ImportError::Bad(_)) => {
                self.maybe_int(column, None);
                self.later = uuid.map(|uuid| (column, uuid.to_string(), field));
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }
}
