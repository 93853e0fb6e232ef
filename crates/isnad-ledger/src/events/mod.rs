//! Events: the stories a dossier's documents tell, each with its documents, its days,
//! its places, and the reasons its documents are together. Figures are formed inside
//! an event, so two attacks years apart never share a toll.
//!
//! A document's event is stored at ingest ([`cluster`] is incremental); a dossier read
//! without stored events is clustered here, in date order. A claim goes to its
//! document's event unless its sentence names a day far outside it that another event
//! holds, or a place another event is about while its own event is not.

pub mod cluster;
mod decide;

pub use cluster::{Assignment, Clusterer, EventState, JOIN_THRESHOLD, MAX_GAP_DAYS};
pub(crate) use decide::decide;

use crate::features::Corpus;
use crate::input::DocInput;
use isnad_model::{ymd, DaySpan};
use serde::Serialize;
use std::collections::BTreeMap;

/// An event as the ledger shows it.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// Stable across runs: the stored event id, else derived from its first document.
    pub id: String,
    pub title: String,
    /// First and last day of its documents (`YYYY-MM-DD`).
    pub from: Option<String>,
    pub to: Option<String>,
    /// Places it is about (the names to show), most named first.
    pub places: Vec<String>,
    /// Keys of its documents.
    pub documents: Vec<String>,
    /// Claims assigned to it.
    pub claims: usize,
    /// Why its documents are together.
    pub reasons: Vec<String>,
    /// Figures inside it (ids), filled when the ledger is built.
    pub figures: Vec<String>,
    /// The analyst's name for it, which is then its title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the analyst did to it (`merged`, `split`, `moved`), in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user: Vec<String>,
    #[serde(skip)]
    pub state: EventState,
    #[serde(skip)]
    pub doc_idx: Vec<usize>,
    /// For an event an analyst's split made: the index of that decision among those
    /// applied (such events follow the stored ones, in the order they were made).
    #[serde(skip)]
    pub made_by: Option<usize>,
}

fn day_of(s: Option<&str>) -> Option<i64> {
    s.and_then(DaySpan::parse).filter(|d| d.lo == d.hi).map(|d| d.lo)
}

/// Gives every input its event index; the events in order of first document.
pub(crate) fn resolve(inputs: &mut [DocInput]) -> Vec<EventView> {
    let stored = !inputs.is_empty() && inputs.iter().all(|d| d.event.is_some());
    let mut views: Vec<EventView> = Vec::new();
    if stored {
        let mut by_id: BTreeMap<i64, usize> = BTreeMap::new();
        for (i, d) in inputs.iter_mut().enumerate() {
            if d.visiting {
                continue;
            }
            let Some((id, state)) = d.event.clone() else { continue };
            let k = *by_id.entry(id).or_insert_with(|| {
                views.push(view(format!("e{id}"), (*state).clone()));
                views.len() - 1
            });
            views[k].doc_idx.push(i);
            d.event_index = Some(k);
            if let Some(r) = &d.event_reasons {
                for x in r {
                    if !views[k].reasons.contains(x) && views[k].reasons.len() < 12 {
                        views[k].reasons.push(x.clone());
                    }
                }
            }
        }
    } else {
        // In date order, undated documents last, so that an event opens with its first report.
        let mut order: Vec<usize> = (0..inputs.len()).collect();
        let day = |d: &DocInput| d.profile.as_ref().and_then(|p| p.day).or_else(|| day_of(d.published.as_deref()));
        order.sort_by_key(|&i| (day(&inputs[i]).unwrap_or(i64::MAX), i));
        let mut c = Clusterer::default();
        let mut of_event: Vec<Vec<usize>> = Vec::new();
        let mut reasons: Vec<Vec<String>> = Vec::new();
        for i in order {
            let p = inputs[i].profile.clone().unwrap_or_default();
            let a = c.assign(&p);
            if a.opened {
                of_event.push(Vec::new());
                reasons.push(Vec::new());
            }
            of_event[a.event].push(i);
            for r in a.reasons {
                if r != "opened" && !reasons[a.event].contains(&r) && reasons[a.event].len() < 12 {
                    reasons[a.event].push(r);
                }
            }
            inputs[i].event_index = Some(a.event);
        }
        for (k, docs) in of_event.into_iter().enumerate() {
            let first = docs.iter().map(|&i| inputs[i].key.as_str()).min().unwrap_or("");
            let mut v = view(format!("x{}", short_hash(first)), c.events[k].clone());
            v.doc_idx = docs;
            v.reasons = std::mem::take(&mut reasons[k]);
            views.push(v);
        }
    }
    for v in &mut views {
        v.doc_idx.sort_unstable();
        v.documents = v.doc_idx.iter().map(|&i| inputs[i].key.clone()).collect();
    }
    views
}

fn short_hash(s: &str) -> String {
    // FNV-1a: stable across builds and platforms, unlike std's hasher.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{:010x}", h & 0xff_ffff_ffff)
}

fn view(id: String, state: EventState) -> EventView {
    let (from, to) = match state.span() {
        Some((a, b)) => (Some(ymd(a)), Some(ymd(b))),
        None => (None, None),
    };
    EventView {
        id,
        title: String::new(),
        from,
        to,
        places: Vec::new(),
        documents: Vec::new(),
        claims: 0,
        reasons: Vec::new(),
        figures: Vec::new(),
        name: None,
        user: Vec::new(),
        state,
        doc_idx: Vec::new(),
        made_by: None,
    }
}

/// Sends a claim to another event when its own sentence says it is about that one, and
/// titles every event.
pub(crate) fn move_recalled(c: &mut Corpus, placed: &[bool]) {
    let mut first = 0;
    while first < c.claims.len() {
        let doc = c.claims[first].doc;
        let end = first + c.claims[first..].iter().take_while(|x| x.doc == doc).count();
        if !placed.get(first).copied().unwrap_or(false) {
            let claims = &c.claims[first..end];
            let said: Vec<(Option<DaySpan>, Option<&str>)> =
                claims.iter().map(|x| (x.date.as_ref().map(|d| d.0), x.place.as_ref().map(|p| p.0.as_str()))).collect();
            let partner: Vec<Option<usize>> = claims.iter().map(|x| x.partner.map(|p| p - first)).collect();
            let events = &c.events;
            let to = recall_doc(&said, &partner, claims[0].event, events.len(), |k| &events[k].state);
            for (x, e) in c.claims[first..end].iter_mut().zip(to) {
                x.event = e;
            }
        }
        first = end;
    }
    for k in 0..c.events.len() {
        title(c, k);
    }
}

/// The events one document's claims are about, all starting in its event `own`: a claim
/// goes where its sentence's day or place says ([`recalled_among`]), and the family
/// count completing a fighters claim (`partner`) goes with it. `said[i]` is claim i's
/// day and place, in the ledger's claim order. The report's planner and the corpus
/// both call this, so a claim moves the same way in a part of the dossier as in all of it.
pub fn recall_doc<'a>(
    said: &[(Option<DaySpan>, Option<&str>)],
    partner: &[Option<usize>],
    own: usize,
    n: usize,
    state: impl Fn(usize) -> &'a EventState,
) -> Vec<usize> {
    let mut event = vec![own; said.len()];
    for (i, (date, place)) in said.iter().enumerate() {
        let Some(to) = recalled_among(date.as_ref(), *place, event[i], n, &state) else { continue };
        event[i] = to;
        if let Some(p) = partner.get(i).copied().flatten().filter(|&p| p < event.len()) {
            event[p] = to;
        }
    }
    event
}

/// Titles event `k` by its places and days (or the analyst's name for it), and shows
/// its places by name.
pub(crate) fn title(c: &mut Corpus, k: usize) {
    // skeletons (`~tl ztn`) tie the two scripts together; they are not names to show
    let mut places: Vec<(String, u32)> =
        c.events[k].state.places.iter().filter(|x| !x.0.starts_with('~')).cloned().collect();
    places.sort_by_key(|x| (isnad_frame::is_country(&x.0), std::cmp::Reverse(x.1)));
    let shown: Vec<String> = places
        .iter()
        .take(3)
        .map(|(p, _)| c.places.get(p).cloned().or_else(|| isnad_frame_shown(p)).unwrap_or_else(|| p.clone()))
        .collect();
    let e = &mut c.events[k];
    e.places = shown;
    if let Some(n) = &e.name {
        e.title = n.clone();
        return;
    }
    let place = e.places.first().cloned().unwrap_or_default();
    let when = match (&e.from, &e.to) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => String::new(),
    };
    e.title = [place, when].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
    if e.title.is_empty() {
        e.title = e.documents.first().cloned().unwrap_or_default();
    }
}

fn isnad_frame_shown(key: &str) -> Option<String> {
    isnad_frame::place_name(key).map(str::to_string)
}

/// Which of `n` events (in the ledger's order, `state(k)` the k-th) a claim of event
/// `own` is about instead, given the day and place its sentence names: a day far from
/// its own event's, inside another's; or a place its own event is not about, that
/// another event of its days is about. The report's planner asks the same question
/// of every stored claim before any corpus is built, so both must ask it here.
pub fn recalled_among<'a>(
    date: Option<&DaySpan>,
    place: Option<&str>,
    own: usize,
    n: usize,
    state: impl Fn(usize) -> &'a EventState,
) -> Option<usize> {
    let near = |e: &EventState, d: &DaySpan, slack: i64| {
        e.span().is_some_and(|(lo, hi)| d.lo <= hi + slack && d.hi >= lo - slack)
    };
    let own_state = state(own);
    if let Some(d) = date {
        if d.hi - d.lo <= 31 && own_state.span().is_some() && !near(own_state, d, MAX_GAP_DAYS) {
            return (0..n).filter(|&k| k != own && near(state(k), d, 3)).max_by_key(|&k| {
                let places = &state(k).places;
                (place.is_some_and(|p| places.iter().any(|x| x.0 == p)), state(k).docs)
            });
        }
    }
    if let Some(p) = place {
        let own_places: Vec<&str> = own_state.places.iter().take(5).map(|x| x.0.as_str()).collect();
        if own_places.is_empty() || own_places.contains(&p) {
            return None;
        }
        let day = date.copied().or_else(|| {
            let (lo, hi) = own_state.span()?;
            Some(DaySpan { lo, hi })
        });
        return (0..n)
            .filter(|&k| k != own)
            .filter(|&k| state(k).places.first().is_some_and(|x| x.0 == p))
            .filter(|&k| day.as_ref().is_none_or(|d| near(state(k), d, MAX_GAP_DAYS)))
            .max_by_key(|&k| state(k).docs);
    }
    None
}
