//! `recall decks eject|status|diff`: the learner's own copy of the bundled
//! decks, in `decks/` beside the collection. `compile` (with no paths) and
//! `e` in the review use it; a newer recall never overwrites it, it says
//! which decks changed upstream (see [`super::sources::bundled_decks`]).

use super::sources::{
    bundled_name, deck_statuses, eject, learner_python, read_text, DeckStatus, Sources,
};
use super::Ctx;
use crate::cli::DecksCommand;
use crate::course::build;
use crate::deck::bundled;
use crate::error::{Error, Result};
use crate::store::SyncOptions;

pub fn run(command: &DecksCommand, ctx: &mut Ctx) -> Result<()> {
    match command {
        DecksCommand::Eject => run_eject(ctx),
        DecksCommand::Status => status(ctx),
        DecksCommand::Diff { name } => diff(name, ctx),
    }
}

fn run_eject(ctx: &mut Ctx) -> Result<()> {
    let ejected = eject(ctx.db())?;
    let dir = ejected.dir.display().to_string();
    let mut out = if ejected.already {
        match ejected.copied.len() {
            0 => format!("the bundled decks are already ejected to {dir}; nothing copied\n"),
            n => format!(
                "the bundled decks are already ejected to {dir}; copied {n} bundled decks new in this recall: {}\n",
                ejected.copied.join(", ")
            ),
        }
    } else {
        format!(
            "ejected {} bundled decks to {dir}\n  edit them there: `recall compile` and `e` in the review use these files from now on,\n  and a newer recall never overwrites them (`recall decks status` says what changed upstream)\n",
            ejected.copied.len()
        )
    };
    if !ejected.copied.is_empty() {
        if let Some(line) = recompile_bundled(ctx)? {
            out.push_str(&line);
        }
    }
    ctx.print(&out)
}

/// A collection compiled from the bundled decks is compiled again from the
/// copy, so its cards name the files `e` opens. Same text: ids and
/// histories stay; only the cards' source paths change.
fn recompile_bundled(ctx: &mut Ctx) -> Result<Option<String>> {
    if !ctx.db().exists() {
        return Ok(None);
    }
    let mut store = ctx.open_existing()?;
    let sources = Sources::load(&store)?;
    if sources.decks.is_some() || store.cards().is_empty()? {
        return Ok(None);
    }
    let ((roadmap, decks), _) = sources.read_for(Some(ctx.db()))?;
    let compiled = build(roadmap, decks, learner_python(ctx.config().python))?;
    let report = store.sync_with(
        &compiled.roadmap,
        &compiled.cards,
        ctx.now_ms(),
        &SyncOptions::default(),
    )?;
    Ok(Some(format!(
        "  compiled the collection from the copy: {} cards now name their file there ({} unchanged)\n",
        report.updated, report.unchanged
    )))
}

fn status(ctx: &mut Ctx) -> Result<()> {
    let Some(statuses) = deck_statuses(ctx.db())? else {
        let dir = super::sources::ejected_dir(ctx.db());
        return ctx.print(&format!(
            "the bundled decks are not ejected: they are built into recall\n  `recall decks eject` copies them to {} for you to edit\n",
            dir.display()
        ));
    };
    let mut out = String::new();
    for (name, _, status) in &statuses {
        let what = match status {
            DeckStatus::Unchanged => "as ejected",
            DeckStatus::Edited => "edited by you",
            DeckStatus::UpstreamChanged => {
                "changed upstream; your copy (unedited) kept: `recall decks diff` shows it"
            }
            DeckStatus::BothChanged => {
                "changed upstream and edited by you; your copy kept: `recall decks diff` shows it"
            }
            DeckStatus::Removed => "removed by you: not compiled",
            DeckStatus::NotEjected => {
                "new in this recall, not in your copy: compiled as built in (`recall decks eject` copies it)"
            }
        };
        out.push_str(&format!("{name:<28} {what}\n"));
    }
    ctx.print(&out)
}

fn diff(name: &str, ctx: &mut Ctx) -> Result<()> {
    let Some((_, text)) = bundled::DECKS.iter().find(|(p, _)| bundled_name(p) == name) else {
        let names: Vec<&str> = bundled::DECKS
            .iter()
            .map(|(p, _)| bundled_name(p))
            .collect();
        return Err(Error::advice(
            format!("no bundled deck is called {name:?}"),
            format!("the bundled decks are: {}", names.join(", ")),
        ));
    };
    let statuses = deck_statuses(ctx.db())?.ok_or_else(|| {
        Error::advice(
            "the bundled decks are not ejected, so there is no copy to compare",
            "`recall decks eject` copies them beside the collection",
        )
    })?;
    let file = statuses
        .iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, file, _)| file.clone())
        .filter(|f| f.is_file())
        .ok_or_else(|| {
            Error::advice(
                format!("{name} is not in your copy of the bundled decks"),
                "`recall decks eject` copies the bundled decks that are missing",
            )
        })?;
    let mine = read_text(&file)?;
    if mine == *text {
        return ctx.print(&format!("{name}: your copy is the bundled deck\n"));
    }
    let diff = similar::TextDiff::from_lines(mine.as_str(), *text);
    let shown = format!(
        "{}",
        diff.unified_diff().context_radius(3).header(
            &format!("{} (yours)", file.display()),
            &format!("{name} (bundled)")
        )
    );
    ctx.print(&shown)
}
