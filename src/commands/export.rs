//! `recall export`: the collection read by cursor through one of the
//! exporters, streamed into a temp file beside `-o FILE` and renamed over
//! it once whole (a failed export leaves nothing), or to stdout. Written to a terminal,
//! the text is made safe (control characters shown, as everywhere recall
//! prints); to a pipe or with `-o` it is data and kept as it is.

use super::atomic_file::{self, AtomicFile, Mode, Replace};
use super::Ctx;
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::{Error, Result};
use crate::export::{self, Exporter, Format, Options, Target};
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
    let read = store.export_read(args.deck.as_ref())?;
    let options = Options {
        with_scheduling: args.with_scheduling,
        now_ms: ctx.now_ms(),
        today: ctx.today(),
        utc_offset_secs: ctx.now().offset().local_minus_utc(),
        rollover_hour: ctx.config().rollover_hour,
    };
    let exporter = exporter(format);
    let mut progress = crate::ui::progress::for_stderr();
    match &args.output {
        None => {
            // To stdout: kept until the summary says it may go (--strict),
            // and made safe as a whole on a terminal.
            let mut buf = std::io::Cursor::new(Vec::new());
            let dir = std::env::temp_dir();
            let target = Target {
                out: &mut buf,
                temp_dir: &dir,
            };
            let summary = exporter.export(&read, &options, target, progress.as_mut())?;
            drop(progress);
            strict(args, &summary)?;
            let text = String::from_utf8_lossy(buf.get_ref());
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
            let fail = |source| Error::Write {
                path: path.display().to_string(),
                source,
            };
            // Dropped on any error below: the temp file goes with it.
            let mut file = AtomicFile::beside(path).map_err(fail)?;
            let target = Target {
                out: file.file(),
                temp_dir: atomic_file::parent_dir(path),
            };
            let summary = exporter.export(&read, &options, target, progress.as_mut())?;
            drop(progress);
            strict(args, &summary)?;
            let replace = if args.force {
                Replace::Yes
            } else {
                Replace::No
            };
            file.commit(Mode::Fixed(atomic_file::ORDINARY), replace)
                .map_err(|e| {
                    if e.kind() == std::io::ErrorKind::AlreadyExists {
                        // Without --force, a file that appeared meanwhile stays.
                        Error::OutputExists {
                            path: path.display().to_string(),
                            what: "a file",
                        }
                    } else {
                        fail(e)
                    }
                })?;
            let report = report(&summary, args.json, Some(path))?;
            ctx.print(&report)
        }
    }
}

/// With `--strict`, an export that would drop anything writes nothing.
fn strict(args: &ExportArgs, summary: &export::Summary) -> Result<()> {
    if args.strict && !summary.dropped.is_empty() {
        return Err(Error::advice(
            format!(
                "export --strict: nothing written, because the export would drop:\n{}",
                summary.lines().join("\n")
            ),
            "export to a format that holds it (apkg or json keep scheduling), or leave out --strict",
        ));
    }
    Ok(())
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

/// `-o FILE` must not exist (a symlink, dangling or not, counts) unless
/// `force`; a directory, a device or a pipe is refused even then. Checked before any work, and
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
    } else if !meta.is_file() {
        // A device or a pipe: the export goes into a temp file renamed over
        // -o, which would put a plain file in its place (even /dev/null).
        return Err(Error::advice(
            format!("{} is a device or a pipe, not a file", path.display()),
            "leave out -o to write to stdout, and redirect that (a text format), or name a file",
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
