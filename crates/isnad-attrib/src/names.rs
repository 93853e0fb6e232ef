//! Name keys: spelling-tolerant keys for person and organisation names, and the slugs
//! built from them. Transliterations of one name differ mostly in long vowels
//! (رايان/ريان, الأمريكية/الأميركية), so the key drops medial alif, waw and yaa.

/// Skeleton of one folded word: its first letter, then its letters without ا و ي.
pub(crate) fn skeleton_word(w: &str, out: &mut String) {
    let mut chars = w.chars();
    if let Some(c) = chars.next() {
        out.push(c);
    }
    for c in chars {
        if !matches!(c, 'ا' | 'و' | 'ي' | 'ى' | 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            out.push(c);
        }
    }
}

/// Skeleton of a name made of folded words; a kunya (`أبو فوزي`, `أبوفوزي`, `أبي فوزي`)
/// becomes one word so that its spellings agree.
pub(crate) fn skeleton_words<S: AsRef<str>>(words: &[S]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_ref();
        if !out.is_empty() {
            out.push(' ');
        }
        if let Some(rest) = kunya_rest(w) {
            // أبو/أبي/أبا are one word; أم (mother of) is another
            out.push_str(if w == "ام" { "ام" } else { "اب" });
            if rest.is_empty() {
                if let Some(n) = words.get(i + 1) {
                    skeleton_word(n.as_ref(), &mut out);
                    i += 1;
                }
            } else {
                skeleton_word(rest, &mut out);
            }
        } else {
            skeleton_word(w, &mut out);
        }
        i += 1;
    }
    out
}

/// For a kunya word (`ابو`, `ابي`, `ابا`, or one glued to the name: `ابوفوزي`), the rest.
pub(crate) fn kunya_rest(w: &str) -> Option<&str> {
    if w == "ام" {
        return Some(""); // `أم سامر`; as "or" it never stands inside a mention
    }
    for p in ["ابو", "ابي", "ابا"] {
        if let Some(rest) = w.strip_prefix(p) {
            // `ابوفوزي` glued; a bare `ابي` also means "my father", but only as a whole word
            if rest.is_empty() || rest.chars().count() >= 3 {
                return Some(rest);
            }
        }
    }
    None
}

/// An ASCII slug for a skeleton: a stable id for a name that no alias row knows.
pub(crate) fn slug(key: &str) -> String {
    let mut s = String::with_capacity(key.len());
    for c in key.chars() {
        let t: &str = match c {
            ' ' => "-",
            'ا' | 'أ' | 'إ' | 'آ' => "a",
            'ب' => "b",
            'ت' => "t",
            'ث' => "th",
            'ج' => "j",
            'ح' => "h",
            'خ' => "kh",
            'د' => "d",
            'ذ' => "dh",
            'ر' => "r",
            'ز' => "z",
            'س' => "s",
            'ش' => "sh",
            'ص' => "s",
            'ض' => "d",
            'ط' => "t",
            'ظ' => "z",
            'ع' => "a",
            'غ' => "gh",
            'ف' => "f",
            'ق' => "q",
            'ك' => "k",
            'ل' => "l",
            'م' => "m",
            'ن' => "n",
            'ه' => "h",
            'و' => "w",
            'ي' => "y",
            'ء' => "",
            c if c.is_ascii_alphanumeric() => {
                s.push(c.to_ascii_lowercase());
                continue;
            }
            _ => "",
        };
        s.push_str(t);
    }
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "entity".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_text::normalize_str;

    fn key(s: &str) -> String {
        let n = normalize_str(s);
        let w: Vec<&str> = n.split_whitespace().collect();
        skeleton_words(&w)
    }

    #[test]
    fn spelling_variants_share_a_key() {
        let same = [
            ("رايان ديلون", "ريان ديلون"),
            ("أبو فوزي", "أبوفوزي"),
            ("أبي فوزي", "أبو فوزي"),
            ("وزارة الدفاع الأمريكية", "وزارة الدفاع الأميركية"),
            ("سيرغي لافروف", "سيرغى لافروف"),
        ];
        for (a, b) in same {
            assert_eq!(key(a), key(b), "{a} / {b}");
        }
        let differ = [("محمود", "مهند"), ("أبو فوزي", "أبو مصعب"), ("ريان ديلون", "ريان"), ("أم سامر", "أبو سامر")];
        for (a, b) in differ {
            assert_ne!(key(a), key(b), "{a} / {b}");
        }
    }

    #[test]
    fn slugs_are_ascii_and_stable() {
        assert_eq!(slug(&key("مهاب الناصر")), slug(&key("مهاب الناصر")));
        assert!(slug(&key("مهاب الناصر")).bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
        assert_eq!(slug(""), "entity");
    }
}
