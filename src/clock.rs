//! The edge where time enters the program: the user's zone and `now` (pinned by `NUDGE_NOW`).
//! Nothing below this reads the clock.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

use crate::when::{self, Moment, Zone};

/// The user's time zone: `TZ` (an IANA name like `Europe/London`, a path, or a POSIX rule) when
/// it names one, else the system's, else UTC; and, when `TZ` names no zone, what to say about it
/// (times are then in UTC, which the user did not ask for).
pub fn zone() -> (Zone, Option<String>) {
    match std::env::var("TZ") {
        Ok(tz) if tz.trim().is_empty() => (Zone::utc(), None),
        Ok(tz) => match Zone::named(&tz) {
            Some(zone) => (zone, None),
            None => (
                Zone::utc(),
                Some(format!(
                    "TZ=\"{tz}\" names no time zone this system knows, so times are in UTC; \
                     set it to one like Europe/London (see /usr/share/zoneinfo)"
                )),
            ),
        },
        Err(_) => (Zone::system().unwrap_or_else(Zone::utc), None),
    }
}

/// Where `now` comes from: pinned (tests, `NUDGE_NOW`) or the system clock in the user's zone.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    Fixed(Moment),
    System(Zone),
}

impl Clock {
    /// `NUDGE_NOW` when set (local time like `2026-11-28T09:00`, or RFC 3339), else the system
    /// clock.
    pub fn from_env(zone: &Zone) -> Result<Clock, BadNow> {
        match std::env::var("NUDGE_NOW") {
            Ok(text) if !text.trim().is_empty() => parse_now(&text, zone).map(Clock::Fixed),
            _ => Ok(Clock::System(*zone)),
        }
    }

    pub fn now(&self) -> Moment {
        match self {
            Clock::Fixed(moment) => *moment,
            Clock::System(zone) => zone.from_utc_datetime(&Utc::now().naive_utc()),
        }
    }
}

/// A pinned time that is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("NUDGE_NOW=\"{0}\" is not a time; use local time like 2026-11-28T09:00, or RFC 3339")]
pub struct BadNow(pub String);

pub fn parse_now(text: &str, zone: &Zone) -> Result<Moment, BadNow> {
    let text = text.trim();
    if let Ok(moment) = DateTime::parse_from_rfc3339(text) {
        return Ok(moment.with_timezone(zone));
    }
    for format in [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(when::local(zone, naive.date(), naive.time()));
        }
    }
    Err(BadNow(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_times() {
        let zone = Zone::named("Europe/Berlin").expect("zone");
        let now = parse_now("2026-11-28T09:00", &zone).expect("parses");
        assert_eq!(now.to_rfc3339(), "2026-11-28T09:00:00+01:00");
        let now = parse_now("2026-11-28T09:00:00Z", &zone).expect("parses");
        assert_eq!(now.to_rfc3339(), "2026-11-28T10:00:00+01:00");
        assert!(parse_now("yesterday", &zone).is_err());
    }
}
