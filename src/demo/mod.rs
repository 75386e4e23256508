//! Realistic sample data, relative to `now`: a marketer's colleagues, their asks with follow-up
//! histories, deadlines, critiques turned into proofing invitations. The people, the week and
//! the words are data (`assets/demo.toml`); this generator places them in time. Deterministic
//! for a given `now`, so screenshots and snapshots are stable. `scale` makes any number of
//! items, spread over years of history with a realistic share still open.

mod data;
mod scaled;
mod week;

use chrono::Duration;

use crate::domain::critique::Response;
use crate::domain::schedule::CheckBackRule;
use crate::domain::{Channel, Item, Kind, Status, Stress};
use crate::store::{Bulk, Store, StoreError};
use crate::when::{self, Moment};
use data::Data;

/// What was made.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    pub people: u64,
    pub items: u64,
    pub follow_ups: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "the database already holds data; sample data never mixes into a real one by accident (use --force to add it anyway)"
    )]
    NotEmpty,
    /// The sample data itself is wrong (assets/demo.toml, built in).
    #[error("the sample data (assets/demo.toml): {0}")]
    Data(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// SplitMix64: small, fast, deterministic.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One of `list`; None only when it is empty.
    fn pick<T: Clone>(&mut self, list: &[T]) -> Option<T> {
        let at = self.below(list.len() as u64) as usize;
        list.get(at).cloned()
    }

    /// One of `list`, or its type's default when it is empty (a pool the data left empty).
    fn pick_or_default<T: Clone + Default>(&mut self, list: &[T]) -> T {
        self.pick(list).unwrap_or_default()
    }
}

/// Fill the store with sample data. Refuses a database that holds data unless `force`.
pub fn fill(
    store: &mut Store,
    now: &Moment,
    rule: &CheckBackRule,
    scale: Option<u64>,
    force: bool,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Made, DemoError> {
    let data = data::load().map_err(|e| DemoError::Data(e.to_string()))?;
    let bulk = store.bulk()?;
    if !force && !bulk.is_empty()? {
        return Err(DemoError::NotEmpty);
    }
    let mut maker = Maker {
        bulk: &bulk,
        data: &data,
        now: *now,
        rule,
        dice: Dice(0x6E75_6467),
        made: Made::default(),
        people: Vec::new(),
    };
    maker.people(scale.unwrap_or(0))?;
    match scale {
        None => maker.week()?,
        Some(n) => maker.scaled(n, progress)?,
    }
    let made = maker.made;
    bulk.finish()?;
    if scale.is_none() {
        reflections(store, &data, now, rule)?;
    }
    store.checkpoint()?;
    Ok(made)
}

/// Three weeks of end-of-day reflections, each with the numbers of its own day.
fn reflections(
    store: &mut Store,
    data: &Data,
    now: &Moment,
    rule: &CheckBackRule,
) -> Result<(), StoreError> {
    let pool = &data.pool;
    let mut dice = Dice(0x7265_666C);
    for days_ago in 1..=21i64 {
        let date = now.date_naive() - Duration::days(days_ago);
        if !rule.week.is_work_day(date) {
            continue;
        }
        let zone = now.timezone();
        let start = when::local(&zone, date, chrono::NaiveTime::MIN);
        let end = when::local(&zone, date + Duration::days(1), chrono::NaiveTime::MIN);
        let summary = store.reader().day_summary(&start, &end, now)?;
        let reflection = crate::domain::Reflection {
            day: date.format("%Y-%m-%d").to_string(),
            went_well: dice.pick_or_default(&pool.went_well),
            stuck: dice.pick_or_default(&pool.stuck),
            first_call: dice.pick_or_default(&pool.first_calls),
            stress: Stress::new(1 + dice.below(5) as i64).ok(),
            summary,
            ..Default::default()
        };
        let written_at = when::local(&zone, date, when::hm(17, 45));
        store
            .write("demo", &written_at, |w| w.save_reflection(&reflection))
            .map_err(|e| match e {
                crate::store::WriteError::Store(s) => s,
                crate::store::WriteError::Input(message) => StoreError::Unusable {
                    path: std::path::PathBuf::from("demo"),
                    cause: message,
                },
            })?;
    }
    Ok(())
}

struct Maker<'a, 'b> {
    bulk: &'a Bulk<'b>,
    data: &'a Data,
    now: Moment,
    rule: &'a CheckBackRule,
    dice: Dice,
    made: Made,
    /// (id, name, pace in hours)
    people: Vec<(i64, String, i64)>,
}

/// One ask to make: who, what, how and when.
struct AskSeed<'s> {
    person: usize,
    title: &'s str,
    why: &'s str,
    channel: Channel,
    asked: Moment,
    need_by: Option<Moment>,
    deadline: Option<i64>,
    closed: Option<(Status, Moment)>,
    follow_ups: &'s [(i64, Channel)],
}

impl Maker<'_, '_> {
    fn people(&mut self, scale: u64) -> Result<(), StoreError> {
        let joined = self.now - Duration::days(400);
        for seed in &self.data.people {
            let knows: Vec<&str> = seed.knows.iter().map(String::as_str).collect();
            let id =
                self.bulk
                    .person(&seed.name, Some(&seed.team), &knows, seed.prefers, &joined)?;
            self.people.push((id, seed.name.clone(), seed.pace_hours));
        }
        // At scale, more colleagues: one per 500 items.
        let pool = &self.data.pool;
        let names = pool.more_names.len().max(1) as u64;
        for i in 0..scale / 500 {
            let first = pool.more_names.get((i % names) as usize);
            let name = format!(
                "{}{}",
                first.map_or("Colleague", String::as_str),
                i / names + 2
            );
            let team = self.dice.pick_or_default(&pool.more_teams);
            let id = self.bulk.person(&name, Some(&team), &[], None, &joined)?;
            let pace = 12 + self.dice.below(100) as i64;
            self.people.push((id, name, pace));
        }
        self.made.people = self.people.len() as u64;
        Ok(())
    }

    /// The place among the people of the one the data names.
    fn who(&self, name: &str) -> Result<usize, DemoError> {
        self.people
            .iter()
            .position(|(_, known, _)| known == name)
            .ok_or_else(|| DemoError::Data(format!("no person named \"{name}\"")))
    }

    fn ago(&self, hours: i64) -> Moment {
        self.now - Duration::hours(hours)
    }

    /// A day-and-time relative to today, at a round hour.
    fn at_day(&self, days: i64, hour: u32) -> Moment {
        let date = self.now.date_naive() + Duration::days(days);
        when::local(&self.now.timezone(), date, when::hm(hour, 0))
    }

    fn ask(&mut self, seed: AskSeed<'_>) -> Result<i64, StoreError> {
        let (person_id, _, _) = self.people[seed.person % self.people.len()].clone();
        let mut item = Item::blank(Kind::Ask, seed.asked);
        item.title = seed.title.to_string();
        item.person_id = Some(person_id);
        item.why = (!seed.why.is_empty()).then(|| seed.why.to_string());
        item.channel = Some(seed.channel);
        item.asked_at = Some(seed.asked);
        item.need_by = seed.need_by;
        item.deadline_id = seed.deadline;
        let mut check = self.rule.first(&seed.asked, seed.need_by.as_ref());
        for (hours_after, _) in seed.follow_ups {
            check = self.rule.after_follow_up(
                &(seed.asked + Duration::hours(*hours_after)),
                seed.need_by.as_ref(),
            );
        }
        item.next_check = Some(check);
        if let Some((status, at)) = seed.closed {
            item.status = status;
            item.closed_at = Some(at);
            item.updated_at = at;
        }
        let last_via = seed.follow_ups.last().map(|(_, via)| *via);
        let id = self.bulk.item(&item, last_via)?;
        for (hours_after, via) in seed.follow_ups {
            let note = self.dice.pick_or_default(&self.data.pool.follow_up_notes);
            let at = seed.asked + Duration::hours(*hours_after);
            self.bulk.follow_up(id, &at, *via, &note)?;
            self.made.follow_ups += 1;
        }
        self.made.items += 1;
        Ok(id)
    }

    fn deadline(
        &mut self,
        title: &str,
        tag: &str,
        due: Moment,
        closed: Option<Status>,
    ) -> Result<i64, StoreError> {
        // Set up to twelve days before it is due, and never later than now.
        let mut item = Item::blank(Kind::Deadline, (due - Duration::days(12)).min(self.now));
        item.title = title.to_string();
        item.due = Some(due);
        item.tags = vec![tag.to_string()];
        if let Some(status) = closed {
            item.status = status;
            item.closed_at = Some(due);
        }
        self.made.items += 1;
        self.bulk.item(&item, None)
    }

    fn critique(
        &mut self,
        person: usize,
        said: &str,
        response: Response,
        at: Moment,
    ) -> Result<(), StoreError> {
        let (person_id, _, _) = self.people[person % self.people.len()].clone();
        self.bulk
            .critique(person_id, said, None, response, None, &at)
    }

    /// A critique of `criticised`, answered with an invitation to proof the next piece, `piece`.
    #[allow(clippy::too_many_arguments)]
    fn proofing(
        &mut self,
        person: usize,
        said: &str,
        criticised: &str,
        piece: &str,
        deadline: Option<i64>,
        status: Status,
        at: Moment,
    ) -> Result<(), StoreError> {
        let (person_id, _, _) = self.people[person % self.people.len()].clone();
        let mut item = Item::blank(Kind::Proofing, at);
        item.title = format!("proof the {piece}");
        item.person_id = Some(person_id);
        item.piece = Some(piece.to_string());
        item.deadline_id = deadline;
        item.status = status;
        if !status.is_open() {
            item.closed_at = Some(at + Duration::days(2));
        }
        let id = self.bulk.item(&item, None)?;
        self.bulk.critique(
            person_id,
            said,
            Some(criticised),
            Response::Invite,
            Some(id),
            &at,
        )?;
        self.made.items += 1;
        Ok(())
    }
}
