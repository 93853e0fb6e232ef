//! The words the claim layer's and the scanner's rules turn on (`data/ar/grammar_words.tsv`),
//! one list per role, so that a rule's vocabulary is data a reviewer can read beside its
//! source line, and not string literals spread through the code.
//!
//! The lists are a handful of words each and are asked on hot paths (every number, every
//! candidate clause): a short vector compared word by word is as cheap as the `matches!`
//! it replaces, and cheaper than hashing.

use std::sync::OnceLock;

use isnad_text::normalize_str;

pub const GRAMMAR_WORDS_TSV: &str = isnad_lang::words::ar::GRAMMAR_WORDS;

/// One role's folded forms, each reader's apart. Most words asked are no form of the
/// role: the forms' first letters, second letters and lengths turn most away with three
/// bit tests, and a key of length and first bytes the rest before any byte compare, as
/// cheaply as the literal compares the lists replaced.
#[derive(Debug, Default)]
pub struct Words {
    claims: Forms,
    scan: Forms,
}

#[derive(Debug, Default)]
struct Forms {
    /// Bit [`letter`] of each form's first letter, of its second, and bit of its length.
    firsts: u128,
    seconds: u128,
    lens: u64,
    forms: Vec<(u64, Box<str>)>,
}

/// The letter at byte `at` of a word as a bit index: the letters of U+0600..U+067F by
/// their low bits, anything else (or nothing) 127.
#[inline(always)]
fn letter(b: &[u8], at: usize) -> u32 {
    match b.get(at..at + 2) {
        Some([x @ (0xD8 | 0xD9), y]) => (((*x & 1) as u32) << 6) | (*y & 0x3F) as u32,
        _ => 127,
    }
}

impl Forms {
    fn push(&mut self, w: String) {
        let b = w.as_bytes();
        self.firsts |= 1 << letter(b, 0);
        self.seconds |= 1 << letter(b, 2);
        self.lens |= 1 << b.len().min(63);
        self.forms.push((key(&w), w.into_boxed_str()));
    }

    // inlined: asked for every word before every claim, and most words fail the bit tests
    #[inline(always)]
    fn has(&self, w: &str) -> bool {
        let b = w.as_bytes();
        if self.lens & (1 << b.len().min(63)) == 0
            || self.firsts & (1 << letter(b, 0)) == 0
            || self.seconds & (1 << letter(b, 2)) == 0
        {
            return false;
        }
        let k = key(w);
        self.forms.iter().any(|(fk, f)| *fk == k && **f == *w)
    }
}

/// A word's length and first four bytes (two Arabic letters), read without a copy.
#[inline]
fn key(w: &str) -> u64 {
    let b = w.as_bytes();
    let head = match b {
        [x, y, z, t, ..] => u32::from_le_bytes([*x, *y, *z, *t]),
        _ => b.iter().fold(0, |k, &x| (k << 8) | x as u32),
    };
    ((b.len() as u64) << 32) | head as u64
}

impl Words {
    /// Whether the claim layer takes `w` (folded) in this role.
    #[inline(always)]
    pub fn has(&self, w: &str) -> bool {
        self.claims.has(w)
    }

    /// The claim layer's forms.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        self.claims.forms.iter().map(|(_, f)| &**f)
    }

    /// Whether the number scanner takes `w` (folded) in this role.
    #[inline]
    pub fn scan_has(&self, w: &str) -> bool {
        self.scan.has(w)
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.claims.forms.is_empty() && self.scan.forms.is_empty()
    }
}

macro_rules! roles {
    ($($name:ident),* $(,)?) => {
        /// Each role of grammar_words.tsv (its doc is the file's header).
        #[derive(Debug, Default)]
        pub struct GrammarWords {
            $(pub $name: Words,)*
        }

        impl GrammarWords {
            #[cfg(test)]
            fn roles(&self) -> Vec<(&'static str, &Words)> {
                vec![$((stringify!($name), &self.$name),)*]
            }

            fn role(&mut self, name: &str) -> Option<&mut Words> {
                match name {
                    $(stringify!($name) => Some(&mut self.$name),)*
                    _ => None,
                }
            }
        }
    };
}

roles!(
    negator,
    still,
    construct_head,
    of_them,
    partitive,
    from,
    range_to,
    or,
    between,
    between_lead,
    ratio,
    every,
    bare_scale,
    sign,
    reach,
    projection,
    may_reach,
    that,
    count_pronoun,
    toll,
    percent_head,
    bound_prep,
);

/// Loads the lists, or says which line is malformed.
pub fn build(tsv: &'static str) -> Result<GrammarWords, String> {
    let bad = |n: usize, why: &str| format!("data/ar/grammar_words.tsv line {n}: {why}");
    let mut g = GrammarWords::default();
    for (n, r) in crate::lexicon::rows(tsv) {
        let [form, name, read_by] = r[..] else {
            return Err(bad(n, "want 3 columns"));
        };
        let (claims, scan) = match read_by {
            "both" => (true, true),
            "claims" => (true, false),
            "scan" => (false, true),
            _ => return Err(bad(n, "read_by must be both, claims or scan")),
        };
        let words = g.role(name).ok_or_else(|| bad(n, "unknown role"))?;
        let word = normalize_str(form);
        if words.has(&word) || words.scan_has(&word) {
            return Err(bad(n, "duplicate form in its role"));
        }
        for (reads, forms) in [(claims, &mut words.claims), (scan, &mut words.scan)] {
            if reads {
                forms.push(word.clone());
            }
        }
    }
    Ok(g)
}

pub fn grammar_words() -> &'static GrammarWords {
    static G: OnceLock<GrammarWords> = OnceLock::new();
    // compiled in and checked row by row by the tests: a failure here is a build defect
    G.get_or_init(|| build(GRAMMAR_WORDS_TSV).unwrap_or_else(|e| panic!("built-in word list is malformed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::{scan_numbers, MentionKind};
    use crate::test_quantities as quantities;
    use isnad_model::Quantity;

    /// The one claim whose text is `text`, or why there is none.
    fn claim(input: &str, text: &str) -> Result<Quantity, String> {
        let got = quantities(input);
        got.iter().find(|q| q.text == text).cloned().ok_or_else(|| {
            let texts: Vec<&str> = got.iter().map(|q| q.text.as_str()).collect();
            format!("{input}: no claim {text:?} in {texts:?}")
        })
    }

    fn scanned(input: &str, kind: MentionKind, text: &str) -> Result<(), String> {
        let got: Vec<String> = scan_numbers(input).into_iter().filter(|m| m.kind == kind).map(|m| m.text).collect();
        got.iter().any(|t| t == text).then_some(()).ok_or_else(|| format!("{input}: no {kind:?} {text:?} in {got:?}"))
    }

    /// What the claim layer does with one row: `Ok` when the row's word does its role.
    fn claims_check(role: &str, w: &str) -> Result<(), String> {
        let is = |ok: bool, what: String| if ok { Ok(()) } else { Err(what) };
        match role {
            "negator" => {
                let q = claim(&format!("{w} يقتل أكثر من 15 شخصاً"), "أكثر من 15 شخصاً")?;
                is(q.qualifier.as_str() == "at_most", format!("{w}: {:?}", q.qualifier))
            }
            "still" => {
                let q = claim(&format!("لا {w} أكثر من 100 شخص"), "أكثر من 100 شخص")?;
                is(q.qualifier.as_str() == "at_least", format!("{w}: {:?}", q.qualifier))
            }
            "construct_head" => {
                let q = claim(&format!("أحصت اللجنة 5 {w} القرية"), &format!("5 {w} القرية"))?;
                is(q.counted.as_deref() == Some(&format!("{w} القرية")[..]), format!("{w}: {:?}", q.counted))
            }
            "of_them" => {
                let q = claim(&format!("نقل 30 مصاباً، 4 {w} في حالة خطرة"), &format!("4 {w}"))?;
                is(q.kind.as_str() == "people", format!("{w}: {:?}", q.kind))
            }
            "partitive" => {
                let q = claim(&format!("خرج 300 {w} المقاتلين"), &format!("300 {w} المقاتلين"))?;
                is(q.counted.as_deref() == Some("المقاتلين"), format!("{w}: {:?}", q.counted))
            }
            "from" => claim(&format!("سار {w} 8 إلى 9 كيلومترات"), &format!("{w} 8 إلى 9 كيلومترات")).map(drop),
            "range_to" => claim(&format!("تحتاج عشرين {w} ثلاثين شاحنة"), &format!("عشرين {w} ثلاثين شاحنة")).map(drop),
            "or" => claim(&format!("رأى ثلاثة {w} أربعة جنود"), &format!("ثلاثة {w} أربعة جنود")).map(drop),
            "between" => claim(&format!("يتراوح العدد {w} 20 و30 حافلة"), &format!("{w} 20 و30 حافلة")).map(drop),
            "between_lead" => {
                claim(&format!("كلف {w} بين 100 و150 دولاراً"), &format!("{w} بين 100 و150 دولاراً")).map(drop)
            }
            "ratio" => {
                let (input, text) = if w == "جزء" {
                    ("أصيب ثلاثة جزء من عشرة", "ثلاثة جزء من عشرة")
                } else {
                    (&format!("اثنان {w} أربعة")[..], &format!("اثنان {w} أربعة")[..])
                };
                let q = claim(input, text)?;
                is(q.kind.as_str() == "percent", format!("{w}: {:?}", q.kind))
            }
            "every" => {
                let q = claim(&format!("وقال إن خمسة من {w} مئة طفل يعانون"), &format!("خمسة من {w} مئة طفل"))?;
                is(q.kind.as_str() == "percent" && q.min == Some(5.0), format!("{w}: {:?} {:?}", q.kind, q.min))
            }
            "bare_scale" => {
                let q = claim(&format!("أصيب خمسة من {w}"), &format!("خمسة من {w}"))?;
                is(q.kind.as_str() == "percent", format!("{w}: {:?}", q.kind))
            }
            "sign" => {
                let q = claim(&format!("سجلت الحرارة {w} سبعة"), &format!("{w} سبعة"))?;
                is(q.min == Some(-7.0), format!("{w}: {:?}", q.min))
            }
            "reach" => {
                let q = claim(&format!("قال إن عدد النازحين {w} إلى 7 آلاف"), &format!("{w} إلى 7 آلاف"))?;
                is(q.qualifier.as_str() == "exact", format!("{w}: {:?}", q.qualifier))
            }
            "projection" => {
                let q = claim(&format!("{w} تصل إلى 400 قتيل"), "تصل إلى 400 قتيل")?;
                is(q.qualifier.as_str() == "exact" && q.projection, format!("{w}: {:?}", q.qualifier))?;
                let q = claim(&format!("{w} أن يرتفع عدد القتلى إلى 400"), "400")?;
                is(q.projection, format!("{w} أن: no projection"))
            }
            "may_reach" => {
                let q = claim(&format!("قال إنه قد {w} عدد القتلى 400"), "400")?;
                is(q.projection, format!("{w}: no projection"))
            }
            "that" => {
                let q = claim(&format!("يتوقع {w} يصل عدد القتلى إلى 400"), "400")?;
                is(q.projection, format!("{w}: no projection"))
            }
            "count_pronoun" => {
                is(crate::quantity::may_be_count_head(w), format!("{w} fails may_be_count_head"))?;
                let q = claim(&format!("قال إن {w} لا يتجاوز 800"), "لا يتجاوز 800")?;
                is(q.kind.as_str() == "people", format!("{w}: {:?}", q.kind))
            }
            "toll" => {
                is(crate::quantity::may_be_count_head(w), format!("{w} fails may_be_count_head"))?;
                let q = claim(&format!("وصلت ال{w} إلى 12"), "12")?;
                is(q.kind.as_str() == "people", format!("{w}: {:?}", q.kind))
            }
            "percent_head" => {
                let q = claim(&format!("ارتفعت الأسعار ب{w} 15"), "15")?;
                is(q.kind.as_str() == "percent", format!("{w}: {:?}", q.kind))
            }
            "bound_prep" => {
                let q = claim(&format!("أحصت اللجنة 50 شخصاً أو أكثر {w} 100"), "50 شخصاً")?;
                is(q.qualifier.as_str() == "exact", format!("{w}: {:?}", q.qualifier))
            }
            _ => Err(format!("no check for role {role}")),
        }
    }

    /// What the scanner does with one row.
    fn scan_check(role: &str, w: &str) -> Result<(), String> {
        match role {
            "from" => scanned(&format!("{w} 3 إلى 9 أيام"), MentionKind::Range, &format!("{w} 3 إلى 9")),
            "range_to" => scanned(&format!("من 3 {w} 9 أيام"), MentionKind::Range, &format!("من 3 {w} 9")),
            "or" => {
                scanned(&format!("أعلى من 5 {w} أدنى من 8"), MentionKind::Range, &format!("أعلى من 5 {w} أدنى من 8"))
            }
            "between" => scanned(&format!("تراوح {w} ٤٠ و٦٠ درجة"), MentionKind::Range, &format!("{w} ٤٠ و٦٠")),
            "between_lead" => scanned(&format!("{w} بين ٤٠ و٦٠ درجة"), MentionKind::Range, &format!("{w} بين ٤٠ و٦٠")),
            "percent_head" => scanned(&format!("زاد ب{w} 33 تقريبا"), MentionKind::Percent, &format!("ب{w} 33")),
            "bound_prep" => {
                let input = format!("السعر 80 أو أقل {w} 90");
                let bad =
                    scan_numbers(&input).into_iter().any(|m| m.kind == MentionKind::Range && m.text == "80 أو أقل");
                if bad {
                    Err(format!("{input}: 80 أو أقل read as a bound"))
                } else {
                    Ok(())
                }
            }
            _ => Err(format!("no scanner check for role {role}")),
        }
    }

    #[test]
    fn grammar_words_has_a_source_line_and_every_row_loads() {
        assert!(GRAMMAR_WORDS_TSV.starts_with('#'), "grammar_words.tsv opens with its source line");
        // build() names the line of the first malformed row
        let mut g = build(GRAMMAR_WORDS_TSV).unwrap();
        for (n, r) in crate::lexicon::rows(GRAMMAR_WORDS_TSV) {
            let w = normalize_str(r[0]);
            let words = g.role(r[1]).unwrap();
            let want = (r[2] != "scan", r[2] != "claims");
            assert_eq!((words.has(&w), words.scan_has(&w)), want, "grammar_words.tsv line {n}: {}", r[0]);
        }
        for (name, words) in g.roles() {
            assert!(!words.is_empty(), "role {name} has no rows");
        }
    }

    /// Every row does what its role says for each reader its read_by names.
    #[test]
    fn every_grammar_word_does_what_its_row_says() {
        let mut failures = Vec::new();
        for (n, r) in crate::lexicon::rows(GRAMMAR_WORDS_TSV) {
            let (form, role, read_by) = (r[0], r[1], r[2]);
            if read_by != "scan" {
                if let Err(e) = claims_check(role, form) {
                    failures.push(format!("grammar_words.tsv line {n} ({role}, claims): {e}"));
                }
            }
            if read_by != "claims" {
                if let Err(e) = scan_check(role, form) {
                    failures.push(format!("grammar_words.tsv line {n} ({role}, scan): {e}"));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
