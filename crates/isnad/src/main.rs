//! The `isnad` command line.

mod cmd;
mod input;
mod term;

use clap::{Parser, Subcommand};

// Extraction allocates many small strings per document; mimalloc's per-thread free
// lists make that cheaper than the system allocator. Built without transparent huge
// pages (`no_thp`): with them, each thread's arena grew resident in 2 MiB steps, and
// `serve` under 1,000 searching connections went from 345 to 466 MB (without: 351). `--features system-alloc` leaves
// it out, for heap profilers that see only malloc (heaptrack, massif).
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "isnad",
    version,
    about = "Who said which number: a ledger of quantitative claims across news reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Find every quantity claim and date in text files.
    Extract(cmd::extract::Args),
    /// List the entities (people, organisations, outlets) found, with their mentions.
    Entities(cmd::entities::Args),
    /// Add documents (text, HTML, WARC, JSON Lines) to a dossier database.
    Ingest(cmd::ingest::Args),
    /// Refresh the claims of documents extracted by an older extractor version.
    Reextract(cmd::reextract::Args),
    /// Rebuild the search index from the database.
    Reindex(cmd::reindex::Args),
    /// Full-text search over the dossier.
    Search(cmd::search::Args),
    /// Query and export stored claims.
    Claims(cmd::claims::Args),
    /// Write the ledger (figures across sources) as one self-contained HTML page.
    Report(cmd::report::Args),
    /// Serve the ledger, documents and search as a web UI with a JSON API (loopback by default).
    Serve(cmd::serve::Args),
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Entities(a) => cmd::entities::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Reextract(a) => cmd::reextract::run(a),
        Command::Reindex(a) => cmd::reindex::run(a),
        Command::Search(a) => cmd::search::run(a),
        Command::Claims(a) => cmd::claims::run(a),
        Command::Report(a) => cmd::report::run(a),
        Command::Serve(a) => cmd::serve::run(a),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("isnad: error: {e:#}");
            std::process::exit(2);
        }
    }
}
