//! From a number expression to a quantity claim: the qualifier before or after it, the
//! counted noun (after it, after a partitive من, or before it), kind and unit, ranges,
//! and the rules that say a number is not a claim at all.

use isnad_model::{Kind, Qualifier, Quantity, Stance};
use isnad_text::{Analyzed, TokKind};

use crate::lexicon::{lexicon, Lexicon, Noun};
use crate::numbers::{parse_at, NumExpr};
use crate::words::grammar_words;

/// A claim under construction, in token terms.
#[derive(Debug, Clone)]
struct Draft {
    first: usize,
    last: usize,
    min: Option<f64>,
    max: Option<f64>,
    qualifier: Qualifier,
    kind: Kind,
    counted: Option<(usize, usize)>,
    unit: Option<&'static str>,
    /// Last token of the number and its counted noun, before any qualifier after them.
    core_last: usize,
}

/// What follows a number: its counted noun, if any.
#[derive(Debug, Clone, Copy)]
struct Counted {
    first: usize,
    last: usize,
    kind: Kind,
    unit: Option<&'static str>,
    /// Found in the word lists (not guessed from the word's shape).
    known: bool,
}

fn is_word(a: &Analyzed<'_>, i: usize) -> bool {
    a.tokens.get(i).is_some_and(|t| t.kind == TokKind::Word)
}

/// A token that is only a proclitic (`الـ24`, `بـ 700`, `و 1500`): it belongs to the next token.
fn is_clitic_token(a: &Analyzed<'_>, i: usize) -> bool {
    if !is_word(a, i) {
        return false;
    }
    let glued = a.tokens.get(i + 1).is_some_and(|t| !t.space_before) || a.orig(i).ends_with('\u{0640}');
    glued && isnad_lang::ar::PROCLITIC_TOKENS.contains(&a.norm(i))
}

/// A verb negated by لم/لن/لا/ما right before token `k` (`لم يقتل أكثر من`), on the same
/// line. `لا يزال` ("still") negates nothing.
fn negated_verb_before(a: &Analyzed<'_>, k: usize) -> bool {
    if k < 2 || !is_word(a, k - 1) || !is_word(a, k - 2) || !a.same_line(k - 2, k) {
        return false;
    }
    let verb = a.norm(k - 1);
    let g = grammar_words();
    let neg = a.norm(k - 2);
    let neg = neg.strip_prefix(['و', 'ف']).unwrap_or(neg);
    // rule `negation-needs-a-negator`: ما before an imperfect verb is nearly always the
    // relative "what" in news (وهو ما يمثل
    // أكثر من 90%), not a negation: only لم، لن، لا negate here
    g.negator.has(neg) && (verb.starts_with('ي') || verb.starts_with('ت')) && !g.still.has(verb)
}

/// Proclitics a qualifier phrase's first word may carry (وأكثر، بنحو، لحوالي).
const CLITICS: [&str; 6] = isnad_lang::ar::QUALIFIER_CLITICS;

/// Matches a multi-word phrase at tokens `k..k+n`; the first word may carry و ف ب ل.
fn phrase_at(a: &Analyzed<'_>, k: usize, words: &[String]) -> bool {
    if k + words.len() > a.tokens.len() {
        return false;
    }
    words.iter().enumerate().all(|(n, w)| {
        let i = k + n;
        let symbol = a.tokens[i].kind == TokKind::Punct && is_comparison_symbol(w);
        if !(matches!(a.tokens[i].kind, TokKind::Word | TokKind::Latin) || symbol)
            || (n > 0 && a.tokens[i].newlines_before > 0)
        {
            return false;
        }
        let t = a.norm(i);
        // a verb phrase behind ل says what the change came to, not a bound
        // (`ارتفعت لتصل إلى 280`, against `قد يصل إلى 60`)
        let purpose = |p: &str| p.ends_with('ل') && (w.starts_with('ي') || w.starts_with('ت'));
        t == w || (n == 0 && CLITICS.iter().any(|p| t.strip_prefix(p) == Some(w.as_str()) && !purpose(p)))
    })
}

/// `>`, `<`, `=`: the comparison symbols a bound phrase may be written with (`>= 30`).
fn is_comparison_symbol(w: &str) -> bool {
    matches!(w, ">" | "<" | "=" | "≥" | "≤")
}

/// The qualifier phrase ending right before token `end` (exclusive): (first token, qualifier).
fn qualifier_before(a: &Analyzed<'_>, lex: &Lexicon, end: usize) -> Option<(usize, Qualifier)> {
    let last = end.checked_sub(1)?;
    let symbol = a.tokens[last].kind == TokKind::Punct && is_comparison_symbol(a.norm(last));
    if !(matches!(a.tokens[last].kind, TokKind::Word | TokKind::Latin) || symbol) {
        return None;
    }
    // `<>30`, `=>30`: two symbols glued in an order no bound is written in
    if symbol
        && last >= 1
        && !a.tokens[last].space_before
        && a.tokens[last - 1].kind == TokKind::Punct
        && matches!((a.norm(last - 1), a.norm(last)), ("<", ">") | ("=", ">") | ("=", "<"))
    {
        return None;
    }
    // only phrases ending in this word (or, for one-word phrases, in it without a clitic)
    // can match; tried in list order, longest first
    let candidates = phrases_keyed_by(&lex.before_by_last, a.norm(last));
    candidates.into_iter().find_map(|k| {
        let p = &lex.before[k];
        let n = p.words.len();
        let q = p.qualifier?;
        (end >= n && phrase_at(a, end - n, &p.words) && a.same_line(end - n, end)).then(|| (end - n, q))
    })
}

/// Indices of the phrases keyed by `w` or by `w` without a proclitic, ascending. A
/// superset of those that can match: `phrase_at` decides.
fn phrases_keyed_by(index: &crate::lexicon::Map<String, Vec<usize>>, w: &str) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let keys = std::iter::once(w).chain(CLITICS.iter().filter_map(|p| w.strip_prefix(p)));
    for key in keys {
        if let Some(ks) = index.get(key) {
            out.extend(ks);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The qualifier phrase starting at token `start` (after the number and its noun), possibly
/// behind a comma: (last token, qualifier).
fn qualifier_after(a: &Analyzed<'_>, lex: &Lexicon, start: usize) -> Option<(usize, Qualifier)> {
    let k = if a.is_punct(start, "،") || a.is_punct(start, ",") { start + 1 } else { start };
    if k >= a.tokens.len() || a.tokens[k].newlines_before > 0 {
        return None;
    }
    if !matches!(a.tokens[k].kind, TokKind::Word | TokKind::Latin) {
        return None;
    }
    let candidates = phrases_keyed_by(&lex.after_by_first, a.norm(k));
    let (last, q) = candidates.into_iter().find_map(|n| {
        let p = &lex.after[n];
        let q = p.qualifier?;
        phrase_at(a, k, &p.words).then_some((k + p.words.len() - 1, q))
    })?;
    // "وأكثر من 100" opens the next figure; it does not qualify this one
    let next = last + 1;
    if next < a.tokens.len()
        && a.tokens[next].newlines_before == 0
        && (grammar_words().bound_prep.has(a.norm(next)) || crate::numbers::starts_number(a, next))
    {
        return None;
    }
    Some((last, q))
}

/// Guesses that a word names people from its shape: nisba plurals (سوريين، مدنيون) and
/// participle plurals with م (مقاتلين، محتجون، مسلحي).
fn looks_like_people(stem: &str) -> bool {
    let n = stem.chars().count();
    if n >= 5 && (stem.ends_with("يين") || stem.ends_with("يون") || stem.ends_with("ييي")) {
        return true;
    }
    // sound masculine plurals (خارجين، نازحون، مقاتلين); broken plurals of things on the
    // pattern فعاليل (قوانين، ميادين) have ا as their third letter and are left out
    let third = stem.chars().nth(2);
    n >= 5 && (stem.ends_with("ين") || stem.ends_with("ون")) && third != Some('ا')
}

/// Heads of a construct that take the next word into the counted noun (أفراد أسرهم).
fn is_construct_head(stem: &str) -> bool {
    stem.ends_with('ي') || grammar_words().construct_head.has(stem)
}

fn noun_at(a: &Analyzed<'_>, lex: &Lexicon, i: usize) -> Option<(Noun, usize)> {
    if !is_word(a, i) {
        return None;
    }
    // two-word units first: ليرة سورية، في المئة، كيلو متر
    if is_word(a, i + 1) && a.tokens[i + 1].newlines_before == 0 {
        let w = a.norm(i);
        let stem = lex.strip(&lex.nouns, w).map(|(s, _)| s.stem).unwrap_or_else(|| Lexicon::bare(w));
        for first in [w, stem] {
            // most words start no two-word unit: ask before building the key
            if !lex.two_word_firsts.contains_key(first) {
                continue;
            }
            let key = format!("{first} {}", a.norm(i + 1));
            if let Some(n) = lex.nouns.get(&key) {
                return Some((*n, i + 1));
            }
        }
    }
    let w = a.norm(i);
    lex.strip(&lex.nouns, w)
        .or_else(|| lex.strip(&lex.nouns, without_possessive(w)?))
        // `رقم 10 لعام 2018`: a noun behind the preposition ل is not what is counted
        .filter(|(st, _)| !isnad_lang::ar::LAM_PROCLITICS.contains(&st.prefix))
        .filter(|(_, n)| n.words == 1)
        .map(|(_, n)| (n, i))
}

/// The noun under a possessive pronoun (`عناصرها` → `عناصر`, `مقاتليهم` → `مقاتلي`),
/// when at least three letters remain. `ه` alone is left: folded, it is also ة.
fn without_possessive(w: &str) -> Option<&str> {
    isnad_lang::ar::without_possessive(w)
}

/// The counted noun starting at token `i` (right after the number).
fn counted_after(a: &Analyzed<'_>, lex: &Lexicon, i: usize, vague: bool) -> Option<Counted> {
    counted_noun(a, lex, i, vague, false)
}

/// `partitive`: the noun comes after من, where it is definite (300 من الخارجين).
fn counted_noun(a: &Analyzed<'_>, lex: &Lexicon, i: usize, vague: bool, partitive: bool) -> Option<Counted> {
    if i >= a.tokens.len() || a.tokens[i].newlines_before > 0 {
        return None;
    }
    if a.is_punct(i, "%") {
        return Some(Counted { first: i, last: i, kind: Kind::Percent, unit: None, known: true });
    }
    if !is_word(a, i) {
        return None;
    }
    let w = a.norm(i);
    // partitive: 4 من المسلحين، العشرات من مقاتلي التنظيم
    let g = grammar_words();
    if g.partitive.has(w) && !partitive {
        let c = counted_noun(a, lex, i + 1, vague, true)?;
        return Some(Counted { first: i, ..c });
    }
    if let Some((n, last)) = noun_at(a, lex, i) {
        let mut c = Counted { first: i, last, kind: n.kind, unit: n.unit, known: true };
        extend_noun(a, lex, &mut c);
        return Some(c);
    }
    // rule `count-subject-after`: `ارتفع إلى نحو 18 ألفاً عدد الخارجين`: the subject after
    // the number, through عدد
    if !partitive && lex.count_heads.contains_key(w) && is_word(a, i + 1) && a.same_line(i, i + 1) {
        let n = a.norm(i + 1);
        let kind = match noun_at(a, lex, i + 1) {
            Some((noun, _)) => Some(noun.kind),
            None if looks_like_people(Lexicon::bare(n)) => Some(Kind::People),
            None => None,
        };
        if let Some(kind) = kind {
            return Some(Counted { first: i, last: i + 1, kind, unit: None, known: true });
        }
    }
    // "9 منهم": the pronoun هم refers to people only (things take ها)
    if g.of_them.has(w) {
        return Some(Counted { first: i, last: i, kind: Kind::People, unit: None, known: true });
    }
    // rule `verb-is-no-noun`: `40 غادروا المدينة`: a verb of the story in the plural
    // after the number says what they did, not what they are (the frame then reads its
    // action, and a bare count of people). `15 عضوا` is a noun: no action word.
    if w.ends_with("وا") && isnad_frame::lexicon().action_folded(w).is_some() {
        return None;
    }
    let stem = Lexicon::bare(w);
    if w.chars().count() < 2
        || lex.function_words.contains_key(w)
        || lex.function_words.contains_key(stem)
        || lexicon_number_word(a, i)
    {
        return None;
    }
    if lex.date_words.contains_key(w) || lex.months.contains_key(w) {
        return None;
    }
    // a counted noun is indefinite after a number (only a vague count takes a definite
    // one in construct: آلاف المدنيين); "45 اليوم" ends the number
    if !vague && !partitive && (w.starts_with("ال") || w.starts_with("لل")) {
        return None;
    }
    // a verb joined by و (قتل 200 وأصيب 300) starts the next clause
    if w.starts_with('و') && lex.people_verbs.contains_key(&w['و'.len_utf8()..]) {
        return None;
    }
    // وأصغر من، وأقل من: the second half of a two-sided bound, not a noun
    if let Some(rest) = w.strip_prefix('و') {
        if lex.bound_firsts.contains_key(rest) {
            return None;
        }
    }
    let kind = if looks_like_people(stem) { Kind::People } else { Kind::Other };
    let mut c = Counted { first: i, last: i, kind, unit: None, known: false };
    extend_noun(a, lex, &mut c);
    Some(c)
}

fn lexicon_number_word(a: &Analyzed<'_>, i: usize) -> bool {
    crate::numbers::starts_number(a, i)
}

/// Takes a construct's second term (مقاتلي التنظيم، أفراد أسرهم) and a conjoined noun of the
/// same kind (امرأة وطفلاً، حافلة وشاحنة) into the counted noun.
fn extend_noun(a: &Analyzed<'_>, lex: &Lexicon, c: &mut Counted) {
    let head = Lexicon::bare(a.norm(c.last));
    let next = c.last + 1;
    if c.last == c.first && is_word(a, next) && a.same_line(c.last, next) && is_construct_head(head) {
        let w = a.norm(next);
        if (w.starts_with("ال") || w.ends_with("هم") || w.ends_with("ها")) && !lex.function_words.contains_key(w)
        {
            c.last = next;
        }
    }
    let next = c.last + 1;
    if is_word(a, next) && a.same_line(c.last, next) {
        if let Some(rest) = a.norm(next).strip_prefix('و') {
            if let Some((_, n)) = lex.strip(&lex.nouns, rest) {
                // ...طفلاً وإصابة 48 آخرين: a noun with a number after it heads the next count
                let heads_a_count = is_word(a, next + 1) && crate::numbers::starts_number(a, next + 1)
                    || a.tokens.get(next + 1).is_some_and(|t| t.kind == TokKind::Number);
                if n.kind == c.kind && n.words == 1 && !heads_a_count {
                    c.last = next;
                }
            }
        }
    }
}

/// Whether the number at `e` is something other than a claim: part of a name (AC-130),
/// a URL, e-mail or phone number, a view counter, an identifier (القرار 2254), a time of day.
/// `has_noun`: a noun follows or precedes as counted; `known_noun`: that noun is in the
/// word lists (an identifier's number takes only a known one: `الفرقة 17 قرب ...`).
fn not_a_claim(a: &Analyzed<'_>, lex: &Lexicon, e: &NumExpr, has_noun: bool, known_noun: bool) -> bool {
    let i = e.first;
    let t = a.tokens[i];
    if t.kind == TokKind::Number {
        // glued to letters, directly (Latin) or through a hyphen (Latin or Arabic): AC-130,
        // F-16, G20, COVID-19, كوفيد-19
        let prev_latin = i >= 1 && !t.space_before && a.tokens[i - 1].kind == TokKind::Latin;
        let hyphen_latin = i >= 2
            && !t.space_before
            && (a.is_punct(i - 1, "-") || a.is_punct(i - 1, "_"))
            && !a.tokens[i - 1].space_before
            && matches!(a.tokens[i - 2].kind, TokKind::Latin | TokKind::Word);
        // the later groups of 0933-470-218 (a first group that made a range took the rest)
        // (and the minutes of 10:30, the month of 12/5)
        let dash_chain = i >= 2
            && !t.space_before
            && (a.is_punct(i - 1, "-") || a.is_punct(i - 1, ":") || a.is_punct(i - 1, "/"))
            && !a.tokens[i - 1].space_before
            && a.tokens[i - 2].kind == TokKind::Number;
        if prev_latin || hyphen_latin || dash_chain {
            return true;
        }
        // glued to letters or, through a symbol, to more characters: 130-AC, 10:30, 12/5, a_1
        // (a sentence's full stop right after a number is not one of these)
        let nx = e.last + 1;
        let glued = |k: usize| a.tokens.get(k).is_some_and(|n| !n.space_before);
        if !has_noun && glued(nx) {
            let sym = a.norm(nx);
            if a.tokens[nx].kind == TokKind::Latin {
                return true;
            }
            let chained = glued(nx + 1) && a.tokens[nx + 1].kind != TokKind::Punct;
            if matches!(sym, ":" | "/" | "_" | "@") && chained {
                return true;
            }
            if sym == "-" && chained && a.tokens[nx + 1].kind != TokKind::Number {
                return true;
            }
        }
        // a phone number, an account or ID number: a leading + or 0, many digits ungrouped,
        // or groups of digits side by side (963 912 345)
        let s = a.norm(i);
        let digits_beside = |k: usize| a.tokens.get(k).is_some_and(|t| t.kind == TokKind::Number);
        if (i >= 1 && digits_beside(i - 1) && t.newlines_before == 0)
            || (digits_beside(e.last + 1) && a.tokens[e.last + 1].newlines_before == 0)
        {
            return true;
        }
        let plus = i >= 1 && a.is_punct(i - 1, "+");
        if plus
            || (s.len() >= 4 && s.starts_with('0') && !s.contains('.') && !s.contains(','))
            || (s.len() >= 8 && s.bytes().all(|b| b.is_ascii_digit()))
        {
            return true;
        }
        // inside a URL or an e-mail address
        let (ws, we) = chunk_around(a.text, t.start as usize, a.tokens[e.last].end as usize);
        let chunk = &a.text[ws..we];
        if chunk.contains("://")
            || chunk.contains("www.")
            || chunk.contains('@')
            || chunk.contains(".com")
            || chunk.contains(".org")
            || chunk.contains('=')
            || chunk.contains("%2")
        {
            return true;
        }
    }
    // a label before it: المشاهدات : 4130
    let mut k = i;
    while k > 0 && matches!(a.tokens[k - 1].kind, TokKind::Punct) && k + 3 > i {
        k -= 1;
    }
    if k > 0 && is_word(a, k - 1) || k > 0 && a.tokens[k - 1].kind == TokKind::Latin {
        let w = a.norm(k - 1);
        if matches!(lex.date_words.get(w), Some(crate::lexicon::DateRole::Label)) {
            return true;
        }
        if k == i {
            match lex.strip(&lex.identifier_heads, w) {
                Some((_, true)) => return true,
                Some((_, false)) if e.digits_only && !known_noun => return true,
                _ => {}
            }
            // المادة الـ24: digits with the article after a naming noun are its number,
            // whatever follows
            if k >= 2
                && is_clitic_token(a, k - 1)
                && w.ends_with("ال")
                && is_word(a, k - 2)
                && e.digits_only
                && lex.strip(&lex.identifier_heads, a.norm(k - 2)).is_some()
            {
                return true;
            }
        }
    }
    false
}

/// The whitespace-delimited chunk of text around a byte range.
fn chunk_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s =
        text[..start].rfind(char::is_whitespace).map_or(0, |p| p + text[p..].chars().next().map_or(1, char::len_utf8));
    let e = text[end..].find(char::is_whitespace).map_or(text.len(), |p| end + p);
    (s, e)
}

/// Whether a four-digit number with no noun is a year (1900–2100).
fn bare_year(a: &Analyzed<'_>, e: &NumExpr) -> bool {
    e.digits_only && e.first == e.last && a.norm(e.first).len() == 4 && (1900.0..=2100.0).contains(&e.min)
}

/// Range connectors between two numbers.
fn range_connector(a: &Analyzed<'_>, i: usize, after_bayn: bool) -> bool {
    if i >= a.tokens.len() || a.tokens[i].newlines_before > 0 {
        return false;
    }
    match a.tokens[i].kind {
        TokKind::Punct => matches!(a.norm(i), "-" | "–" | "—" | "~"),
        TokKind::Word => {
            let (g, w) = (grammar_words(), a.norm(i));
            g.or.has(w) || g.range_to.has(w) || (after_bayn && w == "و")
        }
        _ => false,
    }
}

/// Builds the claim for the number expression starting at token `i`; returns it and the
/// index of the last token it used.
pub fn claim_at(a: &Analyzed<'_>, i: usize, taken: &[bool]) -> Option<(Quantity, usize)> {
    let lex = lexicon();
    // rule `glued-word-after-digits`: a number word glued to digits before it (١مليون) is
    // no number of its own
    if i > 0 && is_word(a, i) && !a.tokens[i].space_before && a.tokens[i - 1].kind == TokKind::Number {
        return None;
    }
    let mut e = parse_at(a, i)?;
    widen(a, &mut e);
    if (e.first..=e.last).any(|k| taken[k]) {
        return None;
    }
    let mut d = draft(a, lex, &e)?;
    if let Some(r) = range_after(a, lex, &e, &d, taken) {
        let last = r.last;
        return Some((finish(a, r), last));
    }
    if let Some(r) = two_bounds(a, lex, &d, taken) {
        let last = r.last;
        return Some((finish(a, r), last));
    }
    let last = d.last;
    if d.first > 0 && d.first == e.first && is_clitic_token(a, d.first - 1) {
        d.first -= 1;
    }
    Some((finish(a, d), last))
}

/// Rule `share-ratio`, rule `share-slash` and rule `sign`: what the number grammar reads around a
/// claim's number and the claim keeps. A ratio `X على Y`, `X جزء من Y`, and `X من Y` where
/// it reads as a share rather than a partitive count (X is one, or Y is at most ten, or Y
/// a bare scale word: `واحد من ثلاثة`, `2 من 5`, `واحد من مليون`), and a digit fraction
/// `1/2` below one, become a share. A sign before (`سالب`, `ناقص`, a `-` glued to the
/// digits and not to anything before it) negates the value.
/// Known misses: `X من Y` with Y above ten (`300 من 1500 عائلة`) stays two counts, on
/// purpose: news gives both figures.
fn widen(a: &Analyzed<'_>, e: &mut NumExpr) {
    // only a ratio's marker after the number sends it back to the grammar (most numbers
    // have none: this keeps the hot path to one token look)
    let k = e.last + 1;
    let g = grammar_words();
    let marker = a.is_punct(k, "/") || (is_word(a, k) && (g.ratio.has(a.norm(k)) || g.partitive.has(a.norm(k))));
    if marker && !e.vague && !e.definite && e.min >= 0.0 {
        if let Some(r) = crate::numbers::read_value_at(a, e.first).filter(|r| r.last > e.last && r.first == e.first) {
            let k = e.last + 1;
            let y = if r.min != 0.0 { e.min / r.min } else { f64::INFINITY };
            let share = if a.is_punct(k, "/") {
                r.min < 1.0
            } else if is_word(a, k) && g.ratio.has(a.norm(k)) {
                true
            } else if is_word(a, k) && g.partitive.has(a.norm(k)) {
                let bare_scale = k + 1 == r.last && g.bare_scale.has(a.norm(r.last));
                let every = is_word(a, k + 1) && g.every.has(a.norm(k + 1));
                e.min == 1.0 || y <= 10.0 || bare_scale || every
            } else {
                false
            };
            if share {
                *e = NumExpr {
                    last: r.last,
                    min: r.min,
                    max: r.max,
                    lone_one: false,
                    share: true,
                    bare_fraction: false,
                    scale: 1.0,
                    ..*e
                };
            }
        }
    }
    if e.bare_fraction || (!e.digits_only && !e.vague && e.max < 1.0 && e.min > 0.0) {
        e.share = true;
    }
    if e.first == 0 || a.tokens[e.first].newlines_before > 0 {
        return;
    }
    let p = e.first - 1;
    let word_sign = is_word(a, p) && g.sign.has(a.norm(p));
    let mark_sign = a.is_punct(p, "-")
        && !a.tokens[e.first].space_before
        && a.tokens[e.first].kind == TokKind::Number
        && (p == 0 || a.tokens[p].space_before || a.tokens[p - 1].kind == TokKind::Punct);
    if word_sign || mark_sign {
        *e = NumExpr { first: p, min: -e.max, max: -e.min, lone_one: false, ..*e };
    }
}

/// Rule `two-sided-bound`: a lower bound and an upper bound joined by و (`أكبر من 100
/// وأصغر من 300`, `أكثر من 20 وأقل من 50 شخصاً`) are one range with both ends.
fn two_bounds(a: &Analyzed<'_>, lex: &Lexicon, d: &Draft, taken: &[bool]) -> Option<Draft> {
    let want = match d.qualifier {
        Qualifier::AtLeast => Qualifier::AtMost,
        Qualifier::AtMost => Qualifier::AtLeast,
        _ => return None,
    };
    let k = d.core_last + 1;
    if !is_word(a, k) || !a.same_line(d.core_last, k) {
        return None;
    }
    // the second phrase opens with و, glued or standing alone
    let k = if a.norm(k) == "و" {
        k + 1
    } else if a.norm(k).starts_with('و') {
        k
    } else {
        return None;
    };
    let lone_wa = k > d.core_last + 1;
    let p = lex.before.iter().filter(|p| p.qualifier == Some(want)).find(|p| {
        let words = &p.words;
        if lone_wa {
            phrase_at(a, k, words)
        } else {
            a.norm(k).strip_prefix('و') == Some(words[0].as_str())
                && (words.len() == 1 || phrase_at(a, k + 1, &words[1..]))
        }
    })?;
    let y_at = k + p.words.len();
    let mut ye = parse_at(a, y_at).filter(|ye| !ye.vague && !(ye.first..=ye.last).any(|t| taken[t]))?;
    widen(a, &mut ye);
    let (lo, hi) = if d.qualifier == Qualifier::AtLeast { (d.min?, ye.max) } else { (ye.min, d.max?) };
    // (fractions on both sides, `فوق الربع وتحت النصف`, are a known miss)
    if lo >= hi || ye.share {
        return None;
    }
    let c = counted_after(a, lex, ye.last + 1, false).filter(|c| c.known);
    let (kind, unit, counted, last) = match c {
        Some(c) => (c.kind, c.unit, Some((c.first, c.last)), c.last),
        None => (d.kind, d.unit, d.counted, ye.last),
    };
    Some(Draft {
        first: d.first,
        last,
        min: Some(lo),
        max: Some(hi),
        qualifier: Qualifier::Range,
        kind,
        counted,
        unit,
        core_last: last,
    })
}

/// A range whose first number is `e` (drafted as `d`): بين X و Y، من X إلى Y، X أو Y، X-Y.
fn range_after(a: &Analyzed<'_>, lex: &Lexicon, e: &NumExpr, d: &Draft, taken: &[bool]) -> Option<Draft> {
    if e.vague {
        return None;
    }
    let word_before = |k: usize| (k >= 1 && is_word(a, k - 1)).then(|| a.norm(k - 1));
    let g = grammar_words();
    let bayn = word_before(d.first).is_some_and(|w| g.between.has(w) || g.between.has(Lexicon::bare(w)));
    let has_from = word_before(d.first).is_some_and(|w| g.from.has(w));
    let conn = d.core_last + 1;
    // بين ستة كيلومترات وسبعة: after بين the second number may carry the و itself
    let y_at = if range_connector(a, conn, bayn) {
        conn + 1
    } else if bayn && is_word(a, conn) && a.norm(conn).starts_with('و') {
        conn
    } else {
        return None;
    };
    let mut ye = parse_at(a, y_at).filter(|ye| !ye.vague && !(ye.first..=ye.last).any(|k| taken[k]))?;
    widen(a, &mut ye);
    if e.share || ye.share {
        return None;
    }
    // the second number may stand bare, its noun shared or before (السنوات الأربع أو الخمس)
    // rule `hyphen-range`: `1000-5000`, the hyphen glued on both sides: the second number
    // is no code's later group when the first made a claim
    let hyphen = a.is_punct(conn, "-")
        && !a.tokens[conn].space_before
        && a.tokens.get(conn + 1).is_some_and(|t| !t.space_before);
    let yd = draft(a, lex, &ye).or_else(|| {
        // after a hyphen the second number keeps a known noun that follows it
        let noun = hyphen.then(|| counted_after(a, lex, ye.last + 1, false)).flatten().filter(|c| c.known);
        let last = noun.map_or(ye.last, |c| c.last);
        (hyphen || !not_a_claim(a, lex, &ye, false, false)).then(|| Draft {
            first: ye.first,
            last,
            min: Some(ye.min),
            max: Some(ye.max),
            qualifier: Qualifier::Exact,
            kind: noun.map_or(Kind::Other, |c| c.kind),
            counted: noun.map(|c| (c.first, c.last)),
            unit: noun.and_then(|c| c.unit),
            core_last: last,
        })
    })?;
    // بين 100 و150 ألف: the scale of the second number applies to the first
    let x = if e.scale == 1.0 && ye.scale > 1.0 && e.min > 0.0 && e.min < ye.min / ye.scale {
        e.min * ye.scale
    } else {
        e.min
    };
    let same_kind = d.counted.is_none() || yd.counted.is_none() || yd.kind == d.kind;
    if ye.min <= x || !same_kind || is_change_from(a, lex, d.first) {
        return None;
    }
    let (kind, unit, counted) =
        if yd.counted.is_some() { (yd.kind, yd.unit, yd.counted) } else { (d.kind, d.unit, d.counted) };
    let mut first = if has_from || bayn { d.first - 1 } else { d.first };
    if bayn && first >= 1 && g.between_lead.has(a.norm(first - 1)) {
        first -= 1;
    }
    Some(Draft {
        first,
        last: yd.last,
        min: Some(x),
        max: Some(ye.max),
        qualifier: Qualifier::Range,
        kind,
        counted,
        unit,
        core_last: yd.last,
    })
}

/// A cheap test every count head passes (checked row by row against count_heads.tsv): the
/// word holds one of the letter pairs عد (عدد، أعداد), حص (حصيلة), جم or مج (إجمالي، مجموع).
/// One pass over the bytes, no lookups: most words in a sentence are turned away here.
pub(crate) fn may_be_count_head(w: &str) -> bool {
    w.as_bytes().windows(4).any(|p| {
        matches!(
            p,
            [0xD8, 0xB9, 0xD8, 0xAF] | [0xD8, 0xAD, 0xD8, 0xB5] | [0xD8, 0xAC, 0xD9, 0x85] | [0xD9, 0x85, 0xD8, 0xAC]
        )
    })
}

/// Rule `count-subject`: "عدد القتلى بلغ 23"، "عددهم لا يتجاوز 800"، "حصيلة القتلى جراء
/// القصف على المدينة ارتفعت إلى 70": a bare number counts the noun the clause's subject
/// names through عدد or حصيلة, earlier in the same sentence, with no other number between.
/// `الحصيلة` alone is a toll: people. Known miss: `العدد` alone (ارتفاع العدد إلى 10 آلاف)
/// refers back to an earlier figure and is left as `other`.
fn count_of_before(a: &Analyzed<'_>, lex: &Lexicon, first: usize) -> Option<Counted> {
    let sent = a.sentences[a.sentence_of(first)].0;
    let lo = first.saturating_sub(20).max(sent);
    // the subject must be nearer than any other number: that one took it
    let lo = (lo..first).rev().find(|&k| a.tokens[k].kind == TokKind::Number).map_or(lo, |k| k + 1);
    (lo..first).rev().find_map(|k| {
        if !is_word(a, k) {
            return None;
        }
        // most words are no count head: a substring test turns them away before the
        // clitic stripping and the lookups (the heads of data/ar/count_heads.tsv, folded,
        // all hold one of these)
        let w = a.norm(k);
        if !may_be_count_head(w) {
            return None;
        }
        let g = grammar_words();
        if g.toll.has(Lexicon::bare(w)) && !(k + 1 < first && is_word(a, k + 1) && noun_at(a, lex, k + 1).is_some()) {
            return Some(Counted { first: k, last: k, kind: Kind::People, unit: None, known: true });
        }
        let w = a.norm(k);
        let stem = Lexicon::bare(w);
        if g.count_pronoun.has(w) || g.count_pronoun.has(stem) {
            return Some(Counted { first: k, last: k, kind: Kind::People, unit: None, known: true });
        }
        if !(lex.count_heads.contains_key(w) || lex.count_heads.contains_key(stem))
            || k + 1 >= first
            || !is_word(a, k + 1)
        {
            return None;
        }
        let n = k + 1;
        let (kind, unit, known) = match noun_at(a, lex, n) {
            Some((noun, _)) => (noun.kind, noun.unit, true),
            None if looks_like_people(Lexicon::bare(a.norm(n))) => (Kind::People, None, false),
            None => return None,
        };
        Some(Counted { first: n, last: n, kind, unit, known })
    })
}

/// Rule `bound-before-count`: `تجاوز عدد المصابين 300`: a bound verb before عدد X bounds
/// the number that follows X.
fn bound_before_count(a: &Analyzed<'_>, lex: &Lexicon, first: usize) -> Option<Qualifier> {
    let head = first.checked_sub(2)?;
    if !is_word(a, head) || !is_word(a, head + 1) || !a.same_line(head, first) {
        return None;
    }
    let w = a.norm(head);
    if !may_be_count_head(w) || !(lex.count_heads.contains_key(w) || lex.count_heads.contains_key(Lexicon::bare(w))) {
        return None;
    }
    qualifier_before(a, lex, head).map(|(_, q)| q).filter(|q| matches!(q, Qualifier::AtLeast | Qualifier::AtMost))
}

/// Rule `reach-is-exact`: `يصل إلى`/`تصل إلى` is "up to" (`بمدى يصل إلى 300 كم`), but
/// after a count (`عدد المفقودين يصل إلى 10 آلاف`) it says what the count reached, and
/// behind قد or an expectation (`قد تصل إلى 20 ألفاً`) what it may reach: a projection.
/// Both are exact figures; the second is also marked a projection (rule `projection`).
fn reach_is_exact(a: &Analyzed<'_>, lex: &Lexicon, k: usize) -> bool {
    let g = grammar_words();
    if !is_word(a, k) || !g.reach.has(a.norm(k).strip_prefix('و').unwrap_or(a.norm(k))) {
        return false;
    }
    let sent = a.sentences[a.sentence_of(k)].0;
    (k.saturating_sub(4).max(sent)..k).any(|j| {
        is_word(a, j) && {
            let w = a.norm(j);
            let b = Lexicon::bare(w);
            g.projection.has(w) || lex.count_heads.contains_key(w) || lex.count_heads.contains_key(b)
        }
    })
}

/// Whether "من X" follows a word of change, directly or behind its subject
/// (ارتفع السعر من 50 إلى 70).
fn is_change_from(a: &Analyzed<'_>, lex: &Lexicon, first: usize) -> bool {
    if first < 2 || !grammar_words().from.has(a.norm(first - 1)) {
        return false;
    }
    let sent = a.sentences[a.sentence_of(first)].0;
    (first.saturating_sub(5).max(sent)..first - 1).any(|k| {
        is_word(a, k) && {
            let w = a.norm(k);
            lex.change_words.contains_key(w) || lex.change_words.contains_key(Lexicon::bare(w))
        }
    })
}

/// Rule `share-as-percent`: a share of a whole (`نصف السكان`, `ثلث المصابين`, `خمسة
/// أثمان`, `1/2`, `2 من 5`) is a claim of kind `percent`, its value the share in percent
/// (نصف → 50), what it is a share of as the counted noun (`السكان`), and the qualifiers
/// of any claim (`أكثر من نصف السكان` → at least 50). A fraction of a measure (`نصف
/// ساعة`) stays a measure and never comes here.
fn share_draft(a: &Analyzed<'_>, lex: &Lexicon, e: &NumExpr) -> Option<Draft> {
    let v = e.min * 100.0;
    let mut last = e.last;
    let mut counted = None;
    let k = e.last + 1;
    // the whole: the noun in construct (نصف السكان) or after a partitive من (1/2 من الناس)
    let noun_at = if is_word(a, k) && grammar_words().partitive.has(a.norm(k)) { k + 1 } else { k };
    if is_word(a, noun_at) && a.same_line(e.last, noun_at) {
        let w = a.norm(noun_at);
        let function = lex.function_words.contains_key(w) || lex.function_words.contains_key(Lexicon::bare(w));
        if !function
            && !crate::numbers::starts_number(a, noun_at)
            && !lex.date_words.contains_key(w)
            && !lex.months.contains_key(w)
        {
            counted = Some((noun_at, noun_at));
            last = noun_at;
        }
    }
    let core_last = last;
    let mut first = e.first;
    let mut qualifier = Qualifier::Exact;
    if let Some((f, q)) = qualifier_before(a, lex, first) {
        first = f;
        qualifier = if negated_verb_before(a, f) { flip(q) } else { q };
    }
    if let Some((l, q)) = qualifier_after(a, lex, last + 1) {
        last = l;
        qualifier = q;
    }
    let (min, max) = match qualifier {
        Qualifier::AtLeast => (Some(v), None),
        Qualifier::AtMost => (None, Some(v)),
        _ => (Some(v), Some(v)),
    };
    Some(Draft { first, last, min, max, qualifier, kind: Kind::Percent, counted, unit: None, core_last })
}

fn flip(q: Qualifier) -> Qualifier {
    match q {
        Qualifier::AtLeast => Qualifier::AtMost,
        Qualifier::AtMost => Qualifier::AtLeast,
        q => q,
    }
}

/// The claim for one number expression, without ranges.
fn draft(a: &Analyzed<'_>, lex: &Lexicon, e: &NumExpr) -> Option<Draft> {
    let mut counted = counted_after(a, lex, e.last + 1, e.vague);
    // a definite word cannot head a construct: after العشرات only a partitive من names
    // what is counted (أصيب العشرات بجروح)
    let g = grammar_words();
    if e.definite && e.vague && !e.digits_only && counted.is_some_and(|c| !g.partitive.has(a.norm(c.first))) {
        counted = None;
    }
    // a noun after a vague count must be known, or a plural that reads as people, else it is
    // probably a verb or adjective (الآلاف قد هربوا)
    if e.share && !counted.is_some_and(|c| c.known && c.unit.is_some()) {
        return share_draft(a, lex, e);
    }
    let mut first = e.first;
    let mut noun_before = None;
    // الواحد/الواحدة is "single", "per" (للشخص الواحد): never a count
    if e.lone_one && e.definite {
        return None;
    }
    // a qualifier makes a definite number a figure of its own: تجاوز الألف
    let qualified = e.definite && qualifier_before(a, lex, e.first).is_some();
    if (e.definite && !e.vague && !qualified) || e.lone_one {
        // الأربع، واحدة: adjectives that follow their noun (السنوات الأربع، روح واحدة)
        let p = e.first.checked_sub(1)?;
        if !is_word(a, p) || a.tokens[e.first].newlines_before > 0 {
            return None;
        }
        let w = a.norm(p);
        let def = w.starts_with("ال") || w.starts_with("وال") || w.starts_with("بال") || w.starts_with("لل");
        let unjoined = w.strip_prefix(['و', 'ف']).unwrap_or(w);
        if e.definite != def
            || lex.function_words.contains_key(w)
            || lex.function_words.contains_key(Lexicon::bare(w))
            || lex.function_words.contains_key(unjoined)
        {
            return None;
        }
        let noun = lex.strip(&lex.nouns, w).map(|(_, n)| n);
        if e.definite && noun.is_none() && !looks_like_people(Lexicon::bare(w)) {
            return None;
        }
        // (يوم) الاثنين is Monday: two after a noun agrees with a dual (اليومين الاثنين)
        if e.definite && e.min == 2.0 && e.first == e.last && noun.is_none_or(|n| n.dual.is_none()) {
            return None;
        }
        noun_before = Some(Counted {
            first: p,
            last: p,
            kind: noun.map_or(Kind::Other, |n| n.kind),
            unit: noun.and_then(|n| n.unit),
            known: noun.is_some(),
        });
        first = p;
        counted = None;
    }
    // الساعات الـ24 الماضية: digits with the article follow the definite noun they count
    if counted.is_none() && noun_before.is_none() && e.digits_only && e.first >= 2 {
        let (c, p) = (e.first - 1, e.first - 2);
        let article = is_clitic_token(a, c) && a.norm(c).ends_with("ال");
        if article && is_word(a, p) && a.tokens[c].newlines_before == 0 && a.norm(p).contains("ال") {
            if let Some((_, n)) =
                lex.strip(&lex.nouns, a.norm(p)).filter(|(st, n)| st.prefix.ends_with("ال") && n.words == 1)
            {
                noun_before = Some(Counted { first: p, last: p, kind: n.kind, unit: n.unit, known: true });
                first = p;
            }
        }
    }
    let has_noun = counted.is_some() || noun_before.is_some();
    let known_noun = counted.or(noun_before).is_some_and(|c| c.known);
    if not_a_claim(a, lex, e, has_noun, known_noun) {
        return None;
    }
    // rule `bare-year`: four digits alone are a year, unless a bound makes them a figure
    // (تجاوز الـ2000، أكثر من 2000)
    let bounded = || {
        qualifier_before(a, lex, e.first).is_some()
            || (e.first > 0 && is_clitic_token(a, e.first - 1) && qualifier_before(a, lex, e.first - 1).is_some())
    };
    if !has_noun && bare_year(a, e) && !bounded() {
        return None;
    }
    if e.min == 0.0 && e.max == 0.0 && !has_noun {
        return None;
    }
    let noun = counted.or(noun_before);
    let mut last = counted.map_or(e.last, |c| c.last);
    // ثلاث ساعات ونصف: the fraction after the unit adds to the count
    let mut half = 0.0;
    if let Some(c) = counted.filter(|_| !e.vague) {
        if let Some((f, l)) = fraction_after_unit(a, lex, c.last + 1, c.kind, c.unit) {
            half = f;
            last = l;
        }
    }
    let core_last = last;
    // qualifier before, possibly behind a clitic token (ما يقارب الـ300)
    let mut qualifier = Qualifier::Exact;
    let mut q_first = None;
    let lookup_end = if first > 0 && is_clitic_token(a, first - 1) { [first, first - 1] } else { [first, first] };
    for end in lookup_end {
        if let Some((k, q)) = qualifier_before(a, lex, end) {
            qualifier = q;
            q_first = Some(k);
            break;
        }
    }
    // "نسبة 10" and "بنسبة 50" say percent without a sign
    let pct_before =
        first >= 1 && (g.percent_head.has(Lexicon::bare(a.norm(first - 1))) || g.percent_head.has(a.norm(first - 1)));
    // rule `percent-marker-before`: `بالمائة 10` (the marker first, as in lists and tables)
    let marker_before = counted.is_none()
        && noun_before.is_none()
        && first >= 1
        && a.same_line(first - 1, first)
        && lex.percent_words.iter().any(|p| p.len() == 1 && p[0] == a.norm(first - 1));
    if let Some((k, q)) = qualifier_after(a, lex, last + 1) {
        // a bound after overrides an approximation before (حوالي 500 أو أقل: at most 500)
        if q_first.is_none()
            || qualifier == Qualifier::Exact
            || (qualifier == Qualifier::Approx && matches!(q, Qualifier::AtLeast | Qualifier::AtMost))
        {
            qualifier = q;
        }
        last = k;
    }
    if let Some(k) = q_first {
        first = k;
        // `لم يقتل أكثر من 15`: a negated verb turns "more than" into "no more than"
        if negated_verb_before(a, k) {
            qualifier = match qualifier {
                Qualifier::AtLeast => Qualifier::AtMost,
                Qualifier::AtMost => Qualifier::AtLeast,
                q => q,
            };
        }
    }
    let noun = noun.or_else(|| count_of_before(a, lex, first));
    if q_first.is_none() && qualifier == Qualifier::Exact {
        if let Some(q) = bound_before_count(a, lex, first) {
            qualifier = q;
        }
    }
    if let Some(k) = q_first {
        if qualifier == Qualifier::AtMost && reach_is_exact(a, lex, k) {
            qualifier = Qualifier::Exact;
        }
    }
    // قتل 200، أصيب 300 بجروح: what happened says who was counted
    let after_people_verb = first >= 1 && is_word(a, first - 1) && {
        let w = a.norm(first - 1);
        lex.people_verbs.contains_key(w) || lex.strip(&lex.people_verbs, w).is_some()
    };
    let noun = match noun {
        Some(c) if after_people_verb && !c.known && c.kind != Kind::People => None,
        n => n,
    };
    let (kind, unit) = match noun {
        Some(c) => (c.kind, c.unit),
        None if pct_before || marker_before => (Kind::Percent, None),
        // a vague count standing alone in news is nearly always of people (المئات فرّوا)
        None if e.vague || after_people_verb => (Kind::People, None),
        None => (Kind::Other, None),
    };
    let (min, max) = if e.vague {
        qualifier = Qualifier::Vague;
        (Some(e.min), Some(e.max))
    } else {
        match qualifier {
            Qualifier::AtLeast => (Some(e.min + half), None),
            Qualifier::AtMost => (None, Some(e.max + half)),
            _ => (Some(e.min + half), Some(e.max + half)),
        }
    };
    if marker_before && q_first.is_none() {
        first -= 1;
    }
    // a percent sign measures, it does not name what is counted
    let counted_span = noun.filter(|c| a.norm(c.first) != "%").map(|c| {
        // the partitive من is not part of the counted noun
        let f = if g.partitive.has(a.norm(c.first)) && c.first < c.last { c.first + 1 } else { c.first };
        (f, c.last)
    });
    Some(Draft { first, last, min, max, qualifier, kind, counted: counted_span, unit, core_last })
}

/// Rule `projection`: a figure stated as what it may reach, not what it is. A verb of
/// reaching (`يصل`, `يرتفع`, `يتجاوز`: grammar_words.tsv's may_reach) right behind a
/// projection word (`قد يصل إلى 60`) or behind one and أن (`من المتوقع أن يرتفع إلى 100`,
/// `يتوقع أن يصل`), at the claim's start (token `first`) or at most six words before it on
/// its line, with only words between (no number, no punctuation). `ارتفع ليصل إلى 280`
/// says what a change came to and `قد ارتفع` is "has risen": neither has a listed verb
/// behind a projection word. `triggers`: the words' lexicon bits (TRIGGER_REACH).
pub fn projected(a: &Analyzed<'_>, triggers: &[u8], first: usize) -> bool {
    // most claims have no verb of reaching in reach: one pass over their bits says so
    let reach = crate::lexicon::TRIGGER_REACH;
    if !triggers[first.saturating_sub(6)..=first].iter().any(|t| t & reach != 0) {
        return false;
    }
    let g = grammar_words();
    // the word at k, when only spaces part it from the token after it
    let word_before = |k: usize| (is_word(a, k) && a.tokens[k + 1].newlines_before == 0).then(|| a.norm(k));
    let mut v = first;
    for _ in 0..=6 {
        if triggers[v] & reach != 0 && g.may_reach.has(a.norm(v)) {
            let before = v.checked_sub(1).and_then(word_before);
            if before.is_some_and(|w| g.projection.has(w)) {
                return true;
            }
            let expected = || v.checked_sub(2).and_then(word_before).is_some_and(|w| g.projection.has(w));
            if before.is_some_and(|w| g.that.has(w)) && expected() {
                return true;
            }
        }
        if v == 0 || a.tokens[v].newlines_before > 0 || !is_word(a, v - 1) {
            return false;
        }
        v -= 1;
    }
    false
}

fn finish(a: &Analyzed<'_>, d: Draft) -> Quantity {
    let start = a.tokens[d.first].start as usize;
    let end = a.tokens[d.last].end as usize;
    Quantity {
        start,
        end,
        text: a.text[start..end].to_string(),
        min: d.min,
        max: d.max,
        qualifier: d.qualifier,
        kind: d.kind,
        counted: d.counted.map(|(f, l)| a.span_text(f, l).to_string()),
        unit: d.unit.map(str::to_string),
        speaker: None,
        cue: None,
        stance: Stance::Assert,
        source: None,
        // marked by the caller, which holds the words' lexicon bits the rule reads
        projection: false,
        frame: Default::default(),
    }
}

/// `ونصف` / `وربع` (and `ونصف الساعة`, repeating the unit) after a measured noun:
/// the fraction to add to its count and the last token it takes. Only measures
/// (durations, distances, weights) take a fraction this way.
fn fraction_after_unit(
    a: &Analyzed<'_>,
    lex: &Lexicon,
    k: usize,
    kind: Kind,
    unit: Option<&str>,
) -> Option<(f64, usize)> {
    let unit = unit?;
    if !matches!(kind, Kind::Duration | Kind::Distance | Kind::Weight)
        || !is_word(a, k)
        || a.tokens[k].newlines_before > 0
    {
        return None;
    }
    let frac = *lex.fractions.get(a.norm(k).strip_prefix('و')?)?;
    if frac >= 1.0 {
        return None;
    }
    let repeats_unit = is_word(a, k + 1)
        && a.tokens[k + 1].newlines_before == 0
        && lex.strip(&lex.nouns, a.norm(k + 1)).is_some_and(|(_, n)| n.unit == Some(unit));
    Some((frac, if repeats_unit { k + 1 } else { k }))
}

/// A dual noun that counts itself (يومين، ساعتين، سيارتان): two of its kind.
pub fn dual_claim_at(a: &Analyzed<'_>, i: usize) -> Option<(Quantity, usize)> {
    let lex = lexicon();
    if !is_word(a, i) {
        return None;
    }
    let (_, noun) = lex.strip(&lex.nouns, a.norm(i))?;
    let mut two = noun.dual.filter(|_| noun.words == 1)?;
    let (mut first, mut last) = (i, i);
    // ساعتين ونصف (الساعة): two and a half
    let half = fraction_after_unit(a, lex, i + 1, noun.kind, noun.unit);
    // a number word after it restates the count (يومين اثنين): that number is the claim
    if (half.is_none() && crate::numbers::starts_number(a, i + 1)) || (i > 0 && crate::numbers::starts_number(a, i - 1))
    {
        return None;
    }
    if let Some((f, l)) = half {
        two += f;
        last = l;
    }
    let core_last = last;
    let mut qualifier = Qualifier::Exact;
    if let Some((k, q)) = qualifier_before(a, lex, i) {
        first = k;
        qualifier = q;
    }
    if let Some((k, q)) = qualifier_after(a, lex, i + 1) {
        last = k;
        qualifier = q;
    }
    let (min, max) = match qualifier {
        Qualifier::AtLeast => (Some(two), None),
        Qualifier::AtMost => (None, Some(two)),
        _ => (Some(two), Some(two)),
    };
    let d =
        Draft { first, last, min, max, qualifier, kind: noun.kind, counted: Some((i, i)), unit: noun.unit, core_last };
    Some((finish(a, d), last))
}

#[cfg(test)]
mod tests {
    use crate::test_quantities as quantities;

    type Want = (&'static str, Option<f64>, Option<f64>, &'static str, &'static str, Option<&'static str>);

    /// Each rule with sentences of our own: the claim's text, min, max, qualifier, kind, unit.
    #[test]
    fn claims_table() {
        let cases: &[(&str, Want)] = &[
            // qualifiers before, with clitics on the qualifier and on the number
            ("وصل لنحو 300 نازح", ("لنحو 300 نازح", Some(300.0), Some(300.0), "approx", "people", None)),
            ("تقدر بحوالي 3000 دولار", ("بحوالي 3000 دولار", Some(3000.0), Some(3000.0), "approx", "money", Some("USD"))),
            ("بلغ ما يقارب الـ500 شخص", ("ما يقارب الـ500 شخص", Some(500.0), Some(500.0), "approx", "people", None)),
            ("قتل أكثر من 40 مدنياً", ("أكثر من 40 مدنياً", Some(40.0), None, "at_least", "people", None)),
            ("نقل ما لا يقل عن 12 جريحاً", ("ما لا يقل عن 12 جريحاً", Some(12.0), None, "at_least", "people", None)),
            ("شارك أقل من عشرين متطوعاً", ("أقل من عشرين متطوعاً", None, Some(20.0), "at_most", "people", None)),
            // qualifiers after, also behind a comma
            (
                "استمر القصف 5 ساعات تقريباً",
                ("5 ساعات تقريباً", Some(5.0), Some(5.0), "approx", "duration", Some("hour")),
            ),
            ("تدوم الرحلة يومين، كحد أقصى", ("يومين، كحد أقصى", None, Some(2.0), "at_most", "duration", Some("day"))),
            ("دفع 900 يورو كحد أدنى", ("900 يورو كحد أدنى", Some(900.0), None, "at_least", "money", Some("EUR"))),
            // ranges
            ("يتراوح العدد بين 20 و30 حافلة", ("بين 20 و30 حافلة", Some(20.0), Some(30.0), "range", "vehicles", None)),
            (
                "سار من 8 إلى 9 كيلومترات",
                ("من 8 إلى 9 كيلومترات", Some(8.0), Some(9.0), "range", "distance", Some("km")),
            ),
            (
                "تحتاج عشرين إلى ثلاثين شاحنة",
                ("عشرين إلى ثلاثين شاحنة", Some(20.0), Some(30.0), "range", "vehicles", None),
            ),
            ("نزح مئات الألوف", ("مئات الألوف", Some(200000.0), Some(999999.0), "vague", "people", None)),
            ("رأى ثلاثة أو أربعة جنود", ("ثلاثة أو أربعة جنود", Some(3.0), Some(4.0), "range", "people", None)),
            (
                "كلف ما بين 100 و150 ألف ليرة سورية",
                ("ما بين 100 و150 ألف ليرة سورية", Some(100000.0), Some(150000.0), "range", "money", Some("SYP")),
            ),
            // vague counts
            ("فر العشرات من السكان", ("العشرات من السكان", Some(20.0), Some(99.0), "vague", "people", None)),
            ("أصيب المئات بجروح", ("المئات", Some(200.0), Some(999.0), "vague", "people", None)),
            ("نزح عشرات الآلاف", ("عشرات الآلاف", Some(20000.0), Some(99999.0), "vague", "people", None)),
            ("خرج بضعة عشرات من المسلحين", ("بضعة عشرات من المسلحين", Some(20.0), Some(99.0), "vague", "people", None)),
            // percentages and money
            ("تضرر 40% من المنازل", ("40%", Some(40.0), Some(40.0), "exact", "percent", None)),
            ("ارتفعت الأسعار بنسبة 15 في المئة", ("15 في المئة", Some(15.0), Some(15.0), "exact", "percent", None)),
            ("خصص 2.5 مليون دولار", ("2.5 مليون دولار", Some(2500000.0), Some(2500000.0), "exact", "money", Some("USD"))),
            (
                "بلغت الكلفة ٤٬٠٠٠ جنيه مصري",
                ("٤٬٠٠٠ جنيه مصري", Some(4000.0), Some(4000.0), "exact", "money", Some("EGP")),
            ),
            // counted noun through عدد, and through the pronoun هم
            ("قال إن عدد الجرحى بلغ 17", ("17", Some(17.0), Some(17.0), "exact", "people", None)),
            ("نقل 30 مصاباً، 4 منهم في حالة خطرة", ("4 منهم", Some(4.0), Some(4.0), "exact", "people", None)),
            // a verb of what happens to people says who is counted; a following clause is not the noun
            ("قتل 200 وأصيب 300 بجروح", ("200", Some(200.0), Some(200.0), "exact", "people", None)),
            ("ارتفعت حصيلة القتلى إلى 45.", ("45", Some(45.0), Some(45.0), "exact", "people", None)),
            (
                "نحو مليون و200 ألف لاجئ",
                ("نحو مليون و200 ألف لاجئ", Some(1200000.0), Some(1200000.0), "approx", "people", None),
            ),
            (
                "يحتاج ثلاثة ملايين ونصف المليون شخص",
                ("ثلاثة ملايين ونصف المليون شخص", Some(3500000.0), Some(3500000.0), "exact", "people", None),
            ),
            // a bare count of arrivals: the frame reads people, and the record says so (lib.rs)
            ("وصل 40 الليلة", ("40", Some(40.0), Some(40.0), "exact", "people", None)),
            // a dual noun counts itself
            ("بقي في المدينة يومين", ("يومين", Some(2.0), Some(2.0), "exact", "duration", Some("day"))),
            // a definite number after its noun, and تجاوز
            ("خلال الأيام الثلاثة", ("الأيام الثلاثة", Some(3.0), Some(3.0), "exact", "duration", Some("day"))),
            ("نفى أن يكون العدد تجاوز الألف", ("تجاوز الألف", Some(1000.0), None, "at_least", "other", None)),
            // verb qualifiers agree with a feminine subject (الخسائر تتجاوز، الأعداد لا تقل عن)
            ("قدرت خسائر تتجاوز 5 مليارات", ("تتجاوز 5 مليارات", Some(5e9), None, "at_least", "other", None)),
            ("وصلت أعداد لا تقل عن 70 عائلة", ("لا تقل عن 70 عائلة", Some(70.0), None, "at_least", "people", None)),
            ("بلغت كلفة لا تتجاوز 200 دولار", ("لا تتجاوز 200 دولار", None, Some(200.0), "at_most", "money", Some("USD"))),
            // a possessive pronoun on the counted noun (عناصرها) keeps its kind
            ("خسرت الحركة 12 من عناصرها", ("12 من عناصرها", Some(12.0), Some(12.0), "exact", "people", None)),
            ("قتل 9 من مقاتليهم", ("9 من مقاتليهم", Some(9.0), Some(9.0), "exact", "people", None)),
            // a folded ة is not a pronoun: قطعة stays a thing
            ("صادرت 12 قطعة", ("12 قطعة", Some(12.0), Some(12.0), "exact", "other", None)),
            // people nouns of conflict reporting, and duals of people
            ("سقط 20 شهيداً", ("20 شهيداً", Some(20.0), Some(20.0), "exact", "people", None)),
            ("قتل 5 مسعفين", ("5 مسعفين", Some(5.0), Some(5.0), "exact", "people", None)),
            ("بينهم امرأتان", ("امرأتان", Some(2.0), Some(2.0), "exact", "people", None)),
            // a naming noun's number still counts a listed noun after it
            ("وصل إلى المخيم 300 لاجئ", ("300 لاجئ", Some(300.0), Some(300.0), "exact", "people", None)),
            // a negated verb turns "more than" into "no more than" (but لا يزال is "still")
            ("ولم يقتل أكثر من 15 شخصاً", ("أكثر من 15 شخصاً", None, Some(15.0), "at_most", "people", None)),
            ("لا يزال أكثر من 100 شخص محاصرين", ("أكثر من 100 شخص", Some(100.0), None, "at_least", "people", None)),
            // يصل إلى bounds a figure, لتصل إلى tells what a change came to
            ("عدد قد يصل إلى 60 قتيلاً", ("يصل إلى 60 قتيلاً", Some(60.0), Some(60.0), "exact", "people", None)),
            (
                "ارتفعت الإيرادات لتصل إلى 280 مليار دولار",
                ("280 مليار دولار", Some(2.8e11), Some(2.8e11), "exact", "money", Some("USD")),
            ),
            ("تراجع السعر بنحو دولارين", ("بنحو دولارين", Some(2.0), Some(2.0), "approx", "money", Some("USD"))),
            // a و-part with its own scale as large is the range's second end
            (
                "يتراوح العدد بين 9 آلاف و11 ألفاً",
                ("بين 9 آلاف و11 ألفاً", Some(9000.0), Some(11000.0), "range", "other", None),
            ),
            (
                "بلغ ثلاثة ملايين وخمسمائة ألف",
                ("ثلاثة ملايين وخمسمائة ألف", Some(3500000.0), Some(3500000.0), "exact", "other", None),
            ),
            // ألفاً / مليوناً: one thousand, one million (tanween written or a و-number after)
            (
                "عاد مليوناً و800 ألف حاج",
                ("مليوناً و800 ألف حاج", Some(1800000.0), Some(1800000.0), "exact", "people", None),
            ),
            (
                "عاد مليونا و800 ألف حاج",
                ("مليونا و800 ألف حاج", Some(1800000.0), Some(1800000.0), "exact", "people", None),
            ),
            (
                "دفعت مليوناً ونصف مليون دولار",
                ("مليوناً ونصف مليون دولار", Some(1500000.0), Some(1500000.0), "exact", "money", Some("USD")),
            ),
            ("وصل ألفا مقاتل", ("ألفا مقاتل", Some(2000.0), Some(2000.0), "exact", "people", None)),
            // digits with the article count the definite noun before them
            ("خلال الساعات الـ24 الماضية", ("الساعات الـ24", Some(24.0), Some(24.0), "exact", "duration", Some("hour"))),
            ("في الأيام الـ10 الأخيرة", ("الأيام الـ10", Some(10.0), Some(10.0), "exact", "duration", Some("day"))),
            // a half or a quarter after a measure adds to it, the unit repeated or not
            (
                "تستغرق الرحلة ساعتين ونصف الساعة",
                ("ساعتين ونصف الساعة", Some(2.5), Some(2.5), "exact", "duration", Some("hour")),
            ),
            ("استمر القصف ثلاث ساعات ونصف", ("ثلاث ساعات ونصف", Some(3.5), Some(3.5), "exact", "duration", Some("hour"))),
            ("مشى 5 كيلومترات وربع", ("5 كيلومترات وربع", Some(5.25), Some(5.25), "exact", "distance", Some("km"))),
            // but not after people: ونصف السكان is another figure
            ("قتل 3 أشخاص ونصف السكان فروا", ("3 أشخاص", Some(3.0), Some(3.0), "exact", "people", None)),
            // rules of the claim layer added with issue 10, each in sentences of our own
            ("أصيب نحو 1000جريح في القصف", ("نحو 1000جريح", Some(1000.0), Some(1000.0), "approx", "people", None)),
            (
                "خرج أكثر من&800&من مسلحي التنظيم",
                ("أكثر من&800&من مسلحي التنظيم", Some(800.0), None, "at_least", "people", None),
            ),
            ("قتل 3 أشخاص ونصف السكان فروا", ("ونصف السكان", Some(50.0), Some(50.0), "exact", "percent", None)),
            ("ارتفع السعر من 50 إلى 70 ليرة", ("50", Some(50.0), Some(50.0), "exact", "other", None)),
            ("ارتفع السعر من 50 إلى 70 ليرة", ("70 ليرة", Some(70.0), Some(70.0), "exact", "money", None)),
            ("دفع 600 دولار للشخص الواحد", ("600 دولار", Some(600.0), Some(600.0), "exact", "money", Some("USD"))),
            ("قتل 200 وأصيب 300 بجروح", ("300 بجروح", Some(300.0), Some(300.0), "exact", "people", None)),
            ("نقل 30 مصاباً، 4 منهم في حالة خطرة", ("30 مصاباً", Some(30.0), Some(30.0), "exact", "people", None)),
            ("سجلت درجة الحرارة سالب سبعة صباحاً", ("سالب سبعة", Some(-7.0), Some(-7.0), "exact", "other", None)),
            (
                "تراوحت الحرارة بين سالب 5 و 10 درجات",
                ("بين سالب 5 و 10 درجات", Some(-5.0), Some(10.0), "range", "other", None),
            ),
            ("وصل 3000-4000 نازح", ("3000-4000 نازح", Some(3000.0), Some(4000.0), "range", "people", None)),
            (
                "يتسع المخيم لأكثر من 200 وأقل من 500 عائلة",
                ("لأكثر من 200 وأقل من 500 عائلة", Some(200.0), Some(500.0), "range", "people", None),
            ),
            (
                "بلغ عدد المشاركين أقل من أو يساوي 80 متطوعاً",
                ("أقل من أو يساوي 80 متطوعاً", None, Some(80.0), "at_most", "people", None),
            ),
            ("سيصرف لكل أسرة 50 دولاراً أو أقل", ("50 دولاراً أو أقل", None, Some(50.0), "at_most", "money", Some("USD"))),
            ("حلقت الطائرة فوق 3 كيلومترات", ("فوق 3 كيلومترات", Some(3.0), None, "at_least", "distance", Some("km"))),
            ("المعدل >= 40 في الأحياء الشرقية", (">= 40", Some(40.0), None, "at_least", "other", None)),
            ("نزح أكثر من نصف السكان", ("أكثر من نصف السكان", Some(50.0), None, "at_least", "percent", None)),
            (
                "أصيب ثلث المقاتلين",
                ("ثلث المقاتلين", Some(33.33333333333333), Some(33.33333333333333), "exact", "percent", None),
            ),
            (
                "واحد من ثلاثة أطفال يعاني سوء التغذية",
                ("واحد من ثلاثة أطفال", Some(33.33333333333333), Some(33.33333333333333), "exact", "percent", None),
            ),
            ("دمر 1/2 المنازل", ("1/2 المنازل", Some(50.0), Some(50.0), "exact", "percent", None)),
            ("وهو ما يعادل أكثر من 60% من الموازنة", ("أكثر من 60%", Some(60.0), None, "at_least", "percent", None)),
            ("سجلت المستشفيات 40 حالة اختناق", ("40 حالة اختناق", Some(40.0), Some(40.0), "exact", "people", None)),
            ("انتشلت فرق الإنقاذ 12 جثة", ("12 جثة", Some(12.0), Some(12.0), "exact", "people", None)),
            ("تخطى عدد الجرحى 150", ("150", Some(150.0), None, "at_least", "people", None)),
            ("ارتفعت حصيلة قتلى القصف على البلدة إلى 35", ("35", Some(35.0), Some(35.0), "exact", "people", None)),
            (
                "وصل إلى نحو 9 آلاف عدد العائدين",
                ("نحو 9 آلاف عدد العائدين", Some(9000.0), Some(9000.0), "approx", "people", None),
            ),
            (
                "قال إن عدد النازحين يصل إلى 7 آلاف",
                ("يصل إلى 7 آلاف", Some(7000.0), Some(7000.0), "exact", "people", None),
            ),
            (
                "مدى الصاروخ يصل إلى 300 كيلومتر",
                ("يصل إلى 300 كيلومتر", None, Some(300.0), "at_most", "distance", Some("km")),
            ),
            ("تجاوز الضحايا الـ3000", ("تجاوز الضحايا الـ3000", Some(3000.0), None, "at_least", "people", None)),
        ];
        // every claim an input yields must be listed: an extra one fails too
        let mut extra = Vec::new();
        for (input, _) in cases {
            for q in quantities(input) {
                if !cases.iter().any(|(i, w)| i == input && w.0 == q.text) {
                    extra.push(format!(
                        "{input}: {:?} {:?}..{:?} {} {}",
                        q.text,
                        q.min,
                        q.max,
                        q.qualifier.as_str(),
                        q.kind.as_str()
                    ));
                }
            }
        }
        assert!(extra.is_empty(), "claims not in the table:\n{}", extra.join("\n"));
        for (input, want) in cases {
            let got = quantities(input);
            let q = got
                .iter()
                .find(|q| q.text == want.0)
                .unwrap_or_else(|| panic!("{input}: no claim {:?} in {got:#?}", want.0));
            assert_eq!(
                (q.min, q.max, q.qualifier.as_str(), q.kind.as_str(), q.unit.as_deref()),
                (want.1, want.2, want.3, want.4, want.5),
                "{input}"
            );
        }
    }

    /// Every row of the bound grammar the claim layer reads qualifies a count as its row
    /// says, before the number or after the number and its noun (the scanner's rows are
    /// checked in scan.rs).
    #[test]
    fn every_claims_row_of_the_bound_grammar_qualifies_as_it_says() {
        let mut failures = Vec::new();
        for (n, r) in crate::lexicon::rows(crate::lexicon::BOUNDS_TSV).filter(|(_, r)| r[3] != "scan") {
            let (phrase, pos, cmp) = (r[0], r[1], r[2]);
            let want = match cmp {
                "gt" | "ge" => "at_least",
                "lt" | "le" => "at_most",
                "eq" => "exact",
                _ => "approx",
            };
            let (input, text) = if pos == "before" {
                (format!("أحصت اللجنة {phrase} 50 شخصاً"), format!("{phrase} 50 شخصاً"))
            } else {
                (format!("أحصت اللجنة 50 شخصاً {phrase}"), format!("50 شخصاً {phrase}"))
            };
            let got: Vec<(String, &str)> =
                quantities(&input).into_iter().map(|q| (q.text, q.qualifier.as_str())).collect();
            if got != [(text, want)] {
                failures.push(format!("bounds.tsv line {n}: {input}: {got:?}, want {want}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn every_count_head_passes_the_quick_filter() {
        for (n, r) in crate::lexicon::rows(crate::lexicon::COUNT_HEADS_TSV) {
            let w = isnad_text::normalize_str(r[0]);
            assert!(super::may_be_count_head(&w), "count_heads.tsv line {n}: {w} fails may_be_count_head");
        }
    }

    /// Numbers that are not claims, in sentences of our own.
    #[test]
    fn not_claims_table() {
        let cases = [
            "حلقت طائرة F-16 فوق المدينة",
            // الاثنين after a singular noun, or alone, is Monday
            "أعلنت الوزارة اليوم الاثنين بدء الحملة",
            "وصل الوفد يوم الاثنين",
            // names with digits after a hyphen, and numbers after a naming noun, whatever
            // unlisted word or ل-phrase follows
            "انتشر فيروس كوفيد-19 في البلاد",
            "أصدر المرسوم رقم 10 لعام 2018",
            "تمركزت الفرقة 17 قرب المدينة",
            "ورد في الصفحة 12 من التقرير",
            // كل واحد: each one
            "وكل واحد منا نقل أمتعته",
            // a particle before a lone واحداً is no noun it follows
            "وبحسب الإحصاءات، فإن واحداً منهم مريض",
            "وفي المادة الـ24 من القانون",
            "قصفت طائرة AC-130 الموقع",
            "للتواصل اتصلوا على +963 912 345 678",
            "الرقم 0933123456 للطوارئ",
            "راجع الموقع https://example.org/page?id=300 للمزيد",
            "أرسلوا إلى info2024@example.com",
            "المشاهدات : 5120",
            "صدر القرار 2254 عن مجلس الأمن",
            "وصلت القافلة الساعة 10 صباحاً",
            "للمرة الثانية هذا العام",
            "كان ذلك في عام 2014",
            "أحد السائقين قال ذلك",
            "وقعت الحادثة في 2015 قرب الحدود",
            "اتصلوا على 0944-512-733 للاستفسار",
            "بدأ الاجتماع 10:30 صباحا",
        ];
        for input in cases {
            let got = quantities(input);
            assert!(got.is_empty(), "{input}: {got:#?}");
        }
    }
}
