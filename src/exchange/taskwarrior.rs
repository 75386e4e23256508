//! Taskwarrior's `task export`: pending tasks become deadlines, or asks when tagged +ask or
//! +waiting or carrying wait: (with the person from a @name in the description). Every task that
//! is left out is counted with its reason.

use chrono::{NaiveDateTime, TimeZone, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::BadFile;
use crate::domain::schedule::CheckBackRule;
use crate::domain::{Item, Kind};
use crate::when::{self, Moment, WorkWeek};

#[derive(Debug, Deserialize)]
struct Task {
    uuid: String,
    description: String,
    status: String,
    entry: Option<String>,
    modified: Option<String>,
    due: Option<String>,
    wait: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    project: Option<String>,
    #[serde(default)]
    annotations: Vec<Annotation>,
}

#[derive(Debug, Deserialize)]
struct Annotation {
    description: String,
}

/// What the import makes of a Taskwarrior export.
#[derive(Debug, Default)]
pub struct Plan {
    /// Items to import, with the person's name for asks. Their UUIDs are Taskwarrior's, so
    /// importing the same export again changes nothing.
    pub items: Vec<(Item, Option<String>)>,
    /// (description, reason) of each task left out.
    pub skipped: Vec<(String, String)>,
}

/// `rule` sets an ask's first check-back when the task has no `wait:` (which, for an ask, is when
/// to look again).
pub fn plan(
    text: &str,
    now: &Moment,
    week: &WorkWeek,
    rule: &CheckBackRule,
) -> Result<Plan, BadFile> {
    let value: Value = serde_json::from_str(text).map_err(|e| BadFile(format!("not JSON: {e}")))?;
    let Value::Array(records) = value else {
        return Err(BadFile(
            "not a Taskwarrior export: expected a list of tasks (from `task export`)".into(),
        ));
    };
    let mut plan = Plan::default();
    for (i, record) in records.into_iter().enumerate() {
        let number = i + 1;
        let task: Task =
            serde_json::from_value(record).map_err(|e| BadFile(format!("task {number}: {e}")))?;
        let time = |field: &str, value: &Option<String>| task_time(number, field, value, now, week);
        let times = TaskTimes {
            due: time("due", &task.due)?,
            wait: time("wait", &task.wait)?,
            entry: time("entry", &task.entry)?.unwrap_or(*now),
            modified: time("modified", &task.modified)?,
        };
        match task_item(&task, &times, rule) {
            Ok(planned) => plan.items.push(planned),
            Err(why) => plan.skipped.push((task.description, why)),
        }
    }
    Ok(plan)
}

/// One task's times, read and checked.
struct TaskTimes {
    due: Option<Moment>,
    wait: Option<Moment>,
    entry: Moment,
    modified: Option<Moment>,
}

/// Reads one of a task's dates; the error names the task and the field.
fn task_time(
    number: usize,
    field: &str,
    value: &Option<String>,
    now: &Moment,
    week: &WorkWeek,
) -> Result<Option<Moment>, BadFile> {
    let Some(v) = value.as_deref() else {
        return Ok(None);
    };
    let moment = tw_time(v, now, week).ok_or_else(|| {
        BadFile(format!(
            "task {number}: field `{field}`: \"{v}\" is not a Taskwarrior date"
        ))
    })?;
    if !when::writable(moment.timestamp()) {
        return Err(BadFile(format!(
            "task {number}: field `{field}`: \"{v}\" {}",
            when::NOT_WRITABLE
        )));
    }
    Ok(Some(moment))
}

/// The item a task becomes, or why it is skipped.
fn task_item(
    task: &Task,
    times: &TaskTimes,
    rule: &CheckBackRule,
) -> Result<(Item, Option<String>), String> {
    if !matches!(task.status.as_str(), "pending" | "waiting") {
        return Err(format!("{} in Taskwarrior", task.status));
    }
    let is_ask = task.tags.iter().any(|t| t == "ask" || t == "waiting")
        || times.wait.is_some()
        || task.status == "waiting";
    let mut tags: Vec<String> = task
        .tags
        .iter()
        .filter(|t| *t != "ask" && *t != "waiting")
        .map(|t| t.to_lowercase())
        .collect();
    if let Some(project) = task.project.as_deref().filter(|p| !p.is_empty()) {
        tags.push(project.to_lowercase().replace(' ', "-"));
    }
    let notes = task
        .annotations
        .iter()
        .map(|a| a.description.clone())
        .collect::<Vec<_>>()
        .join("\n");
    let (title, person) = split_person(&task.description);
    let entry = times.entry;
    let mut item = Item {
        uuid: task.uuid.clone(),
        tags,
        notes,
        created_at: entry,
        updated_at: times.modified.unwrap_or(entry),
        ..Item::blank(if is_ask { Kind::Ask } else { Kind::Deadline }, entry)
    };
    if is_ask {
        if person.is_none() {
            return Err("an ask (+ask, +waiting or wait:) without a @name".into());
        }
        item.title = title;
        item.asked_at = Some(entry);
        item.need_by = times.due;
        item.next_check = Some(
            times
                .wait
                .unwrap_or_else(|| rule.first(&entry, times.due.as_ref())),
        );
        item.channel = Some(crate::domain::Channel::Email);
    } else {
        let Some(due) = times.due else {
            return Err("no due date (a deadline needs one)".into());
        };
        item.title = task.description.clone();
        item.due = Some(due);
    }
    if item.title.trim().is_empty() {
        return Err("no description".into());
    }
    Ok((item, person))
}

/// "20261204T170000Z". A time of exactly midnight is Taskwarrior's way of saying a date, and a
/// date in nudge means the end of the workday.
fn tw_time(text: &str, now: &Moment, week: &WorkWeek) -> Option<Moment> {
    let naive = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%SZ").ok()?;
    let moment = Utc.from_utc_datetime(&naive).with_timezone(&now.timezone());
    if moment.time() == chrono::NaiveTime::MIN {
        return Some(when::local(
            &now.timezone(),
            moment.date_naive(),
            week.end_of_day,
        ));
    }
    Some(moment)
}

/// "@dana customer quotes" → ("customer quotes", Some("dana")); "pricing from @Sam" →
/// ("pricing from Sam", Some("Sam")).
fn split_person(description: &str) -> (String, Option<String>) {
    let mut person = None;
    let mut words = Vec::new();
    for (i, word) in description.split_whitespace().enumerate() {
        if let Some(name) = word
            .strip_prefix('@')
            .map(|n| n.trim_end_matches([',', '.', ';', ':']))
            && !name.is_empty()
            && person.is_none()
        {
            person = Some(name.to_string());
            if i > 0 {
                words.push(crate::domain::person::display_name(name));
            }
            continue;
        }
        words.push(word.to_string());
    }
    (words.join(" "), person)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::when::testing::london;

    fn now() -> Moment {
        london()
            .with_ymd_and_hms(2026, 11, 28, 9, 0, 0)
            .earliest()
            .expect("moment")
    }

    #[test]
    fn people_come_out_of_descriptions() {
        assert_eq!(
            split_person("@dana customer quotes"),
            ("customer quotes".into(), Some("dana".into()))
        );
        assert_eq!(
            split_person("pricing from @Sam."),
            ("pricing from Sam".into(), Some("Sam".into()))
        );
        assert_eq!(split_person("no person"), ("no person".into(), None));
    }

    #[test]
    fn skipped_tasks_say_why() {
        let text = r#"[
          {"uuid":"a","description":"done thing","status":"completed","entry":"20261101T000000Z"},
          {"uuid":"b","description":"someday","status":"pending","entry":"20261101T100000Z"},
          {"uuid":"c","description":"quotes","status":"pending","tags":["ask"],"entry":"20261101T100000Z"}
        ]"#;
        let plan = plan(
            text,
            &now(),
            &WorkWeek::default(),
            &CheckBackRule::default(),
        )
        .expect("plan");
        assert!(plan.items.is_empty());
        let reasons: Vec<&str> = plan.skipped.iter().map(|(_, r)| r.as_str()).collect();
        assert_eq!(
            reasons,
            vec![
                "completed in Taskwarrior",
                "no due date (a deadline needs one)",
                "an ask (+ask, +waiting or wait:) without a @name"
            ]
        );
    }

    #[test]
    fn bad_dates_name_the_task_and_field() {
        let text = r#"[{"uuid":"a","description":"x","status":"pending","due":"tomorrow"}]"#;
        let err = plan(
            text,
            &now(),
            &WorkWeek::default(),
            &CheckBackRule::default(),
        )
        .expect_err("bad");
        assert_eq!(
            err.0,
            "task 1: field `due`: \"tomorrow\" is not a Taskwarrior date"
        );
        let err = plan(
            "{\"a\":1}",
            &now(),
            &WorkWeek::default(),
            &CheckBackRule::default(),
        )
        .expect_err("bad");
        assert!(err.0.contains("expected a list of tasks"));
    }
}
