//! The word lists in `data/`, loaded once, and the clitic-tolerant lookup they share.
//!
//! Lists hold folded base forms (no article, no case ending). Arabic glues
//! conjunctions, prepositions and the article to words (`بمغادرة`, `وأسرهم`, `للرقة`)
//! and appends pronouns and tanween alif (`إخراجهم`, `مقاتلاً`), so a word is tried
//! as written first and then with those stripped; the longest form that is listed wins.

use foldhash::{HashMap, HashSet};
use isnad_lang::ar;
use isnad_text::Shapes;
use std::cell::RefCell;
use std::sync::OnceLock;

const CLASSES: &str = isnad_lang::words::ar::COUNTED_CLASSES;
const ACTIONS: &str = isnad_lang::words::ar::ACTIONS;
const MODIFIERS: &str = isnad_lang::words::ar::MODIFIERS;
const PLACE_HEADS: &str = isnad_lang::words::ar::PLACE_HEADS;
const NOT_NAMES: &str = isnad_lang::words::ar::NOT_PLACE_NAMES;
const LIVES: &str = isnad_lang::words::ar::LIVES;

/// What a modifier word does to the count it stands next to (see `data/modifiers.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modifier {
    Family,
    With,
    Foreign,
    Per,
    Dest,
    Anaphor,
    Since,
    Outbreak,
    War,
    Among,
    Portion,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Action {
    pub name: &'static str,
    /// A casualty toll: the victims' class does not split the figure.
    pub toll: bool,
    /// Claim kinds (`people`, `money`, ...) the action can describe.
    pub kinds: &'static str,
}

impl Action {
    pub fn fits(&self, kind: &str) -> bool {
        self.kinds.split(',').any(|k| k == kind)
    }
}

pub struct Lexicon {
    // Keys are folded at load, so a list may be written with hamza and ى as usual.
    classes: HashMap<String, &'static str>,
    actions: HashMap<String, Action>,
    /// Every action name, once: the word lists' and those a class implies.
    action_names: Vec<&'static str>,
    modifiers: HashMap<String, Modifier>,
    /// The shapes of the modifier words: most words looked up are none, and say so here.
    modifier_shapes: Shapes,
    heads: HashSet<String>,
    not_names: HashSet<String>,
    /// Words for lives, a toll only after a verb of losing (`data/lives.tsv`).
    lives: HashSet<String>,
    lost: HashSet<String>,
    /// The last four bytes of every settlement noun: proclitics are cut from the front
    /// only, so a word that ends otherwise is none (most words, at one bit's cost).
    head_tails: Tails,
    /// The settlement nouns again, for a suffix test cheaper than the lookups.
    head_list: Vec<String>,
}

/// A set of word endings (a word's last [`Tails::LEN`] bytes, three Arabic letters) as a
/// bitmap: a word whose ending is not in it ends as none of the words the set was made
/// from. Words shorter than that are kept whole and compared as suffixes.
#[derive(Debug, Clone)]
pub struct Tails {
    bits: Box<[u64; 64]>,
    short: Vec<String>,
}

impl Default for Tails {
    fn default() -> Tails {
        Tails { bits: Box::new([0; 64]), short: Vec::new() }
    }
}

impl Tails {
    pub const LEN: usize = 6;
    fn slot(t: &[u8]) -> usize {
        let x = u64::from_le_bytes([t[0], t[1], t[2], t[3], t[4], t[5], 0, 0]);
        (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize
    }
    pub fn insert(&mut self, w: &str) {
        let b = w.as_bytes();
        if b.len() < Self::LEN {
            if !self.short.iter().any(|s| s == w) {
                self.short.push(w.to_string());
            }
            return;
        }
        let k = Self::slot(&b[b.len() - Self::LEN..]);
        self.bits[k >> 6] |= 1 << (k & 63);
    }
    /// False only when no word of the set is a suffix of `w`.
    #[inline]
    pub fn may_end(&self, w: &str) -> bool {
        let b = w.as_bytes();
        if b.len() < Self::LEN {
            return true;
        }
        let k = Self::slot(&b[b.len() - Self::LEN..]);
        self.bits[k >> 6] & (1 << (k & 63)) != 0 || self.short.iter().any(|s| w.ends_with(s.as_str()))
    }
}

/// Entries a per-thread memo holds before it is emptied (memory stays bounded).
const MAX_MEMO: usize = 100_000;

/// The answer for `key` from a per-thread memo, computing it the first time. The
/// functions memoised are pure functions of the word, so the answer is the same.
pub(crate) fn memo<T: Copy + 'static>(
    m: &'static std::thread::LocalKey<RefCell<HashMap<String, T>>>,
    key: &str,
    f: impl FnOnce() -> T,
) -> T {
    if let Some(x) = m.with(|m| m.borrow().get(key).copied()) {
        return x;
    }
    let x = f();
    m.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= MAX_MEMO {
            m.clear();
        }
        m.insert(key.to_string(), x);
    });
    x
}

/// `memoized!(key, Type, expr)`: `expr` for `key` through a per-thread memo of its own.
macro_rules! memoized {
    ($key:expr, $ty:ty, $compute:expr) => {{
        thread_local! {
            static M: std::cell::RefCell<foldhash::HashMap<String, $ty>> = std::cell::RefCell::new(Default::default());
        }
        crate::lexicon::memo(&M, $key, || $compute)
    }};
}
pub(crate) use memoized;

/// Rows of a word list, without their line numbers: the one reader, [`isnad_text::tsv::rows`].
pub fn rows(src: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    isnad_text::tsv::rows(src).map(|(_, r)| r)
}

fn fold(w: &str) -> String {
    isnad_text::normalize_str(w)
}

pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut l = Lexicon {
            classes: HashMap::default(),
            actions: HashMap::default(),
            action_names: Vec::new(),
            modifiers: HashMap::default(),
            modifier_shapes: Shapes::default(),
            heads: HashSet::default(),
            not_names: HashSet::default(),
            lives: HashSet::default(),
            lost: HashSet::default(),
            head_tails: Tails::default(),
            head_list: Vec::new(),
        };
        for r in rows(CLASSES) {
            if let [w, c, ..] = r.as_slice() {
                l.classes.insert(fold(w), c);
            }
        }
        for r in rows(ACTIONS) {
            if let [w, a, toll, kinds, ..] = r.as_slice() {
                l.actions.insert(fold(w), Action { name: a, toll: *toll == "1", kinds });
            }
        }
        let implied = crate::read::IMPLIED_ACTIONS.iter().map(|x| x.1);
        for n in l.actions.values().map(|a| a.name).chain(implied) {
            if !l.action_names.contains(&n) {
                l.action_names.push(n);
            }
        }
        for r in rows(MODIFIERS) {
            if let [w, m, ..] = r.as_slice() {
                let m = match *m {
                    "family" => Modifier::Family,
                    "with" => Modifier::With,
                    "foreign" => Modifier::Foreign,
                    "per" => Modifier::Per,
                    "dest" => Modifier::Dest,
                    "anaphor" => Modifier::Anaphor,
                    "since" => Modifier::Since,
                    "outbreak" => Modifier::Outbreak,
                    "war" => Modifier::War,
                    "among" => Modifier::Among,
                    "portion" => Modifier::Portion,
                    _ => continue,
                };
                l.modifiers.insert(fold(w), m);
            }
        }
        for w in l.modifiers.keys() {
            l.modifier_shapes.insert(w);
        }
        for r in rows(PLACE_HEADS) {
            if let Some(w) = r.first() {
                l.heads.insert(fold(w));
            }
        }
        for h in &l.heads {
            l.head_tails.insert(h);
            l.head_list.push(h.clone());
        }
        for r in rows(LIVES) {
            match r.get(1).copied() {
                Some("life") => l.lives.insert(fold(r[0])),
                Some("lost") => l.lost.insert(fold(r[0])),
                _ => panic!("data/lives.tsv: row {r:?} has no role life or lost"),
            };
        }
        for r in rows(NOT_NAMES) {
            if let Some(w) = r.first() {
                l.not_names.insert(fold(w));
            }
        }
        l
    })
}

/// Folded forms of a word, most literal first: as written, without proclitics
/// (و ف ب ل ك, the article, لل for ل+ال), then without a pronoun suffix or tanween alif.
pub fn variants(word: &str) -> Vec<String> {
    variants_folded(&isnad_text::normalize_str(word))
}

/// As [`variants`], for a word already folded (a token's `norm`).
pub fn variants_folded(w: &str) -> Vec<String> {
    let w = w.to_string();
    let mut bases: Vec<String> = vec![w.clone()];
    let push = |v: &mut Vec<String>, s: &str| {
        if s.chars().count() >= 2 && !v.iter().any(|x| x == s) {
            v.push(s.to_string());
        }
    };
    // One conjunction, then one preposition, then the article: at most three layers.
    let mut layer: Vec<String> = vec![w.clone()];
    for strip in [&ar::CONJUNCTIONS[..], &ar::PREPOSITIONS[..]] {
        let mut next = layer.clone();
        for s in &layer {
            for p in strip {
                if let Some(rest) = s.strip_prefix(p) {
                    push(&mut next, rest);
                }
            }
        }
        layer = next;
    }
    for s in layer.clone() {
        push(&mut bases, &s);
        if let Some(rest) = s.strip_prefix(ar::ARTICLE) {
            push(&mut bases, rest);
        }
        if let Some(rest) = s.strip_prefix(ar::LAM_ARTICLE) {
            push(&mut bases, rest);
        }
    }
    let mut out = bases.clone();
    for b in &bases {
        for suf in ar::VARIANT_SUFFIXES {
            if let Some(rest) = b.strip_suffix(suf) {
                push(&mut out, rest);
            }
        }
    }
    out
}

impl Lexicon {
    pub fn class(&self, word: &str) -> Option<&'static str> {
        memoized!(word, Option<&'static str>, {
            variants(word).iter().find_map(|v| self.classes.get(v.as_str()).copied())
        })
    }
    /// As [`Lexicon::action`], for a folded word; the exact form is tried before any cut.
    /// The action named `name`, as the word lists and the class rules name actions (the
    /// one set of action names every stage shares), `None` for any other string.
    pub fn action_name(&self, name: &str) -> Option<&'static str> {
        self.action_names.iter().copied().find(|n| *n == name)
    }

    /// Words repeat (news is Zipfian), so answers are remembered per thread, in a table
    /// cleared when it grows past a bound.
    pub fn action_folded(&self, folded: &str) -> Option<Action> {
        memoized!(folded, Option<Action>, {
            match self.actions.get(folded) {
                Some(a) => Some(*a),
                None => variants_folded(folded).iter().find_map(|v| self.actions.get(v.as_str()).copied()),
            }
        })
    }
    /// As [`Lexicon::modifier`], for a folded word.
    pub fn modifier_folded(&self, folded: &str) -> Option<Modifier> {
        if !self.modifier_shapes.may_hold(folded) {
            return None;
        }
        self.modifiers.get(folded).copied()
    }
    pub fn action(&self, word: &str) -> Option<Action> {
        variants(word).iter().find_map(|v| self.actions.get(v.as_str()).copied())
    }
    /// Modifiers are listed with their clitics, so only the folded word is looked up.
    pub fn modifier(&self, word: &str) -> Option<Modifier> {
        memoized!(word, Option<Modifier>, { self.modifiers.get(isnad_text::normalize_str(word).as_str()).copied() })
    }
    /// An indefinite settlement noun (`مدينة`, `وبمحافظة`), on a folded word, without
    /// allocating: the definite `المدينة` refers back and names nothing.
    #[inline]
    pub fn is_place_head_folded(&self, folded: &str) -> bool {
        // every form tried below is a suffix of the word: one that ends as no settlement
        // noun does is none (this runs for every word of a document)
        self.head_tails.may_end(folded) && self.is_place_head_cut(folded)
    }

    fn is_place_head_cut(&self, folded: &str) -> bool {
        if !self.head_list.iter().any(|h| folded.ends_with(h.as_str())) {
            return false;
        }
        if self.heads.contains(folded) {
            return true;
        }
        let mut s = folded;
        for set in [ar::CONJUNCTIONS, ar::PLACE_PREPOSITIONS] {
            for p in set {
                if let Some(r) = s.strip_prefix(p) {
                    if self.heads.contains(r) {
                        return true;
                    }
                    if r.chars().count() >= 3 {
                        s = r;
                        break;
                    }
                }
            }
        }
        // `s` is the word or a cut already looked up
        false
    }

    /// A word that follows a settlement noun without naming a place: an adjective
    /// from the list, a counted class or an action word.
    pub fn is_not_a_name(&self, folded: &str) -> bool {
        self.not_names.contains(folded)
            || self.classes.contains_key(folded)
            || self.actions.contains_key(folded)
            || self.modifiers.contains_key(folded)
    }

    /// A word for lives (`حياتهم`, `بحياة`), folded, with its proclitics.
    pub fn is_life_word(&self, folded: &str) -> bool {
        self.lives.contains(folded.trim_start_matches(['و', 'ف', 'ب']))
    }

    /// A verb of losing lives (`فقد`, `أودى`), folded, with a joined و/ف.
    pub fn is_lost_verb(&self, folded: &str) -> bool {
        // فقد itself starts with ف: the word as it stands first, then without a conjunction
        self.lost.contains(folded) || folded.strip_prefix(['و', 'ف']).is_some_and(|w| self.lost.contains(w))
    }

    pub fn is_place_head(&self, word: &str) -> bool {
        memoized!(word, bool, { variants(word).iter().take(4).any(|v| self.heads.contains(v.as_str())) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of every list parses into something the lookup then finds.
    #[test]
    fn each_row_of_each_list_is_found() {
        let l = lexicon();
        for src in [CLASSES, ACTIONS, MODIFIERS, PLACE_HEADS, NOT_NAMES, LIVES] {
            assert!(
                src.lines().next().is_some_and(|h| h.starts_with("# source:")),
                "word list without a source header"
            );
        }
        for r in rows(CLASSES) {
            assert_eq!(r.len(), 2, "{r:?}");
            assert_eq!(l.class(r[0]), Some(r[1]), "{r:?}");
        }
        for r in rows(ACTIONS) {
            assert_eq!(r.len(), 4, "{r:?}");
            assert!(matches!(r[2], "0" | "1"), "{r:?}");
            let kinds = ["people", "vehicles", "money", "distance", "duration", "percent", "weight", "other"];
            assert!(r[3].split(',').all(|k| kinds.contains(&k)), "{r:?}");
            assert_eq!(l.action(r[0]).map(|a| a.name), Some(r[1]), "{r:?}");
        }
        for r in rows(MODIFIERS) {
            assert_eq!(r.len(), 2, "{r:?}");
            assert!(l.modifier(r[0]).is_some(), "{r:?}");
        }
        for r in rows(PLACE_HEADS) {
            assert!(l.is_place_head(r[0]), "{r:?}");
            assert!(l.is_place_head_folded(&fold(r[0])), "{r:?}");
            assert!(l.is_place_head_folded(&fold(&format!("وب{}", r[0]))), "{r:?}");
        }
        for r in rows(NOT_NAMES) {
            assert!(l.is_not_a_name(&fold(r[0])), "{r:?}");
        }
        for r in rows(LIVES) {
            let w = fold(r[0]);
            match r[1] {
                "life" => assert!(l.is_life_word(&w) && l.action(r[0]).is_some_and(|a| a.name == "killed"), "{r:?}"),
                _ => assert!(l.is_lost_verb(&w) && l.is_lost_verb(&format!("و{w}")), "{r:?}"),
            }
        }
    }

    #[test]
    fn clitics_and_endings_are_seen_through() {
        let l = lexicon();
        assert_eq!(l.class("ارهابياً"), Some("fighters"));
        assert_eq!(l.class("مقاتلاً"), Some("fighters"));
        assert_eq!(l.class("شخصٍ"), Some("people"));
        assert_eq!(l.class("والمدنيين"), Some("people"));
        assert_eq!(l.action("بمغادرة").map(|a| a.name), Some("left"));
        assert_eq!(l.action("إخراجهم").map(|a| a.name), Some("left"));
        assert_eq!(l.action("غادروا").map(|a| a.name), Some("left"));
        assert_eq!(l.action("مقتل").map(|a| (a.name, a.toll)), Some(("killed", true)));
        assert!(l.is_place_head("بمدينة"));
        assert_eq!(l.modifier("وأسرهم"), Some(Modifier::Family));
    }
}
