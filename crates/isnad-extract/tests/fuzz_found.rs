//! Inputs the fuzzer (`fuzz/fuzz_targets/extract.rs`) found to break an invariant of the
//! records, kept as regressions: every claim's interval is ordered (min ≤ max) and its
//! span is the input there, whichever reader reads the text.

use isnad_extract::{extract, Lang, Options, Ymd};
use isnad_model::Record;

fn holds(text: &str) {
    let published = Ymd::parse("2017-10-20");
    for lang in [None, Some(Lang::Arabic), Some(Lang::English)] {
        for r in extract(text, &Options { published, lang }) {
            if let Record::Quantity(q) = &r {
                if let (Some(lo), Some(hi)) = (q.min, q.max) {
                    assert!(lo <= hi, "{lang:?} {:?}: min {lo} > max {hi} in {text:?}", q.text);
                }
                assert_eq!(&text[q.start..q.end], q.text);
            }
        }
    }
}

#[test]
fn a_range_whose_second_end_reads_as_a_huge_exponent() {
    // crash-3f15c574 (the part before its first invalid UTF-8 byte, as the target reads it)
    holds("Source1\u{1d}famili8888880000000000000>40T\0\0::rmed grl said 1,200 figh,5\0k fas was made up of between 20 and som00e000000000000000071322>6315987390009 #-5 2-4up of 20  between 20 and some 20 m4-20071322>6315987390009 #-5 2");
}
