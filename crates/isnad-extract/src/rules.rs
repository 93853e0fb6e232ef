//! The claim layer's rules as named units, in the manner of ruff's and nlprule's rules:
//! each rule that turns a reading into a claim, keeps something out, or picks a
//! qualifier or a kind has a name (the one its code carries in a comment, `rule
//! \`name\``), a short doc (what, why, known misses) and examples, every one a sentence of
//! our own with the full list of claims it must yield (an empty list: a negative
//! example). One harness (the tests below) runs them all through [`crate::extract`] and
//! compares every field of every claim, so an extra claim fails as surely as a missing one.
//!
//! This registry covers the rules added with issue 10; the older rules keep their
//! examples in `quantity.rs`'s tables (`claims_table`, `not_claims_table`) until they move
//! here.

/// One expected claim: text, min, max, qualifier, kind, unit, counted noun.
pub type Expect =
    (&'static str, Option<f64>, Option<f64>, &'static str, &'static str, Option<&'static str>, Option<&'static str>);

pub struct Rule {
    pub name: &'static str,
    /// What the rule does, why, and what it is known to miss.
    pub doc: &'static str,
    /// (input, every claim the input yields, in order).
    pub examples: &'static [(&'static str, &'static [Expect])],
    /// The texts of the example claims marked `projection`; every other claim of the
    /// examples must be unmarked.
    pub projections: &'static [&'static str],
}

pub const RULES: &[Rule] = &[
    Rule {
        name: "sign",
        doc: "سالب/ناقص before a number, or a - glued to its digits and to nothing before, negates it. \
              Why: temperatures, changes and scores are signed; the grammar read the sign and the claim dropped it.",
        examples: &[
            ("سجلت الحرارة سالب ثلاثة فجراً", &[("سالب ثلاثة", Some(-3.0), Some(-3.0), "exact", "other", None, None)]),
            ("تراوحت بين سالب 4 و 6 درجات", &[("بين سالب 4 و 6 درجات", Some(-4.0), Some(6.0), "range", "other", None, Some("درجات"))]),
            // a hyphen glued to the word before is a range's or a code's, not a sign
            ("طائرة F-16 فوق البلدة", &[]),
        ],
        projections: &[],
    },
    Rule {
        name: "share-ratio",
        doc: "X على Y, X جزء من Y, and X من Y where it reads as a share (X is one, Y at most ten, or Y a bare scale word) \
              make a share, and so does X من كل Y whatever Y is. Known miss, on purpose: X من Y with Y above ten (300 من 1500 عائلة) stays a count: news gives both figures.",
        examples: &[
            ("واحد من خمسة لاجئين بلا مأوى", &[("واحد من خمسة لاجئين", Some(20.0), Some(20.0), "exact", "percent", None, Some("لاجئين"))]),
            ("خرج 300 من المقاتلين", &[("300 من المقاتلين", Some(300.0), Some(300.0), "exact", "people", None, Some("المقاتلين"))]),
            // `من كل`: of every Y is a share whatever Y is
            ("أصيب 5 من كل 100 شخص", &[("5 من كل 100 شخص", Some(5.0), Some(5.0), "exact", "percent", None, Some("شخص"))]),
        ],
        projections: &[],
    },
    Rule {
        name: "share-slash",
        doc: "A digit fraction n/d below one (1/4) is a share. A third part (5/12/2018) makes a date, and n/d above one is no share.",
        examples: &[("تضرر 1/4 المباني", &[("1/4 المباني", Some(25.0), Some(25.0), "exact", "percent", None, Some("المباني"))])],
        projections: &[],
    },
    Rule {
        name: "share-as-percent",
        doc: "A share of a whole (نصف السكان، ثلث المصابين، خمسة أثمان) is a claim of kind percent, its value the share in percent \
              (نصف = 50), the whole as the counted noun, with the qualifiers any claim takes. A fraction of a measure (نصف ساعة) stays a measure. \
              ثمن alone is price, never an eighth.",
        examples: &[
            ("فقد أكثر من نصف السكان منازلهم", &[("أكثر من نصف السكان", Some(50.0), None, "at_least", "percent", None, Some("السكان"))]),
            ("أصيب ربع العاملين", &[("ربع العاملين", Some(25.0), Some(25.0), "exact", "percent", None, Some("العاملين"))]),
            ("ارتفع ثمن الخبز", &[]),
        ],
        projections: &[],
    },
    Rule {
        name: "two-sided-bound",
        doc: "A lower and an upper bound joined by و (أكبر من 100 وأصغر من 300) are one range with both ends; \
              a known noun after the second number is counted. Known misses: an unlisted noun after it is left out, and bounds across a comma and أو, and bounds on two shares (فوق الربع وتحت النصف).",
        examples: &[
            ("يضم الحي أكثر من 50 وأقل من 80 عائلة", &[("أكثر من 50 وأقل من 80 عائلة", Some(50.0), Some(80.0), "range", "people", None, Some("عائلة"))]),
            // bounds that make no interval stay two
            ("أكثر من 70 وأقل من 20", &[("أكثر من 70", Some(70.0), None, "at_least", "other", None, None), ("وأقل من 20", None, Some(20.0), "at_most", "other", None, None)]),
        ],
        projections: &[],
    },
    Rule {
        name: "hyphen-range",
        doc: "Two numbers joined by a hyphen glued on both sides (1000-5000) are a range; the noun after the second is counted. \
              Phone groups (0944-512-733) and years stay out through the first number's own rules.",
        examples: &[
            ("وصل 200-300 نازح", &[("200-300 نازح", Some(200.0), Some(300.0), "range", "people", None, Some("نازح"))]),
            ("اتصلوا على 0944-512-733", &[]),
        ],
        projections: &[],
    },
    Rule {
        name: "percent-marker-before",
        doc: "بالمائة/بالمئة before a bare number (lists and tables: بالمائة 10) makes it a percentage.",
        examples: &[("النسبة بالمئة 15", &[("بالمئة 15", Some(15.0), Some(15.0), "exact", "percent", None, None)])],
        projections: &[],
    },
    Rule {
        name: "glued-word-after-digits",
        doc: "A number word glued to digits before it (١مليون) is no number of its own.",
        examples: &[("هذا ١مليون فقط", &[])],
        projections: &[],
    },
    Rule {
        name: "glued-noun",
        doc: "Digits glued to a noun of people (نحو 1000جريح) are read, the space lost by a scraper. \
              Glued to a currency (20دولار) or a number word they are not, as Recognizers-Text's specs want.",
        examples: &[
            ("سقط نحو 200قتيل", &[("نحو 200قتيل", Some(200.0), Some(200.0), "approx", "people", None, Some("قتيل"))]),
            ("السعر 20دولار", &[]),
        ],
        projections: &[],
    },
    Rule {
        name: "bare-year",
        doc: "Four digits 1900-2100 with no noun are a year, unless a bound makes them a figure (تجاوز الـ2000).",
        examples: &[
            ("في 2015 عاد إلى البلدة", &[]),
            ("قالت إن العدد تجاوز 2000", &[("تجاوز 2000", Some(2000.0), None, "at_least", "other", None, None)]),
        ],
        projections: &[],
    },
    Rule {
        name: "count-subject",
        doc: "A bare number counts the noun the clause's subject names through عدد or حصيلة earlier in the sentence, \
              no other number between; الحصيلة alone is a toll of people. Known miss: العدد alone, which refers back.",
        examples: &[
            ("ارتفعت حصيلة ضحايا الانفجار في الميناء إلى 43", &[("43", Some(43.0), Some(43.0), "exact", "people", None, Some("ضحايا"))]),
            ("وصلت الحصيلة إلى 12", &[("12", Some(12.0), Some(12.0), "exact", "people", None, Some("الحصيلة"))]),
        ],
        projections: &[],
    },
    Rule {
        name: "count-subject-after",
        doc: "A subject after the number through عدد (بلغ 500 عدد النازحين) is what the number counts.",
        examples: &[("بلغ 500 عدد النازحين", &[("500 عدد النازحين", Some(500.0), Some(500.0), "exact", "people", None, Some("عدد النازحين"))])],
        projections: &[],
    },
    Rule {
        name: "bound-before-count",
        doc: "A bound verb before عدد X (تجاوز عدد المصابين 300) bounds the number after X.",
        examples: &[("تجاوز عدد المصابين 90", &[("90", Some(90.0), None, "at_least", "people", None, Some("المصابين"))])],
        projections: &[],
    },
    Rule {
        name: "reach-is-exact",
        doc: "يصل/تصل إلى is 'up to' (مدى يصل إلى 300 كم), but after a count (عدد المفقودين يصل إلى) it is what the count reached, \
              and behind قد or an expectation what it may reach: exact figures, the second marked a projection (rule projection).",
        examples: &[
            ("والحصيلة قد تصل إلى 400 قتيل", &[("تصل إلى 400 قتيل", Some(400.0), Some(400.0), "exact", "people", None, Some("قتيل"))]),
            ("بمدى يصل إلى 70 كيلومتراً", &[("يصل إلى 70 كيلومتراً", None, Some(70.0), "at_most", "distance", Some("km"), Some("كيلومتراً"))]),
        ],
        projections: &["تصل إلى 400 قتيل"],
    },
    Rule {
        name: "projection",
        doc: "A figure stated as what it may reach, not what it is, is marked `projection`: a verb of reaching or rising \
              (يصل، يرتفع، يتجاوز، يبلغ) right behind قد or behind an expectation and أن (من المتوقع أن، يتوقع أن), \
              at the claim's start or up to six words before it in its sentence, no number between. \
              Why: a projection and a count of one toll are different figures. \
              Not a projection: what a change came to (ارتفع ليصل إلى 280), قد before a past verb (قد ارتفع: has risen). \
              Known misses: projections said with other verbs (قد يقتل) or a subject between the expectation and أن (توقع المرصد أن).",
        examples: &[
            ("عدد قد يصل إلى 60 قتيلاً", &[("يصل إلى 60 قتيلاً", Some(60.0), Some(60.0), "exact", "people", None, Some("قتيلاً"))]),
            ("وقالت إن الخسائر قد تصل إلى 20 ألفاً", &[("تصل إلى 20 ألفاً", Some(20000.0), Some(20000.0), "exact", "other", None, None)]),
            ("ومن المتوقع أن يرتفع عدد النازحين إلى 100 ألف", &[("100 ألف", Some(100000.0), Some(100000.0), "exact", "people", None, Some("النازحين"))]),
            ("يتوقع أن يصل العدد إلى 500 عائلة", &[("500 عائلة", Some(500.0), Some(500.0), "exact", "people", None, Some("عائلة"))]),
            ("وقد يتجاوز عدد الضحايا 300", &[("300", Some(300.0), None, "at_least", "people", None, Some("الضحايا"))]),
            // it reached it: a change's result, not a projection
            ("ارتفعت الإيرادات لتصل إلى 280 مليار دولار", &[("280 مليار دولار", Some(2.8e11), Some(2.8e11), "exact", "money", Some("USD"), Some("دولار"))]),
            // قد before a past verb is "has"
            ("وقد ارتفع عدد القتلى إلى 45", &[("45", Some(45.0), Some(45.0), "exact", "people", None, Some("القتلى"))]),
            // a number between the expectation and this figure
            ("من المتوقع أن يصل 200 شخص ويغادر 50", &[("200 شخص", Some(200.0), Some(200.0), "exact", "people", None, Some("شخص")), ("50", Some(50.0), Some(50.0), "exact", "people", None, None)]),
        ],
        projections: &["يصل إلى 60 قتيلاً", "تصل إلى 20 ألفاً", "100 ألف", "500 عائلة", "300", "200 شخص"],
    },
    Rule {
        name: "negation-needs-a-negator",
        doc: "A negated verb flips a bound (لم يقتل أكثر من 15: at most 15), but ما before an imperfect verb is the relative 'what' \
              (وهو ما يمثل أكثر من 90%), and لا يزال is 'still': neither negates.",
        examples: &[
            ("وهو ما يشكل أكثر من 70% من الأراضي", &[("أكثر من 70%", Some(70.0), None, "at_least", "percent", None, None)]),
            ("ولم يصب أكثر من 5 أشخاص", &[("أكثر من 5 أشخاص", None, Some(5.0), "at_most", "people", None, Some("أشخاص"))]),
        ],
        projections: &[],
    },
    Rule {
        name: "verb-is-no-noun",
        doc: "A plural verb of the story right after a number (غادروا، قتلوا، وصلوا: an action word ending in وا) is what they did, \
              not what they are: no counted noun, and the frame reads its action and a count of people. \
              A noun ending in وا that names no action (عضوا) stays the counted noun.",
        examples: &[
            ("وقال المسؤول إن 40 غادروا المدينة", &[("40", Some(40.0), Some(40.0), "exact", "people", None, None)]),
            ("وانتخب المجلس 15 عضوا جديدا", &[("15 عضوا", Some(15.0), Some(15.0), "exact", "people", None, Some("عضوا"))]),
        ],
        projections: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{extract, Options};
    use isnad_model::Record;

    #[test]
    fn every_rule_yields_exactly_its_examples() {
        let mut failures = Vec::new();
        for rule in RULES {
            assert!(!rule.doc.is_empty() && !rule.examples.is_empty(), "rule {} needs a doc and examples", rule.name);
            for (input, want) in rule.examples {
                let claims: Vec<_> = extract(input, &Options::default())
                    .into_iter()
                    .filter_map(|r| match r {
                        Record::Quantity(q) => Some(q),
                        _ => None,
                    })
                    .collect();
                for q in &claims {
                    if q.projection != rule.projections.contains(&q.text.as_str()) {
                        failures
                            .push(format!("rule {}: {input}: {:?} projection is {}", rule.name, q.text, q.projection));
                    }
                }
                let got: Vec<Expect> = claims
                    .into_iter()
                    .map(|q| {
                        let leak = |s: Option<String>| s.map(|s| &*Box::leak(s.into_boxed_str()));
                        (
                            &*Box::leak(q.text.into_boxed_str()),
                            q.min,
                            q.max,
                            q.qualifier.as_str(),
                            q.kind.as_str(),
                            leak(q.unit),
                            leak(q.counted),
                        )
                    })
                    .collect();
                if got != *want {
                    failures.push(format!("rule {}: {input}\n   got  {got:?}\n   want {want:?}", rule.name));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Every rule the code names (`rule \`name\`` in a comment) is registered here, and
    /// every registered rule is named in the code: the registry cannot drift from it.
    #[test]
    fn the_registry_and_the_code_name_the_same_rules() {
        let code = [include_str!("quantity.rs"), include_str!("numbers.rs")].concat();
        let mut named = Vec::new();
        for (i, _) in code.match_indices("ule `") {
            if let Some(end) = code[i + 5..].find('`') {
                let name = &code[i + 5..i + 5 + end];
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                    named.push(name.to_string());
                }
            }
        }
        for n in &named {
            assert!(
                RULES.iter().any(|r| r.name == n),
                "rule `{n}` is named in the code but not registered in rules.rs"
            );
        }
        for r in RULES {
            assert!(named.iter().any(|n| n == r.name), "rule `{}` is registered but no code names it", r.name);
        }
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len(), "duplicate rule names");
    }
}
