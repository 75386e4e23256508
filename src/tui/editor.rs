//! A one-line text editor: Unicode-aware cursor movement, word jumps, deletion and paste.

use unicode_width::UnicodeWidthChar;

use super::action::Action;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    chars: Vec<char>,
    /// Cursor position, in chars (0 ..= len).
    cursor: usize,
}

impl LineEditor {
    pub fn with_text(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        LineEditor {
            cursor: chars.len(),
            chars,
        }
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Apply an editing action (the `[editor]` keys); returns whether it is one a line takes.
    pub fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::LineStart => self.cursor = 0,
            Action::LineEnd => self.cursor = self.chars.len(),
            Action::WordLeft => self.cursor = self.word_left(),
            Action::WordRight => self.cursor = self.word_right(),
            Action::DeleteWord => self.delete_to(self.word_left()),
            Action::DeleteToStart => self.delete_to(0),
            Action::DeleteToEnd => self.chars.truncate(self.cursor),
            Action::DeleteBack => {
                if self.cursor > 0 {
                    self.cursor -= 1;
                    self.chars.remove(self.cursor);
                }
            }
            Action::DeleteForward => {
                if self.cursor < self.chars.len() {
                    self.chars.remove(self.cursor);
                }
            }
            Action::CursorLeft => self.cursor = self.cursor.saturating_sub(1),
            Action::CursorRight => self.cursor = (self.cursor + 1).min(self.chars.len()),
            _ => return false,
        }
        true
    }

    /// A typed character, at the cursor.
    pub fn type_char(&mut self, c: char) {
        self.insert(c);
    }

    fn insert(&mut self, c: char) {
        // Control characters never enter the text; a pasted newline becomes a space.
        let c = if c == '\n' || c == '\r' || c == '\t' {
            ' '
        } else {
            c
        };
        if c.is_control() {
            return;
        }
        self.chars.insert(self.cursor, c);
        self.cursor += 1;
    }

    /// Insert pasted text at the cursor (one line: newlines become spaces).
    pub fn paste(&mut self, text: &str) {
        for c in text.chars() {
            self.insert(c);
        }
    }

    fn delete_to(&mut self, start: usize) {
        let start = start.min(self.cursor);
        self.chars.drain(start..self.cursor);
        self.cursor = start;
    }

    fn word_left(&self) -> usize {
        let mut i = self.cursor;
        while i > 0 && self.chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !self.chars[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }

    fn word_right(&self) -> usize {
        let mut i = self.cursor;
        let len = self.chars.len();
        while i < len && self.chars[i].is_whitespace() {
            i += 1;
        }
        while i < len && !self.chars[i].is_whitespace() {
            i += 1;
        }
        i
    }

    /// The part of the text that fits `width` columns with the cursor visible, and the cursor's
    /// column within it.
    pub fn view(&self, width: usize) -> (String, usize) {
        if width == 0 {
            return (String::new(), 0);
        }
        let w = |c: &char| {
            if crate::text::draws_as_nothing(*c) {
                0
            } else {
                c.width().unwrap_or(0)
            }
        };
        // Scroll so that the cursor (plus one cell for it) fits.
        let mut start = 0;
        let before: usize = self.chars[..self.cursor].iter().map(w).sum();
        let mut shown_before = before;
        while shown_before + 1 > width && start < self.cursor {
            shown_before -= w(&self.chars[start]);
            start += 1;
        }
        let mut out = String::new();
        let mut used = 0;
        for c in &self.chars[start..] {
            if used + w(c) > width {
                break;
            }
            // What draws as nothing is kept in the text but not drawn (see `text::inert`).
            if !crate::text::draws_as_nothing(*c) {
                out.push(*c);
            }
            used += w(c);
        }
        (out, shown_before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> LineEditor {
        let mut editor = LineEditor::default();
        for c in text.chars() {
            editor.type_char(c);
        }
        editor
    }

    #[test]
    fn typing_and_moving() {
        let mut e = typed("@dana quotes");
        e.apply(Action::LineStart);
        e.type_char('x');
        assert_eq!(e.text(), "x@dana quotes");
        e.apply(Action::LineEnd);
        e.apply(Action::DeleteBack);
        assert_eq!(e.text(), "x@dana quote");
        e.apply(Action::LineStart);
        e.apply(Action::DeleteForward);
        assert_eq!(e.text(), "@dana quote");
    }

    #[test]
    fn words() {
        let mut e = typed("one two three");
        e.apply(Action::WordLeft);
        e.type_char('X');
        assert_eq!(e.text(), "one two Xthree");
        e.apply(Action::DeleteWord);
        assert_eq!(e.text(), "one two three");
        e.apply(Action::DeleteWord);
        assert_eq!(e.text(), "one three");
        e.apply(Action::DeleteToStart);
        assert_eq!(e.text(), "three");
        e.apply(Action::DeleteToEnd);
        assert_eq!(e.text(), "");
    }

    #[test]
    fn unicode_and_paste() {
        let mut e = typed("日本");
        e.apply(Action::CursorLeft);
        e.type_char('é');
        assert_eq!(e.text(), "日é本");
        e.paste("a\nb\u{1b}c");
        assert_eq!(e.text(), "日éa bc本");
    }

    #[test]
    fn the_view_keeps_the_cursor_visible() {
        let e = typed("abcdefghij");
        let (text, cursor) = e.view(5);
        assert_eq!(text, "ghij");
        assert_eq!(cursor, 4);
        let wide = typed("日本語テキスト");
        let (text, cursor) = wide.view(6);
        assert!(cursor < 6);
        assert!(unicode_width::UnicodeWidthStr::width(text.as_str()) <= 6);
    }

    #[test]
    fn actions_a_line_does_not_take_are_left_alone() {
        let mut e = typed("one");
        assert!(!e.apply(Action::Newline));
        assert!(!e.apply(Action::Up));
        assert_eq!(e.text(), "one");
    }
}
