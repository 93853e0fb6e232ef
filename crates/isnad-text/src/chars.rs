//! Character classes. Kept as plain matches: this runs once per input character.

/// Broad class of a character for tokenisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    /// Arabic-script letter (a word character).
    Arabic,
    /// Combining mark, tatweel: part of the word it sits in, dropped when normalising.
    Mark,
    /// Invisible formatting (zero-width, bidi controls, BOM): transparent.
    Format,
    Digit,
    Latin,
    Space,
    Newline,
    Punct,
}

/// Value of a decimal digit in ASCII, Arabic-Indic or Persian (Extended Arabic-Indic) form.
#[inline]
pub fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{0660}'..='\u{0669}' => Some((c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => Some((c as u32 - 0x06F0) as u8),
        _ => None,
    }
}

#[inline]
pub fn is_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

#[inline]
pub fn is_format_char(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{00AD}'
    )
}

#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// Class of each ASCII byte: the tokeniser asks for every space and stop.
pub(crate) const ASCII_CLASS: [CharClass; 128] = {
    let mut t = [CharClass::Punct; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => CharClass::Latin,
            b'0'..=b'9' => CharClass::Digit,
            b'\n' | b'\r' => CharClass::Newline,
            0..=0x1F | 0x7F => CharClass::Space,
            b' ' => CharClass::Space,
            _ => CharClass::Punct,
        };
        b += 1;
    }
    t
};

#[inline]
pub fn classify(c: char) -> CharClass {
    if c.is_ascii() {
        return ASCII_CLASS[c as usize];
    }
    if digit_value(c).is_some() {
        CharClass::Digit
    } else if is_mark(c) {
        CharClass::Mark
    } else if is_arabic_letter(c) {
        CharClass::Arabic
    } else if is_format_char(c) {
        CharClass::Format
    } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
        // Arabic punctuation (، ؛ ؟ ٪ ۔): answered here, not by the slow Unicode tables
        CharClass::Punct
    } else if c == '\u{2028}' || c == '\u{2029}' || c == '\u{0085}' {
        CharClass::Newline
    } else if c.is_whitespace() {
        // no-break spaces and the like, which scrapers leave behind
        CharClass::Space
    } else if c.is_alphabetic() {
        CharClass::Latin
    } else {
        CharClass::Punct
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_classes() {
        for (c, want) in [
            ('a', CharClass::Latin),
            ('Z', CharClass::Latin),
            ('7', CharClass::Digit),
            ('\n', CharClass::Newline),
            ('\r', CharClass::Newline),
            (' ', CharClass::Space),
            ('\t', CharClass::Space),
            ('\x0C', CharClass::Space),
            ('\0', CharClass::Space),
            ('\x7F', CharClass::Space),
            ('.', CharClass::Punct),
            ('&', CharClass::Punct),
            ('~', CharClass::Punct),
        ] {
            assert_eq!(classify(c), want, "{c:?}");
        }
    }

    #[test]
    fn arabic_classes() {
        for (c, want) in [
            ('ب', CharClass::Arabic),
            ('\u{064E}', CharClass::Mark),
            ('ـ', CharClass::Mark),
            ('٣', CharClass::Digit),
            ('۴', CharClass::Digit),
            ('،', CharClass::Punct),
            ('\u{200F}', CharClass::Format),
            ('\u{00A0}', CharClass::Space),
            ('\u{2029}', CharClass::Newline),
            ('é', CharClass::Latin),
        ] {
            assert_eq!(classify(c), want, "{c:?}");
        }
    }
}
