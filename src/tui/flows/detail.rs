//! One item with its history and the person's card, scrollable.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::ops::Detail;
use crate::tui::app::App;
use crate::tui::widgets::{clamp_scroll, pane_block, styled_lines, wrap_styled};

/// The detail's lines, wrapped to `width`.
pub fn content(app: &App, detail: &Detail, width: usize) -> Vec<Line<'static>> {
    wrap_styled(styled_lines(&app.theme, detail.lines(&app.now)), width)
}

pub fn draw(frame: &mut Frame, app: &App, detail: &Detail, scroll: usize, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let block = pane_block(
        &app.theme,
        &format!("{} {}", detail.item.kind.title(), detail.item.id),
        None,
        true,
    );
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let lines = content(app, detail, usize::from(inner.width));
    let scroll = clamp_scroll(scroll, lines.len(), usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
