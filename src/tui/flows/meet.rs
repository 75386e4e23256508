//! Person mode: everything open with one person on one screen, one key per item, and the
//! recap of the visit when leaving (`y` copies it).

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::domain::visit::Visit;
use crate::ops::{LineKind, Meeting};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::look::Look;
use crate::tui::widgets::{clamp_scroll, marker, pane_block, wrap_styled};

#[derive(Debug, Clone)]
pub struct MeetingView {
    pub meeting: Meeting,
    /// The item the keys act on.
    pub selected: Option<i64>,
    pub scroll: usize,
    /// What was done so far in this visit.
    pub visit: Visit,
    /// `w` in person mode: the walk-over is logged on leaving even when nothing else was.
    pub walked: bool,
    /// Leaving: the recap shows, esc again leaves.
    pub leaving: bool,
}

impl MeetingView {
    pub fn new(meeting: Meeting) -> MeetingView {
        MeetingView {
            selected: meeting.rows().first().copied(),
            meeting,
            scroll: 0,
            visit: Visit::default(),
            walked: false,
            leaving: false,
        }
    }

    /// A fresh read of the meeting, keeping the selection where it was (the next row when the
    /// selected item is no longer open).
    pub fn refresh(&mut self, meeting: Meeting) {
        let before = self.meeting.rows();
        let at = self
            .selected
            .and_then(|id| before.iter().position(|r| *r == id));
        let rows = meeting.rows();
        self.selected = match (self.selected, at) {
            (Some(id), _) if rows.contains(&id) => Some(id),
            (_, Some(at)) => rows.get(at.min(rows.len().saturating_sub(1))).copied(),
            _ => rows.first().copied(),
        };
        self.meeting = meeting;
    }

    /// Move the selection by `delta` rows; past the first or last row the page scrolls (to the
    /// favors and the critique below the items).
    pub fn move_by(&mut self, delta: isize) {
        let rows = self.meeting.rows();
        let at = self
            .selected
            .and_then(|id| rows.iter().position(|r| *r == id))
            .unwrap_or(0);
        let next = at
            .saturating_add_signed(delta)
            .min(rows.len().saturating_sub(1));
        if next == at {
            self.scroll = self.scroll.saturating_add_signed(delta);
        } else {
            self.scroll = 0;
        }
        self.selected = rows.get(next).copied();
    }

    /// Whether leaving logs a visit.
    pub fn visited(&self) -> bool {
        self.walked || !self.visit.is_empty()
    }

    /// "Dana: 3 asks covered: 1 received, 2 promised by Thu".
    pub fn recap(&self, now: &crate::when::Moment) -> String {
        let name = &self.meeting.person().name;
        if self.visit.is_empty() && self.walked {
            return format!("{name}: walked over");
        }
        self.visit.recap(name, now)
    }
}

/// The lines, wrapped to `width`, with the selected item marked; and where the selected one is.
pub fn content(
    look: &Look<'_>,
    view: &MeetingView,
    width: usize,
) -> (Vec<Line<'static>>, Option<usize>) {
    let theme = look.theme;
    let mut lines = Vec::new();
    let mut selected_at = None;
    for (kind, line, item) in view.meeting.lines(&look.now) {
        if kind == LineKind::Heading && !lines.is_empty() {
            lines.push(Line::default());
        }
        let style = match kind {
            LineKind::Title | LineKind::Heading | LineKind::DraftHeading => theme.title,
            LineKind::Text => theme.text,
            LineKind::Muted => theme.muted,
            LineKind::Warning => theme.warning,
        };
        let (line, style) = match item {
            Some(id) if Some(id) == view.selected => {
                selected_at = Some(lines.len());
                let rest = line.strip_prefix("  ").unwrap_or(&line);
                (format!("{}{rest}", marker(theme, true)), theme.selected)
            }
            _ => (line, style),
        };
        lines.extend(wrap_styled(vec![(line, style)], width));
    }
    if view.visited() {
        let copy = look.key_name(Context::Meet, Action::CopyDraft);
        let (line, style) = if view.leaving {
            let back = look.key_name(Context::Meet, Action::Back);
            (
                format!(
                    "Recap · {} · {copy} copies it · {back} again leaves",
                    view.recap(&look.now)
                ),
                theme.ok,
            )
        } else {
            (
                format!("So far · {} · {copy} copies it", view.recap(&look.now)),
                theme.key,
            )
        };
        lines.push(Line::default());
        lines.extend(wrap_styled(vec![(line, style)], width));
    }
    (lines, selected_at)
}

pub fn draw(frame: &mut Frame, look: &Look<'_>, view: &MeetingView, area: Rect) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let title = format!("Walking over to {}", view.meeting.person().name);
    let block = pane_block(look.theme, &title, None, true);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let (lines, selected_at) = content(look, view, usize::from(inner.width));
    let height = usize::from(inner.height);
    // The selected item stays in view (with a line of what follows), the recap once leaving;
    // moving on past the last item scrolls further.
    let scroll = if view.leaving {
        lines.len().saturating_sub(height)
    } else {
        let keep = selected_at.map_or(0, |at| (at + 2).saturating_sub(height));
        keep + view.scroll
    };
    let scroll = clamp_scroll(scroll, lines.len(), usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
