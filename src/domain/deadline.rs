//! Deadlines that know their asks: one is at risk while the asks feeding it are still open close
//! to the due time, or are due back after it.

use chrono::Duration;

use crate::when::Moment;

/// How close to the due time open asks make a deadline at risk.
pub const RISK_WINDOW_HOURS: i64 = 48;

/// `open_asks`: open asks linked to it; `late_asks`: those whose need-by is after its due time.
pub fn at_risk(due: Option<&Moment>, open_asks: u32, late_asks: u32, now: &Moment) -> bool {
    late_asks > 0
        || (open_asks > 0
            && due.is_some_and(|due| *due - *now <= Duration::hours(RISK_WINDOW_HOURS)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::when::testing::london_at;

    fn at(d: u32, h: u32) -> Moment {
        london_at(11, d, h, 0)
    }

    #[test]
    fn risk() {
        let now = at(28, 9);
        // Due in 8 h with an open ask: at risk.
        assert!(at_risk(Some(&at(28, 17)), 1, 0, &now));
        // Due in 5 days with an open ask: not yet.
        assert!(!at_risk(Some(&(now + Duration::days(5))), 1, 0, &now));
        // An ask due back after the deadline: at risk however far away.
        assert!(at_risk(Some(&(now + Duration::days(5))), 1, 1, &now));
        // Nothing open: never.
        assert!(!at_risk(Some(&at(28, 17)), 0, 0, &now));
    }
}
