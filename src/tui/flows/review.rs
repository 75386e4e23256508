//! The daily review on screen: one card at a time, a progress line, and the summary at the end.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::Kind;
use crate::domain::review::Decision;
use crate::ops::{ReviewCard, ReviewState};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::look::Look;
use crate::tui::widgets::{clamp_scroll, pane_block, styled_lines, wrap_styled};

/// Where the review is: a card waiting for a decision, a decision being made in a modal over it,
/// or the summary once every card is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Card,
    /// The modal over the review (the channel, the date, the line, the reason) finishes this
    /// decision when it saves; closing it without saving goes back to the card.
    Deciding(Decision),
    Summary,
}

/// How a key on a card makes its decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Making {
    /// Decided with no change to make (skip).
    AsIs(Decision),
    /// One change, made at once (done, drop, sent, missed).
    Now(Decision),
    /// A modal asks for the rest first (follow up, snooze, edit, said no).
    Asking(Decision),
}

#[derive(Debug, Clone)]
pub struct ReviewFlow {
    pub state: ReviewState,
    /// The card of the current entry (None at the end).
    pub card: Option<ReviewCard>,
    pub step: Step,
    pub scroll: usize,
}

impl ReviewFlow {
    pub fn new(state: ReviewState) -> ReviewFlow {
        ReviewFlow {
            state,
            card: None,
            step: Step::Card,
            scroll: 0,
        }
    }

    pub fn at_end(&self) -> bool {
        self.step == Step::Summary || self.state.position >= self.state.queue.len()
    }

    /// What `action` decides on the card on screen, if it fits the card. A ledger card (no item)
    /// is only to think about: it can be skipped.
    pub fn making(&self, action: Action, now: &crate::when::Moment) -> Option<Making> {
        let item = self.card.as_ref().and_then(|c| c.item.as_ref());
        let kind = item.map(|i| i.kind);
        let overdue = item.is_some_and(|i| i.due.is_some_and(|due| due < *now));
        Some(match (action, kind) {
            (Action::Skip, _) => Making::AsIs(Decision::Skipped),
            (_, None) => return None,
            (Action::FollowUp, Some(Kind::Ask)) => Making::Asking(Decision::FollowedUp),
            (Action::Declined, Some(Kind::Ask)) => Making::Asking(Decision::Declined),
            (Action::Declined, Some(Kind::Proofing)) => Making::Now(Decision::Declined),
            (Action::MarkSent, Some(Kind::Proofing)) => Making::Now(Decision::Sent),
            (Action::MarkMissed, Some(Kind::Deadline)) => Making::Now(Decision::Missed),
            (Action::Drop, Some(Kind::Deadline)) if overdue => Making::Now(Decision::Missed),
            (Action::Done, Some(_)) => Making::Now(Decision::Done),
            (Action::Drop, Some(_)) => Making::Now(Decision::Dropped),
            (Action::Snooze, Some(Kind::Ask | Kind::Deadline)) => Making::Asking(Decision::Snoozed),
            (Action::Edit, Some(Kind::Ask | Kind::Deadline)) => Making::Asking(Decision::Edited),
            _ => return None,
        })
    }

    /// The modal over the review closed: saved, the decision is made (the caller records it);
    /// not saved, back to the card.
    pub fn modal_closed(&mut self, saved: bool) -> Option<Decision> {
        let Step::Deciding(decision) = self.step else {
            return None;
        };
        self.step = Step::Card;
        saved.then_some(decision)
    }
}

/// The heading of a card: its section, or "Deadline overdue" for a deadline already past.
pub fn section(card: &ReviewCard, now: &crate::when::Moment) -> &'static str {
    match (&card.entry, &card.item) {
        (crate::domain::review::Entry::Deadline { .. }, Some(item))
            if item.due.is_some_and(|due| due < *now) =>
        {
            "Deadline overdue"
        }
        (entry, _) => entry.section(),
    }
}

/// The card of the current entry, or the summary at the end, wrapped to `width`.
pub fn content(look: &Look<'_>, flow: &ReviewFlow, width: usize) -> Vec<Line<'static>> {
    let theme = &look.theme;
    let total = flow.state.queue.len();
    let mut items: Vec<(String, Style)> = Vec::new();
    match (&flow.card, flow.at_end()) {
        (_, true) => {
            let tally = flow.state.tally();
            if total == 0 {
                items.push((
                    "Nothing needs a decision today. Well done.".into(),
                    theme.ok,
                ));
            } else {
                let plural = if total == 1 { "" } else { "s" };
                items.push((format!("Reviewed {total} item{plural}."), theme.title));
            }
            items.push((String::new(), theme.text));
            items.push((tally.line(), theme.text));
            items.push((String::new(), theme.text));
            items.push(("The review is recorded for today.".into(), theme.muted));
            let mut lines = wrap_styled(items, width);
            lines.push(Line::from(vec![
                Span::styled(look.key_name(Context::Review, Action::Undo), theme.key),
                Span::styled(" takes back the last decision · ", theme.muted),
                Span::styled(look.key_name(Context::Review, Action::Back), theme.key),
                Span::styled(" returns to the dashboard", theme.muted),
            ]));
            return lines;
        }
        (Some(card), false) => {
            items.push((section(card, &look.now).to_string(), theme.accent));
            let copy = look.key_name(Context::Review, Action::CopyDraft);
            items.extend(styled_lines(theme, &copy, card.lines.iter().cloned()));
        }
        (None, false) => items.push(("…".into(), theme.muted)),
    }
    wrap_styled(items, width)
}

pub fn draw(frame: &mut Frame, look: &Look<'_>, flow: &ReviewFlow, area: Rect) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let theme = &look.theme;
    let title = if flow.at_end() {
        "Daily review · done"
    } else {
        "Daily review"
    };
    let block = pane_block(theme, title, None, true);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let body = Rect::new(
        inner.x,
        inner.y,
        inner.width,
        inner.height.saturating_sub(1),
    );
    let lines = content(look, flow, usize::from(body.width));
    let scroll = clamp_scroll(flow.scroll, lines.len(), usize::from(body.height));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
    if inner.height > 0 {
        let progress = progress_bar(flow, usize::from(inner.width), theme.ascii);
        let bar = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
        frame.render_widget(Paragraph::new(progress).style(theme.muted), bar);
    }
}

/// "━━━━━━────── 4 / 11": the card on screen of how many; the bar fills with the decisions made.
fn progress_bar(flow: &ReviewFlow, width: usize, ascii: bool) -> String {
    let total = flow.state.queue.len();
    let decided = flow.state.position.min(total);
    let shown = if flow.at_end() { total } else { decided + 1 };
    let label = format!(" {shown} / {total}");
    let room = width.saturating_sub(label.len());
    let done = room * decided / total.max(1);
    let (full, empty) = if ascii { ("=", "-") } else { ("━", "─") };
    format!("{}{}{label}", full.repeat(done), empty.repeat(room - done))
}
