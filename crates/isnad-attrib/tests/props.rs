//! Nothing panics on any input, and every span produced lands on character boundaries
//! inside the text.

use isnad_model::Quantity;
use proptest::prelude::*;

fn arabicish() -> impl Strategy<Value = String> {
    // weighted toward what the rules react to: cues, quotes, clitics, names, brackets
    let pieces = prop::sample::select(vec![
        "وقال",
        "قال",
        "إن",
        "أن",
        "بحسب",
        "وفقاً",
        "لـ",
        "ل",
        "نقلاً",
        "عن",
        "نفى",
        "لم",
        "يؤكد",
        "ليست",
        "لا",
        "صحة",
        "\"",
        "“",
        "”",
        "«",
        "»",
        ":",
        "،",
        ".",
        "؛",
        "(",
        ")",
        "\n",
        "\n\n",
        " ",
        " ",
        " ",
        "هذا",
        "ما",
        "قاله",
        "أبو",
        "فوزي",
        "العقيد",
        "ريان",
        "ديلون",
        "قسد",
        "المتحدث",
        "باسم",
        "مصادر",
        "الجيش",
        "300",
        "شخص",
        "ً",
        "ُ",
        "ـ",
        "قائلاً",
        "وأضاف",
        "إعلان",
        "على",
        "لسان",
        "بي",
        "سي",
        "الذي",
        "كان",
        "قد",
        "عدد",
        "من",
        "\u{200B}",
        "&nbsp;",
    ]);
    prop::collection::vec(prop_oneof![4 => pieces.prop_map(String::from), 1 => any::<String>()], 0..60)
        .prop_map(|v| v.concat())
}

fn stub(start: usize, end: usize) -> Quantity {
    Quantity::bare(start, end, String::new())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn attribute_never_panics_and_spans_stay_inside(s in arabicish(), picks in prop::collection::vec((0usize..64, 1usize..4), 0..8)) {
        let doc = isnad_text::analyze(&s);
        let n = doc.tokens.len();
        let mut qs: Vec<Quantity> = Vec::new();
        if n > 0 {
            let mut spans: Vec<(usize, usize)> = picks.iter().map(|&(a, len)| {
                let a = a % n;
                let b = (a + len).min(n) - 1;
                (doc.tokens[a].start as usize, doc.tokens[b].end as usize)
            }).collect();
            spans.sort_unstable();
            spans.dedup_by(|b, a| b.0 < a.1);
            qs = spans.into_iter().map(|(a, b)| stub(a, b)).collect();
        }
        isnad_attrib::attribute(&doc, &mut qs);
        for q in &qs {
            for p in q.speaker.iter().chain(q.source.iter()) {
                prop_assert!(p.start < p.end && p.end <= s.len());
                prop_assert!(s.is_char_boundary(p.start) && s.is_char_boundary(p.end));
                prop_assert_eq!(&s[p.start..p.end], p.text.as_str());
            }
        }
        let mut idx = isnad_attrib::EntityIndex::new();
        idx.add_document("x", &doc);
        for e in idx.entities() {
            for m in &e.mentions {
                prop_assert!(m.start <= m.end && m.end <= s.len());
                prop_assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end));
            }
        }
    }

    #[test]
    fn arbitrary_byte_spans_are_tolerated(s in arabicish(), a in 0usize..400, b in 0usize..400) {
        // spans that are not token-aligned (or lie outside the text) must not panic either
        let doc = isnad_text::analyze(&s);
        let mut qs = vec![stub(a.min(b), a.max(b))];
        isnad_attrib::attribute(&doc, &mut qs);
    }
}
