//! Snapshots of what the learner reads: each screen as plain text (the same
//! text a screen reader or a pipe gets), and a whole drill.

use super::{keys, play, rules, store, NoEditor};
use crate::card::{Card, CardId, CardKind, SourcePos};
use crate::session::answer::check;
use crate::session::{Remaining, Session, Slot};
use crate::store::AnswerMode;
use crate::ui::scripted::Step;
use crate::ui::term::render;
use crate::ui::view::{self, DrillScore, Missed, Summary};
use crate::ui::{plain_text, Line};

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
    lines.extend(view::front(&c, Slot::Review));
    lines.extend(view::back(&c));
    lines.extend(view::grades());
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
    insta::assert_snapshot!("cloze_front", text(&view::front(&c, Slot::New)));
}

#[test]
fn an_eval_card_shows_its_code_highlighted_where_colour_is_on() {
    let code = "xs = [3, 1, 2]  # unsorted\nfor x in sorted(xs):\n    print(f\"{x!r}\", end=' ')";
    let c = card(CardKind::Eval, "What does this print?", Some(code), "1 2 3");
    let front = view::front(&c, Slot::Review);
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
    let mut lines = view::verdict(&v);
    lines.extend(view::extras(&c));
    insta::assert_snapshot!("verdict_diff", text(&lines));
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
