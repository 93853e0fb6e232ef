//! English quantity claims (spec §§2–3): a number with its qualifier (`at least`,
//! `about`, `up to`, `or more`), its range (`between 200 and 500`, `1000-5000`, `two or
//! three`), its sign, its unit or counted noun (`1,429 people`, `$2m`, `five-storey`,
//! `quarter-century`) and kind. Vague quantities (`hundreds of`, `dozens`, `tens of
//! thousands`, `several`) are intervals. Ordinals, codes (`F-16`), references
//! (`Resolution 2118`), times, phone numbers and ages after names are not claims.

use super::lexicon::{lexicon, Lexicon, Shapes, Side};
use super::number::{self, Num};
use super::token::{Toks, K};
use isnad_model::{Kind, Qualifier};

/// A claim before attribution and frame.
#[derive(Debug, Clone)]
pub struct Draft {
    pub start: usize,
    pub end: usize,
    /// Token range (inclusive) the claim covers.
    pub first: usize,
    pub last: usize,
    /// The number's own first token (after any qualifier).
    pub num_first: usize,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub qualifier: Qualifier,
    pub kind: Kind,
    pub counted: Option<String>,
    /// Token of the counted noun.
    pub counted_at: Option<usize>,
    pub class: Option<&'static str>,
    pub unit: Option<&'static str>,
}

/// A preposition (a subject never opens with one).
pub fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "by"
            | "to"
            | "from"
            | "with"
            | "without"
            | "for"
            | "of"
            | "after"
            | "before"
            | "since"
            | "into"
            | "during"
            | "over"
            | "under"
            | "through"
            | "across"
            | "against"
            | "between"
            | "among"
            | "despite"
            | "near"
            | "about"
            | "around"
    )
}

/// Words that end a counted-noun search: what follows them is not the noun counted.
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "of"
            | "in"
            | "on"
            | "at"
            | "by"
            | "to"
            | "from"
            | "with"
            | "for"
            | "as"
            | "after"
            | "since"
            | "into"
            | "and"
            | "or"
            | "but"
            | "while"
            | "than"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "were"
            | "was"
            | "are"
            | "is"
            | "be"
            | "been"
            | "had"
            | "have"
            | "has"
            | "would"
            | "will"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "their"
            | "its"
            | "his"
            | "her"
            | "our"
            | "this"
            | "these"
            | "those"
            | "it"
            | "they"
            | "he"
            | "she"
            | "we"
            | "you"
            | "i"
            | "more"
            | "less"
            | "times"
            | "per"
            | "each"
            | "apiece"
            | "among"
            | "including"
            | "until"
            | "over"
            | "under"
            | "during"
            | "before"
            | "not"
            | "so"
            | "if"
            | "when"
            | "where"
            | "said"
            | "says"
            | "say"
            | "there"
            | "here"
            | "up"
            | "down"
            | "out"
            | "off"
            | "about"
            | "around"
            | "near"
            | "through"
            | "across"
            | "against"
            | "between"
            | "without"
    )
}

/// The qualifier phrase that ends right before token `end` (exclusive), if any:
/// (first token, qualifier).
fn qualifier_before(lex: &Lexicon, t: &Toks, end: usize) -> Option<(usize, Option<Qualifier>)> {
    if end == 0 {
        return None;
    }
    let last = if t.is_word(end - 1) { t.low(end - 1) } else { t.raw(end - 1) };
    let ids = lex.qual_by_last.get(last)?;
    for q in ids.iter().map(|&k| &lex.quals[k]) {
        if q.side != Side::Before || q.words.len() > end {
            continue;
        }
        let first = end - q.words.len();
        if q.words.iter().enumerate().all(|(k, w)| tok_is(t, first + k, w)) && t.same_line(end) {
            return Some((first, q.qualifier));
        }
    }
    None
}

/// The qualifier phrase starting at `at` after a number: (last token, qualifier).
fn qualifier_after(lex: &Lexicon, t: &Toks, at: usize) -> Option<(usize, Option<Qualifier>)> {
    if !lex.qual_first.contains(t.low(at))
        && !(t.t.get(at).is_some_and(|x| x.k == K::Sym) && lex.qual_first.contains(t.raw(at)))
    {
        return None;
    }
    for q in &lex.quals {
        if q.side != Side::After {
            continue;
        }
        if q.words.iter().enumerate().all(|(k, w)| tok_is(t, at + k, w)) && t.same_line(at) {
            let last = at + q.words.len() - 1;
            // `or more than 190` is a new bound, not this one's tail
            if (t.is_num(last + 1) || number::read(t, last + 1).is_some_and(|n| !n.weak))
                && matches!(q.words.last(), Some(&"than") | Some(&"to"))
            {
                return None;
            }
            if q.words == ["+"] && !t.glued(at - 1) {
                return None;
            }
            return Some((last, q.qualifier));
        }
    }
    None
}

fn tok_is(t: &Toks, i: usize, w: &str) -> bool {
    match t.t.get(i) {
        Some(x) if x.k == K::Word => t.low(i) == w,
        Some(x) if x.k == K::Sym => t.raw(i) == w,
        _ => false,
    }
}

/// Vague quantity words: (token span end exclusive, min, max).
/// The words a vague count opens with.
const VAGUE: &[&str] =
    &["tens", "hundreds", "dozens", "scores", "thousands", "millions", "billions", "several", "few", "handful"];

/// The words a claim may open with besides numbers and vague counts: `percent of 10`.
const PERCENT: &[&str] = &["percent", "per", "percents"];

/// The shapes ([`Shapes`]) of the words a claim may open with: number words, [`VAGUE`],
/// [`PERCENT`]. `claim_at` runs at every token, and most words are none of these.
fn openers() -> &'static Shapes {
    static OPENERS: std::sync::OnceLock<Shapes> = std::sync::OnceLock::new();
    OPENERS.get_or_init(|| {
        Shapes::of(lexicon().numbers.keys().copied().chain(VAGUE.iter().copied()).chain(PERCENT.iter().copied()))
    })
}

/// Whether `w` is one of [`VAGUE`]: asked of every word that may open a claim (`the`
/// has the shape of `two`), so the shapes turn most away before the list is compared.
fn is_vague_word(w: &str) -> bool {
    static SHAPES: std::sync::OnceLock<Shapes> = std::sync::OnceLock::new();
    SHAPES.get_or_init(|| Shapes::of(VAGUE.iter().copied())).may_hold(w) && VAGUE.contains(&w)
}

fn vague_at(t: &Toks, i: usize) -> Option<(usize, f64, f64)> {
    let w = t.low(i);
    if !is_vague_word(w) {
        return None;
    }
    // (a number on the line before is a dateline's year: `April 15, 2024\n\nHundreds of`)
    let prev_num = i > 0
        && t.same_line(i)
        && (t.is_num(i - 1) || lexicon().is_number(t.low(i - 1)) && !matches!(t.low(i - 1), "a" | "an"));
    if prev_num {
        return None;
    }
    let base = |b: f64| (2.0 * b, 10.0 * b - 1.0);
    let (n, (lo, hi)) = match w {
        "tens" if t.low(i + 1) == "of" && t.low(i + 2) == "thousands" => (3, base(10_000.0)),
        "hundreds" if t.low(i + 1) == "of" && t.low(i + 2) == "thousands" => (3, base(100_000.0)),
        "tens" if t.low(i + 1) == "of" && t.low(i + 2) == "millions" => (3, base(10_000_000.0)),
        "hundreds" if t.low(i + 1) == "of" && t.low(i + 2) == "millions" => (3, base(100_000_000.0)),
        "dozens" => (1, base(12.0)),
        "scores" => (1, base(20.0)),
        "hundreds" => (1, base(100.0)),
        "thousands" => (1, base(1000.0)),
        "millions" => (1, base(1_000_000.0)),
        "billions" => (1, base(1_000_000_000.0)),
        // `a few dozen`, `several hundred`, `a few thousand`: the vague count times the scale
        "several" | "few"
            if matches!(t.low(i + 1), "dozen" | "hundred" | "thousand" | "million")
                && (w == "several" || matches!(t.low(i.wrapping_sub(1)), "a")) =>
        {
            let scale = match t.low(i + 1) {
                "dozen" => 12.0,
                "hundred" => 100.0,
                "thousand" => 1000.0,
                _ => 1_000_000.0,
            };
            let (lo, hi) = if w == "several" { (3.0, 9.0) } else { (2.0, 9.0) };
            (2, (lo * scale, hi * scale))
        }
        "several" => (1, (3.0, 9.0)),
        "few" if matches!(t.low(i.wrapping_sub(1)), "a") => (1, (2.0, 9.0)),
        "handful" if matches!(t.low(i.wrapping_sub(1)), "a") => (1, (2.0, 9.0)),
        _ => return None,
    };
    // `several` needs a noun after it to count something (`several of them`, `several said`)
    if w == "several" && n == 1 && !(t.is_word(i + 1) && !is_function_word(t.low(i + 1))) {
        return None;
    }
    Some((i + n, lo, hi))
}

/// A token that makes the number beside it a name or a reference.
fn not_counted_before(lex: &Lexicon, t: &Toks, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let mut p = i - 1;
    // `No. 5`
    if t.sym(p, '.') && p > 0 {
        p -= 1;
        if matches!(t.low(p), "no" | "nos" | "vol" | "nr" | "nrs") {
            return matches!(t.low(p), "no" | "nos" | "vol");
        }
    }
    if matches!(t.low(p), "no" | "nos") {
        return false;
    }
    t.is_word(p)
        && lex.not_counted.get(t.low(p)) == Some(&"before")
        && t.t[p].cap | matches!(t.low(p), "resolution" | "article" | "chapter" | "paragraph")
}

/// A code (`F-16`, `SCP-173`, `MH17`, `A320`): letters written against the digits.
fn is_code(t: &Toks, i: usize) -> bool {
    if i == 0 || !t.is_num(i) {
        return false;
    }
    if t.is_word(i - 1) && t.glued(i - 1) {
        return !t.raw(i - 1).chars().all(|c| c.is_lowercase()) || t.raw(i - 1).len() <= 2;
    }
    if i >= 2 && t.sym(i - 1, '-') && t.glued(i - 1) && t.glued(i - 2) && t.is_word(i - 2) {
        let w = t.raw(i - 2);
        return w.chars().all(|c| c.is_uppercase()) && w.len() <= 4;
    }
    false
}

/// A chain of three or more digit groups joined by `-`, `/`, `.` or `(`: a phone number,
/// a date written in figures or an identifier, never a count. Returns its last token.
fn chain_end(t: &Toks, i: usize) -> Option<usize> {
    let mut groups = 1;
    let mut k = i;
    while (t.sym(k + 1, '-') || t.sym(k + 1, '/') || t.sym(k + 1, ')'))
        && t.glued(k)
        && t.glued(k + 1)
        && t.is_num(k + 2)
    {
        groups += 1;
        k += 2;
    }
    let plus = i > 0 && t.sym(i - 1, '+') && t.glued(i - 1);
    (groups >= 3 || (plus && groups >= 2)).then_some(k)
}

/// An age after a name (`Ahmed, 35, said`) or a time (`10:30`, `3 pm`).
fn is_age_or_time(lex: &Lexicon, t: &Toks, n: &Num) -> bool {
    let i = n.first;
    if i >= 2
        && t.sym(i - 1, ',')
        && t.t[i - 2].cap
        && t.is_word(i - 2)
        && t.sym(n.last + 1, ',')
        && n.value < 120.0
        && !n.words
    {
        return true;
    }
    if t.sym(n.last + 1, ':') && t.glued(n.last) && t.is_num(n.last + 2) {
        return true;
    }
    if i >= 1 && t.sym(i - 1, ':') && t.glued(i - 1) && t.is_num(i.saturating_sub(2)) {
        return true;
    }
    let j = n.last + 1;
    if t.is_word(j) && lex.not_counted.get(t.low(j)) == Some(&"after") {
        let w = t.low(j);
        // ordinal suffixes only glued (`21st`); `pm`/`am` also after a space
        return if matches!(w, "st" | "nd" | "rd" | "th") { t.glued(n.last) } else { true };
    }
    // `p.m.`, `a.m.`
    if (t.low(j) == "p" || t.low(j) == "a") && t.sym(j + 1, '.') && t.low(j + 2) == "m" {
        return true;
    }
    // `35-year-old`
    if t.sym(j, '-')
        && t.glued(n.last)
        && matches!(t.low(j + 1), "year" | "month" | "week" | "day")
        && t.sym(j + 2, '-')
        && t.low(j + 3) == "old"
    {
        return true;
    }
    if matches!(t.low(i.wrapping_sub(1)), "aged" | "age") {
        return true;
    }
    false
}

/// The currency written before the number: (first token, ISO code).
fn currency_before(lex: &Lexicon, t: &Toks, i: usize) -> Option<(usize, &'static str)> {
    if i == 0 {
        return None;
    }
    let p = i - 1;
    let raw = t.raw(p);
    if let Some(code) = lex.signs.get(raw).or_else(|| lex.signs.get(t.low(p))) {
        if t.t[p].k == K::Sym || t.is_word(p) && raw.chars().all(|c| c.is_uppercase()) {
            // `US$`
            if raw == "$" && p > 0 && t.glued(p - 1) && matches!(t.low(p - 1), "us" | "c" | "a" | "nz" | "hk") {
                return Some((p - 1, if t.low(p - 1) == "us" { "USD" } else { code }));
            }
            return Some((p, code));
        }
    }
    None
}

/// The sign before the number: the token it starts at.
fn sign_before(t: &Toks, i: usize) -> Option<usize> {
    if i == 0 {
        return None;
    }
    let p = i - 1;
    if matches!(t.low(p), "minus" | "negative") {
        return Some(p);
    }
    let minus = t.sym(p, '-') || t.sym(p, '\u{2212}');
    if !minus {
        return None;
    }
    let line_start = t.t[p].nl > 0 || p == 0;
    let before_ok =
        p == 0 || !t.glued(p - 1) || t.sym(p - 1, '(') || t.sym(p - 1, '<') || t.sym(p - 1, '=') || t.sym(p - 1, '>');
    let after_glued = t.glued(p);
    if (after_glued
        && before_ok
        && !(p > 0 && (t.is_num(p - 1) || (t.is_word(p - 1) && lexicon().is_number(t.low(p - 1))))))
        || (line_start && t.same_line(i))
    {
        return Some(p);
    }
    None
}

/// The counted noun or unit after the number (from token `j`): skips adjectives,
/// quotation marks and compounds written with a hyphen (`five-storey`).
struct Noun {
    at: usize,
    /// Last token of the unit phrase (two-word units).
    last: usize,
    kind: Kind,
    class: Option<&'static str>,
    unit: Option<&'static str>,
    mult: f64,
    known: bool,
    /// Read from a later count (`18 of over 100 countries`): the kind is shared, the span is not.
    borrowed: bool,
}

fn noun_after(lex: &Lexicon, t: &Toks, j: usize, allow_of: bool) -> Option<Noun> {
    let mut k = j;
    let mut words = 0;
    let mut candidate: Option<usize> = None;
    // `of` (+ determiner) before the noun: `hundreds of people`, `465 of its citizens`
    if allow_of && t.low(k) == "of" {
        k += 1;
        // `18 of over 100 countries`: what the second number counts, the first counts too
        let mut m = k;
        while m < k + 3 && t.is_word(m) && lex.qual_first.contains(t.low(m)) {
            m += 1;
        }
        if let Some(n2) = number::read(t, m).filter(|n| !n.weak) {
            let inner = noun_after(lex, t, n2.last + 1, false)?;
            return Some(Noun { borrowed: true, ..inner });
        }
        if matches!(t.low(k), "the" | "its" | "their" | "them" | "his" | "her" | "our" | "these" | "those") {
            if t.low(k) == "them" {
                return None;
            }
            k += 1;
        }
    }
    // `200 more families`, `30 additional trucks`: what is added is what is counted
    if matches!(t.low(k), "more" | "additional") && t.is_word(k + 1) && t.same_line(k + 1) {
        k += 1;
    }
    let max_words = 5;
    while words < max_words {
        if t.sym(k, '"') || t.sym(k, '“') || t.sym(k, '”') || t.sym(k, '\'') || t.sym(k, '’') {
            k += 1;
            continue;
        }
        if t.sym(k, '-') && t.glued(k) && t.glued(k - 1) {
            k += 1;
            // `anti-regime`: the part after the hyphen is the same word
            if words > 0 && t.is_word(k) && !lex.units.contains_key(t.low(k)) && !lex.counted.contains_key(t.low(k)) {
                k += 1;
            }
            continue;
        }
        if !t.is_word(k) || !t.same_line(k) && words > 0 {
            break;
        }
        let w = t.low(k);
        // two-word units first: `per cent`, `pounds sterling`, `Syrian pounds`
        if t.is_word(k + 1) && lex.unit_first.contains(w) {
            let two = format!("{w} {}", t.low(k + 1));
            if let Some(&(kind, unit, mult)) = lex.units.get(two.as_str()) {
                return Some(Noun { at: k, last: k + 1, kind, class: None, unit, mult, known: true, borrowed: false });
            }
        }
        if let Some(&(kind, unit, mult)) = lex.units.get(w) {
            return Some(Noun { at: k, last: k, kind, class: None, unit, mult, known: true, borrowed: false });
        }
        if let Some(&(kind, class)) = lex.counted.get(w) {
            return Some(Noun { at: k, last: k, kind, class, unit: None, mult: 1.0, known: true, borrowed: false });
        }
        // a nationality noun: `240 Iranians`, `thousands of Kurds`
        if t.t[k].cap && lex.demonyms.contains_key(w) && w.ends_with('s') {
            return Some(Noun {
                at: k,
                last: k,
                kind: Kind::People,
                class: Some("people"),
                unit: None,
                mult: 1.0,
                known: true,
                borrowed: false,
            });
        }
        if is_function_word(w)
            || lex.cue(w).is_some()
            || lex.actions.get(w).is_some_and(|a| !matches!(a.name, "killed" | "wounded" | "missing")) && words > 0
        {
            break;
        }
        if lex.is_number(w) {
            break;
        }
        // a plural noun after adjectives: `two key allies`, `17 clinics`
        if candidate.is_none()
            && w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("'s")
            && !t.t[k].cap
        {
            candidate = Some(k);
        }
        words += 1;
        k += 1;
        // adjectives of one word are common; a noun found ends the search
        if candidate.is_some() {
            break;
        }
        // a singular noun right after a compound hyphen (`five-storey`, `one level`)
        if words == 1 && (t.sym(j - 1, '-') || j > 0 && t.sym(k - 2, '-')) {
            candidate = Some(k - 1);
            break;
        }
    }
    let at = candidate?;
    Some(Noun { at, last: at, kind: Kind::Other, class: None, unit: None, mult: 1.0, known: false, borrowed: false })
}

/// Every quantity claim in the text, tokens of dates already `taken`.
pub fn find(t: &Toks, taken: &mut [bool]) -> Vec<Draft> {
    let lex = lexicon();
    let mut out = Vec::new();
    let mut i = 0;
    let openers = openers();
    while i < t.len() {
        if taken[i] || !may_open_claim(openers, t, i) {
            i += 1;
            continue;
        }
        if t.is_num(i) {
            if let Some(end) = chain_end(t, i) {
                i = end + 1;
                continue;
            }
        }
        if let Some(d) = claim_at(lex, t, i, taken) {
            for x in &mut taken[d.first..=d.last.min(t.len() - 1)] {
                *x = true;
            }
            i = d.last + 1;
            let rest = split_rest(t, &d);
            out.push(d);
            out.extend(rest);
            continue;
        }
        i += 1;
    }
    out
}

/// The first test of [`claim_at`], which turns away most tokens: a word a claim may open
/// with ([`openers`]), a digit run or a fraction sign (none is ASCII); never a URL. Asked
/// in the loop of [`find`], with the rest of the test out of it.
fn may_open_claim(openers: &Shapes, t: &Toks, i: usize) -> bool {
    match t.t[i].k {
        K::Word => openers.may_hold(t.low(i)),
        K::Num => true,
        K::Sym => t.raw(i).len() > 1,
        K::Url => false,
    }
}

#[inline(never)]
fn claim_at(lex: &Lexicon, t: &Toks, i: usize, taken: &[bool]) -> Option<Draft> {
    // a qualifier phrase opening here: let the number after it start the claim
    let k = t.t[i].k;
    if k == K::Word
        && (!openers().may_hold(t.low(i))
            || !lex.is_number(t.low(i)) && vague_at(t, i).is_none() && !PERCENT.contains(&t.low(i)))
    {
        return None;
    }
    if k == K::Sym
        && !matches!(t.raw(i), "½" | "⅓" | "⅔" | "¼" | "¾" | "⅕" | "⅖" | "⅗" | "⅘" | "⅙" | "⅚" | "⅛" | "⅜" | "⅝" | "⅞")
    {
        return None;
    }
    // `percent of 10`
    if k == K::Word && matches!(t.low(i), "percent" | "percents" | "per") {
        let j = if t.low(i) == "per" {
            if t.low(i + 1) != "cent" {
                return None;
            }
            i + 2
        } else {
            i + 1
        };
        if t.low(j) != "of" || i > 0 && (t.is_num(i - 1) || lex.is_number(t.low(i - 1))) {
            return None;
        }
        let n = number::read(t, j + 1)?;
        return Some(Draft {
            start: t.start(i),
            end: n.end,
            first: i,
            last: n.last,
            num_first: n.first,
            min: Some(n.value),
            max: Some(n.value),
            qualifier: Qualifier::Exact,
            kind: Kind::Percent,
            counted: None,
            counted_at: None,
            class: None,
            unit: None,
        });
    }
    if let Some((end, lo, hi)) = vague_at(t, i) {
        let mut first = i;
        if i > 0 && matches!(t.low(i - 1), "a") && matches!(t.low(i), "few" | "handful") {
            first = i - 1;
        }
        let mut d = Draft {
            start: t.start(first),
            end: t.end(end - 1),
            first,
            last: end - 1,
            num_first: first,
            min: Some(lo),
            max: Some(hi),
            qualifier: Qualifier::Vague,
            kind: Kind::Other,
            counted: None,
            counted_at: None,
            class: None,
            unit: None,
        };
        // `hundreds more critically wounded`: `more` carries the count on to its noun
        let j = if t.low(end) == "more" { end + 1 } else { end };
        if let Some(nn) = noun_after(lex, t, j, true) {
            attach(t, &mut d, &nn, 1.0);
        } else if t.low(end) == "more" {
            d.kind = Kind::People;
            d.last = end;
            d.end = t.end(end);
        } else {
            // `hundreds of thousands were converging`: a vague count of nothing named counts people
            d.kind = Kind::People;
        }
        return Some(d);
    }
    // a chain of digit groups is not a count
    if t.is_num(i) {
        if let Some(_end) = chain_end(t, i) {
            return None;
        }
        if is_code(t, i) || not_counted_before(lex, t, i) {
            return None;
        }
        // `22,24,26,31`: each is a number of its own
        if number::split_run(t, i).is_some() {
            return split_claims(t, i);
        }
    }
    let n = number::read(t, i)?;
    if taken[n.first..=n.last].iter().any(|x| *x) {
        return None;
    }
    if is_age_or_time(lex, t, &n) {
        return None;
    }
    // `one of the deadliest attacks`, `one of the most …`: a rank, not a count
    if n.first == n.last && t.low(n.first) == "one" && t.low(n.last + 1) == "of" && t.low(n.last + 2) == "the" {
        let w = t.low(n.last + 3);
        if w == "most" || w == "biggest" || (w.len() > 5 && w.ends_with("est") && !w.ends_with("rest")) {
            return None;
        }
    }
    let mut d = Draft {
        start: n.start,
        end: n.end,
        first: n.first,
        last: n.last,
        num_first: n.first,
        min: Some(n.value),
        max: Some(n.value),
        qualifier: Qualifier::Exact,
        kind: Kind::Other,
        counted: None,
        counted_at: None,
        class: None,
        unit: None,
    };
    let mut money: Option<&'static str> = None;
    if let Some((c, code)) = currency_before(lex, t, n.first) {
        money = Some(code);
        d.first = c;
        d.start = t.start(c);
    }
    let signed = sign_before(t, d.first);
    if let Some(s) = signed {
        d.min = d.min.map(|v| -v);
        d.max = d.max.map(|v| -v);
        d.first = s;
        d.start = t.start(s);
    }
    // qualifier before (`at least`, `about`, `> =`); `between`/`from` open a range
    let mut range_open: Option<(usize, &'static str)> = None;
    if d.first > 0 {
        // `at least “1,957” photographs`: a quotation mark between the qualifier and the number
        let q_end =
            if d.first > 1 && (t.sym(d.first - 1, '“') || t.sym(d.first - 1, '"')) { d.first - 1 } else { d.first };
        if let Some((q0, q)) = qualifier_before(lex, t, q_end) {
            if let Some(q) = q {
                d.qualifier = q
            }
            d.first = q0;
            d.start = t.start(q0);
        } else if matches!(t.low(d.first - 1), "between" | "from") {
            range_open = Some((d.first - 1, if t.low(d.first - 1) == "between" { "and" } else { "to" }));
        }
        // `the tenth` style ordinals are never counts
    }
    let mut last = n.last;
    // percent sign or word
    let mut percent = false;
    if t.sym(last + 1, '%') && t.same_line(last + 1) {
        percent = true;
        last += 1;
    }
    // a range: `X-Y`, `X to Y`, `between X and Y`, `X or Y`, `X through Y`, `X~Y`
    if let Some((hi, hlast)) = range_end(t, last + 1, range_open.map(|r| r.1), n.value) {
        if let Some((open, _)) = range_open {
            d.first = open;
            d.start = t.start(open);
        }
        d.max = Some(hi.value);
        if d.qualifier == Qualifier::Exact || d.qualifier == Qualifier::Approx {
            d.qualifier = Qualifier::Range;
        }
        last = hlast;
        if t.sym(last + 1, '%') && t.same_line(last + 1) {
            percent = true;
            last += 1;
        }
    } else if let Some((open, word)) = range_open {
        // `from 500 to well over double that number`: only the lower end is given
        // (`fell from 900 to 400` is a change between two counts, each a claim)
        if word == "to"
            && t.low(last + 1) == "to"
            && d.qualifier == Qualifier::Exact
            && !t.is_num(last + 2)
            && number::read(t, last + 2).is_none_or(|n| n.weak)
        {
            d.qualifier = Qualifier::AtLeast;
            d.max = None;
            d.first = open;
            d.start = t.start(open);
            last += 1;
        }
    }
    // qualifier after: `or more`, `or less`, `plus`, `or so`, `or equal to`
    if let Some((ql, q)) = qualifier_after(lex, t, last + 1) {
        if let Some(q) = q {
            if d.qualifier == Qualifier::Exact || d.qualifier == Qualifier::Approx && q != Qualifier::Approx {
                d.qualifier = q;
            }
        }
        last = ql;
    }
    d.last = last;
    d.end = t.end(last);
    apply_bounds(&mut d);
    // two-sided bounds: `greater than 100 and smaller than 300`, `at most 100 and at least 20`
    if matches!(d.qualifier, Qualifier::AtLeast | Qualifier::AtMost) {
        two_sided(lex, t, &mut d);
    }
    if percent {
        d.kind = Kind::Percent;
        return Some(d);
    }
    // `two thirds of a million`: a share of a scale
    if n.share && t.low(d.last + 1) == "of" && matches!(t.low(d.last + 2), "a" | "an") {
        if let Some(super::lexicon::NumWord::Scale(sc)) = lex.number(t.low(d.last + 3)) {
            let v = n.value * sc;
            d.min = Some(v);
            d.max = Some(v);
            d.last += 3;
            d.end = t.end(d.last);
            d.kind = Kind::Other;
            return Some(d);
        }
    }
    // `a quarter of a century`: a share of a unit
    if n.share && t.low(d.last + 1) == "of" && matches!(t.low(d.last + 2), "a" | "an") {
        if let Some(&(kind, unit, mult)) = lex.units.get(t.low(d.last + 3)) {
            if unit.is_some() {
                let v = n.value * mult;
                d.min = Some(v);
                d.max = Some(v);
                d.kind = kind;
                d.unit = unit;
                d.last += 3;
                d.end = t.end(d.last);
                return Some(d);
            }
        }
    }
    // unit or counted noun
    let noun_from = d.last + 1;
    if let Some(nn) = noun_after(lex, t, noun_from, true) {
        // `quarter-century`, `half an hour`: a share of a unit
        if n.share && nn.unit.is_some() {
            let v = n.value * nn.mult;
            d.min = Some(v);
            d.max = Some(v);
            attach(t, &mut d, &Noun { mult: 1.0, ..nn }, 1.0);
            return Some(d);
        }
        if nn.kind == Kind::Percent {
            attach(t, &mut d, &nn, 1.0);
            return Some(d);
        }
        if !(n.weak && !nn.known && n.scaled) {
            attach(t, &mut d, &nn, nn.mult);
        }
    }
    if let Some(code) = money {
        d.kind = Kind::Money;
        d.unit = Some(code);
    } else if n.weak && n.scaled && d.counted.is_none() {
        // `2m` with no currency: two metres
        let v = n.value / 1_000_000.0;
        d.min = d.min.map(|x| if x == n.value { v } else { x });
        d.max = d.max.map(|x| if x == n.value { v } else { x });
        d.kind = Kind::Distance;
        d.unit = Some("m");
    }
    // a share standing alone is a percentage of something (`two thirds of the residents`)
    if n.share && d.kind != Kind::Duration && d.unit.is_none() && money.is_none() {
        d.min = d.min.map(|v| v * 100.0);
        d.max = d.max.map(|v| v * 100.0);
        d.kind = Kind::Percent;
    }
    // a bare `one`: only with a counted noun
    if n.weak && n.words && d.counted.is_none() && signed.is_none() {
        return None;
    }
    Some(d)
}

/// `22,24,26,31`: the first piece as a claim (the others follow as their own tokens are
/// not separate: they are emitted by the caller through `split_claims`).
fn split_claims(t: &Toks, i: usize) -> Option<Draft> {
    let parts = number::split_run(t, i)?;
    let first = parts.first()?;
    Some(Draft {
        start: first.start,
        end: first.end,
        first: i,
        last: i,
        num_first: i,
        min: Some(first.value),
        max: Some(first.value),
        qualifier: Qualifier::Exact,
        kind: Kind::Other,
        counted: None,
        counted_at: None,
        class: None,
        unit: None,
    })
}

/// The pieces of a split digit run after the first, as claims of their own.
pub fn split_rest(t: &Toks, d: &Draft) -> Vec<Draft> {
    if d.first != d.last || !t.is_num(d.first) {
        return vec![];
    }
    let Some(parts) = number::split_run(t, d.first) else { return vec![] };
    parts
        .into_iter()
        .skip(1)
        .map(|p| Draft { start: p.start, end: p.end, min: Some(p.value), max: Some(p.value), ..d.clone() })
        .collect()
}

fn attach(t: &Toks, d: &mut Draft, nn: &Noun, mult: f64) {
    d.kind = nn.kind;
    d.class = nn.class;
    d.unit = nn.unit;
    if nn.borrowed {
        d.counted_at = Some(nn.at);
        return;
    }
    if mult != 1.0 {
        d.min = d.min.map(|v| v * mult);
        d.max = d.max.map(|v| v * mult);
    }
    let counted_text = if nn.last > nn.at { &t.text[t.start(nn.at)..t.end(nn.last)] } else { t.raw(nn.at) };
    if nn.unit.is_none() && nn.kind != Kind::Percent {
        d.counted = Some(counted_text.to_string());
    }
    d.counted_at = Some(nn.at);
    if nn.kind == Kind::Percent {
        d.counted = None;
    }
    d.last = d.last.max(nn.last);
    d.end = t.end(d.last);
    // a bound after the noun: `two days at most`, `50 people or more`
    if d.qualifier == Qualifier::Exact && matches!(t.low(d.last + 1), "at" | "or") {
        if let Some((ql, Some(q))) = qualifier_after(super::lexicon::lexicon(), t, d.last + 1) {
            if matches!(q, Qualifier::AtLeast | Qualifier::AtMost) {
                d.qualifier = q;
                d.last = ql;
                d.end = t.end(ql);
                apply_bounds(d);
            }
        }
    }
}

/// `at_least`: only the lower end; `at_most`: only the upper one.
fn apply_bounds(d: &mut Draft) {
    match d.qualifier {
        Qualifier::AtLeast => d.max = None,
        Qualifier::AtMost => d.min = None,
        _ => {}
    }
}

/// The upper end of a range starting at token `j`: (its number, last token).
fn range_end(t: &Toks, j: usize, opened_by: Option<&str>, lo: f64) -> Option<(Num, usize)> {
    let w = t.low(j);
    let raw = t.raw(j);
    let dash = matches!(raw, "-" | "–" | "—" | "~") && t.t.get(j).is_some_and(|x| x.k == K::Sym);
    // `three-nought-four`: words joined by hyphens are a sequence, not a range
    if dash
        && t.glued(j - 1)
        && t.glued(j)
        && (t.is_word(j - 1) || t.is_word(j + 1))
        && !lexicon().suffixes.contains_key(t.raw(j - 1))
    {
        return None;
    }
    let word_ok = match opened_by {
        Some("and") => w == "and",
        Some("to") => w == "to",
        _ => matches!(w, "to" | "through" | "or") || (dash && raw != "—"),
    };
    if !word_ok || !t.same_line(j) {
        return None;
    }
    let mut k = j + 1;
    // `1000 - 5000` may carry the sign of the second end: `between -10 and 15`
    let mut neg = false;
    if matches!(t.low(k), "minus" | "negative") {
        neg = true;
        k += 1;
    }
    let n = number::read(t, k)?;
    if n.weak && n.words {
        return None;
    }
    let hi = if neg { -n.value } else { n.value };
    // a range runs upwards; `5 to 10` yes, `10 to 5` no; `X or Y` only for small counts written alike
    if hi <= lo {
        return None;
    }
    if w == "or" && (hi > lo * 10.0 || lo >= 1000.0) {
        return None;
    }
    // the second end carries its own scale suffix (`5k-20k`); a percent sign after it is the caller's
    let last = n.last;
    let mut m = n;
    m.value = hi;
    Some((m, last))
}

/// `greater than 100 and smaller than 300`: a second bound after this one, facing the
/// other way, makes a range (when the two leave room between them).
fn two_sided(lex: &Lexicon, t: &Toks, d: &mut Draft) {
    let j = d.last + 1;
    let joiner = matches!(t.low(j), "and" | "but") || t.sym(j, ',');
    if !joiner {
        return;
    }
    let k = j + 1;
    // find a qualifier phrase at k
    for q in &lex.quals {
        if q.side != Side::Before {
            continue;
        }
        if !q.words.iter().enumerate().all(|(x, w)| tok_is(t, k + x, w)) {
            continue;
        }
        let Some(qq) = q.qualifier else { continue };
        let after = k + q.words.len();
        let Some(n) = number::read(t, after) else { return };
        let ok = match (d.qualifier, qq) {
            (Qualifier::AtLeast, Qualifier::AtMost) => d.min.is_some_and(|lo| lo < n.value),
            (Qualifier::AtMost, Qualifier::AtLeast) => d.max.is_some_and(|hi| n.value < hi),
            _ => false,
        };
        if !ok {
            return;
        }
        match qq {
            Qualifier::AtMost => d.max = Some(n.value),
            _ => d.min = Some(n.value),
        }
        d.qualifier = Qualifier::Range;
        d.last = n.last;
        d.end = t.end(n.last);
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(s: &str) -> Vec<(String, Option<f64>, Option<f64>, &'static str, &'static str)> {
        let mut lower = String::new();
        let t = Toks::new(s, &mut lower);
        let mut taken = vec![false; t.len()];
        find(&t, &mut taken)
            .into_iter()
            .map(|d| (s[d.start..d.end].to_string(), d.min, d.max, d.qualifier.as_str(), d.kind.as_str()))
            .collect()
    }

    #[test]
    fn claims_read() {
        let c = claims("Medics said at least 1,400 people were killed and hundreds more critically wounded.");
        assert_eq!(c[0], ("at least 1,400 people".into(), Some(1400.0), None, "at_least", "people"));
        assert_eq!(c[1].3, "vague");
        assert_eq!(
            claims("between 200 and 500")[0],
            ("between 200 and 500".into(), Some(200.0), Some(500.0), "range", "other")
        );
        assert_eq!(claims("as many as 1,500 deaths")[0].3, "at_most");
        assert_eq!(claims("$2m")[0], ("$2m".into(), Some(2_000_000.0), Some(2_000_000.0), "exact", "money"));
        assert_eq!(claims("£1.5bn")[0].1, Some(1.5e9));
        assert_eq!(claims("90%")[0].4, "percent");
        assert_eq!(claims("some 1,100 photographs")[0].3, "approx");
        assert_eq!(claims("a five-storey structure")[0].0, "five-storey");
        assert_eq!(
            claims("in a quarter-century")[0],
            ("a quarter-century".into(), Some(25.0), Some(25.0), "exact", "duration")
        );
        assert_eq!(claims("1000-5000")[0].2, Some(5000.0));
        assert_eq!(claims("five hundred or more")[0].3, "at_least");
        assert_eq!(claims("greater than 100 and smaller than 300")[0].3, "range");
    }

    #[test]
    fn not_claims() {
        for s in [
            "an F-16 jet",
            "Resolution 2118 says",
            "at 10:30 on",
            "the 21st century",
            "Ahmed, 35, said",
            "a 35-year-old man",
            "call +1-222-2222-2222",
            "one of them",
            "Which one do you prefer?",
        ] {
            assert!(claims(s).is_empty(), "{s}: {:?}", claims(s));
        }
    }
}
