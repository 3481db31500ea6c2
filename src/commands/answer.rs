//! `recall answer CARD Q`: one answer, recorded exactly as the review loop does.

use super::{to_json, Ctx};
use crate::cli::AnswerArgs;
use crate::error::{Error, Result};
use crate::history::Event;
use crate::sched::Quality;
use crate::store::AnswerMode;
use serde_json::json;

pub fn run(args: &AnswerArgs, ctx: &mut Ctx) -> Result<()> {
    let quality = args
        .grade
        .trim()
        .parse::<u8>()
        .ok()
        .and_then(Quality::new)
        .ok_or_else(|| Error::BadGrade(args.grade.clone()))?;
    let mut store = ctx.open_existing()?;
    let card = store.find_card(&args.card)?.card.id;
    let today = ctx.today();
    let (entry, state) = store.record_answer(
        card,
        quality,
        AnswerMode::Review,
        ctx.now_ms(),
        today,
        None,
        None,
    )?;
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
        }))
    } else {
        let due = state.sm2.due.map_or("—".to_string(), |d| d.to_string());
        format!(
            "{card}: {quality} ({}) · {effect} · reps {} · ef {} · interval {} d · due {due}\n",
            quality.meaning(),
            state.sm2.reps,
            state.sm2.ef,
            state.sm2.interval
        )
    };
    ctx.print(&text)
}
