//! `nudge calendar push|pull`: the [calendar] settings, the password, and the report.

use std::io::Write;

use super::args::CalendarAction;
use super::{Failure, Handled, Session, say, say_data};
use crate::calendar::dav::Collection;
use crate::config::CalendarConfig;
use crate::ops::OpError;
use crate::ops::calendar::{self, CalendarError};

/// Exit code when the server cannot be reached or refuses.
const UNAVAILABLE: i32 = 3;

fn bad(message: String) -> Failure {
    Failure::Op(OpError::Input(message))
}

fn failed(error: CalendarError) -> Failure {
    match error {
        CalendarError::Op(e) => Failure::Op(e),
        CalendarError::Dav(e) => {
            tracing::warn!(error = %e, "calendar");
            eprintln!("nudge: {}", crate::text::terminal_safe(&e.to_string()));
            Failure::Exit(UNAVAILABLE)
        }
    }
}

/// The password: as written in the config, or what `password_command` prints (its first line).
fn password(config: &CalendarConfig) -> Result<Option<String>, Failure> {
    if let Some(password) = &config.password {
        return Ok(Some(password.clone()));
    }
    let Some(command) = &config.password_command else {
        return Ok(None);
    };
    let output = std::process::Command::new("sh")
        .args(["-c", command])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| bad(format!("[calendar] password_command could not run: {e}")))?;
    if !output.status.success() {
        return Err(bad(format!(
            "[calendar] password_command `{command}` failed ({})",
            output.status
        )));
    }
    let text = String::from_utf8(output.stdout)
        .map_err(|_| bad("[calendar] password_command printed bytes that are not UTF-8".into()))?;
    Ok(Some(text.lines().next().unwrap_or("").to_string()))
}

fn collection(config: &CalendarConfig) -> Result<Collection, Failure> {
    let url = config.url.as_deref().ok_or_else(|| {
        bad(
            "the calendar is not set up: add `url = \"https://…/calendar/\"` (and user, \
             password_command) under [calendar] in the config file; `nudge config init` \
             writes a commented example"
                .into(),
        )
    })?;
    Collection::new(url, config.user.clone(), password(config)?)
        .map_err(|e| failed(CalendarError::Dav(e)))
}

pub fn calendar(session: &mut Session, out: &mut dyn Write, action: CalendarAction) -> Handled {
    let dav = collection(&session.config.calendar)?;
    let ctx = session.ctx.clone();
    let store = session.store()?;
    match action {
        CalendarAction::Push { json } => {
            let pushed = calendar::push(store, &ctx, &dav).map_err(failed)?;
            if json {
                let value = serde_json::json!({
                    "created": pushed.created,
                    "updated": pushed.updated,
                    "deleted": pushed.deleted,
                    "unchanged": pushed.unchanged,
                    "changed_there": pushed.changed_there,
                });
                return say_data(out, &value.to_string());
            }
            say(
                out,
                &format!(
                    "Calendar: {} new, {} updated, {} removed, {} unchanged.",
                    pushed.created, pushed.updated, pushed.deleted, pushed.unchanged
                ),
            )?;
            for title in &pushed.changed_there {
                say(
                    out,
                    &format!(
                        "  left as it is there (changed on the phone since): {title} — `nudge calendar pull` first"
                    ),
                )?;
            }
            Ok(())
        }
        CalendarAction::Pull { json } => {
            let pulled = calendar::pull(store, &ctx, &dav).map_err(failed)?;
            if json {
                let value = serde_json::json!({ "changes": pulled.lines, "gone": pulled.gone });
                return say_data(out, &value.to_string());
            }
            if pulled.lines.is_empty() {
                say(
                    out,
                    "Nothing was ticked off on the calendar since the last pull.",
                )?;
            }
            for line in &pulled.lines {
                say(out, line)?;
            }
            if !pulled.lines.is_empty() {
                say(out, "(`nudge undo` takes all of it back)")?;
            }
            Ok(())
        }
    }
}
