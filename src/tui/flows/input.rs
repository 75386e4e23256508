//! The typing modal: the line with its cursor, and under it how nudge reads it, live.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::centered;
use crate::text;
use crate::tui::action::Action;
use crate::tui::input::{Input, Preview, Purpose};
use crate::tui::keymap::Context;
use crate::tui::look::Look;
use crate::tui::pick::Pick;
use crate::tui::widgets::pane_block;

pub fn draw(frame: &mut Frame, look: &Look<'_>, input: &Input, area: Rect) {
    let theme = &look.theme;
    let width = area.width.saturating_sub(4).clamp(1, 100);
    let message_lines = preview_lines(look, input);
    // Room for the line, a gap, the reading as wrapped, and the hint on the border.
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    let wrapped: usize = message_lines
        .iter()
        .map(|l| l.width().div_ceil(inner_width).max(1))
        .sum();
    let height = u16::try_from(wrapped + 4).unwrap_or(u16::MAX);
    let box_area = centered(area, width, height);
    if box_area.width < 3 || box_area.height < 3 {
        return;
    }
    frame.render_widget(Clear, box_area);
    let title = input
        .purpose
        .title(&look.key_name(Context::Input, Action::Submit));
    let block = pane_block(theme, &title, None, true);
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    let field_width = usize::from(inner.width.saturating_sub(2));
    let (visible, cursor) = input.editor.view(field_width);
    let mut lines = vec![if input.editor.is_empty() {
        let hint = match &input.restorable {
            Some(line) => format!(
                "{} or {} brings back: {}",
                look.key_name(Context::Editor, Action::Up),
                look.key_name(Context::Input, Action::Restore),
                text::inert(line)
            ),
            None => input.purpose.hint().to_string(),
        };
        Line::from(vec![
            Span::styled("> ", theme.key),
            Span::styled(text::fit(&hint, field_width), theme.muted),
        ])
    } else {
        Line::from(vec![
            Span::styled("> ", theme.key),
            Span::styled(visible, theme.text),
        ])
    }];
    lines.push(Line::raw(""));
    lines.extend(message_lines);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    let hint = Line::from(vec![
        Span::styled(
            format!(" {}", look.key_name(Context::Input, Action::Submit)),
            theme.key,
        ),
        Span::styled(" save  ", theme.muted),
        Span::styled(look.key_name(Context::Input, Action::Cancel), theme.key),
        Span::styled(" cancel ", theme.muted),
    ]);
    let hint_area = Rect::new(
        box_area.x + 1,
        box_area.bottom().saturating_sub(1),
        box_area.width.saturating_sub(2),
        1,
    );
    frame.render_widget(
        Paragraph::new(hint).alignment(ratatui::layout::Alignment::Right),
        hint_area,
    );
    let cursor_x = inner.x + 2 + u16::try_from(cursor).unwrap_or(0);
    if cursor_x < inner.right() && inner.height > 0 {
        frame.set_cursor_position(Position::new(cursor_x, inner.y));
    }
}

/// How the line reads, as styled lines.
fn preview_lines(look: &Look<'_>, input: &Input) -> Vec<Line<'static>> {
    let theme = &look.theme;
    let mut lines = Vec::new();
    if input.discard_asked {
        let cancel = look.key_name(Context::Input, Action::Cancel);
        lines.push(Line::styled(
            format!("Discard what you typed? {cancel} again discards it; any other key keeps it."),
            theme.warning,
        ));
        return lines;
    }
    match &input.preview {
        Preview::Empty => lines.push(Line::styled(
            "Start typing; how nudge reads it shows here.",
            theme.muted,
        )),
        Preview::Reads(reading, notes) => {
            lines.push(Line::styled(text::inert(reading).into_owned(), theme.ok));
            for note in notes {
                lines.push(Line::styled(text::inert(note).into_owned(), theme.warning));
            }
            if let Some(next) = what_comes_next(look, input.purpose) {
                lines.push(Line::styled(next, theme.muted));
            }
        }
        Preview::Error(message) => {
            for line in message.lines() {
                lines.push(Line::styled(
                    text::inert(line.trim()).into_owned(),
                    theme.error,
                ));
            }
        }
    }
    lines
}

/// For a line a one-key choice finishes: what its submit key leads to.
fn what_comes_next(look: &Look<'_>, purpose: Purpose) -> Option<String> {
    let submit = look.key_name(Context::Input, Action::Submit);
    let key = |action| look.key_name(Context::Pick, action);
    match purpose {
        Purpose::Critique => Some(format!(
            "{submit}, then one key for your answer ({} invites them to proof the next piece, …)",
            key(Action::AnswerInvite)
        )),
        Purpose::Favor => Some(format!(
            "{submit}, then {} if you did it for them, {} if they did it for you",
            key(Action::Gave),
            key(Action::Got)
        )),
        _ => None,
    }
}

/// A one-key choice: "enter call (suggested) · e email · c chat · p call · w walk over".
pub fn draw_pick(frame: &mut Frame, look: &Look<'_>, pick: &Pick, area: Rect) {
    let theme = &look.theme;
    let options = pick.options();
    let height = u16::try_from(options.len() + 3).unwrap_or(u16::MAX);
    let box_area = centered(area, area.width.saturating_sub(4).clamp(1, 64), height);
    if box_area.width < 3 || box_area.height < 3 {
        return;
    }
    frame.render_widget(Clear, box_area);
    let block = pane_block(theme, &pick.title(), None, true);
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    let submit = look.key_name(Context::Pick, Action::Submit);
    let mut lines: Vec<Line> = options
        .iter()
        .enumerate()
        .map(|(i, (action, label, _))| {
            let shown = match action {
                Some(action) => look.key_name(Context::Pick, *action),
                None => submit.clone(),
            };
            let default = if i == 0 && action.is_some() {
                format!("  ({submit})")
            } else {
                String::new()
            };
            Line::from(vec![
                Span::styled(format!(" {shown:>5} "), theme.key),
                Span::styled(
                    label.to_string(),
                    if i == 0 { theme.ok } else { theme.text },
                ),
                Span::styled(default, theme.muted),
            ])
        })
        .collect();
    lines.push(Line::styled(
        format!(" {} cancels", look.key_name(Context::Pick, Action::Cancel)),
        theme.muted,
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}
