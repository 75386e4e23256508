//! One description per exported table: the query that reads its records (one column per field,
//! named like the field, references as UUIDs), and the columns a record writes back. The loops
//! that use them are in `export` and `import`.

use super::fields::Fields;
use super::import::ImportError;
use super::rows::{Cells, join_words};
use crate::domain::person::name_key;
use crate::exchange::{
    BadFile, CheckinRecord, CritiqueRecord, FavorRecord, FollowUpRecord, ItemRecord, PersonRecord,
    Record, ReflectionRecord, SprintRecord,
};

pub(super) trait Table: Record {
    /// Every row as a record, in the order they are exported.
    const SELECT: &'static str;

    /// The row id column in `SELECT` (with its table's alias there), to read one row.
    const ID: &'static str = "id";

    /// How a record whose UUID is new here may still be a row here (the same person made on two
    /// machines, matched by name; the same day's reflection): the query, with the key as ?1.
    const SAME_AS: Option<&'static str> = None;

    fn read(r: &Cells<'_, '_>) -> rusqlite::Result<Self>;

    /// The key for `SAME_AS`.
    fn same_as_key(&self) -> String {
        String::new()
    }

    /// The record's columns (all but `updated_at`, which the merge sets).
    fn write(&self, fields: &mut Fields<'_>) -> Result<(), ImportError>;
}

impl Table for PersonRecord {
    const SELECT: &'static str = "SELECT uuid, name, team, expertise, emails, notes, prefers, \
         every_days, met_at, aliases, greeting, created_at, updated_at FROM people ORDER BY id";
    const SAME_AS: Option<&'static str> =
        Some("SELECT id, updated_at FROM people WHERE name_key = ?1");

    fn read(r: &Cells<'_, '_>) -> rusqlite::Result<Self> {
        Ok(PersonRecord {
            uuid: r.get("uuid")?,
            name: r.get("name")?,
            team: r.get("team")?,
            expertise: r.words("expertise")?,
            emails: r.words("emails")?,
            notes: r.get("notes")?,
            prefers: r.maybe_word("prefers")?,
            every_days: r.get("every_days")?,
            met_at: r.maybe_stamp("met_at")?,
            aliases: super::rows::split_aliases(&r.get::<String>("aliases")?),
            greeting: r.get("greeting")?,
            created_at: r.stamp("created_at")?,
            updated_at: r.stamp("updated_at")?,
        })
    }

    fn same_as_key(&self) -> String {
        name_key(&self.name)
    }

    fn write(&self, f: &mut Fields<'_>) -> Result<(), ImportError> {
        f.text("uuid", &self.uuid);
        f.text("name", &self.name);
        f.text("name_key", name_key(&self.name));
        f.maybe_text("team", &self.team);
        f.text("expertise", join_words(&self.expertise));
        f.text("emails", join_words(&self.emails));
        f.text("notes", &self.notes);
        f.maybe_word("prefers", self.prefers);
        if let Some(days) = self.every_days
            && !(1..=366).contains(&days)
        {
            return Err(f.bad(
                "every_days",
                format!("{days} is not a rhythm: use 1 to 366 days"),
            ));
        }
        f.maybe_int("every_days", self.every_days.map(i64::from));
        f.maybe_time("met_at", &self.met_at)?;
        let aliases: Vec<String> = self.aliases.iter().map(|a| name_key(a)).collect();
        f.text("aliases", super::rows::join_aliases(&aliases));
        f.maybe_text("greeting", &self.greeting);
        f.time("created_at", &self.created_at)
    }
}

impl Table for ItemRecord {
    const ID: &'static str = "i.id";
    const SELECT: &'static str = "SELECT i.uuid, i.kind, i.title, i.status, p.uuid AS person_uuid, \
           i.why, i.channel, i.asked_at, i.need_by, i.next_check, i.check_by_hand, i.due, i.tags, \
           d.uuid AS deadline_uuid, i.piece, i.notes, i.decline_reason, i.last_via, i.message_id, \
           i.closed_at, i.created_at, i.updated_at \
         FROM items i LEFT JOIN people p ON p.id = i.person_id \
           LEFT JOIN items d ON d.id = i.deadline_id ORDER BY i.id";

    fn read(r: &Cells<'_, '_>) -> rusqlite::Result<Self> {
        Ok(ItemRecord {
            uuid: r.get("uuid")?,
            kind: r.word("kind")?,
            title: r.get("title")?,
            status: r.word("status")?,
            person_uuid: r.get("person_uuid")?,
            why: r.get("why")?,
            channel: r.maybe_word("channel")?,
            asked_at: r.maybe_stamp("asked_at")?,
            need_by: r.maybe_stamp("need_by")?,
            next_check: r.maybe_stamp("next_check")?,
            check_by_hand: r.get("check_by_hand")?,
            due: r.maybe_stamp("due")?,
            tags: r.words("tags")?,
            deadline_uuid: r.get("deadline_uuid")?,
            piece: r.get("piece")?,
            notes: r.get("notes")?,
            decline_reason: r.get("decline_reason")?,
            last_via: r.maybe_word("last_via")?,
            message_id: r.get("message_id")?,
            closed_at: r.maybe_stamp("closed_at")?,
            created_at: r.stamp("created_at")?,
            updated_at: r.stamp("updated_at")?,
        })
    }

    fn write(&self, f: &mut Fields<'_>) -> Result<(), ImportError> {
        f.text("uuid", &self.uuid);
        f.word("kind", self.kind);
        f.text("title", &self.title);
        f.word("status", self.status);
        f.reference(
            "person_id",
            "people",
            self.person_uuid.as_deref(),
            "person_uuid",
        )?;
        f.maybe_text("why", &self.why);
        f.maybe_word("channel", self.channel);
        f.maybe_time("asked_at", &self.asked_at)?;
        f.maybe_time("need_by", &self.need_by)?;
        f.maybe_time("next_check", &self.next_check)?;
        f.int("check_by_hand", i64::from(self.check_by_hand));
        f.maybe_time("due", &self.due)?;
        f.text("tags", join_words(&self.tags));
        f.reference_in_list(
            "deadline_id",
            self.deadline_uuid.as_deref(),
            "deadline_uuid",
        )?;
        f.maybe_text("piece", &self.piece);
        f.text("notes", &self.notes);
        f.maybe_text("decline_reason", &self.decline_reason);
        f.maybe_word("last_via", self.last_via);
        f.maybe_text("message_id", &self.message_id);
        f.maybe_time("closed_at", &self.closed_at)?;
        f.time("created_at", &self.created_at)
    }
}

impl Table for FollowUpRecord {
    const ID: &'static str = "f.id";
    const SELECT: &'static str = "SELECT f.uuid, i.uuid AS item_uuid, f.at, f.channel, f.note, \
           f.created_at, f.updated_at \
         FROM follow_ups f JOIN items i ON i.id = f.item_id ORDER BY f.id";

    fn read(r: &Cells<'_, '_>) -> rusqlite::Result<Self> {
        Ok(FollowUpRecord {
            uuid: r.get("uuid")?,
            item_uuid: r.get("item_uuid")?,
            at: r.stamp("at")?,
            channel: r.word("channel")?,
            note: r.get("note")?,
            created_at: r.stamp("created_at")?,
            updated_at: r.stamp("updated_at")?,
        })
    }

    fn write(&self, f: &mut Fields<'_>) -> Result<(), ImportError> {
        f.text("uuid", &self.uuid);
        f.reference("item_id", "items", Some(&self.item_uuid), "item_uuid")?;
        f.time("at", &self.at)?;
        f.word("channel", self.channel);
        f.text("note", &self.note);
        f.time("created_at", &self.created_at)
    }
}

impl Table for CritiqueRecord {
    const ID: &'static str = "c.id";
    const SELECT: &'static str = "SELECT c.uuid, p.uuid AS person_uuid, c.said, c.piece, \
           d.uuid AS deadline_uuid, c.response, x.uuid AS proofing_uuid, c.at, c.created_at, \
           c.updated_at \
         FROM critiques c JOIN people p ON p.id = c.person_id \
           LEFT JOIN items d ON d.id = c.deadline_id LEFT JOIN items x ON x.id = c.proofing_id \
         ORDER BY c.id";

    fn read(r: &Cells<'_, '_>) -> rusqlite::Result<Self> {
        Ok(CritiqueRecord {
            uuid: r.get("uuid")?,
            person_uuid: r.get("person_uuid")?,
            said: r.get("said")?,
            piece: r.get("piece")?,
            deadline_uuid: r.get("deadline_uuid")?,
            response: r.word("response")?,
            proofing_uuid: r.get("proofing_uuid")?,
            at: r.stamp("at")?,
            created_at: r.stamp("created_at")?,
            updated_at: r.stamp("updated_at")?,
        })
    }

    fn write(&self, f: &mut Fields<'_>) -> Result<(), ImportError> {
        f.text("uuid", &self.uuid);
        f.reference(
            "person_id",
            "people",
            Some(&self.person_uuid),
            "person_uuid",
        )?;
        f.text("said", &self.said);
        f.maybe_text("piece", &self.piece);
        f.reference(
            "deadline_id",
            "items",
            self.deadline_uuid.as_deref(),
            "deadline_uuid",
        )?;
        f.word("response", self.response);
        f.reference(
            "proofing_id",
            "items",
            self.proofing_uuid.as_deref(),
            "proofing_uuid",
        )?;
        f.time("at", &self.at)?;
        f.time("created_at", &self.created_at)
    }
}

impl Table for FavorRecord {
    const ID: &'static str = "f.id";
    const SELECT: &'static str = "SELECT f.uuid, p.uuid AS person_uuid, f.direction, f.what, f.at, \
           f.created_at, f.updated_at \
         FROM favors f JOIN people p ON p.id = f.person_id ORDER BY f.id";

    fn read(r: &Cells<'_, '_>) -> rusqlite::Result<Self> {
        Ok(FavorRecord {
            uuid: r.get("uuid")?,
            person_uuid: r.get("person_uuid")?,
            direction: r.word("direction")?,
            what: r.get("what")?,
            at: r.stamp("at")?,
            created_at: r.stamp("created_at")?,
            updated_at: r.stamp("updated_at")?,
        })
    }

    fn write(&self, f: &mut Fields<'_>) -> Result<(), ImportError> {
        f.text("uuid", &self.uuid);
        f.reference(
            "person_id",
            "people",
            Some(&self.person_uuid),
            "person_uuid",
        )?;
        f.word("direction", self.direction);
        f.text("what", &self.what);
        f.time("at", &self.at)?;
        f.time("created_at", &self.created_at)
    }
}

impl Table for CheckinRecord {
    const ID: &'static str = "c.id";
    const SELECT: &'static str = "SELECT c.uuid, c.at, c.stress, d.uuid AS deadline_uuid, c.note, \
           c.slowdown_secs, c.next_action, c.created_at, c.updated_at \
         FROM checkins c LEFT JOIN items d ON d.id = c.deadline_id ORDER BY c.id";

    fn read(r: &Cells<'_, '_>) -> rusqlite::Result<Self> {
        Ok(CheckinRecord {
            uuid: r.get("uuid")?,
            at: r.stamp("at")?,
            stress: r.stress("stress")?,
            deadline_uuid: r.get("deadline_uuid")?,
            note: r.get("note")?,
            slowdown_secs: r.get("slowdown_secs")?,
            next_action: r.get("next_action")?,
            created_at: r.stamp("created_at")?,
            updated_at: r.stamp("updated_at")?,
        })
    }

    fn write(&self, f: &mut Fields<'_>) -> Result<(), ImportError> {
        f.text("uuid", &self.uuid);
        f.time("at", &self.at)?;
        f.int("stress", i64::from(self.stress.get()));
        f.reference(
            "deadline_id",
            "items",
            self.deadline_uuid.as_deref(),
            "deadline_uuid",
        )?;
        f.text("note", &self.note);
        f.int("slowdown_secs", self.slowdown_secs);
        f.text("next_action", &self.next_action);
        f.time("created_at", &self.created_at)
    }
}

impl Table for SprintRecord {
    const ID: &'static str = "s.id";
    const SELECT: &'static str = "SELECT s.uuid, d.uuid AS deadline_uuid, s.started_at, \
           s.length_secs, s.ended_at, s.outcome, s.created_at, s.updated_at \
         FROM sprints s LEFT JOIN items d ON d.id = s.deadline_id ORDER BY s.id";

    fn read(r: &Cells<'_, '_>) -> rusqlite::Result<Self> {
        Ok(SprintRecord {
            uuid: r.get("uuid")?,
            deadline_uuid: r.get("deadline_uuid")?,
            started_at: r.stamp("started_at")?,
            length_secs: r.get("length_secs")?,
            ended_at: r.maybe_stamp("ended_at")?,
            outcome: r.word("outcome")?,
            created_at: r.stamp("created_at")?,
            updated_at: r.stamp("updated_at")?,
        })
    }

    fn write(&self, f: &mut Fields<'_>) -> Result<(), ImportError> {
        f.text("uuid", &self.uuid);
        f.reference(
            "deadline_id",
            "items",
            self.deadline_uuid.as_deref(),
            "deadline_uuid",
        )?;
        f.time("started_at", &self.started_at)?;
        f.int("length_secs", self.length_secs);
        f.maybe_time("ended_at", &self.ended_at)?;
        f.word("outcome", self.outcome);
        f.time("created_at", &self.created_at)
    }
}

impl Table for ReflectionRecord {
    const SELECT: &'static str = "SELECT uuid, day, went_well, stuck, first_call, stress, \
         free_text, summary, created_at, updated_at FROM reflections ORDER BY day";
    /// One per day: the same day written on two machines is the same reflection.
    const SAME_AS: Option<&'static str> =
        Some("SELECT id, updated_at FROM reflections WHERE day = ?1");

    fn read(r: &Cells<'_, '_>) -> rusqlite::Result<Self> {
        let summary: String = r.get("summary")?;
        Ok(ReflectionRecord {
            uuid: r.get("uuid")?,
            day: r.get("day")?,
            went_well: r.get("went_well")?,
            stuck: r.get("stuck")?,
            first_call: r.get("first_call")?,
            stress: r.maybe_stress("stress")?,
            free_text: r.get("free_text")?,
            // A snapshot of the day's numbers, passed on as it is (null when unreadable).
            summary: serde_json::from_str(&summary).unwrap_or(serde_json::Value::Null),
            created_at: r.stamp("created_at")?,
            updated_at: r.stamp("updated_at")?,
        })
    }

    fn same_as_key(&self) -> String {
        self.day.clone()
    }

    fn write(&self, f: &mut Fields<'_>) -> Result<(), ImportError> {
        if chrono::NaiveDate::parse_from_str(&self.day, "%Y-%m-%d").is_err() {
            return Err(f.bad("day", format!("\"{}\" is not YYYY-MM-DD", self.day)));
        }
        f.text("uuid", &self.uuid);
        f.text("day", &self.day);
        f.text("went_well", &self.went_well);
        f.text("stuck", &self.stuck);
        f.text("first_call", &self.first_call);
        f.maybe_int("stress", self.stress.map(|s| i64::from(s.get())));
        f.text("free_text", &self.free_text);
        f.text("summary", self.summary.to_string());
        f.time("created_at", &self.created_at)
    }
}

/// A reference to a record neither in the file nor here.
pub(super) fn unknown_reference(list: &str, index: usize, field: &str, uuid: &str) -> BadFile {
    BadFile(format!(
        "{list} record {}: field `{field}`: no record with UUID {uuid} in the file or the database",
        index + 1
    ))
}
