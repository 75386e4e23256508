//! Turning rows into domain values, always by column name. A value that does not fit (a word no
//! nudge writes, a time out of range) is an error naming the column, never a quiet default.

use chrono::Duration;
use rusqlite::Row;
use rusqlite::types::{FromSql, Type, Value, ValueRef};

use crate::domain::escalation::Chased;
use crate::domain::{Channel, Item, Person, Stress, Vocabulary};
use crate::when::{Moment, Zone};

/// One row, read by column name, with the zone its times are shown in.
pub struct Cells<'r, 's> {
    row: Values<'r, 's>,
    zone: Zone,
    /// The statement's column names, read once for all its rows (empty: found row by row).
    names: &'r [String],
    /// Where the next column is looked for first: readers mostly take the columns in the
    /// statement's order, so most look-ups compare one name.
    next: std::cell::Cell<usize>,
    /// Where the columns read as times are noted (`probing`).
    probe: Option<&'r std::cell::RefCell<Vec<usize>>>,
}

/// A statement's column names, to read its rows by: SQLite's own lookup of a name scans every
/// column's C string, which took a quarter of an export.
pub fn column_names(stmt: &rusqlite::Statement<'_>) -> Vec<String> {
    stmt.column_names().into_iter().map(String::from).collect()
}

/// Where a row's values are: SQLite's row, or a copy of them taken on another thread.
#[derive(Clone, Copy)]
enum Values<'r, 's> {
    Row(&'r Row<'s>),
    Copied(CopiedRow<'r>),
}

impl<'r, 's> Cells<'r, 's> {
    pub fn new(row: &'r Row<'s>, zone: Zone, names: &'r [String]) -> Self {
        Cells {
            row: Values::Row(row),
            zone,
            names,
            next: std::cell::Cell::new(0),
            probe: None,
        }
    }

    /// `new`, noting in `stamped` the place of every column read as an export's time, so that
    /// the thread that copies the rows can write those times out itself.
    pub fn probing(
        row: &'r Row<'s>,
        zone: Zone,
        names: &'r [String],
        stamped: &'r std::cell::RefCell<Vec<usize>>,
    ) -> Self {
        Cells {
            probe: Some(stamped),
            ..Cells::new(row, zone, names)
        }
    }

    /// A copied row, whose columns are `names`.
    pub fn copied(row: CopiedRow<'r>, zone: Zone, names: &'r [String]) -> Self {
        Cells {
            row: Values::Copied(row),
            zone,
            names,
            next: std::cell::Cell::new(0),
            probe: None,
        }
    }

    pub fn get<T: FromSql>(&self, column: &str) -> rusqlite::Result<T> {
        match (self.row, self.index(column)) {
            (Values::Row(row), Some(index)) => row.get(index),
            (Values::Row(row), None) => row.get(column),
            (Values::Copied(row), index) => {
                let (index, value) = copied_value(row, index, column)?;
                T::column_result(value).map_err(|e| from_sql_error(e, index, column, value))
            }
        }
    }

    /// The place and value of `column`.
    fn value(&self, column: &str) -> rusqlite::Result<(usize, ValueRef<'r>)> {
        let index = self.index(column);
        match self.row {
            Values::Row(row) => {
                let index = match index {
                    Some(index) => index,
                    None => row.as_ref().column_index(column)?,
                };
                Ok((index, row.get_ref(index)?))
            }
            Values::Copied(row) => copied_value(row, index, column),
        }
    }

    /// Where `column` is among the names read once (None: not read once, or not there).
    fn index(&self, column: &str) -> Option<usize> {
        let guess = self.next.get();
        let index = if self.names.get(guess).is_some_and(|name| name == column) {
            Some(guess)
        } else {
            self.names.iter().position(|name| name == column)
        }?;
        self.next.set(index + 1);
        Some(index)
    }

    /// A text column as it is in the row, not copied (None for NULL): for the words that are
    /// only read to be parsed.
    fn text(&self, column: &str) -> rusqlite::Result<Option<&'r str>> {
        let (index, value) = self.value(column)?;
        value
            .as_str_or_null()
            .map_err(|e| from_sql_error(e, index, column, value))
    }

    /// A value that is there but cannot be what the column holds.
    fn unreadable(&self, column: &str, kind: Type, why: String) -> rusqlite::Error {
        let index = match self.row {
            Values::Row(row) => row.as_ref().column_index(column).ok(),
            Values::Copied(_) => self.names.iter().position(|name| name == column),
        }
        .unwrap_or(0);
        rusqlite::Error::FromSqlConversionFailure(
            index,
            kind,
            format!("column `{column}` holds {why}").into(),
        )
    }

    pub fn time(&self, column: &str) -> rusqlite::Result<Moment> {
        let seconds: i64 = self.get(column)?;
        self.moment(column, seconds)
    }

    fn moment(&self, column: &str, seconds: i64) -> rusqlite::Result<Moment> {
        super::moment(&self.zone, seconds).ok_or_else(|| self.out_of_calendar(column, seconds))
    }

    fn out_of_calendar(&self, column: &str, seconds: i64) -> rusqlite::Error {
        self.unreadable(
            column,
            Type::Integer,
            format!("{seconds}, which is not a time nudge can show"),
        )
    }

    pub fn maybe_time(&self, column: &str) -> rusqlite::Result<Option<Moment>> {
        // Read once: a second look-up of the name would start after it and search the row.
        match self.get::<Option<i64>>(column)? {
            Some(seconds) => self.moment(column, seconds).map(Some),
            None => Ok(None),
        }
    }

    /// A time as an export writes it: RFC 3339 in the user's zone.
    pub fn stamp(&self, column: &str) -> rusqlite::Result<String> {
        if let Some(ready) = self.ready_stamp(column) {
            return Ok(ready.to_string());
        }
        let seconds: i64 = self.get(column)?;
        crate::when::stamp(&self.zone, seconds).ok_or_else(|| self.out_of_calendar(column, seconds))
    }

    pub fn maybe_stamp(&self, column: &str) -> rusqlite::Result<Option<String>> {
        if let Some(ready) = self.ready_stamp(column) {
            return Ok(Some(ready.to_string()));
        }
        match self.get::<Option<i64>>(column)? {
            Some(seconds) => crate::when::stamp(&self.zone, seconds)
                .map(Some)
                .ok_or_else(|| self.out_of_calendar(column, seconds)),
            None => Ok(None),
        }
    }

    /// A time the copying thread already wrote out (`CopiedRows::push`); notes the column when
    /// probing.
    fn ready_stamp(&self, column: &str) -> Option<&'r str> {
        match self.row {
            Values::Copied(row) => {
                let index = self.index(column)?;
                let ready = row.stamp(index);
                if ready.is_none() {
                    // Read as a number next: the guess stays on this column.
                    self.next.set(index);
                }
                ready
            }
            Values::Row(_) => {
                if let Some(stamped) = self.probe
                    && let Some(index) = self.names.iter().position(|name| name == column)
                {
                    stamped.borrow_mut().push(index);
                }
                None
            }
        }
    }

    /// A duration stored in seconds.
    pub fn span(&self, column: &str) -> rusqlite::Result<Option<Duration>> {
        Ok(self.get::<Option<i64>>(column)?.map(Duration::seconds))
    }

    pub fn word<T: Vocabulary>(&self, column: &str) -> rusqlite::Result<T> {
        match self.maybe_word(column)? {
            Some(word) => Ok(word),
            // What reading a NULL as text says.
            None => self
                .get::<String>(column)
                .and_then(|text| Err(self.not_a_word::<T>(column, &text))),
        }
    }

    pub fn maybe_word<T: Vocabulary>(&self, column: &str) -> rusqlite::Result<Option<T>> {
        match self.text(column)? {
            Some(text) => match T::parse_stored(text) {
                Some(word) => Ok(Some(word)),
                None => Err(self.not_a_word::<T>(column, text)),
            },
            None => Ok(None),
        }
    }

    fn not_a_word<T: Vocabulary>(&self, column: &str, text: &str) -> rusqlite::Error {
        self.unreadable(
            column,
            Type::Text,
            format!("\"{text}\", which is not one of {}", T::listed()),
        )
    }

    /// Space-separated words (tags, expertise).
    pub fn words(&self, column: &str) -> rusqlite::Result<Vec<String>> {
        match self.text(column)? {
            Some(text) => Ok(split_words(text)),
            // What reading a NULL as text says.
            None => self.get::<String>(column).map(|text| split_words(&text)),
        }
    }

    /// An ask's follow-ups: "call 2 email 1" from `item_chases`, and the latest one's channel.
    /// A channel nudge does not know (written by a newer one) is left out.
    pub fn chased(&self, counts: &str, last: &str) -> rusqlite::Result<Chased> {
        let mut chased = Chased::default();
        chased.last = self
            .get::<Option<String>>(last)?
            .as_deref()
            .and_then(Channel::parse_stored);
        let text = self.get::<Option<String>>(counts)?.unwrap_or_default();
        let mut words = text.split_whitespace();
        while let (Some(channel), Some(times)) = (words.next(), words.next()) {
            if let (Some(channel), Ok(times)) = (Channel::parse_stored(channel), times.parse()) {
                chased.add(channel, times);
            }
        }
        Ok(chased)
    }

    /// A count, which is never negative.
    pub fn count(&self, column: &str) -> rusqlite::Result<u32> {
        Ok(self.get::<i64>(column)?.try_into().unwrap_or(0))
    }

    pub fn stress(&self, column: &str) -> rusqlite::Result<Stress> {
        let rating: i64 = self.get(column)?;
        self.rated(column, rating)
    }

    fn rated(&self, column: &str, rating: i64) -> rusqlite::Result<Stress> {
        Stress::new(rating).map_err(|e| self.unreadable(column, Type::Integer, e.to_string()))
    }

    pub fn maybe_stress(&self, column: &str) -> rusqlite::Result<Option<Stress>> {
        match self.get::<Option<i64>>(column)? {
            Some(rating) => self.rated(column, rating).map(Some),
            None => Ok(None),
        }
    }
}

/// The columns `item_from_row` reads, by name; `i` is items, `p` people.
pub const ITEM_COLUMNS: &str = "i.id, i.uuid, i.kind, i.title, i.status, i.person_id, \
     p.name AS person_name, i.why, i.channel, i.asked_at, i.need_by, i.next_check, \
     i.check_by_hand, i.due, i.tags, i.deadline_id, i.piece, \
     (SELECT group_concat(c.channel || ' ' || c.times, ' ') FROM item_chases c WHERE c.item_id = i.id) AS chases, \
     (SELECT f.channel FROM follow_ups f WHERE f.item_id = i.id ORDER BY f.at DESC, f.id DESC LIMIT 1) AS last_chase, \
     i.notes, i.decline_reason, i.closed_at, i.created_at, i.updated_at, \
     p.reply_median_secs AS usual_reply_secs";

/// `FROM` clause matching `ITEM_COLUMNS`.
pub const ITEM_FROM: &str = "items i LEFT JOIN people p ON p.id = i.person_id";

pub fn item_from_row(r: &Cells<'_, '_>) -> rusqlite::Result<Item> {
    Ok(Item {
        id: r.get("id")?,
        uuid: r.get("uuid")?,
        kind: r.word("kind")?,
        title: r.get("title")?,
        status: r.word("status")?,
        person_id: r.get("person_id")?,
        person: r.get("person_name")?,
        why: r.get("why")?,
        channel: r.maybe_word("channel")?,
        asked_at: r.maybe_time("asked_at")?,
        need_by: r.maybe_time("need_by")?,
        next_check: r.maybe_time("next_check")?,
        check_by_hand: r.get("check_by_hand")?,
        due: r.maybe_time("due")?,
        tags: r.words("tags")?,
        deadline_id: r.get("deadline_id")?,
        piece: r.get("piece")?,
        chased: r.chased("chases", "last_chase")?,
        notes: r.get("notes")?,
        decline_reason: r.get("decline_reason")?,
        closed_at: r.maybe_time("closed_at")?,
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
        usual_reply: r.span("usual_reply_secs")?,
    })
}

/// The columns `person_from_row` reads.
pub const PERSON_COLUMNS: &str = "id, uuid, name, team, expertise, emails, notes, prefers, reply_median_secs, every_days, met_at, aliases, greeting, created_at, updated_at";

pub fn person_from_row(r: &Cells<'_, '_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get("id")?,
        uuid: r.get("uuid")?,
        name: r.get("name")?,
        team: r.get("team")?,
        expertise: r.words("expertise")?,
        emails: r.words("emails")?,
        notes: r.get("notes")?,
        prefers: r.maybe_word("prefers")?,
        reply_median: r.span("reply_median_secs")?,
        every_days: r.get("every_days")?,
        met_at: r.maybe_time("met_at")?,
        aliases: split_aliases(&r.get::<String>("aliases")?),
        greeting: r.get("greeting")?,
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
    })
}

/// The columns every write of an item sets, and their named parameters (`item_values`).
pub const ITEM_WRITTEN: &str = "kind, title, status, person_id, why, channel, asked_at, need_by, \
     next_check, due, tags, deadline_id, piece, notes, decline_reason, closed_at, check_by_hand";

pub const ITEM_VALUES: &str = ":kind, :title, :status, :person_id, :why, :channel, :asked_at, \
     :need_by, :next_check, :due, :tags, :deadline_id, :piece, :notes, :decline_reason, \
     :closed_at, :check_by_hand";

/// An item's fields, as the named parameters of `ITEM_WRITTEN`.
pub fn item_values(item: &Item) -> Vec<(&'static str, Value)> {
    let text = |t: &str| Value::Text(t.to_string());
    let maybe_text = |t: &Option<String>| t.as_deref().map_or(Value::Null, text);
    let time = |m: &Option<Moment>| m.map_or(Value::Null, |m| Value::Integer(m.timestamp()));
    vec![
        (":kind", text(item.kind.word())),
        (":title", text(&item.title)),
        (":status", text(item.status.word())),
        (
            ":person_id",
            item.person_id.map_or(Value::Null, Value::Integer),
        ),
        (":why", maybe_text(&item.why)),
        (
            ":channel",
            item.channel.map_or(Value::Null, |c| text(c.word())),
        ),
        (":asked_at", time(&item.asked_at)),
        (":need_by", time(&item.need_by)),
        (":next_check", time(&item.next_check)),
        (":due", time(&item.due)),
        (":tags", Value::Text(join_words(&item.tags))),
        (
            ":deadline_id",
            item.deadline_id.map_or(Value::Null, Value::Integer),
        ),
        (":piece", maybe_text(&item.piece)),
        (":notes", text(&item.notes)),
        (":decline_reason", maybe_text(&item.decline_reason)),
        (":closed_at", time(&item.closed_at)),
        (
            ":check_by_hand",
            Value::Integer(i64::from(item.check_by_hand)),
        ),
    ]
}

/// Run one cached statement with named parameters (`item_values` and its extras).
pub fn execute_named(
    conn: &rusqlite::Connection,
    sql: &str,
    values: &[(&'static str, Value)],
) -> rusqlite::Result<usize> {
    let named: Vec<(&str, &dyn rusqlite::ToSql)> = values
        .iter()
        .map(|(name, value)| (*name, value as &dyn rusqlite::ToSql))
        .collect();
    conn.prepare_cached(sql)
        .and_then(|mut s| s.execute(named.as_slice()))
}

/// The value at `index` (found among the names) of a copied row.
fn copied_value<'r>(
    row: CopiedRow<'r>,
    index: Option<usize>,
    column: &str,
) -> rusqlite::Result<(usize, ValueRef<'r>)> {
    let index = index.ok_or_else(|| rusqlite::Error::InvalidColumnName(column.to_string()))?;
    let value = row
        .value(index)
        .ok_or(rusqlite::Error::InvalidColumnIndex(index))?;
    Ok((index, value))
}

/// Why a value could not be read as asked, as rusqlite says it of a row's value.
fn from_sql_error(
    e: rusqlite::types::FromSqlError,
    index: usize,
    column: &str,
    value: ValueRef<'_>,
) -> rusqlite::Error {
    match e {
        rusqlite::types::FromSqlError::InvalidType => {
            rusqlite::Error::InvalidColumnType(index, column.to_string(), value.data_type())
        }
        rusqlite::types::FromSqlError::OutOfRange(n) => {
            rusqlite::Error::IntegralValueOutOfRange(index, n)
        }
        other => {
            rusqlite::Error::FromSqlConversionFailure(index, value.data_type(), Box::new(other))
        }
    }
}

/// Rows of one statement with their values copied out of SQLite (its text and blobs in one
/// buffer), to be read on another thread; cleared and filled again without allocating.
pub struct CopiedRows {
    bytes: Vec<u8>,
    values: Vec<Copied>,
    width: usize,
    /// The last time written out, and where: a row's times are often the same one (made and
    /// last changed at once).
    last_stamp: Option<(i64, usize, usize)>,
    /// The zone's offset over a span of times, from the last time stamped.
    offset: (i32, std::ops::Range<i64>),
}

/// One copied value; text and blobs as their place in `CopiedRows::bytes`.
#[derive(Clone, Copy)]
enum Copied {
    Null,
    Integer(i64),
    Real(f64),
    Text(usize, usize),
    Blob(usize, usize),
    /// A time, already as an export writes it.
    Stamp(usize, usize),
}

impl CopiedRows {
    /// Room for `rows` rows of `width` columns.
    pub fn new(width: usize, rows: usize) -> Self {
        CopiedRows {
            bytes: Vec::with_capacity(rows * 256),
            values: Vec::with_capacity(rows * width),
            width,
            last_stamp: None,
            offset: (0, 0..0),
        }
    }

    /// Empty, for rows of `width` columns, keeping the room it had.
    pub fn clear(&mut self, width: usize) {
        self.bytes.clear();
        self.values.clear();
        self.width = width;
        self.last_stamp = None;
        self.offset = (0, 0..0);
    }

    /// Copy the row's values (its first `width` columns); the times at `stamped` are written
    /// out as an export writes them in `zone` (one that cannot be stays a number, for the
    /// reader to say why).
    pub fn push(&mut self, row: &Row<'_>, stamped: &[usize], zone: &Zone) -> rusqlite::Result<()> {
        for index in 0..self.width {
            let copied = match row.get_ref(index)? {
                ValueRef::Null => Copied::Null,
                ValueRef::Integer(n) if stamped.contains(&index) => {
                    let start = self.bytes.len();
                    match self.last_stamp {
                        Some((seconds, from, to)) if seconds == n => {
                            self.bytes.extend_from_within(from..to);
                            Copied::Stamp(start, self.bytes.len())
                        }
                        _ if crate::when::stamp_into_spanned(
                            zone,
                            n,
                            &mut self.offset,
                            &mut self.bytes,
                        ) =>
                        {
                            self.last_stamp = Some((n, start, self.bytes.len()));
                            Copied::Stamp(start, self.bytes.len())
                        }
                        _ => Copied::Integer(n),
                    }
                }
                ValueRef::Integer(n) => Copied::Integer(n),
                ValueRef::Real(x) => Copied::Real(x),
                ValueRef::Text(text) => {
                    let start = self.bytes.len();
                    self.bytes.extend_from_slice(text);
                    Copied::Text(start, self.bytes.len())
                }
                ValueRef::Blob(blob) => {
                    let start = self.bytes.len();
                    self.bytes.extend_from_slice(blob);
                    Copied::Blob(start, self.bytes.len())
                }
            };
            self.values.push(copied);
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.values.len().checked_div(self.width).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    pub fn row(&self, row: usize) -> CopiedRow<'_> {
        CopiedRow {
            rows: self,
            start: row * self.width,
        }
    }
}

/// One row of `CopiedRows`.
#[derive(Clone, Copy)]
pub struct CopiedRow<'r> {
    rows: &'r CopiedRows,
    start: usize,
}

impl<'r> CopiedRow<'r> {
    fn value(&self, index: usize) -> Option<ValueRef<'r>> {
        if index >= self.rows.width {
            return None;
        }
        let bytes = &self.rows.bytes;
        Some(match *self.rows.values.get(self.start + index)? {
            Copied::Null => ValueRef::Null,
            Copied::Integer(n) => ValueRef::Integer(n),
            Copied::Real(x) => ValueRef::Real(x),
            Copied::Text(start, end) | Copied::Stamp(start, end) => {
                ValueRef::Text(bytes.get(start..end)?)
            }
            Copied::Blob(start, end) => ValueRef::Blob(bytes.get(start..end)?),
        })
    }

    /// The time at `index`, when the copying wrote it out.
    fn stamp(&self, index: usize) -> Option<&'r str> {
        if index >= self.rows.width {
            return None;
        }
        match *self.rows.values.get(self.start + index)? {
            Copied::Stamp(start, end) => std::str::from_utf8(self.rows.bytes.get(start..end)?).ok(),
            _ => None,
        }
    }
}

pub fn split_words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// A person's aliases as stored: keys joined by commas (a name may hold spaces).
pub fn join_aliases(aliases: &[String]) -> String {
    aliases.join(",")
}

pub fn split_aliases(text: &str) -> Vec<String> {
    text.split(',')
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn join_words(words: &[String]) -> String {
    words.join(" ")
}
