//! Leeches: cards that keep lapsing. After [`DEFAULT_LEECH_THRESHOLD`]
//! lapses a card is tagged a leech and (by default) suspended, since more
//! reviews of a badly written card only cost time; the learner rewrites it.

use super::Sm2State;

/// Lapses after which a card is a leech unless configured otherwise.
pub const DEFAULT_LEECH_THRESHOLD: u32 = 8;

/// What happens to a card that becomes a leech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LeechAction {
    /// Tag it and take it out of reviews.
    #[default]
    Suspend,
    /// Tag it only; it keeps coming up.
    Tag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeechRule {
    pub threshold: u32,
    pub action: LeechAction,
}

impl Default for LeechRule {
    fn default() -> Self {
        LeechRule {
            threshold: DEFAULT_LEECH_THRESHOLD,
            action: LeechAction::default(),
        }
    }
}

impl LeechRule {
    /// A rule no card meets, for tests of answers without leeches.
    #[cfg(test)]
    pub const NEVER: LeechRule = LeechRule {
        threshold: u32::MAX,
        action: LeechAction::Tag,
    };

    /// What to do after an answer took a card from `before` to `after`: only
    /// a lapse that reaches the threshold makes a leech, and only once (a card
    /// already tagged, say with `action = "tag"`, is not flagged again).
    pub fn verdict(
        &self,
        before: &Sm2State,
        after: &Sm2State,
        already_leech: bool,
    ) -> Option<LeechAction> {
        let lapsed = after.lapses > before.lapses;
        (lapsed && !already_leech && after.lapses >= self.threshold).then_some(self.action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lapses(n: u32) -> Sm2State {
        Sm2State {
            lapses: n,
            ..Sm2State::default()
        }
    }

    #[test]
    fn the_lapse_that_reaches_the_threshold_makes_a_leech() {
        let rule = LeechRule::default();
        let table = [
            (6, 7, false, None),
            (7, 8, false, Some(LeechAction::Suspend)),
            (8, 8, false, None), // not a lapse (a pass, or a repeat)
            (8, 9, true, None),  // already tagged
            (10, 11, false, Some(LeechAction::Suspend)), // threshold lowered since
        ];
        for (before, after, tagged, want) in table {
            assert_eq!(
                rule.verdict(&lapses(before), &lapses(after), tagged),
                want,
                "{before} → {after}"
            );
        }
    }

    #[test]
    fn tag_only_rules_tag() {
        let rule = LeechRule {
            threshold: 2,
            action: LeechAction::Tag,
        };
        assert_eq!(
            rule.verdict(&lapses(1), &lapses(2), false),
            Some(LeechAction::Tag)
        );
    }
}
