//! The WARC reader over any bytes, plain and as one gzip member: never panics, always
//! ends, and names every record it could not read.
#![no_main]

use isnad_ingest::{parse_as, Format};
use libfuzzer_sys::fuzz_target;
use std::io::Write;

fuzz_target!(|data: &[u8]| {
    let docs = parse_as("f.warc", data, Format::Warc);
    for d in &docs {
        if let Err(e) = d {
            assert!(e.source_name.starts_with("f.warc"));
        }
    }
    // The same bytes inside gzip, and as JSON Lines (the other streamed reader).
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).unwrap();
    let _ = parse_as("f.warc.gz", &gz.finish().unwrap(), Format::Warc);
    let _ = parse_as("f.jsonl", data, Format::Jsonl);
});
