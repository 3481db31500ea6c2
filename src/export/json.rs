//! JSON: the decks and cards, and with `--with-scheduling` each card's SM-2
//! state and its full review log. The schema is in docs/export.md.

use super::{deck_names, ExportError, Exporter, Options};
use crate::history::LogEntry;
use crate::progress::Progress;
use crate::store::Snapshot;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Write;

pub struct Json;

/// Raised when the layout of the document changes.
pub const FORMAT_VERSION: u32 = 1;

impl Exporter for Json {
    fn export(
        &self,
        snapshot: &Snapshot,
        options: &Options,
        out: &mut dyn Write,
        _progress: &mut dyn Progress,
    ) -> Result<(), ExportError> {
        let mut logs: HashMap<_, Vec<&LogEntry>> = HashMap::new();
        for e in &snapshot.log {
            logs.entry(e.card).or_default().push(e);
        }
        let decks: Vec<Value> = deck_names(snapshot)
            .into_iter()
            .map(|(id, name)| json!({"id": id, "name": name}))
            .collect();
        let cards: Vec<Value> = snapshot
            .cards
            .iter()
            .map(|c| {
                let card = &c.record.card;
                let mut v = json!({
                    "id": card.id,
                    "kind": card.kind,
                    "deck": card.deck,
                    "topic": card.topic,
                    "prompt": card.prompt,
                    "code": card.code,
                    "answer": card.answer,
                    "alternatives": card.alternatives,
                    "note": card.note,
                    "case_sensitive": card.case_sensitive,
                    "source": format!("{}:{}", card.source.path, card.source.line),
                });
                if options.with_scheduling {
                    let s = &c.record.state;
                    v["state"] = json!({
                        "reps": s.sm2.reps,
                        "ef": s.sm2.ef,
                        "interval": s.sm2.interval,
                        "due": s.sm2.due,
                        "lapses": s.sm2.lapses,
                        "suspended": s.suspended,
                        "buried_until": s.buried_until,
                        "last_review": s.last_review,
                    });
                    v["log"] = json!(logs.get(&card.id).cloned().unwrap_or_default());
                }
                v
            })
            .collect();
        let doc = json!({
            "format": "recall-export",
            "version": FORMAT_VERSION,
            "exported_at_ms": options.now_ms,
            "today": options.today,
            "with_scheduling": options.with_scheduling,
            "decks": decks,
            "cards": cards,
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        out.write_all(b"\n")?;
        Ok(())
    }
}
