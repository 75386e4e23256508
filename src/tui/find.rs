//! Find in a dashboard list (`/`): what is typed filters the list as it is typed, over
//! person, title, tags and why (each word the start of a word, as `nudge list --grep`); the
//! pane says how many match and marks the matching words; enter keeps the filter to move in it,
//! esc clears it.

use crate::store::Find;
use crate::tui::layout::Pane;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Finding {
    /// The list it filters (Pending asks, Deadlines or Proofing; the People view keeps its own).
    pub pane: Pane,
    pub typed: String,
    /// Keys go to the typed words (until enter or esc).
    pub editing: bool,
}

impl Finding {
    /// The find the typed words make (None: nothing findable yet, the whole list shows).
    pub fn find(&self) -> Option<Find> {
        Find::new(&self.typed)
    }
}

/// The byte ranges of `text` where a word starts with one of `words` (lower-cased), for
/// marking matches.
pub fn marks(text: &str, words: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Without a find (every frame but those of one) there is nothing to look for.
    if words.is_empty() {
        return out;
    }
    let mut start = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_alphanumeric() {
            start.get_or_insert(at);
        }
        let ends = !c.is_alphanumeric() || chars.peek().is_none();
        if ends && let Some(from) = start.take() {
            let to = if c.is_alphanumeric() {
                at + c.len_utf8()
            } else {
                at
            };
            let word = text[from..to].to_lowercase();
            let longest = words
                .iter()
                .filter(|w| word.starts_with(w.as_str()))
                .map(|w| w.chars().count())
                .max();
            if let Some(n) = longest {
                let end = text[from..to]
                    .char_indices()
                    .nth(n)
                    .map_or(to, |(i, _)| from + i);
                out.push((from, end));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starts_of_matching_words_are_marked() {
        let words = vec!["cust".to_string(), "quo".to_string()];
        let text = "customer quotes for Acme's customers";
        let marked: Vec<&str> = marks(text, &words)
            .iter()
            .map(|&(a, b)| &text[a..b])
            .collect();
        assert_eq!(marked, ["cust", "quo", "cust"]);
        assert!(
            marks("discuss", &words).is_empty(),
            "inside a word is not marked"
        );
        let text = "Élan CUSTOMERS";
        let marked: Vec<&str> = marks(text, &["él".to_string(), "cust".to_string()])
            .iter()
            .map(|&(a, b)| &text[a..b])
            .collect();
        assert_eq!(marked, ["Él", "CUST"]);
    }
}
