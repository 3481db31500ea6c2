//! `recall answer CARD Q`: one answer, recorded exactly as the review loop does.

use super::{to_json, Ctx};
use crate::cli::AnswerArgs;
use crate::error::Result;
use crate::history::Event;
use crate::store::{AnswerMode, NewAnswer};
use serde_json::json;

pub fn run(args: &AnswerArgs, ctx: &mut Ctx) -> Result<()> {
    let quality = args.grade;
    let mut store = ctx.open_existing()?;
    let card = store.cards().find(&args.card)?.card.id;
    let today = ctx.today();
    let answered = store.record_answer(
        &NewAnswer {
            card,
            quality,
            mode: AnswerMode::Review,
            at_ms: ctx.now_ms(),
            day: today,
            elapsed_ms: None,
            typed: None,
        },
        &ctx.config().leech,
    )?;
    let (entry, state) = (answered.entry, answered.state);
    let leech = answered.leech.is_some();
    let effect = match entry.event {
        Event::Answer { effect, .. } => effect.as_str(),
        _ => "none",
    };
    let text = if args.json {
        to_json(&json!({
            "id": card,
            "quality": quality,
            "effect": effect,
            "log_id": entry.id,
            "reps": state.sm2.reps,
            "ef": state.sm2.ef,
            "interval": state.sm2.interval,
            "due": state.sm2.due,
            "lapses": state.sm2.lapses,
            "leech": leech,
            "suspended": state.suspended,
        }))
    } else {
        let due = state.sm2.due.map_or("—".to_string(), |d| d.to_string());
        format!(
            "{card}: {quality} ({}) · {effect} · reps {} · ef {} · interval {} d · due {due}\n",
            quality.meaning(),
            state.sm2.reps,
            state.sm2.ef,
            state.sm2.interval
        ) + &match (leech, state.suspended) {
            (false, _) => String::new(),
            (true, true) => format!("leech ({} lapses): suspended\n", state.sm2.lapses),
            (true, false) => format!("leech ({} lapses): tagged\n", state.sm2.lapses),
        }
    };
    ctx.print(&text)
}
