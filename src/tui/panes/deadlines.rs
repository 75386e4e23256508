//! Deadlines, soonest first: when due in words, and the asks that put them at risk.

use chrono::Duration;
use ratatui::text::Line;

use super::{Content, is_selected, nothing_found};
use crate::domain::{deadline, words};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::layout::Pane;
use crate::tui::widgets::{GridRow, column_width, title_first};

pub fn rows(app: &App, width: usize) -> Content {
    let theme = &app.theme;
    let found = app.found_words(Pane::Deadlines);
    if app.board.deadlines.is_empty() && app.find_in(Pane::Deadlines).is_some() {
        return nothing_found(theme);
    }
    if app.board.deadlines.is_empty() {
        let key = app.key_name(Context::Dashboard, Action::CaptureDeadline);
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
    let longest = app
        .board
        .deadlines
        .iter()
        .map(|r| crate::text::width(&r.item.title))
        .max()
        .unwrap_or(0);
    let mut columns = [(when_w, 5), (9, 6)];
    let title_w = title_first(width, 2, longest, super::asks::TITLE_ROOM, &mut columns);
    let [(when_w, _), (risk_w, _)] = columns;
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
            let mut line = GridRow::listed(theme, selected).cell_marked(
                &item.title,
                title_w,
                theme.text,
                &found,
                theme.key.add_modifier(ratatui::style::Modifier::UNDERLINED),
            );
            line = line.gap_then_cell(when, when_w, when_style);
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
