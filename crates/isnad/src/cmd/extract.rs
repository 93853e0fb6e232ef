//! `isnad extract`: placeholder.

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<i32> {
    Ok(0)
}
