//! Every key, per context, written from the same table that dispatches them.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::domain::Channel;
use crate::text;
use crate::tui::keymap::Context;
use crate::tui::look::Look;
use crate::tui::widgets::{clamp_scroll, pane_block};

/// The symbols the lists use, first: what each channel looks like, and the marks beside them.
fn legend(look: &Look<'_>) -> Vec<(String, String)> {
    let ascii = look.theme.ascii;
    let mut rows: Vec<(String, String)> = Channel::ALL
        .iter()
        .map(|c| {
            let symbol = if ascii { c.ascii_symbol() } else { c.symbol() };
            (
                symbol.to_string(),
                format!("asked or chased by {}", c.label()),
            )
        })
        .collect();
    let arrow = if ascii { "@>T" } else { "✉→☎" };
    rows.push((
        arrow.into(),
        "the channel that got no answer, then the one to try next".into(),
    ));
    rows.push((
        if ascii { "!" } else { "⚠" }.into(),
        "a deadline whose asks come too late, or a tight one".into(),
    ));
    rows.push((
        "+3 !".into(),
        "favors far from even (given minus received)".into(),
    ));
    rows
}

/// Whether every word typed is in this line's keys, name or description.
fn kept(typed: &[String], parts: &[&str]) -> bool {
    let text = parts.join(" ").to_lowercase();
    typed.iter().all(|w| text.contains(w.as_str()))
}

/// Every key and the symbols, or only the lines that hold every word of `find`.
pub fn lines(look: &Look<'_>, find: Option<&str>) -> Vec<Line<'static>> {
    let theme = &look.theme;
    let typed: Vec<String> = find
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut lines = Vec::new();
    let symbols: Vec<(String, String)> = legend(look)
        .into_iter()
        .filter(|(s, what)| kept(&typed, &[s, what]))
        .collect();
    if !symbols.is_empty() {
        lines.push(Line::styled("Symbols", theme.title));
        for (symbol, what) in symbols {
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", text::pad(&symbol, 22)), theme.key),
                Span::styled(what, theme.text),
            ]));
        }
        lines.push(Line::raw(""));
    }
    for context in Context::ALL {
        let title = match context {
            Context::Dashboard => "Dashboard",
            Context::Detail => "Item detail",
            Context::List => "Lists (people, reflections)",
            Context::Review => "Daily review",
            Context::Reflect => "End-of-day reflection",
            Context::Help => "This help",
            Context::Card => "A person's card",
            Context::Meet => "Person mode (w: walking over to someone)",
            Context::Input => "While typing",
            Context::Editor => "Editing text (wherever you type)",
            Context::Pick => "One-key choices (a channel, an answer, a number)",
        };
        let bindings: Vec<_> = look
            .keymap
            .bindings(context)
            .map(|(action, keys)| {
                (
                    action,
                    keys.iter().map(|k| k.to_string()).collect::<Vec<_>>(),
                )
            })
            .filter(|(action, keys)| {
                kept(
                    &typed,
                    &[&keys.join(" "), action.name(), action.description(), title],
                )
            })
            .collect();
        if bindings.is_empty() {
            continue;
        }
        lines.push(Line::styled(title, theme.title));
        for (action, keys) in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", text::pad(&keys.join(" "), 22)), theme.key),
                Span::styled(text::pad(action.name(), 18), theme.muted),
                Span::styled(action.description().to_string(), theme.text),
            ]));
        }
        lines.push(Line::raw(""));
    }
    if find.is_none() {
        lines.push(Line::styled(
            "Mouse: click a pane to focus it and a row to select it; the wheel scrolls.",
            theme.muted,
        ));
    } else if lines.is_empty() {
        lines.push(Line::styled(
            "No key or symbol has all of those words: backspace takes a letter back, esc shows all.",
            theme.muted,
        ));
    }
    lines
}

pub fn draw(frame: &mut Frame, look: &Look<'_>, scroll: usize, area: Rect, find: Option<&str>) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    frame.render_widget(Clear, area);
    let title = match find {
        Some(find) => format!("Keys · /{find}"),
        None => "Keys · / finds".to_string(),
    };
    let block = pane_block(look.theme, &title, None, true);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let lines = lines(look, find);
    let scroll = clamp_scroll(scroll, lines.len(), usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
