//! What each claim is about, read from the words around it: the counted class, the
//! action, the place, the event date, and whether it is a rate, a "with their
//! families" total, or the family half of "X fighters with Y family members".
//!
//! Places are learned from the dossier itself: a name that follows a settlement noun
//! anywhere (`مدينة الرقة`, `بلدة تل الزيتون`) is a place wherever else it appears
//! (`غادروا الرقة`, `من تل الزيتون`). No gazetteer is shipped, so nothing here is tied
//! to one corpus.

use crate::input::{DocInput, DocMeta};
use crate::lexicon::{lexicon, variants, Modifier};
use crate::time::DaySpan;
use isnad_model::{Kind, Quantity};
use isnad_text::{Analyzed, TokKind};
use std::collections::{BTreeMap, HashMap};

/// Tokens either side of a claim searched for its action.
const ACTION_WINDOW: usize = 12;
/// A clause comma between a claim and a word costs this many tokens of distance.
const COMMA_COST: usize = 3;
/// Tokens after a count in which "with their families" or "foreign" still qualify it.
const MODIFIER_WINDOW: usize = 4;
/// Tokens either side in which "each", "per person", "alone" make a count a rate.
const PER_WINDOW: usize = 3;
/// Longest sentence kept whole for display; longer ones are cut around the claim.
const MAX_SENTENCE: usize = 700;

/// Where a place stands relative to the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Origin,
    Dest,
    Other,
}

/// One quantity claim with what the ledger read around it.
#[derive(Debug, Clone)]
pub struct ClaimCtx {
    pub doc: usize,
    pub q: Quantity,
    /// The kind grouped by: the claim's, except that a bare count whose class comes from
    /// `عدد X` with X a person counts people (`العدد قد تجاوز الألف`).
    pub kind: Kind,
    /// The sentence (or a window of it) and the claim's byte span inside it.
    pub sentence: String,
    pub hl: (usize, usize),
    /// Counted class after modifiers (`fighters`, `people`, `foreign fighters`, ...).
    pub class: Option<String>,
    /// The word the class came from, as written.
    pub class_word: Option<String>,
    pub action: Option<&'static str>,
    pub toll: bool,
    pub action_word: Option<String>,
    /// Folded place key and the words as written.
    pub place: Option<(String, String)>,
    pub date: Option<(DaySpan, String)>,
    /// A rate or per-unit count (`112 in my truck alone`, `$600 per person`): never a total.
    pub per_unit: bool,
    /// "with their families" followed the count: it counts everyone.
    pub with_families: bool,
    /// Index of the family-members claim joined to this one by "with" (`250 fighters with 3500 family members`).
    pub partner: Option<usize>,
    /// Set on that family-members claim: the fighters claim it completes.
    pub part_of: Option<usize>,
}

/// The dossier read for grouping.
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Vec<DocMeta>,
    pub claims: Vec<ClaimCtx>,
    /// Learned place names: folded key → spelling first seen.
    pub places: BTreeMap<String, String>,
}

impl Corpus {
    /// Reads every document. Documents are taken in key order so that the result does
    /// not depend on the order they were stored in.
    pub fn build(mut inputs: Vec<DocInput>) -> Corpus {
        inputs.sort_by(|a, b| a.key.cmp(&b.key).then(a.id.cmp(&b.id)));
        let analyzed: Vec<Analyzed<'_>> = inputs
            .iter()
            .map(|d| isnad_text::analyze(&d.text))
            .collect();
        let mut places: BTreeMap<String, String> = BTreeMap::new();
        for a in &analyzed {
            learn_places(a, &mut places);
        }
        let mut c = Corpus {
            docs: Vec::with_capacity(inputs.len()),
            claims: Vec::new(),
            places,
        };
        for (d, a) in inputs.iter().zip(&analyzed) {
            let doc = c.docs.len();
            let main_place = main_place(a, &c.places);
            c.docs.push(DocMeta::from_input(d, main_place));
            let first = c.claims.len();
            let mut qs: Vec<&Quantity> = d.claims.iter().collect();
            qs.sort_by_key(|q| (q.start, q.end));
            // Tokens of other claims: a search for one claim's action stops at another
            // claim, whose words those are.
            // (Only claims of the same kind compete: `نقلنا في ثلاثة أيام ثلاثة آلاف إنسان`.)
            for q in qs.iter().copied() {
                let mut in_claim = vec![false; a.tokens.len()];
                for o in qs.iter().filter(|o| o.kind == q.kind) {
                    if let Some((x, y)) = token_span(a, o.start, o.end) {
                        in_claim[x..=y].iter_mut().for_each(|b| *b = true);
                    }
                }
                if let Some(ctx) = read_claim(doc, d, a, q, &c.places, &in_claim) {
                    c.claims.push(ctx);
                }
            }
            link_family_parts(a, &mut c.claims, first);
        }
        c
    }
}

fn folded<'b>(a: &'b Analyzed<'_>, i: usize) -> &'b str {
    a.norm(i)
}

fn is_word(a: &Analyzed<'_>, i: usize) -> bool {
    a.tokens
        .get(i)
        .is_some_and(|t| matches!(t.kind, TokKind::Word | TokKind::Latin))
}

/// Definite after at most two one-letter proclitics (`بالرقة`), not the word itself.
fn strip_one_letter(w: &str) -> &str {
    let mut s = w;
    for set in [["و", "ف", ""], ["ب", "ل", "ك"]] {
        for p in set {
            if !p.is_empty() {
                if let Some(r) = s.strip_prefix(p) {
                    if r.chars().count() >= 3 {
                        s = r;
                        break;
                    }
                }
            }
        }
    }
    s
}

/// Names after an indefinite settlement noun: `مدينة الرقة` → `الرقه`, `بلدة تل الزيتون` → `تل الزيتون`.
fn learn_places(a: &Analyzed<'_>, out: &mut BTreeMap<String, String>) {
    let lex = lexicon();
    for i in 0..a.tokens.len() {
        if !is_word(a, i) || !lex.is_place_head(a.orig(i)) {
            continue;
        }
        // `المدينة` refers back; only `مدينة X` names.
        let bare = strip_one_letter(folded(a, i));
        if bare.starts_with("ال") || bare.starts_with("لل") {
            continue;
        }
        if !is_word(a, i + 1) || a.tokens[i + 1].newlines_before > 0 {
            continue;
        }
        let f1 = folded(a, i + 1).to_string();
        if f1.starts_with("ال") && f1.chars().count() >= 4 && lex.modifier(&f1).is_none() {
            out.entry(f1).or_insert_with(|| a.orig(i + 1).to_string());
        } else if is_word(a, i + 2)
            && folded(a, i + 2).starts_with("ال")
            && !f1.starts_with("ال")
            && lex.class(&f1).is_none()
        {
            let key = format!("{} {}", f1, folded(a, i + 2));
            out.entry(key)
                .or_insert_with(|| a.span_text(i + 1, i + 2).to_string());
        }
    }
}

/// The learned place at token `i` (one or two tokens), seen through proclitics.
fn place_at(
    a: &Analyzed<'_>,
    i: usize,
    places: &BTreeMap<String, String>,
) -> Option<(String, usize)> {
    if !is_word(a, i) {
        return None;
    }
    let vs = variants(a.orig(i));
    if is_word(a, i + 1) {
        let next = folded(a, i + 1);
        for v in &vs {
            let key = format!("{v} {next}");
            if places.contains_key(&key) {
                return Some((key, 2));
            }
        }
    }
    for v in &vs {
        if places.contains_key(v) {
            return Some((v.clone(), 1));
        }
        // ل + ال is written لل: `للرقة`.
        if let Some(rest) = v.strip_prefix("لل") {
            let key = format!("ال{rest}");
            if places.contains_key(&key) {
                return Some((key, 1));
            }
        }
    }
    None
}

/// The place a document names most often (first named on a tie).
fn main_place(a: &Analyzed<'_>, places: &BTreeMap<String, String>) -> Option<String> {
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    let mut i = 0;
    while i < a.tokens.len() {
        if let Some((k, n)) = place_at(a, i, places) {
            let e = counts.entry(k).or_insert((0, i));
            e.0 += 1;
            i += n;
        } else {
            i += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|x, y| x.1 .0.cmp(&y.1 .0).then(y.1 .1.cmp(&x.1 .1)))
        .map(|(k, _)| k)
}

/// Token indices `[first, last]` the byte span covers.
fn token_span(a: &Analyzed<'_>, start: usize, end: usize) -> Option<(usize, usize)> {
    let first = a.tokens.partition_point(|t| (t.end as usize) <= start);
    let past = a.tokens.partition_point(|t| (t.start as usize) < end);
    (first < past).then(|| (first, past - 1))
}

fn read_claim(
    doc: usize,
    d: &DocInput,
    a: &Analyzed<'_>,
    q: &Quantity,
    places: &BTreeMap<String, String>,
    in_claim: &[bool],
) -> Option<ClaimCtx> {
    let lex = lexicon();
    let (qa, qb) = token_span(a, q.start, q.end)?;
    let (ss, se) = *a.sentences.get(a.sentence_of(qa))?;
    let se = se.max(qb + 1).min(a.tokens.len());
    let (sentence, hl) = excerpt(a, ss, se, qa, qb, q);

    // Counted class: the counted noun, a partitive after a generic one (`3500 فرد من أفراد
    // أسرهم`), then the modifiers that follow the count.
    let mut class_word = q.counted.clone();
    let mut class = q.counted.as_deref().and_then(class_of_phrase);
    let generic = matches!(class.as_deref(), None | Some("people"));
    if generic
        && a.tokens
            .get(qb + 1)
            .is_some_and(|_| folded(a, qb + 1) == "من")
    {
        let phrase: Vec<&str> = (qb + 2..(qb + 4).min(se))
            .filter(|&i| is_word(a, i))
            .map(|i| a.orig(i))
            .collect();
        if let Some(c) = class_of_phrase(&phrase.join(" ")) {
            if class.is_none() || c == "family_members" {
                class = Some(c);
                class_word = Some(phrase.join(" "));
            }
        }
    }
    // `عدد المغادرين`: the noun after "number of" gives the class and often the action.
    let mut counted_action = None;
    let mut kind = q.kind;
    if class.is_none() && matches!(q.kind, Kind::People | Kind::Other) {
        if let Some((c, w)) = number_of(a, ss, qa) {
            if !matches!(c.as_str(), "buses" | "trucks" | "cars" | "vehicles") {
                kind = Kind::People;
            }
            counted_action = lex.action(&w).filter(|x| x.fits(kind.as_str()));
            class = Some(c);
            class_word = Some(w);
        }
    }
    let mut with_families = false;
    let mut foreign = false;
    for i in qb + 1..(qb + 1 + MODIFIER_WINDOW).min(se) {
        let t = &a.tokens[i];
        if t.kind == TokKind::Number || (t.kind == TokKind::Punct && folded(a, i) != "\"") {
            break;
        }
        match lex.modifier(a.orig(i)) {
            Some(Modifier::Family) => with_families = true,
            Some(Modifier::Foreign) => foreign = true,
            _ => {}
        }
    }
    let per_unit = (qa.saturating_sub(PER_WINDOW).max(ss)..qa)
        .chain(qb + 1..(qb + 1 + PER_WINDOW).min(se))
        .any(|i| is_word(a, i) && lex.modifier(a.orig(i)) == Some(Modifier::Per));

    // The class itself may carry the action: the dead were killed.
    let implied = match class.as_deref() {
        Some("dead") => Some(("killed", true)),
        Some("wounded") => Some(("wounded", true)),
        _ => counted_action.map(|x| (x.name, x.toll)),
    };
    let found =
        nearest_action(a, ss, se, qa, qb, in_claim).filter(|(act, _)| act.fits(kind.as_str()));
    let (action, toll, action_word) = match (implied, found) {
        (Some((n, t)), _) => (Some(n), t, class_word.clone()),
        (None, Some((act, w))) => (Some(act.name), act.toll, Some(w)),
        (None, None) => (None, false, None),
    };
    if matches!(class.as_deref(), Some("dead") | Some("wounded")) {
        class = Some("people".into());
    }
    if with_families
        && matches!(
            class.as_deref(),
            Some("fighters") | Some("people") | Some("foreigners")
        )
    {
        class = Some("people".into());
    } else if (foreign && class.as_deref() == Some("fighters"))
        || class.as_deref() == Some("foreigners")
    {
        class = Some("foreign fighters".into());
    }
    // Money is counted in its currency, other measures in their unit.
    if q.kind == Kind::Money || (class.is_none() && q.unit.is_some()) {
        class = q.unit.clone();
    }

    let place = claim_place(a, ss, se, qa, qb, action, places);
    let date = claim_date(d, a, ss, se, q.start);
    Some(ClaimCtx {
        doc,
        q: q.clone(),
        kind,
        sentence,
        hl,
        class,
        class_word,
        action,
        toll,
        action_word,
        place,
        date,
        per_unit,
        with_families,
        partner: None,
        part_of: None,
    })
}

/// A count with no noun of its own takes the class from `عدد X` ("the number of X")
/// earlier in its sentence: `نفى أن يكون عدد الخارجين تجاوز ألف شخص`, `... العدد قد تجاوز الألف`.
fn number_of(a: &Analyzed<'_>, ss: usize, qa: usize) -> Option<(String, String)> {
    for i in (ss..qa).rev() {
        if !is_word(a, i) || !variants(a.orig(i)).iter().any(|v| v == "عدد") {
            continue;
        }
        if is_word(a, i + 1) && i + 1 < qa {
            if let Some(c) = class_of_phrase(a.orig(i + 1)) {
                return Some((c, a.orig(i + 1).to_string()));
            }
        }
    }
    None
}

/// The class a counted phrase names: `نساء وأطفال` is women and children together,
/// `أفراد أسرهم` family members; otherwise the first listed word decides.
fn class_of_phrase(phrase: &str) -> Option<String> {
    let lex = lexicon();
    let classes: Vec<&'static str> = phrase
        .split_whitespace()
        .filter_map(|w| lex.class(w))
        .collect();
    let has = |c: &str| classes.contains(&c);
    if has("women") && has("children") {
        return Some("women_children".into());
    }
    if has("families") && classes.first() == Some(&"people") || has("family_members") {
        return Some("family_members".into());
    }
    classes.first().map(|c| c.to_string())
}

fn excerpt(
    a: &Analyzed<'_>,
    ss: usize,
    se: usize,
    qa: usize,
    qb: usize,
    q: &Quantity,
) -> (String, (usize, usize)) {
    let (mut s, mut e) = (ss, se.saturating_sub(1).max(ss));
    let bytes = |s: usize, e: usize| (a.tokens[e].end - a.tokens[s].start) as usize;
    if bytes(s, e) > MAX_SENTENCE {
        s = qa.saturating_sub(25).max(ss);
        e = (qb + 25).min(e);
    }
    let from = (a.tokens[s].start as usize).min(q.start);
    let to = (a.tokens[e].end as usize).max(q.end).min(a.text.len());
    let text = a.text.get(from..to).unwrap_or(&q.text).to_string();
    let hl = if a.text.get(from..to).is_some() {
        (q.start - from, q.end - from)
    } else {
        (0, text.len())
    };
    (text, hl)
}

/// The nearest action word in the sentence; a comma between costs extra distance, a
/// word before the claim wins a tie (Arabic puts the verb first). `نقل ... عن` relays a
/// quote and is no departure.
fn nearest_action(
    a: &Analyzed<'_>,
    ss: usize,
    se: usize,
    qa: usize,
    qb: usize,
    in_claim: &[bool],
) -> Option<(crate::lexicon::Action, String)> {
    let lex = lexicon();
    let mut best: Option<(usize, u8, crate::lexicon::Action, String)> = None;
    let consider =
        |i: usize,
         dist: usize,
         side: u8,
         best: &mut Option<(usize, u8, crate::lexicon::Action, String)>| {
            if dist > ACTION_WINDOW || !is_word(a, i) {
                return;
            }
            let Some(act) = lex.action(a.orig(i)) else {
                return;
            };
            if act.name == "left"
                && variants(a.orig(i)).iter().any(|v| v.starts_with("نقل"))
                && (i + 1..(i + 5).min(se)).any(|k| folded(a, k) == "عن")
            {
                return;
            }
            if best.as_ref().map_or(true, |b| (dist, side) < (b.0, b.1)) {
                *best = Some((dist, side, act, a.orig(i).to_string()));
            }
        };
    let blocked = |i: usize| in_claim.get(i).copied().unwrap_or(false);
    let mut dist = 0;
    for i in (ss..qa).rev() {
        if blocked(i) {
            break;
        }
        dist += if a.is_punct(i, "،") || a.is_punct(i, ",") {
            COMMA_COST
        } else {
            1
        };
        consider(i, dist, 0, &mut best);
    }
    dist = 0;
    for i in qb + 1..se {
        if blocked(i) {
            break;
        }
        dist += if a.is_punct(i, "،") || a.is_punct(i, ",") {
            COMMA_COST
        } else {
            1
        };
        consider(i, dist, 1, &mut best);
    }
    // Inside the claim's own span (`300 من الخارجين`): the verb next to the claim
    // (`... عادوا`) still says more than the group it is drawn from.
    for i in qa..=qb {
        consider(i, 2, 2, &mut best);
    }
    best.map(|b| (b.2, b.3))
}

/// The place the claim's sentence names nearest to it. For departures the origin
/// counts and a destination (`نحو دير الزور`) does not.
fn claim_place(
    a: &Analyzed<'_>,
    ss: usize,
    se: usize,
    qa: usize,
    qb: usize,
    action: Option<&str>,
    places: &BTreeMap<String, String>,
) -> Option<(String, String)> {
    let lex = lexicon();
    let moving = matches!(action, Some("left") | Some("displaced"));
    let mut best: Option<(usize, String, String)> = None;
    let mut i = ss;
    while i < se {
        let Some((key, n)) = place_at(a, i, places) else {
            i += 1;
            continue;
        };
        // The word before the name, looking past a settlement noun (`نحو محافظة دير الزور`).
        let mut p = i.checked_sub(1);
        if let Some(k) = p {
            if lex.is_place_head(a.orig(k)) {
                p = k.checked_sub(1);
            }
        }
        let prev = p.filter(|&k| k >= ss);
        let role = match prev {
            Some(k) if lex.modifier(a.orig(k)) == Some(Modifier::Dest) => Role::Dest,
            Some(k)
                if folded(a, k) == "من"
                    || lex.action(a.orig(k)).is_some_and(|x| x.name == "left") =>
            {
                Role::Origin
            }
            _ => Role::Other,
        };
        if !(moving && role == Role::Dest) {
            let dist = if i > qb {
                i - qb
            } else {
                qa.saturating_sub(i + n - 1)
            };
            // An origin is what a departure is about: it beats a nearer bare mention.
            let score = if moving && role == Role::Origin {
                dist.saturating_sub(6)
            } else {
                dist
            };
            if best.as_ref().map_or(true, |b| score < b.0) {
                let shown = places
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| a.span_text(i, i + n - 1).to_string());
                best = Some((score, key, shown));
            }
        }
        i += n;
    }
    best.map(|b| (b.1, b.2))
}

/// The date named in the claim's sentence nearest to it.
fn claim_date(
    d: &DocInput,
    a: &Analyzed<'_>,
    ss: usize,
    se: usize,
    at: usize,
) -> Option<(DaySpan, String)> {
    let from = a.tokens.get(ss)?.start as usize;
    let to = a.tokens.get(se.checked_sub(1)?)?.end as usize;
    d.dates
        .iter()
        .filter(|m| m.start >= from && m.end <= to)
        .filter_map(|m| {
            Some((
                m.start.abs_diff(at),
                DaySpan::parse(m.date.as_deref()?)?,
                m.date.clone()?,
            ))
        })
        .min_by_key(|x| x.0)
        .map(|x| (x.1, x.2))
}

/// `X fighters [verb place] with Y family members`: the family count completes the
/// fighters count into a count of everyone, and does not stand alone.
fn link_family_parts(a: &Analyzed<'_>, claims: &mut [ClaimCtx], first: usize) {
    let lex = lexicon();
    for b in first..claims.len() {
        if claims[b].class.as_deref() != Some("family_members") {
            continue;
        }
        let Some((ba, _)) = token_span(a, claims[b].q.start, claims[b].q.end) else {
            continue;
        };
        let linked = (ba.saturating_sub(2)..ba)
            .any(|i| is_word(a, i) && lex.modifier(a.orig(i)) == Some(Modifier::With));
        if !linked {
            continue;
        }
        let sentence = a.sentence_of(ba);
        let partner = (first..b).rev().find(|&k| {
            let c = &claims[k];
            let Some((_, kb)) = token_span(a, c.q.start, c.q.end) else {
                return false;
            };
            a.sentence_of(kb) == sentence
                && ba.saturating_sub(kb) <= 8
                && matches!(c.class.as_deref(), Some("fighters") | Some("people"))
                && c.q.kind == claims[b].q.kind
                && c.partner.is_none()
        });
        if let Some(k) = partner {
            claims[k].partner = Some(b);
            claims[b].part_of = Some(k);
            // The family count happens with the fighters' departure.
            if claims[b].action.is_none() || claims[b].action != claims[k].action {
                claims[b].action = claims[k].action;
                claims[b].action_word = claims[k].action_word.clone();
            }
        }
    }
}
