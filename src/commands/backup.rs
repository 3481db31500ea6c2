//! `recall backup [-o FILE]`: a consistent copy of the collection, taken while
//! other sessions may keep writing.

use super::Ctx;
use crate::cli::BackupArgs;
use crate::error::Result;
use crate::store::BackupReason;

pub fn run(args: &BackupArgs, ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open_existing()?;
    let written = match &args.output {
        Some(path) => {
            store.backup_to(path)?;
            path.clone()
        }
        None => store
            .auto_backup(BackupReason::Manual)?
            .unwrap_or_else(|| ctx.db().to_path_buf()),
    };
    let cards = store.cards().count()?;
    ctx.println(&format!(
        "backed up {} ({cards} cards) to {}",
        ctx.db().display(),
        written.display()
    ))
}
