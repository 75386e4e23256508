//! One item with its history and the person's card, scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::ops::Detail;
use crate::ops::LineKind;
use crate::text;
use crate::tui::app::App;
use crate::tui::widgets::pane_block;

pub fn draw(frame: &mut Frame, app: &App, detail: &Detail, scroll: usize, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = &app.theme;
    let block = pane_block(
        theme,
        &format!("{} {}", detail.item.kind.title(), detail.item.id),
        None,
        true,
    );
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = Vec::new();
    for (kind, line) in detail.lines(&app.now) {
        let style = match kind {
            LineKind::Title => theme.title,
            LineKind::Heading => theme.accent,
            LineKind::Text => theme.text,
            LineKind::Muted => theme.muted,
            LineKind::Warning => theme.warning,
        };
        if kind == LineKind::Heading {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(text::inert(&line).into_owned(), style));
    }
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}
