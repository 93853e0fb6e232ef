//! `isnad serve` (being built).

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<i32> {
    anyhow::bail!("`isnad serve` is not implemented yet")
}
