//! The ledger's data model: figures with their entries, range, sources and marks.
//! Everything here is serialisable; the report, the web pages and the JSON API all
//! render this one model.

use crate::features::{ClaimCtx, Corpus};
use crate::group::{item_ctx, Item};
use crate::input::ItemKey;
use isnad_model::{Qualifier, Stance};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How low, best and high are chosen; printed in the report beside the figures.
pub const RULE: &str =
    "low is the smallest lower bound any independent source asserts and high the largest upper bound \
(an \"at least\" claim counts with its floor), as in Airwars' minimum–maximum ranges; best is the median of the \
sources' own estimates (one per independent source: its exact or approximate value, the middle of its range, the \
bound of an at-least or at-most claim; vague wording such as \"hundreds\" only when nothing more precise exists; the \
lower middle value when the count is even), in the spirit of UCDP's best estimate between its low and high. \
Denials are listed apart and do not enter the range, nor do projections (what a figure may reach, not what it is). A source is the speaker, whoever relays them: an outlet \
quoting a driver counts as the driver, two outlets quoting the same speaker as one source.";

/// A claim within 10% of the best estimate agrees with it ("about 4,000" and "4,200").
pub const TOLERANCE: f64 = 0.10;

#[derive(Debug, Clone, Serialize)]
pub struct Ledger {
    pub rule: &'static str,
    /// The dossier's main language (`ar`, `en`): the page's language and direction.
    pub lang: &'static str,
    pub documents: usize,
    pub claims: usize,
    pub figures: Vec<std::sync::Arc<Figure>>,
    /// The stories the documents tell; every figure is inside one (or, after a user's
    /// merge, several).
    pub events: Vec<crate::EventView>,
    /// Claims that stand alone (no other claim measures the same thing).
    pub ungrouped: usize,
    /// Stored decisions that no longer match any claim.
    pub unresolved_decisions: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// Stable across runs: derived from the figure's first entry's key.
    pub id: String,
    pub name: Option<String>,
    /// The event it is about (its id) and that event's title.
    pub event: Option<String>,
    pub event_title: Option<String>,
    pub kind: String,
    pub unit: Option<String>,
    pub class: Option<String>,
    pub action: Option<String>,
    pub place: Option<String>,
    pub date: Option<String>,
    /// Why these claims are together, most shared first.
    pub reasons: Vec<Reason>,
    /// User actions that shaped it (`split`, `merge`).
    pub user: Vec<String>,
    pub entries: Vec<Entry>,
    pub denials: Vec<Entry>,
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
    pub sources: usize,
    pub agree: usize,
    pub contradict: usize,
}

impl Figure {
    /// The figure with only entries `offset..offset + limit` (denials whole): a page of
    /// a figure that may hold thousands, without copying the rest.
    pub fn page(&self, offset: usize, limit: usize) -> Figure {
        Figure {
            id: self.id.clone(),
            name: self.name.clone(),
            event: self.event.clone(),
            event_title: self.event_title.clone(),
            kind: self.kind.clone(),
            unit: self.unit.clone(),
            class: self.class.clone(),
            action: self.action.clone(),
            place: self.place.clone(),
            date: self.date.clone(),
            reasons: self.reasons.clone(),
            user: self.user.clone(),
            entries: self.entries.iter().skip(offset).take(limit).cloned().collect(),
            denials: self.denials.clone(),
            low: self.low,
            best: self.best,
            high: self.high,
            sources: self.sources,
            agree: self.agree,
            contradict: self.contradict,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Reason {
    /// `kind`, `class`, `action`, `place`, `date`.
    pub what: &'static str,
    pub value: String,
    /// Entries sharing it, of all entries.
    pub count: usize,
    pub of: usize,
    /// The words in the texts that gave it.
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// Within tolerance of the best estimate.
    Agrees,
    /// Above it.
    Higher,
    /// Below it.
    Lower,
    /// A denial.
    Denies,
    /// A projection (`could reach 20,000`): what the figure may reach, not what it is;
    /// neither agreement nor contradiction, and outside the range and best estimate.
    Projection,
    /// No estimate to compare with.
    None,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub key: ItemKey,
    /// One claim, or a fighters claim and the family count that completes it.
    pub parts: Vec<ClaimView>,
    pub lo: Option<f64>,
    pub hi: Option<f64>,
    pub point: Option<f64>,
    pub qualifier: Qualifier,
    pub source_id: String,
    pub source: String,
    pub relay: Option<String>,
    pub mark: Mark,
    /// The same source already has an entry above (relayed again, or said twice).
    pub repeat: bool,
    /// Other sources whose values overlap this one's, by name: the first
    /// [`MAX_AGREES_WITH`] in name order (a figure of thousands of entries would
    /// otherwise list thousands of names under every entry).
    pub agrees_with: Vec<String>,
    /// How many other sources' values overlap this one's (all of them, not only those named).
    pub agrees: usize,
}

impl Entry {
    /// Every claim of the entry is a projection (what the figure may reach): it stays in
    /// the figure but neither agrees nor contradicts, and its value is not an estimate.
    pub fn is_projection(&self) -> bool {
        !self.parts.is_empty() && self.parts.iter().all(|p| p.projection)
    }
}

/// Most names listed under an entry as agreeing with it.
pub const MAX_AGREES_WITH: usize = 12;

#[derive(Debug, Clone, Serialize)]
pub struct ClaimView {
    pub doc_id: i64,
    pub doc: String,
    pub outlet: String,
    pub title: Option<String>,
    /// The document's original URL, when known.
    pub url: Option<String>,
    pub published: Option<String>,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub qualifier: Qualifier,
    pub counted: Option<String>,
    pub class: Option<String>,
    pub speaker: Option<String>,
    pub speaker_id: Option<String>,
    pub relay: Option<String>,
    pub cue: Option<String>,
    pub stance: Stance,
    /// What the figure may reach, not what it is (`قد تصل الحصيلة إلى 20 ألفاً`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub projection: bool,
    pub sentence: std::sync::Arc<str>,
    pub hl: (usize, usize),
    pub action_word: Option<String>,
    pub place: Option<String>,
    pub date: Option<String>,
}

pub(crate) fn claim_view(c: &Corpus, cl: &ClaimCtx) -> ClaimView {
    let d = &c.docs[cl.doc];
    let q = &cl.q;
    ClaimView {
        doc_id: d.id,
        doc: d.key.clone(),
        outlet: d.label(),
        title: d.title.clone(),
        url: d.url.clone(),
        published: d.published.clone(),
        start: q.start,
        end: q.end,
        text: q.text.clone(),
        min: q.min,
        max: q.max,
        qualifier: q.qualifier,
        counted: q.counted.clone(),
        class: cl.class.clone(),
        speaker: q.speaker.as_ref().map(|s| s.text.clone()),
        speaker_id: q.speaker.as_ref().and_then(|s| s.id.clone()),
        relay: relay_of(c, cl),
        cue: q.cue.clone(),
        stance: q.stance,
        projection: q.projection,
        sentence: cl.sentence.clone(),
        hl: cl.hl,
        action_word: cl.action_word.clone(),
        place: cl.place.as_ref().map(|p| p.1.clone()),
        date: cl.date.as_ref().map(|d| d.1.clone()),
    }
}

/// Who a claim comes from, as an identity and a label. The speaker, whoever relays
/// them; a named speaker is the same source in every document, an unnamed one
/// (`a driver`, `sources`) only within its document; no speaker is the outlet's own voice.
pub fn source_of(c: &Corpus, cl: &ClaimCtx) -> (String, String) {
    let d = &c.docs[cl.doc];
    let party = cl.q.speaker.as_ref().or(cl.q.source.as_ref());
    match party {
        Some(p) => match &p.id {
            Some(id) => (format!("id:{id}"), p.text.clone()),
            None => (format!("doc:{}:{}", d.key, isnad_text::normalize_str(&p.text)), p.text.clone()),
        },
        None => (format!("outlet:{}", d.label()), d.label()),
    }
}

/// The relaying party: the claim's own `source`, else the outlet when someone else speaks.
fn relay_of(c: &Corpus, cl: &ClaimCtx) -> Option<String> {
    if let Some(s) = &cl.q.source {
        if cl.q.speaker.is_some() {
            return Some(s.text.clone());
        }
    }
    cl.q.speaker.as_ref().map(|_| c.docs[cl.doc].label())
}

/// A claim's interval and the single value that stands for it.
fn bounds(cl: &ClaimCtx) -> (Option<f64>, Option<f64>, Option<f64>) {
    let (a, b) = (cl.q.min, cl.q.max);
    match cl.q.qualifier {
        Qualifier::Exact | Qualifier::Approx => {
            let v = a.or(b);
            (v, v, v)
        }
        Qualifier::Range => (a, b, a.zip(b).map(|(x, y)| (x + y) / 2.0).or(a).or(b)),
        Qualifier::Vague => (a, b, None),
        Qualifier::AtLeast => (a, None, a),
        Qualifier::AtMost => (None, b, b),
    }
}

fn add(x: Option<f64>, y: Option<f64>) -> Option<f64> {
    Some(x? + y?)
}

/// Builds one entry (without its mark, which needs the figure's best).
fn entry(c: &Corpus, it: &Item, key: ItemKey) -> Option<Entry> {
    let parts: Vec<&ClaimCtx> = it.parts.iter().filter_map(|&i| c.claims.get(i)).collect();
    let first = *parts.first()?;
    let (mut lo, mut hi, mut point) = bounds(first);
    let mut qualifier = first.q.qualifier;
    for p in parts.iter().skip(1) {
        let (l, h, pt) = bounds(p);
        lo = add(lo, l);
        hi = add(hi, h);
        point = add(point, pt);
        if p.q.qualifier != Qualifier::Exact && qualifier == Qualifier::Exact {
            qualifier = p.q.qualifier;
        }
    }
    if parts.len() > 1 && qualifier == Qualifier::Exact && parts.iter().any(|p| p.q.qualifier == Qualifier::Approx) {
        qualifier = Qualifier::Approx;
    }
    let (source_id, source) = source_of(c, first);
    Some(Entry {
        key,
        parts: parts.iter().map(|p| claim_view(c, p)).collect(),
        lo,
        hi,
        point,
        qualifier,
        source_id,
        source,
        relay: relay_of(c, first),
        mark: Mark::None,
        repeat: false,
        agrees_with: Vec::new(),
        agrees: 0,
    })
}

/// Lower median.
fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    Some(v[(v.len() - 1) / 2])
}

/// The entry's interval widened by the tolerance; open ends stay open.
fn span(e: &Entry) -> (f64, f64) {
    let lo = e.lo.map_or(0.0, |x| x * (1.0 - TOLERANCE));
    let hi = e.hi.map_or(f64::INFINITY, |x| x * (1.0 + TOLERANCE));
    (lo, hi)
}

fn stats(entries: &mut [Entry]) -> (Option<f64>, Option<f64>, Option<f64>, usize) {
    let mut per_source: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    let mut vague: Vec<f64> = Vec::new();
    for e in entries.iter() {
        if e.is_projection() {
            // A source that only projects is still a source of the figure; what it
            // says the figure may reach is not an estimate of it.
            per_source.entry(&e.source_id).or_default();
            continue;
        }
        match e.point {
            Some(p) => per_source.entry(&e.source_id).or_default().push(p),
            None => {
                per_source.entry(&e.source_id).or_default();
                if let (Some(a), Some(b)) = (e.lo, e.hi) {
                    // The geometric middle of "hundreds" (200–999) is about 450; whole people.
                    vague.push((a * b).sqrt().round());
                }
            }
        }
    }
    let sources = per_source.len();
    let points: Vec<f64> = per_source.into_values().filter_map(median).collect();
    let best = median(points).or_else(|| median(vague));
    let estimates = || entries.iter().filter(|e| !e.is_projection());
    let low = estimates().filter_map(|e| e.lo).min_by(|a, b| a.total_cmp(b));
    let high = estimates().filter_map(|e| e.hi.or(e.lo)).max_by(|a, b| a.total_cmp(b));
    (low, best, high, sources)
}

fn mark(e: &Entry, best: Option<f64>) -> Mark {
    if e.is_projection() {
        return Mark::Projection;
    }
    let Some(b) = best else { return Mark::None };
    let (lo, hi) = span(e);
    // The best estimate below the entry's span means the entry says more.
    if b < lo {
        Mark::Higher
    } else if b > hi {
        Mark::Lower
    } else {
        Mark::Agrees
    }
}

/// Which sources' values overlap an entry's, computed once per distinct span and
/// source: a figure's entries repeat a few values many times, and comparing every
/// entry with every other is quadratic in the figure's size.
struct Agreement<'a> {
    /// Each source name with the source it names and the spans of its entries, in name
    /// order (projections left out: what a figure may reach agrees with nothing).
    names: Vec<(&'a str, &'a str, Vec<(f64, f64)>)>,
    /// Each source (by id) with the spans of its entries.
    ids: Vec<(&'a str, Vec<(f64, f64)>)>,
    memo: std::cell::RefCell<HashMap<(u64, u64, &'a str), (Vec<String>, usize)>>,
}

impl<'a> Agreement<'a> {
    fn of(entries: &'a [Entry]) -> Agreement<'a> {
        let mut names: BTreeMap<(&str, &str), Vec<(f64, f64)>> = BTreeMap::new();
        let mut ids: BTreeMap<&str, Vec<(f64, f64)>> = BTreeMap::new();
        for e in entries.iter().filter(|e| !e.is_projection()) {
            names.entry((e.source.as_str(), e.source_id.as_str())).or_default().push(span(e));
            ids.entry(e.source_id.as_str()).or_default().push(span(e));
        }
        Agreement {
            names: names.into_iter().map(|((name, id), spans)| (name, id, spans)).collect(),
            ids: ids.into_iter().collect(),
            memo: Default::default(),
        }
    }

    /// The names of the other sources agreeing with `e` (at most [`MAX_AGREES_WITH`],
    /// each once, in name order) and how many other sources agree.
    fn with(&self, e: &'a Entry) -> (Vec<String>, usize) {
        if e.is_projection() {
            return (Vec::new(), 0);
        }
        let (lo, hi) = span(e);
        let meets = |spans: &[(f64, f64)]| spans.iter().any(|&(l, h)| l <= hi && lo <= h);
        let own = e.source_id.as_str();
        let mut memo = self.memo.borrow_mut();
        let found = memo.entry((lo.to_bits(), hi.to_bits(), own)).or_insert_with(|| {
            let mut shown: Vec<String> = Vec::new();
            for (name, id, spans) in &self.names {
                if shown.len() == MAX_AGREES_WITH {
                    break;
                }
                if *id != own && shown.last().is_none_or(|n| n != name) && meets(spans) {
                    shown.push(name.to_string());
                }
            }
            let count = self.ids.iter().filter(|(id, spans)| *id != own && meets(spans)).count();
            (shown, count)
        });
        found.clone()
    }
}

/// Entries in the order a reader follows the story: by publication date, then document, then position.
fn order_key(e: &Entry) -> (bool, String, String, usize) {
    let p = e.parts.first();
    (
        p.and_then(|p| p.published.clone()).is_none(),
        p.and_then(|p| p.published.clone()).unwrap_or_default(),
        p.map(|p| p.doc.clone()).unwrap_or_default(),
        p.map_or(0, |p| p.start),
    )
}

/// FNV-1a, for short stable ids.
pub(crate) fn short_hash(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:012x}", h & 0xffff_ffff_ffff)
}

pub(crate) fn figure(
    c: &Corpus,
    items: &[Item],
    keys: &[ItemKey],
    group: &[usize],
    name: Option<String>,
    user: Vec<String>,
) -> Option<Figure> {
    let mut all: Vec<Entry> = group.iter().filter_map(|&i| entry(c, items.get(i)?, keys.get(i)?.clone())).collect();
    if all.is_empty() {
        return None;
    }
    all.sort_by_key(order_key);
    let (mut denials, mut entries): (Vec<Entry>, Vec<Entry>) =
        all.into_iter().partition(|e| e.parts.first().is_some_and(|p| p.stance == Stance::Deny));
    let (low, best, high, sources) = stats(&mut entries);
    let agreeing: Vec<(Vec<String>, usize)> = {
        let agreement = Agreement::of(&entries);
        entries.iter().map(|e| agreement.with(e)).collect()
    };
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (i, (names, count)) in agreeing.into_iter().enumerate() {
        let m = mark(&entries[i], best);
        let e = &mut entries[i];
        e.mark = m;
        e.repeat = !seen.insert(e.source_id.clone());
        e.agrees_with = names;
        e.agrees = count;
    }
    for d in &mut denials {
        d.mark = Mark::Denies;
    }
    let agree = entries.iter().filter(|e| e.mark == Mark::Agrees).count();
    let contradict = entries.iter().filter(|e| matches!(e.mark, Mark::Higher | Mark::Lower)).count();

    // The figure's identity and reasons come from its members' contexts.
    let ctxs: Vec<_> = group.iter().filter_map(|&i| items.get(i)).map(|it| (it, item_ctx(c, it))).collect();
    let bucket = ctxs.iter().find_map(|(_, x)| x.bucket.clone());
    let first = ctxs.first().and_then(|(it, _)| it.parts.first()).and_then(|&i| c.claims.get(i))?;
    let anchor = group.iter().filter_map(|&i| keys.get(i)).min().cloned().unwrap_or_default();
    let id = short_hash(&serde_json::to_string(&anchor).unwrap_or_default());
    let reasons = reasons(c, &ctxs);
    let place = most_common(ctxs.iter().filter_map(|(it, x)| {
        (!x.place_implicit).then_some(())?;
        it.parts.iter().find_map(|&p| c.claims.get(p)?.place.as_ref().map(|p| p.1.clone()))
    }));
    let date = most_common(
        ctxs.iter()
            .filter_map(|(it, _)| it.parts.iter().find_map(|&p| c.claims.get(p)?.date.as_ref().map(|d| d.1.clone()))),
    );
    let ev = c.events.get(first.event);
    Some(Figure {
        id,
        name,
        event: ev.map(|e| e.id.clone()),
        event_title: ev.map(|e| e.title.clone()),
        kind: first.kind.as_str().to_string(),
        unit: bucket.as_ref().and_then(|b| b.unit.clone()).or_else(|| first.q.unit.clone()),
        class: bucket.as_ref().map(|b| b.class.clone()).or_else(|| first.class.clone()),
        action: bucket.as_ref().map(|b| b.action.to_string()).or_else(|| first.action.map(str::to_string)),
        place,
        date,
        reasons,
        user,
        entries,
        denials,
        low,
        best,
        high,
        sources,
        agree,
        contradict,
    })
}

fn most_common(it: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for s in it {
        *counts.entry(s).or_default() += 1;
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|x| x.0)
}

/// What the entries share, with the words that show it.
fn reasons(c: &Corpus, ctxs: &[(&Item, crate::group::ItemCtx)]) -> Vec<Reason> {
    let n = ctxs.len();
    let mut out = Vec::new();
    let firsts: Vec<&ClaimCtx> = ctxs.iter().filter_map(|(it, _)| c.claims.get(*it.parts.first()?)).collect();
    let words = |f: &dyn Fn(&ClaimCtx) -> Option<String>| -> Vec<String> {
        let set: BTreeSet<String> = firsts.iter().filter_map(|c| f(c)).collect();
        set.into_iter().take(8).collect()
    };
    if let Some(b) = ctxs.iter().find_map(|(_, x)| x.bucket.clone()) {
        let count = |f: &dyn Fn(&crate::group::Bucket) -> bool| {
            ctxs.iter().filter(|(_, x)| x.bucket.as_ref().is_some_and(f)).count()
        };
        out.push(Reason {
            what: "kind",
            value: b.kind.to_string(),
            count: count(&|x| x.kind == b.kind),
            of: n,
            words: Vec::new(),
        });
        out.push(Reason {
            what: "class",
            value: b.class.clone(),
            count: count(&|x| x.class == b.class),
            of: n,
            words: words(&|c| c.class_word.clone().or_else(|| c.q.counted.clone())),
        });
        out.push(Reason {
            what: "action",
            value: b.action.to_string(),
            count: count(&|x| x.action == b.action),
            of: n,
            words: words(&|c| c.action_word.clone()),
        });
    }
    let mut places: BTreeMap<String, (usize, bool)> = BTreeMap::new();
    for (it, x) in ctxs {
        if let Some(p) = &x.place {
            let shown = it
                .parts
                .iter()
                .find_map(|&i| c.claims.get(i)?.place.as_ref().map(|p| p.1.clone()))
                .unwrap_or_else(|| c.places.get(p).cloned().unwrap_or_else(|| p.clone()));
            let e = places.entry(shown).or_insert((0, x.place_implicit));
            e.0 += 1;
            e.1 &= x.place_implicit;
        }
    }
    for (p, (count, implicit)) in places {
        out.push(Reason {
            what: if implicit { "document place" } else { "place" },
            value: p,
            count,
            of: n,
            words: Vec::new(),
        });
    }
    let dates: BTreeSet<String> = firsts.iter().filter_map(|c| c.date.as_ref().map(|d| d.1.clone())).collect();
    for d in dates {
        let count = firsts.iter().filter(|c| c.date.as_ref().is_some_and(|x| x.1 == d)).count();
        out.push(Reason { what: "date", value: d, count, of: n, words: Vec::new() });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry_of(source: &str, id: &str, lo: f64, hi: f64) -> Entry {
        Entry {
            key: Vec::new(),
            parts: Vec::new(),
            lo: Some(lo),
            hi: Some(hi),
            point: Some(lo),
            qualifier: Qualifier::Exact,
            source_id: id.into(),
            source: source.into(),
            relay: None,
            mark: Mark::None,
            repeat: false,
            agrees_with: Vec::new(),
            agrees: 0,
        }
    }

    #[test]
    fn agreement_names_other_sources_once_each_and_counts_them_all() {
        let mut es = vec![
            entry_of("a", "id:a", 100.0, 100.0),
            entry_of("b", "id:b", 105.0, 105.0),
            entry_of("b", "id:b", 104.0, 104.0),
            // One source under two names: named twice, counted once.
            entry_of("c1", "id:c", 98.0, 98.0),
            entry_of("c2", "id:c", 99.0, 99.0),
            // Another source sharing the first one's name still agrees by that name.
            entry_of("a", "doc:x:a", 101.0, 101.0),
            // Far away: agrees with nobody.
            entry_of("d", "id:d", 500.0, 500.0),
        ];
        let ag = Agreement::of(&es);
        assert_eq!(ag.with(&es[0]), (vec!["a".into(), "b".into(), "c1".into(), "c2".into()], 3));
        assert_eq!(ag.with(&es[6]), (vec![], 0));
        assert_eq!(ag.with(&es[3]).1, 3);
        // Thousands of agreeing sources: a dozen names, the whole count.
        es = (0..2000).map(|i| entry_of(&format!("s{i:04}"), &format!("id:{i}"), 10.0, 10.0)).collect();
        let ag = Agreement::of(&es);
        let (names, count) = ag.with(&es[0]);
        assert_eq!(names.len(), MAX_AGREES_WITH);
        assert_eq!(names[0], "s0001");
        assert_eq!(count, 1999);
    }
}
