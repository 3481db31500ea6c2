//! Checking a typed answer: normalise, compare with the expected answer and
//! its alternatives, show a character diff, and suggest a grade.

use crate::sched::Quality;
use similar::{ChangeTag, TextDiff};
use unicode_normalization::UnicodeNormalization;

/// Correct answers typed within this time suggest a 5.
pub const QUICK_MS: i64 = 8_000;
/// Correct answers typed within this time suggest a 4; slower ones a 3.
pub const SLOW_MS: i64 = 25_000;
/// Wrong answers at least this similar to the expected one suggest a 2.
pub const CLOSE_RATIO: f32 = 0.75;

/// Where the suggested grade changes (the config's `[suggest]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub quick_ms: i64,
    pub slow_ms: i64,
    pub close_ratio: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            quick_ms: QUICK_MS,
            slow_ms: SLOW_MS,
            close_ratio: CLOSE_RATIO,
        }
    }
}

/// Whose word counts on letter case: each deck's `case:` front matter, or
/// the learner's config for every deck.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaseRule {
    #[default]
    Deck,
    Sensitive,
    Insensitive,
}

impl CaseRule {
    /// Whether to compare case-sensitively a card whose deck says `deck_says`.
    pub fn sensitive(self, deck_says: bool) -> bool {
        match self {
            CaseRule::Deck => deck_says,
            CaseRule::Sensitive => true,
            CaseRule::Insensitive => false,
        }
    }
}

/// Unicode NFC, trimmed, inner runs of whitespace collapsed to one space.
pub fn normalise(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One run of a character diff between what was typed and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffPart {
    Same(String),
    /// Typed but not expected.
    Extra(String),
    /// Expected but not typed.
    Missing(String),
}

/// The verdict on a typed answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub correct: bool,
    /// The accepted answer the typed text matched, or the expected answer.
    pub closest: String,
    pub diff: Vec<DiffPart>,
    /// 0.0 (nothing alike) to 1.0 (equal).
    pub similarity: f32,
}

/// Compare `typed` with `expected` and `alternatives`.
pub fn check(
    typed: &str,
    expected: &str,
    alternatives: &[String],
    case_sensitive: bool,
) -> Verdict {
    let typed_n = normalise(typed);
    let fold = |s: &str| {
        if case_sensitive {
            normalise(s)
        } else {
            normalise(s).to_lowercase()
        }
    };
    let typed_key = if case_sensitive {
        typed_n.clone()
    } else {
        typed_n.to_lowercase()
    };
    let candidates = std::iter::once(expected).chain(alternatives.iter().map(String::as_str));
    if let Some(hit) = candidates.clone().find(|c| fold(c) == typed_key) {
        let hit = normalise(hit);
        return Verdict {
            correct: true,
            diff: vec![DiffPart::Same(typed_n)],
            closest: hit,
            similarity: 1.0,
        };
    }
    let (closest, similarity) = candidates
        .map(|c| {
            let c = normalise(c);
            let ratio = TextDiff::from_chars(fold(&c).as_str(), typed_key.as_str()).ratio();
            (c, ratio)
        })
        .fold((normalise(expected), -1.0f32), |best, next| {
            if next.1 > best.1 {
                next
            } else {
                best
            }
        });
    Verdict {
        correct: false,
        diff: char_diff(&typed_n, &closest),
        closest,
        similarity: similarity.max(0.0),
    }
}

fn char_diff(typed: &str, expected: &str) -> Vec<DiffPart> {
    let diff = TextDiff::from_chars(typed, expected);
    let mut parts: Vec<DiffPart> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        let part = match change.tag() {
            ChangeTag::Equal => DiffPart::Same(text.to_string()),
            ChangeTag::Delete => DiffPart::Extra(text.to_string()),
            ChangeTag::Insert => DiffPart::Missing(text.to_string()),
        };
        match (parts.last_mut(), &part) {
            (Some(DiffPart::Same(a)), DiffPart::Same(b))
            | (Some(DiffPart::Extra(a)), DiffPart::Extra(b))
            | (Some(DiffPart::Missing(a)), DiffPart::Missing(b)) => a.push_str(b),
            _ => parts.push(part),
        }
    }
    parts
}

/// A grade to offer: correct and quick → 5, correct → 4, correct but slow → 3;
/// wrong but close → 2, wrong → 1, nothing typed → 0.
pub fn suggest(verdict: &Verdict, typed: &str, elapsed_ms: i64, t: &Thresholds) -> Quality {
    let grade = if verdict.correct {
        match elapsed_ms {
            ms if ms <= t.quick_ms => 5,
            ms if ms <= t.slow_ms => 4,
            _ => 3,
        }
    } else if normalise(typed).is_empty() {
        0
    } else if verdict.similarity >= t.close_ratio {
        2
    } else {
        1
    };
    Quality::clamped(grade)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_trims_collapses_and_composes() {
        assert_eq!(normalise("  a \t b\n c  "), "a b c");
        assert_eq!(normalise("e\u{301}"), "\u{e9}");
    }

    #[test]
    fn exact_and_alternative_answers_are_correct() {
        let alts = vec!["itertools.chain".to_string()];
        assert!(check("chain", "chain", &alts, true).correct);
        assert!(check(" itertools.chain ", "chain", &alts, true).correct);
        assert_eq!(
            check("itertools.chain", "chain", &alts, true).closest,
            "itertools.chain"
        );
    }

    #[test]
    fn case_matters_unless_the_deck_says_otherwise() {
        assert!(!check("Chain", "chain", &[], true).correct);
        assert!(check("Chain", "chain", &[], false).correct);
    }

    #[test]
    fn wrong_answers_get_a_character_diff() {
        let v = check("chian", "chain", &[], true);
        assert!(!v.correct);
        let typed: String = v
            .diff
            .iter()
            .filter_map(|p| match p {
                DiffPart::Same(s) | DiffPart::Extra(s) => Some(s.as_str()),
                DiffPart::Missing(_) => None,
            })
            .collect();
        let expected: String = v
            .diff
            .iter()
            .filter_map(|p| match p {
                DiffPart::Same(s) | DiffPart::Missing(s) => Some(s.as_str()),
                DiffPart::Extra(_) => None,
            })
            .collect();
        assert_eq!((typed.as_str(), expected.as_str()), ("chian", "chain"));
    }

    #[test]
    fn suggested_grades() {
        let right = check("chain", "chain", &[], true);
        let close = check("chian", "chain", &[], true);
        let far = check("zip_longest", "chain", &[], true);
        let empty = check("", "chain", &[], true);
        let t = Thresholds::default();
        let table = [
            (suggest(&right, "chain", 2_000, &t), 5),
            (suggest(&right, "chain", 12_000, &t), 4),
            (suggest(&right, "chain", 60_000, &t), 3),
            (suggest(&close, "chian", 2_000, &t), 2),
            (suggest(&far, "zip_longest", 2_000, &t), 1),
            (suggest(&empty, "", 2_000, &t), 0),
        ];
        for (got, want) in table {
            assert_eq!(got.value(), want);
        }
    }

    #[test]
    fn configured_thresholds_move_the_suggestion() {
        let right = check("chain", "chain", &[], true);
        let close = check("chian", "chain", &[], true);
        let strict = Thresholds {
            quick_ms: 1_000,
            slow_ms: 2_000,
            close_ratio: 0.99,
        };
        assert_eq!(suggest(&right, "chain", 1_500, &strict).value(), 4);
        assert_eq!(suggest(&right, "chain", 2_500, &strict).value(), 3);
        assert_eq!(suggest(&close, "chian", 500, &strict).value(), 1);
    }

    #[test]
    fn config_case_rule_overrides_the_deck_only_when_set() {
        let table = [
            (CaseRule::Deck, true, true),
            (CaseRule::Deck, false, false),
            (CaseRule::Sensitive, false, true),
            (CaseRule::Insensitive, true, false),
        ];
        for (rule, deck, want) in table {
            assert_eq!(rule.sensitive(deck), want, "{rule:?} {deck}");
        }
    }
}
