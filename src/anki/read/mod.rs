//! An Anki collection as recall cards: each Anki card becomes one recall
//! card (a cloze card per deletion number), with its revlog as answers and
//! its Anki scheduling as the state it ends in.

mod faces;

use super::carry::{self, CarriedNote};
use super::media;
use crate::anki::{self, card_type, ease, queue, revlog_type, Collection, NotetypeKind};
use crate::card::CardId;
use crate::card::{Card, SourcePos};
use crate::day::Day;
use crate::history::{apply, CardState, Effect, Event};
use crate::import::{card_id, section_id, topic_id, ImportedCard, ImportedDeck, ImportedEvent};
use crate::import::{oversized_field, Options, Plan, IMPORTED_ORD_BASE};
use crate::import::{AnkiIdentity, CardSource, NoticeKind, PlannedCard};
use crate::sched::fsrs::Memory;
use crate::sched::{Ef, Quality, Sm2State, INITIAL_EF, MINIMUM_EF};
use crate::store::{AnkiFile, CardAndNote, RevlogCursor, StoreError};
use chrono::{DateTime, FixedOffset};
use faces::{cloze_face, template_face, NoteFields};
use std::collections::{HashMap, HashSet};

/// Anki's Again, Hard, Good and Easy as SM-2 grades.
pub fn quality_of(ease: u8) -> Quality {
    Quality::clamped(match ease {
        ease::AGAIN => 1,
        ease::HARD => 3,
        ease::GOOD => 4,
        _ => 5,
    })
}

/// A `due` above this is a Unix time (learning cards), below a day number.
const DUE_IS_TIMESTAMP: i64 = 1_000_000_000;
/// The repetitions SM-2 assumes for a review card with no revlog: past the
/// fixed first two intervals.
const GRADUATED_REPS: u32 = 2;

/// The longest interval an imported card keeps: Anki's own maximum (100 years).
pub const MAX_IMPORTED_INTERVAL: i64 = 36_500;

/// The day of Unix time `secs`, or `None` outside [`Day::MIN`]..=[`Day::MAX`].
fn checked_day_of_secs(secs: i64, options: &Options) -> Option<Day> {
    let offset = FixedOffset::east_opt(options.utc_offset_secs)?;
    let at = DateTime::from_timestamp(secs, 0)?.with_timezone(&offset);
    let date =
        (at.naive_local() - chrono::Duration::hours(i64::from(options.rollover_hour))).date();
    Day::checked(date.signed_duration_since(Day::MIN.to_date()).num_days())
}

fn day_of_secs(secs: i64, options: &Options) -> Day {
    checked_day_of_secs(secs, options).unwrap_or(if secs < 0 { Day::MIN } else { Day::MAX })
}

/// `value` clamped into `range`, with a warning for the summary if it was outside.
fn clamp_reported(
    value: i64,
    range: std::ops::RangeInclusive<i64>,
    what: &str,
    card: &anki::Card,
    warnings: &mut Vec<String>,
) -> i64 {
    let clamped = value.clamp(*range.start(), *range.end());
    if clamped != value {
        warnings.push(format!(
            "card {} of note {}: its {what} {value} is outside {}..={}; clamped to {clamped}",
            card.id,
            card.note,
            range.start(),
            range.end()
        ));
    }
    clamped
}

/// The recall card of Anki card `c`, or why there is none.
fn to_card(col: &Lookup, c: &anki::Card, note: Option<&anki::Note>) -> Result<Card, String> {
    let note = note.ok_or("its note is missing")?;
    if let Some(bytes) = note.oversized_bytes {
        return Err(format!(
            "its note's fields are {bytes} bytes, more than recall reads of a note"
        ));
    }
    let notetype = col
        .notetypes
        .get(&note.notetype)
        .ok_or_else(|| format!("note type {} is missing", note.notetype))?;
    let fields = NoteFields { notetype, note };
    let face = if notetype.kind == NotetypeKind::Cloze {
        cloze_face(&fields, c.ord)?
    } else {
        template_face(&fields, c.ord)?
    };
    if face.prompt.trim().is_empty() {
        return Err("its question is empty".into());
    }
    if face.answer.trim().is_empty() {
        return Err("its answer is empty".into());
    }
    let code = face.code.as_deref().unwrap_or_default();
    let extra = face.note.as_deref().unwrap_or_default();
    let mut fields = vec![
        ("question", face.prompt.as_str()),
        ("answer", face.answer.as_str()),
        ("code", code),
        ("note", extra),
    ];
    fields.extend(
        face.alternatives
            .iter()
            .map(|a| ("alternative answer", a.as_str())),
    );
    if let Some(why) = oversized_field(&fields) {
        return Err(why);
    }
    let deck_name = col
        .decks
        .get(&c.deck)
        .cloned()
        .unwrap_or_else(|| "Default".into());
    let section = section_id(&deck_name);
    Ok(Card {
        id: card_id(&note.guid, c.ord),
        kind: face.kind,
        topic: topic_id(&section),
        deck: section,
        ord: 0,
        prompt: face.prompt.trim().to_string(),
        code: face.code,
        answer: face.answer.trim().to_string(),
        alternatives: face.alternatives,
        note: face.note,
        case_sensitive: true,
        exact: false,
        source: SourcePos {
            path: col.file.clone(),
            line: 0,
        },
    })
}

/// The FSRS memory Anki keeps in a card's `data` (`{"s": stability, "d":
/// difficulty, …}`, its `CardData`), when both are there, finite and
/// positive; anything else is no memory (FSRS then starts from the SM-2
/// state, as for a card Anki never scheduled with FSRS).
pub fn fsrs_memory(data: &str) -> Option<Memory> {
    let value: serde_json::Value = serde_json::from_str(data).ok()?;
    let get = |key: &str| {
        value
            .get(key)
            .and_then(serde_json::Value::as_f64)
            .map(|v| v as f32)
            .filter(|v| v.is_finite() && *v > 0.0)
    };
    Some(Memory {
        stability: get("s")?,
        difficulty: get("d")?,
    })
}

/// The card's history: its answers (with the effect recall would have
/// logged), then Anki's state as an `import` event, then a suspend.
///
/// Values outside what recall accepts are clamped, each with a warning: a
/// due day outside [`Day::MIN`]..=[`Day::MAX`], an interval outside
/// 0..=[`MAX_IMPORTED_INTERVAL`], negative lapses; an answer logged outside
/// the range of days is left out, with a warning.
fn events(
    c: &anki::Card,
    revlog: &[anki::Revlog],
    crt: Day,
    options: &Options,
    warnings: &mut Vec<String>,
) -> Vec<ImportedEvent> {
    // The answers, then at most an import, a suspend and a bury.
    let mut out = Vec::with_capacity(revlog.len() + 3);
    let mut state = CardState::default();
    let mut streak = 0u32;
    for r in revlog {
        if !is_answer(r) {
            continue;
        }
        let Some(day) = checked_day_of_secs(r.id.div_euclid(1000), options) else {
            warnings.push(format!(
                "card {} of note {}: its answer logged at {} ms is outside {}..={}; left out",
                c.id,
                c.note,
                r.id,
                Day::MIN,
                Day::MAX
            ));
            continue;
        };
        let quality = quality_of(r.ease);
        streak = if quality.passed() { streak + 1 } else { 0 };
        let event = Event::Answer {
            quality,
            effect: Effect::for_review(&state.sm2, day),
        };
        state = apply(&state, &event, day);
        out.push(ImportedEvent {
            at_ms: r.id,
            day,
            event,
            elapsed_ms: Some(r.time_ms.max(0)),
        });
    }
    let is_new = c.ctype == card_type::NEW;
    if !is_new || !out.is_empty() {
        let due = if is_new {
            None
        } else if c.due > DUE_IS_TIMESTAMP {
            let day = day_of_secs(c.due, options);
            if checked_day_of_secs(c.due, options).is_none() {
                warnings.push(format!(
                    "card {} of note {}: its due time {} is after {}; clamped to it",
                    c.id,
                    c.note,
                    c.due,
                    Day::MAX
                ));
            }
            Some(day)
        } else {
            let raw = i64::from(crt.0).saturating_add(c.due);
            let day = Day::clamped(raw);
            if i64::from(day.0) != raw {
                warnings.push(format!(
                    "card {} of note {}: its due day ({raw} days after 1970-01-01) is outside \
                     {}..={}; set to {day}",
                    c.id,
                    c.note,
                    Day::MIN,
                    Day::MAX
                ));
            }
            Some(day)
        };
        let ef = if c.factor > 0 {
            (c.factor / anki::FACTOR_PER_EF_HUNDREDTH)
                .clamp(i64::from(MINIMUM_EF), i64::from(u16::MAX))
        } else {
            i64::from(INITIAL_EF)
        };
        let reps = if is_new {
            0
        } else if revlog.is_empty() && c.ctype == card_type::REVIEW {
            GRADUATED_REPS
        } else {
            streak
        };
        let min_interval = i64::from(c.ctype == card_type::REVIEW);
        let sm2 = Sm2State {
            reps,
            ef: Ef(u16::try_from(ef).unwrap_or(INITIAL_EF)),
            interval: u32::try_from(
                clamp_reported(
                    c.ivl,
                    0..=MAX_IMPORTED_INTERVAL,
                    "interval (days)",
                    c,
                    warnings,
                )
                .max(min_interval),
            )
            .unwrap_or(0),
            due,
            lapses: if is_new {
                0
            } else {
                u32::try_from(clamp_reported(
                    c.lapses,
                    0..=i64::from(u32::MAX),
                    "lapse count",
                    c,
                    warnings,
                ))
                .unwrap_or(0)
            },
        };
        out.push(ImportedEvent {
            at_ms: options.now_ms,
            day: options.today,
            event: Event::Import {
                state: sm2,
                memory: fsrs_memory(&c.data),
            },
            elapsed_ms: None,
        });
    }
    if c.queue == queue::SUSPENDED {
        out.push(ImportedEvent {
            at_ms: options.now_ms,
            day: options.today,
            event: Event::Suspend,
            elapsed_ms: None,
        });
    }
    // Anki unburies at the next day's rollover.
    if matches!(c.queue, queue::USER_BURIED | queue::SCHED_BURIED) {
        out.push(ImportedEvent {
            at_ms: options.now_ms,
            day: options.today,
            event: Event::Bury {
                until: Day::clamped(i64::from(options.today.0) + 1),
            },
            elapsed_ms: None,
        });
    }
    out
}

/// Whether a revlog row is an answer (a button pressed), not a reschedule:
/// the card's state after the answers comes from Anki's card row anyway.
fn is_answer(r: &anki::Revlog) -> bool {
    r.ease != 0 && !matches!(r.kind, revlog_type::MANUAL | revlog_type::RESCHEDULED)
}

/// Whether Anki has the card in its (minute-based) learning steps.
fn in_learning(c: &anki::Card) -> bool {
    matches!(c.ctype, card_type::LEARN | card_type::RELEARN)
        || matches!(c.queue, queue::LEARN | queue::DAY_LEARN)
}

/// What planning keeps of the whole collection: small, whatever its size.
struct Lookup {
    file: String,
    notetypes: HashMap<i64, anki::Notetype>,
    decks: HashMap<i64, String>,
}

/// Where the planner takes a collection's rows from, one card at a time
/// (the package's file: [`FileRows`]).
pub trait Rows {
    /// Card `id` and its note (`None` for a card or a note the file lacks).
    fn card_and_note(&mut self, id: i64) -> Result<Option<CardAndNote>, StoreError>;
    /// The revlog rows of the card at place `pos` of the plan's order, in
    /// the file's order (the planner sorts them by time). Places come in
    /// order, some skipped.
    fn revlog(&mut self, pos: usize) -> Result<Vec<anki::Revlog>, StoreError>;
    /// Back to the first card (a second plan of the same file).
    fn rewind(&mut self);
}

/// A package's collection file read card by card, as [`Rows`].
pub struct FileRows<'a> {
    file: &'a AnkiFile,
    revlog: RevlogCursor,
}

impl Rows for FileRows<'_> {
    fn card_and_note(&mut self, id: i64) -> Result<Option<CardAndNote>, StoreError> {
        self.file.card_and_note(id)
    }

    fn revlog(&mut self, pos: usize) -> Result<Vec<anki::Revlog>, StoreError> {
        self.file.revlog_at(pos, &mut self.revlog)
    }

    fn rewind(&mut self) {
        self.revlog = RevlogCursor::start();
    }
}

/// Anki's order for new cards (deck, then position): the order the cards
/// are planned, written and logged in.
fn order_key(c: &anki::Card) -> (bool, i64, i64) {
    (c.ctype != card_type::NEW, c.due, c.id)
}

fn in_order(mut keys: Vec<(bool, i64, i64)>) -> Vec<i64> {
    keys.sort_unstable();
    keys.into_iter().map(|(_, _, id)| id).collect()
}

/// Plans a collection's cards one at a time, in [`order_key`]'s order:
/// what it keeps besides the card at hand is the note types, the decks and
/// a few ids per card (the order, and the sets below).
pub struct Planner<R> {
    rows: R,
    order: Vec<i64>,
    next: usize,
    log_rows: usize,
    position: i64,
    lookup: Lookup,
    crt: Day,
    flags: HashMap<i64, i64>,
    media: HashSet<String>,
    options: Options,
    seen: HashSet<CardId>,
    sections: HashSet<String>,
    skipped_notes: HashSet<i64>,
    carried_notes: HashSet<i64>,
    carried_notetypes: HashSet<i64>,
    missing_media: HashSet<String>,
}

/// What a [`Planner`] starts from besides the rows.
pub struct Start<'a> {
    pub head: Collection,
    pub flags: HashMap<i64, i64>,
    pub media: &'a [String],
    pub file: &'a str,
    pub options: &'a Options,
}

impl<R: Rows> Planner<R> {
    fn new(start: Start<'_>, rows: R, order: Vec<i64>, log_rows: usize) -> Self {
        let Start {
            head,
            flags,
            media,
            file,
            options,
        } = start;
        Planner {
            rows,
            order,
            next: 0,
            log_rows,
            position: 0,
            crt: day_of_secs(head.crt_secs, options),
            lookup: Lookup {
                file: file.to_string(),
                notetypes: head.notetypes.into_iter().map(|n| (n.id, n)).collect(),
                decks: head.decks.into_iter().map(|d| (d.id, d.name)).collect(),
            },
            flags,
            media: media.iter().cloned().collect(),
            options: *options,
            seen: HashSet::new(),
            sections: HashSet::new(),
            skipped_notes: HashSet::new(),
            carried_notes: HashSet::new(),
            carried_notetypes: HashSet::new(),
            missing_media: HashSet::new(),
        }
    }

    /// How many cards the collection holds (some may be skipped).
    pub fn cards(&self) -> usize {
        self.order.len()
    }
}

impl Streamed<'_> {
    /// Back to the first card, as if nothing had been planned (the file
    /// is read again): `--strict` plans once to see what would be left
    /// out, then again to write.
    pub fn rewind(&mut self) {
        self.rows.rewind();
        self.next = 0;
        self.position = 0;
        self.seen.clear();
        self.sections.clear();
        self.skipped_notes.clear();
        self.carried_notes.clear();
        self.carried_notetypes.clear();
        self.missing_media.clear();
    }
}

impl<R: Rows> Planner<R> {
    fn skip(&mut self, plan: &mut Plan, why: String, note: i64) {
        plan.skipped.push(why);
        self.skipped_notes.insert(note);
        plan.skipped_notes = self.skipped_notes.len();
    }

    /// The next card planned, `plan` taking its deck, notices and
    /// warnings, and the note type and note it is the first to carry.
    pub fn next_planned(&mut self, plan: &mut Plan) -> Result<Option<PlannedCard>, StoreError> {
        loop {
            let Some(&id) = self.order.get(self.next) else {
                return Ok(None);
            };
            self.next += 1;
            let position = self.position;
            self.position += 1;
            // One statement for both: a card's note is read with it.
            let Some((c, note)) = self.rows.card_and_note(id)? else {
                continue;
            };
            let mut card = match to_card(&self.lookup, &c, note.as_ref()) {
                Ok(card) => card,
                Err(why) => {
                    let why = format!("card {} of note {}: {why}", c.id, c.note);
                    self.skip(plan, why, c.note);
                    continue;
                }
            };
            if !self.seen.insert(card.id) {
                let why = format!(
                    "card {}: a second card with the same note and template",
                    c.id
                );
                self.skip(plan, why, c.note);
                continue;
            }
            let Some(note) = note else {
                continue;
            };
            let mut carried = CarriedNow::default();
            let (tags, anki) = self.note_of(plan, &c, &note, &mut carried);
            card.ord = IMPORTED_ORD_BASE + position;
            if self.sections.insert(card.deck.clone()) {
                let name = self
                    .lookup
                    .decks
                    .get(&c.deck)
                    .cloned()
                    .unwrap_or_else(|| "Default".into());
                plan.decks.push(ImportedDeck {
                    section: card.deck.clone(),
                    name,
                });
            }
            let mut log = self.rows.revlog(self.next - 1)?;
            log.sort_by_key(|r| r.id);
            for r in log.iter().filter(|r| !is_answer(r)) {
                plan.notice(
                    NoticeKind::Dropped,
                    "revlog rows that are not answers (rescheduled or set due by hand)",
                    format!("card {} of note {}: revlog row {}", c.id, c.note, r.id),
                );
            }
            return Ok(Some(PlannedCard {
                card: ImportedCard {
                    events: events(&c, &log, self.crt, &self.options, &mut plan.warnings),
                    card,
                    tags,
                    anki,
                },
                notetype: carried.notetype,
                note: carried.note,
            }));
        }
    }

    /// The card's tags and Anki identity, with the notices its note and
    /// card bring; the note (and its type) into `carried` the first time.
    fn note_of(
        &mut self,
        plan: &mut Plan,
        c: &anki::Card,
        note: &anki::Note,
        carried: &mut CarriedNow,
    ) -> (Vec<String>, Option<AnkiIdentity>) {
        let mut tags = note.tags.clone();
        if let Some(flag) = self.flags.get(&c.id).and_then(|&f| carry::flag_tag(f)) {
            plan.notice(
                NoticeKind::Changed,
                "flags kept as tags",
                format!("card {} of note {}: {flag}", c.id, c.note),
            );
            tags.push(flag);
        }
        card_notices(plan, c);
        let anki = (!carry::is_recall_guid(&note.guid)).then(|| AnkiIdentity {
            anki_id: c.id,
            guid: note.guid.clone(),
            ord: c.ord,
        });
        if anki.is_some() && self.carried_notes.insert(note.id) {
            for name in note.fields.iter().flat_map(|f| media::references(f)) {
                if !self.media.contains(&name) && self.missing_media.insert(name.clone()) {
                    plan.notice(
                        NoticeKind::Dropped,
                        "media files the notes name but the package lacks",
                        format!("{name} (note {})", note.id),
                    );
                }
            }
            if !self.carried_notetypes.contains(&note.notetype) {
                if let Some(nt) = self.lookup.notetypes.get(&note.notetype) {
                    self.carried_notetypes.insert(note.notetype);
                    plan.notetypes.push(nt.clone());
                    carried.notetype = Some(nt.clone());
                }
            }
            carried.note = Some(CarriedNote {
                guid: note.guid.clone(),
                id: note.id,
                notetype: note.notetype,
                fields: note.fields.clone(),
                tags: note.tags.clone(),
                mtime_secs: note.mtime_secs,
            });
        }
        (tags, anki)
    }
}

/// What a card is the first to carry.
#[derive(Default)]
struct CarriedNow {
    notetype: Option<anki::Notetype>,
    note: Option<CarriedNote>,
}

/// The notices of what recall schedules or keeps differently for card `c`.
fn card_notices(plan: &mut Plan, c: &anki::Card) {
    if in_learning(c) {
        plan.notice(
            NoticeKind::Changed,
            "cards in Anki's learning steps, scheduled by whole days in recall",
            format!(
                "card {} of note {}: {} learning step; recall asks it on its due day",
                c.id,
                c.note,
                if c.ctype == card_type::RELEARN {
                    "a relearning"
                } else {
                    "a"
                }
            ),
        );
    }
    if matches!(c.queue, queue::USER_BURIED | queue::SCHED_BURIED) {
        plan.notice(
            NoticeKind::Changed,
            "buried cards, buried until tomorrow",
            format!("card {} of note {}", c.id, c.note),
        );
    }
    if !c.uncarried_data.is_empty() {
        plan.notice(
            NoticeKind::Dropped,
            "card data recall does not keep (such as Anki's per-card desired retention `dr`, FSRS `decay`, original position `pos`, custom data `cd`; recall schedules with its own settings)",
            format!("card {} of note {}: {}", c.id, c.note, c.uncarried_data),
        );
    }
}

/// A package's cards planned as they are written ([`super::package::open`]):
/// the store takes them one at a time ([`CardSource`]).
pub type Streamed<'a> = Planner<FileRows<'a>>;

/// A planner over `file` (its cards checked and put in order here).
pub fn streamed<'a>(file: &'a AnkiFile, start: Start<'_>) -> Result<Streamed<'a>, StoreError> {
    let mut keys = Vec::new();
    file.each_card(|c| keys.push(order_key(c)))?;
    let cards = keys.len();
    let order = in_order(keys);
    let log_rows = file.prepare_card_reads(&order)?;
    let rows = FileRows {
        file,
        revlog: RevlogCursor::start(),
    };
    Ok(Planner::new(
        start,
        rows,
        order,
        log_rows.saturating_add(cards.saturating_mul(3)),
    ))
}

impl CardSource for Streamed<'_> {
    fn next_card(&mut self, plan: &mut Plan) -> Result<Option<PlannedCard>, StoreError> {
        let planned = self.next_planned(plan)?;
        if planned.as_ref().is_some_and(|p| p.note.is_some()) {
            plan.notes_streamed += 1;
        }
        Ok(planned)
    }

    fn log_rows(&self) -> usize {
        self.log_rows
    }

    fn taken(&self) -> u64 {
        self.next as u64
    }
}

/// Every card of `planner` in one plan, its notes in [`Plan::notes`]: what
/// tests and the fuzz oracle look at whole.
#[cfg(any(test, feature = "testing"))]
pub fn collect<R: Rows>(planner: &mut Planner<R>) -> Result<Plan, StoreError> {
    let mut plan = Plan {
        cards: Vec::with_capacity(planner.cards()),
        ..Plan::default()
    };
    while let Some(planned) = planner.next_planned(&mut plan)? {
        plan.notes.extend(planned.note);
        plan.cards.push(planned.card);
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anki_fsrs_memory_is_read_from_card_data_when_whole() {
        let m = fsrs_memory(r#"{"s":12.5,"d":4.25}"#).unwrap();
        assert_eq!((m.stability, m.difficulty), (12.5, 4.25));
        for no_memory in [
            "",
            "{}",
            r#"{"s":12.5}"#,
            r#"{"s":"12","d":4}"#,
            r#"{"s":-1,"d":4}"#,
            "not json",
        ] {
            assert_eq!(fsrs_memory(no_memory), None, "{no_memory}");
        }
    }

    fn options() -> Options {
        Options {
            utc_offset_secs: 0,
            rollover_hour: 4,
            now_ms: 1_795_600_000_000,
            today: Day(20_782),
        }
    }

    fn card(ctype: i64, queue: i64, due: i64, ivl: i64, factor: i64) -> anki::Card {
        anki::Card {
            id: 1,
            note: 1,
            deck: 1,
            ord: 0,
            mtime_secs: 0,
            ctype,
            queue,
            due,
            ivl,
            factor,
            reps: 2,
            lapses: 1,
            left: 0,
            data: String::new(),
            uncarried_data: String::new(),
            flags: 0,
        }
    }

    fn revlog(id: i64, ease: u8) -> anki::Revlog {
        anki::Revlog {
            id,
            card: 1,
            ease,
            ivl: 1,
            last_ivl: 0,
            factor: 2500,
            time_ms: 3_000,
            kind: revlog_type::REVIEW,
        }
    }

    #[test]
    fn a_review_card_ends_in_the_state_anki_had() {
        let crt = Day(20_000);
        let log = [revlog(1_700_000_000_000, 1), revlog(1_700_086_400_000, 3)];
        let events = events(
            &card(card_type::REVIEW, queue::SUSPENDED, 30, 12, 2300),
            &log,
            crt,
            &options(),
            &mut Vec::new(),
        );
        let kinds: Vec<&Event> = events.iter().map(|e| &e.event).collect();
        assert!(matches!(kinds[0], Event::Answer { quality, .. } if quality.value() == 1));
        assert!(matches!(kinds[1], Event::Answer { quality, .. } if quality.value() == 4));
        let Event::Import { state, .. } = kinds[2] else {
            panic!("{kinds:?}")
        };
        assert_eq!(
            (
                state.interval,
                state.ef,
                state.due,
                state.reps,
                state.lapses
            ),
            (12, Ef(230), Some(Day(20_030)), 1, 1)
        );
        assert_eq!(kinds[3], &Event::Suspend);
        assert_eq!(events[2].at_ms, options().now_ms);
    }

    #[test]
    fn a_new_card_without_history_has_no_events() {
        assert!(events(
            &card(card_type::NEW, queue::NEW, 3, 0, 0),
            &[],
            Day(0),
            &options(),
            &mut Vec::new()
        )
        .is_empty());
    }

    #[test]
    fn out_of_range_scheduling_is_clamped_with_a_warning() {
        let crt = Day(20_000);
        for (due, ivl, lapses, want_due, want_ivl) in [
            (999_999_999, 10, 0, Day::MAX, 10),
            (0, 2_147_483_647, 0, crt, 36_500),
            (-999_999_999, 10, -5, Day::MIN, 10),
        ] {
            let mut c = card(card_type::REVIEW, queue::REVIEW, due, ivl, 2500);
            c.lapses = lapses;
            let mut warnings = Vec::new();
            let events = events(&c, &[], crt, &options(), &mut warnings);
            let Event::Import { state, .. } = &events[0].event else {
                panic!("{events:?}")
            };
            assert_eq!((state.due, state.interval), (Some(want_due), want_ivl));
            assert!(!warnings.is_empty(), "{due} {ivl}");
            assert!(warnings[0].contains("outside"), "{warnings:?}");
        }
        let log = [revlog(i64::MAX, 3), revlog(-86_400_000_000_000, 3)];
        let mut warnings = Vec::new();
        let c = card(card_type::REVIEW, queue::REVIEW, 30, 12, 2500);
        let events = events(&c, &log, crt, &options(), &mut warnings);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }

    #[test]
    fn buttons_map_to_grades() {
        let grades: Vec<u8> = [1, 2, 3, 4]
            .into_iter()
            .map(|e| quality_of(e).value())
            .collect();
        assert_eq!(grades, [1, 3, 4, 5]);
    }
}
