//! JSON: the decks and cards, and with `--with-scheduling` each card's SM-2
//! state and its full review log. The schema is in docs/export.md. Written
//! compact and streamed card by card from the cursor: a million log rows
//! are a few hundred megabytes of JSON.

use super::{deck_names, ExportError, Exporter, Options, Summary, Target};
use crate::card::{CardId, CardKind};
use crate::day::Day;
use crate::history::LogEntry;
use crate::progress::Progress;
use crate::sched::Ef;
use crate::store::{CardRead, ExportRead, ExportedCard};
use serde::Serialize;
use std::io::Write;

pub struct Json;

/// Raised when the layout of the document changes.
pub const FORMAT_VERSION: u32 = 1;

/// The document up to its `cards` array, which is written after it, card
/// by card: the fields in this order, then `"cards":[…]}`.
#[derive(Serialize)]
struct Head {
    format: &'static str,
    version: u32,
    exported_at_ms: i64,
    today: Day,
    with_scheduling: bool,
    decks: Vec<Deck>,
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

fn card_out<'a>(c: &'a ExportedCard, log: Option<&'a [LogEntry]>) -> CardOut<'a> {
    let card = &c.record.card;
    let st = &c.record.state;
    CardOut {
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
        state: log.map(|_| State {
            reps: st.sm2.reps,
            ef: st.sm2.ef,
            interval: st.sm2.interval,
            due: st.sm2.due,
            lapses: st.sm2.lapses,
            suspended: st.suspended,
            buried_until: st.buried_until,
            last_review: st.last_review,
        }),
        log,
    }
}

/// A failed write is a failed write, not an encoding problem.
fn io_first(e: serde_json::Error) -> ExportError {
    if e.is_io() {
        ExportError::Io(e.into())
    } else {
        ExportError::Json(e)
    }
}

impl Exporter for Json {
    fn export(
        &self,
        read: &ExportRead<'_>,
        options: &Options,
        target: Target<'_>,
        _progress: &mut dyn Progress,
    ) -> Result<Summary, ExportError> {
        let head = Head {
            format: "recall-export",
            version: FORMAT_VERSION,
            exported_at_ms: options.now_ms,
            today: options.today,
            with_scheduling: options.with_scheduling,
            decks: deck_names(read)
                .into_iter()
                .map(|(id, name)| Deck { id, name })
                .collect(),
        };
        let mut out = std::io::BufWriter::new(target.out);
        // The head object without its closing brace, then the cards.
        let head = serde_json::to_vec(&head)?;
        out.write_all(head.strip_suffix(b"}").unwrap_or(&head))?;
        out.write_all(b",\"cards\":[")?;
        let mut summary = Summary::new("json");
        let with_log = options.with_scheduling;
        let what = if with_log {
            CardRead::Log
        } else {
            CardRead::Cards
        };
        read.each_card(what, |c, log| -> Result<(), ExportError> {
            if summary.cards > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut out, &card_out(c, with_log.then_some(log)))
                .map_err(io_first)?;
            summary.cards += 1;
            summary.review_log_rows += log.len();
            Ok(())
        })?;
        out.write_all(b"]}\n")?;
        out.flush()?;
        summary.notes = summary.cards;
        Ok(summary)
    }
}
