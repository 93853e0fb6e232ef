//! `isnad report [--db FILE] --out report.html`: the ledger as one self-contained HTML
//! page (no network, fonts or scripts), printable; `--json` writes its data model.

mod spill;
mod stream;

use anyhow::Context;
use isnad_ledger::{Corpus, Decision, DocInput};
use isnad_store::{ClaimFilter, LedgerStore, Store, Target};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "isnad.db", value_parser = super::target_parser())]
    pub db: Target,
    /// The HTML file to write.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also (or only) write the report's data model as JSON here.
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Figures drawn in full (chart and claims); the rest are listed in the summary only.
    #[arg(long, default_value_t = 200)]
    pub max_figures: usize,
    /// Language of the page (`ar`, `en`); default: the majority language of the documents.
    #[arg(long, value_parser = ["ar", "en"])]
    pub lang: Option<String>,
    /// No timing line on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Build the ledger from the whole dossier at once instead of one unit of events at
    /// a time (same figures, more memory): for checking the two against each other.
    #[arg(long, hide = true)]
    pub whole: bool,
}

/// Documents read from the store per query.
const DOC_BATCH: usize = 500;

/// Every stored document as the ledger reads it, without its claims: metadata, content
/// hash and stored event (one state per event, shared by its documents: a state holds
/// the event's centroid). The ledger reads the sentences stored with the claims, never
/// the text.
pub(crate) fn stored_docs<S: Store + LedgerStore>(store: &S) -> anyhow::Result<Vec<DocInput>> {
    let hashes = store.doc_hashes()?;
    let mut events = store.events()?;
    let states: HashMap<i64, std::sync::Arc<isnad_ledger::events::EventState>> =
        std::mem::take(&mut events.states).into_iter().map(|(id, s)| (id, std::sync::Arc::new(s))).collect();
    let mut docs = Vec::with_capacity(hashes.len());
    for chunk in hashes.chunks(DOC_BATCH) {
        let ids: Vec<i64> = chunk.iter().map(|x| x.0).collect();
        let hash_of: HashMap<i64, &str> = chunk.iter().map(|(i, h)| (*i, h.as_str())).collect();
        for d in store.documents(&ids)? {
            let event = events.of_doc.remove(&d.id);
            docs.push(DocInput {
                id: d.id,
                hash: hash_of.get(&d.id).map(|h| h.to_string()).unwrap_or_default(),
                event: event.as_ref().map(|(id, _)| (*id, states.get(id).cloned().unwrap_or_default())),
                event_reasons: event.map(|x| x.1),
                key: d.key,
                title: d.title,
                outlet: d.outlet,
                url: d.url,
                published: d.published,
                lang: d.lang,
                ..Default::default()
            });
        }
    }
    Ok(docs)
}

/// Reads the whole dossier for the ledger: documents with their claims, and the stored
/// decisions (with their ids, for undo).
pub(crate) fn load<S: Store + LedgerStore>(store: &S) -> anyhow::Result<(Corpus, Vec<(i64, Decision)>)> {
    let mut claims: HashMap<i64, (Vec<isnad_model::Quantity>, Vec<Option<String>>)> = HashMap::new();
    store.claims(&ClaimFilter::default(), &mut |row| {
        let e = claims.entry(row.doc_id).or_default();
        e.0.push(row.quantity);
        e.1.push(row.context);
        Ok(())
    })?;
    let mut inputs = stored_docs(store)?;
    for d in &mut inputs {
        (d.claims, d.contexts) = claims.remove(&d.id).unwrap_or_default();
    }
    Ok((Corpus::build(inputs), decisions(store)?))
}

/// The stored decisions that parse; one that does not (written by a newer isnad) is
/// skipped with a warning rather than failing the report.
pub(crate) fn decisions<S: LedgerStore>(store: &S) -> anyhow::Result<Vec<(i64, Decision)>> {
    let mut out = Vec::new();
    for d in store.decisions()? {
        match serde_json::from_str::<Decision>(&d.body) {
            Ok(x) => out.push((d.id, x)),
            Err(e) => eprintln!("isnad: skipping stored decision {}: {e}", d.id),
        }
    }
    Ok(out)
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    super::require_db(&args.db)?;
    if args.out.is_none() && args.json.is_none() {
        anyhow::bail!("say where to write: --out report.html (and/or --json model.json)");
    }
    let started = Instant::now();
    let dossier = super::open(&args.db, None, false)?;
    // The page needs every figure at hand; the model alone is written from a spill file,
    // one part of the dossier in memory at a time.
    let mut spill = if args.out.is_none() && !args.whole {
        let dir = std::env::temp_dir();
        Some(
            spill::Spill::new()
                .with_context(|| format!("creating the report's spill file in {} (set TMPDIR)", dir.display()))?,
        )
    } else {
        None
    };
    let (ledger, loaded) = {
        let store = dossier.store();
        let ds: Vec<Decision> = decisions(&*store)?.into_iter().map(|d| d.1).collect();
        let quiet = args.quiet;
        let mut progress = |u: usize, n: usize| {
            if !quiet && n >= 100 && u.is_multiple_of((n / 10).max(1)) {
                eprintln!("isnad: report: event group {u} of {n}");
            }
        };
        let streamed = if args.whole { None } else { stream::ledger(&*store, &ds, spill.as_mut(), &mut progress)? };
        match streamed {
            Some(l) => (l, None),
            None => {
                // A dossier without stored events is read whole; nothing was spilled.
                spill = None;
                let (corpus, _) = load(&*store)?;
                let loaded = started.elapsed();
                (isnad_ledger::ledger(&corpus, &ds).ledger, Some(loaded))
            }
        }
    };
    let figures = spill.as_ref().map_or(ledger.figures.len(), |s| s.len());
    if let Some(p) = &args.json {
        let f = std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?;
        match spill {
            Some(s) => s.write_model(&ledger, f).with_context(|| format!("writing {}", p.display()))?,
            None => serde_json::to_writer_pretty(std::io::BufWriter::new(f), &ledger)
                .with_context(|| format!("writing {}", p.display()))?,
        }
    }
    let mut size = 0;
    if let Some(p) = &args.out {
        let lang = match args.lang.as_deref() {
            Some(l) => isnad_ledger::html::Lang::from_code(l),
            None => isnad_ledger::html::Lang::from_code(ledger.lang),
        };
        let write = || -> std::io::Result<usize> {
            let mut w = std::io::BufWriter::new(std::fs::File::create(p)?);
            let n = isnad_ledger::html::write_report_in(&ledger, args.max_figures, lang, &mut w)?;
            std::io::Write::flush(&mut w)?;
            Ok(n)
        };
        size = write().with_context(|| format!("writing {}", p.display()))?;
    }
    if !args.quiet {
        let reading = loaded.map(|t| format!(" (reading {:.2}s)", t.as_secs_f64())).unwrap_or_default();
        eprintln!(
            "{} documents, {} claims, {} figures ({} claims stand alone); {:.2}s{reading}, page {} KiB",
            ledger.documents,
            ledger.claims,
            figures,
            ledger.ungrouped,
            started.elapsed().as_secs_f64(),
            size / 1024
        );
    }
    Ok(0)
}
