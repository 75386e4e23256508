//! The stress check-in pane: the nearest tight deadline and the time left to it.

use ratatui::text::{Line, Span};

use crate::domain::words;
use crate::text;
use crate::tui::app::App;

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    match &app.board.tight {
        Some(deadline) => {
            let due = deadline.due.unwrap_or(app.now);
            let (phrase, style) = if due < app.now {
                (
                    format!("overdue by {}", words::span(app.now - due)),
                    theme.danger,
                )
            } else {
                (
                    format!(
                        "due in {} · {}",
                        words::span(due - app.now),
                        words::day_time(&due, &app.now)
                    ),
                    theme.warning,
                )
            };
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        " {}",
                        text::fit(&deadline.title, width.saturating_sub(32).max(8))
                    ),
                    theme.text,
                ),
                Span::styled(format!(" {phrase}"), style),
            ]));
        }
        None => lines.push(Line::styled(
            format!(
                " Nothing due in the next {} h. Good time for deep work.",
                app.config.tight_window_hours
            ),
            theme.muted,
        )),
    }
    let last = match app.board.last_stress {
        Some((at, stress)) => format!(
            " last check-in {stress}/5 · {}",
            words::day_time(&at, &app.now)
        ),
        None => " no check-ins yet".to_string(),
    };
    lines.push(Line::styled(last, theme.muted));
    lines
}
