//! When to check back on an ask: nudge owns the reminder, so the user never has to remember.

use crate::when::{self, Moment, WorkWeek};

/// The user's rule for check-backs (from the config).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckBackRule {
    pub week: WorkWeek,
    /// Work days between an ask and its first check-back.
    pub after_work_days: u32,
}

impl Default for CheckBackRule {
    fn default() -> Self {
        CheckBackRule {
            week: WorkWeek::default(),
            after_work_days: 2,
        }
    }
}

impl CheckBackRule {
    /// The first check-back: some work days after the ask at the start of the day, but never later
    /// than one work day before the need-by (at the need-by's own clock time).
    pub fn first(&self, asked: &Moment, need_by: Option<&Moment>) -> Moment {
        let zone = asked.timezone();
        let day = self
            .week
            .add_work_days(asked.date_naive(), self.after_work_days);
        let mut check = when::local(&zone, day, self.week.start_of_day);
        if let Some(need_by) = need_by {
            let latest_day = self.week.sub_work_days(need_by.date_naive(), 1);
            let latest = when::local(&zone, latest_day, need_by.time());
            if check > latest {
                check = latest;
            }
            if check <= *asked {
                // Less than a work day to go: look again halfway there, in working hours if
                // that still comes before the need-by.
                let half = halfway(asked, need_by);
                let working = self.working_time(&half);
                check = if working < *need_by {
                    working
                } else {
                    self.waking_time(&half, asked, need_by)
                };
            }
        }
        check
    }

    /// After a follow-up: halfway to the need-by but at least the next work day; once the need-by
    /// has passed, every work day.
    pub fn after_follow_up(&self, at: &Moment, need_by: Option<&Moment>) -> Moment {
        let zone = at.timezone();
        let next_work_day = when::local(
            &zone,
            self.week.add_work_days(at.date_naive(), 1),
            self.week.start_of_day,
        );
        match need_by {
            Some(need_by) if need_by > at => {
                let half = self.working_time(&halfway(at, need_by));
                if half <= next_work_day {
                    next_work_day
                } else {
                    half
                }
            }
            Some(_) => next_work_day,
            None => self.first(at, None),
        }
    }
}

impl CheckBackRule {
    /// `moment` if it falls in working hours, else the start of the next working day.
    fn working_time(&self, moment: &Moment) -> Moment {
        let zone = moment.timezone();
        let (date, time) = (moment.date_naive(), moment.time());
        let week = &self.week;
        if week.is_work_day(date) && time >= week.start_of_day && time <= week.end_of_day {
            return *moment;
        }
        let day = if week.is_work_day(date) && time < week.start_of_day {
            date
        } else {
            week.add_work_days(date, 1)
        };
        when::local(&zone, day, week.start_of_day)
    }
}

impl CheckBackRule {
    /// No working hours are left before the need-by (a weekend ask): rather than the middle of
    /// the night, the nearest start or end of a day between the ask and the need-by, the earlier
    /// on a tie. `moment` itself when it is already in the day's hours or nothing fits.
    fn waking_time(&self, moment: &Moment, asked: &Moment, need_by: &Moment) -> Moment {
        let (start, end) = (self.week.start_of_day, self.week.end_of_day);
        if moment.time() >= start && moment.time() <= end {
            return *moment;
        }
        let zone = moment.timezone();
        let date = moment.date_naive();
        let days = [date.pred_opt(), Some(date), date.succ_opt()];
        let mut candidates: Vec<Moment> = days
            .into_iter()
            .flatten()
            .flat_map(|day| [when::local(&zone, day, start), when::local(&zone, day, end)])
            .filter(|c| c > asked && c < need_by)
            .collect();
        candidates.sort_by_key(|c| ((*c - *moment).num_seconds().abs(), c.timestamp()));
        candidates.first().copied().unwrap_or(*moment)
    }
}

fn halfway(from: &Moment, to: &Moment) -> Moment {
    if to > from {
        *from + (*to - *from) / 2
    } else {
        *from
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::when::testing::{london, london_at};
    use chrono::TimeZone;

    fn at(d: u32, h: u32, m: u32) -> Moment {
        london_at(11, d, h, m)
    }

    fn dec(d: u32, h: u32, m: u32) -> Moment {
        london()
            .with_ymd_and_hms(2026, 12, d, h, m, 0)
            .earliest()
            .expect("moment")
    }

    fn rule() -> CheckBackRule {
        CheckBackRule::default()
    }

    #[test]
    fn a_weekend_ask_is_never_checked_in_the_night() {
        // Asked Sat 09:00, needed Sun 17:00: halfway is Sun 01:00; Sat 17:00 and Sun 09:00 are as
        // near, and the earlier wins.
        assert_eq!(
            rule().first(&at(28, 9, 0), Some(&at(29, 17, 0))),
            at(28, 17, 0)
        );
        // Asked Sat 20:00, needed Sun 12:00: halfway Sun 04:00 → Sun 09:00.
        assert_eq!(
            rule().first(&at(28, 20, 0), Some(&at(29, 12, 0))),
            at(29, 9, 0)
        );
        // Asked Sat 23:00, needed Sun 03:00: nothing fits, halfway it is.
        assert_eq!(
            rule().first(&at(28, 23, 0), Some(&at(29, 3, 0))),
            at(29, 1, 0)
        );
    }

    #[test]
    fn first_check_back_is_two_work_days_later_at_nine() {
        // Asked Tue 24 Nov → Thu 26 Nov 09:00.
        assert_eq!(rule().first(&at(24, 11, 0), None), at(26, 9, 0));
        // Asked Thu → the weekend does not count: Mon 30 Nov 09:00.
        assert_eq!(rule().first(&at(26, 15, 0), None), at(30, 9, 0));
        // Asked on a Saturday → Tue 1 Dec.
        assert_eq!(rule().first(&at(28, 9, 0), None), dec(1, 9, 0));
    }

    #[test]
    fn first_check_back_is_a_work_day_before_the_need_by() {
        // Asked Mon 23, need by Fri 27 17:00 → the default Wed 09:00 is early enough.
        assert_eq!(
            rule().first(&at(23, 10, 0), Some(&at(27, 17, 0))),
            at(25, 9, 0)
        );
        // Asked Wed 25, need by Fri 27 17:00 → Thu 26 17:00, not Fri 09:00.
        assert_eq!(
            rule().first(&at(25, 10, 0), Some(&at(27, 17, 0))),
            at(26, 17, 0)
        );
        // Asked Fri, need by Mon 17:00 → a work day before is Fri 17:00, later the same day.
        assert_eq!(
            rule().first(&at(27, 9, 0), Some(&at(30, 17, 0))),
            at(27, 17, 0)
        );
    }

    #[test]
    fn a_need_by_too_close_for_a_work_day_is_checked_halfway() {
        // Asked Sat 09:00, need by Mon 17:00: one work day before is already past; halfway is
        // Sunday, so the start of Monday.
        assert_eq!(
            rule().first(&at(28, 9, 0), Some(&at(30, 17, 0))),
            at(30, 9, 0)
        );
        // Asked Mon 09:00, need by Mon 17:00: halfway, 13:00.
        assert_eq!(
            rule().first(&at(30, 9, 0), Some(&at(30, 17, 0))),
            at(30, 13, 0)
        );
        // Asked Sun 22:00, need by Mon 08:00: Monday's start is too late, so halfway it is.
        assert_eq!(
            rule().first(&at(29, 22, 0), Some(&at(30, 8, 0))),
            at(30, 3, 0)
        );
        // A need-by already past: check at once.
        assert_eq!(
            rule().first(&at(28, 9, 0), Some(&at(27, 17, 0))),
            at(28, 9, 0)
        );
    }

    #[test]
    fn after_a_follow_up_halfway_to_the_need_by() {
        // Followed up Mon 23 09:00, need by Fri 4 Dec 17:00 → halfway is Sat 28 → Mon 30 09:00.
        assert_eq!(
            rule().after_follow_up(&at(23, 9, 0), Some(&dec(4, 17, 0))),
            at(30, 9, 0)
        );
        // Followed up Mon 23 09:00, need by Mon 7 Dec 09:00 → exactly halfway, Mon 30 09:00.
        assert_eq!(
            rule().after_follow_up(&at(23, 9, 0), Some(&dec(7, 9, 0))),
            at(30, 9, 0)
        );
        // Followed up Mon 23 09:00, need by Fri 27 17:00 → halfway Wed 25 13:00.
        assert_eq!(
            rule().after_follow_up(&at(23, 9, 0), Some(&at(27, 17, 0))),
            at(25, 13, 0)
        );
        // Followed up Tue 24 09:00, need by Tue 1 Dec 17:00 → halfway is Sat 28 01:00 → Mon 30 09:00.
        assert_eq!(
            rule().after_follow_up(&at(24, 9, 0), Some(&dec(1, 17, 0))),
            at(30, 9, 0)
        );
    }

    #[test]
    fn after_a_follow_up_at_least_one_work_day_later() {
        // Fri 27 16:00, need by Mon 30 17:00: halfway is Sun → but at least Mon 09:00.
        assert_eq!(
            rule().after_follow_up(&at(27, 16, 0), Some(&at(30, 17, 0))),
            at(30, 9, 0)
        );
        // Two follow-ups on the same day both land on the next work day.
        let first = rule().after_follow_up(&at(24, 9, 0), Some(&at(25, 17, 0)));
        let second = rule().after_follow_up(&at(24, 15, 0), Some(&at(25, 17, 0)));
        assert_eq!(first, at(25, 9, 0));
        assert_eq!(second, at(25, 9, 0));
    }

    #[test]
    fn once_the_need_by_has_passed_every_work_day() {
        // Need-by was Wed 25; chased Thu 26 → Fri 27 09:00; chased Fri → Mon 30 09:00.
        assert_eq!(
            rule().after_follow_up(&at(26, 10, 0), Some(&at(25, 17, 0))),
            at(27, 9, 0)
        );
        assert_eq!(
            rule().after_follow_up(&at(27, 10, 0), Some(&at(25, 17, 0))),
            at(30, 9, 0)
        );
    }

    #[test]
    fn without_a_need_by_the_default_rule_applies_again() {
        assert_eq!(rule().after_follow_up(&at(24, 11, 0), None), at(26, 9, 0));
    }
}
