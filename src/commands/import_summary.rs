//! The summary of `recall import`: what was added, merged and carried, and,
//! counted with examples, what was left out or changed and why. As text, or
//! as the same data with `--json`.

use crate::import::{NoticeKind, Plan};
use crate::store::ImportReport;
use serde_json::{json, Value};
use std::path::Path;

/// How many examples of each kind of loss (and clamped values) are named.
const EXAMPLES_SHOWN: usize = 5;

/// The notices of `kind`, grouped by what they are, in first-seen order.
fn groups(plan: &Plan, kind: NoticeKind) -> Vec<(&str, Vec<&str>)> {
    let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
    for n in plan.notices.iter().filter(|n| n.kind == kind) {
        match out.iter_mut().find(|(what, _)| *what == n.what) {
            Some((_, details)) => details.push(&n.detail),
            None => out.push((&n.what, vec![&n.detail])),
        }
    }
    out
}

/// One line per kind of loss, for `--strict`'s refusal.
pub fn dropped(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    if !plan.skipped.is_empty() {
        out.push(format!(
            "{} notes ({} cards) that make no card, e.g. {}",
            plan.skipped_notes,
            plan.skipped.len(),
            plan.skipped[0]
        ));
    }
    for (what, details) in groups(plan, NoticeKind::Dropped) {
        out.push(format!("{} {what}, e.g. {}", details.len(), details[0]));
    }
    out
}

fn push_group(out: &mut String, title: &str, details: &[&str]) {
    out.push_str(&format!("  {title}: {}\n", details.len()));
    for d in details.iter().take(EXAMPLES_SHOWN) {
        out.push_str(&format!("    {d}\n"));
    }
    if details.len() > EXAMPLES_SHOWN {
        out.push_str(&format!(
            "    … and {} more\n",
            details.len() - EXAMPLES_SHOWN
        ));
    }
}

fn merged_any(r: &ImportReport) -> bool {
    r.answers_merged > 0 || r.cards_updated > 0 || r.notes_updated > 0 || r.states_taken > 0
}

pub fn text(file: &Path, db: &Path, plan: &Plan, r: &ImportReport) -> String {
    let mut out = if r.cards_added == 0 && r.decks_added == 0 && !merged_any(r) {
        format!(
            "nothing changed: all {} cards of {} are already in {}\n",
            r.cards_present,
            file.display(),
            db.display()
        )
    } else {
        format!(
            "imported {} cards ({} review log rows) into {} new decks from {}\n  already present: {}\n",
            r.cards_added,
            r.log_rows,
            r.decks_added,
            file.display(),
            r.cards_present
        )
    };
    if merged_any(r) {
        out.push_str(&format!(
            "  merged: {} new answers, {} notes updated ({} cards' text), {} cards took Anki's newer state\n",
            r.answers_merged, r.notes_updated, r.cards_updated, r.states_taken
        ));
    }
    for deck in &plan.decks {
        out.push_str(&format!("  deck {} ← {}\n", deck.section, deck.name));
    }
    if r.fsrs_memories_kept > 0 {
        out.push_str(&format!(
            "  FSRS memory kept for {} cards (Anki's stability and difficulty, with their import)\n",
            r.fsrs_memories_kept
        ));
    }
    let carried: Vec<String> = [
        (
            plan.notes_carried(),
            "Anki notes under their own guids".to_string(),
        ),
        (plan.notetypes.len(), "note types".to_string()),
        (r.tags_added as usize, "tags".to_string()),
        (plan.media.len(), "media files".to_string()),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    if !carried.is_empty() {
        out.push_str(&format!("  carried: {}\n", carried.join(", ")));
    }
    if !plan.skipped.is_empty() {
        let shown: Vec<&str> = plan.skipped.iter().map(String::as_str).collect();
        let title = format!(
            "skipped {} notes ({} cards)",
            plan.skipped_notes,
            plan.skipped.len()
        );
        push_group(&mut out, &title, &shown);
    }
    for (what, details) in groups(plan, NoticeKind::Dropped) {
        push_group(&mut out, &format!("left out: {what}"), &details);
    }
    // How a card was carried matters when it is added; a card already here
    // keeps its own (the JSON lists them all the same).
    let added = if r.cards_added > 0 {
        groups(plan, NoticeKind::Changed)
    } else {
        Vec::new()
    };
    for (what, details) in added {
        push_group(&mut out, &format!("changed: {what}"), &details);
    }
    if !plan.warnings.is_empty() {
        out.push_str(&format!(
            "  clamped {} values outside what recall accepts:\n",
            plan.warnings.len()
        ));
        for why in plan.warnings.iter().take(EXAMPLES_SHOWN) {
            out.push_str(&format!("    {why}\n"));
        }
    }
    out
}

pub fn json(file: &Path, db: &Path, plan: &Plan, r: &ImportReport) -> Value {
    let group = |kind| {
        groups(plan, kind)
            .into_iter()
            .map(|(what, details)| json!({"what": what, "count": details.len(), "examples": details}))
            .collect::<Vec<_>>()
    };
    json!({
        "file": file.display().to_string(),
        "collection": db.display().to_string(),
        "report": r,
        "decks": plan.decks.iter().map(|d| json!({"section": d.section, "name": d.name})).collect::<Vec<_>>(),
        "carried": {
            "notes": plan.notes_carried(),
            "notetypes": plan.notetypes.len(),
            "media": plan.media,
        },
        "skipped": {
            "notes": plan.skipped_notes,
            "cards": plan.skipped.len(),
            "examples": plan.skipped,
        },
        "dropped": group(NoticeKind::Dropped),
        "changed": group(NoticeKind::Changed),
        "clamped": plan.warnings,
    })
}
