//! The Arabic word lists of `data/ar/*.tsv`, folded and indexed once per process.
//!
//! Lookups go through [`Lexicon::strip`], which tries a word as written and then with
//! its proclitics (و ف ب ل ك ال لل and their combinations) removed, and with the
//! accusative tanween alif (مقاتلاً → مقاتل) removed: the lists hold bare stems only.

use std::sync::OnceLock;

use isnad_lang::ar::{proclitic_cuts, PROCLITICS};
use isnad_model::{Kind, Qualifier};
use isnad_text::normalize_str;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumClass {
    Zero,
    /// 1–10: takes عشر (teens) or مئة (hundreds) after it.
    Unit,
    /// أحد، إحدى: a number only as the first part of a teen.
    UnitTeenOnly,
    Ten,
    Hundred,
    Scale,
    Dual,
    Plural,
}

#[derive(Debug, Clone, Copy)]
pub struct NumWord {
    pub value: f64,
    pub class: NumClass,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VagueRole {
    Plural,
    Few,
}

#[derive(Debug, Clone, Copy)]
pub struct VagueWord {
    pub min: f64,
    pub max: f64,
    pub role: VagueRole,
}

#[derive(Debug, Clone, Copy)]
pub struct Noun {
    pub kind: Kind,
    pub unit: Option<&'static str>,
    pub dual: Option<f64>,
    /// Number of words in the form (1 or 2).
    pub words: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRole {
    Relative(i32),
    Part,
    YearHead,
    /// A preposition after which a bare four-digit year is a date (في 2015).
    YearPrep,
    Label,
    /// A stretch of a month that an ordinal counts (الأسبوع الأول من مارس): the
    /// ordinal after it is no day of the month.
    Span,
}

/// The word lists' maps. foldhash: the keys are short words, hashed once per word of
/// every document, where it does in a third of ahash's fallback instructions.
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// How a phrase of the bound grammar (`data/ar/bounds.tsv`) relates a number to the
/// figure: the scanner reads the comparison, the claim layer the qualifier it implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    Gt,
    Ge,
    Lt,
    Le,
    Eq,
    Approx,
    /// `أو يساوي` after a number: makes a strict bound before it inclusive (scanner only).
    Inclusive,
}

/// A row of the bound grammar.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub words: Vec<String>,
    pub comparison: Comparison,
    /// What the claim layer reads the phrase as; `None`: the claim layer does not read it.
    pub qualifier: Option<Qualifier>,
    /// Whether the number scanner reads it.
    pub scan: bool,
}

pub struct Lexicon {
    pub numbers: Map<String, NumWord>,
    pub vague: Map<String, VagueWord>,
    pub fractions: Map<String, f64>,
    /// The bound grammar before a number, both readers' rows, longest phrases first, so
    /// that `ما لا يقل عن` wins over `يقل عن`.
    pub before: Vec<Phrase>,
    /// Indices into `before` of the claim layer's phrases by their last word, ascending:
    /// the phrases that can end at a word are the only ones worth trying there.
    pub before_by_last: Map<String, Vec<usize>>,
    /// First words of the bound phrases before a number (at least / at most, two words or
    /// more: `أقل من`): behind و such a word opens the second half of a two-sided bound.
    pub bound_firsts: Map<String, ()>,
    /// The bound grammar after a number, as `before`.
    pub after: Vec<Phrase>,
    /// Indices into `after` of the claim layer's phrases by their first word, ascending.
    pub after_by_first: Map<String, Vec<usize>>,
    pub nouns: Map<String, Noun>,
    /// The percent nouns (`بالمئة`, `في المئة`), word by word: a marker before a bare
    /// number, and the scanner's percent words.
    pub percent_words: Vec<Vec<String>>,
    /// First words of the two-word nouns (ليرة of ليرة سورية).
    pub two_word_firsts: Map<String, ()>,
    /// Month names: one-word names, and two-word names keyed by `"w1 w2"`.
    pub months: Map<String, (u8, bool)>,
    pub ordinals: Map<String, u8>,
    pub date_words: Map<String, DateRole>,
    /// Nouns a number names rather than counts after: `true` for clock words (الساعة).
    pub identifier_heads: Map<String, bool>,
    pub function_words: Map<String, ()>,
    pub change_words: Map<String, ()>,
    pub people_verbs: Map<String, ()>,
    pub count_heads: Map<String, ()>,
    /// Every stem of the lists a scanner starts from, with `TRIGGER_*` bits.
    pub triggers: Map<String, u8>,
    /// Which first three letters trigger stems start with: most words are turned away
    /// here without hashing (two letters were not enough: every definite word starts ال).
    trigger_pairs: Vec<u64>,
    /// [`Lexicon::trigger_by_cuts`] of every word that can have bits: each proclitic
    /// sequence the cuts know, times each stem, with and without the alif of the
    /// accusative. Words outside it have none, so one lookup replaces the cuts.
    trigger_words: Map<String, u8>,
    /// The first three letters of the `trigger_words` (as `trigger_pairs` for stems):
    /// most words of a text are turned away here without hashing.
    trigger_word_starts: Vec<u64>,
}

/// Index of a stem's first three letters (or two, for two-letter stems) in the filter,
/// read from the UTF-8 bytes: this runs for every cut of every word.
#[inline]
fn pair_of(stem: &str) -> Option<usize> {
    let b = stem.as_bytes();
    // U+0621..U+064A is D8 A1..D8 BF and D9 80..D9 8A
    let letter = |k: usize| -> Option<usize> {
        let (x, y) = (*b.get(k)?, *b.get(k + 1)?);
        let cp = (((x as u32) & 0x1F) << 6) | ((y as u32) & 0x3F);
        ((x == 0xD8 || x == 0xD9) && (0x0621..=0x064A).contains(&cp)).then(|| (cp - 0x0621) as usize)
    };
    let a = letter(0)?;
    let bb = letter(2)?;
    let c = if b.len() == 4 { 42 } else { letter(4)? };
    Some((a * 42 + bb) * 43 + c)
}

/// The [`pair_of`] bits of `words`: which starts they have.
fn start_bits<'w>(words: impl Iterator<Item = &'w String>) -> Vec<u64> {
    let mut bits = vec![0u64; (42 * 42 * 43usize).div_ceil(64)];
    for p in words.filter_map(|w| pair_of(w)) {
        bits[p / 64] |= 1 << (p % 64);
    }
    bits
}

pub const NUMBERS_TSV: &str = isnad_lang::words::ar::NUMBERS;
pub const VAGUE_TSV: &str = isnad_lang::words::ar::VAGUE;
pub const FRACTIONS_TSV: &str = isnad_lang::words::ar::FRACTIONS;
pub const BOUNDS_TSV: &str = isnad_lang::words::ar::BOUNDS;
pub const NOUNS_TSV: &str = isnad_lang::words::ar::NOUNS;
pub const MONTHS_TSV: &str = isnad_lang::words::ar::MONTHS;
pub const ORDINALS_TSV: &str = isnad_lang::words::ar::ORDINALS;
pub const DATE_WORDS_TSV: &str = isnad_lang::words::ar::DATE_WORDS;
pub const IDENTIFIER_HEADS_TSV: &str = isnad_lang::words::ar::IDENTIFIER_HEADS;
pub const FUNCTION_WORDS_TSV: &str = isnad_lang::words::ar::FUNCTION_WORDS;
pub const CHANGE_WORDS_TSV: &str = isnad_lang::words::ar::CHANGE_WORDS;
pub const PEOPLE_VERBS_TSV: &str = isnad_lang::words::ar::PEOPLE_VERBS;
pub const COUNT_HEADS_TSV: &str = isnad_lang::words::ar::COUNT_HEADS;

pub const TRIGGER_NUMBER: u8 = 1;
pub const TRIGGER_MONTH: u8 = 2;
pub const TRIGGER_DATE_WORD: u8 = 4;
pub const TRIGGER_DUAL: u8 = 8;
/// A verb of reaching that makes a projection (grammar_words.tsv's may_reach): the
/// projection rule asks the words before every claim, and this bit answers most.
pub const TRIGGER_REACH: u8 = 16;

/// Rows of a word list, with their line numbers: the one reader, [`isnad_text::tsv::rows`].
pub use isnad_text::tsv::rows;

fn unit_str(s: &str) -> Option<&'static str> {
    // units are a closed set; interning them as statics keeps records cheap to copy
    const UNITS: &[&str] = &[
        "USD", "EUR", "SYP", "LBP", "TRY", "EGP", "GBP", "SAR", "QAR", "YER", "OMR", "IRR", "IQD", "JOD", "KWD", "LYD",
        "TND", "DZD", "AED", "MAD", "CNY", "RUB", "km", "m", "mile", "second", "minute", "hour", "day", "week",
        "month", "year", "kg", "ton",
    ];
    UNITS.iter().copied().find(|u| *u == s)
}

/// A value column: a decimal (`0.5`) or a ratio `a/b` (`1/3`), so that thirds are exact.
pub fn parse_value(s: &str) -> Option<f64> {
    match s.split_once('/') {
        Some((a, b)) => {
            let (a, b): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
            (b != 0.0).then(|| a / b)
        }
        None => s.parse().ok(),
    }
}

/// The bound grammar's rows before and after a number, each longest first (stable: file
/// order among phrases of one length), or the line of the first malformed row and why.
pub fn bounds(tsv: &'static str) -> Result<(Vec<Phrase>, Vec<Phrase>), (usize, &'static str)> {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for (n, r) in rows(tsv) {
        let [phrase, pos, cmp, read_by] = r[..] else {
            return Err((n, "want 4 columns"));
        };
        let comparison = match cmp {
            "gt" => Comparison::Gt,
            "ge" => Comparison::Ge,
            "lt" => Comparison::Lt,
            "le" => Comparison::Le,
            "eq" => Comparison::Eq,
            "approx" => Comparison::Approx,
            "inclusive" => Comparison::Inclusive,
            _ => return Err((n, "unknown comparison")),
        };
        let (claims, scan) = match read_by {
            "both" => (true, true),
            "claims" => (true, false),
            "scan" => (false, true),
            _ => return Err((n, "read_by must be both, claims or scan")),
        };
        let qualifier = match comparison {
            Comparison::Gt | Comparison::Ge => Qualifier::AtLeast,
            Comparison::Lt | Comparison::Le => Qualifier::AtMost,
            Comparison::Eq => Qualifier::Exact,
            Comparison::Approx => Qualifier::Approx,
            Comparison::Inclusive if claims => return Err((n, "inclusive is read by the scanner only")),
            Comparison::Inclusive => Qualifier::Exact,
        };
        if scan && comparison == Comparison::Approx {
            return Err((n, "the scanner has no approximation"));
        }
        let p = Phrase {
            words: phrase.split(' ').map(normalize_str).collect(),
            comparison,
            qualifier: claims.then_some(qualifier),
            scan,
        };
        match pos {
            "before" if comparison != Comparison::Inclusive => before.push(p),
            "after" => after.push(p),
            _ => return Err((n, "position must be before or after (inclusive: after)")),
        }
    }
    before.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    after.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    Ok((before, after))
}

/// Builds the lexicon, or says which row of which list is malformed.
pub fn build() -> Result<Lexicon, String> {
    let bad = |file: &str, n: usize, why: &str| format!("data/ar/{file} line {n}: {why}");
    let mut numbers = Map::default();
    for (n, r) in rows(NUMBERS_TSV) {
        let [form, value, class] = r[..] else {
            return Err(bad("numbers.tsv", n, "want 3 columns"));
        };
        let value: f64 = value.parse().map_err(|_| bad("numbers.tsv", n, "value is not a number"))?;
        let class = match class {
            "zero" => NumClass::Zero,
            "unit" => NumClass::Unit,
            "unit_teen_only" => NumClass::UnitTeenOnly,
            "ten" => NumClass::Ten,
            "hundred" => NumClass::Hundred,
            "scale" => NumClass::Scale,
            "dual" => NumClass::Dual,
            "plural" => NumClass::Plural,
            _ => return Err(bad("numbers.tsv", n, "unknown class")),
        };
        numbers.insert(normalize_str(form), NumWord { value, class });
    }
    let mut vague = Map::default();
    for (n, r) in rows(VAGUE_TSV) {
        let [form, min, max, role] = r[..] else {
            return Err(bad("vague.tsv", n, "want 4 columns"));
        };
        let min: f64 = min.parse().map_err(|_| bad("vague.tsv", n, "min is not a number"))?;
        let max: f64 = max.parse().map_err(|_| bad("vague.tsv", n, "max is not a number"))?;
        let role = match role {
            "plural" => VagueRole::Plural,
            "few" => VagueRole::Few,
            _ => return Err(bad("vague.tsv", n, "unknown role")),
        };
        if min > max {
            return Err(bad("vague.tsv", n, "min > max"));
        }
        vague.insert(normalize_str(form), VagueWord { min, max, role });
    }
    let mut fractions = Map::default();
    for (n, r) in rows(FRACTIONS_TSV) {
        let [form, value] = r[..] else {
            return Err(bad("fractions.tsv", n, "want 2 columns"));
        };
        let v = parse_value(value).ok_or_else(|| bad("fractions.tsv", n, "value is not a number"))?;
        fractions.insert(normalize_str(form), v);
    }
    let (before, after) = bounds(BOUNDS_TSV).map_err(|(n, why)| bad("bounds.tsv", n, why))?;
    let mut nouns = Map::default();
    for (n, r) in rows(NOUNS_TSV) {
        let [form, kind, unit, dual] = r[..] else {
            return Err(bad("nouns.tsv", n, "want 4 columns"));
        };
        let kind = Kind::parse(kind).ok_or_else(|| bad("nouns.tsv", n, "unknown kind"))?;
        let unit = match unit {
            "-" => None,
            u => Some(unit_str(u).ok_or_else(|| bad("nouns.tsv", n, "unknown unit"))?),
        };
        let dual = match dual {
            "-" => None,
            d => Some(d.parse().map_err(|_| bad("nouns.tsv", n, "dual is not a number"))?),
        };
        let words = form.split(' ').count();
        if words > 2 {
            return Err(bad("nouns.tsv", n, "at most two words"));
        }
        nouns.insert(normalize_str(form), Noun { kind, unit, dual, words });
    }
    let mut months = Map::default();
    for (n, r) in rows(MONTHS_TSV) {
        let [form, m, amb] = r[..] else {
            return Err(bad("months.tsv", n, "want 3 columns"));
        };
        let m: u8 = m
            .parse()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| bad("months.tsv", n, "month must be 1-12"))?;
        months.insert(normalize_str(form), (m, amb == "1"));
    }
    let mut ordinals = Map::default();
    for (n, r) in rows(ORDINALS_TSV) {
        let [form, v] = r[..] else {
            return Err(bad("ordinals.tsv", n, "want 2 columns"));
        };
        ordinals.insert(normalize_str(form), v.parse().map_err(|_| bad("ordinals.tsv", n, "value"))?);
    }
    let mut date_words = Map::default();
    for (n, r) in rows(DATE_WORDS_TSV) {
        let [form, role, v] = r[..] else {
            return Err(bad("date_words.tsv", n, "want 3 columns"));
        };
        let role = match role {
            "relative" => DateRole::Relative(v.parse().map_err(|_| bad("date_words.tsv", n, "value"))?),
            "part" => DateRole::Part,
            "year_head" => DateRole::YearHead,
            "year_prep" => DateRole::YearPrep,
            "label" => DateRole::Label,
            "span" => DateRole::Span,
            _ => return Err(bad("date_words.tsv", n, "unknown role")),
        };
        date_words.insert(normalize_str(form), role);
    }
    let set = |tsv: &'static str| rows(tsv).map(|(_, r)| (normalize_str(r[0]), ())).collect::<Map<_, _>>();
    let mut identifier_heads = Map::default();
    for (n, r) in rows(IDENTIFIER_HEADS_TSV) {
        let [form, role] = r[..] else {
            return Err(bad("identifier_heads.tsv", n, "want 2 columns"));
        };
        let clock = match role {
            "identifier" => false,
            "clock" => true,
            _ => return Err(bad("identifier_heads.tsv", n, "role must be identifier or clock")),
        };
        identifier_heads.insert(normalize_str(form), clock);
    }
    let function_words = set(FUNCTION_WORDS_TSV);
    let change_words = set(CHANGE_WORDS_TSV);
    let people_verbs = set(PEOPLE_VERBS_TSV);
    let count_heads = set(COUNT_HEADS_TSV);
    let mut triggers: Map<String, u8> = Map::default();
    let mut add = |k: &str, bit: u8| *triggers.entry(k.to_string()).or_default() |= bit;
    numbers.keys().chain(vague.keys()).chain(fractions.keys()).for_each(|k| add(k, TRIGGER_NUMBER));
    for k in months.keys() {
        add(k.split(' ').next().unwrap_or(k), TRIGGER_MONTH);
    }
    date_words.keys().for_each(|k| add(k, TRIGGER_DATE_WORD));
    for (k, n) in &nouns {
        if n.dual.is_some() {
            add(k, TRIGGER_DUAL);
        }
    }
    crate::words::grammar_words().may_reach.forms().for_each(|k| add(k, TRIGGER_REACH));
    let mut percent_words: Vec<Vec<String>> = nouns
        .iter()
        .filter(|(_, n)| n.kind == Kind::Percent)
        .map(|(k, _)| k.split(' ').map(str::to_string).collect())
        .collect();
    percent_words.sort();
    let two_word_firsts = nouns.keys().filter_map(|k| k.split_once(' ').map(|(f, _)| (f.to_string(), ()))).collect();
    let by_word = |phrases: &[Phrase], last: bool| {
        let mut m: Map<String, Vec<usize>> = Map::default();
        for (k, p) in phrases.iter().enumerate() {
            if p.qualifier.is_none() {
                continue;
            }
            if let Some(w) = if last { p.words.last() } else { p.words.first() } {
                m.entry(w.clone()).or_default().push(k);
            }
        }
        m
    };
    let before_by_last = by_word(&before, true);
    let bound_firsts: Map<String, ()> = before
        .iter()
        .filter(|p| p.words.len() >= 2 && matches!(p.qualifier, Some(Qualifier::AtLeast | Qualifier::AtMost)))
        .map(|p| (p.words[0].clone(), ()))
        .collect();
    let after_by_first = by_word(&after, false);
    let trigger_pairs = start_bits(triggers.keys());
    let mut lex = Lexicon {
        trigger_words: Map::default(),
        trigger_word_starts: Vec::new(),
        two_word_firsts,
        percent_words,
        before_by_last,
        bound_firsts,
        after_by_first,
        trigger_pairs,
        triggers,
        numbers,
        vague,
        fractions,
        before,
        after,
        nouns,
        months,
        ordinals,
        date_words,
        identifier_heads,
        function_words,
        change_words,
        people_verbs,
        count_heads,
    };
    lex.trigger_words = lex.trigger_words();
    lex.trigger_word_starts = start_bits(lex.trigger_words.keys());
    Ok(lex)
}

pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    // The lists are compiled in and checked by tests, so a failure here is a build defect.
    LEX.get_or_init(|| build().unwrap_or_else(|e| panic!("built-in word list is malformed: {e}")))
}

/// A folded word split into proclitic prefix and stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stripped<'a> {
    pub prefix: &'a str,
    pub stem: &'a str,
}

impl Stripped<'_> {
    pub fn definite(&self) -> bool {
        self.prefix.ends_with("ال") || self.prefix.ends_with("لل")
    }
}

impl Lexicon {
    /// Finds `word` (folded) in `map`, as written or with proclitics and a final
    /// tanween alif removed. Stems shorter than two letters are never tried; longer
    /// prefixes are tried first, as in [`PROCLITICS`].
    pub fn strip<'w, V: Copy>(&self, map: &Map<String, V>, word: &'w str) -> Option<(Stripped<'w>, V)> {
        let cuts = proclitic_cuts(word);
        for base in [Some(word), word.strip_suffix('ا')].into_iter().flatten() {
            // the word as written first (والف is not و + الف), then the longest cut
            for &cut in cuts[..1].iter().chain(cuts[1..].iter().rev()) {
                let cut = cut as usize;
                if cut > base.len() {
                    continue;
                }
                let stem = &base[cut..];
                if (cut > 0 || base.len() < word.len()) && stem.chars().nth(1).is_none() {
                    continue;
                }
                if let Some(v) = map.get(stem) {
                    return Some((Stripped { prefix: &word[..cut], stem }, *v));
                }
            }
        }
        None
    }

    /// What a word may be: the `TRIGGER_*` bits of the lists that hold one of its
    /// possible stems. Lets the scanners skip the many words that are none of these
    /// before any real lookup. One hash lookup per word: this runs for every word.
    #[inline]
    pub fn trigger(&self, word: &str) -> u8 {
        // a word whose start no trigger word has is none (words pair_of cannot index,
        // with letters outside the basic block, go to the table)
        if let Some(p) = pair_of(word) {
            if self.trigger_word_starts[p / 64] & (1 << (p % 64)) == 0 {
                return 0;
            }
        }
        self.trigger_words.get(word).copied().unwrap_or(0)
    }

    /// Every word [`Lexicon::trigger_by_cuts`] gives bits to. A stem is found only at a
    /// cut of `proclitic_cuts`, so a word with bits is one of its proclitic sequences
    /// (و/ف, then ال، ب، ك، بال، كال، ل، لل) + a stem + perhaps ا.
    fn trigger_words(&self) -> Map<String, u8> {
        let mut out = Map::default();
        for conj in ["", "و", "ف"] {
            for prep in ["", "ال", "ب", "ك", "بال", "كال", "ل", "لل"] {
                for stem in self.triggers.keys().filter(|k| !k.contains(' ')) {
                    for alif in ["", "ا"] {
                        let word = format!("{conj}{prep}{stem}{alif}");
                        let bits = self.trigger_by_cuts(&word);
                        if bits != 0 {
                            out.insert(word, bits);
                        }
                    }
                }
            }
        }
        out
    }

    /// [`Lexicon::trigger`] computed from the word's cuts: the definition the table is
    /// built from.
    fn trigger_by_cuts(&self, word: &str) -> u8 {
        let cuts = proclitic_cuts(word);
        let mut bits = 0;
        for base in [Some(word), word.strip_suffix('ا')].into_iter().flatten() {
            for &cut in cuts.iter() {
                let cut = cut as usize;
                if cut <= base.len() {
                    let stem = &base[cut..];
                    let Some(p) = pair_of(stem) else { continue };
                    if self.trigger_pairs[p / 64] & (1 << (p % 64)) == 0 {
                        continue;
                    }
                    if let Some(b) = self.triggers.get(stem) {
                        bits |= b;
                    }
                }
            }
        }
        bits
    }

    /// The stem of a word once its proclitics are removed (first match in `PROCLITICS` that
    /// leaves at least three letters), for words not in any list.
    pub fn bare(word: &str) -> &str {
        for p in PROCLITICS {
            if let Some(stem) = word.strip_prefix(p) {
                if stem.chars().count() >= 3 {
                    return stem;
                }
            }
        }
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn trigger_table_agrees_with_the_cuts_on_every_listed_form() {
        let lex = lexicon();
        let mut words: Vec<String> = Vec::new();
        for map in [&lex.function_words, &lex.change_words, &lex.people_verbs, &lex.count_heads, &lex.two_word_firsts] {
            words.extend(map.keys().cloned());
        }
        words.extend(lex.nouns.keys().chain(lex.numbers.keys()).chain(lex.ordinals.keys()).cloned());
        words.extend(lex.date_words.keys().chain(lex.months.keys()).cloned());
        for w in words.iter().flat_map(|w| w.split(' ')) {
            for p in ["", "و", "ب", "وال", "لل", "فب", "ا", "ول"] {
                for s in ["", "ا", "اا", "ه"] {
                    let word = format!("{p}{w}{s}");
                    assert_eq!(lex.trigger(&word), lex.trigger_by_cuts(&word), "{word}");
                }
            }
        }
        // and the table is not empty: a number word with clitics has bits
        assert_ne!(lex.trigger("وبالعشرات"), 0);
        assert_eq!(lex.trigger("مدينة"), 0);
    }

    proptest! {
        #[test]
        fn trigger_table_agrees_with_the_cuts(word in "[وفبكلاأمثنعشرتسخئةيهد]{0,9}") {
            let lex = lexicon();
            let word = isnad_text::normalize_str(&word);
            prop_assert_eq!(lex.trigger(&word), lex.trigger_by_cuts(&word));
        }
    }

    #[test]
    fn every_word_list_row_parses() {
        // build() names the file and line of the first malformed row
        let lex = build().unwrap();
        assert!(lex.numbers.len() > 90);
        assert!(lex.nouns.len() > 150);
        assert_eq!(lex.months.len(), rows(MONTHS_TSV).count());
        for (n, r) in rows(NUMBERS_TSV) {
            assert!(!r[0].contains(' '), "numbers.tsv line {n}: one word per form");
        }
    }

    #[test]
    fn word_lists_have_a_source_line_and_no_duplicate_forms() {
        for (name, tsv) in [
            ("numbers", NUMBERS_TSV),
            ("vague", VAGUE_TSV),
            ("fractions", FRACTIONS_TSV),
            ("bounds", BOUNDS_TSV),
            ("nouns", NOUNS_TSV),
            ("months", MONTHS_TSV),
            ("ordinals", ORDINALS_TSV),
            ("date_words", DATE_WORDS_TSV),
            ("identifier_heads", IDENTIFIER_HEADS_TSV),
            ("function_words", FUNCTION_WORDS_TSV),
            ("change_words", CHANGE_WORDS_TSV),
            ("people_verbs", PEOPLE_VERBS_TSV),
            ("count_heads", COUNT_HEADS_TSV),
        ] {
            assert!(tsv.starts_with('#'), "{name}.tsv must open with a line on its source");
            let mut seen = std::collections::HashSet::new();
            for (n, r) in rows(tsv) {
                let key =
                    if name == "bounds" { format!("{} {}", normalize_str(r[0]), r[1]) } else { normalize_str(r[0]) };
                assert!(seen.insert(key), "{name}.tsv line {n}: duplicate form {:?}", r[0]);
            }
        }
    }

    #[test]
    fn strip_removes_clitics_and_tanween() {
        let lex = lexicon();
        let cases =
            [("لنحو", None), ("بالاف", Some(("ب", "الاف"))), ("والف", Some(("و", "الف"))), ("الفا", Some(("", "الفا")))];
        for (w, want) in cases {
            let got = lex.strip(&lex.numbers, w).map(|(s, _)| (s.prefix, s.stem));
            assert_eq!(got, want, "{w}");
        }
        let (s, n) = lex.strip(&lex.nouns, "مقاتلا").unwrap();
        assert_eq!((s.stem, n.kind), ("مقاتل", Kind::People));
        let (s, _) = lex.strip(&lex.nouns, "للمقاتلين").unwrap();
        assert_eq!(s.prefix, "لل");
    }
}
