//! One-key choices after a line or on an item: the channel a follow-up went out on, how a
//! critique was answered, which way a favor went.

use super::action::Action;
use crate::domain::Channel;
use crate::domain::critique::Response;
use crate::domain::favor::Direction;

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

/// What an action did to the open choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickOutcome {
    Chosen(Choice),
    Cancel,
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

    /// The choices, each with the action that picks it (None: only submit, which takes the
    /// first) and its label.
    pub fn options(&self) -> Vec<(Option<Action>, String, Choice)> {
        let option = |action, label: &str, choice| (Some(action), label.to_string(), choice);
        match self {
            Pick::Channel { suggested, .. } => {
                let mut options = vec![(
                    None,
                    suggested.label().to_string(),
                    Choice::Channel(*suggested),
                )];
                for (action, channel) in [
                    (Action::ByEmail, Channel::Email),
                    (Action::ByChat, Channel::Chat),
                    (Action::ByCall, Channel::Call),
                    (Action::InPerson, Channel::InPerson),
                ] {
                    options.push(option(action, channel.label(), Choice::Channel(channel)));
                }
                options
            }
            Pick::Response { .. } => vec![
                option(
                    Action::AnswerInvite,
                    "invite them to proof the next piece",
                    Choice::Response(Response::Invite),
                ),
                option(
                    Action::AnswerStyleGuide,
                    "explained the style guide",
                    Choice::Response(Response::StyleGuide),
                ),
                option(
                    Action::AnswerFixed,
                    "fixed it",
                    Choice::Response(Response::Fixed),
                ),
                option(
                    Action::AnswerLetGo,
                    "let it go",
                    Choice::Response(Response::LetGo),
                ),
            ],
            Pick::Deadline { deadlines, .. } => deadlines
                .iter()
                .zip(Action::CHOICES)
                .map(|((id, title), action)| {
                    option(
                        action,
                        &format!("{title} (Deadline {id})"),
                        Choice::Deadline(*id),
                    )
                })
                .collect(),
            Pick::Direction { .. } => vec![
                option(
                    Action::Gave,
                    "I gave it (did them a favor)",
                    Choice::Direction(Direction::Gave),
                ),
                option(
                    Action::Got,
                    "I received it (they did me one)",
                    Choice::Direction(Direction::Got),
                ),
            ],
        }
    }

    /// What submit takes: the first choice.
    pub fn default_choice(&self) -> Option<Choice> {
        self.options().first().map(|(_, _, choice)| *choice)
    }

    /// The choice an action picks here, if it is one of them.
    pub fn choice_for(&self, action: Action) -> Option<Choice> {
        self.options()
            .into_iter()
            .find(|(a, _, _)| *a == Some(action))
            .map(|(_, _, c)| c)
    }

    /// An action while the choice is open: submit takes the first choice, cancel closes it.
    pub fn on_action(&self, action: Action) -> Option<PickOutcome> {
        match action {
            Action::Submit => self.default_choice().map(PickOutcome::Chosen),
            Action::Cancel => Some(PickOutcome::Cancel),
            action => self.choice_for(action).map(PickOutcome::Chosen),
        }
    }
}
