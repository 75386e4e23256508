//! Find: items whose person, title, tags or why hold every word typed (each as the start of a
//! word). Open items are found through the full-text index `items_find` (migration 009), so a
//! keystroke costs the same however many items were ever closed; `--all` reads the closed ones
//! directly. Only the page asked for is read whole; the count of what matched is counted.

use rusqlite::types::Value;

use super::items::{list_order, open_only};
use super::rows::{ITEM_COLUMNS, ITEM_FROM};
use super::{Reader, Result};
use crate::domain::item::OPEN_STATUSES_SQL;
use crate::domain::{Item, Kind};
use crate::when::Moment;

/// What was typed, as a find: the words (lower-cased letters and digits), and the FTS5 query
/// where every word must begin a word of the item (`"quo"*`), in any column. None when nothing
/// findable was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    words: Vec<String>,
    query: String,
}

impl Find {
    pub fn new(typed: &str) -> Option<Find> {
        let words: Vec<String> = typed
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let query = words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" ");
        (!words.is_empty()).then_some(Find { words, query })
    }

    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// The FTS5 query (`"quo"*`…).
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The condition on `i` (items) and `p` (people) for the matches, and its values, numbered
    /// from ?`first`: open items through the index; with `all`, closed ones too, each word
    /// starting a word (after a space) of their text.
    fn condition(&self, all: bool, first: usize) -> (String, Vec<Value>) {
        let mut values = vec![Value::Text(self.query.clone())];
        let indexed =
            format!("i.id IN (SELECT rowid FROM items_find WHERE items_find MATCH ?{first})");
        if !all {
            return (indexed, values);
        }
        let text = "(' ' || lower(i.title) || ' ' || lower(i.tags) || ' ' || \
                    lower(COALESCE(i.why, '')) || ' ' || lower(COALESCE(p.name, '')))";
        let mut closed = vec![format!("i.status NOT IN {OPEN_STATUSES_SQL}")];
        for word in &self.words {
            values.push(Value::Text(format!(
                "% {}%",
                word.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            )));
            closed.push(format!(
                "{text} LIKE ?{} ESCAPE '\\'",
                first + values.len() - 1
            ));
        }
        (format!("({indexed} OR ({}))", closed.join(" AND ")), values)
    }
}

impl Reader<'_> {
    /// Items of `kind` (open ones unless `all`) that `find` finds, in the order `list` shows
    /// them: at most `limit` from `offset`.
    pub fn find_items(
        &self,
        kind: Kind,
        all: bool,
        find: &Find,
        now: &Moment,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<Item>> {
        let open = if all { String::new() } else { open_only(kind) };
        let (matched, more) = find.condition(all, 4);
        let at = more.len() + 4;
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE i.kind = ?2 {open} AND {matched} \
             ORDER BY {} LIMIT ?3 OFFSET ?{at}",
            list_order(kind, all)
        );
        let mut values = vec![
            Value::Integer(now.timestamp()),
            Value::Text(kind.as_str().into()),
            Value::Integer(limit as i64),
        ];
        values.extend(more);
        values.push(Value::Integer(offset as i64));
        self.items(&sql, rusqlite::params_from_iter(values))
    }

    /// How many items of `kind` (open ones unless `all`) `find` finds.
    pub fn count_found(&self, kind: Kind, all: bool, find: &Find) -> Result<u64> {
        let open = if all { String::new() } else { open_only(kind) };
        let (matched, more) = find.condition(all, 2);
        let sql = format!(
            "SELECT COUNT(*) FROM items i LEFT JOIN people p ON p.id = i.person_id \
             WHERE i.kind = ?1 {open} AND {matched}"
        );
        let mut values = vec![Value::Text(kind.as_str().into())];
        values.extend(more);
        self.count(&sql, rusqlite::params_from_iter(values))
    }
}

/// Index the items noted since the last time (`items_find_pending`, migration 016: a capture
/// only notes its item), as they are now, and forget the notes. An item already in the index
/// (changed since it was noted, which re-indexes it) is taken out first, never indexed twice.
/// The notes lead the join (CROSS JOIN keeps that order): left to itself, SQLite read every item
/// and looked each up among the notes, 0.1 s at a million items on the first write after a capture.
pub(super) fn index_pending(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    if !any_pending(conn)? {
        return Ok(());
    }
    conn.execute_batch(&format!(
        "DELETE FROM items_find WHERE rowid IN (SELECT item_id FROM items_find_pending); \
         INSERT INTO items_find (rowid, person, title, tags, why) \
             SELECT i.id, COALESCE(p.name, ''), i.title, i.tags, COALESCE(i.why, '') \
             FROM items_find_pending f CROSS JOIN items i ON i.id = f.item_id \
             LEFT JOIN people p ON p.id = i.person_id \
             WHERE i.status IN {OPEN_STATUSES_SQL}; \
         DELETE FROM items_find_pending;"
    ))
}

fn any_pending(conn: &rusqlite::Connection) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM items_find_pending)")?
        .query_row([], |r| r.get(0))
}

impl super::Store {
    /// Bring the find index up to date before a find (what captures left for later). Nothing
    /// left, nothing written: a find takes the write lock only when there is something to index.
    pub fn index_pending_finds(&mut self) -> Result<()> {
        self.still_here()?;
        let path = self.path.clone();
        let sql = |source| super::StoreError::Sql {
            path: path.clone(),
            source,
        };
        if !any_pending(&self.conn).map_err(sql)? {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(sql)?;
        index_pending(&tx).map_err(sql)?;
        tx.commit().map_err(sql)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_typed_becomes_word_starts_that_must_all_match() {
        let find = |t: &str| Find::new(t).map(|f| f.query);
        assert_eq!(find("Dana quo"), Some("\"dana\"* \"quo\"*".into()));
        assert_eq!(
            find("  \"case-study\" "),
            Some("\"case\"* \"study\"*".into())
        );
        assert_eq!(find(" -*()\" "), None);
        assert_eq!(find("Élan"), Some("\"élan\"*".into()));
    }

    #[test]
    fn the_index_keeps_the_same_open_statuses_as_the_code() {
        let migration = include_str!("migrations/009_find.sql");
        let listed = OPEN_STATUSES_SQL.replace(',', ", ");
        assert_eq!(
            migration.matches(&listed).count(),
            4,
            "migration 009 names {listed} in each place"
        );
    }
}
