//! Checking a typed answer: normalise, compare with the expected answer and
//! its alternatives, show a character diff, and suggest a grade.

use super::equivalence::{equivalent, has_string_literal};
pub use super::equivalence::{Matching, Rule};
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

/// The longest typed answer the review takes (bytes of UTF-8): longer input
/// is refused with a message, not compared. A real answer is a name, an
/// expression or a line of output; 4 KiB leaves room for a pasted traceback.
pub const MAX_TYPED_BYTES: usize = 4 * 1024;

/// The character diff is Myers' (`similar`), whose cost grows with the
/// square of the two lengths together when they differ much (it is
/// O((N+M)·D)): 40 KB took 2.4 s, 1 MB never finished, and even 1 MB typed
/// against a 4-character answer did not. Past this many characters (typed
/// and expected together) the comparison is linear instead: the common
/// prefix and suffix, and the middles as typed and as expected. A 4 KiB
/// typed answer against a 1,900-character one still gets the full diff
/// (about 0.1 s at worst in a debug build).
pub const DIFF_MAX_CHARS: usize = 6_000;

/// Whether diffing `a` against `b` would cost more than [`DIFF_MAX_CHARS`] allows.
fn over_budget(a: &str, b: &str) -> bool {
    a.chars().count().saturating_add(b.chars().count()) > DIFF_MAX_CHARS
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
    /// Which answer matched: 0 the expected one, `i` the card's alternative `i - 1`.
    pub matched: Option<usize>,
    /// Why it matched.
    pub rule: Option<Rule>,
}

/// Compare `typed` with `expected` and `alternatives` with the Python-aware
/// rules of [`equivalent`] (the tests' shorthand: the review and `answer`
/// pick the card's [`Matching`]).
#[cfg(test)]
pub fn check(
    typed: &str,
    expected: &str,
    alternatives: &[String],
    case_sensitive: bool,
) -> Verdict {
    check_with(
        typed,
        expected,
        alternatives,
        case_sensitive,
        Matching::Python,
    )
}

/// Compare `typed` with `expected` and `alternatives`: the same text first
/// (any answer), then, unless `matching` is exact, the Python rules (in the
/// order of the answers).
pub fn check_with(
    typed: &str,
    expected: &str,
    alternatives: &[String],
    case_sensitive: bool,
    matching: Matching,
) -> Verdict {
    let typed_n = normalise(typed);
    let answers: Vec<String> = std::iter::once(expected)
        .chain(alternatives.iter().map(String::as_str))
        .map(normalise)
        .collect();
    // A string literal's content keeps its case, whatever the deck says.
    let fold_case =
        |c: &str| !case_sensitive && !has_string_literal(c) && !has_string_literal(&typed_n);
    let fold = |s: &str, c: &str| {
        if fold_case(c) {
            s.to_lowercase()
        } else {
            s.to_string()
        }
    };
    let same_text = answers
        .iter()
        .position(|c| fold(c, c) == fold(&typed_n, c))
        .map(|i| (i, Rule::Exact));
    let all: Vec<&str> = answers.iter().map(String::as_str).collect();
    let hit = same_text.or_else(|| match matching {
        Matching::Exact => None,
        Matching::Python => answers
            .iter()
            .enumerate()
            .find_map(|(i, c)| equivalent(&typed_n, c, &all, case_sensitive).map(|rule| (i, rule))),
    });
    if let Some((i, rule)) = hit {
        return Verdict {
            correct: true,
            diff: vec![DiffPart::Same(typed_n)],
            closest: answers[i].clone(),
            similarity: 1.0,
            matched: Some(i),
            rule: Some(rule),
        };
    }
    let key = |s: &str| {
        if case_sensitive {
            s.to_string()
        } else {
            s.to_lowercase()
        }
    };
    let typed_key = key(&typed_n);
    let (closest, similarity) = answers
        .iter()
        .map(|c| (c.clone(), similarity(key(c).as_str(), typed_key.as_str())))
        .fold((answers[0].clone(), -1.0f32), |best, next| {
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
        matched: None,
        rule: None,
    }
}

/// 0.0 to 1.0: twice the characters in common over the characters of both,
/// as `similar`'s ratio; past the budget, the common prefix and suffix only.
fn similarity(a: &str, b: &str) -> f32 {
    if !over_budget(a, b) {
        return TextDiff::from_chars(a, b).ratio();
    }
    let (prefix, suffix) = common_ends(a, b);
    let common = a[..prefix].chars().count() + a[a.len() - suffix..].chars().count();
    let total = a.chars().count() + b.chars().count();
    // Lossy for lengths past 2^24, which only matters for the fraction's last digits.
    #[allow(clippy::cast_precision_loss)]
    let ratio = (2 * common) as f32 / total.max(1) as f32;
    ratio
}

/// The byte lengths of the longest common prefix of `a` and `b` and of the
/// longest common suffix of what is left: linear, and on char boundaries.
fn common_ends(a: &str, b: &str) -> (usize, usize) {
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let suffix = a[prefix..]
        .chars()
        .rev()
        .zip(b[prefix..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    (prefix, suffix)
}

/// The diff past the budget: same prefix, what was typed, what was
/// expected, same suffix.
fn linear_diff(typed: &str, expected: &str) -> Vec<DiffPart> {
    let (prefix, suffix) = common_ends(typed, expected);
    let parts = [
        DiffPart::Same(typed[..prefix].to_string()),
        DiffPart::Extra(typed[prefix..typed.len() - suffix].to_string()),
        DiffPart::Missing(expected[prefix..expected.len() - suffix].to_string()),
        DiffPart::Same(typed[typed.len() - suffix..].to_string()),
    ];
    parts
        .into_iter()
        .filter(|p| match p {
            DiffPart::Same(s) | DiffPart::Extra(s) | DiffPart::Missing(s) => !s.is_empty(),
        })
        .collect()
}

fn char_diff(typed: &str, expected: &str) -> Vec<DiffPart> {
    if over_budget(typed, expected) {
        return linear_diff(typed, expected);
    }
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
        assert!(!check("cHain", "chain", &[], true).correct);
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

    fn typed_and_expected(diff: &[DiffPart]) -> (String, String) {
        let mut typed = String::new();
        let mut expected = String::new();
        for part in diff {
            match part {
                DiffPart::Same(s) => {
                    typed.push_str(s);
                    expected.push_str(s);
                }
                DiffPart::Extra(s) => typed.push_str(s),
                DiffPart::Missing(s) => expected.push_str(s),
            }
        }
        (typed, expected)
    }

    /// Before the budget, this never returned (Myers on 1 MB × 1 MB); the
    /// test would hang, not fail, if the linear path were not taken.
    #[test]
    fn a_megabyte_typed_against_a_megabyte_expected_gets_a_verdict() {
        let expected = format!("{}EXPECTED{}", "ab".repeat(250_000), "é".repeat(250_000));
        let typed = format!("{}typed{}", "ab".repeat(250_000), "é".repeat(250_000));
        assert!(over_budget(&typed, &expected));
        let v = check(&typed, &expected, &[], true);
        assert!(!v.correct);
        assert_eq!(
            v.diff[1..3],
            [
                DiffPart::Extra("typed".into()),
                DiffPart::Missing("EXPECTED".into())
            ]
        );
        assert_eq!(
            typed_and_expected(&v.diff),
            (typed.clone(), expected.clone())
        );
        assert!(
            v.similarity > 0.99 && v.similarity < 1.0,
            "{}",
            v.similarity
        );
        // Equal megabytes are simply correct, and wholly different ones far.
        assert!(check(&typed, &typed, &[], true).correct);
        let far = check(&"x".repeat(1 << 20), &"y".repeat(1 << 20), &[], false);
        assert_eq!(far.similarity, 0.0);
    }

    /// The cost follows the lengths together, not their product: a megabyte
    /// against a 4-character answer hung too.
    #[test]
    fn a_megabyte_typed_against_a_short_answer_gets_a_verdict() {
        let typed = "Cpoy ".repeat(200_000);
        let v = check(&typed, "Copy", &["Clone".into()], true);
        assert!(!v.correct);
        assert_eq!(
            typed_and_expected(&v.diff),
            (normalise(&typed), "Copy".into())
        );
        // A typed answer at the review's limit still gets the full diff.
        assert!(!over_budget(
            &"x".repeat(MAX_TYPED_BYTES),
            &"y".repeat(1_900)
        ));
    }

    #[test]
    fn the_linear_diff_agrees_with_the_full_one_on_a_single_edit() {
        let (typed, expected) = ("itertools.chian(a, b)", "itertools.chain(a, b)");
        let (t, e) = typed_and_expected(&linear_diff(typed, expected));
        assert_eq!((t.as_str(), e.as_str()), (typed, expected));
        assert_eq!(linear_diff("abc", "abc"), [DiffPart::Same("abc".into())]);
        assert_eq!(
            linear_diff("ab", "abcd"),
            [DiffPart::Same("ab".into()), DiffPart::Missing("cd".into())]
        );
        assert_eq!(common_ends("aXa", "aa"), (1, 1));
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
