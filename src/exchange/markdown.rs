//! Markdown: the open items by pane, for notes, a wiki or an email to yourself.

use crate::domain::{Item, words};
use crate::when::Moment;

/// `# nudge · Sat 28 Nov 2026` then one section per pane, open items only.
pub fn open_items(asks: &[Item], deadlines: &[Item], proofing: &[Item], now: &Moment) -> String {
    let mut out = format!("# nudge · {}\n", now.format("%a %-d %b %Y %H:%M"));
    section(&mut out, "Pending asks", asks, |item| {
        let why = item
            .why
            .as_deref()
            .map(|w| format!(" — why: {w}"))
            .unwrap_or_default();
        format!(
            "**{}** {} · {} · via {}{why}",
            item.person.as_deref().unwrap_or("?"),
            item.title,
            words::status_phrase(item, now),
            item.channel.map(|c| c.label()).unwrap_or("-")
        )
    });
    section(&mut out, "Deadlines", deadlines, |item| {
        let tags = if item.tags.is_empty() {
            String::new()
        } else {
            format!(" · {}", crate::domain::words::hashtags(&item.tags))
        };
        format!(
            "**{}** · {}{tags}",
            item.title,
            words::status_phrase(item, now)
        )
    });
    section(&mut out, "Proofing invitations", proofing, |item| {
        format!(
            "**{}** · {} · {}",
            item.person.as_deref().unwrap_or("?"),
            item.piece.as_deref().unwrap_or(&item.title),
            item.status.label()
        )
    });
    out
}

fn section(out: &mut String, title: &str, items: &[Item], line: impl Fn(&Item) -> String) {
    out.push_str(&format!("\n## {title} ({})\n\n", items.len()));
    if items.is_empty() {
        out.push_str("_None._\n");
    }
    for item in items {
        out.push_str(&format!("- [{}] {}\n", item.id, escape(&line(item))));
    }
}

/// Keep text from the database from turning into Markdown structure.
fn escape(text: &str) -> String {
    crate::text::inert(text).replace('<', "&lt;")
}
