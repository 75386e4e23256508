//! Keep in touch: an optional rhythm per person ("every 2 weeks"), and whether the last real
//! contact (an ask, an answer, a follow-up, a favor, a critique, a person-mode visit) is older
//! than it. The last contact is always read from what happened, never set by hand.

use super::words;
use crate::when::Moment;

/// The longest rhythm that makes sense (a year); anything longer is surely a typo.
const LONGEST_DAYS: u32 = 366;

/// Reads a rhythm: `2w`, `10d`, `1m` (30 days), `3 weeks`, `weekly`, `monthly`. `off`, `none`
/// or `never` clear it (None).
pub fn parse_every(text: &str) -> Result<Option<u32>, String> {
    let typed = text.trim().to_lowercase();
    let bad = || {
        format!(
            "\"{}\" is not a rhythm: use a number of days, weeks or months (e.g. --every 2w, \
             --every 10d, --every 1m), or --every off",
            text.trim()
        )
    };
    match typed.as_str() {
        "off" | "none" | "never" | "no" => return Ok(None),
        "daily" => return Ok(Some(1)),
        "weekly" => return Ok(Some(7)),
        "fortnightly" | "biweekly" => return Ok(Some(14)),
        "monthly" => return Ok(Some(30)),
        "quarterly" => return Ok(Some(91)),
        _ => {}
    }
    let digits: String = typed.chars().take_while(|c| c.is_ascii_digit()).collect();
    let unit = typed[digits.len()..].trim();
    let count: u32 = if digits.is_empty() {
        1
    } else {
        digits.parse().map_err(|_| bad())?
    };
    let per = match unit {
        "d" | "day" | "days" => 1,
        "w" | "wk" | "week" | "weeks" => 7,
        "m" | "mo" | "month" | "months" => 30,
        _ => return Err(bad()),
    };
    let days = count.checked_mul(per).ok_or_else(bad)?;
    if days == 0 || days > LONGEST_DAYS {
        return Err(format!(
            "\"{}\" is not a rhythm nudge can keep: use 1 day to a year (e.g. --every 2w)",
            text.trim()
        ));
    }
    Ok(Some(days))
}

/// "every 2 weeks", "every 10 days", "every month", "every day".
pub fn every_label(days: u32) -> String {
    match days {
        1 => "every day".to_string(),
        7 => "every week".to_string(),
        30 => "every month".to_string(),
        d if d % 30 == 0 => format!("every {} months", d / 30),
        d if d % 7 == 0 => format!("every {} weeks", d / 7),
        d => format!("every {d} days"),
    }
}

/// The short form for a table: "2w", "10d", "1m".
pub fn every_short(days: u32) -> String {
    match days {
        d if d % 30 == 0 => format!("{}m", d / 30),
        d if d % 7 == 0 => format!("{}w", d / 7),
        d => format!("{d}d"),
    }
}

/// How a person stands against their rhythm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Touch {
    pub every_days: u32,
    /// The last real contact; None: nothing has happened with them yet.
    pub last: Option<Moment>,
    /// When they were added (the clock starts there when nothing has happened yet).
    pub since: Moment,
}

impl Touch {
    /// Calendar days since the last contact (or since they were added): yesterday is 1.
    pub fn days_since(&self, now: &Moment) -> i64 {
        let then = self
            .last
            .unwrap_or(self.since)
            .with_timezone(&now.timezone());
        (now.date_naive() - then.date_naive()).num_days().max(0)
    }

    /// Whether the last contact is older than the rhythm (two weeks after a Monday contact, the
    /// Tuesday after next says so).
    pub fn overdue(&self, now: &Moment) -> bool {
        self.days_since(now) > i64::from(self.every_days)
    }

    /// "no contact for 16 days (every 2 weeks)"; "in touch 3 days ago (every 2 weeks)".
    pub fn phrase(&self, now: &Moment) -> String {
        let days = self.days_since(now);
        let every = every_label(self.every_days);
        match (self.overdue(now), self.last) {
            (true, None) => format!(
                "no contact yet, {} since they were added ({every})",
                words::count(days as u32, "day")
            ),
            (true, Some(_)) => format!(
                "no contact for {} ({every})",
                words::count(days as u32, "day")
            ),
            (false, _) if days == 0 => format!("in touch today ({every})"),
            (false, None) => format!("added {} ago ({every})", words::count(days as u32, "day")),
            (false, Some(_)) => {
                format!(
                    "in touch {} ago ({every})",
                    words::count(days as u32, "day")
                )
            }
        }
    }

    /// The People table's cell: "16d ago !" when overdue, "3d ago" when not.
    pub fn cell(&self, now: &Moment) -> String {
        let days = self.days_since(now);
        let when = if days == 0 {
            "today".to_string()
        } else {
            format!("{days}d ago")
        };
        let flag = if self.overdue(now) { " !" } else { "" };
        format!("{when}/{}{flag}", every_short(self.every_days))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::when::testing::london_at;

    /// A time in 2026, in London: month, day, hour.
    fn at(mo: u32, d: u32, h: u32) -> Moment {
        london_at(mo, d, h, 0)
    }

    #[test]
    fn rhythms_read_as_people_write_them() {
        assert_eq!(parse_every("2w"), Ok(Some(14)));
        assert_eq!(parse_every("10d"), Ok(Some(10)));
        assert_eq!(parse_every("1m"), Ok(Some(30)));
        assert_eq!(parse_every("3 weeks"), Ok(Some(21)));
        assert_eq!(parse_every("week"), Ok(Some(7)));
        assert_eq!(parse_every("Weekly"), Ok(Some(7)));
        assert_eq!(parse_every("off"), Ok(None));
    }

    #[test]
    fn a_bad_rhythm_names_what_was_typed_and_shows_what_works() {
        for bad in ["2x", "soon", "0d", "400d", "99999999999w", ""] {
            let error = parse_every(bad).expect_err(bad);
            assert!(error.contains(&format!("\"{}\"", bad.trim())), "{error}");
            assert!(error.contains("--every 2w"), "{error}");
        }
    }

    #[test]
    fn labels_read_back() {
        assert_eq!(every_label(14), "every 2 weeks");
        assert_eq!(every_label(7), "every week");
        assert_eq!(every_label(10), "every 10 days");
        assert_eq!(every_label(60), "every 2 months");
        assert_eq!(every_short(14), "2w");
        assert_eq!(every_short(10), "10d");
    }

    #[test]
    fn overdue_only_once_the_rhythm_has_passed() {
        let touch = Touch {
            every_days: 14,
            last: Some(at(11, 12, 9)),
            since: at(10, 1, 9),
        };
        assert!(!touch.overdue(&at(11, 26, 9)));
        assert!(touch.overdue(&at(11, 28, 9)));
        assert_eq!(
            touch.phrase(&at(11, 28, 9)),
            "no contact for 16 days (every 2 weeks)"
        );
        assert_eq!(touch.cell(&at(11, 28, 9)), "16d ago/2w !");
        assert_eq!(
            touch.phrase(&at(11, 13, 10)),
            "in touch 1 day ago (every 2 weeks)"
        );
    }

    #[test]
    fn with_nothing_yet_the_clock_starts_when_they_were_added() {
        let touch = Touch {
            every_days: 7,
            last: None,
            since: at(11, 18, 9),
        };
        assert!(touch.overdue(&at(11, 28, 9)));
        assert_eq!(
            touch.phrase(&at(11, 28, 9)),
            "no contact yet, 10 days since they were added (every week)"
        );
    }
}
