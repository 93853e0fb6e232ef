//! Properties over arbitrary input: nothing panics and every span lands on character
//! boundaries of the untouched original.

use isnad_text::{analyze, normalize_with_offsets};
use proptest::prelude::*;

fn arabicish() -> impl Strategy<Value = String> {
    // weighted toward the characters the tokenizer treats specially
    let pieces = prop::sample::select(vec![
        "نحو",
        "٤٬٠٠٠",
        "٢٫٥",
        "و",
        "ـ",
        "ً",
        "\u{200B}",
        "\u{202A}",
        "&nbsp;",
        "&",
        "«",
        "»",
        ".",
        "،",
        "\n",
        " ",
        "1",
        ",",
        "AC-130",
        "؟",
        "آلاف",
        "\u{00A0}",
        "\u{FEFF}",
        "%",
        "٪",
        "ة",
        "ى",
    ]);
    prop::collection::vec(prop_oneof![pieces.prop_map(String::from), any::<String>()], 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn tokens_map_back(s in arabicish()) {
        let a = analyze(&s);
        let mut last_end = 0;
        for (i, t) in a.tokens.iter().enumerate() {
            let (st, en) = (t.start as usize, t.end as usize);
            prop_assert!(st < en && en <= s.len());
            prop_assert!(s.is_char_boundary(st) && s.is_char_boundary(en));
            prop_assert!(st >= last_end, "tokens overlap or go backwards");
            last_end = en;
            prop_assert!(a.norm.is_char_boundary(t.ns as usize) && a.norm.is_char_boundary(t.ne as usize));
            let _ = a.norm(i);
        }
        let mut next = 0;
        for &(st, en) in &a.sentences {
            prop_assert_eq!(st, next);
            prop_assert!(en > st);
            next = en;
        }
        prop_assert_eq!(next, a.tokens.len());
    }

    #[test]
    fn normalised_offsets_map_back(s in arabicish(), a in 0usize..200, b in 0usize..200) {
        let n = normalize_with_offsets(&s);
        prop_assert_eq!(n.offsets.len(), n.text.len() + 1);
        let (lo, hi) = (a.min(b).min(n.text.len()), a.max(b).min(n.text.len()));
        let (st, en) = n.original_span(&s, lo, hi);
        prop_assert!(st <= en && en <= s.len());
        prop_assert!(s.is_char_boundary(st) && s.is_char_boundary(en));
    }
}
