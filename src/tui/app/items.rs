//! Acting on items and people: opening them, opening the typing and one-key modals over them,
//! and asking for their changes (made by `save`).

use super::{App, Change, Notice, Screen, Then};
use crate::domain::{Item, Kind, Status, escalation};
use crate::ops::{self, OpError};
use crate::tui::action::Action;
use crate::tui::flows::checkin::CheckinFlow;
use crate::tui::flows::insights::InsightsView;
use crate::tui::flows::people::PeopleView;
use crate::tui::input::{Input, Purpose};
use crate::tui::keymap::Context;
use crate::tui::pick::Pick;

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
            Screen::Meet { view, .. } => {
                view.selected.and_then(|id| view.meeting.item(id)).cloned()
            }
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
        // On a person's card or in person mode: the selected item, over it (esc comes back).
        let over = match &self.screen {
            Screen::Card {
                selected: Some(id), ..
            } => Some(*id),
            Screen::Meet { view, .. } => view.selected,
            _ => None,
        };
        if let Some(id) = over {
            match ops::detail(&self.store.reader(), id, &ctx) {
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
        if text.is_empty() {
            input.restorable = self
                .discarded
                .as_ref()
                .filter(|(kind, _)| *kind == purpose)
                .map(|(_, line)| line.clone());
        }
        input.refresh(&self.store, &ctx);
        self.open_over(|under| Screen::Input {
            input: Box::new(input),
            under,
        });
    }

    /// `e` on the People view: the selected person's fields as a line of flags, to change.
    pub(super) fn edit_person(&mut self) {
        let Screen::People { view } = &self.screen else {
            return;
        };
        let Some(person) = view.selected().map(|p| p.person.clone()) else {
            return;
        };
        self.start_input(Purpose::Person(person.id), &ops::person_fields(&person));
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

    pub(super) fn follow_up(&mut self) {
        let Some(item) = self.target().filter(|i| i.kind == Kind::Ask && i.is_open()) else {
            self.notice = Some(Notice::Info("Select an open ask to follow up".into()));
            return;
        };
        let suggested = escalation::next_channel(item.channel, &item.chased);
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
    /// The reply found in the mail for the selected ask, if any.
    pub fn selected_reply(&self) -> Option<&crate::domain::mail::Suggestion> {
        if !matches!(self.screen, Screen::Dashboard) || self.focus != crate::tui::layout::Pane::Asks
        {
            return None;
        }
        let item = self.selected_item()?;
        self.board.replies.get(&item.id)
    }

    /// "d received · f it's a follow-up · x not it — Dana replied Tue 10:14 · 'Re: customer
    /// quotes'", with the keys as the user set them (first, so a narrow screen keeps them).
    pub fn reply_line(&self) -> Option<String> {
        let reply = self.selected_reply()?;
        let key = |action| self.key_name(Context::Dashboard, action);
        Some(format!(
            "{} received · {} it's a follow-up · {} not it — {}",
            key(Action::Done),
            key(Action::FollowUp),
            key(Action::Drop),
            crate::ops::mail::suggestion_line(reply, &self.ctx()),
        ))
    }

    /// The selected ask's reply taken (done: received when it came; follow-up: logged as one)
    /// or dismissed (drop: not it; the ask stays open).
    pub(super) fn answer_reply(&mut self, action: Action) {
        let Some(id) = self.selected_reply().map(|r| r.item_id) else {
            return;
        };
        let answer = match action {
            Action::Done => crate::domain::mail::Answer::Received,
            Action::FollowUp => crate::domain::mail::Answer::FollowUp,
            _ => crate::domain::mail::Answer::Dismissed,
        };
        self.save(Change::Reply(answer, id), Then::Say);
    }

    pub(super) fn change_now(&mut self, action: Action) {
        let Some(item) = self.target() else {
            return;
        };
        self.save(Change::Item(action, item.id), Then::Settle(action, item.id));
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
                let add = self.key_name(Context::Dashboard, Action::CaptureDeadline);
                self.notice = Some(Notice::Info(format!(
                    "No open deadlines yet: {add} adds one"
                )));
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

    /// Start a focus sprint on the selected deadline (one at a time).
    pub(super) fn start_sprint(&mut self) {
        if let Some((sprint, _)) = &self.board.stress.sprint
            && !sprint.is_over(&self.now)
        {
            let stop = self.key_name(Context::Dashboard, Action::StopSprint);
            self.notice = Some(Notice::Error(format!(
                "A sprint is already running ({} left): {stop} stops it",
                crate::domain::words::countdown(sprint.remaining(&self.now))
            )));
            return;
        }
        match self.target() {
            Some(item) if item.kind == Kind::Deadline => {
                self.save(Change::StartSprint(item.id), Then::Say);
            }
            _ => self.notice = Some(Notice::Info("Select a deadline to sprint on".into())),
        }
    }

    pub(super) fn stop_sprint(&mut self) {
        if self.board.stress.sprint.is_none() {
            let start = self.key_name(Context::Dashboard, Action::Sprint);
            self.notice = Some(Notice::Error(format!(
                "No sprint is running: {start} on a deadline starts one"
            )));
            return;
        }
        self.save(Change::StopSprint, Then::Say);
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
                self.effects
                    .push_back(super::Effect::Copy(super::ToCopy { who, text }));
            }
            Err(e) => self.fail(e),
        }
    }
}
