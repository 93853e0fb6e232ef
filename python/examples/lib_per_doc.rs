//! The library call the Python package wraps, timed per document: the baseline for
//! `scripts/bench-python.py` (the package's `extract` must cost < 2x this).
//!
//! usage: cargo run --release --example lib_per_doc -- FILE.txt... (prints µs per document)

use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let texts: Vec<String> =
        std::env::args().skip(1).map(|p| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))).collect();
    assert!(!texts.is_empty(), "give .txt files");
    let opts = isnad_extract::Options::default();
    // one warm-up pass (word lists compiled on first use), then the best of three
    let mut n = 0usize;
    for t in &texts {
        n += isnad_extract::extract(t, &opts).len();
    }
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let t0 = Instant::now();
        for t in &texts {
            n += std::hint::black_box(isnad_extract::extract(t, &opts)).len();
        }
        best = best.min(t0.elapsed().as_secs_f64());
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    println!(
        "{:.1} us/doc  {:.2} MB/s  ({} docs, {} records)",
        best * 1e6 / texts.len() as f64,
        bytes as f64 / 1e6 / best,
        texts.len(),
        n / 4
    );
}
