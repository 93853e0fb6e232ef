//! What the server holds: the dossier, what it read of it (read again when another
//! process changes it), and the ledger, brought up to date whenever a decision is
//! added or undone (re-forming only the figures the decision changes).

use isnad_ledger::html::pages::{headline, DecisionRow, DocClaim, DocHead, MergeOption, SearchRow, SpeakerRow};
use isnad_ledger::html::{distinct_titles, value_text, Lang};
use isnad_ledger::{Built, Corpus, Decision, Figure};
use isnad_store::{AnyStore, Dossier, LedgerStore, Store, Target};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, RwLock};

pub struct AppState {
    pub dossier: Dossier<AnyStore>,
    /// The dossier as last read: replaced whole when another process changes it.
    snap: RwLock<Arc<Snap>>,
    /// The store's freshness mark when `snap` was read.
    mark: std::sync::Mutex<i64>,
    pub lang: Lang,
    built: RwLock<Arc<Built>>,
    decisions: RwLock<Vec<(i64, Decision)>>,
    /// The speakers table of the ledger it was computed from (the same `Arc`): every
    /// request for it would otherwise walk all claims.
    speakers: RwLock<Option<(Arc<Built>, Arc<Vec<SpeakerRow>>)>>,
    /// Every figure's title, for the ledger it was computed from (as `speakers`).
    titles: RwLock<Option<(Arc<Built>, Arc<HashMap<String, String>>)>>,
    /// Answers to GET requests, for the ledger they were made from.
    pub cache: super::cache::Cache,
}

/// What the pages read of the dossier, consistent with itself: the corpus and its
/// indexes are always swapped together.
pub struct Snap {
    pub corpus: Corpus,
    doc_pos: HashMap<i64, usize>,
    claims_of_doc: HashMap<usize, Vec<usize>>,
}

impl Snap {
    fn new(corpus: Corpus) -> Snap {
        let doc_pos = corpus.docs.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
        let mut claims_of_doc: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, c) in corpus.claims.iter().enumerate() {
            claims_of_doc.entry(c.doc).or_default().push(i);
        }
        Snap { corpus, doc_pos, claims_of_doc }
    }
}

impl AppState {
    pub fn open(db: &Target, index: Option<&Path>, lang: Option<Lang>) -> anyhow::Result<AppState> {
        let dossier = crate::cmd::open(db, index, true)?;
        let mark = dossier.store().freshness()?;
        let (corpus, decisions) = {
            let store = dossier.store();
            crate::cmd::report::load(&*store)?
        };
        let ds: Vec<Decision> = decisions.iter().map(|d| d.1.clone()).collect();
        let built = isnad_ledger::ledger(&corpus, &ds);
        let lang = lang.unwrap_or_else(|| Lang::from_code(built.ledger.lang));
        Ok(AppState {
            dossier,
            snap: RwLock::new(Arc::new(Snap::new(corpus))),
            mark: std::sync::Mutex::new(mark),
            lang,
            built: RwLock::new(Arc::new(built)),
            decisions: RwLock::new(decisions),
            speakers: RwLock::new(None),
            titles: RwLock::new(None),
            cache: Default::default(),
        })
    }

    pub fn snap(&self) -> Arc<Snap> {
        self.snap.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Reads the dossier again when another process (an `ingest`, a `reextract`) has
    /// changed it since it was last read; returns whether it did. Pages then show the
    /// documents, claims and figures as stored now, not as they were at start-up.
    pub fn refresh(&self) -> anyhow::Result<bool> {
        // One refresh at a time; a request never waits for it (the old snapshot serves).
        let Ok(mut mark) = self.mark.try_lock() else { return Ok(false) };
        let now = self.dossier.store().freshness()?;
        if now == *mark {
            return Ok(false);
        }
        let (corpus, decisions) = {
            let store = self.dossier.store();
            crate::cmd::report::load(&*store)?
        };
        let ds: Vec<Decision> = decisions.iter().map(|d| d.1.clone()).collect();
        let built = isnad_ledger::ledger(&corpus, &ds);
        *self.snap.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(Snap::new(corpus));
        *self.built.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(built);
        *self.decisions.write().unwrap_or_else(|p| p.into_inner()) = decisions;
        // The index folder is written by the other process: look again at its commits.
        // (A PostgreSQL dossier's local index follows the store only when reopened.)
        self.dossier.index().reload()?;
        *mark = now;
        Ok(true)
    }

    pub fn built(&self) -> Arc<Built> {
        self.built.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The ledger again after a decision was added or undone: only the figures it
    /// changes are formed again (on the dossier as read, which no refresh replaces
    /// meanwhile: both hold `mark`).
    fn rebuild(&self) -> anyhow::Result<()> {
        let _reading = self.mark.lock().unwrap_or_else(|p| p.into_inner());
        let decisions = crate::cmd::report::decisions(&*self.dossier.store())?;
        let ds: Vec<Decision> = decisions.iter().map(|d| d.1.clone()).collect();
        let prev = self.built();
        let built = isnad_ledger::ledger_after(&self.snap().corpus, &ds, Some(&prev));
        *self.built.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(built);
        *self.decisions.write().unwrap_or_else(|p| p.into_inner()) = decisions;
        Ok(())
    }

    pub fn add_decision(&self, d: &Decision) -> anyhow::Result<i64> {
        let body = serde_json::to_string(d)?;
        let id = self.dossier.store().add_decision(&body)?;
        self.rebuild()?;
        Ok(id)
    }

    pub fn remove_decision(&self, id: i64) -> anyhow::Result<bool> {
        let gone = self.dossier.store().remove_decision(id)?;
        self.rebuild()?;
        Ok(gone)
    }

    pub fn figure(&self, id: &str) -> Option<std::sync::Arc<Figure>> {
        self.built().ledger.figures.iter().find(|f| f.id == id).cloned()
    }

    /// The figure now holding this entry (after a split or merge its id may change).
    pub fn figure_with(&self, key: &isnad_ledger::ItemKey) -> Option<String> {
        let b = self.built();
        let found = b.ledger.figures.iter().find(|f| f.entries.iter().chain(&f.denials).any(|e| &e.key == key));
        found.map(|f| f.id.clone())
    }

    /// Every figure's title, distinct where two would read the same.
    pub fn titles(&self) -> Arc<HashMap<String, String>> {
        let b = self.built();
        if let Some((of, t)) = &*self.titles.read().unwrap_or_else(|p| p.into_inner()) {
            if Arc::ptr_eq(of, &b) {
                return t.clone();
            }
        }
        let t = Arc::new(distinct_titles(&b.ledger.figures, self.lang));
        *self.titles.write().unwrap_or_else(|p| p.into_inner()) = Some((b, t.clone()));
        t
    }

    /// The figures `id` could be merged with, with their values and counts; those
    /// counting the same kind of thing first, in the same event first.
    pub fn merge_options(&self, f: &Figure, titles: &HashMap<String, String>) -> Vec<MergeOption> {
        let b = self.built();
        let mut v: Vec<(bool, bool, MergeOption)> = b
            .ledger
            .figures
            .iter()
            .filter(|o| o.id != f.id)
            .map(|o| {
                let same_kind = o.kind == f.kind && o.unit == f.unit;
                (
                    !same_kind,
                    o.event != f.event,
                    MergeOption {
                        id: o.id.clone(),
                        title: titles.get(&o.id).cloned().unwrap_or_default(),
                        best: o.best,
                        low: o.low,
                        high: o.high,
                        claims: o.entries.len(),
                        sources: o.sources,
                        same_kind,
                    },
                )
            })
            .collect();
        v.sort_by_key(|x| (x.0, x.1));
        v.into_iter().map(|x| x.2).collect()
    }

    /// The stored decisions that name one of this figure's entries (to undo them there).
    pub fn decisions_for(&self, f: &Figure) -> Vec<DecisionRow> {
        let keys: Vec<&isnad_ledger::ItemKey> = f.entries.iter().chain(&f.denials).map(|e| &e.key).collect();
        let ds = self.decisions();
        let ids: BTreeSet<i64> = ds
            .iter()
            .filter(|(_, d)| match d {
                Decision::Name { item, .. } => keys.contains(&item),
                Decision::Split { items } => items.iter().any(|k| keys.contains(&k)),
                Decision::Merge { a, b } => keys.contains(&a) || keys.contains(&b),
                // Event decisions are listed on the decisions page, not on a figure's.
                _ => false,
            })
            .map(|x| x.0)
            .collect();
        self.decision_rows().into_iter().filter(|r| ids.contains(&r.id)).collect()
    }

    fn head_in(&self, snap: &Snap, i: usize) -> Option<DocHead> {
        let d = snap.corpus.docs.get(i)?;
        Some(DocHead {
            id: d.id,
            key: d.key.clone(),
            title: d.title.clone(),
            outlet: d.outlet.clone(),
            url: d.url.clone(),
            published: d.published.clone(),
            lang: d.lang.clone(),
            claims: snap.claims_of_doc.get(&i).map_or(0, |v| v.len()),
        })
    }

    /// Document heads `offset..offset + limit`, in the ledger's order (by key).
    pub fn document_heads(&self, offset: usize, limit: usize) -> Vec<DocHead> {
        let snap = self.snap();
        (offset..(offset + limit).min(snap.corpus.docs.len())).filter_map(|i| self.head_in(&snap, i)).collect()
    }

    /// One page of documents, in the ledger's order (by key); pages count from 1.
    pub fn documents(&self, page: usize, per: usize) -> (Vec<DocHead>, usize) {
        let snap = self.snap();
        let pages = snap.corpus.docs.len().div_ceil(per).max(1);
        let page = page.clamp(1, pages);
        let rows = (per * (page - 1)..(per * page).min(snap.corpus.docs.len()))
            .filter_map(|i| self.head_in(&snap, i))
            .collect();
        (rows, pages)
    }

    /// A document's head, text and claims, with the figures each claim is in.
    pub fn document(&self, id: i64) -> anyhow::Result<Option<(DocHead, String, Vec<DocClaim>)>> {
        let snap = self.snap();
        let Some(&i) = snap.doc_pos.get(&id) else {
            return Ok(None);
        };
        let Some(head) = self.head_in(&snap, i) else {
            return Ok(None);
        };
        let text = match self.dossier.store().documents(&[id])?.into_iter().next() {
            Some(d) => d.text,
            None => return Ok(None),
        };
        let b = self.built();
        let titles = self.titles();
        let mut claims: Vec<DocClaim> = snap
            .claims_of_doc
            .get(&i)
            .into_iter()
            .flatten()
            .filter_map(|&k| snap.corpus.claims.get(k))
            .map(|c| {
                let q = &c.q;
                let figures = b
                    .figures_of_claim
                    .get(&(id, q.start))
                    .into_iter()
                    .flatten()
                    .map(|f| (f.clone(), titles.get(f).cloned().unwrap_or_default()))
                    .collect();
                DocClaim {
                    start: q.start,
                    end: q.end,
                    text: q.text.clone(),
                    value: value_text(q.min, q.max, q.qualifier),
                    counted: q.counted.clone(),
                    speaker: q.speaker.as_ref().map(|s| s.text.clone()),
                    speaker_id: q.speaker.as_ref().and_then(|s| s.id.clone()),
                    relay: q.source.as_ref().map(|s| s.text.clone()),
                    cue: q.cue.clone(),
                    stance: q.stance.as_str().to_string(),
                    // the ledger keeps the frame in the claim's own fields (`ClaimCtx`)
                    class: c.class.clone(),
                    action: c.action.map(str::to_string),
                    place: c.place.as_ref().map(|p| p.1.clone()),
                    event_date: c.date.as_ref().map(|d| d.1.clone()),
                    marks: [
                        (q.projection, "mk_projection"),
                        (c.cumulative, "mk_cumulative"),
                        (c.per_unit, "mk_rate"),
                        (c.with_families, "mk_with_families"),
                    ]
                    .into_iter()
                    .filter_map(|(on, m)| on.then_some(m))
                    .collect(),
                    figures,
                }
            })
            .collect();
        claims.sort_by_key(|c| (c.start, c.end));
        Ok(Some((head, text, claims)))
    }

    /// Everyone who speaks in the dossier: by entity id when attribution resolved one,
    /// else by the words used.
    pub fn speakers(&self) -> Arc<Vec<SpeakerRow>> {
        let b = self.built();
        if let Some((of, rows)) = &*self.speakers.read().unwrap_or_else(|p| p.into_inner()) {
            if Arc::ptr_eq(of, &b) {
                return rows.clone();
            }
        }
        let rows = Arc::new(self.speakers_of(&b));
        *self.speakers.write().unwrap_or_else(|p| p.into_inner()) = Some((b, rows.clone()));
        rows
    }

    fn speakers_of(&self, b: &Built) -> Vec<SpeakerRow> {
        let snap = self.snap();
        struct Acc {
            names: BTreeMap<String, usize>,
            claims: usize,
            docs: BTreeSet<usize>,
            denials: usize,
            relays: BTreeSet<String>,
            figures: BTreeSet<String>,
        }
        let mut by: BTreeMap<(bool, String), Acc> = BTreeMap::new();
        for c in &snap.corpus.claims {
            let Some(s) = &c.q.speaker else { continue };
            let key = match &s.id {
                Some(id) => (true, id.clone()),
                None => (false, isnad_text::normalize_str(&s.text)),
            };
            let a = by.entry(key).or_insert_with(|| Acc {
                names: BTreeMap::new(),
                claims: 0,
                docs: BTreeSet::new(),
                denials: 0,
                relays: BTreeSet::new(),
                figures: BTreeSet::new(),
            });
            *a.names.entry(s.text.clone()).or_default() += 1;
            a.claims += 1;
            a.docs.insert(c.doc);
            a.denials += (c.q.stance == isnad_model::Stance::Deny) as usize;
            if let Some(r) = &c.q.source {
                a.relays.insert(r.text.clone());
            }
            if let Some(d) = snap.corpus.docs.get(c.doc) {
                if let Some(fs) = b.figures_of_claim.get(&(d.id, c.q.start)) {
                    a.figures.extend(fs.iter().cloned());
                }
            }
        }
        let titles = figure_titles(b, self.lang);
        let mut rows: Vec<SpeakerRow> = by
            .into_iter()
            .map(|((named, key), a)| SpeakerRow {
                id: named.then_some(key),
                name: a
                    .names
                    .iter()
                    .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)))
                    .map(|x| x.0.clone())
                    .unwrap_or_default(),
                claims: a.claims,
                documents: a.docs.len(),
                denials: a.denials,
                relayed_by: a.relays.into_iter().collect(),
                figures: a
                    .figures
                    .into_iter()
                    .map(|f| (titles.get(&f).cloned().unwrap_or_default(), f))
                    .map(|(t, f)| (f, t))
                    .collect(),
            })
            .collect();
        rows.sort_by(|a, b| b.claims.cmp(&a.claims).then(a.name.cmp(&b.name)));
        rows
    }

    /// One page of search results (`per` a page, pages from 1), the number of hits
    /// (at most [`MAX_HITS`]), and the other names the query was also searched as (the
    /// alias table: `قسد` is also `قوات سوريا الديمقراطية`).
    pub fn search(&self, q: &str, page: usize, per: usize) -> anyhow::Result<(Vec<SearchRow>, usize, Vec<String>)> {
        let snap = self.snap();
        if q.trim().is_empty() {
            return Ok((Vec::new(), 0, Vec::new()));
        }
        let also: Vec<String> = isnad_attrib::other_names(q).into_iter().take(8).map(String::from).collect();
        let mut query = q.to_string();
        for a in &also {
            query.push_str(&format!(" \"{}\"", a.replace('"', " ")));
        }
        let index = self.dossier.index();
        let hits = index.search(&query, MAX_HITS)?;
        let total = hits.len();
        let from = (page.max(1) - 1) * per;
        let ids: Vec<i64> = hits.iter().skip(from).take(per).map(|h| h.doc_id).collect();
        let docs = self.dossier.store().documents(&ids)?;
        let mut rows = Vec::new();
        let snippets = index.snippets(&query, 220)?;
        for h in hits.iter().skip(from).take(per) {
            let Some(doc) = docs.iter().find(|d| d.id == h.doc_id) else { continue };
            let Some(&i) = snap.doc_pos.get(&h.doc_id) else { continue };
            let snip = snippets.of(&doc.text);
            let mut runs = Vec::new();
            let mut at = 0;
            let frag = &snip.fragment;
            for r in &snip.highlighted {
                if let (Some(a), Some(b)) = (frag.get(at..r.start), frag.get(r.clone())) {
                    runs.push((a.to_string(), false));
                    runs.push((b.to_string(), true));
                    at = r.end;
                }
            }
            runs.push((frag.get(at..).unwrap_or("").to_string(), false));
            let Some(head) = self.head_in(&snap, i) else { continue };
            rows.push(SearchRow { headline: headline(&head, &doc.text), doc: head, score: h.score, snippet: runs });
        }
        Ok((rows, total, also))
    }

    pub fn decision_rows(&self) -> Vec<DecisionRow> {
        let ds = self.decisions.read().unwrap_or_else(|p| p.into_inner()).clone();
        let created: HashMap<i64, String> = self
            .dossier
            .store()
            .decisions()
            .map(|v| v.into_iter().map(|d| (d.id, d.created)).collect())
            .unwrap_or_default();
        let first = |k: &isnad_ledger::ItemKey| k.first().map(|c| c.text.clone()).unwrap_or_default();
        ds.iter()
            .map(|(id, d)| DecisionRow {
                id: *id,
                created: created.get(id).cloned().unwrap_or_default(),
                op: match d {
                    Decision::Name { .. } => "name",
                    Decision::Split { .. } => "split",
                    Decision::Merge { .. } => "merge",
                    Decision::NameEvent { .. } => "name_event",
                    Decision::MergeEvents { .. } => "merge_events",
                    Decision::SplitEvent { .. } => "split_event",
                    Decision::MoveDocument { .. } => "move_document",
                }
                .to_string(),
                what: match d {
                    Decision::Name { item, name } => format!("«{name}» ← {}", first(item)),
                    Decision::Split { items } => items.iter().map(first).collect::<Vec<_>>().join(" · "),
                    Decision::Merge { a, b } => format!("{} + {}", first(a), first(b)),
                    Decision::NameEvent { doc, name } => format!("«{name}» ← {}", doc.doc_key),
                    Decision::MergeEvents { a, b } => format!("{} + {}", a.doc_key, b.doc_key),
                    Decision::SplitEvent { docs } => {
                        docs.iter().map(|d| d.doc_key.as_str()).collect::<Vec<_>>().join(" · ")
                    }
                    Decision::MoveDocument { doc, to } => format!("{} → {}", doc.doc_key, to.doc_key),
                },
            })
            .collect()
    }

    /// The document stored under `key`, named as event decisions name documents.
    pub fn doc_key(&self, key: &str) -> Option<isnad_ledger::DocKey> {
        let snap = self.snap();
        let d = snap.corpus.docs.iter().find(|d| d.key == key)?;
        Some(isnad_ledger::DocKey { doc_hash: d.hash.clone(), doc_key: d.key.clone() })
    }

    /// Whether a document named this way is in the dossier (by content, else by key).
    pub fn has_doc(&self, k: &isnad_ledger::DocKey) -> bool {
        let snap = self.snap();
        snap.corpus.docs.iter().any(|d| (!k.doc_hash.is_empty() && d.hash == k.doc_hash) || d.key == k.doc_key)
    }

    /// The event that now holds the document stored under `key`.
    pub fn event_of_doc(&self, key: &str) -> Option<String> {
        self.built().ledger.events.iter().find(|e| e.documents.iter().any(|d| d == key)).map(|e| e.id.clone())
    }

    pub fn decisions(&self) -> Vec<(i64, Decision)> {
        self.decisions.read().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// Each figure's display title by figure id, for pages that list claims with their figures.
fn figure_titles(b: &Built, lang: Lang) -> HashMap<String, String> {
    distinct_titles(&b.ledger.figures, lang)
}

/// Most search hits ranked (and counted) for one query.
pub const MAX_HITS: usize = 500;
