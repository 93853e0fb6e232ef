//! What an English claim counts, in the frame fields the ledger groups by (the same
//! names the Arabic frame stage writes): counted class, action and toll, place and
//! event date of its sentence, and the marks (rate, with families, running total).
//!
//! One English rule has no Arabic twin yet: a count of one nationality inside an
//! international toll (`464 Iranian pilgrims`, `India with 81`, `Iran says 465 of its
//! citizens`) is a part of the total, with class `people:<country>`, not the total.

use super::lexicon::{lexicon, Shapes};
use super::quantity::Draft;
use super::token::{Toks, K};
use isnad_model::{DateMention, Frame, Kind, Party};
use std::sync::OnceLock;

/// Words around a count that make it a rate or a per-unit count.
fn is_per(w: &str) -> bool {
    matches!(w, "per" | "each" | "apiece" | "a-head" | "daily")
}

/// A token that ends a clause: `;`, `, while`, `, but`, `while`.
fn clause_split(t: &Toks, k: usize) -> bool {
    match t.t[k].k {
        K::Sym => {
            t.t[k].is_sym(';') || (t.t[k].is_sym(',') && matches!(t.low(k + 1), "while" | "whereas" | "but" | "and"))
        }
        K::Word => t.low(k) == "while",
        _ => false,
    }
}

/// The clause around token `i`: between the last split before it and the first after it.
fn clause(splits: &[usize], a: usize, b: usize, i: usize) -> (usize, usize) {
    let s = splits.iter().rev().find(|&&k| k < i).map_or(a, |&k| k + 1);
    let e = splits.iter().find(|&&k| k > i).map_or(b, |&k| k);
    (s, e)
}

/// What the frame reads from a claim's whole sentence, the same for every claim in it:
/// read once per sentence, not once per claim (a sentence of a toll by nationality holds
/// ten figures, and each one scanned it again for each of these).
pub struct Sentence {
    /// The sentence's first token, which names it.
    a: usize,
    /// Clause splits ([`clause_split`]), in order.
    splits: Vec<usize>,
    /// The gazetteer place of the sentence ([`place`]).
    place: Option<(String, String)>,
    cumulative: bool,
    /// The first resolved date inside the sentence.
    event_date: Option<String>,
}

impl Sentence {
    fn read(t: &Toks, dates: &[DateMention], a: usize, b: usize) -> Sentence {
        let (ss, se) = (t.start(a), t.end(b.saturating_sub(1).max(a)));
        Sentence {
            a,
            splits: (a..b).filter(|&k| clause_split(t, k)).collect(),
            place: place(t, a, b),
            cumulative: cumulative(t, a, b),
            event_date: dates.iter().filter(|x| x.start >= ss && x.end <= se).find_map(|x| x.date.clone()),
        }
    }
}

/// The action nearest the count: what follows it first (`769 people dead`, `934
/// injured`), then what stands before it in its clause, then anywhere in the sentence.
fn action(t: &Toks, d: &Draft, ca: usize, cb: usize, a: usize, b: usize) -> Option<(&'static str, bool, usize)> {
    let lex = lexicon();
    let get = |k: usize| {
        // (the shapes first: they turn away nearly every word)
        if !t.is_word(k) || !lex.action_shapes.may_hold(t.low(k)) {
            return None;
        }
        // `lost their homes`, `lost contact`: only lives are lost in a toll
        if matches!(t.low(k), "lost" | "lose" | "losing")
            && (matches!(t.low(k + 1), "their" | "his" | "her" | "its" | "contact" | "power" | "control")
                && !matches!(t.low(k + 2), "lives" | "life"))
        {
            return None;
        }
        let act = lex.actions.get(t.low(k))?;
        // `left 769 people dead`: a departure word before a casualty count is the casualty's verb
        Some((act.name, act.toll, k))
    };
    // a verb after the count with a number of its own after it heads that count
    // (`killing at least 12 people and injuring 40 others`), not one a conjunction
    // parts from it (`40 people were killed and 60 wounded`)
    let heads_next = |k: usize| {
        (k + 1..(k + 4).min(cb))
            .take_while(|&x| !(t.sym(x, ',') || matches!(t.low(x), "and" | "or" | "while")))
            .any(|x| t.is_num(x))
    };
    let after = (d.last + 1..(d.last + 6).min(cb)).filter(|&k| !heads_next(k)).find_map(get);
    if let Some(x) = after.filter(|x| x.1) {
        return Some(x);
    }
    let before = (ca..d.first).rev().find_map(get);
    match (after, before) {
        (Some(x), Some(y)) => Some(if y.1 && !x.1 { y } else { x }),
        (Some(x), None) => Some(x),
        (None, Some(y)) => Some(y),
        (None, None) => {
            // past the clause, only up to the next count: its words are its own
            (d.last + 1..cb)
                .find_map(get)
                .or_else(|| (a..ca).rev().find_map(get))
                .or_else(|| (cb..b).take_while(|&k| !t.is_num(k)).find_map(get))
        }
    }
}

/// What `[from, to)` names as the count a bare number gives: `number of` (+ up to two
/// adjectives) and a counted noun of the word list, or `population`.
fn counted_named_before(t: &Toks, from: usize, to: usize) -> Option<(Kind, Option<&'static str>)> {
    let lex = lexicon();
    // the nearest naming before the number: a number between belongs to it
    for k in (from..to).rev() {
        if t.is_num(k) {
            return None;
        }
        match t.low(k) {
            "population" | "populations" => return Some((Kind::People, Some("people"))),
            "number" | "count" | "total" if t.low(k + 1) == "of" => {
                return (k + 2..(k + 5).min(to)).find_map(|j| {
                    let &(kind, class) = lex.counted.get(t.low(j))?;
                    (kind != Kind::Other).then_some((kind, class))
                });
            }
            _ => {}
        }
    }
    None
}

/// The nationality a count is limited to, if any.
fn nationality(
    t: &Toks,
    d: &Draft,
    ca: usize,
    b: usize,
    speaker: Option<&Party>,
    prior: Option<&'static str>,
) -> Option<&'static str> {
    let lex = lexicon();
    let demonym = |k: usize| -> Option<&'static str> {
        if !t.is_word(k) || !t.t[k].cap {
            return None;
        }
        lex.demonyms.get(t.low(k)).copied()
    };
    // inside the claim: `464 Iranian pilgrims`, `240 Iranians`
    for k in d.num_first..=d.last {
        if let Some(id) = demonym(k) {
            return Some(id);
        }
    }
    // `465 of its citizens`, `its death toll … to 464`, `its people who died`: the speaker's own
    let own = (d.num_first..(d.last + 8).min(b)).chain(ca..d.first).any(|k| {
        matches!(t.low(k), "its" | "their")
            && matches!(t.low(k + 1), "citizens" | "nationals" | "people" | "pilgrims" | "death" | "toll" | "dead")
    });
    if own {
        if let Some(id) = speaker.and_then(|p| country_of(&p.text)) {
            return Some(id);
        }
    }
    // `the number of Indians killed … has risen above 100`, `the toll of Indian pilgrims`
    for k in ca..d.first {
        if matches!(t.low(k), "number" | "toll" | "tally") && t.low(k + 1) == "of" {
            if let Some(id) = demonym(k + 2) {
                return Some(id);
            }
        }
    }
    // `Nigeria with 99 dead`, `Egypt lost 148`, `Indonesia 120`
    let mut p = d.first;
    if p > 0 && matches!(t.low(p - 1), "with" | "lost" | "has" | "had") {
        p -= 1;
    }
    if p > 0 && t.is_word(p - 1) && t.t[p - 1].cap {
        let mut s = p - 1;
        while s > 0 && t.is_word(s - 1) && t.t[s - 1].cap {
            s -= 1;
        }
        let name = &t.text[t.start(s)..t.end(p - 1)];
        if let Some(&id) = lex.countries.get(name) {
            return Some(id);
        }
        if let Some(&id) = lex.countries.get(t.raw(p - 1)) {
            return Some(id);
        }
    }
    // a count after a nationality's count in the same clause (`with more than 200 classified as missing`)
    if d.counted.is_none() || t.low(d.counted_at.unwrap_or(0)) == "others" {
        return prior;
    }
    None
}

fn country_of(text: &str) -> Option<&'static str> {
    let lex = lexicon();
    for w in text.split(|c: char| !c.is_alphanumeric() && c != '.') {
        if let Some(&id) = lex.countries.get(w) {
            return Some(id);
        }
    }
    None
}

/// A running total since a war or campaign began.
fn cumulative(t: &Toks, a: usize, b: usize) -> bool {
    (a..b).any(|k| {
        t.low(k) == "since"
            && (matches!(t.low(k + 1), "the")
                && matches!(t.low(k + 2), "start" | "beginning" | "outbreak" | "war" | "conflict" | "uprising")
                || matches!(t.low(k + 2), "war" | "conflict" | "uprising" | "revolution")
                    && matches!(t.low(k + 3), "began" | "started" | "broke"))
    })
}

/// Places the gazetteer knows, as written in English, found in [a, b): (id, as written).
fn place(t: &Toks, a: usize, b: usize) -> Option<(String, String)> {
    let mut best: Option<(String, String, bool)> = None;
    let mut k = a;
    while k < b {
        if !(t.is_word(k) && t.t[k].cap) {
            k += 1;
            continue;
        }
        // up to three capitalised words (`Deir ez-Zor`, `Khan Shaykhun`)
        let mut found = None;
        for len in (1..=3).rev() {
            let e = k + len;
            if e > b {
                continue;
            }
            let text = &t.text[t.start(k)..t.end(e - 1)];
            if let Some(id) = english_place(text) {
                found = Some((id.to_string(), text.to_string(), e));
                break;
            }
        }
        match found {
            Some((id, text, e)) => {
                let country = isnad_frame::is_country(&id);
                if best.as_ref().is_none_or(|b| b.2 && !country) {
                    best = Some((id, text, country));
                }
                k = e;
            }
            None => k += 1,
        }
    }
    best.map(|(id, text, _)| (id, text))
}

/// A gazetteer place as written, also in a dateline's capitals (`MECCA, Saudi Arabia -`).
fn english_place(name: &str) -> Option<&'static str> {
    gazetteer_name(name).or_else(|| {
        if name.len() < 3 || !name.chars().all(|c| !c.is_lowercase()) {
            return None;
        }
        let title: String = name
            .split(' ')
            .map(|w| {
                let mut cs = w.chars();
                cs.next().map(|f| f.to_string() + &cs.as_str().to_lowercase()).unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ");
        gazetteer_name(&title)
    })
}

/// [`isnad_frame::place_by_english`], for a name with the shape ([`Shapes`]) of some
/// name of the gazetteer: every capitalised word of a sentence is asked for, as one, two
/// and three words, and nearly none is a place.
fn gazetteer_name(name: &str) -> Option<&'static str> {
    static SHAPES: OnceLock<Shapes> = OnceLock::new();
    // every `|`-piece of every field, a superset of the names the gazetteer reads, so that
    // no name it knows is turned away
    let shapes = SHAPES.get_or_init(|| {
        Shapes::of(
            isnad_lang::tsv::rows(isnad_lang::words::multi::PLACES)
                .flat_map(|(_, r)| r)
                .flat_map(|field| field.split('|'))
                .map(str::trim),
        )
    });
    if !shapes.may_hold(name) {
        return None;
    }
    isnad_frame::place_by_english(name)
}

/// The gazetteer places an English text names, with how often (for the event profile).
pub fn doc_places(text: &str) -> Vec<(String, usize)> {
    let mut lower = String::new();
    let t = Toks::new(text, &mut lower);
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut k = 0;
    while k < t.len() {
        if !(t.is_word(k) && t.t[k].cap) {
            k += 1;
            continue;
        }
        let mut step = 1;
        for len in (1..=3).rev() {
            if k + len > t.len() {
                continue;
            }
            let name = &t.text[t.start(k)..t.end(k + len - 1)];
            if let Some(id) = english_place(name) {
                match counts.iter_mut().find(|c| c.0 == id) {
                    Some(c) => c.1 += 1,
                    None => counts.push((id.to_string(), 1)),
                }
                step = len;
                break;
            }
        }
        k += step;
    }
    // names no list knows, after a settlement noun (`the town of Tel al-Zaytoun`), under
    // their consonant skeleton (`~tl ztn`), which an Arabic spelling of them shares
    let mut k = 0;
    while k + 2 < t.len() {
        let head = matches!(
            t.low(k),
            "town"
                | "city"
                | "village"
                | "district"
                | "province"
                | "region"
                | "camp"
                | "suburb"
                | "neighbourhood"
                | "neighborhood"
                | "governorate"
        );
        if !(head && t.low(k + 1) == "of" && t.is_word(k + 2) && t.t[k + 2].cap) {
            k += 1;
            continue;
        }
        let s = k + 2;
        let mut e = s;
        while e < t.len()
            && (t.is_word(e)
                && (t.t[e].cap || matches!(t.low(e), "al" | "el" | "ad" | "as" | "ash" | "ez" | "es" | "ibn"))
                || t.sym(e, '-') && t.glued(e - 1) && t.glued(e))
        {
            e += 1;
        }
        let name = &t.text[t.start(s)..t.end(e - 1)];
        if english_place(name).is_none() {
            if let Some(sk) = isnad_lang::skeleton(name) {
                let key = format!("~{sk}");
                match counts.iter_mut().find(|c| c.0 == key) {
                    Some(c) => c.1 += 1,
                    None => counts.push((key, 1)),
                }
            }
        }
        k = e;
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

/// The nationality the last claim of a sentence was limited to, for the ones after it.
#[derive(Debug, Clone, Copy)]
pub struct PriorNationality {
    sentence: usize,
    clause: usize,
    /// Where the claim's speaker is named.
    speaker: Option<usize>,
    id: &'static str,
}

pub fn frame(
    t: &Toks,
    d: &Draft,
    sent: (usize, usize),
    dates: &[DateMention],
    speaker: Option<&Party>,
    prior_nationality: &mut Option<PriorNationality>,
    sentence: &mut Option<Sentence>,
) -> (Frame, Kind) {
    let (a, b) = sent;
    if sentence.as_ref().is_some_and(|s| s.a != a) {
        *sentence = None;
    }
    let sen = &*sentence.get_or_insert_with(|| Sentence::read(t, dates, a, b));
    let (ca, cb) = clause(&sen.splits, a, b, d.num_first);
    let mut kind = d.kind;
    let mut class = d.class.map(str::to_string);
    let class_word = d.counted.clone();
    let act = action(t, d, ca, cb, a, b);
    let bare = d.counted_at.is_none() && d.unit.is_none();
    // a bare count in a casualty sentence counts people (`the toll rose to 769`)
    if bare && kind == Kind::Other && act.is_some_and(|x| x.1) {
        kind = Kind::People;
    }
    // rule `count-named-before`: a bare count of what the clause named as counted (`the
    // number of gunmen who left was no more than 800`, `put the real number of armed men
    // at 500`, `bringing its population to 4,500`)
    if bare && kind == Kind::Other && class.is_none() {
        if let Some((k, c)) = counted_named_before(t, ca.max(d.first.saturating_sub(12)), d.first) {
            kind = k;
            class = c.map(str::to_string);
        }
    }
    let implied = class.as_deref().and_then(isnad_frame::implied_action);
    let (mut action, toll, mut action_word) = match (implied, act) {
        (Some((n, tl)), _) => (Some(n), tl, d.counted.clone()),
        (None, Some((n, tl, k))) if kind == Kind::People || !tl || kind == Kind::Other => {
            (Some(n), tl, Some(t.raw(k).to_string()))
        }
        _ => (None, false, None),
    };
    // `5,000 displaced`, `300 refugees`: displaced unless a verb says what they did
    // (`300 evacuees had returned`)
    if action.is_none() && class.as_deref() == Some("displaced") {
        action = Some("displaced");
        action_word = d.counted.clone();
    }
    if class.as_deref().is_some_and(isnad_frame::is_victim_class) || (class.is_none() && kind == Kind::People) {
        class = Some("people".into());
    }
    if kind == Kind::Other && class.is_none() {
        // what is counted, when it is a thing: `photographs`, `hospitals`
        class = d.counted.as_deref().map(|c| c.trim_matches(|ch: char| !ch.is_alphanumeric()).to_lowercase());
    }
    if kind == Kind::People {
        // carried within the sentence while the same speaker speaks (`the number of
        // Indians … stood at 101, while 32 others are still missing`), not into a clause
        // with a speaker of its own (`464 of its nationals died, while Saudi officials
        // put the overall toll at 769`)
        let spoke = speaker.map(|p| p.start);
        let prior =
            prior_nationality.filter(|p| p.sentence == a && (p.clause == ca || p.speaker == spoke)).map(|p| p.id);
        if let Some(id) = nationality(t, d, ca, b, speaker, prior) {
            // the country the event is in is not a part of its own toll
            let named_in = (a..b).any(|k| t.low(k) == "in" && lexicon().countries.get(t.raw(k + 1)) == Some(&id));
            if !named_in {
                class = Some(format!("people:{id}"));
                *prior_nationality = Some(PriorNationality { sentence: a, clause: ca, speaker: spoke, id });
            }
        }
    }
    if kind == Kind::Money || (class.is_none() && d.unit.is_some()) {
        class = d.unit.map(str::to_string);
    }
    let rate = (d.last + 1..(d.last + 4).min(b))
        .chain(d.first.saturating_sub(2).max(a)..d.first)
        .any(|k| t.is_word(k) && is_per(t.low(k)));
    let with_families = (d.last + 1..(d.last + 5).min(b))
        .any(|k| matches!(t.low(k), "families" | "relatives") && matches!(t.low(k - 1), "their" | "his"));
    let place = sen.place.clone();
    let (ss, se) = (t.start(a), t.end(b.saturating_sub(1).max(a)));
    let event_date = sen.event_date.clone();
    let frame = Frame {
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
        cumulative: sen.cumulative,
        completes: None,
        sentence_start: Some(ss),
        sentence_end: Some(se),
    };
    (frame, kind)
}
