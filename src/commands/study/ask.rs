//! Asking one card: reveal and self-grade, or type and compare. Every key
//! that is not an answer either does what it says or explains itself; a
//! typed line is always an answer (`:q` too), commands come by Esc.

use super::Rules;
use crate::card::Card;
use crate::commands::Clock;
use crate::error::{Error, Result};
use crate::sched::fsrs::Rating;
use crate::sched::Quality;
use crate::session::answer::{check_with, suggest, Matching, Verdict, MAX_TYPED_BYTES};
use crate::ui::view::{self, Judged};
use crate::ui::{Key, Line, Prompter, Style, Typed};

/// The grading step: the line that previews each grade, and the keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Grading {
    pub line: Line,
    /// FSRS's four ratings on keys 1–4 (as in Anki), each logged as its
    /// [`Rating::logged_quality`]; otherwise SM-2's grades 0–5.
    pub fsrs: bool,
}

impl Grading {
    /// The grade `key` gives; `None` for a key that is not one.
    fn quality(&self, key: Key) -> Option<Quality> {
        let Key::Char(c) = key else {
            return None;
        };
        let digit = u8::try_from(c.to_digit(10)?).ok()?;
        match self.fsrs {
            true => Rating::from_key(digit).map(Rating::logged_quality),
            false => Quality::new(digit),
        }
    }

    /// The grade Enter takes when `suggested` is suggested: under FSRS the
    /// logged grade of the rating it maps to (a suggested 2 is Again, 1).
    fn suggested(&self, suggested: Quality) -> Quality {
        match self.fsrs {
            true => Rating::from_quality(suggested).logged_quality(),
            false => suggested,
        }
    }

    fn hint(&self, suggested: Option<Quality>, card: &Card) -> String {
        match (suggested, self.fsrs) {
            (Some(q), false) => view::suggested_hint(q),
            (Some(q), true) => view::fsrs_suggested_hint(Rating::from_quality(q)),
            (None, false) => view::key_hint(true, card.kind).to_string(),
            (None, true) => view::FSRS_KEY_HINT.to_string(),
        }
    }
}

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
    notice(
        p,
        &[Line::styled(
            format!("{what} does nothing here; ? shows the keys"),
            Style::Bad,
        )],
    )
}

/// Lines the next notice replaces, so help and complaints never pile up.
fn notice(p: &mut dyn Prompter, lines: &[Line]) -> Result<()> {
    p.notice(lines).map_err(Error::Terminal)
}

/// `e` runs `$EDITOR`, which needs the terminal: on pipes it would wait
/// forever for keys that never come. The edit is refused with where to go.
fn may_edit(p: &mut dyn Prompter, card: &Card) -> Result<bool> {
    if p.can_edit() {
        return Ok(true);
    }
    notice(
        p,
        &[
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
        ],
    )?;
    Ok(false)
}

/// A typed answer past [`MAX_TYPED_BYTES`] is not compared (nor saved):
/// the learner is asked again.
fn too_long(p: &mut dyn Prompter, typed: &str) -> Result<bool> {
    if typed.len() <= MAX_TYPED_BYTES {
        return Ok(false);
    }
    notice(
        p,
        &[Line::styled(
            format!(
                "that answer is {} bytes; a typed answer has at most {MAX_TYPED_BYTES} (4 KiB): \
             type a shorter one, or an empty line to see the answer",
                typed.len()
            ),
            Style::Bad,
        )],
    )?;
    Ok(true)
}

/// `grading` is the grading line's preview of what each grade would do,
/// and the keys that grade.
pub fn ask_basic(
    p: &mut dyn Prompter,
    card: &Card,
    clock: &dyn Clock,
    shown_ms: i64,
    grading: &Grading,
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
            Some(Key::Char('?')) => notice(p, &view::help())?,
            Some(other) => unknown_key(p, other)?,
        }
    }
    let elapsed_ms = clock.now().timestamp_millis() - shown_ms;
    p.show(&view::back(card)).map_err(term)?;
    p.show(std::slice::from_ref(&grading.line)).map_err(term)?;
    grade(p, card, grading, None, None, elapsed_ms)
}

/// Esc on the answer line: one key for a command, or Esc/Enter to type on.
fn command_key(p: &mut dyn Prompter, card: &Card) -> Result<Option<Outcome>> {
    loop {
        let outcome = match p.key(view::COMMAND_HINT).map_err(Error::Terminal)? {
            None | Some(Key::Char('q')) => Outcome::Quit,
            Some(Key::Escape | Key::Enter) => return Ok(None),
            Some(Key::Char('u')) => Outcome::Undo,
            Some(Key::Char('s')) => Outcome::Suspend,
            Some(Key::Char('b')) => Outcome::Bury,
            Some(Key::Char('e')) if may_edit(p, card)? => Outcome::Edit,
            Some(Key::Char('e')) => continue,
            Some(Key::Char('?')) => {
                notice(p, &view::help())?;
                continue;
            }
            Some(other) => {
                unknown_key(p, other)?;
                continue;
            }
        };
        return Ok(Some(outcome));
    }
}

pub fn ask_typed(
    p: &mut dyn Prompter,
    card: &Card,
    clock: &dyn Clock,
    shown_ms: i64,
    rules: &Rules,
    grading: &Grading,
) -> Result<Outcome> {
    let term = Error::Terminal;
    p.show(&[Line::styled(view::key_hint(false, card.kind), Style::Dim)])
        .map_err(term)?;
    let typed = loop {
        match p.line("answer> ").map_err(term)? {
            None => return Ok(Outcome::Quit),
            Some(Typed::Keys) => {
                if let Some(outcome) = command_key(p, card)? {
                    return Ok(outcome);
                }
            }
            Some(Typed::Text(line)) if too_long(p, &line)? => {}
            Some(Typed::Text(line)) => break line,
        }
    };
    let elapsed_ms = clock.now().timestamp_millis() - shown_ms;
    // A `Match: exact` card takes only its own text.
    let matching = if card.exact {
        Matching::Exact
    } else {
        Matching::Python
    };
    let verdict = check_with(
        &typed,
        &card.answer,
        &card.alternatives,
        rules.case.sensitive(card.case_sensitive),
        matching,
    );
    let suggested = suggest(&verdict, &typed, elapsed_ms, &rules.thresholds);
    let judged = Judged::of(&verdict, rules.thresholds.close_ratio);
    p.show(&view::verdict(&verdict, &typed, &card.answer, judged))
        .map_err(term)?;
    show_rest(p, card, &verdict)?;
    p.show(std::slice::from_ref(&grading.line)).map_err(term)?;
    grade(p, card, grading, Some(typed), Some(suggested), elapsed_ms)
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
    grading: &Grading,
    typed: Option<String>,
    suggested: Option<Quality>,
    elapsed_ms: i64,
) -> Result<Outcome> {
    let hint = grading.hint(suggested, card);
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
                notice(p, &view::help())?;
                continue;
            }
            Some(Key::Enter) => suggested.map(|q| grading.suggested(q)),
            Some(k) => grading.quality(k),
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
mod tests {
    use super::*;

    #[test]
    fn fsrs_keys_are_1_to_4_and_a_suggestion_is_logged_as_its_rating() {
        let fsrs = Grading {
            line: Line::new(),
            fsrs: true,
        };
        let sm2 = Grading {
            fsrs: false,
            ..fsrs.clone()
        };
        let key = |g: &Grading, c| g.quality(Key::Char(c)).map(Quality::value);
        let fsrs_keys: Vec<_> = "012345".chars().map(|c| key(&fsrs, c)).collect();
        assert_eq!(fsrs_keys, [None, Some(1), Some(3), Some(4), Some(5), None]);
        let sm2_keys: Vec<_> = "012345".chars().map(|c| key(&sm2, c)).collect();
        assert_eq!(sm2_keys, [0, 1, 2, 3, 4, 5].map(Some));
        let suggested = |g: &Grading, q| g.suggested(Quality::clamped(q)).value();
        assert_eq!([0, 2, 3, 5].map(|q| suggested(&fsrs, q)), [1, 1, 3, 5]);
        assert_eq!([0, 2, 3, 5].map(|q| suggested(&sm2, q)), [0, 2, 3, 5]);
    }
}
