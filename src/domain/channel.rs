//! How an ask was made or chased, and how loud that is.

use serde::{Deserialize, Serialize};

use super::vocabulary::Vocabulary;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Chat,
    Call,
    InPerson,
}

impl Vocabulary for Channel {
    const ALL: &'static [Channel] = &Channel::ALL;

    fn word(self) -> &'static str {
        self.as_str()
    }
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Email,
        Channel::Chat,
        Channel::Call,
        Channel::InPerson,
    ];

    /// The stored and exported name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Chat => "chat",
            Channel::Call => "call",
            Channel::InPerson => "in_person",
        }
    }

    /// The words a user may type after `~` (or `--via`).
    pub fn from_word(word: &str) -> Option<Channel> {
        Some(match word.to_lowercase().as_str() {
            "email" | "mail" | "e-mail" => Channel::Email,
            "chat" | "slack" | "teams" | "im" => Channel::Chat,
            "call" | "phone" | "ring" => Channel::Call,
            "walk" | "inperson" | "in_person" | "in-person" | "desk" | "visit" => Channel::InPerson,
            _ => return None,
        })
    }

    /// How the channel reads in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Chat => "chat",
            Channel::Call => "call",
            Channel::InPerson => "walk over",
        }
    }

    /// The channel as an offer in a message: "Would it help if I gave you a quick call?"
    pub fn offer(self) -> &'static str {
        match self {
            Channel::Email => "sent you the details by email",
            Channel::Chat => "pinged you on chat",
            Channel::Call => "gave you a quick call",
            Channel::InPerson => "came by your desk",
        }
    }

    /// One-cell symbol for the panes.
    pub fn symbol(self) -> &'static str {
        match self {
            Channel::Email => "✉",
            Channel::Chat => "⌨",
            Channel::Call => "☎",
            Channel::InPerson => "☺",
        }
    }

    /// The same, for terminals without those glyphs.
    pub fn ascii_symbol(self) -> &'static str {
        match self {
            Channel::Email => "@",
            Channel::Chat => "#",
            Channel::Call => "T",
            Channel::InPerson => "W",
        }
    }

    /// Written channels are easy to ignore; a call less so; someone at your desk least of all.
    pub fn loudness(self) -> u8 {
        match self {
            Channel::Email | Channel::Chat => 0,
            Channel::Call => 1,
            Channel::InPerson => 2,
        }
    }

    pub fn is_written(self) -> bool {
        self.loudness() == 0
    }
}

pub const CHANNEL_WORDS: &str = "~email, ~chat, ~call or ~walk";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_stored_names_round_trip() {
        for channel in Channel::ALL {
            assert_eq!(Channel::parse_stored(channel.as_str()), Some(channel));
        }
        assert_eq!(Channel::from_word("Slack"), Some(Channel::Chat));
        assert_eq!(Channel::from_word("desk"), Some(Channel::InPerson));
        assert_eq!(Channel::from_word("phone"), Some(Channel::Call));
        assert_eq!(Channel::from_word("pigeon"), None);
    }
}
