//! Which language a document is in: Arabic, English or something else. Script counts
//! settle Arabic (whatlang confuses Arabic with Persian and Urdu, which matter less
//! here than the script); whatlang separates English from other Latin-script text.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Arabic,
    English,
    Other,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Arabic => "ar",
            Lang::English => "en",
            Lang::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let primary = s.split(['-', '_']).next().unwrap_or("");
        Some(match primary {
            "ar" | "ara" | "arabic" => Lang::Arabic,
            "en" | "eng" | "english" => Lang::English,
            "" => return None,
            _ => Lang::Other,
        })
    }
}

/// The language of `text`, looking at no more than its first 20,000 characters.
pub fn detect_lang(text: &str) -> Lang {
    let (arabic, latin) = isnad_text::script_counts(text);
    if arabic == 0 && latin == 0 {
        return Lang::Other;
    }
    if arabic >= latin {
        return Lang::Arabic;
    }
    // English news is mostly function words: when they are, no trigram model is needed
    // (whatlang costs more than reading the document does)
    if english_function_words(text) {
        return Lang::English;
    }
    let sample: String = text.chars().take(1500).collect();
    match whatlang::detect_lang(&sample) {
        Some(whatlang::Lang::Eng) => Lang::English,
        Some(_) => Lang::Other,
        None => Lang::English,
    }
}

/// Whether at least one word in six of the text's first 3,000 bytes is one of the
/// commonest English function words.
fn english_function_words(text: &str) -> bool {
    let mut end = text.len().min(3000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let (mut words, mut hits) = (0usize, 0usize);
    for w in text[..end].split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        words += 1;
        if matches!(
            w,
            "the"
                | "The"
                | "of"
                | "and"
                | "to"
                | "in"
                | "a"
                | "is"
                | "was"
                | "that"
                | "for"
                | "on"
                | "with"
                | "said"
                | "by"
                | "as"
                | "were"
                | "has"
                | "have"
                | "from"
                | "at"
        ) {
            hits += 1;
        }
    }
    words >= 20 && hits * 6 >= words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects() {
        assert_eq!(detect_lang("قال المتحدث إن نحو 400 مقاتل غادروا المدينة"), Lang::Arabic);
        assert_eq!(detect_lang("The spokesman said about 400 fighters had left the city on Sunday."), Lang::English);
        assert_eq!(
            detect_lang("Le porte-parole a déclaré que quatre cents combattants avaient quitté la ville."),
            Lang::Other
        );
        assert_eq!(detect_lang("1234 ..."), Lang::Other);
        assert_eq!(Lang::parse("ar-SY"), Some(Lang::Arabic));
    }
}
