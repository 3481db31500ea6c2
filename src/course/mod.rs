//! The course: a roadmap and its deck files, parsed and resolved into the
//! cards to compile and the coverage of the roadmap. Pure: the texts come in
//! as arguments; reading files and writing the collection are the shell's.

use crate::card::Card;
use crate::deck::{self, bundled, DeckError, DeckFile, PythonRange, PythonVersion};
use crate::roadmap::{self, Roadmap, RoadmapError};
use std::collections::HashMap;

/// Why a course does not compile.
#[derive(Debug, thiserror::Error)]
pub enum CompileError {
    #[error(transparent)]
    Roadmap(#[from] RoadmapError),
    #[error(transparent)]
    Deck(#[from] DeckError),
}

/// The outcome of a compile, for the report.
pub struct Compiled {
    pub roadmap: Roadmap,
    /// How many deck files the cards came from.
    pub files: usize,
    pub cards: Vec<Card>,
    /// Deck files left out: their answers hold for other Python versions.
    pub left_out: Vec<(String, PythonRange)>,
}

/// Parse and resolve everything, touching nothing. `None` means the bundled
/// roadmap or decks. Decks whose `python:` range leaves out the learner's
/// `python` are left out (with no known version: those only for older ones).
pub fn build(
    roadmap_source: Option<(String, String)>,
    deck_sources: Option<Vec<(String, String)>>,
    python: Option<PythonVersion>,
) -> Result<Compiled, CompileError> {
    let (roadmap_path, roadmap_text) = roadmap_source.unwrap_or_else(|| {
        (
            bundled::ROADMAP.0.to_string(),
            bundled::ROADMAP.1.to_string(),
        )
    });
    let roadmap = roadmap::parse(&roadmap_path, &roadmap_text)?;
    let sources = deck_sources.unwrap_or_else(|| {
        bundled::DECKS
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    });
    let files: Vec<DeckFile> = sources
        .iter()
        .map(|(path, text)| deck::parse(path, text))
        .collect::<Result<_, DeckError>>()?;
    let (files, left_out): (Vec<DeckFile>, Vec<DeckFile>) = files.into_iter().partition(|f| {
        f.python.is_none_or(|range| match python {
            Some(version) => range.contains(version),
            None => range.for_unknown_version(),
        })
    });
    let left_out = left_out
        .into_iter()
        .filter_map(|f| f.python.map(|range| (f.path, range)))
        .collect();
    let file_count = files.len();
    let cards = deck::resolve(files, &roadmap)?;
    Ok(Compiled {
        roadmap,
        files: file_count,
        cards,
        left_out,
    })
}

/// How many authored cards a roadmap topic has.
pub struct TopicCoverage {
    pub id: String,
    pub section: String,
    pub title: String,
    pub authored: usize,
}

/// Cards per topic and subtopic.
pub fn coverage(roadmap: &Roadmap, cards: &[Card]) -> Vec<TopicCoverage> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for card in cards {
        *counts.entry(card.topic.as_str()).or_default() += 1;
    }
    roadmap
        .sections
        .iter()
        .flat_map(|s| {
            all_topics(&s.topics)
                .into_iter()
                .map(move |t| TopicCoverage {
                    id: t.id.clone(),
                    section: s.id.clone(),
                    title: t.title.clone(),
                    authored: 0,
                })
        })
        .map(|mut c| {
            c.authored = counts.get(c.id.as_str()).copied().unwrap_or(0);
            c
        })
        .collect()
}

fn all_topics(topics: &[roadmap::Topic]) -> Vec<&roadmap::Topic> {
    topics
        .iter()
        .flat_map(|t| std::iter::once(t).chain(all_topics(&t.subtopics)))
        .collect()
}

pub mod rename;
