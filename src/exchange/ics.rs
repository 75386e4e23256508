//! iCalendar (RFC 5545): open deadlines as events, check-backs as to-dos, each with an alarm.
//! UIDs are the records' UUIDs, so a calendar subscribed to the file updates its entries instead
//! of duplicating them. Lines are folded at 75 octets and text is escaped.

use chrono::{DateTime, Utc};

use crate::domain::{Item, Kind};

/// The calendar for these items (open deadlines and open asks; others are left out). DTSTAMP is
/// when the item last changed, so the file only changes when the items do.
pub fn calendar(items: &[Item]) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&fold(&text));
        out.push_str("\r\n");
    };
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//nudge//nudge//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("X-WR-CALNAME:nudge".into());
    for item in items.iter().filter(|i| i.is_open()) {
        match item.kind {
            Kind::Deadline => {
                let Some(due) = item.due else { continue };
                let due = due.with_timezone(&Utc);
                line("BEGIN:VEVENT".into());
                line(format!("UID:{}@nudge", item.uuid));
                line(format!(
                    "DTSTAMP:{}",
                    utc(&item.updated_at.with_timezone(&Utc))
                ));
                line(format!(
                    "DTSTART:{}",
                    utc(&(due - chrono::Duration::minutes(30)))
                ));
                line(format!("DTEND:{}", utc(&due)));
                line(format!(
                    "SUMMARY:{}",
                    escape(&format!("Due: {}", item.title))
                ));
                if !item.tags.is_empty() {
                    line(format!(
                        "CATEGORIES:{}",
                        item.tags
                            .iter()
                            .map(|t| escape(t))
                            .collect::<Vec<_>>()
                            .join(",")
                    ));
                }
                if !item.notes.is_empty() {
                    line(format!("DESCRIPTION:{}", escape(&item.notes)));
                }
                alarm(
                    &mut line,
                    "-PT1H",
                    &format!("Due in an hour: {}", item.title),
                );
                line("END:VEVENT".into());
            }
            Kind::Ask => {
                let Some(check) = item.next_check else {
                    continue;
                };
                let who = item.person.as_deref().unwrap_or("them");
                line("BEGIN:VTODO".into());
                line(format!("UID:{}@nudge", item.uuid));
                line(format!(
                    "DTSTAMP:{}",
                    utc(&item.updated_at.with_timezone(&Utc))
                ));
                line(format!("DUE:{}", utc(&check.with_timezone(&Utc))));
                line(format!(
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
                line(format!("DESCRIPTION:{}", escape(&description.join("\n"))));
                line("STATUS:NEEDS-ACTION".into());
                alarm(&mut line, "PT0M", &format!("Check back with {who}"));
                line("END:VTODO".into());
            }
            Kind::Proofing => {}
        }
    }
    line("END:VCALENDAR".into());
    out
}

fn alarm(line: &mut impl FnMut(String), trigger: &str, text: &str) {
    line("BEGIN:VALARM".into());
    line("ACTION:DISPLAY".into());
    line(format!("TRIGGER:{trigger}"));
    line(format!("DESCRIPTION:{}", escape(text)));
    line("END:VALARM".into());
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
