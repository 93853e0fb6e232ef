//! `isnad reindex [--db FILE]`: rebuild the search index from the database. The index
//! is derived data; this is the way back from a deleted, damaged or stale one (opening
//! a dossier also repairs it by itself, with a notice, when it can tell).

use anyhow::Context;
use isnad_store::Target;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The dossier database.
    #[arg(long, default_value = "isnad.db", value_parser = super::target_parser())]
    pub db: Target,
    /// Where this machine keeps a PostgreSQL dossier's search index (default: a folder
    /// under ~/.cache/isnad named after the database); a SQLite dossier's sits beside it.
    #[arg(long)]
    pub index: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    super::require_db(&args.db)?;
    let mut dossier = super::open(&args.db, args.index.as_deref(), true)?;
    super::print_notices(&dossier);
    dossier.on_wait(|| eprintln!("isnad: another isnad is writing this dossier; waiting for it to finish"));
    let n = dossier.reindex().context("rebuilding the search index")?;
    dossier.close()?;
    println!("reindexed {n} documents");
    Ok(0)
}
