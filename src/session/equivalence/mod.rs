//! When a typed answer says the same as a card's answer the way a Python
//! developer would type it: a qualified name with or without its module or
//! class prefix, a decorator with or without `@`, a call with or without
//! `()`, a key chord in any case and modifier order, a tool name
//! capitalised, and code by its Python tokens (`x=[1,2]` is `x = [1, 2]`;
//! a string keeps its content and case). Pure: text in, a rule out.

use serde::Serialize;

/// How literally a typed answer is compared with a card's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Matching {
    /// The rules of this module.
    #[default]
    Python,
    /// Only the text as the card has it (trimmed, spaces collapsed, letter
    /// case as the deck says): for a card where the difference is the point.
    Exact,
}

/// Why a typed answer was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The same text (trimmed, spaces collapsed, case as the deck says).
    Exact,
    /// The same dotted name with more or less of its prefix (`basename`, `os.path.basename`).
    QualifiedName,
    /// The same name with or without `@`.
    Decorator,
    /// The same name with or without `()`.
    Call,
    /// The same keys, in any letter case and modifier order (`ctrl+shift+p`).
    KeyChord,
    /// A lower-case tool name typed capitalised (`Uvicorn`).
    ToolName,
    /// The same Python tokens, spaced differently (`x=[1,2]`).
    PythonTokens,
}

impl Rule {
    /// How the learner reads it: "matched as a qualified name".
    pub fn describe(self) -> &'static str {
        match self {
            Rule::Exact => "the same text",
            Rule::QualifiedName => "the same name with more or less of its prefix",
            Rule::Decorator => "the same decorator, with or without @",
            Rule::Call => "the same call, with or without ()",
            Rule::KeyChord => "the same keys",
            Rule::ToolName => "the same tool name",
            Rule::PythonTokens => "the same Python code, spaced differently",
        }
    }
}

/// The rule by which `typed` says what `candidate` says, if any; `all` are
/// every answer the card accepts (a bare name is refused when two of them
/// end in it with different prefixes). Both texts are already normalised.
pub fn equivalent(
    typed: &str,
    candidate: &str,
    all: &[&str],
    case_sensitive: bool,
) -> Option<Rule> {
    let same = |a: &str, b: &str| {
        if case_sensitive {
            a == b
        } else {
            a.to_lowercase() == b.to_lowercase()
        }
    };
    if let (Some(t), Some(c)) = (DottedName::parse(typed), DottedName::parse(candidate)) {
        if let Some(rule) = t.matches(&c, all, &same) {
            return Some(rule);
        }
    }
    if let (Some(t), Some(c)) = (chord(typed), chord(candidate)) {
        return (t == c).then_some(Rule::KeyChord);
    }
    if is_tool_name(candidate) && typed == capitalised(candidate) {
        return Some(Rule::ToolName);
    }
    match (tokens(typed), tokens(candidate)) {
        (Some(t), Some(c)) if same_tokens(&t, &c, case_sensitive) => Some(Rule::PythonTokens),
        _ => None,
    }
}

/// Whether `text` holds a Python string literal: its content is compared
/// exactly even where the deck ignores letter case.
pub fn has_string_literal(text: &str) -> bool {
    tokens(text).is_some_and(|t| t.iter().any(|t| matches!(t, Token::Str { .. })))
}

/// `@a.b.c()`: a dotted name, perhaps a decorator, perhaps a bare call.
struct DottedName<'a> {
    parts: Vec<&'a str>,
    at: bool,
    call: bool,
}

impl<'a> DottedName<'a> {
    fn parse(text: &'a str) -> Option<DottedName<'a>> {
        let (at, rest) = match text.strip_prefix('@') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (call, rest) = match rest.strip_suffix("()") {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        let parts: Vec<&str> = rest.split('.').collect();
        parts
            .iter()
            .all(|p| is_identifier(p))
            .then_some(DottedName { parts, at, call })
    }

    fn matches(
        &self,
        other: &DottedName,
        all: &[&str],
        same: &dyn Fn(&str, &str) -> bool,
    ) -> Option<Rule> {
        let ends_with = |long: &[&str], short: &[&str]| {
            long.len() >= short.len()
                && long[long.len() - short.len()..]
                    .iter()
                    .zip(short)
                    .all(|(a, b)| same(a, b))
        };
        let (t, c) = (&self.parts, &other.parts);
        if t.len() == c.len() && ends_with(t, c) {
            return if self.at != other.at {
                Some(Rule::Decorator)
            } else if self.call != other.call {
                Some(Rule::Call)
            } else {
                // Equal texts are matched before this; a case-folded equal is exact too.
                Some(Rule::Exact)
            };
        }
        // Fewer parts: unless the card accepts two names that end in them.
        if t.len() < c.len() && ends_with(c, t) && !ambiguous(t, all, same) {
            return Some(Rule::QualifiedName);
        }
        // More parts: only onto a name that is itself qualified (`os.path.basename`
        // for `path.basename`); `anything.chain` is not `chain`.
        if c.len() >= 2 && t.len() > c.len() && ends_with(t, c) {
            return Some(Rule::QualifiedName);
        }
        None
    }
}

/// Whether two accepted names end in `parts` and neither ends in the other.
fn ambiguous(parts: &[&str], all: &[&str], same: &dyn Fn(&str, &str) -> bool) -> bool {
    let ends = |long: &[&str], short: &[&str]| {
        long.len() >= short.len()
            && long[long.len() - short.len()..]
                .iter()
                .zip(short)
                .all(|(a, b)| same(a, b))
    };
    let names: Vec<Vec<&str>> = all
        .iter()
        .filter_map(|a| DottedName::parse(a))
        .map(|d| d.parts)
        .filter(|p| ends(p, parts))
        .collect();
    names
        .iter()
        .enumerate()
        .any(|(i, a)| names[i + 1..].iter().any(|b| !ends(a, b) && !ends(b, a)))
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

/// The modifier names people type, each with the one it means.
const MODIFIERS: &[(&str, &str)] = &[
    ("ctrl", "ctrl"),
    ("control", "ctrl"),
    ("ctl", "ctrl"),
    ("shift", "shift"),
    ("alt", "alt"),
    ("option", "alt"),
    ("opt", "alt"),
    ("cmd", "cmd"),
    ("command", "cmd"),
    ("⌘", "cmd"),
    ("meta", "meta"),
    ("super", "super"),
    ("win", "super"),
];

/// `Ctrl+Shift+P` as its sorted modifiers and its key, in lower case.
fn chord(text: &str) -> Option<(Vec<&'static str>, String)> {
    let parts: Vec<String> = text.split('+').map(|p| p.trim().to_lowercase()).collect();
    let (key, modifiers) = parts.split_last()?;
    if modifiers.is_empty() || key.is_empty() || key.contains(' ') {
        return None;
    }
    let mut mods = modifiers
        .iter()
        .map(|m| {
            MODIFIERS
                .iter()
                .find(|(name, _)| name == m)
                .map(|(_, canon)| *canon)
        })
        .collect::<Option<Vec<_>>>()?;
    mods.sort_unstable();
    mods.dedup();
    Some((mods, key.clone()))
}

/// A lower-case word of three or more letters (`uvicorn`, `pip-tools`).
fn is_tool_name(text: &str) -> bool {
    text.chars().count() >= 3
        && text.starts_with(|c: char| c.is_ascii_lowercase())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A Python token, as far as comparing answers needs one.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token<'a> {
    Name(&'a str),
    Number(&'a str),
    /// A string literal: its prefix (`f`, `rb`) and what is between its quotes.
    Str {
        prefix: &'a str,
        body: &'a str,
    },
    Op(&'static str),
}

const OPERATORS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "==", "!=", "<=", ">=", "<<", ">>",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "+", "-", "*", "/", "%", "@", "&", "|",
    "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "=", "!",
];

const STRING_PREFIXES: &[&str] = &["r", "u", "b", "f", "br", "rb", "fr", "rf"];

/// The Python tokens of `text`, or None when it is not Python (an
/// unterminated quote, a character Python has no token for, a comment).
fn tokens(text: &str) -> Option<Vec<Token<'_>>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
        } else if c == '_' || c.is_alphabetic() {
            let end = rest
                .find(|c: char| !(c == '_' || c.is_alphanumeric()))
                .unwrap_or(rest.len());
            let (word, after) = rest.split_at(end);
            let is_prefix = STRING_PREFIXES.contains(&word.to_lowercase().as_str());
            if is_prefix && after.starts_with(['\'', '"']) {
                let (body, after) = string_body(after)?;
                out.push(Token::Str { prefix: word, body });
                rest = after;
            } else {
                out.push(Token::Name(word));
                rest = after;
            }
        } else if c == '\'' || c == '"' {
            let (body, after) = string_body(rest)?;
            out.push(Token::Str { prefix: "", body });
            rest = after;
        } else if c.is_ascii_digit()
            || (c == '.' && rest[1..].starts_with(|d: char| d.is_ascii_digit()))
        {
            let end = number_end(rest);
            out.push(Token::Number(&rest[..end]));
            rest = &rest[end..];
        } else {
            let op = OPERATORS.iter().find(|op| rest.starts_with(**op))?;
            out.push(Token::Op(op));
            rest = &rest[op.len()..];
        }
    }
    Some(out)
}

/// What is between the quotes at the start of `text` (one or three of
/// them), and what follows; None if they never close.
fn string_body(text: &str) -> Option<(&str, &str)> {
    let quote = text.chars().next()?;
    let triple: String = std::iter::repeat_n(quote, 3).collect();
    let close = if text.starts_with(&triple) {
        triple
    } else {
        quote.to_string()
    };
    let inner = &text[close.len()..];
    let mut escaped = false;
    for (i, c) in inner.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if inner[i..].starts_with(&close) {
            return Some((&inner[..i], &inner[i + close.len()..]));
        }
    }
    None
}

/// Where the number at the start of `text` ends (`1_000`, `0xFF`, `1e-5`, `2j`).
fn number_end(text: &str) -> usize {
    let mut end = 0;
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        let sign_of_exponent =
            (c == '+' || c == '-') && (prev == 'e' || prev == 'E') && !text.starts_with("0x");
        if !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || sign_of_exponent) {
            break;
        }
        end = i + c.len_utf8();
        prev = c;
    }
    end
}

fn same_tokens(a: &[Token], b: &[Token], case_sensitive: bool) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|pair| match pair {
            (Token::Name(x), Token::Name(y)) => {
                if case_sensitive {
                    x == y
                } else {
                    x.to_lowercase() == y.to_lowercase()
                }
            }
            (Token::Number(x), Token::Number(y)) => x.eq_ignore_ascii_case(y),
            // The quotes may differ; the content and its case may not.
            (Token::Str { prefix: p, body: x }, Token::Str { prefix: q, body: y }) => {
                p.eq_ignore_ascii_case(q) && x == y
            }
            (Token::Op(x), Token::Op(y)) => x == y,
            _ => false,
        })
}

#[cfg(test)]
mod tests;
