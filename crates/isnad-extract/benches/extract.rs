//! Extraction throughput on Arabic news text (the demo dossier, and the shared Raqqa
//! corpus when ../shared is present), one thread. `scripts/bench.sh` measures the whole
//! binary on >=100 MB.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut docs = Vec::new();
    for dir in [root.join("examples/demo"), root.join("../shared/corpus/raqqa")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> =
            entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
        paths.sort();
        for p in paths {
            if let Ok(t) = std::fs::read_to_string(&p) {
                docs.push((p.display().to_string(), t));
            }
        }
    }
    docs
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    let opts = isnad_extract::Options::default();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("analyze", |b| {
        b.iter(|| docs.iter().map(|(_, t)| isnad_text::analyze(t).tokens.len()).sum::<usize>())
    });
    g.bench_function("extract", |b| {
        b.iter(|| docs.iter().map(|(_, t)| isnad_extract::extract(t, &opts).len()).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
