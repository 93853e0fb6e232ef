//! Folding for matching. Never applied to the text itself: only to a copy that keeps
//! a map from each of its bytes back to the original.

use crate::chars::{digit_value, is_format_char, is_mark};

/// The matching form of one character, or `None` when it is dropped (marks, tatweel,
/// zero-width and bidi controls).
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    if let Some(d) = digit_value(c) {
        return Some((b'0' + d) as char);
    }
    if is_mark(c) || is_format_char(c) {
        return None;
    }
    // most text is Arabic: answer its letters before the general Unicode case tables
    if ('\u{0621}'..='\u{064A}').contains(&c) {
        return Some(match c {
            'أ' | 'إ' | 'آ' => 'ا',
            'ى' | 'ئ' => 'ي',
            'ة' => 'ه',
            'ؤ' => 'و',
            c => c,
        });
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' | 'ئ' | 'ې' => 'ي',
        'ة' | 'ۃ' => 'ه',
        'ؤ' => 'و',
        'ک' => 'ك',
        '٫' => '.',
        '٬' => ',',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => ' ',
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' | '〝' | '〞' => '"',
        '‘' | '’' | '‚' | '‛' => '\'',
        '٪' => '%',
        c if c.is_uppercase() => c.to_lowercase().next().unwrap_or(c),
        c => c,
    })
}

/// Folds a whole string for matching (word lists, queries).
pub fn normalize_str(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// A folded copy of a text with, for every byte of the copy, the offset of the original
/// character it came from.
#[derive(Debug, Clone, Default)]
pub struct NormText {
    pub text: String,
    /// `offsets[i]` is the original byte offset of the character that produced byte `i`
    /// of `text`; one extra entry at the end holds the original length.
    pub offsets: Vec<u32>,
}

impl NormText {
    /// Maps a byte range of the folded text back to the original characters that
    /// produced it (`original` is the text this was made from). Both ends are character
    /// boundaries of the original; dropped marks after the last character are not included.
    pub fn original_span(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        let n = self.offsets.len() - 1;
        let s = self.offsets[start.min(n)] as usize;
        if end <= start || start >= n {
            return (s, s);
        }
        let last = self.offsets[(end - 1).min(n - 1)] as usize;
        let width = original[last..].chars().next().map_or(0, char::len_utf8);
        (s, (last + width).max(s))
    }
}

/// Folds a text and records where each folded byte came from. `&nbsp;`-style entity
/// debris from scrapers becomes a space.
pub fn normalize_with_offsets(s: &str) -> NormText {
    let mut text = String::with_capacity(s.len());
    let mut offsets = Vec::with_capacity(s.len() + 1);
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == '&' {
            if let Some(len) = crate::segment::entity_len(&s[i..]) {
                text.push(' ');
                offsets.push(i as u32);
                while let Some(&(j, _)) = it.peek() {
                    if j < i + len {
                        it.next();
                    } else {
                        break;
                    }
                }
                continue;
            }
        }
        if let Some(f) = fold_char(c) {
            let before = text.len();
            text.push(f);
            for _ in before..text.len() {
                offsets.push(i as u32);
            }
        }
    }
    offsets.push(s.len() as u32);
    NormText { text, offsets }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_arabic_variants_digits_and_quotes() {
        let cases = [
            ("أإآٱ", "اااا"),
            ("مدرسة", "مدرسه"),
            ("مستشفى", "مستشفي"),
            ("مُقَاتِلاً", "مقاتلا"),
            ("بـــ", "ب"),
            ("٤٬٠٠٠", "4,000"),
            ("۲٫۵", "2.5"),
            ("«قسد»", "\"قسد\""),
            ("AbC", "abc"),
            ("a\u{200B}b", "ab"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_str(input), want, "{input}");
        }
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let s = "قال: «نحو ٤ آلاف»&nbsp;شخصٍ";
        let n = normalize_with_offsets(s);
        let at = n.text.find("4").unwrap();
        let (a, b) = n.original_span(s, at, at + 1);
        assert_eq!(&s[a..b], "٤");
        let at = n.text.find("شخص").unwrap();
        let (a, b) = n.original_span(s, at, at + "شخص".len());
        assert_eq!(&s[a..b], "شخص");
        assert!(n.text.contains("\" شخص") || n.text.contains(" شخص"));
    }
}
