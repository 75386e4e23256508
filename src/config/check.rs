//! The checks a settings file must pass beyond its shape: times of day, work days, the clipboard,
//! the templates, the theme.

use chrono::NaiveTime;

use super::{CLIPBOARD_METHODS, Config};

/// A setting that should be a time of day and is not.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a time of day; use 24-hour HH:MM, like \"17:30\"")]
pub struct NotATime(pub String);

impl Config {
    pub(super) fn validate(&self) -> Result<(), (String, String)> {
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
            (
                "notify.every_minutes",
                self.notify.every_minutes,
                1..=24 * 60,
            ),
            (
                "calendar.alarm_minutes",
                self.calendar.alarm_minutes,
                0..=7 * 24 * 60,
            ),
            ("mail.every_minutes", self.mail.every_minutes, 0..=24 * 60),
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
        quiet_hours(&self.notify.quiet_hours).map_err(|p| ("notify.quiet_hours", p))?;
        if let Some(url) = &self.calendar.url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            return Err((
                "calendar.url",
                format!("\"{url}\" is not a web address; use https://host/path/to/calendar/"),
            ));
        }
        if self.calendar.password.is_some() && self.calendar.password_command.is_some() {
            return Err((
                "calendar.password",
                "give password or password_command, not both".into(),
            ));
        }
        if let Some(bad) = self
            .mail
            .me
            .iter()
            .find(|a| !crate::domain::mail::is_address(a))
        {
            return Err((
                "mail.me",
                format!("\"{bad}\" is not a mail address; use me@example.com"),
            ));
        }
        Ok(())
    }
}

/// Quiet hours, "HH:MM-HH:MM" (they may run past midnight), or "" for none.
pub(super) fn quiet_hours(text: &str) -> Result<Option<(NaiveTime, NaiveTime)>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let bad =
        || format!("\"{text}\" is not a span of hours; use \"19:00-08:00\", or \"\" for none");
    let (from, to) = text.split_once('-').ok_or_else(bad)?;
    let from = clock_time(from).map_err(|_| bad())?;
    let to = clock_time(to).map_err(|_| bad())?;
    if from == to {
        return Err(bad());
    }
    Ok(Some((from, to)))
}

pub(super) fn clock_time(text: &str) -> Result<NaiveTime, NotATime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| NotATime(text.to_string()))
}

pub(super) fn weekday(text: &str) -> Option<usize> {
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let lower = text.to_lowercase();
    days.iter().position(|d| lower.starts_with(d))
}
