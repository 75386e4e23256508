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
    /// A new display name (the old one stays an alias, so `@old` still finds them).
    pub rename: Option<String>,
    /// The first name drafts greet them with (Some(None): the first word of their name).
    pub greeting: Option<Option<String>>,
    /// Other names they go by (replace the list; empty clears it).
    pub aliases: Option<Vec<String>>,
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
    let name = &check_name(name)?;
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
        if let Some(greeting) = &change.greeting {
            person.greeting = greeting.clone();
        }
        if let Some(aliases) = &change.aliases {
            person.aliases = aliases.iter().map(|a| name_key(a)).collect();
        }
        if let Some(new_name) = &change.rename {
            let old = name_key(&person.name);
            person.name = crate::domain::person::display_name(new_name);
            if name_key(new_name) != old && !person.aliases.contains(&old) {
                person.aliases.push(old);
            }
        }
        let own = name_key(&person.name);
        person.aliases.retain(|a| *a != own);
        person.aliases = words::distinct(person.aliases.clone());
        for key in std::iter::once(&own).chain(&person.aliases) {
            if let Some(other) = w.reader().person_named(key)?
                && other.id != person.id
            {
                return Err(crate::store::WriteError::Input(format!(
                    "{} is already {}; give another name, or change theirs first \
                     (nudge person {} --alias …)",
                    at_name(key),
                    other.name,
                    at_name(&name_key(&other.name))
                )));
            }
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

/// How a name is written on a capture line: `@marc`, `@"marcus reid"`.
pub fn at_name(name: &str) -> String {
    if name.contains(' ') {
        format!("@\"{name}\"")
    } else {
        format!("@{name}")
    }
}

/// A name as typed (`@sam`, `@"Marcus Reid"`), checked: what it is without the `@` and quotes.
pub fn check_name(typed: &str) -> OpResult<String> {
    let name = crate::domain::person::typed_name(typed);
    if !crate::capture::valid_name(&name) {
        return Err(OpError::Input(format!(
            "\"{}\" is not a name: use letters, digits, '.', '-' or '_', and quotes for one with \
             spaces (e.g. nudge person @sam --team Product, nudge person @\"Marcus Reid\")",
            typed.trim()
        )));
    }
    Ok(name)
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
    if !person.aliases.is_empty() {
        let names: Vec<String> = person.aliases.iter().map(|a| at_name(a)).collect();
        parts.push(format!("also {}", names.join(", ")));
    }
    if let Some(greeting) = &person.greeting {
        parts.push(format!("greeted as {greeting}"));
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

/// The flags a person's line takes (`e` on the People view), as the command line spells them.
const PERSON_FLAGS: &str =
    "--name, --first, --alias, --team, --expert, --prefers, --every or --note";

/// A person's editable fields as a line of flags, to edit in place: `--name "Marcus Reid"
/// --first Marc --alias marc,mr --team Sales --every 2w`.
pub fn person_fields(person: &Person) -> String {
    let quoted = |text: &str| {
        if text.contains(' ') || text.is_empty() {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text.to_string()
        }
    };
    let mut parts = vec![format!("--name {}", quoted(&person.name))];
    if let Some(greeting) = &person.greeting {
        parts.push(format!("--first {}", quoted(greeting)));
    }
    if !person.aliases.is_empty() {
        parts.push(format!("--alias {}", quoted(&person.aliases.join(","))));
    }
    if let Some(team) = &person.team {
        parts.push(format!("--team {}", quoted(team)));
    }
    if !person.expertise.is_empty() {
        parts.push(format!("--expert {}", person.expertise.join(",")));
    }
    if let Some(prefers) = person.prefers {
        parts.push(format!("--prefers {}", prefers.as_str()));
    }
    if let Some(days) = person.every_days {
        parts.push(format!(
            "--every {}",
            crate::domain::touch::every_short(days)
        ));
    }
    if !person.notes.is_empty() {
        parts.push(format!("--note {}", quoted(&person.notes)));
    }
    parts.join(" ")
}

/// Read a person's line of flags (`person_fields`' form): every flag once, each with one value
/// (quoted when it has spaces).
pub fn read_person_line(line: &str) -> OpResult<PersonChange> {
    let (tokens, _) = crate::capture::tokenize_line(line)
        .map_err(|e| OpError::Input(format!("{e} (e.g. --name \"Marcus Reid\")")))?;
    let mut change = PersonChange::default();
    let mut words = tokens.into_iter();
    while let Some(flag) = words.next() {
        let name = flag.text.to_lowercase();
        if flag.quoted || !name.starts_with("--") {
            return Err(OpError::Input(format!(
                "\"{}\" is not a flag: use {PERSON_FLAGS}, each with its value \
                 (e.g. --first Marc --every 2w)",
                flag.text
            )));
        }
        let value = words.next().map(|v| v.text).ok_or_else(|| {
            OpError::Input(format!(
                "{name} needs a value (e.g. {name} {})",
                match name.as_str() {
                    "--every" => "2w",
                    "--name" => "\"Marcus Reid\"",
                    _ => "…",
                }
            ))
        })?;
        let value = value.trim().to_string();
        let cleared = || Some(value.clone()).filter(|v| !v.is_empty());
        match name.as_str() {
            "--name" => change.rename = Some(check_name(&value)?),
            "--first" => change.greeting = Some(cleared()),
            "--alias" => {
                change.aliases = Some(
                    value
                        .split(',')
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .map(check_name)
                        .collect::<OpResult<Vec<_>>>()?,
                )
            }
            "--team" => change.team = Some(value.clone()),
            "--expert" => change.expertise = Some(expertise_list(&value)),
            "--prefers" => {
                change.prefers = Some(Channel::from_word(&value).ok_or_else(|| {
                    OpError::Input(format!(
                        "\"{value}\" is not a channel; use email, chat, call or walk"
                    ))
                })?)
            }
            "--every" => {
                change.every =
                    Some(crate::domain::touch::parse_every(&value).map_err(OpError::Input)?)
            }
            "--note" => change.note = Some(value.clone()),
            other => {
                return Err(OpError::Input(format!(
                    "\"{other}\" is not one of a person's flags: use {PERSON_FLAGS}"
                )));
            }
        }
    }
    Ok(change)
}

/// Edit person `id` from a line of flags (the People view's `e`).
pub fn edit_person(store: &mut Store, ctx: &Context, id: i64, line: &str) -> OpResult<String> {
    let change = read_person_line(line)?;
    let found = store
        .reader()
        .person(id)?
        .ok_or_else(|| OpError::Input(format!("there is no person {id}")))?;
    if change.is_empty() {
        return Ok(format!("Unchanged: {}", person_line(&found)));
    }
    person(store, ctx, &at_name(&name_key(&found.name)), &change)
}
