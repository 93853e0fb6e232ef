//! Reads: lookups by key and hash, documents, the claims export (through a portal, a
//! bounded batch of rows at a time, whatever the dossier's size), the change sequence.

use super::PgStore;
use crate::store::{ClaimFilter, ClaimRow, Existing, RowSink, Stats, StoredDoc};
use crate::StoreError;
use isnad_model::{Kind, Party, Qualifier, Quantity, Stance, StoredFrame};
use postgres::types::ToSql;
use postgres::Row;

const DOC_COLUMNS: &str =
    "id, key, format, title, url, outlet, author, published, fetched, lang, text, extractor_version";

/// Rows fetched per round trip when streaming claims or dates.
pub(crate) const FETCH: i32 = 2000;

fn stored_doc(r: &Row) -> Result<StoredDoc, postgres::Error> {
    Ok(StoredDoc {
        id: r.try_get(0)?,
        key: r.try_get(1)?,
        format: r.try_get(2)?,
        title: r.try_get(3)?,
        url: r.try_get(4)?,
        outlet: r.try_get(5)?,
        author: r.try_get(6)?,
        published: r.try_get(7)?,
        fetched: r.try_get(8)?,
        lang: r.try_get(9)?,
        text: r.try_get(10)?,
        extractor_version: r.try_get::<_, i64>(11)?.clamp(0, u32::MAX as i64) as u32,
    })
}

fn party(text: Option<String>, start: Option<i64>, end: Option<i64>, id: Option<String>) -> Option<Party> {
    text.map(|text| Party {
        text,
        start: start.unwrap_or(0).max(0) as usize,
        end: end.unwrap_or(0).max(0) as usize,
        id,
    })
}

impl PgStore {
    pub(crate) fn find_key(&self, key: &str) -> Result<Option<Existing>, StoreError> {
        let row = self
            .client()
            .query_opt("SELECT id, hash FROM documents WHERE key = $1", &[&key])
            .map_err(|e| self.err("looking a document up", e))?;
        Ok(row.map(|r| Existing { id: r.get(0), hash: r.get(1) }))
    }

    pub(crate) fn find_by_hash(&self, hash: &str) -> Result<Option<i64>, StoreError> {
        let row = self
            .client()
            .query_opt("SELECT id FROM documents WHERE hash = $1 ORDER BY id LIMIT 1", &[&hash])
            .map_err(|e| self.err("looking a document up", e))?;
        Ok(row.map(|r| r.get(0)))
    }

    pub(crate) fn stale_docs(&self, current: u32, after: i64, limit: usize) -> Result<Vec<StoredDoc>, StoreError> {
        let sql = format!(
            "SELECT {DOC_COLUMNS} FROM documents WHERE extractor_version <> $1 AND id > $2 ORDER BY id LIMIT $3"
        );
        let e = |x| self.err("listing documents", x);
        let rows = self
            .client()
            .query(&sql, &[&(current as i64), &after, &(limit.min(i64::MAX as usize) as i64)])
            .map_err(e)?;
        rows.iter().map(stored_doc).collect::<Result<_, _>>().map_err(e)
    }

    pub(crate) fn docs(&self, ids: &[i64]) -> Result<Vec<StoredDoc>, StoreError> {
        let e = |x| self.err("reading documents", x);
        let sql = format!("SELECT {DOC_COLUMNS} FROM documents WHERE id = ANY($1)");
        let rows = self.client().query(&sql, &[&ids]).map_err(e)?;
        let mut got: std::collections::HashMap<i64, StoredDoc> = std::collections::HashMap::with_capacity(rows.len());
        for r in &rows {
            let d = stored_doc(r).map_err(e)?;
            got.insert(d.id, d);
        }
        // In the order asked, as SQLite gives them.
        Ok(ids.iter().filter_map(|id| got.remove(id)).collect())
    }

    pub(crate) fn claim_rows(&self, f: &ClaimFilter, sink: &mut RowSink<'_>) -> Result<(), StoreError> {
        let mut sql = String::from(
            r#"SELECT c.doc_id, d.key, d.title, d.outlet, d.url, d.published,
                      c.start, c."end", c.text, c.min, c.max, c.qualifier, c.kind, c.counted, c.unit,
                      c.speaker_text, c.speaker_start, c.speaker_end, c.speaker_id, c.cue, c.stance,
                      c.source_text, c.source_start, c.source_end, c.source_id, c.frame, c.context
               FROM claims c JOIN documents d ON d.id = c.doc_id WHERE true"#,
        );
        let mut texts: Vec<String> = Vec::new();
        let mut reals: Vec<f64> = Vec::new();
        // Which list each placeholder reads, in order.
        let mut order: Vec<(bool, usize)> = Vec::new();
        let mut text = |sql: &mut String, clause: &str, v: String| {
            texts.push(v);
            order.push((true, texts.len() - 1));
            sql.push_str(&clause.replace('?', &format!("${}", order.len())));
        };
        if let Some(k) = &f.kind {
            text(&mut sql, " AND c.kind = ?", k.clone());
        }
        if let Some(s) = &f.speaker {
            let norm = isnad_text::normalize_str(s.trim());
            text(&mut sql, " AND (c.speaker_id = ?", s.trim().to_string());
            text(&mut sql, " OR strpos(c.speaker_norm, ?) > 0)", norm);
        }
        if let Some(d) = &f.doc {
            text(&mut sql, " AND (d.key = ?", d.clone());
            text(&mut sql, " OR d.key LIKE ? ESCAPE '\\'", format!("%/{}", like_escape(d)));
            text(&mut sql, " OR d.id::text = ?)", d.clone());
        }
        let mut real = |sql: &mut String, clause: &str, v: f64| {
            reals.push(v);
            order.push((false, reals.len() - 1));
            sql.push_str(&clause.replace('?', &format!("${}", order.len())));
        };
        if let Some(m) = f.min {
            real(&mut sql, " AND coalesce(c.max, c.min) >= ?", m);
        }
        if let Some(m) = f.max {
            real(&mut sql, " AND coalesce(c.min, c.max) <= ?", m);
        }
        if let Some(ids) = &f.doc_ids {
            sql.push_str(&crate::store::doc_id_clause(ids));
        }
        // c.id last: claims at one offset come out in the order they were written.
        sql.push_str(" ORDER BY c.doc_id, c.start, c.id");
        let args: Vec<&(dyn ToSql + Sync)> = order
            .iter()
            .map(|&(is_text, i)| if is_text { &texts[i] as &(dyn ToSql + Sync) } else { &reals[i] as _ })
            .collect();
        self.stream(&sql, &args, "reading claims", &mut |r| {
            let row = self.claim_row(r)?;
            sink(row).map_err(StoreError::Output)
        })
    }

    /// Runs a query through a portal in its own read-only transaction, handing each row
    /// to `each`; memory holds one batch of rows.
    pub(crate) fn stream(
        &self,
        sql: &str,
        args: &[&(dyn ToSql + Sync)],
        what: &str,
        each: &mut dyn FnMut(&Row) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut c = self.client();
        let e = |x| self.err(what, x);
        let mut tx = c.build_transaction().read_only(true).start().map_err(e)?;
        let portal = tx.bind(sql, args).map_err(e)?;
        loop {
            let rows = tx.query_portal(&portal, FETCH).map_err(e)?;
            for r in &rows {
                each(r)?;
            }
            if rows.len() < FETCH as usize {
                break;
            }
        }
        tx.commit().map_err(e)
    }

    fn claim_row(&self, r: &Row) -> Result<ClaimRow, StoreError> {
        let e = |x| self.err("reading a claim", x);
        let qual: String = r.try_get(11).map_err(e)?;
        let kind: String = r.try_get(12).map_err(e)?;
        let stance: String = r.try_get(20).map_err(e)?;
        let pos = |i: usize| -> Result<usize, StoreError> { Ok(r.try_get::<_, i64>(i).map_err(e)?.max(0) as usize) };
        let stored: StoredFrame = match r.try_get::<_, Option<String>>(25).map_err(e)? {
            Some(j) => serde_json::from_str(&j).map_err(|x| self.corrupt(format!("claim frame {j:?}: {x}")))?,
            None => Default::default(),
        };
        let quantity = Quantity {
            start: pos(6)?,
            end: pos(7)?,
            text: r.try_get(8).map_err(e)?,
            min: r.try_get(9).map_err(e)?,
            max: r.try_get(10).map_err(e)?,
            qualifier: Qualifier::parse(&qual).ok_or_else(|| self.corrupt(format!("qualifier {qual:?}")))?,
            kind: Kind::parse(&kind).ok_or_else(|| self.corrupt(format!("kind {kind:?}")))?,
            counted: r.try_get(13).map_err(e)?,
            unit: r.try_get(14).map_err(e)?,
            speaker: party(
                r.try_get(15).map_err(e)?,
                r.try_get(16).map_err(e)?,
                r.try_get(17).map_err(e)?,
                r.try_get(18).map_err(e)?,
            ),
            cue: r.try_get(19).map_err(e)?,
            stance: if stance == "deny" { Stance::Deny } else { Stance::Assert },
            source: party(
                r.try_get(21).map_err(e)?,
                r.try_get(22).map_err(e)?,
                r.try_get(23).map_err(e)?,
                r.try_get(24).map_err(e)?,
            ),
            projection: stored.projection,
            frame: stored.frame,
        };
        Ok(ClaimRow {
            doc_id: r.try_get(0).map_err(e)?,
            doc: r.try_get(1).map_err(e)?,
            title: r.try_get(2).map_err(e)?,
            outlet: r.try_get(3).map_err(e)?,
            url: r.try_get(4).map_err(e)?,
            published: r.try_get(5).map_err(e)?,
            context: r.try_get(26).map_err(e)?,
            quantity,
        })
    }

    pub(crate) fn counts(&self) -> Result<Stats, StoreError> {
        let row = self
            .client()
            .query_one(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM claims),
                        (SELECT count(*) FROM dates), (SELECT count(*) FROM mentions)",
                &[],
            )
            .map_err(|e| self.err("counting rows", e))?;
        let n = |i| row.get::<_, i64>(i).max(0) as u64;
        Ok(Stats { documents: n(0), claims: n(1), dates: n(2), mentions: n(3), pending_index: 0 })
    }

    pub(crate) fn changes_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, i64)>, StoreError> {
        let rows = self
            .client()
            .query(
                "SELECT change_seq, id FROM documents WHERE change_seq > $1 ORDER BY change_seq LIMIT $2",
                &[&after, &(limit.min(i64::MAX as usize) as i64)],
            )
            .map_err(|e| self.err("reading the change sequence", e))?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// How many documents there are and the last change among them, in one snapshot.
    pub(crate) fn mark(&self) -> Result<(u64, i64), StoreError> {
        let r = self
            .client()
            .query_one("SELECT count(*), coalesce(max(change_seq), 0) FROM documents", &[])
            .map_err(|e| self.err("reading the change sequence", e))?;
        Ok((r.get::<_, i64>(0).max(0) as u64, r.get(1)))
    }
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}
