//! The English word lists (`data/en/*.tsv`), read once through [`isnad_lang::tsv::rows`].

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use isnad_lang::tsv::rows;
use isnad_model::{Kind, Qualifier};
use std::sync::OnceLock;

pub const NUMBERS: &str = isnad_lang::words::en::NUMBERS;
pub const COUNTED: &str = isnad_lang::words::en::COUNTED;
pub const UNITS: &str = isnad_lang::words::en::UNITS;
pub const CURRENCY_SIGNS: &str = isnad_lang::words::en::CURRENCY_SIGNS;
pub const SCALE_SUFFIXES: &str = isnad_lang::words::en::SCALE_SUFFIXES;
pub const QUALIFIERS: &str = isnad_lang::words::en::QUALIFIERS;
pub const CUES: &str = isnad_lang::words::en::CUES;
pub const ACTIONS: &str = isnad_lang::words::en::ACTIONS;
pub const MONTHS: &str = isnad_lang::words::en::MONTHS;
pub const DEMONYMS: &str = isnad_lang::words::en::DEMONYMS;
pub const STOPWORDS: &str = isnad_lang::words::en::STOPWORDS;
pub const NOT_COUNTED: &str = isnad_lang::words::en::NOT_COUNTED;
pub const SOURCE_NOUNS: &str = isnad_lang::words::en::SOURCE_NOUNS;
pub const LABEL_WORDS: &str = isnad_lang::words::en::LABEL_WORDS;
pub const PROJECTIONS: &str = isnad_lang::words::en::PROJECTIONS;

/// Every list, by file name (for the test that holds each to the dialect).
pub const ALL: &[(&str, &str)] = &[
    ("numbers.tsv", NUMBERS),
    ("counted.tsv", COUNTED),
    ("units.tsv", UNITS),
    ("currency_signs.tsv", CURRENCY_SIGNS),
    ("scale_suffixes.tsv", SCALE_SUFFIXES),
    ("qualifiers.tsv", QUALIFIERS),
    ("cues.tsv", CUES),
    ("actions.tsv", ACTIONS),
    ("months.tsv", MONTHS),
    ("demonyms.tsv", DEMONYMS),
    ("stopwords.tsv", STOPWORDS),
    ("not_counted.tsv", NOT_COUNTED),
    ("source_nouns.tsv", SOURCE_NOUNS),
    ("label_words.tsv", LABEL_WORDS),
    ("projections.tsv", PROJECTIONS),
];

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumWord {
    Unit(f64),
    Teen(f64),
    Tens(f64),
    Hundred,
    Scale(f64),
    Dozen,
    Denom(f64),
    /// `half`, `quarter`: a fraction by itself and a multiplier (`half a million`).
    Half(f64),
    Article,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Suffix {
    pub mult: f64,
    /// Only after a currency sign (`$2m`; `2m` alone is two metres).
    pub money_only: bool,
    /// Only written against the digits (`1.2b`, not `1.2 b`).
    pub glued_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Before,
    After,
}

#[derive(Debug, Clone)]
pub struct QualPhrase {
    /// Lower-case words and signs, in order.
    pub words: Vec<&'static str>,
    /// None: `or equal to` keeps the bound the number already has.
    pub qualifier: Option<Qualifier>,
    pub side: Side,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Say,
    Count,
    Deny,
    According,
    Relay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Action {
    pub name: &'static str,
    pub toll: bool,
}

#[derive(Debug, Clone)]
pub struct Demonym {
    pub id: &'static str,
}

/// Which (first byte, last byte, length) shapes the words of a list have: most words of a
/// text (`the`, `said`, `people`) are turned away by one array read, before a hash lookup
/// that would miss. Rules that look every token up in a list ask this first.
pub struct Shapes {
    /// Bit `n` of slot [`Shapes::slot`]`(b, e)`: some word of the list begins with byte
    /// `b`, ends with byte `e` and is `n` bytes long (bit 31: 31 or more). Pairs that
    /// share a slot share its bits: a word may pass that is in no list, never the reverse.
    /// (First and last byte apart let `the` through, with the start of `two` and the end
    /// of `one`.)
    lengths: Box<[u32; SHAPE_SLOTS]>,
}

const SHAPE_SLOTS: usize = 4096;

impl Shapes {
    pub fn of<'a>(words: impl IntoIterator<Item = &'a str>) -> Shapes {
        let mut s = Shapes { lengths: Box::new([0; SHAPE_SLOTS]) };
        for w in words {
            if let (Some(&b), Some(&e)) = (w.as_bytes().first(), w.as_bytes().last()) {
                s.lengths[Shapes::slot(b, e)] |= 1 << w.len().min(31);
            }
        }
        s
    }

    /// Distinct for every pair of ASCII letters.
    fn slot(first: u8, last: u8) -> usize {
        ((usize::from(first) << 5) ^ usize::from(last)) % SHAPE_SLOTS
    }

    /// False only when `w` is in no list the shapes were made of.
    pub fn may_hold(&self, w: &str) -> bool {
        match (w.as_bytes().first(), w.as_bytes().last()) {
            (Some(&b), Some(&e)) => self.lengths[Shapes::slot(b, e)] & (1 << w.len().min(31)) != 0,
            _ => true,
        }
    }
}

pub struct Lexicon {
    pub numbers: HashMap<&'static str, NumWord>,
    /// The shapes of the number words, tested before `numbers` ([`Lexicon::number`]).
    pub number_shapes: Shapes,
    /// Counted nouns: kind and class (class `-`: none).
    pub counted: HashMap<&'static str, (Kind, Option<&'static str>)>,
    /// Unit words (one or two words, lower case): kind, unit code, multiplier.
    pub units: HashMap<&'static str, (Kind, Option<&'static str>, f64)>,
    /// First word of some two-word unit: a test before the two words are joined.
    pub unit_first: HashSet<&'static str>,
    pub signs: HashMap<&'static str, &'static str>,
    pub suffixes: HashMap<&'static str, Suffix>,
    /// Qualifier phrases, longest first.
    pub quals: Vec<QualPhrase>,
    /// First word of some qualifier phrase: a fast test before the phrase scan.
    pub qual_first: HashSet<&'static str>,
    /// Qualifier phrases (indices into `quals`, longest first) by their last word.
    pub qual_by_last: HashMap<&'static str, Vec<usize>>,
    pub cues: HashMap<&'static str, Cue>,
    /// The shapes of the cue words, tested before `cues` by the rules that read every word.
    pub cue_shapes: Shapes,
    pub actions: HashMap<&'static str, Action>,
    /// The shapes of the action words, tested before `actions`.
    pub action_shapes: Shapes,
    pub months: HashMap<&'static str, u8>,
    /// The shapes of the month names, tested before `months` (every capitalised word is
    /// asked whether it is a month).
    pub month_shapes: Shapes,
    /// Adjectives and plural nouns of nationality, lower case → country id.
    pub demonyms: HashMap<String, &'static str>,
    /// Country names (as written, in words) → country id.
    pub countries: HashMap<&'static str, &'static str>,
    pub stopwords: HashSet<&'static str>,
    /// Nouns naming who gives a figure (`citing hospital sources`).
    pub source_nouns: HashSet<&'static str>,
    /// Words that open a headline label naming nobody (`Breaking:`).
    pub label_words: HashSet<&'static str>,
    /// Words after a number that make it no count at all (`Resolution 2118` is before; these are after: `p.m.`, `o'clock`).
    pub not_counted: HashMap<&'static str, &'static str>,
    /// The words of a projection (`could reach`, `expected to rise to`) → their role.
    pub projection: HashMap<&'static str, Projection>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Projection {
    Modal,
    Expect,
    Verb,
}

fn kind(s: &str) -> Kind {
    Kind::parse(s).unwrap_or(Kind::Other)
}

fn num(s: &str) -> f64 {
    s.parse().unwrap_or(0.0)
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut numbers = HashMap::new();
        for (_, r) in rows(NUMBERS) {
            let v = num(r.get(2).copied().unwrap_or("0"));
            let w = match r.get(1).copied().unwrap_or("") {
                "unit" => NumWord::Unit(v),
                "teen" => NumWord::Teen(v),
                "tens" => NumWord::Tens(v),
                "hundred" => NumWord::Hundred,
                "scale" => NumWord::Scale(v),
                "dozen" => NumWord::Dozen,
                "denom" => NumWord::Denom(v),
                "half" => NumWord::Half(v),
                "article" => NumWord::Article,
                _ => continue,
            };
            numbers.insert(r[0], w);
        }
        let mut counted = HashMap::new();
        for (_, r) in rows(COUNTED) {
            let class = r.get(2).copied().filter(|c| *c != "-");
            counted.insert(r[0], (kind(r.get(1).copied().unwrap_or("other")), class));
        }
        let mut units = HashMap::new();
        for (_, r) in rows(UNITS) {
            let unit = r.get(2).copied().filter(|c| *c != "-");
            units.insert(
                r[0],
                (kind(r.get(1).copied().unwrap_or("other")), unit, num(r.get(3).copied().unwrap_or("1"))),
            );
        }
        let unit_first = units.keys().filter_map(|u| u.split_once(' ')).map(|(first, _)| first).collect();
        let signs = rows(CURRENCY_SIGNS).filter(|(_, r)| r.len() >= 2).map(|(_, r)| (r[0], r[1])).collect();
        let mut suffixes = HashMap::new();
        for (_, r) in rows(SCALE_SUFFIXES) {
            let when = r.get(2).copied().unwrap_or("any");
            suffixes.insert(
                r[0],
                Suffix {
                    mult: num(r.get(1).copied().unwrap_or("1")),
                    money_only: when == "money",
                    glued_only: when == "glued",
                },
            );
        }
        let mut quals = Vec::new();
        let mut qual_first = HashSet::new();
        for (_, r) in rows(QUALIFIERS) {
            let words: Vec<&'static str> = r[0].split(' ').filter(|w| !w.is_empty()).collect();
            let qualifier = match r.get(1).copied().unwrap_or("") {
                "same" => None,
                q => Qualifier::parse(q),
            };
            let side = if r.get(2).copied() == Some("after") { Side::After } else { Side::Before };
            if let Some(f) = words.first() {
                qual_first.insert(*f);
            }
            quals.push(QualPhrase { words, qualifier, side });
        }
        quals.sort_by_key(|q| std::cmp::Reverse(q.words.len()));
        let mut qual_by_last: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (k, q) in quals.iter().enumerate() {
            if let Some(l) = q.words.last() {
                qual_by_last.entry(*l).or_default().push(k);
            }
        }
        let mut cues = HashMap::new();
        for (_, r) in rows(CUES) {
            let c = match r.get(1).copied().unwrap_or("") {
                "say" => Cue::Say,
                "count" => Cue::Count,
                "deny" => Cue::Deny,
                "according" => Cue::According,
                "relay" => Cue::Relay,
                _ => continue,
            };
            cues.insert(r[0], c);
        }
        let mut actions = HashMap::new();
        for (_, r) in rows(ACTIONS) {
            actions
                .insert(r[0], Action { name: r.get(1).copied().unwrap_or(""), toll: r.get(2).copied() == Some("1") });
        }
        let months: HashMap<&'static str, u8> =
            rows(MONTHS).map(|(_, r)| (r[0], r.get(1).and_then(|m| m.parse().ok()).unwrap_or(0))).collect();
        let mut demonyms = HashMap::new();
        let mut countries = HashMap::new();
        for (_, r) in rows(DEMONYMS) {
            let id = r[0];
            for name in r.get(1).copied().unwrap_or("").split('|') {
                countries.insert(name, id);
            }
            for w in r.iter().skip(2) {
                demonyms.insert(w.to_lowercase(), id);
            }
        }
        let stopwords = rows(STOPWORDS).map(|(_, r)| r[0]).collect();
        let source_nouns = rows(SOURCE_NOUNS).map(|(_, r)| r[0]).collect();
        let label_words = rows(LABEL_WORDS).map(|(_, r)| r[0]).collect();
        let not_counted = rows(NOT_COUNTED).map(|(_, r)| (r[0], r.get(1).copied().unwrap_or(""))).collect();
        let projection = rows(PROJECTIONS)
            .filter_map(|(_, r)| {
                let role = match r.get(1).copied() {
                    Some("modal") => Projection::Modal,
                    Some("expect") => Projection::Expect,
                    Some("verb") => Projection::Verb,
                    _ => return None,
                };
                Some((r[0], role))
            })
            .collect();
        Lexicon {
            number_shapes: Shapes::of(numbers.keys().copied()),
            numbers,
            counted,
            units,
            unit_first,
            signs,
            suffixes,
            quals,
            qual_first,
            qual_by_last,
            cue_shapes: Shapes::of(cues.keys().copied()),
            cues,
            action_shapes: Shapes::of(actions.keys().copied()),
            actions,
            month_shapes: Shapes::of(months.keys().copied()),
            months,
            demonyms,
            countries,
            stopwords,
            source_nouns,
            label_words,
            not_counted,
            projection,
        }
    }
}

impl Lexicon {
    /// The number word `w` is, if it is one: the number grammar asks this of most words
    /// next to a digit, and nearly none is one.
    #[inline]
    pub fn number(&self, w: &str) -> Option<NumWord> {
        if !self.number_shapes.may_hold(w) {
            return None;
        }
        self.numbers.get(w).copied()
    }

    #[inline]
    pub fn is_number(&self, w: &str) -> bool {
        self.number(w).is_some()
    }

    /// The reporting verb `w` is, if it is one ([`Lexicon::number`] for `cues`).
    #[inline]
    pub fn cue(&self, w: &str) -> Option<Cue> {
        if !self.cue_shapes.may_hold(w) {
            return None;
        }
        self.cues.get(w).copied()
    }
}

pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_has_its_source_header_and_every_row_loads() {
        let lex = lexicon();
        for (name, src) in ALL {
            assert!(isnad_lang::tsv::has_source_header(src), "{name}: first line must be `# source: ...`");
            for (line, r) in rows(src) {
                assert!(!r[0].is_empty(), "{name}:{line}: empty first column");
                let found = match *name {
                    "numbers.tsv" => lex.numbers.contains_key(r[0]),
                    "counted.tsv" => lex.counted.contains_key(r[0]),
                    "units.tsv" => lex.units.contains_key(r[0]),
                    "currency_signs.tsv" => lex.signs.contains_key(r[0]),
                    "scale_suffixes.tsv" => lex.suffixes.contains_key(r[0]),
                    "qualifiers.tsv" => lex.quals.iter().any(|q| q.words.join(" ") == r[0]),
                    "cues.tsv" => lex.cues.contains_key(r[0]),
                    "actions.tsv" => lex.actions.contains_key(r[0]),
                    "months.tsv" => lex.months.get(r[0]).is_some_and(|m| (1..=12).contains(m)),
                    "demonyms.tsv" => r.len() == 4 && lex.demonyms.contains_key(&r[2].to_lowercase()),
                    "stopwords.tsv" => lex.stopwords.contains(r[0]),
                    "source_nouns.tsv" => lex.source_nouns.contains(r[0]),
                    "label_words.tsv" => lex.label_words.contains(r[0]),
                    "not_counted.tsv" => lex.not_counted.contains_key(r[0]),
                    "projections.tsv" => lex.projection.contains_key(r[0]),
                    _ => false,
                };
                assert!(found, "{name}:{line}: row {r:?} is not loaded");
            }
        }
    }
}
