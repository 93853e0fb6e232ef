//! The report's ledger built one unit of events at a time
//! ([`isnad_ledger::units`]): what is held at once is every document's metadata, the
//! events' states and one unit's claims, not the dossier's claims. The figures come out
//! as the whole dossier's ledger gives them (a test compares the two).

use super::spill::Spill;
use super::DOC_BATCH;
use isnad_ledger::units::{Plan, Planner};
use isnad_ledger::{Corpus, Decision, DocInput, Ledger};
use isnad_store::{ClaimFilter, LedgerStore, Store, StoredDoc};
use std::collections::HashMap;
use std::sync::Arc;

/// What the report keeps of every document while it builds units.
struct Meta {
    doc: StoredDoc,
    hash: String,
    event: i64,
    reasons: Vec<String>,
}

/// The ledger of a dossier every document of which ingest put in an event; `None` when
/// some have none (a dossier from before events were stored: the caller builds it whole).
/// With `spill`, the figures go there as each unit is built and the ledger returned
/// holds none.
pub(crate) fn ledger<S: Store + LedgerStore>(
    store: &S,
    decisions: &[Decision],
    mut spill: Option<&mut Spill>,
    progress: &mut dyn FnMut(usize, usize),
) -> anyhow::Result<Option<Ledger>> {
    let hashes = store.doc_hashes()?;
    let mut events = store.events()?;
    if hashes.is_empty() || hashes.iter().any(|(id, _)| !events.of_doc.contains_key(id)) {
        return Ok(None);
    }
    let mut metas: Vec<Meta> = Vec::with_capacity(hashes.len());
    for chunk in hashes.chunks(DOC_BATCH) {
        let ids: Vec<i64> = chunk.iter().map(|x| x.0).collect();
        let hash_of: HashMap<i64, &str> = chunk.iter().map(|(i, h)| (*i, h.as_str())).collect();
        for mut d in store.documents(&ids)? {
            // The ledger reads the sentences stored with the claims, not the text.
            d.text = String::new();
            let Some((event, reasons)) = events.of_doc.remove(&d.id) else { continue };
            let hash = hash_of.get(&d.id).map(|h| h.to_string()).unwrap_or_default();
            metas.push(Meta { doc: d, hash, event, reasons });
        }
    }
    // The ledger meets documents in key order, and events by their first document.
    metas.sort_by(|a, b| a.doc.key.cmp(&b.doc.key).then(a.doc.id.cmp(&b.doc.id)));
    let states: HashMap<i64, Arc<isnad_ledger::events::EventState>> =
        std::mem::take(&mut events.states).into_iter().map(|(id, s)| (id, Arc::new(s))).collect();
    let mut order: Vec<(i64, Arc<isnad_ledger::events::EventState>)> = Vec::new();
    let mut rank: HashMap<i64, usize> = HashMap::new();
    for m in &metas {
        if let std::collections::hash_map::Entry::Vacant(e) = rank.entry(m.event) {
            e.insert(order.len());
            order.push((m.event, states.get(&m.event).cloned().unwrap_or_default()));
        }
    }
    let mut planner = Planner::new(order);
    let at: HashMap<i64, usize> = metas.iter().enumerate().map(|(k, m)| (m.doc.id, k)).collect();
    let mut claims = 0usize;
    {
        // A document's claims come together (the store gives them by document).
        let mut doc: Option<i64> = None;
        let mut buf: Vec<isnad_model::Quantity> = Vec::new();
        let flush = |planner: &mut Planner, doc: Option<i64>, buf: &mut Vec<isnad_model::Quantity>| {
            if let Some(m) = doc.and_then(|d| at.get(&d)).map(|&k| (k, &metas[k])) {
                planner.doc(m.1.doc.id, m.0, m.1.event, buf);
            }
            buf.clear();
        };
        store.claims(&ClaimFilter::default(), &mut |row| {
            claims += 1;
            if doc != Some(row.doc_id) {
                flush(&mut planner, doc, &mut buf);
                doc = Some(row.doc_id);
            }
            buf.push(row.quantity);
            Ok(())
        })?;
        flush(&mut planner, doc, &mut buf);
    }
    // A decision goes to the unit of the claims it names; one that names no document
    // left in the dossier is counted as unresolved here, as the whole ledger counts it.
    let by_hash: HashMap<&str, i64> = metas.iter().map(|m| (m.hash.as_str(), m.doc.id)).collect();
    let by_key: HashMap<&str, i64> = metas.iter().map(|m| (m.doc.key.as_str(), m.doc.id)).collect();
    let mut anchor: Vec<Option<i64>> = Vec::with_capacity(decisions.len());
    for d in decisions {
        let mut evs: Vec<i64> = Vec::new();
        for (h, k) in d.documents() {
            for id in [by_hash.get(h), by_key.get(k)].into_iter().flatten() {
                evs.extend(planner.events_of(*id, metas[at[id]].event));
            }
        }
        planner.tie(&evs);
        anchor.push(evs.first().copied());
    }
    drop((by_hash, by_key));
    let plan = planner.plan();
    let units = &plan.units;
    // Each unit's documents: (index into metas, visiting).
    let mut docs_of: Vec<Vec<(usize, bool)>> = vec![Vec::new(); units.len()];
    for (k, m) in metas.iter().enumerate() {
        for (n, u) in plan.units_of(m.doc.id, m.event).into_iter().enumerate() {
            docs_of[u].push((k, n > 0));
        }
    }
    let mut decisions_of: Vec<Vec<Decision>> = vec![Vec::new(); units.len()];
    let mut unresolved = 0;
    for (d, a) in decisions.iter().zip(&anchor) {
        match a.and_then(|e| plan.unit_of.get(&e)) {
            Some(&u) => decisions_of[u].push(d.clone()),
            None => unresolved += 1,
        }
    }
    let lang = isnad_ledger::html::Lang::of_docs(metas.iter().map(|m| m.doc.lang.as_deref())).code();
    let mut out = Ledger {
        rule: isnad_ledger::RULE,
        lang,
        documents: metas.len(),
        claims,
        figures: Vec::new(),
        events: Vec::new(),
        ungrouped: 0,
        unresolved_decisions: unresolved,
    };
    for (u, docs) in docs_of.iter().enumerate() {
        progress(u, units.len());
        let inputs = unit_inputs(store, &metas, docs, &plan, u, &states)?;
        let built = isnad_ledger::ledger(&Corpus::build_with(inputs, plan.places.clone()), &decisions_of[u]);
        let l = built.ledger;
        match spill.as_deref_mut() {
            Some(sp) => {
                for f in &l.figures {
                    sp.push(f)?;
                }
            }
            None => out.figures.extend(l.figures),
        }
        out.events.extend(l.events);
        out.ungrouped += l.ungrouped;
        out.unresolved_decisions += l.unresolved_decisions;
    }
    out.figures.sort_by(|a, b| isnad_ledger::figure_order(a, b));
    // Events in the whole ledger's order: stored events by first document, then the
    // ones an analyst's split made.
    let first_doc: HashMap<&str, usize> =
        metas.iter().enumerate().rev().map(|(k, m)| (m.doc.key.as_str(), k)).collect();
    out.events.sort_by_cached_key(|e| {
        let stored = e.id.strip_prefix('e').and_then(|x| x.parse::<i64>().ok()).and_then(|id| rank.get(&id).copied());
        let first = e.documents.first().and_then(|k| first_doc.get(k.as_str()).copied()).unwrap_or(usize::MAX);
        match stored {
            Some(r) => (0, r),
            None => (1, first),
        }
    });
    Ok(Some(out))
}

/// The ledger's input for one unit: its documents with their claims and events.
fn unit_inputs<S: Store>(
    store: &S,
    metas: &[Meta],
    docs: &[(usize, bool)],
    plan: &Plan,
    unit: usize,
    states: &HashMap<i64, Arc<isnad_ledger::events::EventState>>,
) -> anyhow::Result<Vec<DocInput>> {
    let mut inputs = Vec::with_capacity(docs.len());
    for chunk in docs.chunks(DOC_BATCH) {
        let ids: Vec<i64> = chunk.iter().map(|&(k, _)| metas[k].doc.id).collect();
        let mut claims: HashMap<i64, (Vec<isnad_model::Quantity>, Vec<Option<String>>)> = HashMap::new();
        let filter = ClaimFilter { doc_ids: Some(ids), ..Default::default() };
        store.claims(&filter, &mut |row| {
            let e = claims.entry(row.doc_id).or_default();
            e.0.push(row.quantity);
            e.1.push(row.context);
            Ok(())
        })?;
        for &(k, visiting) in chunk {
            let m = &metas[k];
            let d = &m.doc;
            let (mut qs, mut contexts) = claims.remove(&d.id).unwrap_or_default();
            // A document some of whose claims go elsewhere brings here only those that
            // come to this unit, each told where it goes.
            let placed = plan.moved.get(&d.id).map(|goes| {
                let here = |e: &i64| plan.unit_of.get(e) == Some(&unit);
                let keep: Vec<bool> = (0..qs.len()).map(|i| goes.get(i).is_some_and(here)).collect();
                let mut i = 0;
                qs.retain(|_| (keep[i], i += 1).0);
                contexts.resize(keep.len(), None);
                let mut i = 0;
                contexts.retain(|_| (keep[i], i += 1).0);
                goes.iter().zip(&keep).filter(|x| *x.1).map(|x| *x.0).collect::<Vec<i64>>()
            });
            inputs.push(DocInput {
                id: d.id,
                hash: m.hash.clone(),
                claims: qs,
                dates: Vec::new(),
                contexts,
                event: Some((m.event, states.get(&m.event).cloned().unwrap_or_default())),
                event_reasons: Some(m.reasons.clone()),
                profile: None,
                event_index: None,
                placed,
                visiting,
                key: d.key.clone(),
                title: d.title.clone(),
                outlet: d.outlet.clone(),
                url: d.url.clone(),
                published: d.published.clone(),
                lang: d.lang.clone(),
                text: String::new(),
            });
        }
    }
    Ok(inputs)
}
