//! A multi-line text editor with soft wrapping by display width: Enter starts a new line,
//! paste keeps line breaks, the cursor moves by characters, words and lines.

use unicode_width::UnicodeWidthChar;

use super::action::Action;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextArea {
    lines: Vec<Vec<char>>,
    row: usize,
    col: usize,
}

impl Default for TextArea {
    fn default() -> Self {
        TextArea {
            lines: vec![Vec::new()],
            row: 0,
            col: 0,
        }
    }
}

impl TextArea {
    pub fn with_text(text: &str) -> TextArea {
        let mut area = TextArea {
            lines: text
                .split('\n')
                .map(|l| l.chars().filter(|c| !c.is_control()).collect())
                .collect(),
            row: 0,
            col: 0,
        };
        if area.lines.is_empty() {
            area.lines.push(Vec::new());
        }
        area.row = area.lines.len() - 1;
        area.col = area.lines[area.row].len();
        area
    }

    pub fn text(&self) -> String {
        self.lines
            .iter()
            .map(|l| l.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Apply an editing action (the `[editor]` keys); returns whether it is one the text takes.
    pub fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::Newline => self.newline(),
            Action::DeleteWord => self.delete_word(),
            Action::LineStart => self.col = 0,
            Action::LineEnd => self.col = self.lines[self.row].len(),
            // As in the one-line editor and a shell: to the start and the end of the line.
            Action::DeleteToStart => {
                self.lines[self.row].drain(..self.col);
                self.col = 0;
            }
            Action::DeleteToEnd => self.lines[self.row].truncate(self.col),
            Action::DeleteBack => self.backspace(),
            Action::DeleteForward => self.delete(),
            Action::WordLeft => self.word_left(),
            Action::WordRight => self.word_right(),
            Action::CursorLeft => {
                if self.col > 0 {
                    self.col -= 1;
                } else if self.row > 0 {
                    self.row -= 1;
                    self.col = self.lines[self.row].len();
                }
            }
            Action::CursorRight => {
                if self.col < self.lines[self.row].len() {
                    self.col += 1;
                } else if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.col = 0;
                }
            }
            Action::Up if self.row > 0 => {
                self.row -= 1;
                self.col = self.col.min(self.lines[self.row].len());
            }
            Action::Down if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.col = self.col.min(self.lines[self.row].len());
            }
            // At the top or the bottom, up and down are still editing keys that do nothing.
            Action::Up | Action::Down => {}
            _ => return false,
        }
        true
    }

    /// A typed character, at the cursor.
    pub fn type_char(&mut self, c: char) {
        self.insert(c);
    }

    fn insert(&mut self, c: char) {
        match c {
            '\n' => self.newline(),
            '\r' => {}
            '\t' => self.insert(' '),
            c if c.is_control() => {}
            c => {
                self.lines[self.row].insert(self.col, c);
                self.col += 1;
            }
        }
    }

    /// Insert pasted text at the cursor, keeping its line breaks.
    pub fn paste(&mut self, text: &str) {
        for c in text.chars() {
            self.insert(c);
        }
    }

    fn newline(&mut self) {
        let rest = self.lines[self.row].split_off(self.col);
        self.lines.insert(self.row + 1, rest);
        self.row += 1;
        self.col = 0;
    }

    fn backspace(&mut self) {
        if self.col > 0 {
            self.col -= 1;
            self.lines[self.row].remove(self.col);
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.col = self.lines[self.row].len();
            self.lines[self.row].extend(line);
        }
    }

    fn delete(&mut self) {
        if self.col < self.lines[self.row].len() {
            self.lines[self.row].remove(self.col);
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            self.lines[self.row].extend(next);
        }
    }

    fn delete_word(&mut self) {
        let start = self.word_start();
        self.lines[self.row].drain(start..self.col);
        self.col = start;
    }

    fn word_start(&self) -> usize {
        let line = &self.lines[self.row];
        let mut i = self.col;
        while i > 0 && line[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !line[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }

    fn word_left(&mut self) {
        self.col = self.word_start();
    }

    fn word_right(&mut self) {
        let line = &self.lines[self.row];
        let mut i = self.col;
        while i < line.len() && line[i].is_whitespace() {
            i += 1;
        }
        while i < line.len() && !line[i].is_whitespace() {
            i += 1;
        }
        self.col = i;
    }

    /// The text wrapped to `width` columns (at spaces where it can), and the cursor's row and
    /// column among those wrapped lines.
    pub fn wrapped(&self, width: usize) -> (Vec<String>, (usize, usize)) {
        let width = width.max(2);
        let mut out = Vec::new();
        let mut cursor = (0, 0);
        for (row, line) in self.lines.iter().enumerate() {
            let mut start = 0;
            loop {
                // Take as many characters as fit, then step back to the last space.
                let mut used = 0;
                let mut end = start;
                while end < line.len() {
                    let w = drawn_width(line[end]);
                    if used + w > width {
                        break;
                    }
                    used += w;
                    end += 1;
                }
                if end < line.len()
                    && let Some(space) = (start + 1..end).rev().find(|&i| line[i] == ' ')
                {
                    end = space + 1;
                }
                // What draws as nothing stays in the text, not on screen (see `text::inert`).
                let piece: String = line[start..end]
                    .iter()
                    .filter(|c| !crate::text::draws_as_nothing(**c))
                    .collect();
                let last_piece = end >= line.len();
                if row == self.row && self.col >= start && (self.col < end || last_piece) {
                    let x = line[start..self.col.min(end)]
                        .iter()
                        .map(|c| drawn_width(*c))
                        .sum();
                    cursor = (out.len(), x);
                }
                out.push(piece);
                if last_piece {
                    break;
                }
                start = end;
            }
        }
        (out, cursor)
    }
}

/// The columns a character takes as drawn (nothing for what `text::inert` leaves out).
fn drawn_width(c: char) -> usize {
    if crate::text::draws_as_nothing(c) {
        0
    } else {
        c.width().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> TextArea {
        let mut area = TextArea::default();
        for c in text.chars() {
            if c == '\n' {
                area.apply(Action::Newline);
            } else {
                area.type_char(c);
            }
        }
        area
    }

    #[test]
    fn ctrl_u_deletes_to_the_line_start_and_ctrl_k_to_its_end() {
        let mut area = typed("first line\nsecond line");
        for _ in 0..4 {
            area.apply(Action::CursorLeft);
        }
        area.apply(Action::DeleteToStart);
        assert_eq!(area.text(), "first line\nline");
        area.apply(Action::Up);
        area.apply(Action::CursorRight);
        area.apply(Action::DeleteToEnd);
        assert_eq!(area.text(), "f\nline");
    }

    #[test]
    fn lines_are_made_and_joined() {
        let mut area = typed("one\ntwo");
        assert_eq!(area.text(), "one\ntwo");
        area.apply(Action::LineStart);
        area.apply(Action::DeleteBack);
        assert_eq!(area.text(), "onetwo");
        area.apply(Action::Newline);
        area.apply(Action::Up);
        area.apply(Action::LineEnd);
        area.apply(Action::DeleteForward);
        assert_eq!(area.text(), "onetwo");
    }

    #[test]
    fn paste_keeps_line_breaks_and_drops_controls() {
        let mut area = TextArea::default();
        area.paste("a\r\nb\u{1b}[31m\tc");
        assert_eq!(area.text(), "a\nb[31m c");
    }

    #[test]
    fn wrapping_at_spaces_and_by_width() {
        let area = typed("the quick brown fox");
        let (lines, cursor) = area.wrapped(10);
        assert_eq!(lines, vec!["the quick ", "brown fox"]);
        assert_eq!(cursor, (1, 9));
        let wide = typed("日本語のテキスト");
        let (lines, _) = wide.wrapped(6);
        assert_eq!(lines, vec!["日本語", "のテキ", "スト"]);
        let (lines, cursor) = TextArea::default().wrapped(10);
        assert_eq!((lines, cursor), (vec![String::new()], (0, 0)));
    }
}
