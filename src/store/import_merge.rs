//! An imported card that is already in the collection is merged, not left
//! alone: the answers its log does not have yet are appended (by answer
//! time, which is Anki's revlog id, or a revlog id stored by an earlier
//! import for an answer that came back under another id), then the package's state if its last answer is newer than
//! recall's, and its text is rewritten if it changed. Importing the same
//! file twice changes nothing. Every card also keeps its tags, which Anki
//! card it is, and its revlog ids. An answer recall gave and exported comes
//! back under a revlog id a few milliseconds after its time at most
//! ([`EXPORT_SHIFT_MS`]): it is matched to that answer, not added again.

use super::cards;
use super::import::ImportReport;
use super::import_plan::ImportedCard;
use super::{Db, StoreError};
use crate::history::{apply_with, Effect, Event};

/// An answer recall exported comes back from Anki with a revlog id up to
/// this much later than its own time: the exporter moves answers of the same
/// millisecond apart (revlog ids are unique), one millisecond each.
const EXPORT_SHIFT_MS: i64 = 1_000;

impl Db<'_> {
    /// Stores what the card carries beyond its text and log: its tags, which
    /// Anki card it is, and the revlog ids of its answers.
    /// `present`: the topic of the card as it was in the collection before
    /// this import, `None` for a card the import added.
    pub(crate) fn carry(
        self,
        imported: &ImportedCard,
        present: Option<&str>,
        now_ms: i64,
        report: &mut ImportReport,
    ) -> Result<(), StoreError> {
        let card = imported.card.id;
        // The tag recall's own exports give a card for its topic
        // (`export::topic_tag`) is the topic, not a tag of the card.
        let topic = present.unwrap_or(&imported.card.topic);
        let topic_tag = topic.replace('/', crate::anki::HIERARCHY).replace(' ', "_");
        for tag in imported
            .tags
            .iter()
            .filter(|t| !t.is_empty() && **t != topic_tag)
        {
            // A new card has no tags yet: no need to look.
            if present.is_none() || !self.has_tag(card, tag)? {
                self.add_tag(card, tag, now_ms)?;
                report.tags_added += 1;
            }
        }
        if let Some(id) = &imported.anki {
            self.add_identity(card, id)?;
        }
        Ok(())
    }

    /// Merges `imported` into the card of its id already in the collection;
    /// returns that card's topic.
    pub(crate) fn merge(
        self,
        imported: &ImportedCard,
        now_ms: i64,
        report: &mut ImportReport,
    ) -> Result<String, StoreError> {
        let card = &imported.card;
        let stored = self
            .get_card(card.id)?
            .ok_or_else(|| StoreError::UnknownCard(card.id.to_string()))?;
        if imported
            .events
            .iter()
            .any(|e| matches!(e.event, Event::Answer { .. }))
        {
            self.merge_answers(imported, report)?;
        }
        // Only a card of an Anki note takes edited text: a card recall
        // compiled belongs to its deck, and a text file carries less than
        // the card holds (no code, no alternatives).
        let old = &stored.card;
        let changed = old.prompt != card.prompt
            || old.answer != card.answer
            || old.code != card.code
            || old.note != card.note
            || old.alternatives != card.alternatives
            || old.kind != card.kind;
        if imported.anki.is_some() && changed {
            let mut updated = card.clone();
            updated.ord = old.ord;
            updated.deck.clone_from(&old.deck);
            updated.topic.clone_from(&old.topic);
            self.write_card(cards::UPDATE, &updated, now_ms)?;
            report.cards_updated += 1;
        }
        Ok(stored.card.topic)
    }

    /// Appends the package's answers the card's log lacks, then the
    /// package's state if its newest answer is newer than recall's.
    fn merge_answers(
        self,
        imported: &ImportedCard,
        report: &mut ImportReport,
    ) -> Result<(), StoreError> {
        let card = &imported.card;
        let first_new = self.next_log_id()?;
        let known = self.known_answers(card.id)?;
        let last_known = known.iter().copied().max();
        let incoming: std::collections::HashSet<i64> = imported
            .events
            .iter()
            .filter(|e| matches!(e.event, Event::Answer { .. }))
            .map(|e| e.at_ms)
            .collect();
        // The log's answers the package does not have under their own time:
        // those recall gave and exported, perhaps moved a few milliseconds.
        let mut moved: Vec<i64> = self
            .log_answers(card.id)?
            .into_iter()
            .filter(|t| !incoming.contains(t))
            .collect();
        let mut state = None;
        let mut newest = None;
        for e in &imported.events {
            let Event::Answer { quality, .. } = e.event else {
                continue;
            };
            if known.contains(&e.at_ms) {
                continue;
            }
            let exported = moved
                .iter()
                .position(|&t| t < e.at_ms && e.at_ms - t <= EXPORT_SHIFT_MS);
            if let Some(at) = exported {
                moved.remove(at);
                // Stored, so the next import knows it at once.
                self.add_revlog_id(card.id, e.at_ms)?;
                continue;
            }
            let now = match state.take() {
                Some(s) => s,
                None => self.writable_state(card.id)?,
            };
            let event = Event::Answer {
                quality,
                effect: Effect::for_review(&now.sm2, e.day),
            };
            let entry = self.add_log(card.id, event, e.at_ms, e.day, e.elapsed_ms, None)?;
            state = Some(apply_with(self.scheduler, &now, &entry.event, entry.day));
            newest = newest.max(Some(e.at_ms));
            report.answers_merged += 1;
            report.log_rows += 1;
        }
        let Some(mut state) = state else {
            return Ok(());
        };
        if newest > last_known {
            for e in &imported.events {
                let take = match e.event {
                    Event::Import { .. } => true,
                    Event::Suspend => !state.suspended,
                    _ => false,
                };
                if take {
                    let entry =
                        self.add_log(card.id, e.event.clone(), e.at_ms, e.day, None, None)?;
                    state = apply_with(self.scheduler, &state, &entry.event, entry.day);
                    report.fsrs_memories_kept +=
                        u32::from(super::import::carries_memory(&entry.event));
                    report.log_rows += 1;
                }
            }
            report.states_taken += 1;
        }
        // The recount reads the card's log in replay order.
        self.fill_origins()?;
        self.recount_day_stats(card.id, first_new)?;
        self.update_state(card.id, &state)
    }
}
