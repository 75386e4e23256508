//! Changing an item with the capture grammar: from the command line (only what the line names),
//! from the dashboard's edit line (the whole item, merged with what changed elsewhere meanwhile),
//! and the item written back as such a line.

use super::capture::{check_deadline_link, describe, stand_in};
use super::{Context, OpError, OpResult, find, label};
use crate::capture::{self, Grammar};
use crate::domain::{Field, Item, Kind, Person, Status, words};
use crate::store::{Reader, Store, WriteError};
use crate::when;

/// How `edit` reads its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditMode {
    /// Only what the line names changes; tags are added (`nudge edit 12 by mon`).
    Merge,
    /// The line is the whole item (the dashboard's editor, prefilled with `capture_line`):
    /// what is left out is cleared.
    Replace,
}

/// Change an item with the capture grammar: `Merge` changes only what the line names (the CLI),
/// `Replace` makes the item what the whole line says (the dashboard's edit line).
pub fn edit(
    store: &mut Store,
    ctx: &Context,
    id: i64,
    line: &str,
    mode: EditMode,
) -> OpResult<String> {
    let change = read_edit(id, line, mode, ctx)?;
    Ok(store.write("edit", &ctx.now, |w| {
        let before = find(&w.reader(), id)?;
        // The person named is added to your people, as in a capture.
        let person = match (&change.person, before.kind) {
            (Some(name), Kind::Ask) => Some(w.person_for(name)?.0),
            _ => None,
        };
        let item = edited(&w.reader(), ctx, &before, &change, mode, person)?;
        if let Some(address) = &change.email {
            keep_item_email(w, &item, address)?;
        }
        if item == before {
            return Ok(format!("Nothing changed: {}", describe(&item, &ctx.now)));
        }
        w.save_item(&item)?;
        let saved = find(&w.reader(), id)?;
        let mut line = format!("Edited: {}", describe(&saved, &ctx.now));
        w.describe(&line)?;
        let deadline = super::capture::linked_deadline(&w.reader(), saved.deadline_id)?;
        for note in super::capture::date_notes(&saved, deadline.as_ref(), ctx) {
            line.push_str(" · ");
            line.push_str(&note);
        }
        Ok(line)
    })?)
}

/// What became of an edit made from a line opened earlier (the dashboard's edit line).
#[derive(Debug, Clone, PartialEq)]
pub enum LineEdit {
    /// Saved (or nothing to save); the line says what happened.
    Saved(String),
    /// The item changed elsewhere meanwhile, in a field the line changes too: nothing was saved.
    /// `current` is the item as it is now, to save the line over it on purpose.
    Conflict { message: String, current: Box<Item> },
}

/// Save the dashboard's edit line, opened on `opened`. When the item changed elsewhere since
/// (another shell, another window), only the fields the line changes are written, so the other
/// change stays; where both changed the same field, nothing is written and the clash is said.
pub fn edit_opened(
    store: &mut Store,
    ctx: &Context,
    line: &str,
    opened: &Item,
) -> OpResult<LineEdit> {
    let id = opened.id;
    let change = read_edit(id, line, EditMode::Replace, ctx)?;
    Ok(store.write("edit", &ctx.now, |w| {
        let current = find(&w.reader(), id)?;
        let person = match (&change.person, opened.kind) {
            (Some(name), Kind::Ask) => Some(w.person_for(name)?.0),
            _ => None,
        };
        let wanted = edited(&w.reader(), ctx, opened, &change, EditMode::Replace, person)?;
        let mine = opened.changed_fields(&wanted);
        if mine.is_empty() {
            return Ok(LineEdit::Saved(format!(
                "Nothing changed: {}",
                describe(&current, &ctx.now)
            )));
        }
        let theirs = opened.changed_fields(&current);
        let item = match merged(wanted, &current, &mine, &theirs) {
            Ok(item) => item,
            Err(message) => {
                return Ok(LineEdit::Conflict {
                    message,
                    current: Box::new(current),
                });
            }
        };
        w.save_item(&item)?;
        let saved = find(&w.reader(), id)?;
        let mut line = format!("Edited: {}", describe(&saved, &ctx.now));
        w.describe(&line)?;
        let kept: Vec<&str> = theirs
            .iter()
            .filter(|f| !mine.contains(f))
            .map(|f| f.label())
            .collect();
        if !kept.is_empty() {
            line.push_str(&format!(
                " · kept what changed elsewhere meanwhile: {}",
                kept.join(", ")
            ));
        }
        let deadline = super::capture::linked_deadline(&w.reader(), saved.deadline_id)?;
        for note in super::capture::date_notes(&saved, deadline.as_ref(), ctx) {
            line.push_str(" · ");
            line.push_str(&note);
        }
        Ok(LineEdit::Saved(line))
    })?)
}

/// The line's fields (`mine`) over the item as it is now (`current`, changed elsewhere in
/// `theirs`); where both changed a field differently, why nothing can be saved.
fn merged(wanted: Item, current: &Item, mine: &[Field], theirs: &[Field]) -> Result<Item, String> {
    if theirs.is_empty() {
        return Ok(wanted);
    }
    let clashes: Vec<Field> = mine
        .iter()
        .copied()
        .filter(|f| theirs.contains(f) && wanted.changed_fields(current).contains(f))
        .collect();
    if !clashes.is_empty() {
        let said: Vec<String> = clashes
            .iter()
            .map(|f| {
                format!(
                    "{} is now {} (yours: {})",
                    f.label(),
                    current.shown(*f),
                    wanted.shown(*f)
                )
            })
            .collect();
        return Err(format!(
            "{} changed elsewhere since this line was opened: {}. Nothing saved",
            label(current),
            said.join("; ")
        ));
    }
    let mut merged = current.clone();
    for field in mine {
        merged.take(&wanted, *field);
    }
    Ok(merged)
}

/// What an edit would make of the item, without saving it (the edit line's live preview).
pub fn preview_edit(
    reader: &Reader<'_>,
    ctx: &Context,
    id: i64,
    line: &str,
    mode: EditMode,
) -> OpResult<String> {
    let change = read_edit(id, line, mode, ctx)?;
    let before = find(reader, id)?;
    let person = match (&change.person, before.kind) {
        (Some(name), Kind::Ask) => Some(
            reader
                .person_named(name)?
                .unwrap_or_else(|| stand_in(name, ctx)),
        ),
        _ => None,
    };
    let item = edited(reader, ctx, &before, &change, mode, person)?;
    Ok(if item == before {
        "Nothing changes yet".to_string()
    } else {
        let mut line = describe(&item, &ctx.now);
        if let Some(why) = item.why.as_ref().filter(|_| item.kind == Kind::Ask) {
            line.push_str(&format!(" · why: {why}"));
        }
        line
    })
}

/// `<dana@acme.com>` in an edit line: kept on the ask's person.
fn keep_item_email(
    w: &mut crate::store::Writer<'_>,
    item: &Item,
    address: &str,
) -> Result<(), WriteError> {
    let person = match item.person_id {
        Some(id) => w.reader().person(id).map_err(WriteError::Store)?,
        None => None,
    };
    let Some(mut person) = person else {
        return Err(WriteError::Input(format!(
            "<{address}> needs a person: {} has none",
            label(item)
        )));
    };
    super::people::keep_email(w, &mut person, address)?;
    Ok(())
}

fn read_edit(id: i64, line: &str, mode: EditMode, ctx: &Context) -> OpResult<capture::Capture> {
    let change = capture::parse(line, Grammar::Edit, &ctx.now, &ctx.week())
        .map_err(|e| OpError::Input(e.to_string()))?;
    if mode == EditMode::Merge && change == capture::Capture::default() {
        return Err(OpError::Input(format!(
            "nothing to change in \"{line}\"; give what is new, e.g. `nudge edit {id} by mon ~call` \
             or `nudge edit {id} new title`"
        )));
    }
    Ok(change)
}

/// The item as `change` leaves it; `person` is the ask's new person when the line names one.
fn edited(
    reader: &Reader<'_>,
    ctx: &Context,
    before: &Item,
    change: &capture::Capture,
    mode: EditMode,
    person: Option<Person>,
) -> Result<Item, WriteError> {
    let mut item = before.clone();
    check_deadline_link(reader, change.deadline)?;
    let replace = mode == EditMode::Replace;
    if !change.title.is_empty() {
        item.title = change.title.clone();
    } else if replace {
        return Err(WriteError::Input("the title cannot be empty".into()));
    }
    if replace {
        item.tags = change.tags.clone();
    } else {
        let both = std::mem::take(&mut item.tags)
            .into_iter()
            .chain(change.tags.iter().cloned());
        item.tags = crate::domain::words::distinct(both);
    }
    for (moment, what) in [
        (&change.due, "the new date"),
        (&change.check, "the check-back"),
    ] {
        if let Some(m) = moment
            && *m <= ctx.now
            && (*moment != before.need_by && *moment != before.due && *moment != before.next_check)
        {
            return Err(WriteError::Input(format!(
                "{what} {} is already past; try a later time",
                words::full(m, &ctx.now)
            )));
        }
    }
    match item.kind {
        Kind::Ask => edit_ask(reader, ctx, before, change, replace, person, item),
        Kind::Deadline | Kind::Proofing => edit_dated(change, replace, item),
    }
}

/// An ask as the line leaves it: its person, why, channel, deadline, need-by (a need-by on a
/// declined or dropped ask asks again) and the check-back that follows.
fn edit_ask(
    reader: &Reader<'_>,
    ctx: &Context,
    before: &Item,
    change: &capture::Capture,
    replace: bool,
    person: Option<Person>,
    mut item: Item,
) -> Result<Item, WriteError> {
    let changed_date =
        |old: Option<when::Moment>, new: Option<when::Moment>| new.is_some() && new != old;
    if let Some(person) = person {
        item.person_id = Some(person.id);
        item.person = Some(person.name);
    }
    if change.why.is_some() || replace {
        item.why = change.why.clone();
    }
    if change.channel.is_some() {
        item.channel = change.channel;
    }
    if change.deadline.is_some() || replace {
        item.deadline_id = change.deadline;
    }
    let reasking = change.due.is_some() && !item.is_open() && item.status != Status::Received;
    let need_by_moved = changed_date(before.need_by, change.due)
        || (replace && change.due.is_none() && before.need_by.is_some())
        || reasking;
    if need_by_moved {
        item.need_by = change.due;
    }
    // A need-by given to a declined or dropped ask is a re-ask: open again.
    if reasking {
        item.status = Status::Open;
        item.closed_at = None;
        item.asked_at = Some(ctx.now);
    }
    let deadline = super::capture::linked_deadline(reader, item.deadline_id)?;
    let chase_by = super::capture::chase_by(item.need_by, deadline.as_ref());
    if changed_date(before.next_check, change.check) {
        // A check-back the line sets is the user's, and an edit keeps it from then on.
        item.next_check = change.check;
        item.check_by_hand = true;
    } else if replace && change.check.is_none() && before.next_check.is_some() {
        // Taken out of the line: the rule picks it again.
        item.next_check = Some(ctx.rule().first(&ctx.now, chase_by.as_ref()));
        item.check_by_hand = false;
    } else if reasking
        || (!item.check_by_hand
            && ((need_by_moved && item.need_by.is_some())
                || (item.deadline_id != before.deadline_id
                    && chase_by.is_some_and(|c| item.next_check.is_some_and(|n| n > c)))))
    {
        // The rule's check-back follows the need-by (a hand-set one stays as it was).
        item.next_check = Some(ctx.rule().first(&ctx.now, chase_by.as_ref()));
        item.check_by_hand = false;
    }
    Ok(item)
}

/// A deadline or an invitation as the line leaves it: only a title, `due WHEN` and #tags.
fn edit_dated(
    change: &capture::Capture,
    replace: bool,
    mut item: Item,
) -> Result<Item, WriteError> {
    if let Some(name) = &change.person
        && !(item.kind == Kind::Proofing && replace)
    {
        return Err(WriteError::Input(format!(
            "{} has no person to change; @{name} belongs in an ask",
            label(&item)
        )));
    }
    if change.channel.is_some() || change.check.is_some() || change.deadline.is_some() {
        return Err(WriteError::Input(format!(
            "{} only takes a title, `due WHEN` and #tags",
            label(&item)
        )));
    }
    if item.kind == Kind::Deadline {
        match change.due {
            Some(due) => item.due = Some(due),
            None if replace => {
                return Err(WriteError::Input("a deadline needs `due WHEN`".into()));
            }
            None => {}
        }
    }
    Ok(item)
}

/// An item written back as a capture line, for editing it in place:
/// `@Dana "customer quotes" by 2026-12-04 17:00 ~call #casestudy why: …`.
pub fn capture_line(item: &Item) -> String {
    let mut parts = Vec::new();
    if item.kind == Kind::Ask
        && let Some(person) = &item.person
    {
        parts.push(format!("@{person}"));
    }
    parts.push(quoted(&item.title));
    let date = match item.kind {
        Kind::Ask => item.need_by.map(|m| ("by", m)),
        Kind::Deadline => item.due.map(|m| ("due", m)),
        Kind::Proofing => None,
    };
    if let Some((word, moment)) = date {
        parts.push(format!("{word} {}", moment.format("%Y-%m-%d %H:%M")));
    }
    if let Some(check) = item
        .next_check
        .filter(|_| item.kind == Kind::Ask && item.is_open())
    {
        parts.push(format!("check {}", check.format("%Y-%m-%d %H:%M")));
    }
    if let Some(channel) = item.channel.filter(|_| item.kind == Kind::Ask) {
        parts.push(format!("~{}", capture_channel_word(channel)));
    }
    if let Some(deadline) = item.deadline_id.filter(|_| item.kind == Kind::Ask) {
        parts.push(format!("for {deadline}"));
    }
    if !item.tags.is_empty() {
        parts.push(crate::domain::words::hashtags(&item.tags));
    }
    // Quoted, so that words typed after it are read as the grammar's again.
    if let Some(why) = item.why.as_ref().filter(|_| item.kind == Kind::Ask) {
        parts.push(format!("why: {}", quoted(why)));
    }
    parts.join(" ")
}

fn capture_channel_word(channel: crate::domain::Channel) -> &'static str {
    match channel {
        crate::domain::Channel::InPerson => "walk",
        other => other.as_str(),
    }
}

/// Quote a title so its words are never read as keywords.
fn quoted(title: &str) -> String {
    if !title.contains('"') {
        format!("\"{title}\"")
    } else if !title.contains(['“', '”']) {
        format!("“{title}”")
    } else {
        title.to_string()
    }
}
