//! Styles named by what they mean; panes never name a color. Without color (`NO_COLOR`) every
//! meaning still shows through weight, underline or reversal, and through symbols.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeConfig;

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub title: Style,
    pub header: Style,
    pub border: Style,
    pub border_focused: Style,
    pub selected: Style,
    pub danger: Style,
    pub warning: Style,
    pub ok: Style,
    pub key: Style,
    pub error: Style,
    pub accent: Style,
    /// Whether symbols must be plain ASCII.
    pub ascii: bool,
}

impl Theme {
    pub fn dark() -> Theme {
        let base = Style::default();
        Theme {
            text: base,
            muted: base.fg(Color::Gray).add_modifier(Modifier::DIM),
            title: base.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            header: base
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            border: base.fg(Color::DarkGray),
            border_focused: base.fg(Color::Cyan),
            selected: base.bg(Color::DarkGray).add_modifier(Modifier::BOLD),
            danger: base.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            warning: base.fg(Color::Yellow),
            ok: base.fg(Color::Green),
            key: base.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            error: base.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            accent: base.fg(Color::Magenta),
            ascii: false,
        }
    }

    /// No color at all: meaning through weight, underline and reversal only.
    pub fn plain() -> Theme {
        let base = Style::default();
        Theme {
            text: base,
            muted: base.add_modifier(Modifier::DIM),
            title: base.add_modifier(Modifier::BOLD),
            header: base.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            border: base,
            border_focused: base.add_modifier(Modifier::BOLD),
            selected: base.add_modifier(Modifier::REVERSED),
            danger: base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            warning: base.add_modifier(Modifier::BOLD),
            ok: base,
            key: base.add_modifier(Modifier::BOLD),
            error: base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            accent: base.add_modifier(Modifier::ITALIC),
            ascii: false,
        }
    }

    /// For light terminal backgrounds.
    pub fn light() -> Theme {
        let base = Style::default();
        Theme {
            text: base,
            muted: base.fg(Color::DarkGray),
            title: base.fg(Color::Blue).add_modifier(Modifier::BOLD),
            header: base
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            border: base.fg(Color::Gray),
            border_focused: base.fg(Color::Blue),
            selected: base.bg(Color::Indexed(254)).add_modifier(Modifier::BOLD),
            danger: base.fg(Color::Red).add_modifier(Modifier::BOLD),
            warning: base.fg(Color::Indexed(130)),
            ok: base.fg(Color::Indexed(28)),
            key: base.fg(Color::Blue).add_modifier(Modifier::BOLD),
            error: base.fg(Color::Red).add_modifier(Modifier::BOLD),
            accent: base.fg(Color::Magenta),
            ascii: false,
        }
    }

    /// The config's `[theme]` (checked when the config was read); `no_color` takes every color
    /// away, `ascii` the symbols.
    pub fn from_config(config: &ThemeConfig, no_color: bool, ascii: bool) -> Theme {
        let mut theme = match (no_color, config.name.as_str()) {
            (true, _) => Theme::plain(),
            (false, "light") => Theme::light(),
            (false, _) => Theme::dark(),
        };
        for (name, value) in config.styles() {
            let Some(style) = value.and_then(|v| parse_style(v).ok()) else {
                continue;
            };
            let style = if no_color {
                Style {
                    fg: None,
                    bg: None,
                    ..style
                }
            } else {
                style
            };
            if let Some(slot) = theme.slot(name) {
                *slot = style;
            }
        }
        theme.ascii = ascii;
        theme
    }

    fn slot(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "text" => &mut self.text,
            "muted" => &mut self.muted,
            "title" => &mut self.title,
            "header" => &mut self.header,
            "border" => &mut self.border,
            "border_focused" => &mut self.border_focused,
            "selected" => &mut self.selected,
            "danger" => &mut self.danger,
            "warning" => &mut self.warning,
            "ok" => &mut self.ok,
            "key" => &mut self.key,
            "error" => &mut self.error,
            "accent" => &mut self.accent,
            _ => return None,
        })
    }
}

/// A style from the config: words in any order, `bold`, `dim`, `italic`, `underlined`,
/// `reversed`, a color (a name like `red` or `lightblue`, `#rrggbb`, or a 0–255 index) for the
/// text and `on COLOR` for the background. `default` is the terminal's own.
pub fn parse_style(text: &str) -> Result<Style, String> {
    let mut style = Style::default();
    let mut words = text.split_whitespace().peekable();
    if words.peek().is_none() {
        return Err("is empty; use words like \"bold red\" or \"#ff8800 on #202020\"".into());
    }
    while let Some(word) = words.next() {
        let lower = word.to_lowercase();
        style = match lower.as_str() {
            "bold" => style.add_modifier(Modifier::BOLD),
            "dim" => style.add_modifier(Modifier::DIM),
            "italic" => style.add_modifier(Modifier::ITALIC),
            "underline" | "underlined" => style.add_modifier(Modifier::UNDERLINED),
            "reverse" | "reversed" => style.add_modifier(Modifier::REVERSED),
            "default" | "plain" => style,
            "on" => {
                let Some(color) = words.next() else {
                    return Err(format!("\"{text}\": `on` needs a color after it"));
                };
                style.bg(color_of(color, text)?)
            }
            _ => style.fg(color_of(word, text)?),
        };
    }
    Ok(style)
}

fn color_of(word: &str, text: &str) -> Result<Color, String> {
    // "bold blinky": which word of the style; "blinky" alone needs no repeating.
    let within = if word == text.trim() {
        String::new()
    } else {
        format!("in \"{text}\", ")
    };
    if word.starts_with('#') && word.len() != 7 {
        return Err(format!(
            "{within}\"{word}\" is not a color; hex colors have six digits, like #ff8800"
        ));
    }
    word.parse::<Color>().map_err(|_| {
        format!(
            "{within}\"{word}\" is not a color or a style; use a name (red, lightblue, \
             darkgray …), #rrggbb or 0-255, and bold, dim, italic, underlined, reversed"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_read_in_any_order() {
        assert_eq!(
            parse_style("bold red"),
            Ok(Style::default().fg(Color::Red).add_modifier(Modifier::BOLD))
        );
        assert_eq!(
            parse_style("#ff8800 on 236 italic"),
            Ok(Style::default()
                .fg(Color::Rgb(255, 136, 0))
                .bg(Color::Indexed(236))
                .add_modifier(Modifier::ITALIC))
        );
        assert!(
            parse_style("blod")
                .expect_err("typo")
                .contains("\"blod\" is not a color")
        );
        assert!(
            parse_style("red on")
                .expect_err("no bg")
                .contains("`on` needs a color")
        );
        assert!(
            parse_style("#ff88")
                .expect_err("short hex")
                .contains("six digits")
        );
        assert!(parse_style("  ").is_err());
    }

    #[test]
    fn overrides_apply_and_no_color_keeps_only_weight() {
        let config = ThemeConfig {
            name: "light".into(),
            danger: Some("italic #ff0000".into()),
            ..ThemeConfig::default()
        };
        let theme = Theme::from_config(&config, false, false);
        assert_eq!(theme.title, Theme::light().title);
        assert_eq!(
            theme.danger,
            Style::default()
                .fg(Color::Rgb(255, 0, 0))
                .add_modifier(Modifier::ITALIC)
        );
        let plain = Theme::from_config(&config, true, true);
        assert_eq!(
            plain.danger,
            Style::default().add_modifier(Modifier::ITALIC)
        );
        assert_eq!(plain.title, Theme::plain().title);
        assert!(plain.ascii);
    }
}
