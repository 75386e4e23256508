//! The table that routes each command to its handler.

use std::io::{IsTerminal, Write};

use super::args::{Cli, Command, ExportFormatArg, ImportFormatArg, Shown};
use super::{
    Handled, Session, calendar, capture, change, dashboard, demo, exchange, followup, list, mail,
    people, prompt, remind, report, sync,
};
use crate::ops::{ExportFormat, ImportFormat};
use crate::tui::action::Action;

/// The commands that open the dashboard refuse to start without a terminal to draw on.
fn needs_a_terminal(command: &str, instead: &str) -> Handled {
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        return Ok(());
    }
    Err(super::Failure::Op(crate::ops::OpError::Input(format!(
        "`nudge {command}` needs a terminal: it opens the dashboard. Without one, {instead}"
    ))))
}

/// Route a command to its handler. No command: the dashboard (or, when the output is not a
/// terminal, what `due` prints).
pub fn dispatch(cli: Cli, session: &mut Session, out: &mut dyn Write) -> Handled {
    // NUDGE_FIRST_FRAME=1: draw the dashboard's first frame and exit (for measuring start-up;
    // an environment variable, so it stays out of --help and the completions).
    let first_frame = std::env::var_os("NUDGE_FIRST_FRAME").is_some_and(|v| v == "1");
    match cli.command {
        None if std::io::stdout().is_terminal() || first_frame => {
            dashboard::open(session, first_frame, None)
        }
        None => list::due(session, out, false, None),
        Some(Command::Review) => {
            needs_a_terminal("review", "nudge due lists what needs attention")?;
            dashboard::open(session, false, Some(Action::Review))
        }
        Some(Command::Reflect) => {
            needs_a_terminal(
                "reflect",
                "nudge report --day prints the day; nudge list reflections the past ones",
            )?;
            dashboard::open(session, false, Some(Action::Reflect))
        }
        Some(Command::Report(a)) => report::report(session, out, &a),
        Some(Command::Ask(a)) => capture::ask(session, out, &a),
        Some(Command::Deadline(a)) => capture::deadline(session, out, &a.words),
        Some(Command::List(a)) => list::list(session, out, &a),
        Some(Command::Due(a)) => list::due(session, out, a.json, a.limit),
        Some(Command::Show(a)) => match a.what {
            Shown::Item(id) => list::show(session, out, id),
            Shown::Person(name) => list::show_person(session, out, &name),
        },
        Some(Command::Done(a)) => change::done(session, out, a.item.id, &a.note.join(" ")),
        Some(Command::Drop(a)) => change::drop(session, out, a.id),
        Some(Command::Followup(a)) => followup::followup(session, out, &a),
        Some(Command::Declined(a)) => {
            followup::declined(session, out, a.item.id, &a.note.join(" "))
        }
        Some(Command::Critique(a)) => people::critique(session, out, &a),
        Some(Command::Proofing(a)) => people::proofing(session, out, &a),
        Some(Command::Person(a)) => people::person(session, out, &a),
        Some(Command::Favor(a)) => people::favor(session, out, &a),
        Some(Command::Meet(a)) => people::meet(session, out, &a),
        Some(Command::Checkin(a)) => followup::checkin(session, out, a.stress, &a.note.join(" ")),
        Some(Command::Snooze(a)) => change::snooze(session, out, a.item.id, &a.when.join(" ")),
        Some(Command::Edit(a)) => change::edit(session, out, a.item.id, &a.words),
        Some(Command::Undo) => change::undo(session, out),
        Some(Command::Redo) => change::redo(session, out),
        Some(Command::Sync(a)) => match a.action {
            None => sync::sync(session, out, a.rejoin),
            Some(super::args::SyncAction::Status) => sync::status(session, out),
            Some(super::args::SyncAction::Init(init)) => {
                sync::init(&session.config_source.path.clone(), out, &init)
            }
        },
        Some(Command::Notify(a)) => remind::notify(session, out, &a),
        Some(Command::Prompt(a)) => prompt::prompt(session, out, &a),
        Some(Command::Calendar(a)) => calendar::calendar(session, out, a.action),
        Some(Command::Mail(a)) => mail::mail(session, out, &a.action),
        Some(Command::Demo(a)) => demo::demo(session, out, a.scale, a.force),
        // Answered before the session starts (see `cli::run`).
        Some(Command::Config(a)) => {
            super::config::config(a.action, &session.config_source.clone(), out)
        }
        Some(Command::Completions(a)) => super::config::completions(a.shell, out),
        Some(Command::Man) => super::config::man(out),
        Some(Command::Export(a)) => {
            let format = match a.format {
                ExportFormatArg::Json => ExportFormat::Json,
                ExportFormatArg::Csv => ExportFormat::Csv,
                ExportFormatArg::Ics => ExportFormat::Ics,
                ExportFormatArg::Md => ExportFormat::Md,
            };
            exchange::export(session, out, format, a.output.as_deref(), a.force)
        }
        Some(Command::Import(a)) => {
            let format = a.format.map(|f| match f {
                ImportFormatArg::Json => ImportFormat::Json,
                ImportFormatArg::Taskwarrior => ImportFormat::Taskwarrior,
            });
            exchange::import(session, out, &a.file, format)
        }
    }
}
