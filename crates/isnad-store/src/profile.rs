//! A document's profile for event clustering (`isnad_model::DocProfile`), computed once
//! at ingest from its text and what extraction found: its day, the days it names, its
//! places, the parties it quotes and its most frequent terms (the search index's keys).

use isnad_model::{DaySpan, DocProfile, Record};
use std::collections::HashMap;

/// Terms kept per document: enough to compare stories, bounded whatever the length.
const TOP_TERMS: usize = 80;
/// Shortest term (in characters) worth comparing: shorter keys are mostly particles.
const MIN_TERM_CHARS: usize = 3;

pub fn build(title: Option<&str>, text: &str, published: Option<&str>, records: &[Record]) -> DocProfile {
    let mut p = DocProfile::default();
    // The document's own day: its publication date, else the latest full date it gives
    // (a dateline or the day of the events it reports).
    p.day = published.and_then(DaySpan::parse).filter(|s| s.lo == s.hi).map(|s| s.lo);
    let mut latest: Option<i64> = None;
    for r in records {
        match r {
            Record::Date(d) => {
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
    let a = isnad_text::analyze(text);
    let places = isnad_frame::DocPlaces::learn(&a);
    p.places = places.counts(&a).into_iter().map(|(k, n)| (k, n as u32)).collect();
    // Towns before countries: "Syria" says little about which story it is.
    p.places.sort_by_key(|x| (isnad_frame::is_country(&x.0), std::cmp::Reverse(x.1)));
    let mut counts: HashMap<String, u32> = HashMap::new();
    // The title counts twice: it says what the story is.
    for (t, w) in [(title.unwrap_or(""), 2), (text, 1)] {
        for tok in isnad_search::analyzer::tokens(t) {
            let k = tok.text;
            if k.chars().count() < MIN_TERM_CHARS || k.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            *counts.entry(k).or_insert(0) += w;
        }
    }
    let mut terms: Vec<(String, u32)> = counts.into_iter().collect();
    terms.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    terms.truncate(TOP_TERMS);
    p.terms = terms;
    p
}
