//! How a moment is written in JSON: RFC 3339 with the user's offset, the same everywhere (the
//! export, `--json` lists, reports).

use serde::Serializer;

use super::{Moment, Zone};

pub fn rfc3339<S: Serializer>(moment: &Moment, out: S) -> Result<S::Ok, S::Error> {
    out.serialize_str(&moment.to_rfc3339())
}

pub fn rfc3339_maybe<S: Serializer>(moment: &Option<Moment>, out: S) -> Result<S::Ok, S::Error> {
    match moment {
        Some(moment) => rfc3339(moment, out),
        None => out.serialize_none(),
    }
}

/// A stored time (seconds since 1970) as `rfc3339` writes it in `zone`, made without a chrono
/// date: an export writes millions of them, and chrono's formatting was a tenth of its time.
/// None for seconds no calendar holds.
pub fn stamp(zone: &Zone, seconds: i64) -> Option<String> {
    let mut out = Vec::with_capacity(25);
    stamp_into(zone, seconds, &mut out)
        .then(|| String::from_utf8(out).ok())
        .flatten()
}

/// `stamp`, written at the end of `out`; false (and nothing written) for seconds no calendar
/// holds.
pub fn stamp_into(zone: &Zone, seconds: i64, out: &mut Vec<u8>) -> bool {
    stamp_at_offset(zone, seconds, zone.offset_seconds(seconds), out)
}

/// `stamp_into` for a time many of which are stamped in turn: the zone's offset is looked up
/// only when a time falls outside the span the last one found (`Zone::offset_span`).
pub fn stamp_into_spanned(
    zone: &Zone,
    seconds: i64,
    span: &mut (i32, std::ops::Range<i64>),
    out: &mut Vec<u8>,
) -> bool {
    if !span.1.contains(&seconds) {
        *span = zone.offset_span(seconds);
    }
    stamp_at_offset(zone, seconds, span.0, out)
}

/// `stamp_into`, given the zone's offset at `seconds`.
fn stamp_at_offset(zone: &Zone, seconds: i64, offset: i32, out: &mut Vec<u8>) -> bool {
    // RFC 3339 offsets have whole minutes (some zones' old local mean times do not), and the
    // years must have four digits: chrono says how those are written.
    if offset % 60 != 0 || !super::writable(seconds) {
        return match super::from_seconds(zone, seconds) {
            Some(moment) => {
                out.extend_from_slice(moment.to_rfc3339().as_bytes());
                true
            }
            None => false,
        };
    }
    let local = seconds + i64::from(offset);
    let (year, month, day) = civil_date(local.div_euclid(86_400));
    let of_day = local.rem_euclid(86_400);
    let minutes = i64::from(offset.unsigned_abs() / 60);
    let mut text = *b"0000-00-00T00:00:00+00:00";
    if offset < 0 {
        text[19] = b'-';
    }
    // Each field's two digits, by where they go.
    let fields = [
        (0, year / 100),
        (2, year % 100),
        (5, month),
        (8, day),
        (11, of_day / 3600),
        (14, of_day / 60 % 60),
        (17, of_day % 60),
        (20, minutes / 60),
        (23, minutes % 60),
    ];
    for (at, n) in fields {
        text[at] = b'0' + (n / 10) as u8;
        text[at + 1] = b'0' + (n % 10) as u8;
    }
    out.extend_from_slice(&text);
    true
}

/// The proleptic Gregorian (year, month, day) of a day counted from 1970-01-01, by eras of
/// 400 years (146,097 days) that start on 1 March, so the leap day ends each era's year.
fn civil_date(days: i64) -> (i64, i64, i64) {
    let shifted = days + 719_468; // days from 0000-03-01
    let era = shifted.div_euclid(146_097);
    let of_era = shifted.rem_euclid(146_097);
    let year_of_era = (of_era - of_era / 1460 + of_era / 36_524 - of_era / 146_096) / 365;
    let of_year = of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * of_year + 2) / 153;
    let day = of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::when::testing::zone;
    use proptest::prelude::*;

    #[test]
    fn stamps_are_what_chrono_writes() {
        let london = zone("Europe/London");
        assert_eq!(
            stamp(&london, 1_795_856_400).as_deref(),
            Some("2026-11-28T09:00:00+00:00")
        );
        assert_eq!(
            stamp(&london, 1_784_880_000).as_deref(),
            Some("2026-07-24T09:00:00+01:00")
        );
        let kolkata = zone("Asia/Kolkata");
        assert_eq!(
            stamp(&kolkata, 0).as_deref(),
            Some("1970-01-01T05:30:00+05:30")
        );
        // A leap day, the last second of a year, and the first writable day.
        let utc = Zone::utc();
        assert_eq!(
            stamp(&utc, 951_782_400).as_deref(),
            Some("2000-02-29T00:00:00+00:00")
        );
        assert_eq!(
            stamp(&utc, 1_798_761_599).as_deref(),
            Some("2026-12-31T23:59:59+00:00")
        );
        assert_eq!(
            stamp(&utc, -62_135_596_800 + 86_400).as_deref(),
            Some("0001-01-02T00:00:00+00:00")
        );
        assert_eq!(stamp(&utc, i64::MAX), None);
    }

    /// Times stamped in turn through one span are stamped as one at a time: in order, at
    /// random, and right at the transitions and a second either side.
    #[test]
    fn stamps_through_a_span_are_the_stamps_one_at_a_time() {
        let mut rng = proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        );
        for name in [
            "UTC",
            "Europe/London",
            "America/New_York",
            "Australia/Lord_Howe",
            "America/St_Johns",
            "Asia/Kolkata",
        ] {
            let zone = zone(name);
            let mut times: Vec<i64> = (0..3000)
                .map(|_| rng.random_range(-4_000_000_000i64..4_200_000_000))
                .collect();
            // 2026's clock changes in Europe and North America, each with a second either side.
            for change in [
                1_774_746_000i64,
                1_792_890_000,
                1_772_953_200,
                1_793_512_800,
            ] {
                times.extend([change - 1, change, change + 1]);
            }
            let mut sorted = times.clone();
            sorted.sort_unstable();
            for order in [times, sorted] {
                let mut span = (0, 0..0);
                for seconds in order {
                    let mut spanned = Vec::new();
                    let mut alone = Vec::new();
                    assert_eq!(
                        stamp_into_spanned(&zone, seconds, &mut span, &mut spanned),
                        stamp_into(&zone, seconds, &mut alone)
                    );
                    assert_eq!(spanned, alone, "{name} at {seconds}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn any_time_in_any_zone_is_stamped_as_chrono_does(
            seconds in -70_000_000_000i64..260_000_000_000,
            zone_index in 0usize..6,
        ) {
            let names = [
                "UTC",
                "Europe/London",
                "America/New_York",
                "Asia/Kolkata",
                "Australia/Lord_Howe",
                "America/St_Johns",
            ];
            let zone = zone(names[zone_index]);
            prop_assert_eq!(
                stamp(&zone, seconds),
                crate::when::from_seconds(&zone, seconds).map(|m| m.to_rfc3339())
            );
        }
    }
}
