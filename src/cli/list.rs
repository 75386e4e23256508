//! `list`, `due` and `show`: reading, never writing.

use std::io::Write;

use super::args::{ListArgs, ListWhat};
use super::output::{ItemJson, PersonJson, table, table_within};
use super::{Failure, Handled, Session, say, say_data};
use crate::domain::attention::{self, Reason};
use crate::domain::{Item, Kind, words};
use crate::ops::{self, OpError};
use crate::store::{Listed, NO_LIMIT, Reader};
use crate::when::Moment;

/// How wide a title may be in a table before it is cut.
const TITLE_COLUMNS: usize = 48;

pub fn list(session: &mut Session, out: &mut dyn Write, args: &ListArgs) -> Handled {
    let (what, all, json, limit) = (args.what, args.all, args.json, args.limit);
    let grep = args.grep.as_ref().map(|words| words.join(" "));
    let now = session.ctx.now;
    let session_threshold = session.config.favor_threshold;
    let ascii = session.looks.ascii;
    // The key an empty list points to; the keymap is built only for the lists that say it.
    let key = match what {
        ListWhat::Checkins => session.dashboard_key(crate::tui::action::Action::Checkin),
        ListWhat::Reflections => session.dashboard_key(crate::tui::action::Action::Reflect),
        _ => String::new(),
    };
    let store = session.store()?;
    // What captures left for the find index to take. Another program holding the write lock
    // longer than the wait leaves the index as it is: the find still runs, and says what it
    // may miss.
    if grep.is_some()
        && let Err(e) = store.index_pending_finds()
    {
        eprintln!(
            "nudge: the newest captures may be missing from this find: {}",
            crate::text::terminal_safe(&e.to_string())
        );
    }
    let reader = store.reader();
    if grep.is_some()
        && matches!(
            what,
            ListWhat::Favors | ListWhat::Checkins | ListWhat::Reflections
        )
    {
        return Err(Failure::Op(crate::ops::OpError::Input(
            "--grep finds asks, deadlines, proofing invitations and people; e.g. nudge list --grep dana quotes"
                .into(),
        )));
    }
    let cut = Cut {
        size: page_size(limit, json),
        everything: list_everything(what, all, args.grep.as_deref()),
    };
    let kind = match what {
        ListWhat::People => {
            return people(
                &reader,
                out,
                json,
                (session_threshold, &now),
                grep.as_deref(),
                &cut,
            );
        }
        ListWhat::Favors => return favors(&reader, out, json, &now, &cut),
        ListWhat::Checkins => return checkins(&reader, out, json, &now, &key, &cut),
        ListWhat::Reflections => return reflections(&reader, out, json, &key, &cut),
        ListWhat::Asks => Kind::Ask,
        ListWhat::Deadlines => Kind::Deadline,
        ListWhat::Proofing => Kind::Proofing,
    };
    let page = cut.size;
    let query = match grep.as_deref() {
        None => None,
        Some(typed) => Some(crate::store::Find::new(typed).ok_or_else(|| {
            Failure::Op(crate::ops::OpError::Input(format!(
                "\"{typed}\" has no word to find; give letters or digits, e.g. --grep dana quotes"
            )))
        })?),
    };
    let items = match &query {
        None => reader.list(kind, all, &now, page)?,
        Some(q) => reader.find_items(kind, all, q, &now, page, 0)?,
    };
    if json {
        return print_json(&reader, out, &items, |_| None);
    }
    if items.is_empty() {
        let what = if all { "" } else { "open " };
        return match &grep {
            Some(words) => say(
                out,
                &format!("No {what}{} matches \"{words}\".", kind.as_str()),
            ),
            None => say(out, &format!("No {what}{}s.", kind.as_str())),
        };
    }
    let mut rows = vec![header(kind)];
    for item in &items {
        rows.push(row(&reader, item, &now, ascii)?);
    }
    print_table(out, &rows, TITLE_COLUMNS)?;
    if items.len() == page {
        let total = match &query {
            None => reader.count_items(kind, all)?,
            Some(q) => reader.count_found(kind, all, q)?,
        };
        more(
            out,
            total.saturating_sub(items.len() as u64),
            &cut.everything,
        )?;
    }
    Ok(())
}

/// An aligned table; in a terminal long cells are cut to fit its width, in a pipe nothing is
/// cut (a script gets every word).
fn print_table(out: &mut dyn Write, rows: &[Vec<String>], max_title: usize) -> Handled {
    use std::io::IsTerminal;
    let width = std::io::stdout()
        .is_terminal()
        .then(|| crossterm::terminal::size().ok())
        .flatten()
        .map(|(columns, _)| usize::from(columns));
    let lines = match width {
        Some(width) => table_within(rows, max_title, width),
        None => table(rows, usize::MAX),
    };
    for line in lines {
        say(out, &line)?;
    }
    Ok(())
}

/// How many rows to print: `--limit N` (0 for all); without it, a screenful when a person is
/// reading (as `task next` does), everything for a pipe or JSON.
fn page_size(limit: Option<usize>, json: bool) -> usize {
    use std::io::IsTerminal;
    match limit {
        Some(0) => NO_LIMIT,
        Some(n) => n,
        None if !json && std::io::stdout().is_terminal() => crossterm::terminal::size()
            .map(|(_, rows)| usize::from(rows).saturating_sub(4).max(10))
            .unwrap_or(NO_LIMIT),
        None => NO_LIMIT,
    }
}

/// "… and 181 more: `nudge list --limit 0` shows them all", `command` being what shows them.
fn more(out: &mut dyn Write, hidden: u64, command: &str) -> Handled {
    if hidden == 0 {
        return Ok(());
    }
    say(
        out,
        &format!("… and {hidden} more: `nudge {command}` shows them all"),
    )
}

/// The `list` that shows every row of this one: the same list, closed ones too if they were
/// asked for, the same find.
fn list_everything(what: ListWhat, all: bool, grep: Option<&[String]>) -> String {
    use clap::ValueEnum;
    let mut command = String::from("list");
    if what != ListWhat::Asks
        && let Some(name) = what.to_possible_value()
    {
        command.push(' ');
        command.push_str(name.get_name());
    }
    if all {
        command.push_str(" --all");
    }
    command.push_str(" --limit 0");
    if let Some(words) = grep {
        command.push_str(" --grep");
        for word in words {
            command.push(' ');
            command.push_str(&crate::desktop::schedule::shell_word(word));
        }
    }
    command
}

fn header(kind: Kind) -> Vec<String> {
    let cells: &[&str] = match kind {
        Kind::Ask => &["ID", "PERSON", "TITLE", "STATUS", "VIA", "NEED BY"],
        Kind::Deadline => &["ID", "TITLE", "DUE", "ASKS"],
        Kind::Proofing => &["ID", "PERSON", "PIECE", "STATUS"],
    };
    cells.iter().map(|c| c.to_string()).collect()
}

fn row(
    reader: &Reader<'_>,
    item: &Item,
    now: &Moment,
    ascii: bool,
) -> Result<Vec<String>, Failure> {
    Ok(match item.kind {
        Kind::Ask => vec![
            item.id.to_string(),
            item.person.clone().unwrap_or_default(),
            item.title.clone(),
            words::status_phrase(item, now),
            words::channel_glyphs(item, ascii),
            item.need_by
                .as_ref()
                .map(|m| words::day_time(m, now))
                .unwrap_or_else(|| "-".into()),
        ],
        Kind::Deadline => {
            let open = reader
                .asks_for_deadline(item.id)?
                .iter()
                .filter(|a| a.is_open())
                .count();
            vec![
                item.id.to_string(),
                item.title.clone(),
                words::status_phrase(item, now),
                if open > 0 {
                    format!("{open} open")
                } else {
                    "-".into()
                },
            ]
        }
        Kind::Proofing => vec![
            item.id.to_string(),
            item.person.clone().unwrap_or_default(),
            item.piece.clone().unwrap_or_else(|| item.title.clone()),
            item.status.label().to_string(),
        ],
    })
}

fn print_json(
    reader: &Reader<'_>,
    out: &mut dyn Write,
    items: &[Item],
    reason: impl Fn(&Item) -> Option<Reason>,
) -> Handled {
    let mut values = Vec::with_capacity(items.len());
    for item in items {
        values.push(ItemJson::new(
            item,
            &reader.follow_ups(item.id)?,
            reason(item),
        ));
    }
    json_out(out, &values)
}

fn json_out(out: &mut dyn Write, value: &impl serde::Serialize) -> Handled {
    let text = crate::text::to_json(value, true)
        .map_err(|e| Failure::Op(OpError::Input(format!("cannot write JSON: {e}"))))?;
    say_data(out, &text)
}

fn people(
    reader: &Reader<'_>,
    out: &mut dyn Write,
    json: bool,
    (threshold, now): (u32, &Moment),
    grep: Option<&str>,
    cut: &Cut,
) -> Handled {
    let mut people = reader.people_overview(None)?;
    if let Some(typed) = grep {
        people.retain(|p| crate::domain::person::found_by(&p.person, typed));
    }
    let hidden = people.len().saturating_sub(cut.size);
    people.truncate(cut.size);
    if json {
        let values: Vec<PersonJson> = people.iter().map(PersonJson::new).collect();
        return json_out(out, &values);
    }
    if people.is_empty() {
        return say(
            out,
            "No people yet: they are added the first time you write @name.",
        );
    }
    let columns = crate::domain::person::people_columns(&people);
    let mut rows = vec![columns.iter().map(|c| c.to_uppercase()).collect()];
    rows.extend(people.iter().map(|p| p.cells(threshold, now, &columns)));
    print_table(out, &rows, TITLE_COLUMNS)?;
    more(out, hidden as u64, &cut.everything)
}

fn favors(
    reader: &Reader<'_>,
    out: &mut dyn Write,
    json: bool,
    now: &Moment,
    cut: &Cut,
) -> Handled {
    let favors = reader.favors(None, cut.size)?;
    if json {
        return json_out(out, &favors);
    }
    if favors.is_empty() {
        return say(
            out,
            "No favors yet: nudge favor gave @sam reviewed his deck",
        );
    }
    let mut rows = vec![["WHEN", "PERSON", "WAY", "WHAT"].map(String::from).to_vec()];
    for f in &favors {
        rows.push(vec![
            words::day(&f.at, now),
            f.person.clone(),
            match f.direction {
                crate::domain::favor::Direction::Gave => "you did them".into(),
                crate::domain::favor::Direction::Got => "they did you".into(),
            },
            f.what.clone(),
        ]);
    }
    print_table(out, &rows, TITLE_COLUMNS)?;
    more_listed(reader, out, favors.len(), cut, Listed::Favors)
}

/// Where a list is cut (`page_size`), and the command that shows all of it (`list_everything`).
struct Cut {
    size: usize,
    everything: String,
}

/// Under a list of `shown` rows: how many more there are, if it was cut, and what shows them.
fn more_listed(
    reader: &Reader<'_>,
    out: &mut dyn Write,
    shown: usize,
    cut: &Cut,
    list: Listed,
) -> Handled {
    if shown < cut.size {
        return Ok(());
    }
    let total = reader.count_listed(list)?;
    more(out, total.saturating_sub(shown as u64), &cut.everything)
}

/// `key`: the dashboard's check-in key, for the empty list's hint.
fn checkins(
    reader: &Reader<'_>,
    out: &mut dyn Write,
    json: bool,
    now: &Moment,
    key: &str,
    cut: &Cut,
) -> Handled {
    let checkins = reader.checkins(cut.size)?;
    if json {
        return json_out(out, &checkins);
    }
    if checkins.is_empty() {
        return say(
            out,
            &format!("No check-ins yet: nudge checkin 3, or {key} in the dashboard."),
        );
    }
    let mut rows = vec![
        [
            "WHEN",
            "STRESS",
            "DEADLINE",
            "SLOW-DOWN",
            "NEXT ACTION",
            "NOTE",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for c in &checkins {
        rows.push(vec![
            words::day_time(&c.at, now),
            format!("{}/5", c.stress),
            c.deadline.clone().unwrap_or_else(|| "-".into()),
            if c.slowdown_secs > 0 {
                format!("{}s", c.slowdown_secs)
            } else {
                "-".into()
            },
            if c.next_action.is_empty() {
                "-".into()
            } else {
                c.next_action.clone()
            },
            c.note.clone(),
        ]);
    }
    print_table(out, &rows, TITLE_COLUMNS)?;
    more_listed(reader, out, checkins.len(), cut, Listed::Checkins)
}

/// `key`: the dashboard's reflection key, for the empty list's hint.
fn reflections(
    reader: &Reader<'_>,
    out: &mut dyn Write,
    json: bool,
    key: &str,
    cut: &Cut,
) -> Handled {
    let reflections = reader.reflections(cut.size)?;
    if json {
        return json_out(out, &reflections);
    }
    if reflections.is_empty() {
        return say(
            out,
            &format!("No reflections yet: {key} in the dashboard, or nudge reflect."),
        );
    }
    let mut rows = vec![
        ["DAY", "STRESS", "WENT WELL", "STUCK"]
            .map(String::from)
            .to_vec(),
    ];
    for r in &reflections {
        let first = |text: &str| {
            text.lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("-")
                .trim()
                .to_string()
        };
        rows.push(vec![
            r.day.clone(),
            r.stress
                .map(|s| format!("{s}/5"))
                .unwrap_or_else(|| "-".into()),
            first(&r.went_well),
            first(&r.stuck),
        ]);
    }
    print_table(out, &rows, 40)?;
    more_listed(reader, out, reflections.len(), cut, Listed::Reflections)
}

/// The attention queue: asks that need chasing, deadlines within 48 hours, invitations to send.
pub fn due(
    session: &mut Session,
    out: &mut dyn Write,
    json: bool,
    limit: Option<usize>,
) -> Handled {
    let now = session.ctx.now;
    let session_ctx = session.ctx.clone();
    let ascii = session.looks.ascii;
    let store = session.store()?;
    let reader = store.reader();
    let (queue, hidden) = attention_queue(&reader, &now, page_size(limit, json))?;
    if json {
        let items: Vec<Item> = queue.iter().map(|(i, _)| i.clone()).collect();
        let reasons: std::collections::HashMap<i64, Reason> =
            queue.iter().map(|(i, r)| (i.id, *r)).collect();
        return print_json(&reader, out, &items, |item| reasons.get(&item.id).copied());
    }
    let mut rows = Vec::new();
    for (item, reason) in &queue {
        let who = item
            .person
            .clone()
            .unwrap_or_else(|| item.kind.title().to_string());
        let hint = if item.kind == Kind::Ask {
            words::channel_glyphs(item, ascii)
        } else {
            String::new()
        };
        rows.push(vec![
            item.id.to_string(),
            who,
            item.title.clone(),
            words::status_phrase(item, &now),
            hint,
            reason.label().to_string(),
        ]);
    }
    print_table(out, &rows, TITLE_COLUMNS)?;
    if queue.iter().any(|(_, r)| *r == Reason::Replied) {
        say(
            out,
            "replied?: a reply was found in your mail; `nudge mail list` shows it, \
             `nudge mail received ID` takes it",
        )?;
    }
    more(out, hidden, "due --limit 0")?;
    // Those whose keep-in-touch rhythm has passed, after what is due.
    for (person, touch) in ops::out_of_touch(&reader, &session_ctx)? {
        say(
            out,
            &crate::text::inert(&format!(
                "keep in touch: {} · {} · `nudge meet @{}`",
                person.name,
                touch.phrase(&now),
                crate::domain::person::name_key(&person.name)
            )),
        )?;
    }
    Ok(())
}

/// At most `room` rows from `fetch`, and how many more `count` finds. A full page fetches
/// nothing (only counts), and a page with room left is not counted.
fn page<T>(
    room: usize,
    fetch: impl FnOnce(usize) -> crate::store::Result<Vec<T>>,
    count: impl FnOnce() -> crate::store::Result<u64>,
) -> crate::store::Result<(Vec<T>, u64)> {
    if room == 0 {
        return Ok((Vec::new(), count()?));
    }
    let rows = fetch(room)?;
    let more = if rows.len() == room {
        count()?.saturating_sub(room as u64)
    } else {
        0
    };
    Ok((rows, more))
}

/// Most urgent first, in DESIGN.md's order: asks, then deadlines within 48 hours, then
/// invitations to send; at most `limit` of them, and how many more there are. Only what is shown
/// is read; the rest is counted.
pub fn attention_queue(
    reader: &Reader<'_>,
    now: &Moment,
    limit: usize,
) -> Result<(Vec<(Item, Reason)>, u64), Failure> {
    let mut queue = Vec::new();
    let mut hidden = 0;
    // Asks a reply was found for come first: one key settles them.
    let (suggested, more) = page(
        limit,
        |n| reader.mail_suggestions(n),
        || reader.mail_suggestion_count(),
    )?;
    hidden += more;
    let mut replied = std::collections::HashSet::new();
    let mut replied_and_due = 0u64;
    for s in suggested {
        if replied.insert(s.item_id)
            && let Some(ask) = reader.item(s.item_id)?
        {
            if attention::ask_reason(&ask, ask.usual_reply, now).is_some() {
                replied_and_due += 1;
            }
            queue.push((ask, Reason::Replied));
        }
    }
    let room = limit - queue.len().min(limit);
    // Those shown as replied are left out here (and not counted as hidden).
    let wanted = if room == 0 { 0 } else { room + replied.len() };
    let (asks, needing) = reader.asks_needing_attention_counted(now, wanted)?;
    let mut shown = 0u64;
    for ask in asks {
        if replied.contains(&ask.id) || shown as usize == room {
            continue;
        }
        if let Some(reason) = attention::ask_reason(&ask, ask.usual_reply, now) {
            queue.push((ask, reason));
            shown += 1;
        }
    }
    // Every one of them not shown is hidden, but those already shown as replied.
    hidden += needing.saturating_sub(shown + replied_and_due);
    // Asks that would come too late for the deadline they feed, though nothing else is due.
    let (late, more) = page(
        limit - queue.len().min(limit),
        |n| reader.asks_after_their_deadline(now, n),
        || reader.count_asks_after_their_deadline(now),
    )?;
    hidden += more;
    queue.extend(late.into_iter().map(|ask| (ask, Reason::AfterDeadline)));
    let soon = *now + chrono::Duration::hours(48);
    let (deadlines, more) = page(
        limit - queue.len().min(limit),
        |n| reader.deadlines_due_by(&soon, n),
        || reader.count_deadlines_due_by(&soon),
    )?;
    hidden += more;
    queue.extend(
        deadlines
            .into_iter()
            .map(|row| (row.item, Reason::DeadlineSoon)),
    );
    let (invitations, more) = page(
        limit - queue.len().min(limit),
        |n| reader.proofing_to_send(n),
        || reader.count_proofing_to_send(),
    )?;
    hidden += more;
    queue.extend(
        invitations
            .into_iter()
            .map(|row| (row.item, Reason::ProofingToSend)),
    );
    Ok((queue, hidden))
}

/// `nudge show @dana`: a person's card.
pub fn show_person(session: &mut Session, out: &mut dyn Write, name: &str) -> Handled {
    let ctx = session.ctx.clone();
    let store = session.store()?;
    let reader = store.reader();
    let Some(person) = reader.person_named(name)? else {
        return Err(Failure::Op(crate::ops::OpError::Input(format!(
            "there is no @{name} among your people; `nudge list people` shows them"
        ))));
    };
    let card = ops::person_card(&reader, &ctx, person.id)?;
    for (i, (kind, line)) in card.lines(&ctx.now, None).into_iter().enumerate() {
        if matches!(kind, ops::LineKind::Heading | ops::LineKind::DraftHeading) && i > 0 {
            say(out, "")?;
        }
        say(out, &crate::text::inert(&line))?;
    }
    Ok(())
}

pub fn show(session: &mut Session, out: &mut dyn Write, id: i64) -> Handled {
    let ctx = session.ctx.clone();
    let store = session.store()?;
    let detail = ops::detail(&store.reader(), id, &ctx)?;
    for (kind, line) in detail.lines(&ctx.now) {
        if matches!(kind, ops::LineKind::Heading | ops::LineKind::DraftHeading) {
            say(out, "")?;
        }
        say(out, &crate::text::inert(&line))?;
    }
    Ok(())
}
