//! People: their details, and a word when a line names someone new (or a typo of someone known).

use super::{Context, OpError, OpResult};
use crate::capture::{self, Capture, Grammar};
use crate::domain::person::{likely_meant, name_key};
use crate::domain::{Channel, Person, words};
use crate::store::{Reader, Store};

pub(super) fn read(line: &str, grammar: Grammar, ctx: &Context) -> OpResult<Capture> {
    capture::parse(line, grammar, &ctx.now, &ctx.week()).map_err(|e| OpError::Input(e.to_string()))
}

/// The person a line names as they will be saved, and a note when they are new.
pub(super) fn named(reader: &Reader<'_>, typed: &str) -> OpResult<(String, Vec<String>)> {
    match reader.person_named(typed)? {
        Some(known) => Ok((known.name, Vec::new())),
        None => {
            let name = crate::domain::person::display_name(typed);
            let note = new_person_note(reader, &name, false)?;
            Ok((name, note.into_iter().collect()))
        }
    }
}

/// What `nudge person` may change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonChange {
    pub team: Option<String>,
    pub expertise: Option<Vec<String>>,
    pub prefers: Option<Channel>,
    pub note: Option<String>,
    /// Mail addresses (replace the list; empty clears it).
    pub emails: Option<Vec<String>>,
    /// The keep-in-touch rhythm in days (Some(None) clears it).
    pub every: Option<Option<u32>>,
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
                "there is no one called @{name} yet; add them with --team, --expert, --prefers, --email, --every or --note \
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
        if let Some(emails) = &change.emails {
            person.emails = emails.clone();
        }
        if let Some(every) = change.every {
            person.every_days = every;
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
    if !person.emails.is_empty() {
        parts.push(person.emails.join(", "));
    }
    if let Some(days) = person.every_days {
        parts.push(format!(
            "keep in touch {}",
            crate::domain::touch::every_label(days)
        ));
    }
    if let Some(usual) = person.reply_median {
        parts.push(format!("usually answers in {}", words::span(usual)));
    }
    if !person.notes.is_empty() {
        parts.push(person.notes.clone());
    }
    parts.join(" · ")
}

/// Split "dana@acme.com, Dana.R@mail.acme.com" into addresses, lower-cased, each once; the
/// first that is not an address is named.
pub fn email_list(text: &str) -> OpResult<Vec<String>> {
    let mut addresses = Vec::new();
    for part in text
        .split([',', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let address = part.trim_start_matches('<').trim_end_matches('>');
        if !crate::domain::mail::is_address(address) {
            return Err(OpError::Input(format!(
                "\"{part}\" is not a mail address; use e.g. --email dana@acme.com,dana.r@acme.com"
            )));
        }
        addresses.push(address.to_lowercase());
    }
    Ok(words::distinct(addresses))
}

/// Keep `address` among a person's addresses (a capture line's `<dana@acme.com>`); true when it
/// was new.
pub(super) fn keep_email(
    w: &mut crate::store::Writer<'_>,
    person: &mut Person,
    address: &str,
) -> Result<bool, crate::store::WriteError> {
    if person.emails.iter().any(|a| a == address) {
        return Ok(false);
    }
    person.emails.push(address.to_string());
    w.save_person(person)?;
    Ok(true)
}

/// Split "pricing, Roadmap  ,api" into tags.
pub fn expertise_list(text: &str) -> Vec<String> {
    crate::domain::words::distinct(
        text.split([',', ' '])
            .map(|t| t.trim().trim_start_matches('#').to_lowercase())
            .filter(|t| !t.is_empty()),
    )
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
        .names_near(name)?
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

pub(super) use crate::domain::words::capitalized;
