//! `recall check`: SQLite's integrity check plus a replay of the whole review
//! log against the stored card state.

use super::Ctx;
use crate::cli::CheckArgs;
use crate::error::{Error, Result};

pub fn run(_args: &CheckArgs, ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open_existing()?;
    let report = store.check()?;
    let mut out = String::new();
    for row in &report.integrity {
        out.push_str(&format!("integrity: {row}\n"));
    }
    for m in &report.mismatches {
        out.push_str(&format!(
            "card {}: stored state {:?} differs from the replay of its log {:?}\n",
            m.card, m.stored, m.replayed
        ));
    }
    let ok = report.integrity.is_empty() && report.mismatches.is_empty();
    out.push_str(&format!(
        "{}: {} cards, {} log rows replayed; {} integrity problems, {} mismatches\n",
        if ok { "ok" } else { "FAILED" },
        report.cards_checked,
        report.log_rows,
        report.integrity.len(),
        report.mismatches.len()
    ));
    ctx.print(&out)?;
    if ok {
        Ok(())
    } else {
        Err(Error::CheckFailed)
    }
}
