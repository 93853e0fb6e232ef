//! Extraction: quantity claims and dates from news text, to the claims contract.
//!
//! The pipeline for one document: tokenise (isnad-text), find dates first (their numbers
//! are not quantities), then number expressions and the claims built around them, then
//! attribution (isnad-attrib). Everything is a pure function of the text and options.

mod currency;
mod dates;
mod lexicon;
pub mod numbers;
mod quantity;
pub mod rules;
pub mod scan;
mod words;

use isnad_model::{Quantity, Record};
use isnad_text::Analyzed;

/// Version of the extraction rules; stored beside extracted claims so that stale ones can
/// be refreshed (`isnad reextract`). Bump it whenever the output for some input changes:
/// `tests/version.rs` fingerprints the output on a fixed set of texts and fails when the
/// fingerprint moves while this number stays.
pub const EXTRACTOR_VERSION: u32 = 11;

/// The publication date type (one date type across crates: `isnad_model::Ymd`).
pub use isnad_model::Ymd;

pub use isnad_lang::Lang;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Publication date of the document, when known from outside the text.
    pub published: Option<Ymd>,
    /// The document's language; `None`: told by its script ([`isnad_lang::detect`]).
    pub lang: Option<Lang>,
}

/// Every quantity and date in `text`, in document order, speakers attributed: read by
/// the extractor of the text's language (the language seam is `isnad-lang`).
pub fn extract(text: &str, opts: &Options) -> Vec<Record> {
    match opts.lang.unwrap_or_else(|| isnad_lang::detect(text)) {
        Lang::English => isnad_en::extract(text, opts.published),
        Lang::Arabic => {
            let a = isnad_text::analyze(text);
            extract_analyzed(&a, opts)
        }
    }
}

/// [`extract`] of `a.text`, given its analysis, which the Arabic reader then reads
/// instead of analysing the text again (a caller that needs the analysis too, such as
/// ingest's event profile, makes it once).
pub fn extract_reusing(a: &Analyzed<'_>, opts: &Options) -> Vec<Record> {
    match opts.lang.unwrap_or_else(|| isnad_lang::detect(a.text)) {
        Lang::English => isnad_en::extract(a.text, opts.published),
        Lang::Arabic => extract_analyzed(a, opts),
    }
}

/// As [`extract`], for a text already analysed (callers that also need the tokens).
pub fn extract_analyzed(a: &Analyzed<'_>, opts: &Options) -> Vec<Record> {
    // what each word may be, looked up once for both scanners
    let lex = lexicon::lexicon();
    let triggers: Vec<u8> = (0..a.tokens.len())
        .map(|i| if a.tokens[i].kind == isnad_text::TokKind::Word { lex.trigger(a.norm(i)) } else { 0 })
        .collect();
    let (dates, mut taken) = dates::find(a, &triggers, opts.published);
    let mut quantities = quantities(a, &triggers, &mut taken);
    currency::resolve(a, lex, &mut quantities);
    isnad_attrib::attribute(a, &mut quantities);
    drop_place_labels(a.text, &mut quantities);
    isnad_frame::annotate(a, &mut quantities, &dates);
    person_class_counts_people(&mut quantities);
    let mut out: Vec<Record> = Vec::with_capacity(dates.len() + quantities.len());
    out.extend(quantities.into_iter().map(Record::Quantity));
    out.extend(dates.into_iter().map(Record::Date));
    out.sort_by_key(|r| (r.start(), r.end()));
    out
}

/// Rule `person-class-counts-people`: a count the frame found to be of persons (its
/// class: `عدد الضحايا 58`، `يصبح الإجمالي 25 ألفاً` after a count of people) is a count of
/// people, whatever the number's own words left it; the ledger groups it so already.
fn person_class_counts_people(quantities: &mut [Quantity]) {
    for q in quantities.iter_mut() {
        if q.kind == isnad_model::Kind::Other && q.frame.class.as_deref().is_some_and(isnad_frame::is_person_class) {
            q.kind = isnad_model::Kind::People;
        }
    }
}

/// Rule `place-label`: a line label that is a place (`سوريا: مقتل 40 مدنياً`, `غزة: ...`)
/// is a dateline or a topic, not a speaker. Attribution gives a label's figures to the
/// label with no cue; the gazetteer, which attribution does not read, tells the places.
/// Known miss: a country that does speak in a headline (`روسيا: لا دليل على ...`) loses
/// its figures' speaker.
fn drop_place_labels(text: &str, quantities: &mut [Quantity]) {
    // the speaker's mention opens its line and a colon follows it
    let is_label = |s: &isnad_model::Party| {
        let before = text.get(..s.start).unwrap_or("").trim_end_matches([' ', '\t']);
        let after = text.get(s.end..).unwrap_or("").trim_start_matches([' ', '\t', '"', '»']);
        (before.is_empty() || before.ends_with('\n')) && after.starts_with(':')
    };
    for q in quantities.iter_mut() {
        let label = q.cue.is_none() && q.source.is_none() && q.speaker.as_ref().is_some_and(is_label);
        if label
            && q.speaker.as_ref().is_some_and(|s| {
                let folded = isnad_text::normalize_str(s.text.trim_matches(|c: char| !c.is_alphanumeric()));
                isnad_frame::gazetteer_place(&folded).is_some()
            })
        {
            q.speaker = None;
        }
    }
}

fn quantities(a: &Analyzed<'_>, triggers: &[u8], taken: &mut [bool]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < a.tokens.len() {
        let t = a.tokens[i];
        let candidate = match t.kind {
            isnad_text::TokKind::Number => true,
            isnad_text::TokKind::Word => triggers[i] & (lexicon::TRIGGER_NUMBER | lexicon::TRIGGER_DUAL) != 0,
            _ => false,
        };
        if candidate && !taken[i] {
            if let Some((mut q, last)) = quantity::claim_at(a, i, taken).or_else(|| quantity::dual_claim_at(a, i)) {
                let first = a.tokens.partition_point(|t| (t.start as usize) < q.start);
                q.projection = quantity::projected(a, triggers, first);
                for t in &mut taken[first..=last] {
                    *t = true;
                }
                out.push(q);
                i = last + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The quantity claims of a text as `extract` gives them, for the unit tests' tables.
#[cfg(test)]
pub(crate) fn test_quantities(s: &str) -> Vec<Quantity> {
    extract(s, &Options::default())
        .into_iter()
        .filter_map(|r| match r {
            Record::Quantity(q) => Some(q),
            _ => None,
        })
        .collect()
}
