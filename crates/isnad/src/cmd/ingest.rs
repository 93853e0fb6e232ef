//! `isnad ingest PATH... [--db FILE]`: add documents to a dossier.

use crate::term::clean;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use isnad_store::{Event, Outcome, Summary, Target};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders (every file in them): plain text, HTML, WARC / WARC.gz, JSON
    /// Lines; `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The dossier database: a SQLite file (created if missing; its search index sits
    /// beside it) or a PostgreSQL URL, `postgres://user@host/dbname` (its tables created
    /// if missing; several ingests may write one at once).
    #[arg(long, default_value = "isnad.db", value_parser = super::target_parser())]
    pub db: Target,
}

pub(crate) fn print_summary(sum: &Summary, verb: &str) {
    if verb == "ingest" {
        println!(
            "added {}, unchanged {}, replaced {}, failed {}; claims stored {} (and {} dates)",
            sum.added,
            sum.unchanged,
            sum.replaced,
            sum.failed.len(),
            sum.claims,
            sum.dates
        );
    } else {
        println!(
            "refreshed {}, failed {}; claims stored {} (and {} dates)",
            sum.refreshed,
            sum.failed.len(),
            sum.claims,
            sum.dates
        );
    }
    if !sum.failed.is_empty() {
        println!("failed documents:");
        for f in &sum.failed {
            println!("  {}: {}", clean(&f.source), clean(&f.reason));
        }
    }
}

/// Progress on stderr: a bar on a terminal, otherwise a line per failure and one per
/// thousand documents (logs of a long batch stay readable).
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    done: AtomicU64,
}

impl Progress {
    pub(crate) fn new(total_hint: Option<u64>) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = match total_hint {
                Some(n) => ProgressBar::new(n),
                None => ProgressBar::new_spinner(),
            };
            let style = ProgressStyle::with_template("{spinner} [{elapsed_precise}] {pos} documents ({per_sec}) {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
            b.set_style(style);
            b
        });
        Progress { bar, done: AtomicU64::new(0) }
    }

    pub(crate) fn event(&self, e: &Event) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        match (&self.bar, e) {
            (Some(b), Event::Failed(f)) => {
                b.println(format!("failed: {}: {}", clean(&f.source), clean(&f.reason)));
                b.inc(1);
            }
            (Some(b), Event::Done { key, outcome, .. }) => {
                if n.is_multiple_of(64) {
                    let verb = match outcome {
                        Outcome::Added(_) => "added",
                        Outcome::Replaced(_) => "replaced",
                        Outcome::Unchanged(_) => "unchanged",
                    };
                    b.set_message(format!("{verb} {}", clean(key)));
                }
                b.inc(1);
            }
            (Some(b), _) => b.inc(1),
            (None, Event::Failed(f)) => eprintln!("failed: {}: {}", clean(&f.source), clean(&f.reason)),
            (None, _) if n.is_multiple_of(1000) => eprintln!("{n} documents"),
            (None, _) => {}
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let (inputs, skipped) = crate::input::collect_skipping(&args.paths, crate::input::Take::Documents);
    if !skipped.is_empty() {
        eprintln!("isnad: skipped {} file(s) in the folders given, not documents:", skipped.len());
        for (name, why) in &skipped {
            eprintln!("  {}: {}", clean(name), clean(why));
        }
    }
    let mut dossier = super::open(&args.db, None, false)?;
    super::print_notices(&dossier);
    dossier.on_wait(|| eprintln!("isnad: another isnad is writing this dossier; waiting for it to finish"));
    let progress = Progress::new(None);
    let limits = isnad_ingest::Limits::default();
    // Read lazily, one input after another: a WARC or JSON Lines file of any size is
    // read a record at a time.
    let items = inputs.into_iter().flat_map(|i| crate::input::documents(i, None, &limits));
    let sum = dossier.ingest(items, &|e| progress.event(e)).context("ingest stopped")?;
    progress.finish();
    dossier.close()?;
    print_summary(&sum, "ingest");
    Ok(if sum.failed.is_empty() { 0 } else { 1 })
}
