//! The extractor (`isnad_extract::extract`, both readers): dates and quantities with their qualifiers.
//! Every record's span lies on character boundaries and its text is the input there.
#![no_main]

use isnad_extract::{extract, Lang, Options, Ymd};
use isnad_model::Record;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = match std::str::from_utf8(data) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap(),
    };
    let published = Ymd::parse("2017-10-20");
    // Told by script, and each reader forced on text of any script.
    let runs = [
        Options::default(),
        Options { published, lang: Some(Lang::Arabic) },
        Options { published, lang: Some(Lang::English) },
    ];
    for opts in runs {
        for rec in extract(text, &opts) {
            let (start, end, t) = match &rec {
                Record::Quantity(q) => {
                    if let (Some(lo), Some(hi)) = (q.min, q.max) {
                        assert!(lo <= hi, "{text:?}: {q:?}");
                    }
                    (q.start, q.end, q.text.as_str())
                }
                Record::Date(d) => (d.start, d.end, d.text.as_str()),
            };
            assert!(start <= end && end <= text.len());
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            assert_eq!(&text[start..end], t);
        }
    }
});
