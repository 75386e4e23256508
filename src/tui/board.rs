//! What the dashboard shows, loaded from the store: the header's figures and one window of each
//! list, sized to the panes. Nothing else is read.

use super::layout::Pane;
use crate::config::Config;
use crate::domain::Item;
use crate::ops::OpError;
use crate::ops::StressInfo;
use crate::store::Reader;
use crate::store::items::{Counts, DeadlineRow, ProofingRow};
use crate::when::Moment;

/// Selection within one list. `selected` and `offset` count from the top of the whole list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Board {
    pub counts: Counts,
    /// The visible window of each list, starting at its `ListState::offset`.
    pub asks: Vec<Item>,
    pub deadlines: Vec<DeadlineRow>,
    pub proofing: Vec<ProofingRow>,
    /// The Stress pane: the tight deadline, check-ins, the running sprint.
    pub stress: StressInfo,
    pub reviewed_today: bool,
    /// Nothing captured yet: the first-run screen.
    pub empty: bool,
    /// Replies found in the mail to open asks (`nudge mail scan`), by ask: the latest each.
    pub replies: std::collections::HashMap<i64, crate::domain::mail::Suggestion>,
    /// With a find (`/`): the list it filters and how many it finds there (the pane shows only
    /// those).
    pub found: Option<(Pane, u64)>,
}

/// How many of the replies found in the mail the board knows (the latest).
const REPLIES_SHOWN: usize = 100;

impl Board {
    /// The lists' windows for `rows` rows each, and the rest of the board, for these `counts`
    /// (read first, since they decide how tall the panes are).
    pub fn load(
        reader: &Reader<'_>,
        config: &Config,
        now: &Moment,
        lists: &mut [ListState; 3],
        rows: [usize; 3],
        counts: Counts,
        find: Option<(Pane, &crate::store::Find)>,
    ) -> Result<Board, OpError> {
        use crate::domain::Kind;
        let found = match find {
            Some((pane, find)) => {
                let kind = match pane {
                    Pane::Deadlines => Kind::Deadline,
                    Pane::Proofing => Kind::Proofing,
                    _ => Kind::Ask,
                };
                Some((pane, reader.count_found(kind, false, find)?))
            }
            None => None,
        };
        let in_pane = |pane: Pane, whole: u32| match found {
            Some((p, n)) if p == pane => n,
            _ => u64::from(whole),
        };
        let totals = [
            in_pane(Pane::Asks, counts.open_asks),
            in_pane(Pane::Deadlines, counts.deadlines),
            in_pane(Pane::Proofing, counts.proofing),
        ];
        for (state, (total, rows)) in lists.iter_mut().zip(totals.into_iter().zip(rows)) {
            clamp(state, total as usize, rows);
        }
        let asks = match find {
            Some((Pane::Asks, find)) => {
                reader.find_items(Kind::Ask, false, find, now, rows[0], lists[0].offset)?
            }
            _ => reader.open_asks(now, rows[0], lists[0].offset)?,
        };
        let deadlines = match find {
            Some((Pane::Deadlines, find)) => {
                reader.found_deadlines(find, rows[1], lists[1].offset)?
            }
            _ => reader.open_deadlines(rows[1], lists[1].offset)?,
        };
        let proofing = match find {
            Some((Pane::Proofing, find)) => {
                reader.found_proofing(find, rows[2], lists[2].offset)?
            }
            _ => reader.open_proofing(rows[2], lists[2].offset)?,
        };
        let stress = crate::ops::stress_info(reader, config, now)?;
        let mut replies = std::collections::HashMap::new();
        for reply in reader.mail_suggestions(REPLIES_SHOWN)? {
            replies.entry(reply.item_id).or_insert(reply);
        }
        Ok(Board {
            found,
            replies,
            empty: counts == Counts::default() && reader.is_empty()?,
            counts,
            asks,
            deadlines,
            proofing,
            stress,
            reviewed_today: reader.reviewed(&now.format("%Y-%m-%d").to_string())?,
        })
    }

    /// How many rows the whole list of a pane has.
    pub fn total(&self, pane: Pane) -> usize {
        match pane {
            _ if self.found.is_some_and(|(p, _)| p == pane) => {
                self.found.map_or(0, |(_, n)| n as usize)
            }
            Pane::Asks => self.counts.open_asks as usize,
            Pane::Deadlines => self.counts.deadlines as usize,
            Pane::Proofing => self.counts.proofing as usize,
            Pane::Stress => 0,
        }
    }
}

/// Keep a selection inside a list that may have shrunk, and on screen.
fn clamp(state: &mut ListState, total: usize, rows: usize) {
    if total == 0 {
        *state = ListState::default();
        return;
    }
    state.selected = state.selected.min(total - 1);
    let rows = rows.max(1);
    if state.selected < state.offset {
        state.offset = state.selected;
    }
    if state.selected >= state.offset + rows {
        state.offset = state.selected + 1 - rows;
    }
    // Do not leave empty rows at the bottom when the list could fill them.
    state.offset = state.offset.min(total.saturating_sub(rows));
}
