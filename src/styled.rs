//! Styled text: lines of spans with semantic styles. What the learner sees
//! is built from these by the views and reports; only a prompter or a
//! renderer at the edge decides how (or whether) to colour them.

/// The role of a piece of text; the prompter maps it to colour or to nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Plain,
    Dim,
    Heading,
    Prompt,
    Code,
    Answer,
    Good,
    Bad,
    /// Typed but not expected (in a diff).
    Extra,
    /// Expected but not typed (in a diff).
    Missing,
    /// Python syntax in code (see [`crate::ui::highlight`]).
    Keyword,
    Str,
    Number,
    Comment,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

/// One line of output, made of styled spans.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line(pub Vec<Span>);

impl Line {
    pub fn new() -> Line {
        Line(Vec::new())
    }

    pub fn styled(text: impl Into<String>, style: Style) -> Line {
        Line::new().push(text, style)
    }

    pub fn plain(text: impl Into<String>) -> Line {
        Line::styled(text, Style::Plain)
    }

    pub fn push(mut self, text: impl Into<String>, style: Style) -> Line {
        self.0.push(Span {
            text: text.into(),
            style,
        });
        self
    }

    /// The text without styles.
    pub fn text(&self) -> String {
        self.0.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A span as plain text. Diff parts get git-style markers, since without
/// colour nothing else tells them apart.
pub fn plain_span(span: &Span) -> String {
    match span.style {
        Style::Extra => format!("[-{}-]", span.text),
        Style::Missing => format!("{{+{}+}}", span.text),
        _ => span.text.clone(),
    }
}

/// Render lines as plain text (no escape codes), for pipes and tests.
pub fn plain_text(lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        out.extend(line.0.iter().map(plain_span));
        out.push('\n');
    }
    out
}
