//! `recall man`: the man page (roff), generated from the clap definition.

use super::Ctx;
use crate::cli::{Cli, ManArgs};
use crate::error::{Error, Result};
use clap::CommandFactory;

pub fn run(_args: &ManArgs, ctx: &mut Ctx) -> Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(Error::Terminal)?;
    ctx.print(&String::from_utf8_lossy(&page))
}
