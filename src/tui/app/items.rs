//! Acting on items and people: opening them, the typing and one-key modals, and every change,
//! each through the same ops as the command line.

use super::{App, Notice, Screen};
use crate::domain::{Item, Kind, Status, escalation};
use crate::ops::{self, Context as OpContext, OpError};
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::editor::LineEditor;
use crate::tui::flows::checkin::{CheckinFlow, Outcome as CheckinOutcome};
use crate::tui::flows::insights::InsightsView;
use crate::tui::flows::people::PeopleView;
use crate::tui::input::{Input, Purpose};
use crate::tui::pick::{Choice, Pick};

impl App {
    /// What an item action applies to: the open detail, else the selection.
    pub(super) fn target(&self) -> Option<Item> {
        match self.screen.beneath_modals() {
            Screen::Detail { detail, .. } => Some(detail.item.clone()),
            Screen::Card {
                card,
                selected: Some(id),
                ..
            } => card.asks.iter().find(|a| a.id == *id).cloned(),
            Screen::Review { flow } => flow.card.as_ref().and_then(|c| c.item.clone()),
            _ => self.selected_item().cloned(),
        }
    }

    /// Enter: an item's detail from the dashboard, a person's card from the People view.
    pub(super) fn open(&mut self) {
        let ctx = self.ctx();
        if matches!(self.screen, Screen::Reflections { .. }) {
            self.open_selected_reflection();
            return;
        }
        // On a person's card: the selected ask, over the card (esc comes back to it).
        if let Screen::Card {
            selected: Some(id), ..
        } = &self.screen
        {
            match ops::detail(&self.store.reader(), *id, &ctx) {
                Ok(detail) => {
                    let card = std::mem::replace(&mut self.screen, Screen::Dashboard);
                    self.screen = Screen::Detail {
                        detail: Box::new(detail),
                        scroll: 0,
                        under: Some(Box::new(card)),
                    };
                }
                Err(e) => self.fail(e),
            }
            return;
        }
        let people = match &self.screen {
            Screen::People { view } => Some(view.as_ref()),
            Screen::Insights { view } => Some(&view.people),
            _ => None,
        };
        if let Some(view) = people {
            let Some(id) = view.selected().map(|p| p.person.id) else {
                return;
            };
            match ops::person_card(&self.store.reader(), &ctx, id) {
                Ok(card) => {
                    let selected = card.ask_order().first().copied();
                    self.open_over(|under| Screen::Card {
                        card: Box::new(card),
                        scroll: 0,
                        selected,
                        under,
                    })
                }
                Err(e) => self.fail(e),
            }
            return;
        }
        let Some(id) = self.selected_item().map(|i| i.id) else {
            return;
        };
        match ops::detail(&self.store.reader(), id, &ctx) {
            Ok(detail) => {
                self.screen = Screen::Detail {
                    detail: Box::new(detail),
                    scroll: 0,
                    under: None,
                }
            }
            Err(e) => self.fail(e),
        }
    }

    pub(super) fn open_people(&mut self) {
        match PeopleView::load(&self.store.reader()) {
            Ok(view) => {
                self.screen = Screen::People {
                    view: Box::new(view),
                }
            }
            Err(e) => self.fail(e),
        }
    }

    pub(super) fn open_insights(&mut self) {
        match InsightsView::load(&self.store.reader(), &self.ctx()) {
            Ok(view) => {
                self.screen = Screen::Insights {
                    view: Box::new(view),
                }
            }
            Err(e) => self.fail(e),
        }
    }

    pub(super) fn start_input(&mut self, purpose: Purpose, text: &str) {
        let ctx = self.ctx();
        let mut input = Input::new(purpose, text);
        input.refresh(&self.store, &ctx);
        self.open_over(|under| Screen::Input {
            input: Box::new(input),
            under,
        });
    }

    pub(super) fn snooze(&mut self) {
        if let Some(item) = self.target() {
            self.start_input(Purpose::Snooze(item.id), "");
        }
    }

    pub(super) fn edit(&mut self) {
        if let Some(item) = self.target() {
            let line = ops::capture_line(&item);
            self.start_input(Purpose::Edit(item.id), &line);
            if let Screen::Input { input, .. } = &mut self.screen {
                input.base = Some(Box::new(item));
            }
        }
    }

    /// Enter in a modal: save the typed line, or take a one-key choice's default.
    pub(super) fn submit(&mut self) {
        let ctx = self.ctx();
        if let Screen::Checkin { flow, .. } = &mut self.screen {
            let outcome = flow.submit(&ctx.now);
            self.checkin_outcome(outcome);
            return;
        }
        if let Screen::Pick { pick, .. } = &self.screen {
            if let Some(choice) = pick.default_choice() {
                self.choose(choice);
            }
            return;
        }
        let Screen::Input { input, .. } = &mut self.screen else {
            return;
        };
        if let Purpose::SaidNo(id) = input.purpose {
            return self.submit_said_no(id);
        }
        // Some lines are only half the story: a critique needs its answer, a favor its way.
        let next = match input.purpose {
            Purpose::Critique | Purpose::Favor => match input.check(&self.store, &ctx) {
                Ok((line, ..)) => Some(line),
                Err(message) => {
                    input.show_error(message);
                    return;
                }
            },
            _ => None,
        };
        if let Some(line) = next {
            let pick = match input.purpose {
                Purpose::Critique => Pick::Response { line },
                _ => Pick::Direction { line },
            };
            self.back();
            self.open_over(|under| Screen::Pick { pick, under });
            return;
        }
        match input.submit(&mut self.store, &ctx) {
            Ok(Some(message)) => {
                self.back();
                self.after_change(Ok(message));
                self.review_modal_closed(true);
            }
            Ok(None) => {}
            Err(OpError::Input(message)) => input.show_error(message),
            // The database could not take it (locked, full, gone): keep the line so nothing
            // typed is lost, and let Enter try again.
            Err(e) => {
                input.show_error(kept_for_retry(&e));
                e.log();
            }
        }
    }

    /// A one-key choice was made.
    pub(super) fn choose(&mut self, choice: Choice) {
        let Screen::Pick { pick, .. } = &self.screen else {
            return;
        };
        let pick = pick.clone();
        self.back();
        let ctx = self.ctx();
        let result = pick.apply(&mut self.store, &ctx, choice);
        // A critique or favor the database could not take goes back to its line, kept.
        if let Err(e) = &result
            && !matches!(e, OpError::Input(_))
        {
            let kept = match &pick {
                Pick::Response { line } => Some((Purpose::Critique, line)),
                Pick::Direction { line } => Some((Purpose::Favor, line)),
                _ => None,
            };
            if let Some((purpose, line)) = kept {
                e.log();
                self.start_input(purpose, line);
                if let Screen::Input { input, .. } = &mut self.screen {
                    input.show_error(kept_for_retry(e));
                }
                return;
            }
        }
        let saved = result.is_ok();
        self.after_change(result);
        self.review_modal_closed(saved);
    }

    /// The one-key change an action makes on the target: done, drop, missed, an invitation sent,
    /// accepted or declined.
    pub(super) fn change_for(&mut self, action: Action) -> Result<String, OpError> {
        let Some(item) = self.target() else {
            return Err(OpError::Input("Select an item first".into()));
        };
        self.change_for_id(action, item.id)
    }

    /// `change_for` on the item with this id.
    pub(super) fn change_for_id(&mut self, action: Action, id: i64) -> Result<String, OpError> {
        let ctx = self.ctx();
        let store = &mut self.store;
        match action {
            Action::Done => ops::done(store, &ctx, id, ""),
            Action::Drop => ops::drop_item(store, &ctx, id),
            Action::MarkMissed => ops::missed(store, &ctx, id),
            Action::MarkSent => ops::proofing_status(store, &ctx, id, Status::Sent),
            Action::MarkAccepted => ops::proofing_status(store, &ctx, id, Status::Accepted),
            Action::Declined => ops::proofing_status(store, &ctx, id, Status::Declined),
            other => Err(OpError::Input(format!("{other} does not change item {id}"))),
        }
    }

    pub(super) fn change_target(
        &mut self,
        change: impl FnOnce(&mut Store, &OpContext, i64) -> Result<String, OpError>,
    ) {
        let Some(item) = self.target() else {
            return;
        };
        let ctx = self.ctx();
        let result = change(&mut self.store, &ctx, item.id);
        self.after_change(result);
    }

    pub(super) fn follow_up(&mut self) {
        let Some(item) = self.target().filter(|i| i.kind == Kind::Ask && i.is_open()) else {
            self.notice = Some(Notice::Info("Select an open ask to follow up".into()));
            return;
        };
        let suggested = escalation::next_channel(item.channel, &item.chased_via);
        self.open_over(|under| Screen::Pick {
            pick: Pick::Channel {
                id: item.id,
                suggested,
            },
            under,
        });
    }

    /// "They said no": for an ask, a line asks why (enter skips) before anything changes; a
    /// proofing invitation is marked declined.
    pub(super) fn declined(&mut self) {
        let Some(item) = self
            .target()
            .filter(|i| i.is_open() && i.kind != Kind::Deadline)
        else {
            self.notice = Some(Notice::Info(
                "Select an open ask or invitation that got a no".into(),
            ));
            return;
        };
        if item.kind == Kind::Proofing {
            self.proofing_step(Status::Declined);
        } else {
            self.start_input(Purpose::SaidNo(item.id), "");
        }
    }

    /// Enter on the "said no" line: decline the ask, and keep it on screen, selected, so that
    /// the re-ask is one key away until the selection moves.
    fn submit_said_no(&mut self, id: i64) {
        let ctx = self.ctx();
        let Screen::Input { input, .. } = &mut self.screen else {
            return;
        };
        let text = input.editor.text();
        match ops::declined(&mut self.store, &ctx, id, &text) {
            Ok(declined) => {
                self.back();
                let key = |action| {
                    self.keymap
                        .key_for(crate::tui::keymap::Context::Dashboard, action)
                        .map(|k| k.to_string())
                };
                let mut line = declined.line;
                if let Some(copy) = key(crate::tui::action::Action::CopyDraft) {
                    line.push_str(&format!(" · {copy} copies the re-ask"));
                }
                if let Some(edit) = key(crate::tui::action::Action::Edit) {
                    line.push_str(&format!(", {edit} asks again with a new need-by"));
                }
                self.after_change(Ok(line));
                if matches!(self.screen, Screen::Dashboard) {
                    self.pinned = self.store.reader().item(id).ok().flatten();
                }
                self.review_modal_closed(true);
            }
            Err(OpError::Input(message)) => input.show_error(message),
            Err(e) => {
                input.show_error(kept_for_retry(&e));
                e.log();
            }
        }
    }

    pub(super) fn proofing_step(&mut self, status: Status) {
        let action = match status {
            Status::Sent => Action::MarkSent,
            Status::Accepted => Action::MarkAccepted,
            _ => Action::Declined,
        };
        match self.target() {
            Some(item) if item.kind == Kind::Proofing => self.change_now(action),
            _ => self.notice = Some(Notice::Info("Select a proofing invitation first".into())),
        }
    }

    /// A one-key change on the target, made now; when another program holds the database past
    /// the dashboard's short wait, the change is kept and tried again at each change check.
    pub(super) fn change_now(&mut self, action: Action) {
        let Some(item) = self.target() else {
            return;
        };
        let result = self.change_for_id(action, item.id);
        self.settle_change(action, item.id, result);
    }

    /// Say how a one-key change went, keeping it for another try when the database was busy.
    pub(super) fn settle_change(
        &mut self,
        action: Action,
        id: i64,
        result: Result<String, OpError>,
    ) {
        match result {
            Err(e) if e.is_busy() => {
                self.retry = Some((action, id));
                let cancel = self
                    .keymap
                    .key_for(crate::tui::keymap::Context::Dashboard, Action::Back)
                    .map(|k| format!(" ({k} lets it go)"))
                    .unwrap_or_default();
                self.notice = Some(Notice::Error(format!(
                    "Not saved yet: {} on item {id}. Another program holds the database; it is \
                     tried again every 2 s{cancel}",
                    action.description()
                )));
                self.dirty = true;
            }
            result => {
                self.retry = None;
                self.after_change(result);
            }
        }
    }

    /// The change check: a kept one-key change is tried again.
    pub(super) fn try_again(&mut self) {
        if let Some((action, id)) = self.retry.take() {
            let result = self.change_for_id(action, id);
            self.settle_change(action, id, result);
        }
    }

    /// Link the selected ask to a deadline: pick one of the soonest open ones by number.
    pub(super) fn link_deadline(&mut self) {
        let Some(item) = self.target().filter(|i| i.kind == Kind::Ask && i.is_open()) else {
            self.notice = Some(Notice::Info(
                "Select an open ask to link to a deadline".into(),
            ));
            return;
        };
        match self.store.reader().open_deadlines(9, 0) {
            Ok(rows) if rows.is_empty() => {
                self.notice = Some(Notice::Info("No open deadlines yet: D adds one".into()));
            }
            Ok(rows) => {
                let deadlines = rows
                    .into_iter()
                    .map(|r| (r.item.id, r.item.title))
                    .collect();
                self.open_over(|under| Screen::Pick {
                    pick: Pick::Deadline {
                        ask: item.id,
                        deadlines,
                    },
                    under,
                });
            }
            Err(e) => self.fail(OpError::Store(e)),
        }
    }

    /// Open the check-in, for the tight deadline if there is one, with its open asks to pick from.
    pub(super) fn start_checkin(&mut self) {
        let deadline = self.board.stress.tight.clone();
        let asks = match &deadline {
            Some(d) => match self.store.reader().asks_for_deadline(d.id) {
                Ok(asks) => asks.into_iter().filter(|a| a.is_open()).take(9).collect(),
                Err(e) => return self.fail(OpError::Store(e)),
            },
            None => Vec::new(),
        };
        let flow = CheckinFlow::new(deadline, asks);
        self.open_over(|under| Screen::Checkin {
            flow: Box::new(flow),
            under,
        });
    }

    pub(super) fn checkin_outcome(&mut self, outcome: CheckinOutcome) {
        match outcome {
            CheckinOutcome::Continue => {}
            CheckinOutcome::Cancelled => self.back(),
            CheckinOutcome::Save(checkin) => {
                let ctx = self.ctx();
                let action = checkin.next_action.clone();
                match ops::checkin(&mut self.store, &ctx, checkin) {
                    Err(e) if !matches!(e, OpError::Input(_)) => {
                        // Kept on its last step with the action typed in: enter saves it again.
                        if let Screen::Checkin { flow, .. } = &mut self.screen {
                            flow.action = LineEditor::with_text(&action);
                        }
                        e.log();
                        self.notice = Some(Notice::Error(kept_for_retry(&e)));
                    }
                    result => {
                        self.back();
                        self.after_change(result);
                    }
                }
            }
        }
    }

    /// Start a focus sprint on the selected deadline.
    pub(super) fn start_sprint(&mut self) {
        match self.target() {
            Some(item) if item.kind == Kind::Deadline => {
                self.change_target(ops::start_sprint);
            }
            _ => self.notice = Some(Notice::Info("Select a deadline to sprint on".into())),
        }
    }

    /// Put the drafted message for the target on the clipboard.
    pub(super) fn copy_draft(&mut self) {
        let Some(item) = self.target() else {
            return;
        };
        let ctx = self.ctx();
        match ops::draft(&self.store, &ctx, item.id) {
            Ok(text) => {
                let who = item.person.clone().unwrap_or_default();
                self.clipboard = Some(super::ToCopy { who, text });
            }
            Err(e) => self.fail(e),
        }
    }
}

/// What a modal says when the database could not take what was typed, which it keeps.
fn kept_for_retry(error: &OpError) -> String {
    format!(
        "Not saved yet, kept (enter tries again): {}",
        error.to_string().replace('\n', " ")
    )
}
