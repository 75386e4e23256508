//! Reading what is on screen, and nothing more: the panes' windows, the open view, the figures;
//! again on a resize, on the timer, and after every change.

use ratatui::layout::Rect;

use super::{App, Change, Notice, Screen, Then, ToCopy};
use crate::ops::{self, OpError};
use crate::tui::board::Board;
use crate::tui::clipboard::{Copied, Method};
use crate::tui::layout::{Layout, Pane};

impl App {
    /// Work left by a batch of input, done once before the next frame: read the typed line again
    /// for its live preview (once, not once per key of a paste).
    pub fn settle(&mut self) {
        let ctx = self.ctx();
        if let Screen::Input { input, .. } = &mut self.screen
            && input.stale
        {
            input.refresh(&self.store, &ctx);
            self.dirty = true;
        }
    }

    /// A new terminal size: lay the screen out again, and read the lists again only when they
    /// show a different number of rows.
    pub(super) fn resize(&mut self, size: Rect) {
        let layout = Layout::compute(size, self.focus, self.wants);
        let rows = |layout: &Layout| Pane::ALL.map(|pane| layout.rows(pane));
        let same_rows = rows(&layout) == rows(&self.layout);
        self.layout = layout;
        if same_rows {
            self.dirty = true;
        } else {
            self.reload();
        }
    }

    /// How `copy_draft` copies, from the config.
    pub fn clipboard_method(&self) -> Method {
        Method::from_name(&self.config.clipboard).unwrap_or(Method::Auto)
    }

    /// The event loop copied a draft (or could not): say truthfully how, and when it could
    /// not, show the text to copy by hand.
    pub(super) fn show_copied(&mut self, copy: ToCopy, how: Copied) {
        let what = format!(
            "the message for {} ({})",
            copy.who,
            crate::domain::words::count(copy.text.lines().count() as u64, "line")
        );
        self.notice = Some(match how {
            Copied::By(program) => Notice::Info(format!("Copied {what} with {program}")),
            Copied::Osc52 {
                inside_tmux,
                failed,
            } => {
                let tmux = if inside_tmux {
                    "; inside tmux it arrives only with `set -s set-clipboard on`"
                } else {
                    ""
                };
                let failed = failed.map(|why| format!(" ({why})")).unwrap_or_default();
                Notice::Info(format!(
                    "Sent {what} to the terminal's clipboard as OSC 52{failed}{tmux}"
                ))
            }
            Copied::Not(why) => {
                let title = format!("The message for {}", copy.who);
                self.open_over(|under| Screen::Text {
                    title,
                    text: copy.text,
                    scroll: 0,
                    under,
                });
                Notice::Info(format!("Could not copy {what}: {why}. Here is the text"))
            }
        });
        self.dirty = true;
    }

    /// Whether a countdown that shows seconds is on screen (then the loop ticks every second).
    pub fn timer_on_screen(&self) -> bool {
        let sprint_shown = self.board.stress.sprint.is_some()
            && matches!(self.screen, Screen::Dashboard)
            && !self.layout.pane(Pane::Stress).is_empty();
        let slowing_down = matches!(&self.screen, Screen::Checkin { flow, .. } if flow.is_timing());
        sprint_shown || slowing_down
    }

    /// On a timer tick and every 2 seconds: move countdowns on, end a sprint whose time is up,
    /// try a kept change again, pick up what other processes wrote, keep the header's clock
    /// right.
    /// `before` is the time of the message before this one: the header shows the minute.
    pub(super) fn on_tick(&mut self, before: &crate::when::Moment) {
        let minute = |moment: &crate::when::Moment| moment.timestamp() / 60;
        if minute(&self.now) != minute(before) || self.timer_on_screen() {
            self.dirty = true;
        }
        if let Screen::Checkin { flow, .. } = &mut self.screen {
            flow.tick(&self.now);
        }
        if self.board.stress.sprint.is_some() {
            self.save(Change::FinishSprint, Then::SprintOver);
        }
        if let Some((action, id)) = self.retry.take() {
            self.save(Change::Item(action, id), Then::Settle(action, id));
        }
        self.remind();
        match self.store.data_version() {
            Ok(version) if version != self.data_version => {
                self.data_version = version;
                self.reload();
            }
            // A find asked while the index could not be brought up to date: asked again.
            Ok(_) if self.find_behind && self.find.is_some() => self.reload(),
            Ok(_) => {}
            Err(e) => self.fail(OpError::Store(e)),
        }
    }

    /// Once a minute on the dashboard itself, what came due and was not told yet goes in the
    /// status line and counts as told, so `nudge notify` does not repeat it on the desktop.
    fn remind(&mut self) {
        let minute = self.now.timestamp() / 60;
        if !matches!(self.screen, Screen::Dashboard)
            || self.reminded.as_ref().is_some_and(|(at, _)| *at == minute)
        {
            return;
        }
        let shown = self.reminded.take().and_then(|(_, notice)| notice);
        self.reminded = Some((minute, shown));
        self.save(Change::Remind, Then::Reminded);
    }

    /// The line of what came due: shown unless the status line holds something else (a
    /// busy database is simply tried again the next minute).
    pub(super) fn reminded(&mut self, line: Result<Option<String>, OpError>) {
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                tracing::warn!(error = %e, "reminders not looked at");
                return;
            }
        };
        let Some((_, shown)) = &mut self.reminded else {
            return;
        };
        let ours = self.notice.is_none() || self.notice == *shown;
        if let Some(line) = line.filter(|_| ours) {
            let notice = Notice::Info(line);
            *shown = Some(notice.clone());
            self.notice = Some(notice);
            self.dirty = true;
        }
    }

    /// Query one list's window again after it scrolled (the rest of the screen is unchanged).
    pub(super) fn reload_list(&mut self, pane: Pane) {
        let reader = self.store.reader();
        let rows = self.layout.rows(pane);
        let result = match pane {
            Pane::Asks if let Some(find) = self.find_in(Pane::Asks) => reader
                .find_items(
                    crate::domain::Kind::Ask,
                    false,
                    &find,
                    &self.now,
                    rows,
                    self.lists[0].offset,
                )
                .map(|asks| self.board.asks = asks),
            Pane::Deadlines if let Some(find) = self.find_in(Pane::Deadlines) => reader
                .found_deadlines(&find, rows, self.lists[1].offset)
                .map(|rows| self.board.deadlines = rows),
            Pane::Proofing if let Some(find) = self.find_in(Pane::Proofing) => reader
                .found_proofing(&find, rows, self.lists[2].offset)
                .map(|rows| self.board.proofing = rows),
            Pane::Asks => {
                // Scrolling keeps the order of all open asks (one index-only query per minute or
                // change) and reads just the window's rows.
                let minute = self.now.timestamp() / 60;
                // Rows already on screen are kept while the order is the one they were read
                // with (nothing changed since: a change reloads everything): a step down reads
                // the one row that came into view, not the whole window.
                let (order, kept) = match self.ask_order.take() {
                    Some((at, ids)) if at == minute => {
                        (Ok(ids), std::mem::take(&mut self.board.asks))
                    }
                    _ => (reader.open_ask_ids(&self.now), Vec::new()),
                };
                order.and_then(|ids| {
                    let offset = self.lists[0].offset.min(ids.len());
                    let window = &ids[offset..(offset + rows).min(ids.len())];
                    let asks = window_rows(&reader, window, kept);
                    self.ask_order = Some((minute, ids));
                    asks.map(|asks| self.board.asks = asks)
                })
            }
            Pane::Deadlines => reader
                .open_deadlines(rows, self.lists[1].offset)
                .map(|rows| self.board.deadlines = rows),
            Pane::Proofing => reader
                .open_proofing(rows, self.lists[2].offset)
                .map(|rows| self.board.proofing = rows),
            Pane::Stress => Ok(()),
        };
        if let Err(e) = result {
            self.fail(OpError::Store(e));
        }
    }

    /// Query what is on screen, and nothing more: the panes, and the open view's own data.
    pub fn reload(&mut self) {
        self.ask_order = None;
        // The counts first: they decide how tall the stacked panes are.
        let counts = match self.store.reader().counts(&self.now) {
            Ok(counts) => counts,
            Err(e) => return self.fail(OpError::Store(e)),
        };
        let wants = Layout::wants([
            counts.open_asks as usize,
            counts.deadlines as usize,
            counts.proofing as usize,
        ]);
        if wants != self.wants {
            self.wants = wants;
            self.layout = Layout::compute(self.layout.area, self.focus, wants);
        }
        let rows = [
            self.layout.rows(Pane::Asks),
            self.layout.rows(Pane::Deadlines),
            self.layout.rows(Pane::Proofing),
        ];
        self.board_loads += 1;
        let found = self.find.as_ref().and_then(|f| Some((f.pane, f.find()?)));
        if found.is_some() {
            self.index_for_find();
        }
        match Board::load(
            &self.store.reader(),
            &self.config,
            &self.now,
            &mut self.lists,
            rows,
            counts,
            found.as_ref().map(|(pane, find)| (*pane, find)),
        ) {
            Ok(board) => self.board = board,
            Err(e) => self.fail(e),
        }
        if let Err(e) = self.reload_view() {
            self.fail(e);
        }
        if let Ok(version) = self.store.data_version() {
            self.data_version = version;
        }
        self.dirty = true;
    }

    /// Refresh the detail, card or people list on screen (one may be under a modal).
    fn reload_view(&mut self) -> Result<(), OpError> {
        let ctx = self.ctx();
        let reader = self.store.reader();
        let mut screen = &mut self.screen;
        loop {
            match screen {
                Screen::Help { under, .. }
                | Screen::Input { under, .. }
                | Screen::Pick { under, .. }
                | Screen::Checkin { under, .. }
                | Screen::Text { under, .. }
                | Screen::Reflect { under, .. } => {
                    screen = under.as_mut();
                }
                Screen::Detail { detail, .. } => {
                    match ops::detail(&reader, detail.item.id, &ctx) {
                        Ok(fresh) => **detail = fresh,
                        // The item is gone (an undone capture): back to where it was opened.
                        Err(OpError::Input(_)) => {
                            let Screen::Detail { under, .. } =
                                std::mem::replace(screen, Screen::Dashboard)
                            else {
                                return Ok(());
                            };
                            if let Some(under) = under {
                                *screen = *under;
                                continue;
                            }
                            return Ok(());
                        }
                        Err(e) => return Err(e),
                    }
                    let Screen::Detail { under, .. } = screen else {
                        return Ok(());
                    };
                    match under {
                        Some(under) => screen = under.as_mut(),
                        None => return Ok(()),
                    }
                }
                Screen::Card {
                    card,
                    under,
                    selected,
                    ..
                } => {
                    **card = ops::person_card(&reader, &ctx, card.stats.person.id)?;
                    let order = card.ask_order();
                    if selected.is_none_or(|id| !order.contains(&id)) {
                        *selected = order.first().copied();
                    }
                    screen = under.as_mut();
                }
                Screen::Meet { view, under } => {
                    let id = view.meeting.person().id;
                    view.refresh(ops::meeting(&reader, &ctx, id)?);
                    screen = under.as_mut();
                }
                Screen::People { view } => {
                    view.reload(&reader)?;
                    return Ok(());
                }
                Screen::Insights { view } => {
                    view.reload(&reader, &ctx)?;
                    return Ok(());
                }
                Screen::Review { .. } | Screen::Reflections { .. } | Screen::Dashboard => {
                    return Ok(());
                }
            }
        }
    }
}

/// The rows of `window`, in its order: those in `kept` as they are, the others read by id.
fn window_rows(
    reader: &crate::store::Reader<'_>,
    window: &[i64],
    kept: Vec<crate::domain::Item>,
) -> Result<Vec<crate::domain::Item>, crate::store::StoreError> {
    let mut kept: std::collections::HashMap<i64, crate::domain::Item> =
        kept.into_iter().map(|item| (item.id, item)).collect();
    let missing: Vec<i64> = window
        .iter()
        .copied()
        .filter(|id| !kept.contains_key(id))
        .collect();
    if !missing.is_empty() {
        kept.extend(
            reader
                .items_by_ids(&missing)?
                .into_iter()
                .map(|i| (i.id, i)),
        );
    }
    Ok(window.iter().filter_map(|id| kept.remove(id)).collect())
}
