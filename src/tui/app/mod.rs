//! The dashboard's state, and the one place it changes.
//!
//!   terminal event ─► keymap (context, key) ─► Action
//!   Action ─► App::update ─► ops / store ─► reload only the rows on screen
//!   view::draw(&App) ─► frame                 (drawing never changes state)
//!   tick every 2 s ─► PRAGMA data_version ─► reload when another process wrote
//!
//! `navigate` moves selections and focus; `items` acts on the selected item and runs the typing
//! and picking modals.

mod days;
mod items;
mod navigate;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;

use super::action::Action;
use super::board::Board;
use super::flows::checkin::{CheckinFlow, Step};
use super::flows::insights::InsightsView;
use super::flows::people::PeopleView;
use super::flows::reflect::{ReflectFlow, ReflectionList};
use super::flows::review::ReviewFlow;
use super::input::{Input, Purpose};
use super::kept::KeptLine;
use super::keymap::{Context, Keymap};
use super::layout::{Layout, Pane};
use super::pick::Pick;
use super::theme::Theme;
use crate::config::Config;
use crate::ops::{self, Context as OpContext, Detail, OpError, PersonCard};
use crate::store::Store;
use crate::when::Moment;

/// How long the dashboard waits for another program's lock before saying so.
pub const DASHBOARD_WAIT: std::time::Duration = std::time::Duration::from_millis(250);

pub use crate::clock::Clock;

/// Selection within one list. `selected` and `offset` count from the top of the whole list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    pub offset: usize,
}

/// What fills the screen. Views that open over another keep it `under`, to go back to.
#[derive(Debug, Clone)]
pub enum Screen {
    Dashboard,
    Detail {
        detail: Box<Detail>,
        scroll: usize,
        /// Where esc goes back to (a person's card the item was opened from; else the dashboard).
        under: Option<Box<Screen>>,
    },
    Help {
        scroll: usize,
        under: Box<Screen>,
    },
    Input {
        input: Box<Input>,
        under: Box<Screen>,
    },
    Pick {
        pick: Pick,
        under: Box<Screen>,
    },
    People {
        view: Box<PeopleView>,
    },
    Insights {
        view: Box<InsightsView>,
    },
    Card {
        card: Box<PersonCard>,
        scroll: usize,
        /// The ask selected on the card (enter opens it, y copies its draft).
        selected: Option<i64>,
        under: Box<Screen>,
    },
    Checkin {
        flow: Box<CheckinFlow>,
        under: Box<Screen>,
    },
    Review {
        flow: Box<ReviewFlow>,
    },
    Reflect {
        flow: Box<ReflectFlow>,
        under: Box<Screen>,
    },
    Reflections {
        list: Box<ReflectionList>,
    },
    /// A text to read and copy by hand (a draft the clipboard could not take).
    Text {
        title: String,
        text: String,
        scroll: usize,
        under: Box<Screen>,
    },
}

impl Screen {
    /// A modal drawn over another screen (help, typing, a one-key choice, a check-in): what it
    /// is drawn over.
    pub fn modal_over(&self) -> Option<&Screen> {
        match self {
            Screen::Help { under, .. }
            | Screen::Input { under, .. }
            | Screen::Pick { under, .. }
            | Screen::Checkin { under, .. }
            | Screen::Text { under, .. } => Some(under),
            _ => None,
        }
    }

    /// The full-screen view under any modals.
    pub fn beneath_modals(&self) -> &Screen {
        let mut screen = self;
        while let Some(under) = screen.modal_over() {
            screen = under;
        }
        screen
    }
}

/// A draft to copy, and whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToCopy {
    pub who: String,
    pub text: String,
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
    /// How tall each pane would like to be, from the lists' counts (for the stacked layout).
    pub wants: [u16; 4],
    pub focus: Pane,
    /// Asks, deadlines, proofing.
    pub lists: [ListState; 3],
    pub board: Board,
    pub screen: Screen,
    pub notice: Option<Notice>,
    pub quit: bool,
    /// A draft to put on the clipboard: the event loop copies it, then calls `copied`.
    pub clipboard: Option<ToCopy>,
    /// Something changed since the last frame.
    pub dirty: bool,
    /// An ask just declined from the dashboard, kept on screen at the selection (with its re-ask
    /// one key away) until the selection moves.
    pub pinned: Option<crate::domain::Item>,
    /// A one-key change the database was too busy to take, and its item: tried again at each
    /// change check until it goes through or is let go.
    pub retry: Option<(Action, i64)>,
    data_version: i64,
    /// The ids of all open asks in attention order, and the minute they were read in.
    ask_order: Option<(i64, Vec<i64>)>,
}

impl App {
    pub fn new(
        mut store: Store,
        config: Config,
        keymap: Keymap,
        theme: Theme,
        clock: Clock,
        size: Rect,
    ) -> Result<App, OpError> {
        let now = clock.now();
        // Keys never wait long for another program's lock: a change that cannot be made yet is
        // kept and tried again (one-key changes) or kept on screen (typed lines).
        store.set_busy_timeout(DASHBOARD_WAIT);
        let data_version = store.data_version()?;
        let mut app = App {
            store,
            config,
            keymap,
            theme,
            clock,
            now,
            layout: Layout::compute(size, Pane::Asks, Layout::wants([0; 3])),
            wants: Layout::wants([0; 3]),
            focus: Pane::Asks,
            lists: [ListState::default(); 3],
            board: Board::default(),
            screen: Screen::Dashboard,
            notice: None,
            quit: false,
            clipboard: None,
            dirty: true,
            data_version,
            ask_order: None,
            pinned: None,
            retry: None,
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
            Screen::Help { .. } | Screen::Text { .. } => Context::Help,
            Screen::Card { .. } => Context::Card,
            Screen::Input { .. } | Screen::Pick { .. } | Screen::Checkin { .. } => Context::Input,
            Screen::People { .. } | Screen::Insights { .. } | Screen::Reflections { .. } => {
                Context::List
            }
            Screen::Review { .. } => Context::Review,
            Screen::Reflect { .. } => Context::Reflect,
        }
    }

    /// One event, then everything it leaves to settle (what tests and single events use).
    pub fn handle_event(&mut self, event: Event) {
        self.on_event(event);
        self.settle();
    }

    /// One event of a batch: the loop settles once before it draws.
    pub fn on_event(&mut self, event: Event) {
        self.now = self.clock.now();
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.on_key(&key),
            Event::Mouse(mouse) => self.on_mouse(&mouse),
            Event::Resize(width, height) => self.resize(Rect::new(0, 0, width, height)),
            Event::Paste(text) if matches!(self.screen, Screen::Reflect { .. }) => {
                self.reflect_paste(&text);
                self.dirty = true;
            }
            Event::Paste(text) => {
                if let Screen::Input { input, .. } = &mut self.screen {
                    input.editor.paste(&text);
                    input.stale = true;
                    self.dirty = true;
                }
            }
            _ => {}
        }
    }

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

    /// The line being typed right now, if any, to keep when the dashboard has to stop.
    pub fn open_line(&self) -> Option<KeptLine> {
        let mut screen = &self.screen;
        let (purpose, text) = loop {
            match screen {
                Screen::Input { input, .. } if input.changed() => {
                    break (input.purpose, input.editor.text());
                }
                Screen::Pick {
                    pick: Pick::Response { line },
                    ..
                } => break (Purpose::Critique, line.clone()),
                Screen::Pick {
                    pick: Pick::Direction { line },
                    ..
                } => break (Purpose::Favor, line.clone()),
                _ => screen = screen.modal_over()?,
            }
        };
        Some(KeptLine {
            db: self.store.path().to_path_buf(),
            purpose: purpose.key(),
            text,
        })
    }

    /// Lines kept when the dashboard last stopped: the newest opens again, ready to save.
    pub fn reopen_kept(&mut self, mut lines: Vec<KeptLine>) -> Vec<KeptLine> {
        while let Some(line) = lines.pop() {
            let Some(purpose) = Purpose::from_key(&line.purpose) else {
                continue;
            };
            self.start_input(purpose, &line.text);
            if let Screen::Input { input, .. } = &mut self.screen {
                input.initial = String::new();
            }
            let save = self.keymap.key_for(Context::Input, Action::Submit);
            let cancel = self.keymap.key_for(Context::Input, Action::Cancel);
            self.notice = Some(Notice::Info(format!(
                "Kept from when the dashboard last stopped: {} saves it, {} lets it go",
                save.map(|k| k.to_string())
                    .unwrap_or_else(|| "enter".into()),
                cancel
                    .map(|k| k.to_string())
                    .unwrap_or_else(|| "esc".into()),
            )));
            break;
        }
        lines
    }

    pub fn on_key(&mut self, key: &KeyEvent) {
        if let Some(action) = self.keymap.action(self.context(), key) {
            self.update(action);
            return;
        }
        // ctrl-c always gets out, whatever the keymap says.
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.update(Action::Quit);
            return;
        }
        // Keys that are not actions: a letter in a one-key choice, or text being typed.
        if matches!(self.screen, Screen::Reflect { .. }) {
            self.reflect_key(key);
            self.dirty = true;
            return;
        }
        if let Screen::Pick { pick, .. } = &self.screen
            && let KeyCode::Char(c) = key.code
        {
            if let Some(choice) = pick.choice_for(c) {
                self.choose(choice);
            }
            return;
        }
        if let Screen::Checkin { flow, .. } = &mut self.screen {
            let one_key = matches!(flow.step, Step::Rate)
                || (matches!(flow.step, Step::Action) && flow.action.is_empty());
            match key.code {
                KeyCode::Char(c) if one_key && !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    let outcome = flow.key(c);
                    self.checkin_outcome(outcome);
                }
                _ => {
                    if let Some(editor) = flow.editor() {
                        editor.handle(key);
                    }
                }
            }
            self.dirty = true;
            return;
        }
        if let Screen::Input { input, .. } = &mut self.screen
            && input.editor.handle(key)
        {
            input.stale = true;
            self.dirty = true;
        }
    }

    /// A new terminal size: lay the screen out again, and read the lists again only when they
    /// show a different number of rows.
    pub fn resize(&mut self, size: Rect) {
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

    /// How `y` copies, from the config.
    pub fn clipboard_method(&self) -> super::clipboard::Method {
        super::clipboard::Method::from_name(&self.config.clipboard)
            .unwrap_or(super::clipboard::Method::Auto)
    }

    /// The event loop copied a draft (or could not): say truthfully how, and when it could
    /// not, show the text to copy by hand.
    pub fn copied(&mut self, copy: ToCopy, how: super::clipboard::Copied) {
        use super::clipboard::Copied;
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

    /// On a timer tick and every 2 seconds: move countdowns on, pick up what other processes
    /// wrote, and keep the header's clock right.
    pub fn tick(&mut self) {
        let now = self.clock.now();
        if now.format("%H:%M").to_string() != self.now.format("%H:%M").to_string()
            || self.timer_on_screen()
        {
            self.dirty = true;
        }
        self.now = now;
        if let Screen::Checkin { flow, .. } = &mut self.screen {
            flow.tick(&now);
        }
        if self.board.stress.sprint.is_some() {
            let ctx = self.ctx();
            match ops::finish_sprint_if_over(&mut self.store, &ctx) {
                Ok(Some(line)) => {
                    self.after_change(Ok(line));
                    if matches!(self.screen, Screen::Dashboard) {
                        self.start_checkin();
                    }
                }
                Ok(None) => {}
                Err(e) => self.fail(e),
            }
        }
        self.try_again();
        match self.store.data_version() {
            Ok(version) if version != self.data_version => {
                self.data_version = version;
                self.reload();
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
        if matches!(self.screen, Screen::Review { .. }) {
            self.review_action(action);
            return;
        }
        // A declined ask stays in view for what it offers next (its re-ask, its detail, asking
        // again); anything else lets it go.
        if self.pinned.is_some()
            && !matches!(
                action,
                Action::CopyDraft | Action::Open | Action::Edit | Action::Help
            )
            && !matches!(self.screen, Screen::Help { .. })
        {
            self.pinned = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.open_over(|under| Screen::Help { scroll: 0, under }),
            Action::Cancel if matches!(self.screen, Screen::Checkin { .. }) => {
                let now = self.now;
                if let Screen::Checkin { flow, .. } = &mut self.screen {
                    let outcome = flow.cancel(&now);
                    self.checkin_outcome(outcome);
                }
            }
            Action::Back | Action::Cancel if matches!(self.screen, Screen::Reflect { .. }) => {
                self.leave_reflection()
            }
            Action::Back | Action::Cancel
                if self.retry.is_some() && self.screen.modal_over().is_none() =>
            {
                self.retry = None;
                self.notice = Some(Notice::Info("Let go: nothing was changed".into()));
            }
            Action::Back | Action::Cancel => {
                self.back();
                // A modal opened for a review decision, closed without it.
                self.review_modal_closed(false);
            }
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
            Action::Open => self.open(),
            Action::People => self.open_people(),
            Action::Insights => self.open_insights(),
            Action::CaptureAsk => self.start_input(Purpose::CaptureAsk, ""),
            Action::CaptureDeadline => self.start_input(Purpose::CaptureDeadline, ""),
            Action::Critique => self.start_input(Purpose::Critique, ""),
            Action::Favor => self.start_input(Purpose::Favor, ""),
            Action::Snooze => self.snooze(),
            Action::Edit => self.edit(),
            Action::Done | Action::Drop | Action::MarkMissed => self.change_now(action),
            Action::Undo => {
                let ctx = self.ctx();
                let result = ops::undo(&mut self.store, &ctx);
                self.after_change(result);
            }
            Action::FollowUp => self.follow_up(),
            Action::CopyDraft => self.copy_draft(),
            Action::Declined => self.declined(),
            Action::MarkSent => self.proofing_step(crate::domain::Status::Sent),
            Action::MarkAccepted => self.proofing_step(crate::domain::Status::Accepted),
            Action::LinkDeadline => self.link_deadline(),
            Action::Checkin => self.start_checkin(),
            Action::Sprint => self.start_sprint(),
            Action::StopSprint => {
                let ctx = self.ctx();
                let result = ops::stop_sprint(&mut self.store, &ctx);
                self.after_change(result);
            }
            Action::Submit => self.submit(),
            Action::Review => self.open_review(),
            Action::Reflect => {
                // Today's reflection at once, over the list of past ones (Esc shows them).
                self.open_reflections();
                if matches!(self.screen, Screen::Reflections { .. }) {
                    self.open_reflection(self.now.date_naive());
                }
            }
            Action::NextField => self.reflect_field(true),
            Action::PrevField => self.reflect_field(false),
            Action::Skip => {}
        }
    }

    /// Open a view over the current one.
    fn open_over(&mut self, view: impl FnOnce(Box<Screen>) -> Screen) {
        let under = std::mem::replace(&mut self.screen, Screen::Dashboard);
        self.screen = view(Box::new(under));
    }

    fn back(&mut self) {
        self.screen = match std::mem::replace(&mut self.screen, Screen::Dashboard) {
            Screen::Help { under, .. }
            | Screen::Input { under, .. }
            | Screen::Pick { under, .. }
            | Screen::Checkin { under, .. }
            | Screen::Reflect { under, .. }
            | Screen::Text { under, .. }
            | Screen::Card { under, .. } => *under,
            Screen::Detail {
                under: Some(under), ..
            } => *under,
            Screen::Detail { .. }
            | Screen::People { .. }
            | Screen::Insights { .. }
            | Screen::Review { .. }
            | Screen::Reflections { .. }
            | Screen::Dashboard => Screen::Dashboard,
        };
    }

    fn fail(&mut self, error: OpError) {
        error.log();
        self.notice = Some(Notice::Error(error.to_string().replace('\n', " ")));
        self.dirty = true;
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
    }

    /// Query one list's window again after it scrolled (the rest of the screen is unchanged).
    fn reload_list(&mut self, pane: Pane) {
        let reader = self.store.reader();
        let rows = self.layout.rows(pane);
        let result = match pane {
            Pane::Asks => {
                // Scrolling keeps the order of all open asks (one index-only query per minute or
                // change) and reads just the window's rows.
                let minute = self.now.timestamp() / 60;
                let order = match self.ask_order.take() {
                    Some((at, ids)) if at == minute => Ok(ids),
                    _ => reader.open_ask_ids(&self.now),
                };
                order.and_then(|ids| {
                    let offset = self.lists[0].offset.min(ids.len());
                    let window = &ids[offset..(offset + rows).min(ids.len())];
                    let asks = reader.items_by_ids(window);
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
        match Board::load(
            &self.store.reader(),
            &self.config,
            &self.now,
            &mut self.lists,
            rows,
            counts,
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
                | Screen::Text { under, .. } => {
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
                Screen::People { view } => {
                    view.reload(&reader)?;
                    return Ok(());
                }
                Screen::Insights { view } => {
                    view.reload(&reader, &ctx)?;
                    return Ok(());
                }
                Screen::Reflect { under, .. } => screen = under.as_mut(),
                Screen::Review { .. } | Screen::Reflections { .. } | Screen::Dashboard => {
                    return Ok(());
                }
            }
        }
    }

    /// Whether the first-run screen shows instead of the panes.
    pub fn first_run(&self) -> bool {
        self.board.empty
    }
}
