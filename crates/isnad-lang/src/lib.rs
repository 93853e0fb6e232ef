//! The language seam.
//!
//! Every document is read by the extractor of its language: [`Lang`] says which,
//! [`detect`] decides when the caller does not know. Arabic is read by the pipeline of
//! `isnad-extract` → `isnad-attrib` → `isnad-frame` (its word lists under those crates'
//! `data/`); English by [`en`], whose word lists are `data/en/*.tsv`. Both write the same
//! records (`isnad_model::Record`) with the same class and action names, so that the
//! ledger groups an English and an Arabic report of one figure together.
//!
//! Word lists share one dialect, read by [`tsv::rows`]: a `# source:` header line,
//! `#` comments, tab-separated columns.

pub mod en;
pub mod tsv;

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

/// Characters looked at by [`detect`]: enough to settle the script of a news text.
const DETECT_CHARS: usize = 4000;

/// The language of `text` by its script: Arabic when Arabic letters are at least as
/// many as Latin ones in its first few thousand characters, else English. (Telling
/// English from other Latin-script languages is the ingest layer's job; whatever is not
/// Arabic is read by the English extractor, which finds digits in any Latin text.)
pub fn detect(text: &str) -> Lang {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in text.chars().take(DETECT_CHARS) {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c) || ('\u{FB50}'..='\u{FEFF}').contains(&c) {
            arabic += 1;
        }
    }
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
