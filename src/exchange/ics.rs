//! iCalendar (RFC 5545): open deadlines as events, check-backs as to-dos, each with an alarm.
//! UIDs are the records' UUIDs, so a calendar subscribed to the file updates its entries instead
//! of duplicating them. Lines are folded at 75 octets and text is escaped.

use chrono::{DateTime, Utc};

use crate::domain::{Item, Kind};

/// How long before its moment each kind of entry reminds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alarms {
    pub deadline: chrono::Duration,
    pub check_back: chrono::Duration,
}

/// The exported file's: an hour before a deadline, at the check-back itself.
pub const FILE_ALARMS: Alarms = Alarms {
    deadline: chrono::Duration::hours(1),
    check_back: chrono::Duration::zero(),
};

/// The calendar for these items (open deadlines and open asks; others are left out). DTSTAMP is
/// when the item last changed, so the file only changes when the items do.
pub fn calendar(items: &[Item]) -> String {
    let mut out = Lines::default();
    begin(&mut out);
    out.line("X-WR-CALNAME:nudge");
    for item in items.iter().filter(|i| i.is_open()) {
        component(&mut out, item, &FILE_ALARMS);
    }
    out.line("END:VCALENDAR");
    out.0
}

fn begin(out: &mut Lines) {
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//nudge//nudge//EN");
    out.line("CALSCALE:GREGORIAN");
}

/// What a CalDAV collection holds for one item: each entry is one calendar resource of one
/// component (CalDAV stores one UID per resource).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The component's UID; also its resource's name.
    pub uid: String,
    pub kind: EntryKind,
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A deadline's event, with its alarm.
    Deadline,
    /// A deadline's to-do, to tick off when it is done.
    DeadlineTodo,
    /// An ask's check-back to-do, with its alarm.
    CheckBack,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Deadline => "deadline",
            EntryKind::DeadlineTodo => "deadline_todo",
            EntryKind::CheckBack => "check",
        }
    }

    pub fn from_word(word: &str) -> Option<EntryKind> {
        [
            EntryKind::Deadline,
            EntryKind::DeadlineTodo,
            EntryKind::CheckBack,
        ]
        .into_iter()
        .find(|k| k.as_str() == word)
    }
}

/// The entries of an open item: a deadline's event and to-do, an ask's check-back to-do.
pub fn entries(item: &Item, alarms: &Alarms) -> Vec<Entry> {
    if !item.is_open() {
        return Vec::new();
    }
    let one = |uid: String, kind: EntryKind, write: &dyn Fn(&mut Lines)| {
        let mut out = Lines::default();
        begin(&mut out);
        write(&mut out);
        out.line("END:VCALENDAR");
        Entry {
            uid,
            kind,
            body: out.0,
        }
    };
    match (item.kind, item.due, item.next_check) {
        (Kind::Deadline, Some(due), _) => {
            let due = due.with_timezone(&Utc);
            vec![
                one(
                    format!("{}@nudge", item.uuid),
                    EntryKind::Deadline,
                    &|out| deadline_event(out, item, &due, alarms),
                ),
                one(
                    format!("{}-todo@nudge", item.uuid),
                    EntryKind::DeadlineTodo,
                    &|out| deadline_todo(out, item, &due),
                ),
            ]
        }
        (Kind::Ask, _, Some(check)) => {
            let check = check.with_timezone(&Utc);
            vec![one(
                format!("{}@nudge", item.uuid),
                EntryKind::CheckBack,
                &|out| checkback_todo(out, item, &check, alarms),
            )]
        }
        _ => Vec::new(),
    }
}

/// Whether a to-do as the server now holds it was completed (STATUS:COMPLETED, or a
/// COMPLETED time, as phones set either).
pub fn todo_completed(body: &str) -> bool {
    // Unfold first: a long line continues on lines that start with a space or tab.
    let unfolded = body
        .replace("\r\n ", "")
        .replace("\r\n\t", "")
        .replace("\n ", "");
    let mut in_todo = false;
    for line in unfolded.lines() {
        let line = line.trim_end_matches('\r');
        let name = line
            .split([':', ';'])
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        match name.as_str() {
            "BEGIN" if line.eq_ignore_ascii_case("BEGIN:VTODO") => in_todo = true,
            "END" if line.eq_ignore_ascii_case("END:VTODO") => in_todo = false,
            "STATUS"
                if in_todo
                    && line
                        .rsplit(':')
                        .next()
                        .is_some_and(|v| v.trim().eq_ignore_ascii_case("COMPLETED")) =>
            {
                return true;
            }
            "COMPLETED" if in_todo => return true,
            _ => {}
        }
    }
    false
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
fn component(out: &mut Lines, item: &Item, alarms: &Alarms) {
    match item.kind {
        Kind::Deadline => {
            if let Some(due) = item.due {
                deadline_event(out, item, &due.with_timezone(&Utc), alarms);
            }
        }
        Kind::Ask => {
            if let Some(check) = item.next_check {
                checkback_todo(out, item, &check.with_timezone(&Utc), alarms);
            }
        }
        Kind::Proofing => {}
    }
}

/// An alarm's trigger before the moment: "-PT1H", "-PT15M", "PT0M".
fn before(lead: chrono::Duration) -> String {
    let minutes = lead.num_minutes();
    match minutes {
        0 => "PT0M".to_string(),
        m if m % 60 == 0 => format!("-PT{}H", m / 60),
        m => format!("-PT{m}M"),
    }
}

/// In words: "in an hour", "in 15 minutes", "now".
fn lead_words(lead: chrono::Duration) -> String {
    match lead.num_minutes() {
        0 => "now".to_string(),
        60 => "in an hour".to_string(),
        m if m % 60 == 0 => format!("in {} hours", m / 60),
        1 => "in a minute".to_string(),
        m => format!("in {m} minutes"),
    }
}

/// A deadline's to-do: ticked off on the phone, `calendar pull` marks the deadline done.
fn deadline_todo(out: &mut Lines, item: &Item, due: &DateTime<Utc>) {
    out.line("BEGIN:VTODO");
    out.line(&format!("UID:{}-todo@nudge", item.uuid));
    out.line(&format!(
        "DTSTAMP:{}",
        utc(&item.updated_at.with_timezone(&Utc))
    ));
    out.line(&format!("DUE:{}", utc(due)));
    out.line(&format!(
        "SUMMARY:{}",
        escape(&format!("Finish: {}", item.title))
    ));
    out.line("STATUS:NEEDS-ACTION");
    out.line("END:VTODO");
}

/// A deadline as a half-hour event ending when it is due, with an alarm an hour before.
fn deadline_event(out: &mut Lines, item: &Item, due: &DateTime<Utc>, alarms: &Alarms) {
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
    out.alarm(
        &before(alarms.deadline),
        &format!("Due {}: {}", lead_words(alarms.deadline), item.title),
    );
    out.line("END:VEVENT");
}

/// An ask's check-back as a to-do due when it is time to look again.
fn checkback_todo(out: &mut Lines, item: &Item, check: &DateTime<Utc>, alarms: &Alarms) {
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
    out.alarm(
        &before(alarms.check_back),
        &format!("Check back with {who}"),
    );
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
    fn a_todo_ticked_off_either_way_is_completed() {
        let open = "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:a\r\nSTATUS:NEEDS-ACTION\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
        assert!(!todo_completed(open));
        assert!(todo_completed(&open.replace("NEEDS-ACTION", "COMPLETED")));
        assert!(todo_completed(
            &open.replace("STATUS:NEEDS-ACTION", "COMPLETED:20261128T100000Z")
        ));
        // A completed alarm or event is not the to-do.
        let event = "BEGIN:VEVENT\r\nSTATUS:COMPLETED\r\nEND:VEVENT\r\n";
        assert!(!todo_completed(event));
    }

    #[test]
    fn alarm_leads_as_triggers() {
        assert_eq!(before(chrono::Duration::minutes(15)), "-PT15M");
        assert_eq!(before(chrono::Duration::hours(2)), "-PT2H");
        assert_eq!(before(chrono::Duration::zero()), "PT0M");
        assert_eq!(lead_words(chrono::Duration::hours(1)), "in an hour");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne\u{1b}"), "a\\, b\\; c\\\\d\\ne");
    }
}
