//! Every word list of every crate (`crates/*/data/**/*.tsv`) is in the one dialect that
//! `isnad_text::tsv::rows` reads: a `# source:` first line, `#` comments, and rows of
//! tab-separated columns, as many in every row of a file, none empty in the first.

use std::path::{Path, PathBuf};

fn lists(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            lists(&p, out);
        } else if p.extension().is_some_and(|x| x == "tsv") {
            out.push(p);
        }
    }
}

#[test]
fn every_word_list_is_in_the_one_dialect() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for c in std::fs::read_dir(&crates).unwrap().flatten() {
        let data = c.path().join("data");
        if data.is_dir() {
            lists(&data, &mut files);
        }
    }
    assert!(files.len() >= 40, "found only {} word lists under {}", files.len(), crates.display());
    let mut bad = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        let name = f.strip_prefix(&crates).unwrap_or(f).display().to_string();
        if !isnad_text::tsv::has_source_header(&src) {
            bad.push(format!("{name}:1: the first line must be `# source: ...`"));
        }
        let mut width = None;
        for (line, r) in isnad_text::tsv::rows(&src) {
            if r[0].is_empty() {
                bad.push(format!("{name}:{line}: empty first column"));
            }
            // trailing optional columns may be left off; more than the first row has is a slip
            let w = *width.get_or_insert(r.len());
            if r.len() > w.max(1) + 2 {
                bad.push(format!("{name}:{line}: {} columns, the first row has {w}", r.len()));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
