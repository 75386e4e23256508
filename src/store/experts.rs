//! Who knows a word: each expertise word in lower case, with its person (migration 018), so a
//! capture finds the people its words match instead of reading everyone with expertise.

use rusqlite::params;

use super::people::Expert;
use super::{Reader, Result};
use crate::domain::critique::lower_case;

/// Put the words of the people noted since the last time (`expertise_pending`: their expertise
/// changed, or they were made or deleted) in `expertise_words`, and forget the notes.
pub(super) fn index_pending(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    let noted: Vec<(i64, Option<String>)> = conn
        .prepare_cached(
            "SELECT n.person_id, p.expertise FROM expertise_pending n \
             LEFT JOIN people p ON p.id = n.person_id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if noted.is_empty() {
        return Ok(());
    }
    let mut forget = conn.prepare_cached("DELETE FROM expertise_words WHERE person_id = ?1")?;
    let mut add = conn.prepare_cached(
        "INSERT OR IGNORE INTO expertise_words (word, person_id) VALUES (?1, ?2)",
    )?;
    for (person, expertise) in noted {
        forget.execute([person])?;
        for word in expertise.as_deref().unwrap_or("").split_whitespace() {
            add.execute(params![lower_case(word), person])?;
        }
    }
    conn.execute("DELETE FROM expertise_pending", [])?;
    Ok(())
}

impl Reader<'_> {
    /// The people whose expertise holds one of `words` (any case), by name: their id, name and
    /// expertise. Everyone with expertise while notes wait (a change nudge did not make).
    pub fn experts_knowing(&self, words: &[impl AsRef<str>]) -> Result<Vec<Expert>> {
        let keys: Vec<std::borrow::Cow<'_, str>> =
            words.iter().map(|w| lower_case(w.as_ref())).collect();
        let keys = serde_json::to_string(&keys).unwrap_or_else(|_| "[]".into());
        self.rows(
            "SELECT id, name, expertise, name_key FROM people WHERE id IN \
               (SELECT person_id FROM expertise_words \
                WHERE word IN (SELECT value FROM json_each(?1))) \
             UNION \
             SELECT id, name, expertise, name_key FROM people INDEXED BY people_experts \
             WHERE expertise != '' AND EXISTS (SELECT 1 FROM expertise_pending) \
             ORDER BY name_key",
            [keys],
            |r| {
                Ok(Expert {
                    id: r.get("id")?,
                    name: r.get("name")?,
                    expertise: r.words("expertise")?,
                })
            },
        )
    }
}
