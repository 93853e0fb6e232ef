//! A figure stated as what it may reach, not what it is (`could reach 60`, `may rise to
//! 20,000`, `is expected to top 1,000`): the record's `projection` mark. Why: a forecast
//! and a count of one toll are different figures. The words are `data/en/projections.tsv`.
//! Known misses: a subject between the modal and the verb (`could see the toll reach`),
//! adverbs (`could eventually reach`), and `as high as` (`could be as high as 100`).

use super::lexicon::{lexicon, Projection};
use super::token::Toks;

/// Whether the claim whose first token (its qualifier's, if any) is `first` is a
/// projection: a verb of reaching at `first` (`could exceed 100`) or right before it,
/// perhaps through `to` (`may rise to`), behind a modal (`could`) or behind an
/// expectation and `to` (`expected to`), all on one line.
pub fn projected(t: &Toks<'_>, first: usize) -> bool {
    let lex = lexicon();
    let role = |i: usize| if t.is_word(i) { lex.projection.get(t.low(i)).copied() } else { None };
    // the token before `i` on its line
    let before = |i: usize| (i > 0 && t.same_line(i)).then(|| i - 1);
    let verb = if role(first) == Some(Projection::Verb) {
        Some(first)
    } else {
        before(first).and_then(|p| if t.is_word(p) && t.low(p) == "to" { before(p) } else { Some(p) })
    };
    let Some(v) = verb.filter(|&v| role(v) == Some(Projection::Verb)) else { return false };
    let Some(m) = before(v) else { return false };
    match role(m) {
        Some(Projection::Modal) => true,
        _ if t.is_word(m) && t.low(m) == "to" => before(m).is_some_and(|e| role(e) == Some(Projection::Expect)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::extract;
    use isnad_model::Record;

    /// (sentence, claim text, projection).
    const CASES: &[(&str, &str, bool)] = &[
        ("The toll could reach 60 people, officials said.", "60 people", true),
        ("Losses may rise to 20,000 dollars.", "20,000 dollars", true),
        ("The number of displaced is expected to reach 100,000.", "100,000", true),
        ("Arrivals could top 1,000 this week.", "1,000", true),
        ("Deaths are projected to climb to 300.", "300", true),
        ("The toll could exceed 500 people.", "exceed 500 people", true),
        // what it came to, and what it is
        ("The toll rose to 280 on Monday.", "280", false),
        ("The toll reached 45.", "45", false),
        ("Officials said 60 people were killed.", "60 people", false),
        // a modal before another verb
        ("They could send 50 trucks.", "50 trucks", false),
    ];

    #[test]
    fn projections_and_not() {
        for &(s, text, want) in CASES {
            let q = extract(s, None)
                .into_iter()
                .find_map(|r| match r {
                    Record::Quantity(q) if q.text == text => Some(q),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("{s}: no claim {text:?}"));
            assert_eq!(q.projection, want, "{s}");
        }
    }

    /// Every verb of the list makes a projection after a modal and after `expected to`.
    #[test]
    fn every_projection_row_does_what_it_says() {
        let lex = super::lexicon();
        let verbs: Vec<&str> =
            lex.projection.iter().filter(|(_, r)| **r == super::Projection::Verb).map(|(w, _)| *w).collect();
        for (w, role) in &lex.projection {
            let sentences: Vec<String> = match role {
                super::Projection::Verb => {
                    vec![format!("The toll could {w} 70 people."), format!("The toll is expected to {w} 70 people.")]
                }
                super::Projection::Modal => vec![format!("The toll {w} {} 70 people.", verbs[0])],
                super::Projection::Expect => vec![format!("The toll is {w} to {} 70 people.", verbs[0])],
            };
            for s in sentences {
                let marked = extract(&s, None).into_iter().any(|r| matches!(r, Record::Quantity(q) if q.projection));
                assert!(marked, "projections.tsv {w}: {s}");
            }
        }
    }
}
