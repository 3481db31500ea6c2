//! Properties of [`crate::deck::parse`] over generated input.

use proptest::prelude::*;

use super::parse::{HEAD, PATH};
use crate::card::CardKind;
use crate::deck::parse;

/// Lines that exercise every branch of the parser when shuffled together.
fn deck_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("---".to_string()),
        Just("python: 3.11".to_string()),
        Just("case: insensitive".to_string()),
        Just("# Phase 2 — x".to_string()),
        Just("## 1 Topic".to_string()),
        Just("### 1.2 Sub".to_string()),
        Just("```python".to_string()),
        Just("```".to_string()),
        Just("```text".to_string()),
        "(Q|T|C|E|A|N):[ a-z{}:\\\\]{0,12}",
        "[ a-z{}:#`\\\\é\t\r\0]{0,16}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = parse(PATH, &text);
    }

    #[test]
    fn deck_like_text_never_panics_and_errors_point_inside(lines in prop::collection::vec(deck_line(), 0..30)) {
        let text = lines.join("\n");
        match parse(PATH, &text) {
            Ok(file) => {
                for (i, card) in file.cards.iter().enumerate() {
                    prop_assert_eq!(card.ord, i64::try_from(i).unwrap_or(-1));
                }
            }
            Err(e) => {
                let line_count = u32::try_from(text.split('\n').count()).unwrap_or(u32::MAX);
                prop_assert!(e.line >= 1 && e.line <= line_count, "{} not within {} lines", e, line_count);
                prop_assert!(e.col >= 1);
                prop_assert!(!e.hint.is_empty());
            }
        }
    }

    #[test]
    fn rendered_plain_cards_parse_back(cards in prop::collection::btree_map(
        "[A-Za-z][A-Za-z0-9 ,.?]{0,30}[A-Za-z0-9?]",
        (any::<bool>(), prop::collection::vec("[A-Za-z0-9][A-Za-z0-9 .]{0,15}[A-Za-z0-9.]", 1..4)),
        1..8,
    )) {
        let mut text = String::from(HEAD);
        let mut expected = Vec::new();
        for (prompt, (typed, answers)) in &cards {
            let answers = if *typed { answers.clone() } else { answers[..1].to_vec() };
            text.push_str(if *typed { "T: " } else { "Q: " });
            text.push_str(prompt);
            text.push('\n');
            for answer in &answers {
                text.push_str("A: ");
                text.push_str(answer);
                text.push('\n');
            }
            text.push('\n');
            let kind = if *typed { CardKind::Typed } else { CardKind::Basic };
            expected.push((kind, prompt.clone(), answers[0].clone(), answers[1..].to_vec()));
        }
        let file = parse(PATH, &text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let got: Vec<_> = file
            .cards
            .iter()
            .map(|c| (c.kind, c.prompt.clone(), c.answer.clone(), c.alternatives.clone()))
            .collect();
        prop_assert_eq!(got, expected);
    }
}
