//! The two daily rituals on screen: the review (one decision per card, resumable the same day)
//! and the reflection (saved as it is typed).

use chrono::NaiveDate;

use super::{App, Change, Notice, Said, Screen, Then};
use crate::domain::review::Decision;
use crate::ops::{self, OpError, ReviewState};
use crate::tui::action::Action;
use crate::tui::board::ListState;
use crate::tui::flows::reflect::{ReflectFlow, ReflectOutcome, ReflectionList};
use crate::tui::flows::review::{Making, ReviewFlow, Step};
use crate::tui::keymap::Context;

impl App {
    /// Open today's review where it was left (or fresh).
    pub fn open_review(&mut self) {
        let ctx = self.ctx();
        match ReviewState::today(&self.store.reader(), &ctx) {
            Ok(state) => {
                self.screen = Screen::Review {
                    flow: Box::new(ReviewFlow::new(state)),
                };
                self.load_review_card();
            }
            Err(e) => self.fail(e),
        }
    }

    /// Show the card at the review's position, passing over items handled meanwhile; at the end,
    /// record the review as done for the day.
    pub(super) fn load_review_card(&mut self) {
        let ctx = self.ctx();
        let Screen::Review { flow } = &mut self.screen else {
            return;
        };
        flow.scroll = 0;
        loop {
            let Some(entry) = flow.state.current() else {
                flow.card = None;
                flow.step = Step::Summary;
                if !flow.state.finished {
                    flow.state.finished = true;
                    let state = Box::new(flow.state.clone());
                    self.save(Change::Review(state), Then::ReviewSaved { finished: true });
                }
                return;
            };
            match ops::review_card(&self.store.reader(), &ctx, entry) {
                Ok(card) if card.open => {
                    flow.card = Some(card);
                    flow.step = Step::Card;
                    return;
                }
                // Handled (or gone) since the review began: nothing to decide.
                Ok(_) | Err(OpError::Input(_)) => flow.state.position += 1,
                Err(e) => return self.fail(e),
            }
        }
    }

    /// Keys in the review: each decision key is made at once, or through a modal over the
    /// review (which comes back through `review_modal_closed`).
    pub(super) fn review_action(&mut self, action: Action) {
        let Screen::Review { flow } = &mut self.screen else {
            return;
        };
        let making = flow.making(action, &self.now);
        let at_end = flow.at_end();
        match action {
            Action::Back => {
                self.screen = Screen::Dashboard;
                self.reload();
                return;
            }
            Action::Quit => return self.quit = true,
            Action::Help => return self.open_over(|under| Screen::Help { scroll: 0, under }),
            Action::Down => return self.move_by(1),
            Action::Up => return self.move_by(-1),
            Action::Undo => return self.review_undo(),
            Action::CopyDraft if !at_end => return self.copy_draft(),
            _ if at_end => return,
            _ => {}
        }
        match making {
            Some(Making::AsIs(decision)) => self.review_decided(decision),
            Some(Making::Now(decision)) => {
                let change = match decision {
                    Decision::Done => Action::Done,
                    Decision::Dropped => Action::Drop,
                    Decision::Sent => Action::MarkSent,
                    Decision::Missed => Action::MarkMissed,
                    _ => Action::Declined,
                };
                match self.target() {
                    Some(item) => {
                        self.save(Change::Item(change, item.id), Then::Decided(decision));
                    }
                    None => self.notice = Some(Notice::Info("Select an item first".into())),
                }
            }
            Some(Making::Asking(decision)) => {
                if let Screen::Review { flow } = &mut self.screen {
                    flow.step = Step::Deciding(decision);
                }
                match decision {
                    Decision::FollowedUp => self.follow_up(),
                    Decision::Snoozed => self.snooze(),
                    Decision::Edited => self.edit(),
                    _ => self.declined(),
                }
            }
            None => {
                let skip = self
                    .keymap
                    .key_for(Context::Review, Action::Skip)
                    .map(|k| k.to_string())
                    .unwrap_or_else(|| "skip".into());
                self.notice = Some(Notice::Info(format!(
                    "That does not fit this card; {skip} moves on"
                )));
            }
        }
    }

    /// A modal over the review closed, saved or not: the decision it was for is made, or the
    /// card waits again.
    pub(super) fn review_modal_closed(&mut self, saved: bool) {
        let Screen::Review { flow } = &mut self.screen else {
            return;
        };
        if let Some(decision) = flow.modal_closed(saved) {
            self.review_decided(decision);
        }
    }

    /// Record a decision and move on (once the review's place is saved).
    pub(super) fn review_decided(&mut self, decision: Decision) {
        let Screen::Review { flow } = &mut self.screen else {
            return;
        };
        flow.state.decisions.push((flow.state.position, decision));
        flow.state.position += 1;
        let state = Box::new(flow.state.clone());
        self.save(Change::Review(state), Then::ReviewSaved { finished: false });
    }

    /// Undo in the review: take back the last decision, and its change if it made one.
    fn review_undo(&mut self) {
        let Screen::Review { flow } = &mut self.screen else {
            return;
        };
        let Some((position, decision)) = flow.state.decisions.pop() else {
            self.notice = Some(Notice::Info("No decision to take back yet".into()));
            return;
        };
        flow.state.position = position;
        flow.state.finished = false;
        if decision.wrote() {
            self.save(Change::Undo, Then::ReviewUndone);
        } else {
            self.notice = Some(Notice::Info("Back to the card you skipped".into()));
            self.save_review_place();
        }
    }

    /// The last decision's change was undone (or could not be): the review goes back to it.
    pub(super) fn review_undone(&mut self, outcome: Result<Said, OpError>) {
        match outcome {
            Ok(said) => self.notice = Some(Notice::Info(said.line())),
            Err(e) => self.fail(e),
        }
        self.save_review_place();
    }

    fn save_review_place(&mut self) {
        if let Screen::Review { flow } = &self.screen {
            let state = Box::new(flow.state.clone());
            self.save(Change::Review(state), Then::ReviewBack);
        }
    }

    /// `R`: the reflections, today's first.
    pub(super) fn open_reflections(&mut self) {
        let ctx = self.ctx();
        let today = ops::day_key(ctx.now.date_naive());
        match self.store.reader().reflections(400) {
            Ok(saved) => {
                let mut days = vec![(
                    today.clone(),
                    saved
                        .iter()
                        .find(|r| r.day == today)
                        .map(|r| format!("today · {}", first_line(&r.went_well)))
                        .unwrap_or_else(|| "today · not written yet".into()),
                )];
                days.extend(
                    saved
                        .iter()
                        .filter(|r| r.day != today)
                        .map(|r| (r.day.clone(), first_line(&r.went_well))),
                );
                let list = ReflectionList {
                    days,
                    list: ListState::default(),
                };
                self.screen = Screen::Reflections {
                    list: Box::new(list),
                };
            }
            Err(e) => self.fail(OpError::Store(e)),
        }
    }

    /// Open a day's reflection: today's to write, others to read.
    pub fn open_reflection(&mut self, date: NaiveDate) {
        let ctx = self.ctx();
        let read_only = date != ctx.now.date_naive();
        match ops::reflection_for(&self.store.reader(), &ctx, date) {
            Ok(reflection) => {
                let flow = ReflectFlow::new(reflection, read_only);
                self.open_over(|under| Screen::Reflect {
                    flow: Box::new(flow),
                    under,
                });
            }
            Err(e) => self.fail(e),
        }
    }

    pub(super) fn open_selected_reflection(&mut self) {
        let Screen::Reflections { list } = &self.screen else {
            return;
        };
        let Some((day, _)) = list.days.get(list.list.selected) else {
            return;
        };
        match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
            Ok(date) => self.open_reflection(date),
            Err(_) => self.notice = Some(Notice::Error(format!("{day} is not a day"))),
        }
    }

    /// What an action or a typed key did in the reflection.
    pub(super) fn reflect_outcome(&mut self, outcome: ReflectOutcome) {
        match outcome {
            ReflectOutcome::Changed => self.reflect_changed(),
            ReflectOutcome::Leave => self.leave_reflection(),
            ReflectOutcome::FirstCall => self.capture_first_call(),
            ReflectOutcome::Moved => {}
        }
    }

    /// Save the draft, and read the first call as an ask when it names someone.
    fn reflect_changed(&mut self) {
        let ctx = self.ctx();
        let submit = self.key_name(Context::Editor, Action::Newline);
        let Screen::Reflect { flow, .. } = &mut self.screen else {
            return;
        };
        let line = flow.first_call.text();
        flow.first_call_note = if line.contains('@') {
            let line = ops::first_call_line(&line, &ctx);
            Some(
                match ops::preview(&self.store.reader(), &ctx, crate::domain::Kind::Ask, &line) {
                    Ok(reading) => (true, format!("{submit} makes it an ask: {}", reading.line)),
                    Err(e) => (
                        false,
                        e.to_string().lines().next().unwrap_or_default().to_string(),
                    ),
                },
            )
        } else {
            None
        };
        // While typing, a locked database is waited on briefly: the next keystroke tries again.
        self.save_reflection_draft(std::time::Duration::from_millis(200), false);
    }

    /// Write the reflection as typed, waiting for a lock at most `wait`; on failure it stays on
    /// screen, marked unsaved.
    fn save_reflection_draft(&mut self, wait: std::time::Duration, leaving: bool) {
        let Screen::Reflect { flow, .. } = &mut self.screen else {
            return;
        };
        let current = flow.current();
        flow.reflection = current.clone();
        self.save(
            Change::Reflection {
                reflection: Box::new(current),
                wait,
            },
            Then::Reflection { leaving },
        );
    }

    /// The reflection as typed was saved, or not.
    pub(super) fn reflection_saved(&mut self, leaving: bool, outcome: Result<Said, OpError>) {
        let Screen::Reflect { flow, .. } = &mut self.screen else {
            return;
        };
        match outcome {
            Ok(_) => {
                flow.unsaved = false;
                flow.warned = false;
                if leaving {
                    self.close_reflection();
                }
            }
            Err(e) => {
                flow.unsaved = true;
                let warned = flow.warned;
                flow.warned = leaving || warned;
                self.fail(e);
                if leaving && warned {
                    // The second esc: leave without it, as it said.
                    self.close_reflection();
                } else if leaving && let Some(Notice::Error(message)) = &mut self.notice {
                    let again = self.keymap.key_for(Context::Reflect, Action::Back);
                    let again = again.map_or_else(|| "back".to_string(), |k| k.to_string());
                    *message =
                        format!("Not saved yet ({again} again leaves without it): {message}");
                }
            }
        }
    }

    /// Back on the reflection: one more try at saving what is unsaved (waiting the full time for
    /// a lock); if the database still cannot take it, say so and leave on a second try.
    pub(super) fn leave_reflection(&mut self) {
        let Screen::Reflect { flow, .. } = &self.screen else {
            return;
        };
        if flow.unsaved && !flow.read_only {
            self.save_reflection_draft(crate::store::BUSY_TIMEOUT, true);
        } else {
            self.close_reflection();
        }
    }

    fn close_reflection(&mut self) {
        self.back();
        // The list under it shows today's reflection as it is now.
        if matches!(self.screen, Screen::Reflections { .. }) {
            self.open_reflections();
        }
    }

    /// The first call, on its submit key: when it reads as an ask, capture it (it stays in the
    /// reflection); else on to the next question.
    fn capture_first_call(&mut self) {
        let Screen::Reflect { flow, .. } = &mut self.screen else {
            return;
        };
        let line = flow.first_call.text();
        if !line.contains('@') {
            flow.field = flow.field.next();
            return;
        }
        self.save(Change::FirstCall(line), Then::FirstCall);
    }

    pub(super) fn first_call_captured(&mut self, outcome: Result<Said, OpError>) {
        let Screen::Reflect { flow, .. } = &mut self.screen else {
            return;
        };
        match outcome {
            Ok(said) => {
                // The capture's line alone: the reflection has no room for its advice.
                let line = match said {
                    Said::Captured(captured) => captured.line,
                    other => other.line(),
                };
                flow.first_call_note = Some((true, format!("captured: {line}")));
                flow.field = flow.field.next();
                self.notice = Some(Notice::Info(line));
                self.reload();
            }
            Err(e) => {
                flow.first_call_note = Some((
                    false,
                    e.to_string().lines().next().unwrap_or_default().to_string(),
                ))
            }
        }
    }

    /// Open the review or the reflection straight away (`nudge review`, `nudge reflect`).
    pub(super) fn start_with(&mut self, action: Action) {
        match action {
            Action::Review => self.open_review(),
            Action::Reflect => {
                let today = self.now.date_naive();
                self.open_reflection(today);
            }
            other => self.act(other),
        }
    }
}

fn first_line(text: &str) -> String {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string()
}
