//! Tests of [`crate::deck::resolve`] against a roadmap
//! built by hand.

use crate::deck::{parse, resolve, DeckFile, ORD_STRIDE};
use crate::roadmap::{Roadmap, Section, Topic};

fn topic(
    section: &str,
    number: &str,
    title: &str,
    detail: &str,
    line: u32,
    subtopics: Vec<Topic>,
) -> Topic {
    Topic {
        id: format!("{section}/{number}"),
        number: number.into(),
        title: title.into(),
        detail: detail.into(),
        line,
        subtopics,
    }
}

fn section(id: &str, title: &str, line: u32, topics: Vec<Topic>) -> Section {
    Section {
        id: id.into(),
        title: title.into(),
        goal: None,
        topics,
        milestones: Vec::new(),
        line,
    }
}

/// Topic indexes in roadmap order: phase-0/1 0, 1.1 1, 1.2 2, phase-0/2 3,
/// phase-2/1 4, phase-2/6 5, phase-2/7 6, advanced/4 7.
fn roadmap() -> Roadmap {
    Roadmap {
        title: "Python Roadmap".into(),
        sections: vec![
            section(
                "phase-0",
                "Phase 0 — Environment & Habits (Foundation)",
                7,
                vec![
                    topic(
                        "phase-0",
                        "1",
                        "Installations",
                        "",
                        11,
                        vec![
                            topic("phase-0", "1.1", "Install CPython.", "", 12, Vec::new()),
                            topic("phase-0", "1.2", "Install an editor.", "", 13, Vec::new()),
                        ],
                    ),
                    topic(
                        "phase-0",
                        "2",
                        "Virtual Envs & Packages",
                        "",
                        15,
                        Vec::new(),
                    ),
                ],
            ),
            section(
                "phase-2",
                "Phase 2 — Standard Library Power (Early-Intermediate)",
                71,
                vec![
                    topic(
                        "phase-2",
                        "1",
                        "Files & Paths",
                        "`pathlib`, `os`, `shutil`",
                        75,
                        Vec::new(),
                    ),
                    topic(
                        "phase-2",
                        "6",
                        "Functional Helpers",
                        "`itertools`, `functools`, `operator`",
                        80,
                        Vec::new(),
                    ),
                    topic(
                        "phase-2",
                        "7",
                        "Logging",
                        "structured logs, levels, handlers",
                        81,
                        Vec::new(),
                    ),
                ],
            ),
            section(
                "advanced",
                "Advanced Topics & Internals (post-specialization)",
                283,
                vec![topic(
                    "advanced",
                    "4",
                    "Internals",
                    "bytecode (`dis`), refcounting & GC",
                    290,
                    Vec::new(),
                )],
            ),
        ],
    }
}

fn deck(path: &str, text: &str) -> DeckFile {
    match parse(path, text) {
        Ok(file) => file,
        Err(e) => panic!("{e}"),
    }
}

fn phase2() -> DeckFile {
    deck(
        "decks/phase-2.md",
        "# Phase 2 — Standard Library Power\n\n## 6 Functional Helpers\n\nQ: reduce lives in?\nA: functools\n\n## 1 Files & Paths\n\nT: pathlib: the path class\nA: Path\n",
    )
}

fn phase0() -> DeckFile {
    deck(
        "decks/phase-0.md",
        "# Phase 0 — Environment\n\n### 1.2 Editor\n\nQ: An editor?\nA: VS Code\n\n## 1 Installations\n\nQ: Install what?\nA: CPython\n",
    )
}

#[test]
fn the_roadmap_itself_makes_no_cards() {
    let cards = resolve(Vec::new(), &roadmap()).unwrap_or_else(|e| panic!("{e}"));
    assert!(cards.is_empty(), "{cards:?}");
}

#[test]
fn resolve_orders_by_roadmap_then_file_position() {
    let cards = match resolve(vec![phase2(), phase0()], &roadmap()) {
        Ok(cards) => cards,
        Err(e) => panic!("{e}"),
    };
    let got: Vec<(&str, &str, i64)> = cards
        .iter()
        .map(|c| (c.topic.as_str(), c.prompt.as_str(), c.ord))
        .collect();
    assert_eq!(
        got,
        vec![
            ("phase-0/1", "Install what?", 1),
            ("phase-0/1.2", "An editor?", 2 * ORD_STRIDE + 1),
            ("phase-2/1", "pathlib: the path class", 4 * ORD_STRIDE + 1),
            ("phase-2/6", "reduce lives in?", 5 * ORD_STRIDE + 1),
        ]
    );
}

#[test]
fn cards_of_one_topic_keep_file_order_across_files() {
    let a = deck(
        "decks/a.md",
        "# Phase 2\n## 7\nQ: a1\nA: x\n\nQ: a2\nA: x\n",
    );
    let b = deck("decks/b.md", "# Phase 2\n## 7 Logging\nQ: b1\nA: x\n");
    let cards = resolve(vec![b, a], &roadmap()).unwrap_or_default();
    let logging: Vec<(&str, i64)> = cards
        .iter()
        .filter(|c| c.topic == "phase-2/7")
        .map(|c| (c.prompt.as_str(), c.ord - 6 * ORD_STRIDE))
        .collect();
    assert_eq!(logging, vec![("b1", 1), ("a1", 2), ("a2", 3)]);
}

/// (name, files, error path, error line, message fragment, hint fragment).
type Refusal = (
    &'static str,
    Vec<DeckFile>,
    &'static str,
    u32,
    &'static str,
    &'static str,
);

#[test]
fn resolve_refuses_cards_the_roadmap_cannot_place() {
    let cases: Vec<Refusal> = vec![
        (
            "unknown section",
            vec![deck(
                "decks/x.md",
                "# Phase 9 — Future\n## 1 x\n\nQ: q\nA: a\n",
            )],
            "decks/x.md",
            4,
            "section \"phase-9\" is not in the roadmap",
            "phase-0, phase-2, advanced",
        ),
        (
            "unknown topic",
            vec![deck("decks/x.md", "# Phase 0\n## 3 Git\nQ: q\nA: a\n")],
            "decks/x.md",
            3,
            "topic 3 is not in section phase-0 of the roadmap",
            "the topics of phase-0 are: 1, 1.1, 1.2, 2",
        ),
        (
            "duplicate across files",
            vec![
                phase2(),
                deck(
                    "decks/more.md",
                    "# Phase 2\n## 7\n\nQ: one\nA: 1\n\nQ: reduce lives in?\nA: also\n",
                ),
            ],
            "decks/more.md",
            7,
            "same prompt as the card at decks/phase-2.md:5",
            "reword one of them",
        ),
    ];
    for (name, files, path, line, message, hint) in cases {
        let err = match resolve(files, &roadmap()) {
            Ok(cards) => panic!("{name}: resolved to {} cards", cards.len()),
            Err(e) => e,
        };
        assert_eq!(
            (err.path.as_str(), err.line, err.col),
            (path, line, 1),
            "{name}: {err}"
        );
        assert!(err.message.contains(message), "{name}: {:?}", err.message);
        assert!(err.hint.contains(hint), "{name}: {:?}", err.hint);
    }
}
