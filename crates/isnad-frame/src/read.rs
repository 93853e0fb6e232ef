//! Reading one claim's frame from the words around it.

use crate::lexicon::{lexicon, memoized, variants, Action, Modifier};
use crate::places::{is_word, DocPlaces};
use isnad_model::{DateMention, Frame, Kind, Quantity};
use isnad_text::{Analyzed, TokKind};
use std::collections::HashMap;

/// Tokens either side of a claim searched for its action.
const ACTION_WINDOW: usize = 12;
/// A clause comma between a claim and a word costs this many tokens of distance.
const COMMA_COST: usize = 3;
/// Tokens after a count in which "with their families" or "foreign" still qualify it.
const MODIFIER_WINDOW: usize = 4;
/// Tokens either side in which "each", "per person", "alone" make a count a rate.
const PER_WINDOW: usize = 3;
/// Tokens either side in which "since the war began" makes a count a running total.
const SINCE_WINDOW: usize = 8;
/// Extra distance for "still" (`لا يزال`), the weakest of the actions.
const WEAK_ACTION_COST: usize = 6;
/// Longest sentence kept whole as the claim's context; longer ones are cut around it.
const MAX_SENTENCE: usize = 700;

/// Per-document lookups, made at most once per token: the windows of neighbouring
/// claims overlap, and a sentence with ten figures would otherwise be read ten times.
struct Memo {
    action: std::cell::RefCell<Vec<Option<Option<Action>>>>,
    place: std::cell::RefCell<Vec<Option<Option<crate::places::PlaceHit>>>>,
    /// The place hits of a token range `[from, to)` (a claim's sentence), in order.
    hits: std::cell::RefCell<foldhash::HashMap<(usize, usize), std::rc::Rc<Vec<(usize, crate::places::PlaceHit)>>>>,
}

impl Memo {
    fn new(n: usize) -> Memo {
        Memo {
            action: std::cell::RefCell::new(vec![None; n]),
            place: std::cell::RefCell::new(vec![None; n]),
            hits: Default::default(),
        }
    }
    fn hits(
        &self,
        a: &Analyzed<'_>,
        places: &DocPlaces,
        from: usize,
        to: usize,
    ) -> std::rc::Rc<Vec<(usize, crate::places::PlaceHit)>> {
        if let Some(h) = self.hits.borrow().get(&(from, to)) {
            return h.clone();
        }
        let h: std::rc::Rc<Vec<_>> =
            std::rc::Rc::new((from..to).filter_map(|i| self.place(a, places, i).map(|x| (i, x))).collect());
        self.hits.borrow_mut().insert((from, to), h.clone());
        h
    }
    fn action(&self, a: &Analyzed<'_>, i: usize) -> Option<Action> {
        if let Some(Some(x)) = self.action.borrow().get(i) {
            return *x;
        }
        let x = lexicon().action_folded(a.norm(i));
        if let Some(slot) = self.action.borrow_mut().get_mut(i) {
            *slot = Some(x);
        }
        x
    }
    fn place(&self, a: &Analyzed<'_>, places: &DocPlaces, i: usize) -> Option<crate::places::PlaceHit> {
        if let Some(Some(x)) = self.place.borrow().get(i) {
            return x.clone();
        }
        let x = places.at(a, i);
        if let Some(slot) = self.place.borrow_mut().get_mut(i) {
            *slot = Some(x.clone());
        }
        x
    }
}

/// Fills the frame of every claim of one document. `qs` may be in any order.
pub fn annotate(a: &Analyzed<'_>, qs: &mut [Quantity], dates: &[DateMention]) {
    if qs.is_empty() {
        return;
    }
    let places = DocPlaces::learn(a);
    let memo = Memo::new(a.tokens.len());
    let spans: Vec<Option<(usize, usize)>> = qs.iter().map(|q| token_span(a, q.start, q.end)).collect();
    let chain = chains(a, qs, &spans);
    // The action search never leaves the claim's sentence, so only claims touching the
    // same sentences can block it; indexing them by sentence keeps a long document
    // (thousands of claims) linear rather than quadratic.
    let mut by_sentence: HashMap<usize, Vec<usize>> = HashMap::new();
    let sentences: Vec<Option<(usize, usize)>> =
        spans.iter().map(|span| span.map(|(x, y)| (a.sentence_of(x), a.sentence_of(y)))).collect();
    for (o, range) in sentences.iter().enumerate() {
        if let Some((sx, sy)) = *range {
            for s in sx..=sy {
                by_sentence.entry(s).or_default().push(o);
            }
        }
    }
    for k in 0..qs.len() {
        // A search for one claim's action stops at another claim of the same kind,
        // whose words those are (`نقلنا في ثلاثة أيام ثلاثة آلاف إنسان`), unless the two
        // are parts of one enumeration (`9500 شخص بينهم 4500 مقاتل و377 مصاب غادروا`).
        let mut blocked: Vec<(usize, usize)> = Vec::new();
        if let Some((sx, sy)) = sentences[k] {
            for s in sx..=sy {
                for &o in by_sentence.get(&s).map_or(&[][..], Vec::as_slice) {
                    if o != k && qs[o].kind == qs[k].kind && (chain[o].is_none() || chain[o] != chain[k]) {
                        if let Some(sp) = spans[o] {
                            if !blocked.contains(&sp) {
                                blocked.push(sp);
                            }
                        }
                    }
                }
            }
        }
        if let Some(span) = spans[k] {
            qs[k].frame = read_claim(a, &qs[k], span, &places, dates, &blocked, &memo);
        }
    }
    elided_counts(a, qs, &spans);
    share_chain_actions(qs, &chain);
    link_family_parts(a, qs, &spans);
    for q in qs.iter_mut() {
        if q.frame.action.as_deref() == Some("still") {
            q.frame.action = Some("remained".into());
        }
    }
}

/// Claims joined by "among them" (`بينهم`, `منهم`) or "and" with nothing else between
/// them form one enumeration: a total and its parts. Returns each claim's chain (the
/// index of the chain's first claim), `None` for a claim that stands alone.
fn chains(a: &Analyzed<'_>, qs: &[Quantity], spans: &[Option<(usize, usize)>]) -> Vec<Option<usize>> {
    let lex = lexicon();
    let mut order: Vec<usize> = (0..qs.len()).filter(|&k| spans[k].is_some()).collect();
    order.sort_by_key(|&k| qs[k].start);
    let mut out = vec![None; qs.len()];
    for w in order.windows(2) {
        let (x, y) = (w[0], w[1]);
        let (Some((_, xb)), Some((ya, _))) = (spans[x], spans[y]) else { continue };
        if ya <= xb + 1 || ya - xb > 4 || a.sentence_of(xb) != a.sentence_of(ya) {
            continue;
        }
        let mut among = false;
        let linked = (xb + 1..ya).all(|i| {
            let f = folded(a, i);
            if lex.modifier_folded(a.norm(i)) == Some(Modifier::Among)
                || f == "من" && (i + 1..ya).any(|k| folded(a, k) == "بينهم")
            {
                among = true;
                return true;
            }
            matches!(f, "و" | "من" | "بين" | "،" | ",")
        });
        // `و` alone joins parts only after an "among" has opened the enumeration.
        if linked && (among || out[x].is_some()) {
            let head = out[x].unwrap_or(x);
            out[x] = Some(head);
            out[y] = Some(head);
        }
    }
    // `... 18 ألفاً من مدنيين ومقاتلين، من ضمنهم آلاف المقاتلين`: an "among" right before
    // a claim makes it a part of the last claim of its kind in the sentence, however far.
    for (n, &y) in order.iter().enumerate() {
        if out[y].is_some() {
            continue;
        }
        let Some((ya, _)) = spans[y] else { continue };
        let opens = (ya.saturating_sub(2)..ya).any(|i| lex.modifier_folded(a.norm(i)) == Some(Modifier::Among));
        if !opens {
            continue;
        }
        let prev = order[..n].iter().rev().copied().find(|&x| {
            (qs[x].kind == qs[y].kind || qs[x].kind == Kind::Other)
                && spans[x].is_some_and(|(_, xb)| a.sentence_of(xb) == a.sentence_of(ya))
        });
        if let Some(x) = prev {
            let head = out[x].unwrap_or(x);
            out[x] = Some(head);
            out[y] = Some(head);
        }
    }
    out
}

/// Rule `elided-count`: a bare count (no noun, no unit, no class read) after a count of
/// people in its sentence counts people too, the noun left out as it is when figures are
/// compared or updated: `مقتل 3 آلاف شخص، متوقعا ارتفاع العدد إلى 10 آلاف`, `منظمة أعلنت
/// عن 17 ألف شخص، وأخرى أعلنت عن 19 ألف`. A count of things before it lends nothing
/// (`30 شاحنة ... 12`), nor does a count in another sentence.
fn elided_counts(a: &Analyzed<'_>, qs: &mut [Quantity], spans: &[Option<(usize, usize)>]) {
    let mut order: Vec<usize> = (0..qs.len()).filter(|&k| spans[k].is_some()).collect();
    order.sort_by_key(|&k| qs[k].start);
    for (n, &k) in order.iter().enumerate() {
        let q = &qs[k];
        if q.counted.is_some() || q.unit.is_some() || q.kind != Kind::Other || q.frame.class.is_some() {
            continue;
        }
        let Some((qa, _)) = spans[k] else { continue };
        let sentence = a.sentence_of(qa);
        // Claims are in text order: only the one right before can share the sentence
        // (looking further back made a long document quadratic).
        let prev = n
            .checked_sub(1)
            .map(|p| order[p])
            .filter(|&o| spans[o].is_some_and(|(oa, _)| a.sentence_of(oa) == sentence));
        let Some(o) = prev else { continue };
        let people = qs[o].kind == Kind::People || qs[o].frame.class.as_deref().is_some_and(is_person_class);
        if people {
            let class = qs[o].frame.class.clone().unwrap_or_else(|| "people".into());
            let word = qs[o].frame.class_word.clone();
            qs[k].frame.class = Some(class);
            qs[k].frame.class_word = word;
        }
    }
}

/// Every part of an enumeration whose own words give no action takes the action the
/// enumeration's words give (`مقتل 58 مدنياً بينهم 11 طفلاً`: the children were killed).
fn share_chain_actions(qs: &mut [Quantity], chain: &[Option<usize>]) {
    let implied = |q: &Quantity| q.frame.action.is_some() && q.frame.action_word == q.frame.class_word;
    for k in 0..qs.len() {
        let Some(h) = chain[k] else { continue };
        if implied(&qs[k]) {
            continue;
        }
        // The head's action (the total's, whatever gave it), else the first part's
        // that its words gave.
        let from = if qs[h].frame.action.is_some() {
            Some(h)
        } else {
            (0..qs.len()).filter(|&o| chain[o] == Some(h)).find(|&o| qs[o].frame.action.is_some() && !implied(&qs[o]))
        };
        if let Some(o) = from {
            if o != k && (qs[k].frame.action.is_none() || o == h) {
                let (act, word, toll) = (qs[o].frame.action.clone(), qs[o].frame.action_word.clone(), qs[o].frame.toll);
                if qs[o].kind == qs[k].kind || is_person_class(qs[k].frame.class.as_deref().unwrap_or("")) {
                    qs[k].frame.action = act;
                    qs[k].frame.action_word = word;
                    qs[k].frame.toll = toll;
                }
            }
        }
    }
}

fn folded<'b>(a: &'b Analyzed<'_>, i: usize) -> &'b str {
    a.norm(i)
}

/// Token indices `[first, last]` the byte span covers.
fn token_span(a: &Analyzed<'_>, start: usize, end: usize) -> Option<(usize, usize)> {
    let first = a.tokens.partition_point(|t| (t.end as usize) <= start);
    let past = a.tokens.partition_point(|t| (t.start as usize) < end);
    (first < past).then(|| (first, past - 1))
}

fn read_claim(
    a: &Analyzed<'_>,
    q: &Quantity,
    (qa, qb): (usize, usize),
    places: &DocPlaces,
    dates: &[DateMention],
    blocked: &[(usize, usize)],
    memo: &Memo,
) -> Frame {
    let lex = lexicon();
    let Some(&(ss, se)) = a.sentences.get(a.sentence_of(qa)) else {
        return Frame::default();
    };
    let se = se.max(qb + 1).min(a.tokens.len());
    let sentence = excerpt(a, ss, se, qa, qb, q);
    let in_other = |i: usize| blocked.iter().any(|&(x, y)| (x..=y).contains(&i));

    // Counted class: the counted noun, a partitive after a generic one (`3500 فرد من أفراد
    // أسرهم`), then the modifiers that follow the count.
    let mut class_word = q.counted.clone();
    let mut class = q.counted.as_deref().and_then(class_of_phrase);
    // `عشرات حالات الاختناق`: the word after "cases" says what is counted.
    if class.is_none() && q.counted.as_deref().is_some_and(is_case_word) && is_word(a, qb + 1) {
        class = class_of_phrase(a.orig(qb + 1));
        if class.is_some() {
            class_word = Some(a.span_text(qa, qb + 1).to_string());
        }
    }
    // `الآلاف من الناس`: a partitive inside the claim's own span.
    if class.is_none() && q.counted.is_none() {
        if let Some(c) = q.text.split_once(" من ").and_then(|(_, rest)| class_of_phrase(rest)) {
            class = Some(c);
            class_word = q.text.split_once(" من ").map(|x| x.1.to_string());
        }
    }
    let generic = matches!(class.as_deref(), None | Some("people"));
    if generic && a.tokens.get(qb + 1).is_some() && folded(a, qb + 1) == "من" {
        let phrase: Vec<&str> = (qb + 2..(qb + 4).min(se)).filter(|&i| is_word(a, i)).map(|i| a.orig(i)).collect();
        if let Some(c) = class_of_phrase(&phrase.join(" ")) {
            if class.is_none() || c == "family_members" {
                class = Some(c);
                class_word = Some(phrase.join(" "));
            }
        }
    }
    // `عدد المغادرين`: the noun after "number of" gives the class and often the action.
    let mut counted_action = None;
    if class.is_none() && matches!(q.kind, Kind::People | Kind::Other) {
        if let Some((c, w)) = number_of(a, ss, qa).or_else(|| number_of_after(a, qa, qb, se)) {
            let kind =
                if matches!(c.as_str(), "buses" | "trucks" | "cars" | "vehicles") { q.kind } else { Kind::People };
            counted_action = lex.action(&w).filter(|x| x.fits(kind.as_str()));
            class = Some(c);
            class_word = Some(w);
        }
    }
    let mut kind = match class.as_deref() {
        Some(c) if q.kind == Kind::Other && is_person_class(c) => Kind::People,
        _ => q.kind,
    };
    // A bare count (no noun, no unit) next to an action only people undergo counts
    // people: `قتل 15`, `ارتفع عدد ... إلى قرابة الـ70`.
    let bare = class.is_none() && q.counted.is_none() && q.unit.is_none() && q.kind == Kind::Other;
    let mut with_families = false;
    let mut foreign = false;
    for i in qb + 1..(qb + 1 + MODIFIER_WINDOW).min(se) {
        let t = &a.tokens[i];
        if t.kind == TokKind::Number || (t.kind == TokKind::Punct && folded(a, i) != "\"") {
            break;
        }
        match lex.modifier_folded(a.norm(i)) {
            Some(Modifier::Family) => with_families = true,
            Some(Modifier::Foreign) => foreign = true,
            _ => {}
        }
    }
    let rate = (qa.saturating_sub(PER_WINDOW).max(ss)..qa)
        .chain(qb + 1..(qb + 1 + PER_WINDOW).min(se))
        .any(|i| is_word(a, i) && lex.modifier_folded(a.norm(i)) == Some(Modifier::Per));
    let cumulative = since_outbreak(a, ss, se, qa, qb);

    // The class itself may carry the action: the dead were killed.
    let implied = class.as_deref().and_then(implied_action).or_else(|| counted_action.map(|x| (x.name, x.toll)));
    let found = nearest_action(a, ss, se, qa, qb, &in_other, memo)
        .filter(|(act, _)| act.fits(kind.as_str()) || bare && act.fits("people") && !act.fits("money"));
    if bare && found.as_ref().is_some_and(|(act, _)| !act.fits(kind.as_str())) {
        kind = Kind::People;
        class = Some("people".into());
    }
    // The extractor already knew it counts people (`الآلاف` read as people): so does the class.
    // Not a part (`17 ألفاً منهم`, `95 من الحالات`): a part of a group is its own figure.
    let part = q
        .text
        .split_whitespace()
        .any(|w| memoized!(w, bool, isnad_text::normalize_str(w) == "من" || lex.modifier(w) == Some(Modifier::Among)));
    if class.is_none() && kind == Kind::People && q.counted.is_none() && !part {
        class = Some("people".into());
    }
    let (action, toll, action_word) = match (implied, found) {
        (Some((n, t)), _) => (Some(n), t, class_word.clone()),
        (None, Some((act, w))) => (Some(act.name), act.toll, Some(w)),
        (None, None) => (None, false, None),
    };
    if class.as_deref().is_some_and(is_victim_class) {
        class = Some("people".into());
    }
    // "hundreds of fighters and their families" counts the fighters: the families are
    // a mark on the claim (`with_families`), not a change of what the number counts.
    if (foreign && class.as_deref() == Some("fighters")) || class.as_deref() == Some("foreigners") {
        class = Some("foreign fighters".into());
    }
    // Money is counted in its currency, other measures in their unit.
    if q.kind == Kind::Money || (class.is_none() && q.unit.is_some()) {
        class = q.unit.clone();
    }
    // The speaker's name is not where the claim happened (`قوات سوريا الديمقراطية`,
    // `نفت روسيا`).
    let parties: Vec<(usize, usize)> = q.speaker.iter().chain(q.source.iter()).map(|p| (p.start, p.end)).collect();
    let place = claim_place(a, ss, se, qa, qb, action, places, memo, &parties);
    let event_date = claim_date(a, dates, ss, se, q.start);
    Frame {
        class,
        class_word,
        action: action.map(str::to_string),
        action_word,
        toll,
        place_text: place.as_ref().map(|p| p.1.clone()),
        place: place.map(|p| p.0),
        event_date,
        rate,
        with_families,
        cumulative,
        completes: None,
        sentence_start: Some(sentence.0),
        sentence_end: Some(sentence.1),
    }
}

/// The action a counted class carries by itself (`dead` were killed), with its toll mark;
/// both languages' frames ask it. Patients are counted as treated, apart from the dead of
/// the same sentence.
pub fn implied_action(class: &str) -> Option<(&'static str, bool)> {
    IMPLIED_ACTIONS.iter().find(|x| x.0 == class).map(|x| (x.1, x.2))
}

/// `(class, action, toll)`: the classes that carry their action.
pub(crate) const IMPLIED_ACTIONS: &[(&str, &str, bool)] = &[
    ("dead", "killed", true),
    ("wounded", "wounded", true),
    ("missing", "missing", true),
    ("patients", "treated", false),
];

/// A class named after what happened to the victims (`dead`, `wounded`, `missing`,
/// `displaced`): the figure counts people, the action says what happened to them.
pub fn is_victim_class(class: &str) -> bool {
    matches!(class, "dead" | "wounded" | "missing" | "displaced")
}

/// A class that counts persons: a count of it is a count of people whatever kind the
/// extractor gave (the ledger asks the same question of the same list).
pub fn is_person_class(c: &str) -> bool {
    matches!(
        c,
        "fighters"
            | "foreign fighters"
            | "people"
            | "family_members"
            | "children"
            | "women"
            | "women_children"
            | "foreigners"
            | "drivers"
            | "detainees"
            | "dead"
            | "wounded"
            | "missing"
    )
}

/// `منذ بداية الحرب`, `منذ اندلاع النزاع` near the count: a running total.
fn since_outbreak(a: &Analyzed<'_>, ss: usize, se: usize, qa: usize, qb: usize) -> bool {
    let lex = lexicon();
    let lo = qa.saturating_sub(SINCE_WINDOW).max(ss);
    let hi = (qb + 1 + SINCE_WINDOW).min(se);
    (lo..hi).any(|i| {
        is_word(a, i)
            && lex.modifier_folded(a.norm(i)) == Some(Modifier::Since)
            && (i + 1..(i + 3).min(se)).any(|k| {
                is_word(a, k)
                    && lex.modifier_folded(a.norm(k)) == Some(Modifier::Outbreak)
                    && (k + 1..(k + 3).min(se))
                        .any(|w| is_word(a, w) && lex.modifier_folded(a.norm(w)) == Some(Modifier::War))
            })
    })
}

/// A count with no noun of its own takes the class from `عدد X` ("the number of X")
/// earlier in its sentence: `نفى أن يكون عدد الخارجين تجاوز ألف شخص`, `... العدد قد تجاوز الألف`.
fn number_of(a: &Analyzed<'_>, ss: usize, qa: usize) -> Option<(String, String)> {
    for i in (ss..qa).rev() {
        // "the number of X", "the toll of X" (a cheap look at the folded word first)
        let f = a.norm(i);
        if !is_word(a, i) || !(f.contains("عدد") || f.contains("حصيل")) {
            continue;
        }
        if !memoized!(a.orig(i), bool, variants(a.orig(i)).iter().any(|v| v == "عدد" || v == "حصيله")) {
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

fn is_case_word(w: &str) -> bool {
    memoized!(w, bool, matches!(isnad_text::normalize_str(w).as_str(), "حاله" | "حالات" | "حالتي" | "حالتا"))
}

/// `نحو 18 ألف عدد الخارجين`: "the number of X" right after the count.
fn number_of_after(a: &Analyzed<'_>, qa: usize, qb: usize, se: usize) -> Option<(String, String)> {
    (qa..(qb + 3).min(se)).find_map(|i| {
        if !is_word(a, i)
            || !a.norm(i).contains("عدد")
            || !memoized!(a.orig(i), bool, variants(a.orig(i)).iter().any(|v| v == "عدد"))
            || !is_word(a, i + 1)
        {
            return None;
        }
        class_of_phrase(a.orig(i + 1)).map(|c| (c, a.orig(i + 1).to_string()))
    })
}

/// The class a counted phrase names: `نساء وأطفال` is women and children together,
/// `أفراد أسرهم` family members; otherwise the first listed word decides.
fn class_of_phrase(phrase: &str) -> Option<String> {
    let lex = lexicon();
    // `حالة اختناق`, `حالات وفاة`: the word after "case" says what is counted.
    let classes: Vec<&'static str> =
        phrase.split_whitespace().filter(|w| !is_case_word(w)).filter_map(|w| lex.class(w)).collect();
    let has = |c: &str| classes.contains(&c);
    if has("women") && has("children") {
        return Some("women_children".into());
    }
    if has("families") && classes.first() == Some(&"people") || has("family_members") {
        return Some("family_members".into());
    }
    classes.first().map(|c| c.to_string())
}

/// The byte span of the claim's sentence, or of a window around the claim when the
/// sentence is long.
fn excerpt(a: &Analyzed<'_>, ss: usize, se: usize, qa: usize, qb: usize, q: &Quantity) -> (usize, usize) {
    let (mut s, mut e) = (ss, se.saturating_sub(1).max(ss));
    let bytes = |s: usize, e: usize| (a.tokens[e].end - a.tokens[s].start) as usize;
    if bytes(s, e) > MAX_SENTENCE {
        s = qa.saturating_sub(25).max(ss);
        e = (qb + 25).min(e);
    }
    let from = (a.tokens[s].start as usize).min(q.start);
    let to = (a.tokens[e].end as usize).max(q.end).min(a.text.len());
    (from, to)
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
    blocked: &dyn Fn(usize) -> bool,
    memo: &Memo,
) -> Option<(Action, String)> {
    // (distance, side, action, token): the word itself is copied once, for the winner.
    let mut best: Option<(usize, u8, Action, usize)> = None;
    let consider = |i: usize, dist: usize, side: u8, best: &mut Option<(usize, u8, Action, usize)>| {
        if dist > ACTION_WINDOW || !is_word(a, i) {
            return;
        }
        let Some(act) = memo.action(a, i) else {
            return;
        };
        // `250 ألف نسمة، فر نصفهم`: the verb is its part's, whose pronoun is its subject
        let portion = |k: usize| is_word(a, k) && lexicon().modifier_folded(a.norm(k)) == Some(Modifier::Portion);
        if portion(i + 1) || i.checked_sub(1).is_some_and(portion) {
            return;
        }
        if act.name == "left"
            && memoized!(a.orig(i), bool, variants(a.orig(i)).iter().any(|v| v.starts_with("نقل")))
            && (i + 1..(i + 5).min(se)).any(|k| folded(a, k) == "عن")
        {
            return;
        }
        // lives (حياتهم، أرواحهم) are a toll only when lost: `فقد 40 شخصاً حياتهم`, not
        // `40 ألفاً حياتهم مهددة`
        if act.name == "killed"
            && lexicon().is_life_word(folded(a, i))
            && !(i.saturating_sub(4)..i).any(|k| is_word(a, k) && lexicon().is_lost_verb(folded(a, k)))
        {
            return;
        }
        // "still" (`لا يزال`, `لم يتبق`) is an auxiliary: a more telling word near it wins
        // (`لا يزال 9 آلاف شخص في عداد المفقودين`).
        let dist = if act.name == "still" { dist + WEAK_ACTION_COST } else { dist };
        if best.as_ref().is_none_or(|b| (dist, side) < (b.0, b.1)) {
            *best = Some((dist, side, act, i));
        }
    };
    let step = |i: usize| if a.is_punct(i, "،") || a.is_punct(i, ",") { COMMA_COST } else { 1 };
    let mut dist = 0;
    // Distance only grows: past the window nothing more can be considered.
    for i in (ss..qa).rev() {
        if blocked(i) {
            break;
        }
        dist += step(i);
        if dist > ACTION_WINDOW {
            break;
        }
        consider(i, dist, 0, &mut best);
    }
    dist = 0;
    for i in qb + 1..se {
        if blocked(i) {
            break;
        }
        dist += step(i);
        if dist > ACTION_WINDOW {
            break;
        }
        consider(i, dist, 1, &mut best);
    }
    // Inside the claim's own span (`300 من الخارجين`): the verb next to the claim
    // (`... عادوا`) still says more than the group it is drawn from.
    for i in qa..=qb {
        consider(i, 2, 2, &mut best);
    }
    best.map(|b| (b.2, a.orig(b.3).to_string()))
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
    places: &DocPlaces,
    memo: &Memo,
    parties: &[(usize, usize)],
) -> Option<(String, String)> {
    let lex = lexicon();
    let moving = matches!(action, Some("left") | Some("displaced"));
    let mut best: Option<(usize, String, String)> = None;
    // The hits of the range, once per document; the walk jumps from hit to hit.
    let hits = memo.hits(a, places, ss, se);
    let mut next = 0;
    let mut i = ss;
    while i < se {
        while next < hits.len() && hits[next].0 < i {
            next += 1;
        }
        let Some((at, hit)) = hits.get(next) else { break };
        i = *at;
        let hit = hit.clone();
        let n = hit.len;
        let at_byte = a.tokens[i].start as usize;
        if parties.iter().any(|&(s, e)| s <= at_byte && at_byte < e) {
            i += n;
            continue;
        }
        // `سلقين بريف إدلب`, `خان شيخون بإدلب`: a town, then the region it is in; the
        // region is part of the town's mention.
        let mut skip = 0;
        let mut k = i + n;
        if a.tokens.get(k).is_some_and(|_| lex.is_place_head_folded(folded(a, k))) {
            k += 1;
        }
        if let Some(region) = places.at(a, k).filter(|_| k > i + n || folded(a, i + n).starts_with('ب')) {
            skip = k + region.len - (i + n);
        } else if let Some(region) = places.at(a, i + n).filter(|_| folded(a, i + n).starts_with('ب')) {
            skip = region.len;
        }
        // The word before the name, looking past a settlement noun (`نحو محافظة دير الزور`).
        let mut p = i.checked_sub(1);
        if let Some(k) = p {
            if lex.is_place_head(a.orig(k)) {
                p = k.checked_sub(1);
            }
        }
        let prev = p.filter(|&k| k >= ss);
        let dest = prev.is_some_and(|k| lex.modifier_folded(a.norm(k)) == Some(Modifier::Dest));
        let origin = prev
            .is_some_and(|k| folded(a, k) == "من" || lex.action_folded(a.norm(k)).is_some_and(|x| x.name == "left"));
        if !(moving && dest) {
            let dist = if i > qb { i - qb } else { qa.saturating_sub(i + n - 1) };
            // An origin is what a departure is about: it beats a nearer bare mention.
            let score = if moving && origin { dist.saturating_sub(6) } else { dist };
            if best.as_ref().is_none_or(|b| score < b.0) {
                best = Some((score, hit.key.clone(), places.show(&hit.key, a, i, n)));
            }
        }
        i += n + skip;
    }
    best.map(|b| (b.1, b.2))
}

/// The date named in the claim's sentence nearest to it.
fn claim_date(a: &Analyzed<'_>, dates: &[DateMention], ss: usize, se: usize, at: usize) -> Option<String> {
    let from = a.tokens.get(ss)?.start as usize;
    let to = a.tokens.get(se.checked_sub(1)?)?.end as usize;
    dates
        .iter()
        .filter(|m| m.start >= from && m.end <= to)
        .filter_map(|m| Some((m.start.abs_diff(at), m.date.clone()?)))
        .min_by_key(|x| x.0)
        .map(|x| x.1)
}

/// `X fighters [verb place] with Y family members`: the family count completes the
/// fighters count into a count of everyone, and does not stand alone.
fn link_family_parts(a: &Analyzed<'_>, qs: &mut [Quantity], spans: &[Option<(usize, usize)>]) {
    let lex = lexicon();
    let mut order: Vec<usize> = (0..qs.len()).collect();
    order.sort_by_key(|&k| qs[k].start);
    let mut has_partner = vec![false; qs.len()];
    for (pos, &b) in order.iter().enumerate() {
        if qs[b].frame.class.as_deref() != Some("family_members") {
            continue;
        }
        let Some((ba, _)) = spans[b] else { continue };
        let linked =
            (ba.saturating_sub(2)..ba).any(|i| is_word(a, i) && lex.modifier_folded(a.norm(i)) == Some(Modifier::With));
        if !linked {
            continue;
        }
        let sentence = a.sentence_of(ba);
        let partner = order[..pos].iter().rev().copied().find(|&k| {
            let Some((_, kb)) = spans[k] else { return false };
            a.sentence_of(kb) == sentence
                && ba.saturating_sub(kb) <= 8
                && matches!(qs[k].frame.class.as_deref(), Some("fighters") | Some("people"))
                && qs[k].kind == qs[b].kind
                && !has_partner[k]
        });
        if let Some(k) = partner {
            has_partner[k] = true;
            qs[b].frame.completes = Some(qs[k].start);
            // The family count happens with the fighters' departure.
            if qs[b].frame.action.is_none() || qs[b].frame.action != qs[k].frame.action {
                qs[b].frame.action = qs[k].frame.action.clone();
                qs[b].frame.action_word = qs[k].frame.action_word.clone();
                qs[b].frame.toll = qs[k].frame.toll;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_model::Quantity;

    /// A claim at `needle` (its counted noun given), framed in `text`.
    fn frame(text: &str, needle: &str, counted: Option<&str>, kind: Kind) -> Frame {
        let a = isnad_text::analyze(text);
        let s = text.find(needle).unwrap();
        let mut q = Quantity::bare(s, s + needle.len(), needle);
        q.kind = kind;
        q.counted = counted.map(str::to_string);
        let mut qs = vec![q];
        annotate(&a, &mut qs, &[]);
        qs.remove(0).frame
    }

    #[test]
    fn class_and_action_rows() {
        // (text, claim, counted, kind, class, action, toll)
        let rows: &[(&str, &str, Option<&str>, Kind, Option<&str>, Option<&str>, bool)] = &[
            ("قتل 40 شخصاً في القصف", "40 شخصاً", Some("شخصاً"), Kind::People, Some("people"), Some("killed"), true),
            ("وارتفع العدد إلى 300 قتيل", "300 قتيل", Some("قتيل"), Kind::People, Some("people"), Some("killed"), true),
            (
                "وما زال أكثر من 900 مفقود تحت الأنقاض",
                "900 مفقود",
                Some("مفقود"),
                Kind::People,
                Some("people"),
                Some("missing"),
                true,
            ),
            ("وأصيب 12 طفلاً بجروح", "12 طفلاً", Some("طفلاً"), Kind::People, Some("children"), Some("wounded"), true),
            // men and women together are people; women and children their own class
            (
                "قتل 5 رجال ونساء في القصف",
                "5 رجال ونساء",
                Some("رجال ونساء"),
                Kind::People,
                Some("people"),
                Some("killed"),
                true,
            ),
            (
                "قتل 10 أطفال ونساء في القصف",
                "10 أطفال ونساء",
                Some("أطفال ونساء"),
                Kind::People,
                Some("women_children"),
                Some("killed"),
                true,
            ),
            (
                "خرج 200 مقاتل مع عائلاتهم",
                "200 مقاتل",
                Some("مقاتل"),
                Kind::People,
                Some("fighters"),
                Some("left"),
                false,
            ),
            // soldiers are fighters, as in English; refugees are people
            ("وأصيب 4 جنود في الهجوم", "4 جنود", Some("جنود"), Kind::People, Some("fighters"), Some("wounded"), true),
            ("ويعيش 5 آلاف لاجئ في المخيم", "5 آلاف لاجئ", Some("لاجئ"), Kind::People, Some("people"), None, false),
            ("ودمرت الغارة 15 منزلاً", "15 منزلاً", Some("منزلاً"), Kind::Other, Some("buildings"), Some("destroyed"), false),
            // no action word in reach: none guessed
            (
                "وبلغ عدد سكان البلدة 20 ألف نسمة",
                "20 ألف نسمة",
                Some("نسمة"),
                Kind::People,
                Some("people"),
                None,
                false,
            ),
        ];
        for (text, claim, counted, kind, class, action, toll) in rows {
            let f = frame(text, claim, *counted, *kind);
            assert_eq!(f.class.as_deref(), *class, "{text}");
            assert_eq!(f.action.as_deref(), *action, "{text}");
            assert_eq!(f.toll, *toll, "{text}");
        }
    }

    /// Claims at each needle (counted nouns given), framed together.
    fn frames(text: &str, claims: &[(&str, Option<&str>, Kind)]) -> Vec<Frame> {
        let a = isnad_text::analyze(text);
        let mut qs: Vec<Quantity> = claims
            .iter()
            .map(|(n, c, k)| {
                let s = text.find(n).unwrap();
                let mut q = Quantity::bare(s, s + n.len(), *n);
                q.kind = *k;
                q.counted = c.map(str::to_string);
                q
            })
            .collect();
        annotate(&a, &mut qs, &[]);
        qs.into_iter().map(|q| q.frame).collect()
    }

    #[test]
    fn parts_of_an_enumeration_share_its_action() {
        let p = Kind::People;
        let f = frames(
            "وأسفر القصف عن مقتل 40 مدنياً بينهم 9 أطفال",
            &[("40 مدنياً", Some("مدنياً"), p), ("9 أطفال", Some("أطفال"), p)],
        );
        assert_eq!(f[1].action.as_deref(), Some("killed"));
        assert_eq!(f[1].class.as_deref(), Some("children"));
        let f = frames(
            "وقالت الوزارة إن 2000 شخص بينهم 300 مقاتل و50 جريحاً غادروا البلدة",
            &[("2000 شخص", Some("شخص"), p), ("300 مقاتل", Some("مقاتل"), p), ("50 جريحاً", Some("جريحاً"), p)],
        );
        assert_eq!(f[0].action.as_deref(), Some("left"));
        assert_eq!(f[1].action.as_deref(), Some("left"));
        assert_eq!(f[2].action.as_deref(), Some("wounded"), "a class that names its action keeps it");
        // no "among": two claims side by side keep their own actions
        let f = frames("قتل 20 شخصاً و جرح 30 آخرون", &[("20 شخصاً", Some("شخصاً"), p), ("30 آخرون", None, Kind::Other)]);
        assert_eq!(f[0].action.as_deref(), Some("killed"));
        assert_ne!(f[1].action.as_deref(), Some("killed"));
    }

    #[test]
    fn bare_counts_and_cases() {
        let f = frame("وارتفع عدد القتلى في البلدة إلى قرابة الـ 70", "قرابة الـ 70", None, Kind::Other);
        assert_eq!((f.class.as_deref(), f.action.as_deref()), (Some("people"), Some("killed")));
        let f = frame("واستقبل المستشفى 150 حالة اختناق", "150 حالة اختناق", Some("حالة اختناق"), Kind::Other);
        assert_eq!((f.class.as_deref(), f.action.as_deref()), (Some("people"), Some("wounded")));
        let f = frame("ودفع كل راكب 500 للمهرب", "500", None, Kind::Other);
        assert_eq!(f.class, None, "a payment is no count of people");
        let f = frame("وارتفع إلى نحو 900 عدد النازحين من البلدة", "نحو 900 عدد", Some("عدد"), Kind::Other);
        assert_eq!(f.class.as_deref(), Some("people"));
    }

    #[test]
    fn marks_rows() {
        let f = frame("ودفع كل شخص 600 دولار للمهرب", "600 دولار", None, Kind::Money);
        assert!(f.rate);
        let f = frame("ودفعوا 600 دولار للمهرب", "600 دولار", None, Kind::Money);
        assert!(!f.rate);
        let f = frame("وقتل أكثر من 5000 شخص منذ بداية الحرب", "5000 شخص", Some("شخص"), Kind::People);
        assert!(f.cumulative);
        let f = frame("وقتل أكثر من 5000 شخص منذ يوم الأحد", "5000 شخص", Some("شخص"), Kind::People);
        assert!(!f.cumulative);
        let f = frame("وبلغ عدد من تم إجلاؤهم 9000 شخص منذ بدء عمليات الإجلاء", "9000 شخص", Some("شخص"), Kind::People);
        assert!(!f.cumulative, "since the evacuation began is the evacuation's own total");
    }

    #[test]
    fn place_of_a_departure_is_its_origin_not_its_destination() {
        let f = frame("غادر 300 شخص مدينة الرقة نحو دير الزور", "300 شخص", Some("شخص"), Kind::People);
        assert_eq!(f.place.as_deref(), Some("raqqa"));
        let f = frame("وصل 300 شخص إلى دير الزور", "300 شخص", Some("شخص"), Kind::People);
        assert_eq!(f.place.as_deref(), Some("deir_ez_zor"));
    }

    #[test]
    fn a_family_count_completes_the_fighters_count_before_it() {
        let text = "وخرج 250 مقاتلاً مع 3500 فرد من أفراد أسرهم";
        let a = isnad_text::analyze(text);
        let mk = |n: &str, c: &str| {
            let s = text.find(n).unwrap();
            let mut q = Quantity::bare(s, s + n.len(), n);
            q.kind = Kind::People;
            q.counted = Some(c.into());
            q
        };
        let mut qs = vec![mk("250 مقاتلاً", "مقاتلاً"), mk("3500 فرد", "فرد")];
        annotate(&a, &mut qs, &[]);
        assert_eq!(qs[1].frame.class.as_deref(), Some("family_members"));
        assert_eq!(qs[1].frame.completes, Some(qs[0].start));
        assert_eq!(qs[1].frame.action.as_deref(), Some("left"));
        assert_eq!(qs[0].frame.completes, None);
    }
}
