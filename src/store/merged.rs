//! How an import went, per kind of record, in the line the command prints.

/// How a merge went, per kind of record: (added, updated, unchanged).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    pub counts: Vec<(&'static str, u64, u64, u64)>,
    /// Records stamped as changed in the future, taken as changed now; the latest such time.
    pub future: u64,
    pub latest: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    Added,
    Updated,
    Unchanged,
}

impl Merged {
    pub(super) fn add(&mut self, list: &'static str, outcome: Outcome) {
        let index = match self.counts.iter().position(|c| c.0 == list) {
            Some(index) => index,
            None => {
                self.counts.push((list, 0, 0, 0));
                self.counts.len() - 1
            }
        };
        let entry = &mut self.counts[index];
        match outcome {
            Outcome::Added => entry.1 += 1,
            Outcome::Updated => entry.2 += 1,
            Outcome::Unchanged => entry.3 += 1,
        }
    }

    /// "items: 3 added, 1 updated, 40 unchanged · people: …"
    pub fn line(&self) -> String {
        if self.counts.is_empty() {
            return "nothing to import".into();
        }
        let mut line = self
            .counts
            .iter()
            .map(|(list, added, updated, same)| {
                format!("{list}: {added} added, {updated} updated, {same} unchanged")
            })
            .collect::<Vec<_>>()
            .join(" · ");
        if let Some(latest) = self.latest {
            let when = chrono::DateTime::from_timestamp(latest, 0)
                .map(|t| t.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "far ahead".into());
            line.push_str(&format!(
                " · {} said {} changed in the future (as late as {when}): taken as changed when \
                 the file was written",
                crate::domain::words::count(self.future, "record"),
                if self.future == 1 {
                    "it was"
                } else {
                    "they were"
                }
            ));
        }
        line
    }

    pub fn changed(&self) -> u64 {
        self.counts.iter().map(|c| c.1 + c.2).sum()
    }
}
