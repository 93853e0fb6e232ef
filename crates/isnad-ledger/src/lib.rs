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
pub mod units;

pub use decisions::Decision;
pub use events::EventView;
pub use features::{ClaimCtx, Corpus};
pub use figure::{ClaimView, Entry, Figure, Ledger, Mark, Reason, MAX_AGREES_WITH, RULE, TOLERANCE};
pub use group::MAX_DATE_GAP_DAYS;
pub use input::{ClaimKey, DocInput, DocKey, DocMeta, ItemKey};

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The ledger with, for each claim, the figures it is in (for highlighting documents).
#[derive(Debug, Clone)]
pub struct Built {
    pub ledger: Ledger,
    /// `(document id, claim start)` → ids of the figures holding that claim.
    pub figures_of_claim: BTreeMap<(i64, usize), Vec<String>>,
    /// What a later decision on the same corpus can start from.
    grouping: Grouping,
}

/// The automatic grouping a ledger was built from, and which group made which figure:
/// a figure decision re-forms only the figures whose groups it changes.
#[derive(Debug, Clone, Default)]
struct Grouping {
    /// The event decisions applied before grouping (other ones mean another grouping).
    event_decisions: Vec<Decision>,
    items: Vec<group::Item>,
    keys: Vec<ItemKey>,
    auto: Vec<Vec<usize>>,
    /// Each figure's group, name and user notes → its index in `ledger.figures`.
    made: HashMap<GroupSig, usize>,
}

type GroupSig = (Vec<usize>, Option<String>, Vec<String>);

/// Groups the corpus's claims into figures and applies the decisions, oldest first.
pub fn ledger(c: &Corpus, decisions: &[Decision]) -> Built {
    ledger_after(c, decisions, None)
}

/// [`ledger`], starting from `prev`, a ledger of the same corpus under other decisions
/// (the caller's promise): when the event decisions are the same, the automatic
/// grouping is kept and only the figures whose groups changed are formed again, so an
/// analyst's split, merge or name costs what it changes, not the whole dossier.
pub fn ledger_after(c: &Corpus, decisions: &[Decision], prev: Option<&Built>) -> Built {
    let decided;
    let mut unresolved_events = 0;
    let event_decisions: Vec<Decision> = decisions.iter().filter(|d| d.is_event()).cloned().collect();
    let c = if !event_decisions.is_empty() {
        let (d, n) = events::decide(c, decisions);
        decided = d;
        unresolved_events = n;
        &decided
    } else {
        c
    };
    let prev = prev.filter(|p| p.grouping.event_decisions == event_decisions && p.ledger.claims == c.claims.len());
    let (items, keys, auto) = match prev {
        Some(p) => (p.grouping.items.clone(), p.grouping.keys.clone(), p.grouping.auto.clone()),
        None => {
            let items = group::items(c);
            let auto = group::cluster(c, &items);
            let r = decisions::Resolver::new(c, &items);
            let keys: Vec<ItemKey> = items.iter().map(|it| r.item_key(it)).collect();
            (items, keys, auto)
        }
    };
    let r = decisions::Resolver::new(c, &items);
    let applied = decisions::apply(auto.clone(), decisions, &r);
    let mut figures = Vec::new();
    let mut made = HashMap::new();
    let mut ungrouped = 0;
    for (k, g) in applied.groups.iter().enumerate() {
        let name = applied.names.get(&k).cloned();
        let user = applied.notes.get(&k).cloned().unwrap_or_default();
        if g.len() < 2 && name.is_none() && user.is_empty() {
            ungrouped += g.len();
            continue;
        }
        let sig: GroupSig = (g.clone(), name, user);
        let again = prev.and_then(|p| p.ledger.figures.get(*p.grouping.made.get(&sig)?)).cloned();
        let f = again.or_else(|| figure::figure(c, &items, &keys, g, sig.1.clone(), sig.2.clone()).map(Arc::new));
        if let Some(f) = f {
            made.insert(sig, figures.len());
            figures.push(f);
        }
    }
    let mut order: Vec<usize> = (0..figures.len()).collect();
    order.sort_by(|&i, &j| figure_order(&figures[i], &figures[j]));
    let mut at = vec![0; figures.len()];
    for (to, &from) in order.iter().enumerate() {
        at[from] = to;
    }
    for v in made.values_mut() {
        *v = at[*v];
    }
    let mut slots: Vec<Option<Arc<Figure>>> = figures.into_iter().map(Some).collect();
    let figures: Vec<Arc<Figure>> = order.iter().filter_map(|&i| slots[i].take()).collect();
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
    let event_at: HashMap<String, usize> = events.iter().enumerate().map(|(k, e)| (e.id.clone(), k)).collect();
    for f in &figures {
        if let Some(&k) = f.event.as_ref().and_then(|id| event_at.get(id)) {
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
        grouping: Grouping { event_decisions, items, keys, auto, made },
    }
}

/// The order figures are shown in: most sources first, then most claims; ties by id,
/// so the order is the same however the figures were made.
pub fn figure_order(a: &Figure, b: &Figure) -> std::cmp::Ordering {
    figure_rank(a.sources, a.entries.len() + a.denials.len(), &a.id).cmp(&figure_rank(
        b.sources,
        b.entries.len() + b.denials.len(),
        &b.id,
    ))
}

/// [`figure_order`]'s key, from a figure's sources, claims (entries and denials) and id.
pub fn figure_rank(sources: usize, claims: usize, id: &str) -> (Reverse<usize>, Reverse<usize>, &str) {
    (Reverse(sources), Reverse(claims), id)
}

/// The key of an entry as shown in a figure, for building decisions.
pub fn entry_key(e: &Entry) -> &ItemKey {
    &e.key
}
