//! `recall due`: the reviews due today, for shell prompts and status bars.
//! It runs on every prompt, so it opens the collection read-only and asks
//! one indexed COUNT, nothing else.

use super::{scheduler, Ctx};
use crate::cli::DueArgs;
use crate::error::Result;
use crate::store::Store;

pub fn run(args: &DueArgs, ctx: &mut Ctx) -> Result<()> {
    let store = Store::open_read_only(ctx.db())?;
    let today = ctx.today();
    // Read-only, so no switch of scheduler here: after a change in the
    // config the count comes from a replay until a command writes.
    let scheduler = scheduler::active(ctx.config(), &store)?;
    let due = if scheduler::is_stored(&store, &scheduler)? {
        store.reports().due_count(today)?
    } else {
        store.replayed_due_count(&scheduler, today)?
    };
    if args.count {
        ctx.println(&due.to_string())
    } else {
        let cards = if due == 1 { "review" } else { "reviews" };
        ctx.println(&format!("{due} {cards} due today ({today})"))
    }
}
