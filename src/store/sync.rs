//! Bringing the stored roadmap and cards in line with a compile, in one
//! transaction that writes only what differs.

use super::cards::{card_columns, row_to_card};
use super::{Db, Store, StoreError, SyncReport};
use crate::card::{Card, CardId};
use crate::history::CardState;
use crate::roadmap::{Roadmap, Topic};
use rusqlite::{params, Row};
use std::collections::{HashMap, HashSet};

const ALL_CARDS: &str = concat!("SELECT ", card_columns!(), " FROM cards c");

pub(crate) const INSERT_CARD: &str = "
    INSERT INTO cards (id, kind, deck, topic, ord, prompt, code, answer, alternatives, note,
                       case_sensitive, source_path, source_line, retired, added_ms, updated_ms)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0, ?14, ?14)";

const UPDATE_CARD: &str = "
    UPDATE cards SET kind = ?2, deck = ?3, topic = ?4, ord = ?5, prompt = ?6, code = ?7,
                     answer = ?8, alternatives = ?9, note = ?10, case_sensitive = ?11,
                     source_path = ?12, source_line = ?13, retired = 0, updated_ms = ?14
    WHERE id = ?1";

const RETIRE_CARD: &str = "UPDATE cards SET retired = 1, updated_ms = ?2 WHERE id = ?1";

pub(crate) const INSERT_STATE: &str = "
    INSERT INTO card_state (card_id, reps, ef, interval, due, lapses, suspended, buried_until,
                            last_review)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

/// A section row: id, title, goal, ord.
type SectionRow = (String, String, Option<String>, i64);
/// A topic row: id, section, parent, number, title, detail, ord.
type TopicRow = (String, String, Option<String>, String, String, String, i64);
/// A milestone row: ord, id, section, label, text.
type MilestoneRow = (i64, String, String, String, String);

fn section_rows(roadmap: &Roadmap) -> Vec<SectionRow> {
    roadmap
        .sections
        .iter()
        .zip(0..)
        .map(|(s, ord)| (s.id.clone(), s.title.clone(), s.goal.clone(), ord))
        .collect()
}

fn milestone_rows(roadmap: &Roadmap) -> Vec<MilestoneRow> {
    roadmap
        .sections
        .iter()
        .flat_map(|s| s.milestones.iter().map(move |m| (s, m)))
        .zip(0..)
        .map(|((s, m), ord)| {
            (
                ord,
                m.id.clone(),
                s.id.clone(),
                m.label.clone(),
                m.text.clone(),
            )
        })
        .collect()
}

fn topic_rows(roadmap: &Roadmap) -> Vec<TopicRow> {
    fn walk(section: &str, parent: Option<&str>, topics: &[Topic], out: &mut Vec<TopicRow>) {
        for t in topics {
            let ord = i64::try_from(out.len()).unwrap_or(i64::MAX);
            out.push((
                t.id.clone(),
                section.to_string(),
                parent.map(str::to_string),
                t.number.clone(),
                t.title.clone(),
                t.detail.clone(),
                ord,
            ));
            walk(section, Some(&t.id), &t.subtopics, out);
        }
    }
    let mut out = Vec::new();
    for s in &roadmap.sections {
        walk(&s.id, None, &s.topics, &mut out);
    }
    out
}

fn query_rows<T>(
    db: Db<'_>,
    sql: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    db.rows(sql, [], "the stored roadmap and cards", map)
}

/// Whether a section was made by `recall import` rather than a roadmap: its
/// cards are not the compile's to retire.
pub fn is_imported_section(id: &str) -> bool {
    id.starts_with(super::IMPORTED_SECTION_PREFIX)
}

fn alternatives_json(db: Db<'_>, card: &Card) -> Result<String, StoreError> {
    serde_json::to_string(&card.alternatives).map_err(|e| {
        db.fail(format!("cannot encode the answers of card {}", card.id))(
            rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
        )
    })
}

impl Db<'_> {
    /// Replaces sections, topics and milestones, unless they are already the roadmap's.
    /// Sections made by `recall import` (`anki-…`, an id no roadmap heading
    /// yields) belong to no roadmap and stay.
    fn sync_roadmap(self, roadmap: &Roadmap) -> Result<(), StoreError> {
        let sections = section_rows(roadmap);
        let topics = topic_rows(roadmap);
        let milestones = milestone_rows(roadmap);
        let stored_sections = query_rows(
            self,
            "SELECT id, title, goal, ord FROM sections WHERE id NOT GLOB 'anki-*' ORDER BY ord",
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let stored_topics = query_rows(
            self,
            "SELECT id, section, parent, number, title, detail, ord FROM topics
             WHERE section NOT GLOB 'anki-*' ORDER BY ord",
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )?;
        // Compared on its own: a collection from before milestones were kept
        // has the roadmap's sections and topics but no milestones yet.
        let stored_milestones = query_rows(
            self,
            "SELECT ord, id, section, label, text FROM milestones ORDER BY ord",
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        if sections == stored_sections && topics == stored_topics && milestones == stored_milestones
        {
            return Ok(());
        }
        let fail = |what: &str| self.fail(format!("cannot store the roadmap ({what})"));
        self.conn
            .execute_batch(
                "DELETE FROM milestones;
                 DELETE FROM topics WHERE section NOT GLOB 'anki-*';
                 DELETE FROM sections WHERE id NOT GLOB 'anki-*';",
            )
            .map_err(fail("clearing"))?;
        for (id, title, goal, ord) in &sections {
            self.conn
                .prepare_cached(
                    "INSERT INTO sections (id, title, goal, ord) VALUES (?1, ?2, ?3, ?4)",
                )
                .and_then(|mut s| s.execute(params![id, title, goal, ord]))
                .map_err(fail(&format!("section {id}")))?;
        }
        for (id, section, parent, number, title, detail, ord) in &topics {
            self.conn
                .prepare_cached(
                    "INSERT INTO topics (id, section, parent, number, title, detail, ord)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .and_then(|mut s| {
                    s.execute(params![id, section, parent, number, title, detail, ord])
                })
                .map_err(fail(&format!("topic {id}")))?;
        }
        for (ord, id, section, label, text) in &milestones {
            self.conn
                .prepare_cached(
                    "INSERT INTO milestones (ord, id, section, label, text)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .and_then(|mut s| s.execute(params![ord, id, section, label, text]))
                .map_err(fail(&format!("milestone {id}")))?;
        }
        Ok(())
    }

    /// Inserts (`INSERT_CARD`) or rewrites (`UPDATE_CARD`) a card's fields.
    pub(crate) fn write_card(self, sql: &str, card: &Card, now_ms: i64) -> Result<(), StoreError> {
        let alternatives = alternatives_json(self, card)?;
        self.conn
            .prepare_cached(sql)
            .and_then(|mut s| {
                s.execute(params![
                    card.id,
                    card.kind,
                    card.deck,
                    card.topic,
                    card.ord,
                    card.prompt,
                    card.code,
                    card.answer,
                    alternatives,
                    card.note,
                    card.case_sensitive,
                    card.source.path,
                    card.source.line,
                    now_ms,
                ])
            })
            .map_err(self.fail(format!("cannot store card {}", card.id)))?;
        Ok(())
    }

    pub(crate) fn insert_state(self, id: CardId, state: &CardState) -> Result<(), StoreError> {
        self.write_state(INSERT_STATE, id, state)
    }

    fn sync(
        self,
        roadmap: &Roadmap,
        cards: &[Card],
        now_ms: i64,
    ) -> Result<SyncReport, StoreError> {
        let mut seen = HashSet::with_capacity(cards.len());
        if let Some(dup) = cards.iter().find(|c| !seen.insert(c.id)) {
            return Err(StoreError::DuplicateCard(dup.id));
        }
        self.sync_roadmap(roadmap)?;
        let stored: HashMap<CardId, (Card, bool)> = query_rows(self, ALL_CARDS, |r| {
            Ok((row_to_card(r)?, r.get::<_, bool>(13)?))
        })?
        .into_iter()
        .map(|(card, retired)| (card.id, (card, retired)))
        .collect();

        let mut report = SyncReport::default();
        for card in cards {
            match stored.get(&card.id) {
                None => {
                    self.write_card(INSERT_CARD, card, now_ms)?;
                    self.insert_state(card.id, &CardState::default())?;
                    report.added += 1;
                }
                Some((_, true)) => {
                    self.write_card(UPDATE_CARD, card, now_ms)?;
                    report.unretired += 1;
                }
                Some((old, false)) if old != card => {
                    self.write_card(UPDATE_CARD, card, now_ms)?;
                    report.updated += 1;
                }
                Some(_) => report.unchanged += 1,
            }
        }
        let mut missing: Vec<CardId> = stored
            .iter()
            .filter(|(id, (card, retired))| {
                !retired && !seen.contains(id) && !is_imported_section(&card.deck)
            })
            .map(|(id, _)| *id)
            .collect();
        missing.sort_unstable();
        for id in missing {
            self.conn
                .prepare_cached(RETIRE_CARD)
                .and_then(|mut s| s.execute(params![id, now_ms]))
                .map_err(self.fail(format!("cannot retire card {id}")))?;
            report.retired += 1;
        }
        Ok(report)
    }
}

impl Store {
    /// Makes the stored roadmap and cards those of a compile, in one
    /// transaction: new cards are added with a fresh state, changed ones
    /// updated, missing ones retired (state and log kept), returning ones
    /// unretired. Nothing is written when nothing differs, and nothing at all
    /// on an error.
    pub fn sync(
        &mut self,
        roadmap: &Roadmap,
        cards: &[Card],
        now_ms: i64,
    ) -> Result<SyncReport, StoreError> {
        self.write("cannot sync the cards", |db| {
            db.sync(roadmap, cards, now_ms)
        })
    }
}
