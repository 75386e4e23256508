//! `nudge notify` (reminders on the desktop, once each) and its timer.

use std::io::Write;

use super::args::NotifyArgs;
use super::{Failure, Handled, Session, say, say_data};
use crate::desktop::bus::{BusError, Notifier};
use crate::desktop::schedule;
use crate::domain::reminder::{Batch, Reminder};
use crate::ops::reminders::{self, TellError, Told};

/// Exit code when the desktop or a remote cannot be reached.
const UNAVAILABLE: i32 = 3;

fn unavailable(error: &BusError) -> Failure {
    tracing::warn!(error = %error, "notify");
    eprintln!("nudge: {error}");
    Failure::Exit(UNAVAILABLE)
}

fn told_failed<E>(error: TellError<E>, shown: impl FnOnce(E) -> Failure) -> Failure {
    match error {
        TellError::Op(e) => Failure::Op(e),
        TellError::Tell(e) => shown(e),
    }
}

/// "Check back with Dana: customer quotes — Call Dana — the email got no answer."
fn line(r: &Reminder) -> String {
    format!("{} — {}", r.summary, r.body)
}

pub fn notify(session: &mut Session, out: &mut dyn Write, args: &NotifyArgs) -> Handled {
    if args.install {
        return install(session, out);
    }
    if args.uninstall {
        return uninstall(out);
    }
    // No database yet: nothing can be due, and a timer must not make one.
    if !session.db_path.exists() {
        return if args.json {
            say_data(out, "[]")
        } else {
            Ok(())
        };
    }
    let ctx = session.ctx.clone();
    if args.peek {
        let store = session.store()?;
        let reader = store.reader();
        let all = reminders::holding_now(&reader, &ctx)?;
        let mut shown = Vec::new();
        for r in all {
            let told = reader.reminder_sent(&r.key, &r.due)?;
            shown.push((r, told));
        }
        if args.json {
            #[derive(serde::Serialize)]
            struct Peeked<'a> {
                #[serde(flatten)]
                reminder: &'a crate::domain::reminder::Reminder,
                told: bool,
            }
            let list: Vec<Peeked<'_>> = shown
                .iter()
                .map(|(reminder, told)| Peeked {
                    reminder,
                    told: *told,
                })
                .collect();
            return say_data(
                out,
                &serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into()),
            );
        }
        for (r, told) in &shown {
            let mark = if *told { "told " } else { "new  " };
            say(out, &format!("{mark}{}", line(r)))?;
        }
        return Ok(());
    }
    if args.print || args.json {
        let mut printed = String::new();
        let told = reminders::tell(session.store()?, &ctx, "print", true, |_| {
            Ok::<(), std::convert::Infallible>(())
        })
        .map_err(|e| told_failed(e, |never| match never {}))?;
        if let Told::Sent(new) = told {
            if args.json {
                printed = json(new.iter());
            } else {
                for r in &new {
                    printed.push_str(&line(r));
                    printed.push('\n');
                }
                printed.pop();
            }
        }
        return if printed.is_empty() && !args.json {
            Ok(())
        } else {
            say_data(out, if printed.is_empty() { "[]" } else { &printed })
        };
    }
    // The desktop: connect first, so a missing service is said before anything is looked at.
    let notifier = Notifier::connect().map_err(|e| unavailable(&e))?;
    let shown = std::cell::Cell::new(0);
    let told = reminders::tell(session.store()?, &ctx, "desktop", true, |batch: &Batch| {
        for r in &batch.each {
            notifier.show(&r.summary, &r.body)?;
        }
        if let Some(rest) = &batch.rest {
            notifier.show(rest, "")?;
        }
        shown.set(batch.each.len() + usize::from(batch.rest.is_some()));
        Ok(())
    })
    .map_err(|e| told_failed(e, |e| unavailable(&e)))?;
    match told {
        Told::Sent(new) if new.is_empty() => Ok(()),
        Told::Sent(new) => {
            let n = new.len();
            let shown = shown.get();
            let server = if notifier.server.is_empty() {
                "notification service"
            } else {
                &notifier.server
            };
            let reminders = format!("{n} reminder{}", if n == 1 { "" } else { "s" });
            let line = if shown == n {
                format!("Told {reminders} ({server}).")
            } else {
                format!(
                    "Told {reminders} in {shown} notification{} ({server}).",
                    if shown == 1 { "" } else { "s" }
                )
            };
            say(out, &line)
        }
        Told::Quiet(why, waiting) if waiting > 0 => say(
            out,
            &format!("Nothing sent: {why}. {waiting} will be told when it ends."),
        ),
        Told::Quiet(..) => Ok(()),
    }
}

fn json<'a>(reminders: impl Iterator<Item = &'a Reminder>) -> String {
    let list: Vec<&Reminder> = reminders.collect();
    serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into())
}

fn install(session: &mut Session, out: &mut dyn Write) -> Handled {
    let dir = unit_dir()?;
    let binary = std::env::current_exe().map_err(|e| {
        Failure::Op(crate::ops::OpError::Input(format!(
            "cannot tell where this nudge binary is ({e}), so no timer could name it"
        )))
    })?;
    let absolute = |p: &std::path::Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let run = schedule::Invocation {
        binary,
        db: absolute(&session.db_path),
        config: absolute(&session.config_source.path),
    };
    let every = session.config.notify.every_minutes;
    let written = schedule::install(&dir, &run, every).map_err(|e| {
        Failure::Op(crate::ops::OpError::Input(format!(
            "cannot write the timer into {}: {e}",
            dir.display()
        )))
    })?;
    for path in &written {
        say(out, &format!("Wrote {}", path.display()))?;
    }
    if schedule::has_systemd(std::env::var_os("PATH").as_deref()) {
        say(out, &format!("Turn it on (every {every} min):"))?;
        say(
            out,
            &format!("  systemctl --user enable --now {}", schedule::TIMER),
        )
    } else {
        let bus = std::env::var("DBUS_SESSION_BUS_ADDRESS").unwrap_or_else(|_| {
            format!("unix:path=/run/user/{}/bus", current_uid().unwrap_or(1000))
        });
        say(
            out,
            &format!(
                "This machine has no systemd user manager; add this line with `crontab -e` instead (every {every} min):"
            ),
        )?;
        say(
            out,
            &format!("  {}", schedule::crontab_line(&run, every, &bus)),
        )
    }
}

fn uninstall(out: &mut dyn Write) -> Handled {
    let dir = unit_dir()?;
    let removed = schedule::uninstall(&dir).map_err(|e| {
        Failure::Op(crate::ops::OpError::Input(format!(
            "cannot remove the timer from {}: {e}",
            dir.display()
        )))
    })?;
    if removed.is_empty() {
        return say(
            out,
            &format!(
                "No nudge timer in {} (nothing to remove; a crontab line is removed with `crontab -e`).",
                dir.display()
            ),
        );
    }
    for path in &removed {
        say(out, &format!("Removed {}", path.display()))?;
    }
    if schedule::has_systemd(std::env::var_os("PATH").as_deref()) {
        say(out, "If it was running, stop it:")?;
        say(
            out,
            &format!(
                "  systemctl --user daemon-reload && systemctl --user stop {}",
                schedule::TIMER
            ),
        )?;
    }
    Ok(())
}

fn unit_dir() -> Result<std::path::PathBuf, Failure> {
    schedule::unit_dir().ok_or_else(|| {
        Failure::Op(crate::ops::OpError::Input(
            "no home directory to put the timer in (set HOME or XDG_CONFIG_HOME)".into(),
        ))
    })
}

/// The user's id, from /proc (for the bus path a crontab line needs).
fn current_uid() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
