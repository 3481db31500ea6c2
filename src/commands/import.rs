//! `recall import FILE`: read the file into a plan (touching nothing), then
//! write it in one transaction.

use super::{import_summary as summary, Ctx};
use crate::anki::{package, read};
use crate::cli::ImportArgs;
use crate::error::{Error, Result};
use crate::import::CardSource;
use crate::import::{self, Options};
use crate::store::{media_dir, BackupReason, StoreError};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

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
    let opened = match open(&args.file, &temp_parent, &stop.flag) {
        Ok(Opened::Package(opened)) => opened,
        Ok(Opened::Text(plan)) => {
            stop.finish();
            return import_whole(args, ctx, plan);
        }
        Err(e) => {
            stop.finish();
            return Err(e.into());
        }
    };
    // The package is read as its cards are written: a signal until the end
    // stops the next read, so the import fails (writing nothing) and its
    // temp directory is removed before the signal takes its course.
    let imported = import_package(args, ctx, &options, *opened, &stop.flag);
    stop.finish();
    imported
}

/// Plans and writes a package card by card; everything it unpacked is
/// gone when it returns.
fn import_package(
    args: &ImportArgs,
    ctx: &mut Ctx,
    options: &Options,
    opened: package::Opened,
    cancel: &AtomicBool,
) -> Result<()> {
    let path = args.file.display().to_string();
    // A read that failed because a signal came was interrupted.
    let read_error = |e: StoreError| -> Error {
        if cancel.load(Ordering::SeqCst) {
            return import::ImportError::Interrupted { path: path.clone() }.into();
        }
        match e {
            e @ StoreError::AnkiCollection { .. } => import::ImportError::from(e).into(),
            other => other.into(),
        }
    };
    let package::Opened { file, mut package } = opened;
    let Some(file) = file else {
        return Err(import::ImportError::NoCollection { path }.into());
    };
    let name = import::file_name(&args.file);
    let start = read::Start {
        head: std::mem::take(&mut package.col),
        flags: std::mem::take(&mut package.flags),
        media: &package.media.files,
        file: &name,
        options,
    };
    let mut planner = read::streamed(&file, start).map_err(read_error)?;
    let mut plan = import::Plan {
        media: sorted(&package.media.files),
        ..import::Plan::default()
    };
    if args.strict {
        let mut dry = import::Plan::default();
        while planner.next_card(&mut dry).map_err(read_error)?.is_some() {}
        media_notices(&mut dry, &package.media);
        if dry.drops_something() {
            return Err(import::ImportError::Strict {
                path: path.clone(),
                reasons: summary::dropped(&dry),
            }
            .into());
        }
        planner.rewind();
    }
    let mut store = ctx.open()?;
    // A year of history deserves a way back if the import was the wrong file.
    if store.cards().count()? > 0 {
        store.auto_backup(BackupReason::Import)?;
    }
    let mut progress = crate::ui::progress::for_stderr();
    let cards = planner.cards() as u64;
    let report = store
        .import_streamed(
            &mut plan,
            &mut planner,
            cards,
            ctx.now_ms(),
            progress.as_mut(),
        )
        .map_err(read_error)?;
    drop(progress);
    drop(planner);
    media_notices(&mut plan, &package.media);
    keep_media(&plan.media, &package.media_dir(), &media_dir(ctx.db()))?;
    summarize(args, ctx, &plan, &report)
}

/// A text file's plan, read whole, written.
fn import_whole(args: &ImportArgs, ctx: &mut Ctx, mut plan: import::Plan) -> Result<()> {
    if args.strict && plan.drops_something() {
        return Err(import::ImportError::Strict {
            path: args.file.display().to_string(),
            reasons: summary::dropped(&plan),
        }
        .into());
    }
    let mut store = ctx.open()?;
    if store.cards().count()? > 0 {
        store.auto_backup(BackupReason::Import)?;
    }
    let mut progress = crate::ui::progress::for_stderr();
    let report = store.import(&mut plan, ctx.now_ms(), progress.as_mut())?;
    drop(progress);
    summarize(args, ctx, &plan, &report)
}

fn summarize(
    args: &ImportArgs,
    ctx: &mut Ctx,
    plan: &import::Plan,
    report: &crate::store::ImportReport,
) -> Result<()> {
    if args.json {
        let value = summary::json(&args.file, ctx.db(), plan, report);
        return ctx.print(&super::to_json(&value));
    }
    let text = summary::text(&args.file, ctx.db(), plan, report);
    ctx.print(&text)
}

fn sorted(names: &[String]) -> Vec<String> {
    let mut names = names.to_vec();
    names.sort();
    names
}

/// The media files the package could not give, after the cards' notices.
fn media_notices(plan: &mut import::Plan, media: &package::Media) {
    for (name, why) in &media.refused {
        plan.notice(
            import::NoticeKind::Dropped,
            "media files left out",
            format!("{name:?}: {why}"),
        );
    }
}

/// Moves the package's media files into the collection's media folder,
/// under their names (a file of the same name is replaced: the package's is
/// the newer). Runs after the import is committed.
fn keep_media(names: &[String], from: &Path, to: &Path) -> Result<()> {
    if names.is_empty() {
        return Ok(());
    }
    let fail = |path: &Path, source| Error::Write {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(to).map_err(|e| fail(to, e))?;
    for name in names {
        let target = to.join(name);
        std::fs::rename(from.join(name), &target).map_err(|e| fail(&target, e))?;
    }
    Ok(())
}

/// What a file opens as: a package read card by card, or a text file's plan.
enum Opened {
    Package(Box<package::Opened>),
    Text(import::Plan),
}

/// Opens `path` by its extension.
fn open(
    path: &Path,
    temp_parent: &Path,
    cancel: &Arc<AtomicBool>,
) -> Result<Opened, import::ImportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("apkg" | "colpkg") => Ok(Opened::Package(Box::new(package::open(
            path,
            package::MAX_UNPACKED_BYTES,
            temp_parent,
            cancel,
        )?))),
        Some("tsv" | "txt") => Ok(Opened::Text(import::text::read(path, b'\t')?)),
        Some("csv") => Ok(Opened::Text(import::text::read(path, b',')?)),
        _ => Err(import::ImportError::UnknownFormat {
            path: path.display().to_string(),
        }),
    }
}
