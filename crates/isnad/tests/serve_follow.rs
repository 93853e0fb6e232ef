//! `serve` shows the dossier as stored now, not as it was when it started (issue 13):
//! a document ingested by another process is found, in the lists and by search, and a
//! replaced document comes with its new claims, whose spans match its new text.

use serde_json::{json, Value};
mod common;

use std::io::{Read, Write};
use std::process::Command;
use std::time::{Duration, Instant};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_isnad")
}

fn get(addr: &str, path: &str) -> Value {
    serde_json::from_str(&get_html(addr, path)).unwrap()
}

fn ingest(db: &std::path::Path, file: &std::path::Path, docs: &[Value]) {
    let lines: Vec<String> = docs.iter().map(|d| d.to_string()).collect();
    std::fs::write(file, lines.join("\n")).unwrap();
    let o =
        Command::new(bin()).args(["ingest", file.to_str().unwrap(), "--db", db.to_str().unwrap()]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Polls until `ok` holds (the server looks for changes every two seconds).
fn eventually(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < Duration::from_secs(30), "never: {what}");
        std::thread::sleep(Duration::from_millis(250));
    }
}

#[test]
fn serve_follows_ingests_made_while_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let file = dir.path().join("docs.jsonl");
    let first =
        json!({"id": "a", "published": "2017-10-15", "text": "قال مسؤول إن نحو 400 شخص غادروا مدينة الرقة أمس."});
    ingest(&db, &file, std::slice::from_ref(&first));
    let (mut child, addr) = common::serve(bin(), &["--db", db.to_str().unwrap()]);
    let addr = addr.to_string();
    assert_eq!(get(&addr, "/api/documents")["total"], 1);

    // Another process adds a document and replaces the first one's text.
    let replaced = json!({"id": "a", "published": "2017-10-15",
        "text": "تحديث: قال مسؤول محلي إن نحو 650 شخصاً غادروا مدينة الرقة أمس."});
    let added =
        json!({"id": "b", "published": "2017-10-16", "text": "قالت مصادر إن 300 مقاتل غادروا الطبقة. كلمةنادرة"});
    ingest(&db, &file, &[replaced, added]);

    eventually("the added document is listed", || get(&addr, "/api/documents")["total"] == 2);
    let hits = get(&addr, "/api/search?q=%D9%83%D9%84%D9%85%D8%A9%D9%86%D8%A7%D8%AF%D8%B1%D8%A9"); // كلمةنادرة
    assert_eq!(hits["total"], 1, "found by search: {hits:#}");
    let docs = get(&addr, "/api/documents");
    let a = docs["documents"].as_array().unwrap().iter().find(|d| d["key"] == "a").unwrap();
    let doc = get(&addr, &format!("/api/documents/{}", a["id"]));
    let text = doc["text"].as_str().unwrap();
    assert!(text.starts_with("تحديث"), "the new text: {doc:#}");
    let claims = doc["claims"].as_array().unwrap();
    assert!(!claims.is_empty());
    for c in claims {
        let (s, e) = (c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize);
        assert_eq!(text.get(s..e), c["text"].as_str(), "a claim's span indexes the new text: {c:#}");
    }
    assert!(claims.iter().any(|c| c["text"].as_str().unwrap().contains("650")), "{claims:#?}");
    let _ = child.kill();
    let _ = child.wait();
}

fn get_html(addr: &str, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    assert!(out.starts_with("HTTP/1.1 200"), "{path}: {}", &out[..out.len().min(200)]);
    out.split_once("\r\n\r\n").map(|x| x.1.to_string()).unwrap_or_default()
}

/// The document page says how each claim is read: what it counts and the frame's marks
/// (a projection is what a figure may reach, not a count of it).
#[test]
fn the_document_page_shows_the_frame_and_its_marks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let file = dir.path().join("docs.jsonl");
    let doc = json!({"id": "a", "published": "2017-10-15", "lang": "en",
        "text": "At least 40 people were killed, the ministry said. The toll could rise to 300, officials said."});
    ingest(&db, &file, &[doc]);
    let (mut child, addr) = common::serve(bin(), &["--db", db.to_str().unwrap(), "--lang", "en"]);
    let page = get_html(&addr.to_string(), "/document/1");
    let _ = child.kill();
    let _ = child.wait();
    assert!(page.contains("Counts"), "no frame row on the page");
    assert!(page.contains("people · killed"), "the frame's class and action: {page}");
    assert_eq!(page.matches("what it may reach (a projection)").count(), 1, "one projection, marked once");
}
