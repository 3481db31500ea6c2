//! Anki fields are HTML; recall's cards are plain text. Text goes in with
//! `&`, `<`, `>` escaped and line breaks as `<br>`; HTML comes out either as
//! plain text ([`to_text`]: tags dropped, as Anki's own checksum does) or as
//! the text a terminal shows ([`to_markup`]: code blocks fenced as in
//! recall's deck format, lists with bullets, emphasis as Markdown).
//!
//! Anki's editor writes a small, regular subset of HTML, so a tag scanner is
//! enough; a full HTML5 parser would cost more build time than it earns.

/// Plain text as the HTML of an Anki field.
pub fn from_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            // A raw unit separator would split the note's fields in two.
            super::FIELD_SEPARATOR => out.push_str(SEPARATOR_ENTITY),
            c => out.push(c),
        }
    }
    out
}

/// recall's text as the HTML of an Anki field, as [`from_text`] but with
/// each fenced code block (```` ``` ```` or `~~~` lines, as in recall's deck
/// format) as `<pre><code>`, the language after the fence as the code's
/// `language-…` class: what [`to_markup`] reads back as the same text. Text
/// whose fences do not pair up is written as [`from_text`] writes it.
pub fn from_markup(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let fences = lines.iter().filter(|l| fence_of(l).is_some()).count();
    if fences == 0 || fences % 2 == 1 {
        return from_text(text);
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut open: Option<&str> = None;
    // Whether the last thing written was a line of text (which a next line
    // of text follows after a `<br>`), or the first line of a code block.
    let mut after_text = false;
    let mut first_code_line = false;
    for line in lines {
        match (open, fence_of(line)) {
            (None, Some((marker, lang))) => {
                out.push_str("<pre><code");
                if !lang.is_empty() {
                    out.push_str(&format!(" class=\"language-{}\"", from_text(lang)));
                }
                out.push('>');
                open = Some(marker);
                first_code_line = true;
            }
            (Some(marker), Some((closing, ""))) if closing.starts_with(marker) => {
                out.push_str("</code></pre>");
                open = None;
                after_text = false;
            }
            (Some(_), _) => {
                if !first_code_line {
                    out.push('\n');
                }
                out.push_str(&from_text(line));
                first_code_line = false;
            }
            (None, None) => {
                if after_text {
                    out.push_str("<br>");
                }
                out.push_str(&from_text(line));
                after_text = true;
            }
        }
    }
    out
}

/// A fence line: its run of backticks or tildes (three or more) and the
/// language after it.
fn fence_of(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_end();
    let c = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run = line.len() - line.trim_start_matches(c).len();
    (run >= 3).then(|| (&line[..run], line[run..].trim()))
}

/// How [`from_text`] writes Anki's field separator when a text holds one.
pub const SEPARATOR_ENTITY: &str = "&#31;";

/// Tags that end a line when they open or close.
const BREAKING: &[&str] = &["br", "div", "p", "li", "tr", "pre"];

/// The text of an Anki field: tags removed (`<br>`, and the ends of blocks,
/// become line breaks), entities decoded, trailing blank lines trimmed.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let Some(end) = rest.find('>') else {
                out.push_str(rest);
                rest = "";
                break;
            };
            let tag = rest[1..end]
                .trim_start_matches('/')
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let is_close = rest[1..].starts_with('/');
            if BREAKING.contains(&tag.as_str())
                && (tag == "br" || is_close)
                && !(is_close && out.ends_with('\n'))
            {
                out.push('\n');
            }
            rest = &rest[end + 1..];
        } else {
            let (decoded, used) = entity(rest);
            out.push_str(&decoded);
            rest = &rest[used..];
        }
    }
    out.push_str(rest);
    out.trim_end_matches('\n').to_string()
}

/// Whether [`to_markup`] keeps emphasis and inline code as Markdown (a
/// prompt or a note, which are read) or drops them (an answer, which is typed
/// as it reads: `<b>ser</b>` expects `ser`, not `**ser**`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Inline {
    Marked,
    #[default]
    Plain,
}

/// Tags that stand on lines of their own (besides `pre`, lists and `li`).
const BLOCKS: &[&str] = &[
    "div",
    "p",
    "tr",
    "table",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
];

/// A code block in recall's deck format.
const FENCE: &str = "```";

/// The text of an Anki field as a terminal shows it: `<br>` and blocks as
/// line breaks, `<pre>` as a fenced code block that keeps its line breaks,
/// list items as `- ` or `1. ` lines (indented when nested), and with
/// [`Inline::Marked`] bold as `**…**`, italics as `*…*` and inline code as
/// `` `…` ``. Other tags are dropped and entities decoded, as in [`to_text`].
pub fn to_markup(html: &str, inline: Inline) -> String {
    let mut m = Markup {
        inline,
        ..Markup::default()
    };
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        m.text(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let Some(end) = rest.find('>') else {
                break;
            };
            m.tag(&rest[1..end]);
            rest = &rest[end + 1..];
        } else {
            let (decoded, used) = entity(rest);
            m.text(&decoded);
            rest = &rest[used..];
        }
    }
    m.text(rest);
    m.finish()
}

/// The state of [`to_markup`] between tags.
#[derive(Default)]
struct Markup {
    out: String,
    inline: Inline,
    /// How deep inside `<pre>`.
    pre: u32,
    /// The open lists: `Some(last number)` for `<ol>`, `None` for `<ul>`.
    lists: Vec<Option<u32>>,
    /// Open emphasis: the tag and where its marker starts in `out`.
    marks: Vec<(&'static str, usize)>,
    /// `out.len()` just after a list bullet: a block opening there stays on
    /// the bullet's line.
    bullet_end: usize,
    /// `out.len()` just after an opening fence (0 if none).
    fence_end: usize,
}

/// The `language-…` class of a tag's attributes.
fn language_of(raw: &str) -> Option<&str> {
    let at = raw.find("language-")? + "language-".len();
    let lang = &raw[at..];
    let end = lang
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '+' || c == '_'))
        .unwrap_or(lang.len());
    (end > 0).then(|| &lang[..end])
}

impl Markup {
    fn text(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn marked(&self) -> bool {
        self.inline == Inline::Marked
    }

    /// Ends the line unless at the start of one (or just after a bullet).
    fn line_start(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') && self.out.len() != self.bullet_end {
            self.out.push('\n');
        }
    }

    fn tag(&mut self, raw: &str) {
        let close = raw.starts_with('/');
        let name = raw
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match name.as_str() {
            "br" => self.out.push('\n'),
            "pre" => self.pre_tag(close),
            "code" if self.pre == 0 => self.mark("code", "`", close),
            "code" if !close && self.fence_end > 0 && self.out.len() == self.fence_end => {
                // `<pre><code class="language-python">`: the fence names it.
                if let Some(lang) = language_of(raw) {
                    self.out.insert_str(self.fence_end - 1, lang);
                    self.fence_end += lang.len();
                }
            }
            "b" | "strong" => self.mark("b", "**", close),
            "i" | "em" => self.mark("i", "*", close),
            "ul" | "ol" => {
                self.line_start();
                if close {
                    self.lists.pop();
                } else {
                    self.lists.push((name == "ol").then_some(0));
                }
            }
            "li" => {
                self.line_start();
                if !close {
                    let depth = self.lists.len().max(1) - 1;
                    self.out.push_str(&"  ".repeat(depth));
                    match self.lists.last_mut() {
                        Some(Some(n)) => {
                            *n += 1;
                            let bullet = format!("{n}. ");
                            self.out.push_str(&bullet);
                        }
                        _ => self.out.push_str("- "),
                    }
                    self.bullet_end = self.out.len();
                }
            }
            block if BLOCKS.contains(&block) => self.line_start(),
            _ => {}
        }
    }

    fn pre_tag(&mut self, close: bool) {
        self.line_start();
        if close {
            self.pre = self.pre.saturating_sub(1);
            if self.pre == 0 && self.marked() {
                self.out.push_str(FENCE);
                self.out.push('\n');
            }
        } else {
            if self.pre == 0 && self.marked() {
                self.out.push_str(FENCE);
                self.out.push('\n');
                self.fence_end = self.out.len();
            }
            self.pre += 1;
        }
    }

    /// Opens or closes an emphasis marker; an empty one (`<b></b>`) leaves
    /// nothing, and trailing spaces move outside it (`**bold** `).
    fn mark(&mut self, tag: &'static str, marker: &str, close: bool) {
        if !self.marked() {
            return;
        }
        if !close {
            self.marks.push((tag, self.out.len()));
            self.out.push_str(marker);
            return;
        }
        let Some(i) = self.marks.iter().rposition(|(t, _)| *t == tag) else {
            return;
        };
        let (_, at) = self.marks.remove(i);
        if self.out.len() == at + marker.len() {
            self.out.truncate(at);
            return;
        }
        let text = self.out.trim_end_matches([' ', '\t']).len();
        let spaces = self.out.split_off(text);
        self.out.push_str(marker);
        self.out.push_str(&spaces);
    }

    fn finish(mut self) -> String {
        if self.pre > 0 {
            self.pre = 1;
            self.pre_tag(true);
        }
        while let Some((tag, _)) = self.marks.last().copied() {
            let marker = match tag {
                "code" => "`",
                "b" => "**",
                _ => "*",
            };
            self.mark(tag, marker, true);
        }
        self.out.trim_end_matches('\n').to_string()
    }
}

/// Decodes the entity at the start of `s` (which starts with `&`): the text
/// and the bytes used. An unknown one is kept as it is; a numeric one naming
/// a control character (C0 but tab and line feed, DEL, C1) becomes U+FFFD.
fn entity(s: &str) -> (String, usize) {
    let Some(end) = s.find(';').filter(|&e| e <= 10) else {
        return ("&".into(), 1);
    };
    let name = &s[1..end];
    let named = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => None,
    };
    let numeric = || {
        let code = match name.strip_prefix('#')? {
            hex if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok()?,
            dec => dec.parse().ok()?,
        };
        // `&#27;` must not smuggle an ESC past a field that looks clean, nor
        // `&#0;` a NUL into an answer: a control character other than a tab
        // or a line break decodes to U+FFFD, as HTML itself does for most.
        char::from_u32(code).map(|c| match c {
            '\t' | '\n' => c,
            c if c.is_control() => char::REPLACEMENT_CHARACTER,
            c => c,
        })
    };
    match named.or_else(numeric) {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".into(), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn html_becomes_text() {
        let cases = [
            ("a<br>b", "a\nb"),
            ("a<br />b", "a\nb"),
            ("<div>a</div><div>b</div>", "a\nb"),
            ("x &lt;y&gt; &amp;&nbsp;z", "x <y> & z"),
            ("&#65;&#x42;", "AB"),
            ("<b>bold</b> & done", "bold & done"),
            ("a &unknown; b", "a &unknown; b"),
            ("<span style=\"x\">s</span>", "s"),
        ];
        for (html, text) in cases {
            assert_eq!(to_text(html), text, "{html}");
        }
    }

    #[test]
    fn numeric_entities_never_decode_to_control_characters() {
        let cases = [
            ("a&#27;]0;x&#7;b", "a\u{fffd}]0;x\u{fffd}b"),
            (
                "&#0;&#x1b;&#X9B;&#127;&#13;",
                "\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}",
            ),
            ("a&#9;b&#10;c", "a\tb\nc"),
            ("&#x202E;", "\u{202e}"),
        ];
        for (html, text) in cases {
            assert_eq!(to_text(html), text, "{html}");
        }
        for code in (0u32..0x20).chain(0x7f..0xa0) {
            let text = to_text(&format!("&#{code};"));
            assert!(
                !text
                    .chars()
                    .any(|c| c.is_control() && c != '\t' && c != '\n'),
                "{code}"
            );
        }
    }

    /// Real field HTML from Anki's editor and shared decks.
    #[test]
    fn anki_html_becomes_terminal_text() {
        use Inline::{Marked, Plain};
        let cases = [
            (
                "What does this print?<pre><code>print(1)</code></pre>",
                Marked,
                "What does this print?\n```\nprint(1)\n```",
            ),
            (
                "<pre><code>for i in range(2):\n    print(i)</code></pre>",
                Marked,
                "```\nfor i in range(2):\n    print(i)\n```",
            ),
            ("<pre>a<br>b</pre>", Plain, "a\nb"),
            (
                "<pre><code class=\"language-rust\">a</code></pre>",
                Plain,
                "a",
            ),
            (
                "<pre><code class=\"language-rust\">a</code></pre>",
                Marked,
                "```rust\na\n```",
            ),
            ("<div>one</div><div>two</div>", Marked, "one\ntwo"),
            ("<p>one</p><p>two</p>", Marked, "one\ntwo"),
            ("a<br>b<br />c", Marked, "a\nb\nc"),
            (
                "<ul><li>Vec</li><li>slice</li></ul>",
                Marked,
                "- Vec\n- slice",
            ),
            (
                "Kinds:<ol><li>basic</li><li>cloze</li></ol>",
                Marked,
                "Kinds:\n1. basic\n2. cloze",
            ),
            (
                "<ul><li>a<ul><li>b</li></ul></li><li><div>c</div></li></ul>",
                Marked,
                "- a\n  - b\n- c",
            ),
            ("<b>bold</b> and <i>it</i>", Marked, "**bold** and *it*"),
            ("<strong>x </strong>y", Marked, "**x** y"),
            ("<b>ser</b>", Plain, "ser"),
            ("call <code>len(x)</code>", Marked, "call `len(x)`"),
            ("call <code>len(x)</code>", Plain, "call len(x)"),
            ("<b></b>empty", Marked, "empty"),
            ("<b>open", Marked, "**open**"),
            ("x &lt;y&gt; &amp;&nbsp;z", Marked, "x <y> & z"),
            ("<span style=\"color: red\">s</span>", Marked, "s"),
            ("<div><br></div>", Marked, ""),
            ("<pre>unclosed", Marked, "```\nunclosed\n```"),
        ];
        for (html, inline, text) in cases {
            assert_eq!(to_markup(html, inline), text, "{html}");
        }
    }

    #[test]
    fn fenced_blocks_go_to_anki_as_pre_and_come_back_the_same() {
        let cases = [
            (
                "What does this print?\n```\nprint(1)\nprint(2)\n```",
                "What does this print?<pre><code>print(1)\nprint(2)</code></pre>",
            ),
            (
                "Run:\n```python\nx = 1 < 2\n```\nthen look",
                "Run:<pre><code class=\"language-python\">x = 1 &lt; 2</code></pre>then look",
            ),
            ("a\nb", "a<br>b"),
            ("odd\n```\nunclosed", "odd<br>```<br>unclosed"),
        ];
        for (text, html) in cases {
            assert_eq!(from_markup(text), html, "{text}");
            assert_eq!(to_markup(html, Inline::Marked), text, "{html}");
        }
    }

    #[test]
    fn a_unit_separator_cannot_split_a_note() {
        assert_eq!(from_text("a\u{1f}b"), "a&#31;b");
        assert!(!from_text("a\u{1f}b").contains(crate::anki::FIELD_SEPARATOR));
    }

    #[test]
    fn text_becomes_html() {
        assert_eq!(from_text("a < b &\nc"), "a &lt; b &amp;<br>c");
    }

    proptest! {
        #[test]
        fn text_survives_a_round_trip(text in "[a-z<>&;# \n]{0,40}") {
            let text = text.trim_end_matches('\n').to_string();
            prop_assert_eq!(to_text(&from_text(&text)), text);
        }

        #[test]
        fn any_field_reads_without_panicking(
            html in "(<(/?)(pre|code|b|i|ul|ol|li|div|br)( class=\"language-x\")?>|[a-zé&;# \n*`~]|&#[0-9]{1,3};){0,30}"
        ) {
            for inline in [Inline::Marked, Inline::Plain] {
                let text = to_markup(&html, inline);
                prop_assert!(!text.ends_with('\n'));
            }
        }

        #[test]
        fn markup_survives_a_round_trip(text in "([a-z*`<&]{1,6}|\n```\n|\n){0,12}") {
            let text = text.trim_matches('\n').to_string();
            prop_assume!(!text.contains("\n\n"));
            prop_assert_eq!(to_markup(&from_markup(&text), Inline::Marked), text);
        }
    }
}
