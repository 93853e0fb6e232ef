//! Attribution throughput on one thread, next to the text analysis it builds on.
//! `cargo run --release -p isnad-attrib --example throughput [DIR]`: every file under DIR
//! (default: the shared Raqqa corpus, repeated to ~16 MB) is a document, with a quantity
//! stub at every number and common number word, as the extractor would produce.

use isnad_model::Quantity;
use std::path::{Path, PathBuf};
use std::time::Instant;

const NUMBER_WORDS: [&str; 9] = ["آلاف", "الاف", "مئات", "عشرات", "نحو", "حوالي", "ثلاثه", "اربعه", "الف"];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut v: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    v.sort();
    for p in v {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn stub(start: usize, end: usize) -> Quantity {
    Quantity::bare(start, end, String::new())
}

fn main() {
    let arg = std::env::args().nth(1).map(PathBuf::from);
    let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/raqqa");
    let mut paths = Vec::new();
    files(arg.as_deref().unwrap_or(&default), &mut paths);
    let mut docs: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    if arg.is_none() && !docs.is_empty() {
        let size: usize = docs.iter().map(String::len).sum();
        docs = docs.iter().cycle().take(docs.len() * ((16 << 20) / size.max(1) + 1)).cloned().collect();
    }
    // best of three passes: the machine is shared
    let (mut best_an, mut best_at) = (f64::MAX, f64::MAX);
    let (mut bytes, mut nq, mut with_speaker) = (0usize, 0usize, 0usize);
    for _pass in 0..3 {
        let (mut t_an, mut t_at) = (0.0, 0.0);
        (bytes, nq, with_speaker) = (0, 0, 0);
        for text in &docs {
            let t0 = Instant::now();
            let doc = isnad_text::analyze(text);
            let t1 = Instant::now();
            let mut qs: Vec<Quantity> = (0..doc.tokens.len())
                .filter(|&i| doc.tokens[i].kind == isnad_text::TokKind::Number || NUMBER_WORDS.contains(&doc.norm(i)))
                .map(|i| stub(doc.tokens[i].start as usize, doc.tokens[(i + 1).min(doc.tokens.len() - 1)].end as usize))
                .collect();
            qs.dedup_by(|b, a| b.start < a.end);
            let t2 = Instant::now();
            if std::env::var_os("SKIP_ATTRIB").is_none() {
                isnad_attrib::attribute(&doc, &mut qs);
            }
            let t3 = Instant::now();
            t_an += (t1 - t0).as_secs_f64();
            t_at += (t3 - t2).as_secs_f64();
            bytes += text.len();
            nq += qs.len();
            with_speaker += qs.iter().filter(|q| q.speaker.is_some()).count();
        }
        best_an = best_an.min(t_an);
        best_at = best_at.min(t_at);
    }
    let (t_an, t_at) = (best_an, best_at);
    let mb = bytes as f64 / (1 << 20) as f64;
    println!(
        "{} docs, {mb:.1} MB, {nq} quantities ({with_speaker} with a speaker): analyze {:.0} MB/s, attribute {:.0} MB/s, \
         attribution = {:.1}% of analysis time",
        docs.len(),
        mb / t_an,
        mb / t_at,
        100.0 * t_at / t_an
    );
}
