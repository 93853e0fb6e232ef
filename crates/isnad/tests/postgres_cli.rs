//! The PostgreSQL dossier through the command line (issue 12, part 4): the same claims,
//! figures and search results as SQLite on the demo dossiers and the shared corpus;
//! several ingests writing one database at once; `serve` from it; and a server that is
//! not there, named without its password. Each test makes a database of its own on the
//! server `ISNAD_TEST_PG` names (`.ci/run` starts one; under CI=true it must be there).

mod common;

use common::pg::TempDb;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn isnad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_isnad"))
}

fn ok(args: &[&str]) -> Output {
    let o = isnad().args(args).output().unwrap();
    assert!(o.status.success(), "isnad {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    o
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Ingests `input` into a fresh SQLite file and a fresh PostgreSQL database, then holds
/// every output of the two to be equal: claims, the report's data model, search.
fn same_on_both(input: &Path, queries: &[&str]) {
    let Some(pg) = TempDb::new() else { return };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("d.db").to_string_lossy().into_owned();
    let index = dir.path().join("pg.idx").to_string_lossy().into_owned();
    let input = input.to_str().unwrap();
    let a = text(&ok(&["ingest", input, "--db", &sqlite]));
    let b = text(&ok(&["ingest", input, "--db", &pg.url]));
    assert_eq!(a, b, "ingest summaries");
    assert!(!a.starts_with("added 0"), "{a}");

    let claims = |db: &str| text(&ok(&["claims", "--format", "jsonl", "--db", db]));
    let (ca, cb) = (claims(&sqlite), claims(&pg.url));
    assert!(ca.lines().count() > 5, "{input}: {ca}");
    assert!(ca == cb, "{input}: claims differ between SQLite and PostgreSQL");

    let report = |db: &str, name: &str| {
        let out = dir.path().join(name);
        ok(&["report", "--db", db, "--json", out.to_str().unwrap(), "-q"]);
        std::fs::read_to_string(out).unwrap()
    };
    let (ra, rb) = (report(&sqlite, "a.json"), report(&pg.url, "b.json"));
    let model: serde_json::Value = serde_json::from_str(&ra).unwrap();
    assert!(!model["figures"].as_array().unwrap().is_empty(), "{input}: no figures");
    assert!(!model["events"].as_array().unwrap().is_empty(), "{input}: no events");
    assert!(ra == rb, "{input}: report models (figures, events) differ between SQLite and PostgreSQL");

    let mut found = 0;
    for q in queries {
        let sa = text(&ok(&["search", q, "--db", &sqlite]));
        let sb = text(&ok(&["search", q, "--db", &pg.url, "--index", &index]));
        assert_eq!(sa, sb, "{input}: search {q}");
        found += sa.starts_with("1. ") as usize;
    }
    assert!(found > 0, "{input}: no query found anything");

    // Re-ingest is a no-op and re-extraction finds nothing stale, as on SQLite.
    let again = text(&ok(&["ingest", input, "--db", &pg.url]));
    assert!(again.starts_with("added 0, unchanged"), "{again}");
    assert_eq!(text(&ok(&["reextract", "--db", &pg.url])), text(&ok(&["reextract", "--db", &sqlite])));
}

#[test]
fn the_demo_dossier_is_the_same_on_postgres_and_sqlite() {
    same_on_both(&common::repo().join("examples/demo"), &["القافلة", "مقاتلين", "تل الزيتون", "أموال"]);
}

#[test]
fn the_english_demo_is_the_same_on_postgres_and_sqlite() {
    same_on_both(&common::repo().join("examples/demo-en"), &["convoy", "fighters", "families left"]);
}

#[test]
fn the_shared_corpus_and_its_raqqa_event_are_the_same_on_postgres_and_sqlite() {
    let corpus = common::shared().join("corpus");
    if common::missing(&corpus) {
        return;
    }
    same_on_both(&corpus.join("raqqa"), &["الرقة", "قسد", "مقاتلين"]);
    same_on_both(&corpus, &["الرقة", "درنة", "خان شيخون", "حلب", "الفيضانات"]);
}

/// Documents `from..to`: each with its own tag (letters only) and the same figures.
fn batch(dir: &Path, name: &str, from: usize, to: usize) -> std::path::PathBuf {
    let mut s = String::new();
    for i in from..to {
        let body =
            format!("قال مسؤول محلي إن نحو 400 شخص غادروا الرقة، وأضاف أن 12 شاحنة نقلت العائلات. وسم {}", tag(i));
        let line = serde_json::json!({
            "text": body, "title": format!("تقرير رقم {i}"), "url": format!("https://example.org/r/{i}"),
            "published": "2017-10-15",
        });
        s.push_str(&line.to_string());
        s.push('\n');
    }
    let p = dir.join(name);
    std::fs::write(&p, s).unwrap();
    p
}

fn tag(mut i: usize) -> String {
    let mut s = String::from("q");
    loop {
        s.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
        if i == 0 {
            return s;
        }
    }
}

#[test]
fn two_ingests_at_once_store_each_document_once_and_all_are_searchable() {
    let Some(pg) = TempDb::new() else { return };
    let dir = tempfile::tempdir().unwrap();
    // Two "machines" with overlapping work: documents 400..800 are in both batches.
    let n = 1200;
    let a = batch(dir.path(), "a.jsonl", 0, 800);
    let b = batch(dir.path(), "b.jsonl", 400, n);
    // The database is new: both processes race to create its tables too.
    let spawn = |p: &Path| {
        isnad()
            .args(["ingest", p.to_str().unwrap(), "--db", &pg.url])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (mut ca, mut cb) = (spawn(&a), spawn(&b));
    // A reader catching up while both write: its index follows the change numbers, so
    // it never skips a slower writer's document. Skipping one would show only as a
    // count mismatch that the next open repairs by rebuilding, so a rebuild is the failure.
    let live = dir.path().join("live");
    let mut reads = 0;
    while ca.try_wait().unwrap().is_none() || cb.try_wait().unwrap().is_none() {
        let o = isnad()
            .args(["search", "تقرير", "--db", &pg.url, "--index", live.to_str().unwrap(), "-n", "1"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        // Before the first writer has made the tables, a reader may find no dossier yet.
        if o.status.success() {
            reads += 1;
            assert!(!err.contains("rebuilding"), "a reader's index fell out of step: {err}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(reads > 0, "no read while the writers wrote");
    let (oa, ob) = (ca.wait_with_output().unwrap(), cb.wait_with_output().unwrap());
    for o in [&oa, &ob] {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(text(o).contains("failed 0"), "{}", text(o));
    }
    let added =
        |o: &Output| -> i64 { text(o).trim_start_matches("added ").split(',').next().unwrap().parse().unwrap() };
    assert_eq!(added(&oa) + added(&ob), n as i64, "{}{}", text(&oa), text(&ob));

    assert_eq!(pg.count("SELECT count(*) FROM documents"), n as i64);
    assert_eq!(pg.count("SELECT count(DISTINCT key) FROM documents"), n as i64);
    assert_eq!(pg.count("SELECT count(DISTINCT change_seq) FROM documents WHERE change_seq > 0"), n as i64);
    let per_doc = pg.count(
        "SELECT count(DISTINCT c) FROM (SELECT count(c.id) AS c FROM documents d LEFT JOIN claims c ON c.doc_id = d.id GROUP BY d.id) AS x",
    );
    assert_eq!(per_doc, 1, "every document with all its claims, none twice");
    assert_eq!(pg.count("SELECT count(*) FROM claims"), 2 * n as i64);
    assert_eq!(pg.count("SELECT count(*) FROM event_docs"), n as i64, "every document in an event");

    let o = ok(&["search", "تقرير", "--db", &pg.url, "--index", live.to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&o.stderr).contains("rebuilding"));
    assert_eq!(isnad_search::SearchIndex::open(&live).unwrap().num_docs(), n as u64, "the live reader has them all");

    // Two readers on two machines: each index catches up and holds every document once.
    for machine in ["m1", "m2"] {
        let index = dir.path().join(machine);
        let ix = index.to_str().unwrap();
        for i in [0, 399, 400, 799, 800, n - 1] {
            let out = text(&ok(&["search", &tag(i), "--db", &pg.url, "--index", ix, "-n", "3"]));
            assert!(out.starts_with(&format!("1. تقرير رقم {i}  (")), "{machine}: {i}: {out}");
            assert!(!out.contains("\n2. "), "{machine}: one document per tag: {out}");
        }
        assert_eq!(isnad_search::SearchIndex::open(&index).unwrap().num_docs(), n as u64);
    }
}

#[test]
fn the_same_text_under_two_keys_from_two_writers_is_stored_once() {
    let Some(pg) = TempDb::new() else { return };
    let dir = tempfile::tempdir().unwrap();
    // Many files with one text: whichever writer stores it first keeps it.
    let body = "قال مسؤول محلي إن نحو 400 شخص غادروا الرقة.";
    for w in ["a", "b"] {
        std::fs::create_dir(dir.path().join(w)).unwrap();
        for i in 0..40 {
            std::fs::write(dir.path().join(w).join(format!("{i}.txt")), body).unwrap();
        }
    }
    let children: Vec<_> = ["a", "b"]
        .iter()
        .map(|w| isnad().args(["ingest", dir.path().join(w).to_str().unwrap(), "--db", &pg.url]).output_async())
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    // The key is the path, but the content hash covers only what is stored: one document.
    assert_eq!(pg.count("SELECT count(*) FROM documents"), 1);
}

trait Async {
    fn output_async(&mut self) -> std::process::Child;
}

impl Async for Command {
    fn output_async(&mut self) -> std::process::Child {
        self.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
    }
}

#[test]
fn serve_reads_a_postgres_dossier() {
    let Some(pg) = TempDb::new() else { return };
    let dir = tempfile::tempdir().unwrap();
    ok(&["ingest", common::repo().join("examples/demo").to_str().unwrap(), "--db", &pg.url]);
    let index = dir.path().join("idx");
    let (mut child, addr) =
        common::serve(env!("CARGO_BIN_EXE_isnad"), &["--db", &pg.url, "--index", index.to_str().unwrap()]);
    let get = |path: &str| -> (u16, String) {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
        let mut resp = Vec::new();
        let _ = s.read_to_end(&mut resp);
        let resp = String::from_utf8_lossy(&resp).into_owned();
        (resp.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0), resp)
    };
    let (status, page) = get("/api/figures");
    let (s2, found) = get("/search?q=%D8%A7%D9%84%D9%82%D8%A7%D9%81%D9%84%D8%A9");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("\"id\""), "{page}");
    assert_eq!(s2, 200, "{found}");
    assert!(found.contains("فرسان التل"), "the search page finds the demo's statement: {found}");
}

#[test]
fn a_server_that_is_not_there_is_named_without_its_password() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("postgres://ana:s3cret@127.0.0.1:{port}/news");
    for cmd in [&["claims"][..], &["report", "--json", "x.json"], &["ingest", "."], &["search", "x"]] {
        let o = isnad().args(cmd).args(["--db", &url]).current_dir(std::env::temp_dir()).output().unwrap();
        assert!(!o.status.success(), "{cmd:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(&format!("postgres://ana@127.0.0.1:{port}/news")), "{cmd:?}: {err}");
        assert!(err.contains("connecting"), "{cmd:?}: {err}");
        assert!(!err.contains("s3cret") && !text(&o).contains("s3cret"), "{cmd:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_reader_without_index_keeps_its_own_under_the_cache_folder() {
    let Some(pg) = TempDb::new() else { return };
    let home = tempfile::tempdir().unwrap();
    ok(&["ingest", common::repo().join("examples/demo").to_str().unwrap(), "--db", &pg.url]);
    let o = isnad()
        .args(["search", "القافلة", "--db", &pg.url])
        .env("HOME", home.path())
        .env_remove("XDG_CACHE_HOME")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(text(&o).starts_with("1. "), "{}", text(&o));
    let cache = home.path().join(".cache/isnad");
    let made: Vec<String> =
        std::fs::read_dir(&cache).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(made.iter().any(|n| n.starts_with("isnad_test_") && n.ends_with(".idx")), "{made:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&cache).unwrap().permissions().mode() & 0o777, 0o700);
    }
    // --index is for PostgreSQL only: a SQLite dossier's index is beside its file.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(&["ingest", common::repo().join("examples/demo").to_str().unwrap(), "--db", db.to_str().unwrap()]);
    let o = isnad().args(["search", "x", "--db", db.to_str().unwrap(), "--index", "elsewhere"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is for a PostgreSQL dossier"));
}
