//! Full-screen views and modals over the dashboard: item detail, help, the typing modal, the
//! first-run welcome.

pub mod checkin;
pub mod detail;
pub mod first_run;
pub mod help;
pub mod input;
pub mod insights;
pub mod meet;
pub mod people;
pub mod reflect;
pub mod review;
pub mod text;

use ratatui::layout::Rect;

/// A rectangle of at most `width`×`height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}
