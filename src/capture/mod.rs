//! The one-line capture grammar:
//! `@dana customer quotes by fri ~call #casestudy for 12 why: launch deck needs proof points`.
//! `+tag` is read like `#tag`, for shells that take `#` as the start of a comment.
//!
//! Pure: dates are read relative to the `now` passed in. Anything that looks meant as a date but
//! cannot be read is an error that quotes the words; nothing is guessed.

mod reading;
mod tokens;

/// A line split into words, quoted text kept together (for lines of flags, too).
pub use tokens::tokenize as tokenize_line;

use std::fmt;

use crate::domain::Channel;
use crate::domain::channel::CHANNEL_WORDS;
use crate::when::{self, Moment, WorkWeek};
use reading::{Reading, Took};
use tokens::{Token, tokenize};

/// The piece a critique is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// One of my deadlines, by id.
    Deadline(i64),
    /// Free text ("Q4 launch deck").
    Named(String),
}

/// What one line said. Every part is optional here; each command decides what it needs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Capture {
    pub person: Option<String>,
    pub title: String,
    /// `by` / `due`: the need-by of an ask, the due time of a deadline.
    pub due: Option<Moment>,
    /// `check`: the first check-back.
    pub check: Option<Moment>,
    pub channel: Option<Channel>,
    pub tags: Vec<String>,
    /// `for ID`: the deadline an ask feeds.
    pub deadline: Option<i64>,
    /// `on ID` / `on "piece"` (critiques).
    pub on: Option<Piece>,
    pub why: Option<String>,
    /// `<dana@acme.com>`: an address of the person, kept on them (asks and edits).
    pub email: Option<String>,
}

/// Which line is being read: the grammar differs a little, and so do the examples in errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grammar {
    Ask,
    Deadline,
    Critique,
    Favor,
    /// `edit`: any part, all optional.
    Edit,
}

impl Grammar {
    pub fn example(self) -> &'static str {
        match self {
            Grammar::Ask | Grammar::Edit => {
                "@dana customer quotes by fri ~call #casestudy why: launch deck needs proof points"
            }
            Grammar::Deadline => "Q4 launch deck due fri 3pm #launch",
            Grammar::Critique => "@sam \"deck is too wordy\" on \"Q4 launch deck\"",
            Grammar::Favor => "@sam reviewed my pricing page",
        }
    }

    fn reads_on(self) -> bool {
        matches!(self, Grammar::Critique)
    }

    fn reads_email(self) -> bool {
        matches!(self, Grammar::Ask | Grammar::Edit)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureError {
    pub message: String,
    /// The words that could not be read, as typed.
    pub unread: Vec<String>,
    pub grammar: Grammar,
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n  e.g. {}", self.message, self.grammar.example())
    }
}

impl std::error::Error for CaptureError {}

/// A line's words before `why:`, and the objective after it (quotes keep words together, as in
/// a capture).
pub fn split_why(line: &str) -> (String, Option<String>) {
    match tokenize(line) {
        Ok((tokens, why)) => (
            tokens
                .into_iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" "),
            why,
        ),
        // An unclosed quote: the words as they are.
        Err(_) => (line.trim().to_string(), None),
    }
}

/// Read one capture line.
pub fn parse(
    line: &str,
    grammar: Grammar,
    now: &Moment,
    week: &WorkWeek,
) -> Result<Capture, CaptureError> {
    let (tokens, why) = tokenize(line).map_err(|open| CaptureError {
        message: open.to_string(),
        unread: Vec::new(),
        grammar,
    })?;
    let mut reading = Reading {
        tokens: &tokens,
        grammar,
        now,
        week,
        capture: Capture {
            why,
            ..Capture::default()
        },
    };
    let mut title: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match reading.word(i)? {
            Took::Words(used) => i += used,
            Took::Title => {
                title.push(tokens[i].text.clone());
                i += 1;
            }
        }
    }
    let mut capture = reading.capture;
    capture.title = title.join(" ").trim().to_string();
    capture.tags = crate::domain::words::distinct(std::mem::take(&mut capture.tags));
    Ok(capture)
}

pub(crate) enum DateRead {
    Found(usize, Moment),
    Failed(Vec<String>, when::WhenError),
    NotADate,
}

/// The longest run of words from `start` that reads as one date. A run that fails is an error
/// only when its first word looks meant as a date (a date word, a number, or a near-miss like
/// "fir"); otherwise the keyword was an ordinary word of the title ("stories by vertical").
pub(crate) fn read_date(tokens: &[Token], start: usize, now: &Moment, week: &WorkWeek) -> DateRead {
    let words: Vec<String> = tokens[start..]
        .iter()
        .take_while(|t| !t.quoted && !t.text.starts_with(['@', '#', '~']))
        .take(6)
        .map(|t| when::normalize(&t.text))
        .collect();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    // A longer run that failed for a reason ("tue 7 dec": 7 Dec is a Monday; "fri 3pm 4pm": two
    // times), made only of date-like words, was meant whole: its error, not a shorter reading
    // with the rest left in the title.
    let mut meant_whole: Option<(usize, when::WhenError)> = None;
    for len in (1..=refs.len()).rev() {
        match when::parse_words(&refs[..len], now, week) {
            Err(error) if error.reason.is_some() && meant_whole.is_none() => {
                meant_whole = Some((len, error));
                continue;
            }
            Err(_) => continue,
            Ok(_) => {}
        }
        if let Some((whole, error)) = meant_whole.take()
            && refs[len..whole].iter().all(|w| {
                looks_like_a_date(w)
                    || TIME_WORDS.contains(w)
                    || matches!(*w, "week" | "weeks" | "day" | "days" | "at" | "am" | "pm")
            })
        {
            let words = refs[..whole].iter().map(|w| w.to_string()).collect();
            return DateRead::Failed(words, error);
        }
        if let Ok(moment) = when::parse_words(&refs[..len], now, week) {
            // "tomorrow 25:00" must not become tomorrow with "25:00" in the title.
            if let Some(next) = refs.get(len)
                && looks_like_a_clock(next)
                && let Err(error) = when::parse_words(&refs[..=len], now, week)
            {
                let words = refs[..=len].iter().map(|w| w.to_string()).collect();
                return DateRead::Failed(words, error);
            }
            // "3 days ago" must not become in 3 days with "ago" in the title.
            if refs.get(len) == Some(&"ago") {
                let words = refs[..=len].iter().map(|w| w.to_string()).collect();
                let error = when::parse_words(&refs[..=len], now, week)
                    .err()
                    .unwrap_or_else(|| when::WhenError {
                        unread: "ago".into(),
                        reason: None,
                    });
                return DateRead::Failed(words, error);
            }
            return DateRead::Found(len, moment);
        }
    }
    let Some(first) = refs.first() else {
        return DateRead::NotADate;
    };
    if !looks_like_a_date(first) && !looks_like_a_time_phrase(&refs) {
        return DateRead::NotADate;
    }
    // Quote as much as was plausibly meant as the date: up to the first word that read alone
    // would fail for a reason other than being a plain word.
    let error = when::parse_words(&refs[..1], now, week)
        .err()
        .unwrap_or_else(|| when::WhenError {
            unread: first.to_string(),
            reason: None,
        });
    let meant: Vec<String> = refs
        .iter()
        .take_while(|w| looks_like_a_date(w) || matches!(**w, "at" | "am" | "pm"))
        .map(|w| w.to_string())
        .collect();
    let meant = if meant.is_empty() {
        vec![first.to_string()]
    } else {
        meant
    };
    DateRead::Failed(meant, error)
}

/// Words that say when but that nudge cannot schedule ("someday", "soon", "end of month"): after
/// `by`, `due` or `check` they are an error, never quietly part of the title.
const TIME_WORDS: [&str; 24] = [
    "someday",
    "sometime",
    "soon",
    "soonish",
    "asap",
    "later",
    "eventually",
    "whenever",
    "anytime",
    "tbd",
    "tba",
    "eom",
    "eoy",
    "eoq",
    "weekend",
    "morning",
    "afternoon",
    "evening",
    "midnight",
    "month",
    "year",
    "quarter",
    "never",
    "now",
];

/// "someday", or a phrase that starts like one ("end of month", "this evening", "the 7th").
fn looks_like_a_time_phrase(words: &[&str]) -> bool {
    let timely = |w: &str| TIME_WORDS.contains(&w) || looks_like_a_date(w);
    match words {
        [first, ..] if TIME_WORDS.contains(first) => true,
        ["end" | "start" | "beginning", "of", ..] => true,
        [
            "this" | "the" | "early" | "late" | "mid" | "first" | "last",
            next,
            ..,
        ] => timely(next),
        _ => false,
    }
}

/// "25:00", "3pmm": a word that starts like a number but is not one.
fn looks_like_a_clock(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit()) && !word.bytes().all(|b| b.is_ascii_digit())
}

fn looks_like_a_date(word: &str) -> bool {
    const SHORT: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    const LONG: [&str; 21] = [
        "today",
        "yesterday",
        "tonight",
        "tomorrow",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "august",
        "september",
        "october",
        "november",
        "december",
        "midday",
    ];
    if when::is_date_word(word) || word == "in" {
        return true;
    }
    // Typos: "fir" (letters swapped) or "tomorow" (one letter off); short words only by swaps,
    // so that "the" is not taken for "tue".
    let swapped = |target: &&str| {
        let (mut a, mut b): (Vec<char>, Vec<char>) =
            (word.chars().collect(), target.chars().collect());
        a.sort_unstable();
        b.sort_unstable();
        a == b && near_miss(word, target)
    };
    SHORT.iter().any(swapped)
        || (word.chars().count() >= 4 && LONG.iter().any(|k| near_miss(word, k)))
}

/// Within one typo (a letter added, dropped, changed, or two swapped) of `target`.
fn near_miss(word: &str, target: &str) -> bool {
    strsim::osa_distance(word, target) <= 1
}

pub(crate) fn item_id(token: &Token) -> Option<i64> {
    let text = token.text.strip_prefix('#').unwrap_or(&token.text);
    if text.is_empty() || text.len() > 12 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

pub(crate) fn trim_punctuation(text: &str) -> &str {
    text.trim_end_matches([',', '.', ';', ':', '!', '?', ')'])
}

/// Letters, digits, `.`, `-`, `_`, `'`, and single spaces between words (`@"Marcus Reid"`).
pub(crate) fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name == name.trim()
        && !name.contains("  ")
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '\'' | ' '))
}

/// Rebuild a capture line from shell arguments: an argument with spaces in it was quoted on the
/// command line, so it stays one piece of text ("deck is too wordy").
pub fn line_from_args(args: &[String]) -> String {
    // One string, written piece by piece: an ask typed with thousands of words makes no string
    // per word.
    let mut line = String::with_capacity(args.iter().map(|a| a.len() + 3).sum());
    let mut after_why = false;
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        let plain = arg.trim();
        // Everything after `why:` is the objective, taken as written.
        after_why = after_why
            || plain
                .get(..4)
                .is_some_and(|w| w.eq_ignore_ascii_case("why:"));
        // A name the shell kept whole (`@"Marcus Reid"` typed in the shell arrives as
        // `@Marcus Reid`) is a name in quotes; one still in its quotes stays as it is.
        if !after_why && let Some(name) = plain.strip_prefix('@') {
            let quoted = name.len() >= 2 && name.starts_with('"') && name.ends_with('"');
            if quoted || !name.contains(char::is_whitespace) || name.contains('"') {
                line.push_str(plain);
            } else {
                line.push_str("@\"");
                line.push_str(name);
                line.push('"');
            }
            continue;
        }
        // An argument the shell kept whole stays one piece of literal text; a quote mark in
        // it is doubled, so it stays a character rather than opening or closing a quote.
        if !after_why && (plain.contains(char::is_whitespace) || plain.contains(['"', '“'])) {
            line.push('"');
            line.push_str(&plain.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(plain);
        }
    }
    line
}

#[cfg(test)]
mod tests;
