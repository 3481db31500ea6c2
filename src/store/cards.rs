//! Reading cards and the review queue.

use super::{CardFilter, CardRecord, Db, DueCard, SectionInfo, Store, StoreError, TopicInfo};
use crate::card::{Card, CardId, SourcePos, CARD_ID_DIGITS};
use crate::day::Day;
use crate::history::CardState;
use crate::sched::Sm2State;
use rusqlite::types::Type;
use rusqlite::{params, OptionalExtension, Row};

/// The shortest id prefix [`Store::find_card`] accepts.
pub const MIN_PREFIX_DIGITS: usize = 4;

/// The columns of a card (0..=13, `retired` last) in the order [`row_to_card`] reads.
macro_rules! card_columns {
    () => {
        "c.id, c.kind, c.deck, c.topic, c.ord, c.prompt, c.code, c.answer, c.alternatives, \
         c.note, c.case_sensitive, c.source_path, c.source_line, c.retired"
    };
}
pub(crate) use card_columns;

/// A card with its state: [`row_to_card`]'s columns, then [`row_to_state`]'s from 14.
macro_rules! record_select {
    () => {
        concat!(
            "SELECT ",
            $crate::store::cards::card_columns!(),
            ", s.reps, s.ef, s.interval, s.due, s.lapses, s.suspended, s.buried_until, \
             s.last_review, EXISTS (SELECT 1 FROM card_tags t WHERE t.card_id = c.id \
             AND t.tag = 'leech') FROM cards c JOIN card_state s ON s.card_id = c.id"
        )
    };
}

const STATE_OFFSET: usize = 14;
const RETIRED_COLUMN: usize = 13;
const LEECH_COLUMN: usize = 22;

const GET_CARD: &str = concat!(record_select!(), " WHERE c.id = ?1");
const GET_CARDS: &str = concat!(
    record_select!(),
    " WHERE (?1 IS NULL OR c.deck GLOB ?1) AND (?2 IS NULL OR s.due <= ?2) AND (?3 OR c.retired = 0)
      ORDER BY c.ord, c.id"
);
const ALL_RECORDS: &str = concat!(record_select!(), " ORDER BY c.id");
const IDS_IN_RANGE: &str = "SELECT id FROM cards WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 2";
const COUNT_IN_RANGE: &str = "SELECT count(*) FROM cards WHERE id >= ?1 AND id < ?2";

// Both queue queries drive from `card_state_queue`; CROSS JOIN keeps SQLite
// from walking every active card in `ord` order instead.

/// Due cards: a range scan of `card_state_queue` on (suspended = 0, due <= today).
pub(crate) const GET_DUE: &str = "
    SELECT s.card_id, s.due FROM card_state s CROSS JOIN cards c INDEXED BY cards_queue
      ON c.id = s.card_id
    WHERE s.suspended = 0 AND s.due <= ?1
      AND (s.buried_until IS NULL OR s.buried_until <= ?1)
      AND c.retired = 0
      AND (?2 IS NULL OR c.deck IN (SELECT value FROM json_each(?2)))
    ORDER BY s.due, s.card_id";

/// The due cards up to the day of the `?3 + 1`-th most overdue one, all of
/// that day included, so the caller can shuffle within a day and still read
/// a few hundred rows rather than every due card of a large backlog.
pub(crate) const GET_MOST_OVERDUE: &str = "
    WITH due AS (
        SELECT s.card_id, s.due FROM card_state s CROSS JOIN cards c INDEXED BY cards_queue
          ON c.id = s.card_id
        WHERE s.suspended = 0 AND s.due <= ?1
          AND (s.buried_until IS NULL OR s.buried_until <= ?1)
          AND c.retired = 0
          AND (?2 IS NULL OR c.deck IN (SELECT value FROM json_each(?2)))
    )
    SELECT card_id, due FROM due
    WHERE due <= coalesce((SELECT due FROM due ORDER BY due LIMIT 1 OFFSET ?3), ?1)
    ORDER BY due, card_id";

/// New cards: the point (suspended = 0, due IS NULL) of `card_state_queue`.
pub(crate) const GET_NEW: &str = "
    SELECT s.card_id FROM card_state s CROSS JOIN cards c INDEXED BY cards_queue
      ON c.id = s.card_id
    WHERE s.suspended = 0 AND s.due IS NULL
      AND (s.buried_until IS NULL OR s.buried_until <= ?1)
      AND c.retired = 0
      AND (?2 IS NULL OR c.deck IN (SELECT value FROM json_each(?2)))
    ORDER BY c.ord, c.id
    LIMIT ?3";

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
        source: SourcePos {
            path: row.get(11)?,
            line: row.get(12)?,
        },
    })
}

/// The state columns `reps, ef, interval, due, lapses, suspended, buried_until,
/// last_review`, starting at column `at`.
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
pub(crate) fn decks_glob(pattern: &str) -> String {
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
            .query_row(GET_CARD, [id], row_to_card_record)
            .optional()
            .map_err(self.fail(format!("cannot read card {id}")))
    }

    /// Every card with its state, by id (for the check).
    pub(crate) fn all_records(self) -> Result<Vec<CardRecord>, StoreError> {
        self.rows(ALL_RECORDS, [], "the cards", row_to_card_record)
    }
}

impl Store {
    /// Active (not retired) cards.
    pub fn card_count(&self) -> Result<u64, StoreError> {
        let db = self.db();
        db.conn
            .query_row("SELECT count(*) FROM cards WHERE retired = 0", [], |r| {
                r.get(0)
            })
            .map_err(db.fail("cannot count the cards"))
    }

    pub fn get_card(&self, id: CardId) -> Result<Option<CardRecord>, StoreError> {
        self.db().get_card(id)
    }

    /// A card by its full id or a unique prefix of at least
    /// [`MIN_PREFIX_DIGITS`] hex digits; retired cards included.
    pub fn find_card(&self, id_or_prefix: &str) -> Result<CardRecord, StoreError> {
        let prefix = id_or_prefix.trim().to_ascii_lowercase();
        let unknown = || StoreError::UnknownCard(id_or_prefix.to_string());
        if prefix.len() < MIN_PREFIX_DIGITS || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(unknown());
        }
        let (low, high) = prefix_range(&prefix).ok_or_else(unknown)?;
        let db = self.db();
        let fail = || db.fail(format!("cannot look up card {prefix}"));
        let ids: Vec<CardId> = {
            let mut stmt = db.conn.prepare_cached(IDS_IN_RANGE).map_err(fail())?;
            let rows = stmt.query_map([low, high], |r| r.get(0)).map_err(fail())?;
            rows.collect::<Result<_, _>>().map_err(fail())?
        };
        match ids.as_slice() {
            [] => Err(unknown()),
            [id] => db.get_card(*id)?.ok_or_else(unknown),
            _ => {
                let count = db
                    .conn
                    .query_row(COUNT_IN_RANGE, [low, high], |r| r.get(0))
                    .map_err(fail())?;
                Err(StoreError::AmbiguousCard { prefix, count })
            }
        }
    }

    /// Cards matching `filter`, in introduction order.
    pub fn get_cards(&self, filter: &CardFilter) -> Result<Vec<CardRecord>, StoreError> {
        let db = self.db();
        let glob = filter.deck.as_deref().map(decks_glob);
        db.rows(
            GET_CARDS,
            params![glob, filter.due_on, filter.include_retired],
            "the cards",
            row_to_card_record,
        )
    }

    /// Cards to review on `today`: scheduled, due on or before it, neither
    /// suspended, retired nor buried past it; by due day, then roadmap order.
    /// `decks` keeps only those sections (`None` = all).
    pub fn get_due(
        &self,
        today: Day,
        decks: Option<&[String]>,
    ) -> Result<Vec<DueCard>, StoreError> {
        let db = self.db();
        let decks = decks_json(db, decks)?;
        db.due_cards(GET_DUE, params![today, decks])
    }

    /// At least the `limit` most overdue cards of [`Store::get_due`], plus
    /// every other card due the same day as the last of them.
    pub fn get_most_overdue(
        &self,
        today: Day,
        decks: Option<&[String]>,
        limit: u32,
    ) -> Result<Vec<DueCard>, StoreError> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let db = self.db();
        let decks = decks_json(db, decks)?;
        db.due_cards(GET_MOST_OVERDUE, params![today, decks, limit - 1])
    }

    /// Up to `limit` never-scheduled cards, in introduction order.
    pub fn get_new(
        &self,
        today: Day,
        limit: u32,
        decks: Option<&[String]>,
    ) -> Result<Vec<CardId>, StoreError> {
        let db = self.db();
        let decks = decks_json(db, decks)?;
        db.rows(
            GET_NEW,
            params![today, decks, limit],
            "the new cards",
            |r| r.get(0),
        )
    }

    /// The roadmap sections of the last sync, in roadmap order.
    pub fn sections(&self) -> Result<Vec<SectionInfo>, StoreError> {
        let sql = "SELECT id, title, goal FROM sections ORDER BY ord";
        self.db().rows(sql, [], "the sections", |r| {
            Ok(SectionInfo {
                id: r.get(0)?,
                title: r.get(1)?,
                goal: r.get(2)?,
            })
        })
    }

    /// The roadmap topics and subtopics of the last sync, in roadmap order.
    pub fn topics(&self) -> Result<Vec<TopicInfo>, StoreError> {
        let sql = "SELECT id, section, parent, number, title, detail FROM topics ORDER BY ord";
        self.db().rows(sql, [], "the topics", |r| {
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
            assert_eq!(decks_glob(pattern), glob, "{pattern}");
        }
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
