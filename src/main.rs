//! The thin binary: parse the command line, build the real context (clock,
//! seed, terminal), run, and turn errors into a message and an exit code.

use clap::Parser;
use recall::cli::{Cli, ColorChoice};
use recall::commands::{self, parse_now, Clock, Ctx, FixedClock};
use recall::config::{self, Colour, Config};
use recall::error::{Error, Result};
use recall::ui::editor::ExternalEditor;
use recall::ui::lines::LinePrompter;
use recall::ui::term::TermPrompter;
use recall::ui::Prompter;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the shell is where the clock is read
    fn now(&self) -> chrono::DateTime<chrono::FixedOffset> {
        chrono::Local::now().fixed_offset()
    }
}

fn default_db() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "recall")
        .map(|dirs| dirs.data_dir().join("collection.sqlite"))
        .ok_or_else(|| {
            Error::Usage(
                "no home directory to keep the collection in; pass --db PATH or set RECALL_DB"
                    .into(),
            )
        })
}

/// `RECALL_CONFIG`, else `config.toml` in the platform config dir.
fn config_path() -> Option<(PathBuf, bool)> {
    if let Some(path) = std::env::var_os("RECALL_CONFIG").filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(path), true));
    }
    directories::ProjectDirs::from("", "", "recall")
        .map(|dirs| (dirs.config_dir().join(config::FILE_NAME), false))
}

/// The settings: none at the default path is the defaults; a path named by
/// `RECALL_CONFIG` must exist, so a typo there is not silently ignored.
fn load_config() -> Result<Config> {
    let Some((path, named)) = config_path() else {
        return Ok(Config::default());
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(config::parse(&path.display().to_string(), &text)?),
        Err(e) if e.kind() == io::ErrorKind::NotFound && !named => Ok(Config::default()),
        Err(source) => Err(Error::Read {
            path: path.display().to_string(),
            source,
        }),
    }
}

/// Whether to colour: `--color` first, then the config file, then `NO_COLOR`,
/// then whether stdout is a terminal (no-color.org: flags and config files
/// may override the variable).
fn colour(flag: Option<ColorChoice>, config: Colour) -> bool {
    let explicit = match flag {
        Some(ColorChoice::Always) => Some(true),
        Some(ColorChoice::Never) => Some(false),
        Some(ColorChoice::Auto) | None => match config {
            Colour::Always => Some(true),
            Colour::Never => Some(false),
            Colour::Auto => None,
        },
    };
    explicit.unwrap_or_else(|| {
        std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && TermPrompter::stdout_is_terminal()
    })
}

fn context(cli: &Cli) -> Result<Ctx> {
    let clock: Box<dyn Clock> = match &cli.now {
        Some(value) => Box::new(FixedClock(parse_now(value)?)),
        None => Box::new(SystemClock),
    };
    let seed = match std::env::var("RECALL_SEED") {
        Ok(v) => Some(
            v.trim()
                .parse::<u64>()
                .map_err(|_| Error::Usage(format!("RECALL_SEED={v:?} is not a whole number")))?,
        ),
        Err(_) => None,
    };
    let db = match &cli.db {
        Some(path) => path.clone(),
        None => default_db()?,
    };
    let config = load_config()?;
    let colour = colour(cli.color, config.colour);
    let editor = std::env::var("EDITOR").ok();
    Ok(Ctx {
        db,
        clock,
        seed,
        rollover_hour: config.rollover_hour,
        out: Box::new(io::stdout()),
        prompter: Box::new(move |plain| -> Box<dyn Prompter> {
            match TermPrompter::new(colour).filter(|_| !plain) {
                Some(term) => Box::new(term),
                // --plain means no escape codes; a pipe gets them only if asked.
                None => Box::new(
                    LinePrompter::new(io::stdin().lock(), io::stdout())
                        .with_colour(colour && !plain),
                ),
            }
        }),
        config,
        editor: Box::new(ExternalEditor::new(editor.as_deref())),
        cwd: std::env::current_dir().unwrap_or_else(|_| Path::new(".").to_path_buf()),
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = context(&cli).and_then(|mut ctx| commands::run(&cli.command, &mut ctx));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            if let Some(hint) = e.hint() {
                eprintln!("hint: {hint}");
            }
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(1))
        }
    }
}
