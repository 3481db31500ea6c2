//! The fuzz oracles: what `fuzz/` targets and the replay of saved crash
//! inputs (`tests/fixtures/fuzz/`) check on arbitrary bytes. Each runs input
//! the way `recall compile` would and panics when a property breaks; an
//! error is a fine outcome, a panic never is.

use crate::day::Day;
use crate::deck;
use crate::history::Event;
use crate::import::{ImportError, Options, Plan, MAX_FIELD_BYTES};
use crate::input::read_bounded;
use crate::roadmap;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock};

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

/// One temp directory per fuzzing process for the files the importers read.
fn scratch() -> &'static Path {
    static DIR: OnceLock<Option<tempfile::TempDir>> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().ok())
        .as_ref()
        .map_or_else(|| Path::new("."), |d| d.path())
}

/// `data` as the file `name` in the scratch directory.
fn scratch_file(name: &str, data: &[u8]) -> Option<PathBuf> {
    let path = scratch().join(name);
    std::fs::write(&path, data).ok().map(|()| path)
}

fn fuzz_options() -> Options {
    Options {
        utc_offset_secs: 0,
        rollover_hour: 4,
        now_ms: 1_795_593_600_000,
        today: Day(20_782),
    }
}

/// What no plan may hold, whatever the file: a field past the cap, an empty
/// question or answer, a day outside recall's range, two cards with one id.
fn check_plan(plan: &Plan) {
    let mut ids = HashSet::new();
    for c in &plan.cards {
        let card = &c.card;
        assert!(ids.insert(card.id), "duplicate card id {}", card.id);
        assert!(!card.prompt.trim().is_empty(), "{card:?}");
        assert!(!card.answer.trim().is_empty(), "{card:?}");
        let fields = [
            Some(&card.prompt),
            Some(&card.answer),
            card.code.as_ref(),
            card.note.as_ref(),
        ];
        for field in fields.into_iter().flatten().chain(&card.alternatives) {
            assert!(
                field.len() <= MAX_FIELD_BYTES,
                "a field of {} bytes",
                field.len()
            );
        }
        for e in &c.events {
            assert!(e.day.in_range(), "{e:?}");
            if let Event::Import { state, .. } = &e.event {
                assert!(state.due.is_none_or(Day::in_range), "{state:?}");
                assert!(state.interval <= 36_500, "{state:?}");
            }
        }
    }
}

/// The bytes of an Anki package (`.apkg`/`.colpkg`), unpacked and read as
/// `recall import` does, short of the store: never panics; an error names
/// the package; a plan passes [`check_plan`]; no temp directory is left.
pub fn import_apkg(data: &[u8]) {
    let Some(path) = scratch_file("fuzz.apkg", data) else {
        return;
    };
    let cancel = Arc::new(AtomicBool::new(false));
    let read = crate::anki::package::open(&path, 64 << 20, scratch(), &cancel).and_then(|o| {
        let crate::anki::package::Opened { file, mut package } = o;
        let Some(file) = file else {
            return Ok(Plan::default());
        };
        let start = crate::anki::read::Start {
            head: std::mem::take(&mut package.col),
            flags: std::mem::take(&mut package.flags),
            media: &package.media.files,
            file: "fuzz.apkg",
            options: &fuzz_options(),
        };
        let mut planner = crate::anki::read::streamed(&file, start)?;
        Ok(crate::anki::read::collect(&mut planner)?)
    });
    match read {
        Ok(plan) => check_plan(&plan),
        Err(e) => assert!(e.to_string().contains("fuzz.apkg"), "{e}"),
    }
    let left = std::fs::read_dir(scratch())
        .map(|d| {
            d.flatten()
                .filter(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(crate::anki::package::TEMP_PREFIX)
                })
                .count()
        })
        .unwrap_or(0);
    assert_eq!(left, 0, "a temp directory was left behind");
}

/// The bytes of a package's SQLite collection, zipped as a legacy package
/// and read through [`import_apkg`]: the fuzzer mutates the database itself
/// (a zip's checksums would stop most mutations of a whole package).
pub fn import_collection(data: &[u8]) {
    let mut zipped = std::io::Cursor::new(Vec::new());
    {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(&mut zipped);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        if zip.start_file("collection.anki21", stored).is_err()
            || zip.write_all(data).is_err()
            || zip.finish().is_err()
        {
            return;
        }
    }
    import_apkg(zipped.get_ref());
}

/// A text file in Anki's format (tab-separated), read as `recall import`
/// does: never panics; an error points inside the file; a plan passes
/// [`check_plan`].
pub fn import_tsv(data: &[u8]) {
    let Some(path) = scratch_file("fuzz.tsv", data) else {
        return;
    };
    match crate::import::text::read(&path, b'\t') {
        Ok(plan) => check_plan(&plan),
        Err(ImportError::Text { line, col, .. }) => {
            let text = String::from_utf8_lossy(data);
            let lines = u64::try_from(line_count(&text)).unwrap_or(u64::MAX);
            assert!(
                line >= 1 && col >= 1 && line <= lines + 1,
                "{line}:{col} of {lines}"
            );
        }
        Err(_) => {}
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
        let Ok(entries) = fs::read_dir(&dir) else {
            return 0;
        };
        for entry in entries {
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
        let replayed = replay("deck", deck)
            + replay("roadmap", roadmap)
            + replay("compile", compile)
            + replay("import_apkg", import_apkg)
            + replay("import_collection", import_collection)
            + replay("import_tsv", import_tsv);
        assert!(replayed > 0, "no saved inputs under tests/fixtures/fuzz");
    }

    #[test]
    fn the_importers_pass_their_oracles_on_small_inputs() {
        import_tsv(b"#separator:tab\nfront\tback\n");
        import_tsv(b"\xef\xbb\xbf#separator:tab\n\t\n\xff");
        import_apkg(b"PK\x03\x04 not really");
        import_collection(b"SQLite format 3\0");
        import_collection(b"");
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
