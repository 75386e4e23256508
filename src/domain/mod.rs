//! The concepts and their rules. Pure: no SQL, no terminal; `now` is always an argument.

pub mod attention;
pub mod channel;
pub mod critique;
pub mod day;
pub mod deadline;
pub mod draft;
pub mod escalation;
pub mod favor;
pub mod followup;
pub mod insight;
pub mod item;
pub mod mail;
pub mod person;
pub mod reminder;
pub mod reply;
pub mod review;
pub mod schedule;
pub mod stress;
pub mod touch;
pub mod visit;
pub mod vocabulary;
pub mod words;

pub use channel::Channel;
pub use critique::{Critique, NewCritique};
pub use day::Reflection;
pub use favor::Favor;
pub use followup::FollowUp;
pub use item::{Field, Item, Kind, Status};
pub use person::Person;
pub use person::PersonStats;
pub use stress::{Checkin, NewCheckin, Stress};
pub use vocabulary::Vocabulary;
