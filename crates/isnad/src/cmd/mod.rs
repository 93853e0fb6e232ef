//! One module per subcommand; each has `Args` (clap) and `run(Args) -> anyhow::Result<i32>`
//! returning the process exit status.

pub mod claims;
pub mod entities;
pub mod extract;
pub mod ingest;
pub mod reextract;
pub mod reindex;
pub mod report;
pub mod search;
pub mod serve;

/// What opening the dossier found and did (index rebuilt, behind, a writer at work),
/// on stderr.
pub(crate) fn print_notices(d: &isnad_store::Dossier) {
    for n in d.notices() {
        eprintln!("isnad: {n}");
    }
}
