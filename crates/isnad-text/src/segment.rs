//! Tokens and sentences over the original text.
//!
//! Tokens are runs of Arabic letters (with their marks), runs of Latin letters, numbers
//! written in digits (with `,` `.` `٫` `٬` `،` between digits), and single punctuation
//! characters. Clitics stay inside their word (`لنحو`, `وألاف`); the word lists strip
//! them, because only they know which prefixes a word can take. Digits glued to
//! letters (`و1500`, `الـ24`) become separate tokens marked as glued.

use crate::chars::{classify, CharClass, ASCII_CLASS};
use crate::normalize::fold_char;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Arabic-script word.
    Word,
    /// Latin-script word.
    Latin,
    /// A number in digits; its normalised form is ASCII digits with `.`/`,`.
    Number,
    /// One punctuation or symbol character (quotes folded to `"`).
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the original text.
    pub start: u32,
    pub end: u32,
    /// Byte span of the folded form in [`Analyzed::norm`].
    pub ns: u32,
    pub ne: u32,
    pub kind: TokKind,
    /// Whitespace (or a newline) separates this token from the previous one.
    pub space_before: bool,
    /// Newlines between the previous token and this one (capped at 255).
    pub newlines_before: u8,
}

/// A document cut into tokens and sentences. Borrowing the original keeps it untouched.
#[derive(Debug, Clone)]
pub struct Analyzed<'a> {
    pub text: &'a str,
    pub norm: String,
    pub tokens: Vec<Token>,
    /// Sentences as half-open ranges of token indices, in order, covering every token.
    pub sentences: Vec<(usize, usize)>,
}

impl<'a> Analyzed<'a> {
    #[inline]
    pub fn norm(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.norm[t.ns as usize..t.ne as usize]
    }
    #[inline]
    pub fn orig(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        &self.text[t.start as usize..t.end as usize]
    }
    /// Original text from the start of token `a` to the end of token `b` (inclusive).
    pub fn span_text(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.tokens[a].start as usize..self.tokens[b].end as usize]
    }
    /// Index of the sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences.partition_point(|&(_, e)| e <= i)
    }
    /// No paragraph break from token `i` through token `j` (i < j, both in the text).
    pub fn same_line(&self, i: usize, j: usize) -> bool {
        j < self.tokens.len() && (i + 1..=j).all(|k| self.tokens[k].newlines_before == 0)
    }
    #[inline]
    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokKind::Punct) && self.norm(i) == p
    }
}

/// Length of an HTML entity at the start of `s` (`&nbsp;`, `&amp;`, `&#160;`), which
/// scrapers leave in text; such debris counts as a space.
pub(crate) fn entity_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.first() != Some(&b'&') {
        return None;
    }
    let mut i = 1;
    if b.get(1) == Some(&b'#') {
        i = 2;
        while i < b.len() && i < 10 && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        return (i > 2 && b.get(i) == Some(&b';')).then_some(i + 1);
    }
    while i < b.len() && i < 10 && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    (i > 1 && b.get(i) == Some(&b';')).then_some(i + 1)
}

/// Whether the `&` at byte `i` sits between an Arabic letter or a digit on each side.
fn bare_amp_is_space(text: &str, i: usize) -> bool {
    let arabic_or_digit = |c: char| c.is_ascii_digit() || ('\u{0600}'..='\u{06FF}').contains(&c);
    let before = text[..i].chars().next_back().is_some_and(arabic_or_digit);
    let after = text[i + 1..].chars().next().is_some_and(arabic_or_digit);
    before && after
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '»' | '”' | '’' | '›')
}

/// What the two-byte Arabic fast path knows of U+0600..U+067F, indexed by
/// `(lead & 1) << 6 | (second & 0x3F)` of a D8/D9 lead byte: [`KEEP`] for letters that
/// fold to themselves, the folded letter for those that do not (أ → ا), [`MARK`] for
/// marks and tatweel (dropped), or [`SLOW`] for the rest (punctuation, digits, rarer
/// letters), which the general path classifies.
const SLOW: char = '\0';
const MARK: char = '\u{1}';
const KEEP: char = '\u{2}';
const ARABIC_FAST: [char; 128] = {
    let mut t = [SLOW; 128];
    let mut k = 0;
    while k < 128 {
        let cp = 0x0600 + k as u32;
        t[k] = match cp {
            0x0621..=0x063A | 0x0641..=0x064A => match cp {
                0x0623 | 0x0625 | 0x0622 => 'ا',
                0x0649 | 0x0626 => 'ي',
                0x0629 => 'ه',
                0x0624 => 'و',
                _ => KEEP,
            },
            0x064B..=0x065F | 0x0640 | 0x0670 => MARK,
            _ => SLOW,
        };
        k += 1;
    }
    t
};

/// Length in bytes of the run of [`KEEP`] letters `b` starts with: most of every word.
#[inline]
fn keep_run(b: &[u8]) -> usize {
    2 * b
        .chunks_exact(2)
        .take_while(|p| {
            p[0] & 0xFE == 0xD8 && ARABIC_FAST[(((p[0] & 1) as usize) << 6) | (p[1] & 0x3F) as usize] == KEEP
        })
        .count()
}

/// The fast-path entry for the character at byte `i`, if it is a two-byte Arabic one.
#[inline]
fn arabic_fast(b: &[u8], i: usize) -> char {
    match (b[i], b.get(i + 1)) {
        (0xD8 | 0xD9, Some(&y)) => ARABIC_FAST[(((b[i] & 1) as usize) << 6) | (y & 0x3F) as usize],
        _ => SLOW,
    }
}

/// Tokenises and segments a text. Linear in the text's length.
pub fn analyze(text: &str) -> Analyzed<'_> {
    let mut norm = String::with_capacity(text.len());
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 6);
    let b = text.as_bytes();
    let mut space_before = true;
    let mut newlines: u32 = 0;
    let mut i = 0;
    while i < b.len() {
        // ASCII (spaces, stops) and the Arabic letters need no decoding
        let (c, cl) = if b[i] < 0x80 {
            (b[i] as char, ASCII_CLASS[b[i] as usize])
        } else {
            match arabic_fast(b, i) {
                SLOW => {
                    let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                    (c, classify(c))
                }
                MARK => ('\u{0640}', CharClass::Mark),
                // the letter itself is read again by the word loop; only its width matters
                _ => ('\u{0627}', CharClass::Arabic),
            }
        };
        match cl {
            CharClass::Space | CharClass::Format => {
                if cl == CharClass::Space {
                    space_before = true;
                }
                i += c.len_utf8();
                continue;
            }
            CharClass::Newline => {
                if c != '\r' {
                    newlines += 1;
                }
                space_before = true;
                i += c.len_utf8();
                continue;
            }
            _ => {}
        }
        if c == '&' {
            if let Some(len) = entity_len(&text[i..]) {
                space_before = true;
                i += len;
                continue;
            }
            // scraped text where a bare & stands for a space (`أكثر من&800&من مسلحي`):
            // between Arabic letters or digits it separates words (AT&T keeps its &)
            if bare_amp_is_space(text, i) {
                space_before = true;
                i += 1;
                continue;
            }
        }
        let start = i;
        let ns = norm.len();
        let kind = match cl {
            CharClass::Arabic | CharClass::Mark => {
                // letters that fold to themselves are copied as runs of the original
                let mut run = i;
                while i < b.len() {
                    i += keep_run(&b[i..]);
                    // ASCII never continues an Arabic word
                    if i >= b.len() || b[i] < 0x80 {
                        break;
                    }
                    match arabic_fast(b, i) {
                        KEEP => {
                            i += 2;
                            continue;
                        }
                        MARK => {
                            norm.push_str(&text[run..i]);
                            i += 2;
                            run = i;
                            continue;
                        }
                        SLOW => {}
                        f => {
                            norm.push_str(&text[run..i]);
                            norm.push(f);
                            i += 2;
                            run = i;
                            continue;
                        }
                    }
                    norm.push_str(&text[run..i]);
                    let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                    match classify(c) {
                        CharClass::Arabic | CharClass::Mark => {
                            if let Some(f) = fold_char(c) {
                                norm.push(f);
                            }
                            i += c.len_utf8();
                        }
                        // zero-width joiners and the like inside a word
                        CharClass::Format if next_is_word(text, i + c.len_utf8()) => i += c.len_utf8(),
                        _ => {
                            run = i;
                            break;
                        }
                    }
                    run = i;
                }
                norm.push_str(&text[run..i]);
                TokKind::Word
            }
            CharClass::Latin => {
                while i < b.len() {
                    if b[i] < 0x80 {
                        if ASCII_CLASS[b[i] as usize] != CharClass::Latin {
                            break;
                        }
                        norm.push(b[i].to_ascii_lowercase() as char);
                        i += 1;
                        continue;
                    }
                    let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                    if classify(c) == CharClass::Latin {
                        if let Some(f) = fold_char(c) {
                            norm.push(f);
                        }
                        i += c.len_utf8();
                    } else {
                        break;
                    }
                }
                TokKind::Latin
            }
            CharClass::Digit => {
                i = scan_number(text, i, &mut norm);
                TokKind::Number
            }
            _ => {
                if let Some(f) = fold_char(c) {
                    norm.push(f);
                }
                i += c.len_utf8();
                TokKind::Punct
            }
        };
        debug_assert!(i > start && text.is_char_boundary(i));
        tokens.push(Token {
            start: start as u32,
            end: i as u32,
            ns: ns as u32,
            ne: norm.len() as u32,
            kind,
            space_before: space_before || tokens.is_empty(),
            newlines_before: newlines.min(255) as u8,
        });
        space_before = false;
        newlines = 0;
    }
    let sentences = split_sentences(text, &norm, &tokens);
    Analyzed { text, norm, tokens, sentences }
}

fn next_is_word(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(|c| matches!(classify(c), CharClass::Arabic | CharClass::Mark))
}

/// Scans digits with separators between digits; returns the end offset.
fn scan_number(text: &str, mut i: usize, norm: &mut String) -> usize {
    while let Some(c) = text[i..].chars().next() {
        match classify(c) {
            CharClass::Digit => {
                norm.push(fold_char(c).unwrap_or(c));
                i += c.len_utf8();
            }
            _ if matches!(c, ',' | '.' | '٫' | '٬' | '،') => {
                // a separator belongs to the number only when a digit follows it,
                // possibly behind invisible bidi marks (`25799\u{202A},\u{202A}52`)
                let mut j = i + c.len_utf8();
                while let Some(f) = text[j..].chars().next().filter(|&f| classify(f) == CharClass::Format) {
                    j += f.len_utf8();
                }
                if text[j..].chars().next().is_some_and(|d| classify(d) == CharClass::Digit) {
                    norm.push(match c {
                        '٫' => '.',
                        '.' => '.',
                        _ => ',',
                    });
                    i = j;
                } else {
                    break;
                }
            }
            CharClass::Format => {
                let mut j = i + c.len_utf8();
                while let Some(f) = text[j..].chars().next().filter(|&f| classify(f) == CharClass::Format) {
                    j += f.len_utf8();
                }
                let next = text[j..].chars().next();
                if next.is_some_and(|d| classify(d) == CharClass::Digit || matches!(d, ',' | '.' | '٫' | '٬')) {
                    i = j;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    i
}

fn split_sentences(text: &str, norm: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let _ = text;
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        if i > start && tokens[i].newlines_before > 0 {
            out.push((start, i));
            start = i;
        }
        let t = &tokens[i];
        let end_here =
            t.kind == TokKind::Punct && norm[t.ns as usize..t.ne as usize].chars().next().is_some_and(is_sentence_end);
        i += 1;
        if end_here {
            // closing quotes and brackets right after the stop belong to this sentence
            while i < tokens.len()
                && tokens[i].kind == TokKind::Punct
                && tokens[i].newlines_before == 0
                && norm[tokens[i].ns as usize..tokens[i].ne as usize]
                    .chars()
                    .next()
                    .is_some_and(|c| is_closing(c) || is_sentence_end(c))
            {
                i += 1;
            }
            out.push((start, i));
            start = i;
        }
    }
    if start < tokens.len() {
        out.push((start, tokens.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, TokKind, bool)> {
        let a = analyze(s);
        (0..a.tokens.len()).map(|i| (a.norm(i).to_string(), a.tokens[i].kind, a.tokens[i].space_before)).collect()
    }

    #[test]
    fn digits_with_separators_are_one_token() {
        let t = toks("نحو ٤٬٠٠٠ و2.5 و4,000، ثم");
        let nums: Vec<_> = t.iter().filter(|x| x.1 == TokKind::Number).map(|x| x.0.as_str()).collect();
        assert_eq!(nums, ["4,000", "2.5", "4,000"]);
        // the Arabic comma after a number is punctuation, not a separator
        assert!(t.iter().any(|x| x.0 == "،" && x.1 == TokKind::Punct));
    }

    #[test]
    fn clitic_glued_to_digits_is_marked_glued() {
        let t = toks("و1500 الـ24");
        assert_eq!(t[0], ("و".into(), TokKind::Word, true));
        assert_eq!(t[1], ("1500".into(), TokKind::Number, false));
        assert_eq!(t[2], ("ال".into(), TokKind::Word, true));
        assert_eq!(t[3], ("24".into(), TokKind::Number, false));
    }

    #[test]
    fn a_bare_ampersand_between_arabic_words_is_a_space() {
        let t = toks("قتل نحو&800&مقاتل");
        assert_eq!(t.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["قتل", "نحو", "800", "مقاتل"]);
        assert!(t[1..].iter().all(|x| x.2));
        // not between Latin letters, nor at a word's edge
        assert!(toks("شركة AT&T").iter().any(|x| x.0 == "&"));
        assert!(toks("نحو & 800").iter().any(|x| x.0 == "&"));
    }

    #[test]
    fn entities_and_nbsp_are_spaces() {
        let t = toks("نحو&nbsp;300\u{00A0}شخص");
        assert_eq!(t.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["نحو", "300", "شخص"]);
        assert!(t.iter().all(|x| x.2));
    }

    #[test]
    fn sentences_split_at_arabic_and_latin_stops_and_newlines() {
        let a = analyze("قال: \"نحو 4 آلاف\". هذا ما قاله أبو فوزي؟ نعم\nسطر آخر");
        let sents: Vec<_> = a.sentences.iter().map(|&(s, e)| a.span_text(s, e - 1)).collect();
        assert_eq!(sents, ["قال: \"نحو 4 آلاف\".", "هذا ما قاله أبو فوزي؟", "نعم", "سطر آخر"]);
    }

    #[test]
    fn spans_index_the_original() {
        let s = "مُقاتلاً «قسد» ٢٫٥";
        let a = analyze(s);
        for (i, t) in a.tokens.iter().enumerate() {
            assert_eq!(&s[t.start as usize..t.end as usize], a.orig(i));
        }
        assert_eq!(a.norm(0), "مقاتلا");
        assert_eq!(a.orig(0), "مُقاتلاً");
    }
}
