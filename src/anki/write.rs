//! An Anki package (`.apkg`, legacy schema 11 in `collection.anki21`): one
//! note type per card kind, one deck per roadmap section under `Python::`,
//! one note per card with a guid from the card id (so a second export
//! updates the notes in Anki instead of adding copies) and a tag per topic.
//! With scheduling, SM-2 becomes Anki's card fields and the log its revlog.

use crate::anki::{
    self, card_type, ease, html, queue, Deck, Note, Notetype, NotetypeKind, Template,
};
use crate::card::CardKind;
use crate::day::Day;
use crate::export::{
    card_name, cloze_fits, cloze_text, deck_names, topic_tag, ExportError, Exporter, Options,
    Summary, Target, PROGRESS_EVERY, ROOT_DECK,
};
use crate::progress::Progress;
use crate::sched::Quality;
use crate::store::{self, AnkiSink, ColRow, ExportRead, ExportedCard};
use chrono::{FixedOffset, TimeZone};
use std::collections::{HashMap, HashSet};
use zip::write::SimpleFileOptions;

mod revlog;

use revlog::RevlogPass;

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
    // Prompts and notes are read: their code blocks go as `<pre>`. Answers
    // are typed as they are, so they go as plain text.
    let note = html::from_markup(card.note.as_deref().unwrap_or(""));
    let also = html::from_text(&card.alternatives.join("\n"));
    let front = html::from_markup(&card.prompt);
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
/// it is no later than any due day or log row of the export (`first`).
pub fn creation_day(first: Option<Day>, today: Day) -> Day {
    first.map_or(today, |d| d.min(today))
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

/// The scheduling fields of an Anki card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scheduling {
    ctype: i64,
    queue: i64,
    due: i64,
    ivl: i64,
    factor: i64,
    reps: i64,
    lapses: i64,
    left: i64,
}

impl Scheduling {
    fn new_card(queue: i64, position: i64) -> Scheduling {
        Scheduling {
            ctype: card_type::NEW,
            queue,
            due: position,
            ivl: 0,
            factor: 0,
            reps: 0,
            lapses: 0,
            left: 0,
        }
    }
}

/// The learning steps a learning card has left: SM-2 has no steps, so one,
/// the day recall asks it.
const LEARNING_STEPS_LEFT: i64 = 1;

/// A card's Anki scheduling. A card recall schedules with an interval is a
/// review card; one due with interval 0 (a learning card from Anki, not yet
/// graduated) is a learning card due that day (queue 3, interday learning),
/// as Anki's Check Database expects: a review card needs an interval.
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
        return Scheduling::new_card(queue::NEW, position);
    }
    let learning = sm2.interval == 0;
    let q = if state.suspended {
        queue::SUSPENDED
    } else if state.buried_until.is_some_and(|b| b > options.today) {
        queue::USER_BURIED
    } else if sm2.is_new() {
        queue::NEW
    } else if learning {
        queue::DAY_LEARN
    } else {
        queue::REVIEW
    };
    let Some(due) = sm2.due else {
        return Scheduling::new_card(q, position);
    };
    Scheduling {
        ctype: if learning {
            card_type::LEARN
        } else {
            card_type::REVIEW
        },
        queue: q,
        due: i64::from(due.since(crt)),
        ivl: i64::from(sm2.interval),
        factor: i64::from(sm2.ef.0) * anki::FACTOR_PER_EF_HUNDREDTH,
        reps: answers,
        lapses: i64::from(sm2.lapses),
        left: if learning { LEARNING_STEPS_LEFT } else { 0 },
    }
}

/// Anki ids are creation times in ms and unique: cards added by the same
/// compile share one, so each takes the next free millisecond.
fn next_card_id(added_ms: i64, last_id: &mut i64) -> i64 {
    let id = added_ms.max(last_id.saturating_add(1));
    *last_id = id;
    id
}

/// What a card's text and settings lose in Anki's note, into `summary`.
fn note_changes(card: &crate::card::Card, summary: &mut Summary) {
    let name = || card_name(card);
    let texts = [Some(&card.prompt), Some(&card.answer), card.note.as_ref()];
    let separator = texts.into_iter().flatten().chain(&card.alternatives);
    if separator
        .chain(card.code.as_ref())
        .any(|t| t.contains(anki::FIELD_SEPARATOR))
    {
        summary.changed(
            "text with a unit separator (U+001F) goes out as &#31;, so Anki's fields stay apart",
            name,
        );
    }
    if card.kind.is_typed() && !card.case_sensitive {
        summary.changed(
            "case-insensitive typed answers: Anki compares typed answers exactly",
            name,
        );
    }
    if card.kind == CardKind::Cloze && !cloze_fits(card) {
        summary.changed(
            "cloze gaps whose joined answer does not split into one part per gap: the first gap takes the whole answer",
            name,
        );
    }
}

/// The Anki flag (`cards.flags`) of a card whose tags name one (an Anki
/// flag came in as a `flag:<colour>` tag), counted in `summary`; 0 for none.
fn flag_back(card: &crate::card::Card, tags: &[String], summary: &mut Summary) -> i64 {
    let flags = super::carry::flags_of(tags);
    let Some(&flag) = flags.first() else {
        return 0;
    };
    let tag = super::carry::flag_tag(flag).unwrap_or_default();
    summary.changed("flag tags go out as the Anki card's flag", || {
        format!("{}: {tag}", card_name(card))
    });
    if flags.len() > 1 {
        summary.dropped(
            "flag tags after the first: an Anki card has one flag",
            || format!("{}: {} flag tags", card_name(card), flags.len()),
        );
    }
    flag
}

/// The writer's state as the cards stream by: what each card needs from
/// those before it, and what the summary and the `col` row count.
struct Writer<'a> {
    options: &'a Options,
    crt: Day,
    deck_ids: HashMap<String, i64>,
    summary: Summary,
    /// The last card's position (1, 2, …) and Anki id.
    position: i64,
    last_id: i64,
    /// The note types the notes use.
    used: HashSet<i64>,
    /// With scheduling: the revlog, written, and what each card needs of it.
    revlog: Option<RevlogPass>,
}

impl Writer<'_> {
    /// One card: its note, its Anki card and its revlog rows, into `sink`.
    fn card(&mut self, sink: &mut AnkiSink<'_>, c: &ExportedCard) -> Result<(), ExportError> {
        let options = self.options;
        let summary = &mut self.summary;
        let card = &c.record.card;
        self.position += 1;
        let id = next_card_id(c.added_ms, &mut self.last_id);
        note_changes(card, summary);
        let slot = self.revlog.as_ref().and_then(|pass| {
            pass.changes(card, summary);
            pass.slot(card.id)
        });
        let answers = slot.map_or(0, |s| i64::from(s.answers));
        let sched = scheduling(c, self.position, answers, self.crt, options);
        let state = &c.record.state;
        if options.with_scheduling {
            if let Some(until) = state.buried_until.filter(|b| *b > options.today.plus(1)) {
                summary.changed(
                    "buried for more than a day: Anki unburies at its next day",
                    || format!("{}: until {until}", card_name(card)),
                );
            }
        }
        let last_review = state.last_review.map(|d| creation_secs(d, options));
        // FSRS's memory (only FSRS sets one), for Anki's `data` beside `lrt`.
        let memory = state
            .memory
            .filter(|_| options.with_scheduling && sched.ctype != card_type::NEW)
            .map(|m| (m.stability, m.difficulty));
        let mtime_secs = c.updated_ms / 1000;
        let flags = flag_back(card, &c.tags, summary);
        let mut anki_card = anki::Card {
            id,
            note: id,
            deck: self
                .deck_ids
                .get(card.deck.as_str())
                .copied()
                .unwrap_or(DECK_ID_BASE),
            ord: 0,
            mtime_secs,
            ctype: sched.ctype,
            queue: sched.queue,
            due: sched.due,
            ivl: sched.ivl,
            factor: sched.factor,
            reps: sched.reps,
            lapses: sched.lapses,
            left: sched.left,
            // The sink names the last revlog row instead, once it is written,
            // keeping the FSRS memory beside it.
            data: anki::card_data_with_memory(
                last_review.filter(|_| sched.ctype != card_type::NEW),
                memory,
            ),
            uncarried_data: String::new(),
            flags,
        };
        match &c.anki {
            // A card an import carried goes back under its Anki note, id
            // and template.
            Some((carried, note)) => {
                let back = super::carry::note_back(note, mtime_secs, &c.tags);
                self.used.insert(back.notetype);
                if sink.carried_note(&back)? {
                    summary.notes += 1;
                }
                anki_card.id = carried.anki_id;
                anki_card.note = note.id;
                anki_card.ord = carried.ord;
            }
            None => {
                let mut tags = vec![topic_tag(&card.topic)];
                super::carry::merge_tags(&mut tags, &c.tags);
                let note = Note {
                    id,
                    guid: format!("{GUID_PREFIX}{}", card.id),
                    notetype: notetype_id(card.kind),
                    mtime_secs,
                    tags,
                    fields: fields(card),
                    oversized_bytes: None,
                };
                self.used.insert(note.notetype);
                sink.note(&note)?;
                summary.notes += 1;
            }
        }
        summary.cards += 1;
        // A reviewed card's data names its last revlog row, where the
        // revlog put it.
        if let Some(slot) = slot.filter(|s| sched.ctype != card_type::NEW && s.answers > 0) {
            anki_card.data = anki::card_data_at(&anki_card.data, slot.last_row().div_euclid(1000));
        }
        sink.card(&anki_card)?;
        Ok(())
    }
}

/// The decks of the package: the root, then one per deck of the cards.
fn decks(read: &ExportRead<'_>) -> (Vec<Deck>, HashMap<String, i64>) {
    let mut decks = vec![Deck {
        id: DECK_ID_BASE,
        name: ROOT_DECK.into(),
    }];
    let mut ids = HashMap::new();
    for ((section, name), i) in deck_names(read).into_iter().zip(1..) {
        ids.insert(section, DECK_ID_BASE + i);
        decks.push(Deck {
            id: DECK_ID_BASE + i,
            name,
        });
    }
    (decks, ids)
}

/// The prefix of the scratch directory the Anki SQLite is written in.
pub const TEMP_PREFIX: &str = ".recall-export-";

impl Exporter for Apkg {
    /// Streams the cards into an Anki SQLite in a scratch directory beside
    /// the output, then zips it (and the media, file by file) into the output.
    fn export(
        &self,
        read: &ExportRead<'_>,
        options: &Options,
        target: Target<'_>,
        progress: &mut dyn Progress,
    ) -> Result<Summary, ExportError> {
        let crt = if options.with_scheduling {
            creation_day(read.first_day()?, options.today)
        } else {
            options.today
        };
        let (decks, deck_ids) = decks(read);
        let carried_types = read.notetypes()?;
        let scratch = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempdir_in(target.temp_dir)?;
        let path = scratch.path().join(COLLECTION_ENTRY);
        let mut writer = Writer {
            options,
            crt,
            deck_ids,
            summary: Summary::new("apkg"),
            position: 0,
            last_id: i64::MIN,
            used: HashSet::new(),
            revlog: None,
        };
        progress.stage("writing the package", read.count);
        {
            let mut file = store::AnkiFile::create(&path)?;
            file.write_streamed(|sink| -> Result<(), ExportError> {
                if options.with_scheduling {
                    writer.revlog = Some(RevlogPass::run(read, sink)?);
                }
                read.each_card(store::CardRead::Cards, |c, _| -> Result<(), ExportError> {
                    writer.card(sink, c)?;
                    if (writer.summary.cards as u64).is_multiple_of(PROGRESS_EVERY) {
                        progress.advance(PROGRESS_EVERY);
                    }
                    Ok(())
                })?;
                // Its slots (40 bytes a card) are done with: not held
                // while the package is zipped.
                writer.revlog = None;
                let mut notetypes = notetypes();
                let present: HashSet<i64> = notetypes.iter().map(|n| n.id).collect();
                notetypes.extend(
                    carried_types
                        .into_iter()
                        .filter(|n| writer.used.contains(&n.id) && !present.contains(&n.id)),
                );
                sink.col(&ColRow {
                    crt_secs: creation_secs(crt, options),
                    notetypes: &notetypes,
                    decks: &decks,
                    cards: writer.summary.cards,
                    mtime_ms: options.now_ms,
                })?;
                writer.summary.review_log_rows = sink.revlog_rows;
                Ok(())
            })?;
        }
        progress.stage("zipping", 1);
        let mut zip = zip::ZipWriter::new(target.out);
        // The fastest deflate level: the collection shrinks about as much,
        // in a fraction of the time of the default.
        let deflate = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1))
            .large_file(true);
        zip.start_file(COLLECTION_ENTRY, deflate)?;
        std::io::copy(&mut std::fs::File::open(&path)?, &mut zip)?;
        super::carry::write_media(&mut zip, MEDIA_ENTRY, &read.media()?, deflate)?;
        zip.finish()?;
        progress.advance(1);
        Ok(writer.summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::CardState;

    #[test]
    fn grades_map_to_the_four_buttons() {
        let eases: Vec<u8> = (0..=5).map(|q| ease_of(Quality::new(q).unwrap())).collect();
        assert_eq!(eases, [1, 1, 1, 2, 3, 4]);
    }

    fn exported(sm2: crate::sched::Sm2State) -> ExportedCard {
        use crate::card::{Card, CardId, SourcePos};
        ExportedCard {
            record: store::CardRecord {
                card: Card {
                    id: CardId(1),
                    kind: CardKind::Basic,
                    deck: "d".into(),
                    topic: "d/1".into(),
                    ord: 0,
                    prompt: "p".into(),
                    code: None,
                    answer: "a".into(),
                    alternatives: vec![],
                    note: None,
                    case_sensitive: true,
                    exact: false,
                    source: SourcePos {
                        path: "d.md".into(),
                        line: 1,
                    },
                },
                state: CardState {
                    sm2,
                    ..CardState::default()
                },
                retired: false,
                leech: false,
            },
            added_ms: 0,
            updated_ms: 0,
            tags: Vec::new(),
            anki: None,
            logged: false,
        }
    }

    #[test]
    fn a_card_due_with_interval_zero_goes_out_learning_not_review() {
        let options = Options {
            with_scheduling: true,
            now_ms: 0,
            today: Day(100),
            utc_offset_secs: 0,
            rollover_hour: 4,
        };
        let due = |interval| crate::sched::Sm2State {
            reps: 1,
            interval,
            due: Some(Day(102)),
            ..crate::sched::Sm2State::default()
        };
        let learning = scheduling(&exported(due(0)), 1, 1, Day(100), &options);
        assert_eq!(
            (
                learning.ctype,
                learning.queue,
                learning.due,
                learning.ivl,
                learning.left
            ),
            (card_type::LEARN, queue::DAY_LEARN, 2, 0, 1)
        );
        let review = scheduling(&exported(due(6)), 1, 1, Day(100), &options);
        assert_eq!(
            (review.ctype, review.queue, review.ivl, review.left),
            (card_type::REVIEW, queue::REVIEW, 6, 0)
        );
        assert_eq!(
            anki::card_data(Some(1_795_680_000)),
            r#"{"lrt":1795680000}"#
        );
        assert_eq!(anki::card_data(None), "{}");
        assert_eq!(
            anki::card_data_with_memory(Some(1_795_680_000), Some((12.34567, 5.1))),
            r#"{"s":12.346,"d":5.100,"lrt":1795680000}"#
        );
        assert_eq!(
            anki::card_data_with_memory(None, Some((3.0, 7.25))),
            r#"{"s":3.000,"d":7.250}"#
        );
        assert_eq!(
            anki::card_data_with_memory(Some(9), Some((f32::NAN, 1.0))),
            anki::card_data(Some(9))
        );
    }

    #[test]
    fn every_kind_has_a_note_type_with_its_fields() {
        let types = notetypes();
        assert_eq!(types.len(), CardKind::ALL.len());
        assert!(types[1].templates[0].qfmt.contains("{{type:Back}}"));
        assert_eq!(types[2].kind, NotetypeKind::Cloze);
    }
}
