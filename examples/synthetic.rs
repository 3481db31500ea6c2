//! Writes a synthetic collection for measuring whole-process commands:
//! `cargo run --release --example synthetic -- /tmp/big.sqlite 100000 1000000`

use recall::day::Day;
use recall::store::Store;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .ok_or("usage: synthetic PATH [CARDS] [REVIEWS]")?,
    );
    let cards = args.next().map_or(Ok(100_000), |s| s.parse())?;
    let reviews = args.next().map_or(Ok(1_000_000), |s| s.parse())?;
    let mut store = Store::open(&path)?;
    // 2026-11-25, the day the benchmarks pretend it is.
    store.fill_synthetic(cards, reviews, 2026, Day(20_782))?;
    println!("{cards} cards, {reviews} reviews in {}", path.display());
    Ok(())
}
