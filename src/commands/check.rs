//! `recall check`: SQLite's integrity check plus a replay of the whole review
//! log against the stored card state; `--repair` rebuilds the states that
//! disagree, after a backup.

use super::Ctx;
use crate::cli::CheckArgs;
use crate::error::{Error, Result};
use crate::history::Scheduler;
use crate::store::{describe_scheduler, scheduler_fingerprint, CheckReport, RepairReport};

pub fn run(args: &CheckArgs, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_existing()?;
    if args.repair {
        let repaired = store.repair()?;
        ctx.print(&render_repair(&repaired))?;
    }
    let report = store.check()?;
    // Under SM-2 the line is as it always was; under FSRS it names the replay.
    let under = match store.scheduler() {
        Scheduler::Sm2 => String::new(),
        fsrs => format!(
            " under {}",
            describe_scheduler(&scheduler_fingerprint(fsrs))
        ),
    };
    ctx.print(&render(&report, &under))?;
    if report.is_ok() {
        Ok(())
    } else {
        Err(Error::CheckFailed)
    }
}

fn render_repair(r: &RepairReport) -> String {
    let mut out = String::new();
    if let Some(backup) = &r.backup {
        out.push_str(&format!("backup: {}\n", backup.display()));
    }
    for m in &r.rewritten {
        out.push_str(&format!(
            "repaired card {}: {:?} → {:?}\n",
            m.card, m.stored, m.replayed
        ));
    }
    for card in &r.restored {
        out.push_str(&format!(
            "repaired card {card}: state rebuilt from its log\n"
        ));
    }
    if r.rewritten.is_empty() && r.restored.is_empty() {
        out.push_str("nothing to repair: every card's state is the replay of its log\n");
    }
    out
}

fn render(report: &CheckReport, under: &str) -> String {
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
    out.push_str(&format!(
        "{}: {} cards, {} log rows replayed{under}; {} integrity problems, {} mismatches\n",
        if report.is_ok() { "ok" } else { "FAILED" },
        report.cards_checked,
        report.log_rows,
        report.integrity.len(),
        report.mismatches.len()
    ));
    out
}
