//! `recall cards`: cards with their SM-2 state.

use super::{record_json, to_json, Ctx};
use crate::cli::CardsArgs;
use crate::error::Result;
use crate::store::{tag_matches, CardFilter};
use serde_json::Value;

pub fn run(args: &CardsArgs, ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open_existing()?;
    let filter = CardFilter {
        deck: args.deck.clone(),
        due_on: args.due.then(|| ctx.today()),
        include_retired: args.all,
    };
    let tags = store.card_tags()?;
    let no_tags = Vec::new();
    let tags_of = |r: &crate::store::CardRecord| tags.get(&r.card.id).unwrap_or(&no_tags);
    let mut records = store.cards().list(&filter)?;
    if let Some(pattern) = &args.tag {
        records.retain(|r| tags_of(r).iter().any(|t| tag_matches(t, pattern)));
    }
    if args.json {
        let list: Vec<Value> = records
            .iter()
            .map(|r| {
                let mut v = record_json(r);
                if let Value::Object(map) = &mut v {
                    map.insert("tags".into(), Value::from(tags_of(r).clone()));
                }
                v
            })
            .collect();
        return ctx.print(&to_json(&Value::Array(list)));
    }
    let mut out = String::new();
    for r in &records {
        let due = r.state.sm2.due.map_or("new".to_string(), |d| d.to_string());
        let flag = match (r.retired, r.state.suspended, r.leech) {
            (true, _, _) => " retired",
            (false, true, true) => " suspended leech",
            (false, true, false) => " suspended",
            (false, false, true) => " leech",
            (false, false, false) => "",
        };
        let prompt: String = r
            .card
            .prompt
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(60)
            .collect();
        let shown: String = tags_of(r)
            .iter()
            .filter(|t| t.as_str() != crate::store::LEECH_TAG)
            .map(|t| format!("  #{t}"))
            .collect();
        out.push_str(&format!(
            "{}  {:<12} {:<5} {:>10}  ef {} · {:>3} d{flag}  {prompt}{shown}\n",
            r.card.id, r.card.topic, r.card.kind, due, r.state.sm2.ef, r.state.sm2.interval
        ));
    }
    out.push_str(&format!("{} cards\n", records.len()));
    ctx.print(&out)
}
