//! The user's settings: a TOML file where every key is optional. Unknown keys and bad values are
//! errors that name the file, the line and the key, and say what would work.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use crate::domain::schedule::CheckBackRule;
use crate::when::WorkWeek;

/// The ways `y` can copy (the dashboard's clipboard module reads the same words).
pub const CLIPBOARD_METHODS: [&str; 7] = [
    "auto", "osc52", "wl-copy", "xclip", "xsel", "pbcopy", "none",
];

/// The commented default file, embedded in the binary.
pub const DEFAULT_FILE: &str = include_str!("../assets/config.toml");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub workday_end: String,
    pub workday_start: String,
    pub work_days: Vec<String>,
    pub check_back_days: u32,
    pub escalation_hint: bool,
    pub tight_window_hours: u32,
    pub checkin_every_minutes: u32,
    pub sprint_minutes: u32,
    pub favor_threshold: u32,
    /// How `y` copies a draft: auto, osc52, wl-copy, xclip, xsel, pbcopy or none.
    pub clipboard: String,
    /// Key overrides per context: `[keys.dashboard] snooze = ["s"]`.
    pub keys: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// Message templates by name: `[templates] first = "…"`.
    pub templates: BTreeMap<String, String>,
    /// Colors and symbols: `[theme] name = "light"`, `danger = "bold red"`, `ascii = true`.
    pub theme: ThemeConfig,
}

/// `[theme]`: a built-in theme, its styles overridden by meaning, and ASCII-only symbols.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThemeConfig {
    /// "dark" (the default) or "light".
    pub name: String,
    /// Only ASCII symbols and borders (also `NUDGE_ASCII=1`).
    pub ascii: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub muted: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub border: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub border_focused: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub danger: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ok: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accent: Option<String>,
}

impl Default for ThemeConfig {
    fn default() -> Self {
        ThemeConfig {
            name: "dark".into(),
            ascii: false,
            text: None,
            muted: None,
            title: None,
            header: None,
            border: None,
            border_focused: None,
            selected: None,
            danger: None,
            warning: None,
            ok: None,
            key: None,
            error: None,
            accent: None,
        }
    }
}

impl ThemeConfig {
    /// (name, override) for every style, in the theme's order.
    pub fn styles(&self) -> [(&'static str, Option<&str>); 13] {
        [
            ("text", self.text.as_deref()),
            ("muted", self.muted.as_deref()),
            ("title", self.title.as_deref()),
            ("header", self.header.as_deref()),
            ("border", self.border.as_deref()),
            ("border_focused", self.border_focused.as_deref()),
            ("selected", self.selected.as_deref()),
            ("danger", self.danger.as_deref()),
            ("warning", self.warning.as_deref()),
            ("ok", self.ok.as_deref()),
            ("key", self.key.as_deref()),
            ("error", self.error.as_deref()),
            ("accent", self.accent.as_deref()),
        ]
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            workday_end: "17:00".into(),
            workday_start: "09:00".into(),
            work_days: ["mon", "tue", "wed", "thu", "fri"]
                .map(String::from)
                .to_vec(),
            check_back_days: 2,
            escalation_hint: true,
            tight_window_hours: 24,
            checkin_every_minutes: 90,
            sprint_minutes: 25,
            favor_threshold: 3,
            clipboard: "auto".into(),
            keys: BTreeMap::new(),
            templates: BTreeMap::new(),
            theme: ThemeConfig::default(),
        }
    }
}

/// Where the configuration comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    /// Named by `--config` or `NUDGE_CONFIG`: then it must exist.
    pub explicit: bool,
}

/// A settings file that cannot be used: where, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: cannot read it: {why}", path.display())]
    Unreadable { path: PathBuf, why: String },
    /// A mistake at a line: the key (when there is one) and what would work.
    #[error("{}:{line}: {message}", path.display())]
    At {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// The default file could not be written (it says why and where).
    #[error(transparent)]
    NotWritten(#[from] NotWritten),
}

/// Why the default settings file was not written (the system's reason, as it says it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotWritten {
    #[error("cannot make the folder {}: {cause}", .folder.display())]
    Folder { folder: PathBuf, cause: String },
    #[error(
        "{} already exists; nothing was written (`nudge config show` prints what is in effect)",
        .0.display()
    )]
    Exists(PathBuf),
    #[error("cannot write {}: {cause}", .path.display())]
    Write { path: PathBuf, cause: String },
}

/// A setting that should be a time of day and is not.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a time of day; use 24-hour HH:MM, like \"17:30\"")]
pub struct NotATime(pub String);

/// A check of settings that only a higher layer can make (the dashboard's keys and styles):
/// the key at fault and what is wrong.
pub type Check<'a> = &'a dyn Fn(&Config) -> Result<(), (String, String)>;

impl Config {
    /// Read the file at `source`; a missing default file means the defaults.
    pub fn load(source: &Source) -> Result<Config, ConfigError> {
        Config::load_checked(source, &|_| Ok(()))
    }

    /// `load`, with `check` run on the result too, its mistakes reported at their lines.
    pub fn load_checked(source: &Source, check: Check<'_>) -> Result<Config, ConfigError> {
        let text = match read_settings(&source.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !source.explicit => {
                let config = Config::default();
                check(&config).map_err(|(key, message)| ConfigError::At {
                    path: source.path.clone(),
                    line: 1,
                    message: format!("{key}: {message}"),
                })?;
                return Ok(config);
            }
            Err(e) => {
                return Err(ConfigError::Unreadable {
                    path: source.path.clone(),
                    why: e.to_string(),
                });
            }
        };
        Config::parse_checked(&text, &source.path, check)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        Config::parse_checked(text, path, &|_| Ok(()))
    }

    fn parse_checked(text: &str, path: &Path, check: Check<'_>) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            let message = e.message().trim().trim_end_matches('.').replace('\n', "; ");
            // "check_back_days: expected a whole number, not the text \"two\"".
            let key = text
                .lines()
                .nth(line - 1)
                .and_then(|l| l.split_once('='))
                .map(|(key, _)| key.trim().trim_matches('"'))
                .filter(|key| !key.is_empty() && !key.starts_with('['));
            let message = plain_type_error(&message);
            let message = match key {
                Some(key) if !message.contains(key) => format!("{key}: {message}"),
                _ => message,
            };
            ConfigError::At {
                path: path.to_path_buf(),
                line,
                message,
            }
        })?;
        config
            .validate()
            .and_then(|()| check(&config))
            .map_err(|(key, problem)| ConfigError::At {
                path: path.to_path_buf(),
                line: line_of_key(text, &key),
                message: format!("{key}: {problem}"),
            })?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), (String, String)> {
        self.validate_fields()
            .map_err(|(key, problem)| (key.to_string(), problem))?;
        if !self.templates.is_empty() {
            use crate::domain::draft::{TemplateError, Templates};
            Templates::load(&self.templates).map_err(|error| match error {
                // "first: {frist_name} …": the template's own line.
                TemplateError::Variable { template, problem } => {
                    (format!("templates.{template}"), problem.to_string())
                }
                other => ("templates".to_string(), other.to_string()),
            })?;
        }
        let name = &self.theme.name;
        if !matches!(name.as_str(), "dark" | "light") {
            return Err((
                "theme.name".into(),
                format!("\"{name}\" is not a theme; use \"dark\" or \"light\""),
            ));
        }
        Ok(())
    }

    fn validate_fields(&self) -> Result<(), (&'static str, String)> {
        clock_time(&self.workday_end).map_err(|p| ("workday_end", p.to_string()))?;
        clock_time(&self.workday_start).map_err(|p| ("workday_start", p.to_string()))?;
        for day in &self.work_days {
            weekday(day).ok_or_else(|| {
                (
                    "work_days",
                    format!("\"{day}\" is not a day; use mon, tue, wed, thu, fri, sat or sun"),
                )
            })?;
        }
        if !CLIPBOARD_METHODS.contains(&self.clipboard.as_str()) {
            return Err((
                "clipboard",
                format!(
                    "\"{}\" is not a way to copy; use {}",
                    self.clipboard,
                    CLIPBOARD_METHODS.join(", ")
                ),
            ));
        }
        if self.work_days.is_empty() {
            return Err((
                "work_days",
                "is empty; nudge schedules check-backs on work days: list at least one, like \
                 [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]"
                    .into(),
            ));
        }
        if let (Ok(start), Ok(end)) = (
            clock_time(&self.workday_start),
            clock_time(&self.workday_end),
        ) && start >= end
        {
            return Err((
                "workday_end",
                format!(
                    "\"{}\" is not after workday_start \"{}\"; the day must end after it starts",
                    self.workday_end, self.workday_start
                ),
            ));
        }
        for (key, value, range) in [
            ("check_back_days", self.check_back_days, 1..=30),
            ("tight_window_hours", self.tight_window_hours, 1..=24 * 14),
            (
                "checkin_every_minutes",
                self.checkin_every_minutes,
                5..=24 * 60,
            ),
            ("sprint_minutes", self.sprint_minutes, 1..=240),
            ("favor_threshold", self.favor_threshold, 1..=100),
        ] {
            if !range.contains(&value) {
                return Err((
                    key,
                    format!(
                        "{value} is out of range; use {} to {}",
                        range.start(),
                        range.end()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The message templates: the built-in ones with this file's overrides.
    pub fn templates(&self) -> crate::domain::draft::Templates {
        crate::domain::draft::Templates::load(&self.templates).unwrap_or_default()
    }

    /// The working week these settings describe.
    pub fn work_week(&self) -> WorkWeek {
        let defaults = WorkWeek::default();
        let mut days = [false; 7];
        for day in &self.work_days {
            if let Some(index) = weekday(day) {
                days[index] = true;
            }
        }
        WorkWeek {
            days,
            end_of_day: clock_time(&self.workday_end).unwrap_or(defaults.end_of_day),
            start_of_day: clock_time(&self.workday_start).unwrap_or(defaults.start_of_day),
        }
    }

    pub fn check_back_rule(&self) -> CheckBackRule {
        CheckBackRule {
            week: self.work_week(),
            after_work_days: self.check_back_days,
        }
    }

    /// The effective configuration as TOML.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

/// The most a settings file may hold: a real one is a few kilobytes.
const LARGEST_FILE: u64 = 1024 * 1024;

/// A settings file's text, read only from a regular file of sensible size: a FIFO, a device
/// (/dev/zero) or a huge file is refused at once instead of hanging or filling memory.
fn read_settings(path: &Path) -> std::io::Result<String> {
    use std::io::{Error, ErrorKind, Read};
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "it is not a regular file (a folder, a pipe or a device); give a .toml file",
        ));
    }
    if meta.len() > LARGEST_FILE {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!(
                "it is {} bytes; a settings file is at most 1 MiB",
                meta.len()
            ),
        ));
    }
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(LARGEST_FILE + 1)
        .read_to_string(&mut text)
        .map_err(|e| match e.kind() {
            ErrorKind::InvalidData => Error::new(ErrorKind::InvalidData, "it is not UTF-8 text"),
            _ => e,
        })?;
    Ok(text)
}

/// serde's "invalid type: string \"two\", expected u32", in words a person uses.
fn plain_type_error(message: &str) -> String {
    let Some(rest) = message.strip_prefix("invalid type: ") else {
        return message.to_string();
    };
    let Some((got, expected)) = rest.split_once(", expected ") else {
        return message.to_string();
    };
    let wanted = match expected {
        "u32" | "u64" | "i64" | "u8" => "a whole number, like 2",
        "a string" => "text in quotes, like \"17:30\"",
        "a boolean" => "true or false",
        "a sequence" => "a list in brackets, like [\"mon\", \"tue\"]",
        other => other,
    };
    let got = got
        .replace("string ", "the text ")
        .replace("integer ", "the number ")
        .replace("boolean ", "")
        .replace('`', "");
    format!("expected {wanted}, not {got}")
}

fn clock_time(text: &str) -> Result<NaiveTime, NotATime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| NotATime(text.to_string()))
}

fn weekday(text: &str) -> Option<usize> {
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let lower = text.to_lowercase();
    days.iter().position(|d| lower.starts_with(d))
}

/// The line of `key`: "workday_end", "theme.danger" (`danger =` after `[theme]`),
/// "keys.dashboard.snooze" (`snooze =` after `[keys.dashboard]`), or a section ("keys.dashboard").
fn line_of_key(text: &str, key: &str) -> usize {
    let header_line = |header: &str| {
        text.lines()
            .position(|line| line.trim() == format!("[{header}]"))
    };
    if let Some(at) = header_line(key) {
        return at + 1;
    }
    let (section, key) = match key.rsplit_once('.') {
        Some((section, key)) => (Some(section), key),
        None => (None, key),
    };
    let from = match section {
        Some(section) => match header_line(section) {
            Some(at) => at,
            // `[keys]` with `[keys.dashboard]` tables inside, or a dotted key.
            None => return line_of_key(text, section),
        },
        None => 0,
    };
    text.lines()
        .enumerate()
        .skip(from)
        .find(|(_, line)| {
            let line = line.trim_start().trim_start_matches('"');
            line.starts_with(key)
                && line[key.len()..]
                    .trim_start_matches('"')
                    .trim_start()
                    .starts_with('=')
        })
        .map_or(from + 1, |(i, _)| i + 1)
}

/// Write the commented default file at `path`, never over an existing one.
pub fn write_default(path: &Path) -> Result<(), ConfigError> {
    Ok(write_default_file(path)?)
}

fn write_default_file(path: &Path) -> Result<(), NotWritten> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    let write = |cause: std::io::Error| NotWritten::Write {
        path: path.to_path_buf(),
        cause: cause.to_string(),
    };
    // 0700 and 0600 whatever the umask: the file may hold templates with names in them.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|cause| NotWritten::Folder {
                folder: dir.to_path_buf(),
                cause: cause.to_string(),
            })?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => NotWritten::Exists(path.to_path_buf()),
            _ => write(e),
        })?;
    std::io::Write::write_all(&mut file, DEFAULT_FILE.as_bytes()).map_err(write)
}

/// `$XDG_CONFIG_HOME/nudge/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "nudge").map(|d| d.config_dir().join("config.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 10] = [
        "workday_end",
        "workday_start",
        "work_days",
        "check_back_days",
        "escalation_hint",
        "tight_window_hours",
        "checkin_every_minutes",
        "sprint_minutes",
        "favor_threshold",
        "clipboard",
    ];

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, Path::new("/home/me/nudge.toml")).map_err(|e| e.to_string())
    }

    #[test]
    fn the_default_file_is_the_defaults() {
        assert_eq!(parse(DEFAULT_FILE), Ok(Config::default()));
        for key in KEYS {
            assert!(
                DEFAULT_FILE.contains(&format!("\n{key} = ")),
                "{key} is documented"
            );
        }
    }

    #[test]
    fn every_key_is_optional() {
        let config = parse("workday_end = \"18:30\"\n").expect("parses");
        assert_eq!(
            config.work_week().end_of_day,
            NaiveTime::from_hms_opt(18, 30, 0).expect("time")
        );
        assert_eq!(config.check_back_days, 2);
    }

    #[test]
    fn errors_name_the_file_line_and_key() {
        let err = parse("# c\nworkday_ends = \"18:00\"\n").expect_err("unknown key");
        assert!(
            err.starts_with("/home/me/nudge.toml:2: unknown field `workday_ends`"),
            "{err}"
        );
        assert!(err.contains("expected one of `workday_end`"), "{err}");
        let err = parse("\ncheck_back_days = \"two\"\n").expect_err("wrong type");
        assert!(err.starts_with("/home/me/nudge.toml:2:"), "{err}");
        let err = parse("\n\nworkday_end = \"25:00\"\n").expect_err("bad time");
        assert_eq!(
            err,
            "/home/me/nudge.toml:3: workday_end: \"25:00\" is not a time of day; use 24-hour HH:MM, like \"17:30\""
        );
        let err = parse("work_days = [\"mon\", \"funday\"]\n").expect_err("bad day");
        assert!(err.contains("\"funday\" is not a day"), "{err}");
    }

    #[test]
    fn work_days_shape_the_week() {
        let config =
            parse("work_days = [\"sun\", \"mon\", \"tue\", \"wed\", \"thu\"]\n").expect("parses");
        assert_eq!(
            config.work_week().days,
            [true, true, true, true, false, false, true]
        );
    }
}
