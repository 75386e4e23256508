//! The dashboard's state, and the one place it changes.
//!
//!   terminal event (key, paste, mouse, resize) or tick ─► Msg ─► App::update
//!   key ─► keymap (the screen's contexts, in order) ─► Action ─► the screen or its modal
//!   update ─► Effects ─► App::perform: saves through ops (outcome back as Msg::Saved), copies
//!   view::draw(&App) ─► frame                 (drawing never changes state)
//!   tick every 2 s ─► PRAGMA data_version ─► reload only the rows on screen
//!
//! `keys` resolves keys for what is on screen, `navigate` moves selections and focus, `items`
//! and `days` act on items and run the modals and flows, `save` makes the changes, `load` reads
//! what is on screen.

mod days;
mod finding;
mod items;
mod keys;
mod load;
mod meeting;
mod message;
mod navigate;
mod save;

pub use message::{Effect, Msg};
pub use save::{Change, Said, Then};

use std::collections::VecDeque;

use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;

use super::action::Action;
use super::board::Board;
use super::flows::checkin::CheckinFlow;
use super::flows::insights::InsightsView;
use super::flows::meet::MeetingView;
use super::flows::people::PeopleView;
use super::flows::reflect::{ReflectFlow, ReflectionList};
use super::flows::review::ReviewFlow;
use super::input::{Input, Purpose};
use super::keymap::{Context, Keymap};
use super::layout::{Layout, Pane};
use super::look::Look;
use super::pick::Pick;
use super::theme::Theme;
use crate::config::Config;
use crate::ops::{Context as OpContext, Detail, OpError, PersonCard};
use crate::store::Store;
use crate::when::Moment;

/// How long the dashboard waits for another program's lock before saying so.
pub const DASHBOARD_WAIT: std::time::Duration = std::time::Duration::from_millis(250);

pub use crate::clock::Clock;

pub use super::board::ListState;

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
    /// Person mode: everything open with one person, for the walk over.
    Meet {
        view: Box<MeetingView>,
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
    /// A draft to put on the clipboard: the event loop copies it, then says how with
    /// `Msg::Copied`.
    pub clipboard: Option<ToCopy>,
    /// What the update on its way asked for, made by `perform` once it is over.
    effects: VecDeque<Effect>,
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
    /// How many times the whole board was read (the first frame reads it once).
    pub board_loads: u32,
    /// The minute reminders were last looked for (`remind`), and the notice they put up.
    reminded: Option<(i64, Option<Notice>)>,
    /// The last line esc threw away, and what it was for (up brings it back).
    discarded: Option<(crate::tui::input::Purpose, String)>,
    /// What is typed after `/`: the Pending asks pane shows only what it finds.
    pub find: Option<crate::tui::find::Finding>,
    /// What is typed after `/` in the help: only the keys and symbols that have those words.
    pub help_find: Option<crate::tui::find::Finding>,
    /// The last find was asked before the newest captures could be indexed (the database was
    /// busy): the find line says so, and the next check asks again.
    pub find_behind: bool,
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
            effects: VecDeque::new(),
            dirty: true,
            data_version,
            ask_order: None,
            pinned: None,
            retry: None,
            board_loads: 0,
            reminded: None,
            discarded: None,
            find_behind: false,
            find: None,
            help_find: None,
        };
        app.reload();
        Ok(app)
    }

    fn ctx(&self) -> OpContext {
        OpContext::new(self.now, self.config.clone())
    }

    /// The context keys of the screen are named in (footers and help show its keys).
    pub fn context(&self) -> Context {
        match &self.screen {
            Screen::Dashboard => Context::Dashboard,
            Screen::Detail { .. } => Context::Detail,
            Screen::Help { .. } | Screen::Text { .. } => Context::Help,
            Screen::Card { .. } => Context::Card,
            Screen::Meet { .. } => Context::Meet,
            Screen::Input { .. } | Screen::Checkin { .. } => Context::Input,
            Screen::Pick { .. } => Context::Pick,
            Screen::People { .. } | Screen::Insights { .. } | Screen::Reflections { .. } => {
                Context::List
            }
            Screen::Review { .. } => Context::Review,
            Screen::Reflect { .. } => Context::Reflect,
        }
    }

    /// The key that does `action` in `context`, as a message names it ("enter").
    pub fn key_name(&self, context: Context, action: Action) -> String {
        self.keymap.key_name(context, action)
    }

    /// What drawing a view needs: the styles, the keys, the settings, the time.
    pub fn look(&self) -> Look<'_> {
        Look {
            theme: &self.theme,
            keymap: &self.keymap,
            config: &self.config,
            now: self.now,
        }
    }

    /// One message through `update`, then the changes it asked for.
    pub fn handle(&mut self, msg: Msg) {
        self.update(msg);
        self.perform();
    }

    /// One terminal event, then everything it leaves to settle (what tests and single events
    /// use; the loop settles once per batch).
    pub fn handle_event(&mut self, event: Event) {
        if let Some(msg) = Msg::from_event(event) {
            self.handle(msg);
        }
        self.settle();
    }

    /// The timer.
    pub fn tick(&mut self) {
        self.handle(Msg::Tick);
    }

    /// The event loop copied a draft (or could not).
    pub fn copied(&mut self, copy: ToCopy, how: super::clipboard::Copied) {
        self.handle(Msg::Copied(copy, how));
    }

    /// The one place state changes.
    pub fn update(&mut self, msg: Msg) {
        let before = std::mem::replace(&mut self.now, self.clock.now());
        match msg {
            Msg::Key(key) => self.on_key(&key),
            Msg::Paste(text) => self.paste(&text),
            Msg::Mouse(mouse) => self.on_mouse(&mouse),
            Msg::Resize(width, height) => self.resize(Rect::new(0, 0, width, height)),
            Msg::Tick => self.on_tick(&before),
            Msg::Start(action) => self.start_with(action),
            Msg::Reopen(line) => self.reopen(line),
            Msg::Copied(copy, how) => self.show_copied(copy, how),
            Msg::Synced(line) => {
                match line {
                    Ok(Some(line)) => self.notice = Some(Notice::Info(line)),
                    Ok(None) => {}
                    Err(line) => self.notice = Some(Notice::Error(line)),
                }
                self.reload();
                self.dirty = true;
            }
            Msg::Saved(then, outcome) => {
                self.dirty = true;
                self.saved(then, outcome);
            }
        }
    }

    /// An action on a full screen (the dashboard, a view, the review); modals and flows take
    /// theirs first (`keys`).
    fn act(&mut self, action: Action) {
        self.dirty = true;
        self.notice = None;
        if matches!(self.screen, Screen::Meet { .. }) && self.meet_action(action) {
            return;
        }
        if matches!(self.screen, Screen::Review { .. }) {
            if action == Action::Meet {
                return self.open_meeting();
            }
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
            Action::Help => {
                self.help_find = None;
                self.open_over(|under| Screen::Help { scroll: 0, under })
            }
            Action::Back | Action::Cancel
                if self.find.is_some() && matches!(self.screen, Screen::Dashboard) =>
            {
                self.clear_find();
            }
            Action::Find if matches!(self.screen, Screen::Dashboard) => self.start_find(),
            Action::Find if matches!(self.screen, Screen::Help { .. }) => self.start_help_find(),
            Action::Back | Action::Cancel
                if self.help_find.is_some() && matches!(self.screen, Screen::Help { .. }) =>
            {
                self.help_find = None;
            }
            Action::Find if matches!(self.screen, Screen::People { .. }) => {
                self.start_people_find()
            }
            Action::Back | Action::Cancel if matches!(&self.screen, Screen::People { view } if view.find.is_some()) => {
                if let Screen::People { view } = &mut self.screen {
                    view.find = None;
                    view.refilter();
                }
            }
            Action::Back | Action::Cancel
                if self.retry.is_some() && self.screen.modal_over().is_none() =>
            {
                self.retry = None;
                self.notice = Some(Notice::Info("Let go: nothing was changed".into()));
            }
            Action::Back | Action::Cancel => {
                self.back();
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
            Action::Meet => self.open_meeting(),
            Action::Insights => self.open_insights(),
            Action::CaptureAsk => self.start_input(Purpose::CaptureAsk, ""),
            Action::CaptureDeadline => self.start_input(Purpose::CaptureDeadline, ""),
            Action::Critique => self.start_input(Purpose::Critique, ""),
            Action::Favor => self.start_input(Purpose::Favor, ""),
            Action::Snooze => self.snooze(),
            Action::Edit if matches!(self.screen, Screen::People { .. }) => self.edit_person(),
            Action::Edit => self.edit(),
            Action::Done | Action::Drop | Action::FollowUp if self.selected_reply().is_some() => {
                self.answer_reply(action)
            }
            Action::Done | Action::Drop | Action::MarkMissed => self.change_now(action),
            Action::Undo => self.save(Change::Undo, Then::Say),
            Action::Redo => self.save(Change::Redo, Then::Say),
            Action::FollowUp => self.follow_up(),
            Action::CopyDraft => self.copy_draft(),
            Action::Declined => self.declined(),
            Action::MarkSent => self.proofing_step(crate::domain::Status::Sent),
            Action::MarkAccepted => self.proofing_step(crate::domain::Status::Accepted),
            Action::LinkDeadline => self.link_deadline(),
            Action::Checkin => self.start_checkin(),
            Action::Sprint => self.start_sprint(),
            Action::StopSprint => self.stop_sprint(),
            Action::Review => self.open_review(),
            Action::Reflect => {
                // Today's reflection at once, over the list of past ones (back shows them).
                self.open_reflections();
                if matches!(self.screen, Screen::Reflections { .. }) {
                    self.open_reflection(self.now.date_naive());
                }
            }
            // The keys of modals and flows, and of the editor: nothing to do on a full screen.
            _ => {}
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
            | Screen::Card { under, .. }
            | Screen::Meet { under, .. } => *under,
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
                let redo_key = self.keymap.key_for(Context::Dashboard, Action::Redo);
                let hint = match (undo_key, redo_key) {
                    (_, Some(key)) if message.starts_with("Undone") => {
                        format!(" — {key} redoes")
                    }
                    (Some(key), _)
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

    /// Whether the first-run screen shows instead of the panes.
    pub fn first_run(&self) -> bool {
        self.board.empty
    }
}
