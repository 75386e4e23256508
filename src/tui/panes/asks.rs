//! Pending asks, in attention order: person, title, status phrase, channel and escalation hint.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::is_selected;
use crate::domain::{Item, attention, escalation, words};
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::theme::Theme;
use crate::tui::widgets::{cell, column_width, marker};

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    if app.board.asks.is_empty() {
        let key = app.keymap.key_for(
            crate::tui::keymap::Context::Dashboard,
            crate::tui::action::Action::CaptureAsk,
        );
        let key = key.map(|k| k.to_string()).unwrap_or_else(|| "a".into());
        return vec![Line::styled(
            format!(" Nothing pending. {key} captures an ask."),
            app.theme.muted,
        )];
    }
    let rows: Vec<Row> = app
        .board
        .asks
        .iter()
        .map(|item| Row {
            item,
            phrase: words::status_phrase(item, &app.now),
            hint: channel_hint(&app.theme, item),
        })
        .collect();
    // Columns fit what is on screen and shrink with the pane; the title takes what is left.
    let widths = Widths {
        person: if width >= 40 {
            column_width(
                rows.iter().map(|r| r.item.person.as_deref().unwrap_or("?")),
                4,
                if width >= 60 { 12 } else { 8 },
            )
        } else {
            0
        },
        status: if width >= 30 {
            column_width(rows.iter().map(|r| r.phrase.as_str()), 8, 20)
        } else {
            0
        },
        hint: if width >= 50 {
            column_width(rows.iter().map(|r| r.hint.as_str()), 2, 5)
        } else {
            0
        },
    };
    rows.iter()
        .enumerate()
        .map(|(i, r)| row(app, r, &widths, is_selected(app, Pane::Asks, 0, i), width))
        .collect()
}

struct Row<'a> {
    item: &'a Item,
    phrase: String,
    hint: String,
}

struct Widths {
    person: usize,
    status: usize,
    hint: usize,
}

fn row(app: &App, r: &Row, widths: &Widths, selected: bool, width: usize) -> Line<'static> {
    let theme = &app.theme;
    let item = r.item;
    let urgency = urgency_style(theme, item, &app.now);
    let fixed = 2
        + widths.person
        + widths.status
        + widths.hint
        + usize::from(widths.person > 0)
        + usize::from(widths.status > 0)
        + usize::from(widths.hint > 0);
    let title_w = width.saturating_sub(fixed);
    let base = if selected {
        theme.selected
    } else {
        Style::default()
    };
    let mut spans = vec![Span::styled(marker(theme, selected), base)];
    if widths.person > 0 {
        spans.push(cell(
            item.person.as_deref().unwrap_or("?"),
            widths.person,
            base.patch(theme.accent),
        ));
        spans.push(Span::styled(" ", base));
    }
    spans.push(cell(&item.title, title_w, base.patch(theme.text)));
    if widths.status > 0 {
        spans.push(Span::styled(" ", base));
        spans.push(cell(&r.phrase, widths.status, base.patch(urgency)));
    }
    if widths.hint > 0 {
        spans.push(Span::styled(" ", base));
        spans.push(cell(&r.hint, widths.hint, base.patch(theme.warning)));
    }
    Line::from(spans)
}

/// Overdue and lead-time risks shout; a due check-back asks; the rest is quiet.
fn urgency_style(theme: &Theme, item: &Item, now: &crate::when::Moment) -> Style {
    if item.need_by.is_some_and(|n| n < *now) {
        return theme.danger;
    }
    match attention::ask_reason(item, item.usual_reply, now) {
        Some(attention::Reason::LeadTime) => theme.danger,
        Some(_) => theme.warning,
        None => theme.muted,
    }
}

/// "✉→☎" when a louder channel would serve the next follow-up; else the channel's symbol.
pub fn channel_hint(theme: &Theme, item: &Item) -> String {
    let symbol = |c: crate::domain::Channel| {
        if theme.ascii {
            c.ascii_symbol()
        } else {
            c.symbol()
        }
    };
    let arrow = if theme.ascii { ">" } else { "→" };
    match escalation::hint(item.channel, &item.chased_via) {
        Some((from, to)) => format!("{}{arrow}{}", symbol(from), symbol(to)),
        None => item
            .chased_via
            .last()
            .copied()
            .or(item.channel)
            .map(|c| symbol(c).to_string())
            .unwrap_or_default(),
    }
}
