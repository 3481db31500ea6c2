//! Ease and interval distributions of the scheduled cards, in buckets.

use super::ValueCount;
use serde::Serialize;

/// Cards whose value lies in `from..=to` (`to` is `None` for the open top bucket).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    pub label: String,
    pub from: u32,
    pub to: Option<u32>,
    pub cards: u64,
}

/// Lower bounds of the ease buckets, in hundredths: 1.30 is SM-2's floor and
/// 2.50 where every card starts.
const EF_BOUNDS: [u32; 8] = [130, 150, 170, 190, 210, 230, 250, 270];

/// Lower bounds of the interval buckets, in days: a day, under a week, under
/// the 21 days from which a card is mature, two and six months, a year.
const INTERVAL_BOUNDS: [u32; 7] = [1, 2, 7, 21, 60, 180, 365];

fn hundredths(value: u32) -> String {
    format!("{}.{:02}", value / 100, value % 100)
}

/// Counts `values` into buckets starting at `bounds`; values below the first
/// bound go into the first bucket.
fn buckets(
    values: &[ValueCount],
    bounds: &[u32],
    label: impl Fn(u32, Option<u32>) -> String,
) -> Vec<Bucket> {
    let mut out: Vec<Bucket> = bounds
        .iter()
        .enumerate()
        .map(|(i, &from)| {
            let to = bounds.get(i + 1).map(|next| next - 1);
            Bucket {
                label: label(from, to),
                from,
                to,
                cards: 0,
            }
        })
        .collect();
    for v in values {
        let i = bounds.iter().rposition(|&b| b <= v.value).unwrap_or(0);
        if let Some(bucket) = out.get_mut(i) {
            bucket.cards += v.cards;
        }
    }
    out
}

/// Scheduled cards by ease factor (`value` in hundredths).
pub fn ef_buckets(values: &[ValueCount]) -> Vec<Bucket> {
    buckets(values, &EF_BOUNDS, |from, to| match to {
        Some(to) => format!("{}–{}", hundredths(from), hundredths(to)),
        None => format!("{}+", hundredths(from)),
    })
}

/// Scheduled cards by interval (`value` in days).
pub fn interval_buckets(values: &[ValueCount]) -> Vec<Bucket> {
    buckets(values, &INTERVAL_BOUNDS, |from, to| match to {
        Some(to) if to == from => format!("{from} d"),
        Some(to) => format!("{from}–{to} d"),
        None => format!("{from}+ d"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vc(value: u32, cards: u64) -> ValueCount {
        ValueCount { value, cards }
    }

    #[test]
    fn ef_values_land_in_their_bucket() {
        let b = ef_buckets(&[vc(130, 1), vc(149, 2), vc(150, 4), vc(250, 8), vc(310, 16)]);
        let labels: Vec<&str> = b.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "1.30–1.49",
                "1.50–1.69",
                "1.70–1.89",
                "1.90–2.09",
                "2.10–2.29",
                "2.30–2.49",
                "2.50–2.69",
                "2.70+"
            ]
        );
        let cards: Vec<u64> = b.iter().map(|b| b.cards).collect();
        assert_eq!(cards, [3, 4, 0, 0, 0, 0, 8, 16]);
    }

    #[test]
    fn interval_values_land_in_their_bucket() {
        let b = interval_buckets(&[
            vc(0, 1),
            vc(1, 1),
            vc(6, 2),
            vc(20, 4),
            vc(21, 8),
            vc(400, 16),
        ]);
        let labels: Vec<&str> = b.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "1 d",
                "2–6 d",
                "7–20 d",
                "21–59 d",
                "60–179 d",
                "180–364 d",
                "365+ d"
            ]
        );
        let cards: Vec<u64> = b.iter().map(|b| b.cards).collect();
        assert_eq!(cards, [2, 2, 4, 8, 0, 0, 16]);
    }
}
