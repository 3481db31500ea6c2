//! The optional `---` block at the top of a deck file.

use super::text::{col_at, to_u32};
use super::DeckError;
use super::DeckSource;
use super::PythonRange;

const DELIMITER: &str = "---";
const KEYS_HINT: &str = "the front-matter keys are `python` (e.g. `python: \"3.11\"`), `case` (`sensitive` or `insensitive`) and `libraries` (e.g. `libraries: \"numpy 2.4, pandas 3.1\"`)";
const LIBRARIES_HINT: &str =
    "write `name major.minor` entries separated by commas, e.g. `libraries: \"numpy 2.4, pandas 3.1\"`";

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FrontMatter {
    pub python: Option<PythonRange>,
    pub case_sensitive: bool,
}

/// Reads the front matter, if any; returns it and the index of the first
/// line after it.
pub(super) fn parse(ctx: &DeckSource, lines: &[&str]) -> Result<(FrontMatter, usize), DeckError> {
    let mut front = FrontMatter {
        python: None,
        case_sensitive: true,
    };
    if lines.first().map(|l| l.trim_end()) != Some(DELIMITER) {
        return Ok((front, 0));
    }
    let close = lines
        .iter()
        .skip(1)
        .position(|l| l.trim_end() == DELIMITER)
        .map(|p| p + 1)
        .ok_or_else(|| {
            ctx.err(
                1,
                1,
                "the front matter is not closed",
                "end it with a `---` line before the `#` heading",
            )
        })?;
    let mut case_seen = false;
    let mut libraries_seen = false;
    for (index, line) in lines.iter().enumerate().take(close).skip(1) {
        let line_no = to_u32(index + 1);
        let trimmed = line.trim();
        // Blank lines and YAML comments are allowed.
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let key_at = line.len() - line.trim_start().len();
        let Some((key, value)) = line.split_once(':') else {
            return Err(ctx.err(
                line_no,
                col_at(line, key_at),
                format!("expected `key: value` in the front matter, found {trimmed:?}"),
                KEYS_HINT,
            ));
        };
        let value_at = key.len() + 1 + (value.len() - value.trim_start().len());
        let value_col = col_at(line, value_at.min(line.len()));
        let key = key.trim();
        let value = unquote(value.trim());
        match key {
            "python" => {
                if front.python.is_some() {
                    return Err(ctx.err(
                        line_no,
                        col_at(line, key_at),
                        "`python` is given twice",
                        "keep one `python:` line",
                    ));
                }
                if value.is_empty() {
                    return Err(ctx.err(
                        line_no,
                        value_col,
                        "`python` has no version",
                        "write the version the answers hold for, e.g. `python: \"3.11\"`",
                    ));
                }
                let range = value.parse::<PythonRange>().map_err(|()| {
                    ctx.err(
                        line_no,
                        value_col,
                        format!("`python: {value}` is not a version or a range of versions"),
                        "write e.g. `python: \"3.11\"` (3.11 and later), `\">=3.12\"` or `\"<3.12\"`",
                    )
                })?;
                front.python = Some(range);
            }
            "case" => {
                if case_seen {
                    return Err(ctx.err(
                        line_no,
                        col_at(line, key_at),
                        "`case` is given twice",
                        "keep one `case:` line",
                    ));
                }
                case_seen = true;
                front.case_sensitive = match value {
                    "sensitive" => true,
                    "insensitive" => false,
                    other => {
                        return Err(ctx.err(
                            line_no,
                            value_col,
                            format!("`case` must be `sensitive` or `insensitive`, not {other:?}"),
                            "write `case: sensitive` (the default) or `case: insensitive`",
                        ))
                    }
                };
            }
            "libraries" => {
                if libraries_seen {
                    return Err(ctx.err(
                        line_no,
                        col_at(line, key_at),
                        "`libraries` is given twice",
                        "keep one `libraries:` line",
                    ));
                }
                libraries_seen = true;
                // Checked against the deck venv by the test suite; here only the shape.
                if let Some(bad) = value.split(',').find(|e| !is_library_entry(e.trim())) {
                    return Err(ctx.err(
                        line_no,
                        value_col,
                        format!("`libraries` entry {:?} is not `name version`", bad.trim()),
                        LIBRARIES_HINT,
                    ));
                }
            }
            other => {
                return Err(ctx.err(
                    line_no,
                    col_at(line, key_at),
                    format!("unknown front-matter key {other:?}"),
                    KEYS_HINT,
                ))
            }
        }
    }
    Ok((front, close + 1))
}

/// `numpy 2.4`: a package name, one space, a dotted version of digits.
fn is_library_entry(entry: &str) -> bool {
    let Some((name, version)) = entry.split_once(' ') else {
        return false;
    };
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && version
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// `"3.11"` or `'3.11'` → `3.11`.
fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::super::parse as parse_deck;

    fn front(libraries: &str) -> Result<(), String> {
        let text = format!(
            "---\npython: \"3.11\"\n{libraries}\n---\n# Track B\n\n## 1 Numerics\n\nQ: q\nA: a\n"
        );
        parse_deck("decks/track-b.md", &text)
            .map(|_| ())
            .map_err(|e| format!("{}:{}: {}", e.line, e.col, e.message))
    }

    #[test]
    fn libraries_key_takes_name_version_entries() {
        for ok in [
            "libraries: \"numpy 2.4, pandas 3.1\"",
            "libraries: scikit-learn 1.9",
            "libraries: 'Jinja2 3.1.6'",
        ] {
            assert_eq!(front(ok), Ok(()), "{ok}");
        }
        for (bad, error) in [
            (
                "libraries: numpy",
                "3:12: `libraries` entry \"numpy\" is not `name version`",
            ),
            (
                "libraries: \"numpy 2.x\"",
                "3:12: `libraries` entry \"numpy 2.x\" is not `name version`",
            ),
            (
                "libraries: \"numpy 2.4,\"",
                "3:12: `libraries` entry \"\" is not `name version`",
            ),
            (
                "libraries: numpy 2.4\nlibraries: numpy 2.4",
                "4:1: `libraries` is given twice",
            ),
        ] {
            assert_eq!(front(bad), Err(error.to_string()), "{bad}");
        }
    }
}
