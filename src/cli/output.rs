//! What the commands print: JSON with DESIGN.md's field names (times in RFC 3339 with the local
//! offset), and plain aligned tables.

use serde::Serialize;

use crate::domain::attention::Reason;
use crate::domain::{Channel, Item, Kind, Status};
use crate::domain::{FollowUp, PersonStats};
use crate::text;
use crate::when::Moment;

#[derive(Debug, Serialize)]
pub struct ItemJson {
    pub id: i64,
    pub uuid: String,
    pub kind: Kind,
    pub title: String,
    pub person: Option<String>,
    pub channel: Option<Channel>,
    pub why: Option<String>,
    pub status: Status,
    pub asked_at: Option<String>,
    pub need_by: Option<String>,
    pub next_check: Option<String>,
    pub due: Option<String>,
    pub tags: Vec<String>,
    pub follow_ups: Vec<FollowUp>,
    pub deadline_id: Option<i64>,
    pub piece: Option<String>,
    pub notes: String,
    pub decline_reason: Option<String>,
    pub closed_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
}

pub fn time(moment: &Moment) -> String {
    moment.to_rfc3339()
}

fn maybe(moment: &Option<Moment>) -> Option<String> {
    moment.as_ref().map(time)
}

impl ItemJson {
    pub fn new(item: &Item, follow_ups: &[FollowUp], reason: Option<Reason>) -> Self {
        ItemJson {
            id: item.id,
            uuid: item.uuid.clone(),
            kind: item.kind,
            title: item.title.clone(),
            person: item.person.clone(),
            channel: item.channel,
            why: item.why.clone(),
            status: item.status,
            asked_at: maybe(&item.asked_at),
            need_by: maybe(&item.need_by),
            next_check: maybe(&item.next_check),
            due: maybe(&item.due),
            tags: item.tags.clone(),
            follow_ups: follow_ups.to_vec(),
            deadline_id: item.deadline_id,
            piece: item.piece.clone(),
            notes: item.notes.clone(),
            decline_reason: item.decline_reason.clone(),
            closed_at: maybe(&item.closed_at),
            created_at: time(&item.created_at),
            updated_at: time(&item.updated_at),
            reason,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PersonJson {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub team: Option<String>,
    pub expertise: Vec<String>,
    pub notes: String,
    pub prefers: Option<Channel>,
    /// Median hours from ask to answer over their latest answered asks.
    pub reply_median_hours: Option<f64>,
    pub open_asks: u32,
    pub best_channel: Option<Channel>,
    pub favors_gave: u32,
    pub favors_got: u32,
    /// Gave minus got: above zero, they owe you.
    pub favors_balance: i64,
    pub critiques: u32,
    pub invited_to_proof: u32,
    /// The keep-in-touch rhythm, and their last real contact (only for those with a rhythm).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub every_days: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_contact: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl PersonJson {
    pub fn new(stats: &PersonStats) -> Self {
        let person = &stats.person;
        PersonJson {
            id: person.id,
            uuid: person.uuid.clone(),
            name: person.name.clone(),
            team: person.team.clone(),
            expertise: person.expertise.clone(),
            notes: person.notes.clone(),
            prefers: person.prefers,
            reply_median_hours: person
                .reply_median
                .map(|d| (d.num_minutes() as f64 / 60.0 * 10.0).round() / 10.0),
            open_asks: stats.open_asks,
            best_channel: stats.best_channel(),
            favors_gave: stats.balance.gave,
            favors_got: stats.balance.got,
            favors_balance: stats.balance.net(),
            critiques: stats.critiques,
            invited_to_proof: stats.invited,
            every_days: person.every_days,
            last_contact: stats.last_contact.as_ref().map(time),
            created_at: time(&person.created_at),
            updated_at: time(&person.updated_at),
        }
    }
}

/// `table`, fitted to a terminal `width` columns wide. Long cells (titles) are cut shorter first,
/// down to 16 columns; then columns that would show less than 12 characters at the right edge are
/// left out (the header says which are there); then each line is cut to fit.
pub fn table_within(rows: &[Vec<String>], max: usize, width: usize) -> Vec<String> {
    const SHORTEST_CELL: usize = 16;
    const SHORTEST_LAST: usize = 12;
    let floor = SHORTEST_CELL.min(max);
    let mut rows = rows.to_vec();
    let cut = |rows: &[Vec<String>], m: usize| -> Vec<String> {
        table(rows, m)
            .into_iter()
            .map(|line| text::fit(&line, width))
            .collect()
    };
    loop {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        // A cell cut to m columns is at most m wide: the widest cell of each column, once.
        let widest: Vec<usize> = (0..columns)
            .map(|c| {
                rows.iter()
                    .filter_map(|r| r.get(c))
                    .map(|cell| text::width(&text::inert(cell)))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let fits = |m: usize| {
            let Some((last, before)) = widest.split_last() else {
                return true;
            };
            let start: usize = before.iter().map(|w| w.min(&m) + 2).sum();
            start + last.min(&m).min(&SHORTEST_LAST) <= width
        };
        if let Some(m) = (floor..=max).rev().find(|m| fits(*m)) {
            return cut(&rows, m);
        }
        if columns <= 2 {
            return cut(&rows, floor);
        }
        for row in &mut rows {
            row.truncate(columns - 1);
        }
    }
}

/// Rows of cells printed in aligned columns; the last column is never padded. Cells are made
/// inert and cut to `max` columns each.
pub fn table(rows: &[Vec<String>], max: usize) -> Vec<String> {
    // Each cell is cut and measured once, for its column's width and for its line.
    let cells: Vec<Vec<(String, usize)>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| {
                    let shown = text::fit(cell, max);
                    let width = text::width(&shown);
                    (shown, width)
                })
                .collect()
        })
        .collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    for row in &cells {
        for (c, (_, width)) in row.iter().enumerate() {
            widths[c] = widths[c].max(*width);
        }
    }
    cells
        .into_iter()
        .map(|row| {
            let last = row.len().saturating_sub(1);
            let mut line = String::new();
            for (c, (shown, width)) in row.into_iter().enumerate() {
                if c > 0 {
                    line.push_str("  ");
                }
                line.push_str(&shown);
                if c < last {
                    line.extend(std::iter::repeat_n(' ', widths[c] - width));
                }
            }
            line.truncate(line.trim_end().len());
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Vec<String>> {
        [
            ["NAME", "TEAM", "KNOWS"],
            ["Dana", "Sales", "casestudy, retail"],
            ["Tom", "Customer success and support", "onboarding"],
        ]
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
    }

    #[test]
    fn a_table_fits_a_narrow_terminal_by_cutting_long_cells_then_columns() {
        let wide = table_within(&rows(), 40, 80);
        assert_eq!(wide[0], "NAME  TEAM                          KNOWS");
        assert_eq!(wide[2], "Tom   Customer success and support  onboarding");
        // Long cells give way first: the team is cut so that KNOWS keeps 12 characters.
        let some = table_within(&rows(), 40, 40);
        assert_eq!(some[2], "Tom   Customer success an…  onboarding");
        assert!(some.iter().all(|l| text::width(l) <= 40), "{some:?}");
        // Cut down to 16, then a column that would show only a sliver is left out.
        let narrow = table_within(&rows(), 40, 33);
        assert_eq!(narrow[0], "NAME  TEAM");
        assert_eq!(narrow[2], "Tom   Customer success and suppo…");
        let tiny = table_within(&rows(), 40, 8);
        assert!(tiny.iter().all(|l| text::width(l) <= 8), "{tiny:?}");
    }
}
