//! A stored dossier cut into units the ledger can build one at a time, so that
//! `isnad report` holds one unit's claims at once, not the whole dossier's.
//!
//! Figures are formed inside events, so the ledger of a dossier is the ledger of each
//! of its events, with two things that reach across them. A claim whose sentence
//! recalls another event moves to it ([`crate::events::recall_doc`]): the planner
//! decides this for every claim over all the events, and the claim is then read with
//! that event's unit, its document *visiting* there ([`DocInput::visiting`]). And an
//! analyst's decision may name documents of several events (two events merged, a
//! document moved, two figures merged): those events make one unit, as do the two
//! events of a fighters claim and the family count completing it, should their
//! sentences send them apart. Built from its own
//! documents and its visitors, with the place names of the whole dossier, a unit gives
//! the figures the whole dossier gives for its events, with the same ids.
//!
//! [`DocInput::visiting`]: crate::DocInput::visiting

use crate::events::{recall_doc, EventState};
use crate::features::{partners, Corpus};
use crate::{Decision, DocInput, Figure, Ledger};
use isnad_model::{DaySpan, Quantity};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Collects, over a whole dossier, where each claim goes and which events decisions tie.
pub struct Planner {
    ids: Vec<i64>,
    states: Vec<Arc<EventState>>,
    at: HashMap<i64, usize>,
    parent: Vec<usize>,
    moved: HashMap<i64, Vec<i64>>,
    /// Place key → (where it is first met in the ledger's order, as written there).
    places: HashMap<String, ((usize, usize, usize), String)>,
}

/// What the planner decided.
pub struct Plan {
    /// Stored event ids, each unit in the ledger's order; units in order of first event.
    pub units: Vec<Vec<i64>>,
    pub unit_of: HashMap<i64, usize>,
    /// For each document one of whose claims leaves its event: every claim's event, in
    /// the order [`Planner::doc`] was given them.
    pub moved: HashMap<i64, Vec<i64>>,
    /// The name each place is shown by: the first spelling the whole dossier gives.
    pub places: BTreeMap<String, String>,
}

impl Plan {
    /// The units a document's claims are read in: its own event's first, then the
    /// units it visits.
    pub fn units_of(&self, doc: i64, own: i64) -> Vec<usize> {
        let mut out: Vec<usize> = self.unit_of.get(&own).copied().into_iter().collect();
        for e in self.moved.get(&doc).into_iter().flatten() {
            if let Some(&u) = self.unit_of.get(e) {
                if !out.contains(&u) {
                    out.push(u);
                }
            }
        }
        out
    }
}

impl Planner {
    /// `events`: stored event ids and states in the order the ledger meets them, by
    /// their first document in key order (then id).
    pub fn new(events: Vec<(i64, Arc<EventState>)>) -> Planner {
        let (ids, states): (Vec<i64>, Vec<Arc<EventState>>) = events.into_iter().unzip();
        let at = ids.iter().enumerate().map(|(k, &id)| (id, k)).collect();
        let parent = (0..ids.len()).collect();
        Planner { ids, states, at, parent, moved: HashMap::new(), places: HashMap::new() }
    }

    /// One document's stored claims: `rank` is its place in key order, `own` its
    /// stored event. Decides where each claim goes, as the ledger of the whole dossier
    /// would.
    pub fn doc(&mut self, doc: i64, rank: usize, own: i64, claims: &[Quantity]) {
        let Some(&k) = self.at.get(&own) else { return };
        // The ledger reads a document's claims by position.
        let mut order: Vec<usize> = (0..claims.len()).collect();
        order.sort_by_key(|&i| (claims[i].start, claims[i].end));
        for &i in &order {
            let q = &claims[i];
            if let (Some(key), Some(text)) = (&q.frame.place, &q.frame.place_text) {
                let at = (rank, q.start, q.end);
                match self.places.get(key) {
                    Some((seen, _)) if *seen <= at => {}
                    _ => {
                        self.places.insert(key.clone(), (at, text.clone()));
                    }
                }
            }
        }
        // A claim whose sentence names no day and no place stays in its event.
        if claims.iter().all(|q| q.frame.event_date.is_none() && q.frame.place.is_none()) {
            return;
        }
        let days: Vec<Option<DaySpan>> =
            order.iter().map(|&i| claims[i].frame.event_date.as_deref().and_then(DaySpan::parse)).collect();
        let said: Vec<(Option<DaySpan>, Option<&str>)> =
            order.iter().zip(&days).map(|(&i, d)| (*d, claims[i].frame.place.as_deref())).collect();
        let spans: Vec<(usize, Option<usize>)> =
            order.iter().map(|&i| (claims[i].start, claims[i].frame.completes)).collect();
        let pairs = partners(&spans);
        let mut partner = vec![None; order.len()];
        for &(a, b) in &pairs {
            partner[a] = Some(b);
        }
        let states = &self.states;
        let to = recall_doc(&said, &partner, k, states.len(), |i| &*states[i]);
        if to.iter().all(|&e| e == k) {
            return;
        }
        // A family count whose own day sent it to another event than the fighters
        // claim it completes still makes one entry with it: the two events are read
        // together.
        for &(a, b) in &pairs {
            if to[a] != to[b] {
                self.union(to[a], to[b]);
            }
        }
        let mut goes = vec![own; claims.len()];
        for (&i, e) in order.iter().zip(to) {
            goes[i] = self.ids[e];
        }
        self.moved.insert(doc, goes);
    }

    /// The events a document's claims are in: its own, and those its claims go to.
    pub fn events_of(&self, doc: i64, own: i64) -> Vec<i64> {
        let mut out = vec![own];
        for &e in self.moved.get(&doc).into_iter().flatten() {
            if !out.contains(&e) {
                out.push(e);
            }
        }
        out
    }

    /// Ties these stored events into one unit (a decision names claims in each).
    pub fn tie(&mut self, events: &[i64]) {
        let ks: Vec<usize> = events.iter().filter_map(|e| self.at.get(e).copied()).collect();
        for w in ks.windows(2) {
            self.union(w[0], w[1]);
        }
    }

    pub fn plan(mut self) -> Plan {
        let mut of_root: HashMap<usize, usize> = HashMap::new();
        let mut units: Vec<Vec<i64>> = Vec::new();
        let mut unit_of = HashMap::new();
        for k in 0..self.ids.len() {
            let r = self.find(k);
            let u = *of_root.entry(r).or_insert_with(|| {
                units.push(Vec::new());
                units.len() - 1
            });
            units[u].push(self.ids[k]);
            unit_of.insert(self.ids[k], u);
        }
        let places = self.places.into_iter().map(|(k, (_, t))| (k, t)).collect();
        Plan { units, unit_of, moved: self.moved, places }
    }

    fn find(&mut self, mut k: usize) -> usize {
        while self.parent[k] != k {
            self.parent[k] = self.parent[self.parent[k]];
            k = self.parent[k];
        }
        k
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

/// What the unit builder reads of a stored dossier (the binary reads a store; tests,
/// vectors).
pub trait ClaimSource {
    type Error;
    /// Every stored claim with its document's id, each document's claims together and
    /// in the order [`ClaimSource::claims_of`] gives them.
    fn every_claim(&mut self, sink: &mut dyn FnMut(i64, Quantity)) -> Result<(), Self::Error>;
    /// These documents' claims, each with the sentence stored with it.
    fn claims_of(&mut self, docs: &[i64]) -> Result<HashMap<i64, (Vec<Quantity>, Vec<Option<String>>)>, Self::Error>;
}

/// Documents read per [`ClaimSource::claims_of`].
const DOC_BATCH: usize = 500;

/// The ledger of a dossier every document of which has a stored event, built one unit
/// at a time: the same ledger [`crate::ledger`] builds from all of it. `docs` are the
/// documents without their claims (each with its `event`); with `figure_sink`, each
/// figure goes there as its unit is built and the ledger returned holds none. `None`
/// when a document has no stored event (such a dossier is read whole).
pub fn ledger_by_units<S: ClaimSource>(
    mut docs: Vec<DocInput>,
    decisions: &[Decision],
    src: &mut S,
    mut figure_sink: Option<&mut dyn FnMut(&Figure) -> Result<(), S::Error>>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Option<Ledger>, S::Error> {
    if docs.is_empty() || docs.iter().any(|d| d.event.is_none()) {
        return Ok(None);
    }
    // The ledger meets documents in key order, and events by their first document.
    docs.sort_by(|a, b| a.key.cmp(&b.key).then(a.id.cmp(&b.id)));
    let event = |d: &DocInput| d.event.as_ref().map_or(0, |e| e.0);
    let mut order: Vec<(i64, Arc<EventState>)> = Vec::new();
    let mut rank: HashMap<i64, usize> = HashMap::new();
    for d in &docs {
        if let (Some((id, state)), false) = (&d.event, rank.contains_key(&event(d))) {
            rank.insert(*id, order.len());
            order.push((*id, state.clone()));
        }
    }
    let mut planner = Planner::new(order);
    let at: HashMap<i64, usize> = docs.iter().enumerate().map(|(k, d)| (d.id, k)).collect();
    let mut claims = 0usize;
    {
        let mut doc: Option<i64> = None;
        let mut buf: Vec<Quantity> = Vec::new();
        let flush = |planner: &mut Planner, doc: Option<i64>, buf: &mut Vec<Quantity>| {
            if let Some(&k) = doc.and_then(|d| at.get(&d)) {
                planner.doc(docs[k].id, k, event(&docs[k]), buf);
            }
            buf.clear();
        };
        src.every_claim(&mut |id, q| {
            claims += 1;
            if doc != Some(id) {
                flush(&mut planner, doc, &mut buf);
                doc = Some(id);
            }
            buf.push(q);
        })?;
        flush(&mut planner, doc, &mut buf);
    }
    // A decision goes to the unit of the claims it names; one that names no document
    // left in the dossier is counted as unresolved here, as the whole ledger counts it.
    let by_hash: HashMap<&str, i64> = docs.iter().map(|d| (d.hash.as_str(), d.id)).collect();
    let by_key: HashMap<&str, i64> = docs.iter().map(|d| (d.key.as_str(), d.id)).collect();
    let mut anchor: Vec<Option<i64>> = Vec::with_capacity(decisions.len());
    for d in decisions {
        let mut evs: Vec<i64> = Vec::new();
        for (h, k) in d.documents() {
            for id in [by_hash.get(h), by_key.get(k)].into_iter().flatten() {
                evs.extend(planner.events_of(*id, event(&docs[at[id]])));
            }
        }
        planner.tie(&evs);
        anchor.push(evs.first().copied());
    }
    drop((by_hash, by_key));
    let plan = planner.plan();
    // Each unit's documents: (index into docs, visiting).
    let mut docs_of: Vec<Vec<(usize, bool)>> = vec![Vec::new(); plan.units.len()];
    for (k, d) in docs.iter().enumerate() {
        for (n, u) in plan.units_of(d.id, event(d)).into_iter().enumerate() {
            docs_of[u].push((k, n > 0));
        }
    }
    let mut decisions_of: Vec<Vec<Decision>> = vec![Vec::new(); plan.units.len()];
    // Each unit's decisions by their index in `decisions`.
    let mut global: Vec<Vec<usize>> = vec![Vec::new(); plan.units.len()];
    let mut unresolved = 0;
    for (j, (d, a)) in decisions.iter().zip(&anchor).enumerate() {
        match a.and_then(|e| plan.unit_of.get(&e)) {
            Some(&u) => {
                decisions_of[u].push(d.clone());
                global[u].push(j);
            }
            None => unresolved += 1,
        }
    }
    let mut out = Ledger {
        rule: crate::RULE,
        lang: crate::html::Lang::of_docs(docs.iter().map(|d| d.lang.as_deref())).code(),
        documents: docs.len(),
        claims,
        figures: Vec::new(),
        events: Vec::new(),
        ungrouped: 0,
        unresolved_decisions: unresolved,
    };
    for (u, members) in docs_of.iter().enumerate() {
        progress(u, plan.units.len());
        let mut inputs = Vec::with_capacity(members.len());
        for chunk in members.chunks(DOC_BATCH) {
            let ids: Vec<i64> = chunk.iter().map(|&(k, _)| docs[k].id).collect();
            let mut got = src.claims_of(&ids)?;
            for &(k, visiting) in chunk {
                let (qs, contexts) = got.remove(&docs[k].id).unwrap_or_default();
                inputs.push(plan.part(&docs[k], qs, contexts, u, visiting));
            }
        }
        let l = crate::ledger(&Corpus::build_with(inputs, plan.places.clone()), &decisions_of[u]).ledger;
        match figure_sink.as_deref_mut() {
            Some(sink) => {
                for f in &l.figures {
                    sink(f)?;
                }
            }
            None => out.figures.extend(l.figures),
        }
        out.events.extend(l.events.into_iter().map(|mut e| {
            e.made_by = e.made_by.and_then(|k| global[u].get(k).copied());
            e
        }));
        out.ungrouped += l.ungrouped;
        out.unresolved_decisions += l.unresolved_decisions;
    }
    out.figures.sort_by(|a, b| crate::figure_order(a, b));
    // Events in the whole ledger's order: stored events by first document, then the
    // ones an analyst's split made, in the order of those decisions.
    out.events.sort_by_cached_key(|e| match e.made_by {
        Some(j) => (1, j),
        None => (
            0,
            e.id.strip_prefix('e')
                .and_then(|x| x.parse::<i64>().ok())
                .and_then(|id| rank.get(&id).copied())
                .unwrap_or(usize::MAX),
        ),
    });
    Ok(Some(out))
}

impl Plan {
    /// Document `d` (as [`ledger_by_units`] is given it, without claims; its claims and
    /// their sentences given apart) as unit `unit` reads it: a document some of whose claims go elsewhere brings only those that come to
    /// this unit, each told where it goes.
    pub fn part(
        &self,
        d: &DocInput,
        mut claims: Vec<Quantity>,
        mut contexts: Vec<Option<String>>,
        unit: usize,
        visiting: bool,
    ) -> DocInput {
        let placed = self.moved.get(&d.id).map(|goes| {
            contexts.resize(claims.len(), None);
            let here = |i: usize| goes.get(i).is_some_and(|e| self.unit_of.get(e) == Some(&unit));
            let kept: Vec<(Quantity, Option<String>, i64)> = claims
                .drain(..)
                .zip(contexts.drain(..))
                .enumerate()
                .filter(|(i, _)| here(*i))
                .map(|(i, (q, c))| (q, c, goes[i]))
                .collect();
            let mut goes_here = Vec::with_capacity(kept.len());
            for (q, c, e) in kept {
                claims.push(q);
                contexts.push(c);
                goes_here.push(e);
            }
            goes_here
        });
        DocInput { claims, contexts, placed, visiting, ..d.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_model::Frame;

    fn state(lo: i64, hi: i64, place: &str) -> Arc<EventState> {
        Arc::new(EventState {
            lo: Some(lo),
            hi: Some(hi),
            docs: 1,
            places: vec![(place.into(), 1)],
            ..Default::default()
        })
    }

    fn claim(date: Option<&str>, place: Option<&str>) -> Quantity {
        let mut q = Quantity::bare(0, 2, "30");
        q.frame = Frame { event_date: date.map(String::from), place: place.map(String::from), ..Default::default() };
        q
    }

    #[test]
    fn a_recalled_claim_visits_its_event_and_decisions_tie_events() {
        // Days since 1970: 17450 is in October 2017, 19600 in September 2023.
        let events = || {
            vec![
                (1, state(17450, 17452, "raqqa")),
                (2, state(19600, 19605, "derna")),
                (3, state(17000, 17001, "aleppo")),
            ]
        };
        let mut p = Planner::new(events());
        p.doc(10, 0, 1, &[claim(None, None), claim(Some("2017-10-14"), Some("raqqa"))]);
        // A claim of the Derna event dated inside the Raqqa event's days recalls it.
        p.doc(20, 1, 2, &[claim(None, None), claim(Some("2017-10-12"), None)]);
        assert_eq!(p.events_of(10, 1), vec![1]);
        assert_eq!(p.events_of(20, 2), vec![2, 1]);
        p.tie(&[3, 2]);
        p.tie(&[9]);
        let plan = p.plan();
        assert_eq!(plan.units, vec![vec![1], vec![2, 3]]);
        assert_eq!(plan.moved.get(&20), Some(&vec![2, 1]));
        assert_eq!(plan.units_of(20, 2), vec![1, 0]);
        assert_eq!(plan.units_of(10, 1), vec![0]);
    }
}
