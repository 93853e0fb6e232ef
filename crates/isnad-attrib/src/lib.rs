//! Attribution of quantity claims: who said each figure (`speaker`), with which word
//! (`cue`), through whom (`source`), and whether they deny it (`stance`), as
//! `shared/spec/claims.md` §2 defines them; and the entities those parties resolve to.
//!
//! Word lists live in `data/*.tsv`. The pass looks only at sentences holding
//! quantities and a few sentences before each, so its cost follows the number of
//! figures, not the length of the text.

mod alias_table;
mod ctx;
mod discourse;
mod entity;
mod events;
mod lexicon;
mod mention;
mod names;
mod quotes;

pub use alias_table::{entity_name, entity_names, other_names};
pub use entity::{Entity, EntityIndex, EntityMention};
pub use lexicon::EntityKind;

use crate::lexicon::{Map, Set};
use ctx::Ctx;
use entity::{trim_span, DocNames};
use isnad_model::{Party, Quantity, Stance};
use isnad_text::Analyzed;
use lexicon::{Role, TitleKind};
use mention::Np;

/// Fills `speaker`, `cue`, `stance` and `source` of each quantity found in `doc`.
/// Quantities come in document order; their spans index `doc.text`.
pub fn attribute(doc: &Analyzed<'_>, quantities: &mut [Quantity]) {
    if quantities.is_empty() || doc.tokens.is_empty() {
        return;
    }
    let mut c = Ctx::new(doc);
    c.blocked = quantities.iter().filter_map(|q| token_range(doc, q.start, q.end)).collect();
    c.blocked.sort_unstable();
    let mut d = discourse::Discourse::new(&c);
    let mut parties: Vec<(usize, bool, Np)> = Vec::new();
    // one speaker usually says several figures: look for its name once
    let mut named: Map<Np, Np> = Map::default();
    for (k, q) in quantities.iter_mut().enumerate() {
        let Some((qa, qb)) = token_range(doc, q.start, q.end) else {
            continue;
        };
        let a = d.assign(qa, qb);
        q.speaker = None;
        q.source = None;
        q.cue = a.cue.map(|(s, e)| c.text(s, e).trim().to_string()).filter(|s| !s.is_empty());
        q.stance = if a.deny { Stance::Deny } else { Stance::Assert };
        if let Some(np) = a.speaker {
            let np = *named.entry(np).or_insert_with(|| called(&c, np).unwrap_or(np));
            parties.push((k, false, np));
        }
        if let Some(np) = a.source.filter(|s| Some(*s) != a.speaker) {
            parties.push((k, true, np));
        }
    }
    if parties.is_empty() {
        return;
    }
    let mut names = DocNames::scan(&c);
    // learning a mention again changes nothing, and one speaker says many figures
    let mut learnt: Set<Np> = Set::default();
    for np in d.named().chain(parties.iter().map(|p| p.2)) {
        if learnt.insert(np) {
            names.learn(&c, &np);
        }
    }
    let nps: Vec<Np> = parties.iter().map(|p| p.2).collect();
    names.learn_surnames(&c, &nps);
    // one speaker usually says several figures: resolve each mention once
    let mut ids: Map<Np, ((usize, usize), Option<String>)> = Map::default();
    for (k, is_source, np) in parties {
        let ((start, end), id) = ids
            .entry(np)
            .or_insert_with(|| {
                let span = trim_span(doc.text, np.start, np.end);
                let id = (span.0 < span.1).then(|| names.resolve(&c, &np).map(|r| r.id)).flatten();
                (span, id)
            })
            .clone();
        if start >= end {
            continue;
        }
        let party = Party { text: doc.text[start..end].to_string(), start, end, id };
        if is_source {
            quantities[k].source = Some(party);
        } else {
            quantities[k].speaker = Some(party);
        }
    }
    resolve_definite_heads(&c, quantities);
}

/// Rule `called-name`: a role standing for a person who is named right after it gives
/// the name as the speaker's mention (spec §2: the mention nearest the cue that names
/// the person), the role staying in the text around it:
/// - `أشار عضو في النقطة الطبية، ويدعى "أبو محمد"، أن ...`: `ويدعى`/`يدعى`/`واسمه` + name;
/// - `قال مدير المستشفى في البلدة، الطبيب سامر خليل، إن ...`: a comma, a title, a name;
/// - `قال المتحدث باسم وزارة الصحة الدكتور يوسف خالد إن ...`: a title inside the mention
///   after its first word starts the name.
///
/// Known miss: a name after the cue's complement has begun (`... إن الطبيب ...`) is not
/// looked for.
fn called(c: &Ctx<'_, '_>, np: Np) -> Option<Np> {
    // `عضو "النقطة20" الطبية في ريف إدلب الجنوبي، ويدعى "أبو عبد الله"`: the role's own
    // place and quotes can run a dozen tokens before the name
    let hi = (np.b + 20).min(c.len());
    // the name is in the mention's own sentence: not past a stop or a line break
    let stop = |j: usize| {
        c.is(Role::NameStop, j)
            || c.doc.tokens[j].newlines_before > 0
            || matches!(c.punct(j), Some('.' | '!' | '?' | '؟'))
    };
    let names_person =
        |j: usize| c.is_word(j) && matches!(c.title(c.n(j)), Some(TitleKind::Rank | TitleKind::Honorific));
    // a title inside the mention, after its first word
    if let Some(t) = (np.a + 1..np.b.saturating_sub(1)).find(|&j| names_person(j) && c.is_word(j + 1)) {
        return Some(Np { a: t, skip: 0, start: c.doc.tokens[t].start as usize, class: mention::Class::Titled, ..np });
    }
    // `مدير الدفاع المدني في المدينة أحمد الخطيب`: after a role and its place, the
    // bare words that end the mention are the name
    if let Some(f) = (np.a + 1..np.b).find(|&j| c.is(Role::Within, j)) {
        let bare = |j: usize| {
            let w = c.n(j);
            c.is_word(j) && !w.starts_with("ال") && c.title(w).is_none() && c.head(w).is_none()
        };
        if let Some(t) = (f + 2..np.b).find(|&j| bare(j) && (j..np.b).all(|k| bare(k) || c.n(k).starts_with("ال"))) {
            if c.title(c.n(np.a)).is_some() && np.b - t <= 3 {
                return Some(Np {
                    a: t,
                    skip: 0,
                    start: c.doc.tokens[t].start as usize,
                    class: mention::Class::Name,
                    ..np
                });
            }
        }
    }
    if let Some(k) = (np.b..hi).take_while(|&j| !stop(j)).find(|&k| c.is(Role::Named, k)) {
        let mut j = k + 1;
        while j < hi && matches!(c.punct(j), Some('"' | '“' | '”' | '«' | '»')) {
            j += 1;
        }
        return c.np_forward(j, 0, hi);
    }
    // `، الطبيب سامر خليل،`: an apposition between commas, within a few words
    let comma =
        (np.b..(np.b + 4).min(hi)).take_while(|&j| !stop(j)).find(|&j| matches!(c.punct(j), Some('،' | ',')))?;
    if !names_person(comma + 1) {
        return None;
    }
    let name = c.np_forward(comma + 1, 0, hi)?;
    let closed = name.b >= c.len() || matches!(c.punct(name.b), Some('،' | ','));
    (closed && name.b - name.a >= 2).then_some(name)
}

/// `قال المرصد السوري لحقوق الإنسان ... وأكد المرصد`: a lone definite institution or
/// outlet head (`المرصد`، `المنظمة`، `الوكالة`) names the last party before it that the
/// same noun heads, in the same document. With none it stays without an id.
fn resolve_definite_heads(c: &Ctx<'_, '_>, quantities: &mut [Quantity]) {
    let folded = |p: &Party| isnad_text::normalize_str(p.text.trim_matches(entity::QUOTE_TRIM));
    let head_of = |p: &Party| -> Option<String> {
        let f = folded(p);
        let first = f.split(' ').next()?;
        Some(first.strip_prefix("ال").unwrap_or(first).to_string())
    };
    // (start, head noun without the article, id) of every resolved party, in text order
    let mut named: Vec<(usize, String, String)> = quantities
        .iter()
        .flat_map(|q| q.speaker.iter().chain(q.source.iter()))
        .filter_map(|p| Some((p.start, head_of(p)?, p.id.clone()?)))
        .collect();
    named.sort();
    named.dedup();
    if named.is_empty() {
        return;
    }
    for q in quantities.iter_mut() {
        for p in q.speaker.iter_mut().chain(q.source.iter_mut()) {
            if p.id.is_some() {
                continue;
            }
            let folded = folded(p);
            let Some(bare) = folded.strip_prefix("ال").filter(|b| !b.contains(' ') && b.chars().count() >= 3) else {
                continue;
            };
            if !matches!(c.head(&folded), Some(lexicon::HeadKind::Institution | lexicon::HeadKind::Outlet)) {
                continue;
            }
            if let Some((_, _, id)) = named.iter().rev().find(|(start, head, _)| *start < p.start && head == bare) {
                p.id = Some(id.clone());
            }
        }
    }
}

/// Tokens overlapping the byte span `start..end`, as a half-open index range.
fn token_range(doc: &Analyzed<'_>, start: usize, end: usize) -> Option<(usize, usize)> {
    let a = doc.tokens.partition_point(|t| (t.end as usize) <= start);
    let b = doc.tokens.partition_point(|t| (t.start as usize) < end);
    (a < b).then_some((a, b))
}

/// The multilingual alias table (`data/aliases.tsv`): (entity id, name as written) for
/// every row, Arabic and Latin names alike. Other languages' readers resolve the
/// speakers they find against it, so one entity has one id in every language.
pub fn alias_names() -> impl Iterator<Item = (&'static str, &'static str)> {
    lexicon::rows(lexicon::ALIASES).filter(|(_, r)| r.len() == 3).map(|(_, r)| (r[0], r[2]))
}
