//! The review screens as styled lines: pure functions of the card, its state
//! and the session, so they can be snapshot-tested.

use super::{Line, Style};
use crate::card::{Card, CardKind};
use crate::day::Day;
use crate::history::{CardState, Effect};
use crate::sched::Quality;
use crate::session::answer::{DiffPart, Verdict};
use crate::session::{Remaining, Slot};

/// `Review 3 · New 12 · Again 1 · 04:10`
pub fn status(left: Remaining, elapsed_secs: i64) -> Line {
    Line::styled(
        format!(
            "Review {} · New {} · Again {} · {:02}:{:02}",
            left.review,
            left.new,
            left.repeat,
            elapsed_secs / 60,
            elapsed_secs % 60
        ),
        Style::Dim,
    )
}

fn slot_label(slot: Slot) -> &'static str {
    match slot {
        Slot::Review => "review",
        Slot::New => "new",
        Slot::Repeat => "again",
    }
}

/// The card before the answer.
pub fn front(card: &Card, slot: Slot) -> Vec<Line> {
    let mut lines = vec![
        Line::styled(
            format!("{} · {} · {}", card.topic, card.kind, slot_label(slot)),
            Style::Dim,
        ),
        Line::new(),
    ];
    lines.extend(card.prompt.lines().map(|l| Line::styled(l, Style::Prompt)));
    if let Some(code) = &card.code {
        lines.push(Line::new());
        lines.extend(
            code.lines()
                .map(|l| Line::styled(format!("    {l}"), Style::Code)),
        );
    }
    lines.push(Line::new());
    lines
}

/// The answer, and the note if there is one.
pub fn back(card: &Card) -> Vec<Line> {
    let mut lines: Vec<Line> = card
        .answer
        .lines()
        .map(|l| Line::styled(l, Style::Answer))
        .collect();
    lines.extend(extras(card));
    lines
}

/// What the back shows besides the answer: other accepted answers and the note.
pub fn extras(card: &Card) -> Vec<Line> {
    let mut lines = Vec::new();
    if card.kind.is_typed() && !card.alternatives.is_empty() {
        lines.push(Line::styled(
            format!("also accepted: {}", card.alternatives.join(" · ")),
            Style::Dim,
        ));
    }
    if let Some(note) = &card.note {
        lines.push(Line::new());
        lines.extend(note.lines().map(|l| Line::styled(l, Style::Dim)));
    }
    lines.push(Line::new());
    lines
}

/// What was typed against what was expected.
pub fn verdict(v: &Verdict) -> Vec<Line> {
    if v.correct {
        return vec![Line::styled(
            format!("✓ correct: {}", v.closest),
            Style::Good,
        )];
    }
    let mut diff = Line::styled("✗ you typed: ", Style::Bad);
    for part in &v.diff {
        diff = match part {
            DiffPart::Same(s) => diff.push(s, Style::Plain),
            DiffPart::Extra(s) => diff.push(s, Style::Extra),
            DiffPart::Missing(s) => diff.push(s, Style::Missing),
        };
    }
    vec![
        diff,
        Line::styled(format!("  expected: {}", v.closest), Style::Answer),
    ]
}

/// The grade menu with the meaning of each grade.
pub fn grades() -> Vec<Line> {
    (0..=Quality::MAX)
        .rev()
        .filter_map(Quality::new)
        .map(|q| Line::styled(format!("  {q}  {}", q.meaning()), Style::Dim))
        .collect()
}

/// Confirms that an answer is saved, and when the card comes back.
pub fn saved(quality: Quality, effect: Effect, state: &CardState, today: Day) -> Line {
    let when = match (effect, state.sm2.due) {
        (_, _) if quality.needs_repeat() && effect != Effect::Drill => {
            "again later today".to_string()
        }
        (Effect::Schedule, Some(due)) => format!("next {} (in {} d)", due, due.since(today)),
        _ => "schedule unchanged".to_string(),
    };
    Line::styled(format!("saved {quality} · {when}"), Style::Good)
}

pub const HELP: &[(&str, &str)] = &[
    ("Space/Enter", "show the answer"),
    ("0–5", "grade (5 perfect … 0 blackout)"),
    ("u", "undo the last answer"),
    ("s", "suspend this card"),
    ("b", "bury this card until tomorrow"),
    ("?", "this help"),
    ("q", "quit; every answer is already saved"),
    (":u :s :b :q", "the same while typing an answer"),
];

pub fn help() -> Vec<Line> {
    HELP.iter()
        .map(|(k, what)| {
            Line::new()
                .push(format!("  {k:<12}"), Style::Heading)
                .push(*what, Style::Plain)
        })
        .collect()
}

/// The end-of-session summary.
pub struct Summary {
    pub answered: usize,
    pub correct: usize,
    pub elapsed_secs: i64,
    pub due_tomorrow: usize,
    pub left_today: usize,
}

pub fn summary(s: &Summary) -> Vec<Line> {
    let share = (s.correct * 100).checked_div(s.answered).unwrap_or(0);
    let mut lines = vec![
        Line::styled("Session over", Style::Heading),
        Line::plain(format!(
            "  answered {} · correct {}% · {}m {:02}s",
            s.answered,
            share,
            s.elapsed_secs / 60,
            s.elapsed_secs % 60
        )),
        Line::plain(format!("  due tomorrow: {}", s.due_tomorrow)),
    ];
    if s.left_today > 0 {
        lines.push(Line::plain(format!(
            "  {} left for today: `recall review` picks up where you stopped",
            s.left_today
        )));
    }
    lines
}

/// A hint line for the key prompt.
pub fn key_hint(revealed: bool, kind: CardKind) -> &'static str {
    match (revealed, kind.is_typed()) {
        (false, false) => "[Space] show answer · u undo · s suspend · b bury · ? help · q quit",
        (false, true) => {
            "type the answer · empty = show it · :u undo · :s suspend · :b bury · :q quit"
        }
        (true, _) => "[0–5] grade · u undo · ? help · q quit",
    }
}
