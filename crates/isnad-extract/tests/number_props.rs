//! Bad input never breaks the number parser, the extractor or the scanner.
//!
//! Over arbitrary strings and over strings built from the pieces numbers are made of
//! (number words, digits in three scripts, separators, clitics, tatweel, diacritics,
//! invisible marks, qualifiers, percent signs, nouns, months):
//! - `parse_at` and `read_value_at` at every token never panic, return spans inside the
//!   tokens that start where asked, and `min <= max`;
//! - `isnad_extract::extract` and `scan_numbers` never panic; every record's `start..end`
//!   lies on character boundaries of the input with `start <= end <= len`, its `text` is
//!   exactly `&input[start..end]`, and `min <= max` where both are set;
//! - the text layer's tokens and `normalize_with_offsets` map back to character boundaries.

use isnad_extract::numbers::{parse_at, read_value_at};
use isnad_extract::scan::scan_numbers;
use isnad_extract::{extract, Options, Ymd};
use isnad_model::Record;
use isnad_text::{analyze, normalize_with_offsets};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    // number words, every case and gender, duals, plurals, fractions, vague counts
    "واحد",
    "اثنين",
    "ثلاثة",
    "ثلاث",
    "خمس",
    "خمسة",
    "عشر",
    "عشرة",
    "أحد",
    "إحدى",
    "عشرون",
    "عشرين",
    "مئة",
    "مائة",
    "مئتي",
    "مائتان",
    "ثلاثمئة",
    "ألف",
    "آلاف",
    "ألاف",
    "ألفين",
    "ألفا",
    "مليون",
    "ملايين",
    "مليار",
    "نصف",
    "ربع",
    "ثلث",
    "ثلثي",
    "أرباع",
    "أخماس",
    "أثمان",
    "ثمن",
    "عشرات",
    "مئات",
    "بضعة",
    "صفر",
    // digits and separators
    "0",
    "4",
    "1500",
    "4,000",
    "4.000",
    "2.5",
    "٤٬٠٠٠",
    "٢٫٥",
    "١٢٣",
    "۲۵",
    "٪",
    "%",
    "/",
    "-",
    "–",
    "~",
    "^",
    "e",
    ".",
    ",",
    "،",
    "٫",
    "٬",
    "+",
    "<",
    ">",
    "=",
    "<=",
    ">=",
    // spacing and invisible characters
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\t",
    "\u{00A0}",
    "\u{200F}",
    "\u{202A}",
    "\u{200B}",
    "\u{FEFF}",
    "&nbsp;",
    "&",
    // clitics, tatweel, diacritics
    "و",
    "ف",
    "ب",
    "ل",
    "ال",
    "لل",
    "بـ",
    "الـ",
    "ـ",
    "ـــ",
    "\u{064B}",
    "\u{064E}",
    "\u{064F}",
    "\u{0650}",
    "\u{0651}",
    "\u{0652}",
    "\u{0670}",
    // qualifiers, connectors, sign and ratio words
    "نحو",
    "حوالي",
    "أكثر من",
    "أقل من",
    "لا أقل من",
    "يساوي",
    "أو",
    "او",
    "بين",
    "ما بين",
    "من",
    "إلى",
    "الى",
    "حتى",
    "على",
    "جزء",
    "سالب",
    "ناقص",
    "فوق",
    "تحت",
    "أو أكثر",
    "بالمئة",
    "بالمائة",
    "في المئة",
    "نسبة",
    "بنسبة",
    "تقريباً",
    // nouns, dates, names with digits
    "شخص",
    "مقاتلاً",
    "دولار",
    "ليرة سورية",
    "كيلومتر",
    "يوم",
    "يومين",
    "أكتوبر",
    "تشرين الأول",
    "2017",
    "الماضي",
    "AC-130",
    "http://x.org/?q=5%20",
    "قال",
    "بحسب",
    "\"",
    "«",
    "»",
    ":",
    "(",
    ")",
];

fn built() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

/// Arbitrary text, mostly Arabic-block characters so that words and numbers do form.
fn arabicish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::char::range('\u{0600}', '\u{06FF}'),
            2 => prop::char::range('0', '9'),
            1 => Just(' '),
            1 => any::<char>(),
        ],
        0..80,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![built(), arabicish(), any::<String>()]
}

fn check_span(input: &str, start: usize, end: usize, text: &str) -> Result<(), TestCaseError> {
    prop_assert!(start <= end && end <= input.len(), "span {start}..{end} outside 0..{}", input.len());
    prop_assert!(
        input.is_char_boundary(start) && input.is_char_boundary(end),
        "span {start}..{end} not on char boundaries"
    );
    prop_assert_eq!(&input[start..end], text);
    Ok(())
}

fn min_le_max(min: Option<f64>, max: Option<f64>) -> Result<(), TestCaseError> {
    if let (Some(lo), Some(hi)) = (min, max) {
        prop_assert!(lo <= hi, "min {lo} > max {hi}");
    }
    Ok(())
}

fn check_parser(input: &str) -> Result<(), TestCaseError> {
    let a = analyze(input);
    let mut prev_end = 0u32;
    for (i, t) in a.tokens.iter().enumerate() {
        prop_assert!(t.start < t.end && t.start >= prev_end, "token {i} out of order");
        prop_assert!(input.is_char_boundary(t.start as usize) && input.is_char_boundary(t.end as usize));
        prev_end = t.end;
    }
    for i in 0..a.tokens.len() {
        if let Some(e) = parse_at(&a, i) {
            prop_assert!(e.first == i && e.first <= e.last && e.last < a.tokens.len(), "parse_at({i}) = {e:?}");
            prop_assert!(e.min <= e.max, "parse_at({i}): min {} > max {}", e.min, e.max);
            let _ = a.span_text(e.first, e.last);
        }
        if let Some(r) = read_value_at(&a, i) {
            prop_assert!(r.first == i && r.first <= r.last && r.last < a.tokens.len(), "read_value_at({i}) = {r:?}");
            prop_assert!(r.min <= r.max, "read_value_at({i}): min {} > max {}", r.min, r.max);
        }
    }
    Ok(())
}

fn check_extract(input: &str) -> Result<(), TestCaseError> {
    let opts = Options { published: Ymd::parse("2017-10-20"), ..Default::default() };
    for rec in extract(input, &opts).into_iter().chain(extract(input, &Options::default())) {
        match rec {
            Record::Quantity(q) => {
                check_span(input, q.start, q.end, &q.text)?;
                min_le_max(q.min, q.max)?;
                // the counted noun is in the claim, or (named as the clause's subject,
                // عدد القتلى ... 23) shortly before it: never from elsewhere in the text.
                // (`input.contains(c)` alone held for any substring of the input.)
                if let Some(c) = &q.counted {
                    let mut from = q.start.saturating_sub(600);
                    while !input.is_char_boundary(from) {
                        from -= 1;
                    }
                    prop_assert!(
                        input[from..q.end].contains(c.as_str()),
                        "counted {c:?} is not in or just before {:?}",
                        q.text
                    );
                }
            }
            Record::Date(d) => check_span(input, d.start, d.end, &d.text)?,
            #[allow(unreachable_patterns)]
            _ => {}
        }
    }
    Ok(())
}

fn check_scan(input: &str) -> Result<(), TestCaseError> {
    for m in scan_numbers(input) {
        check_span(input, m.start, m.end, &m.text)?;
        min_le_max(m.min, m.max)?;
    }
    Ok(())
}

fn check_normalizer(input: &str) -> Result<(), TestCaseError> {
    let n = normalize_with_offsets(input);
    prop_assert_eq!(n.offsets.len(), n.text.len() + 1);
    let mut prev = 0u32;
    for &o in &n.offsets {
        prop_assert!(o >= prev && (o as usize) <= input.len() && input.is_char_boundary(o as usize));
        prev = o;
    }
    // every range of the folded text maps back to a range of whole characters
    let len = n.text.len();
    for (s, e) in [(0, len), (0, len / 2), (len / 3, len), (len / 2, len / 2 + 1)] {
        let (a, b) = n.original_span(input, s, e.min(len));
        prop_assert!(a <= b && b <= input.len() && input.is_char_boundary(a) && input.is_char_boundary(b));
    }
    Ok(())
}

proptest! {
    // at least 512 cases; PROPTEST_CASES=N raises it for a longer run
    #![proptest_config(ProptestConfig { cases: ProptestConfig::default().cases.max(512), ..ProptestConfig::default() })]

    #[test]
    fn parser_never_panics_and_spans_fit(s in any_text()) {
        check_parser(&s)?;
    }

    #[test]
    fn extract_records_map_to_the_input(s in any_text()) {
        check_extract(&s)?;
    }

    #[test]
    fn scan_mentions_map_to_the_input(s in any_text()) {
        check_scan(&s)?;
    }

    #[test]
    fn normalizer_offsets_are_char_boundaries(s in any_text()) {
        check_normalizer(&s)?;
    }

    /// Cutting a text anywhere (as a truncated file would) still gives valid spans.
    #[test]
    fn truncated_texts(s in built(), cut in 0usize..400) {
        let mut end = cut.min(s.len());
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let t = &s[..end];
        check_parser(t)?;
        check_extract(t)?;
        check_scan(t)?;
    }
}

/// Inputs that once broke something, or look as if they might.
#[test]
fn hand_picked_inputs() {
    for s in [
        "",
        "ـ",
        "\u{064B}\u{064B}",
        "و",
        "الـ",
        "بـ ",
        "-",
        "--1",
        "1/0",
        "٠/٠",
        "جزء من صفر",
        "واحد على صفر",
        "سالب",
        "سالب سالب ٥",
        "ناقص\n٥",
        "بين ٥ و",
        "من ٥ إلى",
        "أكثر من",
        "99999999999999999999999999999999999999 مليار",
        "١e١٠٠٠٠٠",
        "ثلاثة أخماس أخماس",
        "عشرون و وثلاثة أرباع",
        "خمس ال",
        "\u{200F}٤\u{202A},\u{202A}",
        "4,,000",
        ",5",
        "٫",
        "%%%",
        "بالمئة بالمئة 5 بالمئة",
        "&nbsp;&amp;&#160;4",
    ] {
        check_parser(s).unwrap();
        check_extract(s).unwrap();
        check_scan(s).unwrap();
        check_normalizer(s).unwrap();
    }
}
