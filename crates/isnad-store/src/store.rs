//! The storage interface. Callers (the dossier, the command line) see only this, so a
//! shared PostgreSQL backend for teams can be added beside SQLite without touching them.

use crate::StoreError;
use isnad_ingest::Document;
use isnad_model::{Quantity, Record};

/// A document to store with what extraction found in it.
pub struct NewDoc<'a> {
    pub doc: &'a Document,
    pub hash: &'a str,
    pub records: &'a [Record],
    pub extractor_version: u32,
    /// What event clustering reads of the document (JSON), when computed.
    pub profile: Option<&'a str>,
}

/// What storing a document did. Each carries the document's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Added(i64),
    /// Same key and same content, or the same content already stored under another key.
    Unchanged(i64),
    /// Same key, new content: the old claims are gone, the new ones in.
    Replaced(i64),
}

impl Outcome {
    pub fn id(self) -> i64 {
        match self {
            Outcome::Added(i) | Outcome::Unchanged(i) | Outcome::Replaced(i) => i,
        }
    }
}

/// What is stored under a key, to decide before extracting whether a document changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Existing {
    pub id: i64,
    pub hash: String,
}

/// A stored document with its metadata.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoredDoc {
    pub id: i64,
    pub key: String,
    pub format: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub fetched: Option<String>,
    pub lang: Option<String>,
    pub text: String,
    pub extractor_version: u32,
}

/// Which claims to list. Every set field must hold.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub kind: Option<String>,
    /// Speaker entity id, or part of the speaker's name (spelling-folded).
    pub speaker: Option<String>,
    /// The claim's value reaches at least this (its upper end, or its only end).
    pub min: Option<f64>,
    /// The claim's value is at most this (its lower end, or its only end).
    pub max: Option<f64>,
    /// Document key, a suffix of it (a file name), or its numeric id.
    pub doc: Option<String>,
    /// Only the claims of these documents (store ids): how the report reads one part of
    /// the dossier at a time.
    pub doc_ids: Option<Vec<i64>>,
}

/// A stored quantity claim with the metadata of its document.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    pub doc_id: i64,
    pub doc: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    /// The sentence the claim stands in, as stored at ingest.
    pub context: Option<String>,
    pub quantity: Quantity,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    pub documents: u64,
    pub claims: u64,
    pub dates: u64,
    pub mentions: u64,
    pub pending_index: u64,
}

pub type RowSink<'a> = dyn FnMut(ClaimRow) -> Result<(), Box<dyn std::error::Error + Send + Sync>> + 'a;

pub trait Store: Send {
    /// What is stored under `key`, if anything.
    fn find(&self, key: &str) -> Result<Option<Existing>, StoreError>;
    /// Id of a document stored with this content hash under any key.
    fn find_hash(&self, hash: &str) -> Result<Option<i64>, StoreError>;
    /// Stores a document, its claims, dates and mentions in one transaction, and queues
    /// it for the search index in the same transaction. Decides added / unchanged /
    /// replaced itself, so a stale `find` cannot cause a duplicate.
    fn put(&mut self, new: &NewDoc) -> Result<Outcome, StoreError>;
    /// [`Store::put`] for each document in order, each still all or nothing and failing
    /// alone; a store may commit them together (a kill then loses the ones in flight,
    /// which a rerun stores, never part of one).
    fn put_many(&mut self, docs: &[NewDoc]) -> Vec<Result<Outcome, StoreError>> {
        docs.iter().map(|d| self.put(d)).collect()
    }
    /// Replaces a document's claims, dates and mentions (one transaction), recording the
    /// extractor version that made them.
    fn set_records(&mut self, id: i64, records: &[Record], extractor_version: u32) -> Result<(), StoreError>;
    /// Up to `limit` documents with id above `after` whose claims came from another
    /// extractor version than `current`, in id order.
    fn stale(&self, current: u32, after: i64, limit: usize) -> Result<Vec<StoredDoc>, StoreError>;
    /// The documents with these ids (missing ones left out), in the order asked.
    fn documents(&self, ids: &[i64]) -> Result<Vec<StoredDoc>, StoreError>;
    /// Streams the matching quantity claims, by document then position.
    fn claims(&self, filter: &ClaimFilter, sink: &mut RowSink<'_>) -> Result<(), StoreError>;
    /// Documents changed since the search index last committed: `(seq, doc_id)`.
    fn pending_index(&self, limit: usize) -> Result<Vec<(i64, i64)>, StoreError>;
    /// Forgets queue entries up to `seq`, once the index has committed them.
    fn clear_pending(&mut self, upto_seq: i64) -> Result<(), StoreError>;
    fn stats(&self) -> Result<Stats, StoreError>;
    /// Puts each of these documents (stored with a profile) into an event, opening
    /// events as needed, and keeps the events' summaries; returns how many it opened.
    fn assign_events(&mut self, docs: &[i64]) -> Result<u64, StoreError>;
    /// Every document's event: `doc_id → (event id, reasons)`, and the events' states.
    fn events(&self) -> Result<StoredEvents, StoreError>;
    /// Up to `limit` documents stored with a profile but in no event, in id order: those
    /// of a run killed after storing them and before assigning them, which a rerun finds
    /// unchanged. A store whose writers may run at once returns none (another writer may
    /// be about to assign them itself).
    fn unassigned(&self, _limit: usize) -> Result<Vec<i64>, StoreError> {
        Ok(Vec::new())
    }
    /// Whether several processes may write at once (PostgreSQL). Such a store has no
    /// index queue and no writer lock: each search index follows [`Store::changes`]
    /// from the mark it committed last.
    fn shared(&self) -> bool {
        false
    }
    /// Documents whose last change is numbered above `after`, in change order:
    /// `(change, doc_id)`. A shared store numbers changes so that once change N is
    /// visible every change below it is too.
    fn changes(&self, _after: i64, _limit: usize) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(Vec::new())
    }
    /// How many documents there are, and the number of the last change among them,
    /// read together.
    fn change_mark(&self) -> Result<(u64, i64), StoreError> {
        Ok((self.stats()?.documents, 0))
    }
    /// A number that differs whenever another process has committed a change since it
    /// was last read (a long-running reader, `serve`, reads the dossier again then).
    fn freshness(&self) -> Result<i64, StoreError> {
        let (docs, last) = self.change_mark()?;
        Ok(last.wrapping_mul(1 << 20) ^ docs as i64)
    }
}

/// The events as stored.
#[derive(Debug, Default, Clone)]
pub struct StoredEvents {
    pub of_doc: std::collections::HashMap<i64, (i64, Vec<String>)>,
    pub states: std::collections::HashMap<i64, isnad_ledger::events::EventState>,
}

/// ` AND c.doc_id IN (…)` for [`ClaimFilter::doc_ids`]. The ids are integers, written
/// into the SQL as such: a part of a dossier can hold more documents than either
/// engine takes bound parameters.
pub(crate) fn doc_id_clause(ids: &[i64]) -> String {
    if ids.is_empty() {
        return " AND false".into();
    }
    let mut s = String::with_capacity(20 + ids.len() * 8);
    s.push_str(" AND c.doc_id IN (");
    for (k, id) in ids.iter().enumerate() {
        if k > 0 {
            s.push(',');
        }
        s.push_str(&id.to_string());
    }
    s.push(')');
    s
}
