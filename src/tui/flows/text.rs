//! A text to read and copy by hand (a draft the clipboard could not take), over what was on
//! screen.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::look::Look;
use crate::tui::widgets::{clamp_scroll, pane_block, wrap_styled};

/// The text's lines, made inert and wrapped to `width`.
pub fn content(look: &Look<'_>, text: &str, width: usize) -> Vec<Line<'static>> {
    wrap_styled(
        text.lines()
            .map(|line| (line.to_string(), look.theme.text))
            .collect(),
        width,
    )
}

pub fn draw(
    frame: &mut Frame,
    look: &Look<'_>,
    title: &str,
    text: &str,
    scroll: usize,
    area: Rect,
) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    frame.render_widget(Clear, area);
    let block = pane_block(look.theme, title, None, true);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let lines = content(look, text, usize::from(inner.width));
    let scroll = clamp_scroll(scroll, lines.len(), usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
