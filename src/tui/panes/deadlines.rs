//! Deadlines, soonest first: when due in words, and the asks that put them at risk.

use chrono::Duration;
use ratatui::style::Style;
use ratatui::text::Line;

use super::{Content, is_selected};
use crate::domain::{deadline, words};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::layout::Pane;
use crate::tui::widgets::{GridRow, column_width, marker};

pub fn rows(app: &App, width: usize) -> Content {
    let theme = &app.theme;
    if app.board.deadlines.is_empty() {
        let key = app
            .keymap
            .key_for(Context::Dashboard, Action::CaptureDeadline);
        let key = key.map(|k| k.to_string()).unwrap_or_else(|| "D".into());
        return Content::Lines(vec![Line::styled(
            format!("No deadlines of your own. {key} adds one."),
            theme.muted,
        )]);
    }
    let whens: Vec<String> = app
        .board
        .deadlines
        .iter()
        .map(|r| words::status_phrase(&r.item, &app.now))
        .collect();
    let when_w = column_width(
        whens.iter().map(String::as_str),
        5,
        if width >= 40 { 18 } else { 11 },
    );
    let risk_w = if width >= 36 { 9 } else { 0 };
    let title_w = width.saturating_sub(2 + when_w + risk_w + 1 + usize::from(risk_w > 0));
    let warn = if theme.ascii { "!" } else { "⚠" };
    let rows = app
        .board
        .deadlines
        .iter()
        .zip(&whens)
        .enumerate()
        .map(|(i, (row, when))| {
            let item = &row.item;
            let selected = is_selected(app, Pane::Deadlines, 1, i);
            let at_risk =
                deadline::at_risk(item.due.as_ref(), row.open_asks, row.late_asks, &app.now);
            let risk = match (at_risk, row.open_asks) {
                (true, n) => format!("{warn} {}", words::count(n, "ask")),
                (false, 0) => String::new(),
                (false, n) => words::count(n, "ask"),
            };
            let when_style = match item.due {
                Some(due) if due < app.now => theme.danger,
                Some(due) if due - app.now <= Duration::hours(24) => theme.warning,
                _ => theme.muted,
            };
            let mut line = GridRow::new(if selected {
                theme.selected
            } else {
                Style::default()
            })
            .cell(marker(theme, selected), 2, theme.text)
            .cell(&item.title, title_w, theme.text)
            .gap()
            .cell(when, when_w, when_style);
            if risk_w > 0 {
                line = line.gap().cell(
                    &risk,
                    risk_w,
                    if at_risk { theme.danger } else { theme.muted },
                );
            }
            line
        })
        .collect();
    Content::Grid(rows)
}
