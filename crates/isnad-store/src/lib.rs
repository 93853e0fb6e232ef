//! The dossier: documents, their claims and dates, and the parties named as speakers,
//! kept in a database behind the [`Store`] trait and mirrored into a search index.
//!
//! [`SqliteStore`] (one file, the default) and [`PgStore`] (one PostgreSQL database
//! shared by a team) are the backends; [`Target`] says which a `--db` names and
//! [`AnyStore`] holds either. [`Dossier`] ties a store, the search index and the
//! extractor together: it is what `isnad ingest`, `reextract`, `search` and `claims`
//! drive.

mod any;
mod dossier;
mod hash;
mod ledger;
mod postgres;
pub mod profile;
mod sqlite;
mod store;

pub use any::{AnyStore, Target};
pub use dossier::{finite_only, index_dir, Dossier, Event, Failure, SearchResult, Summary};
pub use hash::{content_hash, short_hash};
pub use ledger::{LedgerStore, StoredDecision};
pub use postgres::{redact as redact_url, PgStore};
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
    /// The message carries PostgreSQL's whole chain itself (not as `source`, which
    /// would print it twice under `{:#}`).
    #[error("database {db}: {what}: {}", pg_message(cause))]
    Postgres {
        /// The URL without its password.
        db: String,
        what: String,
        cause: ::postgres::Error,
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

/// What PostgreSQL said, in full: the client's own `Display` of a server error is
/// only "db error".
fn pg_message(e: &::postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => format!("{}: {}", d.severity(), d.message()),
        None => {
            let mut s = e.to_string();
            let mut src = std::error::Error::source(e);
            while let Some(x) = src {
                let m = x.to_string();
                if !s.contains(&m) {
                    s.push_str(": ");
                    s.push_str(&m);
                }
                src = x.source();
            }
            s
        }
    }
}
