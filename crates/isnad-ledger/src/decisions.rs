//! The analyst's decisions (split, merge, name a figure; name, merge, split an event
//! or move a document to another), applied over the automatic grouping in the order
//! they were made. Event decisions are applied first (by [`crate::events::decide`]),
//! since figures are formed inside events.
//!
//! Decisions name entries by [`ClaimKey`]s, never by row ids, and a key is matched
//! leniently: the same span in a document with the same content hash, else the same
//! text near the same place, else the same text in a document stored under the same
//! key. A re-ingest (same content, new row ids) and a re-extraction (spans that move
//! a little as the extractor improves) therefore keep every decision.

use crate::features::Corpus;
use crate::group::Item;
use crate::input::{ClaimKey, DocKey, ItemKey};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Decision {
    /// These entries leave their figure and make one of their own.
    Split { items: Vec<ItemKey> },
    /// The figures holding these two entries become one.
    Merge { a: ItemKey, b: ItemKey },
    /// The figure holding this entry is called `name`.
    Name { item: ItemKey, name: String },
    /// The event holding this document is called `name` (empty: its own title again).
    NameEvent { doc: DocKey, name: String },
    /// The events holding these two documents become one.
    MergeEvents { a: DocKey, b: DocKey },
    /// These documents leave their events and make one of their own.
    SplitEvent { docs: Vec<DocKey> },
    /// This document leaves its event for the event holding `to`.
    MoveDocument { doc: DocKey, to: DocKey },
}

impl Decision {
    /// The documents it names, as `(content hash, key)`: a decision can only change the
    /// events and figures of these documents.
    pub fn documents(&self) -> Vec<(&str, &str)> {
        fn claims(k: &ItemKey) -> Vec<(&str, &str)> {
            k.iter().map(|c| (&*c.doc_hash, &*c.doc_key)).collect()
        }
        fn doc(d: &DocKey) -> (&str, &str) {
            (d.doc_hash.as_str(), d.doc_key.as_str())
        }
        match self {
            Decision::Split { items } => items.iter().flat_map(|k| claims(k)).collect(),
            Decision::Merge { a, b } => claims(a).into_iter().chain(claims(b)).collect(),
            Decision::Name { item, .. } => claims(item),
            Decision::NameEvent { doc: d, .. } => vec![doc(d)],
            Decision::MergeEvents { a, b } => vec![doc(a), doc(b)],
            Decision::SplitEvent { docs } => docs.iter().map(doc).collect(),
            Decision::MoveDocument { doc: d, to } => vec![doc(d), doc(to)],
        }
    }

    /// Whether it shapes events (applied before figures are formed) rather than figures.
    pub fn is_event(&self) -> bool {
        matches!(
            self,
            Decision::NameEvent { .. }
                | Decision::MergeEvents { .. }
                | Decision::SplitEvent { .. }
                | Decision::MoveDocument { .. }
        )
    }
}

/// Finds claims and entries again from their keys.
pub struct Resolver<'a> {
    c: &'a Corpus,
    by_hash: HashMap<&'a str, Vec<usize>>,
    by_key: HashMap<&'a str, Vec<usize>>,
    items: HashMap<Vec<usize>, usize>,
    /// Each document's hash and key, shared by the keys of all its claims.
    doc_names: Vec<(Arc<str>, Arc<str>)>,
}

impl<'a> Resolver<'a> {
    pub fn new(c: &'a Corpus, items: &[Item]) -> Resolver<'a> {
        let mut by_hash: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, cl) in c.claims.iter().enumerate() {
            if let Some(d) = c.docs.get(cl.doc) {
                by_hash.entry(d.hash.as_str()).or_default().push(i);
                by_key.entry(d.key.as_str()).or_default().push(i);
            }
        }
        let items = items.iter().enumerate().map(|(k, it)| (it.parts.clone(), k)).collect();
        let doc_names = c.docs.iter().map(|d| (Arc::from(d.hash.as_str()), Arc::from(d.key.as_str()))).collect();
        Resolver { c, by_hash, by_key, items, doc_names }
    }

    pub fn claim_key(&self, i: usize) -> Option<ClaimKey> {
        let cl = self.c.claims.get(i)?;
        let (hash, key) = self.doc_names.get(cl.doc)?;
        Some(ClaimKey {
            doc_hash: hash.clone(),
            doc_key: key.clone(),
            start: cl.q.start,
            end: cl.q.end,
            text: cl.q.text.as_str().into(),
        })
    }

    pub fn item_key(&self, it: &Item) -> ItemKey {
        it.parts.iter().filter_map(|&i| self.claim_key(i)).collect()
    }

    pub fn claim(&self, k: &ClaimKey) -> Option<usize> {
        let pool = self.by_hash.get(&*k.doc_hash).or_else(|| self.by_key.get(&*k.doc_key))?;
        let q = |i: usize| &self.c.claims[i].q;
        if let Some(&i) = pool.iter().find(|&&i| q(i).start == k.start && q(i).end == k.end) {
            return Some(i);
        }
        let overlap = |i: usize| q(i).end.min(k.end).saturating_sub(q(i).start.max(k.start));
        // Same text nearest the old place, then the widest overlap.
        pool.iter().copied().filter(|&i| *q(i).text == *k.text).min_by_key(|&i| q(i).start.abs_diff(k.start)).or_else(
            || pool.iter().copied().filter(|&i| overlap(i) > 0).max_by_key(|&i| (overlap(i), std::cmp::Reverse(i))),
        )
    }

    pub fn item(&self, k: &ItemKey) -> Option<usize> {
        let parts: Option<Vec<usize>> = k.iter().map(|c| self.claim(c)).collect();
        self.items.get(&parts?).copied()
    }
}

/// What applying the decisions made: the groups, names by group, and for each group
/// the user actions that shaped it.
#[derive(Debug, Default)]
pub struct Applied {
    pub groups: Vec<Vec<usize>>,
    pub names: HashMap<usize, String>,
    pub notes: HashMap<usize, Vec<String>>,
    /// Decisions whose entries no longer exist (documents removed).
    pub unresolved: usize,
}

pub fn apply(mut groups: Vec<Vec<usize>>, decisions: &[Decision], r: &Resolver<'_>) -> Applied {
    let mut names: HashMap<usize, String> = HashMap::new();
    let mut notes: HashMap<usize, Vec<String>> = HashMap::new();
    let mut unresolved = 0;
    let group_of = |groups: &Vec<Vec<usize>>, item: usize| groups.iter().position(|g| g.contains(&item));
    for d in decisions {
        match d {
            Decision::Split { items } => {
                let found: Vec<usize> = items.iter().filter_map(|k| r.item(k)).collect();
                if found.is_empty() {
                    unresolved += 1;
                    continue;
                }
                for g in groups.iter_mut() {
                    g.retain(|i| !found.contains(i));
                }
                let mut g = found;
                g.sort_unstable();
                g.dedup();
                groups.push(g);
                let k = groups.len() - 1;
                notes.entry(k).or_default().push("split".into());
            }
            Decision::Merge { a, b } => {
                let (Some(a), Some(b)) = (r.item(a), r.item(b)) else {
                    unresolved += 1;
                    continue;
                };
                let (Some(ga), Some(gb)) = (group_of(&groups, a), group_of(&groups, b)) else {
                    continue;
                };
                if ga == gb {
                    continue;
                }
                let moved = std::mem::take(&mut groups[gb]);
                groups[ga].extend(moved);
                groups[ga].sort_unstable();
                if let Some(n) = names.remove(&gb) {
                    names.entry(ga).or_insert(n);
                }
                let mut nb = notes.remove(&gb).unwrap_or_default();
                let na = notes.entry(ga).or_default();
                na.append(&mut nb);
                na.push("merge".into());
            }
            Decision::Name { item, name } => {
                let Some(i) = r.item(item) else {
                    unresolved += 1;
                    continue;
                };
                if let Some(g) = group_of(&groups, i) {
                    let name = name.trim();
                    if name.is_empty() {
                        names.remove(&g);
                    } else {
                        names.insert(g, name.chars().take(200).collect());
                    }
                }
            }
            // Applied to the events before grouping.
            Decision::NameEvent { .. }
            | Decision::MergeEvents { .. }
            | Decision::SplitEvent { .. }
            | Decision::MoveDocument { .. } => {}
        }
    }
    // Emptied groups go; names and notes follow the renumbering.
    let mut out = Applied { unresolved, ..Default::default() };
    for (k, g) in groups.into_iter().enumerate() {
        if g.is_empty() {
            continue;
        }
        let nk = out.groups.len();
        if let Some(n) = names.remove(&k) {
            out.names.insert(nk, n);
        }
        if let Some(n) = notes.remove(&k) {
            out.notes.insert(nk, n);
        }
        out.groups.push(g);
    }
    out
}
