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
    Find => "find", "find in this list as you type";
    People => "people", "everyone you work with";
    Meet => "meet", "person mode, to walk over (in it: log the visit)";
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
    Redo => "redo", "redo what undo just took back";
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
    Restore => "restore", "bring back the line esc threw away (swaps it with what is typed)";
    CursorLeft => "cursor_left", "move the cursor left";
    CursorRight => "cursor_right", "move the cursor right";
    WordLeft => "word_left", "back one word";
    WordRight => "word_right", "on one word";
    LineStart => "line_start", "to the start of the line";
    LineEnd => "line_end", "to the end of the line";
    DeleteBack => "delete_back", "delete the character before the cursor";
    DeleteForward => "delete_forward", "delete the character under the cursor";
    DeleteWord => "delete_word", "delete the word before the cursor";
    DeleteToStart => "delete_to_start", "delete to the start of the line";
    DeleteToEnd => "delete_to_end", "delete to the end of the line";
    Newline => "newline", "a new line (on the first call: make it an ask)";
    ByEmail => "by_email", "it went by email";
    ByChat => "by_chat", "it went by chat";
    ByCall => "by_call", "it was a call";
    InPerson => "in_person", "I walked over";
    AnswerInvite => "answer_invite", "I invited them to proof the next piece";
    AnswerStyleGuide => "answer_style_guide", "I explained the style guide";
    AnswerFixed => "answer_fixed", "I fixed it";
    AnswerLetGo => "answer_let_go", "I let it go";
    Gave => "gave", "I did them the favor";
    Got => "got", "they did me the favor";
    Choose1 => "choose_1", "the first choice (a rating, a deadline, an ask)";
    Choose2 => "choose_2", "the second choice";
    Choose3 => "choose_3", "the third choice";
    Choose4 => "choose_4", "the fourth choice";
    Choose5 => "choose_5", "the fifth choice";
    Choose6 => "choose_6", "the sixth choice";
    Choose7 => "choose_7", "the seventh choice";
    Choose8 => "choose_8", "the eighth choice";
    Choose9 => "choose_9", "the ninth choice";
}

impl Action {
    /// The numbered choices, first to ninth.
    pub const CHOICES: [Action; 9] = [
        Action::Choose1,
        Action::Choose2,
        Action::Choose3,
        Action::Choose4,
        Action::Choose5,
        Action::Choose6,
        Action::Choose7,
        Action::Choose8,
        Action::Choose9,
    ];

    /// Which numbered choice this is (1 to 9).
    pub fn choice(self) -> Option<usize> {
        Action::CHOICES
            .iter()
            .position(|a| *a == self)
            .map(|i| i + 1)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
