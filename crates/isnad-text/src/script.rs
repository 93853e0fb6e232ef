//! How much of a text is Arabic script and how much Latin: the one count that both the
//! ingest layer (a document's language) and the language seam (which reader) decide by,
//! so that the two can never disagree about a document.

/// Characters looked at: enough to outvote a quoted acronym or an English headline.
pub const SCRIPT_SAMPLE_CHARS: usize = 20_000;

/// `(Arabic letters, Latin letters)` among the first [`SCRIPT_SAMPLE_CHARS`] characters.
/// Arabic letters are the letter ranges of the Arabic block and its presentation forms
/// (digits, punctuation and marks are no evidence); Latin letters are those below
/// U+0250. Reads bytes, decoding only what is neither ASCII nor in the Arabic block: this runs on
/// every document before anything else does.
pub fn script_counts(text: &str) -> (usize, usize) {
    let b = text.as_bytes();
    let (mut arabic, mut latin, mut chars, mut i) = (0usize, 0usize, 0usize, 0usize);
    loop {
        // Blocks of 64 bytes, while a block cannot cross the sample's end: a block of only
        // ASCII and Arabic-block characters is counted without a branch per character (in
        // lanes, by the compiler), which the loop below, deciding per character, cannot be;
        // it costs more than anything else ingest does to an Arabic document. A block
        // holding any other character (`«`, a no-break space, a dash) is left to that loop.
        while chars + BLOCK <= SCRIPT_SAMPLE_CHARS && i + BLOCK < b.len() {
            let Ok(x) = <&[u8; BLOCK]>::try_from(&b[i..i + BLOCK]) else { break };
            // each byte's next byte: a lead byte's second byte (`text` is valid UTF-8)
            let Ok(next) = <&[u8; BLOCK]>::try_from(&b[i + 1..i + 1 + BLOCK]) else { break };
            // byte-wide counters (at most 64 each), so that the lanes stay bytes
            let (mut other, mut c, mut l, mut ar) = (0u8, 0u8, 0u8, 0u8);
            for k in 0..BLOCK {
                let (x, n) = (x[k], next[k]);
                other |= u8::from((x >= 0xC0) & (x & 0xFC != 0xD8));
                c += u8::from(x & 0xC0 != 0x80);
                l += u8::from(x.is_ascii_alphabetic());
                // the letters of U+0600–U+06FF by their two bytes, as in the match below
                let letter = (x == 0xD8) & (n >= 0xA0)
                    | (x == 0xD9) & ((n <= 0x8A) | (n >= 0xB1))
                    | (x == 0xDA)
                    | (x == 0xDB) & (n <= 0x93);
                ar += u8::from(letter);
            }
            if other != 0 {
                break;
            }
            (chars, latin, arabic) = (chars + usize::from(c), latin + usize::from(l), arabic + usize::from(ar));
            // past the continuation bytes of the block's last character, which count nothing
            i += BLOCK;
            while i < b.len() && b[i] & 0xC0 == 0x80 {
                i += 1;
            }
        }
        // Then per character: that block, or all that is left when no block fits.
        let stop = if chars + BLOCK <= SCRIPT_SAMPLE_CHARS && i + BLOCK < b.len() { i + BLOCK } else { b.len() };
        while i < stop && chars < SCRIPT_SAMPLE_CHARS {
            chars += 1;
            // `text` is valid UTF-8, so a lead byte's continuation bytes are there.
            match b[i] {
                x @ 0..=0x7F => {
                    latin += usize::from(x.is_ascii_alphabetic());
                    i += 1;
                    // Then the rest of an ASCII run in one tight loop (English text is almost
                    // all one run; Arabic text has single spaces, which skip this).
                    if b.get(i).is_some_and(u8::is_ascii) {
                        let end = stop.min(i + (SCRIPT_SAMPLE_CHARS - chars));
                        let run = b[i..end].iter().take_while(|x| x.is_ascii()).count();
                        latin += b[i..i + run].iter().filter(|x| x.is_ascii_alphabetic()).count();
                        chars += run;
                        i += run;
                    }
                }
                // U+0600–U+06FF, by their second byte: letters from U+0620 to U+064A and
                // from U+0671 to U+06D3.
                0xD8 => {
                    arabic += usize::from(b[i + 1] >= 0xA0);
                    i += 2;
                }
                0xD9 => {
                    arabic += usize::from(b[i + 1] <= 0x8A || b[i + 1] >= 0xB1);
                    i += 2;
                }
                0xDA => {
                    arabic += 1;
                    i += 2;
                }
                0xDB => {
                    arabic += usize::from(b[i + 1] <= 0x93);
                    i += 2;
                }
                _ => {
                    let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                    if is_arabic_script_letter(c as u32) {
                        arabic += 1;
                    } else if (c as u32) < 0x0250 && c.is_alphabetic() {
                        latin += 1;
                    }
                    i += c.len_utf8();
                }
            }
        }
        if i >= b.len() || chars >= SCRIPT_SAMPLE_CHARS {
            break;
        }
    }
    (arabic, latin)
}

/// Bytes counted at a time by the block loop of [`script_counts`].
const BLOCK: usize = 64;

fn is_arabic_script_letter(cp: u32) -> bool {
    matches!(cp, 0x0620..=0x064A | 0x0671..=0x06D3 | 0xFB50..=0xFDFF | 0xFE70..=0xFEFC)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char definition the byte reader must equal.
    fn by_chars(text: &str) -> (usize, usize) {
        let (mut a, mut l) = (0, 0);
        for c in text.chars().take(SCRIPT_SAMPLE_CHARS) {
            if is_arabic_script_letter(c as u32) {
                a += 1;
            } else if c.is_ascii_alphabetic() || ((c as u32) < 0x0250 && c.is_alphabetic()) {
                l += 1;
            }
        }
        (a, l)
    }

    #[test]
    fn counts_as_the_definition_does() {
        for t in [
            "",
            "قال المتحدث إن نحو 400 مقاتل غادروا",
            "The spokesman said about 400 fighters had left.",
            "قالت وكالة AFP إن 12 شخصاً قتلوا ٣٤ ، ؟ ـ",
            "Ça déjà vu × ÷ ª º ſ ɐ ʃ",
            "ﻻ ﷲ ﭐ 🙂 中文 ‎\u{200f}",
        ] {
            assert_eq!(script_counts(t), by_chars(t), "{t:?}");
        }
        let long = "قتل ".repeat(10_000) + &"word ".repeat(10_000);
        assert_eq!(script_counts(&long), by_chars(&long));
    }

    proptest::proptest! {
        #[test]
        fn any_text(t in "\\PC{0,200}") {
            proptest::prop_assert_eq!(script_counts(&t), by_chars(&t));
        }

        /// ASCII and the Arabic block with one other character between, long enough for
        /// the block loop, once near the sample's end.
        #[test]
        fn arabic_and_ascii(t in "[a-zA-Z0-9 .,\n\u{0600}-\u{06FF}]{0,300}[«»\u{a0}’]?[a-z \u{0600}-\u{06FF}]{0,200}", pad in 0usize..2) {
            proptest::prop_assert_eq!(script_counts(&t), by_chars(&t));
            let long = "ب".repeat(SCRIPT_SAMPLE_CHARS - 300 + pad * 200) + &t;
            proptest::prop_assert_eq!(script_counts(&long), by_chars(&long));
        }
    }
}
