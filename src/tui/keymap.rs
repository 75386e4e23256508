//! Keys are data: the defaults in `assets/keymap.toml`, overridden per action from the config.
//! The same table dispatches keys and writes the help screen, so `?` never lies.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

pub const DEFAULT_FILE: &str = include_str!("../../assets/keymap.toml");

/// Where a key is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Dashboard,
    Detail,
    List,
    Review,
    Reflect,
    Help,
    Card,
    /// Person mode: everything open with one person.
    Meet,
    Input,
    /// Editing keys, wherever text is typed (after the modal's own keys).
    Editor,
    /// One-key choices.
    Pick,
}

impl Context {
    pub const ALL: [Context; 11] = [
        Context::Dashboard,
        Context::Detail,
        Context::List,
        Context::Review,
        Context::Reflect,
        Context::Help,
        Context::Card,
        Context::Meet,
        Context::Input,
        Context::Editor,
        Context::Pick,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Dashboard => "dashboard",
            Context::Detail => "detail",
            Context::List => "list",
            Context::Review => "review",
            Context::Reflect => "reflect",
            Context::Help => "help",
            Context::Card => "card",
            Context::Meet => "meet",
            Context::Input => "input",
            Context::Editor => "editor",
            Context::Pick => "pick",
        }
    }

    fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// One key with its modifiers, as written in the keymap ("ctrl-c", "G", "tab").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: KeyCodeOrd,
    ctrl: bool,
    alt: bool,
}

/// `KeyCode` without the variants a keymap never names, made orderable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(&'static str),
}

const NAMED: [(&str, KeyCode); 14] = [
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
];

impl Key {
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut rest = text.trim();
        let (mut ctrl, mut alt) = (false, false);
        loop {
            if let Some(after) = rest.strip_prefix("ctrl-").filter(|r| !r.is_empty()) {
                ctrl = true;
                rest = after;
            } else if let Some(after) = rest.strip_prefix("alt-").filter(|r| !r.is_empty()) {
                alt = true;
                rest = after;
            } else {
                break;
            }
        }
        let lower = rest.to_lowercase();
        let code = if rest == "space" {
            KeyCodeOrd::Char(' ')
        } else if lower == "shift-tab" {
            KeyCodeOrd::Named("backtab")
        } else if let Some((name, _)) = NAMED.iter().find(|(name, _)| *name == lower) {
            KeyCodeOrd::Named(name)
        } else if let Some(n) = lower
            .strip_prefix('f')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=12).contains(n))
        {
            KeyCodeOrd::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
                _ => {
                    return Err(format!(
                        "\"{text}\" is not a key; use a letter or symbol, or ctrl-x, alt-x, enter, esc, tab, \
                         backtab, space, backspace, delete, up, down, left, right, home, end, pageup, \
                         pagedown, f1 … f12"
                    ));
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }

    /// The key a terminal event stands for (Shift is part of the character: "G", "?").
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            KeyCode::BackTab => KeyCodeOrd::Named("backtab"),
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => {
                KeyCodeOrd::Named("backtab")
            }
            other => {
                let (name, _) = NAMED.iter().find(|(_, code)| *code == other)?;
                KeyCodeOrd::Named(name)
            }
        };
        Some(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => f.write_str("space"),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "f{n}"),
            KeyCodeOrd::Named(name) => f.write_str(name),
        }
    }
}

/// Per-context overrides from the config: context name → action name → keys.
pub type Overrides = BTreeMap<String, BTreeMap<String, Vec<String>>>;

#[derive(Debug, Clone)]
pub struct Keymap {
    /// In file order per context, for the help screen and the footer.
    bindings: Vec<(Context, Action, Vec<Key>)>,
}

impl Keymap {
    /// The defaults with `overrides` applied. Errors name the context, the action or the key.
    pub fn load(overrides: &Overrides) -> Result<Keymap, String> {
        Keymap::load_located(overrides).map_err(|(at, problem)| match at {
            Some(at) => format!("[keys.{at}]: {problem}"),
            None => format!("[keys]: {problem}"),
        })
    }

    /// The same, with where in `[keys]` the problem is ("dashboard.snooze", "dashboard"), so a
    /// config error can give its line.
    pub fn load_located(overrides: &Overrides) -> Result<Keymap, (Option<String>, String)> {
        let defaults: Overrides = toml::from_str(DEFAULT_FILE)
            .map_err(|e| (None, format!("the built-in keymap: {e}")))?;
        let mut bindings: Vec<(Context, Action, Vec<Key>)> = Vec::new();
        for table in [&defaults, overrides] {
            for (context_name, actions) in table {
                let context = Context::from_name(context_name).ok_or_else(|| {
                    (
                        Some(context_name.clone()),
                        format!(
                            "unknown context \"{context_name}\"; use dashboard, detail, list, \
                             review, reflect, help, card, input, editor or pick"
                        ),
                    )
                })?;
                for (action_name, keys) in actions {
                    let at = || Some(format!("{context_name}.{action_name}"));
                    let action = Action::from_name(action_name).ok_or_else(|| {
                        (
                            at(),
                            format!("no action \"{action_name}\"; `?` lists the names"),
                        )
                    })?;
                    let keys = keys
                        .iter()
                        .map(|k| Key::parse(k).map_err(|e| (at(), e)))
                        .collect::<Result<Vec<Key>, _>>()?;
                    match bindings
                        .iter_mut()
                        .find(|(c, a, _)| *c == context && *a == action)
                    {
                        Some(existing) => existing.2 = keys,
                        None => bindings.push((context, action, keys)),
                    }
                }
            }
        }
        // The help screen lists actions in their natural order, not the file's.
        bindings.sort_by_key(|(context, action, _)| {
            (
                *context,
                Action::ALL
                    .iter()
                    .position(|a| a == action)
                    .unwrap_or(usize::MAX),
            )
        });
        let keymap = Keymap { bindings };
        keymap.check_conflicts()?;
        keymap.check_ways_out()?;
        Ok(keymap)
    }

    /// Every context keeps a key that leaves it (on the dashboard, quit; elsewhere quit, back or
    /// cancel), so a remap can never lock the user in. (ctrl-c quits, too, unless it is given to
    /// something else.)
    fn check_ways_out(&self) -> Result<(), (Option<String>, String)> {
        // The editor's keys are only ever looked at after the input's, which has its way out.
        for context in Context::ALL.into_iter().filter(|c| *c != Context::Editor) {
            let leaves = self.bindings.iter().any(|(c, a, keys)| {
                let out = match context {
                    Context::Dashboard => matches!(a, Action::Quit),
                    _ => matches!(a, Action::Quit | Action::Back | Action::Cancel),
                };
                *c == context && out && !keys.is_empty()
            });
            if !leaves {
                return Err((
                    Some(context.name().to_string()),
                    format!(
                        "[keys.{}] leaves no key to get out ({}); give {} a key",
                        context.name(),
                        if context == Context::Dashboard {
                            "quit"
                        } else {
                            "quit, back or cancel"
                        },
                        if context == Context::Dashboard {
                            "it"
                        } else {
                            "one of them"
                        }
                    ),
                ));
            }
        }
        Ok(())
    }

    fn check_conflicts(&self) -> Result<(), (Option<String>, String)> {
        for (i, (context, action, keys)) in self.bindings.iter().enumerate() {
            for key in keys {
                if let Some((_, other, _)) = self.bindings[i + 1..]
                    .iter()
                    .find(|(c, _, ks)| c == context && ks.contains(key))
                {
                    return Err((
                        Some(context.name().to_string()),
                        format!(
                            "the key \"{key}\" is bound to both {action} and {other} in [keys.{}]; \
                             give one of them another key",
                            context.name()
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Every binding in effect, as the config writes them (`[keys.dashboard] snooze = ["z"]`).
    pub fn as_overrides(&self) -> Overrides {
        let mut table = Overrides::new();
        for (context, action, keys) in &self.bindings {
            table.entry(context.name().to_string()).or_default().insert(
                action.name().to_string(),
                keys.iter().map(|k| k.to_string()).collect(),
            );
        }
        table
    }

    /// What a key does in a context.
    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event)?;
        self.bindings
            .iter()
            .find(|(c, _, keys)| *c == context && keys.contains(&key))
            .map(|(_, action, _)| *action)
    }

    /// Every binding of a context, in file order.
    pub fn bindings(&self, context: Context) -> impl Iterator<Item = (Action, &[Key])> {
        self.bindings
            .iter()
            .filter(move |(c, _, _)| *c == context)
            .map(|(_, a, keys)| (*a, keys.as_slice()))
    }

    /// The key that does `action` in `context`, as a message names it ("enter"); the action's
    /// own name when a remap left it without one.
    pub fn key_name(&self, context: Context, action: Action) -> String {
        self.key_for(context, action)
            .map_or_else(|| action.name().to_string(), |key| key.to_string())
    }

    /// The first key of an action in a context, for hints ("a ask").
    pub fn key_for(&self, context: Context, action: Action) -> Option<Key> {
        self.bindings
            .iter()
            .find(|(c, a, _)| *c == context && *a == action)
            .and_then(|(_, _, keys)| keys.first().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn the_defaults_load_without_conflicts() {
        let keymap = Keymap::load(&Overrides::new()).expect("defaults load");
        let d = Context::Dashboard;
        assert_eq!(
            keymap.action(d, &press(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            keymap.action(d, &press(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            keymap.action(d, &press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            keymap.action(d, &press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            keymap.action(d, &press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        );
        assert_eq!(
            keymap.action(d, &press(KeyCode::Char('D'), KeyModifiers::SHIFT)),
            Some(Action::CaptureDeadline)
        );
        assert_eq!(
            keymap.action(
                Context::Input,
                &press(KeyCode::Char('q'), KeyModifiers::NONE)
            ),
            None
        );
    }

    #[test]
    fn an_override_replaces_the_keys_of_one_action() {
        let overrides: Overrides =
            toml::from_str("[dashboard]\nsnooze = [\"Z\", \"ctrl-z\"]\n").expect("toml");
        let keymap = Keymap::load(&overrides).expect("loads");
        let d = Context::Dashboard;
        assert_eq!(
            keymap.action(d, &press(KeyCode::Char('Z'), KeyModifiers::SHIFT)),
            Some(Action::Snooze)
        );
        assert_eq!(
            keymap.action(d, &press(KeyCode::Char('z'), KeyModifiers::CONTROL)),
            Some(Action::Snooze)
        );
        assert_eq!(
            keymap.action(d, &press(KeyCode::Char('z'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn conflicts_name_both_actions() {
        let overrides: Overrides = toml::from_str("[dashboard]\nsnooze = [\"d\"]\n").expect("toml");
        let err = Keymap::load(&overrides).expect_err("conflict");
        assert!(err.contains("\"d\" is bound to both"), "{err}");
        assert!(err.contains("done") && err.contains("snooze"), "{err}");
    }

    #[test]
    fn bad_names_and_keys() {
        let bad_action: Overrides = toml::from_str("[dashboard]\nfly = [\"f\"]\n").expect("toml");
        assert!(
            Keymap::load(&bad_action)
                .expect_err("bad")
                .contains("no action \"fly\"")
        );
        let bad_key: Overrides =
            toml::from_str("[dashboard]\nquit = [\"hyper-q\"]\n").expect("toml");
        assert!(
            Keymap::load(&bad_key)
                .expect_err("bad")
                .contains("\"hyper-q\" is not a key")
        );
        let bad_context: Overrides = toml::from_str("[sidebar]\nquit = [\"q\"]\n").expect("toml");
        assert!(
            Keymap::load(&bad_context)
                .expect_err("bad")
                .contains("unknown context")
        );
    }

    #[test]
    fn keys_print_as_they_are_written() {
        for text in ["ctrl-c", "G", "tab", "backtab", "space", "f1", "?", "alt-x"] {
            assert_eq!(Key::parse(text).expect("parses").to_string(), text);
        }
    }
}
