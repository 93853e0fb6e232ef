//! A document's profile for event clustering (`isnad_model::DocProfile`), computed once
//! at ingest from its text and what extraction found: its day, the days it names, its
//! places, the parties it quotes and its most frequent terms (the search index's keys).

use isnad_model::{DaySpan, DocProfile, Record};

/// Terms kept per document: enough to compare stories, bounded whatever the length.
const TOP_TERMS: usize = 80;
/// Shortest term (in characters) worth comparing: shorter keys are mostly particles.
const MIN_TERM_CHARS: usize = 3;

pub fn build(title: Option<&str>, text: &str, published: Option<&str>, records: &[Record]) -> DocProfile {
    let a = isnad_text::analyze(text);
    let title_tokens = isnad_search::analyzer::tokens(title.unwrap_or(""));
    let text_tokens = isnad_search::analyzer::tokens(text);
    build_analyzed(&a, &title_tokens, &text_tokens, published, records)
}

/// [`build`] from the text's analysis and the search keys of its title and text
/// (`isnad_search::analyzer::tokens`), for a caller that has them already: ingest
/// analyses the text once for extraction and cuts the keys once for the index too.
pub fn build_analyzed(
    a: &isnad_text::Analyzed<'_>,
    title_tokens: &[isnad_search::Token],
    text_tokens: &[isnad_search::Token],
    published: Option<&str>,
    records: &[Record],
) -> DocProfile {
    let text = a.text;
    // The document's own day: its publication date, else the latest full date it gives
    // (a dateline or the day of the events it reports).
    let mut p = DocProfile {
        day: published.and_then(DaySpan::parse).filter(|s| s.lo == s.hi).map(|s| s.lo),
        ..DocProfile::default()
    };
    let mut latest: Option<i64> = None;
    for r in records {
        match r {
            Record::Date(d) => {
                // A date in a background clause (`وكانت دوما قد تعرضت في 7 أبريل 2018 ...`)
                // recalls an earlier event: it does not date this report or make it a
                // retrospective of that event.
                if in_background(a, d.start) {
                    continue;
                }
                if let Some(s) = d.date.as_deref().and_then(DaySpan::parse) {
                    // Months and years are kept too: a retrospective names "October 2017".
                    if s.hi - s.lo <= 366 {
                        p.named_days.push((s.lo, s.hi));
                        if s.lo == s.hi {
                            latest = Some(latest.map_or(s.lo, |l: i64| l.max(s.lo)));
                        }
                    }
                }
            }
            Record::Quantity(q) => {
                for party in [&q.speaker, &q.source].into_iter().flatten() {
                    if let Some(id) = &party.id {
                        if !p.actors.contains(id) {
                            p.actors.push(id.clone());
                        }
                    }
                }
            }
        }
    }
    if p.day.is_none() {
        p.day = latest;
        p.day_inferred = latest.is_some();
    }
    p.named_days.sort_unstable();
    p.named_days.dedup();
    let english = isnad_lang::detect(text) == isnad_lang::Lang::English;
    p.places = if english {
        isnad_en::doc_places(text).into_iter().map(|(k, n)| (k, n as u32)).collect()
    } else {
        let places = isnad_frame::DocPlaces::learn(a);
        places.counts(a).into_iter().map(|(k, n)| (k, n as u32)).collect()
    };
    // Towns before countries: "Syria" says little about which story it is.
    p.places.sort_by_key(|x| (isnad_frame::is_country(&x.0), std::cmp::Reverse(x.1)));
    // Keyed by the tokens' own strings: only the terms kept are copied. The order of
    // the map does not matter (the terms are sorted on count, then term).
    let mut counts: foldhash::HashMap<&str, u32> = foldhash::HashMap::default();
    // The title counts twice: it says what the story is.
    for (toks, w) in [(title_tokens, 2), (text_tokens, 1)] {
        for tok in toks {
            let k = tok.text.as_str();
            if k.chars().nth(MIN_TERM_CHARS - 1).is_none()
                || k.bytes().all(|c| c.is_ascii_digit())
                || (english && isnad_en::is_stopword(k))
            {
                continue;
            }
            *counts.entry(k).or_insert(0) += w;
        }
    }
    let mut terms: Vec<(String, u32)> = counts.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    terms.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    terms.truncate(TOP_TERMS);
    // Places no list knows, spelled in Arabic: also under their consonant skeleton, which
    // their English transliteration shares (`تل الزيتون`, `Tel al-Zaytoun` → `~tl ztn`).
    if !english {
        let extra: Vec<(String, u32)> = p
            .places
            .iter()
            .filter(|(k, _)| !k.is_ascii())
            .filter_map(|(k, n)| isnad_lang::skeleton(k).map(|s| (format!("~{s}"), *n)))
            .collect();
        for (k, n) in extra {
            if !p.places.iter().any(|x| x.0 == k) {
                p.places.push((k, n));
            }
        }
    }
    // Terms both scripts share: places (gazetteer ids, skeletons) and parties the alias
    // table knows, so that a report in one language finds an event told in the other.
    for (k, n) in &p.places {
        let t = if k.starts_with('~') {
            k.clone()
        } else if k.is_ascii() {
            format!("@{k}")
        } else {
            continue;
        };
        terms.push((t, (n * NEUTRAL_WEIGHT).min(NEUTRAL_CAP)));
    }
    for a in &p.actors {
        if a.is_ascii() && !a.contains(|c: char| c.is_ascii_digit()) && isnad_attrib::entity_name(a).is_some() {
            terms.push((format!("@a:{a}"), NEUTRAL_WEIGHT));
        }
    }
    p.terms = terms;
    p
}

/// How much a shared place or party counts among a profile's terms: a few mentions'
/// worth, so that they reach the candidate lookup's top terms.
const NEUTRAL_WEIGHT: u32 = 3;
const NEUTRAL_CAP: u32 = 12;

/// Whether the byte offset sits in a sentence opened by the pluperfect of background
/// (`وكان ... قد`, `كانت ... قد`): what happened before the story being reported.
fn in_background(a: &isnad_text::Analyzed<'_>, at: usize) -> bool {
    let i = a.tokens.partition_point(|t| (t.end as usize) <= at);
    if i >= a.tokens.len() {
        return false;
    }
    let Some(&(ss, se)) = a.sentences.get(a.sentence_of(i)) else { return false };
    let words: Vec<usize> =
        (ss..se.min(i)).filter(|&k| a.tokens[k].kind == isnad_text::TokKind::Word).take(8).collect();
    let opens = words.first().is_some_and(|&k| matches!(a.norm(k), "وكان" | "وكانت" | "كان" | "كانت" | "وكانوا"));
    opens && words.iter().any(|&k| a.norm(k) == "قد")
}

/// Top terms of each new document probed for candidate events.
pub(crate) const PROBE_TERMS: usize = 12;

/// The days a chunk of new documents can meet events in: events that
/// ended well before it or start after it cannot take its documents except as
/// retrospectives, fetched by the days they name. Unbounded when no document is dated.
pub(crate) fn chunk_window(profiles: &[(i64, DocProfile)]) -> (i64, i64) {
    let days = profiles.iter().filter_map(|p| p.1.day);
    match (days.clone().min(), days.max()) {
        (Some(a), Some(b)) => {
            (a - isnad_ledger::events::cluster::FOLLOW_UP_DAYS, b + isnad_ledger::events::MAX_GAP_DAYS)
        }
        _ => (i64::MIN, i64::MAX),
    }
}

/// The terms candidate events are looked up under: each document's top terms, and its
/// places under ids or skeletons (the way to an event told in the other script).
pub(crate) fn probe_terms(profiles: &[(i64, DocProfile)]) -> std::collections::BTreeSet<&str> {
    let mut probe = std::collections::BTreeSet::new();
    for (_, p) in profiles {
        for (t, _) in p.terms.iter().take(PROBE_TERMS) {
            probe.insert(t.as_str());
        }
        for (t, _) in
            p.terms.iter().filter(|t| t.0.starts_with('~') || (t.0.starts_with('@') && !t.0.starts_with("@a:")))
        {
            probe.insert(t.as_str());
        }
    }
    probe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_background_clause_does_not_date_the_report() {
        let text = "قتل 12 مدنياً في غارات على السوق. وكانت المدينة قد تعرضت في 7 أبريل 2018 لهجوم.";
        let recs = vec![Record::Date(isnad_model::DateMention {
            start: text.find("7 أبريل").unwrap(),
            end: text.find(" لهجوم").unwrap(),
            text: "7 أبريل 2018".into(),
            date: Some("2018-04-07".into()),
            month: None,
            day: None,
        })];
        let p = build(None, text, Some("2019-05-10"), &recs);
        assert!(p.named_days.is_empty());
        let text = "نشر تقرير عن الهجوم الذي وقع في 7 أبريل 2018.";
        let mut recs = recs;
        if let Record::Date(d) = &mut recs[0] {
            d.start = text.find("7 أبريل").unwrap();
        }
        let p = build(None, text, Some("2019-05-10"), &recs);
        assert_eq!(p.named_days.len(), 1);
    }
}
