//! PostgreSQL backend: one database shared by a team, written by several `isnad ingest`
//! processes on several machines at once.
//!
//! The multi-writer protocol (each step one transaction, so a process killed anywhere
//! leaves the database as it was before or after a whole document):
//! - a document is written in one transaction under a transaction-scoped advisory lock
//!   on its content hash (two writers of one text under two keys cannot both add it),
//!   its key unique (two writers of one key: the second waits, then sees the first's
//!   row and replaces or leaves it);
//! - the rows every writer shares (entities) are inserted in sorted order, so two
//!   writers cannot deadlock on them; a deadlock or serialisation failure is retried;
//! - the last statement before commit draws the document's `change_seq` under one
//!   advisory lock, so change numbers become visible in the order they were drawn and
//!   a reader that has seen change N has seen every change below it;
//! - event assignment, which reads and rewrites the shared event state, runs one
//!   chunk per transaction under its own advisory lock.

mod events;
mod ledger;
mod read;
mod schema;
mod write;

use crate::StoreError;
use postgres::{Client, Config, NoTls};
use std::cell::{RefCell, RefMut};
use std::time::Duration;

/// First key of every advisory lock isnad takes ("isna"), the second says which.
pub(crate) const LOCK_CLASS: i32 = 0x6973_6e61;
pub(crate) const LOCK_MIGRATE: i32 = 1;
pub(crate) const LOCK_EVENTS: i32 = 2;
pub(crate) const LOCK_CHANGES: i32 = 3;

/// How many times a transaction that lost a deadlock or a race is tried again.
const RETRIES: usize = 5;

pub struct PgStore {
    // The sync client needs `&mut` for every query; the store's reads take `&self`.
    client: RefCell<Client>,
    /// Statements of the write path, prepared once per connection (an unprepared
    /// statement costs a second round trip every time).
    statements: RefCell<std::collections::HashMap<&'static str, postgres::Statement>>,
    /// The URL without its password: what every message names.
    db: String,
}

/// Whether `s` names a PostgreSQL database rather than a file.
pub fn is_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// The URL with any password taken out (`postgres://user:secret@host/db` →
/// `postgres://user@host/db`, and a `password=` parameter dropped), for messages.
pub fn redact(url: &str) -> String {
    let Some(at) = url.find("://").map(|i| i + 3) else { return url.to_string() };
    let (scheme, rest) = url.split_at(at);
    // The last `@` before any query ends the user info, whatever (unescaped `/`, `@`)
    // a password holds.
    let q = rest.find('?').unwrap_or(rest.len());
    let (auth, tail) = match rest[..q].rfind('@') {
        Some(i) => {
            let user = rest[..i].split(':').next().unwrap_or("");
            let host_end = rest[i + 1..].find(['/', '?']).map_or(rest.len(), |j| i + 1 + j);
            (format!("{user}@{}", &rest[i + 1..host_end]), &rest[host_end..])
        }
        None => {
            let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
            (rest[..host_end].to_string(), &rest[host_end..])
        }
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|kv| !kv.split('=').next().unwrap_or("").eq_ignore_ascii_case("password"))
                .collect();
            if kept.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => tail.to_string(),
    };
    format!("{scheme}{auth}{tail}")
}

impl PgStore {
    /// Connects to the database at `url` and brings its schema up to date.
    pub fn connect(url: &str) -> Result<PgStore, StoreError> {
        let db = redact(url);
        let mut config: Config = url.parse().map_err(|cause| StoreError::Postgres {
            db: db.clone(),
            what: "reading the URL".into(),
            cause,
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("isnad");
        }
        let client = config.connect(NoTls).map_err(|cause| StoreError::Postgres {
            db: db.clone(),
            what: "connecting".into(),
            cause,
        })?;
        let s = PgStore { client: RefCell::new(client), statements: RefCell::default(), db };
        // SQLite's durability (WAL, synchronous=NORMAL): a commit survives the client
        // being killed, only a crash of the server itself can lose the last fraction of
        // a second of commits, never consistency; ingest is idempotent, so a rerun
        // redoes them. Waiting for a disk flush per document made ingest ten times
        // slower (153 against 1,500 documents/s, docs/scale.md).
        s.client().batch_execute("SET synchronous_commit TO off").map_err(|e| s.err("configuring the session", e))?;
        s.migrate()?;
        Ok(s)
    }

    /// The database, as messages name it (no password).
    pub fn name(&self) -> &str {
        &self.db
    }

    pub(crate) fn client(&self) -> RefMut<'_, Client> {
        self.client.borrow_mut()
    }

    pub(crate) fn err(&self, what: &str, source: postgres::Error) -> StoreError {
        StoreError::Postgres { db: self.db.clone(), what: what.to_string(), cause: source }
    }

    pub(crate) fn corrupt(&self, what: String) -> StoreError {
        StoreError::Corrupt { path: self.db.clone(), what }
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        let mut c = self.client();
        let exists: bool = c
            .query_one("SELECT to_regclass('isnad_schema') IS NOT NULL", &[])
            .map_err(|e| self.err("reading the schema version", e))?
            .get(0);
        if !exists {
            return Ok(0);
        }
        let v: Option<i64> = c
            .query_one("SELECT max(version) FROM isnad_schema", &[])
            .map_err(|e| self.err("reading the schema version", e))?
            .get(0);
        Ok(v.unwrap_or(0))
    }

    fn migrate(&self) -> Result<(), StoreError> {
        let known = schema::MIGRATIONS.len() as i64;
        loop {
            let mut c = self.client();
            let e = |x| self.err("migrating the schema", x);
            let mut tx = c.transaction().map_err(e)?;
            // The lock first: concurrent CREATE TABLE IF NOT EXISTS can still collide.
            tx.execute("SELECT pg_advisory_xact_lock($1, $2)", &[&LOCK_CLASS, &LOCK_MIGRATE]).map_err(e)?;
            tx.batch_execute("CREATE TABLE IF NOT EXISTS isnad_schema (version BIGINT NOT NULL)").map_err(e)?;
            let found: i64 = tx.query_one("SELECT coalesce(max(version), 0) FROM isnad_schema", &[]).map_err(e)?.get(0);
            if found > known {
                return Err(StoreError::TooNew { path: self.db.clone(), found, known });
            }
            if found == known {
                tx.commit().map_err(e)?;
                return Ok(());
            }
            tx.batch_execute(schema::MIGRATIONS[found as usize]).map_err(e)?;
            tx.execute("DELETE FROM isnad_schema", &[]).map_err(e)?;
            tx.execute("INSERT INTO isnad_schema (version) VALUES ($1)", &[&(found + 1)]).map_err(e)?;
            tx.commit().map_err(e)?;
        }
    }

    /// Runs `f` again when it lost a deadlock or a serialisation race (or says it lost
    /// one by returning `Ok(None)`).
    pub(crate) fn retrying<T>(
        &self,
        what: &str,
        mut f: impl FnMut(&Self) -> Result<Option<T>, postgres::Error>,
    ) -> Result<T, StoreError> {
        let mut last = None;
        for _ in 0..RETRIES {
            match f(self) {
                Ok(Some(v)) => return Ok(v),
                Ok(None) => continue,
                Err(e) if transient(&e) => last = Some(e),
                Err(e) => return Err(self.err(what, e)),
            }
        }
        Err(match last {
            Some(e) => self.err(what, e),
            None => StoreError::Corrupt {
                path: self.db.clone(),
                what: format!("{what}: another writer kept changing the same rows; try again"),
            },
        })
    }
}

fn transient(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    e.code().is_some_and(|c| *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE)
}

/// An advisory lock key for a string (FNV-1a): equal strings, equal keys.
pub(crate) fn lock_key(s: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h as i64
}

impl crate::Store for PgStore {
    fn find(&self, key: &str) -> Result<Option<crate::Existing>, StoreError> {
        self.find_key(key)
    }
    fn find_hash(&self, hash: &str) -> Result<Option<i64>, StoreError> {
        self.find_by_hash(hash)
    }
    fn put(&mut self, new: &crate::NewDoc) -> Result<crate::Outcome, StoreError> {
        self.put_doc(new)
    }
    fn set_records(&mut self, id: i64, records: &[isnad_model::Record], v: u32) -> Result<(), StoreError> {
        self.set_doc_records(id, records, v)
    }
    fn stale(&self, current: u32, after: i64, limit: usize) -> Result<Vec<crate::StoredDoc>, StoreError> {
        self.stale_docs(current, after, limit)
    }
    fn documents(&self, ids: &[i64]) -> Result<Vec<crate::StoredDoc>, StoreError> {
        self.docs(ids)
    }
    fn claims(&self, filter: &crate::ClaimFilter, sink: &mut crate::store::RowSink<'_>) -> Result<(), StoreError> {
        self.claim_rows(filter, sink)
    }
    fn pending_index(&self, _limit: usize) -> Result<Vec<(i64, i64)>, StoreError> {
        // No shared queue: each search index follows `changes` from its own mark.
        Ok(Vec::new())
    }
    fn clear_pending(&mut self, _upto_seq: i64) -> Result<(), StoreError> {
        Ok(())
    }
    fn stats(&self) -> Result<crate::Stats, StoreError> {
        self.counts()
    }
    fn assign_events(&mut self, docs: &[i64]) -> Result<u64, StoreError> {
        self.assign_doc_events(docs)
    }
    fn events(&self) -> Result<crate::store::StoredEvents, StoreError> {
        self.stored_events()
    }
    fn shared(&self) -> bool {
        true
    }
    fn changes(&self, after: i64, limit: usize) -> Result<Vec<(i64, i64)>, StoreError> {
        self.changes_after(after, limit)
    }
    fn change_mark(&self) -> Result<(u64, i64), StoreError> {
        self.mark()
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact("postgres://ana:s3cret@db.example:5432/news"), "postgres://ana@db.example:5432/news");
        assert_eq!(redact("postgresql://ana@db/news"), "postgresql://ana@db/news");
        assert_eq!(redact("postgres://db/news?password=x&sslmode=disable"), "postgres://db/news?sslmode=disable");
        assert_eq!(redact("postgres://a:b:c@h/d?PASSWORD=y"), "postgres://a@h/d");
        assert_eq!(redact("postgres://h"), "postgres://h");
        assert_eq!(redact("postgres://u:p/w@d@h/db"), "postgres://u@h/db");
    }
}
