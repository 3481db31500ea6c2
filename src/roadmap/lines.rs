//! Line-level recognition: which lines of a roadmap are headings, topics,
//! subtopics, goals or milestones. Everything else (prose, bullets, rules,
//! quotes, `**Practice P1:**` labels) is dropped here, and so is every line
//! inside a fenced code block.

/// Deepest heading that starts (and ends) a section's block; deeper headings
/// are ordinary lines inside the block, so a `###` cannot cut a phase in two.
pub(super) const MAX_SECTION_LEVEL: usize = 2;
/// ATX headings go from `#` to `######`.
const MAX_HEADING_LEVEL: usize = 6;
/// CommonMark lets a heading or a fence be indented by up to three spaces.
const MAX_BLOCK_INDENT: usize = 3;
/// A code fence is a run of at least three backticks or tildes.
const MIN_FENCE_LEN: usize = 3;

/// What a recognised line is. Every `&str` borrows from the line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind<'a> {
    /// `## Phase 2 — …`; `col` is where the text starts.
    Heading {
        level: usize,
        text: &'a str,
        col: u32,
    },
    /// `2. **Title** — detail` at the start of the line; `rest` is what
    /// follows the number and its dot, starting at `rest_col`.
    Topic {
        number: &'a str,
        rest: &'a str,
        rest_col: u32,
    },
    /// `   1.2 text` (indented); `col` is where `major` starts.
    Subtopic {
        major: &'a str,
        minor: &'a str,
        text: &'a str,
        col: u32,
    },
    /// `   1.2.3 text`: numbered deeper than a subtopic; `number` is `1.2.3`.
    TooDeep { number: &'a str, col: u32 },
    /// `**Goal:** text`.
    Goal { text: &'a str },
    /// `**Milestone M0:** text` or `**Capstone WA:** text`.
    Milestone {
        label: &'static str,
        id: &'a str,
        text: &'a str,
    },
}

/// A recognised line and its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line<'a> {
    pub line: u32,
    pub kind: Kind<'a>,
}

impl Line<'_> {
    /// The heading level, if this line is a heading that delimits sections.
    pub fn section_level(&self) -> Option<usize> {
        match self.kind {
            Kind::Heading { level, .. } if level <= MAX_SECTION_LEVEL => Some(level),
            _ => None,
        }
    }
}

/// The recognised lines of `text`, in order, outside fenced code.
pub(super) fn classify(text: &str) -> Vec<Line<'_>> {
    let mut fence: Option<Fence> = None;
    let mut out = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = line_number(index);
        if let Some(open) = fence {
            if open.is_closed_by(raw) {
                fence = None;
            }
            continue;
        }
        if let Some(open) = Fence::opened_by(raw) {
            fence = Some(open);
            continue;
        }
        if let Some(kind) = kind_of(raw) {
            out.push(Line { line, kind });
        }
    }
    out
}

/// 1-based line number from a 0-based index; a file with more than
/// `u32::MAX` lines just reports its last ones as `u32::MAX`.
fn line_number(index: usize) -> u32 {
    u32::try_from(index).map_or(u32::MAX, |i| i.saturating_add(1))
}

/// 1-based column (in characters) where `suffix`, a tail of `raw`, starts.
fn col_of(raw: &str, suffix: &str) -> u32 {
    let offset = raw.len().saturating_sub(suffix.len());
    let chars = raw.get(..offset).map_or(0, |head| head.chars().count());
    u32::try_from(chars).map_or(u32::MAX, |c| c.saturating_add(1))
}

#[derive(Debug, Clone, Copy)]
struct Fence {
    marker: char,
    len: usize,
}

impl Fence {
    fn opened_by(raw: &str) -> Option<Fence> {
        let body = strip_block_indent(raw)?;
        let marker = body.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let len = body.chars().take_while(|c| *c == marker).count();
        (len >= MIN_FENCE_LEN).then_some(Fence { marker, len })
    }

    fn is_closed_by(self, raw: &str) -> bool {
        let Some(body) = strip_block_indent(raw) else {
            return false;
        };
        let len = body.chars().take_while(|c| *c == self.marker).count();
        let after = body.trim_start_matches(self.marker);
        len >= self.len && after.trim().is_empty()
    }
}

/// The line without its indentation, if that is at most three spaces.
fn strip_block_indent(raw: &str) -> Option<&str> {
    let body = raw.trim_start_matches(' ');
    (raw.len() - body.len() <= MAX_BLOCK_INDENT).then_some(body)
}

fn kind_of(raw: &str) -> Option<Kind<'_>> {
    heading(raw)
        .or_else(|| topic(raw))
        .or_else(|| subtopic(raw))
        .or_else(|| labelled(raw))
}

fn heading(raw: &str) -> Option<Kind<'_>> {
    let body = strip_block_indent(raw)?;
    let after_hashes = body.trim_start_matches('#');
    let level = body.len() - after_hashes.len();
    if level == 0 || level > MAX_HEADING_LEVEL {
        return None;
    }
    if !(after_hashes.is_empty() || after_hashes.starts_with([' ', '\t'])) {
        return None;
    }
    let text = strip_closing_hashes(after_hashes.trim());
    Some(Kind::Heading {
        level,
        text,
        col: col_of(raw, after_hashes.trim_start()),
    })
}

/// `## Title ##` → `Title`; a `#` glued to a word (`C#`) is kept.
fn strip_closing_hashes(text: &str) -> &str {
    let without = text.trim_end_matches('#');
    if without.len() == text.len() {
        text
    } else if without.is_empty() || without.ends_with([' ', '\t']) {
        without.trim_end()
    } else {
        text
    }
}

/// Leading ASCII digits of `s` and what follows them.
fn split_digits(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    match (s.get(..end), s.get(end..)) {
        (Some(digits), Some(rest)) => (digits, rest),
        _ => ("", s),
    }
}

/// Whether `s` is empty or starts with whitespace: the end of a list marker.
fn ends_marker(s: &str) -> bool {
    s.chars().next().is_none_or(char::is_whitespace)
}

fn topic(raw: &str) -> Option<Kind<'_>> {
    let (number, after) = split_digits(raw);
    let rest = after.strip_prefix('.')?;
    if number.is_empty() || !ends_marker(rest) {
        return None;
    }
    let rest = rest.trim_start();
    Some(Kind::Topic {
        number,
        rest: rest.trim_end(),
        rest_col: col_of(raw, rest),
    })
}

fn subtopic(raw: &str) -> Option<Kind<'_>> {
    let body = raw.trim_start();
    if body.len() == raw.len() {
        return None;
    }
    let (major, after) = split_digits(body);
    let (minor, after) = split_digits(after.strip_prefix('.')?);
    if major.is_empty() || minor.is_empty() {
        return None;
    }
    if let Some(number) = too_deep(body, after) {
        return Some(Kind::TooDeep {
            number,
            col: col_of(raw, body),
        });
    }
    let after = after.strip_prefix('.').unwrap_or(after);
    if !ends_marker(after) {
        return None;
    }
    Some(Kind::Subtopic {
        major,
        minor,
        text: after.trim(),
        col: col_of(raw, body),
    })
}

/// `1.2` followed by `after` = `.3 text` (or `.3.4. text`, …): a number
/// deeper than a subtopic, which is refused rather than read as prose.
fn too_deep<'a>(body: &'a str, mut after: &'a str) -> Option<&'a str> {
    let mut deeper = false;
    while let Some(rest) = after.strip_prefix('.') {
        let (part, rest) = split_digits(rest);
        if part.is_empty() {
            break;
        }
        deeper = true;
        after = rest;
    }
    let number = body.get(..body.len() - after.len())?;
    let after = after.strip_prefix('.').unwrap_or(after);
    (deeper && ends_marker(after)).then_some(number)
}

/// `**Goal:** …`, `**Milestone M0:** …`, `**Capstone WA**: …`.
fn labelled(raw: &str) -> Option<Kind<'_>> {
    let bold = raw.trim().strip_prefix("**")?;
    let close = bold.find("**")?;
    let inner = bold.get(..close)?.trim();
    let after = bold.get(close + 2..)?;
    let (label, after) = match inner.strip_suffix(':') {
        Some(label) => (label.trim(), after),
        None => (inner, after.trim_start().strip_prefix(':')?),
    };
    let text = after.trim();
    if label.eq_ignore_ascii_case("goal") {
        return Some(Kind::Goal { text });
    }
    let mut words = label.split_whitespace();
    let (word, id) = (words.next()?, words.next()?);
    if words.next().is_some() {
        return None;
    }
    let label = ["Milestone", "Capstone"]
        .into_iter()
        .find(|known| known.eq_ignore_ascii_case(word))?;
    Some(Kind::Milestone { label, id, text })
}
