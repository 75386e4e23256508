//! Moving around: pane focus, selections in lists, scrolling views, the mouse.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::{App, Screen};
use crate::domain::Item;
use crate::tui::flows;
use crate::tui::layout::{Layout, Pane};

impl App {
    pub(super) fn focus_on(&mut self, pane: Pane) {
        if self.focus != pane {
            self.focus = pane;
            if self.layout.single {
                self.layout = Layout::compute(self.layout.area, pane, self.wants);
                self.reload();
            }
        }
    }

    /// How far a page key moves in what is on screen.
    pub(super) fn page(&self) -> usize {
        match &self.screen {
            Screen::Dashboard => self.layout.rows(self.focus).max(1),
            _ => usize::from(self.layout.area.height.saturating_sub(4)).max(1),
        }
    }

    /// How far the view on screen can scroll before its last line reaches the bottom; the views
    /// fill the body (the screen less the header and the key line) inside a border and a margin.
    fn scroll_limit(&self) -> usize {
        let area = self.layout.area;
        let width = usize::from(area.width.saturating_sub(4));
        let rows = usize::from(area.height.saturating_sub(4));
        let (lines, rows) = match &self.screen {
            Screen::Detail { detail, .. } => (
                flows::detail::content(&self.look(), detail, width).len(),
                rows,
            ),
            Screen::Card { card, selected, .. } => (
                flows::people::card_content(&self.look(), card, *selected, width)
                    .0
                    .len(),
                rows,
            ),
            Screen::Help { .. } => (
                flows::help::lines(&self.look(), self.help_filter()).len(),
                rows,
            ),
            Screen::Text { text, .. } => {
                (flows::text::content(&self.look(), text, width).len(), rows)
            }
            // The review keeps its last row for the progress line.
            Screen::Review { flow } => (
                flows::review::content(&self.look(), flow, width).len(),
                rows.saturating_sub(1),
            ),
            _ => return 0,
        };
        lines.saturating_sub(rows)
    }

    /// The asks pane's rows: the window of open asks, with a just-declined ask kept in its place
    /// at the selection until the selection moves.
    pub fn ask_rows(&self) -> std::borrow::Cow<'_, [Item]> {
        let Some(pinned) = &self.pinned else {
            return std::borrow::Cow::Borrowed(&self.board.asks);
        };
        let state = self.lists[0];
        let mut rows = self.board.asks.clone();
        let at = state.selected.saturating_sub(state.offset).min(rows.len());
        rows.insert(at, pinned.clone());
        rows.truncate(self.layout.rows(Pane::Asks));
        std::borrow::Cow::Owned(rows)
    }

    /// Move the selection (or scroll a view) by `delta` rows.
    pub(super) fn move_by(&mut self, delta: isize) {
        let page = self.page();
        if let Screen::Card {
            selected: Some(_), ..
        } = &self.screen
        {
            return self.move_on_card(delta);
        }
        match &mut self.screen {
            Screen::Meet { view, .. } => {
                view.move_by(delta);
                return;
            }
            Screen::Detail { .. }
            | Screen::Help { .. }
            | Screen::Card { .. }
            | Screen::Text { .. } => {
                let limit = self.scroll_limit();
                if let Screen::Detail { scroll, .. }
                | Screen::Help { scroll, .. }
                | Screen::Card { scroll, .. }
                | Screen::Text { scroll, .. } = &mut self.screen
                {
                    *scroll = scroll.saturating_add_signed(delta).min(limit);
                }
                return;
            }
            Screen::People { view } => {
                view.move_by(delta, page);
                return;
            }
            Screen::Insights { view } => {
                view.people.move_by(delta, page);
                return;
            }
            Screen::Reflections { list } => {
                let total = list.days.len();
                if total > 0 {
                    list.list.selected = list
                        .list
                        .selected
                        .saturating_add_signed(delta)
                        .min(total - 1);
                    if list.list.selected < list.list.offset {
                        list.list.offset = list.list.selected;
                    } else if list.list.selected >= list.list.offset + page {
                        list.list.offset = list.list.selected + 1 - page;
                    }
                }
                return;
            }
            Screen::Review { .. } => {
                let limit = self.scroll_limit();
                if let Screen::Review { flow } = &mut self.screen {
                    flow.scroll = flow.scroll.saturating_add_signed(delta).min(limit);
                }
                return;
            }
            Screen::Reflect { .. } => return,
            Screen::Input { .. } | Screen::Pick { .. } | Screen::Checkin { .. } => return,
            Screen::Dashboard => {}
        }
        let Some(list) = self.focus_list() else {
            return;
        };
        let total = self.board.total(self.focus);
        if total == 0 {
            return;
        }
        let rows = self.layout.rows(self.focus);
        let state = &mut self.lists[list];
        state.selected = state.selected.saturating_add_signed(delta).min(total - 1);
        let offset = if state.selected < state.offset {
            state.selected
        } else if state.selected >= state.offset + rows {
            state.selected + 1 - rows
        } else {
            state.offset
        };
        if offset != state.offset {
            state.offset = offset;
            self.reload_list(self.focus);
        }
    }

    /// On a person's card the selection moves over its asks, and the card scrolls to keep the
    /// selected one in view.
    fn move_on_card(&mut self, delta: isize) {
        let area = self.layout.area;
        let width = usize::from(area.width.saturating_sub(4));
        let rows = usize::from(area.height.saturating_sub(4)).max(1);
        let limit = self.scroll_limit();
        let Screen::Card {
            card,
            selected: Some(id),
            ..
        } = &self.screen
        else {
            return;
        };
        let order = card.ask_order();
        let at = order.iter().position(|a| a == id).unwrap_or(0);
        let next = at
            .saturating_add_signed(delta)
            .min(order.len().saturating_sub(1));
        let chosen = order.get(next).copied();
        let (_, line) = flows::people::card_content(&self.look(), card, chosen, width);
        if let Screen::Card {
            selected, scroll, ..
        } = &mut self.screen
        {
            *selected = chosen.or(*selected);
            if let Some(line) = line {
                if line < *scroll {
                    *scroll = line;
                } else if line >= *scroll + rows {
                    *scroll = line + 1 - rows;
                }
            }
            // At either end of the asks, the rest of the card is still a scroll away.
            if next == at {
                *scroll = scroll.saturating_add_signed(delta).min(limit);
            }
        }
    }

    pub(super) fn focus_list(&self) -> Option<usize> {
        match self.focus {
            Pane::Asks => Some(0),
            Pane::Deadlines => Some(1),
            Pane::Proofing => Some(2),
            Pane::Stress => None,
        }
    }

    /// The item the focused pane's selection points at.
    pub fn selected_item(&self) -> Option<&Item> {
        if self.focus == Pane::Asks
            && let Some(pinned) = &self.pinned
        {
            return Some(pinned);
        }
        let list = self.focus_list()?;
        let state = self.lists[list];
        let index = state.selected.checked_sub(state.offset)?;
        match self.focus {
            Pane::Asks => self.board.asks.get(index),
            Pane::Deadlines => self.board.deadlines.get(index).map(|r| &r.item),
            Pane::Proofing => self.board.proofing.get(index).map(|r| &r.item),
            Pane::Stress => None,
        }
    }

    pub(super) fn on_mouse(&mut self, mouse: &MouseEvent) {
        match mouse.kind {
            MouseEventKind::ScrollDown => self.wheel(mouse, 3),
            MouseEventKind::ScrollUp => self.wheel(mouse, -3),
            MouseEventKind::Down(MouseButton::Left) if matches!(self.screen, Screen::Dashboard) => {
                let Some((pane, row)) = self.layout.hit(mouse.column, mouse.row) else {
                    return;
                };
                self.focus_on(pane);
                if let (Some(row), Some(list)) = (row, self.focus_list()) {
                    let target = self.lists[list].offset + row;
                    if target < self.board.total(pane) {
                        let delta = target as isize - self.lists[list].selected as isize;
                        self.move_by(delta);
                    }
                }
                self.dirty = true;
            }
            _ => {}
        }
    }

    fn wheel(&mut self, mouse: &MouseEvent, delta: isize) {
        if matches!(self.screen, Screen::Dashboard)
            && let Some((pane, _)) = self.layout.hit(mouse.column, mouse.row)
        {
            self.focus_on(pane);
        }
        self.move_by(delta);
        self.dirty = true;
    }
}
