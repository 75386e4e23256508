//! Bare `nudge`: the dashboard (`nudge review` and `nudge reflect` open it in those flows).

use super::{Failure, Handled, Session};
use crate::ops::OpError;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use crate::tui::{self, App};

pub fn open(
    session: &mut Session,
    first_frame_only: bool,
    start: Option<crate::tui::action::Action>,
) -> Handled {
    let keymap = Keymap::load(&session.config.keys)
        .map_err(|e| OpError::Input(format!("{}: {e}", session.config_source.path.display())))?;
    let clock = session.clock;
    let store = session.take_store()?;
    // The board is loaded once, for the size the terminal has now.
    let (width, height) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let size = ratatui::layout::Rect::new(0, 0, width, height);
    let mut app = App::new(
        store,
        session.config.clone(),
        keymap,
        Theme::from_config(
            &session.config.theme,
            session.looks.no_color,
            session.looks.ascii,
        ),
        clock,
        size,
    )?;
    if let Some(action) = start {
        app.handle(tui::app::Msg::Start(action));
    }
    if let Some(file) = tui::kept::default_path() {
        let kept = tui::kept::take(&file, app.store.path());
        for line in app.reopen_kept(kept) {
            // More than one was kept: the others wait for the next start.
            let _ = tui::kept::keep(&file, line);
        }
    }
    tracing::info!("dashboard opened");
    let sync_config = session.config.sync.clone();
    let mut background = Vec::new();
    let mut on_quit = None;
    let wanted = sync_config.on_start || sync_config.on_quit || sync_config.every_minutes > 0;
    if wanted && !first_frame_only {
        match super::sync::settings(&sync_config, &session.config_source.path, &session.db_path) {
            Ok(Some(settings)) => {
                if sync_config.on_quit {
                    on_quit = Some(settings.clone());
                }
                background.push(tui::background::Background::sync(
                    settings,
                    session.zone,
                    clock,
                    sync_config.every_minutes,
                    sync_config.on_start,
                ));
            }
            Ok(None) => {}
            Err(e) => app.handle(tui::app::Msg::Synced(Err(e.to_string()))),
        }
    }
    let mail = &session.config.mail;
    if mail.is_set() && mail.every_minutes > 0 && !first_frame_only {
        background.push(tui::background::Background::mail(
            session.db_path.clone(),
            session.zone,
            clock,
            session.config.clone(),
            mail.every_minutes,
        ));
    }
    let ending = tui::run(app, first_frame_only, &mut background);
    // The terminal is back: work still running ends first, then the sync asked for at quit.
    for work in &mut background {
        if let Some(Err(line)) = work.finish(std::time::Duration::from_secs(60)) {
            eprintln!("nudge: {line}");
        }
    }
    if let (Some(settings), Ok(tui::Ending::Quit)) = (on_quit, &ending) {
        eprintln!("nudge: syncing with {}…", settings.remote.name());
        match tui::background::sync_once(&settings, session.zone, &clock) {
            Ok(line) => eprintln!("nudge: {line}"),
            Err(line) => eprintln!("nudge: {line}"),
        }
    }
    match ending {
        Ok(tui::Ending::Quit) => Ok(()),
        Ok(tui::Ending::Signal(signal)) => Err(Failure::Exit(128 + signal)),
        Err(e) => {
            tracing::error!(error = %e, "the dashboard stopped");
            Err(Failure::Op(OpError::Input(format!(
                "the dashboard stopped: {e}\n{}",
                crate::log::pointer()
            ))))
        }
    }
}
