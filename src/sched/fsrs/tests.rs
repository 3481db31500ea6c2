use super::*;

fn q(v: u8) -> Quality {
    Quality::clamped(v)
}

/// Whole-day intervals for grades answered each on the day it fell due.
fn intervals(fsrs: &Fsrs, grades: &[u8]) -> Vec<u32> {
    let mut memory = None;
    let mut elapsed = 0;
    grades
        .iter()
        .map(|&g| {
            let (next, interval) = fsrs.next(memory, Rating::from_quality(q(g)), elapsed);
            memory = Some(next);
            elapsed = whole_days(interval);
            elapsed
        })
        .collect()
}

#[test]
fn the_grade_map_is_the_documented_one() {
    let ratings: Vec<_> = (0..=5).map(|g| Rating::from_quality(q(g))).collect();
    use Rating::*;
    assert_eq!(ratings, [Again, Again, Again, Hard, Good, Easy]);
}

#[test]
fn the_logged_grade_of_each_rating_maps_back_to_it() {
    for rating in Rating::ALL {
        assert_eq!(Rating::from_quality(rating.logged_quality()), rating);
        assert_eq!(Rating::from_key(rating.key()), Some(rating));
        assert_eq!(Rating::parse(&rating.name().to_uppercase()), Some(rating));
    }
    assert_eq!(Rating::Again.logged_quality(), q(1));
    let keys: Vec<u8> = Rating::ALL.iter().map(|r| r.key()).collect();
    assert_eq!(keys, [1, 2, 3, 4]);
    assert_eq!((Rating::from_key(0), Rating::from_key(5)), (None, None));
    assert_eq!(Rating::parse("fine"), None);
}

#[test]
fn first_answer_matches_the_crates_documented_states() {
    // The crate's own doc example for `next_states(None, 0.9, 0)`.
    let fsrs = Fsrs::new(0.9).unwrap();
    let expected = [
        (Rating::Again, 0.212, 6.4133),
        (Rating::Hard, 1.2931, 5.1121707),
        (Rating::Good, 2.3065, 2.118104),
        (Rating::Easy, 8.2956, 1.0),
    ];
    for (rating, stability, difficulty) in expected {
        let (memory, interval) = fsrs.next(None, rating, 0);
        assert_eq!(memory.stability, stability);
        assert_eq!(memory.difficulty, difficulty);
        assert_eq!(interval, stability);
    }
}

#[test]
fn golden_intervals_for_fixed_grade_sequences() {
    let fsrs = Fsrs::new(0.9).unwrap();
    assert_eq!(intervals(&fsrs, &[4, 4, 4, 4, 4, 4]), GOOD);
    assert_eq!(intervals(&fsrs, &[5, 5, 5, 5]), EASY);
    assert_eq!(intervals(&fsrs, &[4, 4, 1, 4, 4]), LAPSE);
    assert_eq!(intervals(&fsrs, &[3, 3, 3, 3]), HARD);
}

#[test]
fn a_higher_retention_gives_shorter_intervals() {
    let strict = Fsrs::new(0.97).unwrap();
    let loose = Fsrs::new(0.8).unwrap();
    let grades = [4, 4, 4, 4];
    let (s, l) = (intervals(&strict, &grades), intervals(&loose, &grades));
    assert!(s.iter().zip(&l).all(|(a, b)| a <= b) && s.last() < l.last());
}

#[test]
fn retention_outside_the_range_is_refused() {
    assert_eq!(Fsrs::new(0.5).unwrap_err(), FsrsError::Retention(0.5));
    assert!(Fsrs::new(1.0).is_err());
    assert!(Fsrs::new(f32::NAN).is_err());
}

#[test]
fn whole_days_rounds_and_bounds() {
    assert_eq!(whole_days(0.212), 1);
    assert_eq!(whole_days(2.5), 3);
    assert_eq!(whole_days(1e9), MAX_INTERVAL);
    assert_eq!(whole_days(f32::NAN), MAX_INTERVAL);
}

#[test]
fn an_imported_sm2_state_becomes_a_memory() {
    let fsrs = Fsrs::new(0.9).unwrap();
    assert_eq!(fsrs.memory_from_sm2(&Sm2State::default()), None);
    let young = crate::sched::review(&Sm2State::default(), q(4), Day(10));
    let memory = fsrs.memory_from_sm2(&young).unwrap();
    assert!(memory.stability > 0.0 && (1.0..=10.0).contains(&memory.difficulty));
}

#[test]
fn retrievability_is_the_target_at_the_interval() {
    let fsrs = Fsrs::new(0.9).unwrap();
    let (memory, interval) = fsrs.next(None, Rating::Good, 0);
    let r = fsrs::current_retrievability(memory.into(), interval, fsrs::DEFAULT_PARAMETERS[20]);
    assert!((r - 0.9).abs() < 1e-4);
    assert_eq!(fsrs.retrievability(memory, 0), 1.0);
}

// Pinned from fsrs 6.6.2 with its default parameters at 90 % retention,
// each answer on its due day: a change here means the crate changed.
const GOOD: [u32; 6] = [2, 11, 46, 163, 497, 1346];
const EASY: [u32; 4] = [8, 66, 397, 1875];
const LAPSE: [u32; 5] = [2, 11, 2, 5, 12];
const HARD: [u32; 4] = [1, 3, 7, 12];
