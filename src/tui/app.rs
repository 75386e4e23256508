//! The dashboard's state, and the one place it changes.
//!
//!   terminal event ─► keymap (context, key) ─► Action
//!   Action ─► App::update ─► ops / store ─► reload only the rows on screen
//!   view::draw(&App) ─► frame                 (drawing never changes state)
//!   tick every 2 s ─► PRAGMA data_version ─► reload when another process wrote

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use super::action::Action;
use super::board::Board;
use super::input::{Input, Purpose};
use super::keymap::{Context, Keymap};
use super::layout::{Layout, Pane};
use super::theme::Theme;
use crate::config::Config;
use crate::domain::{Channel, Item, Kind, escalation};
use crate::ops::{self, Context as OpContext, Detail, OpError};
use crate::store::Store;
use crate::when::{Moment, Zone};

/// Where `now` comes from: pinned (tests, `NUDGE_NOW`) or the system clock.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    Fixed(Moment),
    System(Zone),
}

impl Clock {
    pub fn now(&self) -> Moment {
        match self {
            Clock::Fixed(moment) => *moment,
            Clock::System(zone) => {
                use chrono::TimeZone;
                zone.from_utc_datetime(&chrono::Utc::now().naive_utc())
            }
        }
    }
}

/// Selection within one list pane. `selected` and `offset` count from the top of the whole list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    pub offset: usize,
}

/// What fills the screen.
#[derive(Debug, Clone)]
pub enum Screen {
    Dashboard,
    Detail {
        detail: Box<Detail>,
        scroll: usize,
    },
    Help {
        scroll: usize,
        under: Box<Screen>,
    },
    Input {
        input: Box<Input>,
        under: Box<Screen>,
    },
    /// One key picks the channel a follow-up went out on.
    PickChannel {
        id: i64,
        suggested: Channel,
        under: Box<Screen>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

pub struct App {
    pub store: Store,
    pub config: Config,
    pub keymap: Keymap,
    pub theme: Theme,
    pub clock: Clock,
    pub now: Moment,
    pub layout: Layout,
    pub focus: Pane,
    /// Asks, deadlines, proofing.
    pub lists: [ListState; 3],
    pub board: Board,
    pub screen: Screen,
    pub notice: Option<Notice>,
    pub quit: bool,
    /// Text to put on the terminal's clipboard (OSC 52); the event loop sends it.
    pub clipboard: Option<String>,
    /// Something changed since the last frame.
    pub dirty: bool,
    data_version: i64,
}

impl App {
    pub fn new(
        store: Store,
        config: Config,
        keymap: Keymap,
        theme: Theme,
        clock: Clock,
        size: Rect,
    ) -> Result<App, OpError> {
        let now = clock.now();
        let data_version = store.data_version()?;
        let mut app = App {
            store,
            config,
            keymap,
            theme,
            clock,
            now,
            layout: Layout::compute(size, Pane::Asks),
            focus: Pane::Asks,
            lists: [ListState::default(); 3],
            board: Board::default(),
            screen: Screen::Dashboard,
            notice: None,
            quit: false,
            clipboard: None,
            dirty: true,
            data_version,
        };
        app.reload();
        Ok(app)
    }

    fn ctx(&self) -> OpContext {
        OpContext::new(self.now, self.config.clone())
    }

    /// The context keys are read in.
    pub fn context(&self) -> Context {
        match &self.screen {
            Screen::Dashboard => Context::Dashboard,
            Screen::Detail { .. } => Context::Detail,
            Screen::Help { .. } => Context::Help,
            Screen::Input { .. } | Screen::PickChannel { .. } => Context::Input,
        }
    }

    pub fn handle_event(&mut self, event: Event) {
        self.now = self.clock.now();
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.on_key(&key),
            Event::Mouse(mouse) => self.on_mouse(&mouse),
            Event::Resize(width, height) => self.resize(Rect::new(0, 0, width, height)),
            Event::Paste(text) => {
                if let Screen::Input { input, .. } = &mut self.screen {
                    input.editor.paste(&text);
                    input.refresh(&self.store, &OpContext::new(self.now, self.config.clone()));
                    self.dirty = true;
                }
            }
            _ => {}
        }
    }

    pub fn on_key(&mut self, key: &KeyEvent) {
        let context = self.context();
        if let Some(action) = self.keymap.action(context, key) {
            self.update(action);
            return;
        }
        if let Screen::PickChannel { id, .. } = &self.screen
            && let KeyCode::Char(c) = key.code
        {
            let id = *id;
            let channel = match c.to_ascii_lowercase() {
                'e' => Some(Channel::Email),
                'c' => Some(Channel::Chat),
                'p' => Some(Channel::Call),
                'w' => Some(Channel::InPerson),
                _ => None,
            };
            if let Some(channel) = channel {
                self.log_follow_up(id, channel);
            }
            return;
        }
        if let Screen::Input { input, .. } = &mut self.screen
            && input.editor.handle(key)
        {
            input.refresh(&self.store, &OpContext::new(self.now, self.config.clone()));
            self.dirty = true;
        }
    }

    pub fn resize(&mut self, size: Rect) {
        self.layout = Layout::compute(size, self.focus);
        self.reload();
    }

    /// Every 2 seconds: pick up what other processes wrote, and keep the header's clock right.
    pub fn tick(&mut self) {
        let now = self.clock.now();
        if now.format("%H:%M").to_string() != self.now.format("%H:%M").to_string() {
            self.dirty = true;
        }
        self.now = now;
        match self.store.data_version() {
            Ok(version) if version != self.data_version => {
                self.data_version = version;
                self.reload();
                if let Screen::Detail { detail, .. } = &mut self.screen {
                    let id = detail.item.id;
                    if let Ok(fresh) = ops::detail(
                        &self.store.reader(),
                        id,
                        &OpContext::new(self.now, self.config.clone()),
                    ) {
                        **detail = fresh;
                    }
                }
            }
            Ok(_) => {}
            Err(e) => self.fail(OpError::Store(e)),
        }
    }

    /// The one place state changes.
    pub fn update(&mut self, action: Action) {
        self.dirty = true;
        if !matches!(action, Action::Submit) {
            self.notice = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                let under = std::mem::replace(&mut self.screen, Screen::Dashboard);
                self.screen = Screen::Help {
                    scroll: 0,
                    under: Box::new(under),
                };
            }
            Action::Back => self.back(),
            Action::NextPane => self.focus_on(self.focus.next()),
            Action::PrevPane => self.focus_on(self.focus.prev()),
            Action::FocusAsks => self.focus_on(Pane::Asks),
            Action::FocusDeadlines => self.focus_on(Pane::Deadlines),
            Action::FocusProofing => self.focus_on(Pane::Proofing),
            Action::FocusStress => self.focus_on(Pane::Stress),
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page() as isize),
            Action::PageUp => self.move_by(-(self.page() as isize)),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Open => self.open_selected(),
            Action::CaptureAsk => self.start_input(Purpose::CaptureAsk, ""),
            Action::CaptureDeadline => self.start_input(Purpose::CaptureDeadline, ""),
            Action::Snooze => {
                if let Some(item) = self.target() {
                    self.start_input(Purpose::Snooze(item.id), "");
                }
            }
            Action::Edit => {
                if let Some(item) = self.target() {
                    let line = ops::capture_line(&item);
                    self.start_input(Purpose::Edit(item.id), &line);
                }
            }
            Action::Done => self.change_target(|store, ctx, id| ops::done(store, ctx, id, "")),
            Action::Drop => self.change_target(ops::drop_item),
            Action::Undo => {
                let ctx = self.ctx();
                let result = ops::undo(&mut self.store, &ctx);
                self.after_change(result);
            }
            Action::FollowUp => {
                if let Some(item) = self.target().filter(|i| i.kind == Kind::Ask && i.is_open()) {
                    let suggested = escalation::next_channel(item.channel, &item.chased_via);
                    let under = std::mem::replace(&mut self.screen, Screen::Dashboard);
                    self.screen = Screen::PickChannel {
                        id: item.id,
                        suggested,
                        under: Box::new(under),
                    };
                } else {
                    self.notice = Some(Notice::Info("Select an open ask to follow up".into()));
                }
            }
            Action::CopyDraft => self.copy_draft(),
            Action::Declined => {
                let Some(item) = self.target().filter(|i| i.kind == Kind::Ask && i.is_open())
                else {
                    self.notice = Some(Notice::Info("Select an open ask that got a no".into()));
                    return;
                };
                if item.why.is_none() {
                    self.start_input(Purpose::Why(item.id), "");
                } else {
                    let ctx = self.ctx();
                    let result = super::input::declined_line(&mut self.store, &ctx, item.id);
                    self.after_change(result);
                }
            }
            Action::Submit => match &self.screen {
                Screen::PickChannel { id, suggested, .. } => {
                    let (id, suggested) = (*id, *suggested);
                    self.log_follow_up(id, suggested);
                }
                _ => self.submit(),
            },
            Action::Cancel => self.back(),
        }
    }

    fn log_follow_up(&mut self, id: i64, channel: Channel) {
        self.back();
        let ctx = self.ctx();
        let result = ops::follow_up(&mut self.store, &ctx, id, Some(channel), "");
        self.after_change(result);
    }

    /// Put the drafted message for the target on the clipboard.
    fn copy_draft(&mut self) {
        let Some(item) = self.target() else {
            return;
        };
        let ctx = self.ctx();
        match ops::draft(&self.store, &ctx, item.id) {
            Ok(text) => {
                let who = item.person.clone().unwrap_or_default();
                self.notice = Some(Notice::Info(format!(
                    "Copied the message for {who} ({} lines) to the clipboard",
                    text.lines().count()
                )));
                self.clipboard = Some(text);
            }
            Err(e) => self.fail(e),
        }
    }

    fn back(&mut self) {
        self.screen = match std::mem::replace(&mut self.screen, Screen::Dashboard) {
            Screen::Help { under, .. }
            | Screen::Input { under, .. }
            | Screen::PickChannel { under, .. } => *under,
            Screen::Detail { .. } | Screen::Dashboard => Screen::Dashboard,
        };
    }

    fn focus_on(&mut self, pane: Pane) {
        if self.focus != pane {
            self.focus = pane;
            if self.layout.single {
                self.layout = Layout::compute(self.layout.area, pane);
                self.reload();
            }
        }
    }

    fn page(&self) -> usize {
        match &self.screen {
            Screen::Detail { .. } | Screen::Help { .. } => {
                usize::from(self.layout.area.height.saturating_sub(4)).max(1)
            }
            _ => self.layout.rows(self.focus).max(1),
        }
    }

    /// Move the selection (or scroll a detail or help view) by `delta` rows.
    fn move_by(&mut self, delta: isize) {
        let scroll_by = |scroll: &mut usize| {
            *scroll = scroll.saturating_add_signed(delta).min(10_000);
        };
        match &mut self.screen {
            Screen::Detail { scroll, .. } | Screen::Help { scroll, .. } => {
                scroll_by(scroll);
                return;
            }
            Screen::Input { .. } | Screen::PickChannel { .. } => return,
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

    fn focus_list(&self) -> Option<usize> {
        match self.focus {
            Pane::Asks => Some(0),
            Pane::Deadlines => Some(1),
            Pane::Proofing => Some(2),
            Pane::Stress => None,
        }
    }

    /// The item the focused pane's selection points at.
    pub fn selected_item(&self) -> Option<&Item> {
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

    /// What an item action applies to: the open detail, else the selection.
    fn target(&self) -> Option<Item> {
        match &self.screen {
            Screen::Detail { detail, .. } => Some(detail.item.clone()),
            _ => self.selected_item().cloned(),
        }
    }

    fn open_selected(&mut self) {
        let Some(id) = self.selected_item().map(|i| i.id) else {
            return;
        };
        match ops::detail(&self.store.reader(), id, &self.ctx()) {
            Ok(detail) => {
                self.screen = Screen::Detail {
                    detail: Box::new(detail),
                    scroll: 0,
                }
            }
            Err(e) => self.fail(e),
        }
    }

    fn start_input(&mut self, purpose: Purpose, text: &str) {
        let ctx = self.ctx();
        let mut input = Input::new(purpose, text);
        input.refresh(&self.store, &ctx);
        let under = std::mem::replace(&mut self.screen, Screen::Dashboard);
        self.screen = Screen::Input {
            input: Box::new(input),
            under: Box::new(under),
        };
    }

    fn submit(&mut self) {
        let ctx = self.ctx();
        let Screen::Input { input, .. } = &mut self.screen else {
            return;
        };
        match input.submit(&mut self.store, &ctx) {
            Ok(Some(message)) => {
                self.back();
                self.after_change(Ok(message));
            }
            Ok(None) => {}
            Err(OpError::Input(message)) => input.show_error(message),
            Err(e) => {
                self.back();
                self.fail(e);
            }
        }
    }

    fn change_target(
        &mut self,
        change: impl FnOnce(&mut Store, &OpContext, i64) -> Result<String, OpError>,
    ) {
        let Some(item) = self.target() else {
            return;
        };
        let ctx = self.ctx();
        let result = change(&mut self.store, &ctx, item.id);
        self.after_change(result);
    }

    /// After a write: say what happened (with how to take it back), and reload what is shown.
    fn after_change(&mut self, result: Result<String, OpError>) {
        match result {
            Ok(message) => {
                let undo_key = self.keymap.key_for(Context::Dashboard, Action::Undo);
                let hint = match undo_key {
                    Some(key)
                        if !message.starts_with("Undone") && !message.starts_with("Nothing") =>
                    {
                        format!(" — {key} undoes")
                    }
                    _ => String::new(),
                };
                self.notice = Some(Notice::Info(format!("{message}{hint}")));
            }
            Err(e) => self.fail(e),
        }
        self.reload();
        if let Screen::Detail { detail, .. } = &mut self.screen {
            match ops::detail(
                &self.store.reader(),
                detail.item.id,
                &OpContext::new(self.now, self.config.clone()),
            ) {
                Ok(fresh) => **detail = fresh,
                Err(_) => self.screen = Screen::Dashboard,
            }
        }
    }

    fn fail(&mut self, error: OpError) {
        self.notice = Some(Notice::Error(error.to_string().replace('\n', " ")));
        self.dirty = true;
    }

    /// Query one list's window again after it scrolled (the rest of the screen is unchanged).
    fn reload_list(&mut self, pane: Pane) {
        let reader = self.store.reader();
        let rows = self.layout.rows(pane);
        let result = match pane {
            Pane::Asks => reader
                .open_asks(&self.now, rows, self.lists[0].offset)
                .map(|rows| self.board.asks = rows),
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

    /// Query what the panes show, and nothing more.
    pub fn reload(&mut self) {
        let rows = [
            self.layout.rows(Pane::Asks),
            self.layout.rows(Pane::Deadlines),
            self.layout.rows(Pane::Proofing),
        ];
        match Board::load(
            &self.store.reader(),
            &self.config,
            &self.now,
            &mut self.lists,
            rows,
        ) {
            Ok(board) => self.board = board,
            Err(e) => self.fail(OpError::Store(e)),
        }
        if let Ok(version) = self.store.data_version() {
            self.data_version = version;
        }
        self.dirty = true;
    }

    fn on_mouse(&mut self, mouse: &MouseEvent) {
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

    /// Whether the first-run screen shows instead of the panes.
    pub fn first_run(&self) -> bool {
        self.board.empty
    }
}
