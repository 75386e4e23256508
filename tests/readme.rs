//! The README, followed literally: every shell line of its tour and of the sections after it runs
//! as written, in order, in a fresh home with `nudge` on the PATH, and every file it names is in
//! the repository.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const README: &str = include_str!("../README.md");

/// The `sh` blocks of the section headed `heading` (up to the next `## `), one line each.
fn shell_lines(heading: &str) -> Vec<String> {
    let start = README
        .find(&format!("\n## {heading}\n"))
        .unwrap_or_else(|| panic!("the README has a section \"{heading}\""));
    let section = &README[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
    let mut lines = Vec::new();
    let mut in_block = false;
    for line in section.lines() {
        match (in_block, line.trim_end()) {
            (false, "```sh") => in_block = true,
            (true, "```") => in_block = false,
            (true, line) if !line.trim().is_empty() => lines.push(line.to_string()),
            _ => {}
        }
    }
    assert!(!lines.is_empty(), "\"{heading}\" has shell lines");
    lines
}

struct Fresh {
    home: tempfile::TempDir,
    bin: PathBuf,
}

impl Fresh {
    fn new() -> Fresh {
        let bin = assert_cmd::cargo::cargo_bin("nudge");
        Fresh {
            home: tempfile::tempdir().expect("temp home"),
            bin: bin.parent().expect("a folder").to_path_buf(),
        }
    }

    /// Run one README line in `sh`, as a reader would type it.
    fn run(&self, line: &str) -> (bool, String, String) {
        let home = self.home.path();
        let path = format!(
            "{}:{}",
            self.bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let out = Command::new("sh")
            .arg("-c")
            .arg(line)
            .current_dir(home)
            .env_clear()
            .env("PATH", path)
            .env("HOME", home)
            .env("NUDGE_NOW", common::NOW)
            .env("TZ", "Europe/London")
            .env("LANG", "C.UTF-8")
            .output()
            .expect("sh runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// A line of the tour without its comment (`nudge due   # what …`).
fn command(line: &str) -> &str {
    match line.find("  #") {
        Some(at) => line[..at].trim_end(),
        None => line.trim_end(),
    }
}

#[test]
fn the_tour_runs_as_written_with_the_ids_it_names() {
    let fresh = Fresh::new();
    let lines = shell_lines("A short tour");
    let mut previous_output = String::new();
    for line in &lines {
        if let Some(expected) = line.strip_prefix("# ") {
            // A comment line shows what the command before it prints first.
            assert_eq!(
                previous_output.lines().next(),
                Some(expected),
                "the README says the line before prints this"
            );
            continue;
        }
        let command = command(line);
        // The review draws the dashboard: it needs a terminal (the pseudo-terminal tests run it).
        if command == "nudge review" {
            let (ok, _, stderr) = fresh.run(command);
            assert!(!ok && stderr.contains("needs a terminal"), "{stderr}");
            continue;
        }
        let (ok, stdout, stderr) = fresh.run(command);
        assert!(ok, "`{command}` failed:\n{stderr}{stdout}");
        previous_output = stdout;
    }
    // The tour lands where it says: the database in the default place, made on first use.
    assert!(
        fresh
            .home
            .path()
            .join(".local/share/nudge/nudge.db")
            .exists()
    );
    assert!(fresh.home.path().join("sample.db").exists());
}

#[test]
fn the_terminal_and_data_sections_run_as_written() {
    let fresh = Fresh::new();
    // Something to export first.
    let (ok, _, stderr) = fresh.run("nudge ask @dana quotes by fri");
    assert!(ok, "{stderr}");
    for heading in ["Your terminal, your way", "Data in and out"] {
        for line in shell_lines(heading) {
            let command = command(&line);
            // Taskwarrior is not part of nudge; its line is shown for those who have it.
            if command.starts_with("task ") || command.starts_with("crontab ") {
                continue;
            }
            if command.contains("$ ") {
                continue;
            }
            let (ok, stdout, stderr) = fresh.run(command);
            assert!(ok, "`{command}` failed:\n{stderr}{stdout}");
        }
    }
    let home = fresh.home.path();
    for made in [
        ".local/share/bash-completion/completions/nudge",
        ".zfunc/_nudge",
        ".config/fish/completions/nudge.fish",
        ".local/share/man/man1/nudge.1",
        ".config/nudge/config.toml",
        "nudge.json",
        "asks.csv",
        "nudge.ics",
    ] {
        assert!(home.join(made).is_file(), "{made} was written");
    }
}

#[test]
fn every_file_the_readme_names_is_there() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut named = 0;
    for word in README.split(['`', ' ', '(', ')', ',']) {
        let word = word.trim_end_matches(['.', ':']);
        if ["docs/", "scripts/", "assets/", "benches/", "tests/"]
            .iter()
            .any(|dir| word.starts_with(dir))
        {
            named += 1;
            assert!(root.join(word).exists(), "the README names {word}");
        }
    }
    assert!(named >= 3, "the README points at its docs and scripts");
}

#[test]
fn the_two_machine_section_runs_as_written() {
    let (laptop, desktop) = (Fresh::new(), Fresh::new());
    // Both machines' ~/Sync is the same folder, as a file-sharing service makes it.
    let shared = tempfile::tempdir().expect("shared");
    for machine in [&laptop, &desktop] {
        std::os::unix::fs::symlink(shared.path(), machine.home.path().join("Sync")).expect("link");
    }
    let (ok, _, stderr) = laptop.run("nudge ask @dana customer quotes by fri");
    assert!(ok, "{stderr}");
    let mut ran = 0;
    for line in shell_lines("Using nudge on two machines") {
        let command = command(&line);
        let (machine, command) = match command.split_once("$ ") {
            Some(("laptop", rest)) => (&laptop, rest.trim()),
            Some(("desktop", rest)) => (&desktop, rest.trim()),
            _ => panic!("a line says which machine it runs on: {line}"),
        };
        // The example remote is not reachable from a test; the folder lines run as written.
        if command.contains("example.com") {
            continue;
        }
        if command.starts_with("scp ") {
            let secret = laptop.home.path().join(".config/nudge/sync-secret");
            std::fs::copy(secret, desktop.home.path().join("sync-secret")).expect("the secret");
            continue;
        }
        let (ok, stdout, stderr) = machine.run(command);
        assert!(ok, "`{command}` failed:\n{stderr}{stdout}");
        ran += 1;
    }
    assert_eq!(ran, 3, "the folder set-up is three commands");
    let (ok, list, _) = desktop.run("nudge list");
    assert!(
        ok && list.contains("customer quotes"),
        "the desktop has the laptop's ask: {list}"
    );
}

/// The first line of the README's ```lang block inside the section headed `heading`.
fn block_line(heading: &str, lang: &str) -> String {
    block(heading, lang)
        .lines()
        .next()
        .expect("a line")
        .to_string()
}

#[test]
fn the_reminders_section_runs_as_written_and_its_bash_prompt_shows_the_segment() {
    let fresh = Fresh::new();
    let (ok, _, stderr) = fresh.run("nudge demo");
    assert!(ok, "{stderr}");
    let heading = "Reminders when the dashboard is closed";
    for line in shell_lines(heading) {
        let (ok, stdout, stderr) = fresh.run(command(&line));
        assert!(ok, "`{line}` failed:\n{stderr}{stdout}");
    }
    assert!(
        fresh
            .home
            .path()
            .join(".config/systemd/user/nudge-notify.timer")
            .is_file()
    );
    // The bash line, as ~/.bashrc would run it, then the prompt bash would draw.
    let bashrc = command(&block_line(heading, "bash")).to_string();
    let script = format!("PS1='$ '; {bashrc}; printf '%s' \"${{PS1@P}}\"");
    let out = Command::new("bash")
        .args(["--norc", "-c", &script])
        .env("PATH", format!("{}:/usr/bin:/bin", fresh.bin.display()))
        .env("HOME", fresh.home.path())
        .env("NUDGE_NOW", common::NOW)
        .env("TZ", "Europe/London")
        .output()
        .expect("bash");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "⏰5 ⚠1 $ ");
    // Nothing due: the prompt as it was, without a stray space.
    let calm = Command::new("bash")
        .args(["--norc", "-c", &script])
        .env("PATH", format!("{}:/usr/bin:/bin", fresh.bin.display()))
        .env("HOME", fresh.home.path())
        .env("NUDGE_NOW", "2026-01-05T09:00")
        .env("TZ", "Europe/London")
        .output()
        .expect("bash");
    assert_eq!(String::from_utf8_lossy(&calm.stdout), "$ ");
}

/// The whole ```lang block inside the section headed `heading`.
fn block(heading: &str, lang: &str) -> String {
    let start = README
        .find(&format!("\n## {heading}\n"))
        .unwrap_or_else(|| panic!("the README has a section \"{heading}\""));
    let open = format!("```{lang}\n");
    let at = README[start..]
        .find(&open)
        .unwrap_or_else(|| panic!("\"{heading}\" has a {lang} block"));
    let body = &README[start + at + open.len()..];
    body[..body.find("```").expect("the block ends")].to_string()
}

#[test]
fn the_mail_section_runs_as_written_and_finds_the_reply() {
    let fresh = Fresh::new();
    for line in shell_lines("Replies in your mail") {
        let (ok, stdout, stderr) = fresh.run(command(&line));
        assert!(ok, "`{line}` failed:\n{stderr}{stdout}");
    }
    // The config block as written, and Sam's answer in the folder it names.
    let home = fresh.home.path();
    std::fs::create_dir_all(home.join(".config/nudge")).expect("config dir");
    std::fs::write(
        home.join(".config/nudge/config.toml"),
        block("Replies in your mail", "toml"),
    )
    .expect("config");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(home.join("Mail/work/INBOX").join(sub)).expect("maildir");
    }
    std::fs::write(
        home.join("Mail/work/INBOX/new/1.host"),
        "From: Sam <sam@acme.com>\r\nSubject: Re: pricing sheet\r\n\
         Date: Sat, 28 Nov 2026 10:00:00 +0000\r\nMessage-ID: <s1@acme.com>\r\n\r\n\
         The pricing sheet for the bundles is attached.\r\n",
    )
    .expect("message");
    let (ok, stdout, stderr) = fresh.run("nudge mail scan");
    assert!(ok, "{stderr}");
    assert!(stdout.contains("1 reply found"), "{stdout}");
    let (_, listed, _) = fresh.run("nudge mail list");
    assert!(listed.contains("Sam replied"), "{listed}");
}

#[test]
fn the_walking_over_section_runs_as_written() {
    let fresh = Fresh::new();
    let mut said = String::new();
    for line in shell_lines("Walking over, and keeping in touch") {
        let command = command(&line);
        let (ok, stdout, stderr) = fresh.run(command);
        assert!(ok, "`{command}` failed:\n{stderr}{stdout}");
        said.push_str(&stdout);
    }
    for part in [
        "Ask 1 · Marcus Reid · the Globex win story",
        "also @marc · greeted as Marc",
        "keep in touch every 2 weeks",
        "Asks to Marcus Reid (1), oldest first",
        "Walked over to Marcus Reid",
        "Undone: Walked over to Marcus Reid",
        "Redone: Walked over to Marcus Reid",
    ] {
        assert!(said.contains(part), "{part:?} in:\n{said}");
    }
}
