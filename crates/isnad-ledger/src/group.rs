//! Automatic grouping of claims into figures, inside events.
//!
//! Claims measure the same figure when they are about the same event (see
//! [`crate::events`]) and count the same thing: the same kind (and unit), a compatible
//! counted class, the same action, both running totals or neither, and no conflict of
//! the dates their sentences name. Values are never compared: sources disagreeing about
//! a number is what the ledger is for.

use crate::features::{ClaimCtx, Corpus};
use isnad_model::DaySpan;
use std::collections::{BTreeMap, BTreeSet};

/// Event dates further apart than this are different events.
pub const MAX_DATE_GAP_DAYS: i64 = 20;

/// A ledger entry: one claim, or `[fighters, family members]` read as one total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub parts: Vec<usize>,
}

/// The context an item is grouped by.
#[derive(Debug, Clone)]
pub struct ItemCtx {
    pub bucket: Option<Bucket>,
    pub place: Option<String>,
    /// The place came from the document, not the claim's sentence.
    pub place_implicit: bool,
    pub date: Option<DaySpan>,
    pub doc: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Bucket {
    pub event: usize,
    pub kind: &'static str,
    pub unit: Option<String>,
    pub class: String,
    pub action: &'static str,
    /// A running total since a war began, apart from one event's toll.
    pub cumulative: bool,
    /// The town the claim's sentence names when the event is not about it (`مسجد في
    /// مدينة سلقين` in a report on Khan Shaykhun): another incident's count.
    pub elsewhere: Option<String>,
}

/// The claim's own place when its event is about other places.
fn elsewhere(c: &Corpus, cl: &ClaimCtx) -> Option<String> {
    let (p, _) = cl.place.as_ref()?;
    if isnad_frame::is_country(p) {
        return None;
    }
    let e = &c.events.get(cl.event)?.state;
    let docs = e.docs.max(1);
    let mut towns: Vec<&(String, u32)> = e.places.iter().filter(|x| !isnad_frame::is_country(&x.0)).collect();
    towns.sort_by_key(|x| std::cmp::Reverse(x.1));
    let about = towns.iter().enumerate().any(|(k, x)| &x.0 == p && (k < 3 || 2 * x.1 >= docs));
    (!about && !towns.is_empty()).then(|| p.clone())
}

/// Every entry: each claim that stands alone, and each fighters + family pair.
pub fn items(c: &Corpus) -> Vec<Item> {
    let mut out = Vec::with_capacity(c.claims.len());
    for (i, cl) in c.claims.iter().enumerate() {
        if cl.part_of.is_none() {
            out.push(Item { parts: vec![i] });
        }
        if let Some(p) = cl.partner {
            out.push(Item { parts: vec![i, p] });
        }
    }
    out
}

/// Classes that one toll counts together: who the victims were is disputed, not which figure it is.
fn toll_class(class: Option<&str>) -> Option<&str> {
    match class {
        None | Some("people") | Some("fighters") | Some("foreign fighters") => Some("people"),
        other => other,
    }
}

pub fn item_ctx(c: &Corpus, it: &Item) -> ItemCtx {
    let Some(first) = it.parts.first().and_then(|&i| c.claims.get(i)) else {
        return ItemCtx { bucket: None, place: None, place_implicit: false, date: None, doc: 0 };
    };
    let parts: Vec<&ClaimCtx> = it.parts.iter().filter_map(|&i| c.claims.get(i)).collect();
    let class = if parts.len() > 1 {
        Some("people")
    } else if first.toll && first.kind == isnad_model::Kind::People {
        toll_class(first.class.as_deref())
    } else {
        first.class.as_deref()
    };
    // Arrivals of an evacuation are the people who left, counted at the other end.
    let action = match first.action {
        Some("arrived") => Some("left"),
        a => a,
    };
    let bucket = match (class, action) {
        (Some(class), Some(action)) if !first.per_unit => Some(Bucket {
            event: first.event,
            kind: first.kind.as_str(),
            unit: if first.kind == isnad_model::Kind::Money { None } else { first.q.unit.clone() },
            class: class.to_string(),
            action,
            cumulative: first.cumulative,
            elsewhere: elsewhere(c, first),
        }),
        _ => None,
    };
    let explicit = parts.iter().find_map(|p| p.place.as_ref().map(|x| x.0.clone()));
    // The event stands for the document's place: only a place the sentence names is kept.
    let implicit: Option<String> = None;
    let date = parts.iter().find_map(|p| p.date.as_ref().map(|x| x.0));
    ItemCtx {
        bucket,
        place_implicit: explicit.is_none() && implicit.is_some(),
        place: explicit.or(implicit),
        date,
        doc: first.doc,
    }
}

/// A group being built.
#[derive(Debug, Default, Clone)]
pub struct Group {
    pub items: Vec<usize>,
    /// Places the members' own sentences name.
    pub places: BTreeSet<String>,
    /// Places only their documents imply; they bind only while no member names one.
    pub implied: BTreeSet<String>,
    pub dates: Vec<DaySpan>,
    pub docs: BTreeSet<usize>,
}

impl Group {
    fn fits(&self, x: &ItemCtx) -> bool {
        let known = if self.places.is_empty() { &self.implied } else { &self.places };
        // Places inside one event do not split a figure: a flood's toll is given for the
        // city and for the region, an attack's for the town and the hospitals.
        let _ = known;
        let place_ok = true;
        let date_ok = match &x.date {
            Some(d) => self.dates.iter().all(|g| g.gap(d) <= MAX_DATE_GAP_DAYS),
            None => true,
        };
        place_ok && date_ok
    }

    fn score(&self, x: &ItemCtx) -> i32 {
        let mut s = 0;
        if let Some(p) = &x.place {
            if self.places.contains(p) {
                s += if x.place_implicit { 2 } else { 4 };
            } else if self.implied.contains(p) {
                s += 1;
            }
        }
        if x.date.is_some() && !self.dates.is_empty() {
            s += 2;
        }
        if self.docs.contains(&x.doc) {
            s += 1;
        }
        s
    }

    fn add(&mut self, idx: usize, x: &ItemCtx) {
        self.items.push(idx);
        if let Some(p) = &x.place {
            // A place the document implies does not fix the group's place: a claim
            // that names its own may still join.
            if x.place_implicit {
                self.implied.insert(p.clone());
            } else {
                self.places.insert(p.clone());
            }
        }
        if let Some(d) = x.date {
            self.dates.push(d);
        }
        self.docs.insert(x.doc);
    }
}

/// Groups the items; every item ends in exactly one group (alone if nothing fits).
pub fn cluster(c: &Corpus, items: &[Item]) -> Vec<Vec<usize>> {
    let ctxs: Vec<ItemCtx> = items.iter().map(|it| item_ctx(c, it)).collect();
    let mut buckets: BTreeMap<&Bucket, Vec<usize>> = BTreeMap::new();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, x) in ctxs.iter().enumerate() {
        match &x.bucket {
            Some(b) => buckets.entry(b).or_default().push(i),
            None => out.push(vec![i]),
        }
    }
    for (_, mut members) in buckets {
        // Most specific first; ties in document order.
        members.sort_by_key(|&i| {
            let x = &ctxs[i];
            let spec = (x.place.is_some() && !x.place_implicit) as u8 * 2 + x.date.is_some() as u8;
            (std::cmp::Reverse(spec), i)
        });
        let mut groups: Vec<Group> = Vec::new();
        for i in members {
            let x = &ctxs[i];
            let pick = groups
                .iter()
                .enumerate()
                .filter(|(_, g)| g.fits(x))
                .max_by(|(ai, a), (bi, b)| {
                    a.score(x).cmp(&b.score(x)).then(a.items.len().cmp(&b.items.len())).then(bi.cmp(ai))
                })
                .map(|(k, _)| k);
            match pick {
                Some(k) => groups[k].add(i, x),
                None => {
                    let mut g = Group::default();
                    g.add(i, x);
                    groups.push(g);
                }
            }
        }
        out.extend(groups.into_iter().map(|mut g| {
            g.items.sort_unstable();
            g.items
        }));
    }
    out
}
