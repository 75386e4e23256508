//! The dashboard: a synchronous loop that polls the terminal with the next timer as its
//! timeout, turns events into actions for `App::update`, and draws only when something changed.

pub mod action;
pub mod app;
pub mod board;
pub mod editor;
pub mod flows;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod panes;
pub mod pick;
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
};
use ratatui::crossterm::execute;

pub use app::{App, Clock};

/// How often the dashboard looks for changes made by other processes.
const CHANGE_CHECK: Duration = Duration::from_secs(2);

/// Run the dashboard until the user quits. The terminal is restored on every way out.
pub fn run(mut app: App, first_frame_only: bool) -> io::Result<()> {
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
    let mut terminal = ratatui::try_init()?;
    let result = (|| {
        execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
        let size = terminal.size()?;
        app.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height));
        let mut next_check = Instant::now() + CHANGE_CHECK;
        loop {
            if app.dirty {
                terminal.draw(|frame| view::draw(frame, &app))?;
                app.dirty = false;
                if first_frame_only {
                    let elapsed = crate::started().elapsed();
                    restore();
                    eprintln!("first frame in {:.1} ms", elapsed.as_secs_f64() * 1000.0);
                    return Ok(());
                }
            }
            if app.quit {
                return Ok(());
            }
            // Sleep until the next change check, or the next second while a countdown shows.
            let mut timeout = next_check.saturating_duration_since(Instant::now());
            if app.timer_on_screen() {
                timeout = timeout.min(Duration::from_millis(
                    1000 - u64::from(chrono::Utc::now().timestamp_subsec_millis()).min(999),
                ));
            }
            if event::poll(timeout)? {
                app.handle_event(event::read()?);
                if let Some(text) = app.clipboard.take() {
                    execute!(io::stdout(), CopyToClipboard::to_clipboard_from(text))?;
                }
            } else {
                app.tick();
                if Instant::now() >= next_check {
                    next_check = Instant::now() + CHANGE_CHECK;
                }
            }
        }
    })();
    restore();
    result
}

/// Leave the terminal as it was: mouse and paste modes off, raw mode off, main screen back.
pub fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    let _ = execute!(io::stdout(), Show);
    let _ = io::stdout().flush();
}
