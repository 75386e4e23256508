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
    fn tight_when_less_time_than_usual() {
        let usual = Some(Duration::days(3));
        assert!(too_tight(Duration::days(2), usual));
        assert!(!too_tight(Duration::days(3), usual));
    }
}
