//! `recall compile`: roadmap + deck files → the collection, in one transaction.

use super::sources::{learner_python, Sources, SOURCES_KEY};
use super::Ctx;
use crate::card::CardKind;
use crate::cli::CompileArgs;
use crate::course::{build, coverage, Compiled, TopicCoverage};
use crate::deck::PythonVersion;
use crate::error::{Error, Result};
use crate::store::{Renamed, SyncOptions, SyncReport};
use std::path::Path;

pub fn run(args: &CompileArgs, ctx: &mut Ctx) -> Result<()> {
    let sources = Sources {
        base: Some(ctx.settings.cwd.clone()),
        roadmap: args.roadmap.clone(),
        decks: (!args.paths.is_empty()).then(|| args.paths.clone()),
    };
    let ((roadmap_source, deck_sources), notices) = Sources {
        base: None,
        ..sources.clone()
    }
    .read_for(Some(ctx.db()))?;
    let python = learner_python(ctx.config().python);
    let compiled = build(roadmap_source, deck_sources, python)?;
    let coverage = coverage(&compiled.roadmap, &compiled.cards);
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
    let record = sources.to_json()?;
    let mut store = ctx.open()?;
    let options = SyncOptions {
        rename: !args.no_rename,
        ..SyncOptions::default()
    };
    let (report, renamed) =
        store.sync_renaming(&compiled.roadmap, &compiled.cards, ctx.now_ms(), &options)?;
    store.set_meta(SOURCES_KEY, &record)?;
    let mut text = render_report(&compiled, &report, &coverage, ctx.db(), python);
    text.push_str(&render_renamed(&renamed));
    for notice in notices {
        text.push_str(&format!("note: {notice}\n"));
    }
    ctx.print(&text)
}

/// The renamed cards shown one per line (the first few): the learner sees
/// which edits kept a card's history, and can undo a wrong one.
const RENAMED_SHOWN: usize = 10;

fn render_renamed(renamed: &[Renamed]) -> String {
    if renamed.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "renamed (edited, history kept; `recall compile --no-rename` makes them new cards):\n",
    );
    for r in renamed.iter().take(RENAMED_SHOWN) {
        out.push_str(&format!(
            "  {} {:?} → {:?}\n",
            r.id,
            one_line(&r.from),
            one_line(&r.to)
        ));
    }
    if renamed.len() > RENAMED_SHOWN {
        out.push_str(&format!("  … and {} more\n", renamed.len() - RENAMED_SHOWN));
    }
    out
}

/// A prompt on one line, cut to a readable length.
fn one_line(prompt: &str) -> String {
    const MAX: usize = 60;
    let flat = prompt.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= MAX {
        flat
    } else {
        format!("{}…", flat.chars().take(MAX).collect::<String>())
    }
}

/// `312 basic · 700 typed · 90 cloze · 299 eval`.
fn kind_counts(c: &Compiled) -> String {
    CardKind::ALL
        .iter()
        .map(|&kind| {
            let n = c.cards.iter().filter(|card| card.kind == kind).count();
            format!("{n} {kind}")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn render_report(
    c: &Compiled,
    r: &SyncReport,
    coverage: &[TopicCoverage],
    db: &Path,
    python: Option<PythonVersion>,
) -> String {
    let mut out = String::new();
    let changed = r.added + r.updated + r.retired + r.unretired + r.renamed;
    if changed == 0 {
        out.push_str(&format!(
            "nothing changed: {} cards up to date in {}\n",
            r.unchanged,
            db.display()
        ));
    } else {
        out.push_str(&format!(
            "compiled {} cards from {} deck files into {}\n",
            c.cards.len(),
            c.files,
            db.display()
        ));
        out.push_str(&format!("  by kind: {}\n", kind_counts(c)));
        out.push_str(&format!(
            "  added {} · updated {} · renamed {} · retired {} · restored {} · unchanged {}\n",
            r.added, r.updated, r.renamed, r.retired, r.unretired, r.unchanged
        ));
    }
    if !c.left_out.is_empty() {
        let yours = python.map_or("unknown".to_string(), |v| v.to_string());
        let files: Vec<String> = c
            .left_out
            .iter()
            .map(|(path, range)| format!("{path} ({range})"))
            .collect();
        out.push_str(&format!(
            "  left out for your Python ({yours}; set `python` in the config to change it): {}\n",
            files.join(", ")
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
