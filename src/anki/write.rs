//! An Anki package (`.apkg`, legacy schema 11 in `collection.anki21`): one
//! note type per card kind, one deck per roadmap section under `Python::`,
//! one note per card with a guid from the card id (so a second export
//! updates the notes in Anki instead of adding copies) and a tag per topic.
//! With scheduling, SM-2 becomes Anki's card fields and the log its revlog.

use crate::anki::{
    self, card_type, ease, html, queue, revlog_type, Collection, Deck, Note, Notetype,
    NotetypeKind, Template,
};
use crate::card::CardKind;
use crate::day::Day;
use crate::export::{
    cloze_text, deck_names, log_by_card, topic_tag, ExportError, Exporter, Options, ROOT_DECK,
};
use crate::history::{apply, CardState, Effect, Event, LogEntry, LogId};
use crate::progress::Progress;
use crate::sched::Quality;
use crate::store::{self, ExportedCard, Snapshot};
use chrono::{FixedOffset, TimeZone};
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

pub struct Apkg;

/// The collection file of a legacy package, and its media map.
pub const COLLECTION_ENTRY: &str = "collection.anki21";
pub const MEDIA_ENTRY: &str = "media";
/// A note's guid is this prefix and the card id, so import finds the card again.
pub use super::GUID_PREFIX;
/// Note types and decks have fixed ids so that every export names the same
/// ones. Anki ids are millisecond times; these are in early 2025.
const NOTETYPE_ID_BASE: i64 = 1_735_689_600_000;
const DECK_ID_BASE: i64 = 1_735_689_700_000;
/// When the note types last changed (seconds): Anki takes a package's note
/// type over its own only if it is newer. Raise it when a template changes.
const NOTETYPE_MTIME: i64 = 1_767_225_600;

const CSS: &str = ".card { font-family: sans-serif; font-size: 20px; text-align: left; }
pre { background: #f4f4f4; padding: 0.5em; }
.note { color: #666; margin-top: 1em; }
.also { color: #666; }";

const NOTE: &str = "{{#Note}}<div class=note>{{Note}}</div>{{/Note}}";
const ALSO: &str = "{{#Also}}<div class=also>Also accepted: {{Also}}</div>{{/Also}}";

/// The note type of each card kind: (kind, name, fields, question, answer).
const NOTETYPES: [(CardKind, &str, &[&str], &str, &str); 4] = [
    (
        CardKind::Basic,
        "recall basic",
        &["Front", "Back", "Note"],
        "{{Front}}",
        "{{FrontSide}}\n<hr id=answer>\n{{Back}}\n",
    ),
    (
        CardKind::Typed,
        "recall typed",
        &["Front", "Back", "Also", "Note"],
        "{{Front}}\n<br>{{type:Back}}",
        "{{Front}}\n<hr id=answer>\n{{type:Back}}\n",
    ),
    (
        CardKind::Cloze,
        "recall cloze",
        &["Text", "Note"],
        "{{cloze:Text}}",
        "{{cloze:Text}}\n",
    ),
    (
        CardKind::Eval,
        "recall eval",
        &["Front", "Code", "Back", "Also", "Note"],
        "{{Front}}\n<pre><code>{{Code}}</code></pre>\n{{type:Back}}",
        "{{Front}}\n<pre><code>{{Code}}</code></pre>\n<hr id=answer>\n{{type:Back}}\n",
    ),
];

/// recall's note types as Anki sees them.
pub fn notetypes() -> Vec<Notetype> {
    NOTETYPES
        .iter()
        .zip(0..)
        .map(|((kind, name, fields, q, a), i)| {
            let extra = match kind {
                CardKind::Typed | CardKind::Eval => format!("{ALSO}{NOTE}"),
                _ => NOTE.to_string(),
            };
            Notetype {
                id: NOTETYPE_ID_BASE + i,
                name: (*name).into(),
                kind: if *kind == CardKind::Cloze {
                    NotetypeKind::Cloze
                } else {
                    NotetypeKind::Standard
                },
                fields: fields.iter().map(|f| (*f).to_string()).collect(),
                templates: vec![Template {
                    name: if *kind == CardKind::Cloze {
                        "Cloze"
                    } else {
                        "Card 1"
                    }
                    .into(),
                    qfmt: (*q).into(),
                    afmt: format!("{a}{extra}"),
                }],
                css: CSS.into(),
                mtime_secs: NOTETYPE_MTIME,
            }
        })
        .collect()
}

fn notetype_id(kind: CardKind) -> i64 {
    let index = NOTETYPES.iter().position(|n| n.0 == kind).unwrap_or(0);
    NOTETYPE_ID_BASE + i64::try_from(index).unwrap_or(0)
}

/// A card's note fields, HTML, in its note type's order.
fn fields(card: &crate::card::Card) -> Vec<String> {
    let note = html::from_text(card.note.as_deref().unwrap_or(""));
    let also = html::from_text(&card.alternatives.join("\n"));
    let front = html::from_text(&card.prompt);
    let back = html::from_text(&card.answer);
    match card.kind {
        CardKind::Basic => vec![front, back, note],
        CardKind::Typed => vec![front, back, also, note],
        CardKind::Cloze => vec![cloze_text(card, html::from_text), note],
        CardKind::Eval => {
            let code = html::from_text(card.code.as_deref().unwrap_or(""));
            vec![front, code, back, also, note]
        }
    }
}

/// The grade buttons: recall's failing grades are Again, then 3 → Hard,
/// 4 → Good, 5 → Easy.
pub fn ease_of(quality: Quality) -> u8 {
    match quality.value() {
        0..=2 => ease::AGAIN,
        3 => ease::HARD,
        4 => ease::GOOD,
        _ => ease::EASY,
    }
}

/// The day Anki's collection starts: review `due` values count from it, so
/// it is no later than any due day or answer of the export.
pub fn creation_day(snapshot: &Snapshot, today: Day) -> Day {
    let due = snapshot.cards.iter().filter_map(|c| c.record.state.sm2.due);
    let logged = snapshot.log.iter().map(|e| e.day);
    due.chain(logged).fold(today, Day::min)
}

/// `day` at the rollover hour, in seconds, as Anki's `crt`.
fn creation_secs(day: Day, options: &Options) -> i64 {
    let naive = day.to_date().and_hms_opt(options.rollover_hour, 0, 0);
    let offset = FixedOffset::east_opt(options.utc_offset_secs);
    naive
        .zip(offset)
        .and_then(|(n, o)| o.from_local_datetime(&n).single())
        .map_or(0, |t| t.timestamp())
}

/// The scheduling fields of a card: (type, queue, due, ivl, factor, reps, lapses).
type Scheduling = (i64, i64, i64, i64, i64, i64, i64);

fn scheduling(
    c: &ExportedCard,
    position: i64,
    answers: i64,
    crt: Day,
    options: &Options,
) -> Scheduling {
    let state = &c.record.state;
    let sm2 = &state.sm2;
    if !options.with_scheduling {
        return (card_type::NEW, queue::NEW, position, 0, 0, 0, 0);
    }
    let q = if state.suspended {
        queue::SUSPENDED
    } else if state.buried_until.is_some_and(|b| b > options.today) {
        queue::USER_BURIED
    } else if sm2.is_new() {
        queue::NEW
    } else {
        queue::REVIEW
    };
    let Some(due) = sm2.due else {
        return (card_type::NEW, q, position, 0, 0, 0, 0);
    };
    (
        card_type::REVIEW,
        q,
        i64::from(due.since(crt)),
        i64::from(sm2.interval),
        i64::from(sm2.ef.0) * anki::FACTOR_PER_EF_HUNDREDTH,
        answers,
        i64::from(sm2.lapses),
    )
}

/// The answers of one card's log as revlog rows (ids still to be made
/// unique), replaying the log to know each answer's interval and ease.
fn revlog_rows(card: i64, log: &[LogEntry]) -> Vec<anki::Revlog> {
    let undone: HashSet<LogId> = log
        .iter()
        .filter_map(|e| match e.event {
            Event::Undo { target } => Some(target),
            _ => None,
        })
        .collect();
    let mut state = CardState::default();
    let mut out = Vec::new();
    for e in log.iter().filter(|e| !undone.contains(&e.id)) {
        let next = apply(&state, &e.event, e.day);
        if let Event::Answer { quality, effect } = e.event {
            let kind = match effect {
                Effect::Schedule if state.sm2.is_new() => revlog_type::LEARN,
                Effect::Schedule if state.sm2.reps == 0 => revlog_type::RELEARN,
                Effect::Schedule => revlog_type::REVIEW,
                Effect::Repeat | Effect::Drill => revlog_type::FILTERED,
            };
            out.push(anki::Revlog {
                id: e.at_ms,
                card,
                ease: ease_of(quality),
                ivl: i64::from(next.sm2.interval),
                last_ivl: i64::from(state.sm2.interval),
                factor: i64::from(next.sm2.ef.0) * anki::FACTOR_PER_EF_HUNDREDTH,
                time_ms: e.elapsed_ms.unwrap_or(0).clamp(0, anki::MAX_ANSWER_MS),
                kind,
            });
        }
        state = next;
    }
    out
}

/// Revlog ids are answer times in ms and must be unique: two answers in
/// the same millisecond move apart by one.
fn make_ids_unique(revlog: &mut [anki::Revlog]) {
    revlog.sort_by_key(|r| (r.id, r.card));
    let mut last = i64::MIN;
    for r in revlog {
        r.id = r.id.max(last.saturating_add(1));
        last = r.id;
    }
}

/// The Anki collection of a snapshot.
pub fn collection(snapshot: &Snapshot, options: &Options) -> Collection {
    let crt = if options.with_scheduling {
        creation_day(snapshot, options.today)
    } else {
        options.today
    };
    let names = deck_names(snapshot);
    let mut decks = vec![Deck {
        id: DECK_ID_BASE,
        name: ROOT_DECK.into(),
    }];
    let mut deck_ids: HashMap<&str, i64> = HashMap::new();
    for ((section, name), i) in names.iter().zip(1..) {
        deck_ids.insert(section, DECK_ID_BASE + i);
        decks.push(Deck {
            id: DECK_ID_BASE + i,
            name: name.clone(),
        });
    }
    let logs = log_by_card(&snapshot.log);
    let mut col = Collection {
        crt_secs: creation_secs(crt, options),
        notetypes: notetypes(),
        decks,
        notes: Vec::with_capacity(snapshot.cards.len()),
        cards: Vec::with_capacity(snapshot.cards.len()),
        revlog: Vec::with_capacity(if options.with_scheduling {
            snapshot.log.len()
        } else {
            0
        }),
    };
    // Anki ids are creation times in ms and unique: cards added by the same
    // compile share one, so each takes the next free millisecond.
    let mut last_id = i64::MIN;
    for (c, position) in snapshot.cards.iter().zip(1..) {
        let card = &c.record.card;
        let id = c.added_ms.max(last_id.saturating_add(1));
        last_id = id;
        let log = logs.get(&card.id).copied().unwrap_or(&[]);
        let revlog = if options.with_scheduling {
            revlog_rows(id, log)
        } else {
            Vec::new()
        };
        let answers = i64::try_from(revlog.len()).unwrap_or(i64::MAX);
        let (ctype, q, due, ivl, factor, reps, lapses) =
            scheduling(c, position, answers, crt, options);
        let mtime_secs = c.updated_ms / 1000;
        col.notes.push(Note {
            id,
            guid: format!("{GUID_PREFIX}{}", card.id),
            notetype: notetype_id(card.kind),
            mtime_secs,
            tags: vec![topic_tag(&card.topic)],
            fields: fields(card),
            oversized_bytes: None,
        });
        col.cards.push(anki::Card {
            id,
            note: id,
            deck: deck_ids
                .get(card.deck.as_str())
                .copied()
                .unwrap_or(DECK_ID_BASE),
            ord: 0,
            mtime_secs,
            ctype,
            queue: q,
            due,
            ivl,
            factor,
            reps,
            lapses,
        });
        col.revlog.extend(revlog);
    }
    make_ids_unique(&mut col.revlog);
    col
}

impl Exporter for Apkg {
    fn export(
        &self,
        snapshot: &Snapshot,
        options: &Options,
        out: &mut dyn Write,
        progress: &mut dyn Progress,
    ) -> Result<(), ExportError> {
        progress.stage("building the package", snapshot.cards.len() as u64);
        let col = super::carry::apply(collection(snapshot, options), &snapshot.anki);
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(COLLECTION_ENTRY);
        store::AnkiFile::create(&path)?.write(&col, options.now_ms, progress)?;
        progress.stage("zipping", 1);
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        // The fastest deflate level: the collection shrinks about as much,
        // in a fraction of the time of the default.
        let deflate = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1))
            .large_file(true);
        zip.start_file(COLLECTION_ENTRY, deflate)?;
        std::io::copy(&mut std::fs::File::open(&path)?, &mut zip)?;
        super::carry::write_media(&mut zip, MEDIA_ENTRY, &snapshot.anki.media, deflate)?;
        let bytes = zip.finish()?.into_inner();
        out.write_all(&bytes)?;
        progress.advance(1);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_map_to_the_four_buttons() {
        let eases: Vec<u8> = (0..=5).map(|q| ease_of(Quality::new(q).unwrap())).collect();
        assert_eq!(eases, [1, 1, 1, 2, 3, 4]);
    }

    #[test]
    fn revlog_ids_are_unique_and_ordered() {
        let row = |id, card| anki::Revlog {
            id,
            card,
            ease: 3,
            ivl: 1,
            last_ivl: 0,
            factor: 2500,
            time_ms: 0,
            kind: 0,
        };
        let mut rows = vec![row(5, 1), row(5, 2), row(5, 3), row(6, 1), row(2, 9)];
        make_ids_unique(&mut rows);
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        assert_eq!(ids, [2, 5, 6, 7, 8]);
    }

    #[test]
    fn every_kind_has_a_note_type_with_its_fields() {
        let types = notetypes();
        assert_eq!(types.len(), CardKind::ALL.len());
        assert!(types[1].templates[0].qfmt.contains("{{type:Back}}"));
        assert_eq!(types[2].kind, NotetypeKind::Cloze);
    }
}
