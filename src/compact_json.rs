//! JSON on one line, straight into a byte buffer: what serde_json's compact output with nudge's
//! escaping writes, byte for byte, for the export's millions of records. serde_json looks at a
//! string's bytes one at a time against its table, and then nudge's escaping looked at them
//! again; here one pass the compiler vectorizes tells a plain string (most are), which is copied
//! whole.

use std::fmt::Display;
use std::io::Write;

use serde::ser::{self, Serialize};

/// Why a value could not be written (only a map key that is not text: JSON has none).
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Append `value` as compact JSON to `out`.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Writer { out })
}

/// Append `text` as a JSON string: quotes, backslashes and controls escaped as serde_json
/// escapes them, and what `text::needs_replacing` names above ASCII as `\uXXXX`.
pub fn string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let bytes = text.as_bytes();
    let special = !plain(bytes);
    if special {
        escaped(out, text);
    } else {
        out.extend_from_slice(bytes);
    }
    out.push(b'"');
}

/// No byte below space, no quote or backslash, none at DEL or above: eight bytes at a time (the
/// usual tests for a byte in a word; a loop of byte tests does not vectorize for strings this
/// short), the last word overlapping the one before.
fn plain(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let special = |word: u64| {
        let zero_in = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
        let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
        // A byte at 0x7f becomes 0x80; one at 0x80 or above has its high bit already.
        let del_or_above = (word | word.wrapping_add(ONES)) & HIGH;
        below_space
            | zero_in(word ^ (ONES * u64::from(b'"')))
            | zero_in(word ^ (ONES * u64::from(b'\\')))
            | del_or_above
            != 0
    };
    if bytes.len() < 8 {
        return !bytes
            .iter()
            .any(|&b| b < 0x20 || b == b'"' || b == b'\\' || b >= 0x7f);
    }
    let word = |at: usize| {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(&bytes[at..at + 8]);
        u64::from_ne_bytes(eight)
    };
    let mut at = 0;
    while at + 8 <= bytes.len() {
        if special(word(at)) {
            return false;
        }
        at += 8;
    }
    at == bytes.len() || !special(word(bytes.len() - 8))
}

fn escaped(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut start = 0;
    for (at, c) in text.char_indices() {
        let short: &[u8] = match c {
            '"' => b"\\\"",
            '\\' => b"\\\\",
            '\u{8}' => b"\\b",
            '\t' => b"\\t",
            '\n' => b"\\n",
            '\u{c}' => b"\\f",
            '\r' => b"\\r",
            c if c < ' ' || (c >= '\u{7f}' && crate::text::needs_replacing(c)) => b"",
            _ => continue,
        };
        out.extend_from_slice(&text.as_bytes()[start..at]);
        start = at + c.len_utf8();
        if short.is_empty() {
            let code = u32::from(c);
            out.extend_from_slice(b"\\u");
            for shift in [12, 8, 4, 0] {
                out.push(HEX[((code >> shift) & 0xf) as usize]);
            }
        } else {
            out.extend_from_slice(short);
        }
    }
    out.extend_from_slice(&text.as_bytes()[start..]);
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

impl Writer<'_> {
    fn number(&mut self, n: impl Display) -> Result<(), Error> {
        // Writing to a Vec cannot fail.
        let _ = write!(self.out, "{n}");
        Ok(())
    }

    /// A float in serde_json's own text (the shortest that reads back the same); what is not
    /// finite is null there.
    fn float(
        &mut self,
        finite: bool,
        write: impl FnOnce(&mut serde_json::ser::CompactFormatter, &mut Vec<u8>) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        if finite {
            // Writing to a Vec cannot fail.
            let _ = write(&mut serde_json::ser::CompactFormatter, self.out);
        } else {
            self.out.extend_from_slice(b"null");
        }
        Ok(())
    }

    /// `{"variant":` before a variant's value (closed by the caller's closing bytes).
    fn variant(&mut self, variant: &str) {
        self.out.push(b'{');
        string(self.out, variant);
        self.out.push(b':');
    }
}

/// Start a list or object: `opening` now, `closing` at its end.
fn open<'w, 'a>(
    writer: &'w mut Writer<'a>,
    opening: &'static [u8],
    closing: &'static [u8],
) -> Compound<'w, 'a> {
    writer.out.extend_from_slice(opening);
    Compound {
        writer,
        first: true,
        closing,
    }
}

/// A list, object or variant being written: a comma before every element but the first.
struct Compound<'w, 'a> {
    writer: &'w mut Writer<'a>,
    first: bool,
    closing: &'static [u8],
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.writer.out.push(b',');
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.writer)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.comma();
        string(self.writer.out, key);
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }

    fn close(self) -> Result<(), Error> {
        self.writer.out.extend_from_slice(self.closing);
        Ok(())
    }
}

/// Integers as Rust writes them (which is how JSON writes them).
macro_rules! numbers {
    ($($method:ident: $type:ty),*) => {$(
        fn $method(self, v: $type) -> Result<(), Error> {
            self.number(v)
        }
    )*};
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    numbers!(
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128
    );
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        use serde_json::ser::Formatter;
        self.float(v.is_finite(), |f, out| f.write_f32(out, v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        use serde_json::ser::Formatter;
        self.float(v.is_finite(), |f, out| f.write_f64(out, v))
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        string(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        string(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut list = open(self, b"[", b"]");
        for b in v {
            ser::SerializeSeq::serialize_element(&mut list, b)?;
        }
        list.close()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        Ok(open(self, b"[", b"]"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'w, 'a>, Error> {
        Ok(open(self, b"[", b"]"))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'w, 'a>, Error> {
        Ok(open(self, b"[", b"]"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        self.variant(variant);
        Ok(open(self, b"[", b"]}"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        Ok(open(self, b"{", b"}"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'w, 'a>, Error> {
        Ok(open(self, b"{", b"}"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        self.variant(variant);
        Ok(open(self, b"{", b"}}"))
    }
}

/// serde's four kinds of list, each a list of elements here: `$method` is what serde calls
/// each element.
macro_rules! list {
    ($($kind:ident :: $method:ident),*) => {$(
        impl ser::$kind for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}

list!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        let at = self.writer.out.len();
        key.serialize(&mut *self.writer)?;
        if self.writer.out.get(at) != Some(&b'"') {
            return Err(Error("a map key that is not text".into()));
        }
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// serde's two kinds of struct, each an object of named fields here.
macro_rules! object {
    ($($kind:ident),*) => {$(
        impl ser::$kind for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}

object!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// What serde_json writes with nudge's escaping: the contract this writer keeps.
    fn serde_json_text<T: serde::Serialize>(value: &T) -> String {
        let mut out = Vec::new();
        crate::text::write_json_with_serde_json(&mut out, value).expect("serde_json");
        String::from_utf8(out).expect("utf-8")
    }

    fn ours<T: serde::Serialize>(value: &T) -> String {
        let mut out = Vec::new();
        super::write(&mut out, value).expect("writes");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn every_shape_is_written_as_serde_json_writes_it() {
        #[derive(serde::Serialize)]
        enum Shape {
            Unit,
            Newtype(i32),
            Tuple(u8, String),
            Struct { a: Option<bool>, b: f64 },
        }
        #[derive(serde::Serialize)]
        struct All {
            text: String,
            none: Option<String>,
            list: Vec<Shape>,
            pair: (i64, char),
            bytes: serde_bytes_like::Bytes,
            value: serde_json::Value,
            floats: Vec<f64>,
            small: Vec<f32>,
        }
        mod serde_bytes_like {
            pub struct Bytes(pub Vec<u8>);
            impl serde::Serialize for Bytes {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.serialize_bytes(&self.0)
                }
            }
        }
        let all = All {
            text: "plain".into(),
            none: None,
            list: vec![
                Shape::Unit,
                Shape::Newtype(-3),
                Shape::Tuple(7, "t\"q".into()),
                Shape::Struct {
                    a: Some(true),
                    b: 0.1,
                },
            ],
            pair: (i64::MIN, '\u{202e}'),
            bytes: serde_bytes_like::Bytes(vec![0, 255]),
            value: serde_json::json!({"k": [1, 2.5, null, "v\n"], "e": {}}),
            floats: vec![1e300, -0.0, 3.0, f64::NAN, f64::INFINITY],
            small: vec![0.1, f32::MAX, f32::NEG_INFINITY],
        };
        assert_eq!(ours(&all), serde_json_text(&all));
    }

    #[test]
    fn plain_is_the_byte_by_byte_test_for_every_byte_at_every_place() {
        let simple = |bytes: &[u8]| {
            bytes
                .iter()
                .all(|&b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
        };
        for len in 0..=24 {
            for at in 0..len {
                for byte in 0..=255u8 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    assert_eq!(
                        super::plain(&bytes),
                        simple(&bytes),
                        "{byte:#04x} at {at} of {len}"
                    );
                }
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_is_escaped_as_serde_json_escapes_it(text in "\\PC*|[\\x00-\\x7f\\u{80}-\\u{a0}\\u{2028}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}\\u{200e}\\u{61c}\"\\\\]{0,40}") {
            prop_assert_eq!(ours(&text), serde_json_text(&text));
        }
    }
}
