//! `nudge followup`, `nudge declined` and `nudge checkin`.

use std::io::Write;

use super::args::FollowupArgs;
use super::{Handled, Session, say};
use crate::domain::Stress;
use crate::ops;

pub fn followup(session: &mut Session, out: &mut dyn Write, args: &FollowupArgs) -> Handled {
    let ctx = session.ctx.clone();
    if args.draft {
        // Only the message, so it can be piped straight into a clipboard or a mail client.
        return say(out, &ops::draft(session.store()?, &ctx, args.item.id)?);
    }
    let line = ops::follow_up(
        session.store()?,
        &ctx,
        args.item.id,
        args.via,
        &args.note.join(" "),
    )?;
    say(out, &line)
}

pub fn declined(session: &mut Session, out: &mut dyn Write, id: i64, reason: &str) -> Handled {
    let ctx = session.ctx.clone();
    let declined = ops::declined(session.store()?, &ctx, id, reason)?;
    say(out, &declined.line)?;
    if declined.needs_why {
        say(
            out,
            &format!(
                "A re-ask works best when it leads with the objective. Add it with: nudge edit {id} why: …"
            ),
        )?;
    }
    say(out, "")?;
    say(out, "Re-ask draft:")?;
    for line in declined.reask.lines() {
        say(out, &format!("  {line}"))?;
    }
    say(out, "")?;
    say(
        out,
        &format!("Ask again with a new need-by: nudge edit {id} by WHEN"),
    )
}

pub fn checkin(session: &mut Session, out: &mut dyn Write, stress: Stress, note: &str) -> Handled {
    let ctx = session.ctx.clone();
    let checkin = crate::domain::NewCheckin {
        stress,
        note: note.trim().to_string(),
        deadline_id: None,
        slowdown_secs: 0,
        next_action: String::new(),
    };
    say(out, &ops::checkin(session.store()?, &ctx, checkin)?)?;
    if stress.is_high() {
        say(
            out,
            "  Take a minute before the next thing: acknowledge it, feel it, slow it down.",
        )?;
        say(
            out,
            "  Breathe in for 4, hold for 4, out for 4, hold for 4. Then pick one next step.",
        )?;
        let key = session.dashboard_key(crate::tui::action::Action::Checkin);
        say(
            out,
            &format!("  (In the dashboard, {key} guides you through it.)"),
        )?;
    }
    Ok(())
}
