//! Reminders that reach the user away from the dashboard: what has newly come due, in words a
//! notification can carry, and when not to send them. Each reminder has a key and a due moment;
//! one (key, due) pair is sent once. Snoozing or acting moves the due moment, so it is new again.

use chrono::{Datelike, NaiveTime};
use serde::Serialize;

use super::escalation::next_channel;
use super::item::{Item, Kind};
use super::stress::Sprint;
use super::words::{capitalized, day_time, span};
use crate::when::{Moment, WorkWeek};

/// What came due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// An ask's need-by has been reached without an answer.
    NeedBy,
    /// An ask's check-back time has come.
    CheckBack,
    /// A deadline entered the tight window.
    Tight,
    /// A check-in is due while a deadline is tight.
    Checkin,
    /// A focus sprint ran out.
    SprintOver,
    /// A reply to an open ask was found in the mail.
    Replied,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Event::NeedBy => "need_by",
            Event::CheckBack => "check_back",
            Event::Tight => "tight",
            Event::Checkin => "checkin",
            Event::SprintOver => "sprint_over",
            Event::Replied => "replied",
        }
    }
}

/// One thing to tell the user.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reminder {
    /// What it is about, stable across runs ("check:<uuid>").
    pub key: String,
    /// The moment it came due: with the key, what is remembered as sent.
    #[serde(serialize_with = "seconds")]
    pub due: Moment,
    pub event: Event,
    /// The item it is about, when there is one.
    pub item_id: Option<i64>,
    /// One line: "Check back with Dana: customer quotes".
    pub summary: String,
    /// The suggested next step: "Call Dana — the email got no answer".
    pub body: String,
}

fn seconds<S: serde::Serializer>(moment: &Moment, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&moment.to_rfc3339())
}

/// The reminders an open ask holds now: its need-by reached, its check-back due. The need-by
/// comes first; both are listed, so both are remembered once the first is sent.
pub fn for_ask(item: &Item, now: &Moment) -> Vec<Reminder> {
    if item.kind != Kind::Ask || !item.is_open() {
        return Vec::new();
    }
    let person = item.person.as_deref().unwrap_or("them");
    let next = next_channel(item.channel, &item.chased);
    let step = match next {
        super::Channel::InPerson => format!("Walk over to {person}"),
        super::Channel::Call => format!("Call {person}"),
        other => format!("{} {person}", capitalized(other.label())),
    };
    let chased = item.chased.count();
    let tried = match (item.chased.last.or(item.channel), chased) {
        (Some(last), 0) if last.is_written() => format!(" — the {} got no answer", last.label()),
        (_, 0) => String::new(),
        (_, 1) => " — chased once so far".to_string(),
        (_, n) => format!(" — chased {n} times so far"),
    };
    let body = match &item.why {
        Some(why) => format!("{step}{tried}. Why it matters: {why}."),
        None => format!("{step}{tried}."),
    };
    let mut out = Vec::new();
    if let Some(need_by) = item.need_by.filter(|n| n <= now) {
        out.push(Reminder {
            key: format!("needby:{}", item.uuid),
            due: need_by,
            event: Event::NeedBy,
            item_id: Some(item.id),
            summary: format!(
                "Needed by {}: {person}'s {}",
                day_time(&need_by, now),
                item.title
            ),
            body: body.clone(),
        });
    }
    if let Some(check) = item.next_check.filter(|c| c <= now) {
        out.push(Reminder {
            key: format!("check:{}", item.uuid),
            due: check,
            event: Event::CheckBack,
            item_id: Some(item.id),
            summary: format!("Check back with {person}: {}", item.title),
            body,
        });
    }
    out
}

/// A deadline that is in the tight window now (`since` is when it entered it).
pub fn for_tight_deadline(deadline: &Item, since: Moment, now: &Moment) -> Option<Reminder> {
    let due = deadline.due?;
    if since > *now || !deadline.is_open() {
        return None;
    }
    let left = if due > *now {
        format!("due {} (in {})", day_time(&due, now), span(due - *now))
    } else {
        format!("overdue since {}", day_time(&due, now))
    };
    Some(Reminder {
        key: format!("tight:{}", deadline.uuid),
        due: since,
        event: Event::Tight,
        item_id: Some(deadline.id),
        summary: format!("Tight deadline: {} {left}", deadline.title),
        body: "Start a focus sprint on the Stress pane, and check in as you go.".into(),
    })
}

/// A stress check-in that came due while `deadline` is tight.
pub fn for_checkin(deadline: &Item, at: Moment, now: &Moment) -> Option<Reminder> {
    if at > *now {
        return None;
    }
    Some(Reminder {
        key: format!("checkin:{}", deadline.uuid),
        due: at,
        event: Event::Checkin,
        item_id: Some(deadline.id),
        summary: format!("Time for a check-in: {}", deadline.title),
        body: "How is it going, 1 (calm) to 5 (overwhelmed)? nudge checkin N".into(),
    })
}

/// A sprint that ran out (`deadline` is what it was for, when known).
pub fn for_sprint(sprint: &Sprint, deadline: Option<&Item>, now: &Moment) -> Option<Reminder> {
    if !sprint.is_over(now) || sprint.ended_at.is_some() {
        return None;
    }
    let minutes = sprint.length.num_minutes();
    let summary = match deadline {
        Some(d) => format!("Sprint over: {minutes} min on {}", d.title),
        None => format!("Sprint over: {minutes} min"),
    };
    Some(Reminder {
        key: format!("sprint:{}", sprint.id),
        due: sprint.ends_at(),
        event: Event::SprintOver,
        item_id: deadline.map(|d| d.id),
        summary,
        body: "Take a break, then say how it went on the Stress pane.".into(),
    })
}

/// A reply found in the mail to an open ask: worth knowing at once, since one key settles it.
pub fn for_reply(reply: &super::mail::Suggestion, now: &Moment) -> Reminder {
    let who = reply
        .person
        .as_deref()
        .map(super::person::first_name)
        .unwrap_or_else(|| reply.from.clone());
    Reminder {
        key: format!("reply:{}", reply.id),
        due: reply.at,
        event: Event::Replied,
        item_id: Some(reply.item_id),
        summary: format!("{who} replied: {}", reply.title),
        body: format!(
            "'{}' ({}). If it is the answer: nudge mail received {}",
            reply.subject,
            day_time(&reply.at, now),
            reply.item_id
        ),
    }
}

/// When reminders wait: inside the quiet hours, and on days off when only work days count.
#[derive(Debug, Clone, PartialEq)]
pub struct Quiet {
    /// From, until (local clock); the span may run over midnight ("19:00-08:00").
    pub hours: Option<(NaiveTime, NaiveTime)>,
    pub work_days_only: bool,
}

impl Quiet {
    /// Whether nothing should be sent at `now`.
    pub fn holds(&self, now: &Moment, week: &WorkWeek) -> bool {
        if self.work_days_only && !week.is_work_day(now.date_naive()) {
            return true;
        }
        let Some((from, until)) = self.hours else {
            return false;
        };
        let t = now.time();
        if from <= until {
            from <= t && t < until
        } else {
            t >= from || t < until
        }
    }

    /// Why nothing is sent now, in words.
    pub fn reason(&self, now: &Moment, week: &WorkWeek) -> Option<String> {
        if !self.holds(now, week) {
            return None;
        }
        if self.work_days_only && !week.is_work_day(now.date_naive()) {
            return Some(format!(
                "{} is not a work day ([notify] work_days_only)",
                now.weekday()
            ));
        }
        let (from, until) = self.hours?;
        Some(format!(
            "quiet hours {}-{} ([notify] quiet_hours)",
            from.format("%H:%M"),
            until.format("%H:%M")
        ))
    }
}

/// At most this many notifications in one run; the rest are summed up in one more.
pub const MOST_AT_ONCE: usize = 5;

/// What one run sends: the first few reminders one by one, and a line for the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch<'a> {
    pub each: Vec<&'a Reminder>,
    /// "And 3 more" when some did not get their own notification.
    pub rest: Option<String>,
    /// How many did not.
    pub more: usize,
}

/// The reminders of one run grouped per item (an item gets one notification even when two of
/// its moments came due), the first `MOST_AT_ONCE` of them on their own.
pub fn batch(new: &[Reminder]) -> Batch<'_> {
    let mut each: Vec<&Reminder> = Vec::new();
    for reminder in new {
        let of_an_ask = |r: &Reminder| matches!(r.event, Event::NeedBy | Event::CheckBack);
        let same_item = of_an_ask(reminder)
            && each
                .iter()
                .any(|r| of_an_ask(r) && r.item_id == reminder.item_id);
        if !same_item {
            each.push(reminder);
        }
    }
    let more = each.len().saturating_sub(MOST_AT_ONCE);
    each.truncate(MOST_AT_ONCE);
    let rest = (more > 0).then(|| {
        format!(
            "And {more} more need{} attention — nudge due lists them",
            if more == 1 { "s" } else { "" }
        )
    });
    Batch { each, rest, more }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Channel;
    use crate::domain::escalation::Chased;
    use crate::when::testing::london_at;
    use chrono::Duration;

    fn ask(now: Moment) -> Item {
        let mut item = Item::blank(Kind::Ask, now);
        item.id = 7;
        item.uuid = "u7".into();
        item.title = "customer quotes".into();
        item.person = Some("Dana".into());
        item.channel = Some(Channel::Email);
        item.why = Some("the Acme case study".into());
        item
    }

    #[test]
    fn a_check_back_that_came_due_suggests_the_louder_channel() {
        let now = london_at(11, 27, 9, 0);
        let mut item = ask(now);
        item.next_check = Some(now - Duration::hours(1));
        let got = for_ask(&item, &now);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].summary, "Check back with Dana: customer quotes");
        assert_eq!(
            got[0].body,
            "Call Dana — the email got no answer. Why it matters: the Acme case study."
        );
        assert_eq!(got[0].key, "check:u7");
        assert_eq!(got[0].due, now - Duration::hours(1));
    }

    #[test]
    fn nothing_before_its_moment_and_nothing_for_a_closed_ask() {
        let now = london_at(11, 27, 9, 0);
        let mut item = ask(now);
        item.next_check = Some(now + Duration::minutes(1));
        item.need_by = Some(now + Duration::days(1));
        assert!(for_ask(&item, &now).is_empty());
        item.next_check = Some(now);
        item.status = crate::domain::Status::Received;
        assert!(for_ask(&item, &now).is_empty());
    }

    #[test]
    fn an_ask_chased_by_call_twice_says_walk_over() {
        let now = london_at(11, 27, 9, 0);
        let mut item = ask(now);
        item.chased = Chased::of(&[Channel::Call, Channel::Call]);
        item.need_by = Some(now - Duration::minutes(5));
        item.next_check = Some(now - Duration::minutes(5));
        let got = for_ask(&item, &now);
        assert_eq!(got[0].event, Event::NeedBy);
        assert_eq!(
            got[0].summary,
            "Needed by today 08:55: Dana's customer quotes"
        );
        assert!(
            got[0]
                .body
                .starts_with("Walk over to Dana — chased 2 times")
        );
        // One item, one notification, though both its moments are new.
        assert_eq!(batch(&got).each.len(), 1);
    }

    #[test]
    fn a_tight_deadline_and_its_checkin() {
        let now = london_at(11, 27, 9, 0);
        let mut d = Item::blank(Kind::Deadline, now);
        d.uuid = "d1".into();
        d.title = "Q4 launch deck".into();
        d.due = Some(now + Duration::hours(8));
        let since = now - Duration::hours(16);
        let r = for_tight_deadline(&d, since, &now).expect("tight");
        assert_eq!(
            r.summary,
            "Tight deadline: Q4 launch deck due today 17:00 (in 8h)"
        );
        assert!(for_tight_deadline(&d, now + Duration::minutes(1), &now).is_none());
        assert!(for_checkin(&d, now + Duration::minutes(1), &now).is_none());
        assert_eq!(
            for_checkin(&d, now, &now).map(|r| r.key),
            Some("checkin:d1".to_string())
        );
    }

    #[test]
    fn a_sprint_that_ran_out() {
        let now = london_at(11, 27, 9, 0);
        let sprint = Sprint {
            id: 3,
            deadline_id: None,
            started_at: now - Duration::minutes(30),
            length: Duration::minutes(25),
            ended_at: None,
            outcome: crate::domain::stress::Outcome::Running,
        };
        let r = for_sprint(&sprint, None, &now).expect("over");
        assert_eq!(r.summary, "Sprint over: 25 min");
        assert_eq!(r.due, now - Duration::minutes(5));
        let running = Sprint {
            length: Duration::minutes(45),
            ..sprint
        };
        assert!(for_sprint(&running, None, &now).is_none());
    }

    #[test]
    fn quiet_hours_over_midnight_and_days_off() {
        let week = WorkWeek::default();
        let quiet = Quiet {
            hours: Some((crate::when::hm(19, 0), crate::when::hm(8, 0))),
            work_days_only: true,
        };
        // Friday 27 Nov 2026.
        assert!(!quiet.holds(&london_at(11, 27, 9, 0), &week));
        assert!(quiet.holds(&london_at(11, 27, 19, 0), &week));
        assert!(quiet.holds(&london_at(11, 27, 7, 59), &week));
        assert!(!quiet.holds(&london_at(11, 27, 8, 0), &week));
        // Saturday.
        assert!(quiet.holds(&london_at(11, 28, 12, 0), &week));
        let weekends_too = Quiet {
            work_days_only: false,
            ..quiet.clone()
        };
        assert!(!weekends_too.holds(&london_at(11, 28, 12, 0), &week));
        let daytime = Quiet {
            hours: Some((crate::when::hm(12, 0), crate::when::hm(13, 0))),
            work_days_only: false,
        };
        assert!(daytime.holds(&london_at(11, 27, 12, 30), &week));
        assert!(!daytime.holds(&london_at(11, 27, 13, 0), &week));
    }

    #[test]
    fn more_than_five_are_summed_up() {
        let now = london_at(11, 27, 9, 0);
        let many: Vec<Reminder> = (0..8)
            .map(|i| {
                let mut item = ask(now);
                item.id = i;
                item.uuid = format!("u{i}");
                item.next_check = Some(now);
                for_ask(&item, &now).remove(0)
            })
            .collect();
        let b = batch(&many);
        assert_eq!(b.each.len(), MOST_AT_ONCE);
        assert_eq!(
            b.rest.as_deref(),
            Some("And 3 more need attention — nudge due lists them")
        );
    }
}
