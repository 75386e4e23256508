//! The outcome of SQLite's check of every page while it runs on another thread, as the work
//! beside it sees it: not known yet, passed, or failed.

use std::cell::Cell;
use std::sync::mpsc::{Receiver, TryRecvError};

pub struct PageCheck {
    /// Told once, when the check ends: whether every page passed. None: known from the start.
    told: Option<Receiver<bool>>,
    known: Cell<Option<bool>>,
}

impl PageCheck {
    /// A check whose outcome `told` will carry (a check that ends without telling failed).
    pub fn new(told: Receiver<bool>) -> Self {
        PageCheck {
            told: Some(told),
            known: Cell::new(None),
        }
    }

    /// A check that has already passed.
    pub fn passed() -> Self {
        PageCheck {
            told: None,
            known: Cell::new(Some(true)),
        }
    }

    /// Whether every page passed, if the check has ended.
    pub fn ended(&self) -> Option<bool> {
        if self.known.get().is_none()
            && let Some(told) = &self.told
        {
            match told.try_recv() {
                Ok(passed) => self.known.set(Some(passed)),
                Err(TryRecvError::Disconnected) => self.known.set(Some(false)),
                Err(TryRecvError::Empty) => {}
            }
        }
        self.known.get()
    }

    /// Whether every page passed, waiting for the check to end.
    pub fn wait(&self) -> bool {
        if let Some(known) = self.known.get() {
            return known;
        }
        let passed = self
            .told
            .as_ref()
            .is_some_and(|told| told.recv().unwrap_or(false));
        self.known.set(Some(passed));
        passed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outcome_is_unknown_until_told_and_kept_once_told() {
        let (tell, told) = std::sync::mpsc::channel();
        let check = PageCheck::new(told);
        assert_eq!(check.ended(), None);
        tell.send(false).expect("send");
        drop(tell);
        assert_eq!(check.ended(), Some(false));
        assert_eq!(check.ended(), Some(false));
        assert!(!check.wait());
    }

    #[test]
    fn a_check_that_ends_without_telling_failed() {
        let (tell, told) = std::sync::mpsc::channel::<bool>();
        let check = PageCheck::new(told);
        drop(tell);
        assert_eq!(check.ended(), Some(false));
        let (tell, told) = std::sync::mpsc::channel::<bool>();
        drop(tell);
        assert!(!PageCheck::new(told).wait());
    }

    #[test]
    fn waiting_hears_a_check_that_ends_on_another_thread() {
        let (tell, told) = std::sync::mpsc::channel();
        let check = PageCheck::new(told);
        std::thread::spawn(move || tell.send(true));
        assert!(check.wait());
        assert_eq!(check.ended(), Some(true));
        assert!(PageCheck::passed().wait());
        assert_eq!(PageCheck::passed().ended(), Some(true));
    }
}
