//! Fitting the terminal ecosystem: completions, the man page, the config commands and their
//! errors, user keys, themes, NO_COLOR and ASCII mode, and the log.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Read;
use std::process::Stdio;

use common::{Home, bytes};
use nudge::clock;
use nudge::config::Config;
use nudge::store::Store;
use nudge::tui::app::{App, Clock, Screen};
use nudge::tui::keymap::Keymap;
use nudge::tui::theme::Theme;
use nudge::tui::view;
use nudge::when::Zone;
use predicates::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

#[test]
fn completions_for_every_shell() {
    let home = Home::new();
    for (shell, marker) in [
        ("bash", "_nudge()"),
        ("zsh", "#compdef nudge"),
        ("fish", "complete -c nudge"),
        ("elvish", "edit:completion:arg-completer[nudge]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let text = home.run(&["completions", shell]);
        assert!(
            text.contains(marker),
            "{shell}: {marker} in its completions"
        );
        for command in ["ask", "followup", "export", "config"] {
            assert!(text.contains(command), "{shell} completes {command}");
        }
    }
    home.nudge()
        .args(["completions", "tcsh"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "possible values: bash, elvish, fish, powershell, zsh",
        ));
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    let home = Home::with_demo();
    for args in [
        &["completions", "zsh"][..],
        &["man"][..],
        &["list", "--all"][..],
        &["export"][..],
    ] {
        // The reader is gone before nudge writes.
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("nudge"))
            .args(args)
            .env("NUDGE_DB", home.db())
            .env("NUDGE_NOW", common::NOW)
            .env("XDG_CONFIG_HOME", home.path("config"))
            .env("XDG_STATE_HOME", home.path("state"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut stderr)
            .expect("reads");
        let status = child.wait().expect("exits");
        assert!(status.success(), "{args:?}: {status} {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    // And a reader that stops after one line.
    let output = std::process::Command::new("bash")
        .args(["-c", "set -o pipefail; \"$0\" completions bash | head -1"])
        .arg(assert_cmd::cargo::cargo_bin("nudge"))
        .output()
        .expect("bash");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "_nudge() {\n");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}

#[test]
fn the_man_page_and_help_carry_examples_grammar_and_when() {
    let home = Home::new();
    let page = home.run(&["man"]);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "roff");
    assert!(page.contains(".TH nudge 1"));
    for section in [
        ".SH COMMANDS",
        ".SH CAPTURE GRAMMAR",
        ".SH WHEN",
        ".SH FILES AND ENVIRONMENT",
    ] {
        assert!(page.contains(section), "{section}");
    }
    assert!(page.contains("nudge followup 12 \\-\\-via call left a voicemail"));
    assert!(page.contains("NUDGE_LOG"));
    let help = home.run(&["ask", "--help"]);
    assert!(help.contains("Examples:\n  nudge ask @dana customer quotes by fri ~call"));
    assert!(help.contains("Capture grammar"));
    assert!(help.contains("WHEN: today, tonight, tomorrow"));
    let help = home.run(&["export", "--help"]);
    assert!(help.contains("nudge export --format ics -o ~/Sync/nudge.ics"));
    let help = home.run(&["--help"]);
    assert!(help.contains("Exit status: 0 done, 1 the input was wrong"));
}

#[test]
fn config_path_show_and_init() {
    let home = Home::new();
    let path = home.path("config/nudge/config.toml");
    home.nudge()
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", path.display()))
        .stderr(predicate::str::contains("no file there yet"));
    let shown = home.run(&["config", "show"]);
    assert!(shown.starts_with("# In effect: the defaults"), "{shown}");
    assert!(shown.contains("workday_end = \"17:00\""));
    assert!(shown.contains("[theme]\nname = \"dark\""));

    let said = home.run(&["config", "init"]);
    assert!(
        said.starts_with(&format!("Wrote {}", path.display())),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("written"),
        nudge::config::DEFAULT_FILE
    );
    // Never over an existing file: edit it, init again, the edit stays.
    std::fs::write(&path, "workday_end = \"18:30\"\n").expect("edit");
    home.nudge()
        .args(["config", "init"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "already exists; nothing was written",
        ));
    assert_eq!(bytes(&path), b"workday_end = \"18:30\"\n");
    let shown = home.run(&["config", "show"]);
    assert!(shown.starts_with("# In effect: "), "{shown}");
    assert!(shown.contains("over the defaults"));
    assert!(shown.contains("workday_end = \"18:30\""));
    // --config names another file.
    let other = home.path("other.toml");
    home.nudge()
        .args(["--config", other.to_str().expect("path"), "config", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", other.display()));
}

/// A config with `text` is refused by every command, with this message; `config path` and
/// `config init` still work (that is when they are needed).
fn bad_config(text: &str, says: &str) {
    let home = Home::new();
    let path = home.path("config/nudge/config.toml");
    std::fs::create_dir_all(path.parent().expect("dir")).expect("dir");
    std::fs::write(&path, text).expect("write");
    for args in [
        &["list"][..],
        &["config", "show"][..],
        &["ask", "@dana", "x"][..],
    ] {
        home.nudge()
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!("{}:", path.display())))
            .stderr(predicate::str::contains(says));
    }
    home.nudge().args(["config", "path"]).assert().success();
    assert!(!home.db().exists(), "nothing was written");
}

#[test]
fn config_errors_name_the_file_line_and_key() {
    bad_config(
        "\n\nworkday_ends = \"18:00\"\n",
        ":3: unknown field `workday_ends`, expected one of",
    );
    bad_config(
        "check_back_days = \"two\"\n",
        ":1: check_back_days: expected a whole number, like 2, not the text \"two\"",
    );
    bad_config(
        "# mine\nworkday_end = \"5pm\"\n",
        ":2: workday_end: \"5pm\" is not a time of day; use 24-hour HH:MM, like \"17:30\"",
    );
    bad_config(
        "sprint_minutes = 0\n",
        ":1: sprint_minutes: 0 is out of range; use 1 to 240",
    );
    bad_config(
        "[theme]\nname = \"solarized\"\n",
        ":2: theme.name: \"solarized\" is not a theme; use \"dark\" or \"light\"",
    );
    bad_config(
        "[theme]\n\ndanger = \"blod red\"\n",
        ":3: theme.danger: in \"blod red\", \"blod\" is not a color or a style",
    );
    bad_config("[theme]\nshiny = true\n", ":2: unknown field `shiny`");
    bad_config(
        "\n[keys.dashboard]\nsnooze = [\"a\"]\n",
        ":2: keys.dashboard: the key \"a\" is bound to both capture_ask and snooze in [keys.dashboard]",
    );
    bad_config(
        "[keys.dashboard]\nfly = [\"f\"]\n",
        ":2: keys.dashboard.fly: no action \"fly\"",
    );
    bad_config(
        "[keys.dashboard]\nquit = [\"hyper-q\"]\n",
        "\"hyper-q\" is not a key",
    );
}

#[test]
fn a_key_conflict_stops_the_dashboard_before_it_starts() {
    let home = Home::with_demo();
    let path = home.path("conflict.toml");
    std::fs::write(&path, "[keys.review]\nskip = [\"d\"]\n").expect("write");
    home.nudge()
        .args(["--config", path.to_str().expect("path"), "review"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "bound to both done and skip in [keys.review]",
        ));
}

fn zone() -> Zone {
    Zone::named("Europe/London").expect("tzdata has Europe/London")
}

struct Fixture {
    _dir: tempfile::TempDir,
    app: App,
}

/// The demo dashboard at 100×30 under a config (its keys and theme), with or without color and
/// ASCII mode.
fn dashboard(config_text: &str, no_color: bool, ascii: bool) -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = clock::parse_now("2026-11-28T09:00", &zone()).expect("now");
    let mut store = Store::open(&dir.path().join("nudge.db"), zone()).expect("store");
    let config = Config::parse(config_text, std::path::Path::new("test.toml")).expect("config");
    nudge::demo::fill(
        &mut store,
        &now,
        &config.check_back_rule(),
        None,
        false,
        &mut |_, _| {},
    )
    .expect("demo data");
    let keymap = Keymap::load(&config.keys).expect("keymap");
    let theme = Theme::from_config(&config.theme, no_color, ascii);
    let app = App::new(
        store,
        config,
        keymap,
        theme,
        Clock::Fixed(now),
        Rect::new(0, 0, 100, 30),
    )
    .expect("app");
    Fixture { _dir: dir, app }
}

fn draw(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|frame| view::draw(frame, app)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The screen's text, then each row's runs of one style: "3: 0-1 fg=Cyan bold".
fn styled(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let line: String = (0..area.width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str("--- styles (row: columns style) ---\n");
    for y in 0..area.height {
        let mut runs: Vec<(u16, u16, String)> = Vec::new();
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            let mut style = Vec::new();
            if cell.fg != ratatui::style::Color::Reset {
                style.push(format!("fg={:?}", cell.fg));
            }
            if cell.bg != ratatui::style::Color::Reset {
                style.push(format!("bg={:?}", cell.bg));
            }
            if !cell.modifier.is_empty() {
                style.push(format!("{:?}", cell.modifier));
            }
            let style = style.join(" ");
            match runs.last_mut() {
                Some((_, end, last)) if *last == style => *end = x,
                _ => runs.push((x, x, style)),
            }
        }
        let runs: Vec<String> = runs
            .into_iter()
            .filter(|(_, _, style)| !style.is_empty())
            .map(|(from, to, style)| format!("{from}-{to} {style}"))
            .collect();
        if !runs.is_empty() {
            out.push_str(&format!("{y}: {}\n", runs.join(", ")));
        }
    }
    out
}

const CUSTOM: &str = "[theme]\nname = \"light\"\ndanger = \"bold #d70000\"\nselected = \"reversed\"\n\
                      accent = \"italic 93\"\n";

#[test]
fn the_dashboard_in_a_custom_theme() {
    let f = dashboard(CUSTOM, false, false);
    let buffer = draw(&f.app);
    let shown = styled(&buffer);
    assert!(
        shown.contains("fg=Rgb(215, 0, 0)"),
        "the danger override is used"
    );
    assert!(shown.contains("REVERSED"), "the selection override is used");
    insta::assert_snapshot!("dashboard_custom_theme", shown);
}

#[test]
fn the_dashboard_with_no_color() {
    let f = dashboard(CUSTOM, true, false);
    let buffer = draw(&f.app);
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset),
        "not one color"
    );
    let shown = styled(&buffer);
    // Meaning still shows: the selected row reversed, the header reversed and bold.
    assert!(shown.contains("REVERSED"));
    assert!(shown.contains("BOLD"));
    insta::assert_snapshot!("dashboard_no_color", shown);
}

#[test]
fn the_dashboard_in_ascii() {
    let mut f = dashboard("[theme]\nascii = true\n", true, true);
    let buffer = draw(&f.app);
    let text: String = buffer.content.iter().map(|c| c.symbol()).collect();
    assert!(text.is_ascii(), "only ASCII: {text}");
    insta::assert_snapshot!(
        "dashboard_ascii",
        styled(&buffer).split("--- styles").next().unwrap_or("")
    );
    // Every view, not only the panes.
    for keys in ["?", "i", "p", "\n", "s"] {
        f.app
            .handle_event(Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
        f.app
            .handle_event(Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
        for c in keys.chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            f.app
                .handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        }
        let text: String = draw(&f.app).content.iter().map(|c| c.symbol()).collect();
        assert!(text.is_ascii(), "after {keys:?}: {text}");
    }
}

#[test]
fn keys_can_be_moved_by_action_name() {
    let mut f = dashboard(
        "[keys.dashboard]\npeople = [\"P\"]\ndown = [\"n\", \"down\"]\ndeclined = [\"N\"]\n",
        true,
        false,
    );
    let press = |app: &mut App, code: KeyCode, modifiers: KeyModifiers| {
        app.handle_event(Event::Key(KeyEvent::new(code, modifiers)));
    };
    press(&mut f.app, KeyCode::Char('p'), KeyModifiers::NONE);
    assert!(
        matches!(f.app.screen, Screen::Dashboard),
        "p no longer opens People"
    );
    press(&mut f.app, KeyCode::Char('n'), KeyModifiers::NONE);
    assert_eq!(f.app.lists[0].selected, 1, "n moves down");
    press(&mut f.app, KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(f.app.lists[0].selected, 1, "j was replaced");
    press(&mut f.app, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(f.app.lists[0].selected, 2, "the arrow is still there");
    press(&mut f.app, KeyCode::Char('P'), KeyModifiers::SHIFT);
    assert!(
        matches!(f.app.screen, Screen::People { .. }),
        "P opens People"
    );
    // The help screen shows the keys as they are now.
    press(&mut f.app, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut f.app, KeyCode::Char('?'), KeyModifiers::NONE);
    // Found by its name in the help (the symbols come first, so it is below the fold).
    for c in "/people".chars() {
        press(&mut f.app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    let help: String = {
        let buffer = draw(&f.app);
        styled(&buffer)
    };
    assert!(help.contains("P                     people"), "{help}");
}

#[test]
fn vim_and_arrow_keys_both_work_by_default() {
    let mut f = dashboard("", true, false);
    for (code, expected) in [
        (KeyCode::Char('j'), 1),
        (KeyCode::Down, 2),
        (KeyCode::Char('k'), 1),
        (KeyCode::Up, 0),
    ] {
        f.app
            .handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        assert_eq!(f.app.lists[0].selected, expected, "{code:?}");
    }
    for code in [KeyCode::Char('l'), KeyCode::Right, KeyCode::Tab] {
        let before = f.app.focus;
        f.app
            .handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        assert_ne!(f.app.focus, before, "{code:?} moves to the next pane");
    }
}

#[test]
fn logs_go_to_the_state_directory_at_the_level_asked() {
    let home = Home::new();
    home.run(&["ask", "@dana", "quotes"]);
    let log = home.path("state/nudge/nudge.log");
    assert!(!log.exists(), "a quiet run writes no log");
    home.nudge()
        .env("NUDGE_LOG", "info")
        .args(["done", "99"])
        .assert()
        .code(1)
        .stdout("");
    let text = std::fs::read_to_string(&log).expect("the log");
    assert!(text.contains("INFO start command=done"), "{text}");
    assert!(text.contains("refused"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&log).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
