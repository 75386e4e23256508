//! The user's desktop session: notifications through the freedesktop notification service on
//! the session D-Bus (`bus`), and the systemd user timer that runs `nudge notify` (`schedule`).

pub mod bus;
pub mod schedule;
