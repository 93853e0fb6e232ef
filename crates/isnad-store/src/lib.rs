//! The dossier: documents, their claims and dates, and the parties named as speakers,
//! kept in a database behind the [`Store`] trait and mirrored into a search index.
//!
//! [`SqliteStore`] is the one backend today. [`Dossier`] ties a store, the search index
//! and the extractor together: it is what `isnad ingest`, `reextract`, `search` and
//! `claims` drive.

mod dossier;
mod hash;
mod ledger;
pub mod profile;
mod sqlite;
mod store;

pub use dossier::{finite_only, index_dir, Dossier, Event, Failure, SearchResult, Summary};
pub use hash::content_hash;
pub use ledger::{LedgerStore, StoredDecision};
pub use sqlite::SqliteStore;
pub use store::{ClaimFilter, ClaimRow, Existing, NewDoc, Outcome, Stats, Store, StoredDoc, StoredEvents};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {path}: {source}")]
    Sqlite {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("database {path} has schema version {found}, newer than this isnad knows ({known}); upgrade isnad")]
    TooNew { path: String, found: i64, known: i64 },
    #[error("database {path}: stored value is not valid: {what}")]
    Corrupt { path: String, what: String },
    #[error("{0}")]
    Search(#[from] isnad_search::SearchError),
    #[error("writing output: {0}")]
    Output(Box<dyn std::error::Error + Send + Sync>),
}
