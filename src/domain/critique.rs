//! Criticism turned into an ally: how I answered it, and who knows what (expertise matched to a
//! piece's tags).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::vocabulary::Vocabulary;
use crate::when::Moment;

/// My response to a critique.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// Invite them to proof the next piece (the default: it turns a sting into an ally).
    Invite,
    /// Explained the style guide.
    StyleGuide,
    Fixed,
    LetGo,
}

impl Vocabulary for Response {
    const ALL: &'static [Response] = &Response::ALL;

    fn word(self) -> &'static str {
        self.as_str()
    }
}

impl Response {
    pub const ALL: [Response; 4] = [
        Response::Invite,
        Response::StyleGuide,
        Response::Fixed,
        Response::LetGo,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Response::Invite => "invite",
            Response::StyleGuide => "style_guide",
            Response::Fixed => "fixed",
            Response::LetGo => "let_go",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Response::Invite => "invited to proof",
            Response::StyleGuide => "explained the style guide",
            Response::Fixed => "fixed it",
            Response::LetGo => "let it go",
        }
    }
}

/// One critique: who said what about which piece, and how I answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Critique {
    pub id: i64,
    pub uuid: String,
    pub person_id: i64,
    /// Their name.
    pub person: String,
    pub said: String,
    pub piece: Option<String>,
    pub deadline_id: Option<i64>,
    pub response: Response,
    /// The proofing invitation it led to.
    pub proofing_id: Option<i64>,
    pub at: Moment,
    pub created_at: Moment,
    pub updated_at: Moment,
}

/// A new critique, as written.
pub struct NewCritique<'a> {
    pub person_id: i64,
    pub said: &'a str,
    pub piece: Option<&'a str>,
    pub deadline_id: Option<i64>,
    pub response: Response,
    pub proofing_id: Option<i64>,
}

/// The people whose expertise covers some of `tags`, with the tags they cover.
pub fn experts<'a>(
    tags: &[String],
    people: impl IntoIterator<Item = (&'a str, &'a [String])>,
) -> Vec<(String, Vec<String>)> {
    // Each tag's place, so a person's expertise is looked up, not compared with every tag.
    let mut place: HashMap<String, usize> = HashMap::new();
    for (i, tag) in tags.iter().enumerate() {
        place.entry(tag.to_lowercase()).or_insert(i);
    }
    let mut found: Vec<(String, Vec<String>)> = people
        .into_iter()
        .filter_map(|(name, expertise)| {
            let mut at: Vec<usize> = expertise
                .iter()
                .filter_map(|e| place.get(&e.to_lowercase()).copied())
                .collect();
            at.sort_unstable();
            at.dedup();
            let covered: Vec<String> = at
                .into_iter()
                .filter_map(|i| tags.get(i).cloned())
                .collect();
            (!covered.is_empty()).then(|| (name.to_string(), covered))
        })
        .collect();
    // Those who cover the most first, then by name.
    found.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    found
}

/// What an item is about, to match expertise against: its tags, then its title's words.
pub fn topic(title: &str, tags: &[String]) -> Vec<String> {
    super::words::distinct(
        tags.iter()
            .map(|t| t.to_lowercase())
            .chain(super::words::title_words(title)),
    )
}

/// "Sam knows pricing — ask Sam?": for an ask just captured whose words they know.
pub fn ask_suggestion(name: &str, covered: &[String]) -> String {
    format!("{name} knows {} — ask {name}?", covered.join(" and "))
}

/// "Sam knows pricing: ask for their help?"
pub fn suggestion(name: &str, covered: &[String]) -> String {
    format!(
        "{name} knows {}: ask for their help?",
        covered.join(" and ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expertise_matches_tags() {
        let sam = vec!["pricing".to_string(), "roadmap".to_string()];
        let rosa = vec!["budget".to_string(), "pricing".to_string()];
        let lee = vec!["api".to_string()];
        let tags = vec!["pricing".to_string(), "roadmap".to_string()];
        let found = experts(
            &tags,
            [
                ("Sam", sam.as_slice()),
                ("Rosa", rosa.as_slice()),
                ("Lee", lee.as_slice()),
            ],
        );
        assert_eq!(
            found,
            vec![
                (
                    "Sam".to_string(),
                    vec!["pricing".to_string(), "roadmap".to_string()]
                ),
                ("Rosa".to_string(), vec!["pricing".to_string()]),
            ]
        );
        assert_eq!(
            suggestion("Sam", &found[0].1),
            "Sam knows pricing and roadmap: ask for their help?"
        );
        assert!(experts(&[], [("Sam", sam.as_slice())]).is_empty());
    }

    #[test]
    fn responses_round_trip() {
        for r in Response::ALL {
            assert_eq!(Response::parse_stored(r.as_str()), Some(r));
        }
    }
}
