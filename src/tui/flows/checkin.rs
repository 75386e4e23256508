//! The stress check-in: rate it with one key, an optional note, a guided one-minute slow-down
//! when it is 4 or 5, then the one next action. Nothing after the rating is lost: Esc moves on,
//! and the last step saves.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::centered;
use crate::domain::NewCheckin;
use crate::domain::stress::{BREATH_STEP_SECS, SLOWDOWN_LINES, SLOWDOWN_SECS, breath_at};
use crate::domain::{Item, Stress, words};
use crate::text;
use crate::tui::action::Action;
use crate::tui::editor::LineEditor;
use crate::tui::keymap::Context;
use crate::tui::look::Look;
use crate::tui::widgets::pane_block;
use crate::when::Moment;

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Rate,
    Note,
    SlowDown { started: Moment },
    Action,
}

#[derive(Debug, Clone)]
pub struct CheckinFlow {
    pub step: Step,
    /// Rated at the first step; nothing is saved before it.
    pub stress: Stress,
    pub note: LineEditor,
    pub slowdown_secs: i64,
    pub action: LineEditor,
    /// The tight deadline, if any, and its open asks to pick the next action from.
    pub deadline: Option<Item>,
    pub asks: Vec<Item>,
}

/// What a key did to the flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Continue,
    /// Closed without a rating: nothing to save.
    Cancelled,
    /// Finished: save this.
    Save(NewCheckin),
}

impl CheckinFlow {
    pub fn new(deadline: Option<Item>, asks: Vec<Item>) -> CheckinFlow {
        CheckinFlow {
            step: Step::Rate,
            stress: Stress::CALMEST,
            note: LineEditor::default(),
            slowdown_secs: 0,
            action: LineEditor::default(),
            deadline,
            asks,
        }
    }

    /// An action in the check-in: submit moves on (and saves at the last step), cancel skips or
    /// closes, a numbered choice rates or picks an ask, an editing key edits. None when the
    /// action is not one for this step (its key is then typed, if it is a character).
    pub fn on_action(&mut self, action: Action, now: &Moment) -> Option<Outcome> {
        match action {
            Action::Submit => Some(self.submit(now)),
            Action::Cancel => Some(self.cancel(now)),
            action => match action.choice() {
                Some(n) => self.choose(n),
                None => {
                    let editor = self.editor()?;
                    editor.apply(action).then_some(Outcome::Continue)
                }
            },
        }
    }

    /// The n-th choice: the rating at the first step; at the last, before anything is typed,
    /// the n-th open ask of the deadline as the next action.
    fn choose(&mut self, n: usize) -> Option<Outcome> {
        match self.step {
            Step::Rate => {
                let stress = Stress::new(n as i64).ok()?;
                self.stress = stress;
                self.step = Step::Note;
                Some(Outcome::Continue)
            }
            Step::Action if self.action.is_empty() => {
                let ask = self.asks.get(n.checked_sub(1)?)?;
                let action = format!(
                    "chase {} about {}",
                    ask.person.as_deref().unwrap_or("them"),
                    ask.title
                );
                Some(Outcome::Save(self.record(action)))
            }
            _ => None,
        }
    }

    /// A character typed: into the note or the next action.
    pub fn type_char(&mut self, c: char) {
        if let Some(editor) = self.editor() {
            editor.type_char(c);
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(editor) = self.editor() {
            editor.paste(text);
        }
    }

    /// Enter: on to the next step, or save at the last.
    pub fn submit(&mut self, now: &Moment) -> Outcome {
        match self.step {
            Step::Rate => Outcome::Continue,
            Step::Note => {
                self.step = if self.stress.is_high() {
                    Step::SlowDown { started: *now }
                } else {
                    Step::Action
                };
                Outcome::Continue
            }
            Step::SlowDown { .. } => Outcome::Continue,
            Step::Action => Outcome::Save(self.record(self.action.text().trim().to_string())),
        }
    }

    /// Esc: cancel before the rating; after it, skip to what comes next.
    pub fn cancel(&mut self, now: &Moment) -> Outcome {
        match self.step {
            Step::Rate => Outcome::Cancelled,
            Step::Note => self.submit(now),
            Step::SlowDown { started } => {
                self.slowdown_secs = (*now - started).num_seconds().clamp(0, SLOWDOWN_SECS);
                self.step = Step::Action;
                Outcome::Continue
            }
            Step::Action => self.submit(now),
        }
    }

    /// The clock moved: the slow-down ends by itself after a minute.
    pub fn tick(&mut self, now: &Moment) {
        if let Step::SlowDown { started } = self.step
            && (*now - started).num_seconds() >= SLOWDOWN_SECS
        {
            self.slowdown_secs = SLOWDOWN_SECS;
            self.step = Step::Action;
        }
    }

    /// The editor that takes typing in this step.
    pub fn editor(&mut self) -> Option<&mut LineEditor> {
        match self.step {
            Step::Note => Some(&mut self.note),
            Step::Action => Some(&mut self.action),
            _ => None,
        }
    }

    pub fn is_timing(&self) -> bool {
        matches!(self.step, Step::SlowDown { .. })
    }

    fn record(&self, action: String) -> NewCheckin {
        NewCheckin {
            stress: self.stress,
            deadline_id: self.deadline.as_ref().map(|d| d.id),
            note: self.note.text().trim().to_string(),
            slowdown_secs: self.slowdown_secs,
            next_action: action,
        }
    }
}

const SCALE: [&str; 5] = ["calm", "fine", "busy", "stressed", "overwhelmed"];

pub fn draw(frame: &mut Frame, look: &Look<'_>, flow: &CheckinFlow, area: Rect) {
    let theme = &look.theme;
    // The slow-down takes the whole screen: nothing else asks for attention for a minute.
    if flow.is_timing() {
        frame.render_widget(Clear, area);
    }
    let box_area = centered(area, area.width.saturating_sub(4).clamp(1, 72), 14);
    if box_area.width < 3 || box_area.height < 3 {
        return;
    }
    frame.render_widget(Clear, box_area);
    let block = pane_block(theme, "Check in", None, true);
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(deadline) = &flow.deadline
        && let Some(due) = deadline.due
    {
        let left = if due < look.now {
            format!("overdue by {}", words::span(look.now - due))
        } else {
            format!("due in {}", words::span(due - look.now))
        };
        lines.push(Line::styled(
            format!("{} · {left}", text::inert(&deadline.title)),
            theme.muted,
        ));
        lines.push(Line::raw(""));
    }
    let mut cursor: Option<(usize, usize)> = None;
    let width = usize::from(inner.width);
    match &flow.step {
        Step::Rate => rate_lines(look, &mut lines),
        Step::Note => note_lines(look, flow, width, &mut lines, &mut cursor),
        Step::SlowDown { started } => slowdown_lines(look, *started, &mut lines),
        Step::Action => action_lines(look, flow, width, &mut lines, &mut cursor),
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    if let Some((row, column)) = cursor {
        let (x, y) = (
            inner.x + u16::try_from(column).unwrap_or(0),
            inner.y + u16::try_from(row).unwrap_or(0),
        );
        if x < inner.right() && y < inner.bottom() {
            frame.set_cursor_position((x, y));
        }
    }
}

/// The first step: the scale, each rating with its key.
fn rate_lines(look: &Look<'_>, lines: &mut Vec<Line<'static>>) {
    let theme = &look.theme;
    lines.push(Line::styled("How stressed are you right now?", theme.title));
    lines.push(Line::raw(""));
    for (i, word) in SCALE.iter().enumerate() {
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {} ", look.key_name(Context::Pick, Action::CHOICES[i])),
                theme.key,
            ),
            Span::styled(word.to_string(), theme.text),
        ]));
    }
    lines.push(Line::styled(
        format!("{} cancels", look.key_name(Context::Pick, Action::Cancel)),
        theme.muted,
    ));
}

/// The note, typed under the rating.
fn note_lines(
    look: &Look<'_>,
    flow: &CheckinFlow,
    width: usize,
    lines: &mut Vec<Line<'static>>,
    cursor: &mut Option<(usize, usize)>,
) {
    let theme = &look.theme;
    let submit = look.key_name(Context::Input, Action::Submit);
    lines.push(Line::styled(
        format!(
            "Stress {}/5. Anything to note? ({submit} skips)",
            flow.stress
        ),
        theme.title,
    ));
    lines.push(Line::raw(""));
    let (visible, at) = flow.note.view(width.saturating_sub(2));
    *cursor = Some((lines.len(), at + 2));
    lines.push(Line::from(vec![
        Span::styled("> ", theme.key),
        Span::styled(visible, theme.text),
    ]));
}

/// The guided minute: the three lines, the breath and how long is left.
fn slowdown_lines(look: &Look<'_>, started: Moment, lines: &mut Vec<Line<'static>>) {
    let theme = &look.theme;
    let cancel = look.key_name(Context::Input, Action::Cancel);
    let elapsed = (look.now - started).num_seconds().clamp(0, SLOWDOWN_SECS);
    for (i, line) in SLOWDOWN_LINES.iter().enumerate() {
        // The three lines arrive one after the other.
        let style = if elapsed >= i as i64 * 3 {
            theme.title
        } else {
            theme.muted
        };
        lines.push(Line::styled(format!("  {line}"), style).alignment(Alignment::Center));
    }
    lines.push(Line::raw(""));
    let (breath, into) = breath_at(elapsed);
    let filled = usize::try_from(into + 1).unwrap_or(1);
    let steps = usize::try_from(BREATH_STEP_SECS).unwrap_or(4);
    let (full, empty) = if theme.ascii {
        ("##", "..")
    } else {
        ("██", "░░")
    };
    lines.push(
        Line::from(vec![
            Span::styled(format!("{:<12}", breath.words()), theme.ok),
            Span::styled(full.repeat(filled), theme.ok),
            Span::styled(empty.repeat(steps - filled.min(steps)), theme.muted),
            Span::styled(format!("  {}", BREATH_STEP_SECS - into), theme.muted),
        ])
        .alignment(Alignment::Center),
    );
    lines.push(Line::raw(""));
    lines.push(
        Line::styled(
            format!(
                "{} s of {SLOWDOWN_SECS} · {cancel} skips",
                SLOWDOWN_SECS - elapsed
            ),
            theme.muted,
        )
        .alignment(Alignment::Center),
    );
}

/// The one next action: the deadline's open asks to choose from, or typed.
fn action_lines(
    look: &Look<'_>,
    flow: &CheckinFlow,
    width: usize,
    lines: &mut Vec<Line<'static>>,
    cursor: &mut Option<(usize, usize)>,
) {
    let theme = &look.theme;
    let submit = look.key_name(Context::Input, Action::Submit);
    lines.push(Line::styled("What is the one next thing?", theme.title));
    for (ask, choose) in flow.asks.iter().zip(Action::CHOICES) {
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {} ", look.key_name(Context::Pick, choose)),
                theme.key,
            ),
            Span::styled(
                text::fit(
                    &format!(
                        "chase {} about {}",
                        ask.person.as_deref().unwrap_or("them"),
                        ask.title
                    ),
                    width.saturating_sub(5),
                ),
                theme.text,
            ),
        ]));
    }
    lines.push(Line::styled(
        if flow.asks.is_empty() {
            format!("Type it, then {submit}:")
        } else {
            format!("or type it, then {submit}:")
        },
        theme.muted,
    ));
    let (visible, at) = flow.action.view(width.saturating_sub(2));
    *cursor = Some((lines.len(), at + 2));
    lines.push(Line::from(vec![
        Span::styled("> ", theme.key),
        Span::styled(visible, theme.text),
    ]));
}
