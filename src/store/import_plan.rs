//! What `recall import` hands the store: cards in decks named after Anki's,
//! with their history. The import module builds a plan from a file;
//! [`super::Store::import`] writes it in one transaction.
//!
//! Each Anki deck becomes a section `anki-<name>` ([`section_id`]) with one
//! topic, `anki-<name>/1` ([`topic_id`]) "Imported from Anki".

use super::IMPORTED_SECTION_PREFIX;
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCard {
    pub card: Card,
    /// Answers from the revlog, then the state Anki had (an `import` event)
    /// and a suspend if Anki had suspended it.
    pub events: Vec<ImportedEvent>,
}

/// What a file holds, ready for the store.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportPlan {
    pub decks: Vec<ImportedDeck>,
    pub cards: Vec<ImportedCard>,
    /// Notes that made no card, with why.
    pub skipped: Vec<String>,
    /// Values outside what recall accepts that were clamped, with what and to what.
    pub warnings: Vec<String>,
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
