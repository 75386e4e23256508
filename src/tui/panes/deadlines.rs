//! Deadlines, soonest first: when due in words, and the asks that put them at risk.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::is_selected;
use crate::domain::{deadline, words};
use crate::store::items::DeadlineRow;
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::widgets::{cell, column_width, marker};

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    if app.board.deadlines.is_empty() {
        let key = app.keymap.key_for(
            crate::tui::keymap::Context::Dashboard,
            crate::tui::action::Action::CaptureDeadline,
        );
        let key = key.map(|k| k.to_string()).unwrap_or_else(|| "D".into());
        return vec![Line::styled(
            format!(" No deadlines of your own. {key} adds one."),
            app.theme.muted,
        )];
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
    app.board
        .deadlines
        .iter()
        .zip(&whens)
        .enumerate()
        .map(|(i, (row, when))| {
            line(
                app,
                row,
                when,
                when_w,
                is_selected(app, Pane::Deadlines, 1, i),
                width,
            )
        })
        .collect()
}

fn line(
    app: &App,
    row: &DeadlineRow,
    when: &str,
    when_w: usize,
    selected: bool,
    width: usize,
) -> Line<'static> {
    let theme = &app.theme;
    let item = &row.item;
    let at_risk = deadline::at_risk(item.due.as_ref(), row.open_asks, row.late_asks, &app.now);
    let warn = if theme.ascii { "!" } else { "⚠" };
    let risk = match (at_risk, row.open_asks) {
        (true, n) => format!("{warn} {n} ask{}", if n == 1 { "" } else { "s" }),
        (false, 0) => String::new(),
        (false, n) => format!("{n} ask{}", if n == 1 { "" } else { "s" }),
    };
    let risk_w = if width >= 50 { 9 } else { 0 };
    let title_w = width.saturating_sub(2 + when_w + risk_w + 2);
    let base = if selected {
        theme.selected
    } else {
        Style::default()
    };
    let overdue = item.due.is_some_and(|d| d < app.now);
    let soon = item
        .due
        .is_some_and(|d| d - app.now <= chrono::Duration::hours(24));
    let when_style = if overdue {
        theme.danger
    } else if soon {
        theme.warning
    } else {
        theme.muted
    };
    let mut spans = vec![
        Span::styled(marker(theme, selected), base),
        cell(&item.title, title_w, base.patch(theme.text)),
        Span::styled(" ", base),
        cell(when, when_w, base.patch(when_style)),
    ];
    if risk_w > 0 {
        spans.push(Span::styled(" ", base));
        spans.push(cell(
            &risk,
            risk_w,
            base.patch(if at_risk { theme.danger } else { theme.muted }),
        ));
    }
    Line::from(spans)
}
