//! Whether a message in the user's mail answers an open ask. Pure: the mail is already read
//! (src/mail), the asks already loaded (src/store/mail.rs).
//!
//! A message answers an ask when it is In-Reply-To or References the ask's Message-ID, or else
//! when it comes from one of the person's addresses after the ask was made and its subject or
//! text names the ask's title words. Automatic mail (auto-replies, out-of-office, bulk) never
//! counts; a mailing-list message counts only by its thread.

use std::collections::{HashMap, HashSet};

/// What nudge reads of one message.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mail {
    /// Without angle brackets; empty when the message has none.
    pub message_id: String,
    /// In-Reply-To and References, without angle brackets.
    pub replies_to: Vec<String>,
    /// The sender's addresses, lower-cased.
    pub from: Vec<String>,
    pub subject: String,
    /// When it was sent (Unix seconds), from its Date header.
    pub sent_at: Option<i64>,
    /// The start of its plain text (or the text of its HTML), for the title words.
    pub text: String,
    /// Auto-Submitted, Precedence: bulk/junk/auto_reply, X-Autoreply, or an out-of-office subject.
    pub automatic: bool,
    /// List-Id, or Precedence: list.
    pub list: bool,
}

/// How far a folder was read: the newest change time seen, and the files changed at that very
/// time (already read).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Position {
    pub seen: i64,
    pub at_seen: Vec<String>,
    /// When the folder was last listed (nanoseconds, less a margin for the file system's
    /// coarse clock): a directory changed before then holds nothing new.
    pub listed: i64,
}

/// An open ask the mail may answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Awaited {
    pub item_id: i64,
    pub title: String,
    /// The person's addresses, lower-cased.
    pub addresses: Vec<String>,
    pub message_id: Option<String>,
    /// When it was asked (Unix seconds).
    pub asked_at: i64,
}

/// How a reply was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// In-Reply-To or References the ask's own message.
    Thread,
    /// From the person, after the ask, naming its title words.
    Words,
}

impl How {
    pub fn as_str(self) -> &'static str {
        match self {
            How::Thread => "thread",
            How::Words => "words",
        }
    }

    pub fn parse(word: &str) -> How {
        if word == "thread" {
            How::Thread
        } else {
            How::Words
        }
    }
}

/// One message found to answer one ask.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub item_id: i64,
    pub how: How,
}

/// A reply found and not yet taken or dismissed: "Dana replied Tue 10:14 · 'Re: quotes'".
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub id: i64,
    pub item_id: i64,
    pub person: Option<String>,
    pub title: String,
    pub message_id: String,
    pub from: String,
    pub subject: String,
    pub at: crate::when::Moment,
    pub how: How,
}

/// What the user makes of a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// It is the answer: the ask is received, at the reply's time.
    Received,
    /// It is a reply but not the thing: logged as a follow-up by email.
    FollowUp,
    /// It is not about this ask: never suggested again for this message.
    Dismissed,
}

impl Answer {
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Received => "received",
            Answer::FollowUp => "followup",
            Answer::Dismissed => "dismissed",
        }
    }
}

/// Subjects of mail a program sent in a person's absence ("Out of office: …", "Automatic reply").
const AUTOMATIC_SUBJECTS: [&str; 8] = [
    "out of office",
    "out of the office",
    "automatic reply",
    "auto reply",
    "autoreply",
    "auto:",
    "abwesenheit",
    "absence",
];

/// Whether a message is automatic, from its headers (values as written; case does not matter).
pub fn is_automatic(
    auto_submitted: Option<&str>,
    precedence: Option<&str>,
    x_autoreply: bool,
    subject: &str,
) -> bool {
    let auto = auto_submitted.is_some_and(|v| !v.trim().eq_ignore_ascii_case("no"));
    let bulk = precedence.is_some_and(|v| {
        matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "bulk" | "junk" | "auto_reply"
        )
    });
    let subject = subject.trim().to_lowercase();
    let subject = subject
        .strip_prefix("re:")
        .map(str::trim_start)
        .unwrap_or(&subject);
    auto || bulk || x_autoreply || AUTOMATIC_SUBJECTS.iter().any(|s| subject.starts_with(s))
}

pub use super::words::title_words;

/// How many of a title's words a message must name: all of one or two, half of more.
fn needed(words: usize) -> usize {
    if words <= 2 { words } else { words.div_ceil(2) }
}

/// The asks a scan looks for, indexed by what a message can match them by.
#[derive(Debug, Default)]
pub struct Waiting {
    asks: Vec<(Awaited, Vec<String>)>,
    by_message: HashMap<String, usize>,
    by_address: HashMap<String, Vec<usize>>,
    /// The user's own addresses: what they sent is never a reply to them.
    me: HashSet<String>,
}

impl Waiting {
    pub fn new(asks: Vec<Awaited>, me: impl IntoIterator<Item = String>) -> Waiting {
        let mut waiting = Waiting {
            me: me.into_iter().map(|a| a.to_lowercase()).collect(),
            ..Waiting::default()
        };
        for ask in asks {
            let at = waiting.asks.len();
            if let Some(id) = &ask.message_id {
                waiting.by_message.insert(id.clone(), at);
            }
            for address in &ask.addresses {
                waiting
                    .by_address
                    .entry(address.clone())
                    .or_default()
                    .push(at);
            }
            let words = title_words(&ask.title);
            waiting.asks.push((ask, words));
        }
        waiting
    }

    pub fn is_empty(&self) -> bool {
        self.asks.is_empty()
    }

    /// The user's own message (the ask itself, seen in a Sent folder): its sender is the user.
    pub fn learn(&mut self, mail: &Mail) {
        if self.by_message.contains_key(&mail.message_id) {
            self.me.extend(mail.from.iter().cloned());
        }
    }

    /// The asks this message answers: by its thread if it has one here, else by sender and words.
    pub fn answered_by(&self, mail: &Mail) -> Vec<Found> {
        if mail.automatic
            || mail.from.iter().any(|a| self.me.contains(a))
            || self.by_message.contains_key(&mail.message_id)
        {
            return Vec::new();
        }
        let threaded: Vec<Found> = distinct_ids(
            mail.replies_to
                .iter()
                .filter_map(|id| self.by_message.get(id))
                .map(|&at| self.asks[at].0.item_id),
        )
        .map(|item_id| Found {
            item_id,
            how: How::Thread,
        })
        .collect();
        if !threaded.is_empty() || mail.list {
            return threaded;
        }
        let text = format!("{} {}", mail.subject, mail.text).to_lowercase();
        let named: HashSet<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let candidates = mail
            .from
            .iter()
            .filter_map(|a| self.by_address.get(a))
            .flatten()
            .copied();
        distinct_ids(candidates.filter_map(|at| {
            let (ask, words) = &self.asks[at];
            let after = mail.sent_at.is_none_or(|sent| sent > ask.asked_at);
            let hits = words.iter().filter(|w| named.contains(w.as_str())).count();
            (after && !words.is_empty() && hits >= needed(words.len())).then_some(ask.item_id)
        }))
        .map(|item_id| Found {
            item_id,
            how: How::Words,
        })
        .collect()
    }
}

fn distinct_ids(ids: impl Iterator<Item = i64>) -> impl Iterator<Item = i64> {
    let mut seen = HashSet::new();
    ids.filter(move |id| seen.insert(*id))
}

/// "<Abc@host>" or "abc@host" as nudge keeps a Message-ID: no brackets, no spaces.
pub fn bare_message_id(text: &str) -> String {
    text.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .to_string()
}

/// Whether text looks like one mail address (local@domain.tld), for `--email` and capture.
pub fn is_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.contains(|c: char| c.is_whitespace() || "<>,;\"()[]\\".contains(c))
        && !domain.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    const ASKED: i64 = 1_000_000;

    fn quotes() -> Awaited {
        Awaited {
            item_id: 7,
            title: "customer quotes for the Acme case study".into(),
            addresses: vec!["dana@acme.com".into()],
            message_id: Some("ask-7@me.example".into()),
            asked_at: ASKED,
        }
    }

    fn pricing() -> Awaited {
        Awaited {
            item_id: 8,
            title: "pricing sheet".into(),
            addresses: vec!["dana@acme.com".into()],
            message_id: None,
            asked_at: ASKED,
        }
    }

    fn from_dana(subject: &str, text: &str) -> Mail {
        Mail {
            message_id: "r1@acme.com".into(),
            from: vec!["dana@acme.com".into()],
            subject: subject.into(),
            text: text.into(),
            sent_at: Some(ASKED + 60),
            ..Mail::default()
        }
    }

    fn waiting() -> Waiting {
        Waiting::new(vec![quotes(), pricing()], ["me@me.example".to_string()])
    }

    #[test]
    fn a_message_in_the_asks_thread_answers_it_whoever_sent_it() {
        let mail = Mail {
            replies_to: vec!["ask-7@me.example".into()],
            from: vec!["assistant@acme.com".into()],
            ..from_dana("Re: your note", "")
        };
        assert_eq!(
            waiting().answered_by(&mail),
            vec![Found {
                item_id: 7,
                how: How::Thread
            }]
        );
    }

    #[test]
    fn a_message_from_the_person_naming_the_title_words_answers_it() {
        let mail = from_dana("quotes", "Here are the customer quotes for Acme.");
        let found = waiting().answered_by(&mail);
        assert_eq!(
            found,
            vec![Found {
                item_id: 7,
                how: How::Words
            }]
        );
        // Two of the five words are not enough.
        let mail = from_dana("hello", "the customer called about the study");
        assert!(waiting().answered_by(&mail).is_empty());
    }

    #[test]
    fn a_message_from_someone_else_or_from_before_the_ask_does_not() {
        let mut mail = from_dana("pricing sheet", "");
        mail.from = vec!["sam@acme.com".into()];
        assert!(waiting().answered_by(&mail).is_empty());
        let mut mail = from_dana("pricing sheet", "");
        mail.sent_at = Some(ASKED - 60);
        assert!(waiting().answered_by(&mail).is_empty());
    }

    #[test]
    fn automatic_and_list_mail_never_counts_by_words() {
        let mut mail = from_dana("Out of office: pricing sheet", "");
        mail.automatic = true;
        assert!(waiting().answered_by(&mail).is_empty());
        let mut mail = from_dana("pricing sheet", "");
        mail.list = true;
        assert!(waiting().answered_by(&mail).is_empty());
        // A list message in the ask's thread still counts.
        mail.replies_to = vec!["ask-7@me.example".into()];
        assert_eq!(waiting().answered_by(&mail).len(), 1);
    }

    #[test]
    fn what_the_user_sent_is_never_a_reply() {
        let mut mail = from_dana("Re: pricing sheet", "");
        mail.from = vec!["me@me.example".into()];
        mail.replies_to = vec!["ask-7@me.example".into()];
        assert!(waiting().answered_by(&mail).is_empty());
        // The ask's own message teaches who the user is.
        let mut w = Waiting::new(vec![quotes()], []);
        let sent = Mail {
            message_id: "ask-7@me.example".into(),
            from: vec!["marketer@me.example".into()],
            ..Mail::default()
        };
        w.learn(&sent);
        assert!(w.answered_by(&sent).is_empty());
        mail.from = vec!["marketer@me.example".into()];
        assert!(w.answered_by(&mail).is_empty());
    }

    #[test]
    fn automatic_mail_is_told_by_its_headers_or_subject() {
        assert!(is_automatic(
            Some("auto-replied"),
            None,
            false,
            "Re: quotes"
        ));
        assert!(!is_automatic(Some("no"), None, false, "Re: quotes"));
        assert!(is_automatic(None, Some("bulk"), false, "news"));
        assert!(is_automatic(None, None, true, "quotes"));
        assert!(is_automatic(
            None,
            None,
            false,
            "Out of Office: back Monday"
        ));
        assert!(is_automatic(None, None, false, "Automatic reply: quotes"));
        assert!(!is_automatic(None, Some("list"), false, "Re: quotes"));
    }

    #[test]
    fn title_words_leave_out_short_and_common_words() {
        assert_eq!(
            title_words("customer quotes for the Acme case study"),
            ["customer", "quotes", "acme", "case", "study"]
        );
        assert_eq!(needed(1), 1);
        assert_eq!(needed(2), 2);
        assert_eq!(needed(3), 2);
        assert_eq!(needed(5), 3);
    }

    #[test]
    fn addresses_and_message_ids_are_read_plainly() {
        assert!(is_address("dana@acme.com"));
        assert!(is_address("dana.k+work@mail.acme.co.uk"));
        for bad in [
            "dana",
            "@acme.com",
            "dana@acme",
            "dana@.com",
            "da na@acme.com",
            "a@b@c.com",
        ] {
            assert!(!is_address(bad), "{bad}");
        }
        assert_eq!(bare_message_id(" <abc@host> "), "abc@host");
    }
}
