//! The user's settings: a TOML file where every key is optional. Unknown keys and bad values are
//! errors that name the file, the line and the key, and say what would work.

mod check;
mod file;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::schedule::CheckBackRule;
use crate::when::WorkWeek;

/// The ways `y` can copy (the dashboard's clipboard module reads the same words).
pub const CLIPBOARD_METHODS: [&str; 7] = [
    "auto", "osc52", "wl-copy", "xclip", "xsel", "pbcopy", "none",
];

/// The commented default file, embedded in the binary.
pub const DEFAULT_FILE: &str = include_str!("../../assets/config.toml");

pub use check::NotATime;
use check::{clock_time, weekday};
pub use file::{Check, ConfigError, NotWritten, Source, add_table, default_path, write_default};

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
    /// Sync with the user's other machines: `[sync] git = "…"` (`nudge sync init` writes it).
    pub sync: SyncConfig,
    /// Reminders on the desktop: `[notify] quiet_hours = "19:00-08:00"`.
    pub notify: NotifyConfig,
    /// The phone's calendar through CalDAV: `[calendar] url = "…"`.
    pub calendar: CalendarConfig,
    /// Replies noticed in the user's mail: `[mail] maildirs = ["~/Mail/work/INBOX"]`.
    pub mail: MailConfig,
}

/// `[mail]`: where `nudge mail scan` looks for replies (read only), and how often the dashboard
/// looks by itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailConfig {
    /// Maildir folders (each with cur/ and new/); `~` is the home folder.
    pub maildirs: Vec<String>,
    /// Ask notmuch (`notmuch search --format=json`) which messages are new instead.
    pub notmuch: bool,
    /// The user's own addresses: what they sent is never taken for a reply.
    pub me: Vec<String>,
    /// The dashboard scans when it opens and every N minutes (0: only `nudge mail scan`).
    pub every_minutes: u32,
}

impl MailConfig {
    /// Whether there is anywhere to look.
    pub fn is_set(&self) -> bool {
        self.notmuch || !self.maildirs.is_empty()
    }
}

/// `[notify]`: when `nudge notify` may show a desktop notification, and how often the timer that
/// `nudge notify --install` writes runs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NotifyConfig {
    /// "HH:MM-HH:MM": nothing is shown in between (it waits until they end); "" for none.
    pub quiet_hours: String,
    /// Only on `work_days`.
    pub work_days_only: bool,
    /// How often the installed timer runs `nudge notify`.
    pub every_minutes: u32,
}

impl Default for NotifyConfig {
    fn default() -> Self {
        NotifyConfig {
            quiet_hours: "19:00-08:00".into(),
            work_days_only: true,
            every_minutes: 5,
        }
    }
}

/// `[calendar]`: the CalDAV collection `nudge calendar push` publishes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CalendarConfig {
    /// The collection's URL (a calendar that takes both events and to-dos).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// The password itself (better: `password_command`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// A command that prints the password (`pass show dav`), run by the shell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_command: Option<String>,
    /// Minutes before a deadline or a check-back that the phone reminds you.
    pub alarm_minutes: u32,
}

impl Default for CalendarConfig {
    fn default() -> Self {
        CalendarConfig {
            url: None,
            user: None,
            password: None,
            password_command: None,
            alarm_minutes: 15,
        }
    }
}

/// `[sync]`: where `nudge sync` syncs to (one of folder, git, server), the shared secret, and
/// when the dashboard syncs by itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SyncConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The encryption secret's file (relative: beside the config file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_file: Option<String>,
    pub on_start: bool,
    pub on_quit: bool,
    pub every_minutes: u32,
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
            sync: SyncConfig::default(),
            notify: NotifyConfig::default(),
            calendar: CalendarConfig::default(),
            mail: MailConfig::default(),
        }
    }
}

impl Config {
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

    /// The quiet hours (from, to), when there are any.
    pub fn quiet_hours(&self) -> Option<(chrono::NaiveTime, chrono::NaiveTime)> {
        check::quiet_hours(&self.notify.quiet_hours).ok().flatten()
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
#[cfg(test)]
mod tests {
    use std::path::Path;

    use chrono::NaiveTime;

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
