//! The dossier as the ledger reads it: claim rows with the frames extraction gave them
//! (class, action, place, event date, marks) and each document's event. Nothing here
//! reads a document's text: the sentence shown with a claim is the one stored with it.

use crate::events::{self, EventView};
use crate::input::{DocInput, DocMeta};
use isnad_model::{DaySpan, Kind, Quantity};
use std::collections::{BTreeMap, HashMap};

/// One quantity claim with what the ledger groups it by.
#[derive(Debug, Clone)]
pub struct ClaimCtx {
    pub doc: usize,
    /// The event the claim is about (index into [`Corpus::events`]).
    pub event: usize,
    pub q: Quantity,
    /// The kind grouped by: the claim's, except that a count whose class is a person
    /// class counts people.
    pub kind: Kind,
    /// The sentence (or a window of it) and the claim's byte span inside it.
    /// Shared by the claims of one sentence and by every view of them.
    pub sentence: std::sync::Arc<str>,
    pub hl: (usize, usize),
    pub class: Option<String>,
    pub class_word: Option<String>,
    pub action: Option<&'static str>,
    pub toll: bool,
    pub action_word: Option<String>,
    /// Place key and as written.
    pub place: Option<(String, String)>,
    pub date: Option<(DaySpan, String)>,
    pub per_unit: bool,
    pub with_families: bool,
    pub cumulative: bool,
    /// Index of the family-members claim that completes this one.
    pub partner: Option<usize>,
    /// Set on that family-members claim: the fighters claim it completes.
    pub part_of: Option<usize>,
}

/// The dossier read for grouping.
#[derive(Debug, Default, Clone)]
pub struct Corpus {
    pub docs: Vec<DocMeta>,
    pub claims: Vec<ClaimCtx>,
    pub events: Vec<EventView>,
    /// Place keys → the name to show.
    pub places: BTreeMap<String, String>,
}

/// Action names are few and fixed by the word lists; the ledger keeps them as
/// `&'static str`, as the frame names them (anything else is "other").
fn action_name(a: &str) -> &'static str {
    isnad_frame::lexicon().action_name(a).unwrap_or("other")
}

impl Corpus {
    /// Reads every document. Documents are taken in key order so that the result does
    /// not depend on the order they were stored in. Documents without a stored event
    /// are clustered here, in date order.
    pub fn build(inputs: Vec<DocInput>) -> Corpus {
        Corpus::build_with(inputs, BTreeMap::new())
    }

    /// [`Corpus::build`] of a part of a dossier: `places` gives the names the whole
    /// dossier shows its places by (the first spelling met in it), and documents may say
    /// where each claim goes ([`DocInput::placed`]).
    pub fn build_with(mut inputs: Vec<DocInput>, places: BTreeMap<String, String>) -> Corpus {
        inputs.sort_by(|a, b| a.key.cmp(&b.key).then(a.id.cmp(&b.id)));
        let events = events::resolve(&mut inputs);
        let view_of: HashMap<String, usize> = events.iter().enumerate().map(|(k, e)| (e.id.clone(), k)).collect();
        // Sized once: a claim is several hundred bytes, and doubling a vector of them
        // holds both copies at once.
        let total = inputs.iter().map(|d| d.claims.len()).sum();
        let mut c =
            Corpus { docs: Vec::with_capacity(inputs.len()), claims: Vec::with_capacity(total), events, places };
        let mut placed: Vec<bool> = Vec::with_capacity(total);
        for d in inputs.iter_mut() {
            let doc = c.docs.len();
            c.docs.push(DocMeta::from_input(d, d.profile.as_ref().and_then(|p| p.places.first()).map(|p| p.0.clone())));
            let event = d.event_index.unwrap_or(0);
            let first = c.claims.len();
            let mut order: Vec<usize> = (0..d.claims.len()).collect();
            order.sort_by_key(|&k| (d.claims[k].start, d.claims[k].end));
            // The claims are moved, not copied, out of the input: a dossier's claims are
            // most of what the ledger holds.
            let mut taken: Vec<Option<Quantity>> = std::mem::take(&mut d.claims).into_iter().map(Some).collect();
            let goes: Option<Vec<i64>> = d.placed.take();
            let mut spans: Vec<(usize, Option<usize>)> = Vec::new();
            // Claims in document order: those of one sentence share its text.
            let mut last: Option<std::sync::Arc<str>> = None;
            for k in order {
                let Some(mut q) = taken[k].take() else { continue };
                // What the frame says is kept once, in the claim's own fields below.
                let f = std::mem::take(&mut q.frame);
                let context = d.contexts.get_mut(k).and_then(Option::take);
                let (sentence, hl) = match (context, f.sentence()) {
                    (Some(s), Some((a, _))) if q.start >= a && q.end - a <= s.len() => (s, (q.start - a, q.end - a)),
                    _ => match f.sentence().and_then(|(a, b)| d.text.get(a..b).map(|s| (s.to_string(), a))) {
                        Some((s, a)) if q.start >= a && q.end - a <= s.len() => (s, (q.start - a, q.end - a)),
                        _ => (q.text.clone(), (0, q.text.len())),
                    },
                };
                let sentence: std::sync::Arc<str> = match &last {
                    Some(l) if **l == *sentence => l.clone(),
                    _ => sentence.into(),
                };
                last = Some(sentence.clone());
                if let (Some(k), Some(t)) = (&f.place, &f.place_text) {
                    c.places.entry(k.clone()).or_insert_with(|| t.clone());
                }
                let kind = match f.class.as_deref() {
                    Some(cl) if q.kind == Kind::Other && isnad_frame::is_person_class(cl) => Kind::People,
                    _ => q.kind,
                };
                spans.push((q.start, f.completes));
                let to = goes.as_ref().and_then(|g| g.get(k)).and_then(|id| view_of.get(&format!("e{id}")).copied());
                placed.push(goes.is_some());
                c.claims.push(ClaimCtx {
                    doc,
                    event: to.unwrap_or(event),
                    q,
                    kind,
                    sentence,
                    hl,
                    class: f.class,
                    class_word: f.class_word,
                    action: f.action.as_deref().map(action_name),
                    toll: f.toll,
                    action_word: f.action_word,
                    place: f.place.map(|k| {
                        let t = f.place_text.unwrap_or_else(|| k.clone());
                        (k, t)
                    }),
                    date: f.event_date.and_then(|s| Some((DaySpan::parse(&s)?, s))),
                    per_unit: f.rate,
                    with_families: f.with_families,
                    cumulative: f.cumulative,
                    partner: None,
                    part_of: None,
                });
            }
            for (k, i) in partners(&spans) {
                c.claims[first + k].partner = Some(first + i);
                c.claims[first + i].part_of = Some(first + k);
            }
        }
        events::move_recalled(&mut c, &placed);
        for (k, e) in c.events.iter_mut().enumerate() {
            e.claims = c.claims.iter().filter(|x| x.event == k).count();
        }
        c
    }
}

/// The fighters claims that a family count completes, as `(fighters, family)` pairs of
/// indices into `spans`: one document's claims in the ledger's order, each as its start
/// and the start of the claim it completes (the frame's `completes`). A claim is
/// completed once; the family count names the last claim starting where it says.
pub fn partners(spans: &[(usize, Option<usize>)]) -> Vec<(usize, usize)> {
    let at_start: HashMap<usize, usize> = spans.iter().enumerate().map(|(k, s)| (s.0, k)).collect();
    let mut taken = vec![false; spans.len()];
    let mut out = Vec::new();
    for (i, s) in spans.iter().enumerate() {
        let Some(k) = s.1.and_then(|c| at_start.get(&c).copied()) else { continue };
        if k != i && !taken[k] {
            taken[k] = true;
            out.push((k, i));
        }
    }
    out
}
