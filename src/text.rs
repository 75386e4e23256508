//! Text from the database drawn safely: control characters and escape sequences made inert, and
//! cut to a width by display columns (CJK and emoji count double).

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Text as it is drawn: what a terminal would act on replaced (C0/C1 controls, ESC starting every
/// escape sequence, DEL, the bidirectional overrides that can reorder a line), line breaks and
/// tabs (and the Unicode line and paragraph separators) as spaces, and what draws as nothing, or
/// differently in every terminal, left out: zero-width joiners and spaces, variation selectors,
/// skin-tone modifiers, tag characters, soft hyphens. What is left is as wide on every terminal
/// as `width` says, so columns and borders stay where they are.
pub fn inert(text: &str) -> Cow<'_, str> {
    if printable_ascii(text) {
        return Cow::Borrowed(text);
    }
    if !text
        .chars()
        .any(|c| needs_replacing(c) || draws_as_nothing(c) || is_separator(c))
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|c| !draws_as_nothing(*c))
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c if is_separator(c) => ' ',
                c if needs_replacing(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Characters of no width of their own whose effect (joining emoji, choosing a presentation)
/// terminals disagree about: drawn, they shift what follows by a column on some and not others.
pub fn draws_as_nothing(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{1F3FB}'..='\u{1F3FF}'
            | '\u{E0000}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

fn is_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{0085}')
}

/// `inert` for whole messages: the same, but line breaks and tabs are kept.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    let acts = |c: char| needs_replacing(c) && !matches!(c, '\n' | '\t');
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if acts(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

pub(crate) fn needs_replacing(c: char) -> bool {
    c.is_control()
        || is_separator(c)
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Display width in terminal columns, measured the way the screen is drawn: by grapheme cluster
/// (a letter with its accents, an emoji with its modifiers is one), each as wide as Unicode says,
/// a cluster holding a control drawing nothing, halfwidth katakana sound marks one column each.
pub fn width(text: &str) -> usize {
    // In ASCII every grapheme is one byte (CR LF aside, which is two controls and draws
    // nothing, as each of them alone): the column count is the count of what is not a control.
    if text.is_ascii() {
        return text.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    pieces(text)
        .map(|piece| match piece {
            Piece::Ascii(run) => run.len(),
            Piece::Cluster(cluster) => grapheme_width(cluster),
        })
        .sum()
}

/// A stretch of text as it is measured and drawn: printable ASCII that no later character joins
/// (a column a byte), or one grapheme cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Ascii(&'a str),
    Cluster(&'a str),
}

/// `text` in pieces: its runs of plain ASCII are not segmented, only what lies between them (a
/// quote mark or an arrow in an ASCII title costs one cluster, not the rest of the title).
pub fn pieces(text: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let head = ascii_head(rest);
        let (piece, after) = if head > 0 {
            let (run, after) = rest.split_at(head);
            (Piece::Ascii(run), after)
        } else {
            // A cluster ends on a boundary, and segmenting afresh from a boundary finds the
            // same boundaries after it.
            let alone =
                |c: char| stands_alone_before_ascii(c) && ends_a_cluster(&rest[c.len_utf8()..]);
            let cluster = match rest.chars().next() {
                Some(c) if alone(c) => &rest[..c.len_utf8()],
                _ => rest.graphemes(true).next().unwrap_or(rest),
            };
            (Piece::Cluster(cluster), &rest[cluster.len()..])
        };
        rest = after;
        Some(piece)
    })
}

/// How many bytes at the start are printable ASCII that no later character can join (the last
/// one before something else may start a cluster with it, as "e" with a combining accent):
/// one column each, measured without segmenting.
pub fn ascii_head(text: &str) -> usize {
    match text.bytes().position(|b| !(b' '..=b'~').contains(&b)) {
        Some(first_other) => first_other.saturating_sub(1),
        None => text.len(),
    }
}

/// Whether `c` followed by printable ASCII is a cluster by itself: true of the letters, marks and
/// symbols most text mixes into ASCII (Latin, Greek, Cyrillic, Hebrew; punctuation, arrows, box
/// drawing, shapes, dingbats), none of which joins what comes after it. (The characters that do
/// join a following one, Unicode's "Prepend", all lie outside these ranges.)
fn stands_alone_before_ascii(c: char) -> bool {
    matches!(c, '\u{a0}'..='\u{5ff}' | '\u{2000}'..='\u{2bff}')
}

/// Whether a character that stands alone ends its cluster before `after`: at the end, before
/// printable ASCII, or before another of those characters that joins nothing before it (an
/// arrow between two channel glyphs). What can join the one before it in those ranges (the
/// combining marks, Hebrew points, the zero-width joiners and marks for symbols) is left to
/// segmentation; so is everything else.
fn ends_a_cluster(after: &str) -> bool {
    match after.chars().next() {
        None => true,
        Some(next) if next.is_ascii() => (' '..='~').contains(&next),
        Some(next) => {
            stands_alone_before_ascii(next)
                && !matches!(
                    next,
                    '\u{300}'..='\u{36f}'
                        | '\u{483}'..='\u{489}'
                        | '\u{591}'..='\u{5c7}'
                        | '\u{200b}'..='\u{200f}'
                        | '\u{2028}'..='\u{202f}'
                        | '\u{2060}'..='\u{206f}'
                        | '\u{20d0}'..='\u{20ff}'
                )
        }
    }
}

/// Only letters, digits, punctuation and spaces of ASCII: one column per byte, nothing to make
/// inert. Most of what is drawn is this, and it needs no grapheme segmentation.
pub fn printable_ascii(text: &str) -> bool {
    ascii_head(text) == text.len()
}

/// The columns one grapheme cluster takes on screen (ratatui's rule, so the two never differ).
pub fn grapheme_width(grapheme: &str) -> usize {
    if grapheme.contains(char::is_control) {
        return 0;
    }
    let marks = grapheme
        .chars()
        .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
        .count();
    UnicodeWidthStr::width(grapheme) + marks
}

/// Cut `text` to at most `max` columns, ending in "…" when something was cut; never inside a
/// grapheme cluster.
pub fn fit(text: &str, max: usize) -> String {
    let mut out = String::new();
    fit_into(&mut out, text, max);
    out
}

/// `fit`, added to the end of `out` (a dashboard row keeps all its cells in one string).
pub fn fit_into(out: &mut String, text: &str, max: usize) {
    let text = inert(text);
    if max == 0 {
        if width(&text) == 0 {
            out.push_str(&text);
        }
        return;
    }
    // Walk only as far as the room: a long text costs what is shown, not its whole length. Its
    // plain ASCII is a column a byte.
    let mut used = 0;
    let mut at = 0;
    // Where the text is cut if it does not fit: after the last grapheme that leaves a column
    // for the ellipsis.
    let mut cut = 0;
    let cut_at = |out: &mut String, cut: usize| {
        out.push_str(&text[..cut]);
        out.push('…');
    };
    for piece in pieces(&text) {
        match piece {
            Piece::Ascii(run) => {
                if used + run.len() > max {
                    // Its bytes that leave a column free for the ellipsis stay.
                    if used < max {
                        cut = at + (max - 1 - used);
                    }
                    return cut_at(out, cut);
                }
                used += run.len();
                at += run.len();
                // All of the run leaves a column free, or all but its last byte.
                cut = if used < max { at } else { at - 1 };
            }
            Piece::Cluster(cluster) => {
                let w = grapheme_width(cluster);
                if used + w > max {
                    return cut_at(out, cut);
                }
                used += w;
                at += cluster.len();
                if used < max {
                    cut = at;
                }
            }
        }
    }
    out.push_str(&text);
}

/// Wrap `text` at spaces to lines of at most `columns`; lines after the first keep the first
/// line's indent, so an indented block (a draft, a list) stays indented. A word longer than a
/// line is broken where it must be.
pub fn wrap_hanging(text: &str, columns: usize) -> Vec<String> {
    let indent: String = text.chars().take_while(|c| *c == ' ').collect();
    let indent = if width(&indent) * 2 > columns {
        String::new()
    } else {
        indent
    };
    let indent_width = width(&indent);
    let mut lines = Vec::new();
    let mut line = indent.clone();
    let mut used = indent_width;
    let mut has_words = false;
    for word in text.trim_start_matches(' ').split(' ') {
        if has_words && used + 1 + width(word) > columns {
            lines.push(std::mem::replace(&mut line, indent.clone()));
            used = indent_width;
            has_words = false;
        }
        if has_words {
            line.push(' ');
            used += 1;
        }
        for grapheme in word.graphemes(true) {
            let w = grapheme_width(grapheme);
            if used + w > columns && used > indent_width {
                lines.push(std::mem::replace(&mut line, indent.clone()));
                used = indent_width;
            }
            line.push_str(grapheme);
            used += w;
        }
        has_words = true;
    }
    lines.push(line);
    lines
}

/// `fit`, then padded with spaces to exactly `columns`.
pub fn pad(text: &str, columns: usize) -> String {
    let mut out = fit(text, columns);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(w)));
    out
}

/// The ASCII stand-in for a symbol nudge draws, one column for one column, so the layout holds:
/// channel glyphs, arrows, marks, bars, sparkline steps, box drawing and typographic
/// punctuation. Letters of any script are not symbols and have none.
pub fn ascii_symbol(c: char) -> Option<char> {
    Some(match c {
        '✉' => '@',
        '⌨' => '#',
        '☎' => 'T',
        '☺' => 'W',
        '→' | '▶' | '▸' | '►' => '>',
        '←' => '<',
        '⚠' => '!',
        '✓' => 'v',
        '×' => 'x',
        '⏎' => '~',
        '·' => '-',
        '—' | '–' => '-',
        '…' => '.',
        '“' | '”' => '"',
        '‘' | '’' => '\'',
        '█' | '▇' => '#',
        '▆' | '▅' => '4',
        '▄' => '3',
        '▃' | '▂' => '2',
        '▁' => '1',
        '░' => '.',
        '─' | '━' | '═' => '-',
        '│' | '┃' | '║' => '|',
        '╭' | '╮' | '╰' | '╯' | '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' => {
            '+'
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_the_indent_and_the_width() {
        assert_eq!(
            wrap_hanging("  one two three four", 10),
            vec!["  one two", "  three", "  four"]
        );
        assert_eq!(wrap_hanging("short", 10), vec!["short"]);
        assert_eq!(wrap_hanging("", 10), vec![""]);
        assert_eq!(wrap_hanging("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(
            wrap_hanging("  日本語のテキスト", 8),
            vec!["  日本語", "  のテキ", "  スト"]
        );
        for width in 1..30 {
            for line in wrap_hanging(
                "  The homepage refresh is blocked on logos, and so on",
                width,
            ) {
                assert!(self::width(&line) <= width.max(1), "{line:?} at {width}");
            }
        }
    }

    #[test]
    fn messages_keep_their_lines_but_lose_escapes() {
        assert_eq!(terminal_safe("a\n\tb"), "a\n\tb");
        assert_eq!(terminal_safe("x\u{1b}]0;t\u{7}"), "x\u{FFFD}]0;t\u{FFFD}");
    }

    #[test]
    fn escapes_are_made_inert() {
        assert_eq!(inert("plain"), "plain");
        assert_eq!(inert("a\u{1b}[31mred"), "a\u{FFFD}[31mred");
        assert_eq!(inert("two\nlines\u{7}"), "two lines\u{FFFD}");
        assert_eq!(inert("\u{202E}abc"), "\u{FFFD}abc");
        assert_eq!(inert("\u{9b}2J"), "\u{FFFD}2J");
    }

    #[test]
    fn fitting_counts_columns() {
        assert_eq!(fit("hello", 10), "hello");
        assert_eq!(fit("hello world", 8), "hello w…");
        assert_eq!(fit("日本語のテキスト", 7), "日本語…");
        assert_eq!(width(&fit("日本語のテキスト", 7)), 7);
        assert_eq!(fit("🎉🎉🎉", 4), "🎉…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("abc", 1), "…");
        assert_eq!(pad("日本", 6), "日本  ");
    }
}

pub fn to_json<T: serde::Serialize + ?Sized>(
    value: &T,
    pretty: bool,
) -> serde_json::Result<String> {
    let mut out = Vec::new();
    if pretty {
        let mut ser = serde_json::Serializer::with_formatter(
            &mut out,
            Escaping(serde_json::ser::PrettyFormatter::new()),
        );
        value.serialize(&mut ser)?;
    } else {
        write_json(&mut out, value).map_err(<serde_json::Error as serde::ser::Error>::custom)?;
    }
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// `to_json` on one line, appended to `out` (an export writes millions of records).
pub fn write_json<T: serde::Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
) -> Result<(), crate::compact_json::Error> {
    crate::compact_json::write(out, value)
}

/// `write_json` through serde_json: what `compact_json` must write, byte for byte.
#[cfg(test)]
pub(crate) fn write_json_with_serde_json<W: std::io::Write, T: serde::Serialize + ?Sized>(
    out: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser =
        serde_json::Serializer::with_formatter(out, Escaping(serde_json::ser::CompactFormatter));
    value.serialize(&mut ser)
}

/// A formatter that escapes what `needs_replacing` names inside strings, and otherwise writes as
/// the one it wraps.
struct Escaping<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // ASCII below DEL needs nothing here (serde_json escapes its controls itself): most text
        // is only that, told by the largest byte, which the compiler finds many bytes at a time
        // (one pass, where `is_ascii` then a search for DEL were two).
        if fragment.bytes().fold(0, u8::max) < 0x7f {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if c >= '\u{7f}' && needs_replacing(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Strings matching a regular expression, parsed once. proptest reads a pattern given as a bare
/// `&str` again for every value it draws, which was 96 % of the parser tests' time.
#[cfg(test)]
pub(crate) fn pattern(regex: &str) -> proptest::string::RegexGeneratorStrategy<String> {
    proptest::string::string_regex(regex).expect("a valid pattern")
}

/// Text for property tests that mixes, a character at a time and in equal measure, plain ASCII,
/// the letters and symbols most often mixed into it, the characters that join others into one
/// cluster (accents, joiners, selectors, a prefix mark, flags' halves, Hangul jamo, an Indic
/// virama), wide ones, controls, and anything at all. (One regex class for all of them would be
/// merged into one big class, in which the few that matter are almost never drawn.)
#[cfg(test)]
pub(crate) fn mixed_text(most: usize) -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    const JOINING: &[char] = &[
        '\u{300}',
        '\u{301}',
        '\u{200d}',
        '\u{fe0f}',
        '\u{600}',
        '\u{6dd}',
        '\u{1f1e6}',
        '\u{1f1ea}',
        '\u{1100}',
        '\u{1161}',
        '\u{11a8}',
        '\u{ac00}',
        '\u{1f600}',
        '\u{1f44d}',
        '\u{1f3fb}',
        '\u{4e00}',
        '\u{ff76}',
        '\u{ff9e}',
        '\r',
        '\n',
        '\t',
        '\u{1b}',
        '\u{7f}',
        '\u{a0}',
        '\u{915}',
        '\u{94d}',
        '\u{937}',
        '\u{200b}',
        '\u{202e}',
        '\u{20d7}',
        '\u{5b4}',
        '\u{489}',
        'e',
    ];
    let one = prop_oneof![
        pattern("[a-e ~]"),
        pattern("[ -~]"),
        pattern("[\u{a0}-\u{5ff}]"),
        pattern("[\u{2000}-\u{2bff}]"),
        proptest::sample::select(JOINING).prop_map(String::from),
        pattern("\\PC"),
    ];
    proptest::collection::vec(one, 0..=most).prop_map(|chars| chars.concat())
}

/// The ASCII shortcuts give what the general path gives.
#[cfg(test)]
mod ascii_tests {
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn width_by_graphemes(text: &str) -> usize {
        text.graphemes(true).map(super::grapheme_width).sum()
    }

    /// `fit` as it was first written: measure the whole text, then cut.
    fn fit_by_measuring_first(text: &str, max: usize) -> String {
        let text = super::inert(text);
        if super::width(&text) <= max {
            return text.into_owned();
        }
        if max == 0 {
            return String::new();
        }
        let mut out = String::new();
        let mut used = 0;
        for grapheme in text.graphemes(true) {
            let w = super::grapheme_width(grapheme);
            if used + w > max - 1 {
                break;
            }
            out.push_str(grapheme);
            used += w;
        }
        out.push('…');
        out
    }

    fn pieces_as_graphemes(text: &str) -> Vec<&str> {
        super::pieces(text)
            .flat_map(|piece| match piece {
                super::Piece::Ascii(run) => (0..run.len()).map(|i| &run[i..i + 1]).collect(),
                super::Piece::Cluster(cluster) => vec![cluster],
            })
            .collect()
    }

    /// Every character of the ranges that stand alone, after each of a few that start a
    /// cluster there (and before one): split where segmentation splits.
    #[test]
    fn characters_that_stand_alone_split_from_their_neighbours_as_graphemes_do() {
        let ranges = ('\u{a0}'..='\u{5ff}').chain('\u{2000}'..='\u{2bff}');
        let starts = [
            '→', '☎', 'é', '·', 'ש', '\u{300}', '\u{200d}', '\u{2063}', '\u{20d7}',
        ];
        for next in ranges {
            for start in starts {
                for text in [format!("{start}{next}"), format!("{start}{next}{start}")] {
                    let theirs: Vec<&str> = text.graphemes(true).collect();
                    assert_eq!(pieces_as_graphemes(&text), theirs, "{text:?}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn fit_walks_no_further_than_the_room_and_cuts_the_same(
            text in super::mixed_text(30),
            max in 0usize..35,
        ) {
            prop_assert_eq!(super::fit(&text, max), fit_by_measuring_first(&text, max));
        }

        /// Pieces are grapheme clusters, a byte each in the ASCII runs: the same boundaries as
        /// segmenting the whole text, whatever the mix.
        #[test]
        fn pieces_split_where_graphemes_do(
            text in super::mixed_text(30),
        ) {
            let theirs: Vec<&str> = text.graphemes(true).collect();
            prop_assert_eq!(pieces_as_graphemes(&text), theirs);
        }

        #[test]
        fn ascii_width_is_the_grapheme_width(text in "[\\x00-\\x7f]{0,40}") {
            prop_assert_eq!(super::width(&text), width_by_graphemes(&text));
        }

        /// An ASCII start measured a column a byte, then the rest by grapheme, gives the same
        /// width, even where an accent joins the last ASCII letter.
        #[test]
        fn a_mixed_width_is_the_grapheme_width(
            text in super::mixed_text(30),
        ) {
            prop_assert_eq!(super::width(&text), width_by_graphemes(&text));
        }

        #[test]
        fn printable_ascii_fits_as_any_text_does(text in "[ -~]{0,40}", max in 0usize..45) {
            // The general path, on the same text with one letter that is not ASCII after it,
            // cut back off: the letter makes `fit` take the grapheme path.
            let general = super::fit(&format!("{text}é"), max);
            let expected = if super::width(&text) <= max {
                text.clone()
            } else {
                general
            };
            prop_assert_eq!(super::fit(&text, max), expected);
            prop_assert!(super::width(&super::fit(&text, max)) <= max);
        }
    }
}

#[cfg(test)]
mod json_tests {
    #[test]
    fn json_escapes_every_control_and_bidi_override_and_reads_back_the_same() {
        let hostile = "a\u{1b}[2J\u{7f}\u{9b}\u{202e}b\n\"q\"";
        for pretty in [false, true] {
            let json = super::to_json(&vec![hostile], pretty).expect("json");
            assert!(
                !json
                    .chars()
                    .any(|c| super::needs_replacing(c) && c != '\n' && c != ' '),
                "{json:?}"
            );
            assert!(
                json.contains("\\u007f") && json.contains("\\u009b") && json.contains("\\u202e")
            );
            let back: Vec<String> = serde_json::from_str(&json).expect("reads back");
            assert_eq!(back, vec![hostile.to_string()]);
            // ASCII text with DEL in it, and plain ASCII (written as it is).
            assert_eq!(
                super::to_json("ab\u{7f}", pretty).expect("json"),
                "\"ab\\u007f\""
            );
            assert_eq!(super::to_json("ab c", pretty).expect("json"), "\"ab c\"");
        }
        assert_eq!(
            super::to_json(&serde_json::json!({"a": [1, 2]}), true).expect("json"),
            serde_json::to_string_pretty(&serde_json::json!({"a": [1, 2]})).expect("json")
        );
    }
}
