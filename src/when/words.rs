//! The words of a date, one reader per form: each looks at the words from `i` and says how many
//! it used and what they mean, or that they are not its form.

use chrono::{Datelike, Days, Duration, Months, NaiveDate, NaiveTime, Weekday};

use super::{Moment, WhenError, WorkWeek, local, workweek};

type Found<T> = Result<Option<(usize, T)>, WhenError>;

/// A date (with the time it means when none is given) starting at word `i`.
pub(super) fn date_at(
    words: &[&str],
    i: usize,
    now: &Moment,
    week: &WorkWeek,
) -> Found<(NaiveDate, NaiveTime)> {
    match named_day_at(words, i, now, week)? {
        Some(found) => Ok(Some(found)),
        None => written_date_at(words, i, now.date_naive(), week),
    }
}

/// A day said in words: today, tonight, tomorrow, eod, eow, next week, next fri, this fri,
/// in 3 days.
fn named_day_at(
    words: &[&str],
    i: usize,
    now: &Moment,
    week: &WorkWeek,
) -> Found<(NaiveDate, NaiveTime)> {
    let today = now.date_naive();
    let end = week.end_of_day;
    let word = words[i];
    let next = words.get(i + 1).copied();
    let found = match word {
        "today" | "tod" => Some((1, (today, end))),
        "tonight" => Some((1, (today, workweek::hm(20, 0)))),
        "tomorrow" | "tmrw" | "tmr" | "tomorow" => Some((1, (workweek::next_day(today), end))),
        "eod" => {
            let day = if local(&now.timezone(), today, end) > *now {
                today
            } else {
                week.add_work_days(today, 1)
            };
            Some((1, (day, end)))
        }
        "eow" => {
            let this_week = week.last_work_day_of_week(today);
            let day = if local(&now.timezone(), this_week, end) > *now {
                this_week
            } else {
                week.last_work_day_of_week(today + Duration::days(7))
            };
            Some((1, (day, end)))
        }
        "next" => match next {
            Some("week" | "wk") => Some((2, (monday_of(today) + Duration::days(7), end))),
            Some(name) => weekday(name).map(|day| {
                let date = monday_of(today) + Duration::days(7 + day.num_days_from_monday() as i64);
                (2, (date, end))
            }),
            None => None,
        },
        "this" => next.and_then(weekday).map(|day| {
            let mut date = monday_of(today) + Duration::days(day.num_days_from_monday() as i64);
            if date < today {
                date += Duration::days(7);
            }
            (2, (date, end))
        }),
        "in" => date_offset_at(words, i + 1, today)?.map(|(used, date)| (used + 1, (date, end))),
        _ => None,
    };
    Ok(found)
}

/// A day written as a date or a weekday: fri, mon 7 dec, 2026-12-03, 2026-12-03t15:00, dec 3,
/// 3 dec, 3d.
fn written_date_at(
    words: &[&str],
    i: usize,
    today: NaiveDate,
    week: &WorkWeek,
) -> Found<(NaiveDate, NaiveTime)> {
    let end = week.end_of_day;
    let word = words[i];
    let next = words.get(i + 1).copied();
    let found = if let Some(day) = weekday(word)
        && let Some((used, date)) = next.map_or(Ok(None), |_| month_day_at(words, i + 1, today))?
    {
        // "mon 7 dec": the weekday must be the date's own.
        if date.weekday() != day {
            let said = words[i..=i + used].join(" ");
            return Err(WhenError::because(
                &said,
                format!(
                    "\"{said}\": {} is a {}, not a {}",
                    date.format("%-d %b %Y"),
                    date.format("%A"),
                    weekday_name(day)
                ),
            ));
        }
        Some((1 + used, (date, end)))
    } else if let Some(day) = weekday(word) {
        let ahead = (day.num_days_from_monday() + 7 - today.weekday().num_days_from_monday()) % 7;
        let ahead = if ahead == 0 { 7 } else { ahead };
        Some((1, (today + Duration::days(ahead as i64), end)))
    } else if let Some(date) = iso_date(word)? {
        Some((1, (date, end)))
    } else if let Some((day, clock)) = word.split_once('t')
        && let Some(date) = iso_date(day)?
    {
        // "2026-12-03t15:00": the time travels with the date.
        match time_at(&[clock], 0, week)? {
            Some((_, time)) => Some((1, (date, time))),
            None => return Err(WhenError::unread(word)),
        }
    } else if let Some((used, date)) = month_day_at(words, i, today)? {
        Some((used, (date, end)))
    } else {
        date_offset_at(words, i, today)?.map(|(used, date)| (used, (date, end)))
    };
    Ok(found)
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(date.weekday().num_days_from_monday() as i64)
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "weds" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn month(word: &str) -> Option<u32> {
    Some(match word {
        "jan" | "january" => 1,
        "feb" | "february" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    })
}

/// Every word a date can start with, for callers that want to know whether a word was meant as one.
pub fn is_date_word(word: &str) -> bool {
    matches!(
        word,
        "today" | "tod" | "tonight" | "tomorrow" | "tmrw" | "tmr" | "eod" | "eow" | "noon" | "next"
    ) || weekday(word).is_some()
        || month(word).is_some()
        || word.starts_with(|c: char| c.is_ascii_digit())
}

/// `2026-12-03` (also `2026-12-03t15:00` is split by the caller's tokenizer into date and time).
fn iso_date(word: &str) -> Result<Option<NaiveDate>, WhenError> {
    let parts: Vec<&str> = word.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || !parts.iter().all(|p| all_digits(p)) {
        return Ok(None);
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        parts[0].parse::<i32>(),
        parts[1].parse::<u32>(),
        parts[2].parse::<u32>(),
    ) else {
        return Ok(None);
    };
    NaiveDate::from_ymd_opt(year, month, day)
        .map(Some)
        .ok_or_else(|| WhenError::because(word, format!("{word} is not a date on the calendar")))
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// A day of the month, "3", "3rd", "21st".
fn day_number(word: &str) -> Option<u32> {
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    if digits.len() > 2 || !all_digits(digits) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// `dec 3`, `3 dec`, `december 3rd`, each with an optional year; without one, the next such date.
fn month_day_at(words: &[&str], i: usize, today: NaiveDate) -> Found<NaiveDate> {
    let first = words[i];
    let Some(second) = words.get(i + 1).copied() else {
        return Ok(None);
    };
    let (month, day) = match (
        month(first),
        day_number(second),
        day_number(first),
        month(second),
    ) {
        (Some(m), Some(d), _, _) => (m, d),
        (_, _, Some(d), Some(m)) => (m, d),
        _ => return Ok(None),
    };
    let said = format!("{first} {second}");
    let year_word = words
        .get(i + 2)
        .copied()
        .filter(|w| w.len() == 4 && all_digits(w));
    if let Some(year_word) = year_word {
        let year: i32 = year_word.parse().unwrap_or(0);
        let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
            WhenError::because(
                &said,
                format!("{said} {year_word} is not a date on the calendar"),
            )
        })?;
        return Ok(Some((3, date)));
    }
    // Feb 29 without a year means the next one that exists.
    for year in today.year()..today.year() + 8 {
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day)
            && date >= today
        {
            return Ok(Some((2, date)));
        }
    }
    Err(WhenError::because(
        &said,
        format!("{said} is not a date on the calendar"),
    ))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Unit {
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
}

fn unit(word: &str) -> Option<Unit> {
    Some(match word {
        "m" | "min" | "mins" | "minute" | "minutes" => Unit::Minutes,
        "h" | "hr" | "hrs" | "hour" | "hours" => Unit::Hours,
        "d" | "day" | "days" => Unit::Days,
        "w" | "wk" | "wks" | "week" | "weeks" => Unit::Weeks,
        "mo" | "month" | "months" => Unit::Months,
        _ => return None,
    })
}

/// "3d" or "3 days" (and "a week") starting at `i`: the count and the unit.
fn amount_at(words: &[&str], i: usize) -> Result<Option<(usize, u32, Unit)>, WhenError> {
    let Some(word) = words.get(i).copied() else {
        return Ok(None);
    };
    let split = word
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(word.len());
    let (digits, suffix) = word.split_at(split);
    let (used, count_text, unit_word) = if !digits.is_empty() && !suffix.is_empty() {
        (1, digits, suffix)
    } else if let Some(next) = words.get(i + 1).copied()
        && (all_digits(word) || word == "a" || word == "an" || word == "one")
    {
        (2, word, next)
    } else {
        return Ok(None);
    };
    let Some(unit) = unit(unit_word) else {
        return Ok(None);
    };
    let count = if all_digits(count_text) {
        count_text
            .parse::<u32>()
            .ok()
            .filter(|n| *n <= 10_000)
            .ok_or_else(|| {
                WhenError::because(
                    word,
                    format!("\"{word}\" is too far away; keep it under 10000"),
                )
            })?
    } else {
        1
    };
    Ok(Some((used, count, unit)))
}

/// A whole-day offset from today: "3d", "2w", "3 days", "1mo".
fn date_offset_at(words: &[&str], i: usize, today: NaiveDate) -> Found<NaiveDate> {
    let Some((used, count, unit)) = amount_at(words, i)? else {
        return Ok(None);
    };
    let date = match unit {
        Unit::Days => today.checked_add_days(Days::new(count as u64)),
        Unit::Weeks => today.checked_add_days(Days::new(count as u64 * 7)),
        Unit::Months => today.checked_add_months(Months::new(count)),
        Unit::Hours | Unit::Minutes => return Ok(None),
    };
    let said = words[i..i + used].join(" ");
    date.map(|d| Some((used, d)))
        .ok_or_else(|| WhenError::because(&said, format!("\"{said}\" is beyond the calendar")))
}

/// An offset of hours or minutes from now, with or without "in": "4h", "in 30 min".
pub(super) fn exact_offset_at(words: &[&str], i: usize, now: &Moment) -> Found<Moment> {
    let skip = usize::from(words[i] == "in");
    let Some((used, count, unit)) = amount_at(words, i + skip)? else {
        return Ok(None);
    };
    let duration = match unit {
        Unit::Hours => Duration::hours(count as i64),
        Unit::Minutes => Duration::minutes(count as i64),
        _ => return Ok(None),
    };
    Ok(Some((used + skip, *now + duration)))
}

/// A clock time starting at word `i`: "3pm", "3 pm", "9:30am", "15:00", "noon".
pub(super) fn time_at(words: &[&str], i: usize, week: &WorkWeek) -> Found<NaiveTime> {
    let word = words[i];
    match word {
        "noon" | "midday" => return Ok(Some((1, workweek::hm(12, 0)))),
        "morning" => return Ok(Some((1, week.start_of_day))),
        _ => {}
    }
    let (body, meridiem, used) = if let Some(body) = word.strip_suffix("am") {
        (body, Some(false), 1)
    } else if let Some(body) = word.strip_suffix("pm") {
        (body, Some(true), 1)
    } else {
        match words.get(i + 1).copied() {
            Some("am") => (word, Some(false), 2),
            Some("pm") => (word, Some(true), 2),
            _ => (word, None, 1),
        }
    };
    let (hour_text, minute_text) = match body.split_once(':') {
        Some((h, m)) => (h, Some(m)),
        None => (body, None),
    };
    if !all_digits(hour_text) || hour_text.len() > 2 {
        return Ok(None);
    }
    // A bare number is not a time ("3" could be a day); it needs ":MM" or am/pm.
    if minute_text.is_none() && meridiem.is_none() {
        return Ok(None);
    }
    let said = words[i..i + used].join(" ");
    let bad = || WhenError::because(&said, format!("\"{said}\" is not a time of day"));
    let hour: u32 = hour_text.parse().map_err(|_| bad())?;
    let minute: u32 = match minute_text {
        Some(m) if m.len() == 2 && all_digits(m) => m.parse().map_err(|_| bad())?,
        Some(_) => return Err(bad()),
        None => 0,
    };
    let hour = match meridiem {
        Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return Err(bad()),
        None => hour,
    };
    NaiveTime::from_hms_opt(hour, minute, 0)
        .map(|t| Some((used, t)))
        .ok_or_else(bad)
}
