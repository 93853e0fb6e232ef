//! What the ledger (`isnad report`, `isnad serve`) keeps in the dossier: the analyst's
//! decisions about figures (split, merge, name), and the reads it needs beyond
//! [`crate::Store`] (content hashes, which decisions are keyed on, and date mentions).
//!
//! Decisions are stored as opaque JSON written by `isnad-ledger`, in the order they
//! were made; the store neither reads nor rewrites them, so the ledger can change
//! what a decision says without a migration here. They live in their own table,
//! untouched by ingest and re-extraction.

use crate::StoreError;
use isnad_model::DateMention;

/// One stored decision.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDecision {
    pub id: i64,
    /// JSON, as written by the ledger.
    pub body: String,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub created: String,
}

pub trait LedgerStore {
    /// Every decision, oldest first.
    fn decisions(&self) -> Result<Vec<StoredDecision>, StoreError>;
    /// Records a decision; returns its id.
    fn add_decision(&mut self, body: &str) -> Result<i64, StoreError>;
    /// Forgets a decision (undo); false when there was none with this id.
    fn remove_decision(&mut self, id: i64) -> Result<bool, StoreError>;
    /// `(id, content hash)` of every document, in id order.
    fn doc_hashes(&self) -> Result<Vec<(i64, String)>, StoreError>;
    /// Every stored date mention with its document id, by document then position.
    fn date_mentions(&self, sink: &mut dyn FnMut(i64, DateMention)) -> Result<(), StoreError>;
}
