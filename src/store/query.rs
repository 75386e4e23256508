//! The few ways a query is run, so each reader names its SQL and its columns and nothing else:
//! statements are cached, rows are read by column name, failures name the file.

use rusqlite::types::FromSql;
use rusqlite::{OptionalExtension, Params};

use super::rows::Cells;
use super::{Reader, Result};

impl Reader<'_> {
    /// Every row of `sql`, each read by `read`.
    pub(super) fn rows<T>(
        &self,
        sql: &str,
        params: impl Params,
        mut read: impl FnMut(&Cells<'_, '_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.sql(e))?;
        let names = super::rows::column_names(&stmt);
        let rows = stmt
            .query_map(params, |row| read(&Cells::new(row, self.zone, &names)))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<T>>>());
        rows.map_err(|e| self.sql(e))
    }

    /// The first row of `sql`, if there is one.
    pub(super) fn row<T>(
        &self,
        sql: &str,
        params: impl Params,
        read: impl FnOnce(&Cells<'_, '_>) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut stmt| {
                stmt.query_row(params, |row| read(&Cells::new(row, self.zone, &[])))
                    .optional()
            })
            .map_err(|e| self.sql(e))
    }

    /// The one value a query of one column and one row gives (a count, an id, a flag).
    pub(super) fn value<T: FromSql>(&self, sql: &str, params: impl Params) -> Result<T> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut stmt| stmt.query_row(params, |row| row.get(0)))
            .map_err(|e| self.sql(e))
    }

    /// The value of the first row, if there is one.
    pub(super) fn maybe_value<T: FromSql>(
        &self,
        sql: &str,
        params: impl Params,
    ) -> Result<Option<T>> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut stmt| stmt.query_row(params, |row| row.get(0)).optional())
            .map_err(|e| self.sql(e))
    }

    /// A `COUNT(*)`, which is never negative.
    pub(super) fn count(&self, sql: &str, params: impl Params) -> Result<u64> {
        let n: i64 = self.value(sql, params)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

/// The condition that keeps one person's rows (`?1` their id) or everyone's (`?1` NULL), as
/// two statements: one OR of both would read everyone's rows to find one person's.
pub(super) fn one_or_all(column: &str, only: Option<i64>) -> String {
    match only {
        Some(_) => format!("{column} = ?1"),
        None => "?1 IS NULL".to_string(),
    }
}

/// The lists `nudge list` prints whole rows of, newest first, cut at a page.
#[derive(Debug, Clone, Copy)]
pub enum Listed {
    Favors,
    Checkins,
    Reflections,
}

impl Reader<'_> {
    /// How many rows a list has in all, for the line under a list cut for room.
    pub fn count_listed(&self, list: Listed) -> Result<u64> {
        let table = match list {
            Listed::Favors => "favors",
            Listed::Checkins => "checkins",
            Listed::Reflections => "reflections",
        };
        self.count(&format!("SELECT COUNT(*) FROM {table}"), [])
    }
}
