//! [`LedgerStore`] for PostgreSQL. Unlike SQLite's, the decisions table comes with the
//! first migration: there is no older isnad that could open this database.

use super::PgStore;
use crate::ledger::{LedgerStore, StoredDecision};
use crate::StoreError;
use isnad_model::DateMention;

impl LedgerStore for PgStore {
    fn decisions(&self) -> Result<Vec<StoredDecision>, StoreError> {
        let rows = self
            .client()
            .query("SELECT id, body, created FROM ledger_decisions ORDER BY id", &[])
            .map_err(|e| self.err("reading decisions", e))?;
        Ok(rows.iter().map(|r| StoredDecision { id: r.get(0), body: r.get(1), created: r.get(2) }).collect())
    }

    fn add_decision(&mut self, body: &str) -> Result<i64, StoreError> {
        let r = self
            .client()
            .query_one("INSERT INTO ledger_decisions (body) VALUES ($1) RETURNING id", &[&body])
            .map_err(|e| self.err("recording a decision", e))?;
        Ok(r.get(0))
    }

    fn remove_decision(&mut self, id: i64) -> Result<bool, StoreError> {
        let n = self
            .client()
            .execute("DELETE FROM ledger_decisions WHERE id = $1", &[&id])
            .map_err(|e| self.err("removing a decision", e))?;
        Ok(n > 0)
    }

    fn doc_hashes(&self) -> Result<Vec<(i64, String)>, StoreError> {
        let mut out = Vec::new();
        self.stream("SELECT id, hash FROM documents ORDER BY id", &[], "reading documents", &mut |r| {
            out.push((r.get(0), r.get(1)));
            Ok(())
        })?;
        Ok(out)
    }

    fn date_mentions(&self, sink: &mut dyn FnMut(i64, DateMention)) -> Result<(), StoreError> {
        self.stream(
            r#"SELECT doc_id, start, "end", text, date, month, day FROM dates ORDER BY doc_id, start, id"#,
            &[],
            "reading dates",
            &mut |r| {
                let e = |x| self.err("reading a date", x);
                let start: i64 = r.try_get(1).map_err(e)?;
                let end: i64 = r.try_get(2).map_err(e)?;
                let month: Option<i64> = r.try_get(5).map_err(e)?;
                let day: Option<i64> = r.try_get(6).map_err(e)?;
                sink(
                    r.try_get(0).map_err(e)?,
                    DateMention {
                        start: start.max(0) as usize,
                        end: end.max(0) as usize,
                        text: r.try_get(3).map_err(e)?,
                        date: r.try_get(4).map_err(e)?,
                        month: month.and_then(|m| u8::try_from(m).ok()),
                        day: day.and_then(|d| u8::try_from(d).ok()),
                    },
                );
                Ok(())
            },
        )
    }
}
