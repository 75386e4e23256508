//! The escalation ladder: email or chat → call → walk over. A written ask that got no answer
//! deserves a louder channel, and the next follow-up should use it.

use super::channel::Channel;

/// How an ask has been chased so far: the follow-ups on each channel, and the latest one's
/// channel. A summary, so an ask chased ten thousand times reads as fast as one chased once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Chased {
    /// By `Channel` in declaration order (its discriminant).
    times: [u32; Channel::ALL.len()],
    pub last: Option<Channel>,
}

impl Chased {
    /// The summary of these follow-ups, oldest first.
    pub fn of(channels: &[Channel]) -> Chased {
        let mut chased = Chased::default();
        for &channel in channels {
            chased.add(channel, 1);
        }
        chased.last = channels.last().copied();
        chased
    }

    /// Count `n` more follow-ups on `channel`.
    pub fn add(&mut self, channel: Channel, n: u32) {
        let times = &mut self.times[channel as usize];
        *times = times.saturating_add(n);
    }

    /// How many follow-ups used `channel`.
    pub fn times(&self, channel: Channel) -> u32 {
        self.times[channel as usize]
    }

    /// How many follow-ups in all.
    pub fn count(&self) -> u32 {
        self.times
            .iter()
            .fold(0u32, |sum, n| sum.saturating_add(*n))
    }
}

/// The channel to use for the next follow-up, from how the ask was made and chased so far.
pub fn next_channel(asked_via: Option<Channel>, chased: &Chased) -> Channel {
    let tries = |channel: Channel| chased.times(channel) + u32::from(asked_via == Some(channel));
    let Some(loudest) = Channel::ALL
        .into_iter()
        .filter(|c| tries(*c) > 0)
        .max_by_key(|c| c.loudness())
    else {
        return Channel::Call;
    };
    let tries_at_loudest: u32 = Channel::ALL
        .into_iter()
        .filter(|c| c.loudness() == loudest.loudness())
        .map(tries)
        .sum();
    match loudest {
        Channel::Email | Channel::Chat => Channel::Call,
        // One unanswered call earns a second; after that, go and see them.
        Channel::Call if tries_at_loudest < 2 => Channel::Call,
        Channel::Call | Channel::InPerson => Channel::InPerson,
    }
}

/// The hint worth showing: from the last channel used to a louder suggested one ("✉→☎").
pub fn hint(asked_via: Option<Channel>, chased: &Chased) -> Option<(Channel, Channel)> {
    let last = chased.last.or(asked_via)?;
    let next = next_channel(asked_via, chased);
    (next.loudness() > last.loudness()).then_some((last, next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Channel::*;

    #[test]
    fn the_ladder() {
        assert_eq!(next_channel(Some(Email), &Chased::of(&[])), Call);
        assert_eq!(next_channel(Some(Chat), &Chased::of(&[Chat, Email])), Call);
        assert_eq!(next_channel(Some(Email), &Chased::of(&[Call])), Call);
        assert_eq!(
            next_channel(Some(Email), &Chased::of(&[Call, Call])),
            InPerson
        );
        assert_eq!(next_channel(Some(Call), &Chased::of(&[])), Call);
        assert_eq!(next_channel(Some(Call), &Chased::of(&[Call])), InPerson);
        assert_eq!(next_channel(Some(InPerson), &Chased::of(&[])), InPerson);
        // An email after an unanswered call does not count as the second call.
        assert_eq!(next_channel(Some(Call), &Chased::of(&[Email])), Call);
        assert_eq!(next_channel(None, &Chased::of(&[])), Call);
    }

    #[test]
    fn the_summary_counts_each_channel_and_keeps_the_last() {
        let chased = Chased::of(&[Email, Call, Email]);
        assert_eq!((chased.times(Email), chased.times(Call)), (2, 1));
        assert_eq!((chased.count(), chased.last), (3, Some(Email)));
        let mut many = Chased::default();
        many.add(Call, 10_000);
        assert_eq!(next_channel(Some(Email), &many), InPerson);
    }

    #[test]
    fn hints_only_point_upwards() {
        assert_eq!(hint(Some(Email), &Chased::of(&[])), Some((Email, Call)));
        assert_eq!(hint(Some(Call), &Chased::of(&[])), None);
        assert_eq!(
            hint(Some(Call), &Chased::of(&[Call])),
            Some((Call, InPerson))
        );
        assert_eq!(hint(Some(Call), &Chased::of(&[Email])), Some((Email, Call)));
        assert_eq!(hint(Some(InPerson), &Chased::of(&[InPerson])), None);
        assert_eq!(hint(None, &Chased::of(&[])), None);
    }
}
