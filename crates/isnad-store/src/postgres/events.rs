//! Event assignment, as `sqlite/events.rs` does it (same candidates, same clusterer,
//! same writes), with one difference that several writers need: a chunk's reads of the
//! stored events and its writes are one transaction under an advisory lock, so two
//! ingests finishing at once assign their documents one chunk after the other, each
//! seeing the events the other opened.

use super::{PgStore, LOCK_CLASS, LOCK_EVENTS};
use crate::store::StoredEvents;
use crate::StoreError;
use isnad_ledger::events::{Clusterer, EventState};
use isnad_model::DocProfile;
use postgres::Transaction;
use std::collections::{BTreeMap, BTreeSet, HashMap};

const INDEXED_TERMS: usize = 24;
const PER_TERM: i64 = 50;
const ASSIGN_CHUNK: usize = 2000;
const MAX_NAMED_LOOKUPS: usize = 500;

/// Why a chunk could not be assigned: the database, or a stored value.
enum Fail {
    Db(postgres::Error),
    Corrupt(String),
}

impl From<postgres::Error> for Fail {
    fn from(e: postgres::Error) -> Self {
        Fail::Db(e)
    }
}

impl PgStore {
    pub(crate) fn assign_doc_events(&mut self, docs: &[i64]) -> Result<u64, StoreError> {
        if docs.is_empty() {
            return Ok(0);
        }
        let mut dated: Vec<(i64, i64)> = Vec::with_capacity(docs.len());
        for ids in docs.chunks(ASSIGN_CHUNK) {
            let rows = self
                .client()
                .query(
                    "SELECT i, (SELECT (p.profile::json->>'day')::bigint FROM doc_profiles p WHERE p.doc_id = i)
                     FROM unnest($1::int8[]) AS i",
                    &[&ids],
                )
                .map_err(|e| self.err("reading document profiles", e))?;
            for r in rows {
                let day: Option<i64> = r.get(1);
                dated.push((day.unwrap_or(i64::MAX), r.get(0)));
            }
        }
        dated.sort_unstable();
        let mut opened = 0;
        for chunk in dated.chunks(ASSIGN_CHUNK) {
            let ids: Vec<i64> = chunk.iter().map(|x| x.1).collect();
            let mut c = self.client();
            let e = |x| self.err("assigning events", x);
            let mut tx = c.transaction().map_err(e)?;
            tx.execute("SELECT pg_advisory_xact_lock($1, $2)", &[&LOCK_CLASS, &LOCK_EVENTS]).map_err(e)?;
            match assign_chunk(&mut tx, &ids) {
                Ok(n) => opened += n,
                Err(Fail::Db(x)) => return Err(e(x)),
                Err(Fail::Corrupt(what)) => return Err(self.corrupt(what)),
            }
            tx.commit().map_err(e)?;
        }
        Ok(opened)
    }

    pub(crate) fn stored_events(&self) -> Result<StoredEvents, StoreError> {
        let mut out = StoredEvents::default();
        self.stream("SELECT id, state FROM events", &[], "reading events", &mut |r| {
            let id: i64 = r.get(0);
            let j: String = r.get(1);
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
            Ok(())
        })?;
        self.stream("SELECT doc_id, event_id, reasons FROM event_docs", &[], "reading events", &mut |r| {
            let reasons: Option<String> = r.get(2);
            let reasons = reasons.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default();
            out.of_doc.insert(r.get(0), (r.get(1), reasons));
            Ok(())
        })?;
        Ok(out)
    }
}

fn assign_chunk(tx: &mut Transaction, docs: &[i64]) -> Result<u64, Fail> {
    let mut profiles: Vec<(i64, DocProfile)> = Vec::with_capacity(docs.len());
    {
        let rows = tx.query(
            "SELECT i, (SELECT p.profile FROM doc_profiles p WHERE p.doc_id = i) FROM unnest($1::int8[]) AS i",
            &[&docs],
        )?;
        for r in rows {
            let id: i64 = r.get(0);
            let p = match r.get::<_, Option<String>>(1) {
                Some(j) => {
                    serde_json::from_str(&j).map_err(|x| Fail::Corrupt(format!("profile of document {id}: {x}")))?
                }
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
        let st = tx.prepare(
            "SELECT t.event_id FROM event_terms t JOIN events e ON e.id = t.event_id
             WHERE t.term = $1 AND (e.hi_day IS NULL OR (e.hi_day >= $3 AND e.lo_day <= $4))
             ORDER BY t.event_id DESC LIMIT $2",
        )?;
        for t in &probe {
            for r in tx.query(&st, &[t, &PER_TERM, &lo, &hi])? {
                cand.insert(r.get(0));
            }
        }
        let st = tx.prepare("SELECT id FROM events WHERE hi_day >= $1 AND lo_day <= $2 ORDER BY docs DESC LIMIT $3")?;
        let mut named: BTreeSet<(i64, i64)> = BTreeSet::new();
        for (_, p) in &profiles {
            named.extend(p.named_days.iter().copied().filter(|&(a, b)| b < lo || a > hi));
        }
        for (a, b) in named.into_iter().take(MAX_NAMED_LOOKUPS) {
            for r in tx.query(&st, &[&(a - 3), &(b + 3), &PER_TERM])? {
                cand.insert(r.get(0));
            }
        }
    }
    let mut states: Vec<EventState> = Vec::with_capacity(cand.len());
    {
        let ids: Vec<i64> = cand.iter().copied().collect();
        let rows = tx.query("SELECT id, state FROM events WHERE id = ANY($1) ORDER BY id", &[&ids])?;
        for r in rows {
            let id: i64 = r.get(0);
            let j: String = r.get(1);
            let mut s: EventState =
                serde_json::from_str(&j).map_err(|x| Fail::Corrupt(format!("state of event {id}: {x}")))?;
            s.id = Some(id);
            states.push(s);
        }
    }
    let mut df: HashMap<String, u32> = HashMap::new();
    {
        let mut terms: BTreeSet<&str> = BTreeSet::new();
        for (_, p) in &profiles {
            terms.extend(p.terms.iter().map(|t| t.0.as_str()));
        }
        for s in &states {
            terms.extend(s.centroid.iter().map(|t| t.0.as_str()));
        }
        let terms: Vec<&str> = terms.into_iter().collect();
        for r in tx.query("SELECT term, df FROM term_df WHERE term = ANY($1)", &[&terms])? {
            df.insert(r.get(0), r.get::<_, i64>(1).clamp(0, u32::MAX as i64) as u32);
        }
    }
    let n_docs: i64 = tx.query_one("SELECT count(*) FROM event_docs", &[])?.get(0);
    let loaded = states.len();
    let mut c = Clusterer::new(states, df, n_docs.max(0) as u64);
    let mut placed: Vec<(i64, usize, f32, Vec<String>)> = Vec::with_capacity(profiles.len());
    for (id, p) in &profiles {
        let a = c.assign(p);
        placed.push((*id, a.event, a.score, a.reasons));
    }
    let opened = (c.events.len() - loaded) as u64;
    let touched: BTreeSet<usize> = placed.iter().map(|x| x.1).collect();

    let mut ids: HashMap<usize, i64> = HashMap::new();
    let update = tx.prepare("UPDATE events SET lo_day=$2, hi_day=$3, docs=$4, state=$5 WHERE id=$1")?;
    let insert = tx.prepare("INSERT INTO events (lo_day, hi_day, docs, state) VALUES ($1,$2,$3,$4) RETURNING id")?;
    for &k in &touched {
        let s = &c.events[k];
        let mut stored = s.clone();
        stored.id = None;
        let j = serde_json::to_string(&stored).map_err(|x| Fail::Corrupt(format!("event state: {x}")))?;
        let n = s.docs as i64;
        let id = match s.id {
            Some(id) => {
                tx.execute(&update, &[&id, &s.lo, &s.hi, &n, &j])?;
                tx.execute("DELETE FROM event_terms WHERE event_id = $1", &[&id])?;
                id
            }
            None => tx.query_one(&insert, &[&s.lo, &s.hi, &n, &j])?.get(0),
        };
        let terms: Vec<&str> = s.probe_terms(INDEXED_TERMS).collect();
        tx.execute(
            "INSERT INTO event_terms (term, event_id) SELECT t, $2 FROM unnest($1::text[]) AS t
             ON CONFLICT DO NOTHING",
            &[&terms, &id],
        )?;
        ids.insert(k, id);
    }
    {
        let (mut d, mut ev, mut sc, mut rs) = (vec![], vec![], vec![], vec![]);
        for (doc, k, score, reasons) in &placed {
            d.push(*doc);
            ev.push(ids[k]);
            sc.push(*score as f64);
            rs.push(serde_json::to_string(reasons).unwrap_or_default());
        }
        tx.execute(
            "INSERT INTO event_docs (doc_id, event_id, score, reasons)
             SELECT * FROM unnest($1::int8[], $2::int8[], $3::float8[], $4::text[])
             ON CONFLICT (doc_id) DO UPDATE SET event_id = excluded.event_id, score = excluded.score,
               reasons = excluded.reasons",
            &[&d, &ev, &sc, &rs],
        )?;
        let mut seen: BTreeMap<&str, i64> = BTreeMap::new();
        for (_, p) in &profiles {
            for (t, _) in &p.terms {
                *seen.entry(t.as_str()).or_insert(0) += 1;
            }
        }
        let (terms, counts): (Vec<&str>, Vec<i64>) = seen.into_iter().unzip();
        tx.execute(
            "INSERT INTO term_df (term, df) SELECT * FROM unnest($1::text[], $2::int8[])
             ON CONFLICT (term) DO UPDATE SET df = term_df.df + excluded.df",
            &[&terms, &counts],
        )?;
    }
    Ok(opened)
}
