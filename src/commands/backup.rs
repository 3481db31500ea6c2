//! `recall backup [-o FILE]`: a consistent copy of the collection, taken while
//! other sessions may keep writing, with its media folder beside it.

use super::Ctx;
use crate::cli::BackupArgs;
use crate::error::Result;
use crate::store::{media_dir, BackupReason};

pub fn run(args: &BackupArgs, ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open_existing()?;
    let (written, media_files) = match &args.output {
        Some(path) => (path.clone(), store.backup_to(path)?),
        None => store
            .auto_backup_with_media(BackupReason::Manual)?
            .unwrap_or_else(|| (ctx.db().to_path_buf(), 0)),
    };
    let cards = store.cards().count()?;
    let media = match media_files {
        0 => String::new(),
        n => format!(", its {n} media files in {}", media_dir(&written).display()),
    };
    ctx.println(&format!(
        "backed up {} ({cards} cards) to {}{media}",
        ctx.db().display(),
        written.display()
    ))
}
