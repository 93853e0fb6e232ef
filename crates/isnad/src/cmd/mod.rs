//! One module per subcommand; each has `Args` (clap) and `run(Args) -> anyhow::Result<i32>`
//! returning the process exit status.

pub mod claims;
pub mod entities;
pub mod extract;
pub mod ingest;
pub mod reextract;
pub mod report;
pub mod search;
pub mod serve;
