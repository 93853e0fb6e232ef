//! The ledger: quantity claims from many reports grouped into figures (how many left
//! Raqqa under the deal; how many were killed in a strike), each with every source's
//! claim side by side, the range they span, who agrees, who contradicts, who only
//! repeats whom, and who denies.
//!
//! A pure library: [`Corpus::build`] reads documents (text, claims, dates) handed to
//! it, [`ledger`] groups and applies the analyst's [`Decision`]s, [`html`] renders.
//! Storage and serving live elsewhere.

mod decisions;
pub mod events;
mod features;
mod figure;
mod group;
pub mod html;
mod input;

pub use decisions::Decision;
pub use events::EventView;
pub use features::{ClaimCtx, Corpus};
pub use figure::{ClaimView, Entry, Figure, Ledger, Mark, Reason, RULE, TOLERANCE};
pub use group::MAX_DATE_GAP_DAYS;
pub use input::{ClaimKey, DocInput, DocKey, DocMeta, ItemKey};

use std::collections::BTreeMap;

/// The ledger with, for each claim, the figures it is in (for highlighting documents).
#[derive(Debug, Clone)]
pub struct Built {
    pub ledger: Ledger,
    /// `(document id, claim start)` → ids of the figures holding that claim.
    pub figures_of_claim: BTreeMap<(i64, usize), Vec<String>>,
}

/// Groups the corpus's claims into figures and applies the decisions, oldest first.
pub fn ledger(c: &Corpus, decisions: &[Decision]) -> Built {
    let decided;
    let mut unresolved_events = 0;
    let c = if decisions.iter().any(Decision::is_event) {
        let (d, n) = events::decide(c, decisions);
        decided = d;
        unresolved_events = n;
        &decided
    } else {
        c
    };
    let items = group::items(c);
    let auto = group::cluster(c, &items);
    let r = decisions::Resolver::new(c, &items);
    let keys: Vec<ItemKey> = items.iter().map(|it| r.item_key(it)).collect();
    let applied = decisions::apply(auto, decisions, &r);
    let mut figures = Vec::new();
    let mut ungrouped = 0;
    for (k, g) in applied.groups.iter().enumerate() {
        let name = applied.names.get(&k).cloned();
        let user = applied.notes.get(&k).cloned().unwrap_or_default();
        if g.len() < 2 && name.is_none() && user.is_empty() {
            ungrouped += g.len();
            continue;
        }
        if let Some(f) = figure::figure(c, &items, &keys, g, name, user) {
            figures.push(f);
        }
    }
    figures.sort_by(|a, b| {
        b.sources
            .cmp(&a.sources)
            .then((b.entries.len() + b.denials.len()).cmp(&(a.entries.len() + a.denials.len())))
            .then(a.id.cmp(&b.id))
    });
    let mut figures_of_claim: BTreeMap<(i64, usize), Vec<String>> = BTreeMap::new();
    for f in &figures {
        for e in f.entries.iter().chain(&f.denials) {
            for p in &e.parts {
                let v = figures_of_claim.entry((p.doc_id, p.start)).or_default();
                if !v.contains(&f.id) {
                    v.push(f.id.clone());
                }
            }
        }
    }
    let mut events = c.events.clone();
    for f in &figures {
        if let Some(k) = f.event.as_ref().and_then(|id| events.iter().position(|e| &e.id == id)) {
            events[k].figures.push(f.id.clone());
        }
    }
    Built {
        ledger: Ledger {
            events,
            rule: RULE,
            lang: html::Lang::of_docs(c.docs.iter().map(|d| d.lang.as_deref())).code(),
            documents: c.docs.len(),
            claims: c.claims.len(),
            figures,
            ungrouped,
            unresolved_decisions: applied.unresolved + unresolved_events,
        },
        figures_of_claim,
    }
}

/// The key of an entry as shown in a figure, for building decisions.
pub fn entry_key(e: &Entry) -> &ItemKey {
    &e.key
}
