//! Event assignment at ingest: new documents are clustered against the stored events
//! (`isnad_ledger::events::Clusterer`) a chunk at a time, and the events, each
//! document's event and the term statistics are written back, a few chunks per
//! transaction.
//!
//! Candidate events are fetched through `event_terms` (the top terms of each centroid)
//! for the documents' own top terms, so the events loaded per run are those that share
//! vocabulary with what comes in, not the whole dossier.

use super::SqliteStore;
use crate::store::StoredEvents;
use crate::StoreError;
use isnad_ledger::events::{Clusterer, EventState};
use isnad_model::DocProfile;
use rusqlite::{params, OptionalExtension};
use std::collections::{BTreeSet, HashMap};

/// Centroid terms indexed per event for candidate lookup.
const INDEXED_TERMS: usize = 24;
/// Document terms used to look candidates up.
/// Candidate events fetched per probe term (the most recent first).
const PER_TERM: usize = 50;
/// Documents assigned per chunk (date order across chunks).
const ASSIGN_CHUNK: usize = 2000;
/// Chunks per transaction. Every chunk (one stretch of dates) writes document rows
/// spread over the whole `event_docs` table, and each commit wrote every page it
/// touched to the WAL again; a kill still loses at most these chunks, which the rerun
/// assigns with the same chunk boundaries (it takes the unassigned documents, in date
/// order, a whole number of chunks after the ones kept).
const CHUNKS_PER_COMMIT: usize = 8;
/// Named days outside a chunk's window looked up per chunk.
const MAX_NAMED_LOOKUPS: usize = 500;

impl SqliteStore {
    /// Assigns the documents in date order, a chunk at a time, so that memory holds one
    /// chunk's profiles and the events they could join, whatever the run's size.
    pub(crate) fn assign_doc_events(&mut self, docs: &[i64]) -> Result<u64, StoreError> {
        if docs.is_empty() {
            return Ok(0);
        }
        let mut dated: Vec<(i64, i64)> = Vec::with_capacity(docs.len());
        {
            let e = |x| self.err(x);
            let mut st = self
                .conn
                .prepare_cached("SELECT json_extract(profile, '$.day') FROM doc_profiles WHERE doc_id = ?1")
                .map_err(e)?;
            for &id in docs {
                let day: Option<i64> = st.query_row([id], |r| r.get(0)).optional().map_err(e)?.flatten();
                dated.push((day.unwrap_or(i64::MAX), id));
            }
        }
        dated.sort_unstable();
        let mut opened = 0;
        for group in dated.chunks(ASSIGN_CHUNK * CHUNKS_PER_COMMIT) {
            let tx = self.conn.transaction().map_err(|x| StoreError::Sqlite { path: self.path.clone(), source: x })?;
            for chunk in group.chunks(ASSIGN_CHUNK) {
                let ids: Vec<i64> = chunk.iter().map(|x| x.1).collect();
                opened += assign_chunk(&tx, &self.path, &ids)?;
            }
            tx.commit().map_err(|x| StoreError::Sqlite { path: self.path.clone(), source: x })?;
        }
        Ok(opened)
    }

    pub(crate) fn stored_events(&self) -> Result<StoredEvents, StoreError> {
        let e = |x| self.err(x);
        let mut out = StoredEvents::default();
        let mut st = self.conn.prepare("SELECT id, state FROM events").map_err(e)?;
        let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).map_err(e)?;
        for row in rows {
            let (id, j) = row.map_err(e)?;
            match serde_json::from_str::<EventState>(&j) {
                Ok(mut s) => {
                    s.id = Some(id);
                    out.states.insert(id, s);
                }
                // One bad row costs its event's title and span, not the report.
                Err(_) => {
                    out.states.insert(id, EventState { id: Some(id), ..Default::default() });
                }
            }
        }
        let mut st = self.conn.prepare("SELECT doc_id, event_id, reasons FROM event_docs").map_err(e)?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, Option<String>>(2)?)))
            .map_err(e)?;
        for row in rows {
            let (doc, ev, reasons) = row.map_err(e)?;
            let reasons = reasons.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default();
            out.of_doc.insert(doc, (ev, reasons));
        }
        Ok(out)
    }
}

/// One chunk of documents, in date order, inside the caller's transaction.
fn assign_chunk(conn: &rusqlite::Connection, path: &str, docs: &[i64]) -> Result<u64, StoreError> {
    let e = |source| StoreError::Sqlite { path: path.to_string(), source };
    let corrupt = |what: String| StoreError::Corrupt { path: path.to_string(), what };
    // Profiles of the new documents, in date order (undated last), then id.
    let mut profiles: Vec<(i64, DocProfile)> = Vec::with_capacity(docs.len());
    {
        // Read in id order, which is the table's: a chunk's documents (one stretch of
        // dates) lie all over it, and in date order every read was a cache miss.
        let mut by_id = docs.to_vec();
        by_id.sort_unstable();
        let mut st = conn.prepare_cached("SELECT profile FROM doc_profiles WHERE doc_id = ?1").map_err(e)?;
        for &id in &by_id {
            let j: Option<String> = st.query_row([id], |r| r.get(0)).optional().map_err(e)?;
            let p = match j {
                Some(j) => serde_json::from_str(&j).map_err(|x| corrupt(format!("profile of document {id}: {x}")))?,
                None => DocProfile::default(),
            };
            profiles.push((id, p));
        }
    }
    profiles.sort_by_key(|(id, p)| (p.day.unwrap_or(i64::MAX), *id));
    let (lo, hi) = crate::profile::chunk_window(&profiles);
    let probe = crate::profile::probe_terms(&profiles);
    let mut cand: BTreeSet<i64> = BTreeSet::new();
    {
        let mut st = conn
            .prepare_cached(
                "SELECT t.event_id FROM event_terms t JOIN events e ON e.id = t.event_id
                 WHERE t.term = ?1 AND (e.hi_day IS NULL OR (e.hi_day >= ?3 AND e.lo_day <= ?4))
                 ORDER BY t.event_id DESC LIMIT ?2",
            )
            .map_err(e)?;
        for t in &probe {
            let ids = st.query_map(params![t, PER_TERM as i64, lo, hi], |r| r.get::<_, i64>(0)).map_err(e)?;
            for id in ids {
                cand.insert(id.map_err(e)?);
            }
        }
        // Retrospectives: the events of the days a document names outside the window.
        let mut st = conn
            .prepare_cached("SELECT id FROM events WHERE hi_day >= ?1 AND lo_day <= ?2 ORDER BY docs DESC LIMIT ?3")
            .map_err(e)?;
        let mut named: BTreeSet<(i64, i64)> = BTreeSet::new();
        for (_, p) in &profiles {
            named.extend(p.named_days.iter().copied().filter(|&(a, b)| b < lo || a > hi));
        }
        for (a, b) in named.into_iter().take(MAX_NAMED_LOOKUPS) {
            let ids = st.query_map(params![a - 3, b + 3, PER_TERM as i64], |r| r.get::<_, i64>(0)).map_err(e)?;
            for id in ids {
                cand.insert(id.map_err(e)?);
            }
        }
    }
    let mut states: Vec<EventState> = Vec::with_capacity(cand.len());
    {
        let mut st = conn.prepare_cached("SELECT state FROM events WHERE id = ?1").map_err(e)?;
        for id in &cand {
            if let Some(j) = st.query_row([id], |r| r.get::<_, String>(0)).optional().map_err(e)? {
                let mut s: EventState =
                    serde_json::from_str(&j).map_err(|x| corrupt(format!("state of event {id}: {x}")))?;
                s.id = Some(*id);
                states.push(s);
            }
        }
    }
    // Term statistics for the terms that matter here.
    let mut df: HashMap<String, u32> = HashMap::new();
    {
        let mut st = conn.prepare_cached("SELECT df FROM term_df WHERE term = ?1").map_err(e)?;
        // Distinct terms through a hash set (a chunk's profiles repeat each many
        // times), then looked up in the table's order.
        let mut terms: foldhash::HashSet<&str> = foldhash::HashSet::default();
        for (_, p) in &profiles {
            terms.extend(p.terms.iter().map(|t| t.0.as_str()));
        }
        for s in &states {
            terms.extend(s.centroid.iter().map(|t| t.0.as_str()));
        }
        let mut terms: Vec<&str> = terms.into_iter().collect();
        terms.sort_unstable();
        for t in terms {
            if let Some(n) = st.query_row([t], |r| r.get::<_, i64>(0)).optional().map_err(e)? {
                df.insert(t.to_string(), n as u32);
            }
        }
    }
    let n_docs: i64 = conn.query_row("SELECT count(*) FROM event_docs", [], |r| r.get(0)).map_err(e)?;
    let loaded = states.len();
    let mut c = Clusterer::new(states, df, n_docs as u64);
    let mut placed: Vec<(i64, usize, f32, Vec<String>)> = Vec::with_capacity(profiles.len());
    for (id, p) in &profiles {
        let a = c.assign(p);
        placed.push((*id, a.event, a.score, a.reasons));
    }
    let opened = (c.events.len() - loaded) as u64;
    let touched: BTreeSet<usize> = placed.iter().map(|x| x.1).collect();

    let mut ids: HashMap<usize, i64> = HashMap::new();
    for &k in &touched {
        let s = &c.events[k];
        let mut stored = s.clone();
        stored.id = None;
        let j = serde_json::to_string(&stored).map_err(|x| StoreError::Output(Box::new(x)))?;
        let id = match s.id {
            Some(id) => {
                conn.prepare_cached("UPDATE events SET lo_day=?2, hi_day=?3, docs=?4, state=?5 WHERE id=?1")
                    .and_then(|mut st| st.execute(params![id, s.lo, s.hi, s.docs, j]))
                    .map_err(e)?;
                conn.prepare_cached("DELETE FROM event_terms WHERE event_id = ?1")
                    .and_then(|mut st| st.execute([id]))
                    .map_err(e)?;
                id
            }
            None => {
                conn.prepare_cached("INSERT INTO events (lo_day, hi_day, docs, state) VALUES (?1,?2,?3,?4)")
                    .and_then(|mut st| st.execute(params![s.lo, s.hi, s.docs, j]))
                    .map_err(e)?;
                conn.last_insert_rowid()
            }
        };
        let mut st =
            conn.prepare_cached("INSERT OR IGNORE INTO event_terms (term, event_id) VALUES (?1, ?2)").map_err(e)?;
        for t in s.probe_terms(INDEXED_TERMS) {
            st.execute(params![t, id]).map_err(e)?;
        }
        ids.insert(k, id);
    }
    {
        let mut st = conn
            .prepare_cached("INSERT OR REPLACE INTO event_docs (doc_id, event_id, score, reasons) VALUES (?1,?2,?3,?4)")
            .map_err(e)?;
        // In the table's order (document id), not the chunk's date order: each
        // write then finds its page where the last one left off.
        let mut by_id: Vec<&(i64, usize, f32, Vec<String>)> = placed.iter().collect();
        by_id.sort_unstable_by_key(|x| x.0);
        for (doc, k, score, reasons) in by_id {
            let r = serde_json::to_string(reasons).unwrap_or_default();
            st.execute(params![doc, ids[k], *score as f64, r]).map_err(e)?;
        }
        // One write per distinct term of the chunk, with how many documents have it,
        // in the table's order.
        let mut seen: foldhash::HashMap<&str, i64> = foldhash::HashMap::default();
        for (_, p) in &profiles {
            for (t, _) in &p.terms {
                *seen.entry(t.as_str()).or_insert(0) += 1;
            }
        }
        let mut seen: Vec<(&str, i64)> = seen.into_iter().collect();
        seen.sort_unstable();
        let mut up = conn
            .prepare_cached(
                "INSERT INTO term_df (term, df) VALUES (?1, ?2) ON CONFLICT(term) DO UPDATE SET df = df + ?2",
            )
            .map_err(e)?;
        for (t, n) in seen {
            up.execute(params![t, n]).map_err(e)?;
        }
    }
    Ok(opened)
}
