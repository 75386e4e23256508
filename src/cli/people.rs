//! `critique`, `proofing`, `person`, `favor`.

use std::io::Write;

use super::args::{
    CritiqueArgs, FavorArgs, FavorWay, MeetArgs, PersonArgs, ProofingArgs, ProofingStep,
};
use super::capture::print;
use super::{Handled, Session, say};
use crate::capture::line_from_args;
use crate::domain::Status;
use crate::domain::critique::Response;
use crate::domain::favor::Direction;
use crate::ops::{self, PersonChange};

pub fn critique(session: &mut Session, out: &mut dyn Write, args: &CritiqueArgs) -> Handled {
    let response = if args.style_guide {
        Response::StyleGuide
    } else if args.fixed {
        Response::Fixed
    } else if args.let_go {
        Response::LetGo
    } else {
        Response::Invite
    };
    let ctx = session.ctx.clone();
    let captured = ops::critique(
        session.store()?,
        &ctx,
        &line_from_args(&args.words),
        response,
    )?;
    print(out, &captured)
}

pub fn proofing(session: &mut Session, out: &mut dyn Write, args: &ProofingArgs) -> Handled {
    let ctx = session.ctx.clone();
    if let Some(step) = args.step {
        let status = match step {
            ProofingStep::Sent => Status::Sent,
            ProofingStep::Accepted => Status::Accepted,
            ProofingStep::Declined => Status::Declined,
            ProofingStep::Done => Status::Proofed,
        };
        say(
            out,
            &ops::proofing_status(session.store()?, &ctx, args.item.id, status)?,
        )?;
    }
    if args.draft {
        if args.step.is_some() {
            say(out, "")?;
        }
        say(out, &ops::draft(session.store()?, &ctx, args.item.id)?)?;
    }
    Ok(())
}

pub fn person(session: &mut Session, out: &mut dyn Write, args: &PersonArgs) -> Handled {
    let change = PersonChange {
        team: args.team.clone(),
        expertise: args.expert.as_deref().map(ops::expertise_list),
        prefers: args.prefers,
        note: args.note.as_ref().map(|words| words.join(" ")),
        emails: if args.email.is_empty() {
            None
        } else {
            Some(ops::email_list(&args.email.join(","))?)
        },
        every: args.every.map(|r| r.0),
        rename: args.name.as_deref().map(ops::check_name).transpose()?,
        greeting: args
            .first
            .as_ref()
            .map(|f| Some(f.trim().to_string()).filter(|f| !f.is_empty())),
        aliases: args
            .alias
            .as_deref()
            .map(|list| {
                list.split(',')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(ops::check_name)
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?,
    };
    let ctx = session.ctx.clone();
    say(
        out,
        &ops::person(session.store()?, &ctx, &args.person, &change)?,
    )
}

pub fn favor(session: &mut Session, out: &mut dyn Write, args: &FavorArgs) -> Handled {
    let direction = match args.way {
        FavorWay::Gave => Direction::Gave,
        FavorWay::Got => Direction::Got,
    };
    let ctx = session.ctx.clone();
    let captured = ops::favor(
        session.store()?,
        &ctx,
        direction,
        &line_from_args(&args.words),
    )?;
    print(out, &captured)
}

/// `nudge meet @dana`: person mode as a page; `--walked` logs the visit.
pub fn meet(session: &mut Session, out: &mut dyn Write, args: &MeetArgs) -> Handled {
    let ctx = session.ctx.clone();
    let name = &crate::domain::person::typed_name(&args.name);
    let store = session.store()?;
    let Some(person) = store.reader().person_named(name)? else {
        return Err(super::Failure::Op(ops::OpError::Input(format!(
            "there is no @{name} among your people; `nudge list people` shows them"
        ))));
    };
    if args.walked {
        return say(out, &ops::met(store, &ctx, person.id, None)?);
    }
    let meeting = ops::meeting(&store.reader(), &ctx, person.id)?;
    say(out, &crate::text::inert(&person.name))?;
    for (kind, line, _) in meeting.lines(&ctx.now) {
        if kind == ops::LineKind::Heading {
            say(out, "")?;
        }
        say(out, &crate::text::inert(&line))?;
    }
    Ok(())
}
