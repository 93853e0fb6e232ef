//! English tokens: words, digit runs and single symbols, with byte offsets into the
//! untouched text. Words keep inner apostrophes (`Iran's`, `can’t`); digit runs keep
//! inner `,` and `.` followed by a digit (`1,234.5`, `192.168.1.2`; the number grammar
//! decides what they mean). A URL or handle is one token that nothing reads.
//! Lower-case forms live in one buffer per document (one allocation, not one per word),
//! which the caller keeps, so that each token's form is sliced from it once.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum K {
    Word,
    Num,
    Sym,
    /// A URL, e-mail address or @handle: never a number, never a name.
    Url,
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub s: u32,
    pub e: u32,
    pub k: K,
    /// The word starts with an upper-case letter.
    pub cap: bool,
    /// Line breaks in the gap before this token (0, 1 or 2 = a paragraph break).
    pub nl: u8,
    /// The character of a symbol token (`\0` for the others).
    ch: char,
    /// The length of a word's lower-case form (0 for the others).
    ll: u32,
}

impl Tok {
    /// The symbol `c` (for the scans that walk the tokens themselves, not their indices).
    pub fn is_sym(&self, c: char) -> bool {
        self.k == K::Sym && self.ch == c
    }
}

pub struct Toks<'a> {
    pub text: &'a str,
    pub t: Vec<Tok>,
    /// Each token's lower-case form (empty but for words): the rules ask for these a few
    /// million times a megabyte, and slicing the buffer each time (a char-boundary check
    /// at both ends) cost more than most of the comparisons made with them.
    lows: Vec<&'a str>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c == '\u{00AD}'
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

impl<'a> Toks<'a> {
    /// The tokens of `text`; `lower` is the buffer their lower-case forms are kept in.
    pub fn new(text: &'a str, lower: &'a mut String) -> Toks<'a> {
        // (English news runs about five bytes a token)
        let mut t = Vec::with_capacity(text.len() / 4 + 16);
        // bytes while building: only whole chars are pushed, so they are a `String` at the end
        let mut buf: Vec<u8> = Vec::with_capacity(text.len());
        let b = text.as_bytes();
        let mut i = 0usize;
        let mut nl = 0u8;
        while i < b.len() {
            let c0 = b[i];
            if c0 == b'\n' {
                nl = nl.saturating_add(1).min(2);
                i += 1;
                continue;
            }
            if c0 == b' ' || c0 == b'\t' || c0 == b'\r' {
                i += 1;
                continue;
            }
            // most tokens are words of ASCII letters: they skip the tests for the others
            let ascii_word = c0.is_ascii_alphabetic() && !opens_url(b, i);
            if !ascii_word {
                let c = if c0 < 0x80 { c0 as char } else { text[i..].chars().next().unwrap_or(' ') };
                let w = c.len_utf8();
                if c.is_whitespace() {
                    i += w;
                    continue;
                }
                // URLs, addresses and handles: up to the next space.
                if opens_url(b, i) {
                    let end = text[i..].find(char::is_whitespace).map_or(text.len(), |n| i + n);
                    let end = trim_url_end(text, i, end);
                    t.push(Tok { s: i as u32, e: end as u32, k: K::Url, cap: false, nl, ch: '\0', ll: 0 });
                    nl = 0;
                    i = end;
                    continue;
                }
                if c0.is_ascii_digit()
                    || (c0 == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit) && !prev_is_digit(b, i))
                {
                    let mut j = i + 1;
                    while j < b.len() {
                        if b[j].is_ascii_digit() {
                            j += 1;
                        } else if (b[j] == b',' || b[j] == b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
                            j += 2;
                        } else {
                            break;
                        }
                    }
                    t.push(Tok { s: i as u32, e: j as u32, k: K::Num, cap: false, nl, ch: '\0', ll: 0 });
                    nl = 0;
                    i = j;
                    continue;
                }
                if !is_word_char(c) {
                    t.push(Tok { s: i as u32, e: (i + w) as u32, k: K::Sym, cap: false, nl, ch: c, ll: 0 });
                    nl = 0;
                    i += w;
                    continue;
                }
            }
            let lo = buf.len();
            let (j, cap) = read_word(text, i, &mut buf, ascii_word.then(|| c0.is_ascii_uppercase()));
            t.push(Tok { s: i as u32, e: j as u32, k: K::Word, cap, nl, ch: '\0', ll: (buf.len() - lo) as u32 });
            nl = 0;
            // the space after a word, most often, without a turn of the loop
            i = j + usize::from(b.get(j) == Some(&b' '));
        }
        *lower = String::from_utf8(buf).expect("only whole chars are pushed");
        let lower: &'a str = lower;
        // the forms follow each other in the buffer in token order: each is cut off its front
        let mut rest = lower;
        let lows = t
            .iter()
            .map(|x| {
                let (form, after) = rest.split_at_checked(x.ll as usize).unwrap_or(("", rest));
                rest = after;
                form
            })
            .collect();
        Toks { text, t, lows }
    }

    pub fn len(&self) -> usize {
        self.t.len()
    }

    /// The lower-case form of a word (empty for other tokens).
    pub fn low(&self, i: usize) -> &'a str {
        self.lows.get(i).copied().unwrap_or("")
    }

    /// The token as written.
    pub fn raw(&self, i: usize) -> &'a str {
        match self.t.get(i) {
            Some(t) => &self.text[t.s as usize..t.e as usize],
            None => "",
        }
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.k == K::Word)
    }

    pub fn is_num(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.k == K::Num)
    }

    /// The symbol token `c` at `i`. Every rule asks this of every token it passes, so the
    /// symbol's character is kept with the token, not read back from the text.
    pub fn sym(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.k == K::Sym && t.ch == c)
    }

    /// Tokens `i` and `i + 1` touch (no space between).
    pub fn glued(&self, i: usize) -> bool {
        match (self.t.get(i), self.t.get(i + 1)) {
            (Some(a), Some(b)) => a.e == b.s,
            _ => false,
        }
    }

    /// The gap before token `i` holds nothing but spaces (no line break).
    pub fn same_line(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.nl == 0)
    }

    pub fn start(&self, i: usize) -> usize {
        self.t[i].s as usize
    }

    pub fn end(&self, i: usize) -> usize {
        self.t[i].e as usize
    }
}

/// The word that starts at `i` (a letter): where it ends and whether it is capitalised;
/// its lower-case form is pushed to `buf`. `known_cap`: whether it is, when its first
/// letter has been read already.
#[inline]
fn read_word(text: &str, i: usize, buf: &mut Vec<u8>, known_cap: Option<bool>) -> (usize, bool) {
    let b = text.as_bytes();
    let mut j = i;
    let mut cap = known_cap.unwrap_or(false);
    let mut first = known_cap.is_none();
    loop {
        // A run of ASCII letters without decoding, lowered as it is copied in
        // one pass over the bytes (a push per letter cost more than the rest of
        // the tokenising; copying, then lowering in place, cost twice the reads).
        if first && b.get(j).is_some_and(u8::is_ascii_alphabetic) {
            cap = b[j].is_ascii_uppercase();
            first = false;
        }
        j += push_ascii_letters_lowered(&b[j..], buf);
        if j >= b.len() || (b[j] < 0x80 && b[j] != b'\'') {
            break;
        }
        let Some(ch) = text[j..].chars().next() else { break };
        if is_word_char(ch) {
            if first {
                cap = ch.is_uppercase();
                first = false;
            }
            if ch.is_ascii() {
                buf.push(ch.to_ascii_lowercase() as u8);
            } else if ch != '\u{00AD}' {
                for lc in ch.to_lowercase() {
                    buf.extend_from_slice(lc.encode_utf8(&mut [0; 4]).as_bytes());
                }
            }
            j += ch.len_utf8();
        } else if is_apostrophe(ch) && text[j + ch.len_utf8()..].chars().next().is_some_and(char::is_alphabetic) {
            buf.push(b'\'');
            j += ch.len_utf8();
        } else {
            break;
        }
    }
    (j, cap)
}

/// Copies the ASCII letters `b` opens with to `buf`, lowered: how many there were. (With
/// bit 5 set, and only then, an ASCII letter is a lower-case one, so one test both finds
/// the end of the run and lowers it.) Eight bytes are tested and copied at a time: a
/// `push` per letter was a third of the tokenising.
fn push_ascii_letters_lowered(b: &[u8], buf: &mut Vec<u8>) -> usize {
    const CASE: u64 = 0x2020_2020_2020_2020;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    while let Some(chunk) = b.get(n..n + 8) {
        let lowered = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) | CASE;
        let letters = lowercase_ascii_bytes(lowered);
        // all eight are copied; what follows the run is cut off again
        buf.extend_from_slice(&lowered.to_le_bytes());
        if letters != HIGH {
            let run = ((!letters & HIGH).trailing_zeros() / 8) as usize;
            buf.truncate(buf.len() - 8 + run);
            return n + run;
        }
        n += 8;
    }
    for &x in &b[n..] {
        let lowered = x | 0x20;
        if !lowered.is_ascii_lowercase() {
            break;
        }
        buf.push(lowered);
        n += 1;
    }
    n
}

/// Bit 7 of each byte of `x` (little-endian) set when that byte is an ASCII lower-case
/// letter, and no other bit. (Bit 7 is cleared before the sums, so that no byte carries
/// into the next.)
fn lowercase_ascii_bytes(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let v = x & LOW7;
    // bit 7 of v + 0x1f: the byte is `a` (0x61) or above; of v + 0x05: above `z` (0x7a)
    let from_a = v + 0x1f1f_1f1f_1f1f_1f1f;
    let past_z = v + 0x0505_0505_0505_0505;
    from_a & !past_z & !x & HIGH
}

/// A URL, an address or a handle starts at `i`.
#[inline]
fn opens_url(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'h' => b[i..].starts_with(b"http://") || b[i..].starts_with(b"https://"),
        b'w' => b[i..].starts_with(b"www."),
        b'@' => b.get(i + 1).is_some_and(|x| x.is_ascii_alphanumeric() || *x == b'_'),
        _ => false,
    }
}

fn prev_is_digit(b: &[u8], i: usize) -> bool {
    i > 0 && b[i - 1].is_ascii_digit()
}

/// A URL ends before the sentence punctuation written right after it.
fn trim_url_end(text: &str, start: usize, mut end: usize) -> usize {
    while end > start + 1 {
        let last = text[..end].chars().next_back().unwrap_or(' ');
        if matches!(last, '.' | ',' | ';' | ':' | ')' | '"' | '\'' | '”' | '’' | '!' | '?') {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_index_the_text() {
        let text = "Iran’s toll: 1,234.5 (up) — see https://x.org/a?b=30%25. Über";
        let mut lower = String::new();
        let t = Toks::new(text, &mut lower);
        let shown: Vec<(&str, K)> = (0..t.len()).map(|i| (t.raw(i), t.t[i].k)).collect();
        assert_eq!(shown[0], ("Iran’s", K::Word));
        assert_eq!(t.low(0), "iran's");
        assert!(shown.contains(&("1,234.5", K::Num)));
        assert!(shown.contains(&("https://x.org/a?b=30%25", K::Url)));
        assert_eq!(t.low(t.len() - 1), "über");
        assert!(t.t[t.len() - 1].cap);
    }

    #[test]
    fn eight_byte_letter_test_is_the_byte_test() {
        for x in 0u8..=255 {
            for at in 0..8 {
                let qs = u64::from(b'q') * 0x0101_0101_0101_0101;
                let eight = (u64::from(x) << (8 * at)) | (qs & !(0xff << (8 * at)));
                let bit = lowercase_ascii_bytes(eight) >> (8 * at + 7) & 1;
                assert_eq!(bit == 1, x.is_ascii_lowercase(), "byte {x:#x} at {at}");
            }
        }
        let mut buf = Vec::new();
        assert_eq!(push_ascii_letters_lowered(b"InternationaL'S", &mut buf), 13);
        assert_eq!(buf, b"international");
    }

    #[test]
    fn paragraph_breaks_are_seen() {
        let mut lower = String::new();
        let t = Toks::new("one\n\ntwo\nthree", &mut lower);
        assert_eq!(t.t[1].nl, 2);
        assert_eq!(t.t[2].nl, 1);
    }
}
