//! The closed sets of words nudge stores and exchanges (kinds, statuses, channels, …): one list
//! per set, so the store, imports and error messages never keep their own copy of it.

/// A value written as one fixed word (`"in_person"`, `"to_send"`).
pub trait Vocabulary: Copy + PartialEq + 'static {
    /// Every value, in the order error messages list them.
    const ALL: &'static [Self];

    /// The stored and exported word.
    fn word(self) -> &'static str;

    /// The value a stored or exported word names.
    fn parse_stored(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|value| value.word() == text)
    }

    /// "ask, deadline, proofing": what a message offers instead of a wrong word.
    fn listed() -> String {
        Self::ALL
            .iter()
            .map(|value| value.word())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::critique::Response;
    use crate::domain::favor::Direction;
    use crate::domain::stress::Outcome;
    use crate::domain::{Channel, Kind, Status};

    /// Each word reads back as its value, and serde writes the same word.
    fn round_trips<T: Vocabulary + serde::Serialize + std::fmt::Debug>() {
        for value in T::ALL {
            assert_eq!(T::parse_stored(value.word()), Some(*value));
            let json = serde_json::to_string(value).expect("serializes");
            assert_eq!(json, format!("\"{}\"", value.word()), "{value:?}");
        }
        assert_eq!(T::parse_stored("no such word"), None);
    }

    #[test]
    fn every_vocabulary_reads_back_and_matches_serde() {
        round_trips::<Kind>();
        round_trips::<Status>();
        round_trips::<Channel>();
        round_trips::<Response>();
        round_trips::<Direction>();
        round_trips::<Outcome>();
        assert_eq!(Kind::listed(), "ask, deadline, proofing");
    }
}
