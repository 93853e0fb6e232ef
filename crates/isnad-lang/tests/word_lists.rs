//! Every word list isnad reads lives in this crate's `data/` and is named in
//! `isnad_lang::words::ALL`; no other crate keeps one (the seam's invariant). Every list
//! is in the one dialect that `isnad_text::tsv::rows` reads: a `# source:` first line,
//! `#` comments, and rows of tab-separated columns, as many in every row of a file, none
//! empty in the first.

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
fn no_other_crate_keeps_a_word_list() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut strays = Vec::new();
    for c in std::fs::read_dir(&crates).unwrap().flatten() {
        if c.file_name() == "isnad-lang" || !c.path().is_dir() {
            continue;
        }
        let mut found = Vec::new();
        for sub in ["data", "src"] {
            let d = c.path().join(sub);
            if d.is_dir() {
                lists(&d, &mut found);
            }
        }
        strays.extend(found.iter().map(|p| p.strip_prefix(&crates).unwrap_or(p).display().to_string()));
    }
    assert!(strays.is_empty(), "word lists outside isnad-lang/data: {strays:?}");
}

#[test]
fn every_list_on_disk_is_named_once_in_words_all() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files = Vec::new();
    lists(&data, &mut files);
    let mut on_disk: Vec<String> = files.iter().map(|f| f.strip_prefix(&data).unwrap().display().to_string()).collect();
    on_disk.sort();
    let mut named: Vec<String> = isnad_lang::words::ALL.iter().map(|(p, _)| p.to_string()).collect();
    named.sort();
    assert_eq!(on_disk, named);
    for (path, text) in isnad_lang::words::ALL {
        assert_eq!(&std::fs::read_to_string(data.join(path)).unwrap(), text, "data/{path}");
    }
}

#[test]
fn every_word_list_is_in_the_one_dialect() {
    assert!(isnad_lang::words::ALL.len() >= 40, "found only {} word lists", isnad_lang::words::ALL.len());
    let mut bad = Vec::new();
    for (path, src) in isnad_lang::words::ALL {
        let name = format!("data/{path}");
        if !isnad_text::tsv::has_source_header(src) {
            bad.push(format!("{name}:1: the first line must be `# source: ...`"));
        }
        let mut width = None;
        let mut rows = 0;
        for (line, r) in isnad_text::tsv::rows(src) {
            rows += 1;
            if r[0].is_empty() {
                bad.push(format!("{name}:{line}: empty first column"));
            }
            // trailing optional columns may be left off; more than the first row has is a slip
            let w = *width.get_or_insert(r.len());
            if r.len() > w.max(1) + 2 {
                bad.push(format!("{name}:{line}: {} columns, the first row has {w}", r.len()));
            }
        }
        if rows == 0 {
            bad.push(format!("{name}: no rows"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
