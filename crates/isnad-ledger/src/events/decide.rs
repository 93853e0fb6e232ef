//! The analyst's event decisions: name an event, merge two, split documents off into
//! their own, move a document to another event. Applied to a copy of the corpus before
//! figures are formed, in the order they were made, so every figure is then formed
//! inside the events the analyst settled on.
//!
//! Documents are found again by content hash, else by key ([`DocKey`]), so decisions
//! survive re-ingest and re-extraction. A document's claims follow it, except those its
//! own event had already sent to another (a recalled incident stays where it is).
//!
//! An event's summary is kept up to date as documents come and go: its documents, its
//! days (the documents' publication days), and the places its claims name, so titles
//! and the "elsewhere" test read the event as it now is. The clustering terms
//! (centroid, actors) of a decided event are not recomputed: they only serve to assign
//! new documents, which the store does at ingest.

use super::{day_of, short_hash, title, view, EventState, EventView};
use crate::decisions::Decision;
use crate::features::Corpus;
use crate::input::DocKey;
use isnad_model::ymd;
use std::collections::{BTreeMap, HashMap};

/// The corpus with the event decisions applied, and how many named a document that is
/// no longer there.
pub(crate) fn decide(orig: &Corpus, decisions: &[Decision]) -> (Corpus, usize) {
    // Documents are never added or removed here, so indices into the original hold.
    let by_hash: HashMap<&str, usize> = orig.docs.iter().enumerate().map(|(i, d)| (d.hash.as_str(), i)).collect();
    let by_key: HashMap<&str, usize> = orig.docs.iter().enumerate().map(|(i, d)| (d.key.as_str(), i)).collect();
    let mut c = orig.clone();
    let find = |k: &DocKey| by_hash.get(k.doc_hash.as_str()).or_else(|| by_key.get(k.doc_key.as_str())).copied();
    let mut unresolved = 0;
    let mut touched: Vec<usize> = Vec::new();
    for (j, d) in decisions.iter().enumerate() {
        match d {
            Decision::NameEvent { doc, name } => {
                let Some(e) = find(doc).and_then(|i| event_of(&c, i)) else {
                    unresolved += 1;
                    continue;
                };
                let name = name.trim();
                c.events[e].name = (!name.is_empty()).then(|| name.chars().take(200).collect());
                touched.push(e);
            }
            Decision::MergeEvents { a, b } => {
                let (Some(ea), Some(eb)) =
                    (find(a).and_then(|i| event_of(&c, i)), find(b).and_then(|i| event_of(&c, i)))
                else {
                    unresolved += 1;
                    continue;
                };
                if ea == eb {
                    continue;
                }
                let docs = std::mem::take(&mut c.events[eb].doc_idx);
                for cl in c.claims.iter_mut().filter(|cl| cl.event == eb) {
                    cl.event = ea;
                }
                c.events[ea].doc_idx.extend(docs);
                if c.events[ea].name.is_none() {
                    c.events[ea].name = c.events[eb].name.take();
                }
                let mut notes = std::mem::take(&mut c.events[eb].user);
                c.events[ea].user.append(&mut notes);
                c.events[ea].user.push("merged".into());
                touched.push(ea);
            }
            Decision::SplitEvent { docs } => {
                let mut found: Vec<usize> = docs.iter().filter_map(find).collect();
                found.sort_unstable();
                found.dedup();
                if found.is_empty() {
                    unresolved += 1;
                    continue;
                }
                let keys: Vec<&str> = found.iter().map(|&i| c.docs[i].key.as_str()).collect();
                let mut v = view(format!("s{}", short_hash(&keys.join("\n"))), EventState::default());
                v.user.push("split".into());
                v.made_by = Some(j);
                c.events.push(v);
                let to = c.events.len() - 1;
                for &i in &found {
                    if let Some(from) = event_of(&c, i) {
                        move_doc(&mut c, i, from, to);
                        touched.push(from);
                    }
                }
                touched.push(to);
            }
            Decision::MoveDocument { doc, to } => {
                let (Some(i), Some(to)) = (find(doc), find(to).and_then(|t| event_of(&c, t))) else {
                    unresolved += 1;
                    continue;
                };
                let Some(from) = event_of(&c, i) else { continue };
                if from == to {
                    continue;
                }
                move_doc(&mut c, i, from, to);
                c.events[to].user.push("moved".into());
                touched.extend([from, to]);
            }
            Decision::Split { .. } | Decision::Merge { .. } | Decision::Name { .. } => {}
        }
    }
    touched.sort_unstable();
    touched.dedup();
    for &k in &touched {
        summarise(&mut c, k);
    }
    drop_empty(&mut c);
    (c, unresolved)
}

fn event_of(c: &Corpus, doc: usize) -> Option<usize> {
    c.events.iter().position(|e| e.doc_idx.contains(&doc))
}

/// Document `i` and the claims it had in event `from` go to event `to`.
fn move_doc(c: &mut Corpus, i: usize, from: usize, to: usize) {
    c.events[from].doc_idx.retain(|&d| d != i);
    c.events[to].doc_idx.push(i);
    for cl in c.claims.iter_mut().filter(|cl| cl.doc == i && cl.event == from) {
        cl.event = to;
    }
}

/// Recomputes what event `k` shows from the documents and claims it now holds.
fn summarise(c: &mut Corpus, k: usize) {
    let e = &mut c.events[k];
    e.doc_idx.sort_unstable();
    e.doc_idx.dedup();
    let days: Vec<i64> = e.doc_idx.iter().filter_map(|&i| day_of(c.docs[i].published.as_deref())).collect();
    let (lo, hi) = (days.iter().min().copied(), days.iter().max().copied());
    if lo.is_some() || e.doc_idx.is_empty() {
        e.state.lo = lo;
        e.state.hi = hi;
    }
    e.state.docs = e.doc_idx.len() as u32;
    // Places: in how many of its documents a claim of this event names each (and the
    // document's main place), most named first.
    let mut per_doc: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for cl in c.claims.iter().filter(|cl| cl.event == k) {
        let v = per_doc.entry(cl.doc).or_default();
        if let Some((p, _)) = &cl.place {
            if !v.contains(&p.as_str()) {
                v.push(p);
            }
        }
    }
    for &i in &e.doc_idx {
        if let Some(p) = &c.docs[i].main_place {
            let v = per_doc.entry(i).or_default();
            if !v.contains(&p.as_str()) {
                v.push(p);
            }
        }
    }
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for places in per_doc.values() {
        for p in places {
            *counts.entry(p).or_default() += 1;
        }
    }
    let mut places: Vec<(String, u32)> = counts.into_iter().map(|(p, n)| (p.to_string(), n)).collect();
    places.sort_by_key(|x| std::cmp::Reverse(x.1));
    if !places.is_empty() || e.doc_idx.is_empty() {
        e.state.places = places;
    }
    let (from, to) = match e.state.span() {
        Some((a, b)) => (Some(ymd(a)), Some(ymd(b))),
        None => (None, None),
    };
    e.from = from;
    e.to = to;
    e.documents = e.doc_idx.iter().map(|&i| c.docs[i].key.clone()).collect();
    e.claims = c.claims.iter().filter(|cl| cl.event == k).count();
    title(c, k);
}

/// Events left with no document and no claim go; claims follow the renumbering.
fn drop_empty(c: &mut Corpus) {
    let keep: Vec<bool> = (0..c.events.len())
        .map(|k| !c.events[k].doc_idx.is_empty() || c.claims.iter().any(|cl| cl.event == k))
        .collect();
    if keep.iter().all(|&k| k) {
        return;
    }
    let mut new_index = vec![usize::MAX; keep.len()];
    let mut events: Vec<EventView> = Vec::new();
    for (k, e) in std::mem::take(&mut c.events).into_iter().enumerate() {
        if keep[k] {
            new_index[k] = events.len();
            events.push(e);
        }
    }
    c.events = events;
    for cl in &mut c.claims {
        cl.event = new_index[cl.event];
    }
}
