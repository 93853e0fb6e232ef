//! `isnad report` end to end, and the analyst's decisions surviving a re-ingest of
//! edited documents and a re-extraction.

use isnad_ledger::{Decision, ItemKey};
use isnad_store::{LedgerStore, SqliteStore};
use std::path::{Path, PathBuf};
use std::process::Command;

fn isnad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_isnad"))
}

fn run(args: &[&str], db: &Path) -> String {
    let out = isnad().args(args).arg("--db").arg(db).output().expect("run isnad");
    assert!(out.status.success(), "isnad {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn model(db: &Path, dir: &Path) -> serde_json::Value {
    let json = dir.join("model.json");
    run(&["report", "--quiet", "--json", json.to_str().unwrap()], db);
    serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap()
}

fn copy_demo(to: &Path) -> Vec<PathBuf> {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/demo");
    std::fs::create_dir_all(to).unwrap();
    let mut out = Vec::new();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "txt") {
            let p = to.join(e.file_name());
            std::fs::copy(e.path(), &p).unwrap();
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn report_writes_a_page_and_a_model() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = copy_demo(&tmp.path().join("docs"));
    let db = tmp.path().join("d.db");
    run(&["ingest", docs[0].parent().unwrap().to_str().unwrap()], &db);
    let html = tmp.path().join("r.html");
    let err = run(&["report", "--out", html.to_str().unwrap()], &db);
    assert!(err.contains("figures"), "{err}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("dir=\"rtl\"") && page.contains("<svg"));
    let m = model(&db, tmp.path());
    assert!(m["figures"].as_array().unwrap().len() >= 5);
    // No output at all is a usage error, not an empty file.
    let out = isnad().args(["report", "--db"]).arg(&db).output().unwrap();
    assert!(!out.status.success());
}

#[test]
fn a_name_survives_reingest_of_edited_documents_and_reextract() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = copy_demo(&tmp.path().join("docs"));
    let dir = docs[0].parent().unwrap().to_str().unwrap().to_string();
    let db = tmp.path().join("d.db");
    run(&["ingest", &dir], &db);
    let m = model(&db, tmp.path());
    let top = &m["figures"][0];
    let key: ItemKey = serde_json::from_value(top["entries"][0]["key"].clone()).unwrap();
    let first_text = top["entries"][0]["parts"][0]["text"].as_str().unwrap().to_string();
    {
        let mut s = SqliteStore::open(&db).unwrap();
        let d = Decision::Name { item: key.clone(), name: "Who left Tel al-Zaytoun".into() };
        s.add_decision(&serde_json::to_string(&d).unwrap()).unwrap();
    }
    let named = |m: &serde_json::Value| -> Vec<String> {
        m["figures"].as_array().unwrap().iter().filter_map(|f| f["name"].as_str().map(str::to_string)).collect()
    };
    assert_eq!(named(&model(&db, tmp.path())), ["Who left Tel al-Zaytoun"]);

    // Every document edited (new content hash, claims stored again under new row ids).
    for p in &docs {
        let mut t = std::fs::read_to_string(p).unwrap();
        t.push_str("\n\nتحديث: أضيفت هذه الفقرة لاحقاً.\n");
        std::fs::write(p, t).unwrap();
    }
    let err = run(&["ingest", &dir], &db);
    assert!(err.contains("replaced 8"), "{err}");
    run(&["reextract"], &db);
    let m = model(&db, tmp.path());
    assert_eq!(named(&m), ["Who left Tel al-Zaytoun"]);
    let f = m["figures"].as_array().unwrap().iter().find(|f| f["name"].is_string()).unwrap();
    assert_eq!(f["entries"][0]["parts"][0]["text"].as_str().unwrap(), first_text);
    assert_eq!(m["unresolved_decisions"], 0);
}

/// The projection mark goes from extraction through the dossier's frame column to the
/// ledger: the claim that says what the toll may reach is in the toll's figure, marked
/// `projection`, outside the best estimate and the agree / contradict counts.
#[test]
fn a_stored_projection_reaches_the_ledger() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = [
        ("a", "قال الدفاع المدني إن 100 شخص قتلوا في قصف على بلدة التلال يوم 20 سبتمبر 2023."),
        ("b", "وقالت وزارة الصحة إن 110 أشخاص قتلوا في قصف على بلدة التلال يوم 20 سبتمبر 2023."),
        ("c", "وقال المرصد إن حصيلة القتلى في قصف بلدة التلال قد تصل إلى 300 قتيل."),
    ];
    let lines: String = docs
        .iter()
        .map(|(k, t)| {
            let url = format!("https://example.org/{k}");
            format!("{}\n", serde_json::json!({"text": t, "url": url, "published": "2023-09-21"}))
        })
        .collect();
    let input = tmp.path().join("p.jsonl");
    std::fs::write(&input, lines).unwrap();
    let db = tmp.path().join("p.db");
    run(&["ingest", input.to_str().unwrap()], &db);
    let m = model(&db, tmp.path());
    let figs = m["figures"].as_array().unwrap();
    assert_eq!(figs.len(), 1, "{m:#}");
    let f = &figs[0];
    let marks: Vec<(&str, &str)> = f["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["parts"][0]["text"].as_str().unwrap(), e["mark"].as_str().unwrap()))
        .collect();
    assert_eq!(marks, [("100 شخص", "agrees"), ("110 أشخاص", "agrees"), ("تصل إلى 300 قتيل", "projection")]);
    assert_eq!(f["entries"][2]["parts"][0]["projection"], true);
    assert_eq!((f["best"].as_f64(), f["high"].as_f64()), (Some(100.0), Some(110.0)));
    assert_eq!((f["agree"].as_u64(), f["contradict"].as_u64()), (Some(2), Some(0)));
    let html = tmp.path().join("r.html");
    run(&["report", "--quiet", "--out", html.to_str().unwrap()], &db);
    assert!(std::fs::read_to_string(&html).unwrap().contains("قد يصل"));
}
