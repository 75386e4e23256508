//! `nudge config path|show|init`, `nudge completions SHELL` and `nudge man`: the commands that
//! work without the database.

use std::io::Write;

use super::args::ConfigAction;
use super::{Failure, Handled, help, say};
use crate::config::{self, Config, Source};
use crate::ops::OpError;

/// `path` and `init` run even when the file is broken (that is when they are needed); `show`
/// reads it, so a broken file is its error.
pub fn config(action: ConfigAction, source: &Source, out: &mut dyn Write) -> Handled {
    let path = source.path.display();
    match action {
        ConfigAction::Path => {
            say(out, &path.to_string())?;
            if !source.path.exists() {
                eprintln!(
                    "(no file there yet: the defaults are in effect; `nudge config init` writes one)"
                );
            }
            Ok(())
        }
        ConfigAction::Show => {
            let mut config = Config::load_checked(source, &crate::tui::check_settings)
                .map_err(|e| OpError::Input(e.to_string()))?;
            // What is in effect, whole: every template and every key, built-in ones included.
            config.templates = config.templates().all().clone();
            config.keys = crate::tui::keymap::Keymap::load(&config.keys)
                .map_err(OpError::Input)?
                .as_overrides();
            let origin = if source.path.exists() {
                format!("# In effect: {path} over the defaults.")
            } else {
                format!("# In effect: the defaults (there is no {path}).")
            };
            say(out, &origin)?;
            out.write_all(config.to_toml().as_bytes())
                .map_err(Failure::from_io)
        }
        ConfigAction::Init => {
            config::write_default(&source.path).map_err(|e| OpError::Input(e.to_string()))?;
            say(
                out,
                &format!("Wrote {path}: every key with its default and what it does."),
            )
        }
    }
}

pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Handled {
    out.write_all(&help::completions(shell))
        .map_err(Failure::from_io)
}

pub fn man(out: &mut dyn Write) -> Handled {
    let page = help::man_page().map_err(Failure::from_io)?;
    out.write_all(&page).map_err(Failure::from_io)
}
