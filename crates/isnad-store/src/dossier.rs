//! A dossier: a store, the search index beside it, and the extractor, kept in step.
//!
//! The database is the truth and the index is derived from it. Every write to a
//! document also queues its id, in the same transaction; the queue is cleared only
//! after the index has committed. A process killed anywhere therefore leaves a
//! consistent database and at worst an index that is behind, which the next open
//! catches up from the queue (re-indexing a document is idempotent).

mod pipeline;

use crate::{SqliteStore, Store, StoreError, StoredDoc};
use isnad_extract::Ymd;
use isnad_search::{SearchIndex, Snippet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

pub use pipeline::{Event, Failure, Summary};

pub struct Dossier<S: Store = SqliteStore> {
    store: Mutex<S>,
    index: SearchIndex,
    /// Documents between index commits: bounds the catch-up work after a kill.
    commit_every: usize,
}

/// A ranked search result.
#[derive(Debug, Clone)]
pub struct SearchResult {
    pub doc: StoredDoc,
    pub score: f32,
    pub snippet: Snippet,
}

/// The index folder that belongs to a database file: `isnad.db` → `isnad.db.idx`.
pub fn index_dir(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".idx");
    PathBuf::from(p)
}

impl Dossier<SqliteStore> {
    /// Opens (or creates) the SQLite dossier at `db` with its index beside it.
    pub fn open(db: &Path) -> Result<Self, StoreError> {
        let store = SqliteStore::open(db)?;
        let index = SearchIndex::open(&index_dir(db))?;
        Dossier::new(store, index)
    }
}

impl<S: Store> Dossier<S> {
    /// Wraps a store and an index, bringing the index up to date with the store.
    pub fn new(store: S, index: SearchIndex) -> Result<Self, StoreError> {
        let mut d = Dossier { store: Mutex::new(store), index, commit_every: 10_000 };
        d.catch_up()?;
        Ok(d)
    }

    pub fn set_commit_every(&mut self, n: usize) {
        self.commit_every = n.max(1);
    }

    /// The store, for queries. Not to be held across an ingest.
    pub fn store(&self) -> MutexGuard<'_, S> {
        // A poisoned lock means a panic elsewhere mid-call; the database itself is
        // transactional, so carrying on is safe.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Re-indexes documents written since the index last committed (after a kill).
    /// Returns how many it re-indexed.
    pub fn catch_up(&mut self) -> Result<usize, StoreError> {
        let mut done = 0;
        loop {
            let pending = self.store().pending_index(2000)?;
            let Some(&(last, _)) = pending.last() else { break };
            let ids: Vec<i64> = pending.iter().map(|&(_, id)| id).collect();
            let docs = self.store().documents(&ids)?;
            for id in &ids {
                match docs.iter().find(|d| d.id == *id) {
                    Some(d) => self.index.put(d.id, d.title.as_deref(), &d.text)?,
                    None => self.index.delete(*id)?,
                }
            }
            self.index.commit()?;
            self.store().clear_pending(last)?;
            done += ids.len();
        }
        Ok(done)
    }

    /// The best `limit` documents for `query`, with a snippet of each.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchResult>, StoreError> {
        let hits = self.index.search(query, limit)?;
        let ids: Vec<i64> = hits.iter().map(|h| h.doc_id).collect();
        let docs = self.store().documents(&ids)?;
        let mut out = Vec::with_capacity(hits.len());
        for (h, d) in hits.iter().zip(ids.iter()) {
            let Some(doc) = docs.iter().find(|x| x.id == *d) else { continue };
            let snippet = self.index.snippet(query, &doc.text, 220)?;
            out.push(SearchResult { doc: doc.clone(), score: h.score, snippet });
        }
        Ok(out)
    }

    /// Finishes background index merges; call when done writing.
    pub fn close(self) -> Result<(), StoreError> {
        self.index.close()?;
        Ok(())
    }
}

/// The calendar date in `YYYY-MM-DD`, if it is one.
pub(crate) fn ymd(s: Option<&str>) -> Option<Ymd> {
    let s = s?;
    let mut it = s.splitn(3, '-');
    let year = it.next()?.parse().ok()?;
    let month = it.next()?.parse().ok()?;
    let day = it.next()?.get(..2)?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Ymd { year, month, day })
}
