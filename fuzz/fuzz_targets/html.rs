//! The HTML reader: any bytes as a page (decoder, depth bound, main text, metadata)
//! never panic, and a page that yields a document yields text that is all there.
#![no_main]

use isnad_ingest::{parse_as, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for d in parse_as("f.html", data, Format::Html).into_iter().flatten() {
        assert!(!d.text.trim().is_empty());
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = isnad_ingest::extract_html(s);
    }
});
