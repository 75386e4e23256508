//! The dashboard: a synchronous loop that polls the terminal with the next timer as its
//! timeout, turns events into actions for `App::update`, and draws only when something changed.

pub mod action;
pub mod app;
pub mod background;
pub mod board;
pub mod clipboard;
pub mod editor;
pub mod find;
pub mod flows;
pub mod input;
pub mod kept;
pub mod keymap;
pub mod layout;
pub mod look;
pub mod panes;
pub mod pick;
pub mod signals;
pub mod textarea;
pub mod theme;
pub mod view;
pub mod widgets;

use std::io::{self, Write};
use std::time::{Duration, Instant};

use ratatui::crossterm::clipboard::CopyToClipboard;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;

pub use app::{App, Clock};

/// How often the dashboard looks for changes made by other processes.
const CHANGE_CHECK: Duration = Duration::from_secs(2);
/// How often a sync running in the background is asked whether it has ended.
const SYNC_CHECK: Duration = Duration::from_millis(200);

/// How long to wait for more input once some has come, before drawing. Input that arrives
/// together (a paste without bracketed paste, a held key, keys typed while a frame was drawn) is
/// handled as one batch and drawn once.
const MORE_INPUT: Duration = Duration::from_millis(1);

/// A batch of input is drawn after at most this long, even if more keeps coming.
const LONGEST_BATCH: Duration = Duration::from_millis(100);

/// The settings only the dashboard reads, checked for every command so a mistake in them stops
/// at once: the keys (names, conflicts, a way out) and the styles. The key at fault and why.
pub fn check_settings(config: &crate::config::Config) -> Result<(), (String, String)> {
    for (key, value) in config.theme.styles() {
        if let Some(value) = value {
            theme::parse_style(value).map_err(|p| (format!("theme.{key}"), p))?;
        }
    }
    if !config.keys.is_empty() {
        keymap::Keymap::load_located(&config.keys).map_err(|(at, p)| {
            (
                at.map_or_else(|| "keys".to_string(), |at| format!("keys.{at}")),
                p,
            )
        })?;
    }
    Ok(())
}

/// How the dashboard ended: the user quit, or a signal stopped it (its number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Quit,
    Signal(i32),
}

/// Run the dashboard until the user quits. The terminal is restored on every way out, and a line
/// being typed when it stops (a panic, a signal) is kept for the next start.
pub fn run(
    mut app: App,
    first_frame_only: bool,
    background: &mut [background::Background],
) -> io::Result<Ending> {
    // ratatui's own hook (installed by try_init, around this one) leaves raw mode and the
    // alternate screen first; this one then turns off the mouse and paste modes and shows the
    // cursor, so even a panic leaves the terminal usable.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            io::stdout(),
            DisableMouseCapture,
            DisableBracketedPaste,
            Show
        );
        previous(info);
        tracing::error!(panic = %info, "the dashboard panicked");
        eprintln!("{}", crate::log::pointer());
    }));
    let stop = signals::watch()?;
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let session = clipboard::Session {
        path: std::env::var_os("PATH"),
        wayland: set("WAYLAND_DISPLAY"),
        x11: set("DISPLAY"),
        tmux: set("TMUX"),
    };
    let mut terminal = ratatui::try_init()?;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(
            &mut terminal,
            &mut app,
            first_frame_only,
            &stop,
            &session,
            background,
        )
    }));
    restore();
    let keep_open_line = |app: &App| {
        if let (Some(file), Some(line)) = (kept::default_path(), app.open_line())
            && kept::keep(&file, line).is_ok()
        {
            eprintln!("nudge: the line you were typing is kept; it opens again next time");
        }
    };
    match result {
        Ok(Ok(Ending::Quit)) => Ok(Ending::Quit),
        Ok(ending) => {
            keep_open_line(&app);
            ending
        }
        Err(panic) => {
            keep_open_line(&app);
            std::panic::resume_unwind(panic)
        }
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    first_frame_only: bool,
    stop: &signals::StopSignal,
    session: &clipboard::Session,
    background: &mut [background::Background],
) -> io::Result<Ending> {
    execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
    let mut next_check = Instant::now() + CHANGE_CHECK;
    loop {
        for work in background.iter_mut() {
            if let Some(line) = work.poll() {
                app.handle(app::Msg::Synced(line));
            }
        }
        if let Some(signal) = stop.received() {
            return Ok(Ending::Signal(signal));
        }
        // The size the frame will have, told to the app before it draws (a resize can land
        // between two events, or while keys are queued).
        let size = terminal.size()?;
        if ratatui::layout::Rect::new(0, 0, size.width, size.height) != app.layout.area {
            app.handle(app::Msg::Resize(size.width, size.height));
        }
        app.settle();
        if app.dirty {
            terminal.draw(|frame| view::draw(frame, app))?;
            app.dirty = false;
            if first_frame_only {
                let elapsed = crate::started().elapsed();
                restore();
                eprintln!("first frame in {:.1} ms", elapsed.as_secs_f64() * 1000.0);
                return Ok(Ending::Quit);
            }
        }
        if app.quit {
            return Ok(Ending::Quit);
        }
        // Sleep until the next change check, or the next second while a countdown shows.
        let mut timeout = next_check.saturating_duration_since(Instant::now());
        if app.timer_on_screen() {
            timeout = timeout.min(Duration::from_millis(
                1000 - u64::from(chrono::Utc::now().timestamp_subsec_millis()).min(999),
            ));
        }
        // A sync running is looked at often; a planned one wakes the loop when it is due.
        for wake in background.iter().filter_map(|b| b.wake_in(SYNC_CHECK)) {
            timeout = timeout.min(wake.max(Duration::from_millis(1)));
        }
        if event::poll(timeout)? {
            // Everything that has come in is handled before the next frame.
            let batch = Instant::now();
            loop {
                let event = event::read()?;
                test_panic(&event);
                if let Some(msg) = app::Msg::from_event(event) {
                    app.handle(msg);
                }
                if let Some(copy) = app.clipboard.take() {
                    let copied = clipboard::copy(&copy.text, app.clipboard_method(), session);
                    if matches!(copied, clipboard::Copied::Osc52 { .. }) {
                        execute!(
                            io::stdout(),
                            CopyToClipboard::to_clipboard_from(copy.text.clone())
                        )?;
                    }
                    app.handle(app::Msg::Copied(copy, copied));
                }
                if app.quit
                    || stop.received().is_some()
                    || batch.elapsed() > LONGEST_BATCH
                    || !event::poll(MORE_INPUT)?
                {
                    break;
                }
            }
        }
        if Instant::now() >= next_check || app.timer_on_screen() {
            app.tick();
            if Instant::now() >= next_check {
                next_check = Instant::now() + CHANGE_CHECK;
            }
        }
    }
}

/// Test builds only: a way for the end-to-end tests to see a panic restore the terminal and keep
/// the line being typed (F12 panics when NUDGE_TEST_PANIC is set).
fn test_panic(event: &Event) {
    #[cfg(debug_assertions)]
    if let Event::Key(key) = event
        && key.code == event::KeyCode::F(12)
        && std::env::var_os("NUDGE_TEST_PANIC").is_some()
    {
        panic!("a panic asked for by NUDGE_TEST_PANIC");
    }
    let _ = event;
}

/// Leave the terminal as it was: mouse and paste modes off, raw mode off, main screen back.
pub fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    let _ = execute!(io::stdout(), Show);
    let _ = io::stdout().flush();
}
