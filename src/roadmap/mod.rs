//! Parse a phased, numbered Markdown outline (like `python-roadmap.md`) into a
//! topic tree with stable ids: sections `phase-2`, `track-b`, `advanced`;
//! topics `phase-2/5`; subtopics `phase-0/1.2`.
//!
//! # The rules
//!
//! - The document's **title** is its first `#` heading (empty if it has none).
//! - A `#` or `##` heading opens a *block* that runs to the next `#`/`##`
//!   heading; deeper headings (`###`…) are ordinary lines inside it. Lines
//!   inside fenced code blocks (```` ``` ```` or `~~~`) are ignored, headings
//!   included.
//! - A block is a **section** when it holds a numbered outline *and* a
//!   `**Goal:** …` line or a `**Milestone X:** …`/`**Capstone X:** …` line.
//!   So a numbered list with neither ("Practice Cadence") and a heading with
//!   no topics ("Specialization Tracks") are not sections; nothing in them is
//!   checked.
//! - **Section ids** come from [`section_id`]: `Phase 2 — …` → `phase-2`,
//!   `Track A — …` → `track-a`, otherwise the first word (`Advanced Topics` →
//!   `advanced`). Two sections with the same id are an error.
//! - A **topic** is an unindented `N. **Title** — detail` line (the separator
//!   may also be `–`, `-` or `:`, or absent with no detail). Its id is
//!   `<section>/<N>`, its title the bold text, its detail the rest with its
//!   Markdown kept. An unbolded `N. Title — detail` is cut at ` — `.
//! - A **subtopic** is an indented `N.M text` line (`   1.2 Install an
//!   editor.`) under topic `N`; its id is `<section>/N.M`, its title the
//!   text without the closing period, its detail empty. An indented line
//!   numbered deeper (`   1.2.3 text`) is an error, not prose.
//! - Topics are numbered 1, 2, 3, … and the subtopics of topic N as N.1,
//!   N.2, …: a gap, a repeat, a subtopic under the wrong topic or before any
//!   topic is an error.
//! - `**Milestone M0:** text` and `**Capstone WA:** text` lines become the
//!   section's [`Milestone`]s; the first `**Goal:**` line its goal. Bullets,
//!   prose and other bold labels (`**Practice P1:**`) are skipped.
//! - A document with no section at all is an error.
//!
//! Errors carry the path, a 1-based line and column (in characters) and a
//! hint. The parser is pure and never panics.

mod id;
mod lines;
mod outline;

#[cfg(test)]
mod tests;

use serde::Serialize;

pub use id::section_id;

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

impl Topic {
    /// This topic followed by its subtopics.
    fn with_subtopics(&self) -> impl Iterator<Item = &Topic> {
        std::iter::once(self).chain(self.subtopics.iter())
    }
}

impl Roadmap {
    /// Every topic and subtopic in roadmap order (a topic, then its
    /// subtopics, then the next topic).
    pub fn topics(&self) -> impl Iterator<Item = &Topic> {
        self.sections
            .iter()
            .flat_map(|s| s.topics.iter())
            .flat_map(Topic::with_subtopics)
    }

    /// The topic or subtopic with this id (`phase-2/1`, `phase-0/1.2`).
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        // Section ids never contain `/`, so only one section is scanned.
        let (section, _) = id.split_once('/')?;
        self.section(section)?
            .topics
            .iter()
            .flat_map(Topic::with_subtopics)
            .find(|t| t.id == id)
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
    /// What to do about it.
    pub hint: String,
}

const NO_SECTIONS_HINT: &str = "a roadmap needs at least one section: a `#` or `##` heading, a \
     `**Goal:** …` line, numbered topics `1. **Title** — detail` with optional indented \
     subtopics `   1.1 text`, and optionally a closing `**Milestone M1:** …` line";

/// Parse a roadmap. Pure: `path` is only used in errors.
pub fn parse(path: &str, text: &str) -> Result<Roadmap, RoadmapError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = lines::classify(text);
    let title = lines
        .iter()
        .find_map(|l| match l.kind {
            lines::Kind::Heading { level: 1, text, .. } => Some(text.to_string()),
            _ => None,
        })
        .unwrap_or_default();
    let mut sections: Vec<Section> = Vec::new();
    for block in blocks(&lines).filter(outline::Block::is_section) {
        let section = outline::section(path, &block)?;
        if let Some(first) = sections.iter().find(|s| s.id == section.id) {
            return Err(RoadmapError {
                path: path.to_string(),
                line: section.line,
                col: block.col,
                message: format!(
                    "section id `{}` is already used by the heading on line {}",
                    section.id, first.line
                ),
                hint: "start each section heading differently: `Phase 3 — …` gives `phase-3`, \
                       otherwise the first word is the id"
                    .to_string(),
            });
        }
        sections.push(section);
    }
    if sections.is_empty() {
        return Err(RoadmapError {
            path: path.to_string(),
            line: 1,
            col: 1,
            message: "no numbered topics found".to_string(),
            hint: NO_SECTIONS_HINT.to_string(),
        });
    }
    Ok(Roadmap { title, sections })
}

/// The `#`/`##` headings of `lines`, each with the lines up to the next one.
fn blocks<'l, 'a>(lines: &'l [lines::Line<'a>]) -> impl Iterator<Item = outline::Block<'l, 'a>> {
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.section_level().is_some())
        .map(|(i, _)| i)
        .collect();
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .copied()
        .chain([lines.len()])
        .collect();
    starts
        .into_iter()
        .zip(ends)
        .filter_map(move |(start, end)| {
            let heading = lines.get(start)?;
            let lines::Kind::Heading { text, col, .. } = heading.kind else {
                return None;
            };
            Some(outline::Block {
                heading,
                text,
                col,
                body: lines.get(start + 1..end)?,
            })
        })
}
