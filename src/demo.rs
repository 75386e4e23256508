//! Realistic sample data, relative to `now`: a marketer's colleagues, their asks with follow-up
//! histories, deadlines, critiques turned into proofing invitations. Deterministic for a given
//! `now`, so screenshots and snapshots are stable. `scale` makes any number of items, spread over
//! years of history with a realistic share still open.

use chrono::Duration;

use crate::domain::Stress;
use crate::domain::critique::Response;
use crate::domain::schedule::CheckBackRule;
use crate::domain::{Channel, Item, Kind, Status};
use crate::store::{Bulk, Store, StoreError};
use crate::when::{self, Moment};

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
    #[error(transparent)]
    Store(#[from] StoreError),
}

struct PersonSeed {
    name: &'static str,
    team: &'static str,
    expertise: &'static [&'static str],
    prefers: Option<Channel>,
    /// Typical hours to answer.
    pace: i64,
}

const PEOPLE: &[PersonSeed] = &[
    PersonSeed {
        name: "Dana",
        team: "Sales",
        expertise: &["casestudy", "retail"],
        prefers: Some(Channel::Call),
        pace: 70,
    },
    PersonSeed {
        name: "Sam",
        team: "Product",
        expertise: &["pricing", "roadmap"],
        prefers: Some(Channel::Chat),
        pace: 30,
    },
    PersonSeed {
        name: "Priya",
        team: "Legal",
        expertise: &["contracts", "trademarks"],
        prefers: Some(Channel::Email),
        pace: 50,
    },
    PersonSeed {
        name: "Marcus",
        team: "Sales",
        expertise: &["emea", "enterprise"],
        prefers: Some(Channel::InPerson),
        pace: 90,
    },
    PersonSeed {
        name: "Lee",
        team: "Engineering",
        expertise: &["api", "security"],
        prefers: Some(Channel::Chat),
        pace: 20,
    },
    PersonSeed {
        name: "Aiko",
        team: "Design",
        expertise: &["brand", "illustration"],
        prefers: None,
        pace: 16,
    },
    PersonSeed {
        name: "Tom",
        team: "Customer success",
        expertise: &["onboarding", "retail"],
        prefers: Some(Channel::Call),
        pace: 40,
    },
    PersonSeed {
        name: "Rosa",
        team: "Finance",
        expertise: &["budget", "pricing"],
        prefers: Some(Channel::Email),
        pace: 110,
    },
    PersonSeed {
        name: "Elena",
        team: "Data",
        expertise: &["analytics", "benchmarks"],
        prefers: None,
        pace: 26,
    },
    PersonSeed {
        name: "Omar",
        team: "Partnerships",
        expertise: &["partners", "events"],
        prefers: Some(Channel::Call),
        pace: 60,
    },
];

const ASKS: &[(&str, &str)] = &[
    (
        "customer quotes for the Acme case study",
        "the launch deck needs proof points",
    ),
    (
        "pricing sheet for the Q1 bundles",
        "the pricing page goes live on Monday",
    ),
    (
        "sign-off on the partner co-marketing terms",
        "we cannot announce the partnership without it",
    ),
    (
        "three customer logos we may use",
        "the homepage refresh is blocked on logos",
    ),
    (
        "API latency numbers for the webinar",
        "the webinar promises real benchmarks",
    ),
    (
        "win story from the Globex deal",
        "sales asked for a story from their own region",
    ),
    ("review of the launch email", "it goes to 40,000 customers"),
    ("feedback on the landing page draft", ""),
    (
        "the updated competitor battlecard",
        "reps keep losing on price objections",
    ),
    (
        "headcount numbers for the press release",
        "the press release needs verified figures",
    ),
    (
        "intro to the Initech CMO",
        "a joint webinar would reach their whole customer base",
    ),
    (
        "approval of the case study wording",
        "legal must approve before we publish",
    ),
    ("screenshots of the new dashboard", ""),
    (
        "budget for the spring event",
        "the venue hold expires on Friday",
    ),
    (
        "list of beta customers willing to talk",
        "analysts want two reference calls",
    ),
    (
        "numbers for the retail benchmark report",
        "the report is our main lead magnet this quarter",
    ),
    ("a quote for the press release", ""),
    (
        "edits on the onboarding guide",
        "support tickets drop when the guide is clear",
    ),
];

const DEADLINES: &[(&str, &str)] = &[
    ("Q4 launch deck", "launch"),
    ("Webinar slides", "webinar"),
    ("Acme case study draft", "casestudy"),
    ("Newsletter issue 42", "newsletter"),
    ("Pricing page copy", "pricing"),
    ("Partner one-pager", "partners"),
];

/// (what was said, the piece it was said about, the next piece the critic is invited to proof).
const CRITIQUES: &[(&str, &str, &str)] = &[
    ("the deck is too wordy", "Q3 launch deck", "Q4 launch deck"),
    (
        "the pricing table hides the annual plan",
        "Pricing page v1",
        "Pricing page copy",
    ),
    (
        "the case study reads like an ad",
        "Globex case study",
        "Acme case study draft",
    ),
    (
        "the subject line is clickbait",
        "Newsletter issue 41",
        "Newsletter issue 42",
    ),
];

const NOTES: &[&str] = &[
    "",
    "left a voicemail",
    "pinged after stand-up",
    "",
    "said tomorrow",
    "out until Wed",
];

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

    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len() as u64) as usize]
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
    let bulk = store.bulk()?;
    if !force && !bulk.is_empty()? {
        return Err(DemoError::NotEmpty);
    }
    let mut maker = Maker {
        bulk: &bulk,
        now: *now,
        rule,
        dice: Dice(0x6E75_6467),
        made: Made::default(),
        people: Vec::new(),
    };
    maker.people(scale.unwrap_or(0))?;
    match scale {
        None => maker.small_set()?,
        Some(n) => maker.scaled(n, progress)?,
    }
    let made = maker.made;
    bulk.finish()?;
    if scale.is_none() {
        reflections(store, now, rule)?;
    }
    store.checkpoint()?;
    Ok(made)
}

/// Three weeks of end-of-day reflections, each with the numbers of its own day.
fn reflections(store: &mut Store, now: &Moment, rule: &CheckBackRule) -> Result<(), StoreError> {
    const WELL: [&str; 5] = [
        "Dana called back with two customer quotes.",
        "Walked over to Lee: the latency numbers came the same hour.",
        "Finished the webinar outline before lunch.",
        "Sam reviewed the pricing page without being chased.",
        "Turned Priya's critique into a proofing invitation; she said yes.",
    ];
    const STUCK: [&str; 5] = [
        "Legal sign-off on the case study. Priya can unstick it; ask her manager if needed.",
        "The budget for the spring event waits on Rosa.",
        "Logos for the homepage: Tom knows who to ask at the customer.",
        "Pricing for the Q1 bundles. Sam, after his Thursday planning.",
        "Nothing really. A calm day.",
    ];
    const FIRST: [&str; 5] = [
        "@dana the Acme quote approval",
        "@rosa spring event budget",
        "@tom customer logos",
        "@lee benchmark caveats",
        "@priya case study wording",
    ];
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
            went_well: dice.pick(&WELL).to_string(),
            stuck: dice.pick(&STUCK).to_string(),
            first_call: dice.pick(&FIRST).to_string(),
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
    now: Moment,
    rule: &'a CheckBackRule,
    dice: Dice,
    made: Made,
    /// (id, name, pace in hours)
    people: Vec<(i64, String, i64)>,
}

impl Maker<'_, '_> {
    fn people(&mut self, scale: u64) -> Result<(), StoreError> {
        let joined = self.now - Duration::days(400);
        for seed in PEOPLE {
            let id = self.bulk.person(
                seed.name,
                Some(seed.team),
                seed.expertise,
                seed.prefers,
                &joined,
            )?;
            self.people.push((id, seed.name.to_string(), seed.pace));
        }
        // At scale, more colleagues: one per 500 items.
        let extra = scale / 500;
        const FIRST: &[&str] = &[
            "Alex", "Jordan", "Maya", "Noah", "Iris", "Felix", "Nadia", "Owen", "Zara", "Hugo",
            "Lena", "Ravi",
        ];
        const TEAMS: &[&str] = &["Sales", "Product", "Engineering", "Support", "Finance"];
        for i in 0..extra {
            let name = format!(
                "{}{}",
                FIRST[(i % FIRST.len() as u64) as usize],
                i / FIRST.len() as u64 + 2
            );
            let team = *self.dice.pick(TEAMS);
            let id = self.bulk.person(&name, Some(team), &[], None, &joined)?;
            let pace = 12 + self.dice.below(100) as i64;
            self.people.push((id, name, pace));
        }
        self.made.people = self.people.len() as u64;
        Ok(())
    }

    fn ago(&self, hours: i64) -> Moment {
        self.now - Duration::hours(hours)
    }

    /// A day-and-time relative to today, at a round hour.
    fn at_day(&self, days: i64, hour: u32) -> Moment {
        let date = self.now.date_naive() + Duration::days(days);
        when::local(&self.now.timezone(), date, when::hm(hour, 0))
    }

    #[allow(clippy::too_many_arguments)]
    fn ask(
        &mut self,
        person: usize,
        title: &str,
        why: &str,
        channel: Channel,
        asked: Moment,
        need_by: Option<Moment>,
        deadline: Option<i64>,
        closed: Option<(Status, Moment)>,
        follow_ups: &[(i64, Channel)],
    ) -> Result<i64, StoreError> {
        let (person_id, _, _) = self.people[person % self.people.len()].clone();
        let mut item = Item::blank(Kind::Ask, asked);
        item.title = title.to_string();
        item.person_id = Some(person_id);
        item.why = (!why.is_empty()).then(|| why.to_string());
        item.channel = Some(channel);
        item.asked_at = Some(asked);
        item.need_by = need_by;
        item.deadline_id = deadline;
        let mut check = self.rule.first(&asked, need_by.as_ref());
        for (hours_after, _) in follow_ups {
            check = self
                .rule
                .after_follow_up(&(asked + Duration::hours(*hours_after)), need_by.as_ref());
        }
        item.next_check = Some(check);
        if let Some((status, at)) = closed {
            item.status = status;
            item.closed_at = Some(at);
            item.updated_at = at;
        }
        let last_via = follow_ups.last().map(|(_, via)| *via);
        let id = self.bulk.item(&item, last_via)?;
        for (hours_after, via) in follow_ups {
            let note = *self.dice.pick(NOTES);
            self.bulk
                .follow_up(id, &(asked + Duration::hours(*hours_after)), *via, note)?;
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
            .critique(person_id, said, None, response.as_str(), None, &at)
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
        self.bulk
            .critique(person_id, said, Some(criticised), "invite", Some(id), &at)?;
        self.made.items += 1;
        Ok(())
    }

    /// The default demo: a believable week, small enough to read.
    fn small_set(&mut self) -> Result<(), StoreError> {
        use Channel::*;
        let launch = self.deadline("Q4 launch deck", "launch", self.at_day(0, 17), None)?;
        let webinar = self.deadline("Webinar slides", "webinar", self.at_day(3, 12), None)?;
        let case_study = self.deadline(
            "Acme case study draft",
            "casestudy",
            self.at_day(6, 17),
            None,
        )?;
        self.deadline(
            "Newsletter issue 42",
            "newsletter",
            self.at_day(12, 10),
            None,
        )?;
        self.deadline(
            "Partner one-pager",
            "partners",
            self.at_day(-5, 17),
            Some(Status::Done),
        )?;
        self.deadline(
            "Pricing page copy",
            "pricing",
            self.at_day(-9, 17),
            Some(Status::Done),
        )?;

        // Open asks, in every state the panes know.
        self.ask(
            0,
            "customer quotes for the Acme case study",
            "the launch deck needs proof points",
            Email,
            self.ago(24 * 6),
            Some(self.at_day(-2, 17)),
            Some(launch),
            None,
            &[(50, Email), (100, Email)],
        )?;
        self.ask(
            1,
            "pricing sheet for the Q1 bundles",
            "the pricing page goes live on Monday",
            Chat,
            self.ago(24 * 3),
            Some(self.at_day(4, 17)),
            None,
            None,
            &[],
        )?;
        self.ask(
            4,
            "API latency numbers for the webinar",
            "the webinar promises real benchmarks",
            Email,
            self.ago(24 * 4 + 3),
            Some(self.at_day(2, 12)),
            Some(webinar),
            None,
            &[(49, Call)],
        )?;
        self.ask(
            3,
            "win story from the Globex deal",
            "sales asked for a story from their own region",
            Call,
            self.ago(24 * 2),
            Some(self.at_day(1, 17)),
            Some(launch),
            None,
            &[],
        )?;
        self.ask(
            2,
            "approval of the case study wording",
            "legal must approve before we publish",
            Email,
            self.ago(24),
            Some(self.at_day(5, 17)),
            Some(case_study),
            None,
            &[],
        )?;
        self.ask(
            8,
            "numbers for the retail benchmark report",
            "",
            Chat,
            self.ago(30),
            Some(self.at_day(9, 17)),
            None,
            None,
            &[],
        )?;
        self.ask(
            6,
            "three customer logos we may use",
            "the homepage refresh is blocked on logos",
            InPerson,
            self.ago(24 * 8),
            Some(self.at_day(-1, 17)),
            None,
            None,
            &[(48, InPerson), (96, Call)],
        )?;
        self.ask(
            9,
            "intro to the Initech CMO",
            "a joint webinar would reach their whole customer base",
            Call,
            self.ago(5),
            None,
            None,
            None,
            &[],
        )?;
        self.ask(
            7,
            "budget for the spring event",
            "the venue hold expires on Friday",
            Email,
            self.ago(24 * 2 + 4),
            Some(self.at_day(3, 17)),
            None,
            None,
            &[],
        )?;
        self.ask(
            5,
            "screenshots of the new dashboard",
            "",
            Chat,
            self.ago(3),
            Some(self.at_day(2, 17)),
            Some(webinar),
            None,
            &[],
        )?;

        // Due back yesterday and chased then: its next check-back is Monday.
        self.ask(
            8,
            "headcount numbers for the press release",
            "the press release needs verified figures",
            Email,
            self.ago(24 * 3),
            Some(self.at_day(-1, 17)),
            None,
            None,
            &[(24 * 2 - 3, Call)],
        )?;

        // History: answered, declined and dropped asks, so reply times mean something.
        for i in 0..36u64 {
            let person = (i % PEOPLE.len() as u64) as usize;
            let pace = PEOPLE[person].pace;
            let (title, why) = *self.dice.pick(ASKS);
            let asked = self.ago(24 * (10 + i as i64 * 2));
            let took = pace / 2 + self.dice.below(pace as u64) as i64;
            let channel = *self.dice.pick(&[Email, Email, Chat, Call, InPerson]);
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
            self.ask(
                person,
                title,
                why,
                channel,
                asked,
                Some(asked + Duration::days(5)),
                None,
                Some((status, asked + Duration::hours(took))),
                &follow,
            )?;
        }

        self.proofing(
            1,
            "the deck is too wordy",
            "Q3 launch deck",
            "Q4 launch deck",
            Some(launch),
            Status::ToSend,
            self.ago(20),
        )?;
        self.proofing(
            7,
            "the pricing table hides the annual plan",
            "Pricing page v1",
            "Pricing page copy",
            None,
            Status::Sent,
            self.ago(24 * 3),
        )?;
        self.proofing(
            0,
            "the case study reads like an ad",
            "Globex case study",
            "Acme case study draft",
            Some(case_study),
            Status::Accepted,
            self.ago(24 * 5),
        )?;
        self.proofing(
            2,
            "the subject line is clickbait",
            "Newsletter issue 40",
            "Newsletter issue 41",
            None,
            Status::Proofed,
            self.ago(24 * 20),
        )?;
        self.proofing(
            3,
            "the headline overpromises",
            "Newsletter issue 41",
            "Newsletter issue 42",
            None,
            Status::Declined,
            self.ago(24 * 9),
        )?;
        self.critique(
            4,
            "the API section is out of date",
            Response::Fixed,
            self.ago(24 * 12),
        )?;
        self.critique(
            6,
            "too much jargon for customers",
            Response::StyleGuide,
            self.ago(24 * 15),
        )?;

        // Favors both ways: Sam takes more than he gives; Tom gives more than he takes.
        for (person, direction, what, days) in [
            (1, "gave", "reviewed his pricing slides", 30),
            (1, "gave", "covered his stand-up demo", 18),
            (1, "gave", "wrote the release blurb for him", 6),
            (6, "got", "an intro to the Globex CMO", 25),
            (6, "got", "customer quotes at short notice", 11),
            (0, "gave", "proofread her QBR deck", 14),
            (0, "got", "a win story for the newsletter", 9),
            (4, "got", "benchmark numbers over the weekend", 20),
        ] {
            let (id, _, _) = self.people[person].clone();
            self.bulk.favor(id, direction, what, &self.ago(24 * days))?;
        }
        self.stress_history(launch, webinar)?;
        Ok(())
    }

    /// Three weeks of check-ins on work days (stress rising towards the launch), and sprints.
    fn stress_history(&mut self, launch: i64, webinar: i64) -> Result<(), StoreError> {
        const ACTIONS: [&str; 6] = [
            "call Dana about the quotes",
            "draft the webinar outline",
            "send Sam the pricing questions",
            "block an hour for the deck",
            "ask Lee for the latency numbers",
            "write the case study intro",
        ];
        for days_ago in (1..=21i64).rev() {
            let day = self.at_day(-days_ago, 10);
            if !self.rule.week.is_work_day(day.date_naive()) {
                continue;
            }
            let count = 1 + self.dice.below(2) as i64;
            for k in 0..count {
                let base = if days_ago <= 3 { 3 } else { 2 };
                let stress = (base + self.dice.below(3)).min(5) as u8;
                let at = day + Duration::hours(k * 4);
                let deadline = (days_ago <= 3).then_some(launch);
                let slowdown = if stress >= 4 { 60 } else { 0 };
                let action = *self.dice.pick(&ACTIONS);
                self.bulk
                    .checkin(&at, stress, deadline, "", slowdown, action)?;
            }
        }
        for (days_ago, hour, minutes, outcome, deadline) in [
            (6, 14, 25, "finished", webinar),
            (4, 10, 25, "finished", launch),
            (2, 15, 11, "stopped", launch),
            (1, 9, 25, "finished", launch),
        ] {
            let started = self.at_day(-days_ago, hour);
            let ended = started + Duration::minutes(minutes);
            self.bulk
                .sprint(Some(deadline), &started, 25 * 60, &ended, outcome)?;
        }
        Ok(())
    }

    /// `n` items over years of history.
    fn scaled(&mut self, n: u64, progress: &mut dyn FnMut(u64, u64)) -> Result<(), StoreError> {
        use Channel::*;
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
                let (title, tag) = *self.dice.pick(DEADLINES);
                let due = created + Duration::days(7 + self.dice.below(20) as i64);
                let closed = (due < self.now).then(|| {
                    if self.dice.chance(85) {
                        Status::Done
                    } else {
                        Status::Missed
                    }
                });
                let id = self.deadline(&format!("{title} {}", i / 97), tag, due, closed)?;
                deadline_ids.push(id);
                continue;
            }
            let person = self.dice.below(self.people.len() as u64) as usize;
            if i % 40 == 0 {
                let (id, _, _) = self.people[person].clone();
                let direction = if self.dice.chance(55) { "gave" } else { "got" };
                self.bulk
                    .favor(id, direction, "covered a review at short notice", &created)?;
            }
            if roll < 10 {
                let (said, criticised, piece) = *self.dice.pick(CRITIQUES);
                let status = if age > 24 * 30 {
                    Status::Proofed
                } else {
                    *self
                        .dice
                        .pick(&[Status::ToSend, Status::Sent, Status::Accepted])
                };
                self.proofing(person, said, criticised, piece, None, status, created)?;
                continue;
            }
            let (title, why) = *self.dice.pick(ASKS);
            let pace = self.people[person].2;
            let channel = *self
                .dice
                .pick(&[Email, Email, Email, Chat, Chat, Call, InPerson]);
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
            let deadline = (recent && self.dice.chance(15))
                .then(|| deadline_ids.last().copied())
                .flatten();
            self.ask(
                person,
                title,
                why,
                channel,
                created,
                Some(need_by),
                deadline,
                closed,
                &follow,
            )?;
        }
        progress(n, n);
        Ok(())
    }
}
