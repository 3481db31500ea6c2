//! `recall man [COMMAND]` and `recall man --all DIR`: the man pages (roff),
//! generated from the clap definition, one per subcommand, with the keys of
//! the review, the config file and the environment added from the one place
//! each is defined.

use super::Ctx;
use crate::cli::{Cli, ManArgs};
use crate::error::{Error, Result};
use crate::ui::view::HELP;
use clap::CommandFactory;
use roff::{bold, roman, Roff};
use std::path::Path;

/// The section of every page.
const SECTION: &str = "1";

pub fn run(args: &ManArgs, ctx: &mut Ctx) -> Result<()> {
    let top = built();
    if let Some(dir) = &args.all {
        let written = write_all(&top, dir)?;
        return ctx.println(&format!("{written} man pages written to {}", dir.display()));
    }
    let page = match &args.command {
        None => render(&top, true)?,
        Some(name) => match top.find_subcommand(name) {
            Some(sub) => render(sub, false)?,
            None => {
                return Err(Error::advice(
                    format!("no man page for {name:?}"),
                    format!("pages: {}", page_names(&top).join(", ")),
                ))
            }
        },
    };
    ctx.print(&page)
}

/// The command as clap builds it, so each subcommand is named `recall-review`.
fn built() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

fn page_names(top: &clap::Command) -> Vec<String> {
    top.get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name().to_string())
        .collect()
}

/// One page per subcommand and the top page, into `dir` (made if missing).
fn write_all(top: &clap::Command, dir: &Path) -> Result<usize> {
    let write_err = |source| Error::Write {
        path: dir.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(write_err)?;
    let mut pages = vec![(top, true)];
    pages.extend(
        top.get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| (s, false)),
    );
    for (cmd, is_top) in &pages {
        let name = cmd.get_display_name().unwrap_or_else(|| cmd.get_name());
        let path = dir.join(format!("{name}.{SECTION}"));
        std::fs::write(&path, render(cmd, *is_top)?).map_err(|source| Error::Write {
            path: path.display().to_string(),
            source,
        })?;
    }
    Ok(pages.len())
}

/// clap's page with recall's own sections before VERSION.
fn render(cmd: &clap::Command, top: bool) -> Result<String> {
    let man = clap_mangen::Man::new(cmd.clone()).section(SECTION);
    let mut out: Vec<u8> = Vec::new();
    let term = Error::Terminal;
    man.render_title(&mut out).map_err(term)?;
    man.render_name_section(&mut out).map_err(term)?;
    man.render_synopsis_section(&mut out).map_err(term)?;
    man.render_description_section(&mut out).map_err(term)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out).map_err(term)?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut out).map_err(term)?;
    }
    let name = cmd.get_name();
    let mut extra = Roff::new();
    if matches!(name, "review" | "drill") {
        keys(&mut extra);
    }
    if top {
        config(&mut extra);
    }
    files_and_environment(&mut extra);
    exit_status(&mut extra);
    see_also(&mut extra, top, name);
    out.extend(extra.render().into_bytes());
    man.render_version_section(&mut out).map_err(term)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn tagged(roff: &mut Roff, heading: &str, items: &[(&str, &str)]) {
    roff.control("SH", [heading]);
    for (tag, what) in items {
        roff.control("TP", [])
            .text([bold(*tag)])
            .text([roman(*what)]);
    }
}

/// The review's keys, from the help the review itself shows.
fn keys(roff: &mut Roff) {
    tagged(roff, "KEYS", HELP);
}

fn config(roff: &mut Roff) {
    roff.control("SH", ["CONFIG"]).text([roman(
        "A TOML file (see FILES); every key is optional, and a flag beats the file.",
    )]);
    tagged(
        roff,
        "CONFIG KEYS",
        &[
            ("new_per_day = 20", "new cards introduced per day"),
            ("reviews_per_day = 200", "scheduled reviews per day"),
            (
                "rollover_hour = 4",
                "the local hour (0-23) at which a new day of reviews starts",
            ),
            ("color = \"auto\"", "auto, always or never"),
            (
                "case = \"deck\"",
                "letter case in typed answers: deck (as each deck says), sensitive or insensitive",
            ),
            (
                "python = \"3.12\"",
                "the Python whose version-specific cards are compiled (default: python3 --version)",
            ),
            (
                "[leech] threshold = 8, action = \"suspend\"",
                "lapses that make a card a leech, and suspend or tag",
            ),
            (
                "[suggest] quick_secs = 8, slow_secs = 25, close = 0.75",
                "when the suggested grade for a typed answer changes",
            ),
            (
                "scheduler = \"sm2\"",
                "sm2 or fsrs: the function every card's state is a replay of its log under; \
                 a change reschedules every card on the next command (one transaction, one line saying so)",
            ),
            (
                "desired_retention = 0.9",
                "the probability of recall FSRS schedules for, 0.70 to 0.99 (checked under sm2 too)",
            ),
        ],
    );
}

fn files_and_environment(roff: &mut Roff) {
    tagged(
        roff,
        "FILES",
        &[
            (
                "$XDG_DATA_HOME/recall/collection.sqlite",
                "the collection (~/.local/share/recall/ when XDG_DATA_HOME is unset)",
            ),
            (
                "$XDG_CONFIG_HOME/recall/config.toml",
                "the config file (~/.config/recall/ when XDG_CONFIG_HOME is unset)",
            ),
            (
                "backups/",
                "beside the collection: where recall backup writes its copies",
            ),
        ],
    );
    tagged(
        roff,
        "ENVIRONMENT",
        &[
            ("RECALL_DB", "the collection file (as --db)"),
            ("RECALL_CONFIG", "the config file; it must exist"),
            (
                "RECALL_SEED",
                "the seed of the order of due reviews and drills (default: the day)",
            ),
            (
                "TZ",
                "the time zone days are counted in, also for a pinned --now",
            ),
            (
                "NO_COLOR",
                "no colour unless --color or the config asks for it",
            ),
            ("EDITOR", "the editor for e in the review"),
        ],
    );
}

fn exit_status(roff: &mut Roff) {
    tagged(
        roff,
        "EXIT STATUS",
        &[
            ("0", "success; also a review ended by q or Ctrl-C (the summary is shown, every answer given is saved)"),
            ("1", "a failure (the collection, a file, the terminal)"),
            (
                "2",
                "bad input: a usage error, a grade, a --now, a config or a file to import",
            ),
            (
                "130",
                "the review or drill was interrupted (Ctrl-C); every answer given is saved",
            ),
        ],
    );
}

fn see_also(roff: &mut Roff, top: bool, name: &str) {
    let others = if top {
        page_names(&built())
            .iter()
            .map(|n| format!("recall-{n}({SECTION})"))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        format!("recall({SECTION}); this page: recall man {name}")
    };
    roff.control("SH", ["SEE ALSO"]).text([roman(others)]);
}
