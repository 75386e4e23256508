//! Keys for what is on screen: looked up in the screen's contexts in order (a modal's own keys,
//! then numbered choices, then the editor's), offered to the modal or flow on top, which returns
//! an outcome; a character no context takes is typed, where something takes text.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Change, Notice, Screen, Then};
use crate::tui::action::Action;
use crate::tui::flows::checkin::{Outcome as CheckinOutcome, Step};
use crate::tui::input::{InputOutcome, Purpose};
use crate::tui::kept::KeptLine;
use crate::tui::keymap::Context;
use crate::tui::pick::{Choice, Pick, PickOutcome};

impl App {
    /// Where a key is looked up for what is on screen, first to last.
    fn key_contexts(&self) -> Vec<Context> {
        match &self.screen {
            Screen::Input { .. } => vec![Context::Input, Context::Editor],
            Screen::Pick { .. } => vec![Context::Pick],
            Screen::Checkin { flow, .. } => match flow.step {
                Step::Rate => vec![Context::Pick],
                Step::Note => vec![Context::Input, Context::Editor],
                Step::SlowDown { .. } => vec![Context::Input],
                Step::Action => vec![Context::Input, Context::Pick, Context::Editor],
            },
            Screen::Reflect { .. } => vec![Context::Reflect, Context::Pick, Context::Editor],
            _ => vec![self.context()],
        }
    }

    pub(super) fn on_key(&mut self, key: &KeyEvent) {
        self.dirty = true;
        if self.find_key(key) {
            return;
        }
        for context in self.key_contexts() {
            if let Some(action) = self.keymap.action(context, key)
                && self.offer(action)
            {
                return;
            }
        }
        // ctrl-c always gets out, whatever the keymap says.
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.quit = true;
            return;
        }
        if let KeyCode::Char(c) = key.code
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            self.type_char(c);
        }
    }

    /// Offer an action to what is on top; false when it does not take it here.
    fn offer(&mut self, action: Action) -> bool {
        // Leaving or moving on clears what was said; typing, choosing and saving keep it until
        // they say something new.
        if matches!(
            action,
            Action::Cancel
                | Action::Back
                | Action::Help
                | Action::Quit
                | Action::NextField
                | Action::PrevField
        ) {
            self.notice = None;
        }
        match &mut self.screen {
            Screen::Input { input, .. } => match input.on_action(action) {
                Some(InputOutcome::Submit) => self.submit_line(),
                Some(InputOutcome::Cancel) => {
                    // Kept, so up on the next empty line of the same kind brings it back.
                    if input.changed() {
                        self.discarded = Some((input.purpose, input.editor.text()));
                    }
                    self.close_modal();
                }
                Some(InputOutcome::Edited) => {}
                None => return false,
            },
            Screen::Pick { pick, .. } => match pick.on_action(action) {
                Some(PickOutcome::Chosen(choice)) => self.choose(choice),
                Some(PickOutcome::Cancel) => self.close_modal(),
                // An open choice takes every key.
                None => {}
            },
            Screen::Checkin { flow, .. } => match flow.on_action(action, &self.now) {
                Some(outcome) => self.checkin_outcome(outcome),
                None => return false,
            },
            Screen::Reflect { flow, .. } => match action {
                Action::Quit => self.quit = true,
                Action::Help => self.open_over(|under| Screen::Help { scroll: 0, under }),
                _ => match flow.on_action(action) {
                    Some(outcome) => self.reflect_outcome(outcome),
                    None => return false,
                },
            },
            _ => self.act(action),
        }
        true
    }

    /// A modal closed without saving; one opened for a review decision leaves it undecided.
    fn close_modal(&mut self) {
        self.back();
        self.review_modal_closed(false);
    }

    /// A character no context took: text, where the screen takes text.
    fn type_char(&mut self, c: char) {
        match &mut self.screen {
            Screen::Input { input, .. } => input.type_char(c),
            Screen::Checkin { flow, .. } => flow.type_char(c),
            Screen::Reflect { flow, .. } => {
                let outcome = flow.type_char(c);
                self.reflect_outcome(outcome);
            }
            _ => {}
        }
    }

    pub(super) fn paste(&mut self, text: &str) {
        self.dirty = true;
        match &mut self.screen {
            Screen::Input { input, .. } => input.paste(text),
            Screen::Checkin { flow, .. } => flow.paste(text),
            Screen::Reflect { flow, .. } => {
                let outcome = flow.paste(text);
                self.reflect_outcome(outcome);
            }
            _ => {}
        }
    }

    /// Submit on a typed line: save it, or (for a critique or a favor) go on to its choice.
    fn submit_line(&mut self) {
        let ctx = self.ctx();
        let Screen::Input { input, .. } = &mut self.screen else {
            return;
        };
        let text = input.editor.text();
        // Some lines are only half the story: a critique needs its answer, a favor its way.
        if matches!(input.purpose, Purpose::Critique | Purpose::Favor) {
            if let Err(e) = input.check(&self.store, &ctx) {
                input.show_error(e.to_string());
                return;
            }
            let pick = match input.purpose {
                Purpose::Critique => Pick::Response { line: text },
                _ => Pick::Direction { line: text },
            };
            self.back();
            self.open_over(|under| Screen::Pick { pick, under });
            return;
        }
        // Nothing typed is nothing to save; a "said no" line may be empty (the reason is then
        // "no time").
        if text.trim().is_empty() && !matches!(input.purpose, Purpose::SaidNo(_)) {
            return;
        }
        let change = Change::Line {
            purpose: input.purpose,
            text,
            base: input.base.clone(),
        };
        self.save(change, Then::Line);
    }

    /// A one-key choice was made: save what it finishes.
    fn choose(&mut self, choice: Choice) {
        let Screen::Pick { pick, .. } = &self.screen else {
            return;
        };
        let pick = pick.clone();
        self.back();
        let kept = match &pick {
            Pick::Response { line } => Some((Purpose::Critique, line.clone())),
            Pick::Direction { line } => Some((Purpose::Favor, line.clone())),
            _ => None,
        };
        let change = match (pick, choice) {
            (Pick::Channel { id, .. }, Choice::Channel(channel)) => {
                Change::FollowUp { id, channel }
            }
            (Pick::Response { line }, Choice::Response(response)) => {
                Change::Critique { line, response }
            }
            (Pick::Direction { line }, Choice::Direction(direction)) => {
                Change::Favor { line, direction }
            }
            (Pick::Deadline { ask, .. }, Choice::Deadline(deadline)) => {
                Change::LinkDeadline { ask, deadline }
            }
            _ => {
                self.notice = Some(Notice::Error("That choice does not fit here".into()));
                return;
            }
        };
        self.save(change, Then::Picked(kept));
    }

    pub(super) fn checkin_outcome(&mut self, outcome: CheckinOutcome) {
        match outcome {
            CheckinOutcome::Continue => {}
            CheckinOutcome::Cancelled => self.back(),
            CheckinOutcome::Save(checkin) => {
                let action = checkin.next_action.clone();
                self.save(Change::Checkin(checkin), Then::Checkin(action));
            }
        }
    }

    /// The line being typed right now, if any, to keep when the dashboard has to stop.
    pub fn open_line(&self) -> Option<KeptLine> {
        let mut screen = &self.screen;
        let (purpose, text) = loop {
            match screen {
                Screen::Input { input, .. } if input.changed() => {
                    break (input.purpose, input.editor.text());
                }
                Screen::Pick {
                    pick: Pick::Response { line },
                    ..
                } => break (Purpose::Critique, line.clone()),
                Screen::Pick {
                    pick: Pick::Direction { line },
                    ..
                } => break (Purpose::Favor, line.clone()),
                _ => screen = screen.modal_over()?,
            }
        };
        Some(KeptLine {
            db: self.store.path().to_path_buf(),
            purpose: purpose.key(),
            text,
        })
    }

    /// A line kept when the dashboard last stopped opens again, ready to save.
    pub(super) fn reopen(&mut self, line: KeptLine) {
        let Some(purpose) = Purpose::from_key(&line.purpose) else {
            return;
        };
        self.start_input(purpose, &line.text);
        if let Screen::Input { input, .. } = &mut self.screen {
            input.initial = String::new();
        }
        let save = self.key_name(Context::Input, Action::Submit);
        let cancel = self.key_name(Context::Input, Action::Cancel);
        self.notice = Some(Notice::Info(format!(
            "Kept from when the dashboard last stopped: {save} saves it, {cancel} lets it go"
        )));
    }

    /// Lines kept when the dashboard last stopped: the newest opens again; the others are
    /// returned, to wait for the next start.
    pub fn reopen_kept(&mut self, mut lines: Vec<KeptLine>) -> Vec<KeptLine> {
        while let Some(line) = lines.pop() {
            if Purpose::from_key(&line.purpose).is_some() {
                self.handle(super::Msg::Reopen(line));
                break;
            }
        }
        lines
    }
}
