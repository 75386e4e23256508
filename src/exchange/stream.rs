//! A nudge export read as a stream, so a file of any size takes little memory. A first pass
//! reads the whole file without keeping it: it must be UTF-8 JSON with the right format and
//! version, each list a list, and it counts the records. Then the lists are read record by
//! record in the order they merge (people before what refers to them): in one pass when the
//! file has them in that order (every nudge export does), else in one pass per list.

use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::records::{Entry, LISTS, Lists, Record, Take};
use super::{
    BadFile, CheckinRecord, CritiqueRecord, FORMAT, FavorRecord, FollowUpRecord, ItemRecord,
    PersonRecord, ReflectionRecord, SprintRecord, VERSION,
};

/// How much of the file is read at a time.
const CHUNK: usize = 256 * 1024;

/// A nudge export that has been checked whole and can be read list by list.
pub struct ExportFile<F: Read + Seek> {
    file: F,
    exported_at: String,
    /// The lists the file holds, as positions in `LISTS`, in the file's order, with their sizes.
    lists: Vec<(usize, u64)>,
}

impl<F: Read + Seek> ExportFile<F> {
    /// Check the whole file (see the module comment); nothing is kept but its outline.
    pub fn open(mut file: F) -> Result<Self, BadFile> {
        let reader = rewound(&mut file)?;
        let mut checked = Utf8Checked::new(reader);
        let mut outline = Outline::default();
        let scanned = {
            // serde_json reads a byte at a time: from a BufReader that is a copy, not a call.
            let mut json = serde_json::Deserializer::from_reader(BufReader::with_capacity(
                CHUNK,
                &mut checked,
            ));
            de::Deserializer::deserialize_any(&mut json, Scan(&mut outline))
                .and_then(|()| json.end())
        };
        if let Some(at) = checked.bad_at {
            return Err(BadFile(format!("it is not UTF-8 text (byte {at} is not)")));
        }
        if let Err(e) = scanned {
            return Err(outline.failed.take().unwrap_or_else(|| match e.classify() {
                serde_json::error::Category::Data => {
                    BadFile("not a nudge export: the top level is not an object".into())
                }
                _ => BadFile(format!("not JSON: {e}")),
            }));
        }
        outline.check()?;
        Ok(ExportFile {
            file,
            exported_at: outline.exported_at,
            lists: outline.lists,
        })
    }

    /// One pass over the file, handing `into` the records of `only` (every list when None).
    fn pass<T: Take>(&mut self, only: Option<usize>, into: &mut T) -> Result<(), T::Error> {
        let reader = rewound(&mut self.file)?;
        let mut failed = None;
        let result = {
            let mut json = serde_json::Deserializer::from_reader(reader);
            de::Deserializer::deserialize_map(
                &mut json,
                Records {
                    only,
                    into: &mut *into,
                    failed: &mut failed,
                },
            )
        };
        match (failed, result) {
            (Some(e), _) => Err(e),
            (None, Ok(())) => Ok(()),
            // It was read whole a moment ago: something changed it since.
            (None, Err(e)) => {
                Err(BadFile(format!("the file changed while it was read ({e})")).into())
            }
        }
    }
}

impl<F: Read + Seek> Lists for ExportFile<F> {
    fn exported_at(&self) -> &str {
        &self.exported_at
    }

    fn records(&self) -> u64 {
        self.lists.iter().map(|(_, n)| n).sum()
    }

    fn read_into<T: Take>(&mut self, into: &mut T) -> Result<(), T::Error> {
        let in_order = self.lists.windows(2).all(|w| w[0].0 < w[1].0);
        if in_order {
            return self.pass(None, into);
        }
        let mut present: Vec<usize> = self.lists.iter().map(|(list, _)| *list).collect();
        present.sort_unstable();
        for list in present {
            self.pass(Some(list), into)?;
        }
        Ok(())
    }
}

/// The file from its start, past the byte-order mark some editors begin a UTF-8 file with.
fn rewound<F: Read + Seek>(file: &mut F) -> Result<BufReader<&mut F>, BadFile> {
    let cannot = |e: std::io::Error| BadFile(format!("cannot read it: {e}"));
    file.seek(SeekFrom::Start(0)).map_err(cannot)?;
    let mut reader = BufReader::with_capacity(CHUNK, file);
    if reader
        .fill_buf()
        .map_err(cannot)?
        .starts_with(b"\xEF\xBB\xBF")
    {
        reader.consume(3);
    }
    Ok(reader)
}

/// What the first pass learns.
#[derive(Default)]
struct Outline {
    format: Option<Value>,
    version: Option<Value>,
    exported_at: String,
    lists: Vec<(usize, u64)>,
    /// Why the pass stopped, when it was the file's shape (not its JSON).
    failed: Option<BadFile>,
}

impl Outline {
    fn check(&self) -> Result<(), BadFile> {
        if self.format.as_ref().and_then(Value::as_str) != Some(FORMAT) {
            return Err(BadFile(
                "not a nudge export: \"format\" is not \"nudge\" (for Taskwarrior, use --format \
                 taskwarrior)"
                    .into(),
            ));
        }
        // The version as written (1.8e23, "1", nothing), so the message names what is there.
        let written = self
            .version
            .as_ref()
            .map_or_else(|| "missing".to_string(), Value::to_string);
        let version = self.version.as_ref().and_then(Value::as_u64);
        if !version.is_some_and(|v| (1..=u64::from(VERSION)).contains(&v)) {
            let reads = if VERSION == 1 {
                "version 1".to_string()
            } else {
                format!("versions 1 to {VERSION}")
            };
            return Err(BadFile(format!(
                "export version {written} is not one this nudge reads (it reads {reads}); a \
                 newer nudge may read it"
            )));
        }
        Ok(())
    }
}

/// The first pass over the top-level object.
struct Scan<'o>(&'o mut Outline);

impl<'de> Visitor<'de> for Scan<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a nudge export (an object)")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        let outline = self.0;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => outline.format = Some(map.next_value()?),
                "version" => outline.version = Some(map.next_value()?),
                "exported_at" => {
                    let at: Value = map.next_value()?;
                    outline.exported_at = at.as_str().unwrap_or_default().to_string();
                }
                name => match LISTS.iter().position(|list| *list == name) {
                    Some(list) => {
                        let why = if outline.lists.iter().any(|(l, _)| *l == list) {
                            format!("\"{name}\" is in the file twice")
                        } else {
                            match map.next_value_seed(Count)? {
                                Some(n) => {
                                    outline.lists.push((list, n));
                                    continue;
                                }
                                None => format!("\"{name}\" is not a list"),
                            }
                        };
                        outline.failed = Some(BadFile(why));
                        return Err(de::Error::custom("stop"));
                    }
                    None => {
                        map.next_value::<IgnoredAny>()?;
                    }
                },
            }
        }
        Ok(())
    }
}

/// The number of values in a list, none of them kept; None when it is not a list.
struct Count;

impl<'de> DeserializeSeed<'de> for Count {
    type Value = Option<u64>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<u64>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Count {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any value")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Option<u64>, S::Error> {
        let mut n = 0;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            n += 1;
        }
        Ok(Some(n))
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Option<u64>, M::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Option<u64>, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Option<u64>, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Option<u64>, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Option<u64>, E> {
        Ok(None)
    }

    fn visit_str<E>(self, _: &str) -> Result<Option<u64>, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Option<u64>, E> {
        Ok(None)
    }
}

/// A pass that reads records: the top-level object.
struct Records<'a, T: Take> {
    only: Option<usize>,
    into: &'a mut T,
    /// Why the pass stopped: a bad record, or the taker's own error.
    failed: &'a mut Option<T::Error>,
}

impl<'de, T: Take> Visitor<'de> for Records<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a nudge export (an object)")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let list = LISTS.iter().position(|list| *list == key);
            let wanted = list.filter(|l| self.only.is_none_or(|only| only == *l));
            let Some(list) = wanted else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let (into, failed) = (&mut *self.into, &mut *self.failed);
            // One arm per kind of record, in `LISTS` order.
            match list {
                0 => map.next_value_seed(Each::<PersonRecord, T>::new(into, failed))?,
                1 => map.next_value_seed(Each::<ItemRecord, T>::new(into, failed))?,
                2 => map.next_value_seed(Each::<FollowUpRecord, T>::new(into, failed))?,
                3 => map.next_value_seed(Each::<CritiqueRecord, T>::new(into, failed))?,
                4 => map.next_value_seed(Each::<FavorRecord, T>::new(into, failed))?,
                5 => map.next_value_seed(Each::<CheckinRecord, T>::new(into, failed))?,
                6 => map.next_value_seed(Each::<SprintRecord, T>::new(into, failed))?,
                _ => map.next_value_seed(Each::<ReflectionRecord, T>::new(into, failed))?,
            }
        }
        Ok(())
    }
}

/// One list, record by record.
struct Each<'a, R, T: Take> {
    into: &'a mut T,
    failed: &'a mut Option<T::Error>,
    record: std::marker::PhantomData<R>,
}

impl<'a, R, T: Take> Each<'a, R, T> {
    fn new(into: &'a mut T, failed: &'a mut Option<T::Error>) -> Self {
        Each {
            into,
            failed,
            record: std::marker::PhantomData,
        }
    }

    /// Stop the pass for `why`, kept to be returned instead of the JSON reader's error.
    fn stop<E: de::Error>(&mut self, why: T::Error) -> E {
        *self.failed = Some(why);
        E::custom("stop")
    }
}

impl<'de, R: Record + Into<Entry>, T: Take> DeserializeSeed<'de> for Each<'_, R, T> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, R: Record + Into<Entry>, T: Take> Visitor<'de> for Each<'_, R, T> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<S: SeqAccess<'de>>(mut self, mut seq: S) -> Result<(), S::Error> {
        let mut index = 0;
        loop {
            let record = match seq.next_element_seed(Named::<R>(std::marker::PhantomData)) {
                Ok(Some(Ok(record))) => record,
                Ok(None) => break,
                Ok(Some(Err(bad))) => return Err(self.stop(bad_record::<R>(index, bad).into())),
                Err(e) => return Err(e),
            };
            if let Err(bad) = check_uuid(index, &record) {
                return Err(self.stop(bad.into()));
            }
            if let Err(e) = self.into.record(index, record.into()) {
                return Err(self.stop(e));
            }
            index += 1;
        }
        match self.into.end_list(R::LIST) {
            Ok(()) => Ok(()),
            Err(e) => Err(self.stop(e)),
        }
    }
}

/// One record, or what is wrong with it: the field's path and the reason.
struct Named<R>(std::marker::PhantomData<R>);

impl<'de, R: Record> DeserializeSeed<'de> for Named<R> {
    type Value = Result<R, (String, String)>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        match serde_path_to_error::deserialize::<D, R>(d) {
            Ok(record) => Ok(Ok(record)),
            Err(e) => Ok(Err((e.path().to_string(), e.into_inner().to_string()))),
        }
    }
}

/// A record that does not fit its list: named by list, record (from 1) and field. Every record's
/// own UUID must be one: an empty or made-up one would merge unrelated records.
fn bad_record<R: Record>(index: usize, (path, why): (String, String)) -> BadFile {
    let at = if path == "." {
        String::new()
    } else {
        format!("field `{path}`: ")
    };
    // serde_json adds where in the file it was; the record and field say it better.
    let why = why.split(" at line ").next().unwrap_or_default();
    BadFile(format!("{} record {}: {at}{why}", R::LIST, index + 1))
}

/// The UUID check every record passes before it is taken.
fn check_uuid<R: Record>(index: usize, record: &R) -> Result<(), BadFile> {
    if uuid::Uuid::parse_str(record.uuid()).is_err() {
        return Err(BadFile(format!(
            "{} record {}: field `uuid`: \"{}\" is not a UUID (like \
             01a233d5-4bd3-740a-9cc3-581bc3e2d8f7)",
            R::LIST,
            index + 1,
            record.uuid()
        )));
    }
    Ok(())
}

/// Reads through, failing at the first byte that is not UTF-8 (and saying which), so a file in
/// another encoding is named as such rather than as bad JSON.
struct Utf8Checked<R> {
    inner: R,
    buf: Vec<u8>,
    /// `buf[start..valid]` is checked and not yet read; `buf[valid..len]` waits for the rest of
    /// its character.
    start: usize,
    valid: usize,
    len: usize,
    /// Bytes of the file before `buf`.
    offset: u64,
    bad_at: Option<u64>,
}

impl<R: Read> Utf8Checked<R> {
    fn new(inner: R) -> Self {
        Utf8Checked {
            inner,
            buf: vec![0; CHUNK],
            start: 0,
            valid: 0,
            len: 0,
            offset: 0,
            bad_at: None,
        }
    }

    /// Read more when everything checked has been read; false at the end of the file.
    fn refill(&mut self) -> std::io::Result<bool> {
        let waiting = self.len - self.valid;
        self.buf.copy_within(self.valid..self.len, 0);
        self.offset += self.valid as u64;
        self.start = 0;
        self.valid = 0;
        self.len = waiting;
        let n = self.inner.read(&mut self.buf[waiting..])?;
        self.len += n;
        match std::str::from_utf8(&self.buf[..self.len]) {
            Ok(_) => self.valid = self.len,
            Err(e) if e.error_len().is_none() && n > 0 => self.valid = e.valid_up_to(),
            Err(e) => {
                let at = self.offset + e.valid_up_to() as u64 + 1;
                self.bad_at = Some(at);
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("byte {at} is not UTF-8"),
                ));
            }
        }
        Ok(self.valid > 0 || n > 0)
    }
}

impl<R: Read> Read for Utf8Checked<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.start == self.valid {
            if !self.refill()? {
                return Ok(0);
            }
        }
        let n = out.len().min(self.valid - self.start);
        out[..n].copy_from_slice(&self.buf[self.start..self.start + n]);
        self.start += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// Everything a pass hands over, as (list, index, uuid) and list ends.
    #[derive(Default)]
    struct Seen(Vec<String>);

    impl Take for Seen {
        type Error = BadFile;

        fn record(&mut self, index: usize, record: Entry) -> Result<(), BadFile> {
            self.0
                .push(format!("{} {index} {}", record.list(), record.uuid()));
            Ok(())
        }

        fn end_list(&mut self, list: &'static str) -> Result<(), BadFile> {
            self.0.push(format!("end {list}"));
            Ok(())
        }
    }

    fn open(text: &[u8]) -> Result<ExportFile<Cursor<Vec<u8>>>, BadFile> {
        ExportFile::open(Cursor::new(text.to_vec()))
    }

    const FAVOR: &str = r#"{"uuid":"01a233d5-4bd3-740a-9cc3-581bc3e2d8f1","person_uuid":"01a233d5-4bd3-740a-9cc3-581bc3e2d8f7","direction":"gave","what":"","at":"2026-11-28T09:00:00Z","created_at":"2026-11-28T09:00:00Z","updated_at":"2026-11-28T09:00:00Z"}"#;
    const PERSON: &str = r#"{"uuid":"01a233d5-4bd3-740a-9cc3-581bc3e2d8f7","name":"Dana","team":null,"expertise":[],"notes":"","prefers":null,"created_at":"2026-11-28T09:00:00Z","updated_at":"2026-11-28T09:00:00Z"}"#;

    #[test]
    fn lists_come_in_merge_order_whatever_the_files_order() {
        // Keys sorted, as `jq -S` writes them: favors before people, the header last.
        let text = format!(
            "\u{FEFF}{{\"exported_at\":\"2026-11-28T09:00:00Z\",\"favors\":[{FAVOR}],\"format\":\"nudge\",\
             \"people\":[{PERSON}],\"version\":1}}"
        );
        let mut file = open(text.as_bytes()).expect("a good file");
        assert_eq!(file.records(), 2);
        assert_eq!(file.exported_at(), "2026-11-28T09:00:00Z");
        let mut seen = Seen::default();
        file.read_into(&mut seen).expect("reads");
        assert_eq!(
            seen.0,
            [
                "people 0 01a233d5-4bd3-740a-9cc3-581bc3e2d8f7",
                "end people",
                "favors 0 01a233d5-4bd3-740a-9cc3-581bc3e2d8f1",
                "end favors"
            ]
        );
    }

    #[test]
    fn a_file_in_merge_order_is_read_in_one_pass() {
        let text = format!(
            "{{\"format\":\"nudge\",\"version\":1,\"people\":[{PERSON},{PERSON}],\"items\":[],\"favors\":[{FAVOR}]}}"
        );
        let mut file = open(text.as_bytes()).expect("a good file");
        let mut seen = Seen::default();
        file.read_into(&mut seen).expect("reads");
        assert_eq!(seen.0.len(), 6, "{:?}", seen.0);
        assert_eq!(seen.0[1], "people 1 01a233d5-4bd3-740a-9cc3-581bc3e2d8f7");
        assert_eq!(seen.0[3], "end items");
    }

    #[test]
    fn shape_errors_name_the_record_and_field() {
        let bad = |text: &str| {
            let Err(e) = open(text.as_bytes()).and_then(|mut f| f.read_into(&mut Seen::default()))
            else {
                panic!("{text} was taken");
            };
            e.0
        };
        let err = bad("{\"format\":\"nudge\",\"version\":1,\"people\":[{\"uuid\":\"a\"}]}");
        assert_eq!(err, "people record 1: missing field `name`");
        assert!(bad("[1,2]").contains("not a nudge export"));
        assert!(bad("{\"format\":\"nudge\",\"version\":9}").contains("version 9"));
        assert!(bad("{\"format\":\"nudge\",\"version\":\"1\"}").contains("version \"1\""));
        assert!(bad("{\"tasks\":[]}").contains("\"format\" is not \"nudge\""));
        assert!(bad("not json").starts_with("not JSON"));
        assert!(bad("{\"format\":\"nudge\",\"version\":1,\"people\":[").starts_with("not JSON"));
        assert_eq!(
            bad("{\"format\":\"nudge\",\"version\":1,\"items\":{}}"),
            "\"items\" is not a list"
        );
        assert_eq!(
            bad("{\"format\":\"nudge\",\"version\":1,\"items\":[],\"items\":[]}"),
            "\"items\" is in the file twice"
        );
        let wrong_uuid = PERSON.replace("01a233d5-4bd3-740a-9cc3-581bc3e2d8f7", "p-1");
        assert_eq!(
            bad(&format!(
                "{{\"format\":\"nudge\",\"version\":1,\"people\":[{PERSON},{wrong_uuid}]}}"
            )),
            "people record 2: field `uuid`: \"p-1\" is not a UUID (like \
             01a233d5-4bd3-740a-9cc3-581bc3e2d8f7)"
        );
    }

    #[test]
    fn a_word_outside_its_set_is_named_with_its_field() {
        let text = "{\"format\":\"nudge\",\"version\":1,\"checkins\":[{\"uuid\":\"01a233d5-4bd3-740a-9cc3-581bc3e2d8f7\",\
             \"at\":\"x\",\"stress\":7,\"deadline_uuid\":null,\"note\":\"\",\"slowdown_secs\":0,\
             \"next_action\":\"\",\"created_at\":\"x\",\"updated_at\":\"x\"}]}";
        let mut file = open(text.as_bytes()).expect("the shape is checked record by record");
        let err = file.read_into(&mut Seen::default()).expect_err("bad");
        assert_eq!(err.0, "checkins record 1: field `stress`: 7 is not 1 to 5");
        let text = FAVOR.replace("gave", "lent");
        let text = format!("{{\"format\":\"nudge\",\"version\":1,\"favors\":[{text}]}}");
        let err = open(text.as_bytes())
            .and_then(|mut f| f.read_into(&mut Seen::default()))
            .expect_err("bad");
        assert!(
            err.0
                .starts_with("favors record 1: field `direction`: unknown variant `lent`"),
            "{err}"
        );
    }

    #[test]
    fn a_byte_that_is_not_utf8_is_named_wherever_it_falls() {
        let err = open(&[0x7b, 0xff, 0xfe, 0x00]).err().expect("bad");
        assert_eq!(err.0, "it is not UTF-8 text (byte 2 is not)");
        // A character split across two reads is whole; a bad one past the first read is found.
        let mut text = "{\"format\":\"nudge\",\"version\":1,\"people\":[],\"x\":\"".to_string();
        while text.len() < CHUNK - 1 {
            text.push('a');
        }
        text.push_str("é\"}");
        assert!(open(text.as_bytes()).is_ok());
        let mut bytes = text.into_bytes();
        // The last byte of the first read.
        let at = bytes.len() - 4;
        bytes[at] = 0xff;
        let err = open(&bytes).err().expect("bad");
        assert_eq!(
            err.0,
            format!("it is not UTF-8 text (byte {} is not)", at + 1)
        );
    }
}
