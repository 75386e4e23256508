//! The user's working week: which days count and when a workday ends.
//! Date-only inputs mean the end of the workday; check-backs land at the start of one.

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkWeek {
    /// Monday first.
    pub days: [bool; 7],
    /// What a date without a time means ("fri" = Friday at this time).
    pub end_of_day: NaiveTime,
    /// When check-backs are scheduled.
    pub start_of_day: NaiveTime,
}

impl Default for WorkWeek {
    fn default() -> Self {
        WorkWeek {
            days: [true, true, true, true, true, false, false],
            end_of_day: hm(17, 0),
            start_of_day: hm(9, 0),
        }
    }
}

/// A clock time from hours and minutes (midnight when out of range).
pub fn hm(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN)
}

impl WorkWeek {
    pub fn is_work_day(&self, date: NaiveDate) -> bool {
        let any = self.days.iter().any(|d| *d);
        // A week with no work days would make every search below endless; treat it as all days.
        !any || self.days[date.weekday().num_days_from_monday() as usize]
    }

    /// The `n`th work day after `date` (n = 0 gives `date` itself when it is a work day, else the next one).
    pub fn add_work_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut day = date;
        if n == 0 {
            while !self.is_work_day(day) {
                day = next_day(day);
            }
            return day;
        }
        let mut left = n;
        while left > 0 {
            day = next_day(day);
            if self.is_work_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// The `n`th work day before `date`.
    pub fn sub_work_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut day = date;
        let mut left = n;
        while left > 0 {
            day = day.checked_sub_days(Days::new(1)).unwrap_or(day);
            if self.is_work_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// The last work day of the Monday-first week holding `date`.
    pub fn last_work_day_of_week(&self, date: NaiveDate) -> NaiveDate {
        let monday = date - chrono::Duration::days(date.weekday().num_days_from_monday() as i64);
        (0..7)
            .rev()
            .map(|i| monday + chrono::Duration::days(i))
            .find(|d| self.is_work_day(*d))
            .unwrap_or(monday + chrono::Duration::days(6))
    }
}

pub(crate) fn next_day(day: NaiveDate) -> NaiveDate {
    day.checked_add_days(Days::new(1)).unwrap_or(day)
}

pub fn weekday_index(day: Weekday) -> usize {
    day.num_days_from_monday() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn work_days_skip_the_weekend() {
        let week = WorkWeek::default();
        // Fri 27 Nov 2026 + 1 work day = Mon 30 Nov.
        assert_eq!(week.add_work_days(d(2026, 11, 27), 1), d(2026, 11, 30));
        // Sat + 2 = Tue.
        assert_eq!(week.add_work_days(d(2026, 11, 28), 2), d(2026, 12, 1));
        // Mon - 1 = Fri.
        assert_eq!(week.sub_work_days(d(2026, 11, 30), 1), d(2026, 11, 27));
        assert_eq!(week.add_work_days(d(2026, 11, 28), 0), d(2026, 11, 30));
        assert_eq!(week.last_work_day_of_week(d(2026, 11, 25)), d(2026, 11, 27));
    }

    #[test]
    fn a_week_without_work_days_does_not_hang() {
        let week = WorkWeek {
            days: [false; 7],
            ..WorkWeek::default()
        };
        assert_eq!(week.add_work_days(d(2026, 11, 28), 3), d(2026, 12, 1));
    }
}
