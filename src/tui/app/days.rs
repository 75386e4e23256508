//! The two daily rituals on screen: the review (one decision per card, resumable the same day)
//! and the reflection (saved as it is typed).

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Notice, Screen};
use crate::domain::Stress;
use crate::domain::review::Decision;
use crate::ops::{self, OpError, ReviewState};
use crate::tui::action::Action;
use crate::tui::app::ListState;
use crate::tui::flows::reflect::{Field, ReflectFlow, ReflectionList};
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
    fn load_review_card(&mut self) {
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
                    if let Err(e) = flow.state.save(&mut self.store, &ctx) {
                        return self.fail(e);
                    }
                    self.reload();
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
                let result = self.change_for(change);
                let ok = result.is_ok();
                self.after_change(result);
                if ok {
                    self.review_decided(decision);
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

    /// Record a decision and move on.
    fn review_decided(&mut self, decision: Decision) {
        let ctx = self.ctx();
        let Screen::Review { flow } = &mut self.screen else {
            return;
        };
        flow.state.decisions.push((flow.state.position, decision));
        flow.state.position += 1;
        if let Err(e) = flow.state.save(&mut self.store, &ctx) {
            return self.fail(e);
        }
        self.load_review_card();
    }

    /// `u` in the review: take back the last decision, and its change if it made one.
    fn review_undo(&mut self) {
        let ctx = self.ctx();
        let Screen::Review { flow } = &mut self.screen else {
            return;
        };
        let Some((position, decision)) = flow.state.decisions.pop() else {
            self.notice = Some(Notice::Info("No decision to take back yet".into()));
            return;
        };
        flow.state.position = position;
        flow.state.finished = false;
        let undone = if decision.wrote() {
            Some(ops::undo(&mut self.store, &ctx))
        } else {
            None
        };
        if let Screen::Review { flow } = &mut self.screen
            && let Err(e) = flow.state.save(&mut self.store, &ctx)
        {
            return self.fail(e);
        }
        match undone {
            Some(Ok(line)) => self.notice = Some(Notice::Info(line)),
            Some(Err(e)) => self.fail(e),
            None => self.notice = Some(Notice::Info("Back to the card you skipped".into())),
        }
        self.reload();
        self.load_review_card();
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

    /// Tab and shift-tab in the reflection.
    pub(super) fn reflect_field(&mut self, forward: bool) {
        if let Screen::Reflect { flow, .. } = &mut self.screen {
            flow.field = if forward {
                flow.field.next()
            } else {
                flow.field.prev()
            };
        }
    }

    /// A key typed in the reflection: into the current field, saved at once.
    pub(super) fn reflect_key(&mut self, key: &KeyEvent) {
        let Screen::Reflect { flow, .. } = &mut self.screen else {
            return;
        };
        if flow.read_only {
            return;
        }
        let changed = match flow.field {
            Field::WentWell => flow.went_well.handle(key),
            Field::Stuck => flow.stuck.handle(key),
            Field::FirstCall if key.code == KeyCode::Enter => {
                self.capture_first_call();
                return;
            }
            Field::FirstCall => flow.first_call.handle(key),
            Field::Stress => match key.code {
                KeyCode::Char(c) if ('1'..='5').contains(&c) => {
                    flow.reflection.stress =
                        c.to_digit(10).and_then(|d| Stress::new(i64::from(d)).ok());
                    true
                }
                KeyCode::Enter => {
                    flow.field = flow.field.next();
                    return;
                }
                _ => false,
            },
        };
        if changed {
            self.reflect_changed();
        }
    }

    pub(super) fn reflect_paste(&mut self, text: &str) {
        let Screen::Reflect { flow, .. } = &mut self.screen else {
            return;
        };
        if flow.read_only {
            return;
        }
        match flow.field {
            Field::WentWell => flow.went_well.paste(text),
            Field::Stuck => flow.stuck.paste(text),
            Field::FirstCall => flow.first_call.paste(text),
            Field::Stress => return,
        }
        self.reflect_changed();
    }

    /// Save the draft, and read the first call as an ask when it names someone.
    fn reflect_changed(&mut self) {
        let ctx = self.ctx();
        let Screen::Reflect { flow, .. } = &mut self.screen else {
            return;
        };
        let line = flow.first_call.text();
        flow.first_call_note = if line.contains('@') {
            let line = ops::first_call_line(&line, &ctx);
            Some(
                match ops::preview(&self.store.reader(), &ctx, crate::domain::Kind::Ask, &line) {
                    Ok((reading, _)) => (true, format!("enter makes it an ask: {reading}")),
                    Err(message) => (
                        false,
                        message.lines().next().unwrap_or_default().to_string(),
                    ),
                },
            )
        } else {
            None
        };
        // While typing, a locked database is waited on briefly: the next keystroke tries again.
        self.save_reflection_draft(Some(std::time::Duration::from_millis(200)));
    }

    /// Write the reflection as typed (waiting for a lock at most `wait`, else the full 5 s); on
    /// failure it stays on screen, marked unsaved.
    fn save_reflection_draft(&mut self, wait: Option<std::time::Duration>) -> bool {
        let wait = wait.unwrap_or(crate::store::BUSY_TIMEOUT);
        let ctx = self.ctx();
        let Screen::Reflect { flow, .. } = &mut self.screen else {
            return true;
        };
        let current = flow.current();
        flow.reflection = current.clone();
        let saved = self
            .store
            .with_busy_timeout(wait, |store| ops::save_reflection(store, &ctx, &current));
        match saved {
            Ok(()) => {
                flow.unsaved = false;
                flow.warned = false;
                true
            }
            Err(e) => {
                flow.unsaved = true;
                self.fail(e);
                false
            }
        }
    }

    /// Esc on the reflection: one more try at saving what is unsaved; if the database still
    /// cannot take it, say so and leave on a second esc (which tries once more too).
    pub(super) fn leave_reflection(&mut self) {
        let Screen::Reflect { flow, .. } = &self.screen else {
            return;
        };
        let warned = flow.warned;
        if flow.unsaved && !flow.read_only && !self.save_reflection_draft(None) && !warned {
            if let Screen::Reflect { flow, .. } = &mut self.screen {
                flow.warned = true;
            }
            if let Some(Notice::Error(message)) = &mut self.notice {
                *message = format!("{UNSAVED} {message}");
            }
            return;
        }
        self.back();
        // The list under it shows today's reflection as it is now.
        if matches!(self.screen, Screen::Reflections { .. }) {
            self.open_reflections();
        }
    }

    /// Enter on the first call: when it reads as an ask, capture it (it stays in the reflection).
    fn capture_first_call(&mut self) {
        let ctx = self.ctx();
        let Screen::Reflect { flow, .. } = &mut self.screen else {
            return;
        };
        let line = flow.first_call.text();
        if !line.contains('@') {
            flow.field = flow.field.next();
            return;
        }
        match ops::capture_ask(&mut self.store, &ctx, &ops::first_call_line(&line, &ctx)) {
            Ok(captured) => {
                flow.first_call_note = Some((true, format!("captured: {}", captured.line)));
                flow.field = flow.field.next();
                self.notice = Some(Notice::Info(captured.line));
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
    pub fn start_with(&mut self, action: Action) {
        match action {
            Action::Review => self.open_review(),
            Action::Reflect => {
                let today = self.now.date_naive();
                self.open_reflection(today);
            }
            other => self.update(other),
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

/// How the reflection says that leaving now would leave unsaved words behind.
const UNSAVED: &str = "Not saved yet (esc again leaves without it):";
