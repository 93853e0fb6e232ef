//! A bare currency word (ليرة، ريال، دينار، جنيه، درهم) takes the one country the same
//! document names it with elsewhere (`500 ليرة` after `الليرة السورية` → SYP). With no
//! such mention, or mentions of two countries, it keeps no unit: guessing from the
//! dateline or the outlet would be wrong as often as right.

use std::sync::OnceLock;

use isnad_model::{Kind, Quantity};
use isnad_text::{normalize_str, Analyzed, TokKind};

use crate::lexicon::{Lexicon, Map};

/// The currency word under clitics and the plural: `والليرات` → `ليره`.
fn base_word(w: &str) -> &str {
    let w = ["وبال", "وال", "بال", "لل", "ال", "وب", "و", "ب"]
        .iter()
        .find_map(|p| w.strip_prefix(p).filter(|r| r.chars().count() >= 3))
        .unwrap_or(w);
    match w {
        "ليرات" => "ليره",
        "ريالات" => "ريال",
        "دنانير" => "دينار",
        "جنيهات" => "جنيه",
        "دراهم" => "درهم",
        w => w,
    }
}

/// The country adjective without the article and the feminine ending (`السورية` → `سوري`).
fn adjective(w: &str) -> &str {
    let w = w.strip_prefix("ال").unwrap_or(w);
    w.strip_suffix('ه').unwrap_or(w)
}

/// (currency word, country adjective) → ISO code, from the two-word money nouns.
fn qualified(lex: &Lexicon) -> &'static Map<(String, String), &'static str> {
    static TABLE: OnceLock<Map<(String, String), &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m = Map::default();
        for (k, n) in &lex.nouns {
            if let (Kind::Money, Some(unit), Some((w, adj))) = (n.kind, n.unit, k.split_once(' ')) {
                m.insert((base_word(w).to_string(), adjective(adj).to_string()), unit);
            }
        }
        m
    })
}

pub(crate) fn resolve(a: &Analyzed<'_>, lex: &Lexicon, quantities: &mut [Quantity]) {
    if !quantities.iter().any(|q| q.kind == Kind::Money && q.unit.is_none()) {
        return;
    }
    let table = qualified(lex);
    // every unit the document names each currency word with
    let mut named: Map<String, Vec<&'static str>> = Map::default();
    for i in 0..a.tokens.len().saturating_sub(1) {
        let (t, n) = (&a.tokens[i], &a.tokens[i + 1]);
        if t.kind != TokKind::Word || n.kind != TokKind::Word || n.newlines_before > 0 {
            continue;
        }
        let base = base_word(a.norm(i));
        if let Some(&unit) = table.get(&(base.to_string(), adjective(a.norm(i + 1)).to_string())) {
            let units = named.entry(base.to_string()).or_default();
            if !units.contains(&unit) {
                units.push(unit);
            }
        }
    }
    for q in quantities.iter_mut().filter(|q| q.kind == Kind::Money && q.unit.is_none()) {
        let Some(counted) = q.counted.as_deref() else {
            continue;
        };
        let folded = normalize_str(counted);
        let Some(first) = folded.split(' ').next() else {
            continue;
        };
        if let Some([unit]) = named.get(base_word(first)).map(Vec::as_slice) {
            q.unit = Some(unit.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{extract, Options};
    use isnad_model::Record;

    fn units(s: &str) -> Vec<(String, Option<String>)> {
        extract(s, &Options::default())
            .into_iter()
            .filter_map(|r| match r {
                Record::Quantity(q) => Some((q.text, q.unit)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_bare_currency_takes_the_country_the_document_names() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("تراجعت الليرة السورية أمام الدولار. وبلغ سعر الربطة 500 ليرة.", "500 ليرة", Some("SYP")),
            ("دفع 3 آلاف ليرة لبنانية، ثم 200 ليرة أخرى.", "200 ليرة", Some("LBP")),
            ("وبلغ العجز 21 مليار ريال وفق الموازنة بالريالات السعودية.", "21 مليار ريال", Some("SAR")),
            // no country named: no unit
            ("دفع 500 ليرة للسائق.", "500 ليرة", None),
            // two countries named: no unit
            ("قارن الليرة السورية بالليرة اللبنانية: 500 ليرة لا تكفي.", "500 ليرة", None),
            // the country of another currency word does not carry over
            ("ارتفع الدينار الأردني، ودفع 50 ريال.", "50 ريال", None),
        ];
        for &(s, text, want) in cases {
            let got = units(s);
            let unit = got.iter().find(|(t, _)| t == text).unwrap_or_else(|| panic!("{s}: no {text} in {got:?}"));
            assert_eq!(unit.1.as_deref(), want, "{s}");
        }
    }
}
