//! The Insights view: how each channel gets answered over 90 days (as bars, with the verdict on
//! whether calling really is better), everyone's figures, and stress over 14 days beside the
//! deadlines met and missed.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::people::{self, PeopleView};
use crate::domain::insight::ChannelStat;
use crate::domain::{Channel, stress, words};
use crate::ops::{self, Context, Insights, OpError};
use crate::store::Reader;
use crate::tui::look::Look;
use crate::tui::theme::Theme;
use crate::tui::widgets::pane_block;

#[derive(Debug, Clone)]
pub struct InsightsView {
    pub insights: Insights,
    /// The per-person table, scrollable; Enter opens the selected person's card.
    pub people: PeopleView,
}

impl InsightsView {
    pub fn load(reader: &Reader<'_>, ctx: &Context) -> Result<InsightsView, OpError> {
        let insights = ops::insights(reader, ctx)?;
        let people = PeopleView::of(insights.people.clone());
        Ok(InsightsView { insights, people })
    }

    pub fn reload(&mut self, reader: &Reader<'_>, ctx: &Context) -> Result<(), OpError> {
        let list = self.people.list;
        *self = InsightsView::load(reader, ctx)?;
        self.people.list.offset = list.offset;
        self.people.list.selected = list
            .selected
            .min(self.people.people.len().saturating_sub(1));
        Ok(())
    }
}

/// Rows of the channels block: a line per channel, a blank, the verdict; plus borders.
fn channel_rows(verdict: &str, width: u16) -> u16 {
    let inner = usize::from(width.saturating_sub(4)).max(1);
    let verdict_lines = u16::try_from(crate::text::width(verdict).div_ceil(inner)).unwrap_or(3);
    Channel::ALL.len() as u16 + 3 + verdict_lines.clamp(1, 3)
}

const STRESS_ROWS: u16 = 3;

pub fn draw(frame: &mut Frame, look: &Look<'_>, view: &InsightsView, area: Rect) {
    if area.width < 10 || area.height < 3 {
        return;
    }
    let channels_height = channel_rows(&view.insights.verdict, area.width).min(area.height);
    let channels = Rect::new(area.x, area.y, area.width, channels_height);
    draw_channels(frame, look, &view.insights, channels);
    let rest = area.height - channels_height;
    if rest < STRESS_ROWS {
        return;
    }
    // The people table as tall as it needs (or as there is room for), stress right below it.
    let wanted = u16::try_from(view.people.people.len().max(1) + 3).unwrap_or(u16::MAX);
    let people_height = wanted.min(rest - STRESS_ROWS);
    if people_height >= 3 {
        let table = Rect::new(area.x, channels.bottom(), area.width, people_height);
        people::draw(frame, look, &view.people, table);
    }
    let stress_top = channels.bottom() + if people_height >= 3 { people_height } else { 0 };
    let stress = Rect::new(area.x, stress_top, area.width, STRESS_ROWS);
    draw_stress(frame, look, &view.insights, stress);
}

fn draw_channels(frame: &mut Frame, look: &Look<'_>, insights: &Insights, area: Rect) {
    let theme = &look.theme;
    let title = format!(
        "Reply rate by channel · asks of the last {} days",
        ops::CHANNEL_DAYS
    );
    let block = pane_block(theme, &title, None, true);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    if insights.channels.iter().all(|c| c.asked == 0) {
        frame.render_widget(
            Paragraph::new(format!(
                "No asks in the last {} days yet: each ask you capture counts here once it is answered or not.",
                ops::CHANNEL_DAYS
            ))
            .style(theme.muted)
            .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let width = usize::from(inner.width);
    for (row, channel) in (inner.y..inner.bottom()).zip(Channel::ALL) {
        let stat = insights
            .channels
            .iter()
            .find(|s| s.channel == channel)
            .cloned()
            .unwrap_or(ChannelStat {
                channel,
                asked: 0,
                answered: 0,
                median: None,
            });
        let area = Rect::new(inner.x, row, inner.width, 1);
        frame.render_widget(Paragraph::new(channel_line(theme, &stat, width)), area);
    }
    let verdict_top = inner.y + Channel::ALL.len() as u16 + 1;
    if verdict_top < inner.bottom() {
        let area = Rect::new(
            inner.x,
            verdict_top,
            inner.width,
            inner.bottom() - verdict_top,
        );
        frame.render_widget(
            Paragraph::new(insights.verdict.clone())
                .style(theme.title)
                .wrap(Wrap { trim: true }),
            area,
        );
    }
}

/// `call      ████████████░░░░░░  80%   8/10  answers in 4h`; on narrow screens the bar
/// shrinks first, then the time to answer goes.
fn channel_line(theme: &Theme, stat: &ChannelStat, width: usize) -> Line<'static> {
    const LABEL: usize = 10;
    let counts = format!(
        "{:>4} {:>9}",
        stat.percent(),
        format!("{}/{}", stat.answered, stat.asked)
    );
    let speed = stat
        .median
        .map(|m| format!("  answers in {}", words::span(m)))
        .unwrap_or_else(|| "  no answers yet".into());
    // Every line has the same bar width: the room left by the widest figures.
    const COUNTS: usize = 16;
    const SPEED: usize = 20;
    let with_speed = width >= LABEL + 8 + COUNTS + SPEED;
    let figures = match stat.asked {
        0 => "  no asks".to_string(),
        _ if with_speed => format!("  {counts}{speed}"),
        _ => format!("  {counts}"),
    };
    let room = width.saturating_sub(LABEL + COUNTS + if with_speed { SPEED } else { 0 });
    let bar_width = room.clamp(4, 40);
    let filled = ((stat.rate() * bar_width as f64).round() as usize).min(bar_width);
    let (full, empty) = if theme.ascii {
        ("#", ".")
    } else {
        ("█", "░")
    };
    Line::from(vec![
        Span::styled(format!("{:<LABEL$}", stat.channel.label()), theme.text),
        Span::styled(full.repeat(filled), theme.accent),
        Span::styled(empty.repeat(bar_width - filled), theme.muted),
        Span::styled(figures, theme.text),
    ])
}

fn draw_stress(frame: &mut Frame, look: &Look<'_>, insights: &Insights, area: Rect) {
    let theme = &look.theme;
    let title = format!("Stress · last {} days", ops::STRESS_DAYS);
    let block = pane_block(theme, &title, None, true);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let rated: Vec<f64> = insights.stress_days.iter().flatten().copied().collect();
    let average = if rated.is_empty() {
        "no check-ins".to_string()
    } else {
        format!(
            "avg {:.1}/5",
            rated.iter().sum::<f64>() / rated.len() as f64
        )
    };
    let (met, missed) = insights.deadlines;
    let line = Line::from(vec![
        Span::styled(
            stress::sparkline(&insights.stress_days, theme.ascii),
            theme.accent,
        ),
        Span::styled(format!("  {average} · deadlines "), theme.text),
        Span::styled(format!("met {met}"), theme.ok),
        Span::styled(", ", theme.text),
        Span::styled(
            format!("missed {missed}"),
            if missed > 0 {
                theme.danger
            } else {
                Style::default()
            },
        ),
    ]);
    frame.render_widget(Paragraph::new(line), inner);
}
