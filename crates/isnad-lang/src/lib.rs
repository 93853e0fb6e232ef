//! The language seam.
//!
//! Every document is read by the extractor of its language: [`Lang`] says which,
//! [`detect`] decides when the caller does not know. Arabic is read by the pipeline of
//! `isnad-extract` → `isnad-attrib` → `isnad-frame`, English by `isnad-en`. Both write
//! the same records (`isnad_model::Record`) with the same class and action names, so
//! that the ledger groups an English and an Arabic report of one figure together.
//!
//! This crate owns every word list both readers use ([`words`]: `data/ar/`, `data/en/`,
//! and `data/` for the tables that hold both languages), in one dialect read by
//! [`tsv::rows`] (from `isnad-text`): a `# source:` header line, `#` comments,
//! tab-separated columns, and the Arabic affixes ([`ar`]: clitics, pronoun suffixes,
//! the proclitic cuts every Arabic lookup starts from). It depends on no stage, so every
//! stage can ask it.
pub mod ar;
pub mod words;
pub use isnad_text::tsv;

/// The language a document is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Arabic,
    English,
}

impl Lang {
    /// `ar` / `en` (also `arabic` / `english`, any case).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ar" | "ara" | "arabic" => Some(Lang::Arabic),
            "en" | "eng" | "english" => Some(Lang::English),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Arabic => "ar",
            Lang::English => "en",
        }
    }
}

/// The language of `text` by its script: Arabic when Arabic letters are at least as
/// many as Latin ones in its first few thousand characters, else English. (Telling
/// English from other Latin-script languages is the ingest layer's job; whatever is not
/// Arabic is read by the English extractor, which finds digits in any Latin text.)
/// The counts are `isnad_text::script_counts`, the ones ingest's detection reads, so a
/// text reads the same whether its language came from ingest (the binary, the dossier)
/// or from here (the Python package, Spark).
pub fn detect(text: &str) -> Lang {
    let (arabic, latin) = isnad_text::script_counts(text);
    if latin > arabic {
        Lang::English
    } else {
        Lang::Arabic
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_decides() {
        assert_eq!(detect("قال المتحدث إن نحو 400 مقاتل غادروا"), Lang::Arabic);
        assert_eq!(detect("The spokesman said about 400 fighters had left."), Lang::English);
        // An Arabic report quoting an English acronym stays Arabic.
        assert_eq!(detect("قالت وكالة AFP إن 12 شخصاً قتلوا في القصف"), Lang::Arabic);
        assert_eq!(detect("12 345"), Lang::Arabic);
        assert_eq!(Lang::parse("EN"), Some(Lang::English));
        assert_eq!(Lang::parse("fr"), None);
    }
}

/// A name's consonant skeleton, the same for its Arabic spelling and its usual Latin
/// transliteration (`تل الزيتون` and `Tel al-Zaytoun` → `tl ztn`; `خان شيخون` and
/// `Khan Shaykhun` → `kn skn`): how a place or person no list knows is recognised
/// across the two scripts. The article (`ال`, `al-`, `el-`) and long vowels are
/// dropped, letters that transliterate alike fall together. `None` when too little is
/// left to tell names apart (fewer than four consonants).
pub fn skeleton(name: &str) -> Option<String> {
    let mut out = String::new();
    let mut consonants = 0;
    for word in name.split(|c: char| c.is_whitespace() || c == '-' || c == '\'' || c == '’').filter(|w| !w.is_empty())
    {
        let lower = word.to_lowercase();
        let w = lower.strip_prefix("ال").filter(|r| r.chars().count() >= 2).unwrap_or(&lower);
        if matches!(
            w,
            "al" | "el"
                | "ad"
                | "as"
                | "ash"
                | "at"
                | "az"
                | "ar"
                | "an"
                | "ez"
                | "es"
                | "ed"
                | "er"
                | "en"
                | "et"
                | "ibn"
                | "bin"
                | "bint"
        ) {
            continue;
        }
        let cs: Vec<char> = w.chars().collect();
        let mut part = String::new();
        let mut k = 0;
        while k < cs.len() {
            let c = cs[k];
            let next = cs.get(k + 1).copied();
            let (sound, skip) = match (c, next) {
                ('t', Some('h')) | ('d', Some('h')) => (Some(if c == 't' { 't' } else { 'd' }), 2),
                ('k', Some('h')) | ('g', Some('h')) | ('s', Some('h')) => (Some(if c == 's' { 's' } else { 'k' }), 2),
                ('p', Some('h')) => (Some('f'), 2),
                ('a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w', _) => (None, 1),
                ('q' | 'c', _) => (Some('k'), 1),
                ('v', _) => (Some('f'), 1),
                ('p', _) => (Some('b'), 1),
                ('x', _) => (Some('k'), 1),
                (c, _) if c.is_ascii_alphabetic() => (Some(c), 1),
                ('ب', _) => (Some('b'), 1),
                ('ت' | 'ط' | 'ث', _) => (Some('t'), 1),
                ('ج', _) => (Some('j'), 1),
                ('ح' | 'ه', _) => (Some('h'), 1),
                ('خ' | 'ق' | 'ك', _) => (Some('k'), 1),
                ('غ', _) => (Some('g'), 1),
                ('د' | 'ض' | 'ذ', _) => (Some('d'), 1),
                ('ر', _) => (Some('r'), 1),
                ('ز' | 'ظ', _) => (Some('z'), 1),
                ('س' | 'ص' | 'ش', _) => (Some('s'), 1),
                ('ف', _) => (Some('f'), 1),
                ('ل', _) => (Some('l'), 1),
                ('م', _) => (Some('m'), 1),
                ('ن', _) => (Some('n'), 1),
                _ => (None, 1),
            };
            if let Some(s) = sound {
                // `h` after a vowel-less start is often a vowel sign in Latin (`Raqqah`)
                if !(s == 'h' && k + skip >= cs.len() && c.is_ascii_alphabetic()) && !part.ends_with(s) {
                    part.push(s);
                    consonants += 1;
                }
            }
            k += skip;
        }
        if !part.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&part);
        }
    }
    (consonants >= 4).then_some(out)
}

#[cfg(test)]
mod skeleton_tests {
    use super::skeleton;

    #[test]
    fn one_skeleton_for_both_scripts() {
        for (ar, en) in [
            ("تل الزيتون", "Tel al-Zaytoun"),
            ("خان شيخون", "Khan Shaykhun"),
            ("عين الدفلى", "Ain al-Difla"),
            ("دير الزور", "Deir ez-Zor"),
        ] {
            assert_eq!(skeleton(ar), skeleton(en), "{ar} / {en}");
            assert!(skeleton(ar).is_some(), "{ar}");
        }
        assert_ne!(skeleton("Tel al-Zaytoun"), skeleton("Tell Abyad"));
        assert_eq!(skeleton("Raqqa"), None, "too short to tell apart");
    }
}
