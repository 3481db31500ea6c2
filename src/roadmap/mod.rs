//! Parse a phased, numbered Markdown outline (like `python-roadmap.md`) into a
//! topic tree with stable ids: sections `phase-2`, `track-b`, `advanced`;
//! topics `phase-2/5`; subtopics `phase-0/1.2`.
//!
//! STUB: the roadmap parser is being written; the API below is the contract.

use serde::Serialize;

/// A parsed roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Roadmap {
    /// The `#` title of the document.
    pub title: String,
    /// Sections in document order.
    pub sections: Vec<Section>,
}

/// A phase, track or other block of numbered topics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// `phase-2`, `track-a`, `advanced`, `portfolio` (see [`section_id`]).
    pub id: String,
    /// The heading text, e.g. `Phase 2 — Standard Library Power`.
    pub title: String,
    /// The `**Goal:**` line, if any.
    pub goal: Option<String>,
    pub topics: Vec<Topic>,
    /// Milestones and capstones that close the section.
    pub milestones: Vec<Milestone>,
    /// 1-based line of the heading.
    pub line: u32,
}

/// A numbered topic or subtopic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Topic {
    /// `phase-2/1`, `phase-0/1.2`.
    pub id: String,
    /// `1`, `1.2`.
    pub number: String,
    /// The bold title (`Files & Paths`) or, for a subtopic, its text.
    pub title: String,
    /// What follows the title on the line (`` `pathlib`, `os`, `shutil` ``), Markdown kept.
    pub detail: String,
    pub line: u32,
    pub subtopics: Vec<Topic>,
}

/// `**Milestone M2:** …` or `**Capstone WA:** …`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Milestone {
    /// `M2`, `WA`, `MP`.
    pub id: String,
    /// `Milestone` or `Capstone`.
    pub label: String,
    pub text: String,
    pub line: u32,
}

/// The id of a section heading: `Phase 2 — …` → `phase-2`, `Track A — …` →
/// `track-a`; otherwise the first word, lowercased: `Advanced Topics …` → `advanced`.
pub fn section_id(heading: &str) -> Option<String> {
    let _ = heading;
    None
}

impl Roadmap {
    /// Every topic and subtopic in roadmap order (a topic before its subtopics).
    pub fn topics(&self) -> impl Iterator<Item = &Topic> {
        self.sections.iter().flat_map(|s| s.topics.iter())
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics().find(|t| t.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

/// A roadmap that cannot be parsed, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{col}: {message}")]
pub struct RoadmapError {
    pub path: String,
    pub line: u32,
    pub col: u32,
    pub message: String,
    pub hint: String,
}

pub fn parse(path: &str, text: &str) -> Result<Roadmap, RoadmapError> {
    let _ = (path, text);
    Ok(Roadmap {
        title: String::new(),
        sections: Vec::new(),
    })
}
