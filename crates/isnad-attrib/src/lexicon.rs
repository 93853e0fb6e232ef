//! Word lists from `data/*.tsv`, folded the way the text layer folds tokens, so that a
//! token's normalised form can be looked up directly.
//!
//! Parsing never panics: a malformed row is skipped and reported by [`Lexicon::problems`],
//! which a unit test requires to be empty.

use isnad_text::{normalize_str, Shapes};
use std::sync::OnceLock;

/// The word lists' maps and sets. foldhash: keys are short words looked up for most
/// words of a document, where it takes a third of ahash's fallback instructions.
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub type Set<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

const VERBS: &str = isnad_lang::words::ar::VERBS;
const NOMINAL: &str = isnad_lang::words::ar::NOMINAL;
const TITLES: &str = isnad_lang::words::ar::TITLES;
const HEADS: &str = isnad_lang::words::ar::HEADS;
const STOPS: &str = isnad_lang::words::ar::STOPS;
const NONPARTY: &str = isnad_lang::words::ar::NONPARTY;
const ATTRIBUTION_WORDS: &str = isnad_lang::words::ar::ATTRIBUTION_WORDS;
pub(crate) const ALIASES: &str = isnad_lang::words::multi::ALIASES;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Past,
    Present,
    Participle,
    Masdar,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Verb {
    pub form: Form,
    pub deny: bool,
    /// Also an ordinary noun or a non-reporting verb: needs a party-like subject.
    pub strict: bool,
    /// `نقل X عن Y`: only a cue when the quoted party follows `عن`.
    pub relay: bool,
    pub passive: bool,
    /// Gender of a singular third-person form (`قالت`، `تقول` feminine; `قال`، `يقول`
    /// masculine); `None` for plurals, duals and forms that do not show it. A pronoun
    /// subject refers back to a party of the same gender.
    pub gender: Option<Gender>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Masculine,
    Feminine,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NominalKind {
    According,
    Relay,
    Statement,
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CueWord {
    pub verb: Option<(Verb, u8, bool)>,
    /// Index into [`Lexicon::nominal_lists`], and the conjunction's length.
    pub nominal: Option<(u32, u8)>,
}

#[derive(Debug, Clone)]
pub(crate) struct Nominal {
    /// Folded words; a last word `ل` is the preposition, apart or glued to the next word.
    pub words: Vec<String>,
    pub kind: NominalKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TitleKind {
    Rank,
    Role,
    Honorific,
    Modifier,
    /// A common noun for a person before a name in apposition (`الممرضة ليلى`).
    Person,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum HeadKind {
    Anonymous,
    Collective,
    /// `أحد`, `عدد`, `بعض`: a part of the group named after it (`عدد من السائقين`).
    Partitive,
    Report,
    Institution,
    Outlet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    Comp,
    Prep,
    Time,
    Particle,
    Rel,
    Demo,
    Neg,
    Pron,
}

/// The closed-class words a rule turns on (`data/ar/attribution_words.tsv`, where each
/// role says which rule reads it): one list per rule, kept with the other word lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Nominaliser,
    SpeakerSeat,
    SourceSeat,
    BackDemonstrative,
    Relative,
    RelativePronoun,
    Emphatic,
    That,
    ContentOpener,
    AsClause,
    SpeechNoun,
    BackLead,
    TotalNoun,
    Negator,
    NameStop,
    Named,
    CountNoun,
    RelayPrep,
    Partitive,
    Within,
    What,
    OfIt,
    OnBehalf,
    NotBa,
}

impl Role {
    const ALL: [(&'static str, Role); 24] = [
        ("nominaliser", Role::Nominaliser),
        ("speaker_seat", Role::SpeakerSeat),
        ("source_seat", Role::SourceSeat),
        ("back_demonstrative", Role::BackDemonstrative),
        ("relative", Role::Relative),
        ("relative_pronoun", Role::RelativePronoun),
        ("emphatic", Role::Emphatic),
        ("that", Role::That),
        ("content_opener", Role::ContentOpener),
        ("as_clause", Role::AsClause),
        ("speech_noun", Role::SpeechNoun),
        ("back_lead", Role::BackLead),
        ("total_noun", Role::TotalNoun),
        ("negator", Role::Negator),
        ("name_stop", Role::NameStop),
        ("named", Role::Named),
        ("count_noun", Role::CountNoun),
        ("relay_prep", Role::RelayPrep),
        ("partitive", Role::Partitive),
        ("within", Role::Within),
        ("what", Role::What),
        ("of_it", Role::OfIt),
        ("on_behalf", Role::OnBehalf),
        ("not_ba", Role::NotBa),
    ];

    fn parse(s: &str) -> Option<Role> {
        Role::ALL.iter().find(|(n, _)| *n == s).map(|(_, r)| *r)
    }

    #[inline]
    const fn bit(self) -> u32 {
        1 << self as u32
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Organisation,
    Outlet,
    Group,
}

#[derive(Debug, Clone)]
pub(crate) struct AliasEntity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
}

#[derive(Default)]
pub(crate) struct Lexicon {
    pub verbs: Map<String, Verb>,
    /// Every written shape of a cue word, so one lookup per word answers both questions:
    /// a verb form — with a conjunction (`وقال`) or an object pronoun (`قاله`) — with the
    /// conjunction's length in letters and whether the shape ends in a pronoun `ه` (which a
    /// taa marbuta also folds to); and the nominal cues the word can open.
    pub cue_words: Map<String, CueWord>,
    /// Nominal cue lists referred to by [`CueWord::nominal`], longest phrase first.
    pub nominal_lists: Vec<Vec<Nominal>>,
    /// Bitmap over the first three letters of every verb shape and nominal cue: most words
    /// are rejected here without hashing.
    cue_prefix: Vec<u64>,
    /// Nominal cues by their first folded word.
    pub nominal: Map<String, Vec<Nominal>>,
    /// The same, first word behind a conjunction.
    pub nominal_conj: Map<String, Vec<Nominal>>,
    pub titles: Map<String, TitleKind>,
    pub heads: Map<String, HeadKind>,
    pub stops: Map<String, Stop>,
    pub nonparty: Set<String>,
    /// The verbal nouns among [`Lexicon::nonparty`] that name an event (`مقتل`, `نزوح`).
    pub event_nouns: Set<String>,
    pub entities: Vec<AliasEntity>,
    /// Alias word sequences (folded) by first word, each with its entity index.
    pub aliases: Map<String, Vec<(Vec<String>, usize)>>,
    /// Alias first words and outlet heads that start with the article, without it: `للجزيرة`
    /// is ل + الجزيرة, and its `لل` hides the article.
    pub article_parties: Set<String>,
    /// Person aliases by name skeleton (see [`crate::names::skeleton`]).
    pub person_keys: Map<String, usize>,
    /// The [`Role`]s of each closed-class word, as bits.
    roles: Map<String, u32>,
    /// Denying two-word phrases (`لا صحة`, `غير دقيق`) by their first word.
    denial_pairs: Map<String, Vec<String>>,
    /// The shapes of the words of `roles`, `denial_pairs` and `stops`: the rules ask them
    /// of word after word, most of which are none, and the shapes say so unhashed.
    role_shapes: Shapes,
    denial_shapes: Shapes,
    stop_shapes: Shapes,
    problems: Vec<String>,
}

const PREFIX_BITS: usize = 64 * 64 * 64;

/// Index of a word's first three letters in the cue bitmap (Arabic letters only; cues
/// are all Arabic; a two-letter word uses 0 for its third). Works on the UTF-8 bytes:
/// U+0620..U+065F are `D8 A0..BF` and `D9 80..9F`.
#[inline]
fn prefix_bit(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    let letter = |k: usize| -> Option<usize> {
        match (b.get(k)?, b.get(k + 1)?) {
            (0xD8, x @ 0xA0..=0xBF) => Some((x - 0xA0) as usize),
            (0xD9, x @ 0x80..=0x9F) => Some((x - 0x80 + 0x20) as usize),
            _ => None,
        }
    };
    let a = letter(0)?;
    let c = letter(2)?;
    let d = if b.len() > 4 { letter(4)? } else { 0 };
    Some((a * 64 + c) * 64 + d)
}

/// Joins word pieces; the lexicon builds tens of thousands of shapes, and `format!` made
/// up half of its loading time.
fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::load)
}

pub(crate) use isnad_text::tsv::rows;

fn list(cell: &str) -> impl Iterator<Item = String> + '_ {
    cell.split(',').map(str::trim).filter(|s| !s.is_empty() && *s != "-").map(normalize_str)
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lx = Lexicon::default();
        lx.load_verbs();
        for (n, r) in rows(NOMINAL) {
            let kind = match r.get(1).copied() {
                Some("according") => NominalKind::According,
                Some("relay") => NominalKind::Relay,
                Some("statement") => NominalKind::Statement,
                _ => {
                    lx.problems.push(format!("nominal.tsv:{n}: bad kind"));
                    continue;
                }
            };
            let words: Vec<String> = normalize_str(r[0]).split_whitespace().map(String::from).collect();
            if words.is_empty() {
                lx.problems.push(format!("nominal.tsv:{n}: empty phrase"));
                continue;
            }
            lx.nominal.entry(words[0].clone()).or_default().push(Nominal { words, kind });
        }
        // with a conjunction (`وبحسب`, `ووفق`) the phrase is the same cue
        let plain: Vec<(String, Vec<Nominal>)> = lx.nominal.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        for (k, v) in plain {
            for conj in ["و", "ف"] {
                lx.nominal_conj.entry(cat(&[conj, &k])).or_insert_with(|| v.clone());
            }
        }
        // longest phrase first, so that `في بيان صادر عن` wins over `في بيان ل`
        for v in lx.nominal.values_mut().chain(lx.nominal_conj.values_mut()) {
            v.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
        }
        for (n, r) in rows(TITLES) {
            let k = match r.get(1).copied() {
                Some("rank") => TitleKind::Rank,
                Some("role") => TitleKind::Role,
                Some("honorific") => TitleKind::Honorific,
                Some("modifier") => TitleKind::Modifier,
                Some("person") => TitleKind::Person,
                _ => {
                    lx.problems.push(format!("titles.tsv:{n}: bad kind"));
                    continue;
                }
            };
            let w = normalize_str(r[0]);
            if matches!(k, TitleKind::Role | TitleKind::Person | TitleKind::Honorific | TitleKind::Rank)
                && !w.ends_with('ه')
            {
                // the feminine of a title (`المديرة`, `الناشطة`) takes taa marbuta
                lx.titles.entry(cat(&[&w, "ه"])).or_insert(k);
            }
            lx.titles.insert(w, k);
        }
        for (n, r) in rows(HEADS) {
            let k = match r.get(1).copied() {
                Some("anonymous") => HeadKind::Anonymous,
                Some("collective") => HeadKind::Collective,
                Some("partitive") => HeadKind::Partitive,
                Some("report") => HeadKind::Report,
                Some("institution") => HeadKind::Institution,
                Some("outlet") => HeadKind::Outlet,
                _ => {
                    lx.problems.push(format!("heads.tsv:{n}: bad kind"));
                    continue;
                }
            };
            // multi-word heads (وسائل إعلام) are looked up by their first word
            let w = normalize_str(r[0]);
            let first = w.split_whitespace().next().unwrap_or("").to_string();
            lx.heads.entry(first).or_insert(k);
        }
        for (n, r) in rows(STOPS) {
            let k = match r.get(1).copied() {
                Some("comp") => Stop::Comp,
                Some("prep") => Stop::Prep,
                Some("time") => Stop::Time,
                Some("particle") => Stop::Particle,
                Some("rel") => Stop::Rel,
                Some("demo") => Stop::Demo,
                Some("neg") => Stop::Neg,
                Some("pron") => Stop::Pron,
                _ => {
                    lx.problems.push(format!("stops.tsv:{n}: bad class"));
                    continue;
                }
            };
            lx.stops.insert(normalize_str(r[0]), k);
        }
        for (n, r) in rows(NONPARTY) {
            let w = normalize_str(r[0]);
            match r.get(1).copied() {
                Some("accord") => {}
                Some("event") => {
                    lx.event_nouns.insert(w.clone());
                }
                _ => {
                    lx.problems.push(format!("nonparty.tsv:{n}: bad kind"));
                    continue;
                }
            }
            lx.nonparty.insert(w);
        }
        lx.load_roles();
        for w in lx.roles.keys() {
            lx.role_shapes.insert(w);
        }
        for w in lx.denial_pairs.keys() {
            lx.denial_shapes.insert(w);
        }
        for w in lx.stops.keys() {
            lx.stop_shapes.insert(w);
        }
        lx.load_aliases();
        lx.expand_verb_shapes();
        let with_article =
            lx.aliases.keys().chain(lx.heads.iter().filter(|(_, k)| **k == HeadKind::Outlet).map(|(w, _)| w));
        lx.article_parties = with_article.filter_map(|w| w.strip_prefix("ال")).map(String::from).collect();
        lx.cue_prefix = vec![0; PREFIX_BITS / 64];
        for k in lx.cue_words.keys() {
            if let Some(b) = prefix_bit(k) {
                lx.cue_prefix[b / 64] |= 1 << (b % 64);
            }
        }
        lx
    }

    /// Whether a folded word may start a cue; false means it certainly does not.
    #[inline]
    pub(crate) fn maybe_cue(&self, w: &str) -> bool {
        prefix_bit(w).is_some_and(|b| self.cue_prefix.get(b / 64).is_some_and(|x| x & (1 << (b % 64)) != 0))
    }

    fn load_roles(&mut self) {
        for (n, r) in rows(ATTRIBUTION_WORDS) {
            let role = r.get(1).copied().unwrap_or("");
            let words: Vec<String> = normalize_str(r[0]).split_whitespace().map(String::from).collect();
            match (role, words.as_slice()) {
                ("denial_pair", [w, next]) => self.denial_pairs.entry(w.clone()).or_default().push(next.clone()),
                (_, [w]) => match Role::parse(role) {
                    Some(k) => *self.roles.entry(w.clone()).or_default() |= k.bit(),
                    None => self.problems.push(format!("attribution_words.tsv:{n}: bad role {role:?}")),
                },
                _ => self.problems.push(format!("attribution_words.tsv:{n}: {role} takes one word, denial_pair two")),
            }
        }
    }

    /// Whether a folded word plays `role` in the rules (see [`Role`]).
    #[inline]
    pub(crate) fn is(&self, role: Role, w: &str) -> bool {
        self.role_shapes.may_hold(w) && self.roles.get(w).is_some_and(|bits| bits & role.bit() != 0)
    }

    /// `w next` denies what its clause counts (`لا صحة`, `غير دقيق`).
    pub(crate) fn denial_pair(&self, w: &str, next: &str) -> bool {
        self.denial_shapes.may_hold(w) && self.denial_pairs.get(w).is_some_and(|v| v.iter().any(|x| x == next))
    }

    fn load_verbs(&mut self) {
        for (n, r) in rows(VERBS) {
            if r.len() != 7 {
                self.problems.push(format!("verbs.tsv:{n}: expected 7 columns, got {}", r.len()));
                continue;
            }
            let deny = match r[5] {
                "assert" => false,
                "deny" => true,
                _ => {
                    self.problems.push(format!("verbs.tsv:{n}: bad stance"));
                    continue;
                }
            };
            let flags = r[6];
            if !flags.split(',').all(|f| matches!(f, "-" | "strict" | "relay" | "passive")) {
                self.problems.push(format!("verbs.tsv:{n}: bad flags"));
                continue;
            }
            let base = Verb {
                form: Form::Past,
                deny,
                strict: flags.contains("strict"),
                relay: flags.contains("relay"),
                passive: flags.contains("passive"),
                gender: None,
            };
            let mut put = |w: String, form: Form, gender: Option<Gender>| {
                // an earlier, more common verb keeps a shared form
                self.verbs.entry(w).or_insert(Verb { form, gender, ..base });
            };
            use Gender::{Feminine, Masculine};
            for p in list(r[1]) {
                for (suf, g) in [("", Some(Masculine)), ("ت", Some(Feminine)), ("وا", None), ("ا", None), ("تا", None)]
                {
                    put(cat(&[&p, suf]), Form::Past, g);
                }
            }
            for s in list(r[2]) {
                for (pre, g) in [("ي", Some(Masculine)), ("ت", Some(Feminine)), ("ن", None)] {
                    for suf in ["", "ون", "ان"] {
                        put(cat(&[pre, &s, suf]), Form::Present, g.filter(|_| suf.is_empty()));
                    }
                }
            }
            for s in list(r[3]) {
                for suf in ["ا", "ه", "ين", "ون", "ان", "تين"] {
                    put(cat(&[&s, suf]), Form::Participle, None);
                }
            }
            for s in list(r[4]) {
                put(s, Form::Masdar, None);
            }
        }
    }

    fn expand_verb_shapes(&mut self) {
        const OBJ: [&str; 7] = ["هما", "ها", "هم", "نا", "ني", "كم", "ه"];
        // the first reading of a shape wins; nothing else is in `cue_words` yet
        fn put(words: &mut Map<String, CueWord>, w: String, v: (Verb, u8, bool)) {
            let slot = words.entry(w).or_default();
            if slot.verb.is_none() {
                slot.verb = Some(v);
            }
        }
        let words = &mut self.cue_words;
        words.reserve(self.verbs.len() * 24);
        // plain forms first so that a real form wins over a form + pronoun reading
        for (w, v) in &self.verbs {
            put(words, w.clone(), (*v, 0, false));
        }
        for (w, v) in &self.verbs {
            for conj in ["و", "ف"] {
                put(words, cat(&[conj, w]), (*v, 1, false));
            }
        }
        for (w, v) in &self.verbs {
            if !matches!(v.form, Form::Past | Form::Present) || w.chars().count() < 3 {
                continue;
            }
            for suf in OBJ {
                let h = suf == "ه";
                put(words, cat(&[w, suf]), (*v, 0, h));
                for conj in ["و", "ف"] {
                    put(words, cat(&[conj, w, suf]), (*v, 1, h));
                }
            }
        }
        let lists: Vec<(String, Vec<Nominal>, u8)> = self
            .nominal
            .iter()
            .map(|(k, v)| (k.clone(), v.clone(), 0))
            .chain(self.nominal_conj.iter().map(|(k, v)| (k.clone(), v.clone(), 1)))
            .collect();
        for (k, v, conj) in lists {
            let idx = self.nominal_lists.len() as u32;
            self.nominal_lists.push(v);
            let slot = self.cue_words.entry(k).or_default();
            if slot.nominal.is_none() {
                slot.nominal = Some((idx, conj));
            }
        }
    }

    fn load_aliases(&mut self) {
        let mut index: Map<String, usize> = Map::default();
        for (n, r) in rows(ALIASES) {
            if r.len() != 3 || r[0].is_empty() || r[2].is_empty() {
                self.problems.push(format!("aliases.tsv:{n}: expected id, kind, name"));
                continue;
            }
            let kind = match r[1] {
                "person" => EntityKind::Person,
                "organisation" => EntityKind::Organisation,
                "outlet" => EntityKind::Outlet,
                "group" => EntityKind::Group,
                _ => {
                    self.problems.push(format!("aliases.tsv:{n}: bad kind"));
                    continue;
                }
            };
            let e = *index.entry(r[0].to_string()).or_insert_with(|| {
                self.entities.push(AliasEntity { id: r[0].to_string(), name: r[2].to_string(), kind });
                self.entities.len() - 1
            });
            if self.entities[e].kind != kind {
                self.problems.push(format!("aliases.tsv:{n}: kind differs from the id's first row"));
            }
            let words: Vec<String> = normalize_str(r[2]).split_whitespace().map(String::from).collect();
            if kind == EntityKind::Person {
                self.person_keys.insert(crate::names::skeleton_words(&words), e);
            }
            let first = words[0].clone();
            self.aliases.entry(first).or_default().push((words, e));
        }
        for v in self.aliases.values_mut() {
            v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
    }

    #[cfg(test)]
    pub(crate) fn problems(&self) -> &[String] {
        &self.problems
    }

    pub(crate) fn stop(&self, w: &str) -> Option<Stop> {
        if !self.stop_shapes.may_hold(w) {
            return None;
        }
        self.stops.get(w).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_attribution_word_plays_its_role() {
        let lx = lexicon();
        for (n, r) in rows(ATTRIBUTION_WORDS) {
            let words: Vec<String> = normalize_str(r[0]).split_whitespace().map(String::from).collect();
            if r[1] == "denial_pair" {
                assert!(lx.denial_pair(&words[0], &words[1]), "attribution_words.tsv:{n}: {r:?}");
                assert!(!lx.denial_pair(&words[1], &words[0]), "attribution_words.tsv:{n}: order matters");
            } else {
                let role = Role::parse(r[1]).unwrap_or_else(|| panic!("attribution_words.tsv:{n}: {r:?}"));
                assert!(lx.is(role, &words[0]), "attribution_words.tsv:{n}: {r:?}");
                // with a clitic the rule did not name, the word is not the list's
                assert!(!lx.is(role, &format!("ك{}", words[0])), "attribution_words.tsv:{n}: {r:?}");
            }
        }
        // a word is in the lists of its rows only
        assert!(lx.is(Role::RelativePronoun, "الذي") && !lx.is(Role::RelativePronoun, "ما"));
        assert!(!lx.is(Role::Negator, "لم"));
    }

    #[test]
    fn every_row_of_every_table_parses() {
        let lx = lexicon();
        assert!(lx.problems().is_empty(), "{:#?}", lx.problems());
        for (name, src, cols) in [
            ("verbs", VERBS, 7),
            ("nominal", NOMINAL, 2),
            ("titles", TITLES, 2),
            ("heads", HEADS, 2),
            ("stops", STOPS, 2),
            ("nonparty", NONPARTY, 2),
            ("aliases", ALIASES, 3),
            ("attribution_words", ATTRIBUTION_WORDS, 2),
        ] {
            assert!(src.starts_with("# "), "{name}.tsv must open with a comment saying where it comes from");
            for (n, r) in rows(src) {
                assert_eq!(r.len(), cols, "{name}.tsv:{n}: {r:?}");
                assert!(r.iter().all(|c| !c.is_empty()), "{name}.tsv:{n}: empty cell");
            }
        }
    }

    #[test]
    fn verb_forms_cover_tenses_and_genders() {
        let lx = lexicon();
        for w in [
            "قال",
            "قالت",
            "قالوا",
            "يقول",
            "تقول",
            "يقولون",
            "قائلا",
            "أكدت",
            "يؤكد",
            "مؤكدة",
            "نفت",
            "ينفي",
            "أشارت",
            "تشير",
            "مشيرا",
        ] {
            assert!(lx.verbs.contains_key(&normalize_str(w)), "{w}");
        }
        assert!(lx.verbs[&normalize_str("نفت")].deny);
        assert!(!lx.verbs[&normalize_str("قالت")].deny);
        assert!(lx.verbs[&normalize_str("قيل")].passive);
        for w in ["المتحدث", "مدينة", "ديلون"] {
            assert!(!lx.verbs.contains_key(&normalize_str(w)), "{w}");
        }
    }
}
