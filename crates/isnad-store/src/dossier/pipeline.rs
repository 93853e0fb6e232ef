//! Ingest and re-extraction. Extraction (the costly part) runs on all cores in
//! batches; one writer thread stores each batch (a transaction per batch where the
//! store allows, each document still all or nothing: [`Store::put_many`]) and feeds
//! the index, so the two overlap. A bounded channel keeps memory flat however many
//! documents come in.

use super::{ymd, Dossier};
use crate::{content_hash, NewDoc, Outcome, Store, StoreError};
use isnad_extract::{extract, Options, EXTRACTOR_VERSION};
use isnad_ingest::{DocError, Document};
use isnad_model::Record;
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::sync_channel;

/// Documents a killed run left without an event that one rerun assigns (the rest, if a
/// dossier ever holds more, on the next).
const MAX_RECOVERED: usize = 1_000_000;

const BATCH: usize = 256;

/// A document that could not be stored, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub source: String,
    pub reason: String,
}

/// What an ingest or re-extraction did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub added: u64,
    pub unchanged: u64,
    pub replaced: u64,
    /// Documents whose claims were refreshed (re-extraction).
    pub refreshed: u64,
    pub failed: Vec<Failure>,
    /// Quantity claims and dates written by this run.
    pub claims: u64,
    pub dates: u64,
    /// Ids of the documents added or replaced, whose events are assigned after the run.
    pub changed: Vec<i64>,
    /// Events opened by this run.
    pub events_opened: u64,
}

/// Progress, one event per document.
#[derive(Debug)]
pub enum Event<'a> {
    Done { key: &'a str, outcome: Outcome, claims: usize },
    Refreshed { key: &'a str, claims: usize },
    Failed(&'a Failure),
}

enum Msg {
    Extracted { doc: Document, hash: String, records: Result<Vec<Record>, String>, profile: Option<String> },
    Unchanged { doc: Document, id: i64 },
    Failed(Failure),
}

fn options(doc_published: Option<&str>, fetched: Option<&str>, lang: Option<&str>) -> Options {
    // A crawl date is a fair stand-in for resolving "last October" when a page has none.
    Options { published: ymd(doc_published).or_else(|| ymd(fetched)), lang: lang.and_then(isnad_extract::Lang::parse) }
}

/// Runs the extractor, turning a panic in it into this document's failure.
fn safe_extract(text: &str, opts: &Options) -> Result<Vec<Record>, String> {
    catch_unwind(AssertUnwindSafe(|| finite_only(extract(text, opts)))).map_err(panic_reason)
}

/// [`safe_extract`], also giving back the text's analysis (made under the same guard)
/// for the profile to read.
fn safe_extract_analyzed<'t>(text: &'t str, opts: &Options) -> Result<(isnad_text::Analyzed<'t>, Vec<Record>), String> {
    catch_unwind(AssertUnwindSafe(|| {
        let a = isnad_text::analyze(text);
        let records = finite_only(isnad_extract::extract_reusing(&a, opts));
        (a, records)
    }))
    .map_err(panic_reason)
}

fn panic_reason(p: Box<dyn std::any::Any + Send>) -> String {
    let msg = p
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    format!("extractor failed on this document: {msg}")
}

/// The records without claims whose value is not a finite number (`inf` from a
/// 400-digit number, NaN): no figure can be made of them.
pub fn finite_only(mut records: Vec<Record>) -> Vec<Record> {
    records.retain(|r| match r {
        Record::Quantity(q) => q.min.is_none_or(f64::is_finite) && q.max.is_none_or(f64::is_finite),
        Record::Date(_) => true,
    });
    records
}

fn count(records: &[Record]) -> (u64, u64) {
    let q = records.iter().filter(|r| matches!(r, Record::Quantity(_))).count() as u64;
    (q, records.len() as u64 - q)
}

impl<S: Store> Dossier<S> {
    /// Stores every document `items` yields. Per-document problems (unreadable input,
    /// extractor failures, a rejected write) are listed in the summary and do not stop
    /// the run; an error is returned only when the index itself cannot be written.
    pub fn ingest<I>(&mut self, items: I, on_event: &(dyn Fn(&Event) + Sync)) -> Result<Summary, StoreError>
    where
        I: Iterator<Item = Result<Document, DocError>>,
    {
        // One writer at a time: the queue below is cleared on the ground that this
        // process indexed everything in it.
        self.lock_for_writing()?;
        let (tx, rx) = sync_channel::<Vec<Msg>>(1);
        let commit_every = self.commit_every;
        let store = &self.store;
        // An index that could not be opened is not to be trusted with the queue: its
        // entries stay for the rebuild (`isnad reindex`).
        let index_ok = self.index_broken.is_none();
        // A shared store's indexes follow its change numbers: writers leave them be.
        let feed = !self.shared;
        let index = &mut self.index;
        std::thread::scope(|scope| {
            let writer = scope.spawn(move || -> Result<Summary, StoreError> {
                let mut sum = Summary::default();
                let mut since_commit = 0usize;
                for batch in rx {
                    // The batch's extracted documents are stored together (one commit),
                    // then every message is reported in its order.
                    let outcomes = {
                        let news: Vec<NewDoc> = batch
                            .iter()
                            .filter_map(|m| match m {
                                Msg::Extracted { doc, hash, records: Ok(records), profile, .. } => Some(NewDoc {
                                    doc,
                                    hash,
                                    records,
                                    extractor_version: EXTRACTOR_VERSION,
                                    profile: profile.as_deref(),
                                }),
                                _ => None,
                            })
                            .collect();
                        if news.is_empty() {
                            Vec::new()
                        } else {
                            store.lock().unwrap_or_else(|p| p.into_inner()).put_many(&news)
                        }
                    };
                    let mut outcomes = outcomes.into_iter();
                    for msg in batch {
                        match msg {
                            Msg::Failed(f) => {
                                on_event(&Event::Failed(&f));
                                sum.failed.push(f);
                            }
                            Msg::Unchanged { doc, id } => {
                                sum.unchanged += 1;
                                on_event(&Event::Done { key: &doc.key, outcome: Outcome::Unchanged(id), claims: 0 });
                            }
                            Msg::Extracted { doc, records: Err(reason), .. } => {
                                let f = Failure { source: doc.key.clone(), reason };
                                on_event(&Event::Failed(&f));
                                sum.failed.push(f);
                            }
                            Msg::Extracted { doc, records: Ok(records), .. } => {
                                let put = outcomes.next().unwrap_or_else(|| {
                                    Err(StoreError::Output("the store returned fewer outcomes than documents".into()))
                                });
                                let outcome = match put {
                                    Ok(o) => o,
                                    Err(e) => {
                                        let f = Failure { source: doc.key.clone(), reason: e.to_string() };
                                        on_event(&Event::Failed(&f));
                                        sum.failed.push(f);
                                        continue;
                                    }
                                };
                                let (q, d) = count(&records);
                                match outcome {
                                    Outcome::Added(_) => sum.added += 1,
                                    Outcome::Replaced(_) => sum.replaced += 1,
                                    Outcome::Unchanged(_) => sum.unchanged += 1,
                                }
                                if !matches!(outcome, Outcome::Unchanged(_)) {
                                    sum.changed.push(outcome.id());
                                    sum.claims += q;
                                    sum.dates += d;
                                    if feed {
                                        // The index cuts the keys again, on its own thread: handing it
                                        // the profile's (tantivy's pre-tokenized text) was measured
                                        // slower, as it goes through JSON both ways.
                                        index.put(outcome.id(), doc.title.as_deref(), &doc.text)?;
                                        since_commit += 1;
                                    }
                                }
                                on_event(&Event::Done { key: &doc.key, outcome, claims: q as usize });
                            }
                        }
                    }
                    // Only between batches: the queue is cleared up to what is stored,
                    // so everything stored must be in the index by then.
                    if feed && since_commit >= commit_every {
                        commit(store, index, index_ok)?;
                        since_commit = 0;
                    }
                }
                if feed {
                    commit(store, index, index_ok)?;
                }
                Ok(sum)
            });

            // Each batch is looked up in the store before the one extracted before it is
            // handed to the writer, so the lookups never wait for the writer's commit and
            // the writer stores one batch while the next is being extracted.
            let mut ready: Option<Vec<Msg>> = None;
            let mut items = items;
            loop {
                let batch: Vec<_> = items.by_ref().take(BATCH).collect();
                let todo = (!batch.is_empty()).then(|| look_up(store, batch));
                if let Some(msgs) = ready.take() {
                    if tx.send(msgs).is_err() {
                        break; // the writer stopped on an error it will report
                    }
                }
                let Some(todo) = todo else { break };
                ready = Some(extract_batch(todo));
            }
            drop(tx);
            writer.join().unwrap_or_else(|_| Err(StoreError::Output("writer thread panicked".into())))
        })
        .and_then(|mut sum| {
            // Events are assigned once the documents are in: in date order across the
            // whole run, so that a story opens with its first report.
            let mut store = self.store.lock().unwrap_or_else(|p| p.into_inner());
            // With them, any a killed run stored and never assigned (found unchanged now).
            let mut todo = sum.changed.clone();
            todo.extend(store.unassigned(MAX_RECOVERED)?);
            todo.sort_unstable();
            todo.dedup();
            sum.events_opened = store.assign_events(&todo)?;
            drop(store);
            if self.shared {
                // This process's own index (if it keeps one) learns what it wrote.
                self.catch_up()?;
            }
            Ok(sum)
        })
    }

    /// Re-extracts every document whose claims came from another extractor version.
    pub fn reextract(&mut self, on_event: &(dyn Fn(&Event) + Sync)) -> Result<Summary, StoreError> {
        self.lock_for_writing()?;
        let mut sum = Summary::default();
        let mut after = 0;
        loop {
            let docs = self.store().stale(EXTRACTOR_VERSION, after, BATCH)?;
            let Some(last) = docs.last() else { break };
            after = last.id;
            let results: Vec<_> = docs
                .par_iter()
                .map(|d| {
                    safe_extract(&d.text, &options(d.published.as_deref(), d.fetched.as_deref(), d.lang.as_deref()))
                })
                .collect();
            for (d, r) in docs.iter().zip(results) {
                let res = r.and_then(|records| {
                    self.store().set_records(d.id, &records, EXTRACTOR_VERSION).map_err(|e| e.to_string())?;
                    Ok(records)
                });
                match res {
                    Ok(records) => {
                        let (q, n) = count(&records);
                        sum.refreshed += 1;
                        sum.claims += q;
                        sum.dates += n;
                        on_event(&Event::Refreshed { key: &d.key, claims: q as usize });
                    }
                    Err(reason) => {
                        let f = Failure { source: d.key.clone(), reason };
                        on_event(&Event::Failed(&f));
                        sum.failed.push(f);
                    }
                }
            }
        }
        Ok(sum)
    }
}

fn commit<S: Store>(
    store: &std::sync::Mutex<S>,
    index: &mut isnad_search::SearchIndex,
    index_ok: bool,
) -> Result<(), StoreError> {
    index.commit()?;
    if !index_ok {
        return Ok(());
    }
    // Everything queued so far has been put into the index by this writer: it holds
    // the dossier's writer lock, so no other process queued rows in between (without
    // the lock, clearing here lost another ingest's documents from search).
    store.lock().unwrap_or_else(|p| p.into_inner()).clear_pending(i64::MAX)
}

/// Hashes a batch and finds what is already stored unchanged (a message already), the
/// rest to be extracted.
fn look_up<S: Store>(
    store: &std::sync::Mutex<S>,
    batch: Vec<Result<Document, DocError>>,
) -> Vec<Result<(Document, String), Msg>> {
    let hashed: Vec<_> = batch
        .into_par_iter()
        .map(|item| {
            item.map(|d| {
                let h = content_hash(&d);
                (d, h)
            })
        })
        .collect();
    let mut todo = Vec::with_capacity(hashed.len());
    {
        let s = store.lock().unwrap_or_else(|p| p.into_inner());
        for item in hashed {
            match item {
                Err(e) => {
                    todo.push(Err(Msg::Failed(Failure { source: e.source_name.clone(), reason: e.reason.to_string() })))
                }
                Ok((doc, hash)) => {
                    // A failed lookup only costs an extraction: the writer decides again.
                    let known = match s.find(&doc.key) {
                        Ok(Some(e)) if e.hash == hash => Some(e.id),
                        Ok(None) => s.find_hash(&hash).ok().flatten(),
                        _ => None,
                    };
                    match known {
                        Some(id) => todo.push(Err(Msg::Unchanged { doc, id })),
                        None => todo.push(Ok((doc, hash))),
                    }
                }
            }
        }
    }
    todo
}

/// Extracts what [`look_up`] left, in parallel, each with its profile and search keys.
fn extract_batch(todo: Vec<Result<(Document, String), Msg>>) -> Vec<Msg> {
    todo.into_par_iter()
        .map(|t| match t {
            Err(msg) => msg,
            Ok((doc, hash)) => {
                let opts = options(doc.published.as_deref(), doc.fetched.as_deref(), doc.lang.map(|l| l.as_str()));
                let (records, profile) = match safe_extract_analyzed(&doc.text, &opts) {
                    Ok((a, records)) => {
                        let title = doc.title.as_deref().map(isnad_search::analyzer::tokens);
                        let body = isnad_search::analyzer::tokens(&doc.text);
                        let p = crate::profile::build_analyzed(
                            &a,
                            title.as_deref().unwrap_or(&[]),
                            &body,
                            doc.published.as_deref(),
                            &records,
                        );
                        (Ok(records), serde_json::to_string(&p).ok())
                    }
                    Err(e) => (Err(e), None),
                };
                Msg::Extracted { doc, hash, records, profile }
            }
        })
        .collect()
}
