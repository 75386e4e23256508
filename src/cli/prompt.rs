//! `nudge prompt`: a few characters for the shell prompt. It only reads, through the store's
//! read-only counts, and prints nothing at all when nothing is due.

use std::io::Write;

use super::args::PromptArgs;
use super::{Failure, Handled, Session};
use crate::ops::OpError;
use crate::store::{PromptCounts, prompt_counts};

pub const DEFAULT: &str = "⏰{due} ⚠{tight}";
pub const DEFAULT_ASCII: &str = "!{due} ^{tight}";
const PLACEHOLDERS: &str = "{checks}, {needby}, {due} or {tight}";

/// The segment `format` makes of `counts`. Each space-separated part that holds placeholders
/// is left out when all of them are 0; empty when nothing is left. The unknown placeholder is
/// the error.
pub fn segment(format: &str, counts: &PromptCounts) -> Result<String, String> {
    let mut parts = Vec::new();
    let (mut numbers, mut shown) = (false, false);
    for part in format.split(' ') {
        let mut text = String::new();
        let mut any = false;
        let mut nonzero = false;
        let mut rest = part;
        while let Some(open) = rest.find('{') {
            text.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                return Err(format!("`{part}` opens a {{ it never closes"));
            };
            let name = &rest[open + 1..open + close];
            let value = match name {
                "checks" => counts.checks,
                "needby" => counts.need_by,
                "due" => counts.due,
                "tight" => counts.tight,
                _ => return Err(format!("unknown placeholder {{{name}}}")),
            };
            any = true;
            nonzero |= value > 0;
            text.push_str(&value.to_string());
            rest = &rest[open + close + 1..];
        }
        text.push_str(rest);
        numbers |= any;
        shown |= nonzero;
        if !any || nonzero {
            parts.push(text);
        }
    }
    // Literal parts only show beside a number that does.
    if numbers && !shown {
        return Ok(String::new());
    }
    Ok(parts.join(" ").trim().to_string())
}

pub fn prompt(session: &mut Session, out: &mut dyn Write, args: &PromptArgs) -> Handled {
    let format = args.format.as_deref().unwrap_or(if session.looks.ascii {
        DEFAULT_ASCII
    } else {
        DEFAULT
    });
    let now = session.ctx.now;
    let tight = chrono::Duration::hours(i64::from(session.config.tight_window_hours));
    let counts = prompt_counts(&session.db_path, now.timestamp(), (now + tight).timestamp())?
        .unwrap_or_default();
    let text = segment(format, &counts).map_err(|why| {
        Failure::Op(OpError::Input(format!(
            "--format: {why}; use {PLACEHOLDERS} (e.g. --format '⏰{{due}} ⚠{{tight}}')"
        )))
    })?;
    if text.is_empty() {
        return Ok(());
    }
    writeln!(out, "{text}").map_err(Failure::from_io)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(checks: u64, need_by: u64, due: u64, tight: u64) -> PromptCounts {
        PromptCounts {
            checks,
            need_by,
            due,
            tight,
        }
    }

    #[test]
    fn each_state() {
        assert_eq!(segment(DEFAULT, &counts(3, 1, 3, 1)), Ok("⏰3 ⚠1".into()));
        assert_eq!(segment(DEFAULT, &counts(3, 0, 3, 0)), Ok("⏰3".into()));
        assert_eq!(segment(DEFAULT, &counts(0, 0, 0, 2)), Ok("⚠2".into()));
        assert_eq!(segment(DEFAULT, &counts(0, 0, 0, 0)), Ok(String::new()));
        assert_eq!(
            segment(DEFAULT_ASCII, &counts(2, 2, 4, 1)),
            Ok("!4 ^1".into())
        );
    }

    #[test]
    fn custom_formats() {
        let c = counts(2, 5, 6, 0);
        assert_eq!(
            segment("[{checks}/{needby}] late:{tight}", &c),
            Ok("[2/5]".into())
        );
        assert_eq!(segment("nudge: {due}", &c), Ok("nudge: 6".into()));
        assert_eq!(segment("nudge: {tight}", &c), Ok(String::new()));
        assert_eq!(segment("plain", &c), Ok("plain".into()));
    }

    #[test]
    fn bad_formats_name_the_fault() {
        let c = counts(1, 1, 1, 1);
        assert_eq!(
            segment("{late}", &c),
            Err("unknown placeholder {late}".into())
        );
        assert!(segment("{due", &c).unwrap_err().contains("never closes"));
    }
}
