//! Arabic number grammar over tokens: digits, number words in every case and gender,
//! teens, hundreds spelled every way, scales after digits or words (`7 آلاف`،
//! `2.5 مليون`), duals, compounds joined by و in either order, fractions, and vague
//! counts (عشرات، مئات الآلاف، بضعة عشرات).

use std::sync::OnceLock;

use crate::lexicon::Map;
use isnad_text::{normalize_str, Analyzed, TokKind};

use crate::lexicon::{lexicon, rows, NumClass, Stripped, VagueRole};

/// Fraction words that are not fractions on their own (see `data/ar/fraction_words.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FracRole {
    /// A plural denominator (أخماس، أرباع): a fraction only after a count (ثلاثة أخماس).
    Plural,
    /// A cardinal's spelling that is also a fraction (خمس = five or a fifth): a fraction
    /// only directly before a definite noun (خمس السكان), where a cardinal cannot stand.
    Homograph,
}

pub const FRACTION_WORDS_TSV: &str = isnad_lang::words::ar::FRACTION_WORDS;

fn fraction_words() -> &'static Map<String, (f64, FracRole)> {
    static MAP: OnceLock<Map<String, (f64, FracRole)>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = Map::default();
        for (n, r) in rows(FRACTION_WORDS_TSV) {
            // the list is compiled in and checked by a unit test: a bad row is a build defect
            let [form, value, role] = r[..] else { panic!("data/ar/fraction_words.tsv line {n}: want 3 columns") };
            let value = crate::lexicon::parse_value(value)
                .unwrap_or_else(|| panic!("data/ar/fraction_words.tsv line {n}: value"));
            let role = match role {
                "plural" => FracRole::Plural,
                "homograph" => FracRole::Homograph,
                _ => panic!("data/ar/fraction_words.tsv line {n}: unknown role"),
            };
            m.insert(normalize_str(form), (value, role));
        }
        m
    })
}

/// One number expression found in the tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct NumExpr {
    /// First and last token (inclusive).
    pub first: usize,
    pub last: usize,
    pub min: f64,
    pub max: f64,
    pub vague: bool,
    /// The first word carried the article (الأربع، الآلاف): such numbers follow a noun.
    pub definite: bool,
    /// Written with digits only (no number words).
    pub digits_only: bool,
    /// The expression is a fraction with nothing to scale it (نصف).
    pub bare_fraction: bool,
    /// A lone واحد is an adjective (روح واحدة), not a count on its own.
    pub lone_one: bool,
    /// The last scale word applied (1 when none): `150 ألف` has scale 1000.
    pub scale: f64,
    /// A share of a whole rather than a count: a ratio (`واحد من ثلاثة`, `1/2`) or a
    /// fraction standing alone (`نصف`), its value in 0..1. Set by the claim layer.
    pub share: bool,
}

/// Parses a number written in digits: `4000`, `4,000`, `4.000` (grouping), `2.5`, `0,08`
/// (a comma before other than three digits is a decimal comma, as in `٤,٨`).
pub fn parse_digits(s: &str) -> Option<f64> {
    let seps: Vec<(usize, char)> = s.char_indices().filter(|(_, c)| !c.is_ascii_digit()).collect();
    if seps.is_empty() {
        return s.parse().ok();
    }
    let groups: Vec<&str> = s.split([',', '.']).collect();
    let grouping = groups.len() >= 2
        && groups[1..].iter().all(|g| g.len() == 3)
        && !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[0] != "0";
    let mixed = seps.iter().any(|&(_, c)| c == ',') && seps.iter().any(|&(_, c)| c == '.');
    if grouping && !(mixed && seps.last().map(|s| s.1) != seps.first().map(|s| s.1)) {
        return groups.concat().parse().ok();
    }
    // the last separator is the decimal mark; earlier ones group thousands
    let (pos, _) = *seps.last()?;
    let int: String = s[..pos].chars().filter(char::is_ascii_digit).collect();
    let frac = &s[pos + 1..];
    format!("{}.{}", if int.is_empty() { "0" } else { &int }, frac).parse().ok()
}

#[derive(Debug, Clone, Copy)]
enum Elem {
    Digits(f64),
    Num(f64, NumClass),
    Vague(f64, f64, VagueRole),
    Fraction(f64),
    /// A plural denominator (أخماس): multiplies the count before it.
    FracPlural(f64),
}

/// The number element at token `i`, with the clitics its word carried.
fn element<'a>(a: &'a Analyzed<'_>, i: usize) -> Option<(Elem, Stripped<'a>)> {
    let t = a.tokens.get(i)?;
    let w = a.norm(i);
    match t.kind {
        TokKind::Number => {
            // digits glued to a following letter (`١مليون`, `20دولار`, `F16`) are not read
            // as a number, unless the word is a noun of people the space was lost before
            // (`نحو 1000جريح`, rule `glued-noun`): casualty counts are what scraped news
            // glues; a currency glued to digits stays out, as Recognizers-Text's specs want
            if a.tokens.get(i + 1).is_some_and(|n| {
                !n.space_before
                    && (n.kind == TokKind::Latin
                        || (n.kind == TokKind::Word && {
                            let lex = crate::lexicon::lexicon();
                            !lex.strip(&lex.nouns, a.norm(i + 1))
                                .is_some_and(|(_, n)| n.kind == isnad_model::Kind::People)
                        }))
            }) {
                return None;
            }
            Some((Elem::Digits(parse_digits(w)?), Stripped { prefix: "", stem: w }))
        }
        TokKind::Word => {
            let lex = lexicon();
            if let Some((s, n)) = lex.strip(&lex.numbers, w) {
                if n.class == NumClass::Dual && s.stem.ends_with('ا') && singular_accusative(a, i) {
                    return Some((Elem::Num(n.value / 2.0, NumClass::Scale), s));
                }
                return Some((Elem::Num(n.value, n.class), s));
            }
            if let Some((s, v)) = lex.strip(&lex.vague, w) {
                return Some((Elem::Vague(v.min, v.max, v.role), s));
            }
            if let Some((s, f)) = lex.strip(&lex.fractions, w) {
                return Some((Elem::Fraction(f), s));
            }
            if let Some((s, (f, FracRole::Plural))) = lex.strip(fraction_words(), w) {
                return Some((Elem::FracPlural(f), s));
            }
            None
        }
        _ => None,
    }
}

/// `ألفاً`، `مليوناً` are one thousand, one million in the accusative, spelled like the
/// dual construct (`ألفا مقاتل`, two thousand fighters) once the tanween is dropped.
/// The tanween says so when it is written; a و-joined number after it says so when not
/// (`مليوناً و800 ألف`: a dual construct is followed by its noun).
fn singular_accusative(a: &Analyzed<'_>, i: usize) -> bool {
    if a.orig(i).contains('\u{064B}') {
        return true;
    }
    if !a.tokens.get(i + 1).is_some_and(|t| t.kind == TokKind::Word && t.newlines_before == 0) {
        return false;
    }
    let w = a.norm(i + 1);
    if w == "و" {
        return a.tokens.get(i + 2).is_some_and(|t| t.kind == TokKind::Number && !t.space_before);
    }
    w.starts_with('و') && element(a, i + 1).is_some_and(|(e, _)| matches!(e, Elem::Num(..)))
}

/// Whether token `i` could start a number expression (cheap pre-check).
pub fn starts_number(a: &Analyzed<'_>, i: usize) -> bool {
    element(a, i).is_some_and(|(e, _)| !matches!(e, Elem::FracPlural(_)))
}

/// A cardinal spelled like a fraction (خمس، سبع، تسع، عشر) directly before a definite
/// noun on the same line: the fraction (خمس السكان = a fifth of the population). A cardinal
/// never takes a definite noun after it (خمس سنوات، السنوات الخمس), so this reading is
/// the only grammatical one. The word itself must not carry the article, and the noun
/// must not be a number word (عشر الآلاف is left alone).
fn homograph_fraction(a: &Analyzed<'_>, i: usize, s: Stripped<'_>) -> Option<f64> {
    if s.definite() {
        return None;
    }
    let &(f, role) = fraction_words().get(s.stem)?;
    if role != FracRole::Homograph {
        return None;
    }
    let n = a.tokens.get(i + 1)?;
    if n.kind != TokKind::Word || n.newlines_before > 0 || !n.space_before {
        return None;
    }
    let w = a.norm(i + 1);
    let definite = (w.starts_with("ال") || w.starts_with("لل")) && w.chars().count() >= 4;
    (definite && element(a, i + 1).is_none()).then_some(1.0 / (1.0 / f).round())
}

#[derive(Clone, Copy)]
struct State {
    total: f64,
    group: f64,
    has_group: bool,
    /// The smallest scale applied so far; later parts joined by و must be below it.
    last_scale: f64,
    /// What the previous element was, for the juxtaposition rules.
    prev: Prev,
    vague: Option<(f64, f64)>,
    words: bool,
    fraction_only: bool,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Prev {
    Count { value: f64, class: Option<NumClass> },
    Scale,
    Vague(VagueRole),
    Fraction,
}

/// Parses the longest number expression starting at token `i`.
pub fn parse_at(a: &Analyzed<'_>, i: usize) -> Option<NumExpr> {
    let (e0, s0) = element(a, i)?;
    let mut st = State {
        total: 0.0,
        group: 0.0,
        has_group: false,
        last_scale: f64::INFINITY,
        prev: Prev::Scale,
        vague: None,
        words: false,
        fraction_only: false,
    };
    let mut lone_one = false;
    if let (Elem::Num(_, NumClass::Unit), Some(f)) = (e0, homograph_fraction(a, i, s0)) {
        return Some(NumExpr {
            first: i,
            last: i,
            min: f,
            max: f,
            vague: false,
            definite: false,
            digits_only: false,
            bare_fraction: true,
            lone_one: false,
            scale: 1.0,
            share: false,
        });
    }
    match e0 {
        // أخماس alone is "fifths", not a number
        Elem::FracPlural(_) => return None,
        Elem::Digits(v) => {
            st.group = v;
            st.has_group = true;
            st.prev = Prev::Count { value: v, class: None };
        }
        Elem::Num(v, class) => {
            st.words = true;
            match class {
                NumClass::UnitTeenOnly => {
                    // أحد/إحدى count only as the first half of a teen (أحد عشر)
                    let next = element(a, i + 1);
                    if !matches!(next, Some((Elem::Num(10.0, NumClass::Unit), s)) if s.prefix.is_empty()) {
                        return None;
                    }
                    st.group = v;
                    st.has_group = true;
                    st.prev = Prev::Count { value: v, class: Some(class) };
                }
                NumClass::Scale | NumClass::Dual if v >= 1000.0 => {
                    st.total = v;
                    st.last_scale = if class == NumClass::Dual { v / 2.0 } else { v };
                    st.prev = Prev::Scale;
                }
                NumClass::Plural => {
                    // آلاف with no count before it: thousands, vaguely
                    st.vague = Some((2.0 * v, 10.0 * v - 1.0));
                    st.last_scale = v;
                    st.prev = Prev::Scale;
                }
                _ => {
                    lone_one = v == 1.0 && class == NumClass::Unit;
                    st.group = v;
                    st.has_group = true;
                    st.prev = Prev::Count { value: v, class: Some(class) };
                }
            }
        }
        Elem::Vague(min, max, role) => {
            st.words = true;
            st.vague = Some((min, max));
            st.prev = Prev::Vague(role);
        }
        Elem::Fraction(f) => {
            st.words = true;
            st.group = f;
            st.has_group = true;
            st.fraction_only = true;
            st.prev = Prev::Fraction;
        }
    }
    let mut last = i;
    loop {
        // the next element, either glued with a و clitic, after a lone و token, or juxtaposed
        let (j, conj) = if a.tokens.get(last + 1).is_some_and(|t| t.kind == TokKind::Word) && a.norm(last + 1) == "و" {
            (last + 2, true)
        } else {
            (last + 1, false)
        };
        if a.tokens.get(j).is_some_and(|t| t.newlines_before > 0) {
            break;
        }
        let Some((e, s)) = element(a, j) else { break };
        let conj = conj || s.prefix == "و";
        // a fractional part after و: عشرون وثلاثة أخماس، واحد وثلاثة أرباع
        if conj
            && st.vague.is_none()
            && !matches!(st.prev, Prev::Fraction | Prev::Vague(_))
            && (s.prefix == "و" || s.prefix.is_empty())
        {
            if let (Elem::Num(num, NumClass::Unit), Some((Elem::FracPlural(f), fs))) = (e, element(a, j + 1)) {
                let glued = a.tokens.get(j + 1).is_some_and(|t| t.newlines_before == 0);
                if fs.prefix.is_empty() && glued && num >= 1.0 && (st.has_group || st.total > 0.0) {
                    st.group += num / (1.0 / f).round();
                    st.has_group = true;
                    st.prev = Prev::Fraction;
                    st.words = true;
                    lone_one = false;
                    last = j + 1;
                    continue;
                }
            }
        }
        // only a vague count takes its scale with the article (عشرات الآلاف)
        // only a vague count takes its scale with the article (عشرات الآلاف), and a half
        // names the scale it halves (ثلاثة ملايين ونصف المليون)
        let article_ok = s.prefix == "ال" && matches!(st.prev, Prev::Vague(_) | Prev::Fraction);
        if !conj && !s.prefix.is_empty() && !article_ok {
            break;
        }
        let before = st;
        if !combine(&mut st, e, conj) {
            break;
        }
        // بين 9 آلاف و11 ألفاً: a part that takes a scale as large as the one it would
        // join is a number of its own
        // (ونصف مليون halves the scale instead: it stays)
        if conj && !matches!(e, Elem::Fraction(_)) {
            let scaled = element(a, j + 1).is_some_and(|(e2, s2)| {
                s2.prefix.is_empty()
                    && matches!(e2, Elem::Num(v2, NumClass::Scale | NumClass::Dual | NumClass::Plural) if v2 >= before.last_scale)
            });
            if scaled && a.tokens[j + 1].newlines_before == 0 {
                st = before;
                break;
            }
        }
        lone_one = false;
        last = j;
    }
    let definite = s0.definite();
    let (min, max, vague) = match st.vague {
        Some((lo, hi)) if !st.has_group && st.total == 0.0 => (lo, hi, true),
        Some((lo, hi)) => (lo + st.total + st.group, hi + st.total + st.group, true),
        None => {
            let v = st.total + st.group;
            (v, v, false)
        }
    };
    Some(NumExpr {
        first: i,
        last,
        min,
        max,
        vague,
        definite,
        digits_only: !st.words,
        bare_fraction: st.fraction_only && st.total == 0.0,
        lone_one,
        scale: if st.last_scale.is_finite() { st.last_scale } else { 1.0 },
        share: false,
    })
}

/// Applies element `e` to the state; false when it cannot continue this number.
fn combine(st: &mut State, e: Elem, conj: bool) -> bool {
    match (st.prev, e, conj) {
        // teens: ثلاثة عشر، أحد عشر، اثنا عشر
        (
            Prev::Count { value, class: Some(NumClass::Unit | NumClass::UnitTeenOnly) },
            Elem::Num(v, NumClass::Unit),
            false,
        ) if v == 10.0 && (1.0..=9.0).contains(&value) => {
            st.group += 10.0;
            st.prev = Prev::Count { value: value + 10.0, class: Some(NumClass::Ten) };
            true
        }
        // hundreds spelled apart: ثلاث مئة، ٣ مئة
        (Prev::Count { value, class }, Elem::Num(100.0, NumClass::Hundred), false)
            if (2.0..=9.0).contains(&value) && matches!(class, None | Some(NumClass::Unit)) =>
        {
            st.group = st.group - value + value * 100.0;
            st.prev = Prev::Count { value: value * 100.0, class: Some(NumClass::Hundred) };
            st.words = true;
            true
        }
        // a count times a scale: 7 آلاف، خمسون ألفاً، 2.5 مليون، ثلاثة عشر مليار
        (
            Prev::Count { .. } | Prev::Fraction,
            Elem::Num(v, NumClass::Scale | NumClass::Plural | NumClass::Dual),
            false,
        ) if st.has_group && v >= 1000.0 => {
            let scale = if matches!(e, Elem::Num(_, NumClass::Dual)) { v / 2.0 } else { v };
            if scale >= st.last_scale {
                return false;
            }
            st.total += st.group * scale;
            st.group = 0.0;
            st.has_group = false;
            st.last_scale = scale;
            st.prev = Prev::Scale;
            st.words = true;
            st.fraction_only = false;
            true
        }
        // مائة آلاف
        (Prev::Count { value, class: Some(NumClass::Hundred) }, Elem::Num(v, NumClass::Plural), false)
            if v >= 1000.0 && value > 0.0 =>
        {
            st.total += st.group * v;
            st.group = 0.0;
            st.has_group = false;
            st.last_scale = v;
            st.prev = Prev::Scale;
            true
        }
        // vague counts of a scale: عشرات الآلاف، بضعة آلاف، بضعة عشرات
        (Prev::Vague(role), Elem::Num(v, NumClass::Plural | NumClass::Scale), false) if v >= 1000.0 => {
            let (lo, hi) = st.vague.unwrap_or((2.0, 9.0));
            st.vague = Some(match role {
                VagueRole::Plural => (lo * v, hi * v + (v - 1.0)),
                VagueRole::Few => (2.0 * v, 10.0 * v - 1.0),
            });
            st.prev = Prev::Scale;
            st.last_scale = v;
            true
        }
        (Prev::Vague(VagueRole::Few), Elem::Vague(lo, hi, VagueRole::Plural), false) => {
            st.vague = Some((lo, hi));
            st.prev = Prev::Vague(VagueRole::Plural);
            true
        }
        // parts joined by و: ثلاثة آلاف وخمسمائة، مائة وواحد وستون، مليون وألفين
        (prev, Elem::Num(v, class), true) if !matches!(prev, Prev::Vague(_) | Prev::Fraction) && st.vague.is_none() => {
            if matches!(class, NumClass::Plural | NumClass::UnitTeenOnly | NumClass::Zero) {
                return false;
            }
            let (add_total, value) = match class {
                NumClass::Scale | NumClass::Dual if v >= 1000.0 => (true, v),
                _ => (false, v),
            };
            if value >= st.last_scale {
                return false;
            }
            match prev {
                // units come before tens in Arabic (خمسة وعشرون); nothing follows a ten
                Prev::Count { value: pv, class: Some(NumClass::Unit) } if pv < 10.0 && class != NumClass::Ten => {
                    return false;
                }
                Prev::Count { value: pv, class: Some(NumClass::Unit) } if pv < 10.0 => {}
                Prev::Count { value: pv, .. } if pv < 100.0 => return false,
                Prev::Count { value: pv, .. } if value >= pv => return false,
                _ => {}
            }
            if add_total {
                st.total += value;
                st.last_scale = if class == NumClass::Dual { value / 2.0 } else { value };
                st.prev = Prev::Scale;
            } else {
                st.group += value;
                st.has_group = true;
                st.prev = Prev::Count { value, class: Some(class) };
            }
            st.words = true;
            true
        }
        // digits after a number word and و: ثلاثة آلاف و500، ٣ مئة و ٢١
        (Prev::Scale | Prev::Count { class: Some(NumClass::Hundred), .. }, Elem::Digits(v), true)
            if st.words && v < st.last_scale.min(1000.0) =>
        {
            st.group += v;
            st.has_group = true;
            st.prev = Prev::Count { value: v, class: None };
            true
        }
        // a count of a plural denominator: ثلاثة أخماس، خمسة أثمان، واحد وعشرون أخماس; after a
        // hundred joined by و the count is the part below the hundred (مئة وثلاثة أرباع = 100¾)
        (Prev::Count { value, .. }, Elem::FracPlural(f), false)
            if st.has_group && value >= 1.0 && value.fract() == 0.0 =>
        {
            let part = if st.group >= 100.0 && st.group % 100.0 != 0.0 { st.group % 100.0 } else { st.group };
            if part > 99.0 && part != st.group {
                return false;
            }
            let whole = part == st.group;
            // divide by the denominator: 3 / 5 is exactly 0.6, 3 × 0.2 is not
            st.group = st.group - part + part / (1.0 / f).round();
            st.prev = Prev::Fraction;
            st.words = true;
            st.fraction_only = whole && st.total == 0.0;
            true
        }
        // ونصف المليون: the article-marked scale after a fraction only restates the scale
        (Prev::Fraction, Elem::Num(v, NumClass::Scale), false) if v == st.last_scale && !st.has_group => {
            st.prev = Prev::Scale;
            true
        }
        // واحد ونصف، خمسة وربع
        (Prev::Count { .. } | Prev::Scale, Elem::Fraction(f), true) if st.vague.is_none() => {
            if st.has_group {
                st.group += f;
            } else {
                st.total += f * st.last_scale;
            }
            st.prev = Prev::Fraction;
            true
        }
        _ => false,
    }
}

/// A number read as a value standing on its own, for number recognition
/// ([`crate::scan`]) rather than for claims: on top of [`parse_at`] it reads a sign
/// (سالب، ناقص، a `-` glued to digits), ratios (`واحد على مائة`، `واحد من ثلاثة`،
/// `١ جزء من ثلاثة`، `جزء من مئة`), digit fractions (`٣/٤`، `-١ ٤/٥`) and digits grouped
/// by spaces (`١ ٢٣٤ ٥٦٧`). The claim extractor never uses it: in news `واحد من ثلاثة
/// مسلحين` is one of three gunmen, not a third.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub first: usize,
    pub last: usize,
    pub min: f64,
    pub max: f64,
    pub vague: bool,
    /// A lone واحد with no sign or ratio (أي واحد تفضل): a pronoun, not a number.
    pub lone_one: bool,
    pub definite: bool,
    pub digits_only: bool,
}

fn is_word_tok(a: &Analyzed<'_>, i: usize, w: &str) -> bool {
    a.tokens.get(i).is_some_and(|t| t.kind == TokKind::Word && t.newlines_before == 0) && a.norm(i) == w
}

fn is_glued_punct(a: &Analyzed<'_>, i: usize, p: &str) -> bool {
    a.tokens.get(i).is_some_and(|t| !t.space_before) && a.is_punct(i, p)
}

fn plain_digits<'t>(a: &'t Analyzed<'_>, i: usize) -> Option<&'t str> {
    let t = a.tokens.get(i)?;
    let w = a.norm(i);
    (t.kind == TokKind::Number && w.bytes().all(|b| b.is_ascii_digit())).then_some(w)
}

/// `٣/٤`: digits, a glued slash, digits (an integer numerator and a non-zero denominator).
fn slash_fraction(a: &Analyzed<'_>, i: usize) -> Option<(f64, usize)> {
    let n: f64 = plain_digits(a, i)?.parse().ok()?;
    if i > 0 && is_glued_punct(a, i - 1, "/") && !a.tokens[i].space_before {
        return None;
    }
    if !is_glued_punct(a, i + 1, "/") || a.tokens.get(i + 2).is_none_or(|t| t.space_before) {
        return None;
    }
    let d: f64 = plain_digits(a, i + 2)?.parse().ok()?;
    // a third part (٥/١٧/٢٠١٨) makes it a date, not a fraction
    if d == 0.0
        || is_glued_punct(a, i + 3, "/")
        || a.tokens.get(i + 3).is_some_and(|t| !t.space_before && t.kind == TokKind::Word)
    {
        return None;
    }
    Some((n / d, i + 2))
}

/// The unsigned value at `i`: a digit fraction, digits grouped by spaces, or [`parse_at`].
fn base_at(a: &Analyzed<'_>, i: usize) -> Option<Reading> {
    let plain = |e: NumExpr| Reading {
        first: e.first,
        last: e.last,
        min: e.min,
        max: e.max,
        vague: e.vague,
        lone_one: e.lone_one,
        definite: e.definite,
        digits_only: e.digits_only,
    };
    let whole = |first, last, v| Reading {
        first,
        last,
        min: v,
        max: v,
        vague: false,
        lone_one: false,
        definite: false,
        digits_only: true,
    };
    if let Some((f, last)) = slash_fraction(a, i) {
        return Some(whole(i, last, f));
    }
    if let Some(int) = plain_digits(a, i) {
        let next_same_line = |k: usize| a.tokens.get(k).is_some_and(|t| t.space_before && t.newlines_before == 0);
        // a whole number and a digit fraction: ١ ٤/٥
        if next_same_line(i + 1) {
            if let Some((f, last)) = slash_fraction(a, i + 1) {
                if f < 1.0 {
                    return Some(whole(i, last, int.parse::<f64>().ok()? + f));
                }
            }
        }
        // digits grouped by spaces: ١ ٢٣٤ ٥٦٧ (a first group of one to three digits, then
        // groups of exactly three)
        if int.len() <= 3 && int != "0" {
            let mut k = i;
            let mut s = int.to_string();
            while next_same_line(k + 1)
                && plain_digits(a, k + 1).is_some_and(|g| g.len() == 3)
                && !is_glued_punct(a, k + 2, "/")
            {
                s.push_str(a.norm(k + 1));
                k += 1;
            }
            if k > i && a.tokens.get(k + 1).is_none_or(|t| t.kind != TokKind::Number) {
                return Some(whole(i, k, s.parse().ok()?));
            }
        }
    }
    // جزء من مئة: one part of
    if is_word_tok(a, i, "جزء") && is_word_tok(a, i + 1, "من") {
        let d = parse_at(a, i + 2).filter(|d| !d.vague && !d.definite && d.min > 0.0)?;
        let v = 1.0 / d.min;
        return Some(Reading {
            first: i,
            last: d.last,
            min: v,
            max: v,
            vague: false,
            lone_one: false,
            definite: false,
            digits_only: false,
        });
    }
    parse_at(a, i).map(plain)
}

/// Reads the number at token `i` as a value: see [`Reading`].
pub fn read_value_at(a: &Analyzed<'_>, i: usize) -> Option<Reading> {
    let t = a.tokens.get(i)?;
    let sign_word = t.kind == TokKind::Word && matches!(a.norm(i), "سالب" | "ناقص");
    let sign_mark = a.is_punct(i, "-")
        && a.tokens.get(i + 1).is_some_and(|n| n.kind == TokKind::Number && !n.space_before)
        // not the hyphen of a range or a code (1000-5000، AC-130)
        && !(i > 0 && !t.space_before && matches!(a.tokens[i - 1].kind, TokKind::Number | TokKind::Latin | TokKind::Word));
    let (neg, j) = if sign_word || sign_mark { (true, i + 1) } else { (false, i) };
    if neg && a.tokens.get(j).is_none_or(|n| n.newlines_before > 0) {
        return None;
    }
    let mut r = base_at(a, j)?;
    // ratios: X على Y، X جزء من Y، X من Y (a part of a larger whole)
    if !r.vague && !r.definite && r.min >= 0.0 {
        let k = r.last + 1;
        let (at, strict_part) = if is_word_tok(a, k, "علي") {
            (Some(k + 1), false)
        } else if is_word_tok(a, k, "جزء") && is_word_tok(a, k + 1, "من") {
            (Some(k + 2), false)
        } else if is_word_tok(a, k, "من") && r.min.fract() == 0.0 {
            // `واحد من كل خمسة`: one of every five
            (Some(if is_word_tok(a, k + 1, "كل") { k + 2 } else { k + 1 }), true)
        } else {
            (None, false)
        };
        if let Some(d) = at
            .and_then(|at| base_at(a, at))
            .filter(|d| !d.vague && !d.definite && d.min > 0.0 && (!strict_part || d.min > r.min))
        {
            let v = r.min / d.min;
            r = Reading {
                first: r.first,
                last: d.last,
                min: v,
                max: v,
                vague: false,
                lone_one: false,
                definite: false,
                digits_only: r.digits_only && d.digits_only,
            };
        }
    }
    if neg {
        r = Reading { first: i, min: -r.max, max: -r.min, lone_one: false, ..r };
    }
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_text::analyze;

    fn parse(s: &str) -> Option<(f64, f64, bool, String)> {
        let a = analyze(s);
        let e = parse_at(&a, 0)?;
        Some((e.min, e.max, e.vague, a.span_text(e.first, e.last).to_string()))
    }

    #[test]
    fn digits() {
        for (s, v) in [
            ("4000", 4000.0),
            ("4,000", 4000.0),
            ("4.000", 4000.0),
            ("2.5", 2.5),
            ("0,08", 0.08),
            ("4,8", 4.8),
            ("1,234,567", 1234567.0),
            ("12,220.13", 12220.13),
            ("180,25", 180.25),
            ("1.5", 1.5),
        ] {
            assert_eq!(parse_digits(s), Some(v), "{s}");
        }
    }

    #[test]
    fn number_words_table() {
        let cases: &[(&str, f64, &str)] = &[
            ("ثلاثة صبية", 3.0, "ثلاثة"),
            ("أربعة آلاف مقاتل", 4000.0, "أربعة آلاف"),
            ("أربعة ألاف", 4000.0, "أربعة ألاف"),
            ("ثلاثة آلاف وخمسمائة", 3500.0, "ثلاثة آلاف وخمسمائة"),
            ("خمسة وعشرون", 25.0, "خمسة وعشرون"),
            ("خمسة عشر يوما", 15.0, "خمسة عشر"),
            ("إحدى عشرة سنة", 11.0, "إحدى عشرة"),
            ("اثنا عشر", 12.0, "اثنا عشر"),
            ("ثلاثمئة", 300.0, "ثلاثمئة"),
            ("ثلاث مئة", 300.0, "ثلاث مئة"),
            ("ثلاث مائة وواحد وثلاثون", 331.0, "ثلاث مائة وواحد وثلاثون"),
            ("مائة وواحد وستون", 161.0, "مائة وواحد وستون"),
            ("مئتي شخص", 200.0, "مئتي"),
            ("مائتان", 200.0, "مائتان"),
            ("ألفين", 2000.0, "ألفين"),
            ("ألفى مقاتل", 2000.0, "ألفى"),
            ("ألفا", 2000.0, "ألفا"),
            ("7 آلاف", 7000.0, "7 آلاف"),
            ("400 ألف", 400000.0, "400 ألف"),
            ("2.5 مليون", 2500000.0, "2.5 مليون"),
            ("50 ألفاً من", 50000.0, "50 ألفاً"),
            ("خمسون ألفا", 50000.0, "خمسون ألفا"),
            ("مليون ليرة", 1000000.0, "مليون"),
            ("ألف مسلح", 1000.0, "ألف"),
            ("مليون وألفين ومائتين", 1002200.0, "مليون وألفين ومائتين"),
            ("واحد وعشرون تريليون", 21e12, "واحد وعشرون تريليون"),
            ("مائتين وإثنين ألف", 202000.0, "مائتين وإثنين ألف"),
            ("اثني عشر مليار", 12e9, "اثني عشر مليار"),
            ("٣ مئة و ٢١", 321.0, "٣ مئة و ٢١"),
            ("نصف مليون", 500000.0, "نصف مليون"),
            ("واحد ونصف", 1.5, "واحد ونصف"),
            ("ستة وعشرون شخص", 26.0, "ستة وعشرون"),
            ("عشر شاحنات", 10.0, "عشر"),
            ("بألفين ومائتين", 2200.0, "بألفين ومائتين"),
        ];
        for &(s, v, span) in cases {
            let got = parse(s).unwrap_or_else(|| panic!("no number in {s}"));
            assert_eq!((got.0, got.2, got.3.as_str()), (v, false, span), "{s}");
        }
    }

    #[test]
    fn vague_counts() {
        let cases: &[(&str, f64, f64, &str)] = &[
            ("عشرات الارهابيين", 20.0, 99.0, "عشرات"),
            ("للمئات من", 200.0, 999.0, "للمئات"),
            ("آلاف الدولارات", 2000.0, 9999.0, "آلاف"),
            ("الآلاف", 2000.0, 9999.0, "الآلاف"),
            ("عشرات الآلاف", 20000.0, 99999.0, "عشرات الآلاف"),
            ("بضعة عشرات من", 20.0, 99.0, "بضعة عشرات"),
            ("بضعة آلاف", 2000.0, 9999.0, "بضعة آلاف"),
        ];
        for &(s, lo, hi, span) in cases {
            let got = parse(s).unwrap();
            assert_eq!(got, (lo, hi, true, span.to_string()), "{s}");
        }
    }

    #[test]
    fn not_numbers() {
        // (digits glued to a noun of people, `1000جريح`, are read: rule `glued-noun`)
        for s in ["أحد السائقين", "20دولار", "20F", "١مليون", "٣مائة", "نحو", "الاثنين"]
        {
            let a = analyze(s);
            let e = parse_at(&a, 0);
            assert!(e.is_none() || s == "الاثنين", "{s}: {e:?}");
        }
        // two numbers in digits joined by و are a list, not one number
        assert_eq!(parse("2500 و1500").unwrap().0, 2500.0);
        // units then units are a list too
        assert_eq!(parse("ثلاثة وأربعة").unwrap().0, 3.0);
    }

    #[test]
    fn fraction_words_list_parses_and_has_no_duplicates() {
        assert!(FRACTION_WORDS_TSV.starts_with('#'));
        let mut seen = std::collections::HashSet::new();
        for (n, r) in rows(FRACTION_WORDS_TSV) {
            assert_eq!(r.len(), 3, "fraction_words.tsv line {n}");
            assert!(seen.insert(normalize_str(r[0])), "fraction_words.tsv line {n}: duplicate");
        }
        assert_eq!(fraction_words().len(), seen.len());
    }

    #[test]
    fn fractions_table() {
        // (input, value, span, bare fraction)
        let cases: &[(&str, f64, &str, bool)] = &[
            ("ثلاثة أرباع المساحة", 0.75, "ثلاثة أرباع", true),
            ("سبعة أثمان", 0.875, "سبعة أثمان", true),
            ("أربعة وثلاثة أرباع كيلومتر", 4.75, "أربعة وثلاثة أرباع", false),
            ("ثلاثون وخمسة أعشار", 30.5, "ثلاثون وخمسة أعشار", false),
            ("ثلاثة أرباع مليون", 750000.0, "ثلاثة أرباع مليون", false),
            ("مئتان وثلاثة أرباع", 200.75, "مئتان وثلاثة أرباع", false),
            ("خمس السكان", 0.2, "خمس", true),
            ("تسع المساحة", 1.0 / 9.0, "تسع", true),
            ("عشر الميزانية", 0.1, "عشر", true),
            ("سدس الأرض", 1.0 / 6.0, "سدس", true),
            ("ثلث", 1.0 / 3.0, "ثلث", true),
        ];
        for &(s, v, span, bare) in cases {
            let a = analyze(s);
            let e = parse_at(&a, 0).unwrap_or_else(|| panic!("no number in {s}"));
            assert!((e.min - v).abs() < 1e-12 && e.min == e.max, "{s}: {e:?}");
            assert_eq!((a.span_text(e.first, e.last), e.bare_fraction), (span, bare), "{s}");
        }
    }

    #[test]
    fn not_fractions() {
        // cardinals before indefinite nouns, after their noun, in teens; ثمن is a price
        let cases: &[(&str, Option<f64>)] = &[
            ("خمس سنوات", Some(5.0)),
            ("خمس عشرة دقيقة", Some(15.0)),
            ("سبع قرى", Some(7.0)),
            ("عشر الآلاف", Some(10.0)),
            ("الخمس الأولى", Some(5.0)),
            ("أرباع", None),
            ("أخماس الطريق", None),
            ("ثمن البضائع", None),
            ("أثمان السلع", None),
        ];
        for &(s, want) in cases {
            let a = analyze(s);
            assert_eq!(parse_at(&a, 0).map(|e| e.min), want, "{s}");
        }
        // خمس at the end of a line: the next line's definite noun is not its noun
        let a = analyze("خمس\nالسنوات");
        assert_eq!(parse_at(&a, 0).map(|e| e.min), Some(5.0));
    }

    #[test]
    fn readings_table() {
        let cases: &[(&str, f64, &str)] = &[
            ("سالب خمسة", -5.0, "سالب خمسة"),
            ("ناقص ٣ درجات", -3.0, "ناقص ٣"),
            ("-٤٠ تحت الصفر", -40.0, "-٤٠"),
            ("١ على ٤", 0.25, "١ على ٤"),
            ("واحد من عشرة", 0.1, "واحد من عشرة"),
            ("ثلاثة جزء من مئة", 0.03, "ثلاثة جزء من مئة"),
            ("جزء من ألف", 0.001, "جزء من ألف"),
            ("٣/٤ الكمية", 0.75, "٣/٤"),
            ("-١ ١/٢", -1.5, "-١ ١/٢"),
            ("١ ٢٣٤ ٥٦٧", 1234567.0, "١ ٢٣٤ ٥٦٧"),
            ("٥/١٧/٢٠١٨", 5.0, "٥"),
            ("عشرة من ثلاثة", 10.0, "عشرة"),
            ("واحد من الجنود", 1.0, "واحد"),
        ];
        for &(s, v, span) in cases {
            let a = analyze(s);
            let r = read_value_at(&a, 0).unwrap_or_else(|| panic!("no reading in {s}"));
            assert!((r.min - v).abs() < 1e-12, "{s}: {r:?}");
            assert_eq!(a.span_text(r.first, r.last), span, "{s}");
        }
        // lone واحد stays a pronoun; hyphens of codes and ranges are no signs
        let a = analyze("واحد من الجنود");
        assert!(read_value_at(&a, 0).unwrap().lone_one);
        for (s, at) in [("AC-130", 1), ("1000-5000", 1)] {
            let a = analyze(s);
            assert!(read_value_at(&a, at).is_none(), "{s}");
        }
        // the claim grammar reads none of this
        let a = analyze("سالب خمسة");
        assert!(parse_at(&a, 0).is_none());
        let a = analyze("واحد من ثلاثة");
        assert_eq!(parse_at(&a, 0).map(|e| e.last), Some(0));
    }
}
