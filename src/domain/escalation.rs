//! The escalation ladder: email or chat → call → walk over. A written ask that got no answer
//! deserves a louder channel, and the next follow-up should use it.

use super::channel::Channel;

/// The channel to use for the next follow-up, from how the ask was made and chased so far.
pub fn next_channel(asked_via: Option<Channel>, follow_ups: &[Channel]) -> Channel {
    let attempts: Vec<Channel> = asked_via
        .into_iter()
        .chain(follow_ups.iter().copied())
        .collect();
    let Some(loudest) = attempts.iter().copied().max_by_key(|c| c.loudness()) else {
        return Channel::Call;
    };
    let tries_at_loudest = attempts
        .iter()
        .filter(|c| c.loudness() == loudest.loudness())
        .count();
    match loudest {
        Channel::Email | Channel::Chat => Channel::Call,
        // One unanswered call earns a second; after that, go and see them.
        Channel::Call if tries_at_loudest < 2 => Channel::Call,
        Channel::Call | Channel::InPerson => Channel::InPerson,
    }
}

/// The hint worth showing: from the last channel used to a louder suggested one ("✉→☎").
pub fn hint(asked_via: Option<Channel>, follow_ups: &[Channel]) -> Option<(Channel, Channel)> {
    let last = follow_ups.last().copied().or(asked_via)?;
    let next = next_channel(asked_via, follow_ups);
    (next.loudness() > last.loudness()).then_some((last, next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Channel::*;

    #[test]
    fn the_ladder() {
        assert_eq!(next_channel(Some(Email), &[]), Call);
        assert_eq!(next_channel(Some(Chat), &[Chat, Email]), Call);
        assert_eq!(next_channel(Some(Email), &[Call]), Call);
        assert_eq!(next_channel(Some(Email), &[Call, Call]), InPerson);
        assert_eq!(next_channel(Some(Call), &[]), Call);
        assert_eq!(next_channel(Some(Call), &[Call]), InPerson);
        assert_eq!(next_channel(Some(InPerson), &[]), InPerson);
        // An email after an unanswered call does not count as the second call.
        assert_eq!(next_channel(Some(Call), &[Email]), Call);
        assert_eq!(next_channel(None, &[]), Call);
    }

    #[test]
    fn hints_only_point_upwards() {
        assert_eq!(hint(Some(Email), &[]), Some((Email, Call)));
        assert_eq!(hint(Some(Call), &[]), None);
        assert_eq!(hint(Some(Call), &[Call]), Some((Call, InPerson)));
        assert_eq!(hint(Some(Call), &[Email]), Some((Email, Call)));
        assert_eq!(hint(Some(InPerson), &[InPerson]), None);
        assert_eq!(hint(None, &[]), None);
    }
}
