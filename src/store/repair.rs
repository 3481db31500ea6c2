//! `recall check --repair`: make every card's stored state the replay of its
//! log again. The log is the truth; the state is a cache of it.

use super::check::mismatches;
use super::{BackupReason, Mismatch, Store, StoreError};
use crate::card::CardId;
use crate::history::replay_with;
use std::path::PathBuf;

/// What [`Store::repair`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RepairReport {
    /// Cards whose state was rewritten, with the old and the new state.
    pub rewritten: Vec<Mismatch>,
    /// Cards that had no state row and got one.
    pub restored: Vec<CardId>,
    /// The backup taken first; `None` when there was nothing to repair.
    pub backup: Option<PathBuf>,
}

impl Store {
    /// Rewrites the state of every card that disagrees with its log, and gives
    /// a card without a state row its replayed one, in one transaction, after
    /// an automatic backup. Writes nothing when all agree. Damage that
    /// SQLite's own checks find is refused: a replay cannot mend it.
    pub fn repair(&mut self) -> Result<RepairReport, StoreError> {
        let db = self.db();
        let problems = db.sqlite_problems()?;
        if !problems.is_empty() {
            return Err(StoreError::Damaged {
                path: db.path.to_path_buf(),
                problems,
            });
        }
        let log = db.log_by_card()?;
        let rewritten = mismatches(db.scheduler, &db.all_records()?, &log);
        let restored = db.cards_without_state()?;
        if rewritten.is_empty() && restored.is_empty() {
            return Ok(RepairReport::default());
        }
        let backup = self.auto_backup(BackupReason::Repair)?;
        self.write("cannot repair the card states", |db| {
            for m in &rewritten {
                db.update_state(m.card, &m.replayed)?;
            }
            for &card in &restored {
                let entries = log.get(&card).map_or(&[][..], Vec::as_slice);
                db.add_state(card, &replay_with(db.scheduler, entries))?;
            }
            Ok(())
        })?;
        Ok(RepairReport {
            rewritten,
            restored,
            backup,
        })
    }
}
