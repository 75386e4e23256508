//! Proofing invitations: the critic, what they said, the piece, status and age.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::is_selected;
use crate::domain::{Status, words};
use crate::store::items::ProofingRow;
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::widgets::{cell, column_width, marker};

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    if app.board.proofing.is_empty() {
        return vec![Line::styled(
            " When someone criticises your work, invite them to proof the next piece.",
            app.theme.muted,
        )];
    }
    let statuses: Vec<String> = app
        .board
        .proofing
        .iter()
        .map(|r| {
            format!(
                "{} · {}",
                r.item.status.label(),
                words::age(app.now - r.item.created_at)
            )
        })
        .collect();
    let status_w = if width >= 40 {
        column_width(statuses.iter().map(String::as_str), 6, 18)
    } else {
        0
    };
    app.board
        .proofing
        .iter()
        .zip(&statuses)
        .enumerate()
        .map(|(i, (row, status))| {
            line(
                app,
                row,
                status,
                status_w,
                is_selected(app, Pane::Proofing, 2, i),
                width,
            )
        })
        .collect()
}

fn line(
    app: &App,
    row: &ProofingRow,
    status: &str,
    status_w: usize,
    selected: bool,
    width: usize,
) -> Line<'static> {
    let theme = &app.theme;
    let item = &row.item;
    let arrow = if theme.ascii { "->" } else { "→" };
    let piece = item.piece.clone().unwrap_or_else(|| item.title.clone());
    let what = match &row.said {
        Some(said) => format!("\"{said}\" {arrow} {piece}"),
        None => piece,
    };
    let person_w = if width >= 50 { 9 } else { 0 };
    let what_w = width.saturating_sub(2 + person_w + status_w + 2);
    let base = if selected {
        theme.selected
    } else {
        Style::default()
    };
    let status_style = if item.status == Status::ToSend {
        theme.warning
    } else {
        theme.muted
    };
    let mut spans = vec![Span::styled(marker(theme, selected), base)];
    if person_w > 0 {
        spans.push(cell(
            item.person.as_deref().unwrap_or("?"),
            person_w,
            base.patch(theme.accent),
        ));
        spans.push(Span::styled(" ", base));
    }
    spans.push(cell(&what, what_w, base.patch(theme.text)));
    if status_w > 0 {
        spans.push(Span::styled(" ", base));
        spans.push(cell(status, status_w, base.patch(status_style)));
    }
    Line::from(spans)
}
