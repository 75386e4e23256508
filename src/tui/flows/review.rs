//! The daily review on screen: one card at a time, a progress line, and the summary at the end.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::domain::review::Decision;
use crate::ops::{LineKind, ReviewCard, ReviewState};
use crate::text;
use crate::tui::app::App;
use crate::tui::widgets::pane_block;

#[derive(Debug, Clone)]
pub struct ReviewFlow {
    pub state: ReviewState,
    /// The card of the current entry (None at the end).
    pub card: Option<ReviewCard>,
    /// A decision whose change is being made in a modal (the channel pick, the snooze date).
    pub pending: Option<Decision>,
    pub scroll: usize,
}

impl ReviewFlow {
    pub fn at_end(&self) -> bool {
        self.state.position >= self.state.queue.len()
    }
}

pub fn draw(frame: &mut Frame, app: &App, flow: &ReviewFlow, area: Rect) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let theme = &app.theme;
    let total = flow.state.queue.len();
    let title = if flow.at_end() {
        "Daily review · done".to_string()
    } else {
        format!("Daily review · {} / {total}", flow.state.position + 1)
    };
    let block = pane_block(theme, &title, None, true);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = Vec::new();
    match (&flow.card, flow.at_end()) {
        (_, true) => {
            let tally = flow.state.tally();
            if total == 0 {
                lines.push(Line::styled(
                    "Nothing needs a decision today. Well done.",
                    theme.ok,
                ));
            } else {
                lines.push(Line::styled(
                    format!(
                        "Reviewed {total} item{}.",
                        if total == 1 { "" } else { "s" }
                    ),
                    theme.title,
                ));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(tally.line(), theme.text));
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "The review is recorded for today.",
                theme.muted,
            ));
            lines.push(Line::from(vec![
                Span::styled("u", theme.key),
                Span::styled(" takes back the last decision · ", theme.muted),
                Span::styled("q", theme.key),
                Span::styled(" returns to the dashboard", theme.muted),
            ]));
        }
        (Some(card), false) => {
            lines.push(Line::styled(card.entry.section(), theme.accent));
            for (kind, line) in &card.lines {
                let style = match kind {
                    LineKind::Title => theme.title,
                    LineKind::Heading => theme.accent,
                    LineKind::Text => theme.text,
                    LineKind::Muted => theme.muted,
                    LineKind::Warning => theme.warning,
                };
                if *kind == LineKind::Heading {
                    lines.push(Line::raw(""));
                }
                lines.push(Line::styled(text::inert(line).into_owned(), style));
            }
        }
        (None, false) => lines.push(Line::styled("…", theme.muted)),
    }
    let progress = progress_bar(flow, usize::from(inner.width), theme.ascii);
    let body = Rect::new(
        inner.x,
        inner.y,
        inner.width,
        inner.height.saturating_sub(1),
    );
    let scroll = u16::try_from(flow.scroll).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        body,
    );
    if inner.height > 0 {
        let bar = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
        frame.render_widget(Paragraph::new(progress).style(theme.muted), bar);
    }
}

/// "━━━━━━────── 4 / 11"
fn progress_bar(flow: &ReviewFlow, width: usize, ascii: bool) -> String {
    let total = flow.state.queue.len().max(1);
    let label = format!(
        " {} / {}",
        flow.state.position.min(total),
        flow.state.queue.len()
    );
    let room = width.saturating_sub(label.len());
    let done = room * flow.state.position.min(total) / total;
    let (full, empty) = if ascii { ("=", "-") } else { ("━", "─") };
    format!("{}{}{label}", full.repeat(done), empty.repeat(room - done))
}
