//! Tests of [`crate::deck::parse`] on good decks, and of card id stability.

use crate::card::{Card, CardId, CardKind};
use crate::deck::draft::DEFAULT_EVAL_PROMPT;
use crate::deck::{parse, section_id, DeckFile};

pub(super) const PATH: &str = "decks/phase-2.md";
pub(super) const HEAD: &str = "# Phase 2 — Standard Library Power\n\n## 6 Functional Helpers\n\n";

/// The parts of a card a deck author controls.
#[derive(Debug, PartialEq, Eq)]
struct Seen {
    kind: CardKind,
    topic: String,
    prompt: String,
    code: Option<String>,
    answer: String,
    alternatives: Vec<String>,
    note: Option<String>,
    line: u32,
}

fn seen(card: &Card) -> Seen {
    Seen {
        kind: card.kind,
        topic: card.topic.clone(),
        prompt: card.prompt.clone(),
        code: card.code.clone(),
        answer: card.answer.clone(),
        alternatives: card.alternatives.clone(),
        note: card.note.clone(),
        line: card.source.line,
    }
}

fn want(kind: CardKind, line: u32, prompt: &str, answer: &str) -> Seen {
    Seen {
        kind,
        topic: "phase-2/6".into(),
        prompt: prompt.into(),
        code: None,
        answer: answer.into(),
        alternatives: Vec::new(),
        note: None,
        line,
    }
}

fn parse_ok(text: &str) -> DeckFile {
    match parse(PATH, text) {
        Ok(file) => file,
        Err(e) => panic!("{e}\nhint: {}\n---\n{text}", e.hint),
    }
}

#[test]
fn good_decks_parse_to_their_cards() {
    use CardKind::*;
    let cases: Vec<(&str, String, Vec<Seen>)> = vec![
        ("basic", format!("{HEAD}Q: Which module holds `partial`?\nA: functools\n"), vec![want(Basic, 5, "Which module holds `partial`?", "functools")]),
        (
            "continuation lines",
            format!("{HEAD}Q: Name the module\n  that holds reduce.\nA: functools,\nsince 3.0.\n"),
            vec![want(Basic, 5, "Name the module\n  that holds reduce.", "functools,\nsince 3.0.")],
        ),
        (
            "typed with alternatives and a note",
            format!("{HEAD}T: itertools: chains iterables\nA: chain\nA: itertools.chain\nN: lazily,\none after another\n"),
            vec![Seen {
                alternatives: vec!["itertools.chain".into()],
                note: Some("lazily,\none after another".into()),
                ..want(Typed, 5, "itertools: chains iterables", "chain")
            }],
        ),
        (
            "cards end at the next marker",
            format!("{HEAD}Q: one\nA: 1\nQ: two\nA: 2\n"),
            vec![want(Basic, 5, "one", "1"), want(Basic, 7, "two", "2")],
        ),
        (
            "cloze with hint and escape",
            format!("{HEAD}C: `{{{{deque}}}}` pops in {{{{O(1)::big-O}}}}; \\{{\\{{ stays.\nN: both ends\n"),
            vec![
                Seen { note: Some("both ends".into()), ..want(Cloze, 5, "`[...]` pops in O(1); {{ stays.", "deque") },
                Seen { note: Some("both ends".into()), ..want(Cloze, 5, "`deque` pops in [big-O]; {{ stays.", "O(1)") },
            ],
        ),
        (
            "eval with a one-line answer",
            format!("{HEAD}E: What does this print?\n```python\nprint(1 + 1)\n```\nA: 2\nN: ints\n"),
            vec![Seen { code: Some("print(1 + 1)".into()), note: Some("ints".into()), ..want(Eval, 5, "What does this print?", "2") }],
        ),
        (
            "eval with blank lines, marker-like code and a text answer",
            format!("{HEAD}E:\n```python\nx = 1\n\nA: = 2\nprint(x)\nprint(' x')\n```\nA:\n```text\n1\n\n x\n```\nA: other\n"),
            vec![Seen {
                code: Some("x = 1\n\nA: = 2\nprint(x)\nprint(' x')".into()),
                alternatives: vec!["other".into()],
                ..want(Eval, 5, DEFAULT_EVAL_PROMPT, "1\n\n x")
            }],
        ),
        (
            "fences in prompts keep blank lines and markers",
            format!("{HEAD}Q: What is wrong here?\n```python\ndef f(x=[]):\n\nQ: not a card\n```\nA: the default is shared\n"),
            vec![want(Basic, 5, "What is wrong here?\n```python\ndef f(x=[]):\n\nQ: not a card\n```", "the default is shared")],
        ),
        (
            "subtopics, prose and deep headings",
            "# Phase 0 — Environment\nSome words for readers.\n## 1. Installations\n#### aside\n### 1.2 Editor\n\nWhy this deck:\n\n```\nQ: an example, not a card\n```\nQ: Which editor?\nA: VS Code\n".to_string(),
            vec![Seen { topic: "phase-0/1.2".into(), ..want(Basic, 12, "Which editor?", "VS Code") }],
        ),
        (
            "CRLF and a byte-order mark",
            format!("\u{feff}{HEAD}Q: crlf?\r\nA: yes\r\n").replace('\n', "\r\n").replace("\r\r", "\r"),
            vec![want(Basic, 5, "crlf?", "yes")],
        ),
    ];
    for (name, text, expected) in cases {
        let file = parse_ok(&text);
        let got: Vec<Seen> = file.cards.iter().map(seen).collect();
        assert_eq!(got, expected, "{name}");
        let ords: Vec<i64> = file.cards.iter().map(|c| c.ord).collect();
        let positions: Vec<i64> = (0..).take(ords.len()).collect();
        assert_eq!(ords, positions, "{name}: ord is the position in the file");
    }
}

#[test]
fn front_matter_sets_python_and_case() {
    let cases = [
        ("", None, true),
        ("---\npython: \"3.11\"\n---\n", Some("3.11"), true),
        (
            "---\n# comment\n\ncase: insensitive\npython: 3.12\n---\n",
            Some("3.12"),
            false,
        ),
        ("---\ncase: 'sensitive'\n---\n", None, true),
    ];
    for (front, python, case_sensitive) in cases {
        let file = parse_ok(&format!("{front}{HEAD}T: t\nA: a\n"));
        let want = python.map(|p: &str| p.parse::<crate::deck::PythonRange>().unwrap());
        assert_eq!(file.python, want, "{front}");
        assert_eq!(file.cards[0].case_sensitive, case_sensitive, "{front}");
    }
}

#[test]
fn file_level_fields_are_filled() {
    let file = parse_ok(&format!("{HEAD}Q: q\nA: a\n"));
    assert_eq!(file.path, PATH);
    assert_eq!(file.section, "phase-2");
    assert_eq!(file.title, "Phase 2 — Standard Library Power");
    let card = &file.cards[0];
    assert_eq!(
        (card.deck.as_str(), card.source.path.as_str()),
        ("phase-2", PATH)
    );
    assert_eq!(card.id, CardId::from_key("q"));
}

#[test]
fn ids_follow_the_documented_keys() {
    let text =
        format!("{HEAD}E: Out?\n```python\nprint(2)\n```\nA: 2\n\nC: a {{{{b::h}}}} {{{{c}}}}\n");
    let file = parse_ok(&text);
    assert_eq!(file.cards[0].id, CardId::from_key("Out?\nprint(2)"));
    assert_eq!(file.cards[1].id, CardId::from_key("cloze:a {{}} {{}}#0"));
    assert_eq!(file.cards[2].id, CardId::from_key("cloze:a {{}} {{}}#1"));
}

#[test]
fn section_ids_follow_the_roadmap_rule() {
    let cases = [
        ("Phase 2 — Standard Library Power", Some("phase-2")),
        ("Track B — Data Science & ML", Some("track-b")),
        (
            "Advanced Topics & Internals (post-specialization)",
            Some("advanced"),
        ),
        ("Portfolio & Capstones (choose several)", Some("portfolio")),
        ("C++ interop", Some("c")),
        ("Phase", Some("phase")),
        ("— nothing", None),
        ("", None),
    ];
    for (heading, want) in cases {
        assert_eq!(section_id(heading).as_deref(), want, "{heading}");
    }
}

fn sorted_ids(path: &str, text: &str) -> Vec<CardId> {
    let mut ids: Vec<CardId> = match parse(path, text) {
        Ok(file) => file.cards.iter().map(|c| c.id).collect(),
        Err(e) => panic!("{e}"),
    };
    ids.sort();
    ids
}

#[test]
fn editing_answers_notes_hints_order_or_file_keeps_ids() {
    let original = format!(
        "{HEAD}Q: first\nA: one\n\nT: second\nA: two\nN: why\n\nC: {{{{x::hint}}}} and {{{{y}}}}\n"
    );
    let before = sorted_ids(PATH, &original);
    let edits = [
        ("answers, notes, hints", PATH, format!("{HEAD}Q: first\nA: uno\nN: new note\n\nT: second\nA: deux\nA: 2\n\nC: {{{{x}}}} and {{{{y::other}}}}\n")),
        ("order and topic", PATH, format!("{HEAD}C: {{{{x::hint}}}} and {{{{y}}}}\n\nT: second\nA: two\n\n## 7 Logging\n\nQ: first\nA: one\n")),
        ("another file", "decks/elsewhere.md", original.clone()),
    ];
    for (name, path, edited) in edits {
        assert_eq!(sorted_ids(path, &edited), before, "{name}");
    }
}

#[test]
fn changing_the_prompt_changes_the_id() {
    let base = |prompt: &str| parse_ok(&format!("{HEAD}{prompt}\nA: a\n")).cards[0].id;
    assert_ne!(base("Q: first"), base("Q: first?"));
    let code =
        |code: &str| parse_ok(&format!("{HEAD}E: p\n```python\n{code}\n```\nA: 1\n")).cards[0].id;
    assert_ne!(code("print(1)"), code("print(1 )"));
    let cloze = |text: &str| parse_ok(&format!("{HEAD}C: {text}\n")).cards[0].id;
    assert_ne!(cloze("a {{b}} c"), cloze("a {{b}} d"));
}

#[test]
fn the_documented_example_parses_as_described() {
    let doc = include_str!("../../../docs/deck-format.md");
    let example = doc
        .split_once("````markdown\n")
        .and_then(|(_, rest)| rest.split_once("````\n"))
        .map(|(example, _)| example);
    let file = parse_ok(example.unwrap_or_default());
    assert_eq!(
        file.python.map(|p| p.to_string()),
        Some(">=3.11".to_string())
    );
    let got: Vec<(CardKind, &str, &str)> = file
        .cards
        .iter()
        .map(|c| (c.kind, c.prompt.as_str(), c.answer.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                CardKind::Basic,
                "Which module holds `partial`, `reduce` and `lru_cache`?",
                "functools"
            ),
            (
                CardKind::Typed,
                "itertools: chains several iterables one after another",
                "chain"
            ),
            (
                CardKind::Cloze,
                "`[...]` from `collections` appends and pops at both ends in O(1) time.",
                "deque"
            ),
            (
                CardKind::Cloze,
                "`deque` from `collections` appends and pops at both ends in [big-O] time.",
                "O(1)"
            ),
            (CardKind::Eval, "What does this print?", "[1, 3, 6]"),
        ]
    );
    assert!(file.cards.iter().all(|c| c.topic == "phase-2/6"));
}

#[test]
fn a_match_line_makes_a_typed_card_exact_and_nothing_else() {
    let deck = |card: &str| format!("{HEAD}{card}\n");
    let file = parse_ok(&deck(
        "T: Which?\nA: os.path.basename\nMatch: exact\n\nT: Other?\nA: x",
    ));
    assert!(file.cards[0].exact);
    assert!(!file.cards[1].exact);
    for (card, want) in [
        ("T: Which?\nA: x\nMatch: loose", "unknown `Match: loose`"),
        (
            "T: Which?\nA: x\nMatch: exact\nMatch: exact",
            "a second `Match:`",
        ),
        ("Q: Which?\nA: x\nMatch: exact", "`Match:` on a `Q:` card"),
    ] {
        let Err(err) = parse(PATH, &deck(card)) else {
            panic!("{card} parsed");
        };
        assert!(err.to_string().contains(want), "{card}: {err}");
    }
}
