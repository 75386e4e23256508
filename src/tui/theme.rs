//! Styles named by what they mean; panes never name a color. Without color (`NO_COLOR`) every
//! meaning still shows through weight, underline or reversal, and through symbols.

use ratatui::style::{Color, Modifier, Style};

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

    /// The theme for this environment: `NO_COLOR` set (to anything) means no color.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Theme::plain(),
            _ => Theme::dark(),
        }
    }
}
