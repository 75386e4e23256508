//! The end-of-day reflection: the day's numbers, then four prompts. Saved as it is typed, so a
//! quit, a closed terminal or a crash keeps every word. Past days open read-only.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::domain::{Reflection, Stress};
use crate::text;
use crate::tui::action::Action;
use crate::tui::board::ListState;
use crate::tui::editor::LineEditor;
use crate::tui::keymap::Context;
use crate::tui::look::Look;
use crate::tui::textarea::TextArea;
use crate::tui::theme::Theme;
use crate::tui::widgets::{GridRow, pane_block, render_grid};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    WentWell,
    Stuck,
    FirstCall,
    Stress,
}

impl Field {
    const ALL: [Field; 4] = [
        Field::WentWell,
        Field::Stuck,
        Field::FirstCall,
        Field::Stress,
    ];

    pub fn next(self) -> Field {
        let i = Field::ALL.iter().position(|f| *f == self).unwrap_or(0);
        Field::ALL[(i + 1) % 4]
    }

    pub fn prev(self) -> Field {
        let i = Field::ALL.iter().position(|f| *f == self).unwrap_or(0);
        Field::ALL[(i + 3) % 4]
    }

    /// The question; `submit` is the key that makes the first call an ask.
    fn prompt(self, submit: &str) -> String {
        match self {
            Field::WentWell => "What went well today?".into(),
            Field::Stuck => "What's stuck, and who can unstick it?".into(),
            Field::FirstCall => {
                format!("The first call tomorrow (with @name, {submit} makes it an ask)")
            }
            Field::Stress => "Stress today, 1 (calm) to 5 (overwhelmed)".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ReflectFlow {
    /// As saved: the day, the frozen numbers, the stress.
    pub reflection: Reflection,
    pub read_only: bool,
    pub field: Field,
    pub went_well: TextArea,
    pub stuck: TextArea,
    pub first_call: LineEditor,
    /// How the first call reads as an ask, or what became of it.
    pub first_call_note: Option<(bool, String)>,
    pub scroll: usize,
    /// What is typed has not reached the database yet (it was locked or gone at the last save);
    /// leaving tries once more and then asks for a second esc.
    pub unsaved: bool,
    /// The user was told that leaving now leaves unsaved words behind.
    pub warned: bool,
}

impl ReflectFlow {
    pub fn new(reflection: Reflection, read_only: bool) -> ReflectFlow {
        ReflectFlow {
            went_well: TextArea::with_text(&reflection.went_well),
            stuck: TextArea::with_text(&reflection.stuck),
            first_call: LineEditor::with_text(&reflection.first_call),
            reflection,
            read_only,
            field: Field::WentWell,
            first_call_note: None,
            scroll: 0,
            unsaved: false,
            warned: false,
        }
    }

    /// The reflection as typed so far.
    pub fn current(&self) -> Reflection {
        Reflection {
            went_well: self.went_well.text(),
            stuck: self.stuck.text(),
            first_call: self.first_call.text(),
            ..self.reflection.clone()
        }
    }
}

/// What an action or a typed key did in the reflection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReflectOutcome {
    /// Something typed changed: save it.
    Changed,
    /// Only the place moved (or nothing changed).
    Moved,
    /// Close the reflection (saving first what is unsaved).
    Leave,
    /// The first call, to capture as an ask.
    FirstCall,
}

impl ReflectFlow {
    /// An action in the reflection. None when it is not one for this field (its key is then
    /// typed, if it is a character).
    pub fn on_action(&mut self, action: Action) -> Option<ReflectOutcome> {
        match action {
            Action::Back | Action::Cancel => return Some(ReflectOutcome::Leave),
            Action::NextField => self.field = self.field.next(),
            Action::PrevField => self.field = self.field.prev(),
            _ if self.read_only => return None,
            Action::Newline if self.field == Field::FirstCall => {
                return Some(ReflectOutcome::FirstCall);
            }
            Action::Newline if self.field == Field::Stress => self.field = self.field.next(),
            action => match (self.field, action.choice()) {
                (Field::Stress, Some(n)) => {
                    self.reflection.stress = Some(Stress::new(n as i64).ok()?);
                    return Some(ReflectOutcome::Changed);
                }
                (_, Some(_)) => return None,
                (field, None) => {
                    let applied = match field {
                        Field::WentWell => self.went_well.apply(action),
                        Field::Stuck => self.stuck.apply(action),
                        Field::FirstCall => self.first_call.apply(action),
                        Field::Stress => false,
                    };
                    return applied.then_some(ReflectOutcome::Changed);
                }
            },
        }
        Some(ReflectOutcome::Moved)
    }

    /// A typed character, into the field (the stress takes only its choices).
    pub fn type_char(&mut self, c: char) -> ReflectOutcome {
        self.typed(|area| area.type_char(c), |line| line.type_char(c))
    }

    pub fn paste(&mut self, text: &str) -> ReflectOutcome {
        self.typed(|area| area.paste(text), |line| line.paste(text))
    }

    fn typed(
        &mut self,
        into_area: impl FnOnce(&mut TextArea),
        into_line: impl FnOnce(&mut LineEditor),
    ) -> ReflectOutcome {
        if self.read_only {
            return ReflectOutcome::Moved;
        }
        match self.field {
            Field::WentWell => into_area(&mut self.went_well),
            Field::Stuck => into_area(&mut self.stuck),
            Field::FirstCall => into_line(&mut self.first_call),
            Field::Stress => return ReflectOutcome::Moved,
        }
        ReflectOutcome::Changed
    }
}

/// The days there are reflections for, newest first, with today on top.
#[derive(Debug, Clone)]
pub struct ReflectionList {
    pub days: Vec<(String, String)>,
    pub list: ListState,
}

pub fn draw(frame: &mut Frame, look: &Look<'_>, flow: &ReflectFlow, area: Rect) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let theme = &look.theme;
    let title = if flow.read_only {
        format!("Reflection · {} (read-only)", flow.reflection.day)
    } else {
        format!("Reflection · today, {}", flow.reflection.day)
    };
    let block = pane_block(theme, &title, None, true);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let width = usize::from(inner.width).max(4);
    let mut lines: Vec<Line> = vec![Line::styled("The day in numbers", theme.accent)];
    // Every line is wrapped here, one row each, so the scroll below counts rows right.
    for line in flow.reflection.summary.lines() {
        for row in text::wrap_hanging(&format!("  {line}"), width) {
            lines.push(Line::styled(row, theme.muted));
        }
    }
    let mut cursor: Option<(usize, usize)> = None;
    let submit = look.key_name(Context::Editor, Action::Newline);
    for field in Field::ALL {
        let active = field == flow.field && !flow.read_only;
        lines.push(Line::raw(""));
        let prompt_style = if active { theme.title } else { theme.text };
        let prompt = text::wrap_hanging(&field.prompt(&submit), width.saturating_sub(2));
        for (i, row) in prompt.into_iter().enumerate() {
            let marker = if active && i == 0 { "▸ " } else { "  " };
            lines.push(Line::from(vec![
                Span::styled(marker, theme.key),
                Span::styled(row, prompt_style),
            ]));
        }
        let at = field_lines(&mut lines, theme, flow, field, width);
        if active {
            cursor = at;
        }
    }
    lines.push(Line::raw(""));
    for row in text::wrap_hanging(&closing_hint(look, flow.read_only), width) {
        lines.push(Line::styled(row, theme.muted));
    }
    show_scrolled(frame, inner, lines, flow.scroll, cursor);
}

/// Appends one answer's lines; returns where its cursor stands (the rating row for stress).
fn field_lines(
    lines: &mut Vec<Line<'static>>,
    theme: &Theme,
    flow: &ReflectFlow,
    field: Field,
    width: usize,
) -> Option<(usize, usize)> {
    let text_width = width.saturating_sub(4);
    match field {
        Field::WentWell | Field::Stuck => {
            let area = if field == Field::WentWell {
                &flow.went_well
            } else {
                &flow.stuck
            };
            let (wrapped, (row, col)) = area.wrapped(text_width);
            let cursor = (lines.len() + row, col + 4);
            for piece in wrapped {
                lines.push(Line::raw(format!("    {}", text::inert(&piece))));
            }
            Some(cursor)
        }
        Field::FirstCall => {
            let (visible, at) = flow.first_call.view(text_width);
            let cursor = (lines.len(), at + 4);
            lines.push(Line::raw(format!("    {}", text::inert(&visible))));
            if let Some((ok, note)) = &flow.first_call_note {
                lines.push(Line::styled(
                    format!("    {note}"),
                    if *ok { theme.ok } else { theme.muted },
                ));
            }
            Some(cursor)
        }
        Field::Stress => {
            // The cursor on the rating row, so a short terminal scrolls it into view.
            let cursor = (lines.len(), 4);
            let mut spans = vec![Span::raw("    ")];
            for n in 1..=5u8 {
                let chosen = flow.reflection.stress.map(Stress::get) == Some(n);
                let (label, style) = if chosen {
                    (format!("[{n}]"), theme.selected)
                } else {
                    (format!(" {n} "), theme.muted)
                };
                spans.push(Span::styled(label, style));
            }
            lines.push(Line::from(spans));
            Some(cursor)
        }
    }
}

fn closing_hint(look: &Look<'_>, read_only: bool) -> String {
    let back = look.key_name(Context::Reflect, Action::Back);
    if read_only {
        format!("{back} goes back")
    } else {
        format!(
            "{} moves to the next question · everything is saved as you type · {back} closes",
            look.key_name(Context::Reflect, Action::NextField)
        )
    }
}

/// Draws the lines scrolled so the cursor stays on screen, and places it.
fn show_scrolled(
    frame: &mut Frame,
    inner: Rect,
    lines: Vec<Line<'static>>,
    scroll: usize,
    cursor: Option<(usize, usize)>,
) {
    let height = usize::from(inner.height);
    let mut scroll = scroll;
    if let Some((row, _)) = cursor
        && row >= scroll + height
    {
        scroll = row + 1 - height;
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(0), 0)),
        inner,
    );
    if let Some((row, col)) = cursor
        && row >= scroll
    {
        let (x, y) = (
            inner.x + u16::try_from(col).unwrap_or(0),
            inner.y + u16::try_from(row - scroll).unwrap_or(0),
        );
        if x < inner.right() && y < inner.bottom() {
            frame.set_cursor_position((x, y));
        }
    }
}

pub fn draw_list(frame: &mut Frame, look: &Look<'_>, list: &ReflectionList, area: Rect) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let theme = &look.theme;
    let block = pane_block(theme, "Reflections", Some(list.days.len()), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let rows: Vec<GridRow> = list
        .days
        .iter()
        .enumerate()
        .skip(list.list.offset)
        .map(|(i, (day, line))| {
            let selected = i == list.list.selected;
            GridRow::listed(theme, selected)
                .cell(day, 12, theme.accent)
                .cell(line, width.saturating_sub(14), theme.text)
        })
        .collect();
    render_grid(frame.buffer_mut(), inner, &rows);
}
