//! The review log: recording answers and other events (each in its own
//! durable transaction), and reading and counting it.

use super::cards::row_to_state;
use super::{AnswerMode, Db, NewAnswer, Store, StoreError};
use crate::card::CardId;
use crate::day::Day;
use crate::history::{apply, replay, CardState, Effect, Event, LogEntry, LogId};
use crate::sched::{Quality, Sm2State};
use rusqlite::types::Type;
use rusqlite::{params, OptionalExtension, Row};

macro_rules! log_select {
    () => {
        "SELECT r.id, r.card_id, r.at_ms, r.day, r.event, r.quality, r.effect, r.target, \
         r.until_day, r.elapsed_ms, r.typed, r.reps, r.ef, r.interval, r.due, r.lapses \
         FROM review_log r"
    };
}

/// A row that no undo targets.
macro_rules! not_undone {
    ($row:literal) => {
        concat!(
            "NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = ",
            $row,
            ".id)"
        )
    };
}
pub(crate) use not_undone;

const CARD_LOG: &str = concat!(log_select!(), " WHERE r.card_id = ?1 ORDER BY r.id");
pub(crate) const DAY_LOG: &str = concat!(log_select!(), " WHERE r.day = ?1 ORDER BY r.id");
pub(crate) const ALL_LOG: &str = concat!(log_select!(), " ORDER BY r.card_id, r.id");

const LAST_UNDOABLE: &str = concat!(
    log_select!(),
    " JOIN cards c ON c.id = r.card_id
      WHERE r.event = 'answer' AND r.at_ms >= ?1 AND (?2 IS NULL OR r.card_id = ?2)
        AND c.retired = 0 AND ",
    not_undone!("r"),
    " ORDER BY r.id DESC LIMIT 1"
);

const CARD_STATE: &str = "
    SELECT c.retired, s.reps, s.ef, s.interval, s.due, s.lapses, s.suspended, s.buried_until,
           s.last_review
    FROM cards c JOIN card_state s ON s.card_id = c.id WHERE c.id = ?1";

const UPDATE_STATE: &str = "
    UPDATE card_state SET reps = ?2, ef = ?3, interval = ?4, due = ?5, lapses = ?6,
                          suspended = ?7, buried_until = ?8, last_review = ?9
    WHERE card_id = ?1";

const INSERT_LOG: &str = "
    INSERT INTO review_log (card_id, at_ms, day, event, quality, effect, target, until_day,
                            elapsed_ms, typed, reps, ef, interval, due, lapses)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";

const UNDO_TARGET: &str = concat!(
    "SELECT r.card_id, r.event, ",
    not_undone!("r"),
    " FROM review_log r WHERE r.id = ?1"
);

pub(crate) fn row_to_log_entry(row: &Row<'_>) -> rusqlite::Result<LogEntry> {
    // Borrowed: this runs once per log row, a million times in an export.
    let kind = row.get_ref(4)?.as_str()?;
    let event = match kind {
        "answer" => Event::Answer {
            quality: row.get(5)?,
            effect: row.get(6)?,
        },
        "undo" => Event::Undo {
            target: row.get(7)?,
        },
        "suspend" => Event::Suspend,
        "unsuspend" => Event::Unsuspend,
        "bury" => Event::Bury { until: row.get(8)? },
        "import" => Event::Import {
            state: Sm2State {
                reps: row.get(11)?,
                ef: row.get(12)?,
                interval: row.get(13)?,
                due: row.get(14)?,
                lapses: row.get(15)?,
            },
        },
        other => {
            return Err(rusqlite::Error::FromSqlConversionFailure(
                4,
                Type::Text,
                format!("unknown log event {other:?}").into(),
            ))
        }
    };
    Ok(LogEntry {
        id: row.get(0)?,
        card: row.get(1)?,
        at_ms: row.get(2)?,
        day: row.get(3)?,
        event,
        elapsed_ms: row.get(9)?,
        typed: row.get(10)?,
    })
}

/// The columns of `event`: its name, quality, effect, target and until day.
type EventColumns = (
    &'static str,
    Option<Quality>,
    Option<Effect>,
    Option<LogId>,
    Option<Day>,
);

fn event_columns(event: &Event) -> EventColumns {
    match event {
        Event::Answer { quality, effect } => ("answer", Some(*quality), Some(*effect), None, None),
        Event::Undo { target } => ("undo", None, None, Some(*target), None),
        Event::Suspend => ("suspend", None, None, None, None),
        Event::Unsuspend => ("unsuspend", None, None, None, None),
        Event::Bury { until } => ("bury", None, None, None, Some(*until)),
        Event::Import { .. } => ("import", None, None, None, None),
    }
}

impl Db<'_> {
    fn entries(
        self,
        sql: &str,
        param: impl rusqlite::ToSql,
        what: &str,
    ) -> Result<Vec<LogEntry>, StoreError> {
        let what = format!("the review log ({what})");
        self.rows(sql, [param], &what, row_to_log_entry)
    }

    pub(crate) fn get_log(self, card: CardId) -> Result<Vec<LogEntry>, StoreError> {
        self.entries(CARD_LOG, card, &format!("card {card}"))
    }

    /// The state of a card that may be written to: known and not retired.
    pub(super) fn writable_state(self, card: CardId) -> Result<CardState, StoreError> {
        let found = self
            .conn
            .prepare_cached(CARD_STATE)
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

    /// Runs `sql` (an insert or update of `card_state`) with the state's
    /// columns as `?1`–`?9`: card, reps, ef, interval, due, lapses,
    /// suspended, buried_until, last_review.
    pub(crate) fn write_state(
        self,
        sql: &str,
        card: CardId,
        state: &CardState,
    ) -> Result<(), StoreError> {
        let sm2 = &state.sm2;
        self.conn
            .prepare_cached(sql)
            .and_then(|mut s| {
                s.execute(params![
                    card,
                    sm2.reps,
                    sm2.ef,
                    sm2.interval,
                    sm2.due,
                    sm2.lapses,
                    state.suspended,
                    state.buried_until,
                    state.last_review,
                ])
            })
            .map_err(self.fail(format!("cannot store the state of card {card}")))?;
        Ok(())
    }

    pub(crate) fn insert_log(
        self,
        card: CardId,
        event: Event,
        at_ms: i64,
        day: Day,
        elapsed_ms: Option<i64>,
        typed: Option<&str>,
    ) -> Result<LogEntry, StoreError> {
        let (name, quality, effect, target, until) = event_columns(&event);
        let set = match &event {
            Event::Import { state } => Some(state),
            _ => None,
        };
        self.conn
            .prepare_cached(INSERT_LOG)
            .and_then(|mut s| {
                s.execute(params![
                    card,
                    at_ms,
                    day,
                    name,
                    quality,
                    effect,
                    target,
                    until,
                    elapsed_ms,
                    typed,
                    set.map(|s| s.reps),
                    set.map(|s| s.ef),
                    set.map(|s| s.interval),
                    set.and_then(|s| s.due),
                    set.map(|s| s.lapses),
                ])
            })
            .map_err(self.fail(format!("cannot log {name} of card {card}")))?;
        Ok(LogEntry {
            id: LogId(self.conn.last_insert_rowid()),
            card,
            at_ms,
            day,
            event,
            elapsed_ms,
            typed: typed.map(str::to_string),
        })
    }

    /// Refuses an undo of anything but a not-yet-undone answer of `card`.
    fn check_undo_target(self, card: CardId, target: LogId) -> Result<(), StoreError> {
        let found: Option<(CardId, String, bool)> = self
            .conn
            .prepare_cached(UNDO_TARGET)
            .and_then(|mut s| {
                s.query_row([target], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
            })
            .map_err(self.fail(format!("cannot read log row {}", target.0)))?;
        let reason = match found {
            None => "there is no such log row".to_string(),
            Some((owner, _, _)) if owner != card => format!("it belongs to card {owner}"),
            Some((_, event, _)) if event != "answer" => format!("it is a {event}, not an answer"),
            Some((_, _, false)) => "it is already undone".to_string(),
            Some(_) => return Ok(()),
        };
        Err(StoreError::BadUndo {
            card,
            target,
            reason,
        })
    }
}

impl Db<'_> {
    /// Logs an answer and applies it; returns the row and the state before
    /// and after. In a review the first answer on a day the card is due runs
    /// SM-2 and later ones repeat; a drill changes nothing.
    pub(super) fn answer(
        self,
        a: &NewAnswer<'_>,
    ) -> Result<(LogEntry, CardState, CardState), StoreError> {
        let state = self.writable_state(a.card)?;
        let effect = match a.mode {
            AnswerMode::Drill => Effect::Drill,
            AnswerMode::Review => Effect::for_review(&state.sm2, a.day),
        };
        let event = Event::Answer {
            quality: a.quality,
            effect,
        };
        let entry = self.insert_log(a.card, event, a.at_ms, a.day, a.elapsed_ms, a.typed)?;
        let next = apply(&state, &entry.event, a.day);
        if next != state {
            self.update_state(a.card, &next)?;
        }
        Ok((entry, state, next))
    }
}

impl Store {
    /// Logs an answer and applies it, in one durable transaction. In a review
    /// the first answer on a day the card is due runs SM-2 and later ones
    /// repeat; a drill changes nothing.
    #[allow(clippy::too_many_arguments)]
    pub fn record_answer(
        &mut self,
        card: CardId,
        quality: Quality,
        mode: AnswerMode,
        at_ms: i64,
        day: Day,
        elapsed_ms: Option<i64>,
        typed: Option<&str>,
    ) -> Result<(LogEntry, CardState), StoreError> {
        let answer = NewAnswer {
            card,
            quality,
            mode,
            at_ms,
            day,
            elapsed_ms,
            typed,
        };
        self.write("cannot record the answer", |db| {
            let (entry, _, next) = db.answer(&answer)?;
            Ok((entry, next))
        })
    }

    /// Logs a suspend, unsuspend, bury or undo and applies it, in one durable
    /// transaction. An undo must target a not-yet-undone answer of `card`;
    /// the card's state is then a replay of its whole log.
    pub fn record(
        &mut self,
        card: CardId,
        event: Event,
        at_ms: i64,
        day: Day,
    ) -> Result<(LogEntry, CardState), StoreError> {
        self.write("cannot record the event", |db| {
            let state = db.writable_state(card)?;
            let next = match event {
                Event::Answer { .. } => {
                    return Err(StoreError::BadEvent {
                        card,
                        reason: "answers go through record_answer".into(),
                    })
                }
                Event::Undo { target } => {
                    db.check_undo_target(card, target)?;
                    let entry = db.insert_log(card, event, at_ms, day, None, None)?;
                    let next = replay(&db.get_log(card)?);
                    (entry, next)
                }
                Event::Suspend | Event::Unsuspend | Event::Bury { .. } | Event::Import { .. } => {
                    let entry = db.insert_log(card, event, at_ms, day, None, None)?;
                    let next = apply(&state, &entry.event, day);
                    (entry, next)
                }
            };
            if next.1 != state {
                db.update_state(card, &next.1)?;
            }
            Ok(next)
        })
    }

    /// The newest answer at or after `since_ms` (of `card`, if given) that is
    /// not undone yet and whose card is not retired.
    pub fn last_undoable(
        &self,
        card: Option<CardId>,
        since_ms: i64,
    ) -> Result<Option<LogEntry>, StoreError> {
        let db = self.db();
        db.conn
            .prepare_cached(LAST_UNDOABLE)
            .and_then(|mut s| {
                s.query_row(params![since_ms, card], row_to_log_entry)
                    .optional()
            })
            .map_err(db.fail("cannot read the review log (last answer)"))
    }

    /// A card's whole log, in log order.
    pub fn get_log(&self, card: CardId) -> Result<Vec<LogEntry>, StoreError> {
        self.db().get_log(card)
    }

    /// Every row logged on `day`, in log order.
    pub fn get_day_log(&self, day: Day) -> Result<Vec<LogEntry>, StoreError> {
        self.db().entries(DAY_LOG, day, &format!("day {day}"))
    }
}
