//! Every key, per context, written from the same table that dispatches them.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::text;
use crate::tui::keymap::Context;
use crate::tui::look::Look;
use crate::tui::widgets::{clamp_scroll, pane_block};

pub fn lines(look: &Look<'_>) -> Vec<Line<'static>> {
    let theme = &look.theme;
    let mut lines = Vec::new();
    for context in Context::ALL {
        let title = match context {
            Context::Dashboard => "Dashboard",
            Context::Detail => "Item detail",
            Context::List => "Lists (people, reflections)",
            Context::Review => "Daily review",
            Context::Reflect => "End-of-day reflection",
            Context::Help => "This help",
            Context::Card => "A person's card",
            Context::Input => "While typing",
            Context::Editor => "Editing text (wherever you type)",
            Context::Pick => "One-key choices (a channel, an answer, a number)",
        };
        lines.push(Line::styled(title, theme.title));
        for (action, keys) in look.keymap.bindings(context) {
            let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", text::pad(&keys.join(" "), 22)), theme.key),
                Span::styled(text::pad(action.name(), 18), theme.muted),
                Span::styled(action.description().to_string(), theme.text),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        "Mouse: click a pane to focus it and a row to select it; the wheel scrolls.",
        theme.muted,
    ));
    lines
}

pub fn draw(frame: &mut Frame, look: &Look<'_>, scroll: usize, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    frame.render_widget(Clear, area);
    let block = pane_block(look.theme, "Keys", None, true);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let lines = lines(look);
    let scroll = clamp_scroll(scroll, lines.len(), usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
