//! The clock: `--now` pins the start instant and time then flows; days are
//! counted in the process's time zone (`TZ`), and daylight-saving changes
//! never make a day repeat or vanish.

use crate::env::{recall_process, TestEnv, SMALL_ROADMAP};
use recall::history::Event;
use recall::store::Store;
use std::io::Write;
use std::time::Duration;

/// The collection day `recall due` counts at `now` in `tz`, with an optional config.
fn day_at(env: &TestEnv, tz: &str, now: &str, config: Option<&std::path::Path>) -> String {
    let mut cmd = recall_process(&env.db(), now, &["due"]);
    cmd.env("TZ", tz)
        .env("XDG_CONFIG_HOME", env.path("xdg-config"))
        .stdin(std::process::Stdio::null());
    if let Some(path) = config {
        cmd.env("RECALL_CONFIG", path);
    }
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    // "0 reviews due today (2026-11-25)"
    text.trim()
        .rsplit_once('(')
        .and_then(|(_, d)| d.strip_suffix(')'))
        .unwrap_or_else(|| panic!("no day in {text:?}"))
        .to_string()
}

fn date(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

#[test]
fn a_pinned_instant_counts_its_day_in_the_process_time_zone() {
    let env = TestEnv::new();
    env.compile_small();
    // 23:30 UTC is 08:30 the next morning in Tokyo and 18:30 the same day in New York.
    let table = [
        ("UTC", "2026-11-25T23:30:00Z", "2026-11-25"),
        ("Asia/Tokyo", "2026-11-25T23:30:00Z", "2026-11-26"),
        ("America/New_York", "2026-11-25T23:30:00Z", "2026-11-25"),
        // The instant's own offset says which instant it is, nothing more.
        ("Asia/Tokyo", "2026-11-26T08:30:00+09:00", "2026-11-26"),
        ("UTC", "2026-11-26T08:30:00+09:00", "2026-11-25"),
        // 02:00 in Tokyo is before the 04:00 rollover: still the day before.
        ("Asia/Tokyo", "2026-11-25T17:00:00Z", "2026-11-25"),
        ("Asia/Tokyo", "2026-11-25T19:00:00Z", "2026-11-26"),
    ];
    for (tz, now, want) in table {
        assert_eq!(day_at(&env, tz, now, None), want, "TZ={tz} --now {now}");
    }
}

/// Instants around a transition (UTC) and around the rollovers of the
/// days on either side: every step moves the day by 0 or 1, and the days
/// from the first to the last all appear.
fn assert_days_flow(env: &TestEnv, tz: &str, rollover: u32, instants: &[&str]) {
    let config = env.write(
        &format!("config-{rollover}.toml"),
        &format!("rollover_hour = {rollover}\n"),
    );
    let mut sorted: Vec<_> = instants
        .iter()
        .map(|s| chrono::DateTime::parse_from_rfc3339(s).expect("rfc 3339"))
        .collect();
    sorted.sort();
    let days: Vec<_> = sorted
        .iter()
        .map(|at| date(&day_at(env, tz, &at.to_rfc3339(), Some(&config))))
        .collect();
    for (pair, at) in days.windows(2).zip(sorted.windows(2)) {
        let step = (pair[1] - pair[0]).num_days();
        assert!(
            step == 0 || step == 1,
            "TZ={tz} rollover {rollover}: {} is {}, {} is {}",
            at[0],
            pair[0],
            at[1],
            pair[1]
        );
    }
}

/// `hh:mm:ss` either side of an instant, as RFC 3339 UTC.
fn around(at: &str, secs: &[i64]) -> Vec<String> {
    let at = chrono::DateTime::parse_from_rfc3339(at).expect("rfc 3339");
    secs.iter()
        .map(|s| (at + chrono::Duration::seconds(*s)).to_rfc3339())
        .collect()
}

/// The day just before and just after `transition` (UTC) in `tz`, and before
/// and after each local rollover of the three days around it.
fn check_transition(env: &TestEnv, tz: &str, transition: &str, rollovers: &[u32]) {
    // Every hour of the 52 around the transition reaches the rollovers of
    // the days on either side; every half hour of the 6 around it, and a
    // second either side, the shift itself (30 minutes at Lord Howe).
    let mut steps: Vec<i64> = (-26..=26).map(|h| h * 3600).collect();
    steps.extend((-6..=6).map(|h| h * 1800 + 900));
    steps.extend([-1, 1]);
    let instants = around(transition, &steps);
    let refs: Vec<&str> = instants.iter().map(String::as_str).collect();
    for &rollover in rollovers {
        assert_days_flow(env, tz, rollover, &refs);
    }
    // With the default rollover, the day does not change across the shift.
    let [before, after] = [-1, 1].map(|s| around(transition, &[s]).remove(0));
    assert_eq!(
        day_at(env, tz, &before, None),
        day_at(env, tz, &after, None),
        "TZ={tz}: the day changed at {transition}"
    );
}

/// A day that starts at `rollover` local and the one before it, read just
/// either side of the local rollover instant `boundary` (UTC).
fn assert_rollover_at(env: &TestEnv, tz: &str, rollover: u32, boundary: &str, day: &str) {
    let config = env.write(
        &format!("config-{rollover}.toml"),
        &format!("rollover_hour = {rollover}\n"),
    );
    let [before, after] = [-1, 0].map(|s| around(boundary, &[s]).remove(0));
    let want_before = (date(day) - chrono::Duration::days(1)).to_string();
    assert_eq!(
        day_at(env, tz, &before, Some(&config)),
        want_before,
        "{tz} {before}"
    );
    assert_eq!(day_at(env, tz, &after, Some(&config)), day, "{tz} {after}");
}

#[test]
fn daylight_saving_in_berlin_neither_repeats_nor_drops_a_day() {
    let env = TestEnv::new();
    env.compile_small();
    // 02:00 CET → 03:00 CEST, and 03:00 CEST → 02:00 CET.
    check_transition(&env, "Europe/Berlin", "2026-03-29T01:00:00Z", &[4, 2]);
    check_transition(&env, "Europe/Berlin", "2026-10-25T01:00:00Z", &[4, 2]);
    // The days of the transitions start at 04:00 local, in the new offset.
    assert_rollover_at(
        &env,
        "Europe/Berlin",
        4,
        "2026-03-29T02:00:00Z",
        "2026-03-29",
    );
    assert_rollover_at(
        &env,
        "Europe/Berlin",
        4,
        "2026-10-25T03:00:00Z",
        "2026-10-25",
    );
    // A rollover in the skipped hour: the day starts when the clock jumps past it.
    assert_rollover_at(
        &env,
        "Europe/Berlin",
        2,
        "2026-03-29T01:00:00Z",
        "2026-03-29",
    );
}

#[test]
fn daylight_saving_in_new_york_neither_repeats_nor_drops_a_day() {
    let env = TestEnv::new();
    env.compile_small();
    // 02:00 EST → 03:00 EDT, and 02:00 EDT → 01:00 EST.
    check_transition(&env, "America/New_York", "2026-03-08T07:00:00Z", &[4, 2]);
    check_transition(&env, "America/New_York", "2026-11-01T06:00:00Z", &[4, 2]);
    assert_rollover_at(
        &env,
        "America/New_York",
        4,
        "2026-03-08T08:00:00Z",
        "2026-03-08",
    );
    assert_rollover_at(
        &env,
        "America/New_York",
        4,
        "2026-11-01T09:00:00Z",
        "2026-11-01",
    );
    // A rollover at 01:00, an hour that happens twice: the day starts at the first.
    assert_rollover_at(
        &env,
        "America/New_York",
        1,
        "2026-11-01T05:00:00Z",
        "2026-11-01",
    );
}

#[test]
fn lord_howe_s_half_hour_shift_neither_repeats_nor_drops_a_day() {
    let env = TestEnv::new();
    env.compile_small();
    // 02:00 +11 → 01:30 +10:30, and 02:00 +10:30 → 02:30 +11.
    check_transition(&env, "Australia/Lord_Howe", "2026-04-04T15:00:00Z", &[4, 2]);
    check_transition(&env, "Australia/Lord_Howe", "2026-10-03T15:30:00Z", &[4, 2]);
    assert_rollover_at(
        &env,
        "Australia/Lord_Howe",
        4,
        "2026-04-04T17:30:00Z",
        "2026-04-05",
    );
    assert_rollover_at(
        &env,
        "Australia/Lord_Howe",
        4,
        "2026-10-03T17:00:00Z",
        "2026-10-04",
    );
    // A rollover at 02:00, skipped in spring: the day starts at 02:30.
    assert_rollover_at(
        &env,
        "Australia/Lord_Howe",
        2,
        "2026-10-03T15:30:00Z",
        "2026-10-04",
    );
}

const TYPED_DECK: &str = "\
# Stage 1 — Basics

## 1 Ownership

T: Which trait makes assignment copy instead of move?
A: Copy

T: Which trait makes `let b = a;` leave `a` usable?
A: Copy

T: Which marker trait do `i32` and `bool` share, besides Clone?
A: Copy
";

/// Before the clock flowed, `--now` froze it: a timed drill never ended and
/// every answer took no time at all (so it was always suggested a 5).
#[test]
fn time_flows_from_the_pinned_instant() {
    let env = TestEnv::new();
    env.write("course/roadmap.md", SMALL_ROADMAP);
    env.write("course/decks/stage-1.md", TYPED_DECK);
    env.compile_course();
    let config = env.write("config.toml", "[suggest]\nquick_secs = 1\nslow_secs = 60\n");
    let mut child = recall_process(&env.db(), &env.now, &["drill", "--timed", "1", "--plain"])
        .env("RECALL_CONFIG", &config)
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    // Longer than the drill's second and than a quick answer.
    std::thread::sleep(Duration::from_millis(1_500));
    // The typed answer, then Enter takes the suggested grade.
    stdin.write_all(b"Copy\n\nCopy\n\n").expect("write");
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("Time's up: drill over"), "{stdout}");
    let store = Store::open_existing(&env.db()).unwrap();
    let today =
        recall::day::Day::containing(chrono::DateTime::parse_from_rfc3339(&env.now).unwrap(), 4);
    let answers: Vec<_> = store
        .log()
        .day(today)
        .unwrap()
        .into_iter()
        .filter(|e| matches!(e.event, Event::Answer { .. }))
        .collect();
    assert_eq!(answers.len(), 1, "only the card on screen is answered");
    assert!(
        answers[0].elapsed_ms.unwrap_or(0) >= 1_000,
        "{:?}",
        answers[0]
    );
    match answers[0].event {
        Event::Answer { quality, .. } => assert_eq!(quality.value(), 4, "a slow answer"),
        _ => unreachable!(),
    }
}
