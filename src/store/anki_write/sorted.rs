//! The revlog rows of an export sorted by (time, Anki card, log row), in
//! bounded memory: rows come card by card, Anki keys its revlog by time.
//! A chunk of [`CHUNK_ROWS`] rows is sorted in memory and, when full,
//! written to an unnamed temp file as a sorted run; the runs and the last
//! chunk are then merged (a heap of one row per run). Sorting in Rust on
//! fixed-size records replaces SQLite's staging table and sorter, which
//! parsed and built records three times over.

use crate::anki::Revlog;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};
use std::path::PathBuf;

/// Rows sorted in memory at a time: 64k rows of [`RECORD_BYTES`] (about
/// 4.5 MB, whatever the log's size); a million-row log makes 16 runs.
const CHUNK_ROWS: usize = 1 << 16;
/// Eight i64 fields, the ease and the slot.
const RECORD_BYTES: usize = 8 * 8 + 1 + 4;
/// The buffer of each run while merging: small, as a log of 10M rows
/// makes 153 runs (8 KB each, 1.2 MB in all).
const RUN_BUFFER: usize = 1 << 13;

/// A revlog row waiting for its place: its id is still its answer time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagedRow {
    pub row: Revlog,
    /// The log row it came from: a card's answers of one millisecond stay
    /// in log order.
    pub seq: i64,
    /// The caller's index of its card, handed back with the row's final id.
    pub slot: u32,
}

impl StagedRow {
    fn key(&self) -> (i64, i64, i64) {
        (self.row.id, self.row.card, self.seq)
    }

    fn encode(&self, out: &mut [u8; RECORD_BYTES]) {
        let r = &self.row;
        let fields = [
            r.id, r.card, r.ivl, r.last_ivl, r.factor, r.time_ms, r.kind, self.seq,
        ];
        for (i, v) in fields.iter().enumerate() {
            out[i * 8..i * 8 + 8].copy_from_slice(&v.to_le_bytes());
        }
        out[64] = r.ease;
        out[65..69].copy_from_slice(&self.slot.to_le_bytes());
    }

    fn decode(b: &[u8; RECORD_BYTES]) -> StagedRow {
        let field = |i: usize| {
            let mut v = [0u8; 8];
            v.copy_from_slice(&b[i * 8..i * 8 + 8]);
            i64::from_le_bytes(v)
        };
        let mut slot = [0u8; 4];
        slot.copy_from_slice(&b[65..69]);
        StagedRow {
            row: Revlog {
                id: field(0),
                card: field(1),
                ease: b[64],
                ivl: field(2),
                last_ivl: field(3),
                factor: field(4),
                time_ms: field(5),
                kind: field(6),
            },
            seq: field(7),
            slot: u32::from_le_bytes(slot),
        }
    }
}

/// The sorter: push rows in any order, then [`Sorter::merge`] them.
pub struct Sorter {
    dir: PathBuf,
    chunk: Vec<StagedRow>,
    runs: Vec<File>,
}

impl Sorter {
    /// Runs go into unnamed temp files in `dir` (gone when closed).
    pub fn new(dir: PathBuf) -> Sorter {
        Sorter {
            dir,
            chunk: Vec::new(),
            runs: Vec::new(),
        }
    }

    pub fn push(&mut self, row: StagedRow) -> io::Result<()> {
        self.chunk.push(row);
        if self.chunk.len() == CHUNK_ROWS {
            self.spill()?;
        }
        Ok(())
    }

    fn spill(&mut self) -> io::Result<()> {
        self.chunk.sort_unstable_by_key(StagedRow::key);
        let mut file = tempfile::tempfile_in(&self.dir)?;
        {
            let mut out = BufWriter::with_capacity(RUN_BUFFER, &mut file);
            let mut record = [0u8; RECORD_BYTES];
            for row in &self.chunk {
                row.encode(&mut record);
                out.write_all(&record)?;
            }
            out.flush()?;
        }
        file.rewind()?;
        self.runs.push(file);
        self.chunk.clear();
        Ok(())
    }

    /// Calls `f` with every row pushed, in (time, card, log row) order.
    pub fn merge<E: From<io::Error>>(
        mut self,
        mut f: impl FnMut(StagedRow) -> Result<(), E>,
    ) -> Result<(), E> {
        // Beside runs, the last chunk goes out as one too: its memory
        // (a full chunk's) is then free for the merge and what follows.
        if !self.runs.is_empty() {
            if !self.chunk.is_empty() {
                self.spill()?;
            }
            self.chunk = Vec::new();
        }
        self.chunk.sort_unstable_by_key(StagedRow::key);
        let mut chunk = std::mem::take(&mut self.chunk).into_iter();
        let mut runs: Vec<BufReader<File>> = std::mem::take(&mut self.runs)
            .into_iter()
            .map(|f| BufReader::with_capacity(RUN_BUFFER, f))
            .collect();
        let sources = runs.len() + 1;
        // Source i < runs.len() is a run; the one after them, the chunk.
        let mut next = |source: usize| -> io::Result<Option<StagedRow>> {
            match runs.get_mut(source) {
                Some(run) => read_record(run),
                None => Ok(chunk.next()),
            }
        };
        let mut heap = BinaryHeap::with_capacity(sources);
        for source in 0..sources {
            if let Some(row) = next(source)? {
                heap.push(Reverse((row.key(), source, Head(row))));
            }
        }
        while let Some(Reverse((_, source, Head(row)))) = heap.pop() {
            f(row)?;
            if let Some(row) = next(source)? {
                heap.push(Reverse((row.key(), source, Head(row))));
            }
        }
        Ok(())
    }
}

/// A row in the heap, ordered by the key beside it only.
#[derive(Debug, PartialEq, Eq)]
struct Head(StagedRow);

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Head {
    fn cmp(&self, _: &Self) -> std::cmp::Ordering {
        std::cmp::Ordering::Equal
    }
}

fn read_record(run: &mut impl Read) -> io::Result<Option<StagedRow>> {
    let mut record = [0u8; RECORD_BYTES];
    match run.read_exact(&mut record) {
        Ok(()) => Ok(Some(StagedRow::decode(&record))),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staged(at: i64, card: i64, seq: i64) -> StagedRow {
        StagedRow {
            row: Revlog {
                id: at,
                card,
                ease: 3,
                ivl: -seq,
                last_ivl: 7,
                factor: 2500,
                time_ms: 60_000,
                kind: 1,
            },
            seq,
            slot: u32::try_from(seq).unwrap(),
        }
    }

    #[test]
    fn runs_and_the_last_chunk_merge_in_time_card_and_log_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut sorter = Sorter::new(dir.path().to_path_buf());
        // Three full runs and part of a chunk, in reverse time order, with
        // answers of one millisecond on several cards.
        let total = 3 * CHUNK_ROWS + 10;
        let rows: Vec<StagedRow> = (0..total as i64)
            .map(|i| staged((total as i64 - i) / 7, i % 3, i))
            .collect();
        for r in &rows {
            sorter.push(r.clone()).unwrap();
        }
        assert_eq!(sorter.runs.len(), 3);
        let mut out = Vec::new();
        sorter
            .merge(|r| -> io::Result<()> {
                out.push(r);
                Ok(())
            })
            .unwrap();
        let mut want = rows;
        want.sort_by_key(StagedRow::key);
        assert_eq!(out, want);
    }
}
