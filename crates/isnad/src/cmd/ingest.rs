//! `isnad ingest PATH... [--db FILE]`: add documents to a dossier.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use isnad_ingest::{DocError, Document, Reason};
use isnad_store::{Dossier, Event, Outcome, Summary};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders: plain text, HTML, WARC / WARC.gz, JSON Lines.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The dossier database (created if missing); its search index sits beside it.
    #[arg(long, default_value = "isnad.db")]
    pub db: PathBuf,
}

/// Every file under the given paths, folders walked in name order, hidden files skipped.
pub(crate) fn input_files(paths: &[PathBuf]) -> Vec<Result<PathBuf, DocError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let walk = walkdir::WalkDir::new(p).sort_by_file_name().into_iter().filter_entry(|e| {
                e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
            });
            for e in walk {
                match e {
                    Ok(e) if e.file_type().is_file() => out.push(Ok(e.into_path())),
                    Ok(_) => {}
                    Err(e) => out.push(Err(io_error(&p.display().to_string(), e.to_string()))),
                }
            }
        } else {
            out.push(Ok(p.clone()));
        }
    }
    out
}

fn io_error(name: &str, msg: String) -> DocError {
    DocError { source_name: name.to_string(), reason: Reason::Undecodable(format!("cannot read: {msg}")) }
}

/// Documents of one file, read when the pipeline gets to it.
fn documents(path: &Path) -> Vec<Result<Document, DocError>> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => isnad_ingest::parse(&name, &bytes),
        Err(e) => vec![Err(io_error(&name, e.to_string()))],
    }
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
        println!("refreshed {}, failed {}; claims stored {} (and {} dates)", sum.refreshed, sum.failed.len(), sum.claims, sum.dates);
    }
    if !sum.failed.is_empty() {
        println!("failed documents:");
        for f in &sum.failed {
            println!("  {}: {}", f.source, f.reason);
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
                b.println(format!("failed: {}: {}", f.source, f.reason));
                b.inc(1);
            }
            (Some(b), Event::Done { key, outcome, .. }) => {
                if n % 64 == 0 {
                    let verb = match outcome {
                        Outcome::Added(_) => "added",
                        Outcome::Replaced(_) => "replaced",
                        Outcome::Unchanged(_) => "unchanged",
                    };
                    b.set_message(format!("{verb} {key}"));
                }
                b.inc(1);
            }
            (Some(b), _) => b.inc(1),
            (None, Event::Failed(f)) => eprintln!("failed: {}: {}", f.source, f.reason),
            (None, _) if n % 1000 == 0 => eprintln!("{n} documents"),
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
    let files = input_files(&args.paths);
    let mut dossier =
        Dossier::open(&args.db).with_context(|| format!("opening dossier {}", args.db.display()))?;
    let progress = Progress::new(None);
    let items = files.into_iter().flat_map(|f| match f {
        Ok(path) => documents(&path),
        Err(e) => vec![Err(e)],
    });
    let sum = dossier.ingest(items, &|e| progress.event(e)).context("ingest stopped")?;
    progress.finish();
    dossier.close()?;
    print_summary(&sum, "ingest");
    Ok(if sum.failed.is_empty() { 0 } else { 1 })
}
