//! [`LedgerStore`] for SQLite. The decisions table is created on first use rather
//! than by a numbered migration, so the ledger never changes the dossier's schema
//! version (an older isnad can still open a dossier that has decisions in it).

use super::SqliteStore;
use crate::ledger::{LedgerStore, StoredDecision};
use crate::StoreError;
use isnad_model::DateMention;
use rusqlite::params;

const CREATE: &str = "CREATE TABLE IF NOT EXISTS ledger_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    body TEXT NOT NULL,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
)";

impl SqliteStore {
    fn ensure_ledger(&self) -> Result<(), StoreError> {
        self.conn.execute_batch(CREATE).map_err(|e| self.err(e))
    }
}

impl LedgerStore for SqliteStore {
    fn decisions(&self) -> Result<Vec<StoredDecision>, StoreError> {
        self.ensure_ledger()?;
        let mut st = self
            .conn
            .prepare_cached("SELECT id, body, created FROM ledger_decisions ORDER BY id")
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| Ok(StoredDecision { id: r.get(0)?, body: r.get(1)?, created: r.get(2)? }))
            .and_then(|it| it.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    fn add_decision(&mut self, body: &str) -> Result<i64, StoreError> {
        self.ensure_ledger()?;
        self.conn.execute("INSERT INTO ledger_decisions (body) VALUES (?1)", params![body]).map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    fn remove_decision(&mut self, id: i64) -> Result<bool, StoreError> {
        self.ensure_ledger()?;
        let n =
            self.conn.execute("DELETE FROM ledger_decisions WHERE id = ?1", params![id]).map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    fn doc_hashes(&self) -> Result<Vec<(i64, String)>, StoreError> {
        let mut st = self.conn.prepare_cached("SELECT id, hash FROM documents ORDER BY id").map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|it| it.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    fn date_mentions(&self, sink: &mut dyn FnMut(i64, DateMention)) -> Result<(), StoreError> {
        let mut st = self
            .conn
            .prepare_cached(r#"SELECT doc_id, start, "end", text, date, month, day FROM dates ORDER BY doc_id, start"#)
            .map_err(|e| self.err(e))?;
        let mut rows = st.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let get = || -> rusqlite::Result<(i64, DateMention)> {
                let start: i64 = r.get(1)?;
                let end: i64 = r.get(2)?;
                let month: Option<i64> = r.get(5)?;
                let day: Option<i64> = r.get(6)?;
                Ok((
                    r.get(0)?,
                    DateMention {
                        start: start.max(0) as usize,
                        end: end.max(0) as usize,
                        text: r.get(3)?,
                        date: r.get(4)?,
                        month: month.and_then(|m| u8::try_from(m).ok()),
                        day: day.and_then(|d| u8::try_from(d).ok()),
                    },
                ))
            };
            let (doc, m) = get().map_err(|e| self.err(e))?;
            sink(doc, m);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::{LedgerStore, SqliteStore};

    #[test]
    fn decisions_round_trip_in_order_and_undo() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        assert!(s.decisions().unwrap().is_empty());
        let a = s.add_decision(r#"{"op":"name"}"#).unwrap();
        let b = s.add_decision(r#"{"op":"split"}"#).unwrap();
        let got = s.decisions().unwrap();
        assert_eq!(got.iter().map(|d| d.id).collect::<Vec<_>>(), vec![a, b]);
        assert_eq!(got[1].body, r#"{"op":"split"}"#);
        assert!(s.remove_decision(a).unwrap());
        assert!(!s.remove_decision(a).unwrap());
        assert_eq!(s.decisions().unwrap().len(), 1);
    }
}
