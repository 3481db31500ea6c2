//! Turning one heading's block of recognised lines into a [`Section`], with
//! the numbering checks that give stable topic ids.

use super::lines::{Kind, Line};
use super::{section_id, Milestone, RoadmapError, Section, Topic};

/// Separators allowed between a bold topic title and its detail.
const DETAIL_SEPARATORS: [char; 4] = ['—', '–', '-', ':'];
/// What a plain (unbolded) topic title is cut at to find its detail.
const PLAIN_DETAIL_SEPARATOR: &str = " — ";

const TOPIC_SHAPE_HINT: &str = "write a topic as `1. **Title** — detail` at the start of the line";
const NUMBERING_HINT: &str =
    "number the topics of a section 1, 2, 3, … and the subtopics of topic N as N.1, N.2, …, \
     without gaps or repeats";

/// A `#`/`##` heading and the recognised lines up to the next one.
pub(super) struct Block<'l, 'a> {
    pub heading: &'l Line<'a>,
    pub text: &'a str,
    pub col: u32,
    pub body: &'l [Line<'a>],
}

impl Block<'_, '_> {
    /// Whether the block is a section: a numbered outline that also has a
    /// goal or a milestone, so numbered lists like "Practice Cadence" are not.
    pub fn is_section(&self) -> bool {
        let numbered = self
            .body
            .iter()
            .any(|l| matches!(l.kind, Kind::Topic { .. } | Kind::Subtopic { .. }));
        let framed = self
            .body
            .iter()
            .any(|l| matches!(l.kind, Kind::Goal { .. } | Kind::Milestone { .. }));
        numbered && framed
    }
}

/// Where errors point and what they name.
struct OutlinePlace<'p> {
    path: &'p str,
    section: String,
}

impl OutlinePlace<'_> {
    fn error(&self, line: u32, col: u32, message: String, hint: &str) -> RoadmapError {
        RoadmapError {
            path: self.path.to_string(),
            line,
            col,
            message,
            hint: hint.to_string(),
        }
    }
}

/// Build the section of a block that [`Block::is_section`].
pub(super) fn section(path: &str, block: &Block<'_, '_>) -> Result<Section, RoadmapError> {
    let id = section_id(block.text).ok_or_else(|| RoadmapError {
        path: path.to_string(),
        line: block.heading.line,
        col: block.col,
        message: format!("cannot make a section id from the heading {:?}", block.text),
        hint: "start the heading with a word, e.g. `## Phase 3 — Title` (id `phase-3`) or \
               `## Advanced Topics` (id `advanced`)"
            .to_string(),
    })?;
    let ctx = OutlinePlace {
        path,
        section: id.clone(),
    };
    let mut section = Section {
        id,
        title: block.text.to_string(),
        goal: None,
        topics: Vec::new(),
        milestones: Vec::new(),
        line: block.heading.line,
    };
    for line in block.body {
        match line.kind {
            Kind::Goal { text } => {
                section.goal.get_or_insert_with(|| text.to_string());
            }
            Kind::Milestone { label, id, text } => section.milestones.push(Milestone {
                id: id.to_string(),
                label: label.to_string(),
                text: text.to_string(),
                line: line.line,
            }),
            Kind::Topic {
                number,
                rest,
                rest_col,
            } => {
                let topic = topic(&ctx, &section.topics, line.line, number, rest, rest_col)?;
                section.topics.push(topic);
            }
            Kind::Subtopic {
                major,
                minor,
                text,
                col,
            } => {
                let Some(parent) = section.topics.last_mut() else {
                    return Err(ctx.error(
                        line.line,
                        col,
                        format!("subtopic {major}.{minor} comes before any topic"),
                        "put its topic line (`1. **Title**`) above it, unindented",
                    ));
                };
                let sub = subtopic(&ctx, parent, line.line, (major, minor), text, col)?;
                parent.subtopics.push(sub);
            }
            Kind::TooDeep { number, col } => {
                return Err(ctx.error(
                    line.line,
                    col,
                    format!("{number} is numbered deeper than a subtopic"),
                    "a roadmap has topics (`1.`) and subtopics (`1.1`) only: make it a subtopic or write it as prose without the number",
                ))
            }
            Kind::Heading { .. } => {}
        }
    }
    Ok(section)
}

fn topic(
    ctx: &OutlinePlace<'_>,
    earlier: &[Topic],
    line: u32,
    number: &str,
    rest: &str,
    rest_col: u32,
) -> Result<Topic, RoadmapError> {
    let expected = (earlier.len() + 1).to_string();
    if number != expected {
        let message = match earlier.iter().find(|t| t.number == number) {
            Some(twin) => format!(
                "topic {number} repeats the number of the topic on line {}",
                twin.line
            ),
            None => format!("topic {number} is out of order: expected topic {expected}"),
        };
        return Err(ctx.error(line, 1, message, NUMBERING_HINT));
    }
    let (title, detail) = title_and_detail(rest)
        .map_err(|message| ctx.error(line, rest_col, message, TOPIC_SHAPE_HINT))?;
    Ok(Topic {
        id: format!("{}/{number}", ctx.section),
        number: number.to_string(),
        title,
        detail,
        line,
        subtopics: Vec::new(),
    })
}

fn subtopic(
    ctx: &OutlinePlace<'_>,
    parent: &Topic,
    line: u32,
    (major, minor): (&str, &str),
    text: &str,
    col: u32,
) -> Result<Topic, RoadmapError> {
    let number = format!("{major}.{minor}");
    if major != parent.number {
        return Err(ctx.error(
            line,
            col,
            format!(
                "subtopic {number} is under topic {} (line {})",
                parent.number, parent.line
            ),
            &format!(
                "number it {}.N to keep it under topic {}, or move it under topic {major}",
                parent.number, parent.number
            ),
        ));
    }
    let expected = (parent.subtopics.len() + 1).to_string();
    // The minor number starts after the major digits (ASCII) and the dot.
    let minor_col = col.saturating_add(u32::try_from(major.len() + 1).unwrap_or(0));
    if minor != expected {
        let message = match parent.subtopics.iter().find(|t| t.number == number) {
            Some(twin) => format!(
                "subtopic {number} repeats the number of the subtopic on line {}",
                twin.line
            ),
            None => format!("subtopic {number} is out of order: expected {major}.{expected}"),
        };
        return Err(ctx.error(line, minor_col, message, NUMBERING_HINT));
    }
    let title = text.strip_suffix('.').unwrap_or(text).trim_end();
    if title.is_empty() {
        return Err(ctx.error(
            line,
            col,
            format!("subtopic {number} has no text"),
            "write the subtopic as `   1.2 What it covers.`",
        ));
    }
    Ok(Topic {
        id: format!("{}/{number}", ctx.section),
        number,
        title: title.to_string(),
        detail: String::new(),
        line,
        subtopics: Vec::new(),
    })
}

/// `**Files & Paths** — detail` → (`Files & Paths`, `detail`); a plain
/// `Title — detail` is cut at the em dash, and a plain title loses its
/// closing period.
fn title_and_detail(rest: &str) -> Result<(String, String), String> {
    let Some(bold) = rest.strip_prefix("**") else {
        let (title, detail) = rest
            .split_once(PLAIN_DETAIL_SEPARATOR)
            .unwrap_or((rest, ""));
        let title = title.strip_suffix('.').unwrap_or(title).trim();
        if title.is_empty() {
            return Err("the topic has no title".to_string());
        }
        return Ok((title.to_string(), detail.trim().to_string()));
    };
    let Some(close) = bold.find("**") else {
        return Err("the topic's bold title is not closed with `**`".to_string());
    };
    let inner = bold.get(..close).unwrap_or_default();
    let title = inner.trim().trim_end_matches(':').trim_end();
    if title.is_empty() {
        return Err("the topic's bold title is empty".to_string());
    }
    let after = bold.get(close + 2..).unwrap_or_default().trim_start();
    let detail = after
        .strip_prefix(DETAIL_SEPARATORS)
        .unwrap_or(after)
        .trim();
    Ok((title.to_string(), detail.to_string()))
}
