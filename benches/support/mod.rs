//! A synthetic collection of 100k cards and 1M reviews, made once and kept
//! under target/ so every benchmark reads the same data.

use recall::day::Day;
use recall::store::Store;
use std::path::PathBuf;

pub const CARDS: u32 = 100_000;
pub const REVIEWS: u32 = 1_000_000;
pub const SEED: u64 = 2026;
/// 2026-11-25, the day the benchmarks pretend it is.
pub const TODAY: Day = Day(20_782);

pub fn synthetic_collection() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let path = dir.join(format!("synthetic-{CARDS}-{REVIEWS}.sqlite"));
    if !path.exists() {
        std::fs::create_dir_all(&dir).expect("bench data dir");
        let partial = dir.join("partial.sqlite");
        let _ = std::fs::remove_file(&partial);
        let mut store = Store::open(&partial).expect("create collection");
        store
            .fill_synthetic(CARDS, REVIEWS, SEED, TODAY)
            .expect("fill");
        drop(store);
        std::fs::rename(&partial, &path).expect("rename");
    }
    path
}
