//! The default demo: the week `assets/demo.toml` describes, with a generated history behind it
//! (answered asks, so reply times mean something; three weeks of check-ins and sprints).

use chrono::Duration;

use super::{AskSeed, DemoError, Maker};
use crate::domain::{Channel, Status, Stress};

impl Maker<'_, '_> {
    pub(super) fn week(&mut self) -> Result<(), DemoError> {
        let data = self.data;
        let mut deadlines = Vec::new();
        for d in &data.week.deadlines {
            let due = self.at_day(d.day, d.hour);
            let id = self.deadline(&d.title, &d.tag, due, d.closed)?;
            deadlines.push((d.title.as_str(), id));
        }
        let feeds = |title: &Option<String>| -> Result<Option<i64>, DemoError> {
            let Some(title) = title else {
                return Ok(None);
            };
            deadlines
                .iter()
                .find(|(t, _)| t == title)
                .map(|(_, id)| Some(*id))
                .ok_or_else(|| DemoError::Data(format!("no deadline of the week \"{title}\"")))
        };
        // Open asks, in every state the panes know.
        for ask in &data.week.asks {
            let seed = AskSeed {
                person: self.who(&ask.person)?,
                title: &ask.title,
                why: &ask.why,
                channel: ask.via,
                asked: self.ago(ask.hours_ago),
                need_by: ask.need_by.map(|(day, hour)| self.at_day(day, hour)),
                deadline: feeds(&ask.feeds)?,
                closed: None,
                follow_ups: &ask.follow_ups,
            };
            self.ask(seed)?;
        }
        self.history(data.week.history_asks)?;
        for p in &data.week.proofing {
            let person = self.who(&p.person)?;
            let at = self.ago(p.hours_ago);
            let deadline = feeds(&p.feeds)?;
            self.proofing(
                person,
                &p.said,
                &p.criticised,
                &p.piece,
                deadline,
                p.status,
                at,
            )?;
        }
        for c in &data.week.critiques {
            let person = self.who(&c.person)?;
            self.critique(person, &c.said, c.answer, self.ago(c.hours_ago))?;
        }
        for f in &data.week.favors {
            let (id, _, _) = self.people[self.who(&f.person)?].clone();
            self.bulk
                .favor(id, f.way, &f.what, &self.ago(24 * f.days_ago))?;
        }
        self.stress_history(feeds(&Some("Q4 launch deck".into()))?)?;
        for s in &data.week.sprints {
            let started = self.at_day(-s.days_ago, s.hour);
            let ended = started + Duration::minutes(s.minutes);
            let deadline = feeds(&Some(s.deadline.clone()))?;
            self.bulk
                .sprint(deadline, &started, 25 * 60, &ended, s.outcome)?;
        }
        Ok(())
    }

    /// `count` asks before this week: answered, declined and dropped, drawn from the pool.
    fn history(&mut self, count: u64) -> Result<(), DemoError> {
        use Channel::*;
        let people = self.data.people.len().max(1) as u64;
        for i in 0..count {
            let person = (i % people) as usize;
            let pace = self.data.people.get(person).map_or(48, |p| p.pace_hours);
            let (title, why) = self.dice.pick_or_default(&self.data.pool.asks);
            let asked = self.ago(24 * (10 + i as i64 * 2));
            let took = pace / 2 + self.dice.below(pace as u64) as i64;
            let channel = self
                .dice
                .pick(&[Email, Email, Chat, Call, InPerson])
                .unwrap_or(Email);
            let follow: Vec<(i64, Channel)> = if took > 48 {
                vec![(48, Call)]
            } else {
                Vec::new()
            };
            let status = match i % 12 {
                5 => Status::Declined,
                9 => Status::Dropped,
                _ => Status::Received,
            };
            self.ask(AskSeed {
                person,
                title: &title,
                why: &why,
                channel,
                asked,
                need_by: Some(asked + Duration::days(5)),
                deadline: None,
                closed: Some((status, asked + Duration::hours(took))),
                follow_ups: &follow,
            })?;
        }
        Ok(())
    }

    /// Three weeks of check-ins on work days, stress rising towards the launch (the last three
    /// days are about it).
    fn stress_history(&mut self, launch: Option<i64>) -> Result<(), DemoError> {
        for days_ago in (1..=21i64).rev() {
            let day = self.at_day(-days_ago, 10);
            if !self.rule.week.is_work_day(day.date_naive()) {
                continue;
            }
            let count = 1 + self.dice.below(2) as i64;
            for k in 0..count {
                let base = if days_ago <= 3 { 3 } else { 2 };
                let stress = Stress::new((base + self.dice.below(3) as i64).min(5))
                    .unwrap_or(Stress::HIGHEST);
                let at = day + Duration::hours(k * 4);
                let deadline = launch.filter(|_| days_ago <= 3);
                let slowdown = if stress.is_high() { 60 } else { 0 };
                let action = self.dice.pick_or_default(&self.data.pool.next_actions);
                self.bulk
                    .checkin(&at, stress, deadline, "", slowdown, &action)?;
            }
        }
        Ok(())
    }
}
