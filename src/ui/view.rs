//! The review screens as styled lines: pure functions of the card, its state
//! and the session, so they can be snapshot-tested.

use super::{highlight, Line, Style};
use crate::card::{Card, CardKind};
use crate::day::Day;
use crate::history::{CardState, Effect};
use crate::sched::leech::LeechAction;
use crate::sched::Quality;
use crate::session::answer::{DiffPart, Verdict};
use crate::session::{Remaining, Slot};

/// `Review 3 · New 12 · Again 1 · 04:10`, or `Drill 7 left · 01:10 · 00:50 to go`.
pub fn status(left: Remaining, elapsed_secs: i64, secs_to_go: Option<i64>) -> Line {
    let clock = |secs: i64| format!("{:02}:{:02}", secs / 60, secs % 60);
    let mut text = if left.drill > 0 {
        format!("Drill {} left · {}", left.drill, clock(elapsed_secs))
    } else {
        format!(
            "Review {} · New {} · Again {} · {}",
            left.review,
            left.new,
            left.repeat,
            clock(elapsed_secs)
        )
    };
    if let Some(to_go) = secs_to_go {
        text.push_str(&format!(" · {} to go", clock(to_go.max(0))));
    }
    Line::styled(text, Style::Dim)
}

fn slot_label(slot: Slot) -> &'static str {
    match slot {
        Slot::Review => "review",
        Slot::New => "new",
        Slot::Repeat => "again",
        Slot::Drill => "drill",
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
        lines.extend(highlight::python(code).into_iter().map(|l| {
            let mut indented = Line::styled("    ", Style::Code);
            indented.0.extend(l.0);
            indented
        }));
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
        (Effect::Drill, _) => "drill: schedule unchanged".to_string(),
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
    ("e", "edit this card's source in $EDITOR, then recompile"),
    ("?", "this help"),
    ("q", "quit; every answer is already saved"),
    (":u :s :b :e", "the same while typing an answer"),
    (":q :?", "quit, help while typing"),
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
    /// Days in a row with an answer, this one included.
    pub streak: u32,
}

fn days(n: u32) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
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
        Line::plain(format!("  streak: {}", days(s.streak))),
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
        (false, false) => {
            "[Space] show answer · u undo · s suspend · b bury · e edit · ? help · q quit"
        }
        (false, true) => "type the answer (empty shows it) · :u undo · :e edit · :q quit · :? more",
        (true, _) => "[0–5] grade · u undo · e edit · ? help · q quit",
    }
}

/// Said when an answer made the card a leech.
pub fn leech(lapses: u32, action: LeechAction) -> Line {
    let what = match action {
        LeechAction::Suspend => {
            "suspended: rewrite or split it (e opens it), then `recall cards` shows it"
        }
        LeechAction::Tag => "tagged; it stays in reviews (config: [leech] action)",
    };
    Line::styled(
        format!("leech: this card has lapsed {lapses} times; {what}"),
        Style::Bad,
    )
}

/// A drill answer the learner missed, for the score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missed {
    pub prompt: String,
    pub answer: String,
}

/// The end of a drill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillScore {
    pub asked: usize,
    pub correct: usize,
    pub elapsed_secs: i64,
    pub missed: Vec<Missed>,
    /// Cards not reached (quit, or time up).
    pub left: usize,
    pub timed_out: bool,
}

/// Longest prompt shown in the list of misses.
const MISSED_PROMPT_CHARS: usize = 60;

pub fn drill_score(s: &DrillScore) -> Vec<Line> {
    let share = (s.correct * 100).checked_div(s.asked).unwrap_or(0);
    let mut lines = vec![
        Line::styled(
            if s.timed_out {
                "Time's up: drill over"
            } else {
                "Drill over"
            },
            Style::Heading,
        ),
        Line::plain(format!(
            "  score {}/{} ({share}%) · {}m {:02}s",
            s.correct,
            s.asked,
            s.elapsed_secs / 60,
            s.elapsed_secs % 60
        )),
    ];
    if !s.missed.is_empty() {
        lines.push(Line::plain("  to look at again:"));
        for m in &s.missed {
            let first = m.prompt.lines().next().unwrap_or("");
            let mut prompt: String = first.chars().take(MISSED_PROMPT_CHARS).collect();
            if prompt.len() < first.len() || m.prompt.lines().nth(1).is_some() {
                prompt.push('…');
            }
            lines.push(
                Line::styled(format!("    {prompt} → "), Style::Dim)
                    .push(m.answer.lines().next().unwrap_or(""), Style::Answer),
            );
        }
    }
    if s.left > 0 {
        lines.push(Line::plain(format!("  {} cards not reached", s.left)));
    }
    lines.push(Line::styled(
        "  drill answers are logged; no schedule changed",
        Style::Dim,
    ));
    lines
}
