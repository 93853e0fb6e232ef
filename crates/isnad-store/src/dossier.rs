//! A dossier: a store, the search index beside it, and the extractor, kept in step.
//!
//! The database is the truth and the index is derived from it. Every write to a
//! document also queues its id, in the same transaction; the queue is cleared only
//! after the index has committed. A process killed anywhere therefore leaves a
//! consistent database and at worst an index that is behind, which the next open
//! catches up from the queue (re-indexing a document is idempotent).
//!
//! One process writes at a time: ingest, re-extraction and reindexing hold an
//! exclusive lock on `<db>.lock` (a second writer waits for it), so the queue is only
//! ever cleared by the process that indexed what it held. Readers never take it for
//! long: opening takes it only to repair the index, and skips the repair (searching
//! the last committed index) while a writer works.
//!
//! The index is derived data, so a missing, behind or unreadable index is rebuilt from
//! the database (with a notice), never a reason for `claims` or `report` to fail.
//!
//! A shared store (PostgreSQL, [`Store::shared`]) is written by many processes on many
//! machines at once, so there is no writer lock and no queue that one of them could
//! clear. Instead each reader keeps its own index (a folder on its machine, locked
//! against the other processes of that machine) and the store numbers every change
//! of a document's text: the index records with each commit the last change it holds
//! ([`SearchIndex::mark`]) and catches up from there on open. Writers never touch an
//! index; re-indexing a changed document replaces it (one entry per document id).

mod pipeline;

use crate::{AnyStore, PgStore, SqliteStore, Store, StoreError, StoredDoc, Target};
use isnad_extract::Ymd;
use isnad_search::{SearchIndex, Snippet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

pub use pipeline::{finite_only, Event, Failure, Summary};

pub struct Dossier<S: Store = SqliteStore> {
    store: Mutex<S>,
    index: SearchIndex,
    /// Documents between index commits: bounds the catch-up work after a kill.
    commit_every: usize,
    /// Where the index lives (`None` for an index given by the caller).
    index_dir: Option<PathBuf>,
    /// The writer lock file (`None`: no other process can share this store).
    lock_path: Option<PathBuf>,
    lock: Option<std::fs::File>,
    /// Why searching is not possible now (the index could not be opened or rebuilt).
    index_broken: Option<String>,
    /// Whether `index` is the one in `index_dir` (not the in-memory stand-in).
    index_is_disk: bool,
    /// What opening found and did, for the caller to show (index rebuilt, behind...).
    notices: Vec<String>,
    on_wait: Option<Box<dyn Fn() + Send + Sync>>,
    /// The store is shared ([`Store::shared`]): the index follows its change numbers
    /// and is written only by catching up, never by the ingest pipeline.
    shared: bool,
}

/// The lock file beside a database: `isnad.db` → `isnad.db.lock`.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

/// The folder a local index and its lock go in (`~/.cache/isnad` the first time),
/// made owner-only like the index itself.
fn make_parent(index: &Path) -> Result<(), StoreError> {
    let Some(parent) = index.parent().filter(|p| !p.as_os_str().is_empty()) else { return Ok(()) };
    if parent.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(parent).map_err(|e| StoreError::Output(format!("creating {}: {e}", parent.display()).into()))
}

/// Documents' claims are never made by this version, so `stale(NO_VERSION, ..)` lists
/// every document (the store has no other paged listing of all of them).
const NO_VERSION: u32 = u32::MAX;

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
    /// Opens (or creates) the SQLite dossier at `db` with its index beside it. The
    /// database, its journal and the lock are the owner's only (0600), the index
    /// folder too (0700). An index that is missing, behind or unreadable is rebuilt
    /// from the database when no other process is writing; [`Dossier::notices`] says
    /// what was done.
    pub fn open(db: &Path) -> Result<Self, StoreError> {
        crate::sqlite::create_private(db)
            .map_err(|e| StoreError::Output(format!("creating {}: {e}", db.display()).into()))?;
        let store = SqliteStore::open(db)?;
        Dossier::with_index(store, index_dir(db), lock_path(db))
    }
}

impl Dossier<PgStore> {
    /// Opens (creating its tables if needed) the PostgreSQL dossier at `url`, with a
    /// search index of this machine in `index` (created, or caught up with the
    /// database's changes) or none: commands that do not search (ingest, claims,
    /// report, reextract) need none, and searching then says so.
    pub fn open_postgres(url: &str, index: Option<&Path>) -> Result<Self, StoreError> {
        let store = PgStore::connect(url)?;
        match index {
            Some(dir) => {
                make_parent(dir)?;
                Dossier::with_index(store, dir.to_path_buf(), lock_path(dir))
            }
            None => Ok(Dossier::without_index(store)?),
        }
    }
}

impl Dossier<AnyStore> {
    /// Opens the dossier a `--db` names. `index` is where a PostgreSQL dossier's search
    /// index lives on this machine (see [`Dossier::open_postgres`]); a SQLite
    /// dossier's is always beside its file.
    pub fn open_target(target: &Target, index: Option<&Path>) -> Result<Self, StoreError> {
        match target {
            Target::Sqlite(db) => {
                crate::sqlite::create_private(db)
                    .map_err(|e| StoreError::Output(format!("creating {}: {e}", db.display()).into()))?;
                let store = AnyStore::Sqlite(SqliteStore::open(db)?);
                Dossier::with_index(store, index_dir(db), lock_path(db))
            }
            Target::Postgres(url) => {
                let store = AnyStore::Postgres(Box::new(PgStore::connect(url)?));
                match index {
                    Some(dir) => {
                        make_parent(dir)?;
                        Dossier::with_index(store, dir.to_path_buf(), lock_path(dir))
                    }
                    None => Dossier::without_index(store),
                }
            }
        }
    }
}

impl<S: Store> Dossier<S> {
    /// The store with its index in `dir`, guarded by the lock file `lock`.
    fn with_index(store: S, dir: PathBuf, lock: PathBuf) -> Result<Self, StoreError> {
        let mut d = Dossier::bare(store, SearchIndex::in_memory()?);
        d.index_dir = Some(dir.clone());
        d.lock_path = Some(lock);
        if d.try_lock()? {
            // Creating, repairing or catching up the index is a write: only under the lock.
            d.repair_index()?;
            d.unlock();
        } else {
            let who = if d.shared { "this search index" } else { "this dossier" };
            d.notices.push(format!("another isnad is writing {who}: searching the index as it last committed"));
            match SearchIndex::open_existing(&dir) {
                Ok(ix) => {
                    d.index = ix;
                    d.index_is_disk = true;
                }
                Err(e) => d.index_broken = Some(e.to_string()),
            }
        }
        Ok(d)
    }

    /// A shared store without a search index (a writer, or a reader that does not search).
    fn without_index(store: S) -> Result<Self, StoreError> {
        let mut d = Dossier::bare(store, SearchIndex::in_memory()?);
        d.index_broken = Some("this command opened the dossier without its search index".into());
        Ok(d)
    }

    fn bare(store: S, index: SearchIndex) -> Self {
        let shared = store.shared();
        Dossier {
            store: Mutex::new(store),
            index,
            commit_every: 10_000,
            index_dir: None,
            lock_path: None,
            lock: None,
            index_broken: None,
            index_is_disk: false,
            notices: Vec::new(),
            on_wait: None,
            shared,
        }
    }

    /// Wraps a store and an index, bringing the index up to date with the store.
    pub fn new(store: S, index: SearchIndex) -> Result<Self, StoreError> {
        let mut d = Dossier::bare(store, index);
        d.index_is_disk = true;
        d.repair_index()?;
        Ok(d)
    }

    /// What opening found and did (an index rebuilt or caught up, a writer at work).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// Called once when a write has to wait for another process's lock.
    pub fn on_wait(&mut self, f: impl Fn() + Send + Sync + 'static) {
        self.on_wait = Some(Box::new(f));
    }

    /// Takes the writer lock if it is free; true when held.
    fn try_lock(&mut self) -> Result<bool, StoreError> {
        let Some(p) = &self.lock_path else { return Ok(true) };
        if self.lock.is_some() {
            return Ok(true);
        }
        let f = crate::sqlite::open_lock_file(p)
            .map_err(|e| StoreError::Output(format!("lock {}: {e}", p.display()).into()))?;
        match f.try_lock() {
            Ok(()) => {
                self.lock = Some(f);
                Ok(true)
            }
            Err(std::fs::TryLockError::WouldBlock) => Ok(false),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(StoreError::Output(format!("lock {}: {e}", p.display()).into()))
            }
        }
    }

    /// Holds the writer lock, waiting for another writer to finish; then brings the
    /// index up to date with what that writer did.
    fn lock_for_writing(&mut self) -> Result<(), StoreError> {
        if self.lock.is_some() || self.lock_path.is_none() {
            return Ok(());
        }
        if !self.try_lock()? {
            if let Some(f) = &self.on_wait {
                f();
            }
            let p = self.lock_path.clone().unwrap_or_default();
            let f = crate::sqlite::open_lock_file(&p)
                .map_err(|e| StoreError::Output(format!("lock {}: {e}", p.display()).into()))?;
            f.lock().map_err(|e| StoreError::Output(format!("lock {}: {e}", p.display()).into()))?;
            self.lock = Some(f);
        }
        self.repair_index()
    }

    fn unlock(&mut self) {
        // Closing the file releases the lock.
        self.lock = None;
    }

    /// Makes the index whole: reopened fresh if it could not be read (the broken one
    /// moved aside), caught up from the queue, rebuilt if it still disagrees with the
    /// database on how many documents there are (a deleted folder, a lost segment).
    /// Needs the writer lock.
    fn repair_index(&mut self) -> Result<(), StoreError> {
        if self.shared {
            return self.repair_shared();
        }
        if let Some(dir) = self.index_dir.clone() {
            if !self.index_is_disk {
                match SearchIndex::open(&dir) {
                    Ok(ix) => {
                        self.index = ix;
                        self.index_is_disk = true;
                        self.index_broken = None;
                    }
                    Err(e) => return self.replace_broken(&dir, &e.to_string()),
                }
            }
        }
        let pending = self.store().stats().map(|s| s.pending_index).unwrap_or(0);
        let caught = match self.catch_up() {
            Ok(n) => n,
            Err(e) => match self.index_dir.clone() {
                Some(dir) => return self.replace_broken(&dir, &e.to_string()),
                None => return Err(e),
            },
        };
        if caught > 0 && pending > 0 {
            self.notices.push(format!("search index was behind by {caught} documents: caught up"));
        }
        let docs = self.store().stats()?.documents;
        let indexed = self.index.num_docs();
        if docs != indexed {
            self.notices.push(format!("search index holds {indexed} documents, the database {docs}: rebuilding it"));
            if let Err(e) = self.rebuild() {
                match self.index_dir.clone() {
                    Some(dir) => return self.replace_broken(&dir, &e.to_string()),
                    None => return Err(e),
                }
            }
        }
        Ok(())
    }

    /// [`Dossier::repair_index`] for a shared store: catch up from the index's mark;
    /// then, if the database did not change meanwhile, check that the index holds as
    /// many documents as the database (else rebuild: a lost segment, another database
    /// met at the same address).
    fn repair_shared(&mut self) -> Result<(), StoreError> {
        let dir = self.index_dir.clone();
        match &dir {
            Some(d) if !self.index_is_disk => match SearchIndex::open(d) {
                Ok(ix) => {
                    self.index = ix;
                    self.index_is_disk = true;
                    self.index_broken = None;
                }
                Err(e) => return self.replace_broken(d, &e.to_string()),
            },
            None if !self.index_is_disk => return Ok(()), // opened without an index
            _ => {}
        }
        let shown = dir.as_ref().map(|d| format!("{} ", d.display())).unwrap_or_default();
        let fail = |me: &mut Self, e: StoreError| match &dir {
            Some(d) => me.replace_broken(d, &e.to_string()),
            None => Err(e),
        };
        let mut caught = 0;
        for _ in 0..3 {
            caught += match self.catch_up() {
                Ok(n) => n,
                Err(e) => return fail(self, e),
            };
            let (docs, last) = self.store().change_mark()?;
            let mark = self.index.mark()?;
            if last > mark {
                continue; // written meanwhile: catch up again before counting
            }
            let indexed = self.index.num_docs();
            if last < mark || docs != indexed {
                self.notices.push(format!(
                    "search index {shown}holds {indexed} documents up to change {mark}, the database {docs} up to \
                     change {last}: rebuilding it"
                ));
                if let Err(e) = self.rebuild() {
                    return fail(self, e);
                }
                return Ok(());
            }
            break;
        }
        if caught > 0 {
            self.notices.push(format!("search index {shown}caught up with {caught} changed documents"));
        }
        Ok(())
    }

    /// An index that cannot be read or written: moved aside (kept for a post-mortem),
    /// a fresh one built from the database. If even that fails, searching says why and
    /// everything else goes on.
    fn replace_broken(&mut self, dir: &Path, why: &str) -> Result<(), StoreError> {
        self.index = SearchIndex::in_memory()?;
        self.index_is_disk = false;
        let aside = {
            let mut p = dir.as_os_str().to_owned();
            p.push(format!(".broken-{}", std::process::id()));
            PathBuf::from(p)
        };
        let reopened = std::fs::rename(dir, &aside)
            .map_err(|e| e.to_string())
            .and_then(|_| SearchIndex::open(dir).map_err(|e| e.to_string()));
        match reopened {
            Ok(ix) => {
                self.index = ix;
                self.index_is_disk = true;
                self.index_broken = None;
                self.notices.push(format!(
                    "search index could not be used ({why}); moved to {} and rebuilding it from the database",
                    aside.display()
                ));
                if let Err(e) = self.rebuild() {
                    self.index_broken = Some(e.to_string());
                }
            }
            Err(e) => self.index_broken = Some(format!("{why}; could not be replaced: {e}")),
        }
        Ok(())
    }

    /// Rebuilds the index from every document in the database. Returns how many.
    fn rebuild(&mut self) -> Result<usize, StoreError> {
        // A shared store goes on changing: what changes after this mark is caught up.
        let (_, mark) = if self.shared { self.store().change_mark()? } else { (0, 0) };
        self.index.clear()?;
        let mut after = 0;
        let mut n = 0;
        loop {
            let docs = self.store().stale(NO_VERSION, after, 500)?;
            let Some(last) = docs.last() else { break };
            after = last.id;
            for d in &docs {
                self.index.put(d.id, d.title.as_deref(), &d.text)?;
            }
            n += docs.len();
        }
        if self.shared {
            self.index.commit_marked(mark)?;
            self.catch_up()?;
            return Ok(n);
        }
        self.index.commit()?;
        self.store().clear_pending(i64::MAX)?;
        Ok(n)
    }

    /// `isnad reindex`: the index rebuilt from the database, whatever state it was in.
    pub fn reindex(&mut self) -> Result<usize, StoreError> {
        self.lock_for_writing()?;
        if self.index_broken.is_some() {
            return Err(StoreError::Output(
                format!("search index: {}", self.index_broken.clone().unwrap_or_default()).into(),
            ));
        }
        self.rebuild()
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
        if self.shared {
            return self.catch_up_changes();
        }
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

    /// [`Dossier::catch_up`] for a shared store: every document changed after the
    /// index's mark, a batch per commit, each commit recording the new mark.
    fn catch_up_changes(&mut self) -> Result<usize, StoreError> {
        if !self.index_is_disk {
            return Ok(0);
        }
        let mut mark = self.index.mark()?;
        let mut done = 0;
        loop {
            let changed = self.store().changes(mark, 2000)?;
            let Some(&(last, _)) = changed.last() else { break };
            let ids: Vec<i64> = changed.iter().map(|&(_, id)| id).collect();
            let docs = self.store().documents(&ids)?;
            for id in &ids {
                match docs.iter().find(|d| d.id == *id) {
                    Some(d) => self.index.put(d.id, d.title.as_deref(), &d.text)?,
                    None => self.index.delete(*id)?,
                }
            }
            self.index.commit_marked(last)?;
            mark = last;
            done += ids.len();
        }
        Ok(done)
    }

    /// Whether the store is shared by several writers (PostgreSQL).
    pub fn is_shared(&self) -> bool {
        self.shared
    }

    /// The best `limit` documents for `query`, with a snippet of each.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchResult>, StoreError> {
        if let Some(why) = &self.index_broken {
            return Err(StoreError::Output(
                format!("the search index cannot be used ({why}); run `isnad reindex` to rebuild it").into(),
            ));
        }
        let hits = self.index.search(query, limit)?;
        let ids: Vec<i64> = hits.iter().map(|h| h.doc_id).collect();
        let docs = self.store().documents(&ids)?;
        let mut out = Vec::with_capacity(hits.len());
        let snippets = self.index.snippets(query, 220)?;
        for (h, d) in hits.iter().zip(ids.iter()) {
            let Some(doc) = docs.iter().find(|x| x.id == *d) else { continue };
            let snippet = snippets.of(&doc.text);
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
    let real =
        |y: i32| (1..=12).contains(&month) && day >= 1 && day <= isnad_ingest::days_in_month(y.max(0) as u32, month);
    real(year).then_some(Ymd { year, month, day })
}
