//! What `recall import` hands the store: cards in decks named after Anki's,
//! with their history. The import module builds a plan from a file;
//! [`super::Store::import`] writes it in one transaction.
//!
//! Each Anki deck becomes a section `anki-<name>` ([`section_id`]) with one
//! topic, `anki-<name>/1` ([`topic_id`]) "Imported from Anki".

use super::StoreError;
use super::IMPORTED_SECTION_PREFIX;
use crate::anki::carry::CarriedNote;
use crate::anki::Notetype;
use crate::card::Card;
use crate::day::Day;
use crate::history::Event;

/// A deck of the file, as a recall section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedDeck {
    /// `anki-spanish-verbs`.
    pub section: String,
    /// The Anki name, `Spanish::Verbs`.
    pub name: String,
}

/// One event of an imported card's history, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedEvent {
    pub at_ms: i64,
    pub day: Day,
    pub event: Event,
    pub elapsed_ms: Option<i64>,
}

/// Which Anki card an imported card is: its id, its note's guid, its template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnkiIdentity {
    pub anki_id: i64,
    pub guid: String,
    pub ord: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCard {
    pub card: Card,
    /// Answers from the revlog, then the state Anki had (an `import` event),
    /// a suspend if Anki had suspended it and a bury if it had buried it.
    pub events: Vec<ImportedEvent>,
    /// The note's tags (`a::b` kept whole) and `flag:<colour>` for a flag.
    pub tags: Vec<String>,
    /// Set for a card of an Anki note (not one recall exported).
    pub anki: Option<AnkiIdentity>,
}

/// A card as a [`CardSource`] hands it over, with the note type and the
/// note it is the first to carry (written just before it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedCard {
    pub card: ImportedCard,
    pub notetype: Option<Notetype>,
    pub note: Option<CarriedNote>,
}

/// Where a streamed import takes its cards from, one at a time in the
/// plan's order, so that only the card being written is in memory.
pub trait CardSource {
    /// The next card (`None` after the last), `plan` taking its decks,
    /// skipped cards, notices and warnings as they come.
    fn next_card(&mut self, plan: &mut ImportPlan) -> Result<Option<PlannedCard>, StoreError>;
    /// About how many log rows the cards bring, at most: whether the log's
    /// indexes are worth building again at the end.
    fn log_rows(&self) -> usize;
    /// How many cards are behind: handed over or skipped (the progress's
    /// count, out of every card the source holds).
    fn taken(&self) -> u64;
}

/// The cards of a plan read whole (a text file), as a [`CardSource`].
pub(super) struct PlanCards {
    cards: std::vec::IntoIter<ImportedCard>,
    rows: usize,
    taken: u64,
}

impl PlanCards {
    pub(super) fn take(plan: &mut ImportPlan) -> PlanCards {
        let cards = std::mem::take(&mut plan.cards);
        PlanCards {
            rows: cards.iter().map(|c| c.events.len()).sum(),
            cards: cards.into_iter(),
            taken: 0,
        }
    }
}

impl CardSource for PlanCards {
    fn next_card(&mut self, _: &mut ImportPlan) -> Result<Option<PlannedCard>, StoreError> {
        let next = self.cards.next();
        self.taken += u64::from(next.is_some());
        Ok(next.map(|card| PlannedCard {
            card,
            notetype: None,
            note: None,
        }))
    }

    fn log_rows(&self) -> usize {
        self.rows
    }

    fn taken(&self) -> u64 {
        self.taken
    }
}

/// Whether a notice is something left out or something carried differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoticeKind {
    Dropped,
    Changed,
}

/// Something the import could not carry as it was: counted by `what` in
/// the summary, with `detail` as an example.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Notice {
    pub kind: NoticeKind,
    pub what: String,
    pub detail: String,
}

/// What a file holds, ready for the store.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportPlan {
    pub decks: Vec<ImportedDeck>,
    pub cards: Vec<ImportedCard>,
    /// Cards that were not made, with why (one line each).
    pub skipped: Vec<String>,
    /// How many notes those cards belong to.
    pub skipped_notes: usize,
    /// The note types and notes of the cards with an [`AnkiIdentity`].
    pub notetypes: Vec<Notetype>,
    pub notes: Vec<CarriedNote>,
    /// Notes a [`CardSource`] handed over with their cards (not kept in
    /// [`ImportPlan::notes`]).
    pub notes_streamed: usize,
    /// The package's media files kept (unpacked by the reader; the command
    /// moves them beside the collection).
    pub media: Vec<String>,
    /// What was left out or changed, beyond skipped cards and clamped values.
    pub notices: Vec<Notice>,
    /// Values outside what recall accepts that were clamped, with what and to what.
    pub warnings: Vec<String>,
}

impl ImportPlan {
    pub fn notice(&mut self, kind: NoticeKind, what: &str, detail: String) {
        self.notices.push(Notice {
            kind,
            what: what.into(),
            detail,
        });
    }

    /// How many notes the import carries.
    pub fn notes_carried(&self) -> usize {
        self.notes.len() + self.notes_streamed
    }

    /// Whether the import would leave something out (`--strict` refuses it).
    pub fn drops_something(&self) -> bool {
        !self.skipped.is_empty() || self.notices.iter().any(|n| n.kind == NoticeKind::Dropped)
    }
}

/// The topic every card of an imported deck belongs to.
pub const IMPORTED_TOPIC_NUMBER: &str = "1";
pub const IMPORTED_TOPIC_TITLE: &str = "Imported from Anki";

/// `Spanish::Verbs` → `anki-spanish-verbs`.
pub fn section_id(deck: &str) -> String {
    let mut slug = String::new();
    for c in deck.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    format!(
        "{IMPORTED_SECTION_PREFIX}{}",
        if slug.is_empty() { "default" } else { slug }
    )
}

/// The one topic of the imported section `section`.
pub fn topic_id(section: &str) -> String {
    format!("{section}/{IMPORTED_TOPIC_NUMBER}")
}
