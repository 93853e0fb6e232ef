//! `isnad reextract [--db FILE]`: refresh the claims of documents extracted by an older
//! extractor version (the text and the search index stay as they are).

use isnad_store::Target;

#[derive(clap::Args)]
pub struct Args {
    /// The dossier database.
    #[arg(long, default_value = "isnad.db", value_parser = super::target_parser())]
    pub db: Target,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    super::require_db(&args.db)?;
    let mut dossier = super::open(&args.db, None, false)?;
    super::print_notices(&dossier);
    dossier.on_wait(|| eprintln!("isnad: another isnad is writing this dossier; waiting for it to finish"));
    let progress = super::ingest::Progress::new(None);
    let sum = dossier.reextract(&|e| progress.event(e))?;
    progress.finish();
    dossier.close()?;
    super::ingest::print_summary(&sum, "reextract");
    Ok(if sum.failed.is_empty() { 0 } else { 1 })
}
