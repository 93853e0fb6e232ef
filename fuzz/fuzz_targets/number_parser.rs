//! The number grammar at every token: `parse_at`, `read_value_at`, and the scanner built
//! on them. Spans stay inside the tokens and the input's character boundaries; min <= max.
#![no_main]

use isnad_extract::numbers::{parse_at, read_value_at};
use isnad_extract::scan::scan_numbers;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // invalid UTF-8 is cut at its first bad byte, as a lossy reader would keep the valid prefix
    let text = match std::str::from_utf8(data) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap(),
    };
    let a = isnad_text::analyze(text);
    for i in 0..a.tokens.len() {
        if let Some(e) = parse_at(&a, i) {
            assert!(e.first == i && e.first <= e.last && e.last < a.tokens.len());
            assert!(e.min <= e.max, "{text:?} @{i}: {e:?}");
        }
        if let Some(r) = read_value_at(&a, i) {
            assert!(r.first == i && r.first <= r.last && r.last < a.tokens.len());
            assert!(r.min <= r.max, "{text:?} @{i}: {r:?}");
        }
    }
    for m in scan_numbers(text) {
        assert!(m.start <= m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert_eq!(&text[m.start..m.end], m.text);
        if let (Some(lo), Some(hi)) = (m.min, m.max) {
            assert!(lo <= hi, "{text:?}: {m:?}");
        }
    }
});
