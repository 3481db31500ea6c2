pub fn run(_args: &crate::cli::AddArgs, _ctx: &mut super::Ctx) -> crate::error::Result<()> {
    Ok(())
}
