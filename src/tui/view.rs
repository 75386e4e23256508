//! Drawing the whole screen from `&App`: header, panes (or the first-run welcome), footer, and
//! whatever view or modal is on top. Drawing never changes state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::action::Action;
use super::app::{App, Notice, Screen};
use super::flows;
use super::keymap::Context;
use super::layout::Pane;
use super::panes;
use super::widgets::key_hints;
use crate::text;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let layout = &app.layout;
    header(frame, app, layout.header);
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(2),
    );
    let screen = match &app.screen {
        Screen::Help { under, .. }
        | Screen::Input { under, .. }
        | Screen::PickChannel { under, .. } => under.as_ref(),
        other => other,
    };
    match screen {
        Screen::Detail { detail, scroll } => flows::detail::draw(frame, app, detail, *scroll, body),
        _ if app.first_run() => flows::first_run::draw(frame, app, body),
        _ => {
            if layout.single {
                tabs(frame, app, layout.tabs);
            }
            for pane in Pane::ALL {
                panes::draw(frame, app, pane, layout.pane(pane));
            }
        }
    }
    match &app.screen {
        Screen::Help { scroll, .. } => flows::help::draw(frame, app, *scroll, body),
        Screen::Input { input, .. } => flows::input::draw(frame, app, input, body),
        Screen::PickChannel { id, suggested, .. } => {
            flows::input::draw_channel_pick(frame, app, *id, *suggested, body)
        }
        _ => {}
    }
    footer(frame, app, layout.footer);
}

/// " nudge · Sat 28 Nov 09:12 · 3 to chase · 1 deadline in 24h · stress 3/5 · reviewed ✓"
fn header(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.theme;
    let board = &app.board;
    let mut parts = vec![
        "nudge".to_string(),
        app.now.format("%a %-d %b %H:%M").to_string(),
        format!("{} to chase", board.counts.to_chase),
        format!(
            "{} deadline{} in 24h",
            board.counts.deadlines_soon,
            if board.counts.deadlines_soon == 1 {
                ""
            } else {
                "s"
            }
        ),
    ];
    parts.push(match board.last_stress {
        Some((_, stress)) => format!("stress {stress}/5"),
        None => "stress –".to_string(),
    });
    let tick = if theme.ascii { "yes" } else { "✓" };
    parts.push(if board.reviewed_today {
        format!("reviewed {tick}")
    } else {
        "not reviewed".to_string()
    });
    // Drop the least important figures rather than cut one in half.
    let width = usize::from(area.width);
    let mut line = String::new();
    for part in parts {
        let next = if line.is_empty() {
            format!(" {part}")
        } else {
            format!("{line} · {part}")
        };
        if text::width(&next) > width && !line.is_empty() {
            break;
        }
        line = next;
    }
    frame.render_widget(Paragraph::new(line).style(theme.header), area);
}

/// The tab line of the one-pane-at-a-time layout.
fn tabs(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.theme;
    let mut spans = Vec::new();
    for (i, pane) in Pane::ALL.into_iter().enumerate() {
        let count = match pane {
            Pane::Stress => String::new(),
            other => format!(" {}", app.board.total(other)),
        };
        let label = format!(" {} {}{count} ", i + 1, pane.short_title());
        let style = if pane == app.focus {
            theme.selected
        } else {
            theme.muted
        };
        spans.push(Span::styled(label, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn footer(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.theme;
    let width = usize::from(area.width);
    let line = match &app.notice {
        Some(Notice::Info(message)) => {
            Line::styled(text::fit(&format!(" {message}"), width), theme.ok)
        }
        Some(Notice::Error(message)) => {
            Line::styled(text::fit(&format!(" {message}"), width), theme.error)
        }
        None => {
            let (context, actions): (Context, &[Action]) = match &app.screen {
                Screen::Dashboard if app.first_run() => (
                    Context::Dashboard,
                    &[
                        Action::CaptureAsk,
                        Action::CaptureDeadline,
                        Action::Help,
                        Action::Quit,
                    ],
                ),
                Screen::Dashboard if app.layout.single => (
                    Context::Dashboard,
                    &[
                        Action::NextPane,
                        Action::CaptureAsk,
                        Action::Open,
                        Action::Done,
                        Action::Snooze,
                        Action::Help,
                        Action::Quit,
                    ],
                ),
                Screen::Dashboard => (
                    Context::Dashboard,
                    &[
                        Action::CaptureAsk,
                        Action::CaptureDeadline,
                        Action::Open,
                        Action::FollowUp,
                        Action::CopyDraft,
                        Action::Done,
                        Action::Snooze,
                        Action::Edit,
                        Action::Declined,
                        Action::Drop,
                        Action::Undo,
                        Action::NextPane,
                        Action::Help,
                        Action::Quit,
                    ],
                ),
                Screen::Detail { .. } => (
                    Context::Detail,
                    &[
                        Action::Back,
                        Action::Done,
                        Action::Snooze,
                        Action::Edit,
                        Action::Drop,
                        Action::Undo,
                        Action::Help,
                    ],
                ),
                Screen::Help { .. } => (Context::Help, &[Action::Back, Action::Down, Action::Up]),
                Screen::Input { .. } | Screen::PickChannel { .. } => (Context::Input, &[]),
            };
            key_hints(theme, &app.keymap, context, actions, width)
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}
