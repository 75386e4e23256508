//! The Stress check-in pane: the nearest tight deadline and the time left, when the next check-in
//! is due, the last rating beside two weeks of them, and a running focus sprint.

use ratatui::text::{Line, Span};

use crate::domain::stress::Sprint;
use crate::domain::words;
use crate::ops::stress_sparkline;
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::when::Moment;

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let info = &app.board.stress;
    let mut lines = Vec::new();
    match info.tight.as_ref().and_then(|d| d.due.map(|due| (d, due))) {
        Some((deadline, due)) => {
            lines.push(tight_line(app, &deadline.title, due, width));
            if let Some(next) = info.next_checkin {
                lines.push(next_checkin_line(app, next));
            }
        }
        None => lines.push(Line::styled(
            format!(
                "Nothing due within {} h: good time for deep work.",
                app.config.tight_window_hours
            ),
            theme.muted,
        )),
    }
    // A running sprint comes first after the deadline: it is the countdown that matters now.
    if let Some((sprint, deadline)) = &info.sprint {
        let on = deadline.as_ref().map_or("focus", |d| d.title.as_str());
        lines.push(sprint_line(app, sprint, on, width));
    }
    let last = match info.last {
        Some((at, stress)) => format!(
            "last check-in {stress}/5, {}",
            words::day_time(&at, &app.now)
        ),
        None => "no check-ins yet".to_string(),
    };
    lines.push(Line::styled(last, theme.muted));
    if info.days.iter().any(Option::is_some) {
        lines.push(Line::from(vec![
            Span::styled(stress_sparkline(info, theme.ascii), theme.accent),
            Span::styled(" the last 14 days", theme.muted),
        ]));
    }
    lines
}

/// The tight deadline's title and how long is left (or how overdue it is).
fn tight_line(app: &App, title: &str, due: Moment, width: usize) -> Line<'static> {
    let theme = &app.theme;
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
    let title_room = width.saturating_sub(text::width(&phrase) + 1).max(8);
    Line::from(vec![
        Span::styled(text::fit(title, title_room), theme.title),
        Span::styled(format!(" {phrase}"), style),
    ])
}

fn next_checkin_line(app: &App, next: Moment) -> Line<'static> {
    let theme = &app.theme;
    if next <= app.now {
        let key = app
            .keymap
            .key_for(Context::Dashboard, Action::Checkin)
            .map(|k| k.to_string())
            .unwrap_or_default();
        return Line::from(vec![
            Span::styled("time to check in: ", theme.warning),
            Span::styled(key, theme.key),
        ]);
    }
    let wait = next - app.now;
    let wait = if wait < chrono::Duration::minutes(1) {
        "under a minute".to_string()
    } else {
        words::span(wait)
    };
    Line::styled(format!("next check-in in {wait}"), theme.muted)
}

/// "Sprint on launch: 18 min left ████░░", the bar at most 30 cells.
fn sprint_line(app: &App, sprint: &Sprint, on: &str, width: usize) -> Line<'static> {
    let theme = &app.theme;
    let left = words::countdown(sprint.remaining(&app.now));
    let head = format!("Sprint on {on}: {left} left ");
    let bar_width = width.saturating_sub(text::width(&head)).clamp(0, 30);
    let filled = ((sprint.progress(&app.now) * bar_width as f64).round() as usize).min(bar_width);
    let (full, empty) = if theme.ascii {
        ("#", "-")
    } else {
        ("█", "░")
    };
    Line::from(vec![
        Span::styled(head, theme.ok),
        Span::styled(full.repeat(filled), theme.ok),
        Span::styled(empty.repeat(bar_width - filled), theme.muted),
    ])
}
