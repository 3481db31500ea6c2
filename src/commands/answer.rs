//! `recall answer CARD Q` and `recall answer CARD --typed TEXT`: one answer,
//! checked and recorded exactly as the review loop does.

use super::{to_json, Ctx};
use crate::card::Card;
use crate::cli::AnswerArgs;
use crate::error::{Error, Result};
use crate::history::{Event, Scheduler};
use crate::sched::fsrs::Rating;
use crate::sched::Quality;
use crate::session::answer::{check_with, suggest, DiffPart, Matching, Verdict, MAX_TYPED_BYTES};
use crate::store::{AnswerMode, NewAnswer};
use serde_json::{json, Value};

/// A typed answer and what the review would say about it.
struct Checked<'a> {
    typed: &'a str,
    verdict: Verdict,
    suggested: Quality,
}

pub fn run(args: &AnswerArgs, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_existing()?;
    let card = store.cards().find(&args.card)?.card;
    let elapsed_ms = args.secs.map(|s| i64::from(s) * 1_000);
    let checked = match &args.typed {
        Some(typed) => {
            // `--exact`, or the card's own `Match: exact`.
            let matching = if args.exact || card.exact {
                Matching::Exact
            } else {
                Matching::Python
            };
            Some(check_typed(
                ctx,
                &card,
                typed,
                elapsed_ms.unwrap_or(0),
                matching,
            )?)
        }
        None => None,
    };
    // Under FSRS a suggested grade is logged as its rating's grade, as the
    // review's Enter takes it (a suggested 2 is Again: 1).
    let fsrs = matches!(store.scheduler(), Scheduler::Fsrs(_));
    let suggested = checked.as_ref().map(|c| match fsrs {
        true => Rating::from_quality(c.suggested).logged_quality(),
        false => c.suggested,
    });
    let Some(quality) = args.grade.or(suggested) else {
        return Err(Error::Usage("give a grade (0–5) or --typed TEXT".into()));
    };
    let today = ctx.today();
    let answered = store.record_answer(
        &NewAnswer {
            card: card.id,
            quality,
            mode: AnswerMode::Review,
            at_ms: ctx.now_ms(),
            day: today,
            elapsed_ms,
            typed: checked.as_ref().map(|c| c.typed),
        },
        &ctx.config().leech,
    )?;
    let (entry, state) = (answered.entry, answered.state);
    let leech = answered.leech.is_some();
    let effect = match entry.event {
        Event::Answer { effect, .. } => effect.as_str(),
        _ => "none",
    };
    let id = card.id;
    let text = if args.json {
        let mut value = json!({
            "id": id,
            "quality": quality,
            "effect": effect,
            "log_id": entry.id,
            "reps": state.sm2.reps,
            "ef": state.sm2.ef,
            "interval": state.sm2.interval,
            "due": state.sm2.due,
            "lapses": state.sm2.lapses,
            "leech": leech,
            "suspended": state.suspended,
        });
        if let (Some(c), Value::Object(map)) = (&checked, &mut value) {
            map.insert("check".into(), check_json(c, &card));
        }
        to_json(&value)
    } else {
        let due = state.sm2.due.map_or("—".to_string(), |d| d.to_string());
        checked
            .as_ref()
            .map(|c| check_text(c, &card))
            .unwrap_or_default()
            + &format!(
                "{id}: {quality} ({}) · {effect} · reps {} · ef {} · interval {} d · due {due}\n",
                quality.meaning(),
                state.sm2.reps,
                state.sm2.ef,
                state.sm2.interval
            )
            + &match (leech, state.suspended) {
                (false, _) => String::new(),
                (true, true) => format!("leech ({} lapses): suspended\n", state.sm2.lapses),
                (true, false) => format!("leech ({} lapses): tagged\n", state.sm2.lapses),
            }
    };
    ctx.print(&text)
}

/// The review's check of a typed answer; a card graded by the learner
/// (basic) and an answer longer than the review takes are refused.
fn check_typed<'a>(
    ctx: &Ctx,
    card: &Card,
    typed: &'a str,
    elapsed_ms: i64,
    matching: Matching,
) -> Result<Checked<'a>> {
    if !card.kind.is_typed() {
        return Err(Error::advice(
            format!("card {} is a basic card: its answer is not typed", card.id),
            format!("grade it yourself: `recall answer {} 0-5`", card.id),
        ));
    }
    if typed.len() > MAX_TYPED_BYTES {
        return Err(Error::advice(
            format!(
                "that answer is {} bytes; a typed answer has at most {MAX_TYPED_BYTES} (4 KiB)",
                typed.len()
            ),
            "type a shorter one, as the review asks",
        ));
    }
    let sensitive = ctx.config().case.sensitive(card.case_sensitive);
    let verdict = check_with(typed, &card.answer, &card.alternatives, sensitive, matching);
    let suggested = suggest(&verdict, typed, elapsed_ms, &ctx.config().thresholds);
    Ok(Checked {
        typed,
        verdict,
        suggested,
    })
}

/// Which answer matched, in words: "the expected answer" or "alternative 2".
fn matched_name(index: usize) -> String {
    match index {
        0 => "the expected answer".into(),
        i => format!("alternative {i}"),
    }
}

fn check_text(c: &Checked, card: &Card) -> String {
    let v = &c.verdict;
    let head = match (v.matched, v.rule) {
        (Some(i), Some(rule)) => format!(
            "correct: you typed {:?}, which matches {} {:?} ({})\n",
            c.typed.trim(),
            matched_name(i),
            v.closest,
            rule.describe()
        ),
        _ => format!(
            "wrong: you typed {:?}; expected {:?}\ndiff: {}\n",
            c.typed.trim(),
            v.closest,
            diff_text(&v.diff)
        ),
    };
    let answer = if v.closest == card.answer {
        String::new()
    } else {
        format!("answer: {}\n", card.answer)
    };
    format!(
        "{head}{answer}suggested grade: {} ({})\n",
        c.suggested,
        c.suggested.meaning()
    )
}

/// The diff in words a terminal without colour reads: `[+typed]` where
/// something was typed but not expected, `[-expected]` where it is missing.
fn diff_text(diff: &[DiffPart]) -> String {
    diff.iter()
        .map(|part| match part {
            DiffPart::Same(s) => s.clone(),
            DiffPart::Extra(s) => format!("[+{s}]"),
            DiffPart::Missing(s) => format!("[-{s}]"),
        })
        .collect()
}

fn check_json(c: &Checked, card: &Card) -> Value {
    let v = &c.verdict;
    let diff: Vec<Value> = v
        .diff
        .iter()
        .map(|part| match part {
            DiffPart::Same(s) => json!({"same": s}),
            DiffPart::Extra(s) => json!({"extra": s}),
            DiffPart::Missing(s) => json!({"missing": s}),
        })
        .collect();
    json!({
        "typed": c.typed,
        "correct": v.correct,
        "closest": v.closest,
        "matched": v
            .matched
            .and_then(|i| std::iter::once(&card.answer).chain(&card.alternatives).nth(i)),
        "alternative": v.matched.filter(|&i| i > 0),
        "rule": v.rule,
        "similarity": v.similarity,
        "diff": diff,
        "suggested": c.suggested,
    })
}

#[cfg(test)]
mod tests {
    use super::super::sources::compile_bundled;
    use crate::deck::PythonVersion;
    use crate::session::answer::{check_with, Matching};
    use crate::store::{CardFilter, Store};

    /// What an expert types for an answer the card spells otherwise.
    fn variants(answer: &str) -> Vec<String> {
        let mut out = Vec::new();
        let bare = answer.trim_start_matches('@').trim_end_matches("()");
        let is_name = !bare.is_empty()
            && bare
                .split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_'));
        if is_name {
            if let Some((_, last)) = bare.rsplit_once('.') {
                out.push(last.to_string());
            }
            if answer.starts_with('@') {
                out.push(bare.to_string());
            } else {
                out.push(format!("@{bare}"));
            }
            if !answer.ends_with("()") {
                out.push(format!("{bare}()"));
            }
        }
        if answer.contains('+') {
            out.push(answer.to_lowercase());
        }
        let squeezed: String = answer
            .split(' ')
            .collect::<Vec<_>>()
            .join("")
            .chars()
            .collect();
        if !answer.contains(['\'', '"']) && squeezed != answer {
            out.push(squeezed);
        }
        out
    }

    /// The bundled decks' typed, cloze and eval cards: the expected answer
    /// matches either way; count the cards where an expert's variant of it
    /// changes verdict (`cargo test --lib bundled_verdicts -- --nocapture`).
    #[test]
    fn bundled_verdicts_for_expected_answer_variants() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut store = Store::open(&dir.path().join("c.sqlite")).unwrap();
        compile_bundled(&mut store, 0, "3.12".parse::<PythonVersion>().ok()).unwrap();
        let cards = store.cards().list(&CardFilter::default()).unwrap();
        let (mut typed, mut changed, mut tried, mut flipped) = (0, 0, 0, 0);
        for record in cards.iter().filter(|r| r.card.kind.is_typed()) {
            let card = &record.card;
            typed += 1;
            for matching in [Matching::Exact, Matching::Python] {
                let v = check_with(
                    &card.answer,
                    &card.answer,
                    &card.alternatives,
                    card.case_sensitive,
                    matching,
                );
                assert!(v.correct, "{}: {}", card.id, card.answer);
            }
            let mut any = false;
            for variant in variants(&card.answer) {
                tried += 1;
                let verdict = |m| {
                    check_with(
                        &variant,
                        &card.answer,
                        &card.alternatives,
                        card.case_sensitive,
                        m,
                    )
                    .correct
                };
                let (exact, python) = (verdict(Matching::Exact), verdict(Matching::Python));
                assert!(
                    python || !exact,
                    "Python matching refused what exact took: {variant}"
                );
                if python && !exact {
                    flipped += 1;
                    any = true;
                }
            }
            changed += usize::from(any);
        }
        println!("{typed} typed/cloze/eval cards; {tried} expected-answer variants; {flipped} variants on {changed} cards now accepted that exact matching refused");
        assert!(typed > 1_000 && flipped > 0);
    }

    /// decks/README.md's blind sample, answered as it records, re-checked.
    #[test]
    fn the_blind_sample_is_still_accepted() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut store = Store::open(&dir.path().join("c.sqlite")).unwrap();
        compile_bundled(&mut store, 0, "3.12".parse::<PythonVersion>().ok()).unwrap();
        let cards = store.cards().list(&CardFilter::default()).unwrap();
        let readme = include_str!("../../decks/README.md");
        let sample = readme
            .split("## Typed-answer sample")
            .nth(1)
            .expect("the sample section");
        let mut checked = 0;
        for row in sample
            .lines()
            .filter(|l| l.starts_with("| ") && l.ends_with("| yes |"))
        {
            let cells: Vec<&str> = row.split(" | ").collect();
            let (prompt, typed) = (cells[1], cells[2].trim_matches('`'));
            let card = cards
                .iter()
                .map(|r| &r.card)
                .find(|c| c.prompt.starts_with(prompt))
                .unwrap_or_else(|| panic!("no card {prompt:?}"));
            for m in [Matching::Exact, Matching::Python] {
                let v = check_with(
                    typed,
                    &card.answer,
                    &card.alternatives,
                    card.case_sensitive,
                    m,
                );
                assert!(v.correct, "{m:?}: {typed:?} for {prompt:?}");
            }
            checked += 1;
        }
        assert_eq!(checked, 40);
    }
}
