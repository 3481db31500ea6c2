//! The crash harness: real `recall review` sessions through the line
//! prompter, killed with SIGKILL at seeded random moments (during the first
//! run's compile, at startup, between answers, mid-typing, right after a
//! grade). After each kill `recall check` passes and every answer whose
//! `saved` line was printed is in the log, in order.

use crate::env::TestEnv;
use crate::live::{spin, Session};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::path::Path;

/// Kills in all, of which [`FIRST_RUN_KILLS`] hit a first run.
const KILLS: usize = 200;
const FIRST_RUN_KILLS: usize = 24;
/// Cycles allowed for the kills (a session may end before its kill).
const MAX_CYCLES: usize = 3 * KILLS;
/// Pins the moments; change it to explore other schedules.
const SEED: u64 = 0x5EED_C0DE;
/// Wide enough to land before, during and after the bundled compile (tens of
/// milliseconds in a debug build) on a loaded machine.
const FIRST_RUN_WINDOW_US: u64 = 250_000;
const STARTUP_WINDOW_US: u64 = 15_000;
const AFTER_GRADE_WINDOW_US: u64 = 3_000;

/// A grade that mostly fails, so cards keep coming back the same day.
fn grade(rng: &mut StdRng) -> u8 {
    [0, 1, 1, 2, 2, 3, 4, 5][rng.gen_range(0..8)]
}

/// `recall check` passes.
fn checked(env: &TestEnv) {
    let out = env.ok(&["check"]);
    assert!(out.starts_with("ok:"), "{out}");
}

/// Answer rows after log id `after`: (id, quality), in log order.
fn answers_after(db: &Path, after: i64) -> Vec<(i64, u8)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT id, quality FROM review_log WHERE event = 'answer' AND id > ?1 ORDER BY id",
        )
        .unwrap();
    let rows = stmt
        .query_map([after], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

/// The day `offset` days after the test's pinned morning.
fn morning(offset: u32) -> String {
    let base = chrono::DateTime::parse_from_rfc3339(crate::env::NOW).unwrap();
    (base + chrono::Duration::days(i64::from(offset))).to_rfc3339()
}

#[derive(Debug, Clone, Copy)]
enum Moment {
    /// While it opens the collection and plans the day.
    Startup,
    /// Between two answers, after the last `saved` line.
    BetweenAnswers,
    /// Half a line typed.
    MidTyping,
    /// Right after a grade was sent, while it may be committing.
    AfterGrade,
}

/// Kills first runs (the bundled decks compile into a new collection): the
/// collection is afterwards absent, empty, or whole, never partial.
fn first_run_kills(rng: &mut StdRng) -> usize {
    let mut kills = 0;
    let mut sizes = Vec::new();
    for _ in 0..FIRST_RUN_KILLS {
        let env = TestEnv::new();
        let session = Session::start(&env.db(), &env.now);
        spin(rng.gen_range(0..FIRST_RUN_WINDOW_US));
        let (killed, _, _) = session.kill();
        kills += usize::from(killed);
        if env.db().exists() {
            let before = env.bytes(&env.db());
            let out = env.cmd(&["check"]).output().unwrap();
            if String::from_utf8_lossy(&out.stderr).contains("is empty, not a recall collection") {
                // Killed before the schema was committed: a read command leaves it so.
                assert_eq!(env.bytes(&env.db()), before, "check changed an empty file");
                sizes.push(0);
                continue;
            }
            checked(&env);
            let total = env.json(&["stats", "--json"])["total"].as_u64().unwrap();
            sizes.push(total);
        }
    }
    let full = sizes.iter().copied().max().unwrap_or(0);
    assert!(
        sizes.iter().all(|&n| n == 0 || n == full),
        "a killed first run left a partial compile: {sizes:?}"
    );
    kills
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_answer() {
    let mut rng = StdRng::seed_from_u64(SEED);
    let mut kills = first_run_kills(&mut rng);

    let mut env = TestEnv::new();
    env.compile_small();
    let (mut day, mut last_id, mut cycles) = (0, 0, 0);
    let mut moments = [0usize; 4];
    while kills < KILLS {
        cycles += 1;
        assert!(
            cycles <= MAX_CYCLES,
            "only {kills} kills in {cycles} cycles"
        );
        env.now = morning(day);
        let mut session = Session::start(&env.db(), &env.now);
        let moment = match rng.gen_range(0..4) {
            0 => Moment::Startup,
            1 => Moment::BetweenAnswers,
            2 => Moment::MidTyping,
            _ => Moment::AfterGrade,
        };
        let mut alive = true;
        if matches!(moment, Moment::Startup) {
            spin(rng.gen_range(0..STARTUP_WINDOW_US));
        } else {
            for _ in 0..rng.gen_range(0..4) {
                alive = alive && session.answer(grade(&mut rng));
            }
        }
        match moment {
            Moment::MidTyping => {
                alive = alive && session.send(["\n", "\n3", "Cop"][rng.gen_range(0..3)]);
            }
            Moment::AfterGrade => {
                alive = alive && session.send(&format!("\n{}\n", grade(&mut rng)));
                session.sent += 1;
                spin(rng.gen_range(0..AFTER_GRADE_WINDOW_US));
            }
            Moment::Startup | Moment::BetweenAnswers => {}
        }
        let (killed, sent, acked) = if alive {
            session.kill()
        } else {
            session.finish(false)
        };
        if killed {
            kills += 1;
            moments[moment as usize] += 1;
        } else {
            // The day's cards ran out: come back another day.
            day += rng.gen_range(1..=3);
        }

        checked(&env);
        let logged = answers_after(&env.db(), last_id);
        let grades: Vec<u8> = logged.iter().map(|&(_, q)| q).collect();
        assert!(
            grades.len() >= acked.len() && grades[..acked.len()] == acked[..],
            "cycle {cycles} ({moment:?}): acknowledged {acked:?}, logged {grades:?}"
        );
        assert!(
            grades.len() <= sent,
            "cycle {cycles}: {sent} sent, {grades:?} logged"
        );
        last_id = logged.last().map_or(last_id, |&(id, _)| id);
    }
    assert!(kills >= KILLS);
    assert!(
        moments.iter().all(|&n| n > 0),
        "every moment was hit: {moments:?}"
    );
}
