//! Cloze text: `{{text}}` and `{{text::hint}}` deletions, `\{\{` for a literal `{{`.

const OPEN: &str = "{{";
const CLOSE: &str = "}}";
const ESCAPED_OPEN: &str = "\\{\\{";
const HINT_SEP: &str = "::";
/// What a deletion is replaced by in a card's identity key, so that editing
/// the deleted text or its hint keeps the card's id.
const MASK: &str = "{{}}";

/// One `{{…}}` deletion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Deletion {
    pub text: String,
    pub hint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Deletion(usize),
}

/// A parsed cloze text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cloze {
    segments: Vec<Segment>,
    pub deletions: Vec<Deletion>,
    /// The source text with every deletion replaced by `{{}}`, trimmed.
    pub masked: String,
}

/// What is wrong with a cloze text, at a byte offset of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ClozeError {
    NoDeletion,
    Unclosed(usize),
    Nested(usize),
    Empty(usize),
}

pub(super) fn parse(source: &str) -> Result<Cloze, ClozeError> {
    let mut segments = Vec::new();
    let mut deletions = Vec::new();
    let mut literal = String::new();
    let mut masked = String::new();
    let mut i = 0;
    while let Some(rest) = source.get(i..).filter(|r| !r.is_empty()) {
        if rest.starts_with(ESCAPED_OPEN) {
            literal.push_str(OPEN);
            masked.push_str(ESCAPED_OPEN);
            i += ESCAPED_OPEN.len();
        } else if rest.starts_with(OPEN) {
            let body_start = i + OPEN.len();
            let body_len = source[body_start..]
                .find(CLOSE)
                .ok_or(ClozeError::Unclosed(i))?;
            let body = &source[body_start..body_start + body_len];
            if let Some(nested) = body.find(OPEN) {
                return Err(ClozeError::Nested(body_start + nested));
            }
            let (text, hint) = match body.split_once(HINT_SEP) {
                Some((text, hint)) => (text, Some(hint.trim())),
                None => (body, None),
            };
            let text = text.trim().replace(ESCAPED_OPEN, OPEN);
            if text.is_empty() {
                return Err(ClozeError::Empty(i));
            }
            segments.push(Segment::Literal(std::mem::take(&mut literal)));
            segments.push(Segment::Deletion(deletions.len()));
            deletions.push(Deletion {
                text,
                hint: hint.filter(|h| !h.is_empty()).map(str::to_string),
            });
            masked.push_str(MASK);
            i = body_start + body_len + CLOSE.len();
        } else {
            let ch = rest.chars().next().unwrap_or_default();
            literal.push(ch);
            masked.push(ch);
            i += ch.len_utf8().max(1);
        }
    }
    if deletions.is_empty() {
        return Err(ClozeError::NoDeletion);
    }
    segments.push(Segment::Literal(literal));
    Ok(Cloze {
        segments,
        deletions,
        masked: masked.trim().to_string(),
    })
}

impl Cloze {
    /// The text as shown for deletion `index`: that one as `[...]` or
    /// `[hint]`, the others filled in.
    pub(super) fn prompt(&self, index: usize) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Literal(text) => out.push_str(text),
                Segment::Deletion(n) if *n == index => {
                    let hint = self.deletions[*n].hint.as_deref().unwrap_or("...");
                    out.push('[');
                    out.push_str(hint);
                    out.push(']');
                }
                Segment::Deletion(n) => out.push_str(&self.deletions[*n].text),
            }
        }
        out.trim().to_string()
    }

    /// The identity key of deletion `index`.
    pub(super) fn key(&self, index: usize) -> String {
        format!("cloze:{}#{index}", self.masked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletions_render_one_masked_others_filled() {
        let cloze = parse("`{{deque}}` pops at both ends in {{O(1)::big-O}} time.").unwrap();
        assert_eq!(cloze.deletions.len(), 2);
        assert_eq!(cloze.prompt(0), "`[...]` pops at both ends in O(1) time.");
        assert_eq!(
            cloze.prompt(1),
            "`deque` pops at both ends in [big-O] time."
        );
        assert_eq!(cloze.masked, "`{{}}` pops at both ends in {{}} time.");
        assert_eq!(
            cloze.key(1),
            "cloze:`{{}}` pops at both ends in {{}} time.#1"
        );
    }

    #[test]
    fn escaped_braces_are_literal() {
        let cloze = parse(r"f-strings write \{\{ as {{\{\{}}").unwrap();
        assert_eq!(cloze.deletions[0].text, "{{");
        assert_eq!(cloze.prompt(0), "f-strings write {{ as [...]");
    }

    #[test]
    fn bad_cloze_text_is_refused_at_its_offset() {
        let cases = [
            ("no deletions", ClozeError::NoDeletion),
            ("a {{b", ClozeError::Unclosed(2)),
            ("a {{b {{c}} d}}", ClozeError::Nested(6)),
            ("a {{ ::hint}}", ClozeError::Empty(2)),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), Err(want), "{text}");
        }
    }
}
