//! The favors ledger keeps boundaries: who gives and who only takes. A balance far enough from
//! even is flagged, with a kind way to act on it.

use serde::{Deserialize, Serialize};

use super::vocabulary::Vocabulary;
use crate::when::Moment;

/// Which way a favor went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// I did it for them.
    Gave,
    /// They did it for me.
    Got,
}

impl Vocabulary for Direction {
    const ALL: &'static [Direction] = &[Direction::Gave, Direction::Got];

    fn word(self) -> &'static str {
        self.as_str()
    }
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Gave => "gave",
            Direction::Got => "got",
        }
    }

    pub fn parse(text: &str) -> Option<Direction> {
        match text.to_lowercase().as_str() {
            "gave" | "give" | "did" => Some(Direction::Gave),
            "got" | "get" | "received" => Some(Direction::Got),
            _ => None,
        }
    }
}

/// One favor in the ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Favor {
    pub id: i64,
    pub uuid: String,
    #[serde(skip)]
    pub person_id: i64,
    /// Their name.
    pub person: String,
    pub direction: Direction,
    pub what: String,
    #[serde(serialize_with = "crate::when::rfc3339")]
    pub at: Moment,
    #[serde(serialize_with = "crate::when::rfc3339")]
    pub created_at: Moment,
    #[serde(serialize_with = "crate::when::rfc3339")]
    pub updated_at: Moment,
}

/// One person's side of the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Balance {
    /// Favors I did them.
    pub gave: u32,
    /// Favors they did me.
    pub got: u32,
}

/// A ledger far from even.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OneSided {
    /// I did them this many more favors than they did me.
    TheyOwe(u32),
    /// They did me this many more.
    IOwe(u32),
}

impl Balance {
    /// Gave minus got: above zero, they owe me.
    pub fn net(&self) -> i64 {
        i64::from(self.gave) - i64::from(self.got)
    }

    /// Flagged once the difference reaches `threshold`.
    pub fn one_sided(&self, threshold: u32) -> Option<OneSided> {
        let threshold = i64::from(threshold.max(1));
        let net = self.net();
        if net >= threshold {
            Some(OneSided::TheyOwe(net.try_into().unwrap_or(u32::MAX)))
        } else if -net >= threshold {
            Some(OneSided::IOwe((-net).try_into().unwrap_or(u32::MAX)))
        } else {
            None
        }
    }

    /// "+3", "-1", "0": the balance as a column.
    pub fn shown(&self) -> String {
        match self.net() {
            n if n > 0 => format!("+{n}"),
            n => n.to_string(),
        }
    }
}

impl OneSided {
    /// What to say about it, kindly.
    pub fn advice(self, name: &str) -> String {
        match self {
            OneSided::TheyOwe(n) => format!(
                "you've done {name} {} more than the other way round: fine to ask for one back, or to say no",
                super::words::count(n, "favor")
            ),
            OneSided::IOwe(n) => format!(
                "{name} has done you {} more than the other way round: a good moment to offer one back",
                super::words::count(n, "favor")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balance_and_the_flag_threshold() {
        let even = Balance { gave: 2, got: 2 };
        assert_eq!(even.net(), 0);
        assert_eq!(even.one_sided(3), None);
        let giving = Balance { gave: 5, got: 2 };
        assert_eq!(giving.shown(), "+3");
        assert_eq!(giving.one_sided(3), Some(OneSided::TheyOwe(3)));
        assert_eq!(giving.one_sided(4), None);
        let taking = Balance { gave: 0, got: 4 };
        assert_eq!(taking.shown(), "-4");
        assert_eq!(taking.one_sided(3), Some(OneSided::IOwe(4)));
        // A threshold of 0 is taken as 1: any imbalance counts, evenness never does.
        assert_eq!(even.one_sided(0), None);
        assert_eq!(
            Balance { gave: 1, got: 0 }.one_sided(0),
            Some(OneSided::TheyOwe(1))
        );
    }

    #[test]
    fn advice_reads_kindly() {
        assert_eq!(
            OneSided::TheyOwe(3).advice("Sam"),
            "you've done Sam 3 favors more than the other way round: fine to ask for one back, or to say no"
        );
        assert!(
            OneSided::IOwe(1)
                .advice("Dana")
                .starts_with("Dana has done you 1 favor more")
        );
    }

    #[test]
    fn directions() {
        assert_eq!(Direction::parse("GAVE"), Some(Direction::Gave));
        assert_eq!(Direction::parse("got"), Some(Direction::Got));
        assert_eq!(Direction::parse("lent"), None);
    }
}
