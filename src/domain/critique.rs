//! Criticism turned into an ally: how I answered it, and who knows what (expertise matched to a
//! piece's tags).

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

/// The people whose expertise covers some of `tags`, with the tags they cover (each once, as
/// first given, in the tags' order): those who cover the most first, then by name.
pub fn experts<'a, Tag: AsRef<str>>(
    tags: &[Tag],
    people: impl IntoIterator<Item = (&'a str, &'a [String])>,
) -> Vec<(String, Vec<String>)> {
    // A person's expertise is a few words, an ask's tags may be thousands: every expertise
    // word, in lower case, with who knows it, sorted by word; each tag is then one binary search,
    // with no copy of a word already in lower case.
    let mut names = Vec::new();
    let mut known: Vec<(std::borrow::Cow<'a, str>, usize)> = Vec::new();
    for (p, (name, expertise)) in people.into_iter().enumerate() {
        names.push(name);
        known.extend(expertise.iter().map(|word| (lower_case(word), p)));
    }
    known.sort_unstable();
    known.dedup();
    // Whether a tag took the word that starts at this place yet (a word's people are together).
    let mut taken = vec![false; known.len()];
    let mut covered: Vec<Vec<String>> = vec![Vec::new(); names.len()];
    for tag in tags {
        let tag = tag.as_ref();
        let key = lower_case(tag);
        let at = known.partition_point(|(word, _)| word.as_ref() < key.as_ref());
        if known.get(at).is_some_and(|(word, _)| *word == key) && !taken[at] {
            taken[at] = true;
            for (_, p) in known[at..].iter().take_while(|(word, _)| *word == key) {
                covered[*p].push(tag.to_string());
            }
        }
    }
    let mut found: Vec<(String, Vec<String>)> = names
        .into_iter()
        .zip(covered)
        .filter(|(_, covered)| !covered.is_empty())
        .map(|(name, covered)| (name.to_string(), covered))
        .collect();
    found.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    found
}

/// `word` in lower case, borrowed when lower-casing changes no character (then the whole word
/// is unchanged too: only a capital sigma depends on what is around it).
pub fn lower_case(word: &str) -> std::borrow::Cow<'_, str> {
    let unchanged = |c: char| {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    };
    if word
        .bytes()
        .all(|b| !b.is_ascii_uppercase() && b.is_ascii())
        || word.chars().all(unchanged)
    {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

/// What an item is about, to match expertise against: its tags, then its title's words, in
/// lower case (a word in both is there twice; `experts` takes each once). A tag already in lower
/// case, as captures write them, is not copied.
pub fn topic<'a>(title: &str, tags: &'a [String]) -> Vec<std::borrow::Cow<'a, str>> {
    tags.iter()
        .map(|t| lower_case(t))
        .chain(
            super::words::title_words(title)
                .into_iter()
                .map(std::borrow::Cow::Owned),
        )
        .collect()
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
    use std::collections::HashMap;

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
        assert!(experts::<String>(&[], [("Sam", sam.as_slice())]).is_empty());
    }

    #[test]
    fn a_tag_is_matched_once_whatever_its_case_and_as_first_given() {
        let sam = vec![
            "Pricing".to_string(),
            "pricing".to_string(),
            "API".to_string(),
        ];
        let lee = vec!["api".to_string()];
        let tags = ["api", "Pricing", "pricing", "API", "ΣΟΦΊΑ"].map(String::from);
        let found = experts(&tags, [("Sam", sam.as_slice()), ("Lee", lee.as_slice())]);
        assert_eq!(
            found,
            vec![
                (
                    "Sam".to_string(),
                    vec!["api".to_string(), "Pricing".to_string()]
                ),
                ("Lee".to_string(), vec!["api".to_string()]),
            ]
        );
        let greek = vec!["σοφία".to_string()];
        assert_eq!(
            experts(&tags, [("Eva", greek.as_slice())]),
            vec![("Eva".to_string(), vec!["ΣΟΦΊΑ".to_string()])]
        );
        assert_eq!(
            lower_case("ǅemal"),
            "ǆemal",
            "a title-case letter is lowered"
        );
        assert!(matches!(
            lower_case("pricing"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    /// The plain way: every tag lower-cased into a map of first places, every expertise word
    /// looked up in it.
    fn experts_the_plain_way(
        tags: &[String],
        people: &[(&str, Vec<String>)],
    ) -> Vec<(String, Vec<String>)> {
        let mut place = HashMap::new();
        for (i, tag) in tags.iter().enumerate() {
            place.entry(tag.to_lowercase()).or_insert(i);
        }
        let mut found: Vec<(String, Vec<String>)> = people
            .iter()
            .filter_map(|(name, expertise)| {
                let mut at: Vec<usize> = expertise
                    .iter()
                    .filter_map(|e| place.get(&e.to_lowercase()).copied())
                    .collect();
                at.sort_unstable();
                at.dedup();
                let covered: Vec<String> = at.into_iter().map(|i| tags[i].clone()).collect();
                (!covered.is_empty()).then(|| (name.to_string(), covered))
            })
            .collect();
        found.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        found
    }

    /// Letters whose lower case is themselves, another letter, or (Σ) one of two.
    const WORD: &str = "(a|A|b|B|σ|Σ|ς|ǅ|ǆ|é|É){1,3}";

    proptest::proptest! {
        #[test]
        fn experts_are_found_as_the_plain_way_finds_them(
            tags in proptest::collection::vec(crate::text::pattern(WORD), 0..12),
            expertise in proptest::collection::vec(
                proptest::collection::vec(crate::text::pattern(WORD), 0..4),
                0..4,
            ),
        ) {
            let names = ["Ann", "Bo", "Cy", "Di"];
            let people: Vec<(&str, Vec<String>)> =
                names.iter().copied().zip(expertise).collect();
            let ours = experts(&tags, people.iter().map(|(n, e)| (*n, e.as_slice())));
            proptest::prop_assert_eq!(ours, experts_the_plain_way(&tags, &people));
        }
    }

    #[test]
    fn responses_round_trip() {
        for r in Response::ALL {
            assert_eq!(Response::parse_stored(r.as_str()), Some(r));
        }
    }
}
