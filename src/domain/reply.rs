//! How long a person usually takes to answer: the lead time that tells whether a need-by is
//! realistic for them.

use chrono::Duration;

/// How many of a person's latest answered asks count towards their usual reply time.
pub const RECENT_ANSWERS: usize = 20;

/// The median of some reply times, or None without any.
pub fn median(mut replies: Vec<Duration>) -> Option<Duration> {
    if replies.is_empty() {
        return None;
    }
    replies.sort();
    let mid = replies.len() / 2;
    Some(if replies.len() % 2 == 1 {
        replies[mid]
    } else {
        (replies[mid - 1] + replies[mid]) / 2
    })
}

/// Whether `available` (from now to the need-by) is shorter than the person usually needs.
pub fn too_tight(available: Duration, usual: Option<Duration>) -> bool {
    matches!(usual, Some(usual) if available < usual)
}

/// How often asks to someone were answered when the last attempt went over a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelRecord {
    pub channel: super::Channel,
    pub answered: u32,
    pub closed: u32,
}

impl ChannelRecord {
    pub fn rate(&self) -> f64 {
        if self.closed == 0 {
            0.0
        } else {
            f64::from(self.answered) / f64::from(self.closed)
        }
    }
}

/// The channel that gets answers from someone: the best answer rate over at least two closed
/// asks, then the most answers.
pub fn best_channel(records: &[ChannelRecord]) -> Option<super::Channel> {
    records
        .iter()
        .filter(|r| r.closed >= 2 && r.answered > 0)
        .max_by(|a, b| {
            a.rate()
                .total_cmp(&b.rate())
                .then(a.answered.cmp(&b.answered))
                .then(b.channel.cmp(&a.channel))
        })
        .map(|r| r.channel)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(list: &[i64]) -> Vec<Duration> {
        list.iter().map(|h| Duration::hours(*h)).collect()
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(hours(&[30, 2, 10])), Some(Duration::hours(10)));
        assert_eq!(median(hours(&[2, 10, 30, 40])), Some(Duration::hours(20)));
        assert_eq!(median(hours(&[5])), Some(Duration::hours(5)));
    }

    #[test]
    fn no_history_means_no_median_and_no_warning() {
        assert_eq!(median(Vec::new()), None);
        assert!(!too_tight(Duration::hours(1), None));
    }

    #[test]
    fn the_channel_that_gets_answers() {
        use super::super::Channel::*;
        let record = |channel, answered, closed| ChannelRecord {
            channel,
            answered,
            closed,
        };
        assert_eq!(
            best_channel(&[record(Email, 2, 8), record(Call, 3, 4)]),
            Some(Call)
        );
        // One lucky answer is not a pattern.
        assert_eq!(
            best_channel(&[record(Email, 2, 8), record(InPerson, 1, 1)]),
            Some(Email)
        );
        // Same rate: more answers wins.
        assert_eq!(
            best_channel(&[record(Chat, 1, 2), record(Email, 4, 8)]),
            Some(Email)
        );
        assert_eq!(best_channel(&[]), None);
        assert_eq!(best_channel(&[record(Email, 0, 5)]), None);
    }

    #[test]
    fn tight_when_less_time_than_usual() {
        let usual = Some(Duration::days(3));
        assert!(too_tight(Duration::days(2), usual));
        assert!(!too_tight(Duration::days(3), usual));
    }
}
