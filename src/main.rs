//! The thin binary: parse the command line, resolve the settings once, build
//! the real context (clock, terminal, editor), run, and turn errors into a
//! message and an exit code.

use clap::Parser;
use recall::cli::Cli;
use recall::commands::{self, Clock, Ctx, PinnedClock};
use recall::error::Error;
use recall::settings::Settings;
use recall::styled::terminal_safe;
use recall::ui::{ExternalEditor, LinePrompter, Prompter, TermPrompter};
use std::io::{self, IsTerminal};
use std::process::ExitCode;
use std::time::Instant;

struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the shell is where the clock is read
    fn now(&self) -> chrono::DateTime<chrono::FixedOffset> {
        chrono::Local::now().fixed_offset()
    }
}

fn context(settings: Settings) -> Ctx {
    let clock: Box<dyn Clock> = match settings.now {
        Some(at) => Box::new(PinnedClock::starting_at(at, Instant::now())),
        None => Box::new(SystemClock),
    };
    let colour = settings.colour;
    let editor = ExternalEditor::new(settings.editor.as_deref());
    Ctx {
        started: clock.now(),
        clock,
        out: Box::new(io::stdout()),
        prompter: Box::new(move |plain| -> Box<dyn Prompter> {
            match TermPrompter::new(colour).filter(|_| !plain) {
                Some(term) => Box::new(term),
                // --plain means no escape codes; a pipe gets them only if asked.
                None => Box::new(
                    LinePrompter::new(io::stdin().lock(), io::stdout())
                        .with_colour(colour && !plain)
                        .on_terminal(io::stdin().is_terminal() && io::stdout().is_terminal()),
                ),
            }
        }),
        editor: Box::new(editor),
        settings,
    }
}

/// An error may quote a deck or a package: shown, never obeyed, like stdout.
fn fail(e: &Error) -> ExitCode {
    eprintln!("error: {}", terminal_safe(&e.to_string()));
    if let Some(hint) = e.hint() {
        eprintln!("hint: {}", terminal_safe(&hint));
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(1))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // A value our parsers refused: say it as every other error, with its hint.
        Err(e) => match std::error::Error::source(&e).and_then(|s| s.downcast_ref::<Error>()) {
            Some(ours) => return fail(ours),
            None => e.exit(),
        },
    };
    let result = Settings::resolve(&cli)
        .map(context)
        .and_then(|mut ctx| commands::run(&cli.command, &mut ctx));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}
