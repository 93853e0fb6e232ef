//! Issue 13 (hostile input, concurrent writers) and issue 12 item 1 (one reader for
//! every command), as a user meets them on the command line. Every fixture is made
//! here, in a temporary folder.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn isnad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_isnad"))
}

fn run(args: &[&str], cwd: &Path) -> Output {
    isnad().args(args).current_dir(cwd).output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const DOC: &str = "قال مسؤول محلي إن نحو 400 شخص غادروا الرقة في أكتوبر الماضي، وأضاف أن 12 شاحنة نقلت العائلات.";

fn jsonl(lines: &[serde_json::Value]) -> String {
    lines.iter().map(|l| l.to_string() + "\n").collect()
}

fn records(s: &str) -> Vec<serde_json::Value> {
    s.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

// --- issue 12 item 1: one reader ---

#[test]
fn extract_reads_json_lines_from_standard_input_with_their_own_dates() {
    let dir = tempfile::tempdir().unwrap();
    let feed = jsonl(&[
        serde_json::json!({"id": "a", "text": DOC, "published": "2017-11-02"}),
        serde_json::json!({"url": "https://x.example/b", "text": DOC}),
    ]);
    let mut child = isnad()
        .args(["extract", "--jsonl", "--published", "2015-01-01", "-"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(feed.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", err(&o));
    let recs = records(&out(&o));
    let docs: Vec<&str> = recs.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    assert!(docs.contains(&"a") && docs.contains(&"https://x.example/b"), "{docs:?}");
    let first_b = docs.iter().position(|d| *d == "https://x.example/b").unwrap();
    assert!(docs[..first_b].iter().all(|d| *d == "a"), "stable order: documents as they came");
    // "in October last year" resolves against each document's own date
    let date = |doc: &str| {
        recs.iter()
            .find(|r| r["doc"] == doc && r["type"] == "date")
            .map(|r| r["date"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(date("a").as_deref(), Some("2017-10"), "the line's own published wins over --published");
    assert_eq!(date("https://x.example/b").as_deref(), Some("2014-10"), "--published for a line without one");
}

#[test]
fn extract_reads_html_and_warc_like_ingest_and_keeps_txt_output() {
    let dir = tempfile::tempdir().unwrap();
    let body =
        format!("<html><head><title>t</title></head><body><article><p>{DOC}</p><p>{DOC}</p></article></body></html>");
    std::fs::write(dir.path().join("p.html"), &body).unwrap();
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}");
    let warc = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://w.example/1\r\nWARC-Date: 2017-11-01T00:00:00Z\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n", http.len());
    std::fs::write(dir.path().join("c.warc"), warc).unwrap();
    std::fs::write(dir.path().join("d.txt"), DOC).unwrap();
    let o = run(&["extract", "--jsonl", "--published", "2017-11-05", "."], dir.path());
    assert!(o.status.success(), "{}", err(&o));
    let recs = records(&out(&o));
    assert!(recs.iter().any(|r| r["doc"] == "http://w.example/1"), "WARC record read");
    assert!(recs.iter().any(|r| r["doc"].as_str().unwrap().ends_with("p.html")), "HTML read");
    // a .txt keeps its contract: doc = the path given, offsets into the file's bytes
    let o = run(&["extract", "--jsonl", "--published", "2017-11-05", "d.txt"], dir.path());
    for r in records(&out(&o)) {
        assert_eq!(r["doc"], "d.txt");
        let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        assert_eq!(&DOC.as_bytes()[s..e], r["text"].as_str().unwrap().as_bytes());
    }
}

#[test]
fn extract_and_ingest_agree_on_what_is_readable() {
    let dir = tempfile::tempdir().unwrap();
    let mut cut = format!("{DOC} وقالت").into_bytes();
    cut.pop();
    std::fs::write(dir.path().join("cut.txt"), &cut).unwrap();
    let mut stray = DOC.as_bytes().to_vec();
    stray.insert(20, 0xFF);
    std::fs::write(dir.path().join("stray.txt"), &stray).unwrap();
    let e = run(&["extract", "--jsonl", "cut.txt", "stray.txt", "missing.txt"], dir.path());
    let i = run(&["ingest", "cut.txt", "stray.txt", "missing.txt", "--db", "d.db"], dir.path());
    assert_eq!((e.status.code(), i.status.code()), (Some(1), Some(1)));
    assert!(out(&e).is_empty(), "no records from damaged files: {}", out(&e));
    let (es, is) = (err(&e), out(&i));
    for (file, why) in [("cut.txt", "truncated"), ("stray.txt", "offset 20"), ("missing.txt", "no such file")] {
        assert!(es.lines().any(|l| l.contains(file) && l.contains(why)), "extract: {file} {why}:\n{es}");
        assert!(is.lines().any(|l| l.contains(file) && l.contains(why)), "ingest: {file} {why}:\n{is}");
    }
    assert!(is.starts_with("added 0,"), "nothing stored as mojibake: {is}");
}

#[test]
fn an_impossible_date_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.txt"), DOC).unwrap();
    let o = run(&["extract", "--published", "2017-02-30", "d.txt"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("2017-02-30"), "{}", err(&o));
}

// --- point 6: symlinks, non-UTF-8 names ---

#[cfg(unix)]
#[test]
fn symlinks_are_followed_by_both_commands_and_loops_reported() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("real")).unwrap();
    std::fs::write(dir.path().join("outside.txt"), DOC).unwrap();
    std::os::unix::fs::symlink(dir.path().join("outside.txt"), docs.join("linked.txt")).unwrap();
    std::os::unix::fs::symlink(&docs, docs.join("real/loop")).unwrap();
    let i = run(&["ingest", "docs", "--db", "d.db"], dir.path());
    assert!(out(&i).starts_with("added 1,"), "{}", out(&i));
    assert!(out(&i).contains("loop"), "loop named: {}", out(&i));
    let e = run(&["extract", "--jsonl", "docs"], dir.path());
    assert!(out(&e).contains("docs/linked.txt"), "{}", out(&e));
    assert!(err(&e).contains("loop"), "{}", err(&e));
}

#[cfg(unix)]
#[test]
fn non_utf8_file_names_stay_distinct() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for (b, text) in [(0xE9u8, DOC.to_string()), (0xEAu8, format!("{DOC} وأكد أن 30 عائلة بقيت"))] {
        let name = [b"r".as_slice(), &[b], b".txt"].concat();
        std::fs::write(docs.join(std::ffi::OsStr::from_bytes(&name)), text).unwrap();
    }
    let i = run(&["ingest", "docs", "--db", "d.db"], dir.path());
    assert!(out(&i).starts_with("added 2,"), "{}", out(&i));
    let c = rusqlite::Connection::open(dir.path().join("d.db")).unwrap();
    let keys: Vec<String> = c
        .prepare("SELECT key FROM documents ORDER BY key")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(keys, ["docs/r\\xE9.txt", "docs/r\\xEA.txt"]);
}

// --- points 1 (file modes), 2 (CSV), 3 (terminal) ---

#[cfg(unix)]
#[test]
fn the_dossier_is_the_owners_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.txt"), DOC).unwrap();
    assert!(run(&["ingest", "d.txt", "--db", "d.db"], dir.path()).status.success());
    let mode = |p: &str| std::fs::metadata(dir.path().join(p)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode("d.db"), 0o600);
    assert_eq!(mode("d.db.idx"), 0o700);
    for f in ["d.db-wal", "d.db-shm", "d.db.lock"] {
        if dir.path().join(f).exists() {
            assert_eq!(mode(f) & 0o077, 0, "{f}");
        }
    }
}

#[test]
fn csv_cells_cannot_be_formulas_and_the_terminal_sees_no_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let feed = jsonl(&[serde_json::json!({
        "id": "=HYPERLINK(\"http://evil.example\",\"x\")",
        "title": "@SUM(1+1)\u{1b}]0;pwned\u{7}\u{1b}[2J",
        "outlet": "+cmd|' /C calc'!A0",
        "text": format!("{DOC} \u{1b}[31mأحمر\u{1b}[0m"),
    })]);
    std::fs::write(dir.path().join("f.jsonl"), feed).unwrap();
    assert!(run(&["ingest", "f.jsonl", "--db", "d.db"], dir.path()).status.success());
    let o = run(&["claims", "--db", "d.db", "--format", "csv"], dir.path());
    let mut rdr = csv::Reader::from_reader(o.stdout.as_slice());
    let mut n = 0;
    for rec in rdr.records() {
        n += 1;
        for cell in rec.unwrap().iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "live formula cell {cell:?}");
        }
    }
    assert!(n > 0);
    for args in [&["search", "الرقة", "--db", "d.db"][..], &["claims", "--db", "d.db"][..]] {
        let o = run(args, dir.path());
        assert!(o.status.success(), "{}", err(&o));
        assert!(!o.stdout.contains(&0x1b) && !o.stdout.contains(&0x07), "raw escape in {args:?}: {}", out(&o));
    }
    let o = run(&["search", "الرقة", "--db", "d.db"], dir.path());
    assert!(out(&o).contains("\\u{1b}"), "escapes shown, not obeyed: {}", out(&o));
}

// --- points 7, 8: concurrent writers, the index ---

fn feed(n: usize, tag: &str) -> String {
    jsonl(&(0..n).map(|i| serde_json::json!({"id": format!("{tag}{i}"), "text": format!("{DOC} رمز {tag} {}", "ب".repeat(i % 7 + 1) + &i.to_string())})).collect::<Vec<_>>())
}

#[test]
fn two_ingests_at_once_lose_nothing_from_search() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.jsonl"), feed(150, "الف")).unwrap();
    std::fs::write(dir.path().join("b.jsonl"), feed(150, "باء")).unwrap();
    // Both start on a new dossier at the same instant (the schema race), then write.
    let spawn = |f: &str| {
        isnad()
            .args(["ingest", f, "--db", "d.db"])
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn("a.jsonl"), spawn("b.jsonl"));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success() && b.status.success(), "{}\n{}", err(&a), err(&b));
    let c = rusqlite::Connection::open(dir.path().join("d.db")).unwrap();
    let docs: i64 = c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).unwrap();
    let queued: i64 = c.query_row("SELECT count(*) FROM index_queue", [], |r| r.get(0)).unwrap();
    assert_eq!((docs, queued), (300, 0));
    let o = run(&["search", "رمز", "--db", "d.db", "--limit", "1000"], dir.path());
    assert_eq!(
        out(&o).lines().filter(|l| l.contains(". ") && l.contains("(")).count(),
        300,
        "every document searchable"
    );
}

#[test]
fn a_deleted_index_is_rebuilt_with_a_message_and_reindex_exists() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("f.jsonl"), feed(20, "x")).unwrap();
    assert!(run(&["ingest", "f.jsonl", "--db", "d.db"], dir.path()).status.success());
    std::fs::remove_dir_all(dir.path().join("d.db.idx")).unwrap();
    let o = run(&["search", "رمز", "--db", "d.db", "--limit", "100"], dir.path());
    assert!(o.status.success());
    assert!(err(&o).contains("rebuild"), "a message: {}", err(&o));
    assert!(out(&o).contains("20. "), "found again: {}", out(&o));
    let o = run(&["reindex", "--db", "d.db"], dir.path());
    assert!(o.status.success() && out(&o).contains("reindexed 20"), "{}{}", out(&o), err(&o));
}

#[test]
fn a_corrupt_index_does_not_stop_claims_report_or_ingest() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("f.jsonl"), feed(20, "x")).unwrap();
    assert!(run(&["ingest", "f.jsonl", "--db", "d.db"], dir.path()).status.success());
    // Garbage over every file of the index: meta.json and the segments.
    for e in std::fs::read_dir(dir.path().join("d.db.idx")).unwrap() {
        let p: PathBuf = e.unwrap().path();
        if p.is_file() {
            std::fs::write(&p, b"\x00garbage\xff").unwrap();
        }
    }
    for args in [&["claims", "--db", "d.db"][..], &["report", "--db", "d.db", "--out", "r.html"][..]] {
        let o = run(args, dir.path());
        assert!(o.status.success(), "{args:?}: {}", err(&o));
    }
    std::fs::write(dir.path().join("g.jsonl"), feed(5, "y")).unwrap();
    let o = run(&["ingest", "g.jsonl", "--db", "d.db"], dir.path());
    assert!(o.status.success(), "{}", err(&o));
    let o = run(&["search", "رمز", "--db", "d.db", "--limit", "100"], dir.path());
    assert!(out(&o).contains("25. "), "index rebuilt, all searchable: {}{}", out(&o), err(&o));
}
