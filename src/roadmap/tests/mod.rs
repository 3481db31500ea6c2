//! Section ids, a roadmap of another shape, malformed input and robustness.

use super::*;
use proptest::prelude::*;

const RUST_ROADMAP: &str = "\
# Rust Roadmap

Intro text with a number: 3.5 hours a week.

## Stage 1 — Getting Started

**Goal:** Build and run programs.

1. **Toolchain** — `rustup`, `cargo`
   1.1 Install rustup.
   1.2 Create a project with `cargo new`.
2. **Syntax**: bindings, `match`
   - a bullet, not a subtopic
3. **Ownership**

```markdown
## Stage 9 — Not a heading inside a fence
1. **Not a topic**
```

### Notes inside the stage

4. **Borrowing** - references and lifetimes

**Milestone S1:** A CLI that counts words.

## Stage 2 — Traits

1. **Traits** — default methods
   1.1 Trait objects (`dyn Trait`).

**Capstone T2:** A plugin system.

## Habits (repeat weekly)

1. **Read** the book.
2. **Write** code.
";

fn parse_ok(text: &str) -> Roadmap {
    match parse("test.md", text) {
        Ok(roadmap) => roadmap,
        Err(e) => panic!("{e} ({})", e.hint),
    }
}

fn parse_err(text: &str) -> RoadmapError {
    match parse("bad.md", text) {
        Ok(roadmap) => panic!("parsed: {roadmap:?}"),
        Err(e) => e,
    }
}

#[test]
fn section_id_follows_the_heading_rules() {
    let cases = [
        ("Phase 2 — Standard Library Power", Some("phase-2")),
        (
            "Phase 0 — Environment & Habits (Foundation)",
            Some("phase-0"),
        ),
        (
            "Track A — Web Development (Flask/FastAPI/Django)",
            Some("track-a"),
        ),
        ("Stage 12", Some("stage-12")),
        ("Stage 3-Traits", Some("stage-3")),
        ("Part b—Extras", Some("part-b")),
        (
            "Advanced Topics & Internals (post-specialization)",
            Some("advanced"),
        ),
        ("Portfolio & Capstones (choose several)", Some("portfolio")),
        ("Phase 2.5 — half", Some("phase")),
        ("A Tour of Go", Some("a")),
        (
            "Specialization Tracks (pick 1–3 after Phase 8)",
            Some("specialization"),
        ),
        ("C++ Interop", Some("c")),
        ("  Phase 1  ", Some("phase-1")),
        ("", None),
        ("— & —", None),
    ];
    for (heading, expected) in cases {
        assert_eq!(section_id(heading).as_deref(), expected, "{heading:?}");
    }
}

#[test]
fn other_roadmap_parses_with_expected_ids() {
    let roadmap = parse_ok(RUST_ROADMAP);
    assert_eq!(roadmap.title, "Rust Roadmap");
    let ids: Vec<&str> = roadmap.topics().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "stage-1/1",
            "stage-1/1.1",
            "stage-1/1.2",
            "stage-1/2",
            "stage-1/3",
            "stage-1/4",
            "stage-2/1",
            "stage-2/1.1",
        ]
    );
    assert_eq!(roadmap.topics().count(), 8);
    let sections: Vec<&str> = roadmap.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sections, ["stage-1", "stage-2"]);
}

#[test]
fn other_roadmap_reads_titles_details_and_milestones() {
    let roadmap = parse_ok(RUST_ROADMAP);
    let cases = [
        ("stage-1/1", "Toolchain", "`rustup`, `cargo`"),
        ("stage-1/1.2", "Create a project with `cargo new`", ""),
        ("stage-1/2", "Syntax", "bindings, `match`"),
        ("stage-1/3", "Ownership", ""),
        ("stage-1/4", "Borrowing", "references and lifetimes"),
        ("stage-2/1.1", "Trait objects (`dyn Trait`)", ""),
    ];
    for (id, title, detail) in cases {
        let topic = roadmap.topic(id).unwrap_or_else(|| panic!("no {id}"));
        assert_eq!(
            (topic.title.as_str(), topic.detail.as_str()),
            (title, detail),
            "{id}"
        );
    }
    let stage1 = &roadmap.sections[0];
    assert_eq!(stage1.goal.as_deref(), Some("Build and run programs."));
    assert_eq!(
        stage1.milestones,
        [Milestone {
            id: "S1".into(),
            label: "Milestone".into(),
            text: "A CLI that counts words.".into(),
            line: 25,
        }]
    );
    let stage2 = &roadmap.sections[1];
    assert_eq!(stage2.goal, None);
    assert_eq!(stage2.milestones[0].label, "Capstone");
    assert_eq!(stage2.milestones[0].id, "T2");
    assert_eq!(roadmap.topic("stage-1/1").map(|t| t.line), Some(9));
}

#[test]
fn malformed_roadmaps_report_line_col_and_hint() {
    let head = "# R\n\n## Phase 1 — A\n\n**Goal:** g\n\n";
    let cases = [
        (
            "subtopic under wrong parent",
            format!("{head}1. **One**\n   1.1 a\n2. **Two**\n   1.2 b\n"),
            (10, 4),
            "subtopic 1.2 is under topic 2 (line 9)",
        ),
        (
            "repeated topic number",
            format!("{head}1. **One**\n2. **Two**\n2. **Again**\n"),
            (9, 1),
            "topic 2 repeats the number of the topic on line 8",
        ),
        (
            "topic number gap",
            format!("{head}1. **One**\n3. **Three**\n"),
            (8, 1),
            "topic 3 is out of order: expected topic 2",
        ),
        (
            "repeated subtopic number",
            format!("{head}1. **One**\n   1.1 a\n   1.1 b\n"),
            (9, 6),
            "subtopic 1.1 repeats the number of the subtopic on line 8",
        ),
        (
            "subtopic gap",
            format!("{head}1. **One**\n\t1.2 b\n"),
            (8, 4),
            "subtopic 1.2 is out of order: expected 1.1",
        ),
        (
            "subtopic before any topic",
            format!("{head}   1.1 a\n1. **One**\n"),
            (7, 4),
            "subtopic 1.1 comes before any topic",
        ),
        (
            "unclosed bold title",
            format!("{head}1. **One — x\n"),
            (7, 4),
            "the topic's bold title is not closed with `**`",
        ),
        (
            "empty subtopic",
            format!("{head}1. **One**\n   1.1 .\n"),
            (8, 4),
            "subtopic 1.1 has no text",
        ),
        (
            "numbered deeper than a subtopic",
            format!("{head}1. **One**\n   1.1 a\n      1.1.1 deeper\n"),
            (9, 7),
            "1.1.1 is numbered deeper than a subtopic",
        ),
        (
            "absurdly deep numbering",
            format!("{head}1. **One**\n   1.1.1.1.1.1.1.1. x\n"),
            (8, 4),
            "1.1.1.1.1.1.1.1 is numbered deeper than a subtopic",
        ),
        (
            "no sections",
            "# Notes\n\n1. **Read**: a book\n\n* bullet\n".to_string(),
            (1, 1),
            "no numbered topics found",
        ),
        (
            "duplicate section id",
            format!("{head}1. **One**\n\n#  Phase 1 — Again\n\n**Goal:** h\n\n1. **Uno**\n"),
            (9, 4),
            "section id `phase-1` is already used by the heading on line 3",
        ),
        (
            "section without an id",
            "## — & —\n\n**Goal:** g\n\n1. **One**\n".to_string(),
            (1, 4),
            "cannot make a section id from the heading \"— & —\"",
        ),
    ];
    for (name, text, (line, col), message) in cases {
        let e = parse_err(&text);
        assert_eq!((e.line, e.col), (line, col), "{name}: {e}");
        assert_eq!(e.message, message, "{name}");
        assert_eq!(e.path, "bad.md", "{name}");
        assert!(!e.hint.is_empty(), "{name}");
    }
}

#[test]
fn error_displays_as_path_line_col_message() {
    let e = parse_err("");
    assert_eq!(e.to_string(), "bad.md:1:1: no numbered topics found");
    assert!(e.hint.contains("1. **Title**"), "{}", e.hint);
}

#[test]
fn numbered_list_without_goal_or_milestone_is_not_checked() {
    // Numbering mistakes in a block that is not a section are no error.
    let text = "## Cadence\n\n1. **Read**\n3. **Code**\n   2.1 x\n\n\
                ## Step 1\n\n1. **Go**\n\n**Milestone M1:** done\n";
    let roadmap = parse_ok(text);
    let ids: Vec<&str> = roadmap.topics().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["step-1/1"]);
    assert_eq!(roadmap.title, "");
}

#[test]
fn headings_in_fences_and_deep_headings_do_not_split_sections() {
    let text = "## Phase 1\n\n**Goal:** g\n\n1. **A**\n\n~~~~\n# Phase 2\n````\n~~~\n\
                ~~~~\n\n### Aside\n\n2. **B**\n   2.1 c\n";
    let roadmap = parse_ok(text);
    let ids: Vec<&str> = roadmap.topics().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["phase-1/1", "phase-1/2", "phase-1/2.1"]);
}

#[test]
fn crlf_and_bom_are_accepted() {
    let text = "\u{feff}# T\r\n## Phase 1 — A\r\n**Goal:** g\r\n1. **A** — d\r\n   1.1 s.\r\n";
    let roadmap = parse_ok(text);
    assert_eq!(roadmap.title, "T");
    let a = roadmap
        .topic("phase-1/1")
        .unwrap_or_else(|| panic!("no topic"));
    assert_eq!((a.title.as_str(), a.detail.as_str()), ("A", "d"));
    assert_eq!(
        roadmap.topic("phase-1/1.1").map(|t| t.title.as_str()),
        Some("s")
    );
}

#[test]
fn topic_lookup_misses_unknown_ids() {
    let roadmap = parse_ok(RUST_ROADMAP);
    for id in [
        "",
        "stage-1",
        "stage-1/",
        "stage-1/5",
        "stage-3/1",
        "/1",
        "stage-1/1.3",
    ] {
        assert!(roadmap.topic(id).is_none(), "{id:?}");
    }
    assert!(roadmap.section("habits").is_none());
}

/// Lines that look like roadmap parts, to reach deep into the parser.
fn roadmap_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("## Phase 1 — A".to_string()),
        Just("# Track B".to_string()),
        Just("**Goal:** g".to_string()),
        Just("**Milestone M1:** m".to_string()),
        Just("**Capstone**: c".to_string()),
        Just("```".to_string()),
        (1u8..4).prop_map(|n| format!("{n}. **T{n}** — d")),
        (1u8..4, 1u8..4).prop_map(|(a, b)| format!("   {a}.{b} s.")),
        "[0-9#*. \t—:-]{0,12}",
        any::<String>(),
    ]
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = parse("any.md", &text);
    }

    #[test]
    fn arbitrary_heading_gets_a_clean_id(heading in any::<String>()) {
        if let Some(id) = section_id(&heading) {
            prop_assert!(!id.is_empty());
            prop_assert!(!id.contains('/'));
            prop_assert!(id.chars().all(|c| c == '-' || c.is_alphanumeric()));
        }
    }

    #[test]
    fn roadmap_like_text_parses_to_a_consistent_tree(
        lines in prop::collection::vec(roadmap_line(), 0..40)
    ) {
        let text = lines.join("\n");
        match parse("gen.md", &text) {
            Ok(roadmap) => {
                prop_assert!(!roadmap.sections.is_empty());
                let ids: Vec<&str> = roadmap.topics().map(|t| t.id.as_str()).collect();
                for id in &ids {
                    prop_assert_eq!(roadmap.topic(id).map(|t| t.id.as_str()), Some(*id));
                }
                let mut unique = ids.clone();
                unique.sort_unstable();
                unique.dedup();
                prop_assert_eq!(unique.len(), ids.len());
            }
            Err(e) => {
                prop_assert!(e.line >= 1 && e.col >= 1);
                prop_assert!(e.line as usize <= text.lines().count().max(1));
                prop_assert!(!e.hint.is_empty());
            }
        }
    }
}

mod python;
