//! The four panes of the dashboard, one file each, drawn from `&App`.

pub mod asks;
pub mod deadlines;
pub mod proofing;
pub mod stress;

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;

use super::app::App;
use super::layout::Pane;
use super::widgets::{GridRow, draw_text, pane_block, render_grid};

/// Draw one pane: its frame, then its rows (or the line that says what belongs there).
pub fn draw(frame: &mut Frame, app: &App, pane: Pane, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let focused = app.focus == pane;
    let count = match pane {
        Pane::Stress => None,
        other => Some(app.board.total(other)),
    };
    let title = match &app.find {
        Some(find) if find.pane == pane => format!("{} · /{}", pane.title(), find.typed),
        _ => pane.title().to_string(),
    };
    let mut block = pane_block(&app.theme, &title, count, focused);
    if let Some(position) = position(app, pane, area) {
        block = block.bottom_right(position, app.theme.muted);
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    // Text (an empty list's hint, the stress pane) sits one column in from the border, wrapped
    // lines too.
    let text_area = inner.inner(Margin::new(1, 0));
    let text_width = usize::from(text_area.width);
    let content = match pane {
        Pane::Asks => asks::rows(app, width),
        Pane::Deadlines => deadlines::rows(app, width),
        Pane::Proofing => proofing::rows(app, width),
        Pane::Stress => Content::Lines(stress::lines(app, text_width)),
    };
    match content {
        Content::Lines(lines) => draw_text(frame, text_area, lines, true),
        Content::Grid(rows) => render_grid(frame.buffer_mut(), inner, &rows),
    }
}

/// Where the list is, when it holds more than its pane shows: " 3/17 " at the selection of the
/// focused pane, " 14 more " on the others.
fn position(app: &App, pane: Pane, area: Rect) -> Option<String> {
    let list = match pane {
        Pane::Asks => 0,
        Pane::Deadlines => 1,
        Pane::Proofing => 2,
        Pane::Stress => return None,
    };
    let total = app.board.total(pane);
    let rows = usize::from(area.height.saturating_sub(2));
    if total <= rows || area.width < 12 {
        return None;
    }
    let state = app.lists[list];
    Some(if app.focus == pane {
        format!(" {}/{total} ", state.selected + 1)
    } else {
        format!(" {} more ", total - rows.min(total))
    })
}

/// A filtered list with nothing in it says so, and how to get out.
pub fn nothing_found(theme: &crate::tui::theme::Theme) -> Content {
    Content::Lines(vec![Line::styled(
        "Nothing matches: backspace takes a letter back, esc shows them all.",
        theme.muted,
    )])
}

/// What a pane shows: list rows, or lines of text (an empty list's hint, the stress pane).
pub enum Content {
    Grid(Vec<GridRow>),
    Lines(Vec<Line<'static>>),
}

/// Whether row `index` of the visible window of `pane` is the selection.
pub fn is_selected(app: &App, pane: Pane, list: usize, index: usize) -> bool {
    app.focus == pane && app.lists[list].selected == app.lists[list].offset + index
}
