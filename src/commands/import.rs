//! `recall import FILE`: read the file into a plan (touching nothing), then
//! write it in one transaction.

use super::Ctx;
use crate::anki::{package, read};
use crate::cli::ImportArgs;
use crate::error::Result;
use crate::import::{self, Options};
use crate::store::{BackupReason, Store};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

/// How many skipped notes (and clamped values) are named one by one.
const SKIPPED_SHOWN: usize = 5;
/// The signals that stop an import while it unpacks and reads a package.
const STOP_SIGNALS: [i32; 3] = [
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
];

/// While reading a package, SIGINT/SIGTERM/SIGHUP set a flag instead of
/// ending the process, so the reader stops at its next step and removes its
/// temp directory; the signal is then delivered as usual ([`Stop::finish`]).
/// A second signal ends the process at once.
struct Stop {
    flag: Arc<AtomicBool>,
    /// The signal that came, 0 for none.
    which: Arc<AtomicUsize>,
}

impl Stop {
    fn register() -> Stop {
        let flag = Arc::new(AtomicBool::new(false));
        let which = Arc::new(AtomicUsize::new(0));
        for sig in STOP_SIGNALS {
            // A signal arriving with the flag already set ends the process.
            // Registration fails only for a forbidden signal, not these three;
            // if it did, that signal would simply end the import as before.
            let _ = signal_hook::flag::register_conditional_default(sig, Arc::clone(&flag));
            let _ = signal_hook::flag::register(sig, Arc::clone(&flag));
            let number = usize::try_from(sig).unwrap_or(0);
            let _ = signal_hook::flag::register_usize(sig, Arc::clone(&which), number);
        }
        Stop { flag, which }
    }

    /// The read is over (its temp directory gone): a signal that came during
    /// it now ends the process as it would have; later ones do so directly
    /// (the flag set, each signal takes its default action). The handlers
    /// stay: unregistering would leave the signals ignored.
    fn finish(self) {
        let which = i32::try_from(self.which.load(Ordering::SeqCst)).unwrap_or(0);
        if which != 0 {
            let _ = signal_hook::low_level::emulate_default_handler(which);
        }
        self.flag.store(true, Ordering::SeqCst);
    }
}

pub fn run(args: &ImportArgs, ctx: &mut Ctx) -> Result<()> {
    let options = Options {
        utc_offset_secs: ctx.now().offset().local_minus_utc(),
        rollover_hour: ctx.config().rollover_hour,
        now_ms: ctx.now_ms(),
        today: ctx.today(),
    };
    let temp_parent = ctx
        .db()
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let stop = Stop::register();
    let plan = read(&args.file, &options, &temp_parent, &stop.flag);
    stop.finish();
    let plan = plan?;
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
    if !plan.warnings.is_empty() {
        out.push_str(&format!(
            "  clamped {} values outside what recall accepts:\n",
            plan.warnings.len()
        ));
        for why in plan.warnings.iter().take(SKIPPED_SHOWN) {
            out.push_str(&format!("    {why}\n"));
        }
    }
    ctx.print(&out)
}

/// Reads `path` by its extension.
fn read(
    path: &Path,
    options: &Options,
    temp_parent: &Path,
    cancel: &Arc<AtomicBool>,
) -> Result<import::Plan, import::ImportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("apkg" | "colpkg") => {
            let col = package::read(path, package::MAX_UNPACKED_BYTES, temp_parent, cancel)?;
            Ok(read::plan(&col, &import::file_name(path), options))
        }
        Some("tsv" | "txt") => import::text::read(path, b'\t'),
        Some("csv") => import::text::read(path, b','),
        _ => Err(import::ImportError::UnknownFormat {
            path: path.display().to_string(),
        }),
    }
}
