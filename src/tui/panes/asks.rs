//! Pending asks, in attention order: person, title, status phrase, channel and escalation hint.

use ratatui::style::Style;
use ratatui::text::Line;

use super::{Content, is_selected, nothing_found};
use crate::domain::{Item, attention, words};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::layout::Pane;
use crate::tui::theme::Theme;
use crate::tui::widgets::{GridRow, column_width, title_first};

/// How much of a title shows before the status words get their room.
pub const TITLE_ROOM: usize = 16;
use crate::when::Moment;

pub fn rows(app: &App, width: usize) -> Content {
    let theme = &app.theme;
    let asks = app.ask_rows();
    if asks.is_empty() && app.find_in(Pane::Asks).is_some() {
        return nothing_found(theme);
    }
    if asks.is_empty() {
        let key = app.key_name(Context::Dashboard, Action::CaptureAsk);
        return Content::Lines(vec![Line::styled(
            format!("Nothing pending. {key} captures an ask."),
            theme.muted,
        )]);
    }
    // The words a find matched, to mark them.
    let found = app.found_words(Pane::Asks);
    // An ask a reply was found for says so first: one key settles it.
    let phrases: Vec<String> = asks
        .iter()
        .map(|i| match app.board.replies.get(&i.id) {
            Some(reply) => format!("replied {}", words::day(&reply.at, &app.now)),
            None => words::status_phrase(i, &app.now),
        })
        .collect();
    let hints: Vec<String> = asks
        .iter()
        .map(|i| words::channel_glyphs(i, theme.ascii))
        .collect();
    // Columns fit what is on screen and shrink with the pane; the title takes what is left.
    let person_w = match width {
        0..30 => 0,
        30..60 => column_width(
            asks.iter().map(|i| i.person.as_deref().unwrap_or("?")),
            4,
            8,
        ),
        _ => column_width(
            asks.iter().map(|i| i.person.as_deref().unwrap_or("?")),
            4,
            12,
        ),
    };
    let status_w = column_width(phrases.iter().map(String::as_str), 8, 20);
    let hint_w = column_width(hints.iter().map(String::as_str), 2, 5);
    // The title has room for a few words before the status and the channel hint have theirs.
    let longest = asks
        .iter()
        .map(|i| crate::text::width(&i.title))
        .max()
        .unwrap_or(0);
    let mut columns = [(person_w, 4), (status_w, 8), (hint_w, 2)];
    let title_w = title_first(width, 2, longest, TITLE_ROOM, &mut columns);
    let [(person_w, _), (status_w, _), (hint_w, _)] = columns;
    let rows = asks
        .iter()
        .zip(phrases.iter().zip(&hints))
        .enumerate()
        .map(|(i, (item, (phrase, hint)))| {
            let selected = is_selected(app, Pane::Asks, 0, i);
            let mut row = GridRow::listed(theme, selected);
            let mark = theme.key.add_modifier(ratatui::style::Modifier::UNDERLINED);
            row = row.cell_marked(
                item.person.as_deref().unwrap_or("?"),
                person_w,
                theme.accent,
                &found,
                mark,
            );
            if person_w > 0 {
                row = row.gap();
            }
            row = row.cell_marked(&item.title, title_w, theme.text, &found, mark);
            row = row.gap_then_cell(phrase, status_w, urgency_style(theme, item, &app.now));
            row = row.gap_then_cell(hint, hint_w, theme.warning);
            row
        })
        .collect();
    Content::Grid(rows)
}

/// Overdue and lead-time risks shout; a due check-back asks; the rest is quiet.
fn urgency_style(theme: &Theme, item: &Item, now: &Moment) -> Style {
    if item.need_by.is_some_and(|n| n < *now) {
        return theme.danger;
    }
    match attention::ask_reason(item, item.usual_reply, now) {
        Some(attention::Reason::LeadTime) => theme.danger,
        Some(_) => theme.warning,
        None => theme.muted,
    }
}
