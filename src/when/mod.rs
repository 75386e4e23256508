//! Natural dates (`fri 3pm`, `in 3 days`, `dec 3`) read relative to a given `now`.
//!
//! Pure: the clock and the time zone come in through `now`. A date without a time means the end
//! of the workday; a time without a date means its next occurrence.

mod json;
mod words;
mod workweek;
mod zone;

use std::fmt;

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone};
pub use json::{rfc3339, rfc3339_maybe, stamp, stamp_into, stamp_into_spanned};
pub use words::is_date_word;
use words::{date_at, exact_offset_at, time_at};
pub use workweek::{WorkWeek, hm, weekday_index};
pub use zone::{Zone, ZoneOffset};

/// A moment in the user's zone.
pub type Moment = DateTime<Zone>;

/// The forms a user can type, shown in every date error.
pub const EXAMPLES: &str = "today, tonight, tomorrow 3pm, fri, next week, eod, eow, noon, \
in 3 days, 3d, 2w, 4h, dec 3, 3 dec, 2026-12-03 9:30am";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhenError {
    /// The words that could not be read, as typed (lower-cased).
    pub unread: String,
    /// Why, when it is more than "not a date".
    pub reason: Option<String>,
}

impl WhenError {
    fn unread(word: &str) -> Self {
        WhenError {
            unread: word.to_string(),
            reason: None,
        }
    }
    fn because(word: &str, reason: impl Into<String>) -> Self {
        WhenError {
            unread: word.to_string(),
            reason: Some(reason.into()),
        }
    }
}

impl fmt::Display for WhenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.reason {
            Some(reason) => write!(f, "{reason}")?,
            None if self.unread.is_empty() => write!(f, "no date given")?,
            None => write!(f, "could not read \"{}\" as a date or time", self.unread)?,
        }
        write!(f, " — try: {EXAMPLES}")
    }
}

impl std::error::Error for WhenError {}

/// The times nudge can store and write back in any zone (RFC 3339 has four-digit years; a day's
/// margin keeps every offset inside them): 0001-01-02 to 9999-12-30, UTC.
const EARLIEST_WRITABLE: i64 = -62_135_596_800 + 86_400;
const LATEST_WRITABLE: i64 = 253_402_300_799 - 86_400;

/// Whether a moment (in seconds since 1970) is one nudge can write back, in any zone.
pub fn writable(seconds: i64) -> bool {
    (EARLIEST_WRITABLE..=LATEST_WRITABLE).contains(&seconds)
}

/// A time stored as seconds since 1970, in `zone`; None for seconds no calendar holds.
pub fn from_seconds(zone: &Zone, seconds: i64) -> Option<Moment> {
    let utc = DateTime::<chrono::Utc>::from_timestamp(seconds, 0)?;
    Some(zone.from_utc_datetime(&utc.naive_utc()))
}

/// Why a time cannot be taken.
pub const NOT_WRITABLE: &str = "is outside the years nudge can write back (0001 to 9999)";

/// Read a whole string as one moment.
pub fn parse(text: &str, now: &Moment, week: &WorkWeek) -> Result<Moment, WhenError> {
    let words: Vec<String> = text.split_whitespace().map(normalize).collect();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    parse_words(&refs, now, week)
}

/// Lower-case a word and drop a trailing comma or full stop ("fri," "dec 3.").
pub fn normalize(word: &str) -> String {
    word.trim_end_matches([',', '.']).to_lowercase()
}

/// Read normalized words as one moment; every word must be used.
pub fn parse_words(words: &[&str], now: &Moment, week: &WorkWeek) -> Result<Moment, WhenError> {
    let mut date: Option<(NaiveDate, NaiveTime)> = None;
    let mut date_words = String::new();
    let mut time: Option<NaiveTime> = None;
    let mut exact: Option<Moment> = None;
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        if word == "at" && i + 1 < words.len() {
            i += 1;
            continue;
        }
        if word == "eod" && date.is_some() {
            set_once(&mut time, week.end_of_day, word)?;
            i += 1;
            continue;
        }
        if let Some((used, found)) = time_at(words, i, week)? {
            set_once(&mut time, found, &words[i..i + used].join(" "))?;
            i += used;
            continue;
        }
        if let Some((used, found)) = date_at(words, i, now, week)? {
            let said = words[i..i + used].join(" ");
            if date.is_some() || exact.is_some() {
                return Err(two_dates(&date_words, &said));
            }
            date = Some(found);
            date_words = said;
            i += used;
            continue;
        }
        if let Some((used, found)) = exact_offset_at(words, i, now)? {
            let said = words[i..i + used].join(" ");
            if date.is_some() || exact.is_some() {
                return Err(two_dates(&date_words, &said));
            }
            exact = Some(found);
            date_words = said;
            i += used;
            continue;
        }
        if matches!(word, "yesterday" | "ago") {
            let said = if word == "ago" {
                words[..=i].join(" ")
            } else {
                word.to_string()
            };
            return Err(WhenError::because(
                word,
                format!(
                    "\"{said}\" is in the past; nudge schedules what comes next, e.g. today 5pm \
                     or tomorrow"
                ),
            ));
        }
        return Err(WhenError::unread(word));
    }
    settle(
        words,
        now,
        date,
        time,
        exact.map(|moment| (moment, date_words)),
    )
}

/// The moment the words read as: an exact one ("in 3h", no clock time allowed with it), or a
/// day at its time (a time alone is its next occurrence).
fn settle(
    words: &[&str],
    now: &Moment,
    date: Option<(NaiveDate, NaiveTime)>,
    time: Option<NaiveTime>,
    exact: Option<(Moment, String)>,
) -> Result<Moment, WhenError> {
    if let Some((moment, date_words)) = exact {
        if time.is_some() {
            return Err(WhenError::because(
                &date_words,
                format!("\"{date_words}\" is already an exact time; drop the clock time"),
            ));
        }
        return Ok(moment);
    }
    let zone = now.timezone();
    let moment = match (date, time) {
        (Some((day, default_time)), time) => local(&zone, day, time.unwrap_or(default_time)),
        (None, Some(time)) => {
            let today = now.date_naive();
            let moment = local(&zone, today, time);
            if moment > *now {
                moment
            } else {
                local(&zone, workweek::next_day(today), time)
            }
        }
        (None, None) => return Err(WhenError::unread("")),
    };
    if !writable(moment.timestamp()) {
        let said = words.join(" ");
        return Err(WhenError::because(
            &said,
            format!("\"{said}\" {NOT_WRITABLE}"),
        ));
    }
    Ok(moment)
}

/// A word that is a clock time on its own ("9am", "15:30", "noon"), for lines that carry a time
/// outside the date grammar.
pub fn clock_time(word: &str, week: &WorkWeek) -> Option<NaiveTime> {
    match time_at(&[word], 0, week) {
        Ok(Some((1, time))) => Some(time),
        _ => None,
    }
}

fn set_once(slot: &mut Option<NaiveTime>, value: NaiveTime, said: &str) -> Result<(), WhenError> {
    if slot.is_some() {
        return Err(WhenError::because(
            said,
            format!("two clock times; \"{said}\" is the second"),
        ));
    }
    *slot = Some(value);
    Ok(())
}

fn two_dates(first: &str, second: &str) -> WhenError {
    WhenError::because(
        second,
        format!("two dates: \"{first}\" and \"{second}\"; keep one"),
    )
}

/// The moment a local date and time name in `zone`: the earlier one when clocks go back, and the
/// first valid minute after a gap when clocks go forward.
pub fn local(zone: &Zone, date: NaiveDate, time: NaiveTime) -> Moment {
    let naive = date.and_time(time);
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(moment) => moment,
        LocalResult::Ambiguous(earlier, _) => earlier,
        LocalResult::None => {
            for minutes in (15..=240).step_by(15) {
                if let Some(moment) = zone
                    .from_local_datetime(&(naive + Duration::minutes(minutes)))
                    .earliest()
                {
                    return moment;
                }
            }
            zone.from_utc_datetime(&naive)
        }
    }
}

#[cfg(test)]
mod tests;

/// Zones for tests, from the system's time zone database.
#[cfg(test)]
pub mod testing {
    use super::{Moment, Zone};
    use chrono::TimeZone;

    /// A moment of 2026 in London.
    pub fn london_at(month: u32, day: u32, hour: u32, minute: u32) -> Moment {
        london()
            .with_ymd_and_hms(2026, month, day, hour, minute, 0)
            .earliest()
            .expect("the test's moment exists in London")
    }

    pub fn london() -> Zone {
        Zone::named("Europe/London").expect("tzdata has Europe/London")
    }

    pub fn new_york() -> Zone {
        Zone::named("America/New_York").expect("tzdata has America/New_York")
    }

    /// A zone by name, which the test needs tzdata to know.
    pub fn zone(name: &str) -> Zone {
        Zone::named(name).expect("the system knows this zone")
    }
}
