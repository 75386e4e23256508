//! What `--help`, the man page and the completions say beyond the argument definitions: examples
//! for every command, the capture grammar, the WHEN forms, files, environment and exit codes. One
//! table feeds both `--help` and `nudge man`, so they never disagree.

use std::io::Write;

use clap::CommandFactory;

use super::args::Cli;

pub const GRAMMAR: &str = "\
Capture grammar (one line):
  @name            the person (new names are added)
  by WHEN          need-by (asks) or due (deadlines); also: due WHEN
  check WHEN       first check-back, instead of the default
  ~email ~chat ~call ~walk   the channel (~phone = call, ~desk = walk, ~slack = chat)
  #tag or +tag     a tag (+tag needs no quoting in the shell)
  for ID           the deadline this ask feeds
  why: ...         the rest of the line is the objective
  \"...\"            literal title text (keeps by/check/for in the title)
  anything else    the title
Options may come before or after the line (nudge ask @dana quotes --db work.db); after a `--`
  put before the line, every word is text (nudge ask -- @dana notes on --verbose).";

pub const WHEN: &str = "\
WHEN: today, tonight, tomorrow, mon...sun (the next one), next week, next fri, eod, eow, noon,
  in 3 days, 3d, 2w, 4h, 2026-12-03, dec 3, 3 dec, each optionally with a time (3pm, 15:00, 9:30am).
  A date without a time means the end of the workday (17:00 unless configured).";

/// (command, examples, whether the capture grammar applies).
const EXAMPLES: &[(&str, &[&str], bool)] = &[
    (
        "ask",
        &[
            "nudge ask @dana customer quotes by fri ~call #casestudy why: the deck needs proof",
            "nudge ask @lee latency numbers by mon 10am for 2",
            "nudge add @sam \"pricing for the by-the-seat plan\" check tomorrow",
            "nudge ask @dana dana@acme.com customer quotes by fri ~email",
            "nudge ask --from-mail ~/Mail/Sent/cur/1733.msg by fri",
        ],
        true,
    ),
    (
        "deadline",
        &[
            "nudge deadline Q4 launch deck due fri 3pm +launch",
            "nudge deadline webinar slides by dec 8 noon",
        ],
        true,
    ),
    (
        "list",
        &[
            "nudge list",
            "nudge list deadlines",
            "nudge list people",
            "nudge list --all --json | jq '.[] | .title'",
        ],
        false,
    ),
    ("due", &["nudge due", "nudge due --json"], false),
    ("show", &["nudge show 12", "nudge show @dana"], false),
    (
        "done",
        &["nudge done 12", "nudge done 12 got two quotes"],
        false,
    ),
    ("drop", &["nudge drop 12"], false),
    (
        "followup",
        &[
            "nudge followup 12",
            "nudge followup 12 --via call left a voicemail",
            "nudge followup 12 --draft | pbcopy",
        ],
        false,
    ),
    ("declined", &["nudge declined 12 no time this week"], false),
    (
        "critique",
        &[
            "nudge critique @sam \"the deck is too wordy\" on \"Q4 launch deck\"",
            "nudge critique @tom \"logo too small\" on 3 --fixed",
        ],
        true,
    ),
    (
        "proofing",
        &[
            "nudge proofing 14 --draft",
            "nudge proofing 14 sent",
            "nudge proofing 14 accepted",
        ],
        false,
    ),
    (
        "person",
        &[
            "nudge person @sam --team Product --expert pricing,roadmap",
            "nudge person @lee --prefers walk --note sits by the window",
            "nudge person @dana --email dana@acme.com,dana.reyes@acme.com",
            "nudge person @marcus --every 2w",
        ],
        false,
    ),
    (
        "meet",
        &["nudge meet @dana", "nudge meet @dana --walked"],
        false,
    ),
    (
        "favor",
        &[
            "nudge favor gave @sam reviewed his pricing page",
            "nudge favor got @lee numbers on a Sunday",
        ],
        false,
    ),
    (
        "checkin",
        &[
            "nudge checkin 2",
            "nudge checkin 4 too many reviews at once",
        ],
        false,
    ),
    ("review", &["nudge review"], false),
    ("reflect", &["nudge reflect"], false),
    (
        "report",
        &[
            "nudge report",
            "nudge report --day --date yesterday --format json",
            "nudge report --week",
        ],
        false,
    ),
    (
        "snooze",
        &[
            "nudge snooze 12 mon 9am",
            "nudge snooze 3 in 2 days",
            "nudge snooze 12 2",
        ],
        false,
    ),
    (
        "edit",
        &[
            "nudge edit 12 by thu ~walk",
            "nudge edit 12 why: legal needs it first",
        ],
        true,
    ),
    ("undo", &["nudge undo"], false),
    ("redo", &["nudge redo"], false),
    (
        "export",
        &[
            "nudge export -o ~/Sync/nudge.json",
            "nudge export --format csv > asks.csv",
            "nudge export --format ics -o ~/Sync/nudge.ics",
            "nudge export --format md",
        ],
        false,
    ),
    (
        "import",
        &[
            "nudge import ~/Sync/laptop.json",
            "task export | nudge import -",
        ],
        false,
    ),
    (
        "sync",
        &[
            "nudge sync init --folder ~/Sync/nudge",
            "nudge sync init --git git@example.com:me/nudge.git --secret-file ~/sync-secret",
            "nudge sync",
            "nudge sync status",
        ],
        false,
    ),
    (
        "notify",
        &[
            "nudge notify",
            "nudge notify --peek",
            "nudge notify --print",
            "nudge notify --install",
            "nudge notify --uninstall",
        ],
        false,
    ),
    (
        "calendar",
        &[
            "nudge calendar push",
            "nudge calendar pull",
            "nudge calendar push --json",
        ],
        false,
    ),
    (
        "mail",
        &[
            "nudge mail scan",
            "nudge mail list",
            "nudge mail received 12",
            "nudge mail dismiss 12",
            "nudge mail scan --json",
        ],
        false,
    ),
    (
        "prompt",
        &[
            "nudge prompt",
            "nudge prompt --format '{checks} to chase, {tight} tight'",
        ],
        false,
    ),
    (
        "demo",
        &[
            "nudge --db /tmp/demo.db demo",
            "nudge --db /tmp/big.db demo --scale 100000",
        ],
        false,
    ),
    (
        "config",
        &[
            "nudge config path",
            "nudge config show",
            "nudge config init",
        ],
        false,
    ),
    (
        "completions",
        &[
            "nudge completions bash > ~/.local/share/bash-completion/completions/nudge",
            "nudge completions zsh > ~/.zfunc/_nudge",
            "nudge completions fish > ~/.config/fish/completions/nudge.fish",
        ],
        false,
    ),
    (
        "man",
        &["nudge man > ~/.local/share/man/man1/nudge.1"],
        false,
    ),
];

const FILES: &str = "\
Files:
  $XDG_DATA_HOME/nudge/nudge.db        the database (default ~/.local/share/nudge/nudge.db)
  $XDG_CONFIG_HOME/nudge/config.toml   the settings (`nudge config init` writes one)
  $XDG_STATE_HOME/nudge/nudge.log      the log (default ~/.local/state/nudge/nudge.log)
  $XDG_STATE_HOME/nudge/kept-lines.json   a line that was open when the dashboard was stopped

Environment:
  NUDGE_DB, NUDGE_CONFIG   the database and config file (as --db and --config)
  NUDGE_NOW                pin the clock: NUDGE_NOW=2026-11-28T09:00
  NUDGE_LOG                log level: error, warn (the default), info, debug or trace
  NUDGE_ASCII=1            ASCII symbols and borders only
  NO_COLOR                 no color
  NUDGE_FIRST_FRAME=1      draw the dashboard's first frame and exit (to measure start-up)

Exit status: 0 done, 1 the input was wrong (nothing changed), 2 the database could not be used,
  4 done, but the output could not be written (a full disk, a closed terminal),
  128+N the dashboard was stopped by signal N (a line being typed is kept for next time).";

fn examples_text(examples: &[&str], grammar: bool) -> String {
    let mut text = String::from("Examples:\n");
    for example in examples {
        text.push_str(&format!("  {example}\n"));
    }
    if grammar {
        text.push('\n');
        text.push_str(GRAMMAR);
        text.push_str("\n\n");
        text.push_str(WHEN);
    }
    text.trim_end().to_string()
}

/// The whole command line, with the examples, grammar and WHEN forms in each `--help`.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command().after_help(format!("{GRAMMAR}\n\n{WHEN}\n\n{FILES}"));
    for (name, examples, grammar) in EXAMPLES {
        cmd = cmd.mut_subcommand(*name, |sub| {
            sub.after_help(examples_text(examples, *grammar))
        });
    }
    cmd
}

/// `nudge completions SHELL`, generated into memory first: a closed pipe is then an ordinary
/// write error, not a panic inside clap_complete.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut completed_command(), "nudge", &mut out);
    out
}

/// `command()` built whole for the completions. Building realizes each command's deferred
/// arguments, but clap copies the `help` command's tree from the commands before that, so
/// `nudge help sync <TAB>` would offer nothing: their subcommands are copied in afterwards.
fn completed_command() -> clap::Command {
    let mut cmd = command();
    cmd.set_bin_name("nudge");
    cmd.build();
    let nested: Vec<(String, Vec<clap::Command>)> = cmd
        .get_subcommands()
        .filter(|sub| sub.get_name() != "help" && sub.has_subcommands())
        .map(|sub| {
            let children = sub
                .get_subcommands()
                .filter(|child| child.get_name() != "help")
                .map(|child| help_entry(sub.get_name(), child))
                .collect();
            (sub.get_name().to_string(), children)
        })
        .collect();
    if cmd.find_subcommand("help").is_none() {
        return cmd;
    }
    cmd.mut_subcommand("help", |help| {
        help.mut_subcommands(|entry| {
            match nested.iter().find(|(name, _)| name == entry.get_name()) {
                Some((_, children)) => entry.subcommands(children.clone()),
                None => entry,
            }
        })
    })
}

/// `child` of `parent` as the `help` command names it: its name and what it does, no arguments.
fn help_entry(parent: &str, child: &clap::Command) -> clap::Command {
    let name = child.get_name();
    let entry = clap::Command::new(name.to_string())
        .bin_name(format!("nudge help {parent} {name}"))
        .display_name(format!("nudge-help-{parent}-{name}"))
        .hide(child.is_hide_set())
        .disable_help_flag(true)
        .disable_version_flag(true);
    match child.get_about() {
        Some(about) => entry.about(about.clone()),
        None => entry,
    }
}

/// `nudge man`: nudge(1), with every command, its examples, the grammar and the WHEN forms.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let cmd = command();
    let man = clap_mangen::Man::new(cmd.clone())
        .date("2026-11-28")
        .manual("nudge manual");
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        writeln!(out, ".TP\n\\fBnudge {}\\fR", roff(name))?;
        if let Some(about) = sub.get_about() {
            writeln!(out, "{}", roff(&about.to_string()))?;
        }
        if let Some((_, examples, _)) = EXAMPLES.iter().find(|(n, _, _)| *n == name) {
            writeln!(out, ".nf")?;
            for example in *examples {
                writeln!(out, "  {}", roff(example))?;
            }
            writeln!(out, ".fi")?;
        }
    }
    for (title, text) in [
        ("CAPTURE GRAMMAR", GRAMMAR),
        ("WHEN", WHEN),
        ("FILES AND ENVIRONMENT", FILES),
    ] {
        writeln!(out, ".SH {title}\n.nf")?;
        for (i, line) in text.lines().enumerate() {
            // The first line is a heading ("Files:") or starts the text after one ("WHEN: …").
            let line = match (i, line.split_once(": ")) {
                (0, _) if line.ends_with(':') => continue,
                (0, Some((_, rest))) => rest,
                _ => line,
            };
            writeln!(out, "{}", roff(line))?;
        }
        writeln!(out, ".fi")?;
    }
    writeln!(
        out,
        ".SH DASHBOARD\nRun \\fBnudge\\fR with no command in a terminal. Press \\fB?\\fR there for \
         every key; keys can be changed under [keys] in the config file."
    )?;
    Ok(out)
}

/// Text made safe for roff: backslashes escaped, hyphens literal, and no line starting with a
/// control character.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_examples_and_every_example_is_a_command() {
        let cmd = command();
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            assert!(
                EXAMPLES.iter().any(|(name, _, _)| *name == sub.get_name()),
                "{} has no examples",
                sub.get_name()
            );
        }
        for (name, examples, _) in EXAMPLES {
            assert!(
                cmd.find_subcommand(name).is_some(),
                "{name} is not a command"
            );
            for example in *examples {
                let words: Vec<&str> = example.split_whitespace().collect();
                assert!(
                    words.iter().any(|w| w == name) || (*name == "ask" && words.contains(&"add")),
                    "{example} uses {name}"
                );
            }
        }
    }

    #[test]
    fn completions_know_every_argument_and_every_path_through_help() {
        let bash = String::from_utf8(completions(clap_complete::Shell::Bash)).expect("utf-8");
        let mut cmd = command();
        cmd.build();
        let mut nested = 0;
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            for long in sub.get_arguments().filter_map(|a| a.get_long()) {
                assert!(
                    bash.contains(&format!(" --{long}")),
                    "{} --{long}",
                    sub.get_name()
                );
            }
            for child in sub.get_subcommands().filter(|c| c.get_name() != "help") {
                let path = format!(
                    "nudge__subcmd__help__subcmd__{}__subcmd__{}",
                    sub.get_name(),
                    child.get_name()
                );
                assert!(
                    bash.contains(&path),
                    "nudge help {} {}",
                    sub.get_name(),
                    child.get_name()
                );
                nested += 1;
            }
        }
        assert!(nested > 10, "the commands with subcommands were seen");
    }

    #[test]
    fn roff_lines_never_start_a_request() {
        assert_eq!(roff(".hidden"), "\\&.hidden");
        assert_eq!(roff("a\\b-c"), "a\\eb\\-c");
    }
}
