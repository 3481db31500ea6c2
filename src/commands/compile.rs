//! `recall compile`: roadmap + deck files → the collection, in one transaction.

use super::Ctx;
use crate::card::{Card, CardKind};
use crate::cli::CompileArgs;
use crate::deck::{self, bundled, DeckError, DeckFile};
use crate::error::{Error, Result};
use crate::roadmap::{self, Roadmap};
use crate::store::{Store, SyncReport};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The outcome of a compile, for the report.
pub struct Compiled {
    pub roadmap: Roadmap,
    pub roadmap_path: String,
    pub files: usize,
    pub authored: usize,
    pub cards: Vec<Card>,
}

/// Meta key: what the collection was last compiled from, so that `e` in the
/// review can compile the same inputs again after an edit.
pub const SOURCES_KEY: &str = "compile.sources";

/// A file's name (as typed, for cards and errors) and its text.
pub type SourceText = (String, String);

/// The roadmap and the decks to compile; `None` is the bundled one(s).
pub type Inputs = (Option<SourceText>, Option<Vec<SourceText>>);

/// The inputs of the last compile, as typed, and the directory they were
/// typed in. `None` is the bundled roadmap or decks.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sources {
    pub base: Option<PathBuf>,
    pub roadmap: Option<PathBuf>,
    pub decks: Option<Vec<PathBuf>>,
}

impl Sources {
    /// What the store says, or the bundled decks (first-run collections and
    /// collections compiled before this key existed).
    pub fn load(store: &Store) -> Result<Sources> {
        Ok(store
            .get_meta(SOURCES_KEY)?
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_default())
    }

    /// Read the roadmap and decks again, paths relative to `base`.
    pub fn read(&self) -> Result<Inputs> {
        let base = self.base.as_deref().unwrap_or(Path::new(""));
        let roadmap = match &self.roadmap {
            Some(path) => Some((path.display().to_string(), read_text(&base.join(path))?)),
            None => None,
        };
        let decks = match &self.decks {
            Some(paths) => Some(read_deck_paths(base, paths)?),
            None => None,
        };
        Ok((roadmap, decks))
    }
}

pub fn run(args: &CompileArgs, ctx: &mut Ctx) -> Result<()> {
    let sources = Sources {
        base: std::env::current_dir().ok(),
        roadmap: args.roadmap.clone(),
        decks: (!args.paths.is_empty()).then(|| args.paths.clone()),
    };
    let (roadmap_source, deck_sources) = Sources {
        base: None,
        ..sources.clone()
    }
    .read()?;
    let compiled = build(roadmap_source, deck_sources)?;
    let coverage = coverage(&compiled.roadmap, &compiled.roadmap_path, &compiled.cards);
    let uncovered: Vec<&TopicCoverage> = coverage.iter().filter(|c| c.authored == 0).collect();
    if args.strict && !uncovered.is_empty() {
        return Err(Error::Usage(format!(
            "--strict: {} roadmap topics have no cards: {}",
            uncovered.len(),
            uncovered
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let mut store = Store::open(&ctx.db)?;
    let report = store.sync(&compiled.roadmap, &compiled.cards, ctx.now_ms())?;
    let sources = serde_json::to_string(&sources).unwrap_or_default();
    store.set_meta(SOURCES_KEY, &sources)?;
    let text = render_report(&compiled, &report, &coverage, &ctx.db);
    ctx.print(&text)
}

/// Parse and resolve everything, touching nothing. `None` means the bundled
/// roadmap or decks.
pub fn build(
    roadmap_source: Option<(String, String)>,
    deck_sources: Option<Vec<(String, String)>>,
) -> Result<Compiled> {
    let (roadmap_path, roadmap_text) = roadmap_source.unwrap_or_else(|| {
        (
            bundled::ROADMAP.0.to_string(),
            bundled::ROADMAP.1.to_string(),
        )
    });
    let roadmap = roadmap::parse(&roadmap_path, &roadmap_text)?;
    let sources = deck_sources.unwrap_or_else(|| {
        bundled::DECKS
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    });
    let files: Vec<DeckFile> = sources
        .iter()
        .map(|(path, text)| deck::parse(path, text))
        .collect::<Result<_, DeckError>>()?;
    let authored = files.iter().map(|f| f.cards.len()).sum();
    let file_count = files.len();
    let cards = deck::resolve(files, &roadmap, &roadmap_path)?;
    Ok(Compiled {
        roadmap,
        roadmap_path,
        files: file_count,
        authored,
        cards,
    })
}

/// Compile the bundled roadmap and decks into an empty store (first run).
pub fn compile_bundled(store: &mut Store, now_ms: i64) -> Result<(Compiled, SyncReport)> {
    let compiled = build(None, None)?;
    let report = store.sync(&compiled.roadmap, &compiled.cards, now_ms)?;
    Ok((compiled, report))
}

pub fn read_text(path: &Path) -> Result<String> {
    let bytes = fs::read(path).map_err(|source| Error::Read {
        path: path.display().to_string(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        Error::Deck(DeckError {
            path: path.display().to_string(),
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
            message: "the file is not valid UTF-8".into(),
            hint: "save the file as UTF-8".into(),
        })
    })
}

/// Deck files named, and `*.md` files in directories named, in a stable
/// order; relative paths are read under `base` and named as given.
fn read_deck_paths(base: &Path, paths: &[PathBuf]) -> Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    for path in paths {
        if base.join(path).is_dir() {
            let entries = fs::read_dir(base.join(path)).map_err(|source| Error::Read {
                path: path.display().to_string(),
                source,
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| path.join(e.file_name())))
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files
        .iter()
        .map(|p| Ok((p.display().to_string(), read_text(&base.join(p))?)))
        .collect()
}

/// How many authored cards a roadmap topic has.
pub struct TopicCoverage {
    pub id: String,
    pub section: String,
    pub title: String,
    pub authored: usize,
}

/// Authored cards per topic and subtopic (outline cards drawn from the
/// roadmap itself do not count).
pub fn coverage(roadmap: &Roadmap, roadmap_path: &str, cards: &[Card]) -> Vec<TopicCoverage> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for card in cards.iter().filter(|c| c.source.path != roadmap_path) {
        *counts.entry(card.topic.as_str()).or_default() += 1;
    }
    roadmap
        .sections
        .iter()
        .flat_map(|s| {
            all_topics(&s.topics)
                .into_iter()
                .map(move |t| TopicCoverage {
                    id: t.id.clone(),
                    section: s.id.clone(),
                    title: t.title.clone(),
                    authored: 0,
                })
        })
        .map(|mut c| {
            c.authored = counts.get(c.id.as_str()).copied().unwrap_or(0);
            c
        })
        .collect()
}

fn all_topics(topics: &[roadmap::Topic]) -> Vec<&roadmap::Topic> {
    topics
        .iter()
        .flat_map(|t| std::iter::once(t).chain(all_topics(&t.subtopics)))
        .collect()
}

/// `312 basic · 700 typed · 90 cloze · 299 eval` over the authored cards.
fn kind_counts(c: &Compiled) -> String {
    CardKind::ALL
        .iter()
        .map(|&kind| {
            let n = c
                .cards
                .iter()
                .filter(|card| card.kind == kind && card.source.path != c.roadmap_path)
                .count();
            format!("{n} {kind}")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn render_report(c: &Compiled, r: &SyncReport, coverage: &[TopicCoverage], db: &Path) -> String {
    let mut out = String::new();
    let changed = r.added + r.updated + r.retired + r.unretired;
    if changed == 0 {
        out.push_str(&format!(
            "nothing changed: {} cards up to date in {}\n",
            r.unchanged,
            db.display()
        ));
    } else {
        out.push_str(&format!(
            "compiled {} cards ({} authored in {} deck files, {} from the roadmap outline) into {}\n",
            c.cards.len(),
            c.authored,
            c.files,
            c.cards.len() - c.authored,
            db.display()
        ));
        out.push_str(&format!("  authored by kind: {}\n", kind_counts(c)));
        out.push_str(&format!(
            "  added {} · updated {} · retired {} · restored {} · unchanged {}\n",
            r.added, r.updated, r.retired, r.unretired, r.unchanged
        ));
    }
    let covered = coverage.iter().filter(|t| t.authored > 0).count();
    out.push_str(&format!(
        "coverage: {covered}/{} roadmap topics have cards\n",
        coverage.len()
    ));
    for section in &c.roadmap.sections {
        let topics: Vec<&TopicCoverage> = coverage
            .iter()
            .filter(|t| t.section == section.id)
            .collect();
        let done = topics.iter().filter(|t| t.authored > 0).count();
        let min = topics.iter().map(|t| t.authored).min().unwrap_or(0);
        out.push_str(&format!(
            "  {:<10} {:>3}/{:<3} topics · fewest cards on a topic: {}\n",
            section.id,
            done,
            topics.len(),
            min
        ));
        for t in topics.iter().filter(|t| t.authored == 0) {
            out.push_str(&format!("    uncovered: {} {}\n", t.id, t.title));
        }
    }
    out
}
