//! JSON: the decks and cards, and with `--with-scheduling` each card's SM-2
//! state and its full review log. The schema is in docs/export.md. Written
//! compact and streamed from borrowed data: a million log rows are a few
//! hundred megabytes of JSON, and a tree of values would double that in memory.

use super::log_by_card;
use super::{deck_names, ExportError, Exporter, Options, Summary};
use crate::card::{CardId, CardKind};
use crate::day::Day;
use crate::history::LogEntry;
use crate::progress::Progress;
use crate::sched::Ef;
use crate::store::{ExportedCard, Snapshot};
use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};
use std::collections::HashMap;
use std::io::Write;

pub struct Json;

/// Raised when the layout of the document changes.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'a> {
    format: &'static str,
    version: u32,
    exported_at_ms: i64,
    today: Day,
    with_scheduling: bool,
    decks: Vec<Deck>,
    cards: Cards<'a>,
}

#[derive(Serialize)]
struct Deck {
    id: String,
    name: String,
}

#[derive(Serialize)]
struct State {
    reps: u32,
    ef: Ef,
    interval: u32,
    due: Option<Day>,
    lapses: u32,
    suspended: bool,
    buried_until: Option<Day>,
    last_review: Option<Day>,
}

#[derive(Serialize)]
struct CardOut<'a> {
    id: CardId,
    kind: CardKind,
    deck: &'a str,
    topic: &'a str,
    prompt: &'a str,
    code: Option<&'a str>,
    answer: &'a str,
    alternatives: &'a [String],
    note: Option<&'a str>,
    case_sensitive: bool,
    /// Typed answers compared as text only (`Match: exact`).
    exact: bool,
    source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<State>,
    #[serde(skip_serializing_if = "Option::is_none")]
    log: Option<&'a [LogEntry]>,
}

struct Cards<'a> {
    cards: &'a [ExportedCard],
    logs: Option<HashMap<CardId, &'a [LogEntry]>>,
}

impl Serialize for Cards<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.cards.len()))?;
        for c in self.cards {
            let card = &c.record.card;
            let st = &c.record.state;
            seq.serialize_element(&CardOut {
                id: card.id,
                kind: card.kind,
                deck: &card.deck,
                topic: &card.topic,
                prompt: &card.prompt,
                code: card.code.as_deref(),
                answer: &card.answer,
                alternatives: &card.alternatives,
                note: card.note.as_deref(),
                case_sensitive: card.case_sensitive,
                exact: card.exact,
                source: format!("{}:{}", card.source.path, card.source.line),
                state: self.logs.as_ref().map(|_| State {
                    reps: st.sm2.reps,
                    ef: st.sm2.ef,
                    interval: st.sm2.interval,
                    due: st.sm2.due,
                    lapses: st.sm2.lapses,
                    suspended: st.suspended,
                    buried_until: st.buried_until,
                    last_review: st.last_review,
                }),
                log: self
                    .logs
                    .as_ref()
                    .map(|logs| logs.get(&card.id).copied().unwrap_or(&[])),
            })?;
        }
        seq.end()
    }
}

impl Exporter for Json {
    fn export(
        &self,
        snapshot: &Snapshot,
        options: &Options,
        out: &mut dyn Write,
        _progress: &mut dyn Progress,
    ) -> Result<Summary, ExportError> {
        let doc = Doc {
            format: "recall-export",
            version: FORMAT_VERSION,
            exported_at_ms: options.now_ms,
            today: options.today,
            with_scheduling: options.with_scheduling,
            decks: deck_names(snapshot)
                .into_iter()
                .map(|(id, name)| Deck { id, name })
                .collect(),
            cards: Cards {
                cards: &snapshot.cards,
                logs: options.with_scheduling.then(|| log_by_card(&snapshot.log)),
            },
        };
        let mut writer = std::io::BufWriter::new(out);
        serde_json::to_writer(&mut writer, &doc)?;
        writer.write_all(b"\n")?;
        writer.flush()?;
        let mut summary = Summary::new("json");
        summary.cards = snapshot.cards.len();
        summary.notes = snapshot.cards.len();
        if options.with_scheduling {
            summary.review_log_rows = snapshot.log.len();
        }
        Ok(summary)
    }
}
