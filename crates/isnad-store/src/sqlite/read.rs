//! Reads: lookups by key and hash, documents, the claims export, the index queue.

use super::SqliteStore;
use crate::store::{ClaimFilter, ClaimRow, Existing, RowSink, Stats, StoredDoc};
use crate::StoreError;
use isnad_model::{Kind, Party, Qualifier, Quantity, Stance, StoredFrame};
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Row};

const DOC_COLUMNS: &str =
    "id, key, format, title, url, outlet, author, published, fetched, lang, text, extractor_version";

fn stored_doc(r: &Row) -> rusqlite::Result<StoredDoc> {
    Ok(StoredDoc {
        id: r.get(0)?,
        key: r.get(1)?,
        format: r.get(2)?,
        title: r.get(3)?,
        url: r.get(4)?,
        outlet: r.get(5)?,
        author: r.get(6)?,
        published: r.get(7)?,
        fetched: r.get(8)?,
        lang: r.get(9)?,
        text: r.get(10)?,
        extractor_version: r.get(11)?,
    })
}

fn party(text: Option<String>, start: Option<i64>, end: Option<i64>, id: Option<String>) -> Option<Party> {
    text.map(|text| Party { text, start: start.unwrap_or(0) as usize, end: end.unwrap_or(0) as usize, id })
}

impl SqliteStore {
    pub(crate) fn find_key(&self, key: &str) -> Result<Option<Existing>, StoreError> {
        self.conn
            .prepare_cached("SELECT id, hash FROM documents WHERE key = ?1")
            .and_then(|mut s| s.query_row([key], |r| Ok(Existing { id: r.get(0)?, hash: r.get(1)? })).optional())
            .map_err(|e| self.err(e))
    }

    pub(crate) fn find_by_hash(&self, hash: &str) -> Result<Option<i64>, StoreError> {
        self.conn
            .prepare_cached("SELECT id FROM documents WHERE hash = ?1 LIMIT 1")
            .and_then(|mut s| s.query_row([hash], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }

    pub(crate) fn stale_docs(&self, current: u32, after: i64, limit: usize) -> Result<Vec<StoredDoc>, StoreError> {
        let sql = format!(
            "SELECT {DOC_COLUMNS} FROM documents WHERE extractor_version <> ?1 AND id > ?2 ORDER BY id LIMIT ?3"
        );
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_map(params![current, after, limit as i64], stored_doc)?.collect())
            .map_err(|e| self.err(e))
    }

    pub(crate) fn docs(&self, ids: &[i64]) -> Result<Vec<StoredDoc>, StoreError> {
        let sql = format!("SELECT {DOC_COLUMNS} FROM documents WHERE id = ?1");
        let mut out = Vec::with_capacity(ids.len());
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        for id in ids {
            if let Some(d) = stmt.query_row([id], stored_doc).optional().map_err(|e| self.err(e))? {
                out.push(d);
            }
        }
        Ok(out)
    }

    pub(crate) fn claim_rows(&self, f: &ClaimFilter, sink: &mut RowSink<'_>) -> Result<(), StoreError> {
        let mut sql = String::from(
            r#"SELECT c.doc_id, d.key, d.title, d.outlet, d.url, d.published,
                      c.start, c."end", c.text, c.min, c.max, c.qualifier, c.kind, c.counted, c.unit,
                      c.speaker_text, c.speaker_start, c.speaker_end, c.speaker_id, c.cue, c.stance,
                      c.source_text, c.source_start, c.source_end, c.source_id, c.frame, c.context
               FROM claims c JOIN documents d ON d.id = c.doc_id WHERE 1=1"#,
        );
        let mut args: Vec<Value> = Vec::new();
        let mut arg = |sql: &mut String, clause: &str, v: Value| {
            args.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(k) = &f.kind {
            arg(&mut sql, " AND c.kind = ?", Value::Text(k.clone()));
        }
        if let Some(s) = &f.speaker {
            let norm = isnad_text::normalize_str(s.trim());
            arg(&mut sql, " AND (c.speaker_id = ?", Value::Text(s.trim().to_string()));
            arg(&mut sql, " OR instr(c.speaker_norm, ?) > 0)", Value::Text(norm));
        }
        if let Some(m) = f.min {
            arg(&mut sql, " AND coalesce(c.max, c.min) >= ?", Value::Real(m));
        }
        if let Some(m) = f.max {
            arg(&mut sql, " AND coalesce(c.min, c.max) <= ?", Value::Real(m));
        }
        if let Some(d) = &f.doc {
            arg(&mut sql, " AND (d.key = ?", Value::Text(d.clone()));
            arg(&mut sql, " OR d.key LIKE ? ESCAPE '\\'", Value::Text(format!("%/{}", like_escape(d))));
            arg(&mut sql, " OR CAST(d.id AS TEXT) = ?)", Value::Text(d.clone()));
        }
        if let Some(ids) = &f.doc_ids {
            sql.push_str(&crate::store::doc_id_clause(ids));
        }
        sql.push_str(" ORDER BY c.doc_id, c.start");
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args)).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let row = self.claim_row(r)?;
            sink(row).map_err(StoreError::Output)?;
        }
        Ok(())
    }

    fn claim_row(&self, r: &Row) -> Result<ClaimRow, StoreError> {
        let e = |e| self.err(e);
        let corrupt = |what: String| StoreError::Corrupt { path: self.path.clone(), what };
        let qual: String = r.get(11).map_err(e)?;
        let kind: String = r.get(12).map_err(e)?;
        let stance: String = r.get(20).map_err(e)?;
        let stored: StoredFrame = match r.get::<_, Option<String>>(25).map_err(e)? {
            Some(j) => serde_json::from_str(&j).map_err(|x| corrupt(format!("claim frame {j:?}: {x}")))?,
            None => Default::default(),
        };
        let quantity = Quantity {
            start: r.get::<_, i64>(6).map_err(e)? as usize,
            end: r.get::<_, i64>(7).map_err(e)? as usize,
            text: r.get(8).map_err(e)?,
            min: r.get(9).map_err(e)?,
            max: r.get(10).map_err(e)?,
            qualifier: Qualifier::parse(&qual).ok_or_else(|| corrupt(format!("qualifier {qual:?}")))?,
            kind: Kind::parse(&kind).ok_or_else(|| corrupt(format!("kind {kind:?}")))?,
            counted: r.get(13).map_err(e)?,
            unit: r.get(14).map_err(e)?,
            speaker: party(r.get(15).map_err(e)?, r.get(16).map_err(e)?, r.get(17).map_err(e)?, r.get(18).map_err(e)?),
            cue: r.get(19).map_err(e)?,
            stance: if stance == "deny" { Stance::Deny } else { Stance::Assert },
            source: party(r.get(21).map_err(e)?, r.get(22).map_err(e)?, r.get(23).map_err(e)?, r.get(24).map_err(e)?),
            projection: stored.projection,
            frame: stored.frame,
        };
        Ok(ClaimRow {
            doc_id: r.get(0).map_err(e)?,
            doc: r.get(1).map_err(e)?,
            title: r.get(2).map_err(e)?,
            outlet: r.get(3).map_err(e)?,
            url: r.get(4).map_err(e)?,
            published: r.get(5).map_err(e)?,
            context: r.get(26).map_err(e)?,
            quantity,
        })
    }

    pub(crate) fn pending(&self, limit: usize) -> Result<Vec<(i64, i64)>, StoreError> {
        self.conn
            .prepare_cached("SELECT seq, doc_id FROM index_queue ORDER BY seq LIMIT ?1")
            .and_then(|mut s| s.query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .map_err(|e| self.err(e))
    }

    pub(crate) fn counts(&self) -> Result<Stats, StoreError> {
        let n = |t: &str| -> Result<u64, StoreError> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get::<_, i64>(0))
                .map(|v| v as u64)
                .map_err(|e| self.err(e))
        };
        Ok(Stats {
            documents: n("documents")?,
            claims: n("claims")?,
            dates: n("dates")?,
            mentions: n("mentions")?,
            pending_index: n("index_queue")?,
        })
    }
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}
