//! The People view: everyone, with open asks, how they answer, the favors between you, their
//! expertise and critiques; Enter opens a person's card.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::domain::PersonStats;
use crate::ops::{LineKind, OpError, PersonCard};
use crate::store::Reader;
use crate::tui::board::ListState;
use crate::tui::look::Look;
use crate::tui::widgets::{
    GridRow, clamp_scroll, column_width, marker, pane_block, render_grid, wrap_styled,
};

#[derive(Debug, Clone)]
pub struct PeopleView {
    /// Those shown: everyone, or whom the find finds.
    pub people: Vec<PersonStats>,
    everyone: Vec<PersonStats>,
    pub list: ListState,
    /// What is typed after `/`: by name, team, expertise or address.
    pub find: Option<crate::tui::find::Finding>,
}

impl PeopleView {
    pub fn load(reader: &Reader<'_>) -> Result<PeopleView, OpError> {
        Ok(PeopleView::of(reader.people_overview(None)?))
    }

    /// A view of these people, from the top, without a find.
    pub fn of(everyone: Vec<PersonStats>) -> PeopleView {
        PeopleView {
            people: everyone.clone(),
            everyone,
            list: ListState::default(),
            find: None,
        }
    }

    pub fn reload(&mut self, reader: &Reader<'_>) -> Result<(), OpError> {
        self.everyone = reader.people_overview(None)?;
        self.refilter();
        Ok(())
    }

    /// Show whom the find finds (everyone without one), keeping the selection in the list.
    pub fn refilter(&mut self) {
        let typed = self.find.as_ref().map(|f| f.typed.as_str()).unwrap_or("");
        self.people = self
            .everyone
            .iter()
            .filter(|p| crate::domain::person::found_by(&p.person, typed))
            .cloned()
            .collect();
        self.list.selected = self.list.selected.min(self.people.len().saturating_sub(1));
        self.list.offset = self.list.offset.min(self.list.selected);
    }

    /// How many people there are, found or not.
    pub fn everyone_count(&self) -> usize {
        self.everyone.len()
    }

    /// The find's words, to mark them.
    pub fn found_words(&self) -> Vec<String> {
        self.find
            .as_ref()
            .and_then(|f| f.find())
            .map(|f| f.words().to_vec())
            .unwrap_or_default()
    }

    pub fn selected(&self) -> Option<&PersonStats> {
        self.people.get(self.list.selected)
    }

    pub fn move_by(&mut self, delta: isize, rows: usize) {
        if self.people.is_empty() {
            return;
        }
        self.list.selected = self
            .list
            .selected
            .saturating_add_signed(delta)
            .min(self.people.len() - 1);
        let rows = rows.max(1);
        if self.list.selected < self.list.offset {
            self.list.offset = self.list.selected;
        } else if self.list.selected >= self.list.offset + rows {
            self.list.offset = self.list.selected + 1 - rows;
        }
    }
}

pub fn draw(frame: &mut Frame, look: &Look<'_>, view: &PeopleView, area: Rect) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let theme = &look.theme;
    let title = match &view.find {
        Some(find) => format!("People · /{}", find.typed),
        None => "People".to_string(),
    };
    let block = pane_block(theme, &title, Some(view.people.len()), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if view.people.is_empty() {
        let said = if view.find.is_some() {
            " Nobody matches: backspace takes a letter back, esc shows everyone."
        } else {
            " Nobody yet: people are added the first time you write @name."
        };
        frame.render_widget(Paragraph::new(said).style(theme.muted), inner);
        return;
    }
    let found = view.found_words();
    let mark = theme.key.add_modifier(ratatui::style::Modifier::UNDERLINED);
    let threshold = look.config.favor_threshold;
    let headers = crate::domain::person::people_columns(&view.people);
    // Only the rows on screen are put into words, and the columns fit them (as the dashboard's
    // panes do): a frame costs the same with ten people or a hundred thousand.
    let rows_room = usize::from(inner.height).saturating_sub(1);
    let shown = view.people.iter().skip(view.list.offset).take(rows_room);
    let cells: Vec<Vec<String>> = shown
        .map(|p| p.cells(threshold, &look.now, &headers))
        .collect();
    let last = headers.len() - 1;
    let width = usize::from(inner.width);
    let mut widths: Vec<usize> = (0..headers.len())
        .map(|c| {
            column_width(
                cells.iter().map(|r| r[c].as_str()).chain([headers[c]]),
                3,
                18,
            )
        })
        .collect();
    // The last column takes what is left; narrow screens drop columns from the right until the
    // last one shown has room for at least a few characters of its own.
    let before_last = |widths: &[usize]| {
        2 + widths[..widths.len() - 1]
            .iter()
            .map(|w| w + 1)
            .sum::<usize>()
    };
    // A long team name gives way first (cut with an ellipsis), down to a few characters.
    let overflow = (before_last(&widths) + widths[last].min(8)).saturating_sub(width);
    widths[1] = widths[1].saturating_sub(overflow).max(widths[1].min(6));
    while widths.len() > 2 && before_last(&widths) + widths[widths.len() - 1].min(8) > width {
        widths.pop();
    }
    let room = width.saturating_sub(before_last(&widths));
    if let Some(last) = widths.last_mut() {
        *last = room.max(3);
    }
    let header = widths.iter().enumerate().fold(
        GridRow::new(Style::default()).cell("", 2, theme.muted),
        |row, (c, w)| row.cell(&headers[c].to_uppercase(), *w, theme.muted).gap(),
    );
    let mut rows = vec![header];
    for (i, person) in (view.list.offset..).zip(&cells) {
        let selected = i == view.list.selected;
        let stats = &view.people[i];
        let one_sided = stats.balance.one_sided(threshold).is_some();
        let out_of_touch = stats.touch().is_some_and(|t| t.overdue(&look.now));
        let mut row = GridRow::listed(theme, selected);
        for (c, w) in widths.iter().enumerate() {
            // A one-sided ledger and a rhythm that has passed are warnings.
            let style = match headers[c] {
                "name" => theme.accent,
                "favors" if one_sided => theme.warning,
                "in touch" if out_of_touch => theme.warning,
                _ => theme.text,
            };
            row = row.cell_marked(&person[c], *w, style, &found, mark).gap();
        }
        rows.push(row);
    }
    render_grid(frame.buffer_mut(), inner, &rows);
}

/// A person's card's lines (without the name, which is the title), wrapped to `width`, with the
/// selected ask marked; and the first wrapped line of the selected ask.
pub fn card_content(
    look: &Look<'_>,
    card: &PersonCard,
    selected: Option<i64>,
    width: usize,
) -> (Vec<Line<'static>>, Option<usize>) {
    let theme = &look.theme;
    let mut lines = Vec::new();
    let mut selected_at = None;
    for (kind, line, ask) in card.lines_with_asks(&look.now, None).into_iter().skip(1) {
        let style = match kind {
            LineKind::Title | LineKind::Heading | LineKind::DraftHeading => theme.title,
            LineKind::Text => theme.text,
            LineKind::Muted => theme.muted,
            LineKind::Warning => theme.warning,
        };
        let chosen = ask.is_some() && ask == selected;
        let (line, style) = match (ask, chosen) {
            // Ask lines start with two spaces, where the selection marker goes.
            (Some(_), true) => {
                selected_at = Some(lines.len());
                let rest = line.strip_prefix("  ").unwrap_or(&line);
                (format!("{}{rest}", marker(theme, true)), theme.selected)
            }
            _ => (line, style),
        };
        lines.extend(wrap_styled(vec![(line, style)], width));
    }
    (lines, selected_at)
}

/// A person's card, scrollable, its asks selectable.
pub fn draw_card(
    frame: &mut Frame,
    look: &Look<'_>,
    card: &PersonCard,
    scroll: usize,
    selected: Option<i64>,
    area: Rect,
) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let block = pane_block(look.theme, &card.stats.person.name, None, true);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let (lines, _) = card_content(look, card, selected, usize::from(inner.width));
    let scroll = clamp_scroll(scroll, lines.len(), usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
