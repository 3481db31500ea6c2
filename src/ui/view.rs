//! The review screens as styled lines: pure functions of the card, its state
//! and the session, so they can be snapshot-tested.

use super::{highlight, wrap, Line, Style};
use crate::card::{Card, CardKind};
use crate::day::Day;
use crate::history::{CardState, Effect, Outlook};
use crate::sched::fsrs::Rating;
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

/// The card before the answer. Code is cut at `width` (and marked where it
/// goes on), never reflowed; prose is left for the prompter to wrap.
pub fn front(card: &Card, slot: Slot, width: Option<usize>) -> Vec<Line> {
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
        lines.extend(highlight::python(code).into_iter().flat_map(|l| {
            let mut indented = Line::styled("    ", Style::Code);
            indented.0.extend(l.0);
            match width {
                Some(width) => wrap::code(&indented, width),
                None => vec![indented],
            }
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

/// How a typed answer came out, in words as well as colour: monochrome, a
/// `NO_COLOR` terminal and a screen reader read the same verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    Correct,
    /// Wrong, but near enough to be a slip.
    Close,
    Wrong,
}

impl Judged {
    pub fn of(v: &Verdict, close_ratio: f32) -> Judged {
        if v.correct {
            Judged::Correct
        } else if v.similarity >= close_ratio {
            Judged::Close
        } else {
            Judged::Wrong
        }
    }
}

/// What was typed against what was expected, both sides labelled.
/// `expected` is the card's main answer: when an alternative matched
/// instead, the verdict says which.
pub fn verdict(v: &Verdict, typed: &str, expected: &str, judged: Judged) -> Vec<Line> {
    let yours = if typed.trim().is_empty() {
        "(nothing typed)"
    } else {
        typed
    };
    let (mark, word, style) = match judged {
        Judged::Correct => ("✓", "correct", Style::Good),
        Judged::Close => ("≈", "close", Style::Bad),
        Judged::Wrong => ("✗", "wrong", Style::Bad),
    };
    let mut lines = vec![Line::styled(format!("{mark} {word}"), style)
        .push(" · your answer: ", Style::Dim)
        .push(yours, Style::Plain)];
    if judged == Judged::Correct {
        if v.closest != expected {
            lines.push(Line::styled(
                format!(
                    "  matched the accepted alternative {}; the card's answer:",
                    v.closest
                ),
                Style::Dim,
            ));
        }
        return lines;
    }
    let mut wanted =
        Line::styled("  expected: ", Style::Dim).push(v.closest.as_str(), Style::Answer);
    if v.closest != expected {
        wanted = wanted.push(
            " (the nearest accepted alternative; the card's answer follows)",
            Style::Dim,
        );
    }
    lines.push(wanted);
    if !typed.trim().is_empty() {
        let mut diff = Line::styled("  difference: ", Style::Dim);
        for part in &v.diff {
            diff = match part {
                DiffPart::Same(s) => diff.push(s, Style::Plain),
                DiffPart::Extra(s) => diff.push(s, Style::Extra),
                DiffPart::Missing(s) => diff.push(s, Style::Missing),
            };
        }
        lines.push(diff);
    }
    lines
}

/// The grading line's first half: what each grade would do, from
/// [`crate::history::preview`] (the transition that records the answer),
/// grades with the same outcome run together: `0–2 again · 3 again, then
/// 6d · 4 → 6d · 5 → 7d`.
pub fn outlook(outlooks: &[Outlook], today: Day, effect: Effect) -> Line {
    if effect == Effect::Drill {
        return Line::styled("drill: no grade changes the schedule", Style::Dim);
    }
    let said = |o: &Outlook| match (o.due, o.again_today) {
        (Some(_), true) if !o.quality.passed() => "again".to_string(),
        (Some(due), true) => format!("again, then {}d", due.since(today)),
        (Some(due), false) => format!("→ {}d", due.since(today)),
        (None, true) => "again".to_string(),
        (None, false) => "done for today".to_string(),
    };
    let mut groups: Vec<(u8, u8, String)> = Vec::new();
    for o in outlooks {
        let text = said(o);
        match groups.last_mut() {
            Some((_, last, t)) if *t == text => *last = o.quality.value(),
            _ => groups.push((o.quality.value(), o.quality.value(), text)),
        }
    }
    let parts: Vec<String> = groups
        .into_iter()
        .map(|(first, last, text)| match first == last {
            true => format!("{first} {text}"),
            false => format!("{first}–{last} {text}"),
        })
        .collect();
    Line::styled(parts.join(" · "), Style::Dim)
}

/// The grading line under FSRS: the four ratings on their keys (1–4, as
/// in Anki) with the next interval of each, from the outlook of the grade
/// the log keeps for it ([`Rating::logged_quality`]): `1 again today·1d ·
/// 2 hard today·1d · 3 good 2d · 4 easy 8d` (`today·`: the session asks
/// it again first, as it does after grades below 4).
pub fn fsrs_outlook(outlooks: &[Outlook], today: Day, effect: Effect) -> Line {
    if effect == Effect::Drill {
        return Line::styled("drill: no grade changes the schedule", Style::Dim);
    }
    let parts: Vec<String> = Rating::ALL
        .into_iter()
        .filter_map(|rating| {
            let quality = rating.logged_quality();
            let o = outlooks.iter().find(|o| o.quality == quality)?;
            let when = match (o.due, o.again_today) {
                (Some(due), true) => format!("today·{}d", due.since(today)),
                (Some(due), false) => format!("{}d", due.since(today)),
                (None, true) => "today".to_string(),
                (None, false) => "done for today".to_string(),
            };
            Some(format!("{} {} {when}", rating.key(), rating.name()))
        })
        .collect();
    Line::styled(parts.join(" · "), Style::Dim)
}

/// The legend under a revealed card under FSRS.
pub const FSRS_KEY_HINT: &str = "[1–4] again · hard · good · easy · u undo · ? all keys · q quit";

/// The legend under FSRS when a rating is suggested (a typed answer).
pub fn fsrs_suggested_hint(rating: Rating) -> String {
    format!(
        "[Enter] {} {} · 1–4 other rating · u undo · ? all keys · q quit",
        rating.key(),
        rating.name()
    )
}

/// What the grades mean, for the help: one row, wrapped where the screen
/// ends, so the help stays short enough to leave the card in view.
pub fn grades() -> Line {
    let meanings: Vec<String> = (0..=Quality::MAX)
        .rev()
        .filter_map(Quality::new)
        .map(|q| format!("{q} {}", q.meaning()))
        .collect();
    Line::new()
        .push(format!("  {:<12}", "grades"), Style::Heading)
        .push(meanings.join(" · "), Style::Dim)
}

/// Confirms that an answer is saved, and when the card comes back; under
/// FSRS the grade is named by its rating (`saved good (4)`).
pub fn saved(quality: Quality, effect: Effect, state: &CardState, today: Day, fsrs: bool) -> Line {
    let when = match (effect, state.sm2.due) {
        (_, _) if quality.needs_repeat() && effect != Effect::Drill => {
            "again later today".to_string()
        }
        (Effect::Schedule, Some(due)) => format!("next {} (in {} d)", due, due.since(today)),
        (Effect::Drill, _) => "drill: schedule unchanged".to_string(),
        _ => "schedule unchanged".to_string(),
    };
    let grade = match fsrs {
        true => format!("{} ({quality})", Rating::from_quality(quality).name()),
        false => quality.to_string(),
    };
    Line::styled(format!("saved {grade} · {when}"), Style::Good)
}

pub const HELP: &[(&str, &str)] = &[
    ("Space/Enter", "show the answer"),
    ("0–5", "grade; Enter takes the suggested one (see grades)"),
    (
        "1–4",
        "under FSRS: again · hard · good · easy (logged 1, 3, 4, 5)",
    ),
    (
        "u",
        "undo the last answer, suspension or burial (again: further back)",
    ),
    ("s", "suspend this card"),
    ("b", "bury this card until tomorrow"),
    ("e", "edit this card's source in $EDITOR, then recompile"),
    ("?", "this help"),
    ("q, Ctrl-C", "quit; every answer is already saved"),
    (
        "Esc",
        "while typing: the keys above (u s b e ? q); Esc or Enter types on",
    ),
    (
        "editing",
        "Home/End Ctrl-A/E · Alt-B/F Ctrl-Left/Right · Ctrl-U/K/W · Up/Down: earlier answers",
    ),
];

pub fn help() -> Vec<Line> {
    let mut lines: Vec<Line> = HELP
        .iter()
        .map(|(k, what)| {
            Line::new()
                .push(format!("  {k:<12}"), Style::Heading)
                .push(*what, Style::Plain)
        })
        .collect();
    lines.push(grades());
    lines
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

/// The one legend line under a card, by what the card waits for.
pub fn key_hint(revealed: bool, kind: CardKind) -> &'static str {
    match (revealed, kind.is_typed()) {
        (false, false) => "[Space] show answer · u undo · ? all keys · q quit",
        (false, true) => "type the answer, Enter checks it · Esc: keys",
        (true, _) => "[0–5] grade · u undo · ? all keys · q quit",
    }
}

/// The legend after Esc on the answer line.
pub const COMMAND_HINT: &str =
    "u undo · s suspend · b bury · e edit · ? all keys · q quit · Esc back to typing";

/// The legend when a grade is suggested.
pub fn suggested_hint(q: Quality) -> String {
    format!("[Enter] {q} · 0–5 other grade · u undo · ? all keys · q quit")
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
