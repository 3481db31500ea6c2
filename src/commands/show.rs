//! `recall show CARD [--json]`: one card as Anki's card info shows it: its
//! text and source, its SM-2 state, and its whole history, each row with the
//! state it left, computed by replaying the log through the one transition
//! function ([`history::steps`]).

use super::{record_json, scheduler, to_json, Ctx};
use crate::cli::ShowArgs;
use crate::day::Day;
use crate::error::Result;
use crate::history::{self, Event, Step};
use crate::store::CardRecord;
use chrono::{DateTime, FixedOffset};
use serde_json::{json, Value};

pub fn run(args: &ShowArgs, ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open_existing()?;
    let record = store.cards().find(&args.card)?;
    let tags = store.cards().tags(record.card.id)?;
    let log = store.log().card(record.card.id)?;
    let scheduler = store.scheduler();
    let steps = history::steps_with(scheduler, &log);
    let offset = *ctx.now().offset();
    let today = ctx.today();
    let text = if args.json {
        let mut value = show_json(&record, &tags, &steps, offset);
        scheduler::insert_memory_json(&mut value, scheduler, &record.state, today);
        to_json(&value)
    } else {
        let memory = scheduler::memory_text(scheduler, &record.state, today);
        show_text(&record, &tags, &steps, offset, today, memory)
    };
    ctx.print(&text)
}

fn local(at_ms: i64, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    DateTime::from_timestamp_millis(at_ms).map(|t| t.with_timezone(&offset))
}

fn show_json(
    record: &CardRecord,
    tags: &[String],
    steps: &[Step<'_>],
    offset: FixedOffset,
) -> Value {
    let mut value = record_json(record);
    let history: Vec<Value> = steps.iter().map(|s| step_json(s, offset)).collect();
    if let Value::Object(map) = &mut value {
        map.insert("tags".into(), json!(tags));
        map.insert("last_review".into(), json!(record.state.last_review));
        map.insert("history".into(), Value::Array(history));
    }
    value
}

fn step_json(step: &Step<'_>, offset: FixedOffset) -> Value {
    let e = step.entry;
    let (quality, effect) = match &e.event {
        Event::Answer { quality, effect } => (Some(*quality), Some(effect.as_str())),
        _ => (None, None),
    };
    let target = match &e.event {
        Event::Undo { target } => Some(*target),
        _ => None,
    };
    let until = match &e.event {
        Event::Bury { until } => Some(*until),
        _ => None,
    };
    json!({
        "log_id": e.id,
        "at_ms": e.at_ms,
        "time": local(e.at_ms, offset).map(|t| t.to_rfc3339()),
        "day": e.day,
        "event": e.event.name(e.day),
        "quality": quality,
        "effect": effect,
        "undoes": target,
        "until": until,
        "undone": step.undone,
        "elapsed_ms": e.elapsed_ms,
        "typed": e.typed,
        "interval_before": step.before.sm2.interval,
        "interval_after": step.after.sm2.interval,
        "ef_after": step.after.sm2.ef,
        "reps_after": step.after.sm2.reps,
        "due_after": step.after.sm2.due,
    })
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn show_text(
    record: &CardRecord,
    tags: &[String],
    steps: &[Step<'_>],
    offset: FixedOffset,
    today: Day,
    memory: Option<String>,
) -> String {
    let (card, state) = (&record.card, &record.state);
    let mut out = format!(
        "card {} · {} · deck {} · topic {}\nsource {}:{}\n\n",
        card.id, card.kind, card.deck, card.topic, card.source.path, card.source.line
    );
    let mut field = |name: &str, text: &str| {
        let mut lines = text.lines();
        out.push_str(&format!("{name:<9}{}\n", lines.next().unwrap_or("")));
        for line in lines {
            out.push_str(&format!("{:<9}{line}\n", ""));
        }
    };
    field("prompt", &card.prompt);
    if let Some(code) = &card.code {
        field("code", code);
    }
    field("answer", &card.answer);
    if !card.alternatives.is_empty() {
        field("also", &card.alternatives.join(" · "));
    }
    if let Some(note) = &card.note {
        field("note", note);
    }
    field(
        "tags",
        &if tags.is_empty() {
            "—".to_string()
        } else {
            tags.join(" ")
        },
    );
    let sm2 = &state.sm2;
    let due = sm2.due.map_or("new".to_string(), |d| d.to_string());
    let buried = match state.buried_until {
        Some(until) if until > today => until.to_string(),
        _ => "—".to_string(),
    };
    out.push_str(&format!(
        "\nstate    reps {} · ef {} · interval {} d · due {due} · lapses {}\n\
         {:<9}suspended {} · buried until {buried} · leech {} · retired {}\n",
        sm2.reps,
        sm2.ef,
        sm2.interval,
        sm2.lapses,
        "",
        yes_no(state.suspended),
        yes_no(record.leech),
        yes_no(record.retired),
    ));
    if let Some(memory) = memory {
        out.push_str(&format!("{:<9}fsrs: {memory}\n", ""));
    }
    out.push_str(&format!("\nhistory: {} log rows\n", steps.len()));
    if !steps.is_empty() {
        out.push_str(&format!(
            "  {:<6} {:<16}  {:<10}  {:<9}  {:<13}  {:<11}  {}\n",
            "row", "time", "day", "event", "grade", "interval", "ef"
        ));
    }
    for step in steps {
        out.push_str(&step_line(step, offset));
    }
    out
}

fn step_line(step: &Step<'_>, offset: FixedOffset) -> String {
    let e = step.entry;
    let time =
        local(e.at_ms, offset).map_or("?".to_string(), |t| t.format("%Y-%m-%d %H:%M").to_string());
    let grade = match &e.event {
        Event::Answer { quality, effect } => format!("{quality} {}", effect.as_str()),
        Event::Undo { target } => format!("of #{}", target.0),
        Event::Bury { until } if *until > e.day => format!("to {until}"),
        _ => String::new(),
    };
    let interval = format!(
        "{} → {} d",
        step.before.sm2.interval, step.after.sm2.interval
    );
    let undone = if step.undone { "  (undone)" } else { "" };
    format!(
        "  #{:<5} {time:<16}  {:<10}  {:<9}  {grade:<13}  {interval:<11}  {}{undone}\n",
        e.id.0,
        e.day.to_string(),
        e.event.name(e.day),
        step.after.sm2.ef,
    )
}
