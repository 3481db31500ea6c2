use super::*;
use crate::card::{CardKind, SourcePos};
use proptest::prelude::*;

fn card(id: u64, topic: &str, kind: CardKind, prompt: &str, answer: &str) -> Card {
    Card {
        id: CardId(id),
        kind,
        deck: "phase-2".into(),
        topic: topic.into(),
        ord: 0,
        prompt: prompt.into(),
        code: None,
        answer: answer.into(),
        alternatives: Vec::new(),
        note: None,
        case_sensitive: true,
        exact: false,
        source: SourcePos {
            path: "decks/phase-2.md".into(),
            line: 1,
        },
    }
}

fn typed(id: u64, prompt: &str, answer: &str) -> Card {
    card(id, "phase-2/6", CardKind::Typed, prompt, answer)
}

fn pairs(retiring: &[Card], added: &[Card]) -> Vec<(u64, u64)> {
    let r: Vec<&Card> = retiring.iter().collect();
    let a: Vec<&Card> = added.iter().collect();
    renames(&r, &a)
        .into_iter()
        .map(|x| (x.from.0, x.to.0))
        .collect()
}

#[test]
fn a_typo_fix_is_a_rename() {
    let old = typed(
        1,
        "itertools: chians several iterables one after another",
        "chain",
    );
    let new = typed(
        2,
        "itertools: chains several iterables one after another",
        "chain",
    );
    assert_eq!(pairs(&[old], &[new]), [(1, 2)]);
}

#[test]
fn a_rewording_is_a_rename() {
    let old = card(
        1,
        "phase-2/6",
        CardKind::Basic,
        "What does len() return?",
        "the number of items",
    );
    let new = card(
        2,
        "phase-2/6",
        CardKind::Basic,
        "What does len() return for a list?",
        "the number of items",
    );
    assert_eq!(pairs(&[old], &[new]), [(1, 2)]);
}

#[test]
fn a_different_question_is_a_new_card() {
    let len = card(
        1,
        "phase-2/6",
        CardKind::Basic,
        "What does len() return?",
        "the number of items",
    );
    let sum = card(
        2,
        "phase-2/6",
        CardKind::Basic,
        "What does sum() return?",
        "the total",
    );
    assert_eq!(pairs(&[len], &[sum]), [], "same shape, another function");
    let old = card(
        1,
        "phase-2/6",
        CardKind::Basic,
        "What does len() return?",
        "the number of items",
    );
    let new = card(
        2,
        "phase-2/6",
        CardKind::Basic,
        "Which builtin sorts any iterable into a new list?",
        "sorted",
    );
    assert_eq!(pairs(&[old], &[new]), []);
}

#[test]
fn another_topic_or_kind_is_never_a_rename() {
    let old = typed(1, "itertools: chains iterables", "chain");
    let other_topic = card(
        2,
        "phase-2/7",
        CardKind::Typed,
        "itertools: chains iterables",
        "chain",
    );
    let other_kind = card(
        3,
        "phase-2/6",
        CardKind::Basic,
        "itertools: chains iterables",
        "chain",
    );
    assert_eq!(pairs(&[old], &[other_topic, other_kind]), []);
}

#[test]
fn two_similar_cards_edited_at_once_match_their_own_edits() {
    let old = [
        typed(1, "itertools: repeats an object", "repeat"),
        typed(2, "itertools: repeats an iterable forever", "cycle"),
        typed(3, "itertools: counts up from a start", "count"),
    ];
    let new = [
        typed(
            11,
            "itertools: repeats an object, n times or forever",
            "repeat",
        ),
        typed(
            12,
            "itertools: repeats the items of an iterable forever",
            "cycle",
        ),
    ];
    assert_eq!(pairs(&old, &new), [(1, 11), (2, 12)]);
}

#[test]
fn an_ambiguous_pairing_is_no_rename() {
    // Two identical old cards (in different topics they could be), one new:
    // either could be it, so neither is.
    let old = [
        typed(1, "itertools: chains iterables", "chain"),
        typed(2, "itertools: chains iterables!", "chain"),
    ];
    let new = [typed(3, "itertools: chains iterables.", "chain")];
    assert_eq!(pairs(&old, &new), []);
}

#[test]
fn cloze_siblings_keep_their_own_deletion() {
    let c = |id, prompt: &str, answer: &str| card(id, "phase-2/6", CardKind::Cloze, prompt, answer);
    let old = [
        c(
            1,
            "`[...]` from collections appends and pops at both ends in O(1) time.",
            "deque",
        ),
        c(
            2,
            "`deque` from collections appends and pops at both ends in [big-O] time.",
            "O(1)",
        ),
    ];
    let new = [
        c(
            11,
            "`[...]` from `collections` appends and pops at both ends in O(1) time.",
            "deque",
        ),
        c(
            12,
            "`deque` from `collections` appends and pops at both ends in [big-O] time.",
            "O(1)",
        ),
    ];
    assert_eq!(pairs(&old, &new), [(1, 11), (2, 12)]);
}

fn prompts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[a-c ]{0,3}(len|sum|map) [a-c]{0,4}", 1..6)
}

proptest! {
    #[test]
    fn matching_is_deterministic_and_one_to_one(old in prompts(), new in prompts(), seed in any::<u64>()) {
        let retiring: Vec<Card> = old.iter().enumerate().map(|(i, p)| typed(i as u64, p, "x")).collect();
        let added: Vec<Card> = new.iter().enumerate().map(|(i, p)| typed(100 + i as u64, p, "x")).collect();
        let first = pairs(&retiring, &added);
        // The same cards in another order give the same pairs.
        let mut r2 = retiring.clone();
        let mut a2 = added.clone();
        let k = (seed as usize) % (r2.len().max(1));
        r2.rotate_left(k);
        a2.reverse();
        prop_assert_eq!(&first, &pairs(&r2, &a2));
        let from: BTreeSet<u64> = first.iter().map(|p| p.0).collect();
        let to: BTreeSet<u64> = first.iter().map(|p| p.1).collect();
        prop_assert_eq!(from.len(), first.len());
        prop_assert_eq!(to.len(), first.len());
    }
}
