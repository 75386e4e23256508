//! Reading a capture line word by word: each word of the grammar fills its part of the capture,
//! and what is left is the title.

use super::{
    CHANNEL_WORDS, Capture, CaptureError, DateRead, Grammar, Piece, Token, item_id, read_date,
    trim_punctuation, valid_name,
};
use crate::domain::Channel;
use crate::when::{self, Moment, WorkWeek};

/// A line being read, word by word.
pub(super) struct Reading<'t> {
    pub(super) tokens: &'t [Token],
    pub(super) grammar: Grammar,
    pub(super) now: &'t Moment,
    pub(super) week: &'t WorkWeek,
    pub(super) capture: Capture,
}

/// What a word was: so many words of the grammar, or one of the title.
pub(super) enum Took {
    Words(usize),
    Title,
}

impl Reading<'_> {
    fn fail(&self, message: String, unread: Vec<String>) -> CaptureError {
        CaptureError {
            message,
            unread,
            grammar: self.grammar,
        }
    }

    /// The word at `i`: @who, #tag, ~channel, by/due/check WHEN, for N, on PIECE, or the title.
    pub(super) fn word(&mut self, i: usize) -> Result<Took, CaptureError> {
        let token = &self.tokens[i];
        if token.quoted {
            return Ok(Took::Title);
        }
        let word = token.text.as_str();
        // For the keywords (by, due, check, for, on): none is longer than five letters, and
        // lower-casing never makes a word shorter in characters, so a longer word (a long tag,
        // most of a title) is not lower-cased here for nothing.
        let lower = if word.chars().nth(5).is_none() {
            word.to_lowercase()
        } else {
            String::new()
        };
        if let Some(name) = word.strip_prefix('@').map(trim_punctuation)
            && !name.is_empty()
        {
            self.person(word, name)?;
        } else if let Some(tag) = word
            .strip_prefix('#')
            .or_else(|| {
                word.strip_prefix('+')
                    .filter(|t| t.starts_with(char::is_alphabetic))
            })
            .map(trim_punctuation)
            && !tag.is_empty()
            && !tag.starts_with(['#', '+'])
        {
            // Repeats are dropped once the line is read (`parse`), not per tag.
            self.capture.tags.push(tag.to_lowercase());
        } else if let Some(name) = word.strip_prefix('~').map(trim_punctuation)
            && !name.is_empty()
        {
            self.channel(word, name)?;
        } else if self.grammar.reads_email()
            && let Some(address) = word
                .strip_prefix('<')
                .and_then(|w| trim_punctuation(w).strip_suffix('>'))
        {
            self.email(word, address)?;
        } else if self.grammar.reads_email()
            && crate::domain::mail::is_address(trim_punctuation(word))
        {
            // A bare address (the shell takes `<` for a redirection).
            self.email(word, trim_punctuation(word))?;
        } else if matches!(lower.as_str(), "by" | "due" | "check") {
            return self.date(i, word, &lower);
        } else if lower == "for"
            && let Some(id) = self.tokens.get(i + 1).and_then(item_id)
        {
            if self.capture.deadline.is_some() {
                return Err(self.fail("\"for\" is given twice; keep one".into(), vec![word.into()]));
            }
            self.capture.deadline = Some(id);
            return Ok(Took::Words(2));
        } else if lower == "on"
            && self.grammar.reads_on()
            && let Some(next) = self.tokens.get(i + 1)
            && (next.quoted || item_id(next).is_some())
        {
            self.capture.on = Some(match item_id(next) {
                Some(id) if !next.quoted => Piece::Deadline(id),
                _ => Piece::Named(next.text.clone()),
            });
            return Ok(Took::Words(2));
        } else {
            return Ok(Took::Title);
        }
        Ok(Took::Words(1))
    }

    fn person(&mut self, word: &str, name: &str) -> Result<(), CaptureError> {
        if !valid_name(name) {
            return Err(self.fail(
                format!(
                    "\"@{name}\" is not a name: use letters, digits, '.', '-' or '_', or quotes \
                     for a name with spaces (@\"Marcus Reid\")"
                ),
                vec![word.to_string()],
            ));
        }
        if let Some(first) = &self.capture.person
            && !first.eq_ignore_ascii_case(name)
        {
            return Err(self.fail(
                format!("one person per line: @{first} and @{name}"),
                vec![word.to_string()],
            ));
        }
        self.capture.person = Some(name.to_string());
        Ok(())
    }

    fn email(&mut self, word: &str, address: &str) -> Result<(), CaptureError> {
        if !crate::domain::mail::is_address(address) {
            return Err(self.fail(
                format!("\"{word}\" is not a mail address: write it as <dana@acme.com>"),
                vec![word.to_string()],
            ));
        }
        let address = address.to_lowercase();
        if let Some(first) = &self.capture.email
            && *first != address
        {
            return Err(self.fail(
                format!("two addresses: <{first}> and {word}; keep one"),
                vec![word.to_string()],
            ));
        }
        self.capture.email = Some(address);
        Ok(())
    }

    fn channel(&mut self, word: &str, name: &str) -> Result<(), CaptureError> {
        let Some(channel) = Channel::from_word(name) else {
            return Err(self.fail(
                format!("unknown channel \"~{name}\": use {CHANNEL_WORDS}"),
                vec![word.to_string()],
            ));
        };
        if let Some(first) = self.capture.channel
            && first != channel
        {
            return Err(self.fail(
                format!("two channels: ~{} and ~{name}; keep one", first.as_str()),
                vec![word.to_string()],
            ));
        }
        self.capture.channel = Some(channel);
        Ok(())
    }

    /// `by`, `due` or `check [back]` at `i`, and the date after it (when there is none, the word
    /// is the title's).
    fn date(&mut self, i: usize, word: &str, lower: &str) -> Result<Took, CaptureError> {
        let skip_back = lower == "check"
            && self
                .tokens
                .get(i + 1)
                .is_some_and(|t| !t.quoted && t.text.eq_ignore_ascii_case("back"));
        let start = i + 1 + usize::from(skip_back);
        match read_date(self.tokens, start, self.now, self.week) {
            DateRead::Found(used, moment) => {
                let slot = if lower == "check" {
                    &mut self.capture.check
                } else {
                    &mut self.capture.due
                };
                if slot.is_some() {
                    return Err(self.fail(
                        format!("\"{word}\" is given twice; keep one"),
                        vec![word.to_string()],
                    ));
                }
                *slot = Some(moment);
                Ok(Took::Words(start + used - i))
            }
            DateRead::Failed(words, error) => {
                let said = words.join(" ");
                let reason = error.reason.map(|r| format!(" ({r})")).unwrap_or_default();
                Err(self.fail(
                    format!(
                        "could not read \"{said}\" after \"{word}\" as a date{reason}\n  \
                         try: {}\n  to keep \"{word}\" in the title, put the title in quotes",
                        when::EXAMPLES
                    ),
                    words,
                ))
            }
            DateRead::NotADate => Ok(Took::Title),
        }
    }
}
