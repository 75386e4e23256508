//! One-key choices after a line or on an item: the channel a follow-up went out on, how a
//! critique was answered, which way a favor went.

use crate::domain::Channel;
use crate::domain::critique::Response;
use crate::domain::favor::Direction;
use crate::ops::{self, Context, OpError};
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// A follow-up on ask `id`; Enter takes the suggested channel.
    Channel { id: i64, suggested: Channel },
    /// How the critique in `line` was answered; Enter invites to proof.
    Response { line: String },
    /// Which way the favor in `line` went; Enter: I gave.
    Direction { line: String },
    /// The deadline ask `ask` feeds: one of the soonest open deadlines, by number.
    Deadline {
        ask: i64,
        deadlines: Vec<(i64, String)>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Channel(Channel),
    Response(Response),
    Direction(Direction),
    Deadline(i64),
}

impl Pick {
    pub fn title(&self) -> String {
        match self {
            Pick::Channel { id, .. } => format!("Follow up {id} via"),
            Pick::Response { .. } => "How did you answer it?".into(),
            Pick::Direction { .. } => "Which way did the favor go?".into(),
            Pick::Deadline { ask, .. } => format!("Which deadline does {ask} feed?"),
        }
    }

    /// The choices, each with its key and label; the first is what Enter takes.
    pub fn options(&self) -> Vec<(char, String, Choice)> {
        match self {
            Pick::Channel { suggested, .. } => {
                let mut options = vec![(
                    '⏎',
                    suggested.label().to_string(),
                    Choice::Channel(*suggested),
                )];
                for (key, channel) in [
                    ('e', Channel::Email),
                    ('c', Channel::Chat),
                    ('p', Channel::Call),
                    ('w', Channel::InPerson),
                ] {
                    options.push((key, channel.label().to_string(), Choice::Channel(channel)));
                }
                options
            }
            Pick::Response { .. } => vec![
                (
                    'i',
                    "invite them to proof the next piece".into(),
                    Choice::Response(Response::Invite),
                ),
                (
                    's',
                    "explained the style guide".into(),
                    Choice::Response(Response::StyleGuide),
                ),
                ('f', "fixed it".into(), Choice::Response(Response::Fixed)),
                ('l', "let it go".into(), Choice::Response(Response::LetGo)),
            ],
            Pick::Deadline { deadlines, .. } => deadlines
                .iter()
                .take(9)
                .enumerate()
                .map(|(i, (id, title))| {
                    let key =
                        char::from_digit(u32::try_from(i + 1).unwrap_or(9), 10).unwrap_or('9');
                    (
                        key,
                        format!("{title} (Deadline {id})"),
                        Choice::Deadline(*id),
                    )
                })
                .collect(),
            Pick::Direction { .. } => vec![
                (
                    'g',
                    "I gave it (did them a favor)".into(),
                    Choice::Direction(Direction::Gave),
                ),
                (
                    'r',
                    "I received it (they did me one)".into(),
                    Choice::Direction(Direction::Got),
                ),
            ],
        }
    }

    pub fn default_choice(&self) -> Option<Choice> {
        self.options().first().map(|(_, _, choice)| *choice)
    }

    pub fn choice_for(&self, key: char) -> Option<Choice> {
        let key = key.to_ascii_lowercase();
        self.options()
            .into_iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, c)| c)
    }

    /// Carry out the choice; returns the line that says what happened.
    pub fn apply(
        &self,
        store: &mut Store,
        ctx: &Context,
        choice: Choice,
    ) -> Result<String, OpError> {
        let with_notes = |captured: ops::Captured| match captured.notes.first() {
            Some(note) => format!("{} · {note}", captured.line),
            None => captured.line,
        };
        match (self, choice) {
            (Pick::Channel { id, .. }, Choice::Channel(channel)) => {
                ops::follow_up(store, ctx, *id, Some(channel), "")
            }
            (Pick::Response { line }, Choice::Response(response)) => {
                ops::critique(store, ctx, line, response).map(with_notes)
            }
            (Pick::Deadline { ask, .. }, Choice::Deadline(deadline)) => ops::edit(
                store,
                ctx,
                *ask,
                &format!("for {deadline}"),
                ops::EditMode::Merge,
            ),
            (Pick::Direction { line }, Choice::Direction(direction)) => {
                ops::favor(store, ctx, direction, line).map(with_notes)
            }
            _ => Err(OpError::Input("that choice does not fit here".into())),
        }
    }
}
