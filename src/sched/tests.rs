use super::*;
use proptest::prelude::*;

fn q(v: u8) -> Quality {
    Quality::new(v).unwrap()
}

fn run(grades: &[u8]) -> Vec<Sm2State> {
    let mut state = Sm2State::default();
    let mut day = Day(20_000);
    grades
        .iter()
        .map(|&g| {
            state = review(&state, q(g), day);
            day = state.due.unwrap();
            state
        })
        .collect()
}

#[test]
fn quality_three_five_times_follows_the_reference_code() {
    let states = run(&[3, 3, 3, 3, 3]);
    let intervals: Vec<u32> = states.iter().map(|s| s.interval).collect();
    let efs: Vec<String> = states.iter().map(|s| s.ef.to_string()).collect();
    assert_eq!(intervals, [1, 6, 13, 27, 52]);
    assert_eq!(efs, ["2.36", "2.22", "2.08", "1.94", "1.80"]);
}

#[test]
fn ef_delta_per_grade() {
    let deltas: Vec<i32> = (0..=5).rev().map(|g| q(g).ef_delta()).collect();
    assert_eq!(deltas, [10, 0, -14, -32, -54, -80]);
}

/// (grades, expected intervals, expected ef in hundredths after each answer)
const GOLDEN: &[(&[u8], &[u32], &[u16])] = &[
    (&[5, 5, 5, 5], &[1, 6, 16, 45], &[260, 270, 280, 290]),
    (&[4, 4, 4, 4], &[1, 6, 15, 38], &[250, 250, 250, 250]),
    // A failure resets reps and the interval but keeps the lowered ef.
    (
        &[4, 4, 2, 4, 4, 4],
        &[1, 6, 1, 1, 6, 13],
        &[250, 250, 218, 218, 218, 218],
    ),
    // ef bottoms out at 1.30 and stays there.
    (&[0, 0, 0, 3], &[1, 1, 1, 1], &[170, 130, 130, 130]),
    (
        &[3, 3, 3, 3, 3, 3, 3],
        &[1, 6, 13, 27, 52, 94, 156],
        &[236, 222, 208, 194, 180, 166, 152],
    ),
    (
        &[5, 3, 5, 1, 5],
        &[1, 6, 15, 1, 1],
        &[260, 246, 256, 202, 212],
    ),
];

#[test]
fn golden_table() {
    for (grades, intervals, efs) in GOLDEN {
        let states = run(grades);
        let got_i: Vec<u32> = states.iter().map(|s| s.interval).collect();
        let got_ef: Vec<u16> = states.iter().map(|s| s.ef.0).collect();
        assert_eq!(&got_i, intervals, "intervals for {grades:?}");
        assert_eq!(&got_ef, efs, "ef for {grades:?}");
    }
}

#[test]
fn lapses_count_failures_after_a_success() {
    let states = run(&[1, 4, 1, 0, 4, 2]);
    let lapses: Vec<u32> = states.iter().map(|s| s.lapses).collect();
    assert_eq!(lapses, [0, 0, 1, 1, 1, 2]);
}

#[test]
fn due_is_today_plus_interval_and_lateness_is_ignored() {
    let first = review(&Sm2State::default(), q(4), Day(100));
    assert_eq!(first.due, Some(Day(101)));
    let second = review(&first, q(4), Day(101));
    assert_eq!(second.due, Some(Day(107)));
    // Reviewed 30 days late: the interval still grows from 6, not from 36.
    let late = review(&second, q(4), Day(137));
    assert_eq!(late.interval, 15);
    assert_eq!(late.due, Some(Day(152)));
}

#[test]
fn quality_outside_zero_to_five_is_refused() {
    assert!(Quality::new(6).is_none());
    assert_eq!(Quality::new(5).map(Quality::value), Some(5));
}

proptest! {
    #[test]
    fn ef_and_interval_stay_in_bounds(grades in prop::collection::vec(0u8..=5, 1..60)) {
        for state in run(&grades) {
            prop_assert!(state.ef.0 >= MINIMUM_EF);
            prop_assert!(state.interval >= 1);
            prop_assert!(state.due.is_some());
        }
    }

    #[test]
    fn passing_grades_never_shrink_the_interval_after_the_second(grades in prop::collection::vec(3u8..=5, 3..30)) {
        let states = run(&grades);
        for pair in states.windows(2).skip(1) {
            prop_assert!(pair[1].interval >= pair[0].interval);
        }
    }
}
