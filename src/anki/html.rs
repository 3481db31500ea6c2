//! Anki fields are HTML; recall's cards are plain text. Text goes in with
//! `&`, `<`, `>` escaped and line breaks as `<br>`; HTML comes out with tags
//! dropped, block breaks as line breaks and entities decoded.

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
            c => out.push(c),
        }
    }
    out
}

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
    }
}
