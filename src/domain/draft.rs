//! Drafted messages: follow-ups that grow warmer with the count, the re-ask after "no time", the
//! invitation to proof. Templates are plain text with `{variables}` and lines kept only when a
//! variable has a value (`[why] …`) or has none (`[!why] …`).

use std::collections::BTreeMap;

/// The built-in templates.
pub const DEFAULT_FILE: &str = include_str!("../../assets/drafts.toml");

/// Every template name, as used in `[templates]`.
pub const NAMES: [&str; 5] = ["first", "second", "third", "reask", "invite"];

/// Every variable a template may use, in `{name}` or a `[name]` condition.
pub const VARIABLES: [&str; 11] = [
    "first_name",
    "title",
    "need_by",
    "when",
    "late",
    "why",
    "channel",
    "offer",
    "favor",
    "piece",
    "said",
];

/// A template the settings cannot use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("the built-in templates: {0}")]
    BuiltIn(String),
    #[error("[templates] has no template \"{0}\"; the names are {names}", names = NAMES.join(", "))]
    NoSuch(String),
    #[error("{template}: {problem}")]
    Variable {
        template: String,
        problem: UnknownVariable,
    },
}

/// A `{name}` or `[name]` in a template that is not a variable, with the one it most likely
/// meant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{written} is not a variable (did you mean {{{meant}}}?); the variables are {known}",
    known = VARIABLES.map(|v| format!("{{{v}}}")).join(" ")
)]
pub struct UnknownVariable {
    pub written: String,
    pub meant: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Templates {
    texts: BTreeMap<String, String>,
}

impl Templates {
    /// The built-in templates with the user's overrides. Unknown names are an error.
    pub fn load(overrides: &BTreeMap<String, String>) -> Result<Templates, TemplateError> {
        let mut texts: BTreeMap<String, String> =
            toml::from_str(DEFAULT_FILE).map_err(|e| TemplateError::BuiltIn(e.to_string()))?;
        for (name, text) in overrides {
            if !NAMES.contains(&name.as_str()) {
                return Err(TemplateError::NoSuch(name.clone()));
            }
            check_variables(text).map_err(|problem| TemplateError::Variable {
                template: name.clone(),
                problem,
            })?;
            texts.insert(name.clone(), text.clone());
        }
        Ok(Templates { texts })
    }

    pub fn get(&self, name: &str) -> &str {
        self.texts.get(name).map(String::as_str).unwrap_or("")
    }

    /// Every template in effect, by name.
    pub fn all(&self) -> &BTreeMap<String, String> {
        &self.texts
    }
}

/// Every `{name}` and `[name]` in a template must be one of `VARIABLES`: a typo would otherwise
/// quietly leave a hole in every message.
fn check_variables(text: &str) -> Result<(), UnknownVariable> {
    let known = |name: &str| VARIABLES.contains(&name);
    let unknown = |written: String, name: &str| UnknownVariable {
        written,
        meant: closest(name),
    };
    for line in text.lines() {
        let mut body = line;
        while let Some((name, rest)) = body.strip_prefix('[').and_then(|r| r.split_once(']')) {
            let bare = name.strip_prefix('!').unwrap_or(name);
            if !known(bare) {
                return Err(unknown(format!("[{name}]"), bare));
            }
            body = rest.trim_start();
        }
        let mut rest = body;
        while let Some(start) = rest.find('{') {
            let after = &rest[start + 1..];
            match after.find('}') {
                Some(end)
                    if end > 0
                        && after[..end]
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '_') =>
                {
                    let name = &after[..end];
                    if !known(name) {
                        return Err(unknown(format!("{{{name}}}"), name));
                    }
                    rest = &after[end + 1..];
                }
                _ => rest = after,
            }
        }
    }
    Ok(())
}

/// The variable nearest to a misspelt one (by letters in common, then length).
fn closest(name: &str) -> &'static str {
    VARIABLES
        .into_iter()
        .max_by_key(|v| {
            let common = v.chars().filter(|c| name.contains(*c)).count();
            (common, usize::MAX - v.len().abs_diff(name.len()))
        })
        .unwrap_or("title")
}

impl Default for Templates {
    fn default() -> Self {
        Templates::load(&BTreeMap::new()).unwrap_or(Templates {
            texts: BTreeMap::new(),
        })
    }
}

/// Which follow-up template the next follow-up uses, given how many were logged already.
pub fn follow_up_template(logged: u32) -> &'static str {
    match logged {
        0 => "first",
        1 => "second",
        _ => "third",
    }
}

/// What a message can say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub first_name: String,
    pub title: String,
    pub need_by: Option<String>,
    /// The need-by as a sentence ends with it: "today", "tomorrow", "on Friday 4 Dec".
    pub when: Option<String>,
    /// The need-by in words once it has passed, so a message can say "was due" instead of "need".
    pub late: Option<String>,
    pub why: Option<String>,
    pub channel: Option<String>,
    pub offer: Option<String>,
    pub favor: Option<String>,
    pub piece: Option<String>,
    pub said: Option<String>,
}

impl Facts {
    fn value(&self, name: &str) -> Option<&str> {
        let value = match name {
            "first_name" => Some(&self.first_name),
            "title" => Some(&self.title),
            "need_by" => self.need_by.as_ref(),
            "when" => self.when.as_ref(),
            "late" => self.late.as_ref(),
            "why" => self.why.as_ref(),
            "channel" => self.channel.as_ref(),
            "offer" => self.offer.as_ref(),
            "favor" => self.favor.as_ref(),
            "piece" => self.piece.as_ref(),
            "said" => self.said.as_ref(),
            _ => None,
        };
        value
            .map(|v| v.trim().trim_end_matches('.'))
            .filter(|v| !v.is_empty())
    }
}

/// Fill a template. Lines whose condition fails are left out; each line starts with a capital.
pub fn render(template: &str, facts: &Facts) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in template.lines() {
        let (keep, body) = condition(line, facts);
        if keep {
            out.push(super::words::capitalized(&substitute(body, facts)));
        }
    }
    while out.first().is_some_and(|l| l.trim().is_empty()) {
        out.remove(0);
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// A line may start with conditions, `[name]` (has a value) or `[!name]` (has none), all of
/// which must hold; the rest of the line is the text.
fn condition<'a>(line: &'a str, facts: &Facts) -> (bool, &'a str) {
    let mut keep = true;
    let mut body = line;
    while let Some((name, rest)) = body.strip_prefix('[').and_then(|r| r.split_once(']')) {
        let (negated, name) = match name.strip_prefix('!') {
            Some(name) => (true, name),
            None => (false, name),
        };
        keep &= facts.value(name).is_some() != negated;
        body = rest.trim_start();
    }
    (keep, body)
}

fn substitute(line: &str, facts: &Facts) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end)
                if after[..end]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_') =>
            {
                let name = &after[..end];
                if let Some(value) = facts.value(name) {
                    out.push_str(value);
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts {
            first_name: "Dana".into(),
            title: "customer quotes".into(),
            need_by: Some("Friday 4 Dec".into()),
            when: Some("on Friday 4 Dec".into()),
            late: None,
            why: Some("the launch deck needs proof points.".into()),
            channel: Some("call".into()),
            offer: Some("gave you a quick call".into()),
            favor: None,
            piece: None,
            said: None,
        }
    }

    #[test]
    fn variables_and_conditions() {
        let text = "Hi {first_name},\n[why] {why}.\n[!why] no why\n[favor] favor {favor}\n{unknown} {title}";
        assert_eq!(
            render(text, &facts()),
            "Hi Dana,\nThe launch deck needs proof points.\n customer quotes"
        );
        let without_why = Facts {
            why: None,
            ..facts()
        };
        assert_eq!(
            render(text, &without_why),
            "Hi Dana,\nNo why\n customer quotes"
        );
    }

    #[test]
    fn conditions_chain_and_all_must_hold() {
        let text = "[need_by][!late] by {need_by}\n[late] was due {late}";
        assert_eq!(render(text, &facts()), "By Friday 4 Dec");
        let late = Facts {
            late: Some("Friday 4 Dec".into()),
            ..facts()
        };
        assert_eq!(render(text, &late), "Was due Friday 4 Dec");
        let no_date = Facts {
            need_by: None,
            ..facts()
        };
        assert_eq!(render(text, &no_date), "");
    }

    #[test]
    fn the_templates_grow_with_the_count() {
        assert_eq!(follow_up_template(0), "first");
        assert_eq!(follow_up_template(1), "second");
        assert_eq!(follow_up_template(2), "third");
        assert_eq!(follow_up_template(7), "third");
    }

    #[test]
    fn overrides_replace_by_name_and_unknown_names_fail() {
        let mut overrides = BTreeMap::new();
        overrides.insert("first".to_string(), "Yo {first_name}".to_string());
        let templates = Templates::load(&overrides).expect("loads");
        assert_eq!(render(templates.get("first"), &facts()), "Yo Dana");
        assert!(templates.get("second").contains("Sorry to nag"));
        overrides.insert("fourth".to_string(), "x".to_string());
        let err = Templates::load(&overrides)
            .expect_err("unknown")
            .to_string();
        assert!(err.contains("no template \"fourth\""), "{err}");
    }

    #[test]
    fn an_unknown_variable_is_named_with_the_known_ones() {
        let mut overrides = BTreeMap::new();
        overrides.insert("first".to_string(), "Hi {frist_name}".to_string());
        let err = Templates::load(&overrides)
            .expect_err("unknown variable")
            .to_string();
        assert!(
            err.starts_with("first: {frist_name} is not a variable (did you mean {first_name}?)"),
            "{err}"
        );
        assert!(err.contains("{need_by}"), "{err}");
        overrides.insert("first".to_string(), "[nedd_by] by {need_by}".to_string());
        let err = Templates::load(&overrides)
            .expect_err("unknown condition")
            .to_string();
        assert!(
            err.starts_with("first: [nedd_by] is not a variable"),
            "{err}"
        );
        // Braces that are not a variable's (prose, JSON) are left alone.
        overrides.insert(
            "first".to_string(),
            "Hi {first_name} {Not One} {}".to_string(),
        );
        assert!(Templates::load(&overrides).is_ok());
        // The built-in templates use only known variables.
        for name in NAMES {
            assert_eq!(
                check_variables(Templates::default().get(name)),
                Ok(()),
                "{name}"
            );
        }
    }

    #[test]
    fn every_built_in_template_is_there() {
        let templates = Templates::default();
        for name in NAMES {
            assert!(!templates.get(name).is_empty(), "{name}");
        }
    }
}
