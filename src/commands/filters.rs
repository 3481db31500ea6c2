//! What `--deck` and `--topic` must match before a command reads or writes
//! anything: a pattern or topic that matches nothing is an error that lists
//! what would match, never a silent empty result.

use crate::card::DeckPattern;
use crate::error::{Error, Result};
use crate::store::Store;

/// How many known decks or topics a hint lists before "…".
const HINT_ITEMS: usize = 16;

/// Fails when `deck` matches none of the collection's decks.
pub fn check_deck(store: &Store, deck: Option<&DeckPattern>) -> Result<()> {
    let Some(pattern) = deck else {
        return Ok(());
    };
    check_deck_among(&store.cards().decks()?, pattern)
}

/// Fails when `pattern` matches none of `decks`, listing them.
pub fn check_deck_among(decks: &[String], pattern: &DeckPattern) -> Result<()> {
    if decks.iter().any(|d| pattern.matches(d)) {
        return Ok(());
    }
    Err(Error::advice(
        format!(
            "--deck {:?} matches no deck of this collection",
            pattern.as_str()
        ),
        format!(
            "the decks: {} ('*' matches any run of characters: 'phase-*')",
            listed(decks)
        ),
    ))
}

/// Fails when `topic` is not a topic or subtopic of the stored roadmap; the
/// hint names the topics of its section (or the sections).
pub fn check_topic(store: &Store, topic: Option<&str>) -> Result<()> {
    let Some(topic) = topic else {
        return Ok(());
    };
    let topics = store.cards().topics()?;
    if topics.iter().any(|t| t.id == topic) {
        return Ok(());
    }
    let section = topic.split('/').next().unwrap_or(topic);
    let near: Vec<String> = topics
        .iter()
        .filter(|t| t.section == section && t.parent.is_none())
        .map(|t| t.id.clone())
        .collect();
    let hint = if near.is_empty() {
        let sections: Vec<String> = store
            .cards()
            .sections()?
            .into_iter()
            .map(|s| s.id)
            .collect();
        format!(
            "topic ids are a section and a number (`phase-2/5`, `phase-0/1.2`); the sections: {}",
            listed(&sections)
        )
    } else {
        format!("the topics of {section}: {}", listed(&near))
    };
    Err(Error::advice(
        format!("no topic {topic:?} in this collection's roadmap"),
        hint,
    ))
}

fn listed(items: &[String]) -> String {
    if items.is_empty() {
        return "none yet (run `recall compile`)".into();
    }
    let mut text = items
        .iter()
        .take(HINT_ITEMS)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > HINT_ITEMS {
        text.push_str(&format!(", … ({} in all)", items.len()));
    }
    text
}
