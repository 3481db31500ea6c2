//! Section ids from heading text.

/// What may end the token of a numbered heading (`Phase 2 — …`, `Track A-…`).
const TOKEN_ENDS: [char; 3] = ['-', '–', '—'];

/// The id of a section heading: `Phase 2 — …` → `phase-2`, `Track A — …` →
/// `track-a`; otherwise the first word, lowercased: `Advanced Topics …` → `advanced`.
///
/// The numbered form needs a word of letters, then a token of digits or a
/// single letter ended by whitespace, a dash or the end of the heading. The
/// fallback keeps only the letters and digits of the first word
/// (`Portfolio & Capstones` → `portfolio`). `None` when the heading has no
/// first word with a letter or digit in it.
pub fn section_id(heading: &str) -> Option<String> {
    let heading = heading.trim();
    let first = heading.split_whitespace().next()?;
    if let Some(id) = numbered_id(heading, first) {
        return Some(id);
    }
    let word: String = first
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    (!word.is_empty()).then_some(word)
}

/// `phase-2` from `Phase 2 — …`, if the heading has that shape.
fn numbered_id(heading: &str, first: &str) -> Option<String> {
    if !first.chars().all(char::is_alphabetic) {
        return None;
    }
    let rest = heading.get(first.len()..)?.trim_start();
    let end = rest
        .find(|c: char| c.is_whitespace() || TOKEN_ENDS.contains(&c))
        .unwrap_or(rest.len());
    let token = rest.get(..end)?;
    let is_number = !token.is_empty() && token.chars().all(|c| c.is_ascii_digit());
    let mut chars = token.chars();
    let is_letter = chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
    (is_number || is_letter).then(|| format!("{}-{}", first.to_lowercase(), token.to_lowercase()))
}
