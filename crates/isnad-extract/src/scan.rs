//! Number recognition for any text: every number, range and percentage, with its
//! value and its span, whether or not it is a claim. This is the API the external test
//! suites (Recognizers-Text's Arabic NumberModel, NumberRangeModel and PercentModel)
//! run against, and a tool for callers that want numbers rather than claims.
//!
//! Built from three layers:
//! - bare numbers: [`crate::numbers::read_value_at`] at every token (the claim grammar
//!   [`crate::numbers::parse_at`] plus signs, ratios and digit fractions, which are read
//!   here and never by the claim extractor);
//! - ranges and percentages in this module's small grammar of comparisons (the rows of the
//!   bound grammar `data/ar/bounds.tsv` it reads, which the claim layer shares)
//!   (`أكثر من`، `أقل من أو يساوي`، `يساوي`، `>`، `<=`، `X أو أكثر`), two-sided ranges
//!   (`بين X و Y`، `من X إلى Y`، `X - Y`، `أكبر من X وأصغر من Y`) and percent markers
//!   (`%`، `بالمئة`، `في المئة`، `نسبة X`);
//! - the claim extractor [`crate::extract`]: its ranges, bounds (at_least, at_most) and
//!   percentages that the grammar above did not find are added too, cut at their last number.
//!
//! Spans are byte offsets into the input, on character boundaries, `text == &input[start..end]`.
//! A range end's bracket (`min_inclusive`, `max_inclusive`) is set only where the words
//! say it: `أكثر من` is strict, `لا أقل من` and `أو أكثر` include the end; `بين X و Y`
//! does not say, so it stays `None`.

use isnad_model::{Kind, Qualifier, Record};
use isnad_text::{analyze, Analyzed, TokKind};

use crate::lexicon::Comparison;
use crate::numbers::{read_value_at, starts_number, Reading};
use crate::words::grammar_words;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A number on its own (also every number inside a range or a percentage).
    Number,
    /// An interval: a bound (`أكثر من 30`), an equality (`يساوي 20`) or two ends (`بين 20 و30`).
    Range,
    Percent,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    /// Byte offsets into the input (end exclusive).
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: MentionKind,
    /// Lower and upper ends; `None` is an open end. A number has both equal (or a vague
    /// count's interval, `عشرات` = 20..99); a percentage holds the percent value (50 for 50%).
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Whether each end belongs to the interval, when the text says; `None` when it does not.
    pub min_inclusive: Option<bool>,
    pub max_inclusive: Option<bool>,
    /// A vague count (عشرات، آلاف، بضعة).
    pub vague: bool,
}

/// Every number, range and percentage in `text`, ordered by start, then end.
pub fn scan_numbers(text: &str) -> Vec<NumberMention> {
    let a = analyze(text);
    let readings = readings(&a);
    let mut out: Vec<NumberMention> = Vec::new();
    for r in &readings {
        let (start, end) = span(&a, r.first, r.last);
        out.push(mention(
            text,
            start,
            end,
            MentionKind::Number,
            Some(r.min),
            Some(r.max),
            Some(true),
            Some(true),
            r.vague,
        ));
    }
    out.extend(percents(&a, &readings));
    let ranges = ranges(&a, &readings);
    out.extend(ranges);
    supplement_from_claims(&a, &readings, &mut out);
    out.sort_by_key(|x| (x.start, x.end, x.kind as u8));
    out
}

#[allow(clippy::too_many_arguments)]
fn mention(
    text: &str,
    start: usize,
    end: usize,
    kind: MentionKind,
    min: Option<f64>,
    max: Option<f64>,
    min_inclusive: Option<bool>,
    max_inclusive: Option<bool>,
    vague: bool,
) -> NumberMention {
    NumberMention {
        start,
        end,
        text: text[start..end].to_string(),
        kind,
        min,
        max,
        min_inclusive: min.and(min_inclusive),
        max_inclusive: max.and(max_inclusive),
        vague,
    }
}

fn span(a: &Analyzed<'_>, first: usize, last: usize) -> (usize, usize) {
    (a.tokens[first].start as usize, a.tokens[last].end as usize)
}

/// Whether the whitespace-delimited chunk around token `i` is a URL or an e-mail address.
fn in_url(a: &Analyzed<'_>, i: usize) -> bool {
    let t = a.tokens[i];
    let text = a.text;
    // the whitespace may be wider than a byte (a no-break space)
    let s = text[..t.start as usize]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let e = text[t.end as usize..].find(char::is_whitespace).map_or(text.len(), |p| t.end as usize + p);
    let chunk = &text[s..e];
    chunk.contains("://") || chunk.contains("www.") || chunk.contains('@') || chunk.contains("%2")
}

/// The number readings of the text, left to right, longest first, without overlaps.
fn readings(a: &Analyzed<'_>) -> Vec<Reading> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < a.tokens.len() {
        // a percent marker (بالمئة، في المئة) is not the number مئة
        let marker = is_percent_word(a, i).is_some() || (i > 0 && is_percent_word(a, i - 1) == Some(i));
        // a word glued to digits before it (١مليون) is not a number of its own
        let glued = i > 0
            && !a.tokens[i].space_before
            && a.tokens[i].kind == TokKind::Word
            && a.tokens[i - 1].kind == TokKind::Number;
        if marker || glued {
            i += 1;
            continue;
        }
        if matches!(a.tokens[i].kind, TokKind::Word | TokKind::Number | TokKind::Punct) && !in_url(a, i) {
            if let Some(r) = read_value_at(a, i) {
                let last = r.last;
                if !r.lone_one && (r.first..=r.last).all(|k| !in_url(a, k)) {
                    out.push(r);
                    i = last + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Byte offset where token `i` starts once a leading و/ف conjunction is dropped.
fn start_without_conj(a: &Analyzed<'_>, i: usize, conj: bool) -> usize {
    let t = a.tokens[i];
    if !conj {
        return t.start as usize;
    }
    let orig = a.orig(i);
    let mut it = orig.char_indices().skip(1);
    // skip the conjunction and any marks on it
    for (k, c) in &mut it {
        if !isnad_text::is_mark(c) {
            return t.start as usize + k;
        }
    }
    t.start as usize
}

// ---------------------------------------------------------------------------------------
// Percentages

fn is_percent_word(a: &Analyzed<'_>, i: usize) -> Option<usize> {
    let t = a.tokens.get(i)?;
    if t.newlines_before > 0 {
        return None;
    }
    if a.is_punct(i, "%") {
        return Some(i);
    }
    if t.kind != TokKind::Word {
        return None;
    }
    // the percent nouns of nouns.tsv: one word (بالمئة) or two on one line (في المئة)
    let w = a.norm(i);
    let next_word = || a.tokens.get(i + 1).is_some_and(|n| n.newlines_before == 0 && n.kind == TokKind::Word);
    crate::lexicon::lexicon().percent_words.iter().find_map(|p| match &p[..] {
        [one] if one == w => Some(i),
        [first, second] if first == w && next_word() && a.norm(i + 1) == second => Some(i + 1),
        _ => None,
    })
}

/// نسبة before a number, behind و and ب or neither (بنسبة، وبنسبة).
fn is_percent_head(w: &str) -> bool {
    let w = w.strip_prefix('و').unwrap_or(w);
    grammar_words().percent_head.scan_has(w.strip_prefix('ب').unwrap_or(w))
}

fn percents(a: &Analyzed<'_>, rs: &[Reading]) -> Vec<NumberMention> {
    let mut out = Vec::new();
    let mut used_before = usize::MAX;
    for (n, r) in rs.iter().enumerate() {
        if r.vague {
            continue;
        }
        let (mut first, mut last) = (r.first, r.last);
        if let Some(k) = is_percent_word(a, r.last + 1) {
            last = k;
            // glued: 30%، but a % with space is fine too; nothing to adjust
            used_before = k;
        } else if r.first >= 1 && is_percent_head(a.norm(r.first - 1)) && a.tokens[r.first].newlines_before == 0 {
            first = r.first - 1;
        } else if r.first >= 1
            && is_percent_word(a, r.first - 1) == Some(r.first - 1)
            && a.tokens[r.first].newlines_before == 0
            && used_before != r.first - 1
        {
            // بالمائة 10: the marker before the number, when it does not close the number before
            let prev_closes = n > 0 && rs[n - 1].last + 2 == r.first;
            if prev_closes || a.is_punct(r.first - 1, "%") {
                continue;
            }
            first = r.first - 1;
        } else {
            continue;
        }
        let (s, e) = span(a, first, last);
        out.push(mention(a.text, s, e, MentionKind::Percent, Some(r.min), Some(r.max), Some(true), Some(true), false));
    }
    out
}

// ---------------------------------------------------------------------------------------
// Ranges

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    Gt,
    Ge,
    Lt,
    Le,
    Eq,
}

impl Cmp {
    /// The scanner's reading of a bound grammar row (`data/ar/bounds.tsv`); `None` for
    /// `inclusive`, which only amends a bound before the number (the loader gives the
    /// scanner no `approx` row: it has no approximation).
    fn of(c: Comparison) -> Option<Cmp> {
        match c {
            Comparison::Gt => Some(Cmp::Gt),
            Comparison::Ge => Some(Cmp::Ge),
            Comparison::Lt => Some(Cmp::Lt),
            Comparison::Le => Some(Cmp::Le),
            Comparison::Eq => Some(Cmp::Eq),
            Comparison::Approx | Comparison::Inclusive => None,
        }
    }
}

/// The bound grammar's rows the scanner reads, before or after a number, longest first.
fn comparisons(before: bool) -> impl Iterator<Item = (&'static [String], Option<Cmp>)> {
    let lex = crate::lexicon::lexicon();
    let rows = if before { &lex.before } else { &lex.after };
    rows.iter().filter(|p| p.scan).map(|p| (&p.words[..], Cmp::of(p.comparison)))
}

fn is_symbol(a: &Analyzed<'_>, i: usize) -> bool {
    a.tokens.get(i).is_some_and(|t| t.kind == TokKind::Punct) && matches!(a.norm(i), "<" | ">" | "=")
}

/// Matches `words` at tokens `k..`; the first may carry a و/ف conjunction. Returns whether
/// it did.
fn words_at(a: &Analyzed<'_>, k: usize, words: &[String]) -> Option<bool> {
    if k + words.len() > a.tokens.len() {
        return None;
    }
    let mut conj = false;
    for (n, w) in words.iter().enumerate() {
        let t = a.tokens[k + n];
        if n > 0 && t.newlines_before > 0 {
            return None;
        }
        let got = a.norm(k + n);
        if got == *w {
            continue;
        }
        if n == 0 && t.kind == TokKind::Word && (got.strip_prefix('و') == Some(w) || got.strip_prefix('ف') == Some(w))
        {
            conj = true;
            continue;
        }
        return None;
    }
    Some(conj)
}

/// A bound: the comparison phrase, the number, any phrase after it.
#[derive(Debug, Clone, Copy)]
struct Bound {
    first: usize,
    last: usize,
    start: usize,
    end: usize,
    /// The phrase's first word carried a conjunction (وأقل من): joins it to a bound before.
    conj: bool,
    cmp: Cmp,
    min: f64,
    max: f64,
}

fn bound_at(a: &Analyzed<'_>, r: &Reading) -> Option<Bound> {
    if r.vague {
        return None;
    }
    let mut before = None;
    for (words, cmp) in comparisons(true) {
        let Some(cmp) = cmp else { continue };
        let n = words.len();
        if r.first < n {
            continue;
        }
        let k = r.first - n;
        if a.tokens[r.first].newlines_before > 0 {
            break;
        }
        if let Some(conj) = words_at(a, k, words) {
            // <>30، =>30، =<30 are no comparisons
            if words[0].len() == 1 && is_symbol(a, k) && k > 0 && is_symbol(a, k - 1) && !a.tokens[k].space_before {
                return None;
            }
            before = Some((k, conj, cmp));
            break;
        }
    }
    let mut after: Option<(usize, Option<Cmp>)> = None;
    let k = r.last + 1;
    if a.tokens.get(k).is_some_and(|t| t.newlines_before == 0) {
        for (words, cmp) in comparisons(false) {
            // a conjunction before the phrase joins what follows; a row that is itself
            // joined by و (واكثر) takes none
            if let Some(false) = words_at(a, k, words).map(|c| c && !words[0].starts_with('و')) {
                let end = k + words.len() - 1;
                // "أو أقل من 6000" opens a bound of its own
                let number_at = |j: usize| {
                    a.tokens.get(j).is_some_and(|t| t.newlines_before == 0)
                        && (starts_number(a, j) || read_value_at(a, j).is_some())
                };
                if number_at(end + 1)
                    || (a.tokens.get(end + 1).is_some()
                        && grammar_words().bound_prep.scan_has(a.norm(end + 1))
                        && number_at(end + 2))
                {
                    break;
                }
                after = Some((end, cmp));
                break;
            }
        }
    }
    let cmp = match (before.map(|b| b.2), after.map(|x| x.1)) {
        (None, None) | (None, Some(None)) => return None,
        (Some(c), None) => c,
        (Some(Cmp::Gt), Some(None)) => Cmp::Ge,
        (Some(Cmp::Lt), Some(None)) => Cmp::Le,
        (Some(_), Some(None)) => {
            after = None;
            before.unwrap().2
        }
        (Some(Cmp::Eq) | None, Some(Some(c))) => c,
        (Some(c), Some(Some(_))) => {
            after = None;
            c
        }
    };
    let first = before.map_or(r.first, |b| b.0);
    let conj = before.is_some_and(|b| b.1);
    let last = after.map_or(r.last, |x| x.0);
    let start = start_without_conj(a, first, conj);
    Some(Bound { first, last, start, end: a.tokens[last].end as usize, conj, cmp, min: r.min, max: r.max })
}

fn bound_mention(a: &Analyzed<'_>, b: &Bound) -> NumberMention {
    let (min, max, mi, ma) = match b.cmp {
        Cmp::Gt => (Some(b.max), None, Some(false), None),
        Cmp::Ge => (Some(b.min), None, Some(true), None),
        Cmp::Lt => (None, Some(b.min), None, Some(false)),
        Cmp::Le => (None, Some(b.max), None, Some(true)),
        Cmp::Eq => (Some(b.min), Some(b.max), Some(true), Some(true)),
    };
    mention(a.text, b.start, b.end, MentionKind::Range, min, max, mi, ma, false)
}

/// Only connectors between tokens `from..to` (exclusive): و، أو، commas.
fn only_connectors(a: &Analyzed<'_>, from: usize, to: usize) -> bool {
    (from..to).all(|k| {
        a.tokens[k].newlines_before == 0
            && ((a.norm(k) == "و" || grammar_words().or.scan_has(a.norm(k)) || matches!(a.norm(k), "،" | ","))
                && matches!(a.tokens[k].kind, TokKind::Word | TokKind::Punct))
    })
}

fn ranges(a: &Analyzed<'_>, rs: &[Reading]) -> Vec<NumberMention> {
    let mut out = Vec::new();
    let mut used = vec![false; rs.len()];
    let g = grammar_words();
    // a word of a role, or the word behind a و conjunction (وبين، ومن)
    let joined = |w: &str, words: &crate::words::Words| {
        words.scan_has(w) || w.strip_prefix('و').is_some_and(|r| words.scan_has(r))
    };
    // two ends: بين X و Y، من X إلى Y، X - Y، X ~ Y
    for n in 0..rs.len().saturating_sub(1) {
        let (x, y) = (&rs[n], &rs[n + 1]);
        if x.vague || y.vague || x.min >= y.min || a.tokens[y.first].newlines_before > 0 {
            continue;
        }
        let bayn = x.first >= 1 && joined(a.norm(x.first - 1), &g.between);
        let sep = y.first == x.last + 2 && a.tokens[x.last + 1].newlines_before == 0;
        let conn = if sep { a.norm(x.last + 1) } else { "" };
        let glued_wa =
            y.first == x.last + 1 && a.tokens[y.first].kind == TokKind::Word && a.norm(y.first).starts_with('و');
        let wa_token = sep && conn == "و";
        let (first, ok) = if bayn && (glued_wa || wa_token) {
            let f = x.first - 1;
            (if f >= 1 && g.between_lead.scan_has(a.norm(f - 1)) { f - 1 } else { f }, true)
        } else if sep && (g.range_to.scan_has(conn) || matches!(conn, "-" | "–" | "—" | "~")) {
            let from = x.first >= 1 && joined(a.norm(x.first - 1), &g.from);
            (if from { x.first - 1 } else { x.first }, true)
        } else {
            (0, false)
        };
        if !ok {
            continue;
        }
        let start = start_without_conj(
            a,
            first,
            a.tokens[first].kind == TokKind::Word && a.norm(first).starts_with('و') && a.norm(first) != "و",
        );
        let m = mention(
            a.text,
            start,
            a.tokens[y.last].end as usize,
            MentionKind::Range,
            Some(x.min),
            Some(y.max),
            None,
            None,
            false,
        );
        out.push(m);
        used[n] = true;
        used[n + 1] = true;
    }
    // bounds, then pairs of a lower and an upper bound joined by و، أو or a comma
    let bounds: Vec<(usize, Bound)> =
        rs.iter().enumerate().filter(|(n, _)| !used[*n]).filter_map(|(n, r)| bound_at(a, r).map(|b| (n, b))).collect();
    let mut k = 0;
    while k < bounds.len() {
        let (_, b) = bounds[k];
        if let Some(&(_, c)) = bounds.get(k + 1) {
            let lower_upper = |l: &Bound, u: &Bound| {
                matches!(l.cmp, Cmp::Gt | Cmp::Ge) && matches!(u.cmp, Cmp::Lt | Cmp::Le) && l.max < u.min
            };
            let joined =
                c.first > b.last && only_connectors(a, b.last + 1, c.first) && (c.conj || c.first > b.last + 1);
            let pair = if lower_upper(&b, &c) {
                Some((b, c))
            } else if lower_upper(&c, &b) {
                Some((c, b))
            } else {
                None
            };
            if let (true, Some((l, u))) = (joined, pair) {
                let lo = bound_mention(a, &l);
                let hi = bound_mention(a, &u);
                out.push(mention(
                    a.text,
                    b.start,
                    c.end,
                    MentionKind::Range,
                    lo.min,
                    hi.max,
                    lo.min_inclusive,
                    hi.max_inclusive,
                    false,
                ));
                k += 2;
                continue;
            }
        }
        out.push(bound_mention(a, &b));
        k += 1;
    }
    out
}

// ---------------------------------------------------------------------------------------
// What the claim extractor found

fn supplement_from_claims(a: &Analyzed<'_>, rs: &[Reading], out: &mut Vec<NumberMention>) {
    let records = crate::extract_analyzed(a, &crate::Options::default());
    for rec in records {
        let Record::Quantity(q) = rec else { continue };
        let kind = if q.kind == Kind::Percent {
            MentionKind::Percent
        } else if matches!(q.qualifier, Qualifier::Range | Qualifier::AtLeast | Qualifier::AtMost) {
            MentionKind::Range
        } else {
            continue;
        };
        if out.iter().any(|m| m.kind == kind && m.start < q.end && q.start < m.end) {
            continue;
        }
        // cut a range at its last number: the counted noun is not part of the interval
        let end = if kind == MentionKind::Range {
            rs.iter()
                .map(|r| a.tokens[r.last].end as usize)
                .filter(|&e| e > q.start && e <= q.end)
                .max()
                .unwrap_or(q.end)
        } else {
            q.end
        };
        if !a.text.is_char_boundary(q.start) || !a.text.is_char_boundary(end) || q.start >= end {
            continue;
        }
        out.push(mention(a.text, q.start, end, kind, q.min, q.max, None, None, q.qualifier == Qualifier::Vague));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str, kind: MentionKind) -> Vec<(String, Option<f64>, Option<f64>)> {
        scan_numbers(s).into_iter().filter(|m| m.kind == kind).map(|m| (m.text, m.min, m.max)).collect()
    }

    fn one(s: &str, kind: MentionKind) -> (String, Option<f64>, Option<f64>) {
        let f = found(s, kind);
        assert_eq!(f.len(), 1, "{s}: {f:?}");
        f.into_iter().next().unwrap()
    }

    #[test]
    fn numbers_signs_and_ratios() {
        let cases: &[(&str, &str, f64)] = &[
            ("كانت الحرارة سالب سبعة صباحا", "سالب سبعة", -7.0),
            ("الفرق ناقص ٣٠", "ناقص ٣٠", -30.0),
            ("القيمة -١٢ اليوم", "-١٢", -12.0),
            ("اثنان على أربعة", "اثنان على أربعة", 0.5),
            ("شخص واحد من عشرة", "واحد من عشرة", 0.1),
            ("خذ ٣/٤ الكمية", "٣/٤", 0.75),
            ("ثلاثة أخماس المسافة", "ثلاثة أخماس", 0.6),
            ("سبعة ١٢ ٥٠٠ ٠٠٠ ريال", "سبعة", 7.0),
        ];
        for &(s, span, v) in cases {
            let f = found(s, MentionKind::Number);
            assert_eq!((f[0].0.as_str(), f[0].1), (span, Some(v)), "{s}: {f:?}");
        }
        // a lone واحد is a pronoun
        assert!(found("هل تريد واحد منها؟", MentionKind::Number).is_empty());
        // digits inside a URL are not numbers
        assert!(found("انظر https://example.com/a?id=300%20b", MentionKind::Number).is_empty());
    }

    #[test]
    fn ranges_and_bounds() {
        let cases: &[(&str, &str, Option<f64>, Option<f64>, Option<bool>, Option<bool>)] = &[
            ("الوزن أكبر من ٥٠ غراما", "أكبر من ٥٠", Some(50.0), None, Some(false), None),
            ("العمر لا أقل من عشرين", "لا أقل من عشرين", Some(20.0), None, Some(true), None),
            ("الطول دون أو يساوي 7", "يساوي 7", Some(7.0), Some(7.0), Some(true), Some(true)),
            ("السعر 80 أو أقل", "80 أو أقل", None, Some(80.0), None, Some(true)),
            ("تراوح بين ٤٠ و٦٠ درجة", "بين ٤٠ و٦٠", Some(40.0), Some(60.0), None, None),
            ("من 3 إلى 9 أيام", "من 3 إلى 9", Some(3.0), Some(9.0), None, None),
            ("أعلى من 5 وأدنى من 8", "أعلى من 5 وأدنى من 8", Some(5.0), Some(8.0), Some(false), Some(false)),
            ("القيمة <= 12", "<= 12", None, Some(12.0), None, Some(true)),
        ];
        for &(s, span, lo, hi, li, hi_inc) in cases {
            let m: Vec<_> = scan_numbers(s).into_iter().filter(|m| m.kind == MentionKind::Range).collect();
            assert_eq!(m.len(), 1, "{s}: {m:?}");
            assert_eq!(
                (m[0].text.as_str(), m[0].min, m[0].max, m[0].min_inclusive, m[0].max_inclusive),
                (span, lo, hi, li, hi_inc),
                "{s}"
            );
        }
        // two bounds that cannot make one interval stay two
        assert_eq!(found("أكثر من 70 وأقل من 20", MentionKind::Range).len(), 2);
        // no comparison in <> or =>
        assert!(found("القيمة <>٥", MentionKind::Range).is_empty());
        assert!(found("=>٥", MentionKind::Range).is_empty());
        // a date is not a range
        assert!(found("2003-04", MentionKind::Range).is_empty());
    }

    #[test]
    fn percentages() {
        assert_eq!(one("ارتفع ٧٥٪ من الأسعار", MentionKind::Percent), ("٧٥٪".into(), Some(75.0), Some(75.0)));
        assert_eq!(one("زاد خمسة عشر في المائة", MentionKind::Percent).0, "خمسة عشر في المائة");
        assert_eq!(one("بنسبة ٣٣ تقريبا", MentionKind::Percent).0, "بنسبة ٣٣");
        assert_eq!(one("تراجع سالب اثنين بالمئة", MentionKind::Percent).1, Some(-2.0));
        assert!(found("راجع www.example.org/?q=20%25", MentionKind::Percent).is_empty());
    }

    #[test]
    fn spans_are_the_input() {
        for s in ["وأقل من ١٠ أو أكثر من ٤٠", "نحو ٣٠٠ شخص بين ٢٠ و٣٠ عاما، ٥٠٪", "مُئَة  وَعِشرون"]
        {
            for m in scan_numbers(s) {
                assert_eq!(&s[m.start..m.end], m.text);
            }
        }
    }
}

#[cfg(test)]
mod comparisons_tests {
    use super::*;

    /// Every row of bounds.tsv the scanner reads matches itself: its words, then a number,
    /// match at token 0 (rows that only the claim layer reads are checked in quantity.rs).
    #[test]
    fn every_scanner_row_of_the_bound_grammar_matches_itself() {
        let lex = crate::lexicon::lexicon();
        let mut n = 0;
        for (_, r) in crate::lexicon::rows(crate::lexicon::BOUNDS_TSV).filter(|(_, r)| r[3] != "claims") {
            n += 1;
            let text = format!("{} 5", r[0]);
            let a = analyze(&text);
            let words: Vec<String> = r[0].split(' ').map(isnad_text::normalize_str).collect();
            assert_eq!(words_at(&a, 0, &words), Some(false), "bounds.tsv: {:?} does not match itself", r[0]);
            let rows = if r[1] == "before" { &lex.before } else { &lex.after };
            assert!(
                rows.iter().any(|p| p.scan && p.words == words),
                "bounds.tsv: {:?} not loaded for the scanner",
                r[0]
            );
        }
        assert_eq!(comparisons(true).count() + comparisons(false).count(), n);
    }
}
