//! Cards: reading them, the review queue and the stored roadmap
//! ([`Cards`]), and the row writes the write paths share. Queries: `sql/cards/`.

use super::log::COUNT_ANSWERED_ON;
use super::{
    CardFilter, CardRecord, Counts, Db, DueCard, Log, MilestoneInfo, Reports, SectionInfo, Stage,
    StoreError, TopicInfo, MATURE_INTERVAL,
};
use crate::card::{Card, CardId, DeckPattern, SourcePos, CARD_ID_DIGITS};
use crate::day::Day;
use crate::history::CardState;
use crate::sched::fsrs::Memory;
use crate::sched::Sm2State;
use rusqlite::types::Type;
use rusqlite::{params, OptionalExtension, Row};

/// The shortest id prefix [`Cards::find`] accepts.
pub const MIN_PREFIX_DIGITS: usize = 4;

/// Where [`row_to_card_record`] finds the state, `retired` and the leech tag.
const STATE_OFFSET: usize = 14;
const RETIRED_COLUMN: usize = 13;
const LEECH_COLUMN: usize = 22;

const GET: &str = include_str!("sql/cards/get.sql");
const LIST: &str = include_str!("sql/cards/list.sql");
const DECKS: &str = include_str!("sql/cards/decks.sql");
const TAGS: &str = include_str!("sql/cards/tags.sql");
const ALL_BY_ID: &str = include_str!("sql/cards/all_by_id.sql");
const IDS_IN_RANGE: &str = include_str!("sql/cards/ids_in_range.sql");
const COUNT_IN_RANGE: &str = include_str!("sql/cards/count_in_range.sql");
pub(crate) const DUE: &str = include_str!("sql/cards/due.sql");
pub(crate) const MOST_OVERDUE: &str = include_str!("sql/cards/most_overdue.sql");
pub(crate) const NEW: &str = include_str!("sql/cards/new.sql");
const COUNT_ACTIVE: &str = include_str!("sql/cards/count_active.sql");
const COUNTS: &str = include_str!("sql/cards/counts.sql");
const SECTIONS: &str = include_str!("sql/cards/sections.sql");
const TOPICS: &str = include_str!("sql/cards/topics.sql");
const MILESTONES: &str = include_str!("sql/cards/milestones.sql");
const WRITABLE_STATE: &str = include_str!("sql/cards/writable_state.sql");
const ALL_STATES: &str = include_str!("sql/cards/all_states.sql");
const UPDATE_STATE: &str = include_str!("sql/cards/update_state.sql");
const ADD_STATE: &str = include_str!("sql/cards/add_state.sql");
const HAS_TAG: &str = include_str!("sql/cards/has_tag.sql");
const ADD_TAG: &str = include_str!("sql/cards/add_tag.sql");
const REMOVE_TAG: &str = include_str!("sql/cards/remove_tag.sql");
pub(crate) const ADD: &str = include_str!("sql/cards/add.sql");
pub(crate) const UPDATE: &str = include_str!("sql/cards/update.sql");
pub(crate) const RETIRE: &str = include_str!("sql/cards/retire.sql");
pub(crate) const EXISTS: &str = include_str!("sql/cards/exists.sql");
pub(crate) const ALL_FIELDS: &str = include_str!("sql/cards/all_fields.sql");
const WITHOUT_STATE: &str = include_str!("sql/cards/without_state.sql");

pub(crate) fn row_to_card(row: &Row<'_>) -> rusqlite::Result<Card> {
    let alternatives: String = row.get(8)?;
    let alternatives = serde_json::from_str(&alternatives)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(8, Type::Text, Box::new(e)))?;
    Ok(Card {
        id: row.get(0)?,
        kind: row.get(1)?,
        deck: row.get(2)?,
        topic: row.get(3)?,
        ord: row.get(4)?,
        prompt: row.get(5)?,
        code: row.get(6)?,
        answer: row.get(7)?,
        alternatives,
        note: row.get(9)?,
        case_sensitive: row.get(10)?,
        // By name: the queries put it after their own trailing columns.
        exact: row.get("exact")?,
        source: SourcePos {
            path: row.get(11)?,
            line: row.get(12)?,
        },
    })
}

/// The FSRS memory, from the columns `stability` and `difficulty` (read by
/// name, wherever a query puts them): both NULL under SM-2. The schema's
/// CHECK keeps them together; a row with one alone is refused, not guessed.
fn row_to_memory(row: &Row<'_>) -> rusqlite::Result<Option<Memory>> {
    let stability: Option<f64> = row.get("stability")?;
    let difficulty: Option<f64> = row.get("difficulty")?;
    match (stability, difficulty) {
        (None, None) => Ok(None),
        // Written from f32: the narrowing gives back the very same float.
        (Some(stability), Some(difficulty)) => Ok(Some(Memory {
            stability: stability as f32,
            difficulty: difficulty as f32,
        })),
        _ => Err(rusqlite::Error::FromSqlConversionFailure(
            0,
            Type::Real,
            "stability and difficulty must be both set or both NULL".into(),
        )),
    }
}

/// The state columns `reps, ef, interval, due, lapses, suspended, buried_until,
/// last_review`, starting at column `at`, and the FSRS memory (by name).
pub(crate) fn row_to_state(row: &Row<'_>, at: usize) -> rusqlite::Result<CardState> {
    Ok(CardState {
        sm2: Sm2State {
            reps: row.get(at)?,
            ef: row.get(at + 1)?,
            interval: row.get(at + 2)?,
            due: row.get(at + 3)?,
            lapses: row.get(at + 4)?,
        },
        suspended: row.get(at + 5)?,
        buried_until: row.get(at + 6)?,
        last_review: row.get(at + 7)?,
        memory: row_to_memory(row)?,
    })
}

pub(crate) fn row_to_card_record(row: &Row<'_>) -> rusqlite::Result<CardRecord> {
    Ok(CardRecord {
        card: row_to_card(row)?,
        state: row_to_state(row, STATE_OFFSET)?,
        retired: row.get(RETIRED_COLUMN)?,
        leech: row.get(LEECH_COLUMN)?,
    })
}

/// `phase-*` → a GLOB where only `*` is special.
pub(crate) fn decks_glob(pattern: &DeckPattern) -> String {
    let pattern = pattern.as_str();
    let mut glob = String::with_capacity(pattern.len());
    for c in pattern.chars() {
        match c {
            '?' => glob.push_str("[?]"),
            '[' => glob.push_str("[[]"),
            _ => glob.push(c),
        }
    }
    glob
}

/// The SQL function `list.sql` compares searched text through: Unicode
/// lower case, so that `--search` ignores case beyond ASCII (SQLite's own
/// LIKE and lower() fold only A–Z).
const FOLD: &str = "recall_fold";

fn fold(text: &str) -> String {
    text.to_lowercase()
}

/// Registers [`FOLD`] on the connection (idempotent, per connection).
fn register_fold(db: Db<'_>) -> Result<(), StoreError> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    db.conn
        .create_scalar_function(FOLD, 1, flags, |ctx| {
            Ok(ctx.get::<Option<String>>(0)?.map(|text| fold(&text)))
        })
        .map_err(db.fail("cannot set up the search"))
}

/// The half-open id range whose printed ids start with `prefix` (hex digits).
fn prefix_range(prefix: &str) -> Option<(i64, i64)> {
    let value = i64::from_str_radix(prefix, 16).ok()?;
    let shift = 4 * u32::try_from(CARD_ID_DIGITS.checked_sub(prefix.len())?).ok()?;
    Some((value << shift, (value + 1) << shift))
}

/// `decks` as a JSON array for `json_each`, or NULL for all decks.
pub(crate) fn decks_json(
    db: Db<'_>,
    decks: Option<&[String]>,
) -> Result<Option<String>, StoreError> {
    decks.map(serde_json::to_string).transpose().map_err(|e| {
        db.fail("cannot encode the deck list")(rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
    })
}

/// Cards, the review queue and the stored roadmap: `store.cards()`.
#[derive(Clone, Copy)]
pub struct Cards<'a> {
    pub(super) db: Db<'a>,
}

impl Cards<'_> {
    pub fn get(&self, id: CardId) -> Result<Option<CardRecord>, StoreError> {
        self.db.get_card(id)
    }

    /// A card by its full id or a unique prefix of at least
    /// [`MIN_PREFIX_DIGITS`] hex digits; retired cards included.
    pub fn find(&self, id_or_prefix: &str) -> Result<CardRecord, StoreError> {
        let prefix = id_or_prefix.trim().to_ascii_lowercase();
        let unknown = || StoreError::UnknownCard(id_or_prefix.to_string());
        if prefix.len() < MIN_PREFIX_DIGITS || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(unknown());
        }
        let (low, high) = prefix_range(&prefix).ok_or_else(unknown)?;
        let db = self.db;
        let context = format!("cannot look up card {prefix}");
        let ids: Vec<CardId> = {
            let fail = || db.fail(context.clone());
            let mut stmt = db.conn.prepare_cached(IDS_IN_RANGE).map_err(fail())?;
            let rows = stmt.query_map([low, high], |r| r.get(0)).map_err(fail())?;
            rows.collect::<Result<_, _>>().map_err(fail())?
        };
        match ids.as_slice() {
            [] => Err(unknown()),
            [id] => db.get_card(*id)?.ok_or_else(unknown),
            _ => {
                let count = db.one(COUNT_IN_RANGE, [low, high], &context)?;
                Err(StoreError::AmbiguousCard { prefix, count })
            }
        }
    }

    /// Cards matching `filter`, in its order.
    pub fn list(&self, filter: &CardFilter) -> Result<Vec<CardRecord>, StoreError> {
        let glob = filter.deck.as_ref().map(decks_glob);
        let search = filter.search.as_deref().map(fold);
        // SQLite looks functions up when it prepares the statement.
        register_fold(self.db)?;
        let today = match filter.stage {
            Some(Stage::Buried(day)) => Some(day),
            _ => None,
        };
        self.db.rows(
            LIST,
            params![
                glob,
                filter.due_on,
                filter.include_retired,
                search,
                filter.topic,
                filter.stage.map(Stage::as_str),
                today,
                MATURE_INTERVAL,
                filter.sort.as_str(),
            ],
            "the cards",
            row_to_card_record,
        )
    }

    /// The tags of a card, by name.
    pub fn tags(&self, id: CardId) -> Result<Vec<String>, StoreError> {
        self.db.rows(TAGS, [id], "the tags", |r| r.get(0))
    }

    /// The decks of the active cards, in roadmap order (for a hint when a
    /// `--deck` pattern matches none of them).
    pub fn decks(&self) -> Result<Vec<String>, StoreError> {
        self.db.rows(DECKS, [], "the decks", |r| r.get(0))
    }

    /// Cards to review on `today`: scheduled, due on or before it, neither
    /// suspended, retired nor buried past it; by due day, then roadmap order.
    /// `decks` keeps only those sections (`None` = all).
    pub fn due(&self, today: Day, decks: Option<&[String]>) -> Result<Vec<DueCard>, StoreError> {
        let decks = decks_json(self.db, decks)?;
        self.db.due_cards(DUE, params![today, decks])
    }

    /// At least the `limit` most overdue cards of [`Cards::due`], plus
    /// every other card due the same day as the last of them.
    pub fn most_overdue(
        &self,
        today: Day,
        decks: Option<&[String]>,
        limit: u32,
    ) -> Result<Vec<DueCard>, StoreError> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let decks = decks_json(self.db, decks)?;
        self.db
            .due_cards(MOST_OVERDUE, params![today, decks, limit - 1])
    }

    /// Up to `limit` never-scheduled cards, in introduction order.
    pub fn new_cards(
        &self,
        today: Day,
        limit: u32,
        decks: Option<&[String]>,
    ) -> Result<Vec<CardId>, StoreError> {
        let decks = decks_json(self.db, decks)?;
        self.db
            .rows(NEW, params![today, decks, limit], "the new cards", |r| {
                r.get(0)
            })
    }

    /// Active (not retired) cards.
    pub fn count(&self) -> Result<u64, StoreError> {
        self.db.one(COUNT_ACTIVE, [], "cannot count the cards")
    }

    /// The collection at a glance on `today`.
    pub fn counts(&self, today: Day) -> Result<Counts, StoreError> {
        let db = self.db;
        let mut counts = db
            .conn
            .query_row(COUNTS, [MATURE_INTERVAL], |r| {
                Ok(Counts {
                    total: r.get(0)?,
                    new: r.get(1)?,
                    learning: r.get(2)?,
                    mature: r.get(3)?,
                    suspended: r.get(4)?,
                    retired: r.get(5)?,
                    ..Counts::default()
                })
            })
            .map_err(db.fail("cannot count the cards"))?;
        counts.due_today = Reports { db }.due_count(today)?;
        counts.reviewed_today = Log { db }.count_on(COUNT_ANSWERED_ON, today, "answers")?;
        Ok(counts)
    }

    /// The roadmap sections of the last sync, in roadmap order.
    pub fn sections(&self) -> Result<Vec<SectionInfo>, StoreError> {
        self.db.rows(SECTIONS, [], "the sections", |r| {
            Ok(SectionInfo {
                id: r.get(0)?,
                title: r.get(1)?,
                goal: r.get(2)?,
            })
        })
    }

    /// The roadmap topics and subtopics of the last sync, in roadmap order.
    pub fn topics(&self) -> Result<Vec<TopicInfo>, StoreError> {
        self.db.rows(TOPICS, [], "the topics", |r| {
            Ok(TopicInfo {
                id: r.get(0)?,
                section: r.get(1)?,
                parent: r.get(2)?,
                number: r.get(3)?,
                title: r.get(4)?,
                detail: r.get(5)?,
            })
        })
    }

    /// The milestones and capstones of the last sync, in roadmap order.
    pub fn milestones(&self) -> Result<Vec<MilestoneInfo>, StoreError> {
        self.db.rows(MILESTONES, [], "the milestones", |r| {
            Ok(MilestoneInfo {
                id: r.get(0)?,
                label: r.get(1)?,
                section: r.get(2)?,
                text: r.get(3)?,
            })
        })
    }
}

/// The queries the writes and the check share.
impl Db<'_> {
    fn due_cards(
        self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<DueCard>, StoreError> {
        self.rows(sql, params, "the due cards", |r| {
            Ok(DueCard {
                id: r.get(0)?,
                due: r.get(1)?,
            })
        })
    }

    pub(crate) fn get_card(self, id: CardId) -> Result<Option<CardRecord>, StoreError> {
        self.conn
            .prepare_cached(GET)
            .and_then(|mut s| s.query_row([id], row_to_card_record).optional())
            .map_err(self.fail(format!("cannot read card {id}")))
    }

    /// Every card with its state, by id (for the check).
    pub(crate) fn all_records(self) -> Result<Vec<CardRecord>, StoreError> {
        self.rows(ALL_BY_ID, [], "the cards", row_to_card_record)
    }

    pub(crate) fn cards_without_state(self) -> Result<Vec<CardId>, StoreError> {
        self.rows(WITHOUT_STATE, [], "the cards without state", |r| {
            r.get::<_, CardId>(0)
        })
    }

    /// Every card with a state row: its id, whether it is retired, its state.
    pub(crate) fn all_states(self) -> Result<Vec<(CardId, bool, CardState)>, StoreError> {
        self.rows(ALL_STATES, [], "the card states", |r| {
            Ok((r.get(0)?, r.get(1)?, row_to_state(r, 2)?))
        })
    }

    /// The state of a card that may be written to: known and not retired.
    pub(crate) fn writable_state(self, card: CardId) -> Result<CardState, StoreError> {
        let found = self
            .conn
            .prepare_cached(WRITABLE_STATE)
            .and_then(|mut s| {
                s.query_row([card], |r| Ok((r.get::<_, bool>(0)?, row_to_state(r, 1)?)))
                    .optional()
            })
            .map_err(self.fail(format!("cannot read card {card}")))?;
        match found {
            None => Err(StoreError::UnknownCard(card.to_string())),
            Some((true, _)) => Err(StoreError::RetiredCard(card)),
            Some((false, state)) => Ok(state),
        }
    }

    pub(crate) fn update_state(self, card: CardId, state: &CardState) -> Result<(), StoreError> {
        self.write_state(UPDATE_STATE, card, state)
    }

    pub(crate) fn add_state(self, card: CardId, state: &CardState) -> Result<(), StoreError> {
        self.write_state(ADD_STATE, card, state)
    }

    /// Runs `sql` (an insert or update of `card_state`) with the state's
    /// columns as `?1`–`?11`: card, reps, ef, interval, due, lapses,
    /// suspended, buried_until, last_review, stability, difficulty.
    fn write_state(self, sql: &str, card: CardId, state: &CardState) -> Result<(), StoreError> {
        let sm2 = &state.sm2;
        let stability = state.memory.map(|m| f64::from(m.stability));
        let difficulty = state.memory.map(|m| f64::from(m.difficulty));
        self.run(
            sql,
            params![
                card,
                sm2.reps,
                sm2.ef,
                sm2.interval,
                sm2.due,
                sm2.lapses,
                state.suspended,
                state.buried_until,
                state.last_review,
                stability,
                difficulty,
            ],
            format!("cannot store the state of card {card}"),
        )
    }

    /// Inserts ([`ADD`]) or rewrites ([`UPDATE`]) a card's fields.
    pub(crate) fn write_card(self, sql: &str, card: &Card, now_ms: i64) -> Result<(), StoreError> {
        let alternatives = alternatives_json(self, card)?;
        self.run(
            sql,
            params![
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
                card.exact,
            ],
            format!("cannot store card {}", card.id),
        )
    }

    pub(crate) fn has_tag(self, card: CardId, tag: &str) -> Result<bool, StoreError> {
        let context = format!("cannot read the tags of card {card}");
        self.one(HAS_TAG, params![card, tag], &context)
    }

    pub(crate) fn add_tag(self, card: CardId, tag: &str, at_ms: i64) -> Result<(), StoreError> {
        let context = format!("cannot tag card {card} {tag:?}");
        self.run(ADD_TAG, params![card, tag, at_ms], context)
    }

    pub(crate) fn remove_tag(self, card: CardId, tag: &str) -> Result<(), StoreError> {
        let context = format!("cannot untag card {card} {tag:?}");
        self.run(REMOVE_TAG, params![card, tag], context)
    }
}

fn alternatives_json(db: Db<'_>, card: &Card) -> Result<String, StoreError> {
    serde_json::to_string(&card.alternatives).map_err(|e| {
        db.fail(format!("cannot encode the answers of card {}", card.id))(
            rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deck_glob_keeps_only_star_special() {
        let cases = [
            ("phase-*", "phase-*"),
            ("phase-2", "phase-2"),
            ("a?b", "a[?]b"),
            ("[x]", "[[]x]"),
        ];
        for (pattern, glob) in cases {
            assert_eq!(
                decks_glob(&DeckPattern::new(pattern).unwrap()),
                glob,
                "{pattern}"
            );
        }
    }

    #[test]
    fn search_ignores_case_beyond_ascii_and_looks_in_notes_and_tags() {
        use crate::store::tests::{card, roadmap};
        let mut store = crate::store::Store::open_in_memory().unwrap();
        let mut key = card(1, "phase-0");
        key.prompt = "Was öffnet den SCHLÜSSEL?".into();
        let mut noted = card(2, "phase-0");
        noted.note = Some("100% sure_ly".into());
        store
            .sync(&roadmap(), &[key, noted, card(3, "phase-0")], 1)
            .unwrap();
        store
            .db()
            .add_tag(CardId(0x1000_0000_0003), "Ähnlich", 1)
            .unwrap();
        let found = |text: &str| -> Vec<u64> {
            let filter = CardFilter {
                search: Some(text.into()),
                ..CardFilter::default()
            };
            let list = store.cards().list(&filter).unwrap();
            list.iter()
                .map(|r| r.card.id.0 - 0x1000_0000_0000)
                .collect()
        };
        assert_eq!(found("schlüssel"), [1]);
        assert_eq!(found("ÖFFNET"), [1]);
        assert_eq!(found("% SURE_"), [2], "no wildcards");
        assert_eq!(found("%"), [2]);
        assert_eq!(found("ähn"), [3], "tags");
        assert_eq!(found("answer 3"), [3]);
        assert!(found("nowhere").is_empty());
    }

    /// `cards --due`, the review queue and `due --count` are one definition
    /// written three times in SQL: this keeps them equal.
    #[test]
    fn the_due_filter_lists_what_the_queue_holds_and_due_count_counts() {
        use crate::history::{Change, Event};
        use crate::store::tests::{record_answer, review_answer, store_with};
        let mut store = store_with(8);
        let ids: Vec<CardId> = (1..=8).map(|n| CardId(0x1000_0000_0000 + n)).collect();
        for (i, &id) in ids.iter().enumerate() {
            let day = 10 + i32::try_from(i % 3).unwrap();
            record_answer(&mut store, review_answer(id, 4, 0, day)).unwrap();
        }
        store.record(ids[0], Event::Suspend, 0, Day(12)).unwrap();
        store
            .change(&[ids[1]], Change::Bury { until: Day(14) }, 0, Day(12))
            .unwrap();
        let retired: Vec<_> = crate::store::tests::cards(8).into_iter().skip(1).collect();
        store
            .sync(&crate::store::tests::roadmap(), &retired, 2)
            .unwrap();
        let mut counts = Vec::new();
        for day in 10..16 {
            let filter = CardFilter {
                due_on: Some(Day(day)),
                ..CardFilter::default()
            };
            let listed: Vec<CardId> = store
                .cards()
                .list(&filter)
                .unwrap()
                .iter()
                .map(|r| r.card.id)
                .collect();
            let mut queued: Vec<CardId> = store
                .cards()
                .due(Day(day), None)
                .unwrap()
                .iter()
                .map(|d| d.id)
                .collect();
            let mut listed_sorted = listed.clone();
            listed_sorted.sort();
            queued.sort();
            assert_eq!(listed_sorted, queued, "day {day}");
            let count = store.reports().due_count(Day(day)).unwrap();
            assert_eq!(u64::try_from(listed.len()).unwrap(), count, "day {day}");
            counts.push(count);
        }
        // Card 1 is retired (and suspended), card 2 buried until day 14.
        assert_eq!(counts, [0, 2, 4, 6, 7, 7]);
    }

    #[test]
    fn prefix_range_covers_the_ids_with_that_prefix() {
        assert_eq!(prefix_range("abcd"), Some((0xabcd << 32, 0xabce << 32)));
        assert_eq!(
            prefix_range("0123456789ab"),
            Some((0x0123_4567_89ab, 0x0123_4567_89ac))
        );
        assert_eq!(prefix_range("0123456789abc"), None);
    }
}
