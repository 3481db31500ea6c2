//! Snapshots of what the learner reads: each screen as plain text (the same
//! text a screen reader or a pipe gets), and a whole drill.

use super::{keys, play, rules, store, NoEditor};
use crate::card::{Card, CardId, CardKind, SourcePos};
use crate::day::Day;
use crate::history::{preview, CardState, Effect};
use crate::sched::{Quality, Sm2State};
use crate::session::answer::check;
use crate::session::{Remaining, Session, Slot};
use crate::store::AnswerMode;
use crate::ui::scripted::Step;
use crate::ui::term::render;
use crate::ui::view::{self, DrillScore, Judged, Missed, Summary};
use crate::ui::{plain_text, wrap, Line};

fn card(kind: CardKind, prompt: &str, code: Option<&str>, answer: &str) -> Card {
    Card {
        id: CardId(9),
        kind,
        deck: "phase-2".into(),
        topic: "phase-2/5".into(),
        ord: 1,
        prompt: prompt.into(),
        code: code.map(str::to_string),
        answer: answer.into(),
        alternatives: vec!["itertools.chain".into()],
        note: Some("`chain` takes iterables, not lists only.".into()),
        case_sensitive: true,
        exact: false,
        source: SourcePos {
            path: "decks/phase-2.md".into(),
            line: 40,
        },
    }
}

fn text(lines: &[Line]) -> String {
    plain_text(lines)
}

#[test]
fn front_and_back_of_a_basic_card() {
    let c = card(
        CardKind::Basic,
        "What does `chain` do?",
        None,
        "Iterates several iterables in turn",
    );
    let mut lines = vec![view::status(
        Remaining {
            review: 3,
            new: 12,
            repeat: 1,
            drill: 0,
        },
        250,
        None,
    )];
    lines.extend(view::front(&c, Slot::Review, None));
    lines.extend(view::back(&c));
    lines.push(new_card_outlook());
    insta::assert_snapshot!("basic_front_back", text(&lines));
}

#[test]
fn a_cloze_shows_its_deletion_masked_and_the_others_filled() {
    // The deck parser masks the deletion; this is what reaches the screen.
    let c = card(
        CardKind::Cloze,
        "`deque` pops at both ends in [big-O] time.",
        None,
        "O(1)",
    );
    insta::assert_snapshot!("cloze_front", text(&view::front(&c, Slot::New, None)));
}

#[test]
fn an_eval_card_shows_its_code_highlighted_where_colour_is_on() {
    let code = "xs = [3, 1, 2]  # unsorted\nfor x in sorted(xs):\n    print(f\"{x!r}\", end=' ')";
    let c = card(CardKind::Eval, "What does this print?", Some(code), "1 2 3");
    let front = view::front(&c, Slot::Review, None);
    insta::assert_snapshot!("eval_front", text(&front));
    let coloured = render(&front, true);
    assert!(coloured.contains("\x1b["), "colour on: escape codes");
    assert!(!render(&front, false).contains('\x1b'), "colour off: none");
}

#[test]
fn a_wrong_typed_answer_gets_a_diff_with_markers_in_plain_text() {
    let c = card(
        CardKind::Typed,
        "Which itertools function concatenates iterables?",
        None,
        "chain",
    );
    let v = check("chian", &c.answer, &c.alternatives, true);
    let mut lines = view::verdict(&v, "chian", &c.answer, Judged::of(&v, 0.7));
    lines.extend(view::extras(&c));
    insta::assert_snapshot!("verdict_diff", text(&lines));
}

/// Both sides of a verdict are named in words, so it reads the same without
/// colour; an empty answer says so; a matched alternative is named.
#[test]
fn every_verdict_says_in_words_what_happened() {
    let answer = "chain";
    let alternatives = vec!["itertools.chain".to_string()];
    let said = |typed: &str| {
        let v = check(typed, answer, &alternatives, true);
        text(&view::verdict(&v, typed, answer, Judged::of(&v, 0.7)))
    };
    assert_eq!(said("chain"), "✓ correct · your answer: chain\n");
    assert_eq!(
        said("itertools.chain"),
        "✓ correct · your answer: itertools.chain\n  matched the accepted alternative itertools.chain; the card's answer:\n"
    );
    assert!(said("chian").starts_with("≈ close · your answer: chian\n  expected: chain\n"));
    assert!(said("zip").starts_with("✗ wrong · your answer: zip\n  expected: chain\n"));
    let near_alternative = said("itertools.chian");
    assert!(
        near_alternative.contains("expected: itertools.chain (the nearest accepted alternative"),
        "{near_alternative}"
    );
    assert_eq!(
        said(""),
        "✗ wrong · your answer: (nothing typed)\n  expected: chain\n"
    );
}

fn new_card_outlook() -> Line {
    let today = Day(100);
    let effect = Effect::Schedule;
    view::outlook(
        &preview(&CardState::default(), effect, today),
        today,
        effect,
    )
}

#[test]
fn the_grading_line_runs_grades_with_one_outcome_together() {
    let today = Day(100);
    assert_eq!(
        new_card_outlook().text(),
        "0–2 again · 3 again, then 1d · 4–5 → 1d"
    );
    let second = CardState {
        sm2: crate::sched::review(&Sm2State::default(), Quality::clamped(5), Day(99)),
        ..CardState::default()
    };
    let line = |effect| view::outlook(&preview(&second, effect, today), today, effect).text();
    assert_eq!(
        line(Effect::Schedule),
        "0–2 again · 3 again, then 6d · 4–5 → 6d"
    );
    assert_eq!(line(Effect::Repeat), "0–3 again · 4–5 done for today");
    assert_eq!(line(Effect::Drill), "drill: no grade changes the schedule");
}

/// One card's whole screen, laid out as a terminal of each width shows it:
/// prose wrapped at spaces, code cut and marked, the legend on one line.
#[test]
fn a_card_screen_at_60_80_and_160_columns() {
    let code = "result = functools.reduce(lambda acc, item: acc + [item * 2], range(10), [])\nprint(result[-1])";
    let mut c = card(
        CardKind::Eval,
        "What does this print, given that reduce folds the iterable from the left and the lambda doubles each item before appending it?",
        Some(code),
        "18",
    );
    c.note = Some("reduce(f, xs, init) calls f(init, xs[0]), then f(that, xs[1]), and so on; the last list ends with 9 * 2.".into());
    for width in [60, 80, 160] {
        let mut lines = view::front(&c, Slot::Review, Some(width));
        let v = check("81", &c.answer, &c.alternatives, true);
        lines.extend(view::verdict(&v, "81", &c.answer, Judged::of(&v, 0.7)));
        lines.extend(view::back(&c));
        lines.push(new_card_outlook());
        lines.push(Line::plain(view::suggested_hint(Quality::clamped(1))));
        let laid = wrap::lay_out(&lines, width);
        for line in &laid {
            assert!(wrap::width(line) <= width, "{width}: {line:?}");
        }
        insta::assert_snapshot!(format!("card_screen_{width}"), text(&laid));
    }
}

#[test]
fn help_lists_every_key() {
    insta::assert_snapshot!("help", text(&view::help()));
}

#[test]
fn the_end_of_session_summary() {
    let s = Summary {
        answered: 24,
        correct: 21,
        elapsed_secs: 754,
        due_tomorrow: 17,
        left_today: 3,
        streak: 12,
    };
    insta::assert_snapshot!("summary", text(&view::summary(&s)));
}

#[test]
fn the_drill_score() {
    let s = DrillScore {
        asked: 10,
        correct: 8,
        elapsed_secs: 125,
        missed: vec![
            Missed {
                prompt: "Which itertools function concatenates iterables?".into(),
                answer: "chain".into(),
            },
            Missed {
                prompt: "What does this print?\n(second line)".into(),
                answer: "1 2 3".into(),
            },
        ],
        left: 0,
        timed_out: true,
    };
    insta::assert_snapshot!("drill_score", text(&view::drill_score(&s)));
}

#[test]
fn a_whole_drill_as_the_learner_sees_it() {
    let mut store = store();
    let mut script = keys(" 3");
    script.push(Step::Line("Clone"));
    script.extend(keys("\n 5"));
    let s = Session::drill(&[CardId(1), CardId(2), CardId(3)]);
    let (tally, screen) = play(
        &mut store,
        s,
        script,
        &rules(AnswerMode::Drill),
        &mut NoEditor,
        &super::clock(),
    );
    let score = view::drill_score(&tally.into_score());
    insta::assert_snapshot!("drill_session", format!("{screen}{}", text(&score)));
}

/// Under FSRS the grading line shows the four ratings on Anki's keys, each
/// with the interval `preview_with` (the transition that records it) gives.
#[test]
fn the_fsrs_grading_line_shows_four_ratings_with_their_intervals() {
    use crate::history::{preview_with, Scheduler};
    use crate::sched::fsrs::Fsrs;
    let fsrs = Scheduler::Fsrs(Fsrs::new(0.9).unwrap());
    let today = Day(100);
    let line = |state: &CardState, effect| {
        view::fsrs_outlook(&preview_with(&fsrs, state, effect, today), today, effect).text()
    };
    let new = CardState::default();
    let good = crate::history::apply_with(
        &fsrs,
        &new,
        &crate::history::Event::Answer {
            quality: Quality::clamped(4),
            effect: Effect::Schedule,
        },
        Day(98),
    );
    let lines = [
        format!("new:    {}", line(&new, Effect::Schedule)),
        format!("due:    {}", line(&good, Effect::Schedule)),
        format!("repeat: {}", line(&good, Effect::Repeat)),
        format!("drill:  {}", line(&good, Effect::Drill)),
    ];
    insta::assert_snapshot!("fsrs_grading_line", lines.join("\n"));
}
