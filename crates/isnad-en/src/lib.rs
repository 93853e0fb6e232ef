//! The English reader: tokens → dates → quantity claims → attribution → frame, to the
//! same records the Arabic pipeline writes (spec §§2–5).

mod attrib;
mod dates;
mod frame;
pub mod lexicon;
mod number;
mod projection;
mod quantity;
mod token;

pub use attrib::alias_id;
pub use frame::doc_places;

use isnad_model::{Quantity, Record, Stance, Ymd};

/// Every quantity and date of an English text, in document order.
pub fn extract(text: &str, published: Option<Ymd>) -> Vec<Record> {
    let t = token::Toks::new(text);
    let mut taken = vec![false; t.len()];
    let dates = dates::find(&t, &mut taken, published);
    let drafts = quantity::find(&t, &mut taken);
    let sents = attrib::sentences(&t);
    let said = attrib::attribute(&t, &drafts, &sents);
    let mut out: Vec<Record> = Vec::with_capacity(drafts.len() + dates.len());
    let mut si = 0usize;
    let mut prior = None;
    let mut sentence = None;
    for (d, s) in drafts.iter().zip(said) {
        while si + 1 < sents.len() && sents[si].1 <= d.num_first {
            si += 1;
        }
        let (frame, kind) = frame::frame(&t, d, sents[si], &dates, s.speaker.as_ref(), &mut prior, &mut sentence);
        let mut q = Quantity::bare(d.start, d.end, &text[d.start..d.end]);
        q.min = d.min;
        q.max = d.max;
        q.qualifier = d.qualifier;
        q.kind = kind;
        q.counted = d.counted.clone();
        q.unit = d.unit.map(str::to_string);
        q.speaker = s.speaker;
        q.cue = s.cue;
        q.stance = s.stance.unwrap_or(Stance::Assert);
        q.source = s.source;
        q.projection = projection::projected(&t, d.first);
        q.frame = frame;
        out.push(Record::Quantity(q));
    }
    out.extend(dates.into_iter().map(Record::Date));
    out.sort_by_key(|r| (r.start(), r.end()));
    out
}

/// Whether an English word says nothing about which story a text tells (for the
/// event profile's terms).
pub fn is_stopword(w: &str) -> bool {
    lexicon::lexicon().stopwords.contains(w)
}
