//! The search query parser (tantivy's, behind isnad's bounds on nesting and length)
//! over any string: never panics or overflows the stack, on a small index.
#![no_main]

use isnad_search::SearchIndex;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn index() -> &'static SearchIndex {
    static IX: OnceLock<SearchIndex> = OnceLock::new();
    IX.get_or_init(|| {
        let mut ix = SearchIndex::in_memory().unwrap();
        ix.put(1, Some("قافلة إجلاء"), "غادرت قافلة من الحافلات الرقة وعلى متنها نحو 400 شخص").unwrap();
        ix.put(2, Some("Trucks"), "At least 40 trucks crossed the border on Monday").unwrap();
        ix.commit().unwrap();
        ix
    })
}

fuzz_target!(|data: &[u8]| {
    let q = String::from_utf8_lossy(data);
    let ix = index();
    let limit = data.first().map_or(10, |&b| if b == 0xff { usize::MAX } else { b as usize });
    let _ = ix.search(&q, limit);
    let _ = ix.snippet(&q, "غادرت قافلة من الحافلات الرقة", 50);
});
