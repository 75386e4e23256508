//! Proofing invitations: the critic, what they said, the piece, status and age.

use ratatui::text::Line;

use super::{Content, is_selected, nothing_found};
use crate::domain::{Status, words};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::layout::Pane;
use crate::tui::widgets::{GridRow, column_width, title_first};

pub fn rows(app: &App, width: usize) -> Content {
    let theme = &app.theme;
    let found = app.found_words(Pane::Proofing);
    if app.board.proofing.is_empty() && app.find_in(Pane::Proofing).is_some() {
        return nothing_found(theme);
    }
    if app.board.proofing.is_empty() {
        let key = app.key_name(Context::Dashboard, Action::Critique);
        return Content::Lines(vec![Line::styled(
            format!(
                "When someone criticises your work, {key} logs it and invites them to proof the \
                 next piece."
            ),
            theme.muted,
        )]);
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
    let person_w = column_width(
        app.board
            .proofing
            .iter()
            .map(|r| r.item.person.as_deref().unwrap_or("?")),
        4,
        10,
    );
    let status_w = column_width(statuses.iter().map(String::as_str), 6, 18);
    let mut columns = [(person_w, 4), (status_w, 6)];
    let what_w = title_first(width, 2, usize::MAX, super::asks::TITLE_ROOM, &mut columns);
    let [(person_w, _), (status_w, _)] = columns;
    let arrow = if theme.ascii { "->" } else { "→" };
    let rows = app
        .board
        .proofing
        .iter()
        .zip(&statuses)
        .enumerate()
        .map(|(i, (row, status))| {
            let item = &row.item;
            let selected = is_selected(app, Pane::Proofing, 2, i);
            let piece = item.piece.as_deref().unwrap_or(&item.title);
            let what = match &row.said {
                Some(said) => format!("\"{said}\" {arrow} {piece}"),
                None => piece.to_string(),
            };
            let status_style = if item.status == Status::ToSend {
                theme.warning
            } else {
                theme.muted
            };
            let mark = theme.key.add_modifier(ratatui::style::Modifier::UNDERLINED);
            let mut line = GridRow::listed(theme, selected);
            line = line.cell_marked(
                item.person.as_deref().unwrap_or("?"),
                person_w,
                theme.accent,
                &found,
                mark,
            );
            if person_w > 0 {
                line = line.gap();
            }
            line = line.cell_marked(&what, what_w, theme.text, &found, mark);
            line = line.gap_then_cell(status, status_w, status_style);
            line
        })
        .collect();
    Content::Grid(rows)
}
