//! Incremental clustering of documents into events (stories), after the news-monitoring
//! systems that do this at scale (Miranda et al., "Multilingual Clustering of Streaming
//! News", EMNLP 2018; the Europe Media Monitor): each new document is compared with the
//! events it could belong to and joins the most similar one above a threshold, or
//! opens a new event.
//!
//! Similarity is the cosine of the document's term weights (log tf × idf over the
//! dossier) with the event's centroid, moved by what the two share: places (a bonus
//! when they name the same one, a penalty when each names others), quoted parties, and
//! time. Time is a gate, not a score: a document dated more than [`MAX_GAP_DAYS`] from
//! an event joins it only when it names a day inside the event (a retrospective report,
//! "the deal of October 2017"), so two stories in one place a year apart stay apart.

use isnad_model::DocProfile;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
/// The clusterer's own maps: a fast hash (no `HashDoS` concern for terms of one's own corpus).
type FastMap<K, V> = foldhash::HashMap<K, V>;

/// A document further than this from an event's days joins it only by naming them.
pub const MAX_GAP_DAYS: i64 = 30;
/// A report further than [`MAX_GAP_DAYS`] from an event joins it without naming its
/// days only with this much term similarity and the same place.
pub const RETRO_SIMILARITY: f32 = 0.2;
/// How long after an event a report naming no day of it may still be a follow-up.
pub const FOLLOW_UP_DAYS: i64 = 120;
/// Below this similarity a document opens an event of its own.
pub const JOIN_THRESHOLD: f32 = 0.22;
/// Terms kept in an event's centroid.
const CENTROID_TERMS: usize = 120;
/// Places and parties kept per event.
const EVENT_PLACES: usize = 12;
const EVENT_ACTORS: usize = 24;
/// Named days kept per event (for titles and retrospective matches).
const EVENT_NAMED: usize = 32;
/// Candidate events looked at per document (fetched by shared terms).
const MAX_CANDIDATES: usize = 64;
/// Terms of a document used to fetch candidates.
const PROBE_TERMS: usize = 12;
/// What the shared places and parties weigh when a report and an event are in two scripts.
pub const CROSS_SCRIPT_WEIGHT: f32 = 0.4;

/// What the clusterer keeps of an event: enough to compare a new document with it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Days of its documents (first and last).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lo: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hi: Option<i64>,
    pub docs: u32,
    /// Summed term weights of its documents, the largest kept.
    pub centroid: Vec<(String, f32)>,
    /// Places with how many of its documents name each, most named first.
    pub places: Vec<(String, u32)>,
    pub actors: Vec<(String, u32)>,
    /// Days its documents name, most named first.
    pub named: Vec<((i64, i64), u32)>,
}

impl EventState {
    /// The days the event's documents are dated, or, for undated documents, name.
    pub fn span(&self) -> Option<(i64, i64)> {
        match (self.lo, self.hi) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => self.named.first().map(|x| x.0),
        }
    }

    /// Terms of the centroid used to find the event again.
    pub fn probe_terms(&self, n: usize) -> impl Iterator<Item = &str> {
        self.centroid.iter().take(n).map(|t| t.0.as_str())
    }
}

/// Why a document went where it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// Index of the event in the clusterer.
    pub event: usize,
    pub opened: bool,
    pub score: f32,
    pub reasons: Vec<String>,
}

/// Events being built, with the dossier's term statistics.
#[derive(Debug, Default)]
pub struct Clusterer {
    pub events: Vec<EventState>,
    /// Documents seen per term, and documents seen.
    pub df: FastMap<String, u32>,
    pub n_docs: u64,
    /// Events by the terms (ids) they are indexed under, in the order they were.
    postings: FastMap<u32, Vec<usize>>,
    /// Per event: the terms its postings hold it under (membership without a scan of
    /// a posting list that grows with the dossier).
    indexed: Vec<foldhash::HashSet<u32>>,
    /// Per event: what scoring reads of it, made when the event is first scored and
    /// dropped when a document joins it.
    maps: Vec<Option<std::rc::Rc<EventView>>>,
    /// Per event: the ids of its centroid's terms, in the centroid's order.
    cent_ids: Vec<Vec<u32>>,
    /// Every term met (documents' and centroids'), as a number: the per-document work
    /// hashes numbers and compares no strings.
    term_ids: FastMap<String, u32>,
    /// Scratch by term id, zero between uses: 1 + the term's place in the document
    /// being scored, or in the centroid being merged.
    slot: Vec<u32>,
}

/// What scoring reads of an event, computed once per change of it rather than once per
/// document that looks at it (each document scores up to [`MAX_CANDIDATES`] events).
#[derive(Debug)]
struct EventView {
    /// Centroid weights by term id, as a map and in the centroid's order.
    map: FastMap<u32, f32>,
    ids: Vec<(u32, f32)>,
    /// Norm of the centroid's words (neutral terms aside).
    cnorm: f32,
    /// Norm of the centroid's terms both scripts share.
    bridge_norm: f32,
    /// Whether the centroid's words are mostly Latin.
    latin: bool,
    /// The event's main places ([`main_places`] of five).
    places: Vec<String>,
}

/// What scoring reads of the document being assigned, computed once for all its candidates.
struct DocView<'a> {
    latin: bool,
    places: Vec<&'a str>,
    /// Indices in the weights of its words (neutral terms aside), in order.
    words: Vec<usize>,
    /// The same for its terms both scripts share.
    bridges: Vec<usize>,
    /// Sum of the squared weights of all its terms both scripts share, in order.
    bridge_dd: f32,
}

/// Set once per process: `ISNAD_DEBUG_EVENTS` prints every candidate's score.
fn debug_events() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("ISNAD_DEBUG_EVENTS").is_some())
}

fn add_count<K: PartialEq + Clone>(v: &mut Vec<(K, u32)>, k: &K, n: u32) {
    match v.iter_mut().find(|x| &x.0 == k) {
        Some(x) => x.1 += n,
        None => v.push((k.clone(), n)),
    }
}

/// The places that say which story it is: towns and regions first; countries only
/// when nothing finer is named.
/// A term both scripts share (`~skeleton`, `@place`, `@a:party`), not a word.
fn is_neutral(t: &str) -> bool {
    t.starts_with('~') || t.starts_with('@')
}

/// Whether most of a bag of words is written in Latin letters (the neutral terms aside).
fn script_of<'a>(terms: impl Iterator<Item = &'a str>) -> bool {
    let (mut latin, mut other) = (0, 0);
    for t in terms.filter(|t| !t.starts_with('~') && !t.starts_with('@')) {
        if t.is_ascii() {
            latin += 1;
        } else {
            other += 1;
        }
    }
    latin > other
}

/// A term both scripts share that can tie a report to an event: a place that is not a
/// country (by gazetteer id or skeleton), or a known party.
fn bridges(t: &str) -> bool {
    match t.strip_prefix('@') {
        Some(a) if a.starts_with("a:") => true,
        Some(id) => !isnad_frame::is_country(id),
        None => t.starts_with('~'),
    }
}

fn main_places(places: &[(String, u32)], n: usize) -> Vec<&str> {
    let towns: Vec<&str> =
        places.iter().filter(|x| !isnad_frame::is_country(&x.0)).take(n).map(|x| x.0.as_str()).collect();
    if towns.is_empty() {
        places.iter().take(n).map(|x| x.0.as_str()).collect()
    } else {
        towns
    }
}

impl Clusterer {
    pub fn new(events: Vec<EventState>, df: HashMap<String, u32>, n_docs: u64) -> Clusterer {
        let df = df.into_iter().collect();
        let mut c = Clusterer { events: Vec::new(), df, n_docs, ..Default::default() };
        for e in events {
            c.events.push(e);
            c.index(c.events.len() - 1);
        }
        c
    }

    fn intern(&mut self, t: &str) -> u32 {
        if let Some(&id) = self.term_ids.get(t) {
            return id;
        }
        let id = self.term_ids.len() as u32;
        self.term_ids.insert(t.to_string(), id);
        self.slot.push(0);
        id
    }

    /// The per-event caches made as long as the events, and event `k`'s centroid ids
    /// made if it came from outside (a stored event, or one pushed onto `events`).
    fn ensure(&mut self, k: usize) {
        if self.indexed.len() < self.events.len() {
            self.indexed.resize_with(self.events.len(), Default::default);
            self.maps.resize(self.events.len(), None);
            self.cent_ids.resize_with(self.events.len(), Vec::new);
        }
        if self.cent_ids[k].len() != self.events[k].centroid.len() {
            let terms: Vec<String> = self.events[k].centroid.iter().map(|x| x.0.clone()).collect();
            self.cent_ids[k] = terms.iter().map(|t| self.intern(t)).collect();
        }
    }

    fn index(&mut self, k: usize) {
        self.ensure(k);
        self.maps[k] = None;
        let (indexed, postings) = (&mut self.indexed[k], &mut self.postings);
        for &id in self.cent_ids[k].iter().take(CENTROID_TERMS) {
            if indexed.insert(id) {
                postings.entry(id).or_default().push(k);
            }
        }
    }

    /// What scoring reads of event `k`, made once per change of the event.
    fn map_of(&mut self, k: usize) -> std::rc::Rc<EventView> {
        self.ensure(k);
        if let Some(m) = &self.maps[k] {
            return m.clone();
        }
        let e = &self.events[k];
        // the same expressions as [`Clusterer::score`]'s, so the same values
        let cnorm = e.centroid.iter().filter(|x| !is_neutral(&x.0)).map(|x| x.1 * x.1).sum::<f32>().sqrt();
        let bridge_norm = e.centroid.iter().filter(|x| bridges(&x.0)).map(|x| x.1 * x.1).sum::<f32>().sqrt();
        let latin = script_of(e.centroid.iter().take(40).map(|x| x.0.as_str()));
        let places = main_places(&e.places, 5).into_iter().map(str::to_string).collect();
        let ids: Vec<(u32, f32)> = self.cent_ids[k].iter().zip(&e.centroid).map(|(&id, x)| (id, x.1)).collect();
        let map = ids.iter().copied().collect();
        let m = std::rc::Rc::new(EventView { map, ids, cnorm, bridge_norm, latin, places });
        self.maps[k] = Some(m.clone());
        m
    }

    /// Counts a document's terms in the term statistics; their ids, in order.
    fn count_terms(&mut self, p: &DocProfile) -> Vec<u32> {
        self.n_docs += 1;
        for (t, _) in &p.terms {
            match self.df.get_mut(t.as_str()) {
                Some(n) => *n += 1,
                None => {
                    self.df.insert(t.clone(), 1);
                }
            }
        }
        p.terms.iter().map(|(t, _)| self.intern(t)).collect()
    }

    fn idf(&self, term: &str) -> f32 {
        let df = self.df.get(term).copied().unwrap_or(0) as f32;
        // Smoothed, so that in a small dossier a term every document shares still counts a little.
        (1.0 + (self.n_docs as f32 + 1.0) / (df + 1.0)).ln()
    }

    /// The document's term weights, unit length.
    fn weights<'p>(&self, p: &'p DocProfile) -> Vec<(&'p str, f32)> {
        let mut w: Vec<(&str, f32)> =
            p.terms.iter().map(|(t, n)| (t.as_str(), (1.0 + (*n as f32).ln()) * self.idf(t))).collect();
        let norm = w.iter().filter(|x| !is_neutral(x.0)).map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            w.iter_mut().for_each(|x| x.1 /= norm);
        }
        w
    }

    /// Adds a document: counts its terms, then puts it in the best event or a new one.
    pub fn assign(&mut self, p: &DocProfile) -> Assignment {
        let tid = self.count_terms(p);
        let w = self.weights(p);
        let best = self.best(p, &w, &tid);
        match best {
            Some((k, score, reasons)) if score >= JOIN_THRESHOLD => {
                self.add(k, p, &w, &tid);
                Assignment { event: k, opened: false, score, reasons }
            }
            _ => {
                self.events.push(EventState::default());
                let k = self.events.len() - 1;
                self.add(k, p, &w, &tid);
                Assignment { event: k, opened: true, score: 0.0, reasons: vec!["opened".into()] }
            }
        }
    }

    /// Adds a document to event `k` (a new event when `None`) without scoring it: the
    /// state the clusterer would hold had it put the document there, for events whose
    /// members were decided elsewhere (pieces of a dossier clustered apart, then joined).
    /// Term statistics count the document as [`Clusterer::assign`] does.
    pub fn join(&mut self, k: Option<usize>, p: &DocProfile) -> usize {
        let tid = self.count_terms(p);
        let w = self.weights(p);
        let k = match k.filter(|&k| k < self.events.len()) {
            Some(k) => k,
            None => {
                self.events.push(EventState::default());
                self.events.len() - 1
            }
        };
        self.add(k, p, &w, &tid);
        k
    }

    /// Candidate events by shared terms, scored; the best with its reasons.
    fn best(&mut self, p: &DocProfile, w: &[(&str, f32)], tid: &[u32]) -> Option<(usize, f32, Vec<String>)> {
        let mut probe: Vec<usize> = (0..w.len()).collect();
        probe.sort_by(|&a, &b| w[b].1.total_cmp(&w[a].1));
        let mut cands: Vec<usize> = Vec::new();
        // the terms both scripts share are always looked up: a report in the other
        // language has no other way to its event
        let bridge = (0..w.len()).filter(|&i| bridges(w[i].0) && !w[i].0.starts_with("@a:"));
        for i in probe.into_iter().take(PROBE_TERMS).chain(bridge) {
            if let Some(ks) = self.postings.get(&tid[i]) {
                // the most recent events first: a long-lived term names many
                for &k in ks.iter().rev() {
                    if !cands.contains(&k) {
                        cands.push(k);
                    }
                    if cands.len() >= MAX_CANDIDATES {
                        break;
                    }
                }
            }
        }
        if debug_events() {
            let owned: Vec<(String, f32)> = w.iter().map(|&(t, v)| (t.to_string(), v)).collect();
            for &k in &cands {
                eprintln!("event {k} day {:?}: {:?}", p.day, self.score(&self.events[k], p, &owned));
            }
        }
        // Scores first (what scoring reads of each event cached), the reasons for the winner.
        let mut top: Option<(usize, f32)> = None;
        let maps: Vec<_> = cands.iter().map(|&k| self.map_of(k)).collect();
        let look = |m: &FastMap<u32, f32>, i: usize| m.get(&tid[i]).copied();
        let d = doc_view(p, w);
        // Each term's place in the document, by id; a term twice in one document (no
        // profile has that) is scored through the maps instead.
        let mut dense = true;
        for (i, &id) in tid.iter().enumerate() {
            let s = &mut self.slot[id as usize];
            dense &= *s == 0;
            *s = i as u32 + 1;
        }
        // The candidate's centroid weight of each of the document's terms, by its
        // place: `stamp[i] == n` marks those the `n`-th candidate's centroid has.
        let mut vals = vec![0.0f32; w.len()];
        let mut stamp = vec![0u32; w.len()];
        for (n, (&k, m)) in cands.iter().zip(&maps).enumerate() {
            let e = &self.events[k];
            let s = if dense {
                let n = n as u32 + 1;
                for &(id, c) in &m.ids {
                    let at = self.slot[id as usize];
                    if at != 0 {
                        vals[at as usize - 1] = c;
                        stamp[at as usize - 1] = n;
                    }
                }
                quick_score(e, m, &d, p, w, |i| (stamp[i] == n).then(|| vals[i]))
            } else {
                quick_score(e, m, &d, p, w, |i| look(&m.map, i))
            };
            let Some(s) = s else { continue };
            #[cfg(debug_assertions)]
            {
                let slow = score_with(e, |i| look(&m.map, i), m.cnorm, p, w, false).map(|x| x.0.to_bits());
                debug_assert_eq!(Some(s.to_bits()), slow, "the quick score is the score");
            }
            // As `max_by` over the candidates in order: the last of the highest wins,
            // and of two equal scores the lower index.
            let better = match top {
                None => true,
                Some((bk, bs)) => s.total_cmp(&bs).then(bk.cmp(&k)).is_ge(),
            };
            if better {
                top = Some((k, s));
            }
        }
        for &id in tid {
            self.slot[id as usize] = 0;
        }
        let (k, _) = top?;
        let m = &maps[cands.iter().position(|&x| x == k)?];
        score_with(&self.events[k], |i| look(&m.map, i), m.cnorm, p, w, true).map(|(s, r)| (k, s, r))
    }

    /// Similarity of a document with an event, and the reasons; `None` when time rules it out.
    pub fn score(&self, e: &EventState, p: &DocProfile, w: &[(String, f32)]) -> Option<(f32, Vec<String>)> {
        let cnorm = e.centroid.iter().filter(|x| !is_neutral(&x.0)).map(|x| x.1 * x.1).sum::<f32>().sqrt();
        let cmap: FastMap<&str, f32> = e.centroid.iter().map(|(t, v)| (t.as_str(), *v)).collect();
        let w: Vec<(&str, f32)> = w.iter().map(|(t, v)| (t.as_str(), *v)).collect();
        score_with(e, |i| cmap.get(w[i].0).copied(), cnorm, p, &w, true)
    }
}

fn doc_view<'a>(p: &'a DocProfile, w: &[(&str, f32)]) -> DocView<'a> {
    let mut d = DocView {
        latin: script_of(w.iter().map(|x| x.0)),
        places: main_places(&p.places, 3),
        words: Vec::with_capacity(w.len()),
        bridges: Vec::new(),
        bridge_dd: 0.0,
    };
    for (i, &(t, v)) in w.iter().enumerate() {
        if bridges(t) {
            d.bridge_dd += v * v;
            d.bridges.push(i);
        }
        if !is_neutral(t) {
            d.words.push(i);
        }
    }
    d
}

/// [`score_with`]'s score without its reasons, from what is cached of the event and
/// the document: the same operations on the same values in the same order, so the same
/// number to the bit (debug builds check it against [`score_with`] for every candidate).
fn quick_score(
    e: &EventState,
    v: &EventView,
    d: &DocView<'_>,
    p: &DocProfile,
    w: &[(&str, f32)],
    centroid_at: impl Fn(usize) -> Option<f32>,
) -> Option<f32> {
    if v.cnorm == 0.0 {
        return None;
    }
    let same_place = d.places.iter().any(|x| v.places.iter().any(|y| y == x));
    // The time gate before the similarity where it needs none: a document too far from
    // the event that names none of its days can only pass with the same place, and then
    // only as a follow-up or naming its period.
    let gate = match (p.day, e.span()) {
        (Some(day), Some((lo, hi))) => {
            let gap = (lo - day).max(day - hi).max(0);
            if gap > MAX_GAP_DAYS {
                let names_day = p.named_days.iter().any(|&(a, b)| b - a <= 31 && a <= hi + 3 && b >= lo - 3);
                let names_period = p.named_days.iter().any(|&(a, b)| a <= lo && b >= hi);
                if !names_day && !(same_place && (names_period || gap <= FOLLOW_UP_DAYS)) {
                    return None;
                }
                Some((gap, names_day))
            } else {
                Some((gap, true))
            }
        }
        _ => None,
    };
    let mut dot = 0.0;
    for &i in &d.words {
        if let Some(c) = centroid_at(i) {
            dot += w[i].1 * c;
        }
    }
    let mut s = dot / v.cnorm;
    if d.latin != v.latin {
        let (mut dn, mut place) = (0.0f32, false);
        for &i in &d.bridges {
            if let Some(c) = centroid_at(i) {
                dn += w[i].1 * c;
                place |= !w[i].0.starts_with("@a:");
            }
        }
        let (dd, cn) = (d.bridge_dd, v.bridge_norm);
        s = if place && dd > 0.0 && cn > 0.0 { CROSS_SCRIPT_WEIGHT * dn / (dd.sqrt() * cn) } else { 0.0 };
    }
    if let Some((gap, names_day)) = gate {
        if gap > MAX_GAP_DAYS {
            // what is left of the gate: the same place, with much of the vocabulary
            let passes = names_day || s >= RETRO_SIMILARITY;
            if !passes {
                return None;
            }
            s -= 0.05;
        } else {
            s -= 0.1 * gap as f32 / MAX_GAP_DAYS as f32;
        }
    }
    if !d.places.is_empty() && !v.places.is_empty() {
        if same_place {
            s += 0.1;
        } else {
            s -= 0.1;
        }
    }
    if p.actors.iter().any(|a| e.actors.iter().any(|x| &x.0 == a)) {
        s += 0.05;
    }
    Some(s)
}

/// [`Clusterer::score`] with the event's centroid weight of the document's `i`-th term
/// and the centroid's norm given; the reasons are written
/// only when asked for (the score is the same either way).
fn score_with(
    e: &EventState,
    centroid_at: impl Fn(usize) -> Option<f32>,
    cnorm: f32,
    p: &DocProfile,
    w: &[(&str, f32)],
    want: bool,
) -> Option<(f32, Vec<String>)> {
    {
        let mut reasons = Vec::new();
        if cnorm == 0.0 {
            return None;
        }
        let mut dot = 0.0;
        let mut shared: Vec<(&str, f32)> = Vec::new();
        for (i, (t, v)) in w.iter().enumerate() {
            // within one script, words alone: places count through the place rule below
            if is_neutral(t) {
                continue;
            }
            if let Some(c) = centroid_at(i) {
                dot += v * c;
                if want {
                    shared.push((t, v * c));
                }
            }
        }
        let mut s = dot / cnorm;
        // A report in the other script shares no word with the event: it is compared on
        // the terms both scripts share (places that are not countries, under their ids or
        // skeletons, and known parties), and only when a place is among them.
        if script_of(w.iter().map(|x| x.0)) != script_of(e.centroid.iter().take(40).map(|x| x.0.as_str())) {
            let (mut dn, mut dd, mut place) = (0.0f32, 0.0f32, false);
            shared.clear();
            for (i, (t, v)) in w.iter().enumerate() {
                if !bridges(t) {
                    continue;
                }
                dd += v * v;
                if let Some(c) = centroid_at(i) {
                    dn += v * c;
                    place |= !t.starts_with("@a:");
                    if want {
                        shared.push((t, v * c));
                    }
                }
            }
            let cn = e.centroid.iter().filter(|x| bridges(&x.0)).map(|x| x.1 * x.1).sum::<f32>().sqrt();
            // on a few shared names the cosine runs high: scaled, so that an event told in
            // the document's own language is still preferred when it fits as well
            s = if place && dd > 0.0 && cn > 0.0 { CROSS_SCRIPT_WEIGHT * dn / (dd.sqrt() * cn) } else { 0.0 };
            if want {
                reasons.push("across languages".to_string());
            }
        }
        if want {
            shared.sort_by(|a, b| b.1.total_cmp(&a.1));
        }
        if !shared.is_empty() {
            let top: Vec<&str> = shared.iter().take(5).map(|x| x.0).collect();
            reasons.push(format!("terms {:.2}: {}", s, top.join(" ")));
        }
        let doc_places = main_places(&p.places, 3);
        let ev_places = main_places(&e.places, 5);
        let same_place = doc_places.iter().any(|x| ev_places.contains(x));
        // Time: a gate first, then a small cost for distance.
        if let (Some(day), Some((lo, hi))) = (p.day, e.span()) {
            let gap = (lo - day).max(day - hi).max(0);
            if gap > MAX_GAP_DAYS {
                // A retrospective report names the event's days, or its month or year
                // with the same place and much of its vocabulary; soon after the event,
                // the place and the vocabulary alone.
                let names_day = p.named_days.iter().any(|&(a, b)| b - a <= 31 && a <= hi + 3 && b >= lo - 3);
                let names_period = p.named_days.iter().any(|&(a, b)| a <= lo && b >= hi);
                let ok = names_day
                    || (same_place && names_period && s >= RETRO_SIMILARITY)
                    || (same_place && gap <= FOLLOW_UP_DAYS && s >= RETRO_SIMILARITY);
                if !ok {
                    return None;
                }
                s -= 0.05;
                if want {
                    reasons.push(format!("recalls the event ({gap} days later)"));
                }
            } else {
                s -= 0.1 * gap as f32 / MAX_GAP_DAYS as f32;
                if want {
                    reasons.push(format!("dated within {gap} days"));
                }
            }
        }
        if !doc_places.is_empty() && !ev_places.is_empty() {
            let common: Vec<&str> = doc_places.iter().copied().filter(|x| ev_places.contains(x)).collect();
            if common.is_empty() {
                s -= 0.1;
            } else {
                s += 0.1;
                if want {
                    reasons.push(format!("place {}", common.join(", ")));
                }
            }
        }
        let common_actors: Vec<&str> =
            p.actors.iter().filter(|a| e.actors.iter().any(|x| &x.0 == *a)).map(String::as_str).collect();
        if !common_actors.is_empty() {
            s += 0.05;
            if want {
                reasons.push(format!("sources {}", common_actors.join(", ")));
            }
        }
        Some((s, reasons))
    }
}

impl Clusterer {
    fn add(&mut self, k: usize, p: &DocProfile, w: &[(&str, f32)], tid: &[u32]) {
        self.ensure(k);
        let e = &mut self.events[k];
        e.docs += 1;
        if let Some(d) = p.day {
            e.lo = Some(e.lo.map_or(d, |x| x.min(d)));
            e.hi = Some(e.hi.map_or(d, |x| x.max(d)));
        }
        let old = std::mem::take(&mut e.centroid);
        let old_ids = std::mem::take(&mut self.cent_ids[k]);
        let (centroid, ids) = merge_centroid(old, &old_ids, w, tid, &mut self.slot);
        e.centroid = centroid;
        self.cent_ids[k] = ids;
        for (pl, _) in p.places.iter().take(5) {
            add_count(&mut e.places, pl, 1);
        }
        e.places.sort_by_key(|a| std::cmp::Reverse(a.1));
        e.places.truncate(EVENT_PLACES);
        for a in &p.actors {
            add_count(&mut e.actors, a, 1);
        }
        e.actors.sort_by_key(|a| std::cmp::Reverse(a.1));
        e.actors.truncate(EVENT_ACTORS);
        for d in &p.named_days {
            add_count(&mut e.named, d, 1);
        }
        e.named.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        e.named.truncate(EVENT_NAMED);
        self.index(k);
    }
}

/// The centroid with the document's weights added, its largest [`CENTROID_TERMS`] kept,
/// largest first (ties by term), with the ids of its terms: a term's sum is its old
/// weight plus the document's, or `0.0 +` the document's for a new one, as a map from
/// term to weight would add them. Terms are copied only when new and kept. `slot` is
/// the clusterer's scratch by term id (zero before and after).
fn merge_centroid(
    mut old: Vec<(String, f32)>,
    old_ids: &[u32],
    w: &[(&str, f32)],
    tid: &[u32],
    slot: &mut [u32],
) -> (Vec<(String, f32)>, Vec<u32>) {
    let n_old = old.len();
    // Places `0..n_old` are the old terms, then the new ones in the document's order;
    // a term met twice adds to the place it has, and of two equal old terms the later
    // one is kept, as collecting them into a map would.
    let mut vals: Vec<f32> = Vec::with_capacity(n_old + w.len());
    let mut ids: Vec<u32> = Vec::with_capacity(n_old + w.len());
    let mut live: Vec<bool> = Vec::with_capacity(n_old + w.len());
    let mut fresh: Vec<usize> = Vec::new();
    for (j, (x, &id)) in old.iter().zip(old_ids).enumerate() {
        vals.push(x.1);
        ids.push(id);
        live.push(true);
        let at = &mut slot[id as usize];
        if *at != 0 {
            live[*at as usize - 1] = false;
        }
        *at = j as u32 + 1;
    }
    for (i, (&(_, v), &id)) in w.iter().zip(tid).enumerate() {
        match slot[id as usize] {
            0 => {
                vals.push(0.0 + v);
                ids.push(id);
                live.push(true);
                fresh.push(i);
                slot[id as usize] = vals.len() as u32;
            }
            at => vals[at as usize - 1] += v,
        }
    }
    for &id in &ids {
        slot[id as usize] = 0;
    }
    let name = |j: usize| if j < n_old { old[j].0.as_str() } else { w[fresh[j - n_old]].0 };
    let mut order: Vec<usize> = (0..vals.len()).filter(|&j| live[j]).collect();
    order.sort_by(|&a, &b| vals[b].total_cmp(&vals[a]).then_with(|| name(a).cmp(name(b))));
    order.truncate(CENTROID_TERMS);
    let kept_ids = order.iter().map(|&j| ids[j]).collect();
    let kept = order
        .into_iter()
        .map(|j| {
            let t = if j < n_old { std::mem::take(&mut old[j].0) } else { w[fresh[j - n_old]].0.to_string() };
            (t, vals[j])
        })
        .collect();
    (kept, kept_ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(day: Option<&str>, places: &[&str], terms: &str) -> DocProfile {
        let mut t: Vec<(String, u32)> = Vec::new();
        for w in terms.split_whitespace() {
            add_count(&mut t, &w.to_string(), 1);
        }
        DocProfile {
            day: day.and_then(isnad_model::DaySpan::parse).map(|s| s.lo),
            places: places.iter().map(|p| (p.to_string(), 1)).collect(),
            terms: t,
            ..Default::default()
        }
    }

    #[test]
    fn same_story_joins_other_story_opens() {
        let mut c = Clusterer::default();
        let a = c.assign(&doc(Some("2017-04-04"), &["idlib"], "غاز سارين غاره خان شيخون قتلى اختناق"));
        let b = c.assign(&doc(Some("2017-04-05"), &["idlib"], "غاز سارين خان شيخون اختناق اطفال"));
        let x = c.assign(&doc(Some("2017-04-05"), &["derna"], "فيضان سد اعصار دانيال مفقودين"));
        assert!(a.opened && !b.opened && x.opened);
        assert_eq!(a.event, b.event);
        assert_ne!(a.event, x.event);
    }

    #[test]
    fn a_year_apart_stays_apart_unless_the_later_one_names_the_days() {
        let mut c = Clusterer::default();
        let a = c.assign(&doc(Some("2017-04-04"), &["douma"], "غاز هجوم كيماوي قتلى دوما"));
        let later = c.assign(&doc(Some("2018-04-08"), &["douma"], "غاز هجوم كيماوي قتلى دوما"));
        assert_ne!(a.event, later.event);
        let mut retro = doc(Some("2019-01-10"), &["douma"], "غاز هجوم كيماوي قتلى دوما");
        retro.named_days = vec![(a_day("2017-04-04"), a_day("2017-04-04"))];
        let r = c.assign(&retro);
        assert_eq!(r.event, a.event);
    }

    #[test]
    fn joining_gives_the_state_assigning_would() {
        let docs = [
            doc(Some("2017-04-04"), &["idlib"], "غاز سارين غاره خان شيخون قتلى اختناق"),
            doc(Some("2017-04-05"), &["idlib"], "غاز سارين خان شيخون اختناق اطفال"),
            doc(Some("2017-04-05"), &["derna"], "فيضان سد اعصار دانيال مفقودين"),
        ];
        let mut a = Clusterer::default();
        let ks: Vec<usize> = docs.iter().map(|d| a.assign(d).event).collect();
        let mut j = Clusterer::default();
        let mut of: Vec<Option<usize>> = vec![None; 3];
        for (d, &k) in docs.iter().zip(&ks) {
            of[k] = Some(j.join(of[k], d));
        }
        assert_eq!(a.events, j.events);
        assert_eq!(a.df, j.df);
    }

    fn a_day(s: &str) -> i64 {
        isnad_model::DaySpan::parse(s).unwrap().lo
    }
}
