//! The log's side of `recall sync` (docs/sync.md): this device's id and
//! events in the sync format, the high-water mark per device, and the merge
//! of other devices' events, one transaction, after which every card they
//! touch is a replay of its log in the one order (clock, device, seq).
//! Queries: `sql/devices/`. (`sync.rs` is the compile's deck sync.)

use super::log::row_to_log_entry;
use super::{Db, Store, StoreError, UndoRefusal};
use crate::card::CardId;
use crate::history::{replay_with, Event, LogId};
use crate::synclog::{
    content_fingerprint, event_line, parse_event_line, DeviceId, GlobalId, SyncEvent, SyncKind,
};
use rusqlite::{params, OptionalExtension};
use std::collections::{BTreeSet, HashMap};

const DEVICE_ID: &str = include_str!("sql/devices/device_id.sql");
const OWN_EVENTS: &str = include_str!("sql/devices/own_events.sql");
const SEEN: &str = include_str!("sql/devices/seen.sql");
const LOG_ID_OF: &str = include_str!("sql/devices/log_id_of.sql");
const ADD_INCOMING: &str = include_str!("sql/devices/add_incoming.sql");
const CARD_ANSWER: &str = include_str!("sql/devices/card_answer.sql");
const PENDING: &str = include_str!("sql/devices/pending.sql");
const ADD_PENDING: &str = include_str!("sql/devices/add_pending.sql");
const REMOVE_PENDING: &str = include_str!("sql/devices/remove_pending.sql");
const RENEW_DEVICE_ID: &str = include_str!("sql/devices/renew_device_id.sql");

/// An event read from another device's file, with where it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub event: SyncEvent,
    /// `file:line`, for the warnings.
    pub source: String,
}

/// What [`Store::merge`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MergeReport {
    /// Events that entered the log (new ones and ones that had waited).
    pub applied: u64,
    /// Of those, events that had waited in a former sync.
    pub from_pending: u64,
    /// Events kept for later: their card or the event they undo is missing.
    pub pending: u64,
    /// Events this collection already had (read twice): skipped.
    pub already_seen: u64,
    /// Cards whose state the merge changed.
    pub cards_changed: Vec<CardId>,
    /// What the user should know, each with its `file:line` or event id.
    pub warnings: Vec<String>,
}

/// Why an event cannot enter the log now.
enum Wait {
    Card,
    Target,
    /// An undo that cannot apply here (already undone, another card's row).
    Refused(String),
}

impl Wait {
    fn reason(&self) -> String {
        match self {
            Wait::Card => "its card is not in this collection (yet)".into(),
            Wait::Target => "the event it undoes has not arrived".into(),
            Wait::Refused(why) => why.clone(),
        }
    }
}

impl Db<'_> {
    fn device_id(self) -> Result<DeviceId, StoreError> {
        let id: Option<String> = self
            .conn
            .query_row(DEVICE_ID, [], |r| r.get(0))
            .optional()
            .map_err(self.fail("cannot read the device id"))?;
        id.as_deref()
            .and_then(DeviceId::parse)
            .ok_or_else(|| StoreError::Damaged {
                path: self.path.to_path_buf(),
                problems: vec![format!("its device id is missing or not valid ({id:?})")],
            })
    }

    fn log_id_of(self, id: &GlobalId) -> Result<Option<LogId>, StoreError> {
        self.conn
            .query_row(LOG_ID_OF, params![id.device.as_str(), id.seq], |r| r.get(0))
            .optional()
            .map_err(self.fail(format!("cannot look up event {id}")))
    }

    fn card_answer(self, card: CardId) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(CARD_ANSWER, [card], |r| r.get(0))
            .optional()
            .map_err(self.fail(format!("cannot read card {card}")))
    }

    /// Appends `e` to the log with its origin, or says why it must wait.
    /// Returns whether the card's content differs from the origin's.
    fn apply_incoming(self, e: &SyncEvent) -> Result<Result<bool, Wait>, StoreError> {
        let Some(answer) = self.card_answer(e.card)? else {
            return Ok(Err(Wait::Card));
        };
        let event = match &e.kind {
            SyncKind::Answer { quality, effect } => Event::Answer {
                quality: *quality,
                effect: *effect,
            },
            SyncKind::Undo { target } => {
                let Some(row) = self.log_id_of(target)? else {
                    return Ok(Err(Wait::Target));
                };
                match self.check_undo_target(e.card, row) {
                    Ok(()) => {}
                    Err(StoreError::BadUndo { reason, .. }) => {
                        let why = match reason {
                            UndoRefusal::AlreadyUndone => {
                                format!("{target} is already undone by another event")
                            }
                            other => format!("it cannot undo {target}: {other}"),
                        };
                        return Ok(Err(Wait::Refused(why)));
                    }
                    Err(other) => return Err(other),
                }
                Event::Undo { target: row }
            }
            SyncKind::Suspend => Event::Suspend,
            SyncKind::Unsuspend => Event::Unsuspend,
            SyncKind::Bury { until } => Event::Bury { until: *until },
            SyncKind::Import { state, memory } => Event::Import {
                state: *state,
                memory: *memory,
            },
        };
        self.run(
            ADD_INCOMING,
            params![e.id.device.as_str(), e.id.seq, e.clock_ms],
            format!("cannot log event {}", e.id),
        )?;
        self.add_log(
            e.card,
            event,
            e.at_ms,
            e.day,
            e.elapsed_ms,
            e.typed.as_deref(),
        )?;
        let differs = e
            .content
            .as_ref()
            .is_some_and(|c| *c != content_fingerprint(&answer));
        Ok(Ok(differs))
    }

    fn pending(self) -> Result<Vec<(String, u64, String)>, StoreError> {
        self.rows(PENDING, [], "the pending sync events", |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
    }
}

impl Store {
    /// This collection's device id.
    pub fn device_id(&self) -> Result<DeviceId, StoreError> {
        self.db().device_id()
    }

    /// Gives this collection a new random device id (`sync
    /// --new-device-id`, for a copied collection) and returns it. The events
    /// logged so far keep the id they were logged under, as the other devices
    /// have them; the next ones are the new id's, from sequence number 1.
    pub fn renew_device_id(&mut self) -> Result<DeviceId, StoreError> {
        self.write("cannot give this collection a new device id", |db| {
            let old = db.device_id()?;
            let seen = seen_in(db)?;
            loop {
                db.run(RENEW_DEVICE_ID, [], "cannot store the new device id")?;
                let new = db.device_id()?;
                // 64 random bits: a clash is only thinkable, but must not
                // make two devices' events one device's.
                if new != old && !seen.contains_key(&new) {
                    return Ok(new);
                }
            }
        })
    }

    /// Per device, the highest sequence number held (in the log or waiting).
    pub fn seen(&self) -> Result<HashMap<DeviceId, u64>, StoreError> {
        seen_in(self.db())
    }

    /// This device's events after sequence number `after`, in sequence.
    pub fn own_events(&self, after: u64) -> Result<Vec<SyncEvent>, StoreError> {
        let db = self.db();
        let device = db.device_id()?;
        type Row = (
            crate::history::LogEntry,
            u64,
            i64,
            Option<String>,
            Option<String>,
            Option<u64>,
        );
        let rows: Vec<Row> = db.rows(
            OWN_EVENTS,
            params![device.as_str(), after],
            "this device's events",
            |r| {
                Ok((
                    row_to_log_entry(r)?,
                    r.get(16)?,
                    r.get(17)?,
                    r.get(18)?,
                    r.get(19)?,
                    r.get(20)?,
                ))
            },
        )?;
        rows.into_iter()
            .map(|(entry, seq, clock_ms, answer, t_device, t_seq)| {
                let kind = match entry.event {
                    Event::Answer { quality, effect } => SyncKind::Answer { quality, effect },
                    Event::Undo { target } => {
                        let id = t_device
                            .as_deref()
                            .and_then(DeviceId::parse)
                            .zip(t_seq)
                            .map(|(device, seq)| GlobalId { device, seq });
                        SyncKind::Undo {
                            target: id.ok_or_else(|| StoreError::Damaged {
                                path: db.path.to_path_buf(),
                                problems: vec![format!(
                                    "log row {} undoes row {}, which has no origin",
                                    entry.id.0, target.0
                                )],
                            })?,
                        }
                    }
                    Event::Suspend => SyncKind::Suspend,
                    Event::Unsuspend => SyncKind::Unsuspend,
                    Event::Bury { until } => SyncKind::Bury { until },
                    Event::Import { state, memory } => SyncKind::Import { state, memory },
                };
                Ok(SyncEvent {
                    id: GlobalId {
                        device: device.clone(),
                        seq,
                    },
                    clock_ms,
                    at_ms: entry.at_ms,
                    day: entry.day,
                    card: entry.card,
                    content: answer.as_deref().map(content_fingerprint),
                    kind,
                    elapsed_ms: entry.elapsed_ms,
                    typed: entry.typed,
                })
            })
            .collect()
    }

    /// Appends the events of other devices this collection has not seen,
    /// together with those that waited from earlier syncs, in one
    /// transaction; an event whose card (or undone event) is missing waits
    /// in `sync_pending`. Then every card touched is set to the replay of
    /// its log. Merging the same events again changes nothing.
    pub fn merge(&mut self, incoming: Vec<Incoming>) -> Result<MergeReport, StoreError> {
        self.write("cannot merge the synced events", |db| {
            let first_new = db.next_log_id()?;
            let own = db.device_id()?;
            let seen = seen_in(db)?;
            let mut report = MergeReport::default();
            let mut waiting: Vec<(Incoming, bool)> = Vec::new();
            for (device, seq, line) in db.pending()? {
                let source = format!("waiting event {device}-{seq}");
                match parse_event_line(&line) {
                    Ok(event) => waiting.push((Incoming { event, source }, true)),
                    Err(e) => report.warnings.push(format!("{source}: {e}")),
                }
            }
            for i in incoming {
                let id = &i.event.id;
                if id.device == own {
                    report.warnings.push(format!(
                        "{}: event {id} has this device's id but was not written by it; skipped",
                        i.source
                    ));
                } else if seen.get(&id.device).is_some_and(|&hw| id.seq <= hw) {
                    report.already_seen += 1;
                } else {
                    waiting.push((i, false));
                }
            }
            waiting.sort_by(|(a, _), (b, _)| {
                (a.event.clock_ms, &a.event.id).cmp(&(b.event.clock_ms, &b.event.id))
            });
            let mut touched = BTreeSet::new();
            // An undo may come before the event it undoes (another device's
            // file read later): passes until nothing more applies.
            let left: Vec<(Incoming, Wait)> = loop {
                let mut progress = false;
                let mut still = Vec::new();
                for (i, was_pending) in waiting {
                    match db.apply_incoming(&i.event)? {
                        Ok(differs) => {
                            progress = true;
                            report.applied += 1;
                            touched.insert(i.event.card);
                            if was_pending {
                                report.from_pending += 1;
                                let id = &i.event.id;
                                db.run(
                                    REMOVE_PENDING,
                                    params![id.device.as_str(), id.seq],
                                    format!("cannot clear waiting event {id}"),
                                )?;
                            }
                            if differs {
                                report.warnings.push(format!(
                                    "{}: card {} has another answer on device {} (decks out of step); its history is merged by card id",
                                    i.source, i.event.card, i.event.id.device
                                ));
                            }
                        }
                        Err(wait) => still.push((i, was_pending, wait)),
                    }
                }
                if !progress || still.is_empty() {
                    break still.into_iter().map(|(i, _, wait)| (i, wait)).collect();
                }
                waiting = still.into_iter().map(|(i, p, _)| (i, p)).collect();
            };
            for (i, wait) in &left {
                let why = wait.reason();
                let id = &i.event.id;
                db.run(
                    ADD_PENDING,
                    params![id.device.as_str(), id.seq, event_line(&i.event), why],
                    format!("cannot keep event {id} for later"),
                )?;
                report.pending += 1;
                report.warnings.push(format!(
                    "{}: event {id} for card {} waits: {why}",
                    i.source, i.event.card
                ));
            }
            for card in touched {
                let Some(record) = db.get_card(card)? else {
                    continue;
                };
                db.recount_day_stats(card, first_new)?;
                let state = replay_with(db.scheduler, &db.get_log(card)?);
                if state != record.state {
                    db.update_state(card, &state)?;
                    report.cards_changed.push(card);
                }
            }
            Ok(report)
        })
    }
}

fn seen_in(db: Db<'_>) -> Result<HashMap<DeviceId, u64>, StoreError> {
    let rows: Vec<(String, u64)> = db.rows(SEEN, [], "the sync high-water marks", |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows
        .into_iter()
        .filter_map(|(d, seq)| DeviceId::parse(&d).map(|d| (d, seq)))
        .collect())
}
