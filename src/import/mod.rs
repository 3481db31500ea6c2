//! `recall import`: Anki packages (`.apkg`, `.colpkg`; legacy schema 11 and
//! current schema 18) and Anki's text format (`.tsv`, `.txt`, `.csv`) become
//! a [`Plan`]: cards in decks named after Anki's, with their history. The
//! store writes a plan in one transaction ([`crate::store::Store::import`]).
//!
//! Each Anki deck becomes a recall section `anki-<name>` (titled with the
//! Anki name) with one topic, `anki-<name>/1` "Imported from Anki": Anki
//! decks have no roadmap, and `recall compile` leaves these sections and
//! their cards alone. A card's id comes from its note's guid and template,
//! so importing the same file again finds every card already there.

pub(crate) mod text;

use crate::card::CardId;
use crate::day::Day;
use crate::store::StoreError;
use std::path::Path;

// The plan is the store's vocabulary (the store writes it); this module builds it.
pub use crate::store::import_plan::{
    section_id, topic_id, AnkiIdentity, CardSource, ImportPlan as Plan, ImportedCard, ImportedDeck,
    ImportedEvent, Notice, NoticeKind, PlannedCard, IMPORTED_TOPIC_NUMBER, IMPORTED_TOPIC_TITLE,
};

/// Why a file cannot be imported. Nothing is written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not a zip archive, so not an Anki package: {reason}")]
    NotAZip { path: String, reason: String },
    #[error("{path} holds no Anki collection (no collection.anki21b, .anki21 or .anki2)")]
    NoCollection { path: String },
    #[error("{path}: {entry} unpacks to more than {limit} bytes; refusing it as a zip bomb")]
    TooLarge {
        path: String,
        entry: String,
        limit: u64,
    },
    #[error("{path} is a package from a newer Anki (package version {version})")]
    TooNew { path: String, version: u64 },
    #[error(transparent)]
    Collection(#[from] StoreError),
    #[error("{path}:{line}:{col}: {message}")]
    Text {
        path: String,
        line: u64,
        col: u64,
        message: String,
    },
    #[error("{path} makes no card: {}", no_card_reasons(*.notes, .reasons))]
    NoCards {
        path: String,
        /// The note lines that were read, each unusable.
        notes: usize,
        reasons: Vec<String>,
    },
    #[error("cannot tell what {path} is from its name")]
    UnknownFormat { path: String },
    #[error("the import of {path} was interrupted; nothing was imported")]
    Interrupted { path: String },
    #[error("--strict: importing {path} would leave out {}; nothing was imported", .reasons.join("; "))]
    Strict { path: String, reasons: Vec<String> },
}

impl ImportError {
    pub fn hint(&self) -> String {
        match self {
            ImportError::Io { .. } => "check the path and its permissions".into(),
            ImportError::NotAZip { .. } | ImportError::NoCollection { .. } => {
                "export it again from Anki (File → Export → Anki Deck Package)".into()
            }
            ImportError::TooLarge { .. } => {
                "a real collection that large? import its decks one at a time".into()
            }
            ImportError::TooNew { .. } => {
                "export it from Anki with \"Support older Anki versions\" ticked".into()
            }
            ImportError::Collection(e) => e.hint().unwrap_or_default(),
            ImportError::Text { .. } => {
                "save the file as UTF-8 in Anki's text format (File → Export → Notes in Plain Text)"
                    .into()
            }
            ImportError::NoCards { .. } => {
                "each line after the `#` headers is one note: question and answer separated by the `#separator:` (a tab by default); nothing was imported".into()
            }
            ImportError::Interrupted { .. } => "run the import again to finish it".into(),
            ImportError::Strict { .. } => {
                "run it without --strict to import what maps; its summary names what is left out"
                    .into()
            }
            ImportError::UnknownFormat { .. } => {
                "name it .apkg or .colpkg (Anki packages), or .tsv, .txt or .csv (Anki text)".into()
            }
        }
    }
}

fn no_card_reasons(notes: usize, reasons: &[String]) -> String {
    if notes == 0 {
        return "it holds no notes".into();
    }
    let mut s = format!("none of its {notes} notes can be used:");
    for why in reasons {
        s.push_str("\n  ");
        s.push_str(why);
    }
    s
}

/// The clock an import reads times with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub utc_offset_secs: i32,
    pub rollover_hour: u32,
    /// When the import happens: the time of the `import` and `suspend`
    /// events that give a card the state it had in Anki.
    pub now_ms: i64,
    pub today: Day,
}

/// The longest text an imported field may hold once read (a prompt, an
/// answer, code, a note, an alternative): as much as a deck line (`input::MAX_LINE_BYTES`). A
/// card with a longer one is skipped, with the reason, in the summary.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

/// Why a card with these fields (name, text) cannot be imported: the first
/// field longer than [`MAX_FIELD_BYTES`].
pub fn oversized_field(fields: &[(&str, &str)]) -> Option<String> {
    fields
        .iter()
        .find(|(_, text)| text.len() > MAX_FIELD_BYTES)
        .map(|(what, text)| {
            format!(
                "its {what} is {} bytes, more than the {MAX_FIELD_BYTES} a field may hold",
                text.len()
            )
        })
}

/// Imported cards are introduced after every roadmap card, in file order.
pub const IMPORTED_ORD_BASE: i64 = 1 << 40;

/// A card id from a note's guid and the card's template: a guid recall
/// wrote (`recall:<id>`) gives that card back its own id.
pub fn card_id(guid: &str, ord: u32) -> CardId {
    guid.strip_prefix(crate::anki::GUID_PREFIX)
        .filter(|_| ord == 0)
        .and_then(|hex| hex.parse().ok())
        .unwrap_or_else(|| CardId::from_key(&format!("anki:{guid}:{ord}")))
}

pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deck_names_become_section_ids() {
        let cases = [
            ("Spanish::Verbs", "anki-spanish-verbs"),
            (
                "Python::Phase 2 — Standard Library Power",
                "anki-python-phase-2-standard-library-power",
            ),
            ("Default", "anki-default"),
            ("::", "anki-default"),
            ("Ünïcode Deck", "anki-ünïcode-deck"),
        ];
        for (deck, id) in cases {
            assert_eq!(section_id(deck), id, "{deck}");
        }
    }

    #[test]
    fn recall_guids_give_the_card_its_id_back() {
        assert_eq!(card_id("recall:00000000abcd", 0), CardId(0xabcd));
        assert_ne!(card_id("recall:00000000abcd", 1), CardId(0xabcd));
        assert_eq!(card_id("f5Xk!", 0), card_id("f5Xk!", 0));
        assert_ne!(card_id("f5Xk!", 0), card_id("f5Xk!", 1));
    }
}
