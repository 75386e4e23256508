//! Drawing the whole screen from `&App`: header, panes (or the first-run welcome), footer, and
//! whatever view or modal is on top. Drawing never changes state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::action::Action;
use super::app::{App, Notice, Screen};
use super::flows;
use super::keymap::Context;
use super::layout::{Layout, Pane};
use super::panes;
use super::widgets::{draw_text, key_hints};
use crate::domain::{Item, Kind};
use crate::text;
use crate::when::Moment;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    // The frame's own size, always: a resize can come between the event that laid the screen out
    // and this frame.
    let fresh;
    let layout = if app.layout.area == area {
        &app.layout
    } else {
        fresh = Layout::compute(area, app.focus, app.wants);
        &fresh
    };
    let look = app.look();
    header(frame, app, layout.header);
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(2),
    );
    match app.screen.beneath_modals() {
        Screen::Detail { detail, scroll, .. } => {
            flows::detail::draw(frame, &look, detail, *scroll, body)
        }
        Screen::People { view } => flows::people::draw(frame, &look, view, body),
        Screen::Insights { view } => flows::insights::draw(frame, &look, view, body),
        Screen::Review { flow } => flows::review::draw(frame, &look, flow, body),
        Screen::Reflect { flow, .. } => flows::reflect::draw(frame, &look, flow, body),
        Screen::Reflections { list } => flows::reflect::draw_list(frame, &look, list, body),
        Screen::Card {
            card,
            scroll,
            selected,
            ..
        } => flows::people::draw_card(frame, &look, card, *scroll, *selected, body),
        Screen::Meet { view, .. } => flows::meet::draw(frame, &look, view, body),
        _ if app.first_run() => flows::first_run::draw(frame, &look, body),
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
        Screen::Help { scroll, .. } => {
            flows::help::draw(frame, &look, *scroll, body, app.help_filter())
        }
        Screen::Text {
            title,
            text,
            scroll,
            ..
        } => flows::text::draw(frame, &look, title, text, *scroll, body),
        Screen::Input { input, .. } => flows::input::draw(frame, &look, input, body),
        Screen::Pick { pick, .. } => flows::input::draw_pick(frame, &look, pick, body),
        Screen::Checkin { flow, .. } => flows::checkin::draw(frame, &look, flow, body),
        _ => {}
    }
    footer(frame, app, layout.footer, layout.single);
    if app.theme.ascii {
        to_ascii(frame.buffer_mut());
    }
}

/// ASCII mode: every symbol drawn this frame (borders, glyphs, bars, punctuation) becomes its
/// ASCII stand-in, whichever widget drew it.
fn to_ascii(buffer: &mut ratatui::buffer::Buffer) {
    for cell in &mut buffer.content {
        let mut chars = cell.symbol().chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && let Some(plain) = text::ascii_symbol(c)
        {
            cell.set_char(plain);
        }
    }
}

/// " nudge · Sat 28 Nov 09:12 · 3 to chase · 1 deadline in 24h · stress 3/5 · reviewed ✓"
fn header(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.theme;
    let board = &app.board;
    let mut parts = vec![
        "nudge".to_string(),
        crate::domain::words::now_line(&app.now),
        format!("{} to chase", board.counts.to_chase),
        format!(
            "{} in 24h",
            crate::domain::words::count(board.counts.deadlines_soon, "deadline")
        ),
    ];
    parts.push(match board.stress.last {
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
    frame.buffer_mut().set_style(area, theme.header);
    draw_text(frame, area, vec![Line::from(line)], false);
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
    draw_text(frame, area, vec![Line::from(spans)], false);
}

/// The most lines a message takes at the bottom of the screen before it is cut.
const NOTICE_LINES: usize = 4;

fn footer(frame: &mut Frame, app: &App, area: Rect, single: bool) {
    let theme = &app.theme;
    let width = usize::from(area.width);
    // Typing what to find, the line shows what is typed, whatever was said before.
    let typing = app.typing_find();
    let notice = if typing { None } else { app.notice.as_ref() };
    let (message, style) = match notice {
        None if typing || (app.find_line().is_some() && app.selected_reply().is_none()) => {
            let line = app.find_line().unwrap_or_default();
            let line = text::fit(&format!(" {}", text::inert(&line)), width);
            draw_text(frame, area, vec![Line::styled(line, theme.key)], false);
            return;
        }
        Some(Notice::Info(message)) => (message, theme.ok),
        Some(Notice::Error(message)) => (message, theme.error),
        None if app.selected_reply().is_some() => {
            let line = app.reply_line().unwrap_or_default();
            let line = text::fit(&format!(" {line}"), width);
            draw_text(frame, area, vec![Line::styled(line, theme.warning)], false);
            return;
        }
        None => {
            let (context, actions) = footer_actions(app, single);
            let line = key_hints(theme, &app.keymap, context, &actions, width);
            draw_text(frame, area, vec![line], false);
            return;
        }
    };
    // A message that does not fit on the key line is wrapped over the lines above it, whole
    // (up to a few lines), rather than cut.
    let mut lines = text::wrap_hanging(&text::inert(message), width.saturating_sub(1).max(1));
    if lines.len() > NOTICE_LINES {
        lines.truncate(NOTICE_LINES);
        if let Some(last) = lines.last_mut() {
            *last = text::fit(&format!("{last} …"), width.saturating_sub(1));
        }
    }
    let height = u16::try_from(lines.len()).unwrap_or(1).clamp(1, area.y + 1);
    let area = Rect::new(area.x, area.y + 1 - height, area.width, height);
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|line| Line::styled(format!(" {line}"), style))
        .collect();
    frame.render_widget(ratatui::widgets::Clear, area);
    draw_text(frame, area, lines, false);
}

/// The keys worth showing for what is on screen and selected, most useful first; `?` always
/// comes last and is kept when the line is cut.
fn footer_actions(app: &App, single: bool) -> (Context, Vec<Action>) {
    use Action::*;
    let (context, mut actions) = match &app.screen {
        Screen::Dashboard if app.first_run() => {
            (Context::Dashboard, vec![CaptureAsk, CaptureDeadline, Quit])
        }
        Screen::Dashboard => (Context::Dashboard, dashboard_actions(app, single)),
        Screen::Detail { detail, .. } => (Context::Detail, detail_actions(detail.item.kind)),
        Screen::Help { .. } | Screen::Text { .. } => (Context::Help, vec![Back, Down, Up]),
        Screen::Card { selected, .. } => match selected {
            Some(_) => (Context::Card, vec![Open, CopyDraft, Down, Up, Back]),
            None => (Context::Card, vec![Back, Down, Up]),
        },
        Screen::Meet { view, .. } => (Context::Meet, meet_actions(view)),
        Screen::Input { .. } | Screen::Pick { .. } | Screen::Checkin { .. } => {
            (Context::Input, Vec::new())
        }
        Screen::People { .. } | Screen::Insights { .. } | Screen::Reflections { .. } => {
            (Context::List, vec![Open, Back, Down, Up])
        }
        Screen::Review { flow } if flow.at_end() => (Context::Review, vec![Back, Undo]),
        Screen::Review { flow } => {
            let item = flow.card.as_ref().and_then(|c| c.item.as_ref());
            (Context::Review, review_actions(item, &app.now))
        }
        Screen::Reflect { .. } => (Context::Reflect, vec![NextField, PrevField, Back]),
    };
    actions.dedup();
    actions.push(Help);
    (context, actions)
}

/// The dashboard's keys for the focused pane and its selected row, then the ones always there.
fn dashboard_actions(app: &App, single: bool) -> Vec<Action> {
    use Action::*;
    let mut actions = if single { vec![NextPane] } else { Vec::new() };
    actions.extend(match (app.focus, app.selected_item()) {
        (Pane::Asks, Some(_)) => vec![
            CaptureAsk, Open, FollowUp, CopyDraft, Done, Snooze, Declined, Edit, Drop,
        ],
        (Pane::Asks, None) => vec![CaptureAsk],
        (Pane::Deadlines, Some(item)) if item.due.is_some_and(|d| d < app.now) => {
            vec![CaptureDeadline, Open, MarkMissed, Done, Snooze, Edit, Drop]
        }
        (Pane::Deadlines, Some(_)) => vec![
            CaptureDeadline,
            Open,
            Sprint,
            Checkin,
            Done,
            Snooze,
            Edit,
            Drop,
        ],
        (Pane::Deadlines, None) => vec![CaptureDeadline],
        (Pane::Proofing, Some(_)) => vec![
            Critique,
            Open,
            CopyDraft,
            MarkSent,
            MarkAccepted,
            Declined,
            Done,
        ],
        (Pane::Proofing, None) => vec![Critique],
        (Pane::Stress, _) if app.board.stress.sprint.is_some() => vec![Checkin, StopSprint],
        (Pane::Stress, _) => vec![Checkin, CaptureDeadline],
    });
    actions.extend([
        Undo, Review, Reflect, People, Insights, Favor, NextPane, Quit,
    ]);
    actions
}

/// Person mode's keys for the selected item, then the visit's own.
fn meet_actions(view: &flows::meet::MeetingView) -> Vec<Action> {
    use Action::*;
    let item = view.selected.and_then(|id| view.meeting.item(id));
    let mut actions = match item.map(|i| i.kind) {
        Some(Kind::Ask) => vec![Done, FollowUp, Snooze, Declined],
        Some(_) => vec![MarkSent, MarkAccepted],
        None => Vec::new(),
    };
    actions.extend([Favor, Meet]);
    if view.visited() {
        actions.push(CopyDraft);
    }
    actions.extend([Undo, Back]);
    actions
}

fn detail_actions(kind: Kind) -> Vec<Action> {
    use Action::*;
    match kind {
        Kind::Ask => vec![
            Back, FollowUp, CopyDraft, Done, Snooze, Declined, Edit, Drop, Undo,
        ],
        Kind::Deadline => vec![Back, Sprint, Done, MarkMissed, Snooze, Edit, Drop, Undo],
        Kind::Proofing => vec![
            Back,
            CopyDraft,
            MarkSent,
            MarkAccepted,
            Declined,
            Done,
            Undo,
        ],
    }
}

/// The review card's keys: what fits the card's kind, and skip, undo and back.
fn review_actions(item: Option<&Item>, now: &Moment) -> Vec<Action> {
    use Action::*;
    let overdue = item.is_some_and(|i| i.due.is_some_and(|due| due < *now));
    match item.map(|i| i.kind) {
        Some(Kind::Ask) => vec![
            FollowUp, Done, Declined, Snooze, Drop, Edit, Skip, Undo, CopyDraft, Back,
        ],
        Some(Kind::Proofing) => {
            vec![MarkSent, CopyDraft, Done, Declined, Drop, Skip, Undo, Back]
        }
        Some(Kind::Deadline) if overdue => {
            vec![MarkMissed, Done, Snooze, Edit, Skip, Undo, Back]
        }
        Some(Kind::Deadline) => vec![Done, Snooze, Drop, Edit, Skip, Undo, Back],
        // A person's card (a ledger, someone out of touch): walking over is the way to act.
        None => vec![Meet, Skip, Undo, Back],
    }
}
