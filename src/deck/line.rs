//! What a single deck line is, before context decides what it means.

use super::text::col_at;
use crate::card::CardKind;

/// Markdown allows at most six `#`.
const MAX_HEADING_LEVEL: usize = 6;
/// Markdown allows a fence to be indented by up to three spaces.
const MAX_FENCE_INDENT: usize = 3;
/// A fence is at least three backticks or tildes.
const MIN_FENCE_LEN: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marker {
    Card(CardKind),
    Answer,
    Note,
    /// An explicit card id: `ID: name` (see `docs/deck-format.md`, Identity).
    Id,
    /// How typed answers are compared: `Match: exact` (see `docs/deck-format.md`).
    Match,
}

impl Marker {
    pub(super) fn label(self) -> &'static str {
        match self {
            Marker::Card(CardKind::Basic) => "Q:",
            Marker::Card(CardKind::Typed) => "T:",
            Marker::Card(CardKind::Cloze) => "C:",
            Marker::Card(CardKind::Eval) => "E:",
            Marker::Answer => "A:",
            Marker::Note => "N:",
            Marker::Id => "ID:",
            Marker::Match => "Match:",
        }
    }
}

const MARKERS: [Marker; 8] = [
    Marker::Card(CardKind::Basic),
    Marker::Card(CardKind::Typed),
    Marker::Card(CardKind::Cloze),
    Marker::Card(CardKind::Eval),
    Marker::Answer,
    Marker::Note,
    Marker::Id,
    Marker::Match,
];

/// An opening code fence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fence<'a> {
    pub ch: char,
    pub len: usize,
    /// The info string's first word, e.g. `python`.
    pub lang: &'a str,
    pub col: u32,
}

impl Fence<'_> {
    /// Whether `line` closes this fence.
    pub(super) fn is_closed_by(&self, line: &str) -> bool {
        let t = line.trim();
        t.len() >= self.len && t.chars().all(|c| c == self.ch)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Line<'a> {
    Blank,
    Heading {
        level: usize,
        text: &'a str,
        text_col: u32,
    },
    Marker {
        marker: Marker,
        /// What follows the marker, trimmed.
        rest: &'a str,
        rest_col: u32,
    },
    Fence(Fence<'a>),
    Text,
}

pub(super) fn classify(line: &str) -> Line<'_> {
    if line.trim().is_empty() {
        return Line::Blank;
    }
    if let Some(heading) = heading(line) {
        return heading;
    }
    if let Some(fence) = fence(line) {
        return Line::Fence(fence);
    }
    for marker in MARKERS {
        if let Some(after) = line.strip_prefix(marker.label()) {
            // An empty field is reported right after its marker.
            let lead = if after.trim().is_empty() {
                0
            } else {
                after.len() - after.trim_start().len()
            };
            let at = marker.label().len() + lead;
            return Line::Marker {
                marker,
                rest: after.trim(),
                rest_col: col_at(line, at),
            };
        }
    }
    Line::Text
}

fn heading(line: &str) -> Option<Line<'_>> {
    let level = line.len() - line.trim_start_matches('#').len();
    if level == 0 || level > MAX_HEADING_LEVEL {
        return None;
    }
    let after = &line[level..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let lead = after.len() - after.trim_start().len();
    let mut text = after.trim();
    // An optional closing sequence: `## 1 Installations ##`.
    let without_closing = text.trim_end_matches('#');
    if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
        text = without_closing.trim_end();
    }
    Some(Line::Heading {
        level,
        text,
        text_col: col_at(line, level + lead),
    })
}

fn fence(line: &str) -> Option<Fence<'_>> {
    let body = line.trim_start_matches(' ');
    let indent = line.len() - body.len();
    if indent > MAX_FENCE_INDENT {
        return None;
    }
    let ch = body.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = body.len() - body.trim_start_matches(ch).len();
    if len < MIN_FENCE_LEN {
        return None;
    }
    let info = body[len..].trim();
    // Markdown: a backtick fence's info string has no backticks (```a``` is inline code).
    if ch == '`' && info.contains('`') {
        return None;
    }
    Some(Fence {
        ch,
        len,
        lang: info.split_whitespace().next().unwrap_or(""),
        col: col_at(line, indent),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_classified() {
        let cases: [(&str, Line); 10] = [
            ("   ", Line::Blank),
            (
                "# Phase 2 — x",
                Line::Heading {
                    level: 1,
                    text: "Phase 2 — x",
                    text_col: 3,
                },
            ),
            (
                "## 1 Files ##",
                Line::Heading {
                    level: 2,
                    text: "1 Files",
                    text_col: 4,
                },
            ),
            ("#include <x>", Line::Text),
            ("####### seven", Line::Text),
            (
                "Q:  What?  ",
                Line::Marker {
                    marker: Marker::Card(CardKind::Basic),
                    rest: "What?",
                    rest_col: 5,
                },
            ),
            (
                "A:",
                Line::Marker {
                    marker: Marker::Answer,
                    rest: "",
                    rest_col: 3,
                },
            ),
            (
                "```python",
                Line::Fence(Fence {
                    ch: '`',
                    len: 3,
                    lang: "python",
                    col: 1,
                }),
            ),
            ("```a```", Line::Text),
            ("q: lower case is text", Line::Text),
        ];
        for (line, want) in cases {
            assert_eq!(classify(line), want, "{line:?}");
        }
    }

    #[test]
    fn fences_close_with_at_least_as_many_marks() {
        let Line::Fence(fence) = classify("````text") else {
            panic!("not a fence");
        };
        assert!(!fence.is_closed_by("```"));
        assert!(fence.is_closed_by("`````"));
        assert!(!fence.is_closed_by("~~~~"));
    }
}
