//! The welcome on an empty database: what nudge is for, and the one key that starts.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::centered;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::look::Look;

pub fn draw(frame: &mut Frame, look: &Look<'_>, area: Rect) {
    let theme = &look.theme;
    let lines = vec![
        Line::styled("Welcome to nudge", theme.title),
        Line::raw(""),
        Line::styled(
            "Everything you are waiting on from busy colleagues,",
            theme.text,
        ),
        Line::styled("and your own deadlines, in one calm place.", theme.text),
        Line::raw(""),
        Line::from(vec![
            Span::raw("Press "),
            Span::styled(
                look.key_name(Context::Dashboard, Action::CaptureAsk),
                theme.key,
            ),
            Span::raw(" to capture your first ask, for example"),
        ]),
        Line::styled(
            "@dana customer quotes by fri ~call why: launch deck",
            theme.accent,
        ),
        Line::raw(""),
        Line::from(vec![
            Span::styled(
                look.key_name(Context::Dashboard, Action::CaptureDeadline),
                theme.key,
            ),
            Span::styled(" adds a deadline · ", theme.muted),
            Span::styled(look.key_name(Context::Dashboard, Action::Help), theme.key),
            Span::styled(" shows every key · ", theme.muted),
            Span::styled(look.key_name(Context::Dashboard, Action::Quit), theme.key),
            Span::styled(" quits", theme.muted),
        ]),
        Line::styled(
            "Want to look around first? Quit and run `nudge demo`.",
            theme.muted,
        ),
    ];
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let box_area = centered(area, 64, height);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        box_area,
    );
}
