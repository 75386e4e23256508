//! The sample data's words, as `assets/demo.toml` writes them.

use serde::Deserialize;

use crate::domain::critique::Response;
use crate::domain::favor::Direction;
use crate::domain::stress::Outcome;
use crate::domain::{Channel, Status};

pub const FILE: &str = include_str!("../../assets/demo.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    pub people: Vec<PersonSeed>,
    pub pool: Pool,
    pub week: Week,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonSeed {
    pub name: String,
    pub team: String,
    pub knows: Vec<String>,
    pub prefers: Option<Channel>,
    /// Typical hours to answer.
    pub pace_hours: i64,
}

/// What the generated history draws from, in order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pool {
    /// (what was asked, why)
    pub asks: Vec<(String, String)>,
    /// (title, tag)
    pub deadlines: Vec<(String, String)>,
    /// (what was said, the piece it was said about, the next piece to proof)
    pub critiques: Vec<(String, String, String)>,
    pub follow_up_notes: Vec<String>,
    pub more_names: Vec<String>,
    pub more_teams: Vec<String>,
    pub next_actions: Vec<String>,
    pub went_well: Vec<String>,
    pub stuck: Vec<String>,
    pub first_calls: Vec<String>,
}

/// The default demo's week.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Week {
    pub history_asks: u64,
    pub deadlines: Vec<WeekDeadline>,
    pub asks: Vec<WeekAsk>,
    pub proofing: Vec<WeekProofing>,
    pub critiques: Vec<WeekCritique>,
    pub favors: Vec<WeekFavor>,
    pub sprints: Vec<WeekSprint>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekDeadline {
    pub title: String,
    pub tag: String,
    /// Due this many days from today, at `hour`.
    pub day: i64,
    pub hour: u32,
    pub closed: Option<Status>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekAsk {
    pub person: String,
    pub title: String,
    #[serde(default)]
    pub why: String,
    pub via: Channel,
    pub hours_ago: i64,
    /// (days from today, hour)
    pub need_by: Option<(i64, u32)>,
    /// The title of the week's deadline it feeds.
    pub feeds: Option<String>,
    /// (hours after asking, channel)
    #[serde(default)]
    pub follow_ups: Vec<(i64, Channel)>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekProofing {
    pub person: String,
    pub said: String,
    pub criticised: String,
    pub piece: String,
    pub feeds: Option<String>,
    pub status: Status,
    pub hours_ago: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekCritique {
    pub person: String,
    pub said: String,
    pub answer: Response,
    pub hours_ago: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekFavor {
    pub person: String,
    pub way: Direction,
    pub what: String,
    pub days_ago: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekSprint {
    pub days_ago: i64,
    pub hour: u32,
    pub minutes: i64,
    pub outcome: Outcome,
    pub deadline: String,
}

/// The sample data (a mistake in it is a build's mistake, named by the error).
pub fn load() -> Result<Data, toml::de::Error> {
    toml::from_str(FILE)
}
