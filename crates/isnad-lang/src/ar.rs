//! Arabic affixes: the clitics glued before a word and the pronouns glued after it,
//! which every Arabic reader (the claim layer, attribution, the frame, places) strips
//! before it looks a word up. They are written once here; each reader says which of
//! them its rule allows (a place name takes ب and ل but rarely ك). Every form is folded
//! (`isnad_text::normalize_str`): ة is ه, hamzas are alif.

/// The conjunctions glued to the next word (`وقال`, `فإن`).
pub const CONJUNCTIONS: [&str; 2] = ["و", "ف"];
/// The prepositions glued to the next word (`بالرقة`, `لموقع`, `كمصدر`).
pub const PREPOSITIONS: [&str; 3] = ["ب", "ل", "ك"];
/// The prepositions a place name takes (`بدرنة`, `لحلب`).
pub const PLACE_PREPOSITIONS: [&str; 2] = ["ب", "ل"];
/// The article.
pub const ARTICLE: &str = "ال";
/// ل + the article, written without the alif (`للرقة`).
pub const LAM_ARTICLE: &str = "لل";

/// Every proclitic sequence, longest first (conjunction, preposition, article), for
/// the rules that strip the first one that leaves a known stem.
pub const PROCLITICS: &[&str] = &[
    "وبال", "فبال", "وكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "فب", "ول", "فل", "وك", "فك",
    "و", "ف", "ب", "ل", "ك",
];

/// Proclitics written apart from the word or number they belong to (`الـ24`, `بـ 700`,
/// `و 1500`): the conjunctions, prepositions, the article and their combinations.
pub const PROCLITIC_TOKENS: [&str; 15] =
    ["و", "ف", "ب", "ل", "ك", "ال", "لل", "وال", "بال", "فال", "كال", "ول", "وب", "فب", "ولل"];
/// Proclitics a qualifier phrase's first word may carry (`وأكثر`, `بنحو`, `لحوالي`).
pub const QUALIFIER_CLITICS: [&str; 6] = ["و", "ف", "ب", "ل", "وب", "فب"];
/// The prepositions ل before a counted noun that make it a destination or a purpose,
/// not the thing counted (`لل`, `ول`: `300 للمقاتلين` is "300 for the fighters").
pub const LAM_PROCLITICS: [&str; 6] = ["ل", "لل", "ول", "فل", "ولل", "فلل"];

/// Possessive pronouns, longest first (`عناصرها`, `مقاتليهما`). `ه` alone is left out:
/// folded, it is also ة.
pub const POSSESSIVES: [&str; 6] = ["هما", "هم", "هن", "ها", "كم", "نا"];
/// The pronouns a verb takes as its object (`نشره`, `أعلنها`).
pub const OBJECT_PRONOUNS: [&str; 4] = ["ه", "ها", "هم", "هن"];
/// Endings of a noun under a possessive pronoun of a person (`رحلته`, `منازلهم`).
pub const PERSONAL_POSSESSIVES: [&str; 6] = ["ته", "تها", "تهم", "تنا", "هم", "ها"];
/// Endings a looked-up form may lose: pronouns, the tanween alif, the verb's plural and
/// feminine endings and the sound plurals (`قتلوا`, `المقاتلين`).
pub const VARIANT_SUFFIXES: [&str; 11] = ["هم", "هن", "ها", "كم", "نا", "ه", "ا", "وا", "ون", "ين", "ت"];

/// Byte offsets at which a stem may start after proclitics, the uncut word first, then
/// shortest cut first: conjunction, then preposition, then article (`وبالرقة` →
/// `بالرقة`, `الرقة`, `رقة`). Built by that grammar rather than by trying every prefix,
/// and on the letters' two UTF-8 bytes: this runs for every word of every document.
pub fn proclitic_cuts(word: &str) -> Cuts {
    const WAW: [u8; 2] = [0xD9, 0x88];
    const FA: [u8; 2] = [0xD9, 0x81];
    const BA: [u8; 2] = [0xD8, 0xA8];
    const KAF: [u8; 2] = [0xD9, 0x83];
    const LAM: [u8; 2] = [0xD9, 0x84];
    const ALIF: [u8; 2] = [0xD8, 0xA7];
    let b = word.as_bytes();
    let at = |p: usize, c: [u8; 2]| b.get(p..p + 2) == Some(&c[..]);
    let article = |p: usize| at(p, ALIF) && at(p + 2, LAM);
    let mut cuts = Cuts { at: [0; 6], len: 1 };
    let mut p = 0;
    if at(0, WAW) || at(0, FA) {
        p = 2;
        cuts.push(2);
    }
    if article(p) {
        cuts.push(p + 4);
    } else if at(p, BA) || at(p, KAF) {
        cuts.push(p + 2);
        if article(p + 2) {
            cuts.push(p + 6);
        }
    } else if at(p, LAM) {
        cuts.push(p + 2);
        // لل is ل + ال with the alif dropped
        if at(p + 2, LAM) {
            cuts.push(p + 4);
        }
    }
    cuts.retain_below(word.len());
    cuts
}

/// Where stems may start in a word ([`proclitic_cuts`]), the uncut word (0) first.
#[derive(Debug, Clone, Copy)]
pub struct Cuts {
    at: [u8; 6],
    len: usize,
}

impl Cuts {
    fn push(&mut self, c: usize) {
        if self.len < self.at.len() && c < 256 {
            self.at[self.len] = c as u8;
            self.len += 1;
        }
    }
    /// Keeps cuts that leave something of the word (and always the uncut word).
    fn retain_below(&mut self, n: usize) {
        let mut k = 1;
        for i in 1..self.len {
            if (self.at[i] as usize) < n {
                self.at[k] = self.at[i];
                k += 1;
            }
        }
        self.len = k;
    }
    pub fn iter(&self) -> std::slice::Iter<'_, u8> {
        self.at[..self.len].iter()
    }
}

impl std::ops::Index<std::ops::RangeTo<usize>> for Cuts {
    type Output = [u8];
    fn index(&self, r: std::ops::RangeTo<usize>) -> &[u8] {
        &self.at[..self.len][r]
    }
}

impl std::ops::Index<std::ops::RangeFrom<usize>> for Cuts {
    type Output = [u8];
    fn index(&self, r: std::ops::RangeFrom<usize>) -> &[u8] {
        &self.at[..self.len][r]
    }
}

/// The word without a glued conjunction, when at least two letters remain.
pub fn strip_conjunction(w: &str) -> Option<&str> {
    let rest = CONJUNCTIONS.iter().find_map(|c| w.strip_prefix(c))?;
    (rest.chars().count() >= 2).then_some(rest)
}

/// The noun under a possessive pronoun ([`POSSESSIVES`]: `عناصرها` → `عناصر`), when at
/// least three letters remain.
pub fn without_possessive(w: &str) -> Option<&str> {
    POSSESSIVES.iter().find_map(|s| w.strip_suffix(s)).filter(|r| r.chars().count() >= 3)
}

/// A verb form ending in an object pronoun (`نشره`, `أعلنها`), four letters or more.
pub fn has_object_pronoun(w: &str) -> bool {
    w.chars().count() >= 4 && OBJECT_PRONOUNS.iter().any(|p| w.ends_with(p))
}

/// A folded Arabic word without its clitics and light suffixes, as the search index keys
/// it (after Larkey's light10: و ف, then بال كال لال وال فال, ال لل, ب ك ل; then ها ان ات
/// ون ين يه ه ي), as a slice of the word: every letter it strips is a two-byte
/// Arabic letter, so the stem is a byte range of the word and needs no copy of its
/// characters (this runs for every word of every document indexed).
pub fn light_stem(word: &str) -> &str {
    let mut s = word;
    // length in characters, kept as letters are cut
    let mut n = word.chars().count();
    let at = |s: &str, k: usize| s.chars().nth(k);
    if n >= 4 && matches!(at(s, 0), Some('و' | 'ف')) {
        s = &s['و'.len_utf8()..];
        n -= 1;
    }
    let (c0, c1, c2) = {
        let mut it = s.chars();
        (it.next(), it.next(), it.next())
    };
    if n >= 5 && matches!(c0, Some('ب' | 'ك' | 'ل' | 'و' | 'ف')) && c1 == Some('ا') && c2 == Some('ل') {
        s = &s[3 * 'ا'.len_utf8()..];
        n -= 3;
    } else if n >= 4 && matches!(c0, Some('ل' | 'ا')) && c1 == Some('ل') {
        s = &s[2 * 'ا'.len_utf8()..];
        n -= 2;
    } else if n >= 4 && matches!(c0, Some('ب' | 'ك' | 'ل')) {
        s = &s['ب'.len_utf8()..];
        n -= 1;
    }
    // (suffix, its length in characters), tried in this order, each at most once
    const SUFFIXES: [(&str, usize); 8] =
        [("ها", 2), ("ان", 2), ("ات", 2), ("ون", 2), ("ين", 2), ("يه", 2), ("ه", 1), ("ي", 1)];
    for (suf, k) in SUFFIXES {
        if n >= k + 2 && s.ends_with(suf) {
            s = &s[..s.len() - suf.len()];
            n -= k;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(w: &str) -> Vec<&str> {
        proclitic_cuts(w).iter().map(|&c| &w[c as usize..]).collect()
    }

    #[test]
    fn cuts_follow_conjunction_preposition_article() {
        for (w, want) in [
            ("وبالرقه", &["وبالرقه", "بالرقه", "الرقه", "رقه"][..]),
            ("للرقه", &["للرقه", "لرقه", "رقه"]),
            ("والعدد", &["والعدد", "العدد", "عدد"]),
            ("كمصدر", &["كمصدر", "مصدر"]),
            ("مقاتل", &["مقاتل"]),
            // nothing is cut to leave nothing
            ("ال", &["ال"]),
            ("و", &["و"]),
        ] {
            assert_eq!(stems(w), want, "{w}");
        }
    }

    #[test]
    fn affixes_are_folded_and_stripped_as_their_rules_say() {
        for list in [&CONJUNCTIONS[..], &PREPOSITIONS, PROCLITICS, &PROCLITIC_TOKENS, &QUALIFIER_CLITICS, &POSSESSIVES]
        {
            for a in list {
                assert_eq!(isnad_text::normalize_str(a), *a, "{a} is written folded");
            }
        }
        for w in PROCLITICS.windows(2) {
            assert!(w[0].chars().count() >= w[1].chars().count(), "longest first: {w:?}");
        }
        assert_eq!(strip_conjunction("وقال"), Some("قال"));
        assert_eq!(strip_conjunction("وه"), None, "one letter left is no word");
        assert_eq!(without_possessive("عناصرها"), Some("عناصر"));
        assert_eq!(without_possessive("مقاتليهما"), Some("مقاتلي"), "longest pronoun first");
        assert_eq!(without_possessive("همها"), None);
        assert!(has_object_pronoun("نشره") && !has_object_pronoun("له"));
        for (w, stem) in [("والمقاتلون", "مقاتل"), ("لقسد", "قسد"), ("الرقه", "رق"), ("مدينه", "مدين"), ("قسد", "قسد")]
        {
            assert_eq!(light_stem(w), stem, "{w}");
        }
    }
}
