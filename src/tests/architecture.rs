//! The house rules of `docs/architecture.md`, checked on the source: every
//! `crate::` path points to a lower layer, and no two modules (files) import
//! each other, directly or round a loop. A new module has to be given a
//! layer here, which is the point: someone decides where it lives.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. A unit (a module, or a submodule named on
/// its own) may use the units of lower layers only; units of one layer do
/// not use each other. `docs/architecture.md` says what each one owns.
const LAYERS: &[&[&str]] = &[
    &["day", "progress", "styled"],
    // `anki`: the Anki format's data model (its submodules below are higher).
    &["card", "sched", "roadmap", "anki"],
    &["history", "deck"],
    &["course", "session", "synclog", "fit"],
    &["store"],
    &["stats", "export", "import"],
    &["anki::package", "anki::read", "anki::write", "ui"],
    &["config"],
    &["error"],
    &["input", "cli"],
    &["settings"],
    &["commands"],
    &["fuzzing"],
];

/// Files that are tests: they may reach anywhere.
fn is_test_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name == "tests.rs"
        || name.ends_with("_tests.rs")
        || name == "scripted.rs"
        || path.components().any(|c| c.as_os_str() == "tests")
}

/// The unit a module belongs to (the longest entry of [`LAYERS`] that is a
/// prefix of its path) and that unit's layer.
fn unit_of(module: &[String]) -> Option<(usize, &'static str)> {
    LAYERS
        .iter()
        .enumerate()
        .flat_map(|(layer, units)| units.iter().map(move |unit| (layer, *unit)))
        .filter(|(_, unit)| {
            let parts: Vec<&str> = unit.split("::").collect();
            parts.len() <= module.len() && parts.iter().zip(module).all(|(a, b)| a == b)
        })
        .max_by_key(|(_, unit)| unit.len())
}

/// `src/commands/review/ask.rs` → `[commands, review, ask]`; `mod.rs` and
/// `lib.rs` name their directory.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The code of a file without comments and without its inline test module.
fn code_of(text: &str) -> String {
    let text = text
        .split("#[cfg(test)]\nmod tests {")
        .next()
        .unwrap_or(text);
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Every module path the code names: `crate::a::b::C` → `[a, b, C]`,
/// `super::x` relative to `me`; `super::{a::X, b}` gives each item.
fn references(me: &[String], code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent_of(me))] {
        let mut rest = code;
        while let Some(at) = rest.find(prefix) {
            let before = rest[..at].chars().last();
            rest = &rest[at + prefix.len()..];
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            let items: Vec<&str> = if let Some(list) = rest.strip_prefix('{') {
                let end = list.find('}').unwrap_or(list.len());
                list[..end].split(',').map(str::trim).collect()
            } else {
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                    .unwrap_or(rest.len());
                vec![&rest[..end]]
            };
            for item in items {
                let mut path = base.clone();
                path.extend(
                    item.split("::")
                        .map(ident_at)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                );
                if !path.is_empty() {
                    found.push(path);
                }
            }
        }
    }
    found
}

fn parent_of(me: &[String]) -> Vec<String> {
    me[..me.len().saturating_sub(1)].to_vec()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

struct Source {
    /// Module path → the module paths it uses (resolved to modules that exist).
    uses: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
}

fn read_source() -> Source {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<Vec<String>> = files
        .iter()
        .filter(|f| !is_test_file(f))
        .map(|f| module_path(&src, f))
        .collect();
    let mut uses = BTreeMap::new();
    for file in files.iter().filter(|f| !is_test_file(f)) {
        let me = module_path(&src, file);
        if me.is_empty() || me == ["main"] {
            continue; // the crate root and the binary see everything
        }
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let targets: BTreeSet<Vec<String>> = references(&me, &code)
            .into_iter()
            .filter_map(|path| {
                (1..=path.len())
                    .rev()
                    .map(|n| path[..n].to_vec())
                    .find(|p| modules.contains(p))
            })
            .filter(|target| *target != me)
            .collect();
        uses.insert(me, targets);
    }
    Source { uses }
}

#[test]
fn every_module_has_a_layer() {
    let source = read_source();
    let unplaced: BTreeSet<&String> = source
        .uses
        .keys()
        .filter(|m| unit_of(m).is_none())
        .map(|m| &m[0])
        .collect();
    assert!(
        unplaced.is_empty(),
        "give these modules a layer in src/architecture_tests.rs and docs/architecture.md: {unplaced:?}"
    );
}

#[test]
fn every_import_points_to_a_lower_layer() {
    let mut upward = Vec::new();
    for (me, targets) in &read_source().uses {
        for target in targets {
            if let (Some(from), Some(to)) = (unit_of(me), unit_of(target)) {
                if from.1 != to.1 && to.0 >= from.0 {
                    upward.push(format!(
                        "{} ({}) uses {} ({})",
                        me.join("::"),
                        from.1,
                        target.join("::"),
                        to.1
                    ));
                }
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that do not point down:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_two_modules_import_each_other() {
    let source = read_source();
    // A module and its ancestors may name each other (a parent re-exports
    // its children, a child uses its parent's types): that is nesting, not a loop.
    let related = |a: &[String], b: &[String]| a.starts_with(b) || b.starts_with(a);
    let edges: BTreeMap<&Vec<String>, Vec<&Vec<String>>> = source
        .uses
        .iter()
        .map(|(me, targets)| (me, targets.iter().filter(|t| !related(me, t)).collect()))
        .collect();
    let mut loops = Vec::new();
    for start in edges.keys() {
        // Depth-first from `start`, looking for a way back to it.
        let mut stack: Vec<(&Vec<String>, Vec<&Vec<String>>)> = vec![(start, vec![start])];
        let mut seen = BTreeSet::new();
        while let Some((at, trail)) = stack.pop() {
            for &next in edges.get(at).map(Vec::as_slice).unwrap_or(&[]) {
                if next == *start {
                    let names: Vec<String> = trail.iter().map(|m| m.join("::")).collect();
                    loops.push(format!("{} → {}", names.join(" → "), start.join("::")));
                } else if seen.insert(next) {
                    let mut longer = trail.clone();
                    longer.push(next);
                    stack.push((next, longer));
                }
            }
        }
    }
    assert!(loops.is_empty(), "import loops:\n{}", loops.join("\n"));
}

#[test]
fn the_reader_finds_references() {
    let me = vec!["deck".to_string(), "resolve".to_string()];
    let refs = references(
        &me,
        "use super::outline::{a, b};\nuse crate::card::{Card, CardId};\nuse super::{DeckError, cloze::X};",
    );
    assert!(refs.contains(&vec!["deck".into(), "outline".into()]));
    assert!(refs.contains(&vec!["card".into()]));
    assert!(refs.contains(&vec!["deck".into(), "cloze".into(), "X".into()]));
    assert!(refs.contains(&vec!["deck".into(), "DeckError".into()]));
}
