//! `nudge report --day` and `--week`: a day or a week in a page, as Markdown or JSON.

use std::io::Write;

use chrono::NaiveDate;

use super::args::{Format, ReportArgs};
use super::{Failure, Handled, Session, say_data};
use crate::ops::{self, OpError};
use crate::when;

pub fn report(session: &mut Session, out: &mut dyn Write, args: &ReportArgs) -> Handled {
    let ctx = session.ctx.clone();
    let date = match &args.date {
        None => ctx.now.date_naive(),
        Some(text) => parse_date(text, &ctx)?,
    };
    let store = session.store()?;
    let reader = store.reader();
    let (json, markdown) = if args.week {
        let report = ops::week_report(&reader, &ctx, date)?;
        (to_json(&report)?, report.markdown())
    } else {
        let report = ops::day_report(&reader, &ctx, date)?;
        let title = date.format("%A %-d %B %Y").to_string();
        (to_json(&report)?, report.markdown(&title))
    };
    match args.format {
        Format::Json => say_data(out, &json),
        Format::Md => out.write_all(markdown.as_bytes()).map_err(Failure::from_io),
    }
}

fn to_json(report: &impl serde::Serialize) -> Result<String, Failure> {
    crate::text::to_json(report, true)
        .map_err(|e| Failure::Op(OpError::Input(format!("cannot write JSON: {e}"))))
}

/// A report date: `2026-11-27`, or any WHEN form (`yesterday` is not one; `mon`, `dec 3`, …),
/// or `today`.
pub fn parse_date(text: &str, ctx: &ops::Context) -> Result<NaiveDate, OpError> {
    if let Ok(date) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        return Ok(date);
    }
    if text.trim().eq_ignore_ascii_case("yesterday") {
        return Ok(ctx
            .now
            .date_naive()
            .pred_opt()
            .unwrap_or(ctx.now.date_naive()));
    }
    when::parse(text, &ctx.now, &ctx.week())
        .map(|m| m.date_naive())
        .map_err(|e| OpError::Input(format!("--date: {e}")))
}
