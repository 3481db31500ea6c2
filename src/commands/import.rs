//! `recall import FILE`: read the file into a plan (touching nothing), then
//! write it in one transaction.

use super::Ctx;
use crate::anki::{package, read};
use crate::cli::ImportArgs;
use crate::error::Result;
use crate::import::{self, Options};
use crate::store::{BackupReason, Store};
use std::path::Path;

/// How many skipped notes are named one by one.
const SKIPPED_SHOWN: usize = 5;

pub fn run(args: &ImportArgs, ctx: &mut Ctx) -> Result<()> {
    let options = Options {
        utc_offset_secs: ctx.now().offset().local_minus_utc(),
        rollover_hour: ctx.config().rollover_hour,
        now_ms: ctx.now_ms(),
        today: ctx.today(),
    };
    let plan = read(&args.file, &options)?;
    let mut store = Store::open(ctx.db())?;
    // A year of history deserves a way back if the import was the wrong file.
    if store.cards().count()? > 0 {
        store.auto_backup(BackupReason::Import)?;
    }
    let mut progress = crate::ui::progress::for_stderr();
    let report = store.import(&plan, ctx.now_ms(), progress.as_mut())?;
    drop(progress);
    let mut out = if report.cards_added == 0 && report.decks_added == 0 {
        format!(
            "nothing changed: all {} cards of {} are already in {}\n",
            report.cards_present,
            args.file.display(),
            ctx.db().display()
        )
    } else {
        format!(
            "imported {} cards ({} review log rows) into {} new decks from {}\n  already present: {}\n",
            report.cards_added,
            report.log_rows,
            report.decks_added,
            args.file.display(),
            report.cards_present
        )
    };
    for deck in &plan.decks {
        out.push_str(&format!("  deck {} ← {}\n", deck.section, deck.name));
    }
    if !plan.skipped.is_empty() {
        out.push_str(&format!("  skipped {} notes:\n", plan.skipped.len()));
        for why in plan.skipped.iter().take(SKIPPED_SHOWN) {
            out.push_str(&format!("    {why}\n"));
        }
    }
    ctx.print(&out)
}

/// Reads `path` by its extension.
fn read(path: &Path, options: &Options) -> Result<import::Plan, import::ImportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("apkg" | "colpkg") => {
            let col = package::read(path, package::MAX_UNPACKED_BYTES)?;
            Ok(read::plan(&col, &import::file_name(path), options))
        }
        Some("tsv" | "txt") => import::text::read(path, b'\t'),
        Some("csv") => import::text::read(path, b','),
        _ => Err(import::ImportError::UnknownFormat {
            path: path.display().to_string(),
        }),
    }
}
