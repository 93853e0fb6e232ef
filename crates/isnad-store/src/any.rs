//! What a `--db` names, and a store of either kind behind one type, so the commands
//! open a dossier the same way whichever backend it lives in.

use crate::ledger::{LedgerStore, StoredDecision};
use crate::store::{ClaimFilter, Existing, NewDoc, Outcome, RowSink, Stats, Store, StoredDoc, StoredEvents};
use crate::{PgStore, SqliteStore, StoreError};
use isnad_model::{DateMention, Record};
use std::ffi::OsStr;
use std::path::PathBuf;

/// A dossier's database: a SQLite file (the default), or a PostgreSQL URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Sqlite(PathBuf),
    /// `postgres://` or `postgresql://`, kept whole (with any password) to connect;
    /// shown through [`Target::display`], which leaves the password out.
    Postgres(String),
}

impl Target {
    /// A path is a path, however it is spelled; only a URL with one of PostgreSQL's
    /// two schemes names a database server.
    pub fn parse(arg: &OsStr) -> Target {
        match arg.to_str() {
            Some(s) if crate::postgres::is_url(s) => Target::Postgres(s.to_string()),
            _ => Target::Sqlite(PathBuf::from(arg)),
        }
    }

    /// For messages: the path, or the URL without its password.
    pub fn display(&self) -> String {
        match self {
            Target::Sqlite(p) => p.display().to_string(),
            Target::Postgres(u) => crate::postgres::redact(u),
        }
    }
}

impl From<std::ffi::OsString> for Target {
    fn from(s: std::ffi::OsString) -> Self {
        Target::parse(&s)
    }
}

// One store per process, opened once: the size of the larger variant costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum AnyStore {
    Sqlite(SqliteStore),
    // Boxed: a client with its statements is much larger than a SQLite handle.
    Postgres(Box<PgStore>),
}

macro_rules! each {
    ($self:ident, $s:ident => $e:expr) => {
        match $self {
            AnyStore::Sqlite($s) => $e,
            AnyStore::Postgres($s) => $e,
        }
    };
}

impl Store for AnyStore {
    fn find(&self, key: &str) -> Result<Option<Existing>, StoreError> {
        each!(self, s => s.find(key))
    }
    fn find_hash(&self, hash: &str) -> Result<Option<i64>, StoreError> {
        each!(self, s => s.find_hash(hash))
    }
    fn put(&mut self, new: &NewDoc) -> Result<Outcome, StoreError> {
        each!(self, s => s.put(new))
    }
    fn put_many(&mut self, docs: &[NewDoc]) -> Vec<Result<Outcome, StoreError>> {
        each!(self, s => s.put_many(docs))
    }
    fn set_records(&mut self, id: i64, records: &[Record], v: u32) -> Result<(), StoreError> {
        each!(self, s => s.set_records(id, records, v))
    }
    fn stale(&self, current: u32, after: i64, limit: usize) -> Result<Vec<StoredDoc>, StoreError> {
        each!(self, s => s.stale(current, after, limit))
    }
    fn documents(&self, ids: &[i64]) -> Result<Vec<StoredDoc>, StoreError> {
        each!(self, s => s.documents(ids))
    }
    fn claims(&self, filter: &ClaimFilter, sink: &mut RowSink<'_>) -> Result<(), StoreError> {
        each!(self, s => s.claims(filter, sink))
    }
    fn pending_index(&self, limit: usize) -> Result<Vec<(i64, i64)>, StoreError> {
        each!(self, s => s.pending_index(limit))
    }
    fn clear_pending(&mut self, upto_seq: i64) -> Result<(), StoreError> {
        each!(self, s => s.clear_pending(upto_seq))
    }
    fn stats(&self) -> Result<Stats, StoreError> {
        each!(self, s => s.stats())
    }
    fn assign_events(&mut self, docs: &[i64]) -> Result<u64, StoreError> {
        each!(self, s => s.assign_events(docs))
    }
    fn events(&self) -> Result<StoredEvents, StoreError> {
        each!(self, s => s.events())
    }
    fn unassigned(&self, limit: usize) -> Result<Vec<i64>, StoreError> {
        each!(self, s => s.unassigned(limit))
    }
    fn shared(&self) -> bool {
        each!(self, s => s.shared())
    }
    fn changes(&self, after: i64, limit: usize) -> Result<Vec<(i64, i64)>, StoreError> {
        each!(self, s => s.changes(after, limit))
    }
    fn change_mark(&self) -> Result<(u64, i64), StoreError> {
        each!(self, s => s.change_mark())
    }
    fn freshness(&self) -> Result<i64, StoreError> {
        each!(self, s => s.freshness())
    }
}

impl LedgerStore for AnyStore {
    fn decisions(&self) -> Result<Vec<StoredDecision>, StoreError> {
        each!(self, s => s.decisions())
    }
    fn add_decision(&mut self, body: &str) -> Result<i64, StoreError> {
        each!(self, s => s.add_decision(body))
    }
    fn remove_decision(&mut self, id: i64) -> Result<bool, StoreError> {
        each!(self, s => s.remove_decision(id))
    }
    fn doc_hashes(&self) -> Result<Vec<(i64, String)>, StoreError> {
        each!(self, s => s.doc_hashes())
    }
    fn date_mentions(&self, sink: &mut dyn FnMut(i64, DateMention)) -> Result<(), StoreError> {
        each!(self, s => s.date_mentions(sink))
    }
}
