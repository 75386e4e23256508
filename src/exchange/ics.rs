//! iCalendar (RFC 5545): open deadlines as events, check-backs as to-dos, each with an alarm.
//! UIDs are the records' UUIDs, so a calendar subscribed to the file updates its entries instead
//! of duplicating them. Lines are folded at 75 octets and text is escaped.

use chrono::{DateTime, Utc};

use crate::domain::{Item, Kind};

/// The calendar for these items (open deadlines and open asks; others are left out). DTSTAMP is
/// when the item last changed, so the file only changes when the items do.
pub fn calendar(items: &[Item]) -> String {
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//nudge//nudge//EN");
    out.line("CALSCALE:GREGORIAN");
    out.line("X-WR-CALNAME:nudge");
    for item in items.iter().filter(|i| i.is_open()) {
        component(&mut out, item);
    }
    out.line("END:VCALENDAR");
    out.0
}

/// Content lines, each folded and ended with CRLF.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn line(&mut self, text: &str) {
        self.0.push_str(&fold(text));
        self.0.push_str("\r\n");
    }

    fn alarm(&mut self, trigger: &str, text: &str) {
        self.line("BEGIN:VALARM");
        self.line("ACTION:DISPLAY");
        self.line(&format!("TRIGGER:{trigger}"));
        self.line(&format!("DESCRIPTION:{}", escape(text)));
        self.line("END:VALARM");
    }
}

/// An open item's event or to-do: a deadline with a due time, an ask with a check-back.
fn component(out: &mut Lines, item: &Item) {
    match item.kind {
        Kind::Deadline => {
            if let Some(due) = item.due {
                deadline_event(out, item, &due.with_timezone(&Utc));
            }
        }
        Kind::Ask => {
            if let Some(check) = item.next_check {
                checkback_todo(out, item, &check.with_timezone(&Utc));
            }
        }
        Kind::Proofing => {}
    }
}

/// A deadline as a half-hour event ending when it is due, with an alarm an hour before.
fn deadline_event(out: &mut Lines, item: &Item, due: &DateTime<Utc>) {
    out.line("BEGIN:VEVENT");
    out.line(&format!("UID:{}@nudge", item.uuid));
    out.line(&format!(
        "DTSTAMP:{}",
        utc(&item.updated_at.with_timezone(&Utc))
    ));
    out.line(&format!(
        "DTSTART:{}",
        utc(&(*due - chrono::Duration::minutes(30)))
    ));
    out.line(&format!("DTEND:{}", utc(due)));
    out.line(&format!(
        "SUMMARY:{}",
        escape(&format!("Due: {}", item.title))
    ));
    if !item.tags.is_empty() {
        let tags: Vec<String> = item.tags.iter().map(|t| escape(t)).collect();
        out.line(&format!("CATEGORIES:{}", tags.join(",")));
    }
    if !item.notes.is_empty() {
        out.line(&format!("DESCRIPTION:{}", escape(&item.notes)));
    }
    out.alarm("-PT1H", &format!("Due in an hour: {}", item.title));
    out.line("END:VEVENT");
}

/// An ask's check-back as a to-do due when it is time to look again.
fn checkback_todo(out: &mut Lines, item: &Item, check: &DateTime<Utc>) {
    let who = item.person.as_deref().unwrap_or("them");
    out.line("BEGIN:VTODO");
    out.line(&format!("UID:{}@nudge", item.uuid));
    out.line(&format!(
        "DTSTAMP:{}",
        utc(&item.updated_at.with_timezone(&Utc))
    ));
    out.line(&format!("DUE:{}", utc(check)));
    out.line(&format!(
        "SUMMARY:{}",
        escape(&format!("Check back with {who}: {}", item.title))
    ));
    let mut description = Vec::new();
    if let Some(need_by) = item.need_by {
        description.push(format!("Need by {}", need_by.format("%a %-d %b %H:%M")));
    }
    if let Some(why) = &item.why {
        description.push(format!("Why: {why}"));
    }
    description.push(format!("nudge followup {} logs the chase", item.id));
    out.line(&format!("DESCRIPTION:{}", escape(&description.join("\n"))));
    out.line("STATUS:NEEDS-ACTION");
    out.alarm("PT0M", &format!("Check back with {who}"));
    out.line("END:VTODO");
}

fn utc(moment: &DateTime<Utc>) -> String {
    moment.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT values: backslash, semicolon, comma and line breaks escaped; other controls dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Fold a content line at 75 octets, never inside a UTF-8 character; continuation lines start
/// with a space.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lines_within_75_octets_and_characters_whole() {
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&long);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets: {part}", part.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), long);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne\u{1b}"), "a\\, b\\; c\\\\d\\ne");
    }
}
