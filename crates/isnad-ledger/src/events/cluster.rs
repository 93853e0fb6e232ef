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
    pub df: HashMap<String, u32>,
    pub n_docs: u64,
    postings: FastMap<String, Vec<usize>>,
    /// Per event: the terms its postings hold it under (membership without a scan of
    /// a posting list that grows with the dossier).
    indexed: Vec<foldhash::HashSet<String>>,
    /// Per event: its centroid as a map and that centroid's norm, made when the event
    /// is first scored and dropped when a document joins it.
    maps: Vec<Option<std::rc::Rc<(FastMap<u32, f32>, f32)>>>,
    /// Terms of the cached centroid maps, as numbers: a lookup hashes a number and
    /// compares no string.
    term_ids: FastMap<String, u32>,
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
        let mut c = Clusterer { events: Vec::new(), df, n_docs, ..Default::default() };
        for e in events {
            c.events.push(e);
            c.index(c.events.len() - 1);
        }
        c
    }

    fn index(&mut self, k: usize) {
        if self.indexed.len() < self.events.len() {
            self.indexed.resize_with(self.events.len(), Default::default);
            self.maps.resize(self.events.len(), None);
        }
        self.maps[k] = None;
        let (events, indexed, postings) = (&self.events, &mut self.indexed[k], &mut self.postings);
        for t in events[k].probe_terms(CENTROID_TERMS) {
            if !indexed.contains(t) {
                indexed.insert(t.to_string());
                postings.entry(t.to_string()).or_default().push(k);
            }
        }
    }

    /// The centroid map and norm of event `k`, made once per change of the event.
    fn map_of(&mut self, k: usize) -> std::rc::Rc<(FastMap<u32, f32>, f32)> {
        if let Some(m) = &self.maps[k] {
            return m.clone();
        }
        let e = &self.events[k];
        let cnorm = e.centroid.iter().filter(|x| !is_neutral(&x.0)).map(|x| x.1 * x.1).sum::<f32>().sqrt();
        let ids = &mut self.term_ids;
        let map = e
            .centroid
            .iter()
            .map(|(t, v)| {
                let id = match ids.get(t.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = ids.len() as u32;
                        ids.insert(t.clone(), id);
                        id
                    }
                };
                (id, *v)
            })
            .collect();
        let m = std::rc::Rc::new((map, cnorm));
        self.maps[k] = Some(m.clone());
        m
    }

    fn idf(&self, term: &str) -> f32 {
        let df = self.df.get(term).copied().unwrap_or(0) as f32;
        // Smoothed, so that in a small dossier a term every document shares still counts a little.
        (1.0 + (self.n_docs as f32 + 1.0) / (df + 1.0)).ln()
    }

    /// The document's term weights, unit length.
    fn weights(&self, p: &DocProfile) -> Vec<(String, f32)> {
        let mut w: Vec<(String, f32)> =
            p.terms.iter().map(|(t, n)| (t.clone(), (1.0 + (*n as f32).ln()) * self.idf(t))).collect();
        let norm = w.iter().filter(|x| !is_neutral(&x.0)).map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            w.iter_mut().for_each(|x| x.1 /= norm);
        }
        w
    }

    /// Adds a document: counts its terms, then puts it in the best event or a new one.
    pub fn assign(&mut self, p: &DocProfile) -> Assignment {
        self.n_docs += 1;
        for (t, _) in &p.terms {
            *self.df.entry(t.clone()).or_insert(0) += 1;
        }
        let w = self.weights(p);
        let best = self.best(p, &w);
        match best {
            Some((k, score, reasons)) if score >= JOIN_THRESHOLD => {
                self.add(k, p, &w);
                Assignment { event: k, opened: false, score, reasons }
            }
            _ => {
                self.events.push(EventState::default());
                let k = self.events.len() - 1;
                self.add(k, p, &w);
                Assignment { event: k, opened: true, score: 0.0, reasons: vec!["opened".into()] }
            }
        }
    }

    /// Adds a document to event `k` (a new event when `None`) without scoring it: the
    /// state the clusterer would hold had it put the document there, for events whose
    /// members were decided elsewhere (pieces of a dossier clustered apart, then joined).
    /// Term statistics count the document as [`Clusterer::assign`] does.
    pub fn join(&mut self, k: Option<usize>, p: &DocProfile) -> usize {
        self.n_docs += 1;
        for (t, _) in &p.terms {
            *self.df.entry(t.clone()).or_insert(0) += 1;
        }
        let w = self.weights(p);
        let k = match k.filter(|&k| k < self.events.len()) {
            Some(k) => k,
            None => {
                self.events.push(EventState::default());
                self.events.len() - 1
            }
        };
        self.add(k, p, &w);
        k
    }

    /// Candidate events by shared terms, scored; the best with its reasons.
    fn best(&mut self, p: &DocProfile, w: &[(String, f32)]) -> Option<(usize, f32, Vec<String>)> {
        let mut probe: Vec<&(String, f32)> = w.iter().collect();
        probe.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut cands: Vec<usize> = Vec::new();
        // the terms both scripts share are always looked up: a report in the other
        // language has no other way to its event
        let bridge: Vec<&(String, f32)> = w.iter().filter(|x| bridges(&x.0) && !x.0.starts_with("@a:")).collect();
        for (t, _) in probe.into_iter().take(PROBE_TERMS).chain(bridge) {
            if let Some(ks) = self.postings.get(t) {
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
            for &k in &cands {
                eprintln!("event {k} day {:?}: {:?}", p.day, self.score(&self.events[k], p, w));
            }
        }
        // Scores first (the centroid maps cached per event), the reasons for the winner.
        let mut top: Option<(usize, f32)> = None;
        let maps: Vec<_> = cands.iter().map(|&k| self.map_of(k)).collect();
        // The document's terms as numbers; a term no centroid holds has none.
        let wid: Vec<Option<u32>> = w.iter().map(|(t, _)| self.term_ids.get(t.as_str()).copied()).collect();
        let look = |m: &FastMap<u32, f32>, i: usize| wid[i].and_then(|id| m.get(&id).copied());
        for (&k, m) in cands.iter().zip(&maps) {
            let Some((s, _)) = score_with(&self.events[k], |i| look(&m.0, i), m.1, p, w, false) else { continue };
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
        let (k, _) = top?;
        let m = &maps[cands.iter().position(|&x| x == k)?];
        score_with(&self.events[k], |i| look(&m.0, i), m.1, p, w, true).map(|(s, r)| (k, s, r))
    }

    /// Similarity of a document with an event, and the reasons; `None` when time rules it out.
    pub fn score(&self, e: &EventState, p: &DocProfile, w: &[(String, f32)]) -> Option<(f32, Vec<String>)> {
        let cnorm = e.centroid.iter().filter(|x| !is_neutral(&x.0)).map(|x| x.1 * x.1).sum::<f32>().sqrt();
        let cmap: FastMap<&str, f32> = e.centroid.iter().map(|(t, v)| (t.as_str(), *v)).collect();
        score_with(e, |i| cmap.get(w[i].0.as_str()).copied(), cnorm, p, w, true)
    }
}

/// [`Clusterer::score`] with the event's centroid weight of the document's `i`-th term
/// and the centroid's norm given; the reasons are written
/// only when asked for (the score is the same either way).
fn score_with(
    e: &EventState,
    centroid_at: impl Fn(usize) -> Option<f32>,
    cnorm: f32,
    p: &DocProfile,
    w: &[(String, f32)],
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
        if script_of(w.iter().map(|x| x.0.as_str())) != script_of(e.centroid.iter().take(40).map(|x| x.0.as_str())) {
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
    fn add(&mut self, k: usize, p: &DocProfile, w: &[(String, f32)]) {
        let e = &mut self.events[k];
        e.docs += 1;
        if let Some(d) = p.day {
            e.lo = Some(e.lo.map_or(d, |x| x.min(d)));
            e.hi = Some(e.hi.map_or(d, |x| x.max(d)));
        }
        let mut c: FastMap<String, f32> = e.centroid.drain(..).collect();
        for (t, v) in w {
            *c.entry(t.clone()).or_insert(0.0) += v;
        }
        let mut c: Vec<(String, f32)> = c.into_iter().collect();
        c.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        c.truncate(CENTROID_TERMS);
        e.centroid = c;
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
