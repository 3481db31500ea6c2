//! The settings of a run, resolved once: the command line, then the config
//! file, then the environment, into one value that commands read. Nothing
//! below looks at flags, variables or files for its settings.

use crate::cli::{Cli, ColorChoice};
use crate::config::{self, Colour, Config};
use crate::error::{Error, Result};
use crate::ui::term::TermPrompter;
use chrono::{DateTime, FixedOffset};
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Settings {
    /// The collection file: `--db`, `RECALL_DB`, or the platform data dir.
    pub db: PathBuf,
    /// `--now`: the clock is pinned there.
    pub now: Option<DateTime<FixedOffset>>,
    /// `RECALL_SEED`; otherwise the day picks the order of its reviews.
    pub seed: Option<u64>,
    /// Whether output may be coloured.
    pub colour: bool,
    /// The config file (or the defaults).
    pub config: Config,
    /// `$EDITOR`, for `e` in the review.
    pub editor: Option<String>,
    /// The working directory: relative deck paths are read from here.
    pub cwd: PathBuf,
    /// `$PAGER`, for long listings on a terminal (empty: no pager).
    pub pager: Option<String>,
    /// `$COLUMNS`: the width of a listing that is not on a terminal.
    pub columns: Option<usize>,
}

impl Settings {
    /// The settings of this process: `cli` over the config file over the
    /// environment.
    pub fn resolve(cli: &Cli) -> Result<Settings> {
        let seed =
            match std::env::var("RECALL_SEED") {
                Ok(v) => Some(v.trim().parse::<u64>().map_err(|_| {
                    Error::Usage(format!("RECALL_SEED={v:?} is not a whole number"))
                })?),
                Err(_) => None,
            };
        let db = match &cli.db {
            Some(path) => path.clone(),
            None => default_db()?,
        };
        let config = load_config()?;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let colour = colour(cli.color, config.colour, no_color);
        Ok(Settings {
            db,
            now: cli.now,
            seed,
            colour,
            config,
            editor: std::env::var("EDITOR").ok(),
            cwd: std::env::current_dir().unwrap_or_else(|_| Path::new(".").to_path_buf()),
            pager: std::env::var("PAGER").ok(),
            columns: std::env::var("COLUMNS")
                .ok()
                .and_then(|v| v.trim().parse().ok()),
        })
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

/// `RECALL_CONFIG`, else `config.toml` in the platform config dir; `true`
/// when the path was named (and so must exist).
fn config_path() -> Option<(PathBuf, bool)> {
    if let Some(path) = std::env::var_os("RECALL_CONFIG").filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(path), true));
    }
    directories::ProjectDirs::from("", "", "recall")
        .map(|dirs| (dirs.config_dir().join(config::FILE_NAME), false))
}

/// None at the default path is the defaults; a path named by
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
fn colour(flag: Option<ColorChoice>, config: Colour, no_color: bool) -> bool {
    let explicit = match flag {
        Some(ColorChoice::Always) => Some(true),
        Some(ColorChoice::Never) => Some(false),
        Some(ColorChoice::Auto) | None => match config {
            Colour::Always => Some(true),
            Colour::Never => Some(false),
            Colour::Auto => None,
        },
    };
    explicit.unwrap_or_else(|| !no_color && TermPrompter::stdout_is_terminal())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_beats_the_config_and_the_config_beats_no_color() {
        assert!(colour(Some(ColorChoice::Always), Colour::Never, true));
        assert!(!colour(Some(ColorChoice::Never), Colour::Always, false));
        assert!(colour(None, Colour::Always, true));
        assert!(!colour(Some(ColorChoice::Auto), Colour::Auto, true));
    }
}
