//! Every word list isnad reads, in one place: `data/ar/` (Arabic), `data/en/`
//! (English), and `data/` itself for the tables that hold both languages (the
//! gazetteer, the alias table). The readers (`isnad-extract`, `isnad-frame`,
//! `isnad-attrib` for Arabic, `isnad-en` for English, the store's event profiles) take
//! their lists from here and keep none of their own, so a list is edited, reviewed and
//! tested in one place; [`ALL`] names them for the tests (`tests/word_lists.rs`) that hold every list to
//! the one dialect ([`crate::tsv::rows`]: a `# source:` header line, `#` comments, tab-separated
//! columns).

/// Arabic word lists.
pub mod ar {
    /// `data/ar/actions.tsv`
    pub const ACTIONS: &str = include_str!("../data/ar/actions.tsv");
    /// `data/ar/attribution_words.tsv`
    pub const ATTRIBUTION_WORDS: &str = include_str!("../data/ar/attribution_words.tsv");
    /// `data/ar/bounds.tsv`
    pub const BOUNDS: &str = include_str!("../data/ar/bounds.tsv");
    /// `data/ar/change_words.tsv`
    pub const CHANGE_WORDS: &str = include_str!("../data/ar/change_words.tsv");
    /// `data/ar/count_heads.tsv`
    pub const COUNT_HEADS: &str = include_str!("../data/ar/count_heads.tsv");
    /// `data/ar/counted_classes.tsv`
    pub const COUNTED_CLASSES: &str = include_str!("../data/ar/counted_classes.tsv");
    /// `data/ar/date_words.tsv`
    pub const DATE_WORDS: &str = include_str!("../data/ar/date_words.tsv");
    /// `data/ar/fraction_words.tsv`
    pub const FRACTION_WORDS: &str = include_str!("../data/ar/fraction_words.tsv");
    /// `data/ar/fractions.tsv`
    pub const FRACTIONS: &str = include_str!("../data/ar/fractions.tsv");
    /// `data/ar/function_words.tsv`
    pub const FUNCTION_WORDS: &str = include_str!("../data/ar/function_words.tsv");
    /// `data/ar/grammar_words.tsv`
    pub const GRAMMAR_WORDS: &str = include_str!("../data/ar/grammar_words.tsv");
    /// `data/ar/heads.tsv`
    pub const HEADS: &str = include_str!("../data/ar/heads.tsv");
    /// `data/ar/identifier_heads.tsv`
    pub const IDENTIFIER_HEADS: &str = include_str!("../data/ar/identifier_heads.tsv");
    /// `data/ar/lives.tsv`
    pub const LIVES: &str = include_str!("../data/ar/lives.tsv");
    /// `data/ar/modifiers.tsv`
    pub const MODIFIERS: &str = include_str!("../data/ar/modifiers.tsv");
    /// `data/ar/months.tsv`
    pub const MONTHS: &str = include_str!("../data/ar/months.tsv");
    /// `data/ar/nominal.tsv`
    pub const NOMINAL: &str = include_str!("../data/ar/nominal.tsv");
    /// `data/ar/nonparty.tsv`
    pub const NONPARTY: &str = include_str!("../data/ar/nonparty.tsv");
    /// `data/ar/not_place_names.tsv`
    pub const NOT_PLACE_NAMES: &str = include_str!("../data/ar/not_place_names.tsv");
    /// `data/ar/nouns.tsv`
    pub const NOUNS: &str = include_str!("../data/ar/nouns.tsv");
    /// `data/ar/numbers.tsv`
    pub const NUMBERS: &str = include_str!("../data/ar/numbers.tsv");
    /// `data/ar/ordinals.tsv`
    pub const ORDINALS: &str = include_str!("../data/ar/ordinals.tsv");
    /// `data/ar/people_verbs.tsv`
    pub const PEOPLE_VERBS: &str = include_str!("../data/ar/people_verbs.tsv");
    /// `data/ar/place_heads.tsv`
    pub const PLACE_HEADS: &str = include_str!("../data/ar/place_heads.tsv");
    /// `data/ar/place_prefixes.tsv`
    pub const PLACE_PREFIXES: &str = include_str!("../data/ar/place_prefixes.tsv");
    /// `data/ar/stops.tsv`
    pub const STOPS: &str = include_str!("../data/ar/stops.tsv");
    /// `data/ar/titles.tsv`
    pub const TITLES: &str = include_str!("../data/ar/titles.tsv");
    /// `data/ar/vague.tsv`
    pub const VAGUE: &str = include_str!("../data/ar/vague.tsv");
    /// `data/ar/verbs.tsv`
    pub const VERBS: &str = include_str!("../data/ar/verbs.tsv");
}

/// English word lists.
pub mod en {
    /// `data/en/actions.tsv`
    pub const ACTIONS: &str = include_str!("../data/en/actions.tsv");
    /// `data/en/counted.tsv`
    pub const COUNTED: &str = include_str!("../data/en/counted.tsv");
    /// `data/en/cues.tsv`
    pub const CUES: &str = include_str!("../data/en/cues.tsv");
    /// `data/en/currency_signs.tsv`
    pub const CURRENCY_SIGNS: &str = include_str!("../data/en/currency_signs.tsv");
    /// `data/en/demonyms.tsv`
    pub const DEMONYMS: &str = include_str!("../data/en/demonyms.tsv");
    /// `data/en/label_words.tsv`
    pub const LABEL_WORDS: &str = include_str!("../data/en/label_words.tsv");
    /// `data/en/months.tsv`
    pub const MONTHS: &str = include_str!("../data/en/months.tsv");
    /// `data/en/not_counted.tsv`
    pub const NOT_COUNTED: &str = include_str!("../data/en/not_counted.tsv");
    /// `data/en/numbers.tsv`
    pub const NUMBERS: &str = include_str!("../data/en/numbers.tsv");
    /// `data/en/projections.tsv`
    pub const PROJECTIONS: &str = include_str!("../data/en/projections.tsv");
    /// `data/en/qualifiers.tsv`
    pub const QUALIFIERS: &str = include_str!("../data/en/qualifiers.tsv");
    /// `data/en/scale_suffixes.tsv`
    pub const SCALE_SUFFIXES: &str = include_str!("../data/en/scale_suffixes.tsv");
    /// `data/en/source_nouns.tsv`
    pub const SOURCE_NOUNS: &str = include_str!("../data/en/source_nouns.tsv");
    /// `data/en/stopwords.tsv`
    pub const STOPWORDS: &str = include_str!("../data/en/stopwords.tsv");
    /// `data/en/units.tsv`
    pub const UNITS: &str = include_str!("../data/en/units.tsv");
}

/// Tables of names in both languages.
pub mod multi {
    /// `data/aliases.tsv`
    pub const ALIASES: &str = include_str!("../data/aliases.tsv");
    /// `data/places.tsv`
    pub const PLACES: &str = include_str!("../data/places.tsv");
}

/// Every list: (path under `data/`, text).
pub const ALL: &[(&str, &str)] = &[
    ("ar/actions.tsv", ar::ACTIONS),
    ("ar/attribution_words.tsv", ar::ATTRIBUTION_WORDS),
    ("ar/bounds.tsv", ar::BOUNDS),
    ("ar/change_words.tsv", ar::CHANGE_WORDS),
    ("ar/count_heads.tsv", ar::COUNT_HEADS),
    ("ar/counted_classes.tsv", ar::COUNTED_CLASSES),
    ("ar/date_words.tsv", ar::DATE_WORDS),
    ("ar/fraction_words.tsv", ar::FRACTION_WORDS),
    ("ar/fractions.tsv", ar::FRACTIONS),
    ("ar/function_words.tsv", ar::FUNCTION_WORDS),
    ("ar/grammar_words.tsv", ar::GRAMMAR_WORDS),
    ("ar/heads.tsv", ar::HEADS),
    ("ar/identifier_heads.tsv", ar::IDENTIFIER_HEADS),
    ("ar/lives.tsv", ar::LIVES),
    ("ar/modifiers.tsv", ar::MODIFIERS),
    ("ar/months.tsv", ar::MONTHS),
    ("ar/nominal.tsv", ar::NOMINAL),
    ("ar/nonparty.tsv", ar::NONPARTY),
    ("ar/not_place_names.tsv", ar::NOT_PLACE_NAMES),
    ("ar/nouns.tsv", ar::NOUNS),
    ("ar/numbers.tsv", ar::NUMBERS),
    ("ar/ordinals.tsv", ar::ORDINALS),
    ("ar/people_verbs.tsv", ar::PEOPLE_VERBS),
    ("ar/place_heads.tsv", ar::PLACE_HEADS),
    ("ar/place_prefixes.tsv", ar::PLACE_PREFIXES),
    ("ar/stops.tsv", ar::STOPS),
    ("ar/titles.tsv", ar::TITLES),
    ("ar/vague.tsv", ar::VAGUE),
    ("ar/verbs.tsv", ar::VERBS),
    ("en/actions.tsv", en::ACTIONS),
    ("en/counted.tsv", en::COUNTED),
    ("en/cues.tsv", en::CUES),
    ("en/currency_signs.tsv", en::CURRENCY_SIGNS),
    ("en/demonyms.tsv", en::DEMONYMS),
    ("en/label_words.tsv", en::LABEL_WORDS),
    ("en/months.tsv", en::MONTHS),
    ("en/not_counted.tsv", en::NOT_COUNTED),
    ("en/numbers.tsv", en::NUMBERS),
    ("en/projections.tsv", en::PROJECTIONS),
    ("en/qualifiers.tsv", en::QUALIFIERS),
    ("en/scale_suffixes.tsv", en::SCALE_SUFFIXES),
    ("en/source_nouns.tsv", en::SOURCE_NOUNS),
    ("en/stopwords.tsv", en::STOPWORDS),
    ("en/units.tsv", en::UNITS),
    ("aliases.tsv", multi::ALIASES),
    ("places.tsv", multi::PLACES),
];
