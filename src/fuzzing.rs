//! The fuzz oracles: what `fuzz/` targets and the replay of saved crash
//! inputs (`tests/fixtures/fuzz/`) check on arbitrary bytes. Each runs input
//! the way `recall compile` would and panics when a property breaks; an
//! error is a fine outcome, a panic never is.

use crate::deck;
use crate::input::read_bounded;
use crate::roadmap;
use std::collections::HashSet;

/// Lines in `text`, counting a last line without a newline.
fn line_count(text: &str) -> usize {
    text.split('\n').count()
}

/// Asserts that an error at `line:col` points inside `text`.
fn points_inside(text: &str, line: u32, col: u32, what: &dyn std::fmt::Display) {
    assert!(line >= 1 && col >= 1, "{what}");
    let lines = line_count(text);
    assert!(
        usize::try_from(line).is_ok_and(|l| l <= lines + 1),
        "{what} (the text has {lines} lines)"
    );
}

/// A deck file: bounded read, then [`deck::parse`].
pub fn deck(data: &[u8]) {
    let Ok(text) = read_bounded(data, "fuzz.md") else {
        return;
    };
    match deck::parse("fuzz.md", &text) {
        Ok(file) => {
            for card in &file.cards {
                assert!(card.source.line >= 1, "{card:?}");
            }
        }
        Err(e) => {
            points_inside(&text, e.line, e.col, &e);
            assert!(!e.hint.is_empty(), "{e}");
        }
    }
}

/// A roadmap: bounded read, then [`roadmap::parse`]; section ids are unique.
pub fn roadmap(data: &[u8]) {
    let Ok(text) = read_bounded(data, "fuzz.md") else {
        return;
    };
    match roadmap::parse("fuzz.md", &text) {
        Ok(parsed) => {
            let mut ids = HashSet::new();
            for section in &parsed.sections {
                assert!(ids.insert(section.id.as_str()), "{}", section.id);
            }
        }
        Err(e) => points_inside(&text, e.line, e.col, &e),
    }
}

/// A roadmap and a deck, split at the first NUL byte, parsed and resolved
/// into cards; card ids are unique.
pub fn compile(data: &[u8]) {
    let Some(split) = data.iter().position(|&b| b == 0) else {
        return;
    };
    let (Ok(roadmap), Ok(deck)) = (
        std::str::from_utf8(&data[..split]),
        std::str::from_utf8(&data[split + 1..]),
    ) else {
        return;
    };
    let sources = vec![("deck.md".to_string(), deck.to_string())];
    let roadmap = Some(("roadmap.md".to_string(), roadmap.to_string()));
    if let Ok(compiled) = crate::course::build(roadmap, Some(sources), None) {
        let mut ids = HashSet::new();
        for card in &compiled.cards {
            assert!(ids.insert(card.id), "duplicate card id {}", card.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::Path;

    /// Every input a fuzzer ever crashed on (`tests/fixtures/fuzz/<target>/`,
    /// saved by `scripts/fuzz.sh`), replayed through the same oracle.
    fn replay(target: &str, oracle: fn(&[u8])) -> usize {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/fuzz")
            .join(target);
        let mut count = 0;
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                continue;
            }
            let data = fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| oracle(&data));
            assert!(outcome.is_ok(), "{} fails again", path.display());
            count += 1;
        }
        count
    }

    #[test]
    fn saved_fuzz_inputs_pass_their_oracles() {
        let replayed =
            replay("deck", deck) + replay("roadmap", roadmap) + replay("compile", compile);
        assert!(replayed > 0, "no saved inputs under tests/fixtures/fuzz");
    }

    #[test]
    fn the_bundled_content_passes_every_oracle() {
        let (_, roadmap_text) = deck::bundled::ROADMAP;
        roadmap(roadmap_text.as_bytes());
        for (_, text) in deck::bundled::DECKS {
            deck(text.as_bytes());
            compile(format!("{roadmap_text}\0{text}").as_bytes());
        }
    }
}
