//! Asking one card: reveal and self-grade, or type and compare. Every key
//! that is not an answer either does what it says or explains itself.

use super::Rules;
use crate::card::Card;
use crate::commands::Clock;
use crate::error::{Error, Result};
use crate::sched::Quality;
use crate::session::answer::{check, suggest, Verdict, MAX_TYPED_BYTES};
use crate::ui::view;
use crate::ui::{Key, Line, Prompter, Style};

/// What the learner did with a card.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Grade {
        quality: Quality,
        typed: Option<String>,
        elapsed_ms: i64,
    },
    Undo,
    Suspend,
    Bury,
    Edit,
    Quit,
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

/// `e` runs `$EDITOR`, which needs the terminal: on pipes it would wait
/// forever for keys that never come. The edit is refused with where to go.
fn may_edit(p: &mut dyn Prompter, card: &Card) -> Result<bool> {
    if p.can_edit() {
        return Ok(true);
    }
    p.show(&[
        Line::styled(
            "e opens $EDITOR, which needs a terminal: input or output here is a pipe",
            Style::Bad,
        ),
        Line::styled(
            format!(
                "edit {}:{} yourself, then run `recall compile` again",
                card.source.path, card.source.line
            ),
            Style::Dim,
        ),
    ])
    .map_err(Error::Terminal)?;
    Ok(false)
}

/// A typed answer past [`MAX_TYPED_BYTES`] is not compared (nor saved):
/// the learner is asked again.
fn too_long(p: &mut dyn Prompter, typed: &str) -> Result<bool> {
    if typed.len() <= MAX_TYPED_BYTES {
        return Ok(false);
    }
    p.show(&[Line::styled(
        format!(
            "that answer is {} bytes; a typed answer has at most {MAX_TYPED_BYTES} (4 KiB): \
             type a shorter one, or an empty line to see the answer",
            typed.len()
        ),
        Style::Bad,
    )])
    .map_err(Error::Terminal)?;
    Ok(true)
}

fn digit_grade(key: Key) -> Option<Quality> {
    match key {
        Key::Char(c) => c
            .to_digit(10)
            .and_then(|d| Quality::new(u8::try_from(d).ok()?)),
        _ => None,
    }
}

pub fn ask_basic(
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
            Some(Key::Char('e')) => {
                if may_edit(p, card)? {
                    return Ok(Outcome::Edit);
                }
            }
            Some(Key::Char('?')) => p.show(&view::help()).map_err(term)?,
            Some(other) => unknown_key(p, other)?,
        }
    }
    let elapsed_ms = clock.now().timestamp_millis() - shown_ms;
    p.show(&view::back(card)).map_err(term)?;
    p.show(&view::grades()).map_err(term)?;
    grade(p, card, None, None, elapsed_ms)
}

pub fn ask_typed(
    p: &mut dyn Prompter,
    card: &Card,
    clock: &dyn Clock,
    shown_ms: i64,
    rules: &Rules,
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
            ":e" => {
                if may_edit(p, card)? {
                    return Ok(Outcome::Edit);
                }
            }
            ":?" => p.show(&view::help()).map_err(term)?,
            _ if too_long(p, &line)? => {}
            _ => break line,
        }
    };
    let elapsed_ms = clock.now().timestamp_millis() - shown_ms;
    let verdict = check(
        &typed,
        &card.answer,
        &card.alternatives,
        rules.case.sensitive(card.case_sensitive),
    );
    let suggested = suggest(&verdict, &typed, elapsed_ms, &rules.thresholds);
    p.show(&view::verdict(&verdict)).map_err(term)?;
    show_rest(p, card, &verdict)?;
    p.show(&view::grades()).map_err(term)?;
    grade(p, card, Some(typed), Some(suggested), elapsed_ms)
}

fn show_rest(p: &mut dyn Prompter, card: &Card, verdict: &Verdict) -> Result<()> {
    let lines = if verdict.closest == card.answer {
        view::extras(card)
    } else {
        // The expected line above shows the closest accepted answer; show the
        // canonical one too when it differs (multi-line eval output, say).
        view::back(card)
    };
    p.show(&lines).map_err(Error::Terminal)
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
            "[Enter] {q} ({}) · 0–5 other · u undo · ? help · q quit",
            q.meaning()
        ),
        None => view::key_hint(true, card.kind).to_string(),
    };
    loop {
        let key = p.key(&hint).map_err(Error::Terminal)?;
        let quality = match key {
            None | Some(Key::Char('q')) => return Ok(Outcome::Quit),
            Some(Key::Char('u')) => return Ok(Outcome::Undo),
            // After the reveal too: seeing the answer is when a bad card shows.
            Some(Key::Char('s')) => return Ok(Outcome::Suspend),
            Some(Key::Char('b')) => return Ok(Outcome::Bury),
            Some(Key::Char('e')) => {
                if may_edit(p, card)? {
                    return Ok(Outcome::Edit);
                }
                continue;
            }
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
