//! `nudge demo --scale N`: `n` items over years of history, drawn from the data's pools, with a
//! realistic share still open (the recent ones, and a forgotten few).

use chrono::Duration;

use super::{AskSeed, DemoError, Maker};
use crate::domain::favor::Direction;
use crate::domain::{Channel, Status};

impl Maker<'_, '_> {
    pub(super) fn scaled(
        &mut self,
        n: u64,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<(), DemoError> {
        let span_hours = (n as i64 / 50).clamp(90, 365 * 8) * 24;
        let mut deadline_ids: Vec<i64> = Vec::new();
        for i in 0..n {
            if i % 5000 == 0 {
                progress(i, n);
            }
            // Evenly spread from the past up to now; the newest are the most likely still open.
            let age = span_hours - (span_hours * i as i64) / n.max(1) as i64;
            let created = self.ago(age.max(1));
            let roll = self.dice.below(100);
            if roll < 7 {
                deadline_ids.push(self.scaled_deadline(i, created)?);
                continue;
            }
            let person = self.dice.below(self.people.len() as u64) as usize;
            if i % 40 == 0 {
                let (id, _, _) = self.people[person].clone();
                let way = if self.dice.chance(55) {
                    Direction::Gave
                } else {
                    Direction::Got
                };
                self.bulk
                    .favor(id, way, "covered a review at short notice", &created)?;
            }
            if roll < 10 {
                let (said, criticised, piece) =
                    self.dice.pick_or_default(&self.data.pool.critiques);
                let status = if age > 24 * 30 {
                    Status::Proofed
                } else {
                    self.dice
                        .pick(&[Status::ToSend, Status::Sent, Status::Accepted])
                        .unwrap_or(Status::ToSend)
                };
                self.proofing(person, &said, &criticised, &piece, None, status, created)?;
                continue;
            }
            let feeds = deadline_ids.last().copied();
            self.scaled_ask(person, age, created, feeds)?;
        }
        progress(n, n);
        Ok(())
    }

    fn scaled_deadline(&mut self, i: u64, created: crate::when::Moment) -> Result<i64, DemoError> {
        let (title, tag) = self.dice.pick_or_default(&self.data.pool.deadlines);
        let due = created + Duration::days(7 + self.dice.below(20) as i64);
        let closed = (due < self.now).then(|| {
            if self.dice.chance(85) {
                Status::Done
            } else {
                Status::Missed
            }
        });
        Ok(self.deadline(&format!("{title} {}", i / 97), &tag, due, closed)?)
    }

    /// One ask made `age` hours ago; recent ones may feed the latest deadline, `feeds`.
    fn scaled_ask(
        &mut self,
        person: usize,
        age: i64,
        created: crate::when::Moment,
        feeds: Option<i64>,
    ) -> Result<(), DemoError> {
        use Channel::*;
        let (title, why) = self.dice.pick_or_default(&self.data.pool.asks);
        let pace = self.people[person].2;
        let channel = self
            .dice
            .pick(&[Email, Email, Email, Chat, Chat, Call, InPerson])
            .unwrap_or(Email);
        let need_by = created + Duration::days(2 + self.dice.below(12) as i64);
        let took = pace / 2 + self.dice.below(pace as u64 * 2) as i64;
        let answered_at = created + Duration::hours(took);
        let recent = age < 24 * 21;
        let still_open = if recent {
            answered_at > self.now || self.dice.chance(5)
        } else {
            // Old asks still open are the forgotten few.
            self.dice.one_in(1000)
        };
        let closed = (!still_open).then(|| {
            let status = match self.dice.below(20) {
                0 => Status::Declined,
                1 => Status::Dropped,
                _ => Status::Received,
            };
            (status, answered_at.min(self.now))
        });
        let count = self.dice.below(4) as i64;
        let mut follow: Vec<(i64, Channel)> = (1..=count)
            .map(|k| (k * 40, if k >= 2 { Call } else { channel }))
            .filter(|(h, _)| created + Duration::hours(*h) < self.now)
            .collect();
        // Most open asks were chased lately, so their next check-back is still ahead.
        let hours_ago = 1 + self.dice.below(30) as i64;
        let lately = (self.now - created).num_hours() - hours_ago;
        if still_open && lately > follow.last().map_or(0, |f| f.0) && self.dice.chance(90) {
            follow.push((lately, Call));
        }
        let deadline = (recent && self.dice.chance(15)).then_some(feeds).flatten();
        self.ask(AskSeed {
            person,
            title: &title,
            why: &why,
            channel,
            asked: created,
            need_by: Some(need_by),
            deadline,
            closed,
            follow_ups: &follow,
        })?;
        Ok(())
    }
}
