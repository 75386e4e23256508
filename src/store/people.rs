//! People: found by name case-insensitively, created the first time `@name` is used.

use std::collections::HashMap;

use rusqlite::params;

use super::journal::Table;
use super::rows::{PERSON_COLUMNS, join_words, person_from_row};
use super::{Reader, Result, WriteError, Writer};
use crate::domain::favor::Balance;
use crate::domain::person::{display_name, name_key};
use crate::domain::reply::ChannelRecord;
use crate::domain::touch::Touch;
use crate::domain::{Person, PersonStats};

/// Someone with expertise, as a capture matches it against its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expert {
    pub id: i64,
    pub name: String,
    pub expertise: Vec<String>,
}

impl Reader<'_> {
    /// The person with this name, or with it among their aliases; `@marcus.reid`,
    /// `@marcus_reid` and `@"Marcus Reid"` are the same name when only one of them is known.
    pub fn person_named(&self, name: &str) -> Result<Option<Person>> {
        let spellings = crate::domain::person::spellings(&name_key(name));
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people WHERE name_key = ?1");
        for key in &spellings {
            if let Some(person) = self.row(&sql, [key], person_from_row)? {
                return Ok(Some(person));
            }
        }
        // Among the aliases, by their keys (`person_aliases`, migration 019).
        let sql = format!(
            "SELECT {PERSON_COLUMNS} FROM people WHERE id = \
               (SELECT MIN(person_id) FROM person_aliases WHERE key = ?1)"
        );
        for key in &spellings {
            if let Some(person) = self.row(&sql, [key], person_from_row)? {
                return Ok(Some(person));
            }
        }
        Ok(None)
    }

    pub fn person(&self, id: i64) -> Result<Option<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = ?1");
        self.row(&sql, [id], person_from_row)
    }

    /// The names `typed` may be a typo of or the start of: those that share a spelling with one
    /// letter left out with it, or with it two letters short (`person_keys`), and the first
    /// three that begin with it. A few index lookups, however many people there are. Every name
    /// one typo away is found; of those two away, all but two letters changed or two missing
    /// (those would need every two-letters-out spelling of every name stored).
    pub fn names_near(&self, typed: &str) -> Result<Vec<String>> {
        let key = name_key(typed);
        let mut variants = one_letter_out(&key);
        if key.chars().count() > 4 {
            let twice: Vec<String> = variants.iter().flat_map(|v| one_letter_out(v)).collect();
            variants.extend(twice);
        }
        variants.push(key.clone());
        variants.sort_unstable();
        variants.dedup();
        let list = serde_json::to_string(&variants).unwrap_or_else(|_| "[]".into());
        self.rows(
            "SELECT p.name FROM person_keys k JOIN people p ON p.id = k.person_id \
               WHERE k.variant IN (SELECT value FROM json_each(?1)) \
             UNION \
             SELECT name FROM (SELECT name FROM people \
               WHERE name_key >= ?2 AND name_key < ?2 || char(1114111) ORDER BY name_key LIMIT 3)",
            params![list, key],
            |r| r.get("name"),
        )
    }

    /// Everyone, by name.
    pub fn people(&self) -> Result<Vec<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people ORDER BY name_key");
        self.rows(&sql, [], person_from_row)
    }
}

/// A person's last real contact (`people.id` from the outer query), as seconds: their latest ask
/// or invitation, an answer from them (received, declined, accepted, proofed), a follow-up on one
/// of their items, a favor, a critique, a person-mode visit. Each part walks one index from the
/// person's id (items_person, follow_ups_item, favors_person, critiques_person).
const LAST_CONTACT: &str = "SELECT NULLIF(MAX( \
       COALESCE(people.met_at, 0), \
       COALESCE((SELECT MAX(COALESCE(i.asked_at, i.created_at)) FROM items i \
                 WHERE i.person_id = people.id), 0), \
       COALESCE((SELECT MAX(i.closed_at) FROM items i WHERE i.person_id = people.id \
                 AND i.status IN ('received', 'declined', 'accepted', 'proofed')), 0), \
       COALESCE((SELECT MAX(f.at) FROM items i JOIN follow_ups f ON f.item_id = i.id \
                 WHERE i.person_id = people.id), 0), \
       COALESCE((SELECT MAX(v.at) FROM favors v WHERE v.person_id = people.id), 0), \
       COALESCE((SELECT MAX(c.at) FROM critiques c WHERE c.person_id = people.id), 0)), 0)";

impl Reader<'_> {
    /// Everyone (or one person), by name, with their open asks, favors, critiques and channel
    /// records. None of it is counted row by row: favors and critiques from `person_tallies`
    /// and channels from `person_channels` (both kept by triggers), open asks from the open
    /// asks' own index; so the cost follows the number of people and open asks, not history.
    pub fn people_overview(&self, only: Option<i64>) -> Result<Vec<PersonStats>> {
        let sql = format!(
            "SELECT {PERSON_COLUMNS}, COALESCE(t.gave, 0) AS gave, COALESCE(t.got, 0) AS got, \
               COALESCE(t.critiques, 0) AS critiques, COALESCE(t.invited, 0) AS invited, \
               CASE WHEN every_days IS NOT NULL THEN ({LAST_CONTACT}) END AS last_contact \
             FROM people LEFT JOIN person_tallies t ON t.person_id = people.id \
             WHERE {} ORDER BY name_key",
            super::query::one_or_all("people.id", only)
        );
        let mut people = self.rows(&sql, [only], |r| {
            Ok(PersonStats {
                person: person_from_row(r)?,
                open_asks: 0,
                balance: Balance {
                    gave: r.count("gave")?,
                    got: r.count("got")?,
                },
                critiques: r.count("critiques")?,
                invited: r.count("invited")?,
                channels: Vec::new(),
                last_contact: r.maybe_time("last_contact")?,
            })
        })?;
        // By id, so each count finds its person at once, however many people there are.
        let at: HashMap<i64, usize> = people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.person.id, i))
            .collect();
        let stats = |person_id: i64| at.get(&person_id).copied();
        for (person_id, open) in self.open_asks_by_person(only)? {
            if let Some(i) = stats(person_id) {
                people[i].open_asks = open;
            }
        }
        for (person_id, record) in self.channel_records(only)? {
            if let Some(i) = stats(person_id) {
                people[i].channels.push(record);
            }
        }
        Ok(people)
    }

    /// How many asks are open to each person (or one), from the open asks' partial index.
    fn open_asks_by_person(&self, person_id: Option<i64>) -> Result<Vec<(i64, u32)>> {
        let sql = format!(
            "SELECT person_id, COUNT(*) AS open FROM items INDEXED BY items_open_asks \
             WHERE kind = 'ask' AND status = 'open' AND person_id IS NOT NULL AND {} \
             GROUP BY person_id",
            super::query::one_or_all("person_id", person_id)
        );
        self.rows(&sql, [person_id], |r| {
            Ok((r.get("person_id")?, r.count("open")?))
        })
    }

    /// Everyone with a keep-in-touch rhythm, by name, with how they stand against it (read
    /// through `people_rhythm`: the others are never visited).
    pub fn people_with_rhythm(&self) -> Result<Vec<(Person, Touch)>> {
        // Most people keep no rhythm: a look at the index first spares compiling the contact
        // query, half a million instructions, in every `due` and first frame.
        let anyone: bool = self.value(
            "SELECT EXISTS (SELECT 1 FROM people INDEXED BY people_rhythm WHERE every_days IS NOT NULL)",
            [],
        )?;
        if !anyone {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {PERSON_COLUMNS}, ({LAST_CONTACT}) AS last_contact \
             FROM people INDEXED BY people_rhythm WHERE every_days IS NOT NULL ORDER BY name_key"
        );
        self.rows(&sql, [], |r| {
            let person = person_from_row(r)?;
            let touch = Touch {
                every_days: person.every_days.unwrap_or(1),
                last: r.maybe_time("last_contact")?,
                since: person.created_at,
            };
            Ok((person, touch))
        })
    }

    /// For each person (or one), how closed asks went by the channel of their last attempt (kept
    /// by triggers in `person_channels`).
    pub fn channel_records(&self, person_id: Option<i64>) -> Result<Vec<(i64, ChannelRecord)>> {
        let sql = format!(
            "SELECT person_id, channel, answered, closed FROM person_channels \
             WHERE closed > 0 AND {}",
            super::query::one_or_all("person_id", person_id)
        );
        self.rows(&sql, [person_id], |r| {
            Ok((
                r.get("person_id")?,
                ChannelRecord {
                    channel: r.word("channel")?,
                    answered: r.count("answered")?,
                    closed: r.count("closed")?,
                },
            ))
        })
    }
}

/// `word` with each one of its letters left out in turn.
fn one_letter_out(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len())
        .map(|i| chars[..i].iter().chain(&chars[i + 1..]).collect())
        .collect()
}

impl Writer<'_> {
    /// The person called `name`, created when new. Returns the person and whether it was created.
    pub fn person_for(&mut self, name: &str) -> std::result::Result<(Person, bool), WriteError> {
        if let Some(person) = self
            .reader()
            .person_named(name)
            .map_err(WriteError::Store)?
        {
            return Ok((person, false));
        }
        let shown = display_name(name);
        self.tx
            .execute(
                "INSERT INTO people (uuid, name, name_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![super::new_uuid(), shown, name_key(name), self.now],
            )
            .map_err(|e| self.sql(e))?;
        let id = self.tx.last_insert_rowid();
        self.remember_new(Table::People, id, None)?;
        let person = self
            .reader()
            .person(id)
            .map_err(WriteError::Store)?
            .ok_or_else(|| WriteError::Input(format!("person {name} vanished")))?;
        Ok((person, true))
    }

    /// Save a person's editable fields.
    pub fn save_person(&mut self, person: &Person) -> std::result::Result<(), WriteError> {
        self.remember(Table::People, person.id, None)?;
        self.tx
            .execute(
                "UPDATE people SET team = ?2, expertise = ?3, notes = ?4, prefers = ?5, \
                 emails = ?7, every_days = ?8, met_at = ?9, name = ?10, name_key = ?11, \
                 aliases = ?12, greeting = ?13, updated_at = MAX(?6, updated_at + 1) \
                 WHERE id = ?1",
                params![
                    person.id,
                    person.team,
                    join_words(&person.expertise),
                    person.notes,
                    person.prefers.map(|c| c.as_str()),
                    self.now,
                    join_words(&person.emails),
                    person.every_days,
                    person.met_at.map(|m| m.timestamp()),
                    person.name,
                    name_key(&person.name),
                    super::rows::join_aliases(&person.aliases),
                    person.greeting,
                ],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }
}
