//! A small Python highlighter for eval snippets: keywords, strings, numbers
//! and comments as styled spans. A pure function; the prompter decides
//! whether the styles become colours. Not a parser: good enough to read a
//! dozen lines of a quiz snippet, and it never fails.

use super::{Line, Style};

/// Python's keywords (3.12), soft keywords and the three constants.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "case", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
    "import", "in", "is", "lambda", "match", "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "type", "while", "with", "yield",
];

/// Letters that may prefix a string literal (r"", b'', f"", rb"" …).
const STRING_PREFIXES: &str = "rRbBuUfF";
const MAX_PREFIX: usize = 2;

/// `code` as lines of styled spans, one per source line.
pub fn python(code: &str) -> Vec<Line> {
    let chars: Vec<char> = code.chars().collect();
    let mut spans: Vec<(String, Style)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let (end, style) = if c == '#' {
            (until(&chars, i, |c| c == '\n'), Style::Comment)
        } else if let Some(end) = string_at(&chars, i) {
            (end, Style::Str)
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            let end = until(&chars, i + 1, |c| {
                !(c.is_alphanumeric() || c == '_' || c == '.')
            });
            (end, Style::Number)
        } else if c.is_alphabetic() || c == '_' {
            let end = until(&chars, i, |c| !(c.is_alphanumeric() || c == '_'));
            let word: String = chars[i..end].iter().collect();
            let style = if KEYWORDS.contains(&word.as_str()) {
                Style::Keyword
            } else {
                Style::Code
            };
            (end, style)
        } else {
            (i + 1, Style::Code)
        };
        let text: String = chars[i..end].iter().collect();
        match spans.last_mut() {
            Some((last, s)) if *s == style && style == Style::Code => last.push_str(&text),
            _ => spans.push((text, style)),
        }
        i = end;
    }
    split_lines(spans)
}

/// The first index at or after `from` where `stop` holds (or the end).
fn until(chars: &[char], from: usize, stop: impl Fn(char) -> bool) -> usize {
    chars[from.min(chars.len())..]
        .iter()
        .position(|&c| stop(c))
        .map_or(chars.len(), |p| from + p)
}

/// The end of a string literal starting at `i` (prefix included), if one does.
fn string_at(chars: &[char], i: usize) -> Option<usize> {
    let prefix = chars[i..]
        .iter()
        .take(MAX_PREFIX + 1)
        .take_while(|c| STRING_PREFIXES.contains(**c))
        .count();
    // A prefix only counts if it is not the end of a longer name (`bar"x"` is not valid anyway).
    if prefix > MAX_PREFIX || (i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')) {
        return None;
    }
    let start = i + prefix;
    let quote = *chars.get(start).filter(|c| **c == '"' || **c == '\'')?;
    let raw = chars[i..start].iter().any(|c| *c == 'r' || *c == 'R');
    let triple = chars.get(start + 1) == Some(&quote) && chars.get(start + 2) == Some(&quote);
    let mut j = start + if triple { 3 } else { 1 };
    while j < chars.len() {
        let c = chars[j];
        if c == '\\' && !raw {
            j += 2;
            continue;
        }
        if !triple && c == '\n' {
            return Some(j); // unterminated: stop at the line's end
        }
        if c == quote
            && (!triple || (chars.get(j + 1) == Some(&quote) && chars.get(j + 2) == Some(&quote)))
        {
            return Some(j + if triple { 3 } else { 1 });
        }
        j += 1;
    }
    Some(chars.len())
}

/// Spans may hold newlines (triple-quoted strings); cut them into lines.
fn split_lines(spans: Vec<(String, Style)>) -> Vec<Line> {
    let mut lines = vec![Line::new()];
    for (text, style) in spans {
        for (n, piece) in text.split('\n').enumerate() {
            if n > 0 {
                lines.push(Line::new());
            }
            if !piece.is_empty() {
                if let Some(line) = lines.last_mut() {
                    line.0.push(super::Span {
                        text: piece.to_string(),
                        style,
                    });
                }
            }
        }
    }
    if code_ends_with_newline(&lines) {
        lines.pop();
    }
    lines
}

fn code_ends_with_newline(lines: &[Line]) -> bool {
    lines.len() > 1 && lines.last().is_some_and(|l| l.0.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn styled(code: &str) -> Vec<Vec<(String, Style)>> {
        python(code)
            .into_iter()
            .map(|l| l.0.into_iter().map(|s| (s.text, s.style)).collect())
            .collect()
    }

    fn s(text: &str, style: Style) -> (String, Style) {
        (text.to_string(), style)
    }

    #[test]
    fn keywords_strings_numbers_and_comments() {
        use Style::*;
        assert_eq!(
            styled("for i in range(3):  # count\n    print(f\"{i}\", 0x1F, 2.5)"),
            vec![
                vec![
                    s("for", Keyword),
                    s(" i ", Code),
                    s("in", Keyword),
                    s(" range(", Code),
                    s("3", Number),
                    s("):  ", Code),
                    s("# count", Comment),
                ],
                vec![
                    s("    print(", Code),
                    s("f\"{i}\"", Str),
                    s(", ", Code),
                    s("0x1F", Number),
                    s(", ", Code),
                    s("2.5", Number),
                    s(")", Code),
                ],
            ]
        );
    }

    #[test]
    fn strings_hold_hashes_quotes_and_newlines() {
        use Style::*;
        assert_eq!(
            styled("x = '# no' + \"it's\""),
            vec![vec![
                s("x = ", Code),
                s("'# no'", Str),
                s(" + ", Code),
                s("\"it's\"", Str),
            ]]
        );
        assert_eq!(
            styled("s = \"\"\"a\nb\"\"\"\nNone"),
            vec![
                vec![s("s = ", Code), s("\"\"\"a", Str)],
                vec![s("b\"\"\"", Str)],
                vec![s("None", Keyword)],
            ]
        );
        assert_eq!(styled("'a\\'b'"), vec![vec![s("'a\\'b'", Str)]]);
        assert_eq!(styled("r'\\'"), vec![vec![s("r'\\'", Str)]]);
    }

    #[test]
    fn names_that_merely_contain_keywords_or_prefixes_are_plain() {
        use Style::*;
        assert_eq!(
            styled("format_ = iffy"),
            vec![vec![s("format_ = iffy", Code)]]
        );
        assert_eq!(styled("x2"), vec![vec![s("x2", Code)]]);
    }

    proptest! {
        /// Highlighting never loses or adds text, and never panics.
        #[test]
        fn text_round_trips(code in "[a-z0-9 #'\"\\\\\n._rbf()=:]{0,60}") {
            let back: Vec<String> = python(&code).iter().map(Line::text).collect();
            let mut want: Vec<&str> = code.split('\n').collect();
            if want.len() > 1 && want.last() == Some(&"") {
                want.pop();
            }
            prop_assert_eq!(back, want);
        }
    }
}
