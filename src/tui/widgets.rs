//! Small drawing helpers shared by the panes: bordered blocks, fixed-width cells, key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::action::Action;
use super::keymap::{Context, Keymap};
use super::theme::Theme;
use crate::ops::LineKind;
use crate::text;

/// An item's or card's lines in the theme's styles, with a blank line before each heading; a
/// draft's heading says which key copies it (`copy`, the key in the view's context).
pub fn styled_lines(
    theme: &Theme,
    copy: &str,
    lines: impl IntoIterator<Item = (LineKind, String)>,
) -> Vec<(String, Style)> {
    let mut items = Vec::new();
    for (kind, line) in lines {
        let style = match kind {
            LineKind::Title => theme.title,
            LineKind::Heading | LineKind::DraftHeading => theme.accent,
            LineKind::Text => theme.text,
            LineKind::Muted => theme.muted,
            LineKind::Warning => theme.warning,
        };
        if matches!(kind, LineKind::Heading | LineKind::DraftHeading) {
            items.push((String::new(), style));
        }
        if kind == LineKind::DraftHeading {
            items.push((format!("{line} ({copy} copies it)"), style));
        } else {
            items.push((line, style));
        }
    }
    items
}

/// Lines of text from the database, made inert and wrapped to `width` with their indent kept.
pub fn wrap_styled(items: Vec<(String, Style)>, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (line, style) in items {
        for piece in text::wrap_hanging(&text::inert(&line), width.max(1)) {
            lines.push(Line::styled(piece, style));
        }
    }
    lines
}

/// The first line to show so that a scrolled view never scrolls past its end.
pub fn clamp_scroll(scroll: usize, lines: usize, height: usize) -> u16 {
    u16::try_from(scroll.min(lines.saturating_sub(height))).unwrap_or(u16::MAX)
}

/// A pane's frame: its title with a count, brighter when focused.
pub fn pane_block(theme: &Theme, title: &str, count: Option<usize>, focused: bool) -> PaneFrame {
    let title = match count {
        Some(n) => format!(" {title} {n} "),
        None => format!(" {title} "),
    };
    let (border, title_style) = if focused {
        (theme.border_focused, theme.title)
    } else {
        (theme.border, theme.muted)
    };
    PaneFrame {
        set: if theme.ascii {
            ASCII_BORDER
        } else {
            ratatui::symbols::border::ROUNDED
        },
        border,
        title,
        title_style,
        bottom: None,
    }
}

/// A border all round with a title at the top left and, if given, one at the bottom right:
/// what ratatui's `Block` draws for these, without its pass over every cell inside (a tenth of a
/// dashboard frame went to styling cells with the default style).
pub struct PaneFrame {
    set: ratatui::symbols::border::Set<'static>,
    border: Style,
    title: String,
    title_style: Style,
    bottom: Option<(String, Style)>,
}

impl PaneFrame {
    /// Text set in the bottom border, against its right end.
    pub fn bottom_right(mut self, text: String, style: Style) -> Self {
        self.bottom = Some((text, style));
        self
    }

    /// The area inside the border.
    pub fn inner(&self, area: Rect) -> Rect {
        let x = area.x.saturating_add(1).min(area.right());
        let y = area.y.saturating_add(1).min(area.bottom());
        Rect::new(
            x,
            y,
            area.width.saturating_sub(2),
            area.height.saturating_sub(2),
        )
    }
}

impl ratatui::widgets::Widget for PaneFrame {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let (left, top) = (area.left(), area.top());
        let right = area.right() - 1;
        let bottom = area.bottom() - 1;
        let mut put = |x: u16, y: u16, symbol: &str| {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.set_symbol(symbol).set_style(self.border);
            }
        };
        // Sides, then corners over their ends, as `Block` does (it matters in a frame one cell
        // wide or high).
        for y in top..=bottom {
            put(left, y, self.set.vertical_left);
        }
        for x in left..=right {
            put(x, top, self.set.horizontal_top);
        }
        for y in top..=bottom {
            put(right, y, self.set.vertical_right);
        }
        for x in left..=right {
            put(x, bottom, self.set.horizontal_bottom);
        }
        put(right, bottom, self.set.bottom_right);
        put(right, top, self.set.top_right);
        put(left, bottom, self.set.bottom_left);
        put(left, top, self.set.top_left);
        // The titles as `Block` sets them: cut at the right, or (the one at the right) at the left.
        let titles = Rect::new(left + 1, top, area.width.saturating_sub(2), 1);
        if titles.is_empty() {
            return;
        }
        let title = Line::from(Span::styled(text::inert(&self.title), self.title_style));
        let width = u16::try_from(title.width()).unwrap_or(u16::MAX);
        ratatui::widgets::Widget::render(
            &title,
            Rect {
                width: width.min(titles.width),
                ..titles
            },
            buf,
        );
        if let Some((bottom_title, style)) = &self.bottom {
            let line = Line::styled(text::inert(bottom_title), *style).right_aligned();
            let width = u16::try_from(line.width()).unwrap_or(u16::MAX);
            let at = Rect {
                x: titles.right().saturating_sub(width).max(titles.left()),
                y: bottom,
                width: width.min(titles.width),
                height: 1,
            };
            ratatui::widgets::Widget::render(&line, at, buf);
        }
    }
}

/// Borders drawn with plain ASCII, for terminals without box-drawing glyphs.
pub const ASCII_BORDER: ratatui::symbols::border::Set = ratatui::symbols::border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// One row of a list pane: cells of fixed widths, left to right, over the row's own style.
/// Drawn straight into the buffer, without padding spaces to lay out, which keeps a full frame
/// cheap; the cells' texts are kept end to end in one string (a row is built every frame, and a
/// string per cell was a tenth of the frame's time in the allocator).
#[derive(Debug, Clone, Default)]
pub struct GridRow {
    pub style: Style,
    text: String,
    /// Each cell's width, where its text lies in `text`, and its style.
    cells: Vec<(usize, std::ops::Range<usize>, Style)>,
}

impl GridRow {
    pub fn new(style: Style) -> Self {
        GridRow {
            style,
            text: String::with_capacity(160),
            cells: Vec::with_capacity(12),
        }
    }

    /// Add a cell `width` columns wide; its text is made inert and cut to fit.
    pub fn cell(mut self, value: &str, width: usize, style: Style) -> Self {
        if width > 0 {
            let start = self.text.len();
            text::fit_into(&mut self.text, value, width);
            self.cells.push((width, start..self.text.len(), style));
        }
        self
    }

    /// A cell whose words that start with one of `words` show that start in `mark` (what a
    /// find matched); the rest as `cell`.
    pub fn cell_marked(
        mut self,
        value: &str,
        width: usize,
        style: Style,
        words: &[String],
        mark: Style,
    ) -> Self {
        if width == 0 {
            return self;
        }
        let start = self.text.len();
        text::fit_into(&mut self.text, value, width);
        let end = self.text.len();
        let ranges = crate::tui::find::marks(&self.text[start..], words);
        if ranges.is_empty() {
            self.cells.push((width, start..end, style));
            return self;
        }
        let mut used = 0;
        let mut at = start;
        let mut push = |row: &mut Self, part: std::ops::Range<usize>, style: Style| {
            let w = text::width(&row.text[part.clone()]);
            row.cells.push((w, part, style));
            used += w;
        };
        for (from, to) in ranges {
            push(&mut self, at..start + from, style);
            push(&mut self, start + from..start + to, mark);
            at = start + to;
        }
        push(&mut self, at..end, style);
        if used < width {
            self.cells.push((width - used, end..end, style));
        }
        self
    }

    /// A list's row: highlighted when selected, and the selection marker in its first two columns.
    pub fn listed(theme: &Theme, selected: bool) -> Self {
        let style = if selected {
            theme.selected
        } else {
            Style::default()
        };
        GridRow::new(style).cell(marker(theme, selected), 2, theme.text)
    }

    /// A cell and the gap after it, or nothing when the column has no room.
    pub fn cell_then_gap(self, value: &str, width: usize, style: Style) -> Self {
        if width == 0 {
            return self;
        }
        self.cell(value, width, style).gap()
    }

    /// A gap and a cell after it, or nothing when the column has no room.
    pub fn gap_then_cell(self, value: &str, width: usize, style: Style) -> Self {
        if width == 0 {
            return self;
        }
        self.gap().cell(value, width, style)
    }

    /// One blank column between cells.
    pub fn gap(mut self) -> Self {
        let end = self.text.len();
        self.cells.push((1, end..end, Style::default()));
        self
    }
}

pub fn render_grid(buf: &mut Buffer, area: Rect, rows: &[GridRow]) {
    for (row, y) in rows.iter().zip(area.top()..area.bottom()) {
        if row.style != Style::default() {
            buf.set_style(Rect::new(area.x, y, area.width, 1), row.style);
        }
        let mut x = area.x;
        for (width, range, style) in &row.cells {
            let value = &row.text[range.clone()];
            if x >= area.right() {
                break;
            }
            let room = usize::from(area.right() - x).min(*width);
            if !value.is_empty() {
                set_cell_text(buf, x, y, value, room, row.style.patch(*style));
            }
            x = x.saturating_add(u16::try_from(*width).unwrap_or(u16::MAX));
        }
    }
}

/// Lines one to a row from the top of `area`, as `Paragraph` draws lines that fit, with printable
/// ASCII set a byte to a cell instead of segmented (`set_cell_text`, also for the spans that mix
/// in a "·" or an arrow): the stress pane, the header and the key line are drawn every frame.
/// When a line is wider than `area` or not aligned left, `Paragraph` draws them all, wrapped if
/// `wrap`.
pub fn draw_text(frame: &mut ratatui::Frame, area: Rect, lines: Vec<Line<'_>>, wrap: bool) {
    // Control characters (made inert before they get here) are left to ratatui's own rules.
    let plain =
        |content: &str| text::printable_ascii(content) || !content.contains(char::is_control);
    let fits = lines.iter().all(|line| {
        matches!(
            line.alignment,
            None | Some(ratatui::layout::Alignment::Left)
        ) && line.spans.iter().all(|s| plain(&s.content))
            && line
                .spans
                .iter()
                .map(|s| span_width(&s.content))
                .sum::<usize>()
                <= usize::from(area.width)
    });
    if !fits {
        let paragraph = ratatui::widgets::Paragraph::new(lines);
        let paragraph = if wrap {
            paragraph.wrap(ratatui::widgets::Wrap { trim: false })
        } else {
            paragraph
        };
        frame.render_widget(paragraph, area);
        return;
    }
    let buf = frame.buffer_mut();
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        let mut x = area.x;
        for span in &line.spans {
            let width = span_width(&span.content);
            let style = line.style.patch(span.style);
            set_cell_text(buf, x, y, &span.content, width, style);
            x = x.saturating_add(u16::try_from(width).unwrap_or(u16::MAX));
        }
    }
}

/// The columns ratatui gives `content`.
fn span_width(content: &str) -> usize {
    if text::printable_ascii(content) {
        content.len()
    } else {
        unicode_width::UnicodeWidthStr::width(content)
    }
}

/// `Buffer::set_stringn`, with a shortcut for printable ASCII (most of what is drawn): one cell
/// per byte, without segmenting graphemes; only what lies between such runs is segmented.
fn set_cell_text(buf: &mut Buffer, x: u16, y: u16, value: &str, room: usize, style: Style) {
    let end = buf.area.right();
    let mut room = usize::from(end.saturating_sub(x)).min(room);
    let mut x = x;
    for piece in text::pieces(value) {
        match piece {
            text::Piece::Ascii(run) => {
                for byte in run.bytes().take(room) {
                    if let Some(cell) = buf.cell_mut((x, y)) {
                        // Making a cell's symbol is most of what drawing it costs (the symbol
                        // is built on the stack a byte at a time and read back whole): a space
                        // over a blank cell (all of them, in a fresh frame) keeps the blank.
                        if byte != b' ' || cell.symbol() != " " {
                            cell.set_char(char::from(byte));
                        }
                        cell.set_style(style);
                    }
                    x += 1;
                }
                if run.len() > room {
                    return;
                }
                room -= run.len();
            }
            text::Piece::Cluster(cluster) => {
                // As `set_stringn`: what holds a control or takes no column is left out, and
                // the first cluster that does not fit ends the text.
                if cluster.contains(char::is_control) {
                    continue;
                }
                let width = text::grapheme_width(cluster);
                if width == 0 {
                    continue;
                }
                if width > room {
                    return;
                }
                if let Some(cell) = buf.cell_mut((x, y)) {
                    cell.set_symbol(cluster).set_style(style);
                }
                // The cells a wide cluster covers are cleared, or what they held would show.
                for hidden in x + 1..x + u16::try_from(width).unwrap_or(u16::MAX) {
                    if let Some(cell) = buf.cell_mut((hidden, y)) {
                        cell.reset();
                    }
                }
                x += u16::try_from(width).unwrap_or(u16::MAX);
                room -= width;
            }
        }
    }
}

/// The width the title column gets beside `columns` (each with its width and the least it can be
/// cut to) in a row `width` wide after `fixed` columns: the title has room for `title_room`
/// columns (or its longest value, if shorter) before the other columns have theirs; they give
/// way last first, shrinking to their least and then leaving the row. Each column shown takes a
/// gap column too.
pub fn title_first(
    width: usize,
    fixed: usize,
    title_longest: usize,
    title_room: usize,
    columns: &mut [(usize, usize)],
) -> usize {
    let wanted = title_longest.min(title_room);
    let used = |columns: &[(usize, usize)]| {
        columns
            .iter()
            .filter(|(w, _)| *w > 0)
            .map(|(w, _)| w + 1)
            .sum::<usize>()
    };
    for i in (0..columns.len()).rev() {
        let short = (fixed + used(columns) + wanted).saturating_sub(width);
        if short == 0 {
            break;
        }
        let (w, least) = columns[i];
        let cut = w.saturating_sub(short);
        columns[i].0 = if cut >= least { cut } else { 0 };
    }
    width.saturating_sub(fixed + used(columns))
}

/// The width a column needs for its widest value, kept within `min..=max`.
pub fn column_width<'a>(values: impl Iterator<Item = &'a str>, min: usize, max: usize) -> usize {
    values.map(text::width).max().unwrap_or(0).clamp(min, max)
}

/// The row marker: a symbol, so selection never depends on color alone.
pub fn marker(theme: &Theme, selected: bool) -> &'static str {
    match (selected, theme.ascii) {
        (true, false) => "▶ ",
        (true, true) => "> ",
        (false, _) => "  ",
    }
}

/// "a ask  D deadline  …" for a context, as many as fit in `width`; the last action (help) is
/// always kept, at the right.
pub fn key_hints(
    theme: &Theme,
    keymap: &Keymap,
    context: Context,
    actions: &[Action],
    width: usize,
) -> Line<'static> {
    let hint = |action: &Action| -> Option<(String, &'static str, usize)> {
        let key = keymap.key_for(context, *action)?.to_string();
        let label = short_label(*action);
        let needed = text::width(&key) + 1 + text::width(label) + 2;
        Some((key, label, needed))
    };
    let (last, rest) = match actions.split_last() {
        Some((last, rest)) => (hint(last), rest),
        None => (None, actions),
    };
    let reserved = last.as_ref().map_or(0, |(_, _, needed)| *needed);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    let mut shown: Vec<&Action> = Vec::new();
    for action in rest {
        if shown.contains(&action) {
            continue;
        }
        let Some((key, label, needed)) = hint(action) else {
            continue;
        };
        if used + needed + reserved > width {
            break;
        }
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {label}  "), theme.muted));
        used += needed;
        shown.push(action);
    }
    if let Some((key, label, needed)) = last
        && used + needed <= width
    {
        spans.push(Span::raw(" ".repeat(width - used - needed)));
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {label}  "), theme.muted));
    }
    Line::from(spans)
}

/// One word per action for the footer.
pub fn short_label(action: Action) -> &'static str {
    match action {
        Action::Quit => "quit",
        Action::Help => "help",
        Action::Back => "back",
        Action::NextPane => "pane",
        Action::PrevPane => "pane",
        Action::Open => "open",
        Action::Find => "find",
        Action::CaptureAsk => "ask",
        Action::CaptureDeadline => "deadline",
        Action::Done => "done",
        Action::Drop => "drop",
        Action::Snooze => "snooze",
        Action::Edit => "edit",
        Action::Undo => "undo",
        Action::Redo => "redo",
        Action::Restore => "restore",
        Action::FollowUp => "follow up",
        Action::CopyDraft => "copy draft",
        Action::Declined => "said no",
        Action::MarkSent => "sent",
        Action::MarkAccepted => "accepted",
        Action::MarkMissed => "missed",
        Action::People => "people",
        Action::Meet => "walk over",
        Action::Insights => "insights",
        Action::LinkDeadline => "link",
        Action::Checkin => "check in",
        Action::Sprint => "sprint",
        Action::StopSprint => "stop sprint",
        Action::Review => "review",
        Action::Reflect => "reflect",
        Action::Skip => "skip",
        Action::NextField => "next",
        Action::PrevField => "back",
        Action::Critique => "critique",
        Action::Favor => "favor",
        Action::Submit => "save",
        Action::Cancel => "cancel",
        Action::Down | Action::Up => "move",
        Action::Top | Action::Bottom | Action::PageDown | Action::PageUp => "jump",
        Action::FocusAsks
        | Action::FocusDeadlines
        | Action::FocusProofing
        | Action::FocusStress => "pane",
        Action::CursorLeft
        | Action::CursorRight
        | Action::WordLeft
        | Action::WordRight
        | Action::LineStart
        | Action::LineEnd
        | Action::DeleteBack
        | Action::DeleteForward
        | Action::DeleteWord
        | Action::DeleteToStart
        | Action::DeleteToEnd
        | Action::Newline => "edit",
        Action::ByEmail
        | Action::ByChat
        | Action::ByCall
        | Action::InPerson
        | Action::AnswerInvite
        | Action::AnswerStyleGuide
        | Action::AnswerFixed
        | Action::AnswerLetGo
        | Action::Gave
        | Action::Got
        | Action::Choose1
        | Action::Choose2
        | Action::Choose3
        | Action::Choose4
        | Action::Choose5
        | Action::Choose6
        | Action::Choose7
        | Action::Choose8
        | Action::Choose9 => "choose",
    }
}

#[cfg(test)]
mod tests {
    use super::title_first;
    use proptest::prelude::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};
    use ratatui::text::{Line, Span};

    proptest! {
        /// The ASCII shortcut draws exactly what ratatui's `set_stringn` draws, cut the same way
        /// at the room given and at the buffer's edge, over blank cells or over text.
        #[test]
        fn ascii_cells_are_drawn_as_ratatui_draws_them(
            text in crate::text::mixed_text(30), x in 0u16..25,
            room in 0usize..30, under in "[ x]{0,20}",
        ) {
            let area = Rect::new(0, 0, 20, 1);
            let style = Style::default().fg(Color::Red);
            let mut ours = Buffer::empty(area);
            ours.set_string(0, 0, &under, Style::default());
            let mut theirs = ours.clone();
            if x < area.right() {
                super::set_cell_text(&mut ours, x, 0, &text, room, style);
                theirs.set_stringn(x, 0, &text, room, style);
            }
            prop_assert_eq!(ours, theirs);
        }
    }

    fn styles() -> impl Strategy<Value = Style> {
        prop_oneof![
            Just(Style::default()),
            Just(Style::default().fg(Color::Red)),
            Just(
                Style::default()
                    .bg(Color::Blue)
                    .add_modifier(ratatui::style::Modifier::BOLD)
            ),
        ]
    }

    fn lines() -> impl Strategy<Value = Vec<Line<'static>>> {
        let span = (
            "([ -~]|[ \u{300}\u{4e00}\u{1f600}\u{a0}\t·→☎\u{20d7}]){0,12}",
            styles(),
        )
            .prop_map(|(text, style)| Span::styled(text, style));
        let line = (prop::collection::vec(span, 0..4), styles(), 0..8u8).prop_map(
            |(spans, style, align)| {
                let line = Line::from(spans).style(style);
                match align {
                    0 => line.right_aligned(),
                    1 => line.centered(),
                    2 => line.left_aligned(),
                    _ => line,
                }
            },
        );
        prop::collection::vec(line, 0..6)
    }

    /// A 30×8 screen after `draw`.
    fn drawn(draw: impl FnOnce(&mut ratatui::Frame)) -> Buffer {
        let backend = ratatui::backend::TestBackend::new(30, 8);
        let mut terminal = ratatui::Terminal::new(backend).expect("a test terminal");
        terminal.draw(draw).expect("drawn");
        terminal.backend().buffer().clone()
    }

    proptest! {
        /// `draw_text` draws what `Paragraph` draws, wrapped or not, whether the lines fit or not.
        #[test]
        fn text_is_drawn_as_a_paragraph_draws_it(
            lines in lines(), wrap: bool, width in 0u16..30, height in 0u16..8,
        ) {
            let area = Rect::new(0, 0, width, height);
            let ours = drawn(|frame| super::draw_text(frame, area, lines.clone(), wrap));
            let theirs = drawn(|frame| {
                let paragraph = ratatui::widgets::Paragraph::new(lines.clone());
                let paragraph = if wrap {
                    paragraph.wrap(ratatui::widgets::Wrap { trim: false })
                } else {
                    paragraph
                };
                frame.render_widget(paragraph, area);
            });
            prop_assert_eq!(ours, theirs);
        }

        /// A pane's frame is what ratatui's `Block` draws with the same border, titles and styles,
        /// at every size.
        #[test]
        fn a_pane_frame_is_drawn_as_a_block_draws_it(
            title in "[ -~\u{4e00}\u{1f600}]{0,12}", bottom in proptest::option::of("[ -~]{0,8}"),
            x in 0u16..4, y in 0u16..3, width in 0u16..30, height in 0u16..8, ascii: bool,
            focused: bool,
        ) {
            let theme = if ascii {
                crate::tui::theme::Theme { ascii: true, ..crate::tui::theme::Theme::dark() }
            } else {
                crate::tui::theme::Theme::dark()
            };
            let area = Rect::new(x, y, width, height);
            let ours = drawn(|frame| {
                let mut pane = super::pane_block(&theme, &title, Some(3), focused);
                if let Some(bottom) = &bottom {
                    pane = pane.bottom_right(bottom.clone(), theme.muted);
                }
                let inner = pane.inner(area);
                frame.render_widget(pane, area);
                frame.buffer_mut().set_string(inner.x, inner.y, "·", Style::default());
            });
            let theirs = drawn(|frame| {
                let (border, title_style) = if focused {
                    (theme.border_focused, theme.title)
                } else {
                    (theme.border, theme.muted)
                };
                let mut block = ratatui::widgets::Block::bordered()
                    .border_set(if ascii { super::ASCII_BORDER } else {
                        ratatui::symbols::border::ROUNDED
                    })
                    .border_style(border)
                    .title(Span::styled(format!(" {title} 3 "), title_style));
                if let Some(bottom) = &bottom {
                    block = block.title_bottom(
                        Line::styled(bottom.clone(), theme.muted).right_aligned(),
                    );
                }
                let inner = block.inner(area);
                frame.render_widget(block, area);
                frame.buffer_mut().set_string(inner.x, inner.y, "·", Style::default());
            });
            prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn the_title_gets_room_before_status_words() {
        // Wide: everything fits as asked.
        let mut columns = [(8, 4), (14, 8), (3, 2)];
        assert_eq!(title_first(80, 2, 40, 20, &mut columns), 50);
        assert_eq!(columns, [(8, 4), (14, 8), (3, 2)]);
        // Narrow: the last columns give way first, down to their least, then out.
        let mut columns = [(8, 4), (14, 8), (3, 2)];
        let title = title_first(40, 2, 40, 20, &mut columns);
        assert!(title >= 20, "{title} {columns:?}");
        let others: usize = columns.iter().filter(|c| c.0 > 0).map(|c| c.0 + 1).sum();
        assert_eq!(title + 2 + others, 40);
        // A short title asks for no more than it needs.
        let mut columns = [(8, 4), (14, 8)];
        assert_eq!(title_first(30, 2, 5, 20, &mut columns), 5);
        assert_eq!(columns, [(8, 4), (13, 8)]);
    }
}
