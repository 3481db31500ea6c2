//! Anki's collection as recall writes and reads it: note types, decks,
//! notes, cards and the review log (`revlog`), with the numbers Anki gives
//! them. Pure data; the SQLite side is `store::anki`, the mapping to and from
//! recall's cards is `export::apkg` and `import::apkg`.

pub(crate) mod carry;
pub(crate) mod cloze;
pub(crate) mod html;
pub(crate) mod media;
pub(crate) mod package;
pub(crate) mod proto;
pub(crate) mod read;
pub(crate) mod schema11;
pub(crate) mod template;
pub(crate) mod write;

use sha1::{Digest, Sha1};

/// Separates the fields of a note in `notes.flds`.
pub const FIELD_SEPARATOR: char = '\x1f';
/// Anki's own "Default" deck and deck options, which every collection has.
pub const DEFAULT_DECK_ID: i64 = 1;
pub const DEFAULT_CONFIG_ID: i64 = 1;
/// In recall's text exports (tsv, csv), between a basic card's answer and
/// its note, which follows the answer so that Anki shows it (and is also in a
/// column of its own, which recall's import reads back).
pub const TEXT_NOTE_BREAK: &str = "\n\n";
/// The hierarchy separator of deck names and tags.
pub const HIERARCHY: &str = "::";
/// Ease factors are in permille (2500 = 250 %); ours are in hundredths.
pub const FACTOR_PER_EF_HUNDREDTH: i64 = 10;
/// Anki caps the time it logs for one answer.
pub const MAX_ANSWER_MS: i64 = 60_000;

/// `cards.type`.
/// The guid prefix of notes recall wrote: `recall:<card id>`, so that a
/// package re-imported (into recall or Anki) updates instead of adding.
pub const GUID_PREFIX: &str = "recall:";

pub mod card_type {
    pub const NEW: i64 = 0;
    pub const LEARN: i64 = 1;
    pub const REVIEW: i64 = 2;
    pub const RELEARN: i64 = 3;
}

/// `cards.queue`.
pub mod queue {
    pub const USER_BURIED: i64 = -3;
    pub const SCHED_BURIED: i64 = -2;
    pub const SUSPENDED: i64 = -1;
    pub const NEW: i64 = 0;
    pub const LEARN: i64 = 1;
    pub const REVIEW: i64 = 2;
    pub const DAY_LEARN: i64 = 3;
}

/// `revlog.type`.
pub mod revlog_type {
    pub const LEARN: i64 = 0;
    pub const REVIEW: i64 = 1;
    pub const RELEARN: i64 = 2;
    /// Answered in a filtered deck without rescheduling ("cram").
    pub const FILTERED: i64 = 3;
    pub const MANUAL: i64 = 4;
    pub const RESCHEDULED: i64 = 5;
}

/// `revlog.ease`: the four answer buttons.
pub mod ease {
    pub const AGAIN: u8 = 1;
    pub const HARD: u8 = 2;
    pub const GOOD: u8 = 3;
    pub const EASY: u8 = 4;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotetypeKind {
    Standard,
    Cloze,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub name: String,
    /// The question format (`{{Front}}`, `{{cloze:Text}}`, `{{type:Back}}`).
    pub qfmt: String,
    pub afmt: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notetype {
    pub id: i64,
    pub name: String,
    pub kind: NotetypeKind,
    pub fields: Vec<String>,
    pub templates: Vec<Template>,
    pub css: String,
    pub mtime_secs: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deck {
    pub id: i64,
    /// `Parent::Child`.
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: i64,
    pub guid: String,
    pub notetype: i64,
    pub mtime_secs: i64,
    pub tags: Vec<String>,
    /// HTML, one per field of the note type.
    pub fields: Vec<String>,
    /// Set when the note's fields were too long to read (then `fields` is
    /// empty): their length in bytes.
    pub oversized_bytes: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub id: i64,
    pub note: i64,
    pub deck: i64,
    /// The template (or, for a cloze, the deletion number − 1).
    pub ord: u32,
    pub mtime_secs: i64,
    pub ctype: i64,
    pub queue: i64,
    /// New: a position; review: days since the collection was created;
    /// learning: a Unix time in seconds.
    pub due: i64,
    /// Days.
    pub ivl: i64,
    /// Permille; 0 for a new card.
    pub factor: i64,
    /// Answers given.
    pub reps: i64,
    pub lapses: i64,
    /// Learning steps left (`cards.left`); 0 for new and review cards.
    pub left: i64,
    /// `cards.data`: JSON, [`card_data`] for what recall writes; read as
    /// only its FSRS memory, `{"s": …, "d": …}`, or empty.
    pub data: String,
    /// The keys of `cards.data` recall does not keep, comma-separated
    /// (`data` when it is not a JSON object), to name them on import;
    /// empty on writing.
    pub uncarried_data: String,
    /// `cards.flags` (1 red … 7 purple, 0 none), as written; read separately
    /// (`AnkiFile::read_flags`), so 0 here on reading.
    pub flags: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revlog {
    /// The time of the answer in milliseconds; unique in a collection.
    pub id: i64,
    pub card: i64,
    pub ease: u8,
    /// The interval after the answer: days if positive, seconds if negative.
    pub ivl: i64,
    pub last_ivl: i64,
    pub factor: i64,
    pub time_ms: i64,
    pub kind: i64,
}

/// A whole collection, or the part of one that a package holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Collection {
    /// When the collection was created (seconds), at the day's rollover:
    /// review cards' `due` counts days from it.
    pub crt_secs: i64,
    pub notetypes: Vec<Notetype>,
    pub decks: Vec<Deck>,
    pub notes: Vec<Note>,
    pub cards: Vec<Card>,
    pub revlog: Vec<Revlog>,
}

/// `cards.data` as Anki's current schema wants it: the time of the last
/// review (`lrt`, seconds) for a card that has been reviewed, which Anki's
/// Check Database adds when it is missing; `{}` for a card never reviewed.
pub fn card_data(last_review_secs: Option<i64>) -> String {
    match last_review_secs {
        Some(secs) => format!("{{\"lrt\":{secs}}}"),
        None => "{}".into(),
    }
}

/// [`card_data`] with a card's FSRS memory beside `lrt`: stability `s` and
/// difficulty `d`, rounded to three places as Anki writes them (its
/// `CardData`, rslib/src/storage/card/data.rs), so Anki under FSRS continues
/// from recall's memory instead of estimating one from the revlog.
pub fn card_data_with_memory(last_review_secs: Option<i64>, memory: Option<(f32, f32)>) -> String {
    let Some((s, d)) = memory.filter(|(s, d)| s.is_finite() && d.is_finite()) else {
        return card_data(last_review_secs);
    };
    match last_review_secs {
        Some(secs) => format!("{{\"s\":{s:.3},\"d\":{d:.3},\"lrt\":{secs}}}"),
        None => format!("{{\"s\":{s:.3},\"d\":{d:.3}}}"),
    }
}

/// `data` naming `secs` as its last review, keeping the FSRS memory it
/// already names: the revlog's final times are known only after the card.
pub fn card_data_at(data: &str, secs: i64) -> String {
    let memory = serde_json::from_str::<serde_json::Value>(data)
        .ok()
        .and_then(|v| Some((v.get("s")?.as_f64()? as f32, v.get("d")?.as_f64()? as f32)));
    card_data_with_memory(Some(secs), memory)
}

/// `notes.csum`: the first 32 bits of the SHA-1 of the sort field's text,
/// which Anki uses to find duplicates.
pub fn field_checksum(field_html: &str) -> i64 {
    let digest = Sha1::digest(html::to_text(field_html).as_bytes());
    i64::from(u32::from_be_bytes([
        digest[0], digest[1], digest[2], digest[3],
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_is_sha1_of_the_plain_text() {
        // sha1("abc") = a9993e36…
        assert_eq!(field_checksum("abc"), 0xa999_3e36);
        assert_eq!(field_checksum("<b>abc</b>"), 0xa999_3e36);
    }
}
