//! Bringing the stored roadmap and cards in line with a compile, in one
//! transaction that writes only what differs. Queries: `sql/sync/` (the
//! roadmap) and `sql/cards/` (the cards).

use super::cards::{self, row_to_card};
use super::{Db, Store, StoreError, SyncReport};
use crate::card::{Card, CardId};
use crate::course::rename;
use crate::history::CardState;
use crate::roadmap::{Roadmap, Topic};
use rusqlite::{params, Row};
use std::collections::{HashMap, HashSet};

const ROADMAP_SECTIONS: &str = include_str!("sql/sync/roadmap_sections.sql");
const ROADMAP_TOPICS: &str = include_str!("sql/sync/roadmap_topics.sql");
const MILESTONES: &str = include_str!("sql/sync/milestones.sql");
const CLEAR_ROADMAP: &str = include_str!("sql/sync/clear_roadmap.sql");
const ADD_SECTION: &str = include_str!("sql/sync/add_section.sql");
const ADD_TOPIC: &str = include_str!("sql/sync/add_topic.sql");
const ADD_MILESTONE: &str = include_str!("sql/sync/add_milestone.sql");
const CARD_KEYS: &str = include_str!("sql/sync/card_keys.sql");
const CLEAR_CARD_KEY: &str = include_str!("sql/sync/clear_card_key.sql");
const ADD_CARD_KEY: &str = include_str!("sql/sync/add_card_key.sql");

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

impl Db<'_> {
    /// Replaces sections, topics and milestones, unless they are already the roadmap's.
    /// Sections made by `recall import` (`anki-…`, an id no roadmap heading
    /// yields) belong to no roadmap and stay.
    fn sync_roadmap(self, roadmap: &Roadmap) -> Result<(), StoreError> {
        let sections = section_rows(roadmap);
        let topics = topic_rows(roadmap);
        let milestones = milestone_rows(roadmap);
        let stored_sections = query_rows(self, ROADMAP_SECTIONS, |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        let stored_topics = query_rows(self, ROADMAP_TOPICS, |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?;
        // Compared on its own: a collection from before milestones were kept
        // has the roadmap's sections and topics but no milestones yet.
        let stored_milestones = query_rows(self, MILESTONES, |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
        if sections == stored_sections && topics == stored_topics && milestones == stored_milestones
        {
            return Ok(());
        }
        let context = |what: &str| format!("cannot store the roadmap ({what})");
        self.conn
            .execute_batch(CLEAR_ROADMAP)
            .map_err(self.fail(context("clearing")))?;
        for (id, title, goal, ord) in &sections {
            let params = params![id, title, goal, ord];
            self.run(ADD_SECTION, params, context(&format!("section {id}")))?;
        }
        for (id, section, parent, number, title, detail, ord) in &topics {
            let params = params![id, section, parent, number, title, detail, ord];
            self.run(ADD_TOPIC, params, context(&format!("topic {id}")))?;
        }
        for (ord, id, section, label, text) in &milestones {
            let params = params![ord, id, section, label, text];
            self.run(ADD_MILESTONE, params, context(&format!("milestone {id}")))?;
        }
        Ok(())
    }

    fn sync(
        self,
        roadmap: &Roadmap,
        cards: &[Card],
        now_ms: i64,
        options: &SyncOptions,
    ) -> Result<(SyncReport, Vec<Renamed>), StoreError> {
        let mut seen = HashSet::with_capacity(cards.len());
        if let Some(dup) = cards.iter().find(|c| !seen.insert(c.id)) {
            return Err(StoreError::DuplicateCard(dup.id));
        }
        self.sync_roadmap(roadmap)?;
        let stored: HashMap<CardId, (Card, bool)> = query_rows(self, cards::ALL_FIELDS, |r| {
            Ok((row_to_card(r)?, r.get::<_, bool>(13)?))
        })?
        .into_iter()
        .map(|(card, retired)| (card.id, (card, retired)))
        .collect();
        let keys: HashMap<CardId, CardId> =
            query_rows(self, CARD_KEYS, |r| Ok((r.get(0)?, r.get(1)?)))?
                .into_iter()
                .collect();
        let plan = Identities::resolve(cards, &stored, &keys, options);

        let mut report = SyncReport::default();
        let mut renamed = Vec::new();
        for (card, identity) in cards.iter().zip(&plan.identities) {
            let Some(id) = identity.id else {
                self.write_card(cards::ADD, card, now_ms)?;
                self.add_state(card.id, &CardState::default())?;
                report.added += 1;
                continue;
            };
            let card = Card { id, ..card.clone() };
            match stored.get(&id) {
                None => {
                    // A fresh card whose own hash was taken (see `Identities`).
                    self.write_card(cards::ADD, &card, now_ms)?;
                    self.add_state(id, &CardState::default())?;
                    report.added += 1;
                }
                Some((old, _)) if identity.renamed => {
                    self.write_card(cards::UPDATE, &card, now_ms)?;
                    report.renamed += 1;
                    renamed.push(Renamed {
                        id,
                        from: old.prompt.clone(),
                        to: card.prompt.clone(),
                    });
                }
                Some((_, true)) => {
                    self.write_card(cards::UPDATE, &card, now_ms)?;
                    report.unretired += 1;
                }
                Some((old, false)) if *old != card => {
                    self.write_card(cards::UPDATE, &card, now_ms)?;
                    report.updated += 1;
                }
                Some(_) => report.unchanged += 1,
            }
            if identity.key_changed {
                let context = || format!("cannot record the new text of card {id}");
                self.run(CLEAR_CARD_KEY, params![id], context())?;
                if identity.key != id {
                    self.run(ADD_CARD_KEY, params![identity.key, id], context())?;
                }
            }
        }
        let taken: HashSet<CardId> = plan.identities.iter().filter_map(|i| i.id).collect();
        let mut missing: Vec<CardId> = stored
            .iter()
            .filter(|(id, (card, retired))| {
                !retired && !taken.contains(id) && !is_imported_section(&card.deck)
            })
            .map(|(id, _)| *id)
            .collect();
        missing.sort_unstable();
        for id in missing {
            self.run(
                cards::RETIRE,
                params![id, now_ms],
                format!("cannot retire card {id}"),
            )?;
            report.retired += 1;
        }
        Ok((report, renamed))
    }
}

/// A card whose prompt changed and that kept its id and history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    pub id: CardId,
    /// The prompt before.
    pub from: String,
    pub to: String,
}

/// How a compile may carry identities over text changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncOptions {
    /// Match retiring cards to added ones by similarity ([`crate::course::rename`]).
    pub rename: bool,
    /// (the key a card had, the key it has now): the card edited with `e`,
    /// which keeps its identity whatever changed, unless it is gone.
    pub pins: Vec<(CardId, CardId)>,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            rename: true,
            pins: Vec::new(),
        }
    }
}

/// Which stored card each compiled card is.
struct Identity {
    /// The stored card; `None` for a new card (stored under its own id).
    id: Option<CardId>,
    /// Its text's key (the id a fresh card would get).
    key: CardId,
    /// Carried over from a retiring card of another text.
    renamed: bool,
    /// The card's row in `card_keys` must be rewritten.
    key_changed: bool,
}

struct Identities {
    identities: Vec<Identity>,
}

impl Identities {
    /// A compiled card is the stored card its key names in `card_keys`, else
    /// the stored card of that id, unless a card of the same compile already
    /// took it through `card_keys` (then it is a new card under a derived
    /// id). Cards still without one are matched to the retiring cards: the
    /// pins first, then by similarity.
    fn resolve(
        cards: &[Card],
        stored: &HashMap<CardId, (Card, bool)>,
        keys: &HashMap<CardId, CardId>,
        options: &SyncOptions,
    ) -> Identities {
        let key_of: HashMap<CardId, CardId> = keys.iter().map(|(k, c)| (*c, *k)).collect();
        let mut identities: Vec<Identity> = cards
            .iter()
            .map(|c| Identity {
                id: keys.get(&c.id).copied(),
                key: c.id,
                renamed: false,
                key_changed: false,
            })
            .collect();
        let mut taken: HashSet<CardId> = identities.iter().filter_map(|i| i.id).collect();
        for identity in identities.iter_mut().filter(|i| i.id.is_none()) {
            if stored.contains_key(&identity.key) && !taken.contains(&identity.key) {
                identity.id = Some(identity.key);
                taken.insert(identity.key);
                // Its text is its own again: an old key of it goes.
                identity.key_changed = key_of.contains_key(&identity.key);
            } else if stored.contains_key(&identity.key) {
                let mut derived = identity.key;
                while stored.contains_key(&derived) || taken.contains(&derived) {
                    derived = CardId::from_key(&format!("{derived}+"));
                }
                identity.id = Some(derived);
                taken.insert(derived);
                identity.key_changed = true;
            }
        }
        let retiring: HashMap<CardId, &Card> = stored
            .iter()
            .filter(|(id, (card, retired))| {
                !retired && !taken.contains(id) && !is_imported_section(&card.deck)
            })
            .map(|(id, (card, _))| (*id, card))
            .collect();
        let resolve_key = |key: &CardId| keys.get(key).copied().unwrap_or(*key);
        let mut renames: Vec<(CardId, CardId)> = options
            .pins
            .iter()
            .map(|(old, new)| (resolve_key(old), *new))
            .collect();
        if options.rename {
            let pinned_from: HashSet<CardId> = renames.iter().map(|p| p.0).collect();
            let pinned_to: HashSet<CardId> = renames.iter().map(|p| p.1).collect();
            let mut from: Vec<&Card> = retiring
                .iter()
                .filter(|(id, _)| !pinned_from.contains(id))
                .map(|(_, c)| *c)
                .collect();
            from.sort_by_key(|c| c.id);
            let to: Vec<&Card> = cards
                .iter()
                .zip(&identities)
                .filter(|(c, i)| i.id.is_none() && !pinned_to.contains(&c.id))
                .map(|(c, _)| c)
                .collect();
            renames.extend(
                rename::renames(&from, &to)
                    .into_iter()
                    .map(|r| (r.from, r.to)),
            );
        }
        let mut used = HashSet::new();
        for (from, to) in renames {
            if !retiring.contains_key(&from) || !used.insert(from) {
                continue;
            }
            if let Some(identity) = identities
                .iter_mut()
                .find(|i| i.key == to && i.id.is_none())
            {
                identity.id = Some(from);
                identity.renamed = true;
                identity.key_changed = true;
            }
        }
        Identities { identities }
    }
}

impl Store {
    /// Makes the stored roadmap and cards those of a compile, in one
    /// transaction: new cards are added with a fresh state, changed ones
    /// updated, missing ones retired (state and log kept), returning ones
    /// unretired. Nothing is written when nothing differs, and nothing at all
    /// on an error. Identity is exact here (cards renamed before keep their
    /// text's key, but no new rename is made); `recall compile` uses
    /// [`Store::sync_with`].
    pub fn sync(
        &mut self,
        roadmap: &Roadmap,
        cards: &[Card],
        now_ms: i64,
    ) -> Result<SyncReport, StoreError> {
        let exact = SyncOptions {
            rename: false,
            pins: Vec::new(),
        };
        self.sync_with(roadmap, cards, now_ms, &exact)
    }

    /// [`Store::sync`], carrying identities across text changes as `options`
    /// say: an edited card keeps its id, state and log (`renamed`).
    pub fn sync_with(
        &mut self,
        roadmap: &Roadmap,
        cards: &[Card],
        now_ms: i64,
        options: &SyncOptions,
    ) -> Result<SyncReport, StoreError> {
        Ok(self.sync_renaming(roadmap, cards, now_ms, options)?.0)
    }

    /// [`Store::sync_with`], also saying which cards were renamed.
    pub fn sync_renaming(
        &mut self,
        roadmap: &Roadmap,
        cards: &[Card],
        now_ms: i64,
        options: &SyncOptions,
    ) -> Result<(SyncReport, Vec<Renamed>), StoreError> {
        self.write("cannot sync the cards", |db| {
            db.sync(roadmap, cards, now_ms, options)
        })
    }
}
