//! Follow-ups and "I don't have time": logging a chase and rescheduling the next check-back,
//! drafting the next message, and the re-ask that leads with the objective.

use super::change::short;
use super::{Context, OpError, OpResult, find, label};
use crate::domain::draft::{self, Facts, Templates};
use crate::domain::{Channel, Item, Kind, Status, escalation, words};
use crate::store::{Reader, Store, WriteError};
use crate::when::Moment;

/// Log a follow-up on an open ask, over `via` (or the suggested next channel), and move its
/// check-back by the rule: halfway to the need-by, at least the next work day; daily once the
/// need-by has passed.
pub fn follow_up(
    store: &mut Store,
    ctx: &Context,
    id: i64,
    via: Option<Channel>,
    note: &str,
) -> OpResult<String> {
    Ok(store.write("followup", &ctx.now, |w| {
        follow_up_in(w, ctx, id, via, note)
    })?)
}

/// The same, inside a transaction already open (a calendar pull logs several in one).
pub(super) fn follow_up_in(
    w: &mut crate::store::Writer<'_>,
    ctx: &Context,
    id: i64,
    via: Option<Channel>,
    note: &str,
) -> Result<String, WriteError> {
    {
        let mut item = find(&w.reader(), id)?;
        must_be_open_ask(&item, "follow up")?;
        let channel = via.unwrap_or_else(|| escalation::next_channel(item.channel, &item.chased));
        w.add_follow_up(id, &ctx.now, channel, note.trim())?;
        let deadline = super::capture::linked_deadline(&w.reader(), item.deadline_id)?;
        let chase_by = super::capture::chase_by(item.need_by, deadline.as_ref());
        let next = ctx.rule().after_follow_up(&ctx.now, chase_by.as_ref());
        item.next_check = Some(next);
        item.check_by_hand = false;
        w.save_item(&item)?;
        let count = item.follow_ups() + 1;
        let line = format!(
            "Followed up {} by {} ({} follow-up) · check back {}",
            short(&item),
            channel.label(),
            ordinal(count),
            words::full(&next, &ctx.now)
        );
        w.describe(&line)?;
        Ok(line)
    }
}

fn must_be_open_ask(item: &Item, doing: &str) -> Result<(), WriteError> {
    if item.kind != Kind::Ask {
        return Err(WriteError::Input(format!(
            "{} is a {}; only asks are followed up",
            label(item),
            item.kind.as_str()
        )));
    }
    super::must_be_open(item, doing)
}

/// "1st", "2nd", "3rd", "4th", "11th".
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// What a drafted message about `item` can say.
fn facts(reader: &Reader<'_>, item: &Item, now: &Moment) -> Result<Facts, OpError> {
    let favor = match item.person_id {
        Some(person) => reader.unreturned_favor(person)?.map(|(what, _)| what),
        None => None,
    };
    let next = escalation::next_channel(item.channel, &item.chased);
    Ok(Facts {
        first_name: super::greeting(reader, item)?,
        title: item.title.clone(),
        need_by: item.need_by.as_ref().map(|m| words::message_day(m, now)),
        when: item.need_by.as_ref().map(|m| words::message_when(m, now)),
        late: item
            .need_by
            .as_ref()
            .filter(|m| *m < now)
            .map(|m| words::message_day(m, now)),
        why: item.why.clone(),
        channel: Some(next.label().to_string()),
        offer: Some(next.offer().to_string()),
        favor,
        piece: item.piece.clone(),
        said: None,
    })
}

/// The message for the next follow-up on an ask; warmer with each one already logged.
pub fn follow_up_draft(
    reader: &Reader<'_>,
    templates: &Templates,
    item: &Item,
    now: &Moment,
) -> Result<String, OpError> {
    let template = templates.get(draft::follow_up_template(item.follow_ups()));
    Ok(draft::render(template, &facts(reader, item, now)?))
}

/// The re-ask after "I don't have time": leads with the objective and asks for a date that works.
pub fn reask_draft(
    reader: &Reader<'_>,
    templates: &Templates,
    item: &Item,
    now: &Moment,
) -> Result<String, OpError> {
    Ok(draft::render(
        templates.get("reask"),
        &facts(reader, item, now)?,
    ))
}

/// The draft that fits an item now: a follow-up for an open ask, a re-ask for a declined one.
pub fn draft_for(
    reader: &Reader<'_>,
    templates: &Templates,
    item: &Item,
    now: &Moment,
) -> Result<Option<String>, OpError> {
    Ok(match (item.kind, item.status) {
        (Kind::Ask, Status::Open) => Some(follow_up_draft(reader, templates, item, now)?),
        (Kind::Ask, Status::Declined) => Some(reask_draft(reader, templates, item, now)?),
        (Kind::Proofing, status) if status.is_open() => {
            Some(super::invite_draft(reader, templates, item, now)?)
        }
        _ => None,
    })
}

/// The print-ready draft for `nudge followup ID --draft`.
pub fn draft(store: &Store, ctx: &Context, id: i64) -> OpResult<String> {
    let reader = store.reader();
    let item = find(&reader, id)?;
    if item.kind == Kind::Deadline {
        return Err(OpError::Input(format!(
            "{} is a deadline; there is nothing to draft",
            label(&item)
        )));
    }
    draft_for(&reader, &ctx.config.templates(), &item, &ctx.now)?.ok_or_else(|| {
        OpError::Input(format!(
            "{} is {}; there is nothing to chase (`nudge edit {id} by WHEN` reopens it)",
            label(&item),
            item.status.label()
        ))
    })
}

/// What `declined` did, and what to do next.
#[derive(Debug, Clone, PartialEq)]
pub struct Declined {
    pub line: String,
    /// The ask has no objective yet: a re-ask works best when it leads with one.
    pub needs_why: bool,
    pub reask: String,
}

/// "They said no": the reason (default "no time") and, after `why:`, the objective the re-ask
/// should lead with: `too busy this week why: the launch deck needs proof points`.
pub fn read_declined(line: &str) -> (String, Option<String>) {
    let (reason, why) = crate::capture::split_why(line);
    let reason = if reason.is_empty() {
        "no time".to_string()
    } else {
        reason
    };
    (reason, why)
}

/// "I don't have time": the ask is declined (it stays in the person's history), with the reason
/// and, when the line gives one, the objective the re-ask leads with (`… why: …`).
pub fn declined(store: &mut Store, ctx: &Context, id: i64, line: &str) -> OpResult<Declined> {
    let (reason, why) = read_declined(line);
    let reason = reason.as_str();
    let item = store.write("declined", &ctx.now, |w| {
        let mut item = find(&w.reader(), id)?;
        must_be_open_ask(&item, "decline")?;
        item.status = Status::Declined;
        item.closed_at = Some(ctx.now);
        item.decline_reason = Some(reason.to_string());
        if why.is_some() {
            item.why = why.clone();
        }
        w.save_item(&item)?;
        w.describe(&format!("Declined ({reason}): {}", short(&item)))?;
        Ok(item)
    })?;
    let reask = reask_draft(&store.reader(), &ctx.config.templates(), &item, &ctx.now)?;
    Ok(Declined {
        line: format!("Declined ({reason}): {}", short(&item)),
        needs_why: item.why.is_none(),
        reask,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101]
            .iter()
            .map(|n| ordinal(*n))
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"
            ]
        );
    }
}
