//! Where everything goes for a terminal size: two columns from 100 columns wide, stacked below
//! that, one pane at a time with a tab line below 60×16. Computed in `update` on resize (the
//! mouse needs it too), never while drawing.

use ratatui::layout::{Constraint, Direction, Layout as Split, Rect};

/// The four panes, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Pane {
    #[default]
    Asks,
    Deadlines,
    Proofing,
    Stress,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Asks, Pane::Deadlines, Pane::Proofing, Pane::Stress];

    pub fn index(self) -> usize {
        match self {
            Pane::Asks => 0,
            Pane::Deadlines => 1,
            Pane::Proofing => 2,
            Pane::Stress => 3,
        }
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self.index() + 1) % 4]
    }

    pub fn prev(self) -> Pane {
        Pane::ALL[(self.index() + 3) % 4]
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Asks => "Pending asks",
            Pane::Deadlines => "Deadlines",
            Pane::Proofing => "Proofing invitations",
            Pane::Stress => "Stress check-in",
        }
    }

    pub fn short_title(self) -> &'static str {
        match self {
            Pane::Asks => "Asks",
            Pane::Deadlines => "Deadlines",
            Pane::Proofing => "Proofing",
            Pane::Stress => "Stress",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Wide,
    Stacked,
    /// One pane at a time, with a tab line.
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    pub area: Rect,
    pub header: Rect,
    pub footer: Rect,
    /// The tab line in single-pane mode.
    pub tabs: Rect,
    /// Each pane's rectangle (empty when not shown).
    pub panes: [Rect; 4],
    pub single: bool,
}

pub const WIDE_FROM: u16 = 100;
pub const SINGLE_BELOW: (u16, u16) = (60, 16);

impl Layout {
    pub fn mode(area: Rect) -> Mode {
        if area.width < SINGLE_BELOW.0 || area.height < SINGLE_BELOW.1 {
            Mode::Single
        } else if area.width >= WIDE_FROM {
            Mode::Wide
        } else {
            Mode::Stacked
        }
    }

    /// Lay out `area` with `focus` shown (one pane at a time) and, stacked, each pane as tall as
    /// `wants` asks (its rows and borders) as far as the room goes.
    pub fn compute(area: Rect, focus: Pane, wants: [u16; 4]) -> Layout {
        let [header, body, footer] = Split::default()
            .direction(Direction::Vertical)
            .constraints([
                Constraint::Length(1),
                Constraint::Min(0),
                Constraint::Length(1),
            ])
            .areas(area);
        let mut layout = Layout {
            area,
            header,
            footer,
            ..Layout::default()
        };
        match Layout::mode(area) {
            Mode::Wide => {
                let [top, bottom] = Split::default()
                    .direction(Direction::Vertical)
                    .constraints([Constraint::Percentage(60), Constraint::Percentage(40)])
                    .areas(body);
                let halves = |row: Rect| -> [Rect; 2] {
                    Split::default()
                        .direction(Direction::Horizontal)
                        .constraints([Constraint::Percentage(50), Constraint::Percentage(50)])
                        .areas(row)
                };
                let [asks, deadlines] = halves(top);
                let [proofing, stress] = halves(bottom);
                layout.panes = [asks, deadlines, proofing, stress];
            }
            Mode::Stacked => {
                let heights = share(body.height, wants, [3, 3, 3, 3]);
                layout.panes = Split::default()
                    .direction(Direction::Vertical)
                    .constraints(heights.map(Constraint::Length))
                    .areas(body);
            }
            Mode::Single => {
                let [tabs, pane] = Split::default()
                    .direction(Direction::Vertical)
                    .constraints([Constraint::Length(1), Constraint::Min(0)])
                    .areas(body);
                layout.tabs = tabs;
                layout.single = true;
                layout.panes[focus.index()] = pane;
            }
        }
        layout
    }

    /// The heights each pane wants: a list's rows (at least one) and its border; the stress
    /// pane's four lines and its border.
    pub fn wants(totals: [usize; 3]) -> [u16; 4] {
        let list = |n: usize| u16::try_from(n.max(1) + 2).unwrap_or(u16::MAX);
        [list(totals[0]), list(totals[1]), list(totals[2]), 6]
    }

    pub fn pane(&self, pane: Pane) -> Rect {
        self.panes[pane.index()]
    }

    /// Rows of list content a pane shows (inside its border).
    pub fn rows(&self, pane: Pane) -> usize {
        usize::from(self.pane(pane).height.saturating_sub(2)).max(1)
    }

    /// Which pane, and which row within its list, a screen cell belongs to.
    pub fn hit(&self, column: u16, row: u16) -> Option<(Pane, Option<usize>)> {
        let position = ratatui::layout::Position::new(column, row);
        Pane::ALL.into_iter().find_map(|pane| {
            let rect = self.pane(pane);
            if !rect.contains(position) {
                return None;
            }
            let inside = row > rect.y && row + 1 < rect.y + rect.height;
            Some((pane, inside.then(|| usize::from(row - rect.y - 1))))
        })
    }
}

/// Share `available` rows among stacked panes: each gets its minimum, then the rest is handed out
/// one row at a time to the panes still short of what they want (so no pane shows fewer rows
/// than it could while another has rows to spare); what nobody wants goes to the first pane.
fn share(available: u16, wants: [u16; 4], mins: [u16; 4]) -> [u16; 4] {
    let mut heights = [0u16; 4];
    let mut left = available;
    for (height, min) in heights.iter_mut().zip(mins) {
        let given = min.min(left);
        *height = given;
        left -= given;
    }
    while left > 0 {
        let mut gave = false;
        for (height, want) in heights.iter_mut().zip(wants) {
            if left > 0 && *height < want {
                *height += 1;
                left -= 1;
                gave = true;
            }
        }
        if !gave {
            heights[0] += left;
            break;
        }
    }
    heights
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_by_size() {
        assert_eq!(Layout::mode(Rect::new(0, 0, 120, 40)), Mode::Wide);
        assert_eq!(Layout::mode(Rect::new(0, 0, 80, 24)), Mode::Stacked);
        assert_eq!(Layout::mode(Rect::new(0, 0, 50, 15)), Mode::Single);
        assert_eq!(Layout::mode(Rect::new(0, 0, 120, 12)), Mode::Single);
    }

    #[test]
    fn every_size_lays_out_inside_the_screen() {
        for width in [0u16, 1, 2, 10, 59, 60, 99, 100, 400] {
            for height in [0u16, 1, 2, 3, 15, 16, 40, 120] {
                let area = Rect::new(0, 0, width, height);
                for focus in Pane::ALL {
                    let layout = Layout::compute(area, focus, [40, 3, 9, 6]);
                    for rect in
                        layout
                            .panes
                            .iter()
                            .chain([&layout.header, &layout.footer, &layout.tabs])
                    {
                        assert!(
                            rect.right() <= area.right().max(rect.x)
                                && rect.bottom() <= area.bottom().max(rect.y)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn stacked_panes_share_the_rows_they_want() {
        // 80x24 with 11 asks, 4 deadlines, 3 invitations: every invitation shows, the rest share.
        let heights = share(22, Layout::wants([11, 4, 3]), [3, 3, 3, 3]);
        assert_eq!(heights, [6, 6, 5, 5]);
        // Room enough: everyone gets what they want, and the asks the rest.
        let heights = share(40, Layout::wants([11, 4, 3]), [3, 3, 3, 3]);
        assert_eq!(heights, [23, 6, 5, 6]);
        // Too little for all: the room is shared evenly, none left at its border alone.
        let heights = share(14, Layout::wants([11, 4, 3]), [3, 3, 3, 3]);
        assert_eq!(heights, [4, 4, 3, 3]);
        assert!(heights.iter().all(|h| *h >= 3));
        // Room to spare goes to the first pane.
        assert_eq!(
            share(30, Layout::wants([1, 1, 1]), [3, 3, 3, 3]),
            [18, 3, 3, 6]
        );
    }

    #[test]
    fn clicks_find_pane_and_row() {
        let layout = Layout::compute(Rect::new(0, 0, 120, 40), Pane::Asks, [13, 6, 5, 6]);
        let asks = layout.pane(Pane::Asks);
        assert_eq!(
            layout.hit(asks.x + 3, asks.y + 1),
            Some((Pane::Asks, Some(0)))
        );
        assert_eq!(layout.hit(asks.x + 3, asks.y), Some((Pane::Asks, None)));
        let stress = layout.pane(Pane::Stress);
        assert_eq!(
            layout.hit(stress.x + 1, stress.y + 2),
            Some((Pane::Stress, Some(1)))
        );
        assert_eq!(layout.hit(0, 0), None);
    }
}
