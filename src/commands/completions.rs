//! `recall completions SHELL`: a completion script generated from the clap
//! definition, so it never falls behind the commands.

use super::Ctx;
use crate::cli::{Cli, CompletionsArgs, Shell};
use crate::error::Result;
use clap::CommandFactory;
use clap_complete::{generate, shells};

pub fn run(args: &CompletionsArgs, ctx: &mut Ctx) -> Result<()> {
    let mut command = Cli::command();
    let name = command.get_name().to_string();
    let mut script = Vec::new();
    match args.shell {
        Shell::Bash => generate(shells::Bash, &mut command, name, &mut script),
        Shell::Zsh => generate(shells::Zsh, &mut command, name, &mut script),
        Shell::Fish => generate(shells::Fish, &mut command, name, &mut script),
    }
    ctx.print(&String::from_utf8_lossy(&script))
}
