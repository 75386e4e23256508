//! People the user asks things of.

use chrono::Duration;

use super::channel::Channel;
use super::favor::Balance;
use super::reply::{self, ChannelRecord};
use super::touch::Touch;
use super::words;
use crate::when::Moment;

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub team: Option<String>,
    pub expertise: Vec<String>,
    /// Their mail addresses, lower-cased (a reply from one of them may answer an ask).
    pub emails: Vec<String>,
    pub notes: String,
    pub prefers: Option<Channel>,
    /// Their usual time to answer (median over their latest answered asks).
    pub reply_median: Option<Duration>,
    /// How often the user wants to be in touch, in days (`--every 2w`); None: no rhythm.
    pub every_days: Option<u32>,
    /// When the user last stood with them in person mode.
    pub met_at: Option<Moment>,
    /// Other names they go by (`@marc`, `@"Marcus Reid"`), as keys: matched like their own.
    pub aliases: Vec<String>,
    /// The first name drafts greet them with, when it is not the first word of their name.
    pub greeting: Option<String>,
    pub created_at: Moment,
    pub updated_at: Moment,
}

/// A person with the figures the People view and `nudge people` show.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonStats {
    pub person: Person,
    pub open_asks: u32,
    pub balance: Balance,
    pub critiques: u32,
    /// Critiques answered with an invitation to proof.
    pub invited: u32,
    pub channels: Vec<ChannelRecord>,
    /// The last real contact, read only for those with a rhythm (None for the others, and for
    /// those with nothing yet).
    pub last_contact: Option<Moment>,
}

/// The columns of the people table, the same in `nudge people` and the People view. "in touch"
/// is left out when nobody listed has a keep-in-touch rhythm (`people_columns`).
pub const PEOPLE_COLUMNS: [&str; 9] = [
    "name",
    "team",
    "open",
    "in touch",
    "answers in",
    "best by",
    "favors",
    "critiques",
    "knows",
];

impl PersonStats {
    pub fn best_channel(&self) -> Option<Channel> {
        reply::best_channel(&self.channels)
    }

    /// How they stand against their keep-in-touch rhythm, when they have one.
    pub fn touch(&self) -> Option<Touch> {
        self.person.every_days.map(|every_days| Touch {
            every_days,
            last: self.last_contact,
            since: self.person.created_at,
        })
    }

    /// Their row of the people table, in `columns`; `!` marks a ledger `threshold` or more from
    /// even, and a rhythm whose time has passed.
    pub fn cells(&self, threshold: u32, now: &Moment, columns: &[&str]) -> Vec<String> {
        let all = self.all_cells(threshold, now);
        columns
            .iter()
            .filter_map(|c| PEOPLE_COLUMNS.iter().position(|p| p == c))
            .map(|i| all[i].clone())
            .collect()
    }

    fn all_cells(&self, threshold: u32, now: &Moment) -> [String; 9] {
        let none = || "-".to_string();
        let flag = if self.balance.one_sided(threshold).is_some() {
            " !"
        } else {
            ""
        };
        [
            self.person.name.clone(),
            self.person.team.clone().unwrap_or_else(none),
            self.open_asks.to_string(),
            self.touch().map(|t| t.cell(now)).unwrap_or_else(none),
            self.person
                .reply_median
                .map(words::span)
                .unwrap_or_else(none),
            self.best_channel()
                .map(|c| c.label().to_string())
                .unwrap_or_else(none),
            format!("{}{flag}", self.balance.shown()),
            if self.critiques > 0 {
                format!("{} → {} invited", self.critiques, self.invited)
            } else {
                none()
            },
            self.person.expertise.join(", "),
        ]
    }
}

/// The people table's columns for these people: "in touch" only when one of them has a rhythm.
pub fn people_columns(people: &[PersonStats]) -> Vec<&'static str> {
    let touch = people.iter().any(|p| p.person.every_days.is_some());
    PEOPLE_COLUMNS
        .into_iter()
        .filter(|c| touch || *c != "in touch")
        .collect()
}

impl Person {
    /// "Dana" from "dana.k" or "dana" (or the greeting set for them): what a message would
    /// greet them with.
    pub fn first_name(&self) -> String {
        self.greeting
            .clone()
            .unwrap_or_else(|| first_name(&self.name))
    }
}

/// Whether every word typed begins a word of the person's name, team, expertise or addresses
/// (`nudge list people --grep`, the People view's find).
pub fn found_by(person: &Person, typed: &str) -> bool {
    let mut text = vec![person.name.to_lowercase()];
    text.extend(person.team.iter().map(|t| t.to_lowercase()));
    text.extend(person.expertise.iter().map(|t| t.to_lowercase()));
    text.extend(person.emails.iter().cloned());
    let words: Vec<&str> = text
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    typed
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|typed| words.iter().any(|w| w.starts_with(typed)))
}

/// The greeting form of a name typed as `@dana.k`, `@sam_lee` or `@Dana`.
pub fn first_name(name: &str) -> String {
    let first = name
        .split(['.', '_', '-', ' '])
        .find(|part| !part.is_empty())
        .unwrap_or(name);
    let mut chars = first.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A name as typed, without its `@` and quotes, its spaces single: `@"Marcus  Reid"` →
/// `Marcus Reid`.
pub fn typed_name(typed: &str) -> String {
    let name = typed.trim().trim_start_matches('@');
    let name = name
        .strip_prefix(['"', '“'])
        .and_then(|n| n.strip_suffix(['"', '”']))
        .unwrap_or(name);
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How a new person's name is shown: as typed, first letter capitalized ("dana" → "Dana").
pub fn display_name(typed: &str) -> String {
    let name = typed_name(typed);
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The ways a name key may be written, itself first: `marcus.reid`, `marcus reid`,
/// `marcus_reid` (a dot, a space and an underscore between words are the same name).
pub fn spellings(key: &str) -> Vec<String> {
    let spaced: String = key
        .chars()
        .map(|c| if matches!(c, '.' | '_') { ' ' } else { c })
        .collect();
    super::words::distinct([
        key.to_string(),
        spaced.clone(),
        spaced.replace(' ', "."),
        spaced.replace(' ', "_"),
    ])
}

/// How a name is matched: case-insensitively, quotes and extra spaces aside.
pub fn name_key(name: &str) -> String {
    typed_name(name).to_lowercase()
}

/// The known name that `typed` most likely meant, when it is not one of them: the start of
/// exactly one name ("@marc" for Marcus), else one typo away (two in longer names).
pub fn likely_meant<'a>(typed: &str, names: &'a [String]) -> Option<&'a str> {
    let typed = name_key(typed);
    let typed_len = typed.chars().count();
    if typed_len < 2 || names.iter().any(|n| name_key(n) == typed) {
        return None;
    }
    let mut starting = names
        .iter()
        .filter(|name| typed_len >= 3 && name_key(name).starts_with(&typed));
    if let (Some(only), None) = (starting.next(), starting.next()) {
        return Some(only);
    }
    let allowed = if typed_len <= 4 { 1 } else { 2 };
    names
        .iter()
        .map(|name| (typo_distance(&typed, &name_key(name)), name))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, name)| (*distance, name.to_lowercase()))
        .map(|(_, name)| name.as_str())
}

/// Edits (a letter added, dropped or changed, or two neighbours swapped) from `a` to `b`.
fn typo_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_points_at_the_name_meant() {
        let names: Vec<String> = ["Dana", "Sam", "Marcus", "Priya", "Mara"]
            .iter()
            .map(|n| n.to_string())
            .collect();
        assert_eq!(likely_meant("dnaa", &names), Some("Dana"));
        assert_eq!(
            likely_meant("@smа", &names),
            None,
            "a Cyrillic a is two edits from sam"
        );
        assert_eq!(likely_meant("sma", &names), Some("Sam"));
        assert_eq!(likely_meant("marcs", &names), Some("Marcus"));
        assert_eq!(likely_meant("priay", &names), Some("Priya"));
        assert_eq!(
            likely_meant("marc", &names),
            Some("Marcus"),
            "the start of one name"
        );
        assert_eq!(
            likely_meant("mar", &names),
            Some("Mara"),
            "one typo from Mara"
        );
        assert_eq!(
            likely_meant("dana", &names),
            None,
            "a known name needs no hint"
        );
        assert_eq!(likely_meant("Dana", &names), None);
        assert_eq!(likely_meant("elena", &names), None);
        assert_eq!(likely_meant("x", &names), None);
        assert_eq!(likely_meant("dana", &[]), None);
        assert_eq!(typo_distance("abc", "acb"), 1);
        assert_eq!(typo_distance("", "abc"), 3);
        assert_eq!(typo_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn first_names() {
        assert_eq!(first_name("dana"), "Dana");
        assert_eq!(first_name("sam_lee"), "Sam");
        assert_eq!(first_name("dana.k"), "Dana");
        assert_eq!(first_name("Élodie"), "Élodie");
        assert_eq!(name_key("@Dana"), "dana");
        assert_eq!(display_name("@dana.k"), "Dana.k");
        assert_eq!(display_name("deShawn"), "DeShawn");
    }
}
