//! What works, for this user: how often and how fast each channel gets an answer, and the one
//! line that says whether calling (or walking over) really beats email.

use chrono::Duration;

use super::{Channel, words};

/// Asks made over a window, by the channel of their last attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelStat {
    pub channel: Channel,
    pub asked: u32,
    pub answered: u32,
    /// Median time from asking to the answer, for those answered.
    pub median: Option<Duration>,
}

impl ChannelStat {
    pub fn rate(&self) -> f64 {
        if self.asked == 0 {
            0.0
        } else {
            f64::from(self.answered) / f64::from(self.asked)
        }
    }

    /// "82%".
    pub fn percent(&self) -> String {
        format!("{:.0}%", self.rate() * 100.0)
    }
}

/// Fewer asks than this over a channel say nothing about it.
pub const ENOUGH_ASKS: u32 = 5;

/// One sentence comparing the channel that works best with email.
pub fn verdict(stats: &[ChannelStat]) -> String {
    let enough: Vec<&ChannelStat> = stats.iter().filter(|s| s.asked >= ENOUGH_ASKS).collect();
    if enough.len() < 2 {
        return format!(
            "Too few asks to compare channels yet ({ENOUGH_ASKS} over each of two channels are needed)."
        );
    }
    let best = enough
        .iter()
        .copied()
        .max_by(|a, b| {
            a.rate()
                .total_cmp(&b.rate())
                .then(b.channel.cmp(&a.channel))
        })
        .unwrap_or(enough[0]);
    let Some(email) = enough.iter().find(|s| s.channel == Channel::Email) else {
        return format!(
            "{} gets answered most often: {} of asks.",
            capitalized(best.channel),
            best.percent()
        );
    };
    if best.channel == Channel::Email || best.rate() - email.rate() < 0.05 {
        return format!(
            "Email works as well as anything for you: {} answered.",
            email.percent()
        );
    }
    let speed = match (best.median, email.median) {
        (Some(fast), Some(slow)) if fast < slow => {
            format!(
                ", in {} instead of {}",
                words::span(fast),
                words::span(slow)
            )
        }
        _ => String::new(),
    };
    format!(
        "Yes: {} gets {} answered against email's {}{speed}.",
        match best.channel {
            Channel::InPerson => "walking over".to_string(),
            Channel::Call => "calling".to_string(),
            other => other.label().to_string(),
        },
        best.percent(),
        email.percent()
    )
}

fn capitalized(channel: Channel) -> String {
    let label = channel.label();
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The median of `values` (reordered in place): the middle one, or the mean of the middle two
/// rounded toward zero, as SQL's `CAST(AVG(..) AS INTEGER)` gives. Linear, not a sort.
pub fn median(values: &mut [i64]) -> Option<i64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let (_, &mut upper, _) = values.select_nth_unstable(n / 2);
    if n % 2 == 1 {
        return Some(upper);
    }
    // The lower middle is the largest of what sits below the upper one.
    let lower = values[..n / 2].iter().copied().max().unwrap_or(upper);
    Some(((i128::from(lower) + i128::from(upper)) / 2) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stat(channel: Channel, asked: u32, answered: u32, hours: Option<i64>) -> ChannelStat {
        ChannelStat {
            channel,
            asked,
            answered,
            median: hours.map(Duration::hours),
        }
    }

    #[test]
    fn the_median_is_the_middle_or_the_mean_of_the_two_middles() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [7]), Some(7));
        assert_eq!(median(&mut [9, 1, 5]), Some(5));
        assert_eq!(median(&mut [40, 10, 30, 20]), Some(25));
        // Rounded toward zero, as SQLite's CAST(AVG(..) AS INTEGER).
        assert_eq!(median(&mut [1, 2]), Some(1));
        assert_eq!(median(&mut [-3, 0]), Some(-1));
        assert_eq!(median(&mut [i64::MAX, i64::MAX]), Some(i64::MAX));
        assert_eq!(median(&mut [3, 3, 1, 3]), Some(3));
    }

    #[test]
    fn calling_that_works_better_says_so_with_the_speed() {
        let stats = [
            stat(Channel::Email, 40, 18, Some(50)),
            stat(Channel::Call, 10, 8, Some(4)),
        ];
        assert_eq!(
            verdict(&stats),
            "Yes: calling gets 80% answered against email's 45%, in 4h instead of 2d 2h."
        );
    }

    #[test]
    fn email_that_works_as_well_says_so() {
        let stats = [
            stat(Channel::Email, 40, 36, Some(5)),
            stat(Channel::Call, 10, 9, Some(4)),
        ];
        assert_eq!(
            verdict(&stats),
            "Email works as well as anything for you: 90% answered."
        );
    }

    #[test]
    fn too_few_asks_compare_nothing() {
        let stats = [
            stat(Channel::Email, 40, 36, None),
            stat(Channel::Call, 2, 2, None),
        ];
        assert!(verdict(&stats).starts_with("Too few asks"));
        assert_eq!(stat(Channel::Chat, 0, 0, None).rate(), 0.0);
    }

    #[test]
    fn without_email_the_best_channel_is_named() {
        let stats = [
            stat(Channel::Chat, 10, 5, None),
            stat(Channel::InPerson, 10, 9, None),
        ];
        assert_eq!(
            verdict(&stats),
            "Walk over gets answered most often: 90% of asks."
        );
    }
}
