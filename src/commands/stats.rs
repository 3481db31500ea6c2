//! `recall stats`: where the learner stands — today, the forecast,
//! retention, streak, heatmap, distributions, leeches and roadmap progress;
//! `--phase` for the topics of one section; `--json` for all of it
//! (docs/stats-json.md).

use super::today::plan_today;
use super::{to_json, Ctx};
use crate::cli::StatsArgs;
use crate::day::Day;
use crate::error::{Error, Result};
use crate::stats::{self, progress, render, PhaseReport, Report};
use crate::store::Store;
use crate::ui::Line;
use std::io::ErrorKind;

pub fn run(args: &StatsArgs, ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open_existing()?;
    match &args.phase {
        Some(phase) => {
            let report = phase_report(&store, phase)?;
            if args.json {
                return ctx.print(&to_json(&serde_json::to_value(&report).unwrap_or_default()));
            }
            show(ctx, |width| render::phase(&report, width))
        }
        None => {
            let today = ctx.today();
            let query = crate::stats::query(today, ctx.config().leech.threshold);
            let mut input = store.reports().stats_input(&query)?;
            let limits = ctx.config().limits;
            let session = plan_today(&store, today, &mut ctx.rng(today), limits, None)?;
            input.new_today = u64::try_from(session.remaining().new).unwrap_or(u64::MAX);
            let report = Report::build(input);
            let fsrs = fsrs_stats(&store, today)?;
            if args.json {
                let mut value = serde_json::to_value(&report).unwrap_or_default();
                if let (Some(f), Some(map)) = (&fsrs, value.as_object_mut()) {
                    map.insert("fsrs".into(), serde_json::to_value(f).unwrap_or_default());
                }
                return ctx.print(&to_json(&value));
            }
            show(ctx, |width| {
                let mut lines = render::overview(&report, width);
                lines.extend(fsrs.iter().flat_map(|f| stats::fsrs::lines(f, width)));
                lines
            })
        }
    }
}

/// FSRS's section, when the stored states are FSRS's.
fn fsrs_stats(store: &Store, today: Day) -> Result<Option<stats::fsrs::FsrsStats>> {
    let Some(fsrs) = store.active_fsrs()? else {
        return Ok(None);
    };
    let cards = store.fsrs_memories()?;
    Ok(Some(stats::fsrs::stats(&fsrs, &cards, today)))
}

fn phase_report(store: &Store, phase: &str) -> Result<PhaseReport> {
    let id = progress::section_for(phase);
    let sections = store.reports().section_progress()?;
    let Some(section) = sections.iter().find(|s| s.id == id).cloned() else {
        let known: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
        return Err(Error::Usage(format!(
            "--phase {phase:?}: the roadmap has no section {id:?}; it has {}",
            if known.is_empty() {
                "none (run `recall compile`)".to_string()
            } else {
                known.join(", ")
            }
        )));
    };
    let milestones = progress::milestones(&store.cards().milestones()?, &sections)
        .into_iter()
        .filter(|m| m.milestone.section == id)
        .collect();
    let topics = progress::topics(
        &store.cards().topics()?,
        &id,
        &store.reports().topic_stages(&id)?,
    );
    Ok(PhaseReport {
        section,
        milestones,
        topics,
    })
}

/// Through the prompter, which colours on a terminal and writes plain text
/// elsewhere, laid out for the terminal's width (80 columns on a pipe); a
/// closed pipe (`recall stats | head`) is not an error.
fn show(ctx: &mut Ctx, lay_out: impl FnOnce(usize) -> Vec<Line>) -> Result<()> {
    let mut out = (ctx.prompter)(false);
    let lines = lay_out(render::fit(out.width()));
    match out.show(&lines) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Error::Terminal),
    }
}
