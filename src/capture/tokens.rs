//! Splitting a capture line into words, keeping quoted text together and `why:` whole.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    /// Written in quotes: literal text, never a keyword.
    pub quoted: bool,
}

const OPENING_QUOTES: [char; 2] = ['"', '“'];
const CLOSING_QUOTES: [char; 2] = ['"', '”'];

/// A quote opened and never closed: the rest of the line from it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a quote is not closed: {0}")]
pub struct OpenQuote(pub String);

/// Quoted text up to its closing quote, from just after the opening one: the text (a doubled
/// `""` inside is one literal `"`) and how many bytes of `inner` it took, closing quote included.
fn quoted(inner: &str) -> Option<(String, usize)> {
    let mut text = String::new();
    let mut at = 0;
    loop {
        let end = at + inner[at..].find(CLOSING_QUOTES)?;
        let close = inner[end..].chars().next().map_or(1, char::len_utf8);
        text.push_str(&inner[at..end]);
        if inner[end..].starts_with("\"\"") {
            text.push('"');
            at = end + 2;
            continue;
        }
        return Some((text, end + close));
    }
}

/// The words of a line, and the text after `why:` (which is taken whole, keywords and all).
pub fn tokenize(line: &str) -> Result<(Vec<Token>, Option<String>), OpenQuote> {
    let mut tokens = Vec::new();
    let mut rest = line;
    loop {
        rest = rest.trim_start();
        let Some(first) = rest.chars().next() else {
            return Ok((tokens, None));
        };
        // `@"Marcus Reid"`: a name with spaces, one word.
        if first == '@'
            && let Some(open) = rest[1..]
                .chars()
                .next()
                .filter(|c| OPENING_QUOTES.contains(c))
        {
            let inner = &rest[1 + open.len_utf8()..];
            let Some((name, used)) = quoted(inner) else {
                return Err(OpenQuote(rest.to_string()));
            };
            tokens.push(Token {
                text: format!("@{}", name.split_whitespace().collect::<Vec<_>>().join(" ")),
                quoted: false,
            });
            rest = &inner[used..];
            continue;
        }
        if OPENING_QUOTES.contains(&first) {
            let inner = &rest[first.len_utf8()..];
            let Some((text, used)) = quoted(inner) else {
                return Err(OpenQuote(rest.to_string()));
            };
            tokens.push(Token {
                text: text.trim().to_string(),
                quoted: true,
            });
            rest = &inner[used..];
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        if word.len() >= 4 && word.is_char_boundary(4) && word[..4].eq_ignore_ascii_case("why:") {
            let after = rest[4..].trim_start();
            // `why: "…"` is the words in the quotes, and the line goes on after them; an
            // unquoted why takes the rest of the line.
            if let Some(open) = after.chars().next().filter(|c| OPENING_QUOTES.contains(c)) {
                let inner = &after[open.len_utf8()..];
                if let Some((why, used)) = quoted(inner) {
                    let why = why.trim();
                    let (more, later) = tokenize(&inner[used..])?;
                    tokens.extend(more);
                    let why = later.or_else(|| (!why.is_empty()).then(|| why.to_string()));
                    return Ok((tokens, why));
                }
            }
            let why = after.trim();
            return Ok((tokens, (!why.is_empty()).then(|| why.to_string())));
        }
        tokens.push(Token {
            text: word.to_string(),
            quoted: false,
        });
        rest = &rest[end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doubled_quote_inside_quotes_is_one_literal_quote() {
        assert_eq!(
            words(r#""the 27"" screen" by fri"#),
            [
                ("the 27\" screen".to_string(), true),
                ("by".into(), false),
                ("fri".into(), false)
            ]
        );
        assert!(tokenize(r#""open "" still"#).is_err(), "still not closed");
    }

    fn words(line: &str) -> Vec<(String, bool)> {
        tokenize(line)
            .expect("tokenizes")
            .0
            .into_iter()
            .map(|t| (t.text, t.quoted))
            .collect()
    }

    #[test]
    fn quotes_keep_text_together() {
        assert_eq!(
            words("@sam \"too wordy\" on “Q4 deck”"),
            vec![
                ("@sam".to_string(), false),
                ("too wordy".to_string(), true),
                ("on".to_string(), false),
                ("Q4 deck".to_string(), true),
            ]
        );
    }

    #[test]
    fn why_takes_the_rest() {
        let (tokens, why) = tokenize("quotes by fri WHY: launch by fri ~call").expect("ok");
        assert_eq!(tokens.len(), 3);
        assert_eq!(why.as_deref(), Some("launch by fri ~call"));
        let (_, why) = tokenize("quotes why:").expect("ok");
        assert_eq!(why, None);
        let (_, why) = tokenize("quotes why: \"launch deck\"").expect("ok");
        assert_eq!(why.as_deref(), Some("launch deck"));
    }

    #[test]
    fn a_quoted_why_ends_at_its_quote_and_the_line_goes_on() {
        let (tokens, why) =
            tokenize("quotes why: \"the launch, by fri\" #deck by mon").expect("ok");
        assert_eq!(why.as_deref(), Some("the launch, by fri"));
        let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(words, ["quotes", "#deck", "by", "mon"]);
        // A second why: later on the line wins, as the last word on a field does elsewhere.
        let (_, why) = tokenize("q why: \"first\" why: second").expect("ok");
        assert_eq!(why.as_deref(), Some("second"));
        // An unclosed quote after why: is taken as written, to the end.
        let (_, why) = tokenize("q why: \"half").expect("ok");
        assert_eq!(why.as_deref(), Some("\"half"));
    }

    #[test]
    fn an_open_quote_is_an_error() {
        assert!(tokenize("say \"hello").is_err());
    }
}
