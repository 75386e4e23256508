//! The command line's shape (DESIGN.md "Command line"); `route.rs` sends each command to its
//! handler.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::domain::{Channel, Stress};

#[derive(Debug, Parser)]
#[command(
    name = "nudge",
    version,
    about = "Keeps you accountable for what you wait on from busy colleagues, and for your own deadlines",
    long_about = "Keeps you accountable for what you wait on from busy colleagues, and for your own \
deadlines. Every ask records who, what, why, the channel it went out on, the date you need it by \
and when you will check back; nudge owns the reminder, drafts the follow-up, suggests a call when \
an email got no answer, and keeps deadlines, proofing invitations, favors and stress in one calm \
view. With no command it opens the dashboard; in a pipe it prints what needs attention now.",
    arg_required_else_help = false
)]
pub struct Cli {
    /// The database file [default: $XDG_DATA_HOME/nudge/nudge.db]
    #[arg(long, global = true, env = "NUDGE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The config file [default: $XDG_CONFIG_HOME/nudge/config.toml]
    #[arg(long, global = true, env = "NUDGE_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Each command's arguments are built only when that command runs (help, completions and the
/// manual build them all): building every command's took a fifth of `nudge --version`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Capture an ask: nudge ask @dana customer quotes by fri ~call #casestudy
    #[command(visible_alias = "add")]
    Ask(AskArgs),
    /// Capture a deadline of your own: nudge deadline Q4 launch deck due fri 3pm
    Deadline(CaptureArgs),
    /// List asks (default), deadlines, proofing, people, favors, checkins or reflections
    List(ListArgs),
    /// What needs attention now, most urgent first (prints nothing when nothing does)
    Due(DueArgs),
    /// One item with its history and the person's card, or a person's card: nudge show @dana
    Show(ShowArgs),
    /// Mark an ask received, a deadline done, or a proofing invitation proofed
    Done(IdNoteArgs),
    /// Drop an item: no longer waiting on it
    Drop(IdArgs),
    /// Log a follow-up on an ask (or print the drafted message with --draft): nudge followup 12 --via call
    Followup(FollowupArgs),
    /// "I don't have time": mark an ask declined, and get a re-ask that leads with the objective
    Declined(IdNoteArgs),
    /// Log criticism; by default invite the critic to proof the next piece:
    /// nudge critique @sam "deck is too wordy" on "Q4 launch deck"
    Critique(CritiqueArgs),
    /// Move a proofing invitation along: nudge proofing 14 sent (then accepted, declined or done; --draft prints the invitation)
    Proofing(ProofingArgs),
    /// Add or update a person: nudge person @sam --team Product --expert pricing,roadmap
    Person(PersonArgs),
    /// Log a favor: nudge favor gave @sam reviewed his pricing page
    Favor(FavorArgs),
    /// Person mode, for the walk over: everything open with them on one page (the dashboard's
    /// `w` acts on it); --walked logs the visit, which counts as contact: nudge meet @dana
    Meet(MeetArgs),
    /// Log a stress check-in, 1 (calm) to 5 (overwhelmed): nudge checkin 4 too many reviews at once
    Checkin(CheckinArgs),
    /// Open the dashboard in the daily review
    Review,
    /// Open the end-of-day reflection
    Reflect,
    /// A day (or a week) in a page: nudge report --day --date yesterday --format md
    Report(ReportArgs),
    /// Move an ask's next check-back, or a deadline's due time: nudge snooze 12 mon 9am
    Snooze(SnoozeArgs),
    /// Change an item with the capture grammar: nudge edit 12 by mon ~call
    Edit(EditArgs),
    /// Undo the last change (repeat to go further back)
    Undo,
    /// Redo what undo just took back (repeat for each undo; any other change ends it)
    Redo,
    /// Write everything out: json (complete, re-importable), csv (the asks), ics (a calendar to
    /// subscribe to) or md (open items): nudge export --format ics -o ~/nudge.ics
    Export(ExportArgs),
    /// Merge a nudge JSON export (by UUID, the newer change wins) or a Taskwarrior `task export`:
    /// nudge import laptop.json
    Import(ImportArgs),
    /// Sync with your other machines: send this one's changes, bring theirs (set up once with
    /// `nudge sync init`; `nudge sync status` says what is pending)
    Sync(SyncArgs),
    /// A desktop notification for each check-back, need-by, tight deadline, check-in or sprint
    /// that came due since the last run (once each); --install runs it every few minutes
    Notify(NotifyArgs),
    /// A short segment for the shell prompt: ⏰3 ⚠1 (check-backs due, tight deadlines); empty
    /// when nothing is due. Reads only, never writes
    Prompt(PromptArgs),
    /// The phone's calendar over CalDAV: push deadlines and check-backs there (with alarms),
    /// pull back what was ticked off ([calendar] in the config)
    Calendar(CalendarArgs),
    /// Replies in your mail, read only: `scan` finds answers to open asks in your maildir or
    /// notmuch ([mail] in the config); `received`, `followup` or `dismiss` takes one
    Mail(MailArgs),
    /// Fill the database with realistic sample data
    Demo(DemoArgs),
    /// Where the config file is, what is in effect, or write the commented default
    Config(ConfigArgs),
    /// Shell completions: nudge completions bash > ~/.local/share/bash-completion/completions/nudge
    Completions(CompletionsArgs),
    /// The manual page: nudge man > ~/.local/share/man/man1/nudge.1
    Man,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub action: ConfigAction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum ConfigAction {
    /// Print where the config file is read from
    Path,
    /// Print the configuration in effect (the file over the defaults)
    Show,
    /// Write the commented default file where there is none (never over an existing one)
    Init,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub action: Option<SyncAction>,
    /// Join the remote as it is and send every record of this machine again (when sync says
    /// this machine and the remote no longer share a history)
    #[arg(long)]
    pub rejoin: bool,
}

#[derive(Debug, Subcommand)]
pub enum SyncAction {
    /// What is waiting to be sent, and when the last sync was
    Status,
    /// Set up sync: write the [sync] section of the config file (one of --folder, --git, --server)
    Init(SyncInitArgs),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("remote").required(true).args(["folder", "git", "server"])))]
pub struct SyncInitArgs {
    /// A shared folder (Syncthing, Dropbox, a mounted share): nudge keeps a git repository there
    #[arg(long, value_name = "DIR")]
    pub folder: Option<PathBuf>,
    /// A git remote your own git can reach (a bare repository's path, or an ssh/https URL)
    #[arg(long, value_name = "URL")]
    pub git: Option<String>,
    /// A taskchampion sync server
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
    /// Your id on the sync server (a UUID; made when not given)
    #[arg(long, value_name = "ID", requires = "server")]
    pub client_id: Option<String>,
    /// The encryption secret: the same file on every machine (made beside the config when not
    /// given, readable only by you)
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    Json,
    Csv,
    Ics,
    Md,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json (the default), csv, ics or md
    #[arg(long, value_enum, default_value = "json")]
    pub format: ExportFormatArg,
    /// Write to this file (replaced whole, never half-written, keeping its mode; a link writes
    /// the file it names; a terminal or a pipe is written through; - is standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the file even when it belongs to another user (its owner and mode are kept)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormatArg {
    Json,
    Taskwarrior,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file (- for standard input)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// json (a nudge export) or taskwarrior; found from the file when not given
    #[arg(long, value_enum)]
    pub format: Option<ImportFormatArg>,
}

#[derive(Debug, Args)]
pub struct CaptureArgs {
    /// The capture line (see below)
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "CAPTURE"
    )]
    pub words: Vec<String>,
}

#[derive(Debug, Args)]
pub struct AskArgs {
    /// The Message-ID the ask went out with by email: a reply in its thread is noticed by
    /// `nudge mail scan`
    #[arg(long, value_name = "ID")]
    pub message_id: Option<String>,
    /// Read the ask from the message you sent: To is the person, Subject the title, Date when
    /// it was asked, and its Message-ID is kept; a line after it adds to it (`by fri`)
    #[arg(long, value_name = "FILE", conflicts_with = "message_id")]
    pub from_mail: Option<std::path::PathBuf>,
    /// The capture line (see below)
    #[arg(
        required_unless_present = "from_mail",
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "CAPTURE"
    )]
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListWhat {
    Asks,
    Deadlines,
    Proofing,
    People,
    Favors,
    Checkins,
    Reflections,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// One day (the default)
    #[arg(long, conflicts_with = "week")]
    pub day: bool,
    /// The week of --date (Monday to Sunday)
    #[arg(long)]
    pub week: bool,
    /// Which day (for --week, any day of that week): 2026-11-27, yesterday, mon, dec 3 …; default today
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// md (the default) or json
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// How stressed, 1 (calm) to 5 (overwhelmed)
    #[arg(value_parser = parse_rating, allow_negative_numbers = true)]
    pub stress: Stress,
    /// An optional note
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub note: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CritiqueArgs {
    /// Answered by explaining the style guide (no invitation)
    #[arg(long, conflicts_with_all = ["fixed", "let_go"])]
    pub style_guide: bool,
    /// Answered by fixing it (no invitation)
    #[arg(long, conflicts_with_all = ["style_guide", "let_go"])]
    pub fixed: bool,
    /// Let it go (no invitation)
    #[arg(long, conflicts_with_all = ["style_guide", "fixed"])]
    pub let_go: bool,
    /// Who said what, on which piece: @sam "too wordy" on "Q4 deck" (or on ID for a deadline)
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "CAPTURE"
    )]
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProofingStep {
    Sent,
    Accepted,
    Declined,
    /// They proofed it (the same as `nudge done ID`)
    Done,
}

#[derive(Debug, Args)]
pub struct ProofingArgs {
    #[command(flatten)]
    pub item: IdArgs,
    /// Where it moves: sent, accepted, declined, or done (they proofed it)
    #[arg(value_enum, required_unless_present = "draft")]
    pub step: Option<ProofingStep>,
    /// Print the invitation message
    #[arg(long)]
    pub draft: bool,
}

#[derive(Debug, Args)]
pub struct PersonArgs {
    /// @name or @"Full Name" (matched case-insensitively, aliases too; new names are added)
    #[arg(value_name = "NAME")]
    pub person: String,
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
    /// What they know, comma-separated: pricing,roadmap (replaces the list)
    #[arg(long, value_name = "TAGS")]
    pub expert: Option<String>,
    /// The channel they prefer: email, chat, call or walk
    #[arg(long, value_parser = parse_channel, value_name = "CHANNEL")]
    pub prefers: Option<Channel>,
    /// A note about them (replaces the note)
    #[arg(long, num_args = 1.., value_name = "TEXT")]
    pub note: Option<Vec<String>>,
    /// Their mail addresses, comma-separated or repeated: dana@acme.com (replaces the list;
    /// "" clears it). Replies from them are noticed by `nudge mail scan`
    #[arg(long, value_name = "ADDRESS")]
    pub email: Vec<String>,
    /// Keep in touch: how often, as 2w, 10d or 1m (off clears it). When nothing has happened
    /// with them for longer, they show in `due`, the review and the People view
    #[arg(long, value_parser = parse_rhythm, value_name = "RHYTHM")]
    pub every: Option<Rhythm>,
    /// Their name as shown: --name "Marcus Reid" (the old one still finds them)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The first name drafts greet them with: --first Marc ("" goes back to their name's first word)
    #[arg(long, value_name = "NAME")]
    pub first: Option<String>,
    /// Other names they go by, comma-separated: --alias marc,mr (replaces the list; "" clears it)
    #[arg(long, value_name = "NAMES")]
    pub alias: Option<String>,
}

#[derive(Debug, Args)]
pub struct MeetArgs {
    /// @name
    pub name: String,
    /// Log that you walked over (it counts as contact for `--every`)
    #[arg(long)]
    pub walked: bool,
}

/// A keep-in-touch rhythm in days, or none (`--every off`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rhythm(pub Option<u32>);

fn parse_rhythm(text: &str) -> Result<Rhythm, String> {
    crate::domain::touch::parse_every(text).map(Rhythm)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FavorWay {
    Gave,
    Got,
}

#[derive(Debug, Args)]
pub struct FavorArgs {
    /// gave (you did it for them) or got (they did it for you)
    #[arg(value_enum)]
    pub way: FavorWay,
    /// @person and what the favor was
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "CAPTURE"
    )]
    pub words: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(value_enum, default_value = "asks")]
    pub what: ListWhat,
    /// Closed items too
    #[arg(long)]
    pub all: bool,
    /// JSON instead of a table
    #[arg(long)]
    pub json: bool,
    /// At most N rows (0: all); by default a screenful in a terminal, all in a pipe
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Only those whose person, title, tags or why hold every word, as the start of a word
    /// (asks, deadlines, proofing; people by name, team, expertise or address)
    #[arg(long, value_name = "WORDS", num_args = 1..)]
    pub grep: Option<Vec<String>>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("notify_mode").args(["print", "install", "uninstall", "peek"])))]
pub struct NotifyArgs {
    /// Write the new reminders to standard output, one line each, instead of the desktop
    /// (for other notifiers); they count as told
    #[arg(long)]
    pub print: bool,
    /// The same as JSON (with --peek: what holds, as JSON)
    #[arg(long, conflicts_with_all = ["print", "install", "uninstall"])]
    pub json: bool,
    /// List what holds now, told or not, and change nothing
    #[arg(long)]
    pub peek: bool,
    /// Write a systemd user timer that runs `nudge notify` every [notify] every_minutes, and
    /// print the line that turns it on
    #[arg(long)]
    pub install: bool,
    /// Remove what --install wrote
    #[arg(long)]
    pub uninstall: bool,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    #[command(subcommand)]
    pub action: CalendarAction,
}

#[derive(Debug, Clone, Copy, Subcommand)]
pub enum CalendarAction {
    /// Write the open deadlines (events) and check-backs (to-dos) to the collection: new ones
    /// made, changed ones updated, closed ones removed
    Push {
        /// What it did, as JSON
        #[arg(long)]
        json: bool,
    },
    /// Bring back what was ticked off there: a check-back logs a follow-up, a deadline's to-do
    /// marks it done (one change; `nudge undo` takes it back)
    Pull {
        /// What it did, as JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct MailArgs {
    #[command(subcommand)]
    pub action: MailAction,
}

#[derive(Debug, Subcommand)]
pub enum MailAction {
    /// Read the mail that is new since the last scan and suggest the replies to open asks
    /// (a reply in the ask's thread, or from the person naming its title); changes no ask
    Scan {
        /// The suggestions found, and every open one, as JSON
        #[arg(long)]
        json: bool,
    },
    /// The replies waiting for an answer, the latest first
    List {
        #[arg(long)]
        json: bool,
    },
    /// The latest reply to ask ID is the answer: received at the reply's time
    Received(IdArgs),
    /// The latest reply to ask ID is not the thing yet: logged as a follow-up by email
    Followup(IdArgs),
    /// The latest reply to ask ID is not about it: never suggested again
    Dismiss(IdArgs),
}

#[derive(Debug, Args)]
pub struct PromptArgs {
    /// The segment's shape: {checks} check-backs due, {needby} need-bys passed, {tight} tight
    /// deadlines, {due} checks + need-bys; a part whose numbers are all 0 is left out
    /// [default: "⏰{checks} ⚠{tight}", or "!{checks} ^{tight}" with [display] ascii]
    #[arg(long, value_name = "TEXT")]
    pub format: Option<String>,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// JSON instead of lines
    #[arg(long)]
    pub json: bool,
    /// At most N asks (0: all); by default a screenful in a terminal, all in a pipe
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// An item's number (as `nudge list` shows it), or @name for a person's card
    #[arg(value_parser = parse_shown, value_name = "ID|@NAME")]
    pub what: Shown,
}

/// What `nudge show` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    Item(i64),
    Person(String),
}

fn parse_shown(text: &str) -> Result<Shown, String> {
    match text.strip_prefix('@') {
        Some(name) if !name.trim().is_empty() => Ok(Shown::Person(name.trim().to_string())),
        Some(_) => Err("\"@\" needs a name after it, like @dana".into()),
        None => parse_id(text)
            .map(Shown::Item)
            .map_err(|e| format!("{e}, or @name for a person")),
    }
}

#[derive(Debug, Args)]
pub struct IdArgs {
    /// The item's number, as `nudge list` and `nudge due` show it (asks, deadlines and
    /// invitations share one sequence)
    #[arg(value_parser = parse_id)]
    pub id: i64,
}

#[derive(Debug, Args)]
pub struct IdNoteArgs {
    #[command(flatten)]
    pub item: IdArgs,
    /// An optional note
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub note: Vec<String>,
}

#[derive(Debug, Args)]
pub struct FollowupArgs {
    #[command(flatten)]
    pub item: IdArgs,
    /// The channel used: email, chat, call or walk (default: the suggested one)
    #[arg(long, value_parser = parse_channel, value_name = "CHANNEL")]
    pub via: Option<Channel>,
    /// Print the message for the next follow-up instead of logging one
    #[arg(long)]
    pub draft: bool,
    /// An optional note
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub note: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SnoozeArgs {
    #[command(flatten)]
    pub item: IdArgs,
    /// When (tomorrow, mon 9am, in 3 days, dec 3 …), or one digit: 1 tomorrow 9:00, 2 the next
    /// work day, 3 next week, 4 the day before the need-by
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "WHEN"
    )]
    pub when: Vec<String>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    #[command(flatten)]
    pub item: IdArgs,
    /// What is new, in the capture grammar
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "CAPTURE"
    )]
    pub words: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many items to make (asks, deadlines and proofing invitations); without it, a small
    /// realistic set
    #[arg(long, value_name = "N")]
    pub scale: Option<u64>,
    /// Add sample data even though the database already holds data
    #[arg(long)]
    pub force: bool,
}

fn parse_rating(text: &str) -> Result<Stress, String> {
    text.trim()
        .parse::<i64>()
        .ok()
        .and_then(|n| Stress::new(n).ok())
        .ok_or_else(|| crate::ops::rating_error(text))
}

pub fn parse_channel(text: &str) -> Result<Channel, String> {
    Channel::from_word(text.trim_start_matches('~'))
        .ok_or_else(|| format!("\"{text}\" is not a channel; use email, chat, call or walk"))
}

fn parse_id(text: &str) -> Result<i64, String> {
    let digits = text.trim_start_matches('#');
    digits
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| {
            format!(
                "\"{text}\" is not an id; ids are whole numbers like 12 (`nudge list` shows them)"
            )
        })
}
