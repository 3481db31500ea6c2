//! The thin binary: parse the command line, build the real context (clock,
//! seed, terminal), run, and turn errors into a message and an exit code.

use clap::Parser;
use recall::cli::{Cli, ColorChoice};
use recall::commands::{self, parse_now, Clock, Ctx, FixedClock, ROLLOVER_HOUR};
use recall::error::{Error, Result};
use recall::ui::lines::LinePrompter;
use recall::ui::term::TermPrompter;
use recall::ui::Prompter;
use std::io;
use std::path::PathBuf;
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

fn colour(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
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
    let colour = colour(cli.color);
    Ok(Ctx {
        db,
        clock,
        seed,
        rollover_hour: ROLLOVER_HOUR,
        out: Box::new(io::stdout()),
        prompter: Box::new(move |plain| -> Box<dyn Prompter> {
            match TermPrompter::new(colour).filter(|_| !plain) {
                Some(term) => Box::new(term),
                None => Box::new(LinePrompter::new(io::stdin().lock(), io::stdout())),
            }
        }),
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
