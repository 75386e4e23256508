//! The dashboard without a terminal: snapshots of every pane and flow through ratatui's
//! TestBackend, and state tests that feed keys to the app. Fixed clock (Sat 28 Nov 2026 09:00)
//! and zone (London), so every run draws the same screen.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use nudge::clock;
use nudge::config::Config;
use nudge::store::Store;
use nudge::tui::app::{App, Clock, Msg, Screen};
use nudge::tui::keymap::{Keymap, Overrides};
use nudge::tui::layout::Pane;
use nudge::tui::theme::Theme;
use nudge::tui::view;
use nudge::when::Zone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

struct Fixture {
    _dir: tempfile::TempDir,
    app: App,
}

fn zone() -> Zone {
    Zone::named("Europe/London").expect("tzdata has Europe/London")
}

fn fixture(width: u16, height: u16, demo: bool) -> Fixture {
    // Every statement the screens run has its plan checked when its store closes: one that
    // reads a whole growing table ends this test process (src/store/plan_check.rs).
    nudge::store::check_plans();
    let dir = tempfile::tempdir().expect("temp dir");
    let now = clock::parse_now("2026-11-28T09:00", &zone()).expect("now");
    let mut store = Store::open(&dir.path().join("nudge.db"), zone()).expect("store");
    let config = Config::default();
    if demo {
        nudge::demo::fill(
            &mut store,
            &now,
            &config.check_back_rule(),
            None,
            false,
            &mut |_, _| {},
        )
        .expect("demo data");
    }
    let keymap = Keymap::load(&Overrides::new()).expect("keymap");
    let app = App::new(
        store,
        config,
        keymap,
        Theme::plain(),
        Clock::Fixed(now),
        Rect::new(0, 0, width, height),
    )
    .expect("app");
    Fixture { _dir: dir, app }
}

fn screen(app: &App) -> String {
    let area = app.layout.area;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).expect("terminal");
    terminal.draw(|frame| view::draw(frame, app)).expect("draw");
    terminal.backend().to_string()
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        let modifiers = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_event(Event::Key(KeyEvent::new(KeyCode::Char(c), modifiers)));
    }
}

#[test]
fn dashboard_wide() {
    let f = fixture(120, 40, true);
    insta::assert_snapshot!(screen(&f.app));
}

#[test]
fn dashboard_stacked() {
    let f = fixture(80, 24, true);
    insta::assert_snapshot!(screen(&f.app));
}

#[test]
fn dashboard_one_pane_at_a_time() {
    let mut f = fixture(50, 15, true);
    insta::assert_snapshot!("one_pane_asks", screen(&f.app));
    key(&mut f.app, KeyCode::Tab);
    insta::assert_snapshot!("one_pane_deadlines", screen(&f.app));
}

#[test]
fn first_run() {
    let f = fixture(100, 30, false);
    assert!(f.app.first_run());
    insta::assert_snapshot!(screen(&f.app));
}

#[test]
fn capture_modal_reads_the_line_live() {
    let mut f = fixture(100, 30, true);
    typed(&mut f.app, "a");
    typed(&mut f.app, "@dana pricing deck by fri ~email");
    insta::assert_snapshot!("capture_valid", screen(&f.app));
    for _ in 0.."fri ~email".chars().count() {
        key(&mut f.app, KeyCode::Backspace);
    }
    typed(&mut f.app, "fir");
    insta::assert_snapshot!("capture_invalid", screen(&f.app));
}

#[test]
fn help_overlay() {
    let mut f = fixture(100, 40, true);
    typed(&mut f.app, "?");
    insta::assert_snapshot!(screen(&f.app));
}

#[test]
fn item_detail() {
    let mut f = fixture(100, 34, true);
    // The third ask in attention order is Dana's quotes, with two email follow-ups.
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Enter);
    assert!(matches!(f.app.screen, Screen::Detail { .. }));
    insta::assert_snapshot!(screen(&f.app));
}

#[test]
fn a_view_scrolls_no_further_than_its_last_line() {
    let mut f = fixture(100, 20, true);
    typed(&mut f.app, "jj");
    key(&mut f.app, KeyCode::Enter);
    let top = screen(&f.app);
    typed(&mut f.app, &"j".repeat(200));
    let Screen::Detail { scroll, .. } = f.app.screen else {
        panic!("the detail is open");
    };
    assert!(scroll > 0, "the detail is longer than the screen");
    let bottom = screen(&f.app);
    assert_ne!(top, bottom);
    assert!(
        bottom.contains("favors:") || bottom.contains("reply history"),
        "the end of the card is on screen:\n{bottom}"
    );
    // One key back up moves the view at once, however often j was pressed.
    key(&mut f.app, KeyCode::Char('k'));
    let Screen::Detail { scroll: after, .. } = f.app.screen else {
        panic!("the detail is open");
    };
    assert_eq!(after, scroll - 1);
}

#[test]
fn keys_move_between_panes_and_rows() {
    let mut f = fixture(120, 40, true);
    let app = &mut f.app;
    assert_eq!(app.focus, Pane::Asks);
    key(app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Deadlines);
    key(app, KeyCode::BackTab);
    assert_eq!(app.focus, Pane::Asks);
    typed(app, "l");
    typed(app, "h");
    assert_eq!(app.focus, Pane::Asks);
    typed(app, "jjj");
    assert_eq!(app.lists[0].selected, 3);
    typed(app, "k");
    assert_eq!(app.lists[0].selected, 2);
    let last = app.board.total(Pane::Asks) - 1;
    typed(app, "G");
    assert_eq!(app.lists[0].selected, last);
    typed(app, "g");
    assert_eq!(app.lists[0].selected, 0);
    key(app, KeyCode::PageDown);
    assert_eq!(
        app.lists[0].selected, last,
        "a page is longer than the list"
    );
    typed(app, "3");
    assert_eq!(app.focus, Pane::Proofing);
    key(app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Detail { .. }));
    key(app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Dashboard));
    typed(app, "q");
    assert!(app.quit);
}

#[test]
fn scrolling_loads_only_the_rows_on_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = clock::parse_now("2026-11-28T09:00", &zone()).expect("now");
    let mut store = Store::open(&dir.path().join("nudge.db"), zone()).expect("store");
    let config = Config::default();
    nudge::demo::fill(
        &mut store,
        &now,
        &config.check_back_rule(),
        Some(3000),
        false,
        &mut |_, _| {},
    )
    .expect("demo");
    let keymap = Keymap::load(&Overrides::new()).expect("keymap");
    let mut app = App::new(
        store,
        config,
        keymap,
        Theme::plain(),
        Clock::Fixed(now),
        Rect::new(0, 0, 80, 24),
    )
    .expect("app");
    let rows = app.layout.rows(Pane::Asks);
    let total = app.board.total(Pane::Asks);
    assert!(total > rows * 2, "{total} open asks for {rows} rows");
    assert_eq!(app.board.asks.len(), rows);
    for _ in 0..rows + 2 {
        key(&mut app, KeyCode::Down);
    }
    assert_eq!(app.lists[0].selected, rows + 2);
    assert_eq!(app.lists[0].offset, 3);
    assert_eq!(app.board.asks.len(), rows);
    let selected = app.selected_item().expect("a row").id;
    let page: Vec<i64> = app
        .store
        .reader()
        .open_asks(&now, rows + 3, 0)
        .expect("query")
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(
        selected,
        page[rows + 2],
        "the selection is the same row as in the full order"
    );
    // Rows kept from the window before are the same as a fresh read of this window, down and
    // back up again.
    let window = |app: &App| {
        let offset = app.lists[0].offset;
        app.store
            .reader()
            .open_asks(&now, rows, offset)
            .expect("query")
    };
    assert_eq!(app.board.asks, window(&app));
    for _ in 0..rows + 2 {
        key(&mut app, KeyCode::Up);
    }
    assert_eq!(app.lists[0].offset, 0);
    assert_eq!(app.board.asks, window(&app));
    typed(&mut app, "G");
    assert_eq!(app.lists[0].selected, total - 1);
    assert_eq!(app.board.asks.len(), rows);
    assert_eq!(app.board.asks, window(&app));
}

#[test]
fn capturing_with_the_keyboard_saves_and_undo_takes_it_back() {
    let mut f = fixture(100, 30, true);
    let before = f.app.board.counts.open_asks;
    typed(&mut f.app, "a");
    typed(&mut f.app, "@lee new screenshots by mon ~call");
    key(&mut f.app, KeyCode::Enter);
    assert!(matches!(f.app.screen, Screen::Dashboard));
    assert_eq!(f.app.board.counts.open_asks, before + 1);
    let shown = screen(&f.app);
    assert!(
        shown.contains(" · Lee · new screenshots · need by Mon 30 Nov 17:00"),
        "{shown}"
    );
    typed(&mut f.app, "u");
    assert_eq!(f.app.board.counts.open_asks, before);
    let shown = screen(&f.app);
    assert!(shown.contains("Undone: Asked: Ask "), "{shown}");
    assert!(shown.contains("ctrl-r redoes"), "{shown}");
    // ctrl-r puts it back, and u takes the redo back in turn.
    f.app.handle_event(Event::Key(KeyEvent::new(
        KeyCode::Char('r'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(f.app.board.counts.open_asks, before + 1);
    let shown = screen(&f.app);
    assert!(shown.contains("Redone: Asked: Ask "), "{shown}");
    assert!(shown.contains("u undoes"), "{shown}");
    typed(&mut f.app, "u");
    assert_eq!(f.app.board.counts.open_asks, before);
}

/// The screen still shows what was typed, and says it is kept for another try.
#[track_caller]
fn assert_kept(app: &App, text: &str) {
    let shown = screen(app);
    assert!(shown.contains(text), "{shown}");
    assert!(
        shown.contains("Not saved yet, kept (enter tries again)"),
        "{shown}"
    );
}

#[test]
fn a_line_the_database_cannot_take_yet_is_kept_for_another_try() {
    let mut f = fixture(100, 30, false);
    // Another program holds the write lock longer than the busy timeout (5 s).
    let other = rusqlite::Connection::open(f._dir.path().join("nudge.db")).expect("open");
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    typed(&mut f.app, "a");
    typed(&mut f.app, "@dana quotes by fri");
    key(&mut f.app, KeyCode::Enter);
    assert!(matches!(f.app.screen, Screen::Input { .. }));
    assert_kept(&f.app, "@dana quotes by fri");
    // Esc (twice: the first asks) leaves the line on purpose.
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Esc);
    // A check-in stays on its last step with the action kept.
    typed(&mut f.app, "s");
    typed(&mut f.app, "3");
    key(&mut f.app, KeyCode::Enter);
    typed(&mut f.app, "call Dana");
    key(&mut f.app, KeyCode::Enter);
    assert!(matches!(f.app.screen, Screen::Checkin { .. }));
    assert_kept(&f.app, "call Dana");
    other.execute_batch("COMMIT").expect("unlock");
    key(&mut f.app, KeyCode::Enter);
    assert!(matches!(f.app.screen, Screen::Dashboard));
    let checkins = f.app.store.reader().checkins(10).expect("read");
    assert_eq!(checkins.len(), 1);
    assert_eq!(checkins[0].next_action, "call Dana");
    typed(&mut f.app, "a");
    typed(&mut f.app, "@dana quotes by fri");
    key(&mut f.app, KeyCode::Enter);
    assert!(matches!(f.app.screen, Screen::Dashboard));
    assert_eq!(f.app.board.total(Pane::Asks), 1);
}

#[test]
fn a_bad_line_keeps_the_modal_open_and_saves_nothing() {
    let mut f = fixture(100, 30, true);
    let before = f.app.board.counts.open_asks;
    typed(&mut f.app, "a");
    typed(&mut f.app, "@lee screenshots by fir");
    key(&mut f.app, KeyCode::Enter);
    assert!(matches!(f.app.screen, Screen::Input { .. }));
    assert_eq!(f.app.board.counts.open_asks, before);
    // Esc asks before the typed line goes; the second one lets it go.
    key(&mut f.app, KeyCode::Esc);
    assert!(matches!(f.app.screen, Screen::Input { .. }));
    key(&mut f.app, KeyCode::Esc);
    assert!(matches!(f.app.screen, Screen::Dashboard));
}

#[test]
fn done_snooze_and_edit_from_the_keyboard() {
    let mut f = fixture(100, 30, true);
    let first = f.app.selected_item().expect("selection").clone();
    typed(&mut f.app, "z");
    typed(&mut f.app, "tue 10am");
    key(&mut f.app, KeyCode::Enter);
    let snoozed = f
        .app
        .store
        .reader()
        .item(first.id)
        .expect("read")
        .expect("item");
    assert_eq!(
        snoozed
            .next_check
            .map(|m| m.format("%a %H:%M").to_string())
            .as_deref(),
        Some("Tue 10:00")
    );
    // Edit is prefilled with the whole item; the line replaces it.
    let id = f.app.selected_item().expect("selection").id;
    typed(&mut f.app, "e");
    assert!(
        screen(&f.app).contains("Nothing changes yet"),
        "the prefilled line is the item as it is"
    );
    f.app.handle_event(Event::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    typed(&mut f.app, "@marcus \"win story\" by mon ~walk");
    let preview = screen(&f.app);
    assert!(
        preview.contains(&format!(
            "Ask {id} · Marcus · win story · need by Mon 30 Nov 17:00"
        )),
        "the preview is the item as the line would leave it:\n{preview}"
    );
    key(&mut f.app, KeyCode::Enter);
    let edited = f.app.store.reader().item(id).expect("read").expect("item");
    assert_eq!(edited.channel, Some(nudge::domain::Channel::InPerson));
    assert_eq!(edited.title, "win story");
    assert_eq!(edited.why, None, "what the line leaves out is cleared");
    typed(&mut f.app, "d");
    let done = f.app.store.reader().item(id).expect("read").expect("item");
    assert_eq!(done.status, nudge::domain::Status::Received);
    assert!(screen(&f.app).contains("Received: Ask"));
}

#[test]
fn paste_goes_into_the_line() {
    let mut f = fixture(100, 30, true);
    typed(&mut f.app, "a");
    f.app
        .handle_event(Event::Paste("@sam pricing\nby fri".into()));
    let shown = screen(&f.app);
    assert!(shown.contains("@sam pricing by fri"), "{shown}");
    assert!(
        shown.contains("Ask · Sam · pricing · need by Fri 4 Dec 17:00"),
        "{shown}"
    );
}

#[test]
fn the_mouse_focuses_and_selects() {
    let mut f = fixture(120, 40, true);
    let deadlines = f.app.layout.pane(Pane::Deadlines);
    f.app.handle_event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: deadlines.x + 4,
        row: deadlines.y + 3,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(f.app.focus, Pane::Deadlines);
    assert_eq!(f.app.lists[1].selected, 2);
    let asks = f.app.layout.pane(Pane::Asks);
    f.app.handle_event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: asks.x + 4,
        row: asks.y + 3,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(f.app.focus, Pane::Asks);
    assert_eq!(f.app.lists[0].selected, 3);
}

#[test]
fn no_size_panics_and_resize_storms_settle() {
    let mut f = fixture(120, 40, true);
    let mut sizes = Vec::new();
    for width in [
        1u16, 2, 3, 5, 10, 20, 40, 59, 60, 61, 80, 99, 100, 101, 160, 400,
    ] {
        for height in [1u16, 2, 3, 4, 5, 8, 15, 16, 17, 24, 40, 120] {
            sizes.push((width, height));
        }
    }
    for (width, height) in sizes {
        f.app.handle_event(Event::Resize(width, height));
        let _ = screen(&f.app);
        typed(&mut f.app, "?");
        let _ = screen(&f.app);
        key(&mut f.app, KeyCode::Esc);
        typed(&mut f.app, "i");
        let _ = screen(&f.app);
        key(&mut f.app, KeyCode::Esc);
        typed(&mut f.app, "a");
        typed(&mut f.app, "@dana 日本語 😀 title by fri");
        let _ = screen(&f.app);
        key(&mut f.app, KeyCode::Esc);
        let _ = screen(&f.app);
        key(&mut f.app, KeyCode::Esc);
        key(&mut f.app, KeyCode::Enter);
        let _ = screen(&f.app);
        key(&mut f.app, KeyCode::Esc);
    }
    f.app.handle_event(Event::Resize(120, 40));
    insta::assert_snapshot!("after_resize_storm", screen(&f.app));
}

/// Draw at a size the app was not told about (a resize still queued behind other events).
fn screen_at(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| view::draw(frame, app)).expect("draw");
    terminal.backend().to_string()
}

#[test]
fn a_resize_storm_with_keys_queued_never_panics_and_keeps_the_open_line() {
    let mut f = fixture(200, 60, true);
    typed(&mut f.app, "a");
    let mut typed_so_far = String::new();
    let mut previous = (200u16, 60u16);
    let mut step = 0usize;
    // Every size from 1x1 to 200x60, each drawn once before the app hears of it (the event is
    // still queued) and once after, with keys typed between.
    for height in 1..=60u16 {
        for width in 1..=200u16 {
            step += 1;
            // Keep the full frame work for a spread of sizes, the cheap race for the rest.
            if step.is_multiple_of(5) || width < 4 || height < 4 {
                let _ = screen_at(&f.app, width, height);
            }
            f.app.handle_event(Event::Resize(width, height));
            if step.is_multiple_of(97) {
                let word = format!("w{step} ");
                typed(&mut f.app, &word);
                typed_so_far.push_str(&word);
                let _ = screen_at(&f.app, previous.0, previous.1);
            }
            previous = (width, height);
        }
    }
    let _ = screen_at(&f.app, 40, 12);
    f.app.handle_event(Event::Resize(120, 40));
    match &f.app.screen {
        Screen::Input { input, .. } => assert_eq!(input.editor.text(), typed_so_far),
        _ => panic!("the capture line closed during the storm"),
    }
    let kept = f.app.open_line().expect("an open line to keep");
    assert_eq!(kept.purpose, "ask");
    assert_eq!(kept.text, typed_so_far);
    // Keys on the dashboard under a storm too: moves, panes, views.
    key(&mut f.app, KeyCode::Esc);
    for (i, (width, height)) in [(200u16, 60u16), (40, 12), (120, 40), (80, 24), (1, 1)]
        .into_iter()
        .cycle()
        .take(60)
        .enumerate()
    {
        for c in ["j", "G", "l", "?", "k", "\t", "i", "p", "r"]
            .iter()
            .skip(i % 9)
            .take(3)
        {
            typed(&mut f.app, c);
            let _ = screen_at(&f.app, width, height);
        }
        key(&mut f.app, KeyCode::Esc);
        key(&mut f.app, KeyCode::Esc);
        f.app.handle_event(Event::Resize(width, height));
        let _ = screen(&f.app);
    }
}

#[test]
fn hostile_text_is_drawn_inert_and_inside_its_pane() {
    let mut f = fixture(100, 30, false);
    typed(&mut f.app, "a");
    let hostile = format!("@eve \u{1b}[2Jboom\u{202E}desrever {}", "x".repeat(3000));
    f.app.handle_event(Event::Paste(hostile));
    key(&mut f.app, KeyCode::Enter);
    let shown = screen(&f.app);
    assert!(!shown.contains('\u{1b}'), "no escape reaches the screen");
    assert!(!shown.contains('\u{202E}'));
    for line in shown.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 102, "{line}");
    }
}

#[test]
fn the_dashboard_sees_what_another_process_wrote() {
    let mut f = fixture(100, 30, true);
    let path = f.app.store.path().to_path_buf();
    let before = f.app.board.counts.open_asks;
    let now = clock::parse_now("2026-11-28T09:00", &zone()).expect("now");
    let mut other = Store::open(&path, zone()).expect("second connection");
    let ctx = nudge::ops::Context::new(now, Config::default());
    nudge::ops::capture_ask(&mut other, &ctx, "@zoe from another shell").expect("capture");
    f.app.tick();
    assert_eq!(f.app.board.counts.open_asks, before + 1);
}

#[test]
fn following_up_from_the_dashboard() {
    let mut f = fixture(100, 30, true);
    // Dana's quotes: asked by email, chased twice by email; the hint says call.
    typed(&mut f.app, "jj");
    let item = f.app.selected_item().expect("selection").clone();
    assert_eq!(item.person.as_deref(), Some("Dana"));
    typed(&mut f.app, "f");
    insta::assert_snapshot!("follow_up_pick", screen(&f.app));
    typed(&mut f.app, "p");
    let after = f
        .app
        .store
        .reader()
        .item(item.id)
        .expect("read")
        .expect("item");
    assert_eq!(after.follow_ups(), item.follow_ups() + 1);
    assert_eq!(after.chased.last, Some(nudge::domain::Channel::Call));
    insta::assert_snapshot!("follow_up_logged", screen(&f.app));
    // The selection stays where it was, on the next ask to handle; its draft goes to the
    // clipboard through the event loop.
    let next = f
        .app
        .selected_item()
        .expect("selection")
        .person
        .clone()
        .expect("person");
    typed(&mut f.app, "y");
    let copied = f.app.clipboard.take().expect("a draft to copy").text;
    assert!(copied.starts_with(&format!("Hi {next},")), "{copied}");
}

#[test]
fn said_no_asks_why_first_and_keeps_the_ask_in_view_for_its_reask() {
    let mut f = fixture(100, 30, true);
    // Dana's quotes are third in attention order; the ask after them is Sam's.
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Char('j'));
    let dana = f.app.selected_item().expect("an ask").clone();
    assert_eq!(dana.person.as_deref(), Some("Dana"));
    typed(&mut f.app, "n");
    assert!(
        matches!(f.app.screen, Screen::Input { .. }),
        "n asks for the reason before anything changes"
    );
    let unchanged = f
        .app
        .store
        .reader()
        .item(dana.id)
        .expect("read")
        .expect("item");
    assert_eq!(unchanged.status, nudge::domain::Status::Open);
    typed(
        &mut f.app,
        "busy with the quarter close why: the deck needs proof points",
    );
    let shown = screen(&f.app);
    assert!(
        shown.contains("Declined (busy with the quarter close): Ask 7"),
        "{shown}"
    );
    assert!(
        shown.contains("The re-ask leads with: the deck needs proof points"),
        "{shown}"
    );
    key(&mut f.app, KeyCode::Enter);
    let item = f
        .app
        .store
        .reader()
        .item(dana.id)
        .expect("read")
        .expect("item");
    assert_eq!(item.status, nudge::domain::Status::Declined);
    assert_eq!(
        item.decline_reason.as_deref(),
        Some("busy with the quarter close")
    );
    assert_eq!(item.why.as_deref(), Some("the deck needs proof points"));
    // The declined ask stays selected and on screen; y copies its re-ask, not the next one's.
    let shown = screen(&f.app);
    let Some(nudge::tui::app::Notice::Info(notice)) = &f.app.notice else {
        panic!("a notice after declining");
    };
    assert!(notice.contains("y copies the re-ask"), "{notice}");
    // The whole message shows, wrapped over the lines above the key line.
    assert!(shown.contains("asks again with a new need-by"), "{shown}");
    assert_eq!(f.app.selected_item().map(|i| i.id), Some(dana.id));
    assert!(shown.contains("said no"), "{shown}");
    typed(&mut f.app, "y");
    let copied = f.app.clipboard.take().expect("a draft to copy").text;
    assert!(copied.starts_with("Hi Dana,"), "{copied}");
    assert!(copied.contains("the deck needs proof points"), "{copied}");
    // Moving lets it go: the selection is on the ask that took its place.
    key(&mut f.app, KeyCode::Char('j'));
    assert!(f.app.pinned.is_none());
    assert_ne!(f.app.selected_item().map(|i| i.id), Some(dana.id));
    // Esc on the prompt changes nothing.
    let next = f.app.selected_item().expect("an ask").clone();
    typed(&mut f.app, "n");
    key(&mut f.app, KeyCode::Esc);
    let kept = f
        .app
        .store
        .reader()
        .item(next.id)
        .expect("read")
        .expect("item");
    assert_eq!(kept.status, nudge::domain::Status::Open);
}

#[test]
fn a_declined_ask_opens_from_the_persons_card_with_its_reask() {
    let mut f = fixture(120, 40, true);
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Char('j'));
    typed(&mut f.app, "n");
    key(&mut f.app, KeyCode::Enter);
    // Later, from the People view: Dana's card, her declined ask, its detail and its re-ask.
    typed(&mut f.app, "p");
    let Screen::People { view } = &f.app.screen else {
        panic!("the People view");
    };
    let dana = view
        .people
        .iter()
        .position(|p| p.person.name == "Dana")
        .expect("Dana");
    for _ in 0..dana {
        key(&mut f.app, KeyCode::Char('j'));
    }
    key(&mut f.app, KeyCode::Enter);
    let Screen::Card { card, .. } = &f.app.screen else {
        panic!("Dana's card");
    };
    let order = card.ask_order();
    let declined = order
        .iter()
        .position(|id| *id == 7)
        .expect("ask 7 on the card");
    for _ in 0..declined {
        key(&mut f.app, KeyCode::Char('j'));
    }
    assert!(
        screen(&f.app).contains("▶ Ask 7 · customer quotes"),
        "{}",
        screen(&f.app)
    );
    typed(&mut f.app, "y");
    let copied = f.app.clipboard.take().expect("the re-ask").text;
    assert!(copied.starts_with("Hi Dana,"), "{copied}");
    key(&mut f.app, KeyCode::Enter);
    assert!(matches!(f.app.screen, Screen::Detail { .. }));
    assert!(screen(&f.app).contains("Ask 7"));
    typed(&mut f.app, "y");
    assert!(
        f.app.clipboard.take().is_some(),
        "y copies it from the detail too"
    );
    key(&mut f.app, KeyCode::Esc);
    assert!(
        matches!(f.app.screen, Screen::Card { .. }),
        "esc goes back to the card"
    );
}

#[test]
fn proofing_pane_and_its_keys() {
    let mut f = fixture(120, 40, true);
    typed(&mut f.app, "3");
    insta::assert_snapshot!("proofing_focused", screen(&f.app));
    let first = f.app.selected_item().expect("an invitation").clone();
    assert_eq!(first.status, nudge::domain::Status::ToSend);
    typed(&mut f.app, "y");
    let copied = f.app.clipboard.take().expect("the invitation").text;
    assert!(
        copied.contains("would you proof") || copied.contains("Would you proof"),
        "{copied}"
    );
    typed(&mut f.app, "m");
    let after = f
        .app
        .store
        .reader()
        .item(first.id)
        .expect("read")
        .expect("item");
    assert_eq!(after.status, nudge::domain::Status::Sent);
}

#[test]
fn a_critique_becomes_an_invitation_with_two_keys() {
    let mut f = fixture(100, 30, true);
    let before = f.app.board.counts.proofing;
    // A name one typo from a known one is pointed out before anything is saved.
    typed(&mut f.app, "c");
    typed(&mut f.app, "@priay too long");
    assert!(
        screen(&f.app)
            .contains("Priay is new: they will be added to your people. Did you mean Priya?")
    );
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Esc);
    typed(&mut f.app, "c");
    typed(&mut f.app, "@aiko \"the colours clash\" on 3");
    let preview = screen(&f.app);
    assert!(
        preview
            .contains("Aiko said \"the colours clash\" about Acme case study draft (Deadline 3)"),
        "the preview says how the line reads:\n{preview}"
    );
    key(&mut f.app, KeyCode::Enter);
    assert!(matches!(f.app.screen, Screen::Pick { .. }));
    insta::assert_snapshot!("critique_pick", screen(&f.app));
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(f.app.board.counts.proofing, before + 1);
    assert!(screen(&f.app).contains("Critique from Aiko"));
    // Answered another way, no invitation is made.
    typed(&mut f.app, "c");
    typed(&mut f.app, "@aiko too many fonts");
    key(&mut f.app, KeyCode::Enter);
    typed(&mut f.app, "s");
    assert_eq!(f.app.board.counts.proofing, before + 1);
    assert!(screen(&f.app).contains("explained the style guide"));
}

#[test]
fn favors_from_the_dashboard() {
    let mut f = fixture(100, 30, true);
    for what in [
        "covered his stand-up",
        "reviewed his deck",
        "intro to a customer",
    ] {
        typed(&mut f.app, "F");
        typed(&mut f.app, &format!("@sam {what}"));
        assert!(screen(&f.app).contains(&format!("A favor with Sam: {what}")));
        key(&mut f.app, KeyCode::Enter);
        typed(&mut f.app, "g");
    }
    let shown = screen(&f.app);
    assert!(shown.contains("balance +"), "{shown}");
}

#[test]
fn people_view_and_card() {
    let mut f = fixture(120, 40, true);
    typed(&mut f.app, "p");
    assert!(matches!(f.app.screen, Screen::People { .. }));
    insta::assert_snapshot!("people_view", screen(&f.app));
    typed(&mut f.app, "j");
    key(&mut f.app, KeyCode::Enter);
    assert!(matches!(f.app.screen, Screen::Card { .. }));
    insta::assert_snapshot!("person_card", screen(&f.app));
    key(&mut f.app, KeyCode::Esc);
    assert!(matches!(f.app.screen, Screen::People { .. }));
    key(&mut f.app, KeyCode::Esc);
    assert!(matches!(f.app.screen, Screen::Dashboard));
}

#[test]
fn insights_view() {
    let mut f = fixture(120, 40, true);
    typed(&mut f.app, "i");
    assert!(matches!(f.app.screen, Screen::Insights { .. }));
    insta::assert_snapshot!("insights_view", screen(&f.app));
    // The people table scrolls and opens a card, as in the People view.
    typed(&mut f.app, "jj");
    key(&mut f.app, KeyCode::Enter);
    let Screen::Card { card, .. } = &f.app.screen else {
        panic!("a card opens");
    };
    assert_eq!(card.stats.person.name, "Elena");
    key(&mut f.app, KeyCode::Esc);
    assert!(matches!(f.app.screen, Screen::Insights { .. }));
    key(&mut f.app, KeyCode::Esc);
    assert!(matches!(f.app.screen, Screen::Dashboard));
    // Narrow: the bars shrink and the table drops columns from the right.
    f.app.handle_event(Event::Resize(60, 20));
    typed(&mut f.app, "i");
    insta::assert_snapshot!("insights_narrow", screen(&f.app));
}

#[test]
fn insights_on_an_empty_database() {
    let mut f = fixture(80, 24, false);
    typed(&mut f.app, "i");
    let shown = screen(&f.app);
    assert!(shown.contains("No asks in the last 90 days yet"), "{shown}");
    assert!(shown.contains("no check-ins"), "{shown}");
    assert!(shown.contains("Nobody yet"), "{shown}");
}

/// Move the app's clock forward, as time passing would, and let it tick.
fn wait(app: &mut App, seconds: i64) {
    let Clock::Fixed(now) = app.clock else {
        panic!("tests run on a fixed clock");
    };
    app.clock = Clock::Fixed(now + chrono::Duration::seconds(seconds));
    app.tick();
}

#[test]
fn the_checkin_flow_step_by_step() {
    let mut f = fixture(100, 30, true);
    typed(&mut f.app, "s");
    insta::assert_snapshot!("checkin_rate", screen(&f.app));
    typed(&mut f.app, "5");
    typed(&mut f.app, "three reviews at once");
    key(&mut f.app, KeyCode::Enter);
    // The slow-down, at two moments of the breathing cycle.
    wait(&mut f.app, 2);
    insta::assert_snapshot!("checkin_slowdown_breathe_in", screen(&f.app));
    wait(&mut f.app, 8);
    insta::assert_snapshot!("checkin_slowdown_breathe_out", screen(&f.app));
    assert!(f.app.timer_on_screen(), "the slow-down ticks every second");
    // It ends by itself after a minute.
    wait(&mut f.app, 55);
    insta::assert_snapshot!("checkin_next_action", screen(&f.app));
    typed(&mut f.app, "1");
    let saved = f.app.store.reader().checkins(1).expect("read");
    let checkin = &saved[0];
    assert_eq!(checkin.stress.get(), 5);
    assert_eq!(checkin.note, "three reviews at once");
    assert_eq!(checkin.slowdown_secs, 60);
    assert!(
        checkin.next_action.starts_with("chase "),
        "{}",
        checkin.next_action
    );
    assert_eq!(checkin.deadline.as_deref(), Some("Q4 launch deck"));
    assert!(
        screen(&f.app).contains("stress 5/5"),
        "the header shows the latest rating"
    );
}

#[test]
fn the_slowdown_can_be_skipped_and_a_low_rating_skips_it() {
    let mut f = fixture(100, 30, true);
    typed(&mut f.app, "s");
    typed(&mut f.app, "4");
    key(&mut f.app, KeyCode::Enter);
    wait(&mut f.app, 12);
    key(&mut f.app, KeyCode::Esc);
    typed(&mut f.app, "write the intro");
    key(&mut f.app, KeyCode::Enter);
    let checkin = &f.app.store.reader().checkins(1).expect("read")[0];
    assert_eq!((checkin.stress.get(), checkin.slowdown_secs), (4, 12));
    assert_eq!(checkin.next_action, "write the intro");
    typed(&mut f.app, "s");
    typed(&mut f.app, "2");
    key(&mut f.app, KeyCode::Enter);
    assert!(
        screen(&f.app).contains("What is the one next thing?"),
        "no slow-down at 2"
    );
    key(&mut f.app, KeyCode::Esc);
    let checkin = &f.app.store.reader().checkins(1).expect("read")[0];
    assert_eq!((checkin.stress.get(), checkin.slowdown_secs), (2, 0));
    // Esc before rating saves nothing.
    let before = f.app.store.reader().checkins(100).expect("read").len();
    typed(&mut f.app, "s");
    key(&mut f.app, KeyCode::Esc);
    assert_eq!(
        f.app.store.reader().checkins(100).expect("read").len(),
        before
    );
}

#[test]
fn the_stress_pane_without_a_tight_deadline() {
    let mut f = fixture(100, 30, false);
    typed(&mut f.app, "D");
    typed(&mut f.app, "Annual report due in 2w");
    key(&mut f.app, KeyCode::Enter);
    insta::assert_snapshot!("stress_pane_calm", screen(&f.app));
}

#[test]
fn a_sprint_counts_down_survives_a_restart_and_ends_in_a_checkin() {
    let mut f = fixture(100, 30, true);
    typed(&mut f.app, "2");
    typed(&mut f.app, "t");
    assert!(f.app.board.stress.sprint.is_some());
    assert!(f.app.timer_on_screen());
    wait(&mut f.app, 10 * 60);
    insta::assert_snapshot!("sprint_running", screen(&f.app));
    // Quit and reopen eleven minutes later: the same sprint, four minutes left.
    let path = f.app.store.path().to_path_buf();
    let Clock::Fixed(now) = f.app.clock else {
        panic!("fixed clock")
    };
    drop(f.app);
    let later = now + chrono::Duration::minutes(11);
    let store = Store::open(&path, zone()).expect("reopen");
    let keymap = Keymap::load(&Overrides::new()).expect("keymap");
    let mut app = App::new(
        store,
        Config::default(),
        keymap,
        Theme::plain(),
        Clock::Fixed(later),
        Rect::new(0, 0, 100, 30),
    )
    .expect("app");
    let (sprint, _) = app.board.stress.sprint.clone().expect("still running");
    assert_eq!(sprint.remaining(&later), chrono::Duration::minutes(4));
    // Its time runs out: it is recorded as finished, and a check-in starts.
    wait(&mut app, 5 * 60);
    assert!(
        matches!(app.screen, Screen::Checkin { .. }),
        "a check-in follows the sprint"
    );
    let sprints = app.store.reader().sprints(1).expect("read");
    assert_eq!(sprints[0].outcome, nudge::domain::stress::Outcome::Finished);
}

#[test]
fn a_sprint_stopped_early_is_recorded_as_stopped() {
    let mut f = fixture(100, 30, true);
    typed(&mut f.app, "2");
    typed(&mut f.app, "t");
    wait(&mut f.app, 90);
    typed(&mut f.app, "T");
    let sprints = f.app.store.reader().sprints(1).expect("read");
    assert_eq!(sprints[0].outcome, nudge::domain::stress::Outcome::Stopped);
    assert!(f.app.board.stress.sprint.is_none());
    assert!(
        !f.app.timer_on_screen(),
        "no timer on screen: the dashboard is idle again"
    );
}

#[test]
fn linking_an_ask_to_a_deadline_with_one_key() {
    let mut f = fixture(100, 30, true);
    // Sam's pricing sheet feeds nothing yet.
    typed(&mut f.app, "jjj");
    let ask = f.app.selected_item().expect("selection").clone();
    assert_eq!(ask.deadline_id, None);
    typed(&mut f.app, "L");
    assert!(screen(&f.app).contains("Which deadline does"));
    typed(&mut f.app, "1");
    let linked = f
        .app
        .store
        .reader()
        .item(ask.id)
        .expect("read")
        .expect("item");
    assert_eq!(linked.deadline_id, Some(1));
}

fn review_position(app: &App) -> (usize, usize) {
    match &app.screen {
        Screen::Review { flow } => (flow.state.position, flow.state.queue.len()),
        other => panic!("not in the review: {other:?}"),
    }
}

#[test]
fn the_review_queue_follows_the_design_order() {
    let f = fixture(100, 30, true);
    let ctx = nudge::ops::Context::new(f.app.now, Config::default());
    let queue = nudge::ops::review_queue(&f.app.store.reader(), &ctx).expect("queue");
    use nudge::domain::review::Entry;
    let rank = |e: &Entry| match e {
        Entry::CheckBack { .. } => 0,
        Entry::NeedBy { .. } => 1,
        Entry::Deadline { .. } => 2,
        Entry::Proofing { .. } => 3,
        Entry::Ledger { .. } => 4,
        Entry::KeepInTouch { .. } => 5,
    };
    let ranks: Vec<u8> = queue.iter().map(rank).collect();
    assert!(
        ranks.windows(2).all(|w| w[0] <= w[1]),
        "in order: {ranks:?}"
    );
    for section in 0..=4 {
        assert!(
            ranks.contains(&section),
            "section {section} is there: {queue:?}"
        );
    }
}

#[test]
fn every_review_decision_and_undo() {
    let mut f = fixture(100, 34, true);
    typed(&mut f.app, "r");
    insta::assert_snapshot!("review_card", screen(&f.app));
    let (start, total) = review_position(&f.app);
    assert_eq!(start, 0);
    // f: followed up, by the suggested channel.
    let first = f.app.selected_item().cloned();
    let _ = first;
    typed(&mut f.app, "f");
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(review_position(&f.app).0, 1);
    // n: skipped. u: back to it.
    typed(&mut f.app, "n");
    assert_eq!(review_position(&f.app).0, 2);
    typed(&mut f.app, "u");
    assert_eq!(review_position(&f.app).0, 1);
    // z: snoozed to a date.
    typed(&mut f.app, "z");
    typed(&mut f.app, "mon 10am");
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(review_position(&f.app).0, 2);
    // z, then Esc: no decision, still on the card.
    typed(&mut f.app, "z");
    key(&mut f.app, KeyCode::Esc);
    assert_eq!(review_position(&f.app).0, 2);
    // d: done, then u takes it back, change and all.
    let Screen::Review { flow } = &f.app.screen else {
        panic!("review")
    };
    let id = flow
        .card
        .as_ref()
        .and_then(|c| c.item.as_ref())
        .map(|i| i.id)
        .expect("an item");
    typed(&mut f.app, "d");
    assert!(
        !f.app
            .store
            .reader()
            .item(id)
            .expect("read")
            .expect("item")
            .is_open()
    );
    typed(&mut f.app, "u");
    assert!(
        f.app
            .store
            .reader()
            .item(id)
            .expect("read")
            .expect("item")
            .is_open(),
        "undo reopened it"
    );
    assert_eq!(review_position(&f.app).0, 2);
    // x: dropped.
    typed(&mut f.app, "x");
    assert_eq!(review_position(&f.app).0, 3);
    // Skip the rest to reach the summary.
    for _ in 3..total {
        typed(&mut f.app, "n");
    }
    assert!(screen(&f.app).contains("Daily review · done"));
    insta::assert_snapshot!("review_summary", screen(&f.app));
    typed(&mut f.app, "q");
    assert!(
        screen(&f.app).contains("reviewed ✓"),
        "the header shows today was reviewed"
    );
}

#[test]
fn a_review_left_halfway_resumes_where_it_was() {
    let mut f = fixture(100, 30, true);
    typed(&mut f.app, "r");
    typed(&mut f.app, "nn");
    typed(&mut f.app, "q");
    assert!(matches!(f.app.screen, Screen::Dashboard));
    assert!(screen(&f.app).contains("not reviewed"));
    typed(&mut f.app, "r");
    assert_eq!(review_position(&f.app).0, 2, "resumed at the third card");
}

#[test]
fn the_reflection_step_by_step_and_kept_as_typed() {
    let mut f = fixture(100, 34, true);
    typed(&mut f.app, "R");
    insta::assert_snapshot!("reflection_went_well", screen(&f.app));
    // Esc shows the past reflections; Enter on today comes back to it.
    key(&mut f.app, KeyCode::Esc);
    insta::assert_snapshot!("reflection_list", screen(&f.app));
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(screen(&f.app), {
        let mut again = fixture(100, 34, true);
        typed(&mut again.app, "R");
        screen(&again.app)
    });
    typed(&mut f.app, "Dana sent the quotes");
    key(&mut f.app, KeyCode::Enter);
    f.app
        .handle_event(Event::Paste("and Lee fixed\nthe API — 日本語 too".into()));
    key(&mut f.app, KeyCode::Tab);
    typed(&mut f.app, "pricing waits on Rosa");
    key(&mut f.app, KeyCode::Tab);
    typed(&mut f.app, "@rosa budget sign-off by mon ~call");
    insta::assert_snapshot!("reflection_first_call", screen(&f.app));
    key(&mut f.app, KeyCode::Enter);
    typed(&mut f.app, "3");
    insta::assert_snapshot!("reflection_stress", screen(&f.app));
    // Every keystroke is already saved.
    let saved = f
        .app
        .store
        .reader()
        .reflection("2026-11-28")
        .expect("read")
        .expect("saved");
    assert_eq!(
        saved.went_well,
        "Dana sent the quotes\nand Lee fixed\nthe API — 日本語 too"
    );
    assert_eq!(saved.stuck, "pricing waits on Rosa");
    assert_eq!(saved.stress.map(|s| s.get()), Some(3));
    // The first call became an ask.
    let asks = f
        .app
        .store
        .reader()
        .list(
            nudge::domain::Kind::Ask,
            false,
            &f.app.now,
            nudge::store::NO_LIMIT,
        )
        .expect("asks");
    assert!(
        asks.iter()
            .any(|a| a.title == "budget sign-off" && a.person.as_deref() == Some("Rosa"))
    );
}

#[test]
fn a_reflection_the_database_cannot_take_is_not_left_behind_silently() {
    let mut f = fixture(100, 34, false);
    typed(&mut f.app, "R");
    let other = rusqlite::Connection::open(f._dir.path().join("nudge.db")).expect("open");
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    typed(&mut f.app, "x");
    key(&mut f.app, KeyCode::Esc);
    let shown = screen(&f.app);
    assert!(matches!(f.app.screen, Screen::Reflect { .. }), "{shown}");
    assert!(
        shown.contains("Not saved yet (esc again leaves without it)"),
        "{shown}"
    );
    other.execute_batch("COMMIT").expect("unlock");
    key(&mut f.app, KeyCode::Esc);
    assert!(!matches!(f.app.screen, Screen::Reflect { .. }));
    let saved = f
        .app
        .store
        .reader()
        .reflection("2026-11-28")
        .expect("read")
        .expect("saved on the way out");
    assert_eq!(saved.went_well, "x");
}

#[test]
fn a_past_reflection_opens_read_only() {
    let mut f = fixture(100, 34, true);
    typed(&mut f.app, "R");
    key(&mut f.app, KeyCode::Esc);
    typed(&mut f.app, "j");
    key(&mut f.app, KeyCode::Enter);
    insta::assert_snapshot!("reflection_past", screen(&f.app));
    let before = f
        .app
        .store
        .reader()
        .reflection("2026-11-27")
        .expect("read")
        .expect("saved");
    typed(&mut f.app, "typing does nothing here");
    let after = f
        .app
        .store
        .reader()
        .reflection("2026-11-27")
        .expect("read")
        .expect("saved");
    assert_eq!(before, after);
}

fn open_input_text(app: &App) -> String {
    match &app.screen {
        Screen::Input { input, .. } => input.editor.text(),
        _ => panic!("no line is open"),
    }
}

#[test]
fn the_edit_line_shows_every_field_and_takes_a_token_after_the_why() {
    let mut f = fixture(120, 40, true);
    // Dana's quotes (ask 7): a why, a channel, a tag, a check-back.
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Char('j'));
    let before = f.app.selected_item().expect("ask").clone();
    typed(&mut f.app, "e");
    let line = open_input_text(&f.app);
    assert!(
        line.contains(" check 2026-"),
        "the check-back is in the line: {line}"
    );
    assert!(
        line.ends_with(&format!("why: \"{}\"", before.why.clone().expect("why"))),
        "{line}"
    );
    typed(&mut f.app, " +urgent");
    let shown = screen(&f.app);
    assert!(shown.contains("#urgent"), "{shown}");
    assert!(
        shown.contains("why: the launch deck needs"),
        "the preview shows the why: {shown}"
    );
    key(&mut f.app, KeyCode::Enter);
    let after = f
        .app
        .store
        .reader()
        .item(before.id)
        .expect("read")
        .expect("item");
    assert!(
        after.tags.contains(&"urgent".to_string()),
        "{:?}",
        after.tags
    );
    assert_eq!(
        after.why, before.why,
        "text after the why is not taken into it"
    );
    assert_eq!(after.next_check, before.next_check, "the check-back stays");
    assert_eq!(after.need_by, before.need_by);
}

#[test]
fn an_edit_line_opened_earlier_keeps_what_a_shell_changed_meanwhile() {
    let mut f = fixture(120, 40, true);
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Char('j'));
    let id = f.app.selected_item().expect("ask").id;
    typed(&mut f.app, "e");
    // Meanwhile, from a shell: a tag and done.
    let path = f.app.store.path().to_path_buf();
    let mut shell = Store::open(&path, zone()).expect("second connection");
    let ctx = nudge::ops::Context::new(
        clock::parse_now("2026-11-28T09:00", &zone()).expect("now"),
        Config::default(),
    );
    nudge::ops::edit(
        &mut shell,
        &ctx,
        id,
        "+fromcli",
        nudge::ops::EditMode::Merge,
    )
    .expect("edit");
    nudge::ops::done(&mut shell, &ctx, id, "").expect("done");
    // The dashboard's line changes the title only: the shell's changes stay.
    for _ in 0..open_input_text(&f.app).len() {
        key(&mut f.app, KeyCode::Backspace);
    }
    let line = {
        let item = f.app.store.reader().item(id).expect("read").expect("item");
        let mut base = item.clone();
        base.tags.retain(|t| t != "fromcli");
        nudge::ops::capture_line(&base).replace("customer quotes", "customer quotes, three")
    };
    typed(&mut f.app, &line);
    key(&mut f.app, KeyCode::Enter);
    let after = f.app.store.reader().item(id).expect("read").expect("item");
    assert_eq!(
        after.title,
        "customer quotes, three for the Acme case study"
    );
    assert_eq!(
        after.status,
        nudge::domain::Status::Received,
        "done from the shell stays"
    );
    assert!(
        after.tags.contains(&"fromcli".to_string()),
        "the shell's tag stays"
    );
    let Some(nudge::tui::app::Notice::Info(notice)) = &f.app.notice else {
        panic!("a notice");
    };
    assert!(
        notice.contains("kept what changed elsewhere meanwhile"),
        "{notice}"
    );
}

#[test]
fn an_edit_that_clashes_with_a_shell_keeps_the_line_and_says_so() {
    let mut f = fixture(120, 40, true);
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Char('j'));
    let id = f.app.selected_item().expect("ask").id;
    typed(&mut f.app, "e");
    let path = f.app.store.path().to_path_buf();
    let mut shell = Store::open(&path, zone()).expect("second connection");
    let ctx = nudge::ops::Context::new(
        clock::parse_now("2026-11-28T09:00", &zone()).expect("now"),
        Config::default(),
    );
    nudge::ops::edit(
        &mut shell,
        &ctx,
        id,
        "a title from the shell",
        nudge::ops::EditMode::Merge,
    )
    .expect("edit");
    // The dashboard's line changes the title too: nothing is saved, the line stays.
    typed(&mut f.app, " +mine");
    key(&mut f.app, KeyCode::Home);
    key(&mut f.app, KeyCode::Right);
    key(&mut f.app, KeyCode::Right);
    let text = open_input_text(&f.app).replacen("\"customer", "\"my customer", 1);
    let end = text.len();
    for _ in 0..end {
        key(&mut f.app, KeyCode::Delete);
    }
    key(&mut f.app, KeyCode::Home);
    for _ in 0..end {
        key(&mut f.app, KeyCode::Delete);
    }
    typed(&mut f.app, &text);
    key(&mut f.app, KeyCode::Enter);
    let now = f.app.store.reader().item(id).expect("read").expect("item");
    assert_eq!(
        now.title, "a title from the shell",
        "nothing was saved over it"
    );
    assert!(
        matches!(f.app.screen, Screen::Input { .. }),
        "the line stays open"
    );
    let shown = screen(&f.app);
    assert!(
        shown.contains("changed elsewhere since this line was opened"),
        "{shown}"
    );
    // Enter again saves the line over it, on purpose.
    key(&mut f.app, KeyCode::Enter);
    let now = f.app.store.reader().item(id).expect("read").expect("item");
    assert!(now.title.starts_with("my customer quotes"), "{}", now.title);
    assert!(now.tags.contains(&"mine".to_string()));
}

fn review_item(app: &App) -> Option<nudge::domain::Item> {
    match &app.screen {
        Screen::Review { flow } => flow.card.as_ref().and_then(|c| c.item.clone()),
        _ => None,
    }
}

/// Skip cards until one of `kind` is on screen.
fn review_until(app: &mut App, kind: nudge::domain::Kind) -> nudge::domain::Item {
    for _ in 0..50 {
        if let Some(item) = review_item(app).filter(|i| i.kind == kind) {
            return item;
        }
        typed(app, "n");
    }
    panic!("no {kind:?} card in the review");
}

#[test]
fn the_review_says_no_marks_sent_and_marks_an_overdue_deadline_missed() {
    let mut f = fixture(100, 34, true);
    // A deadline set yesterday for this morning: overdue when the review runs at 09:00.
    let earlier = clock::parse_now("2026-11-27T09:00", &zone()).expect("then");
    let ctx = nudge::ops::Context::new(earlier, Config::default());
    let overdue = nudge::ops::capture_deadline(&mut f.app.store, &ctx, "Board memo due sat 8am")
        .expect("deadline")
        .item;
    f.app.reload();
    typed(&mut f.app, "r");
    // N on an ask: "said no" asks why first, then the card is decided.
    let ask = review_until(&mut f.app, nudge::domain::Kind::Ask);
    let (at, _) = review_position(&f.app);
    typed(&mut f.app, "N");
    assert!(
        matches!(f.app.screen, Screen::Input { .. }),
        "the reason first"
    );
    typed(&mut f.app, "out this week");
    key(&mut f.app, KeyCode::Enter);
    let declined = f
        .app
        .store
        .reader()
        .item(ask.id)
        .expect("read")
        .expect("item");
    assert_eq!(declined.status, nudge::domain::Status::Declined);
    assert_eq!(review_position(&f.app).0, at + 1);
    // An overdue deadline is headed as such, and M marks it missed.
    let deadline = review_until(&mut f.app, nudge::domain::Kind::Deadline);
    let deadline = if deadline.id == overdue.id {
        deadline
    } else {
        loop {
            typed(&mut f.app, "n");
            match review_item(&f.app) {
                Some(i) if i.id == overdue.id => break i,
                Some(_) => {}
                None => panic!("the overdue deadline is not in the review"),
            }
        }
    };
    assert!(
        screen(&f.app).contains("Deadline overdue"),
        "{}",
        screen(&f.app)
    );
    assert!(screen(&f.app).contains("M missed"), "{}", screen(&f.app));
    typed(&mut f.app, "M");
    let missed = f
        .app
        .store
        .reader()
        .item(deadline.id)
        .expect("read")
        .expect("item");
    assert_eq!(missed.status, nudge::domain::Status::Missed);
    // m on an invitation to send marks it sent.
    let invitation = review_until(&mut f.app, nudge::domain::Kind::Proofing);
    typed(&mut f.app, "m");
    let sent = f
        .app
        .store
        .reader()
        .item(invitation.id)
        .expect("read")
        .expect("item");
    assert_eq!(sent.status, nudge::domain::Status::Sent);
    // The tally counts each.
    while !matches!(&f.app.screen, Screen::Review { flow } if flow.at_end()) {
        typed(&mut f.app, "n");
    }
    let shown = screen(&f.app);
    assert!(
        shown.contains("said no 1") && shown.contains("sent 1") && shown.contains("missed 1"),
        "{shown}"
    );
}

#[test]
fn the_first_call_tomorrow_is_a_call_at_its_time_and_the_list_shows_today_as_written() {
    let mut f = fixture(100, 34, true);
    typed(&mut f.app, "R");
    typed(&mut f.app, "the deck went out");
    key(&mut f.app, KeyCode::Tab);
    // ctrl-u clears the line, as help says.
    typed(&mut f.app, "nothing really");
    f.app.handle_event(Event::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    typed(&mut f.app, "pricing waits on Rosa");
    key(&mut f.app, KeyCode::Tab);
    typed(&mut f.app, "@rosa 9am budget sign-off");
    key(&mut f.app, KeyCode::Enter);
    let saved = f
        .app
        .store
        .reader()
        .reflection("2026-11-28")
        .expect("read")
        .expect("saved");
    assert_eq!(saved.stuck, "pricing waits on Rosa");
    let asks = f
        .app
        .store
        .reader()
        .list(
            nudge::domain::Kind::Ask,
            false,
            &f.app.now,
            nudge::store::NO_LIMIT,
        )
        .expect("asks");
    let call = asks
        .iter()
        .find(|a| a.person.as_deref() == Some("Rosa") && a.title == "budget sign-off")
        .unwrap_or_else(|| panic!("the first call as an ask: {asks:?}"));
    // Saturday's "9am" is the next work day, Monday, at 09:00, by call; not part of the title.
    let check = call.next_check.expect("a check-back");
    assert_eq!(
        check.format("%a %d %b %H:%M").to_string(),
        "Mon 30 Nov 09:00"
    );
    assert_eq!(call.channel, Some(nudge::domain::Channel::Call));
    // Back on the list, today reads as written.
    key(&mut f.app, KeyCode::Esc);
    let shown = screen(&f.app);
    assert!(shown.contains("today · the deck went out"), "{shown}");
}

#[test]
fn y_says_how_the_draft_was_copied_or_shows_it() {
    use nudge::tui::clipboard::Copied;
    let mut f = fixture(100, 30, true);
    let notice = |app: &App| match &app.notice {
        Some(nudge::tui::app::Notice::Info(text)) => text.clone(),
        other => panic!("{other:?}"),
    };
    typed(&mut f.app, "y");
    let copy = f.app.clipboard.take().expect("a draft");
    f.app.copied(copy.clone(), Copied::By("xclip"));
    assert!(notice(&f.app).starts_with(&format!("Copied the message for {} (", copy.who)));
    assert!(notice(&f.app).ends_with("with xclip"), "{}", notice(&f.app));
    f.app.copied(
        copy.clone(),
        Copied::Osc52 {
            inside_tmux: true,
            failed: Some("xclip failed (exit status: 1)".into()),
        },
    );
    let said = notice(&f.app);
    assert!(said.contains("as OSC 52 (xclip failed"), "{said}");
    assert!(said.contains("set -s set-clipboard on"), "{said}");
    // Not copied: the text is on screen to copy by hand.
    f.app
        .copied(copy.clone(), Copied::Not("no clipboard".into()));
    assert!(notice(&f.app).contains("Here is the text"));
    let shown = screen(&f.app);
    let first = copy.text.lines().next().expect("a line");
    assert!(shown.contains(first), "{shown}");
    key(&mut f.app, KeyCode::Esc);
    assert!(matches!(f.app.screen, Screen::Dashboard));
}

#[test]
fn a_database_deleted_under_the_dashboard_is_never_confirmed_and_is_rescued() {
    let mut f = fixture(100, 30, true);
    let path = f.app.store.path().to_path_buf();
    let before = f.app.board.counts.open_asks;
    std::fs::remove_file(&path).expect("rm nudge.db");
    // A capture after the file is gone: not saved, said so, the line kept.
    typed(&mut f.app, "a");
    typed(&mut f.app, "@dana quotes by fri");
    key(&mut f.app, KeyCode::Enter);
    assert_kept(&f.app, "@dana quotes by fri");
    let Screen::Input { input, .. } = &f.app.screen else {
        panic!("the line stays open");
    };
    let nudge::tui::input::Preview::Error(said) = &input.preview else {
        panic!("the reason is shown: {:?}", input.preview);
    };
    assert!(
        said.contains("was deleted while nudge had it open"),
        "{said}"
    );
    // Everything it held is in a rescue copy beside it, which opens as a nudge database.
    let mut rescue = path.as_os_str().to_owned();
    rescue.push(".rescued.db");
    let rescue = std::path::PathBuf::from(rescue);
    assert!(said.contains(&rescue.display().to_string()), "{said}");
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&rescue)
            .expect("rescue")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the rescue is as private as the database"
        );
    }
    let folder = path.parent().expect("folder");
    let left = common::names_ending(folder, ".new");
    assert!(left.is_empty(), "the rescue's temporary is gone: {left:?}");
    let rescued = Store::open(&rescue, zone()).expect("the rescue opens");
    let counts = rescued
        .reader()
        .counts(&clock::parse_now("2026-11-28T09:00", &zone()).expect("now"))
        .expect("counts");
    assert_eq!(counts.open_asks, before, "nothing was lost");
    // Nothing is left for the next command to apply to a new file, and none is made: the next
    // start points at the rescue copy.
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    assert!(
        !std::path::Path::new(&wal).exists(),
        "the log is moved aside"
    );
    assert!(!path.exists());
    let refused = Store::open(&path, zone())
        .err()
        .expect("refused")
        .to_string();
    assert!(
        refused.contains(".rescued.db holds what it had"),
        "{refused}"
    );
    assert!(!path.exists());
    // Put back, it is the whole database again.
    std::fs::rename(&rescue, &path).expect("mv");
    let back = Store::open(&path, zone()).expect("opens");
    let counts = back
        .reader()
        .counts(&clock::parse_now("2026-11-28T09:00", &zone()).expect("now"))
        .expect("counts");
    assert_eq!(counts.open_asks, before);
}

#[test]
fn the_change_check_finds_a_replaced_database() {
    let mut f = fixture(100, 30, true);
    let path = f.app.store.path().to_path_buf();
    let other = tempfile::tempdir().expect("dir");
    let replacement = other.path().join("other.db");
    drop(Store::open(&replacement, zone()).expect("another nudge database"));
    std::fs::rename(&replacement, &path).expect("put another file in its place");
    wait(&mut f.app, 3);
    let Some(nudge::tui::app::Notice::Error(said)) = &f.app.notice else {
        panic!("the check says so: {:?}", f.app.notice);
    };
    assert!(said.contains("was replaced by another file"), "{said}");
}

#[test]
fn a_one_key_change_under_a_held_lock_is_kept_said_and_tried_again() {
    let mut f = fixture(100, 30, true);
    let id = f.app.selected_item().expect("an ask").id;
    let other = rusqlite::Connection::open(f._dir.path().join("nudge.db")).expect("open");
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    // d: the dashboard waits only briefly, keeps the change and says so.
    typed(&mut f.app, "d");
    assert_eq!(f.app.retry, Some((nudge::tui::action::Action::Done, id)));
    let Some(nudge::tui::app::Notice::Error(said)) = &f.app.notice else {
        panic!("it says so: {:?}", f.app.notice);
    };
    assert!(said.starts_with("Not saved yet"), "{said}");
    assert!(said.contains("tried again every 2 s"), "{said}");
    // Still held at the next check: still kept.
    wait(&mut f.app, 2);
    assert!(f.app.retry.is_some());
    // Released: the next check makes the change, once.
    other.execute_batch("COMMIT").expect("unlock");
    wait(&mut f.app, 2);
    assert!(f.app.retry.is_none());
    let item = f.app.store.reader().item(id).expect("read").expect("item");
    assert_eq!(item.status, nudge::domain::Status::Received);
    // Kept and then let go with esc: nothing changes.
    let next = f.app.selected_item().expect("an ask").id;
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    typed(&mut f.app, "x");
    assert!(f.app.retry.is_some());
    key(&mut f.app, KeyCode::Esc);
    assert!(f.app.retry.is_none());
    other.execute_batch("COMMIT").expect("unlock");
    wait(&mut f.app, 2);
    let item = f
        .app
        .store
        .reader()
        .item(next)
        .expect("read")
        .expect("item");
    assert!(item.is_open(), "let go, so not dropped");
}

#[test]
fn the_first_frame_reads_the_board_once() {
    let mut f = fixture(200, 60, true);
    assert_eq!(
        f.app.board_loads, 1,
        "App::new reads the board once, at the real size"
    );
    screen(&f.app);
    // What the event loop does before the first frame when the size is already known.
    f.app.handle(Msg::Resize(200, 60));
    screen(&f.app);
    assert_eq!(
        f.app.board_loads, 1,
        "drawing and an unchanged size read nothing again"
    );
    // A real resize that changes how many rows show reads the board again, once.
    f.app.handle(Msg::Resize(100, 30));
    assert_eq!(f.app.board_loads, 2);
}

#[test]
fn a_short_terminal_scrolls_the_reflection_to_the_rating_being_chosen() {
    let mut f = fixture(50, 15, true);
    typed(&mut f.app, "R");
    for _ in 0..3 {
        key(&mut f.app, KeyCode::Tab);
    }
    typed(&mut f.app, "3");
    let shown = screen(&f.app);
    assert!(shown.contains("▸ Stress today"), "{shown}");
    assert!(
        shown.contains("[3]"),
        "the rating row is on screen:\n{shown}"
    );
}

#[test]
fn what_came_due_shows_in_the_status_line_once_and_counts_as_told() {
    let mut f = fixture(100, 30, true);
    f.app.tick();
    insta::assert_snapshot!("dashboard_reminder_in_status_line", screen(&f.app));
    let ctx = nudge::ops::Context::new(f.app.now, Config::default());
    // Told: `nudge notify` finds nothing new to put on the desktop.
    let untold = nudge::ops::reminders::untold(&f.app.store.reader(), &ctx).expect("reminders");
    assert!(untold.is_empty(), "{untold:?}");
    // The same minute again: nothing new, and the line stays until a key clears it.
    let shown = f.app.notice.clone();
    assert!(shown.is_some());
    f.app.tick();
    assert_eq!(f.app.notice, shown);
}

#[test]
fn snooze_in_one_key_offers_four_choices() {
    let mut f = fixture(100, 30, true);
    // Dana's quotes, on Saturday 28 Nov at 09:00.
    typed(&mut f.app, "jj");
    let item = f.app.selected_item().expect("selection").clone();
    assert_eq!(item.person.as_deref(), Some("Dana"));
    typed(&mut f.app, "z");
    insta::assert_snapshot!("snooze_choices", screen(&f.app));
    let reads = |app: &mut App, choice: &str| {
        typed(app, choice);
        app.settle();
        let shown = screen(app);
        key(app, KeyCode::Backspace);
        shown
    };
    // 1: tomorrow at the start of the day, a Sunday; 3: next week's first work day.
    let one = reads(&mut f.app, "1");
    assert!(
        one.contains("until Sun 29 Nov 09:00 (1d from now)"),
        "{one}"
    );
    let three = reads(&mut f.app, "3");
    assert!(three.contains("until Mon 30 Nov 09:00"), "{three}");
    // 4: the day before Dana's need-by, which was Thursday: already past, and said so.
    let four = reads(&mut f.app, "4");
    assert!(four.contains("Wed 25 Nov 09:00 is already past"), "{four}");
    // 2: the next work day (Monday), 3: next week's first work day (Monday too, from a Saturday).
    typed(&mut f.app, "2");
    key(&mut f.app, KeyCode::Enter);
    let after = f
        .app
        .store
        .reader()
        .item(item.id)
        .expect("read")
        .expect("item");
    let monday = clock::parse_now("2026-11-30T09:00", &zone()).expect("monday");
    assert_eq!(after.next_check, Some(monday));
}

#[test]
fn esc_on_a_typed_line_asks_once_before_throwing_it_away() {
    let mut f = fixture(100, 30, true);
    typed(&mut f.app, "a");
    typed(&mut f.app, "@zoe the brief");
    key(&mut f.app, KeyCode::Esc);
    insta::assert_snapshot!("capture_discard_confirm", screen(&f.app));
    assert!(matches!(
        f.app.screen,
        nudge::tui::app::Screen::Input { .. }
    ));
    // Any other key keeps the line (and is typed), and the question goes.
    typed(&mut f.app, "s");
    let kept = screen(&f.app);
    assert!(
        kept.contains("@zoe the briefs") && !kept.contains("Discard what"),
        "{kept}"
    );
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Esc);
    assert!(matches!(f.app.screen, nudge::tui::app::Screen::Dashboard));
    // The next capture line offers it back, and up restores it.
    typed(&mut f.app, "a");
    insta::assert_snapshot!("capture_offers_the_discarded_line", screen(&f.app));
    key(&mut f.app, KeyCode::Up);
    f.app.settle();
    assert!(
        screen(&f.app).contains("> @zoe the briefs"),
        "{}",
        screen(&f.app)
    );
    // An empty line closes at once.
    for _ in 0.."@zoe the briefs".len() {
        key(&mut f.app, KeyCode::Backspace);
    }
    key(&mut f.app, KeyCode::Esc);
    assert!(matches!(f.app.screen, nudge::tui::app::Screen::Dashboard));
}

#[test]
fn ctrl_z_brings_the_discarded_line_back_over_what_is_typed_and_swaps_back() {
    let mut f = fixture(100, 30, true);
    let ctrl_z = || Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    typed(&mut f.app, "a");
    typed(&mut f.app, "@zoe the brief");
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Esc);
    typed(&mut f.app, "a");
    typed(&mut f.app, "@sam");
    f.app.handle_event(ctrl_z());
    let shown = screen(&f.app);
    assert!(shown.contains("> @zoe the brief"), "{shown}");
    // Pressed again, what was typed comes back: neither line is lost.
    f.app.handle_event(ctrl_z());
    let shown = screen(&f.app);
    assert!(
        shown.contains("> @sam") && !shown.contains("zoe"),
        "{shown}"
    );
}

/// A reply to ask `id` as `nudge mail scan` keeps it.
fn keep_reply(app: &mut App, id: i64, subject: &str, at: nudge::when::Moment) {
    let now = app.now;
    app.store
        .write("mail scan", &now, |w| {
            w.add_mail_reply(&nudge::store::NewReply {
                item_id: id,
                message_id: &format!("{subject}@acme.com"),
                from: "someone@acme.com",
                subject,
                at: at.timestamp(),
                how: nudge::domain::mail::How::Thread,
            })
        })
        .expect("a reply kept");
}

#[test]
fn a_reply_found_in_the_mail_shows_on_its_ask_and_one_key_takes_it() {
    let mut f = fixture(100, 30, true);
    let ask = f.app.selected_item().expect("an ask selected").clone();
    let now = f.app.now;
    let replied = now - chrono::Duration::hours(3);
    keep_reply(&mut f.app, ask.id, "Re: quotes", replied);
    f.app.reload();
    insta::assert_snapshot!("dashboard_reply_found_in_mail", screen(&f.app));
    // d: received when the reply came, not now.
    typed(&mut f.app, "d");
    let closed = f
        .app
        .store
        .reader()
        .item(ask.id)
        .expect("read")
        .expect("item");
    assert!(!closed.is_open());
    assert_eq!(closed.closed_at, Some(replied));
    let shown = screen(&f.app);
    assert!(shown.contains("Received: Ask"), "{shown}");
    // Undone, the reply is suggested again; x then says it is not it, and the ask stays open.
    typed(&mut f.app, "u");
    assert!(f.app.selected_reply().is_some(), "the reply is back");
    typed(&mut f.app, "x");
    let open = f
        .app
        .store
        .reader()
        .item(ask.id)
        .expect("read")
        .expect("item");
    assert!(
        open.is_open(),
        "x dismissed the reply, it did not drop the ask"
    );
    assert!(f.app.selected_reply().is_none());
}

#[test]
fn the_reviews_card_shows_a_reply_found_in_the_mail_and_d_takes_it_at_its_time() {
    let mut f = fixture(100, 34, true);
    typed(&mut f.app, "r");
    let ask = review_until(&mut f.app, nudge::domain::Kind::Ask);
    let now = f.app.now;
    let replied = now - chrono::Duration::hours(2);
    keep_reply(&mut f.app, ask.id, "Re: it", replied);
    // Out and in again: the review goes on at the same card, read afresh.
    typed(&mut f.app, "q");
    f.app.reload();
    typed(&mut f.app, "r");
    assert_eq!(review_item(&f.app).map(|i| i.id), Some(ask.id));
    let shown = screen(&f.app);
    assert!(shown.contains("replied today 07:00 · 'Re: it'"), "{shown}");
    typed(&mut f.app, "d");
    let closed = f
        .app
        .store
        .reader()
        .item(ask.id)
        .expect("read")
        .expect("item");
    assert_eq!(
        closed.closed_at,
        Some(replied),
        "received when the reply came"
    );
}

#[test]
fn slash_finds_in_pending_asks_as_you_type_marks_the_matches_and_esc_clears() {
    let mut f = fixture(100, 30, true);
    typed(&mut f.app, "/");
    typed(&mut f.app, "num");
    insta::assert_snapshot!("find_typing", screen(&f.app));
    assert_eq!(f.app.board.total(nudge::tui::layout::Pane::Asks), 3);
    // The matched word starts are marked: "num" of "numbers" is underlined, the rest is not.
    let area = f.app.layout.area;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).expect("terminal");
    terminal
        .draw(|frame| view::draw(frame, &f.app))
        .expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let cells: Vec<String> = (0..area.width)
        .map(|x| buffer[(x, 2)].symbol().to_string())
        .collect();
    let row = cells.concat();
    let at = (0..cells.len() - 7)
        .find(|&x| cells[x..x + 7].concat() == "numbers")
        .expect("a match on the first row") as u16;
    let underlined = |x: u16| {
        buffer[(x, 2)]
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    };
    assert!((at..at + 3).all(underlined), "{row}");
    assert!(!underlined(at + 3), "only the typed start: {row}");
    // Letters are the words, not keys: j was typed, not a move.
    typed(&mut f.app, "j");
    assert_eq!(f.app.find.as_ref().map(|f| f.typed.as_str()), Some("numj"));
    assert_eq!(f.app.board.total(nudge::tui::layout::Pane::Asks), 0);
    key(&mut f.app, KeyCode::Backspace);
    // Enter keeps the filter; j then moves in it, and d acts on the found ask.
    key(&mut f.app, KeyCode::Enter);
    typed(&mut f.app, "j");
    let second = f.app.selected_item().expect("selected").clone();
    assert!(second.title.contains("numbers"), "{}", second.title);
    insta::assert_snapshot!("find_kept", screen(&f.app));
    // Esc: the whole list again.
    key(&mut f.app, KeyCode::Esc);
    assert!(f.app.find.is_none());
    assert_eq!(f.app.board.total(nudge::tui::layout::Pane::Asks), 11);
    let shown = screen(&f.app);
    assert!(shown.contains("Pending asks 11"), "{shown}");
}

#[test]
fn a_find_on_the_board_shows_what_is_captured_meanwhile_here_or_in_another_shell() {
    let mut f = fixture(100, 30, true);
    typed(&mut f.app, "/");
    typed(&mut f.app, "num");
    key(&mut f.app, KeyCode::Enter);
    let asks = nudge::tui::layout::Pane::Asks;
    assert_eq!(f.app.board.total(asks), 3);
    // Another shell captures a matching ask: the next check shows it in the find.
    let path = f.app.store.path().to_path_buf();
    let now = clock::parse_now("2026-11-28T09:00", &zone()).expect("now");
    let mut other = Store::open(&path, zone()).expect("second connection");
    let ctx = nudge::ops::Context::new(now, Config::default());
    nudge::ops::capture_ask(&mut other, &ctx, "@zoe numbers for the board deck").expect("capture");
    f.app.tick();
    assert_eq!(f.app.board.total(asks), 4);
    let shown = screen(&f.app);
    assert!(shown.contains("numbers for the board"), "{shown}");
    // And one captured here, then found by a new find.
    key(&mut f.app, KeyCode::Esc);
    typed(&mut f.app, "a");
    typed(&mut f.app, "@zoe quarterly figures");
    key(&mut f.app, KeyCode::Enter);
    typed(&mut f.app, "/");
    typed(&mut f.app, "quarterly");
    assert_eq!(f.app.board.total(asks), 1);
    assert!(screen(&f.app).contains("quarterly figures"));
    // Another program holds the write lock: the find still finds what is indexed, says the
    // newest captures are not searched yet, and finds them at the check after the lock goes.
    key(&mut f.app, KeyCode::Esc);
    nudge::ops::capture_ask(&mut other, &ctx, "@zoe quarterly survey").expect("capture");
    let lock = rusqlite::Connection::open(&path).expect("open");
    lock.execute_batch("BEGIN IMMEDIATE").expect("lock");
    typed(&mut f.app, "/");
    typed(&mut f.app, "quarterly");
    assert_eq!(f.app.board.total(asks), 1, "what the index holds, found");
    let shown = screen(&f.app);
    assert!(shown.contains("quarterly figures"), "{shown}");
    assert!(shown.contains("not searched yet"), "{shown}");
    lock.execute_batch("COMMIT").expect("unlock");
    wait(&mut f.app, 2);
    assert_eq!(f.app.board.total(asks), 2);
    let shown = screen(&f.app);
    assert!(shown.contains("quarterly survey"), "{shown}");
    assert!(!shown.contains("not searched yet"), "{shown}");
}

#[test]
fn slash_in_the_people_view_finds_by_name_team_or_expertise() {
    let mut f = fixture(100, 30, true);
    typed(&mut f.app, "p");
    typed(&mut f.app, "/pric");
    insta::assert_snapshot!("people_find", screen(&f.app));
    let Screen::People { view } = &f.app.screen else {
        panic!("the People view");
    };
    assert!(!view.people.is_empty());
    assert!(
        view.people
            .iter()
            .all(|p| p.person.expertise.iter().any(|e| e.starts_with("pric"))
                || p.person.name.to_lowercase().starts_with("pric"))
    );
    // Esc shows everyone again; a second esc leaves the view.
    key(&mut f.app, KeyCode::Esc);
    let Screen::People { view } = &f.app.screen else {
        panic!("still the People view");
    };
    assert!(view.find.is_none());
    assert!(view.people.len() > 2);
    key(&mut f.app, KeyCode::Esc);
    assert!(matches!(f.app.screen, Screen::Dashboard));
}

#[test]
fn slash_finds_in_the_focused_list_and_an_empty_find_says_how_out() {
    let mut f = fixture(100, 30, true);
    typed(&mut f.app, "2/launch");
    assert_eq!(f.app.board.total(nudge::tui::layout::Pane::Deadlines), 1);
    let shown = screen(&f.app);
    assert!(shown.contains("Deadlines · /launch 1"), "{shown}");
    assert!(shown.contains("Q4 launch deck"), "{shown}");
    assert!(!shown.contains("Webinar slides"), "{shown}");
    // The asks are whole meanwhile.
    assert_eq!(f.app.board.total(nudge::tui::layout::Pane::Asks), 11);
    typed(&mut f.app, "zz");
    let shown = screen(&f.app);
    assert!(
        shown.contains("Nothing matches: backspace takes a letter"),
        "{shown}"
    );
    key(&mut f.app, KeyCode::Esc);
    assert_eq!(f.app.board.total(nudge::tui::layout::Pane::Deadlines), 4);
}

#[test]
fn the_help_has_the_symbols_first_and_slash_filters_it() {
    let mut f = fixture(100, 30, true);
    typed(&mut f.app, "?");
    let shown = screen(&f.app);
    assert!(shown.contains("Symbols"), "{shown}");
    assert!(shown.contains("asked or chased by call"), "{shown}");
    assert!(shown.contains("Keys · / finds"), "{shown}");
    typed(&mut f.app, "/snooze");
    insta::assert_snapshot!("help_find", screen(&f.app));
    let shown = screen(&f.app);
    assert!(shown.contains("snooze"), "{shown}");
    assert!(
        !shown.contains("capture_ask"),
        "only what has the word: {shown}"
    );
    // Esc shows every key again; a second esc leaves the help.
    key(&mut f.app, KeyCode::Esc);
    let all = screen(&f.app);
    assert!(
        all.contains("Keys · / finds") && all.contains("Symbols"),
        "{all}"
    );
    key(&mut f.app, KeyCode::Esc);
    assert!(matches!(f.app.screen, Screen::Dashboard));
}

/// Person mode's item rows, in order, and the selected one.
fn meeting_rows(app: &App) -> (Vec<i64>, Option<i64>) {
    match &app.screen {
        Screen::Meet { view, .. } => (view.meeting.rows(), view.selected),
        other => panic!("not in person mode: {other:?}"),
    }
}

#[test]
fn person_mode_with_favors_and_expertise_from_the_people_view() {
    let mut f = fixture(120, 40, true);
    typed(&mut f.app, "p");
    typed(&mut f.app, "j");
    typed(&mut f.app, "w");
    let Screen::Meet { view, .. } = &f.app.screen else {
        panic!("w opens person mode: {:?}", f.app.screen);
    };
    assert_eq!(view.meeting.person().name, "Dana");
    assert!(!view.meeting.favors.is_empty(), "Dana has favors");
    assert!(
        !view.meeting.could_help.is_empty(),
        "a deadline could use her"
    );
    insta::assert_snapshot!("meet_favors_and_expertise", screen(&f.app));
    // Nothing done: esc goes straight back, and no visit is logged.
    key(&mut f.app, KeyCode::Esc);
    assert!(matches!(f.app.screen, Screen::People { .. }));
    let dana = f.app.store.reader().person_named("dana").unwrap().unwrap();
    assert_eq!(dana.met_at, None);
}

#[test]
fn person_mode_covers_the_asks_and_leaves_with_a_recap() {
    let mut f = fixture(120, 40, true);
    // The first ask on the dashboard is Marcus's: no favors, nothing a deadline needs.
    typed(&mut f.app, "w");
    let Screen::Meet { view, .. } = &f.app.screen else {
        panic!("w opens person mode: {:?}", f.app.screen);
    };
    assert_eq!(view.meeting.person().name, "Marcus");
    assert!(view.meeting.favors.is_empty() && view.meeting.could_help.is_empty());
    insta::assert_snapshot!("meet_plain", screen(&f.app));
    let (rows, selected) = meeting_rows(&f.app);
    let ask = selected.expect("an ask is selected");
    assert_eq!(rows.first(), Some(&ask));
    // f: the conversation is the follow-up, logged as in person without a choice.
    typed(&mut f.app, "f");
    assert!(matches!(f.app.screen, Screen::Meet { .. }));
    let follow_ups = f.app.store.reader().follow_ups(ask).unwrap();
    assert_eq!(
        follow_ups.last().map(|u| u.channel),
        Some(nudge::domain::Channel::InPerson)
    );
    // u takes it back, from the visit too.
    typed(&mut f.app, "u");
    assert_eq!(
        f.app.store.reader().follow_ups(ask).unwrap().len(),
        follow_ups.len() - 1
    );
    let Screen::Meet { view, .. } = &f.app.screen else {
        panic!("still in person mode");
    };
    assert!(view.visit.is_empty(), "undo took it out of the recap");
    // z 2: they promised it by the next work day (Mon 30 Nov).
    typed(&mut f.app, "z");
    typed(&mut f.app, "2");
    key(&mut f.app, KeyCode::Enter);
    let item = f.app.store.reader().item(ask).unwrap().unwrap();
    assert_eq!(
        item.next_check.map(|c| c.format("%a %d %H:%M").to_string()),
        Some("Mon 30 09:00".into())
    );
    // F logs a favor with the person filled in.
    typed(&mut f.app, "F");
    let Screen::Input { input, .. } = &f.app.screen else {
        panic!("F opens the favor line: {:?}", f.app.screen);
    };
    assert_eq!(input.editor.text(), "@Marcus ");
    typed(&mut f.app, "intro to the Globex CMO");
    key(&mut f.app, KeyCode::Enter);
    typed(&mut f.app, "r");
    assert!(matches!(f.app.screen, Screen::Meet { .. }));
    // esc shows the recap once; y copies it; esc again leaves and logs the visit.
    key(&mut f.app, KeyCode::Esc);
    insta::assert_snapshot!("meet_recap", screen(&f.app));
    typed(&mut f.app, "y");
    let copied = f.app.clipboard.take().expect("the recap to copy").text;
    assert_eq!(
        copied,
        "Marcus: 1 ask covered: 1 promised by Mon; 1 favor logged"
    );
    key(&mut f.app, KeyCode::Esc);
    assert!(matches!(f.app.screen, Screen::Dashboard));
    let said = format!("{:?}", f.app.notice);
    assert!(
        said.contains("Walked over to Marcus: 1 ask covered: 1 promised by Mon; 1 favor logged"),
        "{said}"
    );
    let marcus = f
        .app
        .store
        .reader()
        .person_named("marcus")
        .unwrap()
        .unwrap();
    assert_eq!(marcus.met_at, Some(f.app.now));
    // The day's numbers count the walk-over.
    let ctx = nudge::ops::Context::new(f.app.now, Config::default());
    let day = nudge::ops::day_summary(&f.app.store.reader(), &ctx, f.app.now.date_naive()).unwrap();
    assert_eq!(day.walk_overs, 1);
}

#[test]
fn a_walk_over_with_nothing_else_is_logged_by_w() {
    let mut f = fixture(100, 30, true);
    typed(&mut f.app, "w");
    typed(&mut f.app, "w");
    key(&mut f.app, KeyCode::Esc);
    let Screen::Meet { view, .. } = &f.app.screen else {
        panic!("the recap shows first");
    };
    assert!(view.leaving);
    assert_eq!(view.recap(&f.app.now), "Marcus: walked over");
    key(&mut f.app, KeyCode::Esc);
    assert!(matches!(f.app.screen, Screen::Dashboard));
    let marcus = f
        .app
        .store
        .reader()
        .person_named("marcus")
        .unwrap()
        .unwrap();
    assert_eq!(marcus.met_at, Some(f.app.now));
}

#[test]
fn a_person_out_of_touch_has_a_review_card_and_w_walks_over() {
    let mut f = fixture(100, 34, true);
    let ctx = nudge::ops::Context::new(f.app.now, Config::default());
    let every_day = nudge::ops::PersonChange {
        every: Some(Some(1)),
        ..Default::default()
    };
    nudge::ops::person(&mut f.app.store, &ctx, "dana", &every_day).unwrap();
    let queue = nudge::ops::review_queue(&f.app.store.reader(), &ctx).unwrap();
    let dana = f.app.store.reader().person_named("dana").unwrap().unwrap();
    let at = queue
        .iter()
        .position(|e| *e == nudge::domain::review::Entry::KeepInTouch { person_id: dana.id })
        .expect("Dana is out of touch (last contact Thu, every day)");
    assert_eq!(at, queue.len() - 1, "after everything else");
    typed(&mut f.app, "r");
    typed(&mut f.app, &"n".repeat(at));
    insta::assert_snapshot!("review_keep_in_touch", screen(&f.app));
    typed(&mut f.app, "w");
    let Screen::Meet { view, .. } = &f.app.screen else {
        panic!("w walks over from the review: {:?}", f.app.screen);
    };
    assert_eq!(view.meeting.person().name, "Dana");
    key(&mut f.app, KeyCode::Esc);
    assert!(matches!(f.app.screen, Screen::Review { .. }));
    // The People view flags her, in a column of its own.
    key(&mut f.app, KeyCode::Esc);
    typed(&mut f.app, "p");
    let drawn = screen(&f.app);
    assert!(drawn.contains("IN TOUCH"), "{drawn}");
    assert!(drawn.contains("2d ago/1d !"), "{drawn}");
}

#[test]
fn e_on_the_people_view_edits_a_persons_names_as_a_line_of_flags() {
    let mut f = fixture(100, 30, true);
    typed(&mut f.app, "p");
    typed(&mut f.app, "j");
    typed(&mut f.app, "e");
    let Screen::Input { input, .. } = &f.app.screen else {
        panic!("e opens the person's line: {:?}", f.app.screen);
    };
    assert_eq!(
        input.editor.text(),
        "--name Dana --team Sales --expert casestudy,retail --prefers call"
    );
    insta::assert_snapshot!("people_edit_person", screen(&f.app));
    typed(&mut f.app, " --first Dee --alias \"dana r\"");
    key(&mut f.app, KeyCode::Enter);
    assert!(matches!(f.app.screen, Screen::People { .. }));
    let dana = f
        .app
        .store
        .reader()
        .person_named("dana r")
        .unwrap()
        .unwrap();
    assert_eq!(dana.name, "Dana");
    assert_eq!(dana.greeting.as_deref(), Some("Dee"));
    // A flag it does not know keeps the line open and says which.
    typed(&mut f.app, "e");
    typed(&mut f.app, " --colour blue");
    key(&mut f.app, KeyCode::Enter);
    let shown = screen(&f.app);
    assert!(
        shown.contains("\"--colour\" is not one of a person's flags"),
        "{shown}"
    );
}
