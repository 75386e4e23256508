//! One day in numbers, for the end-of-day reflection and `nudge report --day`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::stress::Stress;
use crate::when::Moment;

/// What a day held. Serialized into each reflection as it was written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DaySummary {
    /// Asks made, by channel ("email", "call", …).
    pub asks_by_channel: BTreeMap<String, u32>,
    pub received: u32,
    pub follow_ups: u32,
    pub critiques: u32,
    /// Critiques answered with an invitation to proof.
    pub invitations: u32,
    pub checkins: u32,
    /// Average stress of the day's check-ins.
    pub average_stress: Option<f64>,
    pub deadlines_met: u32,
    pub deadlines_missed: u32,
    /// People walked over to in person mode (each once a day). Missing from reflections written
    /// before it existed.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub walk_overs: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// One day's end-of-day reflection. Serialized as `nudge list reflections --json` shows it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Reflection {
    pub id: i64,
    pub uuid: String,
    /// "2026-11-28"
    pub day: String,
    pub went_well: String,
    pub stuck: String,
    pub first_call: String,
    pub stress: Option<Stress>,
    #[serde(rename = "notes")]
    pub free_text: String,
    /// The day's numbers as they were when it was written.
    #[serde(rename = "numbers")]
    pub summary: DaySummary,
    /// None until it is first saved.
    #[serde(serialize_with = "crate::when::rfc3339_maybe")]
    pub created_at: Option<Moment>,
    #[serde(serialize_with = "crate::when::rfc3339_maybe")]
    pub updated_at: Option<Moment>,
}

impl DaySummary {
    pub fn asks_made(&self) -> u32 {
        self.asks_by_channel.values().sum()
    }

    /// The numbers as short lines of text.
    pub fn lines(&self) -> Vec<String> {
        let channels = if self.asks_by_channel.is_empty() {
            String::new()
        } else {
            let parts: Vec<String> = self
                .asks_by_channel
                .iter()
                .map(|(channel, n)| match channel.as_str() {
                    // "1 in person", "2 by email"
                    "in_person" => format!("{n} in person"),
                    other => format!("{n} by {other}"),
                })
                .collect();
            format!(" ({})", parts.join(", "))
        };
        let stress = match self.average_stress {
            Some(avg) => format!(", average stress {avg:.1}/5"),
            None => String::new(),
        };
        vec![
            format!("Asks made: {}{channels}", self.asks_made()),
            format!(
                "Received: {} · follow-ups: {}{}",
                self.received,
                self.follow_ups,
                match self.walk_overs {
                    0 => String::new(),
                    n => format!(" · walked over to {}", super::words::count(n, "person")),
                }
            ),
            format!(
                "Critiques: {} · turned into invitations: {}",
                self.critiques, self.invitations
            ),
            format!("Check-ins: {}{stress}", self.checkins),
            format!(
                "Deadlines met: {} · missed: {}",
                self.deadlines_met, self.deadlines_missed
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_well() {
        let mut day = DaySummary {
            received: 2,
            follow_ups: 3,
            checkins: 2,
            average_stress: Some(3.5),
            deadlines_met: 1,
            ..DaySummary::default()
        };
        day.asks_by_channel.insert("email".into(), 2);
        day.asks_by_channel.insert("in_person".into(), 1);
        assert_eq!(day.asks_made(), 3);
        assert_eq!(
            day.lines(),
            vec![
                "Asks made: 3 (2 by email, 1 in person)",
                "Received: 2 · follow-ups: 3",
                "Critiques: 0 · turned into invitations: 0",
                "Check-ins: 2, average stress 3.5/5",
                "Deadlines met: 1 · missed: 0",
            ]
        );
    }
}
