//! One dashboard frame — an update from a key press plus a full render at 200×60 — on demo
//! databases of different sizes. `cargo bench --bench dashboard`.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use divan::Bencher;
use nudge::config::Config;
use nudge::tui::action::Action;
use nudge::tui::app::{App, Clock, Msg};
use nudge::tui::keymap::{Keymap, Overrides};
use nudge::tui::theme::Theme;
use nudge::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

mod common;

fn main() {
    divan::main();
}

const SIZES: &[u64] = &[10_000, 100_000, 1_000_000];

struct Fixture {
    app: App,
    terminal: Terminal<TestBackend>,
}

fn fixture(items: u64) -> Fixture {
    let store = common::store(items);
    let keymap = Keymap::load(&Overrides::new()).expect("keymap");
    let area = Rect::new(0, 0, 200, 60);
    let app = App::new(
        store,
        Config::default(),
        keymap,
        Theme::dark(),
        Clock::Fixed(common::now()),
        area,
    )
    .expect("app");
    let terminal = Terminal::new(TestBackend::new(area.width, area.height)).expect("terminal");
    Fixture { app, terminal }
}

/// A key that moves the selection (the window scrolls, so its rows are queried again) and the
/// frame drawn after it.
#[divan::bench(args = SIZES, sample_count = 200)]
fn scroll_and_draw(bencher: Bencher, items: u64) {
    let mut f = fixture(items);
    let mut down = true;
    bencher.bench_local(|| {
        let rows = f.app.layout.rows(nudge::tui::layout::Pane::Asks);
        if f.app.lists[0].selected + 1 >= rows * 3 {
            down = false;
        } else if f.app.lists[0].selected == 0 {
            down = true;
        }
        f.app
            .handle(Msg::Start(if down { Action::Down } else { Action::Up }));
        f.terminal
            .draw(|frame| view::draw(frame, &f.app))
            .expect("draw");
    });
}

/// Drawing alone, as after a resize or a timer tick.
#[divan::bench(args = SIZES, sample_count = 200)]
fn draw_only(bencher: Bencher, items: u64) {
    let mut f = fixture(items);
    bencher.bench_local(|| {
        f.terminal
            .draw(|frame| view::draw(frame, &f.app))
            .expect("draw");
    });
}

/// Ratatui's own cost per frame at 200×60 (clear, diff, flush) with nothing drawn: the floor.
#[divan::bench(sample_count = 200)]
fn empty_frame(bencher: Bencher) {
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    bencher.bench_local(|| {
        terminal.draw(|_| {}).expect("draw");
    });
}

/// Opening the Insights view (every figure aggregated in SQL) and drawing it.
#[divan::bench(args = SIZES, sample_count = 50)]
fn open_insights(bencher: Bencher, items: u64) {
    let mut f = fixture(items);
    bencher.bench_local(|| {
        f.app.handle(Msg::Start(Action::Insights));
        f.terminal
            .draw(|frame| view::draw(frame, &f.app))
            .expect("draw");
        f.app.handle(Msg::Start(Action::Back));
    });
}
