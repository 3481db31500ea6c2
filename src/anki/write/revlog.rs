//! The revlog of an export with scheduling: every card's key first (its
//! Anki id), then the log in table order, replayed per card into a
//! [`Slot`] and staged into the sink, which writes it by time. What is kept
//! per card is a fixed 40 bytes (the key it is made from, in place), never
//! its log: a million cards, 40 MB.

use super::{ease_of, next_card_id};
use crate::anki::{self, ease, revlog_type};
use crate::card::{Card, CardId};
use crate::day::Day;
use crate::export::summary::EXAMPLES;
use crate::export::{card_name, ExportError, Summary};
use crate::history::{apply, CardState, Effect, Event, LogEntry};
use crate::sched::{Ef, Sm2State};
use crate::store::{self, AnkiSink, CardKey, ExportRead};

/// An answer's revlog row (id = its time, still to be made unique) from
/// the card's replayed state before and after it; `None` for the other
/// events, which Anki's revlog has no row for.
fn revlog_row(
    card: i64,
    e: &LogEntry,
    before: &CardState,
    after: &CardState,
) -> Option<anki::Revlog> {
    let Event::Answer { quality, effect } = e.event else {
        return None;
    };
    let kind = match effect {
        Effect::Schedule if before.sm2.is_new() => revlog_type::LEARN,
        Effect::Schedule if before.sm2.reps == 0 => revlog_type::RELEARN,
        Effect::Schedule => revlog_type::REVIEW,
        Effect::Repeat | Effect::Drill => revlog_type::FILTERED,
    };
    Some(anki::Revlog {
        id: e.at_ms,
        card,
        ease: ease_of(quality),
        ivl: i64::from(after.sm2.interval),
        last_ivl: i64::from(before.sm2.interval),
        factor: i64::from(after.sm2.ef.0) * anki::FACTOR_PER_EF_HUNDREDTH,
        time_ms: e.elapsed_ms.unwrap_or(0).clamp(0, anki::MAX_ANSWER_MS),
        kind,
    })
}

/// Repetitions are kept up to this: SM-2 and a revlog row tell only 0, 1
/// and more apart.
const REPS_KEPT: u32 = 2;
/// The bit of [`Slot::reps_and_new`] that says the card is still new.
const NEW_BIT: u8 = 1 << 2;

/// What the revlog pass keeps of an exported card. The replayed state is
/// only what a revlog row and the next SM-2 step read of it (interval,
/// ease, repetitions up to [`REPS_KEPT`], new or not): neither reads the
/// lapses or the due day.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot {
    id: CardId,
    /// While the log is read, the card's Anki id (its rows' `cid`); once
    /// the revlog is written, the final id of its latest row (`i64::MIN`:
    /// none), which its `data` names. One field for both: the first is
    /// done with when the second is known.
    anki_id_then_last_row: i64,
    /// Its place in introduction order (0, 1, …), which orders the
    /// summary's examples.
    position: u32,
    pub(super) answers: u32,
    /// Answers graded 0 or 2 (they go out as Again), answers over 60 s,
    /// and whether the first of the latter came before the first of the
    /// former (the order the summary first names them in).
    again: u32,
    long: u32,
    long_first: bool,
    interval: u32,
    ef: u16,
    /// The repetitions (up to [`REPS_KEPT`]) and [`NEW_BIT`].
    reps_and_new: u8,
}

// The keys become the slots in place: a slot must fit in a key.
const _: () = assert!(std::mem::size_of::<Slot>() <= std::mem::size_of::<CardKey>());
const _: () = assert!(std::mem::align_of::<Slot>() == std::mem::align_of::<CardKey>());

impl Slot {
    fn new(id: CardId, anki_id: i64, position: u32) -> Slot {
        let mut slot = Slot {
            id,
            anki_id_then_last_row: anki_id,
            position,
            answers: 0,
            again: 0,
            long: 0,
            long_first: false,
            interval: 0,
            ef: 0,
            reps_and_new: 0,
        };
        slot.keep(&CardState::default());
        slot
    }

    /// The replayed state as far as [`revlog_row`] and [`apply`] read it.
    fn replayed(&self) -> CardState {
        let new = self.reps_and_new & NEW_BIT != 0;
        CardState {
            sm2: Sm2State {
                reps: u32::from(self.reps_and_new & !NEW_BIT),
                ef: Ef(self.ef),
                interval: self.interval,
                // Only whether there is one is read.
                due: (!new).then_some(Day(0)),
                lapses: 0,
            },
            ..CardState::default()
        }
    }

    fn keep(&mut self, state: &CardState) {
        let sm2 = &state.sm2;
        self.interval = sm2.interval;
        self.ef = sm2.ef.0;
        let reps = u8::try_from(sm2.reps.min(REPS_KEPT)).unwrap_or(0);
        self.reps_and_new = reps | if sm2.is_new() { NEW_BIT } else { 0 };
    }

    /// The final id of its latest revlog row (`i64::MIN`: none).
    pub(super) fn last_row(&self) -> i64 {
        self.anki_id_then_last_row
    }
}

/// The first answers (by card position, then log row) that the summary
/// names as examples of a change: a grade, or seconds spent.
#[derive(Debug, Default)]
struct Examples {
    again: Vec<(u32, i64, u8)>,
    long: Vec<(u32, i64, i64)>,
}

fn keep_first<T: Copy>(list: &mut Vec<(u32, i64, T)>, item: (u32, i64, T)) {
    if list.len() == EXAMPLES && list.last().is_some_and(|l| (l.0, l.1) < (item.0, item.1)) {
        return;
    }
    list.push(item);
    list.sort_by_key(|l| (l.0, l.1));
    list.truncate(EXAMPLES);
}

/// The `k`th (from 0) example of the card at `position`.
fn nth_example<T: Copy + Default>(list: &[(u32, i64, T)], position: u32, k: usize) -> T {
    list.iter()
        .filter(|l| l.0 == position)
        .nth(k)
        .map_or_else(T::default, |l| l.2)
}

const AGAIN_CHANGE: &str = "answers graded 0 or 2 go out as Again, which comes back as grade 1";
const LONG_CHANGE: &str = "answers over 60 s go out as 60 s, Anki's limit";

/// The grade Anki's Again is read back as (`read::quality_of`).
const AGAIN_COMES_BACK_AS: u8 = 1;

/// The keys, in introduction order, as slots sorted by card id. The slots
/// take the keys' memory (`into_iter().map().collect()` reuses the
/// allocation when the sizes allow, asserted above), so the two never
/// live at once.
fn slots(keys: Vec<CardKey>) -> Vec<Slot> {
    let mut last_id = i64::MIN;
    let mut slots: Vec<Slot> = keys
        .into_iter()
        .enumerate()
        .map(|(position, key)| {
            let id = next_card_id(key.added_ms, &mut last_id);
            let position = u32::try_from(position).unwrap_or(u32::MAX);
            Slot::new(key.id, key.carried_anki_id.unwrap_or(id), position)
        })
        .collect();
    slots.sort_unstable_by_key(|s| s.id);
    slots
}

/// The Anki file's page cache and the slots share this much memory, so
/// that 100k cards' 4 MB of slots leave the file the 16 MB it has with no
/// slots, and the cache keeps at least [`MIN_CACHE_BYTES`]: a million
/// cards' 40 MB of slots would otherwise take the export past 64 MB, and a
/// smaller cache costs system time (4 MB: +0.55 s of system time on 100k
/// Anki-shaped cards).
const CACHE_AND_SLOTS_BYTES: usize = 20 << 20;
const MIN_CACHE_BYTES: usize = 8 << 20;

/// Cards per bucket of [`IdIndex`], on average.
const CARDS_PER_BUCKET: usize = 4;

/// Where the slots of each range of card ids start (the ids' top bits):
/// card ids are hashes, spread evenly, so a lookup searches the few slots
/// of one bucket instead of the whole array (a binary search of 100k slots
/// is 17 probes a log row, most of them cache misses). One byte a card.
struct IdIndex {
    shift: u32,
    /// The first slot of bucket `b`, and one past the last bucket's.
    starts: Vec<u32>,
}

impl IdIndex {
    fn new(slots: &[Slot]) -> IdIndex {
        let max = slots.last().map_or(0, |s| s.id.0);
        let id_bits = u64::BITS - max.leading_zeros();
        let buckets = (slots.len() / CARDS_PER_BUCKET).max(1);
        let bucket_bits = usize::BITS - buckets.leading_zeros() - 1;
        let shift = id_bits.saturating_sub(bucket_bits);
        let count = usize::try_from((max >> shift) + 2).unwrap_or(usize::MAX);
        let mut starts = Vec::with_capacity(count);
        let mut at = 0;
        for bucket in 0..count {
            while slots
                .get(at)
                .is_some_and(|s| usize::try_from(s.id.0 >> shift).unwrap_or(usize::MAX) < bucket)
            {
                at += 1;
            }
            starts.push(u32::try_from(at).unwrap_or(u32::MAX));
        }
        IdIndex { shift, starts }
    }

    /// The index of `id`'s slot, if it has one.
    fn find(&self, slots: &[Slot], id: CardId) -> Option<usize> {
        let bucket = usize::try_from(id.0 >> self.shift).ok()?;
        let start = *self.starts.get(bucket)? as usize;
        let end = *self.starts.get(bucket + 1)? as usize;
        let index = slots
            .get(start..end)?
            .binary_search_by_key(&id, |s| s.id)
            .ok()?;
        Some(start + index)
    }
}

/// The revlog, written, and what each card needs of it.
pub(super) struct RevlogPass {
    /// By card id.
    slots: Vec<Slot>,
    index: IdIndex,
    examples: Examples,
}

impl RevlogPass {
    pub(super) fn run(
        read: &ExportRead<'_>,
        sink: &mut AnkiSink<'_>,
    ) -> Result<RevlogPass, ExportError> {
        let mut slots = slots(read.card_keys()?);
        let ids = IdIndex::new(&slots);
        let slot_bytes = slots.len() * std::mem::size_of::<Slot>();
        sink.set_cache_bytes(
            CACHE_AND_SLOTS_BYTES
                .saturating_sub(slot_bytes)
                .max(MIN_CACHE_BYTES),
        )?;
        let undone = read.undone()?;
        let mut examples = Examples::default();
        read.each_log_entry(|e| -> Result<(), ExportError> {
            let Some(index) = ids.find(&slots, e.card) else {
                return Ok(());
            };
            let Some(slot) = slots.get_mut(index) else {
                return Ok(());
            };
            if undone.contains(&e.id) {
                return Ok(());
            }
            let before = slot.replayed();
            let next = apply(&before, &e.event, e.day);
            if let Some(row) = revlog_row(slot.anki_id_then_last_row, &e, &before, &next) {
                let position = slot.position;
                if let Event::Answer { quality, .. } = e.event {
                    if ease_of(quality) == ease::AGAIN && quality.value() != AGAIN_COMES_BACK_AS {
                        slot.again += 1;
                        keep_first(&mut examples.again, (position, e.id.0, quality.value()));
                    }
                }
                let elapsed = e.elapsed_ms.unwrap_or(0);
                if elapsed > anki::MAX_ANSWER_MS {
                    slot.long_first |= slot.again == 0 && slot.long == 0;
                    slot.long += 1;
                    keep_first(&mut examples.long, (position, e.id.0, elapsed / 1000));
                }
                slot.answers += 1;
                sink.stage_revlog(store::StagedRow {
                    row,
                    seq: e.id.0,
                    slot: u32::try_from(index).unwrap_or(u32::MAX),
                })?;
            }
            slot.keep(&next);
            Ok(())
        })?;
        // The Anki ids are staged: the field now takes the last rows.
        for slot in &mut slots {
            slot.anki_id_then_last_row = i64::MIN;
        }
        sink.revlog(|index, id| {
            if let Some(slot) = slots.get_mut(index as usize) {
                slot.anki_id_then_last_row = slot.anki_id_then_last_row.max(id);
            }
        })?;
        Ok(RevlogPass {
            slots,
            index: ids,
            examples,
        })
    }

    pub(super) fn slot(&self, card: CardId) -> Option<&Slot> {
        self.slots.get(self.index.find(&self.slots, card)?)
    }

    /// What the card's revlog rows changed, into `summary`, as the rows
    /// named it (the first kind first).
    pub(super) fn changes(&self, named: &Card, summary: &mut Summary) {
        let Some(slot) = self.slot(named.id) else {
            return;
        };
        let position = slot.position;
        let again = |summary: &mut Summary| {
            for k in 0..slot.again as usize {
                summary.changed(AGAIN_CHANGE, || {
                    let grade = nth_example(&self.examples.again, position, k);
                    format!("{}: grade {grade}", card_name(named))
                });
            }
        };
        let long = |summary: &mut Summary| {
            for k in 0..slot.long as usize {
                summary.changed(LONG_CHANGE, || {
                    let secs = nth_example(&self.examples.long, position, k);
                    format!("{}: {secs} s", card_name(named))
                });
            }
        };
        if slot.long_first {
            long(summary);
            again(summary);
        } else {
            again(summary);
            long(summary);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::LogId;
    use crate::sched::Quality;

    fn entry(seq: i64, event: Event) -> LogEntry {
        LogEntry {
            id: LogId(seq),
            card: CardId(1),
            at_ms: seq * 86_400_000,
            day: Day(i32::try_from(seq).unwrap()),
            event,
            elapsed_ms: Some(5_000),
            typed: None,
        }
    }

    fn answer(q: u8, effect: Effect) -> Event {
        Event::Answer {
            quality: Quality::new(q).unwrap(),
            effect,
        }
    }

    #[test]
    fn the_id_index_finds_every_card_and_no_other() {
        // Spread 48-bit ids, a cluster of neighbours and small ones.
        let mut ids: Vec<u64> = (1..=500u64).map(|i| i * 562_949_953_421).collect();
        ids.extend(1_000_000..1_000_040);
        ids.extend([0, 1, 2, (1 << 48) - 1]);
        for n in [0, 1, 3, ids.len()] {
            let mut slots: Vec<Slot> = ids[..n]
                .iter()
                .map(|&id| Slot::new(CardId(id), 0, 0))
                .collect();
            slots.sort_unstable_by_key(|s| s.id);
            let index = IdIndex::new(&slots);
            for (at, slot) in slots.iter().enumerate() {
                assert_eq!(index.find(&slots, slot.id), Some(at), "{n} cards");
            }
            for absent in [3, 999_999, 1_000_040, 562_949_953_420, 1 << 48, u64::MAX] {
                let here = slots.iter().any(|s| s.id.0 == absent);
                assert_eq!(index.find(&slots, CardId(absent)).is_some(), here);
            }
        }
    }

    #[test]
    fn the_kept_fields_replay_to_the_rows_the_whole_state_gives() {
        // Every kind of event, an imported new card with repetitions, long
        // runs of passes (reps past the kept 2) and lapses between them.
        let imported = Sm2State {
            reps: 5,
            ef: Ef(190),
            interval: 40,
            due: None,
            lapses: 3,
        };
        let mut events = vec![
            answer(4, Effect::Schedule),
            answer(5, Effect::Repeat),
            Event::Suspend,
            Event::Import {
                state: imported,
                memory: None,
            },
            answer(3, Effect::Schedule),
            Event::Unsuspend,
            Event::Bury { until: Day(30) },
            answer(1, Effect::Drill),
            Event::Import {
                state: Sm2State {
                    due: Some(Day(9)),
                    reps: 0,
                    ..imported
                },
                memory: None,
            },
        ];
        for q in [5, 4, 5, 5, 3, 0, 4, 4, 2, 5, 5, 5, 5, 1, 3, 4] {
            events.push(answer(q, Effect::Schedule));
        }
        let mut whole = CardState::default();
        let mut slot = Slot::new(CardId(1), 77, 0);
        let mut rows = 0;
        for (event, seq) in events.into_iter().zip(1..) {
            let e = entry(seq, event);
            let next_whole = apply(&whole, &e.event, e.day);
            let before = slot.replayed();
            let next_slot = apply(&before, &e.event, e.day);
            let want = revlog_row(77, &e, &whole, &next_whole);
            assert_eq!(revlog_row(77, &e, &before, &next_slot), want, "row {seq}");
            rows += usize::from(want.is_some());
            whole = next_whole;
            slot.keep(&next_slot);
        }
        assert_eq!(rows, 20);
        assert!(std::mem::size_of::<Slot>() <= 40);
    }
}
