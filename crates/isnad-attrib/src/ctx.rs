//! A document seen through the word lists: clitic-aware lookups on tokens.
//!
//! Clitics stay inside tokens in the text layer (`وقال`, `لـ"رويترز"`, `لشهود`); only the
//! lists know which prefixes a word may carry, so stripping happens here, and every
//! stripped letter is mapped back to a byte offset in the original token.

use crate::lexicon::{lexicon, CueWord, HeadKind, Lexicon, Stop, TitleKind, Verb};
use crate::quotes::Quotes;
use isnad_text::{is_format_char, is_mark, Analyzed, TokKind};

pub(crate) struct Ctx<'d, 'a> {
    pub doc: &'d Analyzed<'a>,
    pub lx: &'static Lexicon,
    pub quotes: Quotes,
    /// Token ranges of the quantities being attributed: a figure is never part of a
    /// speaker's name.
    pub blocked: Vec<(usize, usize)>,
}

impl<'d, 'a> Ctx<'d, 'a> {
    pub fn new(doc: &'d Analyzed<'a>) -> Self {
        Ctx { doc, lx: lexicon(), quotes: Quotes::find(doc), blocked: Vec::new() }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.doc.tokens.len()
    }

    /// Folded form of token `i`, or "" past the end.
    #[inline]
    pub fn n(&self, i: usize) -> &str {
        if i < self.len() {
            self.doc.norm(i)
        } else {
            ""
        }
    }

    /// Whether token `i` plays `role` in the rules (a word of `attribution_words.tsv`).
    #[inline]
    pub(crate) fn is(&self, role: crate::lexicon::Role, i: usize) -> bool {
        self.lx.is(role, self.n(i))
    }

    #[inline]
    pub fn is_word(&self, i: usize) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| matches!(t.kind, TokKind::Word | TokKind::Latin))
    }

    /// Token `i` belongs to one of the quantities (ranges sorted by start).
    pub fn is_blocked(&self, i: usize) -> bool {
        let k = self.blocked.partition_point(|r| r.0 <= i);
        k > 0 && i < self.blocked[k - 1].1
    }

    /// The punctuation character of token `i` (folded), if it is punctuation.
    #[inline]
    pub fn punct(&self, i: usize) -> Option<char> {
        let t = self.doc.tokens.get(i)?;
        (t.kind == TokKind::Punct).then(|| self.n(i).chars().next()).flatten()
    }

    pub fn is_comma(&self, i: usize) -> bool {
        matches!(self.punct(i), Some('،' | ','))
    }

    /// A clause-internal break that ends the reach of a reporting verb.
    pub fn is_clause_break(&self, i: usize) -> bool {
        matches!(self.punct(i), Some('؛' | ';'))
    }

    pub fn stop(&self, i: usize) -> Option<Stop> {
        if !self.is_word(i) {
            return None;
        }
        self.lx.stop(self.n(i))
    }

    /// Like [`Ctx::stop`], also seeing through a conjunction (`وكان`, `ولكن`, `وفي`).
    pub fn stop_loose(&self, i: usize) -> Option<Stop> {
        self.stop(i).or_else(|| isnad_lang::ar::strip_conjunction(self.n(i)).and_then(|r| self.lx.stop(r)))
    }

    pub fn title(&self, w: &str) -> Option<TitleKind> {
        self.lx.titles.get(w).copied()
    }

    pub fn head(&self, w: &str) -> Option<HeadKind> {
        // accusative tanwin is written with an alif: `مصدراً`
        self.lx.heads.get(w).or_else(|| w.strip_suffix('ا').and_then(|s| self.lx.heads.get(s))).copied()
    }

    /// A reporting verb at token `i`: the entry and how many letters of conjunction precede it.
    pub fn verb(&self, i: usize) -> Option<(Verb, usize)> {
        if self.doc.tokens.get(i)?.kind != TokKind::Word {
            return None;
        }
        let w = self.n(i);
        if !self.lx.maybe_cue(w) {
            return None;
        }
        self.verb_of(i, self.lx.cue_words.get(w)?)
    }

    /// [`Ctx::verb`] for a word token `i` whose cue entry is already looked up.
    /// The gender a reporting verb at `i` shows (`قالت`, `قال`), if any.
    pub fn verb_gender(&self, i: usize) -> Option<crate::lexicon::Gender> {
        self.verb(i).and_then(|(v, _)| v.gender)
    }

    pub fn verb_of(&self, i: usize, cw: &CueWord) -> Option<(Verb, usize)> {
        let (v, conj, pronoun_h) = cw.verb?;
        // `ة` folds to `ه`: a word ending in taa marbuta is a noun, not verb + pronoun
        if pronoun_h && self.doc.orig(i).ends_with('ة') {
            return None;
        }
        Some((v, conj as usize))
    }

    /// A perfect verb whose first letter carries a damma is passive (`ذُكر`, `أُعلن`).
    pub fn marked_passive(&self, i: usize, conj: usize) -> bool {
        let o = &self.doc.orig(i)[self.letters_offset(i, conj) - self.doc.tokens[i].start as usize..];
        let mut it = o.chars().filter(|&c| c != '\u{0640}');
        it.next();
        it.next() == Some('\u{064F}')
    }

    /// Byte offset (into the document) just after the first `n` letters of token `i`,
    /// marks and tatweel included, so a span can start after a clitic.
    pub fn letters_offset(&self, i: usize, n: usize) -> usize {
        let Some(t) = self.doc.tokens.get(i) else {
            return self.doc.text.len();
        };
        let (start, end) = (t.start as usize, t.end as usize);
        if n == 0 {
            return start;
        }
        let o = &self.doc.text[start..end];
        let mut seen = 0;
        let mut it = o.char_indices().peekable();
        while let Some((_, c)) = it.next() {
            if !is_mark(c) && !is_format_char(c) {
                seen += 1;
            }
            if seen == n {
                // marks and tatweel after the letter belong to it
                while let Some(&(_, d)) = it.peek() {
                    if is_mark(d) || is_format_char(d) {
                        it.next();
                    } else {
                        break;
                    }
                }
                return it.peek().map_or(end, |&(k, _)| start + k);
            }
        }
        end
    }

    /// The sentence range holding token `i`.
    pub fn sentence(&self, s: usize) -> (usize, usize) {
        self.doc.sentences.get(s).copied().unwrap_or((self.len(), self.len()))
    }

    /// Original text of a byte span (empty when it is not a valid slice).
    pub fn text(&self, start: usize, end: usize) -> &'a str {
        self.doc.text.get(start..end).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_text::analyze;

    #[test]
    fn verbs_are_found_through_clitics_and_pronouns() {
        let cases = [
            ("وقال", true),
            ("فقالت", true),
            ("قاله", true),
            ("أخبرنا", true),
            ("ويؤكِّد", true),
            ("تابعة", false),
            ("مقالة", false),
            ("وزارة", false),
        ];
        for (w, want) in cases {
            let d = analyze(w);
            let c = Ctx::new(&d);
            assert_eq!(c.verb(0).is_some(), want, "{w}");
        }
    }

    #[test]
    fn letter_offsets_skip_marks() {
        let s = "لِشهود وفقاً";
        let d = analyze(s);
        let c = Ctx::new(&d);
        assert_eq!(&s[c.letters_offset(0, 1)..d.tokens[0].end as usize], "شهود");
        assert_eq!(c.letters_offset(0, 0), 0);
        assert_eq!(c.letters_offset(0, 99), d.tokens[0].end as usize);
    }

    #[test]
    fn damma_on_the_first_letter_marks_a_passive() {
        let d = analyze("ذُكر ذكر وأُعلن");
        let c = Ctx::new(&d);
        assert!(c.marked_passive(0, 0));
        assert!(!c.marked_passive(1, 0));
        assert!(c.marked_passive(2, 1));
    }
}
