//! `recall stats`: where the learner stands today.

use super::{to_json, Ctx};
use crate::cli::StatsArgs;
use crate::error::Result;
use serde_json::json;

pub fn run(args: &StatsArgs, ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open_existing()?;
    let today = ctx.today();
    let c = store.counts(today)?;
    let text = if args.json {
        to_json(&json!({
            "today": today,
            "due_today": c.due_today,
            "reviewed_today": c.reviewed_today,
            "total": c.total,
            "new": c.new,
            "learning": c.learning,
            "mature": c.mature,
            "suspended": c.suspended,
            "retired": c.retired,
        }))
    } else {
        format!(
            "{today}\n  due today      {}\n  reviewed today {}\n  cards          {} (new {} · learning {} · mature {} · suspended {})\n  retired        {}\n",
            c.due_today, c.reviewed_today, c.total, c.new, c.learning, c.mature, c.suspended, c.retired
        )
    };
    ctx.print(&text)
}
