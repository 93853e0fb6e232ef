//! SQLite backend: one file, WAL journal (readers never wait for the writer, and a
//! killed process loses at most the transaction it was in), foreign keys on.

mod events;
mod ledger;
mod read;
mod schema;
mod write;

use crate::StoreError;
use rusqlite::Connection;
use std::path::Path;

pub struct SqliteStore {
    conn: Connection,
    path: String,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let p = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| StoreError::Sqlite { path: p.clone(), source })?;
        let mut s = SqliteStore { conn, path: p };
        s.configure()?;
        s.migrate()?;
        Ok(s)
    }

    /// An in-memory database, for tests.
    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        let conn =
            Connection::open_in_memory().map_err(|source| StoreError::Sqlite { path: ":memory:".into(), source })?;
        let mut s = SqliteStore { conn, path: ":memory:".into() };
        s.configure()?;
        s.migrate()?;
        Ok(s)
    }

    pub(crate) fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite { path: self.path.clone(), source }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        self.conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(|e| self.err(e))?;
        self.use_wal()?;
        // NORMAL in WAL mode: a commit survives a killed process; only a power cut can
        // lose the last transactions, never corrupt the file.
        self.conn
            .execute_batch(
                "PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON;
                 PRAGMA cache_size = -32000;",
            )
            .map_err(|e| self.err(e))
    }

    /// Puts the file in WAL mode. SQLite does not call the busy handler when the switch
    /// meets another connection's lock, so two processes creating one dossier at the
    /// same instant made one fail with "database is locked": here it waits and tries
    /// again, as long as the busy timeout would have.
    fn use_wal(&mut self) -> Result<(), StoreError> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let mut pause = std::time::Duration::from_millis(2);
        loop {
            let tried: rusqlite::Result<String> = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0));
            match tried {
                Ok(_) => return Ok(()),
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy && std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(std::time::Duration::from_millis(100));
                }
                Err(e) => return Err(self.err(e)),
            }
        }
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| self.err(e))
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let known = schema::MIGRATIONS.len() as i64;
        let found = self.schema_version()?;
        if found > known {
            return Err(StoreError::TooNew { path: self.path.clone(), found, known });
        }
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(found as usize) {
            // IMMEDIATE takes the write lock before reading the version, so two
            // processes creating one dossier at the same instant apply each migration
            // once (the second used to fail with "table documents already exists").
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(|source| StoreError::Sqlite { path: self.path.clone(), source })?;
            let now: i64 = tx
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(|source| StoreError::Sqlite { path: self.path.clone(), source })?;
            if now > i as i64 {
                continue; // another process applied it meanwhile
            }
            tx.execute_batch(sql)
                .and_then(|_| tx.pragma_update(None, "user_version", i as i64 + 1))
                .and_then(|_| tx.commit())
                .map_err(|source| StoreError::Sqlite { path: self.path.clone(), source })?;
        }
        Ok(())
    }
}

/// Creates the database file, if it is not there, readable by its owner only (SQLite
/// gives its journal and WAL files the database's permissions), and takes away other
/// users' access to an existing one.
pub(crate) fn create_private(db: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        match std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(db) {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let meta = std::fs::metadata(db)?;
                if meta.is_file() && meta.permissions().mode() & 0o077 != 0 {
                    // Not ours to change (another user's file) is not an error here.
                    let _ = std::fs::set_permissions(
                        db,
                        std::fs::Permissions::from_mode(meta.permissions().mode() & 0o700),
                    );
                    for ext in ["-wal", "-shm"] {
                        let mut p = db.as_os_str().to_owned();
                        p.push(ext);
                        let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600));
                    }
                }
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = db;
        Ok(())
    }
}

/// The writer lock file, created owner-only.
pub(crate) fn open_lock_file(p: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(p)
}

impl crate::Store for SqliteStore {
    fn find(&self, key: &str) -> Result<Option<crate::Existing>, StoreError> {
        self.find_key(key)
    }
    fn find_hash(&self, hash: &str) -> Result<Option<i64>, StoreError> {
        self.find_by_hash(hash)
    }
    fn put(&mut self, new: &crate::NewDoc) -> Result<crate::Outcome, StoreError> {
        self.put_doc(new)
    }
    fn put_many(&mut self, docs: &[crate::NewDoc]) -> Vec<Result<crate::Outcome, StoreError>> {
        self.put_docs(docs)
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
    fn pending_index(&self, limit: usize) -> Result<Vec<(i64, i64)>, StoreError> {
        self.pending(limit)
    }
    fn clear_pending(&mut self, upto_seq: i64) -> Result<(), StoreError> {
        self.clear_queue(upto_seq)
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
    fn unassigned(&self, limit: usize) -> Result<Vec<i64>, StoreError> {
        let e = |x| self.err(x);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT p.doc_id FROM doc_profiles p LEFT JOIN event_docs e ON e.doc_id = p.doc_id
                 WHERE e.doc_id IS NULL ORDER BY p.doc_id LIMIT ?1",
            )
            .map_err(e)?;
        let rows = st.query_map([limit.min(i64::MAX as usize) as i64], |r| r.get(0)).map_err(e)?;
        rows.collect::<Result<Vec<i64>, _>>().map_err(e)
    }
    fn freshness(&self) -> Result<i64, StoreError> {
        // Changes whenever another connection commits; free to read (no table scan).
        self.conn.query_row("PRAGMA data_version", [], |r| r.get(0)).map_err(|e| self.err(e))
    }
}
