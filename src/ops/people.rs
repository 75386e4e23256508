//! People, critiques turned into proofing invitations, and the favors ledger.

use super::capture::Captured;
use super::change::short;
use super::{Context, OpError, OpResult, Reading, find, label};
use crate::capture::{self, Capture, Grammar, Piece};
use crate::domain::NewCritique;
use crate::domain::critique::{self, Response};
use crate::domain::draft::{self, Facts, Templates};
use crate::domain::favor::{Balance, Direction};
use crate::domain::person::{first_name, likely_meant, name_key};
use crate::domain::{Channel, Item, Kind, Person, Status, words};
use crate::store::{Reader, Store, WriteError};
use crate::when::Moment;

fn read(line: &str, grammar: Grammar, ctx: &Context) -> OpResult<Capture> {
    capture::parse(line, grammar, &ctx.now, &ctx.week()).map_err(|e| OpError::Input(e.to_string()))
}

/// Log criticism and answer it: the piece criticised is a deadline (`on 12`, or its title) or
/// free text (`on "the blog post"`). `Invite` (the default) creates a proofing invitation for the
/// critic to proof the next piece: the soonest other open deadline, else "the next piece".
pub fn critique(
    store: &mut Store,
    ctx: &Context,
    line: &str,
    response: Response,
) -> OpResult<Captured> {
    let (name, capture) = read_critique(line, ctx)?;
    let (proofing, said, new_person) = store.write("critique", &ctx.now, |w| {
        let (deadline, piece) = criticised_piece(&w.reader(), &capture.on)?;
        let (person, added) = w.person_for(&name)?;
        let proofing = if response == Response::Invite {
            // The critic is asked to proof the next piece, not the one they criticised.
            let next = next_piece(&w.reader(), deadline)?;
            let (next_id, next_title) = match &next {
                Some(d) => (Some(d.id), Some(d.title.clone())),
                None => (None, None),
            };
            let piece_words = next_title
                .clone()
                .unwrap_or_else(|| "the next piece".into());
            let item = Item {
                title: format!("proof {piece_words}"),
                person_id: Some(person.id),
                person: Some(person.name.clone()),
                piece: next_title,
                deadline_id: next_id,
                tags: capture.tags.clone(),
                ..Item::blank(Kind::Proofing, ctx.now)
            };
            let id = w.insert_item(&item)?;
            Some(find(&w.reader(), id)?)
        } else {
            None
        };
        w.insert_critique(&NewCritique {
            person_id: person.id,
            said: &capture.title,
            piece: piece.as_deref(),
            deadline_id: deadline,
            response,
            proofing_id: proofing.as_ref().map(|p| p.id),
        })?;
        let on = piece.map(|p| format!(" on {p}")).unwrap_or_default();
        let mut line = format!(
            "Critique from {} · \"{}\"{on} · {}",
            person.name,
            capture.title,
            response.label()
        );
        if let Some(item) = &proofing {
            line.push_str(&format!(
                " → Proofing {} ({})",
                item.id,
                item.status.label()
            ));
        }
        w.describe(&line)?;
        Ok((proofing, line, added.then(|| person.name.clone())))
    })?;
    let mut notes = Vec::new();
    if let Some(name) = &new_person {
        notes.extend(new_person_note(&store.reader(), name, true)?);
    }
    if let Some(item) = &proofing {
        notes.push(format!(
            "The invitation to {} is drafted: `nudge proofing {} --draft` prints it.",
            item.person.as_deref().unwrap_or("them"),
            item.id
        ));
        notes.extend(expert_notes(&store.reader(), &item.tags, item.person_id)?);
    }
    let item = proofing.unwrap_or_else(|| Item {
        title: capture.title.clone(),
        ..Item::blank(Kind::Proofing, ctx.now)
    });
    Ok(Captured {
        item,
        line: said,
        notes,
    })
}

/// A critique line: who said it, and what (both are needed).
fn read_critique(line: &str, ctx: &Context) -> OpResult<(String, Capture)> {
    let capture = read(line, Grammar::Critique, ctx)?;
    let example = Grammar::Critique.example();
    let Some(name) = capture.person.clone() else {
        return Err(OpError::Input(format!(
            "who said it? add @name\n  e.g. {example}"
        )));
    };
    if capture.title.is_empty() {
        return Err(OpError::Input(format!(
            "what did @{name} say? add their words, in quotes if you like\n  e.g. {example}"
        )));
    }
    Ok((name, capture))
}

/// The piece a critique is about: a deadline (`on 12`, or its title), or free text.
fn criticised_piece(
    reader: &Reader<'_>,
    on: &Option<Piece>,
) -> Result<(Option<i64>, Option<String>), WriteError> {
    Ok(match on {
        Some(Piece::Deadline(id)) => {
            let item = find(reader, *id)?;
            if item.kind != Kind::Deadline {
                return Err(WriteError::Input(format!(
                    "\"on {id}\" must name a deadline, and {} is not one; `nudge list deadlines` shows them",
                    label(&item)
                )));
            }
            (Some(item.id), Some(item.title))
        }
        Some(Piece::Named(text)) => match reader.open_deadline_titled(text)? {
            Some(id) => (Some(id), Some(find(reader, id)?.title)),
            None => (None, Some(text.clone())),
        },
        None => (None, None),
    })
}

/// How a critique line reads before it is saved ("Sam said “too wordy” about Q4 launch deck
/// (Deadline 3)"), with a note when the person is new; or why it cannot be saved.
pub fn preview_critique(reader: &Reader<'_>, ctx: &Context, line: &str) -> OpResult<Reading> {
    let (name, capture) = read_critique(line, ctx)?;
    let (deadline, piece) = criticised_piece(reader, &capture.on)?;
    let about = match (deadline, piece) {
        (Some(id), Some(piece)) => format!(" about {piece} (Deadline {id})"),
        (None, Some(piece)) => format!(" about {piece}"),
        _ => String::new(),
    };
    let (person, notes) = named(reader, &name)?;
    Ok(Reading {
        line: format!("{person} said \"{}\"{about}", capture.title),
        notes,
    })
}

/// The person a line names as they will be saved, and a note when they are new.
fn named(reader: &Reader<'_>, typed: &str) -> OpResult<(String, Vec<String>)> {
    match reader.person_named(typed)? {
        Some(known) => Ok((known.name, Vec::new())),
        None => {
            let name = crate::domain::person::display_name(typed);
            let note = new_person_note(reader, &name, false)?;
            Ok((name, note.into_iter().collect()))
        }
    }
}

/// Move a proofing invitation along: sent, accepted or declined (`done` proofs it).
pub fn proofing_status(
    store: &mut Store,
    ctx: &Context,
    id: i64,
    status: Status,
) -> OpResult<String> {
    Ok(store.write("proofing", &ctx.now, |w| {
        let mut item = find(&w.reader(), id)?;
        if item.kind != Kind::Proofing {
            return Err(WriteError::Input(format!(
                "{} is not a proofing invitation; `nudge list proofing` shows them",
                label(&item)
            )));
        }
        super::must_be_open(&item, "move along")?;
        if !matches!(
            status,
            Status::Sent | Status::Accepted | Status::Declined | Status::Proofed
        ) {
            return Err(WriteError::Input(
                "a proofing invitation moves to sent, accepted, declined or done (proofed)".into(),
            ));
        }
        item.status = status;
        if !status.is_open() {
            item.closed_at = Some(ctx.now);
        }
        w.save_item(&item)?;
        let line = match status {
            Status::Proofed => format!("Proofed: {}", short(&item)),
            _ => format!("Proofing {}: {}", status.label(), short(&item)),
        };
        w.describe(&line)?;
        Ok(line)
    })?)
}

/// The piece a critic is invited to proof: the soonest open deadline other than the one they
/// criticised (none: "the next piece").
pub fn next_piece(
    reader: &Reader<'_>,
    criticised: Option<i64>,
) -> Result<Option<Item>, WriteError> {
    Ok(reader
        .open_deadlines(2, 0)
        .map_err(WriteError::Store)?
        .into_iter()
        .map(|row| row.item)
        .find(|d| Some(d.id) != criticised))
}

/// The invitation to proof: "You caught X in the deck — would you proof Y before it goes out on Fri?"
pub fn invite_draft(
    reader: &Reader<'_>,
    templates: &Templates,
    item: &Item,
    now: &Moment,
) -> Result<String, OpError> {
    let critique = reader.critique_for(item.id)?;
    let due = match item.deadline_id {
        Some(id) => reader.item(id)?.and_then(|d| d.due),
        None => None,
    };
    let facts = Facts {
        first_name: item
            .person
            .as_deref()
            .map(first_name)
            .unwrap_or_else(|| "there".into()),
        title: item.title.clone(),
        need_by: due.as_ref().map(|d| words::message_day(d, now)),
        when: due.as_ref().map(|d| words::message_when(d, now)),
        piece: Some(
            item.piece
                .clone()
                .unwrap_or_else(|| "the next piece".into()),
        ),
        said: critique.map(|c| c.said),
        ..Facts::default()
    };
    Ok(draft::render(templates.get("invite"), &facts))
}

/// "Sam knows pricing: ask for their help?" for each person whose expertise covers the tags.
pub fn expert_notes(
    reader: &Reader<'_>,
    tags: &[String],
    except: Option<i64>,
) -> Result<Vec<String>, OpError> {
    if tags.is_empty() {
        return Ok(Vec::new());
    }
    let people = reader.people()?;
    let candidates = people
        .iter()
        .filter(|p| Some(p.id) != except)
        .map(|p| (p.name.as_str(), p.expertise.as_slice()));
    Ok(critique::experts(tags, candidates)
        .into_iter()
        .take(3)
        .map(|(name, covered)| critique::suggestion(&name, &covered))
        .collect())
}

/// What `nudge person` may change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonChange {
    pub team: Option<String>,
    pub expertise: Option<Vec<String>>,
    pub prefers: Option<Channel>,
    pub note: Option<String>,
}

impl PersonChange {
    pub fn is_empty(&self) -> bool {
        *self == PersonChange::default()
    }
}

/// Add or update a person.
pub fn person(
    store: &mut Store,
    ctx: &Context,
    name: &str,
    change: &PersonChange,
) -> OpResult<String> {
    let name = name.trim_start_matches('@');
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '\''))
    {
        return Err(OpError::Input(format!(
            "\"@{name}\" is not a name: use letters, digits, '.', '-' or '_' (e.g. nudge person @sam --team Product)"
        )));
    }
    if change.is_empty() {
        return match store.reader().person_named(name)? {
            Some(person) => Ok(person_line(&person)),
            None => Err(OpError::Input(format!(
                "there is no one called @{name} yet; add them with --team, --expert, --prefers or --note \
                 (e.g. nudge person @{name} --team Sales --expert pricing)"
            ))),
        };
    }
    Ok(store.write("person", &ctx.now, |w| {
        let (mut person, created) = w.person_for(name)?;
        if let Some(team) = &change.team {
            person.team = Some(team.trim().to_string()).filter(|t| !t.is_empty());
        }
        if let Some(expertise) = &change.expertise {
            person.expertise = expertise.clone();
        }
        if let Some(prefers) = change.prefers {
            person.prefers = Some(prefers);
        }
        if let Some(note) = &change.note {
            person.notes = note.trim().to_string();
        }
        w.save_person(&person)?;
        let line = format!(
            "{}: {}",
            if created { "Added" } else { "Updated" },
            person_line(&person)
        );
        w.describe(&line)?;
        Ok(line)
    })?)
}

/// "Sam · team Product · knows pricing, roadmap · prefers chat".
fn person_line(person: &Person) -> String {
    let mut parts = vec![person.name.clone()];
    if let Some(team) = &person.team {
        parts.push(format!("team {team}"));
    }
    if !person.expertise.is_empty() {
        parts.push(format!("knows {}", person.expertise.join(", ")));
    }
    if let Some(prefers) = person.prefers {
        parts.push(format!("prefers {}", prefers.label()));
    }
    if let Some(usual) = person.reply_median {
        parts.push(format!("usually answers in {}", words::span(usual)));
    }
    if !person.notes.is_empty() {
        parts.push(person.notes.clone());
    }
    parts.join(" · ")
}

/// Split "pricing, Roadmap  ,api" into tags.
pub fn expertise_list(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text
        .split([',', ' '])
        .map(|t| t.trim().trim_start_matches('#').to_lowercase())
    {
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// Log a favor: `gave @sam reviewed my pricing page`.
pub fn favor(
    store: &mut Store,
    ctx: &Context,
    direction: Direction,
    line: &str,
) -> OpResult<Captured> {
    let (name, capture) = read_favor(line, ctx)?;
    let (person, balance, added) = store.write("favor", &ctx.now, |w| {
        let (person, added) = w.person_for(&name)?;
        w.insert_favor(person.id, direction, &capture.title, &ctx.now)?;
        let balance = w
            .reader()
            .favor_balance(person.id)
            .map_err(WriteError::Store)?;
        let line = match direction {
            Direction::Gave => format!("Favor you did {}: {}", person.name, capture.title),
            Direction::Got => format!("Favor {} did you: {}", person.name, capture.title),
        };
        w.describe(&line)?;
        Ok((person, balance, added))
    })?;
    let what = match direction {
        Direction::Gave => format!("Favor you did {}: {}", person.name, capture.title),
        Direction::Got => format!("Favor {} did you: {}", person.name, capture.title),
    };
    let mut notes = Vec::new();
    if added {
        notes.extend(new_person_note(&store.reader(), &person.name, true)?);
    }
    if let Some(flag) = balance.one_sided(ctx.config.favor_threshold) {
        notes.push(capitalized(&flag.advice(&person.name)));
    }
    Ok(Captured {
        item: Item::blank(Kind::Ask, ctx.now),
        line: format!(
            "{what} · balance {} ({} given, {} received)",
            balance.shown(),
            balance.gave,
            balance.got
        ),
        notes,
    })
}

/// A favor line: for or from whom, and what (both are needed).
fn read_favor(line: &str, ctx: &Context) -> OpResult<(String, Capture)> {
    let capture = read(line, Grammar::Favor, ctx)?;
    let example = Grammar::Favor.example();
    let Some(name) = capture.person.clone() else {
        return Err(OpError::Input(format!(
            "for whom, or from whom? add @name\n  e.g. nudge favor gave {example}"
        )));
    };
    if capture.title.is_empty() {
        return Err(OpError::Input(format!(
            "what was the favor? add a few words\n  e.g. nudge favor gave {example}"
        )));
    }
    Ok((name, capture))
}

/// How a favor line reads before it is saved ("A favor with Sam: reviewed his deck"), with a
/// note when the person is new; or why it cannot be saved.
pub fn preview_favor(reader: &Reader<'_>, ctx: &Context, line: &str) -> OpResult<Reading> {
    let (name, capture) = read_favor(line, ctx)?;
    let (person, notes) = named(reader, &name)?;
    Ok(Reading {
        line: format!("A favor with {person}: {}", capture.title),
        notes,
    })
}

/// Said when a line names someone nudge does not know yet. Before saving (`added` false) it is
/// always said; once saved, only when a known name is close enough that it was probably a typo,
/// so that a capture stays one line.
pub fn new_person_note(
    reader: &Reader<'_>,
    name: &str,
    added: bool,
) -> Result<Option<String>, OpError> {
    let key = name_key(name);
    let others: Vec<String> = reader
        .person_names()?
        .into_iter()
        .filter(|other| name_key(other) != key)
        .collect();
    let meant = likely_meant(name, &others);
    Ok(match (added, meant) {
        (true, Some(meant)) => Some(format!(
            "{name} is new, added to your people. Did you mean {meant}? Undo takes this back."
        )),
        (true, None) => None,
        (false, Some(meant)) => Some(format!(
            "{name} is new: they will be added to your people. Did you mean {meant}?"
        )),
        (false, None) => Some(format!("{name} is new: they will be added to your people.")),
    })
}

/// The one-sided-ledger advice for a person, when their balance calls for it.
pub fn ledger_note(
    reader: &Reader<'_>,
    ctx: &Context,
    person_id: i64,
    name: &str,
) -> Result<Option<String>, OpError> {
    let balance: Balance = reader.favor_balance(person_id)?;
    Ok(balance
        .one_sided(ctx.config.favor_threshold)
        .map(|flag| capitalized(&flag.advice(name))))
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
