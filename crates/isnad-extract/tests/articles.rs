//! Whole-article snapshots: every claim and date of each demo report (our own invented
//! texts in examples/), with speaker, cue, relay and stance. A change in any rule shows
//! up here as a reviewable diff (`cargo insta review`).

use std::fmt::Write;
use std::path::Path;

use isnad_extract::{extract, Options};
use isnad_model::Record;

fn listing(text: &str) -> String {
    let mut out = String::new();
    for r in extract(text, &Options::default()) {
        match r {
            Record::Quantity(q) => {
                let value = match (q.min, q.max) {
                    (Some(a), Some(b)) if a == b => format!("{a}"),
                    (a, b) => format!(
                        "{}..{}",
                        a.map_or("".into(), |v| v.to_string()),
                        b.map_or("".into(), |v| v.to_string())
                    ),
                };
                let who = q.speaker.as_ref().map_or("—".to_string(), |s| match &s.id {
                    Some(id) => format!("{} [{id}]", s.text),
                    None => s.text.clone(),
                });
                let via = q.source.as_ref().map_or(String::new(), |s| format!(" via {}", s.text));
                writeln!(
                    out,
                    "{} | {value} {} {}{} | counted {} | {who}{via} | cue {} | {}",
                    q.text,
                    q.qualifier.as_str(),
                    q.kind.as_str(),
                    q.unit.as_deref().map_or(String::new(), |u| format!(" {u}")),
                    q.counted.as_deref().unwrap_or("—"),
                    q.cue.as_deref().unwrap_or("—"),
                    q.stance.as_str()
                )
                .unwrap();
            }
            Record::Date(d) => writeln!(out, "{} | date {}", d.text, d.date.as_deref().unwrap_or("?")).unwrap(),
        }
    }
    out
}

#[test]
fn demo_reports() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/demo");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 8);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(name, listing(&text));
    }
}
