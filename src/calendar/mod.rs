//! The phone's calendar: a CalDAV collection nudge writes its deadlines and check-backs into
//! (`dav`, plain HTTP with ETags) so the phone's own app reminds the user.

pub mod dav;
