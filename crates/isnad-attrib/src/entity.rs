//! Entities: canonical ids for the parties named in reports, from the alias table,
//! acronyms the text defines (`قوات سوريا الديمقراطية (قسد)`), and spelling-tolerant
//! keys for personal names, so that `الكولونيل رايان ديلون`, `ريان ديلون` and `ديلون`
//! meet under one id within a document and across documents.

use crate::ctx::Ctx;
use crate::lexicon::Map;
use crate::lexicon::{EntityKind, HeadKind, Role, Stop};
use crate::mention::{Class, Np};
use crate::names::{kunya_rest, skeleton_words, slug};
use isnad_text::Analyzed;
use serde::Serialize;

#[derive(Debug, Clone)]
pub(crate) enum Target {
    Alias(usize),
    Key(String, EntityKind),
}

/// What one document teaches about names: acronyms it defines and surnames of the
/// full names it uses.
#[derive(Debug, Default)]
pub(crate) struct DocNames {
    acronyms: Map<String, Target>,
    /// Skeleton of a last name → skeleton of the full name it belongs to.
    surnames: Map<String, Option<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    /// Name skeleton, for merging a lone surname into its full name across documents.
    pub key: Option<String>,
}

impl DocNames {
    /// Acronyms defined as `NAME (ACR)`: one word in brackets right after a name.
    pub(crate) fn scan(c: &Ctx<'_, '_>) -> DocNames {
        let mut dn = DocNames::default();
        for &i in &c.quotes.parens {
            if i == 0 || !c.is_word(i + 1) || c.punct(i + 2) != Some(')') {
                continue;
            }
            let acr = c.n(i + 1).to_string();
            if acr.chars().count() > 8 {
                continue;
            }
            // the longest known alias ending right before the bracket
            let mut target = None;
            for k in (i.saturating_sub(6)..i).rev() {
                if let Some((len, e)) = c.alias_len(k, 0) {
                    if k + len == i {
                        target = Some(Target::Alias(e));
                    }
                }
            }
            if target.is_none() {
                // an unknown organisation: `هيئة ... (هتش)` headed by an institution noun
                let from = (i.saturating_sub(5)..i).find(|&k| {
                    c.is_word(k) && matches!(c.head(c.n(k)), Some(HeadKind::Institution | HeadKind::Outlet))
                });
                if let Some(f) = from {
                    let words: Vec<&str> = (f..i).filter(|&k| c.is_word(k)).map(|k| c.n(k)).collect();
                    let kind = if c.head(c.n(f)) == Some(HeadKind::Outlet) {
                        EntityKind::Outlet
                    } else {
                        EntityKind::Organisation
                    };
                    target = Some(Target::Key(skeleton_words(&words), kind));
                }
            }
            if let Some(t) = target {
                dn.acronyms.insert(acr, t);
            }
        }
        dn
    }

    /// Records the full name of a person so a later (or earlier) bare surname resolves.
    pub(crate) fn learn(&mut self, c: &Ctx<'_, '_>, np: &Np) {
        if !matches!(np.class, Class::Titled | Class::Kunya | Class::Name | Class::Alias) {
            return;
        }
        let run = name_run(c, np);
        let full = skeleton_words(&run);
        // the short forms of a full name: its last word, and a kunya that opens it
        // (`أبو مصعب` for `أبو مصعب حذيفة`)
        let mut shorts: Vec<String> = Vec::new();
        if full.contains(' ') {
            if let Some(first) = full.split(' ').next().filter(|f| is_kunya_key(f)) {
                shorts.push(first.to_string());
            }
            if run.len() >= 2 {
                shorts.push(skeleton_words(&run[run.len() - 1..]));
            }
        }
        for short in shorts {
            let e = self.surnames.entry(short).or_insert_with(|| Some(full.clone()));
            if e.as_deref() != Some(full.as_str()) {
                *e = None; // two people share it: leave it unresolved
            }
        }
    }

    /// For mentions made of one word, finds in the text the full names that end with
    /// them (`سامر الخطيب` for `الخطيب`): one pass over the tokens for all of them.
    pub(crate) fn learn_surnames(&mut self, c: &Ctx<'_, '_>, nps: &[Np]) {
        // few words are wanted per document: a list beats hashing every token
        let mut wanted: Vec<(&str, Option<Option<String>>)> = Vec::new();
        let mut until = 0;
        for np in nps.iter().filter(|np| matches!(np.class, Class::Name | Class::Other)) {
            let words = c.np_words(np);
            let [w] = words.as_slice() else { continue };
            let key = skeleton_words(&[*w]);
            if !c.lx.aliases.contains_key(*w)
                && !self.surnames.contains_key(&key)
                && !c.lx.person_keys.contains_key(&key)
                && !wanted.iter().any(|x| x.0 == *w)
            {
                wanted.push((w, None));
                until = until.max(np.a);
            }
        }
        if wanted.is_empty() {
            return;
        }
        let bare = |k: usize| {
            let p = c.n(k);
            c.is_word(k)
                && !p.starts_with("ال")
                && c.title(p).is_none()
                && c.head(p).is_none()
                && c.lx.stop(p).is_none()
                && c.verb(k).is_none()
                && !c.lx.nonparty.contains(p)
        };
        // a full name comes before the surname alone in news prose
        for k in 1..until.min(c.len()) {
            let tok = &c.doc.tokens[k];
            let len = (tok.ne - tok.ns) as usize;
            if tok.kind != isnad_text::TokKind::Word || !wanted.iter().any(|x| x.0.len() == len) {
                continue;
            }
            let t = c.n(k);
            let Some((_, slot)) = wanted.iter_mut().find(|x| x.0 == t) else {
                continue;
            };
            if !bare(k - 1) {
                continue;
            }
            let mut run = vec![c.n(k - 1), c.n(k)];
            if k >= 2 && kunya_rest(c.n(k - 2)) == Some("") {
                run.insert(0, c.n(k - 2));
            }
            let full = skeleton_words(&run);
            *slot = match slot.take() {
                None => Some(Some(full)),
                Some(Some(f)) if f == full => Some(Some(f)),
                _ => Some(None), // two people share the surname
            };
        }
        for (w, found) in wanted {
            if let Some(f) = found {
                self.surnames.insert(skeleton_words(&[w]), f);
            }
        }
    }

    pub(crate) fn resolve(&self, c: &Ctx<'_, '_>, np: &Np) -> Option<Resolved> {
        let lx = c.lx;
        if matches!(np.class, Class::Head(HeadKind::Anonymous | HeadKind::Collective | HeadKind::Partitive)) {
            return None;
        }
        let toks: Vec<usize> =
            (np.a..np.b).filter(|&k| c.is_word(k) && (c.doc.tokens[k].end as usize) <= np.end).collect();
        // known aliases: a person wins over the body a role speaks for (`المتحدث باسم X`)
        let mut best: Option<(usize, bool)> = None;
        let mut k = 0;
        while k < toks.len() {
            let t = toks[k];
            let skip = if t == np.a { np.skip } else { 0 };
            if let Some((len, e)) = c.alias_len(t, skip) {
                let after_role = k > 0 && c.is(Role::OnBehalf, toks[k - 1]);
                let person = lx.entities[e].kind == EntityKind::Person;
                let better = match best {
                    None => true,
                    Some((b, b_aff)) => person && lx.entities[b].kind != EntityKind::Person || (b_aff && !after_role),
                };
                if better {
                    best = Some((e, after_role));
                }
                k += toks[k..].iter().take_while(|&&x| x < t + len).count().max(1);
                continue;
            }
            if let Some(target) = self.acronyms.get(c.word_from(t, skip)) {
                return Some(self.target(c, target));
            }
            k += 1;
        }
        let mut run = name_run(c, np);
        if run.is_empty() {
            // a surname with the article alone (`الناصر`) after its full name appeared
            let words = c.np_words(np);
            if let [w] = words.as_slice() {
                if let Some(Some(_)) = self.surnames.get(&skeleton_words(&[*w])) {
                    run.push(w);
                }
            }
        }
        if let Some((e, affiliation)) = best {
            // `المتحدث باسم التحالف` is the coalition's spokesman, not the coalition
            if !affiliation || (run.is_empty() && !matches!(np.class, Class::Titled)) {
                return Some(alias_resolved(c, e));
            }
        }
        if !run.is_empty() && !matches!(np.class, Class::Head(_)) {
            let mut key = skeleton_words(&run);
            if !key.contains(' ') {
                if let Some(Some(full)) = self.surnames.get(&key) {
                    key = full.clone();
                }
            }
            if let Some(&e) = lx.person_keys.get(&key) {
                return Some(alias_resolved(c, e));
            }
            let name = run.join(" ");
            return Some(Resolved { id: slug(&key), kind: EntityKind::Person, name, key: Some(key) });
        }
        match np.class {
            Class::Head(h @ (HeadKind::Institution | HeadKind::Outlet)) => {
                let words: Vec<&str> =
                    c.np_words(np).into_iter().filter(|w| lx.stop(w) != Some(Stop::Demo)).take(4).collect();
                if words.len() < 2 && words.first().is_some_and(|w| w.starts_with("ال")) {
                    // `الجيش`, `الوزارة` alone do not say which one
                    return None;
                }
                let key = skeleton_words(&words);
                let kind = if h == HeadKind::Outlet { EntityKind::Outlet } else { EntityKind::Organisation };
                Some(Resolved {
                    id: slug(&key),
                    kind,
                    name: c.text(np.start, np.end).trim_matches(QUOTE_TRIM).to_string(),
                    key: None,
                })
            }
            _ => None,
        }
    }

    fn target(&self, c: &Ctx<'_, '_>, t: &Target) -> Resolved {
        match t {
            Target::Alias(e) => alias_resolved(c, *e),
            Target::Key(k, kind) => Resolved { id: slug(k), kind: *kind, name: k.clone(), key: None },
        }
    }
}

/// A name key made of a kunya and its name (`ابمصب` from `أبو مصعب`).
fn is_kunya_key(k: &str) -> bool {
    !k.contains(' ') && (k.starts_with("اب") || k.starts_with("ام")) && k.chars().count() > 3
}

pub(crate) const QUOTE_TRIM: &[char] = &['"', '“', '”', '«', '»', '\'', ' ', '،', ','];

fn alias_resolved(c: &Ctx<'_, '_>, e: usize) -> Resolved {
    let a = &c.lx.entities[e];
    Resolved { id: a.id.clone(), kind: a.kind, name: a.name.clone(), key: None }
}

/// The personal name inside a mention: bare words (a surname may carry the article
/// once a bare name has started it), a kunya with its name; titles and roles left out.
fn name_run<'c>(c: &'c Ctx<'_, '_>, np: &Np) -> Vec<&'c str> {
    let mut best: Vec<&str> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut after_role = false;
    let mut skip_to = np.a;
    for k in np.a..np.b {
        if (c.doc.tokens[k].end as usize) > np.end {
            break;
        }
        if k < skip_to {
            continue;
        }
        // the body a role speaks for (`باسم "وحدات حماية الشعب"`) is no part of a name
        if let Some((len, e)) = c.alias_len(k, if k == np.a { np.skip } else { 0 }) {
            if c.lx.entities[e].kind != EntityKind::Person {
                if cur.len() >= best.len() && !cur.is_empty() {
                    best = std::mem::take(&mut cur);
                }
                cur.clear();
                skip_to = k + len;
                continue;
            }
        }
        if !c.is_word(k) {
            if c.is_comma(k) {
                after_role = false;
            }
            continue;
        }
        let w = c.word_from(k, if k == np.a { np.skip } else { 0 });
        let listed =
            c.title(w).is_some() || c.head(w).is_some() || c.lx.stop(w).is_some() || c.lx.is(Role::OnBehalf, w);
        if c.lx.is(Role::OnBehalf, w) {
            after_role = true;
        }
        let kunya = kunya_rest(w).is_some();
        let after_kunya = cur.last().is_some_and(|p| kunya_rest(p) == Some(""));
        let ok = after_kunya
            || (kunya && !w.is_empty())
            || !listed
                && !c
                    .lx
                    .aliases
                    .get(w)
                    .is_some_and(|v| v.iter().any(|(_, e)| c.lx.entities[*e].kind != EntityKind::Person))
                && (kunya || !w.starts_with("ال") || (!cur.is_empty() && !after_role))
                && !(after_role && cur.is_empty() && w.starts_with("ال"));
        if ok {
            cur.push(w);
        } else if !cur.is_empty() {
            if cur.len() >= best.len() {
                best = std::mem::take(&mut cur);
            }
            cur.clear();
        }
    }
    if cur.len() >= best.len() && !cur.is_empty() {
        best = cur;
    }
    best
}

/// One mention of an entity in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityMention {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A person, organisation, outlet or group, with every mention found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub mentions: Vec<EntityMention>,
}

/// Entities across documents, for `isnad entities`.
#[derive(Debug, Default)]
pub struct EntityIndex {
    by_id: Map<String, Entity>,
    keys: Map<String, String>,
    order: Vec<String>,
    /// Speakers named by one word that resolved to nothing in their own document
    /// (`وقال الخطيب`), with the word's skeleton: kept in case another document gives
    /// the full name.
    pending: Vec<(String, EntityMention)>,
}

impl EntityIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds every entity mention of one document: known aliases anywhere in the text,
    /// acronyms it defines, and every party named by a reporting cue.
    pub fn add_document(&mut self, doc_id: &str, doc: &Analyzed<'_>) {
        let c = Ctx::new(doc);
        let mut names = DocNames::scan(&c);
        let mut found: Vec<(usize, usize, Resolved)> = Vec::new();
        // aliases in running text, seen through one clitic letter (`لقسد`, `وداعش`)
        let mut i = 0;
        while i < c.len() {
            if !c.is_word(i) {
                i += 1;
                continue;
            }
            let hit = c.alias_len(i, 0).map(|h| (h, 0)).or_else(|| {
                let w = c.n(i);
                (w.starts_with(['و', 'ل', 'ب', 'ف']) && !w.starts_with("ال"))
                    .then(|| c.alias_len(i, 1).map(|h| (h, 1)))
                    .flatten()
            });
            if let Some(((len, e), skip)) = hit {
                let mut last = i + len - 1;
                // `تنظيم «الدولة»`: a quote opened inside the name closes after it
                let opened = (i..=last).filter(|&k| c.punct(k) == Some('"')).count();
                if opened % 2 == 1 && c.punct(last + 1) == Some('"') {
                    last += 1;
                }
                found.push((c.letters_offset(i, skip), doc.tokens[last].end as usize, alias_resolved(&c, e)));
                i += len;
                continue;
            }
            i += 1;
        }
        let mut nps: Vec<Np> = Vec::new();
        for s in 0..doc.sentences.len() {
            for e in c.events(s) {
                if let crate::events::Who::Named(np) = e.who {
                    nps.push(np);
                }
                if let Some(np) = e.source {
                    nps.push(np);
                }
            }
        }
        for np in &nps {
            names.learn(&c, np);
        }
        for np in &nps {
            if let Some(r) = names.resolve(&c, np) {
                found.push((np.start, np.end, r));
            } else if let [w] = c.np_words(np).as_slice() {
                if matches!(np.class, Class::Other | Class::Name) && w.starts_with("ال") {
                    let (start, end) = trim_span(doc.text, np.start, np.end);
                    let text = doc.text.get(start..end).unwrap_or("").to_string();
                    self.pending
                        .push((skeleton_words(&[*w]), EntityMention { doc: doc_id.to_string(), start, end, text }));
                }
            }
        }
        for k in 1..c.len() {
            if c.punct(k) == Some('(') && c.is_word(k + 1) && c.punct(k + 2) == Some(')') {
                if let Some(t) = names.acronyms.get(c.n(k + 1)) {
                    let r = names.target(&c, t);
                    found.push((doc.tokens[k + 1].start as usize, doc.tokens[k + 1].end as usize, r));
                }
            }
        }
        for (start, end, r) in found {
            let (start, end) = trim_span(doc.text, start, end);
            let text = doc.text.get(start..end).unwrap_or("").to_string();
            if let Some(k) = &r.key {
                self.keys.insert(r.id.clone(), k.clone());
            }
            let ent = self.by_id.entry(r.id.clone()).or_insert_with(|| {
                self.order.push(r.id.clone());
                Entity { id: r.id.clone(), name: r.name.clone(), kind: r.kind, mentions: Vec::new() }
            });
            let m = EntityMention { doc: doc_id.to_string(), start, end, text };
            if !ent.mentions.iter().any(|x| x.doc == m.doc && x.start < m.end && m.start < x.end) {
                ent.mentions.push(m);
            }
        }
    }

    /// The id an entity ends up under once a bare surname is merged into the one full
    /// name that carries it across all documents added.
    pub fn canonical(&self, id: &str) -> String {
        match self.keys.get(id) {
            Some(key) if !key.contains(' ') => self.full_name_of(key).unwrap_or_else(|| id.to_string()),
            _ => id.to_string(),
        }
    }

    /// The id of the one multi-word person whose last name has skeleton `last`.
    fn full_name_of(&self, last: &str) -> Option<String> {
        let mut owners = self.keys.iter().filter(|(_, k)| {
            k.contains(' ')
                && (k.rsplit(' ').next() == Some(last) || (is_kunya_key(last) && k.split(' ').next() == Some(last)))
        });
        match (owners.next(), owners.next()) {
            (Some((owner, _)), None) => Some(owner.clone()),
            _ => None,
        }
    }

    /// All entities with their mentions, most mentioned first, mentions in document order.
    pub fn entities(&self) -> Vec<Entity> {
        let mut merged: Map<String, Entity> = Map::default();
        let mut order: Vec<String> = Vec::new();
        for id in &self.order {
            let e = &self.by_id[id];
            let to = self.canonical(id);
            let slot = merged.entry(to.clone()).or_insert_with(|| {
                order.push(to.clone());
                let base = self.by_id.get(&to).unwrap_or(e);
                Entity { id: to.clone(), name: base.name.clone(), kind: base.kind, mentions: Vec::new() }
            });
            slot.mentions.extend(e.mentions.iter().cloned());
        }
        for (last, m) in &self.pending {
            if let Some(slot) = self.full_name_of(last).and_then(|id| merged.get_mut(&id)) {
                slot.mentions.push(m.clone());
            }
        }
        let mut out: Vec<Entity> = order.into_iter().filter_map(|id| merged.remove(&id)).collect();
        for e in &mut out {
            e.mentions.sort_by(|a, b| (a.doc.as_str(), a.start, a.end).cmp(&(b.doc.as_str(), b.start, b.end)));
            e.mentions.dedup();
        }
        out.sort_by(|a, b| b.mentions.len().cmp(&a.mentions.len()).then_with(|| a.id.cmp(&b.id)));
        out
    }
}

/// Shrinks a span past surrounding commas and spaces, and past quotes that do not
/// close one opened inside it (`"قسد"` → `قسد`, but `مصادر "العربي الجديد"` stays whole).
pub(crate) fn trim_span(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    const SOFT: &[char] = &[' ', '،', ',', '\u{00A0}'];
    const Q: &[char] = &['"', '“', '”', '«', '»'];
    let Some(s) = text.get(start..end) else {
        return (start, start);
    };
    let mut t = s.trim_matches(SOFT);
    loop {
        let inner_quotes = t.chars().filter(|c| Q.contains(c)).count();
        let first_q = t.starts_with(Q);
        let last_q = t.ends_with(Q);
        if first_q && last_q && t.chars().count() > 1 && inner_quotes == 2 {
            t = &t[t.chars().next().map_or(0, char::len_utf8)..];
            t = &t[..t.len() - t.chars().next_back().map_or(0, char::len_utf8)];
        } else if first_q && inner_quotes % 2 == 1 {
            t = &t[t.chars().next().map_or(0, char::len_utf8)..];
        } else if last_q && inner_quotes % 2 == 1 {
            t = &t[..t.len() - t.chars().next_back().map_or(0, char::len_utf8)];
        } else {
            break;
        }
        t = t.trim_matches(SOFT);
    }
    let off = t.as_ptr() as usize - s.as_ptr() as usize;
    start += off;
    end = start + t.len();
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_lose_only_unbalanced_quotes() {
        let cases = [
            ("\"قسد\"", "قسد"),
            ("مصادر \"الوطن\"", "مصادر \"الوطن\""),
            ("هيئة الإذاعة “بي بي سي”", "هيئة الإذاعة “بي بي سي”"),
            ("الجيش،", "الجيش"),
            ("\"الجيش", "الجيش"),
        ];
        for (s, want) in cases {
            let (a, b) = trim_span(s, 0, s.len());
            assert_eq!(&s[a..b], want);
        }
        assert_eq!(trim_span("abc", 5, 9), (5, 5));
    }
}
