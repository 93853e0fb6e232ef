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
    let mut lower = String::new();
    let t = token::Toks::new(text, &mut lower);
    let mut taken = vec![false; t.len()];
    let dates = dates::find(&t, &mut taken, published);
    let drafts = quantity::find(&t, &mut taken);
    let sents = attrib::sentences(&t);
    let said = attrib::attribute(&t, &drafts, &sents);
    let mut out: Vec<Record> = Vec::with_capacity(drafts.len() + dates.len());
    let mut si = 0usize;
    let mut prior = None;
    let mut sentence = None;
    // the sentence of the claim before that counted something, and where its record is
    // in `out` (its kind and class are read from there), for [`elided`] counts
    let mut last_counted: Option<(usize, usize)> = None;
    for (d, s) in drafts.into_iter().zip(said) {
        while si + 1 < sents.len() && sents[si].1 <= d.num_first {
            si += 1;
        }
        let (mut frame, mut kind) =
            frame::frame(&t, &d, sents[si], &dates, s.speaker.as_ref(), &mut prior, &mut sentence);
        if let Some((psi, Record::Quantity(before))) = last_counted.map(|(psi, at)| (psi, &out[at])) {
            if elided(&t, &d, kind, &frame).is_some_and(|back| si - psi <= back) {
                kind = before.kind;
                frame.class = before.frame.class.clone();
                frame.class_word = before.frame.class_word.clone();
            }
        }
        let counts = frame.class.is_some() && (kind != isnad_model::Kind::Other || d.counted.is_some());
        last_counted = counts.then_some((si, out.len()));
        let mut q = Quantity::bare(d.start, d.end, &text[d.start..d.end]);
        q.min = d.min;
        q.max = d.max;
        q.qualifier = d.qualifier;
        q.kind = kind;
        q.counted = d.counted;
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

/// Rule `elided-count` (as the Arabic frame's): a bare count that says it adds to the
/// count before it in its sentence (`70 trucks entered, and another 30 were waiting`; `a
/// further 12`, `12 more`) counts what that one counts; `20 of them` reaches into the
/// sentence before (`… received more than 100 wounded. He said 20 of them were in
/// critical condition`). How many sentences back it may reach, or `None`.
fn elided(t: &token::Toks, d: &quantity::Draft, kind: isnad_model::Kind, frame: &isnad_model::Frame) -> Option<usize> {
    if d.counted.is_some() || kind != isnad_model::Kind::Other {
        return None;
    }
    if t.low(d.last + 1) == "of" && t.low(d.last + 2) == "them" {
        return Some(1);
    }
    if d.unit.is_some() || frame.class.is_some() {
        return None;
    }
    let before = |k: usize| d.first.checked_sub(k).map_or("", |i| t.low(i));
    let adds = before(1) == "another"
        || (before(1) == "further" && before(2) == "a")
        || matches!(t.low(d.last + 1), "more" | "others");
    adds.then_some(0)
}

/// Whether an English word says nothing about which story a text tells (for the
/// event profile's terms).
pub fn is_stopword(w: &str) -> bool {
    lexicon::lexicon().stopwords.contains(w)
}
