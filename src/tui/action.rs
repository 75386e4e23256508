//! Everything a key can do. The names are the configuration's vocabulary (`[keys]`) and what the
//! help screen shows; each has a one-line description.

use std::fmt;

macro_rules! actions {
    ($($variant:ident => $name:literal, $description:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The name used in the keymap file and the config.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }

            pub fn description(self) -> &'static str {
                match self {
                    $(Action::$variant => $description,)*
                }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name {
                    $($name => Some(Action::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

actions! {
    Quit => "quit", "leave nudge";
    Help => "help", "show every key";
    Back => "back", "close this view";
    NextPane => "next_pane", "focus the next pane";
    PrevPane => "prev_pane", "focus the previous pane";
    FocusAsks => "focus_asks", "focus pending asks";
    FocusDeadlines => "focus_deadlines", "focus deadlines";
    FocusProofing => "focus_proofing", "focus proofing invitations";
    FocusStress => "focus_stress", "focus the stress check-in";
    Down => "down", "move down";
    Up => "up", "move up";
    Top => "top", "go to the first row";
    Bottom => "bottom", "go to the last row";
    PageDown => "page_down", "one page down";
    PageUp => "page_up", "one page up";
    Open => "open", "open the selected item";
    People => "people", "everyone you work with";
    Insights => "insights", "what works with whom: channels, people, stress";
    CaptureAsk => "capture_ask", "capture an ask";
    CaptureDeadline => "capture_deadline", "capture a deadline";
    Critique => "critique", "log criticism and invite the critic to proof";
    Favor => "favor", "log a favor, given or received";
    Done => "done", "received / done / proofed";
    Drop => "drop", "drop the item";
    Snooze => "snooze", "snooze to a date";
    Edit => "edit", "change it with the capture grammar";
    Undo => "undo", "undo the last change";
    FollowUp => "follow_up", "log a follow-up (pick the channel)";
    CopyDraft => "copy_draft", "copy the drafted message";
    Declined => "declined", "they said no: asks why, then drafts a re-ask";
    MarkSent => "mark_sent", "proofing invitation sent";
    MarkAccepted => "mark_accepted", "proofing invitation accepted";
    MarkMissed => "mark_missed", "a deadline that passed: missed";
    LinkDeadline => "link_deadline", "link the ask to the deadline it feeds";
    Checkin => "checkin", "stress check-in: rate it, slow down, pick one next step";
    Sprint => "sprint", "start a focus sprint on the deadline";
    StopSprint => "stop_sprint", "stop the running sprint";
    Review => "review", "the daily review: one decision per item";
    Reflect => "reflect", "the end-of-day reflection";
    Skip => "skip", "leave it for now (review)";
    NextField => "next_field", "next question";
    PrevField => "prev_field", "previous question";
    Submit => "submit", "save what was typed";
    Cancel => "cancel", "close without saving";
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
