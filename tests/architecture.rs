//! The shape holds: each layer uses only the layers below it (ARCHITECTURE.md draws them), and
//! the environment is read only at the edges. A lower layer naming a higher one fails here.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each layer and the layers it may use (itself always).
const ALLOWED: &[(&str, &[&str])] = &[
    ("when", &[]),
    ("text", &[]),
    ("log", &[]),
    ("domain", &["when"]),
    ("capture", &["domain", "when"]),
    ("clock", &["when"]),
    ("config", &["domain", "when"]),
    ("exchange", &["domain", "text", "when"]),
    ("store", &["domain", "exchange", "when"]),
    // The outside world's adapters: the session bus and its timer, a CalDAV server, the
    // user's mail (read only).
    ("desktop", &[]),
    ("sync", &["domain", "store", "text", "when"]),
    ("calendar", &[]),
    ("mail", &["config", "domain"]),
    (
        "ops",
        &[
            "calendar", "capture", "config", "domain", "exchange", "mail", "store", "text", "when",
        ],
    ),
    ("demo", &["config", "domain", "store", "when"]),
    (
        "tui",
        &[
            "capture", "clock", "config", "domain", "log", "ops", "store", "sync", "text", "when",
        ],
    ),
    (
        "cli",
        &[
            "calendar", "capture", "clock", "config", "demo", "desktop", "domain", "exchange",
            "log", "mail", "ops", "store", "sync", "text", "tui", "when",
        ],
    ),
];

/// The only files that read the environment: the edges.
const EDGES: &[&str] = &["src/cli/", "src/clock.rs", "src/log.rs", "src/tui/mod.rs"];

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The code of a file, without its tests (a `tests.rs`, or what follows `#[cfg(test)]`).
fn code(path: &Path) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let text = std::fs::read_to_string(path).expect("read");
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut broken = BTreeSet::new();
    for path in &files {
        let relative = path.strip_prefix(root.join("src")).expect("under src");
        let first = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or("");
        let layer = first.trim_end_matches(".rs");
        let Some((_, allowed)) = ALLOWED.iter().find(|(name, _)| *name == layer) else {
            continue; // lib.rs and main.rs wire the layers together
        };
        let code = code(path);
        for (at, _) in code.match_indices("crate::") {
            let used: String = code[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if used != layer
                && ALLOWED.iter().any(|(n, _)| *n == used)
                && !allowed.contains(&used.as_str())
            {
                broken.insert(format!(
                    "{} ({layer}) uses crate::{used}",
                    relative.display()
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "layers crossed upward:\n{}",
        broken.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_environment_is_read_only_at_the_edges() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut readers = Vec::new();
    for path in &files {
        let relative = path
            .strip_prefix(root)
            .expect("under root")
            .display()
            .to_string();
        if EDGES.iter().any(|edge| relative.starts_with(edge)) {
            continue;
        }
        let code = code(path);
        if code.contains("env::var") || code.contains("env::vars") {
            readers.push(relative);
        }
    }
    assert!(
        readers.is_empty(),
        "the environment is read below the edges in: {readers:?}"
    );
}

/// The code of every file under `src/<folder>`, by its path from the root.
fn files_under(folder: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src").join(folder), &mut files);
    files
        .iter()
        .map(|path| {
            let relative = path.strip_prefix(root).expect("under root");
            (relative.display().to_string(), code(path))
        })
        .collect()
}

#[test]
fn the_dashboard_writes_in_one_place_and_its_flows_know_nothing_of_app() {
    let mut broken = Vec::new();
    for (path, code) in files_under("tui") {
        // Every write goes through a `Change` made in app/save.rs, after the update.
        if path != "src/tui/app/save.rs" && code.contains("&mut self.store") {
            broken.push(format!("{path} writes to the store"));
        }
        // Flows and the board draw from what they are given and return outcomes: `App` uses
        // them, so they must not use `App`.
        let below_app = path.starts_with("src/tui/flows/") || path == "src/tui/board.rs";
        if below_app && (code.contains("tui::app") || code.contains("super::app")) {
            broken.push(format!("{path} uses the app"));
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn ops_names_no_key() {
    // Keys are the dashboard's, and remappable: a message below it that names one lies after a
    // remap. (A backquoted `nudge …` command is the CLI's own vocabulary, and fine.)
    let mut broken = Vec::new();
    for (path, code) in files_under("ops") {
        for phrase in [
            "in the dashboard",
            "copies it",
            " stops it",
            " starts one",
            " adds one",
        ] {
            if code.contains(phrase) {
                broken.push(format!("{path}: \"{phrase}\""));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}
