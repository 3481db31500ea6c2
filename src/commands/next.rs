//! `recall next`: the card the review would ask now.

use super::today::plan_today;
use super::{record_json, to_json, Ctx};
use crate::cli::NextArgs;
use crate::error::Result;
use crate::session::Slot;
use serde_json::Value;

pub fn run(args: &NextArgs, ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open_existing()?;
    let today = ctx.today();
    let limits = ctx.config().limits;
    let session = plan_today(&store, today, &mut ctx.rng(today), limits, None)?;
    let next = match session.current() {
        Some(item) => store.cards().get(item.card)?.map(|r| (item.slot, r)),
        None => None,
    };
    let text = match (&next, args.json) {
        (None, true) => "null\n".to_string(),
        (None, false) => {
            let ahead = super::review::ahead(&store, ctx, limits, None)?;
            crate::styled::plain_text(&super::review::nothing_due(&ahead))
        }
        (Some((slot, record)), true) => {
            let mut value = record_json(record);
            if let Value::Object(map) = &mut value {
                map.insert("slot".into(), Value::from(slot_name(*slot)));
            }
            to_json(&value)
        }
        (Some((slot, record)), false) => {
            let card = &record.card;
            let mut s = format!(
                "{} · {} · {} · {}\n{}\n",
                card.id,
                card.topic,
                card.kind,
                slot_name(*slot),
                card.prompt
            );
            if let Some(code) = &card.code {
                s.push_str(code);
                s.push('\n');
            }
            s
        }
    };
    ctx.print(&text)
}

pub fn slot_name(slot: Slot) -> &'static str {
    match slot {
        Slot::Review => "review",
        Slot::New => "new",
        Slot::Repeat => "repeat",
        Slot::Drill => "drill",
    }
}
