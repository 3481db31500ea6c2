//! `recall add`: write a card under its topic heading in the learner's deck
//! file and compile it. Scripted (`--topic … --kind … --prompt …`) or asked
//! for field by field through the [`Prompter`]. The new deck text is compiled
//! in memory first; only then is the file written (temp + rename) and the
//! collection synced, so an error leaves both as they were.

use super::sources::{learner_python, write_atomically, Sources};
use super::Ctx;
use crate::card::CardKind;
use crate::cli::{AddArgs, AddKind};
use crate::course::build;
use crate::deck::{self, append_card, bundled};
use crate::error::{Error, Result};
use crate::roadmap::{self, Roadmap};
use crate::store::SyncOptions;
use crate::ui::{Line, Prompter};
use std::path::PathBuf;

/// What the card is, once every field is known.
struct NewCard {
    topic: String,
    kind: CardKind,
    prompt: String,
    answer: Option<String>,
    alternatives: Vec<String>,
    note: Option<String>,
    id: Option<String>,
}

pub fn run(args: &AddArgs, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_existing()?;
    let sources = Sources::load(&store)?;
    let ((roadmap_source, decks), _) = sources.read_for(Some(ctx.db()))?;
    let Some(decks) = decks else {
        return Err(Error::advice(
            "the bundled decks are built into recall: there is no deck file to add to",
            "`recall decks eject` copies them beside the collection; `recall add` then writes to your copy",
        ));
    };
    let (roadmap_path, roadmap_text) = roadmap_source
        .clone()
        .unwrap_or_else(|| (bundled::ROADMAP.0.into(), bundled::ROADMAP.1.into()));
    let roadmap =
        roadmap::parse(&roadmap_path, &roadmap_text).map_err(crate::course::CompileError::from)?;
    let Some(card) = fields(args, &roadmap, ctx)? else {
        return ctx.println("cancelled: nothing added");
    };
    let base = sources.base.clone().unwrap_or_default();
    let (index, appended) = target(&decks, &roadmap, &card)?;
    let name = decks[index].0.clone();
    let file: PathBuf = base.join(&name);
    let mut changed = decks.clone();
    changed[index].1 = appended.text.clone();
    let python = learner_python(ctx.config().python);
    let compiled = build(roadmap_source, Some(changed), python)?;
    let added = compiled
        .cards
        .iter()
        .find(|c| c.source.path == name && c.source.line == appended.line)
        .filter(|c| card.kind == CardKind::Eval || c.kind != CardKind::Cloze && c.prompt == card.prompt || c.kind == CardKind::Cloze)
        .ok_or_else(|| {
            Error::advice(
                "the card would not read back as written",
                "keep each field on one line, with no line that starts with a marker (`A:`, `N:` …)",
            )
        })?;
    let id = added.id;
    let original = decks[index].1.clone();
    write_atomically(&file, &appended.text)?;
    let synced = store.sync_with(
        &compiled.roadmap,
        &compiled.cards,
        ctx.now_ms(),
        &SyncOptions::default(),
    );
    let report = match synced {
        Ok(report) => report,
        Err(e) => {
            // The file goes back to what it was: nothing is written on an error.
            write_atomically(&file, &original)?;
            return Err(e.into());
        }
    };
    let heading = if appended.new_heading {
        ", under a new heading"
    } else {
        ""
    };
    ctx.print(&format!(
        "added {} card {id} to {}:{} (topic {}{heading})\n  compiled: added {} · updated {} · renamed {} · retired {}\n",
        card.kind,
        name,
        appended.line,
        card.topic,
        report.added,
        report.updated,
        report.renamed,
        report.retired
    ))
}

/// The deck file the card goes into (the first of its section that has the
/// topic's heading, else the first of its section) and its new text.
fn target(
    decks: &[(String, String)],
    roadmap: &Roadmap,
    card: &NewCard,
) -> Result<(usize, deck::Appended)> {
    let section = card.topic.split('/').next().unwrap_or("");
    let text = render(card);
    let mut first = None;
    for (i, (path, deck_text)) in decks.iter().enumerate() {
        let parsed = deck::parse(path, deck_text).map_err(crate::course::CompileError::from)?;
        if parsed.section != section {
            continue;
        }
        let Some(appended) = append_card(deck_text, roadmap, section, &card.topic, &text) else {
            continue;
        };
        if !appended.new_heading {
            return Ok((i, appended));
        }
        first.get_or_insert((i, appended));
    }
    first.ok_or_else(|| {
        Error::advice(
            format!("none of your deck files is for section {section}"),
            format!("start one with the section's heading (`# …` naming {section}) among the decks you compile, then add again"),
        )
    })
}

/// The card in deck syntax (docs/deck-format.md).
fn render(card: &NewCard) -> String {
    let mut out = Vec::new();
    let marker = match card.kind {
        CardKind::Basic => "Q:",
        CardKind::Typed => "T:",
        CardKind::Cloze => "C:",
        CardKind::Eval => "E:",
    };
    if card.kind == CardKind::Eval {
        out.push(marker.to_string());
    } else {
        out.push(format!("{marker} {}", card.prompt));
    }
    if let Some(id) = &card.id {
        out.push(format!("ID: {id}"));
    }
    if card.kind == CardKind::Eval {
        out.push("```python".into());
        out.push(card.prompt.clone());
        out.push("```".into());
    }
    let answers = card.answer.iter().chain(&card.alternatives);
    for answer in answers {
        if card.kind == CardKind::Eval && (answer.contains('\n') || answer.trim() != answer) {
            out.push("A:".into());
            out.push("```text".into());
            out.push(answer.clone());
            out.push("```".into());
        } else {
            out.push(format!("A: {answer}"));
        }
    }
    if let Some(note) = &card.note {
        out.push(format!("N: {note}"));
    }
    out.join("\n")
}

/// Every field, from the flags or asked for; `None` when the learner cancels.
fn fields(args: &AddArgs, roadmap: &Roadmap, ctx: &mut Ctx) -> Result<Option<NewCard>> {
    let scripted = args.prompt.is_some();
    let mut prompter: Option<Box<dyn Prompter>> = (!scripted).then(|| (ctx.prompter)(false));
    if let Some(p) = prompter.as_mut() {
        p.show(&[
            Line::new(),
            Line::plain("a new card: an empty answer to a needed field cancels"),
        ])
        .map_err(Error::Terminal)?;
    }
    let mut ask = |question: &str| -> Result<Option<String>> {
        match prompter.as_mut() {
            None => Ok(None),
            Some(p) => p
                .line(question)
                .map(|l| match l {
                    // Esc cancels, like an empty answer to a needed field.
                    Some(crate::ui::Typed::Text(s)) => Some(s.trim().to_string()),
                    Some(crate::ui::Typed::Keys) | None => None,
                })
                .map_err(Error::Terminal),
        }
    };
    let topic = match &args.topic {
        Some(t) => t.clone(),
        None if scripted => {
            return Err(missing(
                "--topic",
                "the roadmap topic, e.g. --topic phase-2/5",
            ))
        }
        None => match ask("topic (e.g. phase-2/5): ")? {
            Some(t) if !t.is_empty() => t,
            _ => return Ok(None),
        },
    };
    check_topic(roadmap, &topic)?;
    let kind = match args.kind {
        Some(k) => kind_of(k),
        None if scripted => CardKind::Typed,
        None => match ask("kind: basic, typed, cloze or eval [typed]: ")? {
            None => return Ok(None),
            Some(k) if k.is_empty() => CardKind::Typed,
            Some(k) => CardKind::parse(&k).ok_or_else(|| {
                Error::advice(
                    format!("{k:?} is not a kind of card"),
                    "answer basic, typed, cloze or eval",
                )
            })?,
        },
    };
    let prompt_question = match kind {
        CardKind::Cloze => "text, with {{deletions}}: ",
        CardKind::Eval => "Python code (one line): ",
        _ => "prompt: ",
    };
    let prompt = match &args.prompt {
        Some(p) => p.trim().to_string(),
        None => match ask(prompt_question)? {
            Some(p) if !p.is_empty() => p,
            _ => return Ok(None),
        },
    };
    if prompt.is_empty() {
        return Err(Error::advice(
            "empty prompt",
            "write the question after --prompt",
        ));
    }
    let answer = if kind == CardKind::Cloze {
        if args.answer.is_some() || !args.alternatives.is_empty() {
            return Err(Error::advice(
                "a cloze card takes no --answer or --alt",
                "its answers are its `{{…}}` deletions: put them in --prompt",
            ));
        }
        None
    } else {
        match &args.answer {
            Some(a) if a.trim().is_empty() => {
                return Err(Error::advice(
                    "empty answer",
                    "write the expected answer after --answer",
                ))
            }
            Some(a) => Some(a.trim().to_string()),
            None if scripted => return Err(missing("--answer", "the expected answer")),
            None => match ask("answer: ")? {
                Some(a) if !a.is_empty() => Some(a),
                _ => return Ok(None),
            },
        }
    };
    let mut alternatives: Vec<String> = args
        .alternatives
        .iter()
        .map(|a| a.trim().to_string())
        .collect();
    if kind == CardKind::Basic && !alternatives.is_empty() {
        return Err(Error::advice(
            "a basic card takes no --alt",
            "accepted alternatives are for typed cards: --kind typed",
        ));
    }
    if !scripted && matches!(kind, CardKind::Typed | CardKind::Eval) {
        while let Some(alt) = ask("another accepted answer (empty: done): ")? {
            if alt.is_empty() {
                break;
            }
            alternatives.push(alt);
        }
    }
    let note = match &args.note {
        Some(n) => Some(n.trim().to_string()).filter(|n| !n.is_empty()),
        None if scripted => None,
        None => ask("note (empty: none): ")?.filter(|n| !n.is_empty()),
    };
    Ok(Some(NewCard {
        topic,
        kind,
        prompt,
        answer,
        alternatives,
        note,
        id: args.id.clone(),
    }))
}

fn missing(flag: &str, what: &str) -> Error {
    Error::advice(
        format!("{flag} is needed with --prompt"),
        format!("give {what}, or run `recall add` alone to be asked for each field"),
    )
}

fn kind_of(kind: AddKind) -> CardKind {
    match kind {
        AddKind::Basic => CardKind::Basic,
        AddKind::Typed => CardKind::Typed,
        AddKind::Cloze => CardKind::Cloze,
        AddKind::Eval => CardKind::Eval,
    }
}

/// A topic of the roadmap, or an error naming the nearest ones.
fn check_topic(roadmap: &Roadmap, topic: &str) -> Result<()> {
    if roadmap.topic(topic).is_some() {
        return Ok(());
    }
    let mut near: Vec<(usize, &str)> = roadmap
        .topics()
        .map(|t| (strsim::levenshtein(topic, &t.id), t.id.as_str()))
        .collect();
    near.sort();
    let names: Vec<&str> = near.iter().take(3).map(|(_, id)| *id).collect();
    Err(Error::advice(
        format!("topic {topic:?} is not in the roadmap"),
        format!(
            "the nearest topics are: {} (`recall stats` shows the roadmap)",
            names.join(", ")
        ),
    ))
}
