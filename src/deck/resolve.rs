//! Tie parsed deck files to the roadmap: check sections and topics, refuse
//! duplicate ids across files, order by roadmap.

use std::collections::HashMap;

use super::order::{ord_of_topic, topics_in_order, ORD_STRIDE};
use super::{DeckError, DeckFile};
use crate::card::{Card, CardId, SourcePos};
use crate::roadmap::{Roadmap, Section, Topic};

/// Check every card's topic against the roadmap, refuse duplicate ids across
/// files, and order all cards by roadmap order, then by position in `files`
/// (`Card::ord`). The roadmap itself makes no cards: its wording is the
/// coverage map, not something to memorise.
pub fn resolve(files: Vec<DeckFile>, roadmap: &Roadmap) -> Result<Vec<Card>, DeckError> {
    let topics = topics_in_order(roadmap);
    let index: HashMap<&str, usize> = topics
        .iter()
        .enumerate()
        .map(|(i, (_, t))| (t.id.as_str(), i))
        .collect();
    let mut cards = Vec::new();
    let mut seen: HashMap<CardId, SourcePos> = HashMap::new();
    // Deck cards placed so far in each topic.
    let mut placed: HashMap<usize, i64> = HashMap::new();
    for card in files.into_iter().flat_map(|f| f.cards) {
        let Some(section) = roadmap.section(&card.deck) else {
            let ids: Vec<&str> = roadmap.sections.iter().map(|s| s.id.as_str()).collect();
            return Err(at(
                &card.source,
                format!("section {:?} is not in the roadmap", card.deck),
                format!(
                    "fix the file's `#` heading; the roadmap's sections are: {}",
                    ids.join(", ")
                ),
            ));
        };
        let Some(&topic_index) = index.get(card.topic.as_str()) else {
            return Err(unknown_topic(&card, section, &topics));
        };
        if let Some(first) = seen.get(&card.id) {
            return Err(at(
                &card.source,
                format!(
                    "this card has the same prompt as the card at {}:{} (or the same `ID:`)",
                    first.path, first.line
                ),
                "cards are known by their prompt (or their `ID:`) across all decks: reword one of them, change its `ID:`, or delete the duplicate",
            ));
        }
        seen.insert(card.id, card.source.clone());
        let count = placed.entry(topic_index).or_insert(0);
        *count += 1;
        if *count >= ORD_STRIDE {
            return Err(at(
                &card.source,
                format!("more than {} cards in topic {}", ORD_STRIDE - 1, card.topic),
                "split the topic into subtopics in the roadmap",
            ));
        }
        let ord = ord_of_topic(topic_index).saturating_add(*count);
        cards.push(Card { ord, ..card });
    }
    cards.sort_by_key(|c| c.ord);
    Ok(cards)
}

fn unknown_topic(card: &Card, section: &Section, topics: &[(&Section, &Topic)]) -> DeckError {
    let number = card
        .topic
        .rsplit_once('/')
        .map_or(card.topic.as_str(), |(_, n)| n);
    let numbers: Vec<&str> = topics
        .iter()
        .filter(|(s, _)| s.id == section.id)
        .map(|(_, t)| t.number.as_str())
        .collect();
    let hint = if numbers.is_empty() {
        format!(
            "section {} of the roadmap has no numbered topics",
            section.id
        )
    } else {
        format!(
            "fix the topic heading above the card; the topics of {} are: {}",
            section.id,
            numbers.join(", ")
        )
    };
    at(
        &card.source,
        format!(
            "topic {number} is not in section {} of the roadmap",
            section.id
        ),
        hint,
    )
}

fn at(source: &SourcePos, message: String, hint: impl Into<String>) -> DeckError {
    DeckError {
        path: source.path.clone(),
        line: source.line,
        col: 1,
        message,
        hint: hint.into(),
    }
}
