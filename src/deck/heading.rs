//! `#` section headings and `##`/`###` topic headings.

use super::{section_id, DeckError, DeckSource};

pub(super) const SECTION_EXAMPLE: &str = "`# Phase 2 — Standard Library Power`";
const TOPIC_HINT: &str = "start the heading with the roadmap number of a topic: `## 6 Functional Helpers`, `### 1.2 Install an editor`";

/// The file's `#` heading.
pub(super) struct SectionHeading {
    pub id: String,
    pub title: String,
    pub line: u32,
}

/// A heading line being read.
pub(super) struct HeadingAt<'a> {
    pub ctx: &'a DeckSource<'a>,
    pub no: u32,
    pub text: &'a str,
    pub text_col: u32,
}

impl HeadingAt<'_> {
    /// The section a `#` heading names; `first` is an earlier `#` heading.
    pub(super) fn section(
        &self,
        first: Option<&SectionHeading>,
    ) -> Result<SectionHeading, DeckError> {
        if let Some(first) = first {
            return Err(self.ctx.err(
                self.no,
                1,
                format!("a second `#` heading (the first is at line {})", first.line),
                "a deck file covers one roadmap section: make this heading `##`, or move its cards to a file of their own",
            ));
        }
        let text = self.text;
        let id = section_id(text).ok_or_else(|| {
            self.ctx.err(
                self.no,
                self.text_col,
                format!("cannot tell the roadmap section from the heading {text:?}"),
                format!("start the heading with the section's name, e.g. {SECTION_EXAMPLE}"),
            )
        })?;
        Ok(SectionHeading {
            id,
            title: text.to_string(),
            line: self.no,
        })
    }

    /// The full topic id (`phase-0/1.2`) a `##`/`###` heading names.
    pub(super) fn topic(&self, section: Option<&SectionHeading>) -> Result<String, DeckError> {
        let Some(section) = section else {
            return Err(self.ctx.err(
                self.no,
                1,
                "topic heading before the `#` section heading",
                format!("start the file with the roadmap section heading, e.g. {SECTION_EXAMPLE}"),
            ));
        };
        let token = self.text.split_whitespace().next().unwrap_or("");
        let number = topic_number(token).ok_or_else(|| {
            let message = if token.is_empty() {
                "topic heading without a number".to_string()
            } else {
                format!("{token:?} is not a topic number")
            };
            self.ctx.err(self.no, self.text_col, message, TOPIC_HINT)
        })?;
        Ok(format!("{}/{number}", section.id))
    }
}

/// `1`, `1.2` (a trailing `.` as in `1.` is allowed) → the number; anything
/// else → `None`.
pub(super) fn topic_number(token: &str) -> Option<String> {
    let number = token.strip_suffix('.').unwrap_or(token);
    let valid = !number.is_empty()
        && number
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    valid.then(|| number.to_string())
}

#[cfg(test)]
mod tests {
    use super::topic_number;

    #[test]
    fn topic_numbers_are_dotted_digits() {
        let cases = [
            ("1", Some("1")),
            ("1.", Some("1")),
            ("1.2", Some("1.2")),
            ("10.12", Some("10.12")),
            ("1..2", None),
            (".1", None),
            ("One", None),
            ("1a", None),
            ("", None),
        ];
        for (token, want) in cases {
            assert_eq!(topic_number(token).as_deref(), want, "{token:?}");
        }
    }
}
