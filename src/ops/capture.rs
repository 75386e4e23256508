//! Capturing asks and deadlines from one line, and saying how the line was understood.

use super::{Context, OpError, OpResult, Reading};
use crate::capture::{self, Capture, Grammar};
use crate::domain::person::display_name;
use crate::domain::{Channel, Item, Kind, Person, Status, reply, words};
use crate::store::{Reader, Store, WriteError};
use crate::when::Moment;

/// A saved capture: the item, the line that says how it was understood, and any advice.
#[derive(Debug, Clone, PartialEq)]
pub struct Captured {
    pub item: Item,
    pub line: String,
    pub notes: Vec<String>,
}

/// Capture an ask: `@dana customer quotes by fri ~call`.
pub fn capture_ask(store: &mut Store, ctx: &Context, line: &str) -> OpResult<Captured> {
    capture_ask_sent(store, ctx, line, &SentAsk::default())
}

/// What is known of an ask that went out by email (`--message-id`, `--from-mail`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentAsk {
    pub message_id: Option<String>,
    /// The recipient's address, kept on the person.
    pub to: Option<String>,
    /// The sender's address: the user's own (never a reply).
    pub from: Option<String>,
}

/// Capture an ask, with what is known of the message it went out as.
pub fn capture_ask_sent(
    store: &mut Store,
    ctx: &Context,
    line: &str,
    sent: &SentAsk,
) -> OpResult<Captured> {
    let capture = read(line, Grammar::Ask, ctx)?;
    let name = check_ask(&capture, ctx)?;
    let (item, line, person, added, deadline) = store.write("ask", &ctx.now, |w| {
        check_deadline_link(&w.reader(), capture.deadline)?;
        let deadline = linked_deadline(&w.reader(), capture.deadline)?;
        let (mut person, added) = w.person_for(&name)?;
        for address in capture.email.iter().chain(&sent.to) {
            super::people::keep_email(w, &mut person, address)?;
        }
        let item = w.insert_new_item(new_ask(&capture, &person, ctx, deadline.as_ref()))?;
        if let Some(message_id) = &sent.message_id {
            if let Some(other) = w.item_with_message_id(message_id)? {
                return Err(WriteError::Input(format!(
                    "message <{message_id}> is already ask {other}; `nudge show {other}` shows it"
                )));
            }
            w.set_message_id(item.id, message_id)?;
        }
        if let Some(me) = &sent.from {
            w.add_mail_me(me)?;
        }
        // Said once, for the journal and for the user: a line grows with the item's tags.
        let line = describe(&item, &ctx.now);
        w.describe(&format!("Asked: {line}"))?;
        Ok((item, line, person, added, deadline))
    })?;
    let mut notes = ask_notes(&item, Some(&person), deadline.as_ref(), ctx);
    if added && let Some(note) = super::new_person_note(&store.reader(), &person.name, true)? {
        notes.insert(0, note);
    }
    notes.extend(super::ledger_note(
        &store.reader(),
        ctx,
        person.id,
        &person.name,
    )?);
    notes.extend(super::critique::ask_expert_notes(&store.reader(), &item)?);
    Ok(Captured { line, item, notes })
}

/// Capture a deadline: `Q4 launch deck due fri 3pm #launch`.
pub fn capture_deadline(store: &mut Store, ctx: &Context, line: &str) -> OpResult<Captured> {
    let capture = read(line, Grammar::Deadline, ctx)?;
    check_deadline(&capture, ctx)?;
    let (item, line) = store.write("deadline", &ctx.now, |w| {
        let item = w.insert_new_item(new_deadline(&capture, ctx))?;
        let line = describe(&item, &ctx.now);
        w.describe(&format!("Set: {line}"))?;
        Ok((item, line))
    })?;
    let notes = super::expert_notes(&store.reader(), &item.tags, None)?;
    Ok(Captured { line, item, notes })
}

/// The reflection's "first call tomorrow" as a capture line: a call on the next work day, at the
/// time it names ("@dana 9am about the quotes": check back then, and "9am" is not part of the
/// title), or at the start of that day. Times after `by`, `due` or `check` keep their meaning.
pub fn first_call_line(line: &str, ctx: &Context) -> String {
    let week = ctx.week();
    let mut time = None;
    let mut kept: Vec<&str> = Vec::new();
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let after_keyword = kept
            .last()
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "by" | "due" | "check"));
        let clock = |w: &str| crate::when::clock_time(&crate::when::normalize(w), &week);
        if time.is_none() && !after_keyword {
            if word.eq_ignore_ascii_case("at")
                && let Some(found) = words.get(i + 1).and_then(|w| clock(w))
            {
                time = Some(found);
                i += 2;
                continue;
            }
            if let Some(found) = clock(word) {
                time = Some(found);
                i += 1;
                continue;
            }
        }
        kept.push(word);
        i += 1;
    }
    let day = week.add_work_days(ctx.now.date_naive(), 1);
    let at = time.unwrap_or(week.start_of_day);
    let mut line = kept.join(" ");
    if !line.contains('~') {
        line.push_str(" ~call");
    }
    // A `check` of its own wins; `why:` stays last, as it takes the rest of the line.
    if !kept.iter().any(|w| w.eq_ignore_ascii_case("check")) {
        let check = format!("check {} {}", day.format("%Y-%m-%d"), at.format("%H:%M"));
        line = match line.to_lowercase().find("why:") {
            Some(at) => format!("{}{check} {}", &line[..at], &line[at..]),
            None => format!("{line} {check}"),
        };
    }
    line
}

/// How a line would be understood, without saving it (the dashboard's live preview).
pub fn preview(reader: &Reader<'_>, ctx: &Context, kind: Kind, line: &str) -> OpResult<Reading> {
    match kind {
        Kind::Ask => {
            let capture = read(line, Grammar::Ask, ctx)?;
            let name = check_ask(&capture, ctx)?;
            check_deadline_link(reader, capture.deadline)?;
            let deadline = linked_deadline(reader, capture.deadline)?;
            let known = reader.person_named(&name)?;
            let person = known.clone().unwrap_or_else(|| stand_in(&name, ctx));
            let mut item = new_ask(&capture, &person, ctx, deadline.as_ref());
            item.person = Some(person.name.clone());
            let mut notes = ask_notes(&item, Some(&person), deadline.as_ref(), ctx);
            if known.is_none() {
                let note = super::new_person_note(reader, &person.name, false)?;
                notes.splice(0..0, note);
            }
            Ok(Reading {
                line: describe(&item, &ctx.now),
                notes,
            })
        }
        Kind::Deadline => {
            let capture = read(line, Grammar::Deadline, ctx)?;
            check_deadline(&capture, ctx)?;
            Ok(Reading {
                line: describe(&new_deadline(&capture, ctx), &ctx.now),
                notes: Vec::new(),
            })
        }
        Kind::Proofing => Err(OpError::Input(
            "proofing invitations come from critiques".into(),
        )),
    }
}

fn read(line: &str, grammar: Grammar, ctx: &Context) -> OpResult<Capture> {
    capture::parse(line, grammar, &ctx.now, &ctx.week()).map_err(|e| OpError::Input(e.to_string()))
}

/// The person's name, once the line has everything an ask needs.
fn check_ask(capture: &Capture, ctx: &Context) -> OpResult<String> {
    let example = Grammar::Ask.example();
    let Some(name) = capture.person.clone() else {
        return Err(OpError::Input(format!(
            "who is this ask for? add @name\n  e.g. {example}"
        )));
    };
    if capture.title.is_empty() {
        return Err(OpError::Input(format!(
            "what are you asking @{name} for? add a few words\n  e.g. {example}"
        )));
    }
    not_past(capture.due.as_ref(), "the need-by", ctx)?;
    not_past(capture.check.as_ref(), "the check-back", ctx)?;
    Ok(name)
}

fn check_deadline(capture: &Capture, ctx: &Context) -> OpResult<()> {
    let example = Grammar::Deadline.example();
    if let Some(name) = &capture.person {
        return Err(OpError::Input(format!(
            "a deadline is your own; @{name} belongs in an ask (`nudge ask @{name} …`)"
        )));
    }
    if capture.title.is_empty() {
        return Err(OpError::Input(format!(
            "what is due? add a few words\n  e.g. {example}"
        )));
    }
    if capture.due.is_none() {
        return Err(OpError::Input(format!(
            "when is \"{}\" due? add `due WHEN`\n  e.g. {example}",
            capture.title
        )));
    }
    not_past(capture.due.as_ref(), "the due time", ctx)
}

fn not_past(moment: Option<&Moment>, what: &str, ctx: &Context) -> OpResult<()> {
    match moment {
        Some(m) if *m <= ctx.now => Err(OpError::Input(format!(
            "{what} {} is already past; try a later time (tonight, eod, tomorrow)",
            words::full(m, &ctx.now)
        ))),
        _ => Ok(()),
    }
}

/// `for ID` must name an open deadline.
pub(super) fn check_deadline_link(
    reader: &Reader<'_>,
    deadline: Option<i64>,
) -> Result<(), WriteError> {
    let Some(id) = deadline else {
        return Ok(());
    };
    match reader.item(id).map_err(WriteError::Store)? {
        Some(item) if item.kind == Kind::Deadline && item.is_open() => Ok(()),
        Some(item) => Err(WriteError::Input(format!(
            "\"for {id}\" must name an open deadline, and {} {id} is {} {}; `nudge list deadlines` shows them",
            item.kind.title(),
            if item.kind == Kind::Deadline {
                "already"
            } else {
                "an"
            },
            if item.kind == Kind::Deadline {
                item.status.label()
            } else {
                item.kind.as_str()
            }
        ))),
        None => Err(WriteError::Input(format!(
            "there is no deadline {id}; `nudge list deadlines` shows them"
        ))),
    }
}

/// The open deadline an ask feeds, when it feeds one.
pub(super) fn linked_deadline(
    reader: &Reader<'_>,
    deadline: Option<i64>,
) -> Result<Option<Item>, WriteError> {
    let Some(id) = deadline else {
        return Ok(None);
    };
    Ok(reader
        .item(id)
        .map_err(WriteError::Store)?
        .filter(|d| d.kind == Kind::Deadline && d.is_open()))
}

/// The latest an ask's check-back may come: its need-by, or the due time of the deadline it
/// feeds when that comes first (chasing after the deadline is too late to help it).
pub(super) fn chase_by(need_by: Option<Moment>, deadline: Option<&Item>) -> Option<Moment> {
    match (need_by, deadline.and_then(|d| d.due)) {
        (Some(need_by), Some(due)) => Some(need_by.min(due)),
        (need_by, due) => need_by.or(due),
    }
}

fn new_ask(capture: &Capture, person: &Person, ctx: &Context, deadline: Option<&Item>) -> Item {
    let need_by = capture.due;
    let next_check = capture.check.unwrap_or_else(|| {
        ctx.rule()
            .first(&ctx.now, chase_by(need_by, deadline).as_ref())
    });
    Item {
        kind: Kind::Ask,
        title: capture.title.clone(),
        status: Status::Open,
        person_id: Some(person.id),
        person: Some(person.name.clone()),
        usual_reply: person.reply_median,
        why: capture.why.clone(),
        channel: Some(capture.channel.or(person.prefers).unwrap_or(Channel::Email)),
        asked_at: Some(ctx.now),
        need_by,
        next_check: Some(next_check),
        check_by_hand: capture.check.is_some(),
        tags: capture.tags.clone(),
        deadline_id: capture.deadline,
        ..Item::blank(Kind::Ask, ctx.now)
    }
}

fn new_deadline(capture: &Capture, ctx: &Context) -> Item {
    Item {
        title: capture.title.clone(),
        due: capture.due,
        tags: capture.tags.clone(),
        ..Item::blank(Kind::Deadline, ctx.now)
    }
}

/// Someone not yet among your people, as they would be added (for previews).
pub(super) fn stand_in(name: &str, ctx: &Context) -> Person {
    Person {
        id: 0,
        uuid: String::new(),
        name: display_name(name),
        team: None,
        expertise: Vec::new(),
        emails: Vec::new(),
        every_days: None,
        met_at: None,
        aliases: Vec::new(),
        greeting: None,
        notes: String::new(),
        prefers: None,
        reply_median: None,
        created_at: ctx.now,
        updated_at: ctx.now,
    }
}

/// Advice after capturing an ask: a louder channel, whether the need-by leaves them enough time,
/// and dates that come too late for what they feed.
pub(super) fn ask_notes(
    item: &Item,
    person: Option<&Person>,
    deadline: Option<&Item>,
    ctx: &Context,
) -> Vec<String> {
    let mut notes = Vec::new();
    let name = item.person.clone().unwrap_or_else(|| "they".into());
    if let (Some(person), Some(need_by)) = (person, &item.need_by) {
        let available = *need_by - ctx.now;
        if reply::too_tight(available, person.reply_median) {
            let usual = person.reply_median.unwrap_or_default();
            // A day they could really answer by: a work day, at the end of the day.
            let week = ctx.week();
            let mut day = (ctx.now + usual).date_naive();
            while !week.is_work_day(day) {
                day = day.succ_opt().unwrap_or(day);
            }
            let suggested = crate::when::local(&ctx.now.timezone(), day, week.end_of_day);
            notes.push(format!(
                "{name} usually answers in {}; you need it in {} — call instead, or ask for {}?",
                words::span(usual),
                words::span(available),
                words::day(&suggested, &ctx.now)
            ));
        }
    }
    notes.extend(date_notes(item, deadline, ctx));
    if ctx.config.escalation_hint && item.channel.is_some_and(Channel::is_written) {
        notes.push(format!(
            "Written asks are easy to miss: a call or a walk over to {name} gets an answer sooner."
        ));
    }
    notes
}

/// Dates that come too late for what they feed: a check-back after the need-by or after the
/// deadline the ask feeds, a need-by after that deadline.
pub(super) fn date_notes(item: &Item, deadline: Option<&Item>, ctx: &Context) -> Vec<String> {
    let mut notes = Vec::new();
    let now = &ctx.now;
    // An explicit `check` may land after the need-by; chasing only once it is late is rarely meant.
    if let (Some(check), Some(need_by)) = (&item.next_check, &item.need_by)
        && check > need_by
    {
        notes.push(format!(
            "The check-back, {}, comes after the need-by, {}: `check` an earlier day to chase in time.",
            words::full(check, now),
            words::full(need_by, now)
        ));
    }
    if let Some(deadline) = deadline
        && let Some(due) = &deadline.due
    {
        let what = format!(
            "Deadline {} ({}) is due {}",
            deadline.id,
            deadline.title,
            words::full(due, now)
        );
        if let Some(need_by) = item.need_by.as_ref().filter(|n| *n > due) {
            notes.push(format!(
                "The need-by, {}, comes after what it feeds: {what}. Ask for an earlier day?",
                words::full(need_by, now)
            ));
        }
        if let Some(check) = item.next_check.as_ref().filter(|c| *c > due) {
            notes.push(format!(
                "The check-back, {}, comes after {what}: `check` an earlier day.",
                words::full(check, now)
            ));
        }
    }
    notes
}

/// The one line that says how an item was understood:
/// `Ask 12 · Dana · customer quotes · need by Fri 4 Dec 17:00 · check back Thu 3 Dec 17:00 · via call`.
pub fn describe(item: &Item, now: &Moment) -> String {
    let mut parts = Vec::new();
    parts.push(if item.id > 0 {
        format!("{} {}", item.kind.title(), item.id)
    } else {
        item.kind.title().to_string()
    });
    if let Some(person) = &item.person {
        parts.push(person.clone());
    }
    parts.push(item.title.clone());
    match item.kind {
        Kind::Ask => {
            parts.push(match &item.need_by {
                Some(need_by) => format!("need by {}", words::full(need_by, now)),
                None => "no need-by".to_string(),
            });
            if let Some(check) = &item.next_check {
                parts.push(format!("check back {}", words::full(check, now)));
            }
            if let Some(channel) = item.channel {
                parts.push(format!("via {}", channel.label()));
            }
            if let Some(deadline) = item.deadline_id {
                parts.push(format!("for deadline {deadline}"));
            }
        }
        Kind::Deadline => {
            if let Some(due) = &item.due {
                parts.push(format!("due {}", words::full(due, now)));
            }
        }
        Kind::Proofing => parts.push(item.status.label().to_string()),
    }
    if !item.is_open() && item.kind != Kind::Proofing {
        parts.push(item.status.label().to_string());
    }
    if !item.tags.is_empty() {
        parts.push(words::hashtags(&item.tags));
    }
    parts.join(" · ")
}
