//! A stored dossier cut into units the ledger can build one at a time, so that
//! `isnad report` holds one unit's claims at once, not the whole dossier's.
//!
//! Figures are formed inside events, so the ledger of a dossier is the ledger of each
//! of its events, with two things that reach across them. A claim whose sentence
//! recalls another event moves to it ([`crate::events::recall_doc`]): the planner
//! decides this for every claim over all the events, and the claim is then read with
//! that event's unit, its document *visiting* there ([`DocInput::visiting`]). And an
//! analyst's decision may name documents of several events (two events merged, a
//! document moved, two figures merged): those events make one unit. Built from its own
//! documents and its visitors, with the place names of the whole dossier, a unit gives
//! the figures the whole dossier gives for its events, with the same ids.
//!
//! [`DocInput::visiting`]: crate::DocInput::visiting

use crate::events::{recall_doc, EventState};
use crate::features::partners;
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
        let days: Vec<Option<DaySpan>> =
            order.iter().map(|&i| claims[i].frame.event_date.as_deref().and_then(DaySpan::parse)).collect();
        let said: Vec<(Option<DaySpan>, Option<&str>)> =
            order.iter().zip(&days).map(|(&i, d)| (*d, claims[i].frame.place.as_deref())).collect();
        let spans: Vec<(usize, Option<usize>)> =
            order.iter().map(|&i| (claims[i].start, claims[i].frame.completes)).collect();
        let mut partner = vec![None; order.len()];
        for (a, b) in partners(&spans) {
            partner[a] = Some(b);
        }
        let states = &self.states;
        let to = recall_doc(&said, &partner, k, states.len(), |i| &*states[i]);
        if to.iter().all(|&e| e == k) {
            return;
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

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_model::{Frame, Kind, Qualifier, Stance};

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
        Quantity {
            start: 0,
            end: 2,
            text: "30".into(),
            min: Some(30.0),
            max: Some(30.0),
            qualifier: Qualifier::Exact,
            kind: Kind::People,
            counted: None,
            unit: None,
            speaker: None,
            cue: None,
            stance: Stance::Assert,
            source: None,
            projection: false,
            frame: Frame { event_date: date.map(String::from), place: place.map(String::from), ..Default::default() },
        }
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
