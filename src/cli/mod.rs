//! The command line: clap definitions, and one small handler per command over `ops` and the store.

mod among_words;
mod args;
mod calendar;
mod capture;
mod change;
mod config;
mod dashboard;
mod demo;
mod exchange;
mod followup;
mod held;
mod help;
mod list;
mod mail;
mod output;
mod people;
mod progress;
mod prompt;
mod remind;
mod report;
mod route;
mod sink;
mod sync;

use std::io::Write;
use std::path::PathBuf;

use clap::FromArgMatches;

use crate::config::{Config, Source};
use crate::ops::{Context, OpError};
use crate::store::Store;
use crate::{clock, when::Zone};
pub use args::{Cli, Command};

/// What the environment asks of the output, read once here at the edge.
#[derive(Debug, Clone, Copy, Default)]
pub struct Looks {
    /// `NO_COLOR` set and not empty (no-color.org).
    pub no_color: bool,
    /// ASCII symbols only: `ascii = true` under `[theme]`, or `NUDGE_ASCII=1`.
    pub ascii: bool,
}

impl Looks {
    fn read(config: &Config) -> Looks {
        Looks {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            ascii: config.theme.ascii
                || std::env::var("NUDGE_ASCII")
                    .is_ok_and(|v| matches!(v.trim(), "1" | "true" | "yes")),
        }
    }
}

/// Everything a handler needs: where the database is, the settings, and the moment.
pub struct Session {
    pub db_path: PathBuf,
    pub config: Config,
    pub config_source: Source,
    pub zone: Zone,
    /// Where `now` comes from (the dashboard keeps reading it).
    pub clock: clock::Clock,
    pub ctx: Context,
    pub looks: Looks,
    store: Option<Store>,
}

impl Session {
    /// The dashboard key of `action`, for messages that point there ("s in the dashboard"): the
    /// user's keymap, so a remap never makes them lie.
    pub fn dashboard_key(&self, action: crate::tui::action::Action) -> String {
        let keymap = crate::tui::keymap::Keymap::load(&self.config.keys)
            .or_else(|_| crate::tui::keymap::Keymap::load(&Default::default()));
        match keymap {
            Ok(keymap) => keymap.key_name(crate::tui::keymap::Context::Dashboard, action),
            Err(_) => action.name().to_string(),
        }
    }

    /// The database, opened on first use.
    pub fn store(&mut self) -> Result<&mut Store, OpError> {
        if self.store.is_none() {
            self.store = Some(Store::open(&self.db_path, self.zone)?);
        }
        self.store
            .as_mut()
            .ok_or_else(|| OpError::Input("the database is not open".into()))
    }

    /// The database, for a part of the program that keeps it (the dashboard).
    pub fn take_store(&mut self) -> Result<Store, OpError> {
        self.store()?;
        self.store
            .take()
            .ok_or_else(|| OpError::Input("the database is not open".into()))
    }
}

/// Run the program with these arguments; returns the exit code.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    crate::log::init();
    if std::env::var_os("NUDGE_CHECK_PLANS").is_some() {
        crate::store::check_plans();
    }
    let args: Vec<std::ffi::OsString> = args.into_iter().collect();
    if let Some(message) = not_utf8(&args) {
        return fail(&OpError::Input(message));
    }
    // The examples and grammar are only put together when help will be shown.
    let wants_help = args
        .iter()
        .skip(1)
        .any(|a| a == "-h" || a == "--help" || a == "help");
    let mut command = if wants_help {
        help::command()
    } else {
        <Cli as clap::CommandFactory>::command()
    };
    let mut parsed = command.try_get_matches_from_mut(&args);
    // Options typed after a command's free words are read again before them.
    if let Ok(matches) = &parsed {
        match among_words::moved_before_the_words(&command, matches, &args) {
            Ok(None) => {}
            Ok(Some(again)) => parsed = command.try_get_matches_from_mut(again),
            Err(message) => return fail(&OpError::Input(message)),
        }
    }
    let parsed = parsed.and_then(|mut matches| {
        let name = matches.subcommand_name().unwrap_or("dashboard").to_string();
        // Taken out of the matches, not copied from them: `from_arg_matches` clones every
        // value first (an ask typed with 5,000 words made 10,000 strings for nothing).
        Cli::from_arg_matches_mut(&mut matches).map(|cli| (cli, name))
    });
    let (cli, command) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    tracing::info!(%command, "start");
    // To a terminal, every line goes through the inert-text rule; to a pipe, byte for byte.
    let mut out = sink::stdout();
    let out_ref: &mut dyn Write = out.as_mut();
    let source = config_source(&cli);
    // These need neither the settings nor the database.
    let early = match &cli.command {
        Some(Command::Completions(a)) => Some(config::completions(a.shell, out_ref)),
        Some(Command::Man) => Some(config::man(out_ref)),
        Some(Command::Config(a)) => Some(config::config(a.action, &source, out_ref)),
        Some(Command::Sync(args::SyncArgs {
            action: Some(args::SyncAction::Init(init)),
            ..
        })) => Some(sync::init(&source.path, out_ref, init)),
        _ => None,
    };
    let result = match early {
        Some(result) => result,
        None => match start(&cli, source) {
            Ok(mut session) => route::dispatch(cli, &mut session, out_ref),
            Err(e) => Err(Failure::Op(e)),
        },
    };
    let result = result.and_then(|()| out.flush().map_err(Failure::from_io));
    match result {
        Ok(()) => 0,
        Err(Failure::Op(e)) => fail(&e),
        // The reader went away (`nudge list | head`): not an error.
        Err(Failure::Pipe) => 0,
        Err(Failure::Output(e)) => cannot_write(&e),
        Err(Failure::Exit(code)) => code,
    }
}

/// The first argument that is not UTF-8 text, named with its bad bytes shown as \xNN.
/// Paths are bytes, not text: the values of --db and --config may be any bytes (as NUDGE_DB and
/// NUDGE_CONFIG may).
fn not_utf8(args: &[std::ffi::OsString]) -> Option<String> {
    let is_path_option = |arg: &std::ffi::OsString| {
        arg.to_str()
            .is_some_and(|a| matches!(a, "--db" | "--config"))
    };
    let path_value = |arg: &std::ffi::OsString| {
        let bytes = arg.as_encoded_bytes();
        bytes.starts_with(b"--db=") || bytes.starts_with(b"--config=")
    };
    let (position, arg) = args.iter().enumerate().skip(1).find(|(i, arg)| {
        arg.to_str().is_none() && !path_value(arg) && !is_path_option(&args[i - 1])
    })?;
    let shown: String = arg
        .as_encoded_bytes()
        .utf8_chunks()
        .flat_map(|chunk| {
            let bad = chunk.invalid().iter().map(|b| format!("\\x{b:02X}"));
            std::iter::once(chunk.valid().to_string()).chain(bad)
        })
        .collect();
    Some(format!(
        "word {position} (\"{shown}\") is not UTF-8 text, so nothing was saved; nudge reads \
         arguments as UTF-8 (is the terminal set to UTF-8? e.g. LANG=C.UTF-8)"
    ))
}

fn config_source(cli: &Cli) -> Source {
    match &cli.config {
        Some(path) => Source {
            path: path.clone(),
            explicit: true,
        },
        None => Source {
            path: crate::config::default_path().unwrap_or_else(|| PathBuf::from("nudge.toml")),
            explicit: false,
        },
    }
}

fn start(cli: &Cli, config_source: Source) -> Result<Session, OpError> {
    let (zone, unknown_zone) = clock::zone();
    if let Some(warning) = unknown_zone {
        tracing::warn!(%warning, "TZ");
        eprintln!("nudge: {warning}");
    }
    let clock = clock::Clock::from_env(&zone).map_err(|e| OpError::Input(e.to_string()))?;
    let now = clock.now();
    let config = Config::load_checked(&config_source, &crate::tui::check_settings)
        .map_err(|e| OpError::Input(e.to_string()))?;
    let db_path = match &cli.db {
        Some(path) => {
            // A database named on purpose lives where it was named: a folder that is not there
            // is a mistake to point out, not one to create (the default's folder is created).
            if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty())
                && !folder.is_dir()
            {
                return Err(OpError::Store(crate::store::StoreError::Unusable {
                    path: path.clone(),
                    cause: format!(
                        "its folder {} does not exist; create it, or leave out --db (and \
                         NUDGE_DB) for the default place",
                        folder.display()
                    ),
                }));
            }
            path.clone()
        }
        None => default_db_path().ok_or_else(|| {
            OpError::Input(
                "cannot find a home folder for the database; give one with --db PATH".into(),
            )
        })?,
    };
    Ok(Session {
        db_path,
        looks: Looks::read(&config),
        ctx: Context::new(now, config.clone()),
        config,
        config_source,
        zone,
        clock,
        store: None,
    })
}

/// `$XDG_DATA_HOME/nudge/nudge.db`.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "nudge").map(|d| d.data_dir().join("nudge.db"))
}

/// The exit code when the work is done but what it prints could not be written (a full disk, a
/// closed terminal): distinct from 1, which promises that nothing changed.
pub const OUTPUT_LOST: i32 = 4;

fn cannot_write(error: &std::io::Error) -> i32 {
    tracing::warn!(error = %error, "the output could not be written");
    eprintln!(
        "nudge: could not write the output ({}); anything the command changed is saved",
        plain_io(error)
    );
    OUTPUT_LOST
}

/// An I/O error without the "(os error 28)" noise.
fn plain_io(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

fn fail(error: &OpError) -> i32 {
    error.log();
    eprintln!("nudge: {}", crate::text::terminal_safe(&error.to_string()));
    error.exit_code()
}

/// Why a handler stopped.
pub enum Failure {
    Op(OpError),
    /// Standard output was closed by its reader.
    Pipe,
    /// Stopped on purpose with this exit code (the dashboard, by a signal).
    Exit(i32),
    /// The output could not be written (the work itself is done).
    Output(std::io::Error),
}

impl<E: Into<OpError>> From<E> for Failure {
    fn from(error: E) -> Self {
        Failure::Op(error.into())
    }
}

impl Failure {
    fn from_io(error: std::io::Error) -> Self {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::Pipe
        } else {
            Failure::Output(error)
        }
    }
}

pub type Handled = Result<(), Failure>;

/// Write one line for a person to read, turning a closed pipe into a quiet stop. Text from the
/// database can hold escape sequences and control characters: on a terminal the output sink
/// makes them inert; a pipe gets the bytes as stored.
pub fn say(out: &mut dyn Write, line: &str) -> Handled {
    writeln!(out, "{line}").map_err(Failure::from_io)
}

/// Write data (JSON) exactly as it is.
pub fn say_data(out: &mut dyn Write, data: &str) -> Handled {
    writeln!(out, "{data}").map_err(Failure::from_io)
}
