//! `recall review`: the daily session. Every answer is committed before the
//! next card is shown, so quitting (or a crash) at any moment loses nothing.

use super::compile::compile_bundled;
use super::{picked_tracks, plan_today, Clock, Ctx, TRACKS_KEY};
use crate::card::Card;
use crate::cli::ReviewArgs;
use crate::day::Day;
use crate::error::{Error, Result};
use crate::history::{Effect, Event};
use crate::sched::Quality;
use crate::session::answer::{check, suggest};
use crate::session::{Limits, Session};
use crate::store::{AnswerMode, Store};
use crate::ui::view::{self, Summary};
use crate::ui::{Key, Line, Prompter, Style};

pub fn run(args: &ReviewArgs, ctx: &mut Ctx) -> Result<()> {
    let mut store = Store::open(&ctx.db)?;
    let mut intro = Vec::new();
    if store.card_count()? == 0 {
        let (compiled, report) = compile_bundled(&mut store, ctx.now_ms())?;
        intro.push(Line::styled(
            format!(
                "New collection: {} cards from the bundled {} decks in {}",
                report.added,
                compiled.roadmap.title,
                ctx.db.display()
            ),
            Style::Good,
        ));
    }
    if !args.track.is_empty() {
        pick_tracks(&mut store, &args.track)?;
    }
    let defaults = Limits::default();
    let limits = Limits {
        new_per_day: args.new.unwrap_or(defaults.new_per_day),
        reviews_per_day: args.limit.unwrap_or(defaults.reviews_per_day),
    };
    let today = ctx.today();
    let session = plan_today(
        &store,
        today,
        &mut ctx.rng(today),
        limits,
        args.deck.as_deref(),
    )?;
    let mut prompter = (ctx.prompter)(args.plain);
    let summary = review_loop(
        &mut store,
        session,
        prompter.as_mut(),
        ctx.clock.as_ref(),
        ctx.rollover_hour,
        intro,
    )?;
    prompter
        .show(&view::summary(&summary))
        .map_err(Error::Terminal)
}

/// Remember the tracks whose new cards the learner wants (`--track b`).
fn pick_tracks(store: &mut Store, tracks: &[String]) -> Result<()> {
    let sections = store
        .sections()?
        .into_iter()
        .map(|s| s.id)
        .collect::<Vec<String>>();
    let mut picked = picked_tracks(store)?;
    for track in tracks {
        let id = if track.starts_with("track-") {
            track.to_lowercase()
        } else {
            format!("track-{}", track.to_lowercase())
        };
        if !sections.contains(&id) {
            let known: Vec<&String> = sections
                .iter()
                .filter(|s| s.starts_with("track-"))
                .collect();
            return Err(Error::Usage(format!(
                "no track {track:?} in this roadmap (tracks: {})",
                known
                    .iter()
                    .map(|s| s.trim_start_matches("track-"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        if !picked.contains(&id) {
            picked.push(id);
        }
    }
    store.set_meta(TRACKS_KEY, &picked.join(","))?;
    Ok(())
}

/// What the learner did with a card.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Grade {
        quality: Quality,
        typed: Option<String>,
        elapsed_ms: i64,
    },
    Undo,
    Suspend,
    Bury,
    Quit,
}

/// Run the session until it is done or the learner quits.
pub fn review_loop(
    store: &mut Store,
    mut session: Session,
    p: &mut dyn Prompter,
    clock: &dyn Clock,
    rollover_hour: u32,
    intro: Vec<Line>,
) -> Result<Summary> {
    let started = clock.now();
    let mut grades: Vec<Quality> = Vec::new();
    // Shown at the top of the next screen: what the last action did.
    let mut flash: Vec<Line> = intro;
    let term = Error::Terminal;
    while let Some(item) = session.current() {
        let today = Day::containing(clock.now(), rollover_hour);
        let record = store.get_card(item.card)?;
        let Some(record) = record.filter(|r| !r.retired && !r.state.suspended) else {
            session.remove(item.card);
            continue;
        };
        let elapsed = (clock.now() - started).num_seconds();
        p.clear().map_err(term)?;
        p.show(&flash).map_err(term)?;
        flash.clear();
        p.show(&[view::status(session.remaining(), elapsed), Line::new()])
            .map_err(term)?;
        p.show(&view::front(&record.card, item.slot))
            .map_err(term)?;
        let shown_ms = clock.now().timestamp_millis();
        let outcome = if record.card.kind.is_typed() {
            ask_typed(p, &record.card, clock, shown_ms)?
        } else {
            ask_basic(p, &record.card, clock, shown_ms)?
        };
        let now_ms = clock.now().timestamp_millis();
        match outcome {
            Outcome::Grade {
                quality,
                typed,
                elapsed_ms,
            } => {
                let (entry, state) = store.record_answer(
                    item.card,
                    quality,
                    AnswerMode::Review,
                    now_ms,
                    today,
                    Some(elapsed_ms),
                    typed.as_deref(),
                )?;
                let effect = match entry.event {
                    Event::Answer { effect, .. } => effect,
                    _ => Effect::Repeat,
                };
                session.answered(quality.needs_repeat(), entry.id);
                grades.push(quality);
                flash.push(view::saved(quality, effect, &state, today));
            }
            Outcome::Undo => match session.undo() {
                Some((undone, log)) => {
                    store.record(undone.card, Event::Undo { target: log }, now_ms, today)?;
                    grades.pop();
                    flash.push(Line::styled(
                        "undone: that card is asked again",
                        Style::Good,
                    ));
                }
                None => flash.push(Line::styled("nothing to undo in this session", Style::Bad)),
            },
            Outcome::Suspend => {
                store.record(item.card, Event::Suspend, now_ms, today)?;
                session.remove(item.card);
                flash.push(Line::styled(
                    "suspended: `recall cards` lists it; it stays out of reviews",
                    Style::Good,
                ));
            }
            Outcome::Bury => {
                store.record(
                    item.card,
                    Event::Bury {
                        until: today.plus(1),
                    },
                    now_ms,
                    today,
                )?;
                session.remove(item.card);
                flash.push(Line::styled("buried until tomorrow", Style::Good));
            }
            Outcome::Quit => break,
        }
    }
    p.show(&flash).map_err(term)?;
    let today = Day::containing(clock.now(), rollover_hour);
    Ok(Summary {
        answered: grades.len(),
        correct: grades.iter().filter(|q| q.passed()).count(),
        elapsed_secs: (clock.now() - started).num_seconds(),
        due_tomorrow: store.get_due(today.plus(1), None)?.len(),
        left_today: session.remaining().total(),
    })
}

fn unknown_key(p: &mut dyn Prompter, key: Key) -> Result<()> {
    let what = match key {
        Key::Char(c) => format!("{c:?}"),
        Key::Enter => "Enter".into(),
        Key::Escape => "Esc".into(),
    };
    p.show(&[Line::styled(
        format!("{what} does nothing here; ? shows the keys"),
        Style::Bad,
    )])
    .map_err(Error::Terminal)
}

fn digit_grade(key: Key) -> Option<Quality> {
    match key {
        Key::Char(c) => c
            .to_digit(10)
            .and_then(|d| Quality::new(u8::try_from(d).ok()?)),
        _ => None,
    }
}

fn ask_basic(
    p: &mut dyn Prompter,
    card: &Card,
    clock: &dyn Clock,
    shown_ms: i64,
) -> Result<Outcome> {
    let term = Error::Terminal;
    loop {
        match p.key(view::key_hint(false, card.kind)).map_err(term)? {
            None | Some(Key::Char('q')) => return Ok(Outcome::Quit),
            Some(Key::Enter) | Some(Key::Char(' ')) => break,
            Some(Key::Char('u')) => return Ok(Outcome::Undo),
            Some(Key::Char('s')) => return Ok(Outcome::Suspend),
            Some(Key::Char('b')) => return Ok(Outcome::Bury),
            Some(Key::Char('?')) => p.show(&view::help()).map_err(term)?,
            Some(other) => unknown_key(p, other)?,
        }
    }
    let elapsed_ms = clock.now().timestamp_millis() - shown_ms;
    p.show(&view::back(card)).map_err(term)?;
    p.show(&view::grades()).map_err(term)?;
    grade(p, card, None, None, elapsed_ms)
}

fn ask_typed(
    p: &mut dyn Prompter,
    card: &Card,
    clock: &dyn Clock,
    shown_ms: i64,
) -> Result<Outcome> {
    let term = Error::Terminal;
    p.show(&[Line::styled(view::key_hint(false, card.kind), Style::Dim)])
        .map_err(term)?;
    let typed = loop {
        let Some(line) = p.line("answer> ").map_err(term)? else {
            return Ok(Outcome::Quit);
        };
        match line.trim() {
            ":q" => return Ok(Outcome::Quit),
            ":u" => return Ok(Outcome::Undo),
            ":s" => return Ok(Outcome::Suspend),
            ":b" => return Ok(Outcome::Bury),
            ":?" => p.show(&view::help()).map_err(term)?,
            _ => break line,
        }
    };
    let elapsed_ms = clock.now().timestamp_millis() - shown_ms;
    let verdict = check(
        &typed,
        &card.answer,
        &card.alternatives,
        card.case_sensitive,
    );
    let suggested = suggest(&verdict, &typed, elapsed_ms);
    p.show(&view::verdict(&verdict)).map_err(term)?;
    if verdict.closest == card.answer {
        p.show(&view::extras(card)).map_err(term)?;
    } else {
        // The expected line above shows the closest accepted answer; show the
        // canonical one too when it differs (multi-line eval output, say).
        p.show(&view::back(card)).map_err(term)?;
    }
    p.show(&view::grades()).map_err(term)?;
    grade(p, card, Some(typed), Some(suggested), elapsed_ms)
}

fn grade(
    p: &mut dyn Prompter,
    card: &Card,
    typed: Option<String>,
    suggested: Option<Quality>,
    elapsed_ms: i64,
) -> Result<Outcome> {
    let hint = match suggested {
        Some(q) => format!(
            "[Enter] grade {q} ({}) · 0–5 another grade · u undo · q quit",
            q.meaning()
        ),
        None => view::key_hint(true, card.kind).to_string(),
    };
    loop {
        let key = p.key(&hint).map_err(Error::Terminal)?;
        let quality = match key {
            None | Some(Key::Char('q')) => return Ok(Outcome::Quit),
            Some(Key::Char('u')) => return Ok(Outcome::Undo),
            Some(Key::Char('?')) => {
                p.show(&view::help()).map_err(Error::Terminal)?;
                continue;
            }
            Some(Key::Enter) => suggested,
            Some(k) => digit_grade(k),
        };
        match (quality, key) {
            (Some(quality), _) => {
                return Ok(Outcome::Grade {
                    quality,
                    typed,
                    elapsed_ms,
                })
            }
            (None, Some(k)) => unknown_key(p, k)?,
            (None, None) => return Ok(Outcome::Quit),
        }
    }
}

#[cfg(test)]
mod tests;
