use super::testing::{london, new_york};
use super::*;
use crate::text::pattern;
use proptest::prelude::*;

/// Saturday 28 November 2026, 09:00 in London (UTC+0).
fn sat_morning() -> Moment {
    at(london(), 2026, 11, 28, 9, 0)
}

fn at(zone: Zone, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Moment {
    zone.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .earliest()
        .expect("test moment exists")
}

fn read(text: &str, now: &Moment) -> Moment {
    parse(text, now, &WorkWeek::default()).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
}

fn shown(moment: Moment) -> String {
    moment.format("%a %Y-%m-%d %H:%M %Z").to_string()
}

#[track_caller]
fn reads_as(text: &str, now: &Moment, expected: &str) {
    assert_eq!(shown(read(text, now)), expected, "reading {text:?}");
}

#[test]
fn the_past_is_refused_with_its_reason() {
    let now = sat_morning();
    for text in ["yesterday", "2 days ago", "yesterday 5pm"] {
        let err = parse(text, &now, &WorkWeek::default()).expect_err(text);
        assert!(err.to_string().contains("is in the past"), "{text}: {err}");
    }
}

#[test]
fn day_words() {
    let now = sat_morning();
    reads_as("today", &now, "Sat 2026-11-28 17:00 GMT");
    reads_as("tonight", &now, "Sat 2026-11-28 20:00 GMT");
    reads_as("tomorrow", &now, "Sun 2026-11-29 17:00 GMT");
    reads_as("Tomorrow 3pm", &now, "Sun 2026-11-29 15:00 GMT");
    reads_as("noon", &now, "Sat 2026-11-28 12:00 GMT");
}

#[test]
fn weekday_names_mean_the_next_one() {
    let now = sat_morning();
    reads_as("mon", &now, "Mon 2026-11-30 17:00 GMT");
    reads_as("friday", &now, "Fri 2026-12-04 17:00 GMT");
    reads_as("thurs 9:30am", &now, "Thu 2026-12-03 09:30 GMT");
    // On a Saturday, "sat" is a week away, not today.
    reads_as("sat", &now, "Sat 2026-12-05 17:00 GMT");
    reads_as("next week", &now, "Mon 2026-11-30 17:00 GMT");
    reads_as("next fri", &now, "Fri 2026-12-04 17:00 GMT");
    let wednesday = at(london(), 2026, 11, 25, 10, 0);
    reads_as("wed", &wednesday, "Wed 2026-12-02 17:00 GMT");
    reads_as("this fri", &wednesday, "Fri 2026-11-27 17:00 GMT");
    reads_as("next fri", &wednesday, "Fri 2026-12-04 17:00 GMT");
}

#[test]
fn end_of_day_and_week_roll_forward_once_passed() {
    let wednesday = at(london(), 2026, 11, 25, 10, 0);
    reads_as("eod", &wednesday, "Wed 2026-11-25 17:00 GMT");
    reads_as("eow", &wednesday, "Fri 2026-11-27 17:00 GMT");
    let friday_evening = at(london(), 2026, 11, 27, 18, 0);
    reads_as("eod", &friday_evening, "Mon 2026-11-30 17:00 GMT");
    reads_as("eow", &friday_evening, "Fri 2026-12-04 17:00 GMT");
    reads_as("fri eod", &wednesday, "Fri 2026-11-27 17:00 GMT");
}

#[test]
fn offsets() {
    let now = sat_morning();
    reads_as("in 3 days", &now, "Tue 2026-12-01 17:00 GMT");
    reads_as("3d", &now, "Tue 2026-12-01 17:00 GMT");
    reads_as("2w", &now, "Sat 2026-12-12 17:00 GMT");
    reads_as("in a week", &now, "Sat 2026-12-05 17:00 GMT");
    reads_as("4h", &now, "Sat 2026-11-28 13:00 GMT");
    reads_as("in 90 min", &now, "Sat 2026-11-28 10:30 GMT");
    reads_as("in 2 weeks 10am", &now, "Sat 2026-12-12 10:00 GMT");
    reads_as("1mo", &now, "Mon 2026-12-28 17:00 GMT");
}

#[test]
fn calendar_dates() {
    let now = sat_morning();
    reads_as("2026-12-03", &now, "Thu 2026-12-03 17:00 GMT");
    reads_as("2026-12-03 15:00", &now, "Thu 2026-12-03 15:00 GMT");
    reads_as("2026-12-03T15:00", &now, "Thu 2026-12-03 15:00 GMT");
    reads_as("dec 3", &now, "Thu 2026-12-03 17:00 GMT");
    reads_as("3 dec", &now, "Thu 2026-12-03 17:00 GMT");
    reads_as("December 3rd 3pm", &now, "Thu 2026-12-03 15:00 GMT");
    reads_as("3 dec at 9:30am", &now, "Thu 2026-12-03 09:30 GMT");
    reads_as("dec 3 2027", &now, "Fri 2027-12-03 17:00 GMT");
}

#[test]
fn month_and_year_rollover() {
    let now = sat_morning();
    // A date already past this year means next year.
    reads_as("nov 2", &now, "Tue 2027-11-02 17:00 GMT");
    reads_as("jan 4", &now, "Mon 2027-01-04 17:00 GMT");
    let new_years_eve = at(london(), 2026, 12, 31, 16, 0);
    reads_as("tomorrow", &new_years_eve, "Fri 2027-01-01 17:00 GMT");
    reads_as("mon", &new_years_eve, "Mon 2027-01-04 17:00 GMT");
    reads_as("3d", &new_years_eve, "Sun 2027-01-03 17:00 GMT");
    let end_of_month = at(london(), 2026, 1, 31, 9, 0);
    reads_as("1mo", &end_of_month, "Sat 2026-02-28 17:00 GMT");
    // 29 February without a year is the next one there is.
    reads_as("feb 29", &now, "Tue 2028-02-29 17:00 GMT");
}

#[test]
fn times_without_a_date_are_the_next_occurrence() {
    let now = sat_morning();
    reads_as("3pm", &now, "Sat 2026-11-28 15:00 GMT");
    reads_as("8am", &now, "Sun 2026-11-29 08:00 GMT");
    reads_as("12am", &now, "Sun 2026-11-29 00:00 GMT");
    reads_as("12pm", &now, "Sat 2026-11-28 12:00 GMT");
    reads_as("3 pm", &now, "Sat 2026-11-28 15:00 GMT");
    reads_as("at 15:30", &now, "Sat 2026-11-28 15:30 GMT");
}

#[test]
fn clocks_going_forward_and_back() {
    // New York springs forward at 02:00 on Sunday 8 March 2026: 02:30 does not exist.
    let saturday = at(new_york(), 2026, 3, 7, 9, 0);
    let moment = read("tomorrow 2:30am", &saturday);
    assert_eq!(shown(moment), "Sun 2026-03-08 03:00 EDT");
    // Three days later is still 17:00 on the wall clock, one hour less in UTC.
    let moment = read("in 3 days", &saturday);
    assert_eq!(shown(moment), "Tue 2026-03-10 17:00 EDT");
    assert_eq!(moment.naive_utc().to_string(), "2026-03-10 21:00:00");
    // Four hours across the gap are four real hours.
    let night = at(new_york(), 2026, 3, 8, 0, 30);
    assert_eq!(shown(read("4h", &night)), "Sun 2026-03-08 05:30 EDT");
    // Falling back on 1 November 2026: 01:30 happens twice; the first is meant.
    let halloween = at(new_york(), 2026, 10, 31, 12, 0);
    let moment = read("tomorrow 1:30am", &halloween);
    assert_eq!(shown(moment), "Sun 2026-11-01 01:30 EDT");
    assert_eq!(moment.naive_utc().to_string(), "2026-11-01 05:30:00");
    reads_as("mon", &halloween, "Mon 2026-11-02 17:00 EST");
}

#[test]
fn a_different_workday_end() {
    let week = WorkWeek {
        end_of_day: workweek::hm(18, 30),
        ..WorkWeek::default()
    };
    let moment = parse("fri", &sat_morning(), &week).expect("parses");
    assert_eq!(shown(moment), "Fri 2026-12-04 18:30 GMT");
}

#[track_caller]
fn fails(text: &str, unread: &str) {
    let err = parse(text, &sat_morning(), &WorkWeek::default())
        .expect_err(&format!("{text:?} should not parse"));
    assert_eq!(err.unread, unread, "reading {text:?}: {err}");
    assert!(err.to_string().contains("try: today"), "{err}");
}

#[test]
fn what_cannot_be_read_is_quoted() {
    fails("frday", "frday");
    fails("fri 3pmm", "3pmm");
    fails("", "");
    fails("2026-02-30", "2026-02-30");
    fails("25:00", "25:00");
    fails("13pm", "13pm");
    fails("fri tomorrow", "tomorrow");
    fails("4h 3pm", "4h");
    fails("3pm 4pm", "4pm");
    fails("in 99999 days", "99999");
    fails("feb 30 2027", "feb 30");
    let err = parse("frday", &sat_morning(), &WorkWeek::default()).expect_err("bad");
    assert_eq!(
        err.to_string(),
        format!("could not read \"frday\" as a date or time — try: {EXAMPLES}")
    );
}

proptest! {
    #[test]
    fn no_input_panics(text in pattern("\\PC{0,40}")) {
        let _ = parse(&text, &sat_morning(), &WorkWeek::default());
    }

    #[test]
    fn no_date_like_input_panics(
        words in proptest::collection::vec(
            pattern("(in|next|this|at|a|[0-9]{1,6}|[0-9]{1,3}(d|w|h|m|mo|st|th|am|pm)|[0-9]{1,2}:[0-9]{1,3}|dec|feb|fri|eod|eow|noon|today|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(t[0-9:]{1,5})?)"),
            0..5,
        )
    ) {
        let _ = parse(&words.join(" "), &sat_morning(), &WorkWeek::default());
    }
}
