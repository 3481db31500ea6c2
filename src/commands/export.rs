//! `recall export`: a snapshot of the collection through one of the
//! exporters, to stdout or, atomically, to a file. Written to a terminal,
//! the text is made safe (control characters shown, as everywhere recall
//! prints); to a pipe or with `-o` it is data and kept as it is.

use super::Ctx;
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::{Error, Result};
use crate::export::{self, Exporter, Format, Options};
use crate::styled::terminal_safe;
use std::io::{IsTerminal, Write};
use std::path::Path;

fn format(f: ExportFormat) -> Format {
    match f {
        ExportFormat::Apkg => Format::Apkg,
        ExportFormat::Tsv => Format::Tsv,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Md => Format::Md,
        ExportFormat::Json => Format::Json,
    }
}

pub fn run(args: &ExportArgs, ctx: &mut Ctx) -> Result<()> {
    let format = format(args.format);
    if format.is_binary() && args.output.is_none() {
        return Err(Error::Usage(
            "an Anki package is a binary file: name it with -o, e.g. `-o python.apkg`".into(),
        ));
    }
    if let Some(path) = args.output.as_deref() {
        refuse_existing(path, args.force)?;
    }
    let store = ctx.open_existing()?;
    super::filters::check_deck(&store, args.deck.as_ref())?;
    let snapshot = store.snapshot(args.deck.as_ref(), args.with_scheduling)?;
    let options = Options {
        with_scheduling: args.with_scheduling,
        now_ms: ctx.now_ms(),
        today: ctx.today(),
        utc_offset_secs: ctx.now().offset().local_minus_utc(),
        rollover_hour: ctx.config().rollover_hour,
    };
    let exporter = exporter(format);
    let mut progress = crate::ui::progress::for_stderr();
    let mut buf = Vec::new();
    let summary = exporter.export(&snapshot, &options, &mut buf, progress.as_mut())?;
    drop(progress);
    if args.strict && !summary.dropped.is_empty() {
        return Err(Error::advice(
            format!(
                "export --strict: nothing written, because the export would drop:\n{}",
                summary.lines().join("\n")
            ),
            "export to a format that holds it (apkg or json keep scheduling), or leave out --strict",
        ));
    }
    match &args.output {
        None => {
            let text = String::from_utf8_lossy(&buf);
            // On a terminal the export is read, so it is made safe like
            // everything else recall prints; into a pipe or a file it is
            // data, kept byte for byte (as with -o).
            if std::io::stdout().is_terminal() {
                ctx.print(&text)?;
            } else {
                ctx.print_data(&text)?;
            }
            // Stdout holds the export: the summary goes to stderr.
            let report = report(&summary, args.json, None)?;
            let mut stderr = std::io::stderr();
            let _ = stderr.write_all(terminal_safe(&report).as_bytes());
            Ok(())
        }
        Some(path) => {
            write_atomically(path, &buf, args.force)?;
            let report = report(&summary, args.json, Some(path))?;
            ctx.print(&report)
        }
    }
}

/// The summary of an export: a line of what was carried, then what was
/// dropped or changed; with `json`, the same as one JSON object.
fn report(summary: &export::Summary, json: bool, path: Option<&Path>) -> Result<String> {
    if json {
        let mut value = serde_json::to_value(summary).map_err(export::ExportError::from)?;
        if let (Some(path), Some(map)) = (path, value.as_object_mut()) {
            map.insert("output".into(), path.display().to_string().into());
        }
        return Ok(format!("{value}\n"));
    }
    let history = if summary.review_log_rows > 0 {
        format!(" and {} review log rows", summary.review_log_rows)
    } else {
        String::new()
    };
    let to = path.map_or_else(String::new, |p| format!(" to {}", p.display()));
    let mut out = format!("exported {} cards{history}{to}\n", summary.cards);
    for line in summary.lines() {
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}

/// rw-r--r--, as a file written by any other program.
#[cfg(unix)]
const EXPORT_MODE: u32 = 0o644;

/// `-o FILE` must not exist (a symlink, dangling or not, counts) unless
/// `force`; a directory is refused even then. Checked before any work, and
/// again when the file is put in place.
fn refuse_existing(path: &Path, force: bool) -> Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    let what = if meta.file_type().is_symlink() {
        "a symlink"
    } else if meta.is_dir() {
        return Err(Error::advice(
            format!("{} is a directory", path.display()),
            "name the file to write, e.g. -o DIR/cards.apkg",
        ));
    } else {
        "a file"
    };
    if force {
        return Ok(());
    }
    Err(Error::OutputExists {
        path: path.display().to_string(),
        what,
    })
}

/// Writes beside `path` and renames, so a failed export leaves no half file
/// (the temporary file is removed on every error). Without `force`, a file
/// that appeared at `path` meanwhile is not replaced.
fn write_atomically(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let fail = |source| Error::Write {
        path: path.display().to_string(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    // A temp file is private (0600); an export is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let readable = std::fs::Permissions::from_mode(EXPORT_MODE);
        tmp.as_file().set_permissions(readable).map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    if force {
        tmp.persist(path).map_err(|e| fail(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                Error::OutputExists {
                    path: path.display().to_string(),
                    what: "a file",
                }
            } else {
                fail(e.error)
            }
        })?;
    }
    Ok(())
}

/// The serializer of each format (the Anki package is the `anki` module's).
pub fn exporter(format: Format) -> Box<dyn Exporter> {
    match format {
        Format::Apkg => Box::new(crate::anki::write::Apkg),
        Format::Tsv => Box::new(export::tsv::Tsv),
        Format::Csv => Box::new(export::csv::Csv),
        Format::Md => Box::new(export::md::Md),
        Format::Json => Box::new(export::json::Json),
    }
}
