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
/// The text is made [`terminal_safe`].
pub fn plain_span(span: &Span) -> String {
    let text = terminal_safe(&span.text);
    match span.style {
        Style::Extra => format!("[-{text}-]"),
        Style::Missing => format!("{{+{text}+}}"),
        _ => text.into_owned(),
    }
}

/// Render lines as plain text (no escape codes, none from the text either),
/// for pipes and tests.
pub fn plain_text(lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        out.extend(line.0.iter().map(plain_span));
        out.push('\n');
    }
    out
}

/// Whether `c` would do something to a terminal instead of being shown:
/// C0 controls but `\n` and `\t`, DEL, C1 controls, and the bidi overrides
/// and isolates (which reorder what follows them on screen).
pub fn is_unsafe_for_terminal(c: char) -> bool {
    matches!(c,
        '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f' | '\u{80}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text made safe to write to a terminal: every character that
/// [`is_unsafe_for_terminal`] is shown instead of obeyed, C0 and DEL in caret
/// notation (`^[` for ESC, `^G` for BEL, `^?` for DEL), C1 and bidi controls
/// by code point (`<U+009B>`, `<U+202E>`). `\n` and `\t` stay. Ordinary text
/// comes back as it is, without a copy.
///
/// This is the one sanitizer of what recall prints: `Ctx::print` and the
/// prompters run everything that came from a file (decks, roadmaps,
/// imported notes) through it; the prompters' own colour codes are added
/// after it, so they still work.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe_for_terminal) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !is_unsafe_for_terminal(c) => out.push(c),
            '\x7f' => out.push_str("^?"),
            c if u32::from(c) < 0x20 => {
                out.push('^');
                out.push(char::from(b'@' + c as u8));
            }
            c => out.push_str(&format!("<U+{:04X}>", u32::from(c))),
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_not_copied() {
        for text in [
            "",
            "plain",
            "tab\there\nand a line",
            "ünïcødé → ✓ · 日本",
            "\u{a0}\u{200b}",
        ] {
            assert!(matches!(terminal_safe(text), std::borrow::Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn controls_are_shown_not_obeyed() {
        let cases = [
            ("\x1b]0;pwned\x07", "^[]0;pwned^G"),
            ("\x1b[2J", "^[[2J"),
            ("a\rb\x00c\x7f", "a^Mb^@c^?"),
            ("\u{9b}31m", "<U+009B>31m"),
            ("abc\u{202e}fed", "abc<U+202E>fed"),
            ("\u{2066}x\u{2069}", "<U+2066>x<U+2069>"),
        ];
        for (text, shown) in cases {
            assert_eq!(terminal_safe(text), shown, "{text:?}");
        }
    }

    #[test]
    fn nothing_unsafe_survives_any_control() {
        let all: String = (0u32..0x2100).filter_map(char::from_u32).collect();
        let safe = terminal_safe(&all);
        assert!(!safe.chars().any(is_unsafe_for_terminal));
        assert!(safe.contains('\n') && safe.contains('\t'));
    }

    #[test]
    fn diff_markers_wrap_the_safe_text() {
        let span = Span {
            text: "\x1b".into(),
            style: Style::Extra,
        };
        assert_eq!(plain_span(&span), "[-^[-]");
    }
}
