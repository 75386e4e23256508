//! Dates and spans as people say them: "today 17:00", "Wed", "overdue 2d", "7h 48m".

use chrono::{Datelike, Duration, Timelike};

use super::item::{Item, Kind};
use crate::when::Moment;

/// "1 ask", "2 asks", "0 people": a count with its noun, in the number it needs.
pub fn count(n: impl TryInto<u64>, noun: &str) -> String {
    let n: u64 = n.try_into().unwrap_or(0);
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {}", plural(noun))
    }
}

/// The plural of the nouns nudge counts.
pub fn plural(noun: &str) -> String {
    match noun {
        "person" => "people".into(),
        "reply" => "replies".into(),
        _ if noun.ends_with('s') || noun.ends_with("sh") || noun.ends_with("ch") => {
            format!("{noun}es")
        }
        _ => format!("{noun}s"),
    }
}

/// "Fri 27 Nov 17:00" — the full form used in confirmations (with the year when it is not this one).
pub fn full(moment: &Moment, now: &Moment) -> String {
    if moment.year() == now.year() {
        format!("{} {}", weekday_date(moment), clock(moment))
    } else {
        format!(
            "{} {} {}",
            weekday_date(moment),
            year(moment),
            clock(moment)
        )
    }
}

// Dates are put into words by hand rather than by chrono's `format`, which parses its pattern
// each time: the dashboard says a date on most of its rows, every frame.
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAYS_LONG: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "Fri"
fn weekday(moment: &Moment) -> &'static str {
    WEEKDAYS[moment.weekday().num_days_from_monday() as usize % 7]
}

/// "4 Dec"
fn date(moment: &Moment) -> String {
    format!("{} {}", moment.day(), MONTHS[moment.month0() as usize % 12])
}

/// "Fri 4 Dec"
fn weekday_date(moment: &Moment) -> String {
    format!("{} {}", weekday(moment), date(moment))
}

/// "2027", as chrono's `%Y` writes it (four digits at least; a sign outside 0–9999).
fn year(moment: &Moment) -> String {
    match moment.year() {
        y @ 0..=9999 => format!("{y:04}"),
        _ => moment.format("%Y").to_string(),
    }
}

/// "09:05"
pub fn clock(moment: &Moment) -> String {
    format!("{:02}:{:02}", moment.hour(), moment.minute())
}

/// "Sat 28 Nov 09:00", as the header says the time.
pub fn now_line(moment: &Moment) -> String {
    format!("{} {}", weekday_date(moment), clock(moment))
}

/// "today", "tomorrow", "yesterday", "Wed" within the coming week, else "Fri 4 Dec".
pub fn day(moment: &Moment, now: &Moment) -> String {
    let days = (moment.date_naive() - now.date_naive()).num_days();
    match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        2..=6 => weekday(moment).to_string(),
        _ if moment.year() == now.year() => weekday_date(moment),
        _ => format!("{} {}", date(moment), year(moment)),
    }
}

/// The text with its first letter upper case: "walk over" → "Walk over".
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `day` with the clock time: "today 17:00", "Wed 09:00".
pub fn day_time(moment: &Moment, now: &Moment) -> String {
    format!("{} {}", day(moment, now), clock(moment))
}

/// A date as a message says it: "today", "tomorrow", else "Friday 4 Dec".
pub fn message_day(moment: &Moment, now: &Moment) -> String {
    match (moment.date_naive() - now.date_naive()).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        _ => format!(
            "{} {}",
            WEEKDAYS_LONG[moment.weekday().num_days_from_monday() as usize % 7],
            date(moment)
        ),
    }
}

/// A date as a sentence ends with it: "today", "tomorrow", else "on Friday 4 Dec".
pub fn message_when(moment: &Moment, now: &Moment) -> String {
    match (moment.date_naive() - now.date_naive()).num_days() {
        -1..=1 => message_day(moment, now),
        _ => format!("on {}", message_day(moment, now)),
    }
}

/// A length of time in its two largest units: "2d", "3d 4h", "7h 48m", "5m", "<1m". Under a
/// minute is "<1m", never "now": a span follows "in", "by" or "from" ("answered in <1m").
pub fn span(length: Duration) -> String {
    let minutes = length.num_minutes().abs();
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match (days, hours, mins) {
        (0, 0, 0) => "<1m".to_string(),
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) if d < 3 => format!("{d}d {h}h"),
        (d, _, _) => format!("{d}d"),
    }
}

/// How old something is, in its largest unit: "20h", "5d", "3w".
pub fn age(length: Duration) -> String {
    let minutes = length.num_minutes().max(0);
    match minutes {
        0..60 => format!("{minutes}m"),
        60..1440 => format!("{}h", minutes / 60),
        1440..20160 => format!("{}d", minutes / 1440),
        _ => format!("{}w", minutes / 10080),
    }
}

/// Each word once (tags, expertise), in the order first seen; linear however many there are,
/// and no word copied to find its twins.
pub fn distinct(values: impl IntoIterator<Item = String>) -> Vec<String> {
    let values: Vec<String> = values.into_iter().collect();
    let mut seen = std::collections::HashSet::with_capacity(values.len());
    let first: Vec<bool> = values.iter().map(|v| seen.insert(v.as_str())).collect();
    drop(seen);
    values
        .into_iter()
        .zip(first)
        .filter_map(|(value, first)| first.then_some(value))
        .collect()
}

/// Tags as they are typed, `#deck #q4`, in one string: no string per tag, so an ask with
/// thousands of tags costs its length and no more.
pub fn hashtags(tags: &[String]) -> String {
    let mut text = String::with_capacity(tags.iter().map(|t| t.len() + 2).sum());
    for tag in tags {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push('#');
        text.push_str(tag);
    }
    text
}

/// How many a list shows: "15", or "15 of 500" when it was cut for room.
pub fn shown_of(shown: usize, total: impl TryInto<u64>) -> String {
    let total: u64 = total.try_into().unwrap_or(0);
    match u64::try_from(shown) {
        Ok(n) if n < total => format!("{n} of {total}"),
        _ => shown.to_string(),
    }
}

/// A heading over a list that may show only the latest: "History", or "History (latest 20 of
/// 31)" when it was cut.
pub fn latest_of(heading: &str, shown: usize, total: impl TryInto<u64>) -> String {
    let total: u64 = total.try_into().unwrap_or(0);
    match u64::try_from(shown) {
        Ok(n) if n < total => format!("{heading} (latest {n} of {total})"),
        _ => heading.to_string(),
    }
}

/// Like `span`, but down to the second, for countdowns that tick: "24:59", "1:02:03".
pub fn countdown(length: Duration) -> String {
    let seconds = length.num_seconds().max(0);
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// The short status phrase of an open item: "overdue 2d", "chase now", "need by Fri", "check Wed",
/// "due today 17:00".
pub fn status_phrase(item: &Item, now: &Moment) -> String {
    if item.kind == Kind::Ask && item.status == super::Status::Declined {
        return "said no".to_string();
    }
    if !item.is_open() {
        return item.status.label().to_string();
    }
    match item.kind {
        Kind::Ask => {
            if let Some(need_by) = &item.need_by
                && need_by < now
            {
                return format!("overdue {}", span(*now - *need_by));
            }
            if let Some(check) = &item.next_check
                && check <= now
            {
                return "chase now".to_string();
            }
            if let Some(need_by) = &item.need_by
                && *need_by - *now < Duration::hours(48)
            {
                return format!("need by {}", day_time(need_by, now));
            }
            match &item.next_check {
                Some(check) => format!("check {}", day(check, now)),
                None => "waiting".to_string(),
            }
        }
        Kind::Deadline => match &item.due {
            Some(due) if due < now => format!("overdue {}", span(*now - *due)),
            Some(due) => day_time(due, now),
            None => "no date".to_string(),
        },
        Kind::Proofing => item.status.label().to_string(),
    }
}

/// "✉", or "✉→☎" when a louder channel would serve the next follow-up of an open ask better;
/// with `ascii`, "@" and "@>T".
pub fn channel_glyphs(item: &Item, ascii: bool) -> String {
    let glyph = |c: super::Channel| if ascii { c.ascii_symbol() } else { c.symbol() };
    match super::escalation::hint(item.channel, &item.chased) {
        Some((from, to)) if item.is_open() => {
            format!(
                "{}{}{}",
                glyph(from),
                if ascii { ">" } else { "→" },
                glyph(to)
            )
        }
        _ => item
            .chased
            .last
            .or(item.channel)
            .map(|c| glyph(c).to_string())
            .unwrap_or_else(|| "-".into()),
    }
}

/// Words too common to tell one ask from another.
const COMMON: [&str; 24] = [
    "the", "and", "for", "with", "from", "this", "that", "our", "your", "you", "are", "can", "new",
    "next", "please", "about", "into", "have", "has", "was", "were", "will", "its", "all",
];

/// The words of a title that name it: lower-cased, three letters or more, not common words.
pub fn title_words(title: &str) -> Vec<String> {
    let words = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !COMMON.contains(&w.as_str()));
    super::words::distinct(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtags_are_the_tags_as_typed() {
        assert_eq!(hashtags(&["deck".into(), "q4".into()]), "#deck #q4");
        assert_eq!(hashtags(&["é".into()]), "#é");
        assert_eq!(hashtags(&[]), "");
    }

    #[test]
    fn distinct_keeps_the_first_of_each_in_order() {
        let words = ["b", "a", "b", "c", "a", "B"].map(String::from);
        assert_eq!(distinct(words), ["b", "a", "c", "B"].map(String::from));
        assert!(distinct(Vec::new()).is_empty());
    }
    use crate::when::testing::london_at;

    fn at(mo: u32, d: u32, h: u32, m: u32) -> Moment {
        london_at(mo, d, h, m)
    }

    #[test]
    fn counts_take_the_number_they_need() {
        assert_eq!(count(0u32, "ask"), "0 asks");
        assert_eq!(count(1u32, "ask"), "1 ask");
        assert_eq!(count(2u32, "follow-up"), "2 follow-ups");
        assert_eq!(count(1u32, "minute"), "1 minute");
        assert_eq!(count(3u32, "person"), "3 people");
        assert_eq!(count(2u32, "check-in"), "2 check-ins");
    }

    proptest::proptest! {
        /// The hand-made dates say what chrono's patterns said, on any day of any year.
        #[test]
        fn dates_read_as_chrono_writes_them(
            seconds in -70_000_000_000i64..260_000_000_000, days in -800i64..800,
        ) {
            use chrono::TimeZone;
            let zone = crate::when::testing::london();
            let now = zone.timestamp_opt(seconds, 0).earliest();
            proptest::prop_assume!(now.is_some());
            let now = now.expect("assumed");
            let moment = now + Duration::days(days) + Duration::minutes(days * 37);
            let same_year = moment.year() == now.year();
            proptest::prop_assert_eq!(
                full(&moment, &now),
                if same_year {
                    moment.format("%a %-d %b %H:%M").to_string()
                } else {
                    moment.format("%a %-d %b %Y %H:%M").to_string()
                }
            );
            let apart = (moment.date_naive() - now.date_naive()).num_days();
            if !(-1..=6).contains(&apart) {
                proptest::prop_assert_eq!(
                    day(&moment, &now),
                    if same_year {
                        moment.format("%a %-d %b").to_string()
                    } else {
                        moment.format("%-d %b %Y").to_string()
                    }
                );
                proptest::prop_assert_eq!(
                    message_day(&moment, &now),
                    moment.format("%A %-d %b").to_string()
                );
            } else if apart >= 2 {
                proptest::prop_assert_eq!(day(&moment, &now), moment.format("%a").to_string());
            }
            proptest::prop_assert_eq!(now_line(&moment), moment.format("%a %-d %b %H:%M").to_string());
            proptest::prop_assert_eq!(clock(&moment), moment.format("%H:%M").to_string());
        }
    }

    #[test]
    fn days_in_words() {
        let now = at(11, 28, 9, 0);
        assert_eq!(day(&at(11, 28, 17, 0), &now), "today");
        assert_eq!(day(&at(11, 29, 17, 0), &now), "tomorrow");
        assert_eq!(day(&at(11, 27, 17, 0), &now), "yesterday");
        assert_eq!(day(&at(12, 2, 9, 0), &now), "Wed");
        assert_eq!(day(&at(12, 5, 9, 0), &now), "Sat 5 Dec");
        assert_eq!(day_time(&at(11, 28, 17, 0), &now), "today 17:00");
        assert_eq!(full(&at(11, 27, 17, 0), &now), "Fri 27 Nov 17:00");
        assert_eq!(message_day(&at(12, 4, 17, 0), &now), "Friday 4 Dec");
        assert_eq!(message_day(&at(11, 29, 17, 0), &now), "tomorrow");
    }

    #[test]
    fn spans() {
        assert_eq!(span(Duration::minutes(0)), "<1m");
        assert_eq!(span(Duration::seconds(59)), "<1m");
        assert_eq!(span(Duration::minutes(5)), "5m");
        assert_eq!(span(Duration::minutes(7 * 60 + 48)), "7h 48m");
        assert_eq!(span(Duration::hours(3)), "3h");
        assert_eq!(span(Duration::hours(28)), "1d 4h");
        assert_eq!(span(Duration::hours(24 * 2)), "2d");
        assert_eq!(span(Duration::hours(24 * 9 + 5)), "9d");
        assert_eq!(age(Duration::minutes(20 * 60 + 35)), "20h");
        assert_eq!(age(Duration::days(16)), "2w");
        assert_eq!(countdown(Duration::seconds(25 * 60 - 1)), "24:59");
        assert_eq!(countdown(Duration::seconds(3723)), "1:02:03");
    }
}
