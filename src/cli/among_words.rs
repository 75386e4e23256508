//! Options typed among a command's free words: `nudge ask @dana quotes --db other.db`.
//!
//! A command's free words (a capture line, a note, a snooze's when) are taken as typed, so `-5%`
//! and a ` -- ` in the middle of a note stay in the text. An option typed after them is still an
//! option: it is moved before the words and the line is read again. A `--word` that is none of
//! the command's options is refused by name, since saving it as text would hide a typo or a
//! wrong guess (`nudge edit 12 +q4 --dry-run` renamed the ask to "--dry-run"). A `--` before the
//! words makes every word text.

use std::ffi::OsString;

use clap::{ArgMatches, Command};

/// The arguments to read again with the options among the free words moved before them, or
/// `None` when there are none. `command` is the one that gave `matches` (so it is built).
pub(super) fn moved_before_the_words(
    command: &Command,
    matches: &ArgMatches,
    args: &[OsString],
) -> Result<Option<Vec<OsString>>, String> {
    let Some((name, sub_matches)) = matches.subcommand() else {
        return Ok(None);
    };
    let Some(sub) = command.find_subcommand(name) else {
        return Ok(None);
    };
    let Some(free) = sub
        .get_positionals()
        .find(|arg| arg.is_trailing_var_arg_set())
    else {
        return Ok(None);
    };
    let words: Vec<&String> = match sub_matches.get_many::<String>(free.get_id().as_str()) {
        Some(words) => words.collect(),
        None => return Ok(None),
    };
    // The free words are the last arguments as typed; a `--` just before them made them text.
    let Some(before) = args.len().checked_sub(words.len()).map(|n| &args[..n]) else {
        return Ok(None);
    };
    let mut typed_last = args[before.len()..].iter().zip(&words);
    if typed_last.any(|(typed, word)| typed.to_str() != Some(word.as_str()))
        || before.last().is_some_and(|last| last == "--")
    {
        return Ok(None);
    }

    let mut moved: Vec<OsString> = Vec::new();
    let mut kept: Vec<&String> = Vec::with_capacity(words.len());
    let mut rest = words.iter().copied();
    while let Some(word) = rest.next() {
        let Some(long) = option_name(word) else {
            kept.push(word);
            continue;
        };
        let Some(option) = find_option(command, sub, long) else {
            return Err(not_an_option(command, sub, word, long, before, &words));
        };
        moved.push(word.into());
        if option.get_action().takes_values() && !word.contains('=') {
            // Its value is the next word; without one, clap says that a value is missing.
            if let Some(value) = rest.next() {
                moved.push(value.into());
            }
        }
    }
    if moved.is_empty() {
        return Ok(None);
    }
    let mut again: Vec<OsString> = before.to_vec();
    again.extend(moved);
    if !kept.is_empty() {
        again.push("--".into());
        again.extend(kept.into_iter().map(OsString::from));
    }
    Ok(Some(again))
}

/// The long name of a word that is written as an option: `--db`, `--via=call`, and `-h`.
/// Words such as `-5%`, `--` and `-ish` are text.
fn option_name(word: &str) -> Option<&str> {
    if word == "-h" {
        return Some("help");
    }
    let name = word.strip_prefix("--")?;
    let name = name.split_once('=').map_or(name, |(name, _)| name);
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        .then_some(name)
}

/// The command's own option of that long name, or one of the program's global options.
fn find_option<'a>(root: &'a Command, sub: &'a Command, long: &str) -> Option<&'a clap::Arg> {
    let named = |arg: &&clap::Arg| {
        arg.get_long() == Some(long)
            || arg
                .get_all_aliases()
                .is_some_and(|aliases| aliases.contains(&long))
    };
    sub.get_arguments()
        .filter(|arg| !arg.is_positional())
        .find(named)
        .or_else(|| {
            root.get_arguments()
                .filter(|arg| arg.is_global_set())
                .find(named)
        })
}

fn option_names(root: &Command, sub: &Command) -> Vec<String> {
    let globals = root.get_arguments().filter(|arg| arg.is_global_set());
    sub.get_arguments()
        .filter(|arg| !arg.is_positional() && !arg.is_hide_set() && !arg.is_global_set())
        .chain(globals)
        .filter_map(|arg| arg.get_long().map(|long| format!("--{long}")))
        .collect()
}

fn not_an_option(
    root: &Command,
    sub: &Command,
    word: &str,
    long: &str,
    before: &[OsString],
    words: &[&String],
) -> String {
    let names = option_names(root, sub);
    let close = names
        .iter()
        .filter(|name| strsim::damerau_levenshtein(&name[2..], long) <= 2)
        .min_by_key(|name| strsim::damerau_levenshtein(&name[2..], long));
    let guess = match close {
        Some(name) => format!(" (did you mean {name}?)"),
        None => String::new(),
    };
    let typed: Vec<String> = before
        .iter()
        .map(|arg| arg.to_string_lossy().into_owned())
        .chain(std::iter::once("--".to_string()))
        .chain(words.iter().map(|word| word.to_string()))
        .collect();
    format!(
        "\"{word}\" is not an option of nudge {}{guess}, so nothing was saved; its options are \
         {}. To keep \"{word}\" in the text, put -- before the words: {}",
        sub.get_name(),
        names.join(", "),
        shown_as_typed(&typed)
    )
}

/// A command line as it could be typed again (quoted where the shell would split it), with the
/// program's own path shown as `nudge` and a long line cut in the middle.
fn shown_as_typed(args: &[String]) -> String {
    const ROOM: usize = 120;
    let quoted: Vec<String> = args
        .iter()
        .skip(1)
        .map(|arg| {
            let plain = !arg.is_empty()
                && arg
                    .chars()
                    .all(|c| c.is_alphanumeric() || "@#~+-_.,:/%=".contains(c) || !c.is_ascii());
            if plain {
                arg.clone()
            } else {
                format!("'{}'", arg.replace('\'', r"'\''"))
            }
        })
        .collect();
    let line = std::iter::once("nudge".to_string())
        .chain(quoted)
        .collect::<Vec<_>>()
        .join(" ");
    if line.chars().count() <= ROOM {
        return line;
    }
    let head: String = line.chars().take(ROOM / 2).collect();
    let tail: String = {
        let mut tail: Vec<char> = line.chars().rev().take(ROOM / 2 - 2).collect();
        tail.reverse();
        tail.into_iter().collect()
    };
    format!("{head} … {tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_words_written_as_options_are_options() {
        assert_eq!(option_name("--db"), Some("db"));
        assert_eq!(option_name("--via=call"), Some("via"));
        assert_eq!(option_name("-h"), Some("help"));
        for text in [
            "--", "-5%", "-ish", "-", "--5", "—", "---", "quotes", "a--b",
        ] {
            assert_eq!(option_name(text), None, "{text}");
        }
    }

    #[test]
    fn a_line_is_shown_as_it_could_be_typed_again() {
        let args: Vec<String> = ["/usr/bin/nudge", "ask", "--", "@dana", "two words", "it's"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            shown_as_typed(&args),
            r"nudge ask -- @dana 'two words' 'it'\''s'"
        );
        let long: Vec<String> = std::iter::once("nudge".to_string())
            .chain((0..100).map(|i| format!("+tag{i}")))
            .collect();
        let shown = shown_as_typed(&long);
        assert!(shown.starts_with("nudge +tag0 +tag1"), "{shown}");
        assert!(shown.ends_with("+tag98 +tag99"), "{shown}");
        assert!(shown.chars().count() <= 121, "{shown}");
    }
}
