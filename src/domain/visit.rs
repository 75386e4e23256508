//! A walk-over in person mode: what was covered with the person, and the recap said on leaving
//! ("Dana: 3 asks covered: 1 received, 2 promised by Thu").

use std::collections::BTreeMap;

use super::favor::Direction;
use super::words;
use crate::when::Moment;

/// What one key in person mode did to one item (or, for a favor, to the ledger).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Covered {
    Received,
    /// A follow-up logged as in person, with no new date.
    FollowedUp,
    /// They promised it by then (the check-back moved there).
    Promised(Moment),
    SaidNo,
    InvitationSent,
    InvitationAccepted,
    Favor(Direction),
}

impl Covered {
    /// Whether it is about an ask (the recap counts the asks covered).
    fn is_ask(self) -> bool {
        matches!(
            self,
            Covered::Received | Covered::FollowedUp | Covered::Promised(_) | Covered::SaidNo
        )
    }
}

/// What was covered, in the order it was done: (the item, or None for a favor; what).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Visit {
    pub covered: Vec<(Option<i64>, Covered)>,
}

impl Visit {
    pub fn note(&mut self, item: Option<i64>, covered: Covered) {
        self.covered.push((item, covered));
    }

    /// Undo took the last change back.
    pub fn undone(&mut self) {
        self.covered.pop();
    }

    pub fn is_empty(&self) -> bool {
        self.covered.is_empty()
    }

    /// The last word on each item, in the order the items were first covered; favors each.
    fn outcomes(&self) -> Vec<Covered> {
        let mut order: Vec<i64> = Vec::new();
        let mut last: BTreeMap<i64, Covered> = BTreeMap::new();
        let mut favors = Vec::new();
        for (item, covered) in &self.covered {
            match item {
                Some(id) => {
                    if last.insert(*id, *covered).is_none() {
                        order.push(*id);
                    }
                }
                None => favors.push(*covered),
            }
        }
        order
            .iter()
            .filter_map(|id| last.get(id).copied())
            .chain(favors)
            .collect()
    }

    /// "Dana: 3 asks covered: 1 received, 2 promised by Thu; 1 invitation sent; 1 favor logged".
    pub fn recap(&self, name: &str, now: &Moment) -> String {
        let outcomes = self.outcomes();
        if outcomes.is_empty() {
            return format!("{name}: nothing logged");
        }
        let asks: Vec<Covered> = outcomes.iter().copied().filter(|c| c.is_ask()).collect();
        let mut parts = Vec::new();
        if !asks.is_empty() {
            let mut said = Vec::new();
            let count = |wanted: fn(&Covered) -> bool| asks.iter().filter(|c| wanted(c)).count();
            let received = count(|c| *c == Covered::Received);
            if received > 0 {
                said.push(format!("{received} received"));
            }
            // Promises grouped by the day they were made for, soonest first.
            let mut promised: BTreeMap<Moment, usize> = BTreeMap::new();
            for c in &asks {
                if let Covered::Promised(by) = c {
                    *promised.entry(*by).or_default() += 1;
                }
            }
            let mut by_day: Vec<(String, usize)> = Vec::new();
            for (by, n) in promised {
                let day = words::day(&by, now);
                match by_day.iter_mut().find(|(d, _)| *d == day) {
                    Some((_, total)) => *total += n,
                    None => by_day.push((day, n)),
                }
            }
            said.extend(
                by_day
                    .into_iter()
                    .map(|(day, n)| format!("{n} promised by {day}")),
            );
            let followed = count(|c| *c == Covered::FollowedUp);
            if followed > 0 {
                said.push(format!("{followed} followed up"));
            }
            let no = count(|c| *c == Covered::SaidNo);
            if no > 0 {
                said.push(format!("{no} said no"));
            }
            parts.push(format!(
                "{} covered: {}",
                words::count(asks.len(), "ask"),
                said.join(", ")
            ));
        }
        let sent = outcomes
            .iter()
            .filter(|c| **c == Covered::InvitationSent)
            .count();
        if sent > 0 {
            parts.push(format!("{} sent", words::count(sent, "invitation")));
        }
        let accepted = outcomes
            .iter()
            .filter(|c| **c == Covered::InvitationAccepted)
            .count();
        if accepted > 0 {
            parts.push(format!("{} accepted", words::count(accepted, "invitation")));
        }
        let favors = outcomes
            .iter()
            .filter(|c| matches!(c, Covered::Favor(_)))
            .count();
        if favors > 0 {
            parts.push(format!("{} logged", words::count(favors, "favor")));
        }
        format!("{name}: {}", parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::when::testing::london_at;

    #[test]
    fn the_recap_counts_each_ask_once_by_its_last_word() {
        let now = london_at(11, 24, 10, 0);
        let thu = london_at(11, 26, 9, 0);
        let mut visit = Visit::default();
        visit.note(Some(1), Covered::FollowedUp);
        visit.note(Some(1), Covered::Received);
        visit.note(Some(2), Covered::Promised(thu));
        visit.note(Some(3), Covered::Promised(london_at(11, 26, 17, 0)));
        assert_eq!(
            visit.recap("Dana", &now),
            "Dana: 3 asks covered: 1 received, 2 promised by Thu"
        );
    }

    #[test]
    fn invitations_and_favors_have_their_own_words() {
        let now = london_at(11, 24, 10, 0);
        let mut visit = Visit::default();
        visit.note(Some(4), Covered::SaidNo);
        visit.note(Some(9), Covered::InvitationSent);
        visit.note(None, Covered::Favor(Direction::Got));
        assert_eq!(
            visit.recap("Sam", &now),
            "Sam: 1 ask covered: 1 said no; 1 invitation sent; 1 favor logged"
        );
    }

    #[test]
    fn undo_takes_the_last_back_and_nothing_says_so() {
        let now = london_at(11, 24, 10, 0);
        let mut visit = Visit::default();
        visit.note(Some(1), Covered::Received);
        visit.undone();
        assert!(visit.is_empty());
        assert_eq!(visit.recap("Dana", &now), "Dana: nothing logged");
    }
}
