//! People the user asks things of.

use chrono::Duration;

use super::channel::Channel;
use crate::when::Moment;

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub team: Option<String>,
    pub expertise: Vec<String>,
    pub notes: String,
    pub prefers: Option<Channel>,
    /// Their usual time to answer (median over their latest answered asks).
    pub reply_median: Option<Duration>,
    pub created_at: Moment,
    pub updated_at: Moment,
}

impl Person {
    /// "Dana" from "dana.k" or "dana": what a message would greet them with.
    pub fn first_name(&self) -> String {
        first_name(&self.name)
    }
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

/// How a new person's name is shown: as typed, first letter capitalized ("dana" → "Dana").
pub fn display_name(typed: &str) -> String {
    let name = typed.trim_start_matches('@');
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How a name is matched: case-insensitively.
pub fn name_key(name: &str) -> String {
    name.trim_start_matches('@').to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

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
