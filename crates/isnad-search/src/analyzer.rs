//! Search keys. Text and queries go through the same steps, so any spelling the
//! steps fold together matches:
//!
//! 1. characters folded by `isnad_text::fold_char` (diacritics and tatweel dropped,
//!    alef/hamza/yaa/taa-marbuta variants and Arabic-Indic digits unified);
//! 2. Arabic words lose their clitics (و ف, ب ك ل, ال لل) and light suffixes (after
//!    Larkey's light10: ها ان ات ون ين يه ه ي), so `وقسد`/`لقسد` → `قسد` and
//!    `المقاتلون`/`مقاتلين` → `مقاتل`;
//! 3. Latin words are stemmed by the English Snowball stemmer.
//!
//! Snowball's Arabic stemmer was tried for step 2 and rejected: it is inconsistent on
//! folded text (`الرقه` → `رقه` but `مدينه` → `مدين`; `القوات` → `القو` but `قوات` →
//! `قوا`), and inconsistency between a word's forms is exactly what search cannot have.

use isnad_text::{digit_value, fold_char, is_arabic_letter, is_format_char, is_mark};
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name under which the analyzer is registered with the index.
pub const TOKENIZER_NAME: &str = "isnad";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Arabic,
    Latin,
    Digit,
}

fn script(c: char) -> Option<Script> {
    if digit_value(c).is_some() {
        Some(Script::Digit)
    } else if is_arabic_letter(c) {
        Some(Script::Arabic)
    } else if c.is_alphabetic() {
        Some(Script::Latin)
    } else {
        None
    }
}

fn english() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Strips clitics and light suffixes from a folded Arabic word.
pub fn arabic_stem(word: &str) -> String {
    arabic_stem_str(word).to_string()
}

/// [`arabic_stem`] without a copy: the language layer's light stemmer.
fn arabic_stem_str(word: &str) -> &str {
    isnad_lang::ar::light_stem(word)
}

/// The search key of one token's folded form.
fn key(folded: &str, sc: Script) -> String {
    match sc {
        Script::Arabic => arabic_stem_str(folded).to_string(),
        Script::Latin => english().stem(folded).into_owned(),
        Script::Digit => folded.to_string(),
    }
}

/// Tokens of `text` with their search keys and byte spans in `text`.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 8);
    let mut cur = String::new();
    let mut cur_script = None;
    let (mut start, mut end) = (0, 0);
    let flush = |cur: &mut String, sc: Option<Script>, start: usize, end: usize, out: &mut Vec<Token>| {
        if let (false, Some(sc)) = (cur.is_empty(), sc) {
            let text = key(cur, sc);
            if !text.is_empty() {
                let position = out.len();
                out.push(Token { offset_from: start, offset_to: end, position, text, position_length: 1 });
            }
        }
        cur.clear();
    };
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        // Marks and invisible controls belong to the word they sit in.
        if is_mark(c) || is_format_char(c) {
            if cur_script.is_some() && !cur.is_empty() {
                end = i + c.len_utf8();
            }
            continue;
        }
        let sc = script(c);
        // Thousands and decimal separators inside a number keep it one token.
        if sc.is_none()
            && cur_script == Some(Script::Digit)
            && matches!(c, ',' | '.' | '٫' | '٬')
            && it.peek().is_some_and(|&(_, n)| digit_value(n).is_some())
        {
            continue;
        }
        if sc != cur_script || sc.is_none() {
            flush(&mut cur, cur_script, start, end, &mut out);
            cur_script = sc;
            start = i;
        }
        if sc.is_some() {
            if let Some(f) = fold_char(c) {
                cur.push(f);
            }
            end = i + c.len_utf8();
        }
    }
    flush(&mut cur, cur_script, start, end, &mut out);
    out
}

/// The search keys of a string, space-separated: what a query word turns into.
pub fn search_key(s: &str) -> String {
    tokens(s).into_iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

/// The analyzer as a tantivy tokenizer.
#[derive(Clone, Default)]
pub struct IsnadTokenizer;

pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for IsnadTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream { tokens: tokens(text), next: 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> String {
        search_key(s)
    }

    #[test]
    fn spelling_variants_meet() {
        assert_eq!(k("الرقه"), k("الرقة"));
        assert_eq!(k("الرقة"), k("بالرقة"));
        assert_eq!(k("قسد"), k("وقسد"));
        assert_eq!(k("قسد"), k("لقسد"));
        assert_eq!(k("مقاتلين"), k("المقاتلون"));
        assert_eq!(k("مقاتلين"), k("للمقاتلين"));
        assert_eq!(k("مُقَاتِلِين"), k("مقاتلـــين"));
        assert_eq!(k("أكد"), k("اكد"));
        assert_eq!(k("٤٬٠٠٠"), "4000");
        assert_eq!(k("fighters"), k("fighter"));
    }

    #[test]
    fn offsets_cover_original_words() {
        let s = "قال «لقسد» إن ٤٠٠ مُقاتل";
        for t in tokens(s) {
            let orig = &s[t.offset_from..t.offset_to];
            assert!(!orig.is_empty() && !orig.contains('«'), "{orig}");
        }
        assert_eq!(tokens(s).len(), 5);
        assert_eq!(&s[tokens(s)[3].offset_from..tokens(s)[3].offset_to], "٤٠٠");
    }

    /// The stemmer as first written (over a vector of characters), which the slice
    /// version must equal on every word.
    fn arabic_stem_chars(word: &str) -> String {
        let chars: Vec<char> = word.chars().collect();
        let mut s: &[char] = &chars;
        if s.len() >= 4 && matches!(s[0], 'و' | 'ف') {
            s = &s[1..];
        }
        if s.len() >= 5 && matches!(s[0], 'ب' | 'ك' | 'ل' | 'و' | 'ف') && s[1] == 'ا' && s[2] == 'ل' {
            s = &s[3..];
        } else if s.len() >= 4 && matches!(s[0], 'ل' | 'ا') && s[1] == 'ل' {
            s = &s[2..];
        } else if s.len() >= 4 && matches!(s[0], 'ب' | 'ك' | 'ل') {
            s = &s[1..];
        }
        const SUFFIXES: [&[char]; 8] =
            [&['ه', 'ا'], &['ا', 'ن'], &['ا', 'ت'], &['و', 'ن'], &['ي', 'ن'], &['ي', 'ه'], &['ه'], &['ي']];
        for suf in SUFFIXES {
            if s.len() >= suf.len() + 2 && s.ends_with(suf) {
                s = &s[..s.len() - suf.len()];
            }
        }
        s.iter().collect()
    }

    #[test]
    fn the_slice_stemmer_is_the_character_one() {
        // every short word over the letters the rules look at, plus a few others
        let letters = ['و', 'ف', 'ب', 'ك', 'ل', 'ا', 'ه', 'ن', 'ت', 'ي', 'م', 'ر'];
        let mut words = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..5 {
            let mut next = Vec::new();
            for w in &words {
                for c in letters {
                    let mut x = w.clone();
                    x.push(c);
                    next.push(x);
                }
            }
            all.extend(next.iter().cloned());
            words = next;
        }
        all.extend(["والمقاتلون", "للمقاتلين", "بالرقه", "فالحكومه", "x", "وو", "ولل"].map(String::from));
        for w in &all {
            assert_eq!(arabic_stem(w), arabic_stem_chars(w), "{w}");
        }
    }

    #[test]
    fn short_words_keep_their_letters() {
        assert_eq!(k("قال"), "قال");
        assert_eq!(k("بيت"), "بيت");
    }
}
