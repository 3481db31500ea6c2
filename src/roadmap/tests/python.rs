//! The real Python roadmap shipped with recall.

use crate::roadmap::*;

const PATH: &str = "roadmap/python-roadmap.md";
const TEXT: &str = include_str!("../../../roadmap/python-roadmap.md");

/// Section id, topics, topics + subtopics, milestone id — as the file has them.
const EXPECTED: [(&str, usize, usize, &str); 16] = [
    ("phase-0", 5, 19, "M0"),
    ("phase-1", 7, 22, "M1"),
    ("phase-2", 9, 9, "M2"),
    ("phase-3", 8, 8, "M3"),
    ("phase-4", 7, 7, "M4"),
    ("phase-5", 6, 6, "M5"),
    ("phase-6", 7, 7, "M6"),
    ("phase-7", 6, 6, "M7"),
    ("phase-8", 6, 6, "M8"),
    ("track-a", 7, 7, "WA"),
    ("track-b", 6, 6, "DS"),
    ("track-c", 5, 5, "AU"),
    ("track-d", 6, 6, "DV"),
    ("track-e", 6, 6, "SR"),
    ("advanced", 5, 5, "AI"),
    ("portfolio", 5, 5, "MP"),
];

/// Topics and subtopics in the whole file.
const TOTAL_TOPICS: usize = 130;

fn roadmap() -> Roadmap {
    match parse(PATH, TEXT) {
        Ok(roadmap) => roadmap,
        Err(e) => panic!("{e} ({})", e.hint),
    }
}

fn topic<'r>(roadmap: &'r Roadmap, id: &str) -> &'r Topic {
    roadmap.topic(id).unwrap_or_else(|| panic!("no topic {id}"))
}

#[test]
fn python_roadmap_has_the_sixteen_sections_in_order() {
    let roadmap = roadmap();
    let ids: Vec<&str> = roadmap.sections.iter().map(|s| s.id.as_str()).collect();
    let expected: Vec<&str> = EXPECTED.iter().map(|e| e.0).collect();
    assert_eq!(ids, expected);
    assert_eq!(
        roadmap.title,
        "Python Roadmap: Beginner → Advanced (Phased & Numbered)"
    );
}

#[test]
fn python_roadmap_counts_topics_per_section() {
    let roadmap = roadmap();
    for (id, topics, with_subtopics, _) in EXPECTED {
        let section = roadmap.section(id).unwrap_or_else(|| panic!("no {id}"));
        assert_eq!(section.topics.len(), topics, "{id} topics");
        let all: usize = section.topics.iter().map(|t| 1 + t.subtopics.len()).sum();
        assert_eq!(all, with_subtopics, "{id} topics + subtopics");
    }
    assert_eq!(roadmap.topics().count(), TOTAL_TOPICS);
}

#[test]
fn python_roadmap_attaches_one_milestone_per_section() {
    let roadmap = roadmap();
    for (id, _, _, milestone) in EXPECTED {
        let section = roadmap.section(id).unwrap_or_else(|| panic!("no {id}"));
        let ids: Vec<&str> = section.milestones.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, [milestone], "{id}");
        let label = if id.starts_with("phase") || id == "portfolio" {
            "Milestone"
        } else {
            "Capstone"
        };
        assert_eq!(section.milestones[0].label, label, "{id}");
    }
    let m0 = &roadmap.sections[0].milestones[0];
    assert_eq!(
        m0.text,
        "You can create a venv, install a package, run a script, push to GitHub."
    );
    assert_eq!(
        TEXT.lines()
            .nth(m0.line as usize - 1)
            .map(|l| l.starts_with("**Milestone M0:**")),
        Some(true)
    );
}

#[test]
fn python_roadmap_spot_checks_titles_and_details() {
    let roadmap = roadmap();
    let cases = [
        ("phase-2/1", "Files & Paths", "`pathlib`, `os`, `shutil`"),
        ("phase-0/1", "Installations", ""),
        ("phase-0/1.2", "Install an editor: VS Code / PyCharm", ""),
        ("phase-0/5.3", "Keep a \"bugs & lessons\" diary", ""),
        ("phase-1/7.1", "PEP 8, formatter (Black) preview", ""),
        (
            "phase-3/8",
            "Design Patterns",
            "Strategy, Factory, Adapter, Observer (pythonic takes)",
        ),
        (
            "track-b/5",
            "Deep Learning (overview)",
            "PyTorch/TensorFlow, training loops",
        ),
        (
            "advanced/4",
            "Internals",
            "bytecode (`dis`), refcounting & GC, descriptor protocol deep dive",
        ),
        (
            "portfolio/1",
            "CLI Suite",
            "cross-platform, typed, tested, packaged, and released.",
        ),
    ];
    for (id, title, detail) in cases {
        let t = topic(&roadmap, id);
        assert_eq!(t.id, id);
        assert_eq!(t.title, title, "{id}");
        assert_eq!(t.detail, detail, "{id}");
    }
    assert!(topic(&roadmap, "phase-2/1").detail.contains("pathlib"));
    assert_eq!(topic(&roadmap, "phase-0/1.2").number, "1.2");
    assert!(roadmap.topic("phase-2/10").is_none());
    assert!(roadmap.topic("phase-2").is_none());
}

#[test]
fn python_roadmap_topics_run_topic_then_its_subtopics() {
    let roadmap = roadmap();
    let first: Vec<&str> = roadmap.topics().take(6).map(|t| t.id.as_str()).collect();
    assert_eq!(
        first,
        [
            "phase-0/1",
            "phase-0/1.1",
            "phase-0/1.2",
            "phase-0/1.3",
            "phase-0/2",
            "phase-0/2.1"
        ]
    );
    let last = roadmap.topics().last().map(|t| t.id.as_str());
    assert_eq!(last, Some("portfolio/5"));
}

#[test]
fn python_roadmap_topic_ids_are_unique_and_all_found() {
    let roadmap = roadmap();
    let mut ids: Vec<&str> = roadmap.topics().map(|t| t.id.as_str()).collect();
    for id in &ids {
        assert_eq!(roadmap.topic(id).map(|t| t.id.as_str()), Some(*id));
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), TOTAL_TOPICS);
}

#[test]
fn python_roadmap_keeps_goals_and_heading_lines() {
    let roadmap = roadmap();
    let phase2 = roadmap
        .section("phase-2")
        .unwrap_or_else(|| panic!("no phase-2"));
    assert_eq!(
        phase2.title,
        "Phase 2 — Standard Library Power (Early-Intermediate)"
    );
    assert_eq!(
        phase2.goal.as_deref(),
        Some("Work effectively with the most useful stdlib modules.")
    );
    assert_eq!(
        TEXT.lines().nth(phase2.line as usize - 1),
        Some("## Phase 2 — Standard Library Power (Early-Intermediate)")
    );
    let tracks = roadmap
        .section("track-a")
        .unwrap_or_else(|| panic!("no track-a"));
    assert_eq!(tracks.goal, None);
}
