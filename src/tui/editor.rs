//! A one-line text editor: Unicode-aware cursor movement, word jumps, deletion and paste.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthChar;

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

    /// Apply an editing key; returns whether it was one.
    pub fn handle(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.chars.len(),
            KeyCode::Char('b') if alt => self.cursor = self.word_left(),
            KeyCode::Char('f') if alt => self.cursor = self.word_right(),
            KeyCode::Char('w') if ctrl => self.delete_to(self.word_left()),
            KeyCode::Backspace if ctrl || alt => self.delete_to(self.word_left()),
            KeyCode::Char('u') if ctrl => self.delete_to(0),
            KeyCode::Char('k') if ctrl => self.chars.truncate(self.cursor),
            KeyCode::Char(c) if !ctrl && !alt => self.insert(c),
            KeyCode::Backspace => {
                if self.cursor > 0 {
                    self.cursor -= 1;
                    self.chars.remove(self.cursor);
                }
            }
            KeyCode::Delete => {
                if self.cursor < self.chars.len() {
                    self.chars.remove(self.cursor);
                }
            }
            KeyCode::Left if ctrl || alt => self.cursor = self.word_left(),
            KeyCode::Right if ctrl || alt => self.cursor = self.word_right(),
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.chars.len()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.chars.len(),
            _ => return false,
        }
        true
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

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(text: &str) -> LineEditor {
        let mut editor = LineEditor::default();
        for c in text.chars() {
            editor.handle(&key(KeyCode::Char(c)));
        }
        editor
    }

    #[test]
    fn typing_and_moving() {
        let mut e = typed("@dana quotes");
        e.handle(&key(KeyCode::Home));
        e.handle(&key(KeyCode::Char('x')));
        assert_eq!(e.text(), "x@dana quotes");
        e.handle(&key(KeyCode::End));
        e.handle(&key(KeyCode::Backspace));
        assert_eq!(e.text(), "x@dana quote");
        e.handle(&key(KeyCode::Home));
        e.handle(&key(KeyCode::Delete));
        assert_eq!(e.text(), "@dana quote");
    }

    #[test]
    fn words() {
        let mut e = typed("one two three");
        e.handle(&KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL));
        e.handle(&key(KeyCode::Char('X')));
        assert_eq!(e.text(), "one two Xthree");
        e.handle(&ctrl('w'));
        assert_eq!(e.text(), "one two three");
        e.handle(&ctrl('w'));
        assert_eq!(e.text(), "one three");
        e.handle(&ctrl('u'));
        assert_eq!(e.text(), "three");
        e.handle(&ctrl('k'));
        assert_eq!(e.text(), "");
    }

    #[test]
    fn unicode_and_paste() {
        let mut e = typed("日本");
        e.handle(&key(KeyCode::Left));
        e.handle(&key(KeyCode::Char('é')));
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
}
