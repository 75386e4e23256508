//! The user's time zone, read from the system's time zone database at run time (`TZ`, else
//! `/etc/localtime`), as a chrono `TimeZone`. Reading the rules from the system instead of
//! compiling a whole database into the binary keeps every process start cheap.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};

/// A time zone: copied freely; its rules are loaded once per name and kept for the process.
#[derive(Clone, Copy)]
pub struct Zone {
    name: &'static str,
    rules: &'static tz::TimeZone,
}

impl Zone {
    /// The system's zone (`/etc/localtime`), if it has one.
    pub fn system() -> Option<Zone> {
        Zone::load("localtime")
    }

    /// A zone by IANA name (`America/New_York`), path or POSIX rule; None when it is unknown.
    pub fn named(name: &str) -> Option<Zone> {
        let name = name.trim();
        let name = name.strip_prefix(':').unwrap_or(name);
        let name = name.strip_prefix("/usr/share/zoneinfo/").unwrap_or(name);
        if name.is_empty() || name == "localtime" {
            return None;
        }
        Zone::load(name)
    }

    pub fn utc() -> Zone {
        Zone::load("UTC").unwrap_or_else(|| {
            static UTC: OnceLock<tz::TimeZone> = OnceLock::new();
            Zone {
                name: "UTC",
                rules: UTC.get_or_init(tz::TimeZone::utc),
            }
        })
    }

    fn load(name: &str) -> Option<Zone> {
        static LOADED: OnceLock<Mutex<HashMap<String, Zone>>> = OnceLock::new();
        let loaded = LOADED.get_or_init(|| Mutex::new(HashMap::new()));
        let mut loaded = loaded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(zone) = loaded.get(name) {
            return Some(*zone);
        }
        let rules = if name == "UTC" {
            tz::TimeZone::utc()
        } else {
            tz::TimeZone::from_posix_tz(name).ok()?
        };
        // Leaked once per name for the life of the process, so a zone is a plain `Copy` value.
        let zone = Zone {
            name: Box::leak(name.to_string().into_boxed_str()),
            rules: Box::leak(Box::new(rules)),
        };
        loaded.insert(name.to_string(), zone);
        Some(zone)
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The offset from UTC in effect at a Unix time, in seconds (UTC's where the rules fail).
    pub fn offset_seconds(&self, unix: i64) -> i32 {
        self.rules
            .find_local_time_type(unix)
            .map_or(0, |kind| kind.ut_offset())
    }

    /// `offset_seconds`, and the times around `unix` that certainly have the same offset: those
    /// between the zone's listed transitions on either side. Past the last one (or in a zone
    /// with leap seconds) the offset comes from a rule, and the span is `unix` alone.
    pub fn offset_span(&self, unix: i64) -> (i32, std::ops::Range<i64>) {
        let rules = self.rules.as_ref();
        let transitions = rules.transitions();
        let alone = || (self.offset_seconds(unix), unix..unix.saturating_add(1));
        let Some(last) = transitions.last() else {
            return alone();
        };
        if !rules.leap_seconds().is_empty() || unix >= last.unix_leap_time() {
            return alone();
        }
        // How many transitions are at or before `unix`: the one before it is in effect (none:
        // the zone's first local time type), until the next.
        let passed = transitions.partition_point(|t| t.unix_leap_time() <= unix);
        let (kind, from) = match passed.checked_sub(1).map(|i| &transitions[i]) {
            Some(before) => (before.local_time_type_index(), before.unix_leap_time()),
            None => (0, i64::MIN),
        };
        match rules.local_time_types().get(kind) {
            Some(kind) => (kind.ut_offset(), from..transitions[passed].unix_leap_time()),
            None => alone(),
        }
    }

    /// The offset in effect at a Unix time.
    fn at(&self, unix: i64) -> ZoneOffset {
        let (seconds, abbreviation) = match self.rules.find_local_time_type(unix) {
            Ok(kind) => (kind.ut_offset(), kind.time_zone_designation()),
            Err(_) => (0, "UTC"),
        };
        ZoneOffset {
            zone: *self,
            fixed: FixedOffset::east_opt(seconds).unwrap_or_else(|| chrono::Utc.fix()),
            abbreviation,
        }
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.name == other.name
    }
}

impl Eq for Zone {}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// The offset of a `Zone` at one moment, with its abbreviation for `%Z`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    fixed: FixedOffset,
    abbreviation: &'static str,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.fixed)
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.abbreviation.is_empty() {
            write!(f, "{}", self.fixed)
        } else {
            f.write_str(self.abbreviation)
        }
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Zone {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(chrono::NaiveTime::MIN))
    }

    /// Which offsets make this wall-clock time real: one normally, two when clocks go back, none
    /// in the gap when they go forward.
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        let wall = local.and_utc().timestamp();
        let mut candidates: Vec<ZoneOffset> = Vec::with_capacity(3);
        for probe in [wall - 86_400, wall, wall + 86_400] {
            let offset = self.at(probe);
            if !candidates.iter().any(|c| c.fixed == offset.fixed) {
                candidates.push(offset);
            }
        }
        let mut valid: Vec<ZoneOffset> = candidates
            .into_iter()
            .filter_map(|c| {
                let actual = self.at(wall - i64::from(c.fixed.local_minus_utc()));
                (actual.fixed == c.fixed).then_some(actual)
            })
            .collect();
        // The earlier instant (the larger offset) first.
        valid.sort_by_key(|o| std::cmp::Reverse(o.fixed.local_minus_utc()));
        valid.dedup_by_key(|o| o.fixed);
        match valid.as_slice() {
            [] => LocalResult::None,
            [one] => LocalResult::Single(*one),
            [first, second, ..] => LocalResult::Ambiguous(*first, *second),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.at(utc.and_time(chrono::NaiveTime::MIN).and_utc().timestamp())
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.at(utc.and_utc().timestamp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::when::testing::zone;

    #[test]
    fn offsets_and_abbreviations() {
        let london = zone("Europe/London");
        let winter = london
            .with_ymd_and_hms(2026, 1, 10, 12, 0, 0)
            .single()
            .expect("exists");
        let summer = london
            .with_ymd_and_hms(2026, 7, 10, 12, 0, 0)
            .single()
            .expect("exists");
        assert_eq!(winter.format("%H:%M %Z %z").to_string(), "12:00 GMT +0000");
        assert_eq!(summer.format("%H:%M %Z %z").to_string(), "12:00 BST +0100");
    }

    #[test]
    fn gaps_and_folds() {
        let new_york = zone("America/New_York");
        let gap = NaiveDate::from_ymd_opt(2026, 3, 8)
            .and_then(|d| d.and_hms_opt(2, 30, 0))
            .expect("naive");
        assert_eq!(new_york.from_local_datetime(&gap), LocalResult::None);
        let fold = NaiveDate::from_ymd_opt(2026, 11, 1)
            .and_then(|d| d.and_hms_opt(1, 30, 0))
            .expect("naive");
        match new_york.from_local_datetime(&fold) {
            LocalResult::Ambiguous(first, second) => {
                assert_eq!(first.format("%Z").to_string(), "EDT");
                assert_eq!(second.format("%Z").to_string(), "EST");
            }
            other => panic!("expected two readings, got {other:?}"),
        }
    }

    #[test]
    fn names() {
        assert_eq!(zone(":Europe/London"), zone("Europe/London"));
        assert_eq!(zone("/usr/share/zoneinfo/Asia/Tokyo").name(), "Asia/Tokyo");
        assert!(Zone::named("Not/AZone").is_none());
        assert_eq!(Zone::utc().name(), "UTC");
    }
}
