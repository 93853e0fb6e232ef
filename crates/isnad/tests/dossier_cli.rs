//! The dossier commands as a user runs them: ingest (including a real `kill -9` in the
//! middle and a resume), search, claims export; on both backends (SQLite, and
//! PostgreSQL where `ISNAD_TEST_PG` names a server).

mod common;

use common::Db;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn isnad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_isnad"))
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../isnad-ingest/tests/fixtures")
}

fn run(args: &[&str], cwd: &Path) -> Output {
    isnad().args(args).current_dir(cwd).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// `isnad ARGS... --db DB` (and the local index for PostgreSQL when it searches).
fn run_on(db: &Db, args: &[&str], cwd: &Path) -> Output {
    let searching = matches!(args.first(), Some(&"search") | Some(&"reindex"));
    isnad().args(args).args(db.db_args(searching)).current_dir(cwd).output().unwrap()
}

fn tag(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
        if i == 0 {
            return s;
        }
    }
}

/// A JSON Lines batch big enough that an ingest is still running when killed.
fn big_batch(dir: &Path, n: usize) -> PathBuf {
    let p = dir.join("big.jsonl");
    let mut s = String::new();
    for i in 0..n {
        let line = serde_json::json!({
            // Same figures in every document (so every one has the same claims); a
            // letters-only tag keeps the texts distinct.
            "text": format!("قال مسؤول محلي إن نحو 400 شخص غادروا الرقة، وأضاف أن 12 شاحنة نقلت المقاتلين وعائلاتهم. وقسد تراقب الطريق. رمز {}", tag(i)),
            "title": format!("تقرير رقم {i}"),
            "url": format!("https://example.org/r/{i}"),
            "outlet": "وكالة الاختبار",
            "published": "2017-10-15",
        });
        s.push_str(&line.to_string());
        s.push('\n');
    }
    std::fs::write(&p, s).unwrap();
    p
}

#[test]
fn kill_9_mid_ingest_then_resume_leaves_no_duplicates() {
    for db in common::both() {
        // PostgreSQL's run is smaller: it also makes a clean dossier to compare with.
        let n = if db.pg.is_some() { 4_000 } else { 30_000 };
        let resumed = kill_and_resume(&db, n);
        if let Some(pg) = &db.pg {
            let clean = common::pg::TempDb::new().unwrap();
            let dir = tempfile::tempdir().unwrap();
            let input = big_batch(dir.path(), n);
            let o = run(&["ingest", input.to_str().unwrap(), "--db", &clean.url], dir.path());
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            let export = stdout(&run(&["claims", "--format", "jsonl", "--db", &clean.url], dir.path()));
            assert_eq!(export.lines().count(), 2 * n, "two claims a document");
            assert!(resumed == export, "killed and resumed differs from a clean ingest ({})", pg.url);
        }
    }
}

fn kill_and_resume(db: &Db, n: usize) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = big_batch(dir.path(), n);
    let mut child = isnad()
        .args(["ingest", input.to_str().unwrap()])
        .args(db.db_args(false))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill once some documents are committed but well before the end.
    let start = Instant::now();
    let killed_at = loop {
        std::thread::sleep(Duration::from_millis(20));
        if let Some(status) = child.try_wait().unwrap() {
            panic!("{}: ingest finished ({status}) before it could be killed; make the batch bigger", db.name());
        }
        let done = db.try_count("SELECT count(*) FROM documents").unwrap_or(0);
        if done >= if db.pg.is_some() { 300 } else { 500 } {
            break done;
        }
        assert!(start.elapsed() < Duration::from_secs(120), "{}: ingest made no progress", db.name());
    };
    // SIGKILL: no destructor, no flush, no commit of the index.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(killed_at < n as i64);

    if db.pg.is_none() {
        let c = rusqlite::Connection::open(db.dir.path().join("d.db")).unwrap();
        let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(ok, "ok");
    }

    let o = run_on(db, &["ingest", input.to_str().unwrap()], dir.path());
    assert!(o.status.success(), "{}: {}", db.name(), String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("failed 0"), "{out}");

    assert_eq!(db.count("SELECT count(*) FROM documents"), n as i64, "{}", db.name());
    assert_eq!(db.count("SELECT count(DISTINCT key) FROM documents"), n as i64);
    if db.pg.is_none() {
        assert_eq!(db.count("SELECT count(*) FROM index_queue"), 0);
    }
    assert_eq!(db.count("SELECT count(*) FROM claims WHERE doc_id NOT IN (SELECT id FROM documents)"), 0);
    // Claims of a document are written with it: every document has the same number.
    let per_doc = db.count("SELECT count(DISTINCT c) FROM (SELECT count(c.id) AS c FROM documents d LEFT JOIN claims c ON c.doc_id = d.id GROUP BY d.id) AS x");
    assert_eq!(per_doc, 1, "{}: documents with partial claims", db.name());
    if db.pg.is_none() {
        // What the killed run stored is found unchanged now, and still gets its event.
        // (A shared store leaves them: another writer may be about to assign them.)
        assert_eq!(db.count("SELECT count(*) FROM event_docs"), n as i64, "every document in an event");
    }

    if db.pg.is_some() {
        // A reader's own index catches up with everything the writers committed.
        let o = run_on(db, &["search", "رمز", "-n", "1"], dir.path());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let ix = isnad_search::SearchIndex::open(&db.index()).unwrap();
    assert_eq!(ix.num_docs(), n as u64, "{}: index holds each document exactly once", db.name());
    drop(ix);

    // And a third run changes nothing.
    let o = run_on(db, &["ingest", input.to_str().unwrap()], dir.path());
    assert!(stdout(&o).starts_with(&format!("added 0, unchanged {n}, replaced 0, failed 0")), "{}", stdout(&o));
    stdout(&run_on(db, &["claims", "--format", "jsonl"], dir.path()))
}

#[test]
fn ingest_reports_failures_and_exits_1() {
    for db in common::both() {
        let dir = tempfile::tempdir().unwrap();
        let o = run_on(&db, &["ingest", fixtures().to_str().unwrap()], dir.path());
        assert_eq!(o.status.code(), Some(1));
        let out = stdout(&o);
        assert!(out.starts_with("added 9, unchanged 2, replaced 0, failed 4; claims stored"), "{}: {out}", db.name());
        assert!(out.contains("no_article.html: no article text found in the page"), "{out}");
        assert!(out.contains("feed.jsonl line 3: malformed JSON line"), "{out}");
        if db.pg.is_none() {
            assert!(db.dir.path().join("d.db").exists() && db.index().is_dir());
        } else {
            assert!(!db.index().exists(), "a PostgreSQL ingest writes no index of its own");
        }

        let missing = run_on(&db, &["ingest", "nope.html"], dir.path());
        assert_eq!(missing.status.code(), Some(1));
        assert!(stdout(&missing).contains("nope.html: "), "{}", stdout(&missing));
    }
}

#[test]
fn search_and_claims_export() {
    for db in common::both() {
        search_and_export(&db);
    }
}

fn search_and_export(db: &Db) {
    let dir = tempfile::tempdir().unwrap();
    run_on(db, &["ingest", fixtures().to_str().unwrap()], dir.path());

    for q in ["الرقه", "قسد", "مقاتلين"] {
        let o = run_on(db, &["search", q], dir.path());
        assert!(o.status.success(), "{}: {}", db.name(), String::from_utf8_lossy(&o.stderr));
        let out = stdout(&o);
        assert!(out.starts_with("1. قافلة إجلاء تغادر الشدادي"), "{}: {q}: {out}", db.name());
        assert!(out.contains("شبكة الفرات الإخبارية · 2019-03-10"), "{out}");
        assert!(out.contains('['), "highlight in {out}");
    }
    let o = run_on(db, &["search", "trucks", "--limit", "1"], dir.path());
    assert_eq!(stdout(&o).matches("\n1. ").count() + stdout(&o).starts_with("1. ") as usize, 1);

    let o = run_on(db, &["claims", "--format", "csv"], dir.path());
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("doc,title,outlet,url,published,start,end,text,min,max,qualifier,kind"));

    let o = run_on(db, &["claims", "--format", "jsonl", "--doc", "ar_article.html"], dir.path());
    assert!(!stdout(&o).is_empty(), "{}", db.name());
    for line in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["type"], "quantity");
        assert_eq!(v["outlet"], "شبكة الفرات الإخبارية");
        assert_eq!(v["published"], "2019-03-10");
        assert_eq!(v["url"], "https://alfurat-news.example/2019/03/10/shaddadi-convoy");
        assert!(v["doc"].as_str().unwrap().ends_with("ar_article.html"));
    }

    let o = run_on(db, &["claims", "--format", "parquet", "--out", "c.parquet"], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let head = std::fs::read(dir.path().join("c.parquet")).unwrap();
    assert_eq!(&head[..4], b"PAR1");

    let o = run_on(db, &["claims", "--kind", "bogus"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    if db.pg.is_none() {
        let o = run(&["search", "x", "--db", "absent.db"], dir.path());
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains("no dossier at absent.db"));
        assert!(!dir.path().join("absent.db").exists());
    }
}

/// The `projection` mark is kept in the dossier (inside the claim's frame column) and
/// comes back out of `isnad claims`, set only where extraction set it.
#[test]
fn projection_survives_the_dossier() {
    for db in common::both() {
        let dir = tempfile::tempdir().unwrap();
        let text = "قال مسؤولون إن حصيلة الضحايا قد تصل إلى 400 قتيل، بعد أن قتل 45 شخصاً أمس.";
        let line = serde_json::json!({"text": text, "url": "https://example.org/p", "published": "2023-09-14"});
        std::fs::write(dir.path().join("p.jsonl"), format!("{line}\n")).unwrap();
        let o = run_on(&db, &["ingest", "p.jsonl"], dir.path());
        assert!(o.status.success(), "{}: {}", db.name(), String::from_utf8_lossy(&o.stderr));
        let o = run_on(&db, &["claims", "--format", "jsonl"], dir.path());
        let marks: Vec<(String, bool)> = stdout(&o)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .map(|v| (v["text"].as_str().unwrap().to_string(), v["projection"] == true))
            .collect();
        assert_eq!(marks, [("تصل إلى 400 قتيل".to_string(), true), ("45 شخصاً".to_string(), false)], "{}", db.name());
    }
}
