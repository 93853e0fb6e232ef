//! Place names in one document: learned from the settlement noun before them
//! (`مدينة درنة`, `بلدة خان شيخون`, `محافظة دير الزور`) and looked up in the gazetteer.
//!
//! A learned name is one word, or two when the first is a word that begins compound
//! names (`خان`, `تل`, `دير`, `عين`, ...): taking whatever follows the noun would make
//! `دوما الخاضعة` ("Douma, held by ...") a place of its own.

use crate::lexicon::{lexicon, rows, Tails};
use foldhash::HashMap;
use isnad_text::{Analyzed, Shapes, TokKind};
use std::sync::OnceLock;

const GAZETTEER: &str = isnad_lang::words::multi::PLACES;
const NAME_PREFIXES: &str = isnad_lang::words::ar::PLACE_PREFIXES;

/// A place named at a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceHit {
    /// Gazetteer id (`derna`), else the folded name.
    pub key: String,
    /// How many tokens the name takes.
    pub len: usize,
}

struct Gazetteer {
    /// Folded name (one or two words) → id.
    names: HashMap<String, &'static str>,
    /// The names' shapes: most words asked are no name, and say so unhashed.
    name_shapes: Shapes,
    /// Ids → the name to show.
    shown: HashMap<&'static str, &'static str>,
    countries: foldhash::HashSet<&'static str>,
    prefixes: foldhash::HashSet<String>,
    /// First words of the two-word names, so that a word that starts none costs no pair.
    firsts: foldhash::HashSet<String>,
    /// Endings of the one-word names, and of the names of more words: a word (or a
    /// pair) that ends as none does names nothing.
    tails: Tails,
    pair_tails: Tails,
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut g = Gazetteer {
            names: HashMap::default(),
            name_shapes: Shapes::default(),
            shown: HashMap::default(),
            countries: Default::default(),
            prefixes: Default::default(),
            firsts: Default::default(),
            tails: Tails::default(),
            pair_tails: Tails::default(),
        };
        for r in rows(GAZETTEER) {
            if let [id, names, _, kind, ..] = r.as_slice() {
                if *kind == "country" {
                    g.countries.insert(id);
                }
                for (k, n) in names.split('|').enumerate() {
                    let n = n.trim();
                    if n.is_empty() {
                        continue;
                    }
                    if k == 0 {
                        g.shown.insert(id, n);
                    }
                    let f = isnad_text::normalize_str(n);
                    if let Some((first, _)) = f.split_once(' ') {
                        g.firsts.insert(first.to_string());
                    }
                    g.names.insert(f, id);
                }
            }
        }
        for n in g.names.keys() {
            g.name_shapes.insert(n);
            if n.contains(' ') {
                g.pair_tails.insert(n);
            } else {
                g.tails.insert(n);
            }
        }
        for r in rows(NAME_PREFIXES) {
            if let Some(w) = r.first() {
                g.prefixes.insert(isnad_text::normalize_str(w));
            }
        }
        g
    })
}

/// The gazetteer id of a folded name, if listed.
pub fn gazetteer_id(folded: &str) -> Option<&'static str> {
    let g = gazetteer();
    if !g.name_shapes.may_hold(folded) {
        return None;
    }
    g.names.get(folded).copied()
}

/// A country of the gazetteer: a place that says little about which story a report tells.
pub fn is_country(key: &str) -> bool {
    gazetteer().countries.contains(key)
}

/// The name to show for a place key: the gazetteer's spelling, else the key itself.
pub fn shown(key: &str) -> Option<&'static str> {
    gazetteer().shown.get(key).copied()
}

/// A word without up to two one-letter proclitics (`وبحلب` → `حلب`), each cut leaving
/// at least three letters; the forms most literal first.
fn cuts(w: &str) -> [Option<&str>; 3] {
    let mut out = [Some(w), None, None];
    let mut s = w;
    let mut k = 1;
    for set in [isnad_lang::ar::CONJUNCTIONS, isnad_lang::ar::PLACE_PREPOSITIONS] {
        for p in set {
            if let Some(r) = s.strip_prefix(p) {
                if r.chars().count() >= 3 {
                    s = r;
                    out[k] = Some(r);
                    k += 1;
                    break;
                }
            }
        }
    }
    out
}

pub(crate) fn is_word(a: &Analyzed<'_>, i: usize) -> bool {
    a.tokens.get(i).is_some_and(|t| matches!(t.kind, TokKind::Word | TokKind::Latin))
}

/// The places of one document.
#[derive(Debug, Default, Clone)]
pub struct DocPlaces {
    /// Learned names (folded) → key.
    learned: HashMap<String, String>,
    /// Their shapes, as the gazetteer keeps its names'.
    learned_shapes: Shapes,
    /// Key → the name as first written.
    pub written: HashMap<String, String>,
    /// Endings of the learned names (the gazetteer keeps its own).
    tails: Tails,
    pair_tails: Tails,
}

impl DocPlaces {
    /// Learns the names that follow a settlement noun in the document.
    pub fn learn(a: &Analyzed<'_>) -> DocPlaces {
        let lex = lexicon();
        let g = gazetteer();
        let mut out = DocPlaces::default();
        for i in 0..a.tokens.len().saturating_sub(1) {
            if a.tokens[i].kind != TokKind::Word || !lex.is_place_head_folded(a.norm(i)) {
                continue;
            }
            if !is_word(a, i + 1) || a.tokens[i + 1].newlines_before > 0 {
                continue;
            }
            let f1 = a.norm(i + 1);
            // `وادي بردى`, `خان شيخون`; `الوادي` with its article is a whole name.
            let two = g.prefixes.contains(f1) && is_word(a, i + 2) && a.tokens[i + 2].newlines_before == 0;
            if !two && (f1.chars().count() < 3 || lex.is_not_a_name(f1)) {
                continue;
            }
            let (name, written) = if two {
                (format!("{} {}", f1, a.norm(i + 2)), a.span_text(i + 1, i + 2))
            } else {
                (f1.to_string(), a.orig(i + 1))
            };
            let key = gazetteer_id(&name).map(str::to_string).unwrap_or_else(|| name.clone());
            out.written.entry(key.clone()).or_insert_with(|| written.to_string());
            if two {
                out.pair_tails.insert(&name);
            } else {
                out.tails.insert(&name);
            }
            out.learned_shapes.insert(&name);
            out.learned.entry(name).or_insert(key);
        }
        out
    }

    /// The place named at token `i`, through proclitics (`بدرنة`, `للرقة`).
    pub fn at(&self, a: &Analyzed<'_>, i: usize) -> Option<PlaceHit> {
        if !is_word(a, i) {
            return None;
        }
        let w = a.norm(i);
        let next = if is_word(a, i + 1) && a.tokens[i + 1].newlines_before == 0 { Some(a.norm(i + 1)) } else { None };
        let g = gazetteer();
        // Every form looked up below ends as `w` does (one word) or as `next` does (a
        // pair): when no name ends so, there is nothing to look up. (`لل` + a short rest,
        // read as `ال` + it, may end otherwise: such a word is looked up in full.)
        // The same test then spares each cut the lookups that cannot succeed.
        let one = g.tails.may_end(w) || self.tails.may_end(w);
        let pair = next.filter(|n| g.pair_tails.may_end(n) || self.pair_tails.may_end(n));
        let odd = || {
            w.contains("لل") && cuts(w).into_iter().flatten().any(|c| c.starts_with("لل") && c.len() < 4 + Tails::LEN)
        };
        if !one && pair.is_none() && !odd() {
            return None;
        }
        for c in cuts(w).into_iter().flatten() {
            if let Some(n) = pair.filter(|_| g.firsts.contains(c) || g.prefixes.contains(c)) {
                let two = format!("{c} {n}");
                if let Some(k) = self.lookup(&two) {
                    return Some(PlaceHit { key: k, len: 2 });
                }
            }
            if one {
                if let Some(k) = self.lookup(c) {
                    return Some(PlaceHit { key: k, len: 1 });
                }
            }
            // ل + ال is written لل: `للرقة`.
            if let Some(rest) = c.strip_prefix("لل") {
                if let Some(k) = self.lookup(&format!("ال{rest}")) {
                    return Some(PlaceHit { key: k, len: 1 });
                }
            }
        }
        None
    }

    fn lookup(&self, folded: &str) -> Option<String> {
        if self.learned_shapes.may_hold(folded) {
            if let Some(k) = self.learned.get(folded) {
                return Some(k.clone());
            }
        }
        gazetteer_id(folded).map(str::to_string)
    }

    /// The name to show for a key found in this document.
    pub fn show(&self, key: &str, a: &Analyzed<'_>, hit_at: usize, len: usize) -> String {
        if let Some(s) = shown(key) {
            return s.to_string();
        }
        if let Some(w) = self.written.get(key) {
            return w.clone();
        }
        a.span_text(hit_at, hit_at + len - 1).to_string()
    }

    /// Every place the document names, with how often, first named first.
    pub fn counts(&self, a: &Analyzed<'_>) -> Vec<(String, usize)> {
        let mut order: Vec<String> = Vec::new();
        let mut n: HashMap<String, usize> = HashMap::default();
        let mut i = 0;
        while i < a.tokens.len() {
            if a.tokens[i].kind != TokKind::Word {
                i += 1;
                continue;
            }
            match self.at(a, i) {
                Some(h) => {
                    let e = n.entry(h.key.clone()).or_insert(0);
                    if *e == 0 {
                        order.push(h.key);
                    }
                    *e += 1;
                    i += h.len;
                }
                None => i += 1,
            }
        }
        order.into_iter().map(|k| (k.clone(), n[&k])).collect()
    }
}

/// The gazetteer id of a place named in English as written (`Raqqa`, `Deir ez-Zor`):
/// the English reader's way into the one gazetteer both languages share.
pub fn by_english(name: &str) -> Option<&'static str> {
    static EN: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    EN.get_or_init(|| {
        let mut m = HashMap::default();
        for r in rows(GAZETTEER) {
            if let [id, _, names, ..] = r.as_slice() {
                for n in names.split('|').map(str::trim).filter(|n| !n.is_empty()) {
                    m.insert(n, *id);
                }
            }
        }
        m
    })
    .get(name)
    .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(text: &str) -> Vec<(String, usize)> {
        let a = isnad_text::analyze(text);
        DocPlaces::learn(&a).counts(&a)
    }

    #[test]
    fn names_after_settlement_nouns_are_learned_one_word_unless_a_compound() {
        let p = places("قصفت الطائرات مدينة سلقين الخاضعة للمعارضة، وقال سكان سلقين إن ...");
        assert_eq!(p, vec![("سلقين".to_string(), 2)]);
        let p = places("وصلت القافلة إلى بلدة خان شيخون ثم غادرت خان شيخون");
        assert_eq!(p, vec![("khan_shaykhun".to_string(), 2)]);
        let p = places("خرجوا من مدينة الوادي يوم الجمعة");
        assert_eq!(p, vec![("الوادي".to_string(), 1)]);
        let p = places("في بلدة تل الزيتون، ومن تل الزيتون خرجوا");
        assert_eq!(p, vec![("تل الزيتون".to_string(), 2)]);
    }

    #[test]
    fn gazetteer_names_need_no_noun_and_proclitics_are_seen_through() {
        let p = places("غادروا الرقة نحو دير الزور، وفي بدرنة وللرقة");
        assert_eq!(p, vec![("raqqa".to_string(), 2), ("deir_ez_zor".to_string(), 1), ("derna".to_string(), 1)]);
    }

    #[test]
    fn words_that_are_not_names_are_not_learned() {
        assert!(places("في مدينة كبيرة وفي مدينة أخرى").is_empty());
        assert!(places("مدينة").is_empty());
    }

    /// The ending filter never hides a name: every gazetteer name is found behind
    /// every proclitic `at` reads through, alone and as `لل` + its article-less rest.
    #[test]
    fn the_ending_filter_hides_no_name() {
        let none = DocPlaces::default();
        for r in rows(GAZETTEER) {
            for n in r[1].split('|') {
                for pre in ["", "و", "ب", "وب", "ل"] {
                    let text = format!("{pre}{n} اليوم");
                    let a = isnad_text::analyze(&text);
                    assert_eq!(none.at(&a, 0).map(|h| h.key), Some(r[0].to_string()), "{text}");
                }
            }
        }
        let a = isnad_text::analyze("وصلوا للرقة اليوم");
        assert_eq!(none.at(&a, 1).map(|h| h.key).as_deref(), Some("raqqa"));
    }

    #[test]
    fn every_gazetteer_row_is_found() {
        assert!(GAZETTEER.starts_with("# source:"));
        assert!(NAME_PREFIXES.starts_with("# source:"));
        for r in rows(GAZETTEER) {
            assert_eq!(r.len(), 4, "{r:?}");
            assert!(matches!(r[3], "country" | "city"), "{r:?}");
            for n in r[1].split('|') {
                assert_eq!(gazetteer_id(&isnad_text::normalize_str(n)), Some(r[0]), "{r:?}");
            }
        }
        for r in rows(NAME_PREFIXES) {
            assert!(gazetteer().prefixes.contains(&isnad_text::normalize_str(r[0])), "{r:?}");
        }
    }
}
