//! What FSRS can tell that SM-2 cannot, for `recall stats` when the stored
//! states are FSRS's: the retention predicted for today (the mean
//! probability of recall over the review cards), how many cards are below
//! [`AT_RISK_BELOW`], and a histogram of the probability of recall in ten
//! buckets. Pure: the memories and the day come in.

use crate::day::Day;
use crate::sched::fsrs::Fsrs;
use crate::store::CardMemory;
use crate::styled::{Line, Style};
use serde::Serialize;

/// A card whose probability of recall today is below this counts as at
/// risk: well below the 0.9 FSRS schedules for by default, and below the
/// lowest retention most learners choose.
pub const AT_RISK_BELOW: f32 = 0.8;
/// Buckets of the histogram: 0–10 %, 10–20 %, …, 90–100 %.
pub const BUCKETS: usize = 10;
const BAR: usize = 40;

/// The FSRS section of `stats` (and `"fsrs"` of `stats --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FsrsStats {
    pub desired_retention: f32,
    /// Review cards: answered, not suspended, not retired, with a memory.
    pub cards: u64,
    /// The mean probability of recall today over those cards (`None`
    /// without any).
    pub predicted_retention: Option<f32>,
    pub at_risk_below: f32,
    /// Cards whose probability of recall today is below `at_risk_below`.
    pub at_risk: u64,
    /// Cards by probability of recall today, bucket `i` holding
    /// `i/10 ≤ R < (i+1)/10` (100 % in the last).
    pub histogram: [u64; BUCKETS],
}

/// The stats of `cards` on `today` under `fsrs` (the scheduler the states
/// are a replay under: its decay is the forgetting curve's).
pub fn stats(fsrs: &Fsrs, cards: &[CardMemory], today: Day) -> FsrsStats {
    let mut histogram = [0u64; BUCKETS];
    let mut at_risk = 0u64;
    let mut sum = 0.0f64;
    for card in cards {
        let elapsed = u32::try_from(today.since(card.last_review)).unwrap_or(0);
        let r = fsrs.retrievability(card.memory, elapsed);
        let r = if r.is_finite() {
            r.clamp(0.0, 1.0)
        } else {
            0.0
        };
        sum += f64::from(r);
        at_risk += u64::from(r < AT_RISK_BELOW);
        let bucket = ((r * BUCKETS as f32) as usize).min(BUCKETS - 1);
        histogram[bucket] += 1;
    }
    let n = cards.len();
    FsrsStats {
        desired_retention: fsrs.desired_retention(),
        cards: n as u64,
        predicted_retention: (n > 0).then(|| (sum / n as f64) as f32),
        at_risk_below: AT_RISK_BELOW,
        at_risk,
        histogram,
    }
}

fn percent(r: f32) -> String {
    format!("{:.1} %", r * 100.0)
}

/// The section as terminal lines, after the rest of `stats`.
pub fn lines(s: &FsrsStats, width: usize) -> Vec<Line> {
    let mut lines = vec![
        Line::new(),
        Line::styled(
            format!(
                "FSRS · probability of recall today (target {})",
                percent(s.desired_retention)
            ),
            Style::Heading,
        ),
    ];
    let Some(predicted) = s.predicted_retention else {
        lines.push(Line::styled("  no review cards yet", Style::Dim));
        return lines;
    };
    lines.push(Line::plain(format!(
        "  predicted retention {} over {} review cards; {} below {}",
        percent(predicted),
        s.cards,
        s.at_risk,
        percent(s.at_risk_below)
    )));
    let bar = BAR.min(width.saturating_sub(12 + 8));
    let max = s.histogram.iter().copied().max().unwrap_or(0).max(1);
    for (i, &n) in s.histogram.iter().enumerate() {
        let cells = usize::try_from(n * bar as u64 / max).unwrap_or(bar);
        let cells = cells.max(usize::from(n > 0));
        let style = if (i as f32) < AT_RISK_BELOW * BUCKETS as f32 {
            Style::Bad
        } else {
            Style::Good
        };
        lines.push(
            Line::plain(format!(
                "  {:>10} ",
                format!("{}–{} %", i * 10, (i + 1) * 10)
            ))
            .push("■".repeat(cells), style)
            .push(format!(" {n}"), Style::Plain),
        );
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sched::fsrs::Memory;
    use crate::styled::plain_text;

    fn card(stability: f32, last_review: i32) -> CardMemory {
        CardMemory {
            memory: Memory {
                stability,
                difficulty: 5.0,
            },
            last_review: Day(last_review),
        }
    }

    #[test]
    fn recall_today_is_the_forgetting_curve_of_each_card() {
        let fsrs = Fsrs::new(0.9).unwrap();
        // Reviewed today: certain; a stability's worth of days ago: 90 %;
        // long ago: low.
        let cards = [card(10.0, 100), card(10.0, 90), card(2.0, 0)];
        let s = stats(&fsrs, &cards, Day(100));
        assert_eq!(s.cards, 3);
        let r_old = fsrs.retrievability(cards[2].memory, 100);
        let want = (1.0 + 0.9 + r_old) / 3.0;
        assert!(
            (s.predicted_retention.unwrap() - want).abs() < 1e-3,
            "{s:?}"
        );
        assert_eq!(s.at_risk, 1);
        assert_eq!(s.histogram[9], 2, "{s:?}");
        assert_eq!(s.histogram[(r_old * 10.0) as usize], 1);
        assert_eq!(s.histogram.iter().sum::<u64>(), 3);
    }

    #[test]
    fn no_review_cards_predict_nothing() {
        let s = stats(&Fsrs::new(0.9).unwrap(), &[], Day(100));
        assert_eq!((s.cards, s.predicted_retention, s.at_risk), (0, None, 0));
        assert!(plain_text(&lines(&s, 80)).contains("no review cards yet"));
    }

    #[test]
    fn the_section_as_the_learner_reads_it() {
        let fsrs = Fsrs::new(0.9).unwrap();
        let cards: Vec<CardMemory> = (0..40)
            .map(|i| card(0.5 + i as f32, 1000 - (i * 7) % 90))
            .collect();
        let s = stats(&fsrs, &cards, Day(1000));
        insta::assert_snapshot!(plain_text(&lines(&s, 80)));
    }
}
