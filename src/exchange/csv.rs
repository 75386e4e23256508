//! CSV (RFC 4180): every ask, one row each, under a header row, for a spreadsheet.

use crate::domain::Item;

const HEADER: [&str; 16] = [
    "id",
    "uuid",
    "person",
    "title",
    "status",
    "channel",
    "follow_ups",
    "last_follow_up_via",
    "why",
    "asked_at",
    "need_by",
    "next_check",
    "tags",
    "deadline_id",
    "closed_at",
    "updated_at",
];

/// The header row and one row per ask, lines ending in CRLF as RFC 4180 asks.
pub fn asks(items: &[Item]) -> String {
    let mut out = String::with_capacity(64 + items.len() * 160);
    row(&mut out, HEADER.iter().map(|h| h.to_string()));
    let time = |m: &Option<crate::when::Moment>| m.map(|m| m.to_rfc3339()).unwrap_or_default();
    for item in items {
        row(
            &mut out,
            [
                item.id.to_string(),
                item.uuid.clone(),
                text(item.person.as_deref().unwrap_or_default()),
                text(&item.title),
                item.status.as_str().to_string(),
                item.channel
                    .map(|c| c.as_str().to_string())
                    .unwrap_or_default(),
                item.follow_ups().to_string(),
                item.chased
                    .last
                    .map(|c| c.as_str().to_string())
                    .unwrap_or_default(),
                text(item.why.as_deref().unwrap_or_default()),
                time(&item.asked_at),
                time(&item.need_by),
                time(&item.next_check),
                text(&item.tags.join(" ")),
                item.deadline_id.map(|d| d.to_string()).unwrap_or_default(),
                time(&item.closed_at),
                item.updated_at.to_rfc3339(),
            ],
        );
    }
    out
}

fn row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quote(&cell));
    }
    out.push_str("\r\n");
}

/// A field with a comma, quote or line break is quoted, its quotes doubled.
pub fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// Free text a person typed: a leading = + - @ would make a spreadsheet run it as a formula, so
/// such a cell starts with an apostrophe (shown by spreadsheets as plain text).
pub fn text(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_when_they_must_be() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("@sam"), "'@sam");
        assert_eq!(text("quotes"), "quotes");
    }
}
