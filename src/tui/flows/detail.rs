//! One item with its history and the person's card, scrollable.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::ops::Detail;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::look::Look;
use crate::tui::widgets::{clamp_scroll, pane_block, styled_lines, wrap_styled};

/// The detail's lines, wrapped to `width`.
pub fn content(look: &Look<'_>, detail: &Detail, width: usize) -> Vec<Line<'static>> {
    let copy = look.key_name(Context::Detail, Action::CopyDraft);
    wrap_styled(
        styled_lines(look.theme, &copy, detail.lines(&look.now)),
        width,
    )
}

pub fn draw(frame: &mut Frame, look: &Look<'_>, detail: &Detail, scroll: usize, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let block = pane_block(
        look.theme,
        &format!("{} {}", detail.item.kind.title(), detail.item.id),
        None,
        true,
    );
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let lines = content(look, detail, usize::from(inner.width));
    let scroll = clamp_scroll(scroll, lines.len(), usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
