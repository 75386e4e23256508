//! Person mode in the dashboard (`w`): opening it for the person on screen, its own keys, noting
//! what each saved change covered, and the recap on leaving (which logs the visit).

use super::{App, Change, Notice, Screen, Then, ToCopy};
use crate::domain::visit::Covered;
use crate::domain::{Channel, Kind};
use crate::ops;
use crate::tui::action::Action;
use crate::tui::flows::meet::MeetingView;
use crate::tui::input::Purpose;

impl App {
    /// The person what is on screen is about: the selected item's, the card's, the selected
    /// person in a list, the review card's.
    fn person_on_screen(&self) -> Option<i64> {
        match self.screen.beneath_modals() {
            Screen::Card { card, .. } => Some(card.stats.person.id),
            Screen::People { view } => view.selected().map(|p| p.person.id),
            Screen::Insights { view } => view.people.selected().map(|p| p.person.id),
            Screen::Review { flow } => flow.card.as_ref().and_then(|card| {
                card.entry
                    .person_id()
                    .or_else(|| card.item.as_ref().and_then(|i| i.person_id))
            }),
            Screen::Meet { view, .. } => Some(view.meeting.person().id),
            _ => self.target().and_then(|item| item.person_id),
        }
    }

    /// `w`: person mode for the person on screen, over what is there (esc comes back).
    pub(super) fn open_meeting(&mut self) {
        let Some(person_id) = self.person_on_screen() else {
            self.notice = Some(Notice::Info(
                "Select an ask, an invitation or a person to walk over to".into(),
            ));
            return;
        };
        match ops::meeting(&self.store.reader(), &self.ctx(), person_id) {
            Ok(meeting) => self.open_over(|under| Screen::Meet {
                view: Box::new(MeetingView::new(meeting)),
                under,
            }),
            Err(e) => self.fail(e),
        }
    }

    /// Keys person mode answers itself; false leaves the action to the usual item keys (done,
    /// snooze, said no, sent, accepted, undo, open), which act on the selected item.
    pub(super) fn meet_action(&mut self, action: Action) -> bool {
        let now = self.now;
        let Screen::Meet { view, .. } = &mut self.screen else {
            return false;
        };
        match action {
            Action::Back | Action::Cancel if view.visited() && !view.leaving => {
                view.leaving = true;
            }
            Action::Back | Action::Cancel => {
                let leaving = view.visited().then(|| {
                    let recap = (!view.visit.is_empty()).then(|| view.recap(&now));
                    (view.meeting.person().id, recap)
                });
                self.back();
                if let Some((person_id, recap)) = leaving {
                    self.save(Change::Met { person_id, recap }, Then::Say);
                }
            }
            Action::Meet => {
                view.walked = true;
                view.leaving = false;
            }
            Action::CopyDraft => {
                let copy = ToCopy {
                    who: view.meeting.person().name.clone(),
                    text: view.recap(&now),
                };
                self.effects.push_back(super::Effect::Copy(copy));
            }
            Action::Down
            | Action::Up
            | Action::Top
            | Action::Bottom
            | Action::PageDown
            | Action::PageUp => {
                let page = 10;
                view.move_by(match action {
                    Action::Down => 1,
                    Action::Up => -1,
                    Action::PageDown => page,
                    Action::PageUp => -page,
                    Action::Top => isize::MIN / 2,
                    _ => isize::MAX / 2,
                });
                view.leaving = false;
            }
            // In person mode a follow-up is the conversation itself: logged as in person.
            Action::FollowUp => {
                let Some(item) = view
                    .selected
                    .and_then(|id| view.meeting.item(id))
                    .filter(|i| i.kind == Kind::Ask)
                else {
                    self.notice = Some(Notice::Info("Select an ask to follow up".into()));
                    return true;
                };
                let id = item.id;
                view.leaving = false;
                self.save(
                    Change::FollowUp {
                        id,
                        channel: Channel::InPerson,
                    },
                    Then::Say,
                );
            }
            Action::Favor => {
                let line = format!("@{} ", view.meeting.person().name);
                view.leaving = false;
                self.start_input(Purpose::Favor, &line);
            }
            _ => {
                view.leaving = false;
                return false;
            }
        }
        true
    }

    /// What a change made in person mode covers, to recap the visit (None outside it).
    pub(super) fn covered_by(&self, change: &Change) -> Option<(Option<i64>, Covered)> {
        let Screen::Meet { view, .. } = self.screen.beneath_modals() else {
            return None;
        };
        let ask = |id: i64| {
            view.meeting
                .item(id)
                .filter(|i| i.kind == Kind::Ask)
                .cloned()
        };
        match change {
            Change::Item(Action::Done, id) if ask(*id).is_some() => {
                Some((Some(*id), Covered::Received))
            }
            Change::Item(Action::MarkSent, id) => Some((Some(*id), Covered::InvitationSent)),
            Change::Item(Action::MarkAccepted, id) => {
                Some((Some(*id), Covered::InvitationAccepted))
            }
            Change::FollowUp { id, .. } => Some((Some(*id), Covered::FollowedUp)),
            Change::Line {
                purpose: Purpose::Snooze(id),
                text,
                ..
            } => {
                let item = ask(*id)?;
                let by = ops::snooze_moment(&item, &self.ctx(), text).ok()?;
                Some((Some(*id), Covered::Promised(by)))
            }
            Change::Line {
                purpose: Purpose::SaidNo(id),
                ..
            } if ask(*id).is_some() => Some((Some(*id), Covered::SaidNo)),
            Change::Favor { direction, .. } => Some((None, Covered::Favor(*direction))),
            _ => None,
        }
    }

    /// A change made in person mode went through: the visit notes it (undo takes the last back).
    pub(super) fn note_covered(&mut self, covered: Option<(Option<i64>, Covered)>, undo: bool) {
        let Some(view) = meeting_under(&mut self.screen) else {
            return;
        };
        if undo {
            view.visit.undone();
        } else if let Some((item, covered)) = covered {
            view.visit.note(item, covered);
        }
    }
}

/// Person mode, on screen or under the typing or choosing modal its keys opened.
fn meeting_under(screen: &mut Screen) -> Option<&mut MeetingView> {
    match screen {
        Screen::Meet { view, .. } => Some(view),
        Screen::Input { under, .. } | Screen::Pick { under, .. } => meeting_under(under),
        _ => None,
    }
}
