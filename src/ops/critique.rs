//! Criticism turned into an ally: a critique logged with how it was answered, the critic invited
//! to proof the next piece, the invitation moved along and drafted, the experts pointed out.

use super::capture::Captured;
use super::change::short;
use super::people::{named, new_person_note, read};
use super::{Context, OpError, OpResult, Reading, find, label};
use crate::capture::{Capture, Grammar, Piece};
use crate::domain::NewCritique;
use crate::domain::critique::{self, Response};
use crate::domain::draft::{self, Facts, Templates};
use crate::domain::{Item, Kind, Person, Status, words};
use crate::store::{Reader, Store, WriteError, Writer};
use crate::when::Moment;

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
            Some(invite_to_proof(w, ctx, &person, deadline, &capture.tags)?)
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

/// The critic asked to proof the next piece (not the one they criticised): the soonest other
/// open deadline, else "the next piece".
fn invite_to_proof(
    w: &mut Writer<'_>,
    ctx: &Context,
    person: &Person,
    criticised: Option<i64>,
    tags: &[String],
) -> Result<Item, WriteError> {
    let next = next_piece(&w.reader(), criticised)?;
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
        tags: tags.to_vec(),
        ..Item::blank(Kind::Proofing, ctx.now)
    };
    let id = w.insert_item(&item)?;
    find(&w.reader(), id)
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
        first_name: super::greeting(reader, item)?,
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
    experts_noted(
        reader,
        || {
            tags.iter()
                .map(|t| std::borrow::Cow::Borrowed(t.as_str()))
                .collect()
        },
        except,
        critique::suggestion,
    )
}

/// "Sam knows pricing — ask Sam?" for an ask whose tags or title words someone else knows.
pub fn ask_expert_notes(reader: &Reader<'_>, item: &Item) -> Result<Vec<String>, OpError> {
    experts_noted(
        reader,
        || critique::topic(&item.title, &item.tags),
        item.person_id,
        critique::ask_suggestion,
    )
}

/// The notes for the experts (but `except`) who know some of the words `topic` gives.
fn experts_noted<'t>(
    reader: &Reader<'_>,
    topic: impl FnOnce() -> Vec<std::borrow::Cow<'t, str>>,
    except: Option<i64>,
    say: fn(&str, &[String]) -> String,
) -> Result<Vec<String>, OpError> {
    let tags = topic();
    if tags.is_empty() {
        return Ok(Vec::new());
    }
    // Only those who know one of the words: the matching below decides who covers what.
    let people = reader.experts_knowing(&tags)?;
    let candidates: Vec<(&str, &[String])> = people
        .iter()
        .filter(|p| Some(p.id) != except)
        .map(|p| (p.name.as_str(), p.expertise.as_slice()))
        .collect();
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    Ok(critique::experts(&tags, candidates)
        .into_iter()
        .take(3)
        .map(|(name, covered)| say(&name, &covered))
        .collect())
}
