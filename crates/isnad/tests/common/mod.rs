//! Helpers shared by the CLI test binaries: where ../shared is, what a missing input
//! means under CI, and the one Recognizers-Text harness both languages are read by.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn shared() -> PathBuf {
    repo().join("../shared")
}

/// A missing input: fails under CI=true, else prints why and lets the test pass.
pub fn missing(what: &Path) -> bool {
    if what.exists() {
        return false;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{} is missing and CI=true: this test must run in CI", what.display());
    }
    eprintln!("SKIP: {} is missing (set CI=true to make this a failure)", what.display());
    true
}

fn dotnet(case: &Value, key: &str) -> bool {
    case.get(key).and_then(Value::as_str).is_some_and(|s| s.split(',').any(|p| p.trim().eq_ignore_ascii_case("dotnet")))
}

fn ignore_resolution(case: &Value) -> bool {
    match case.get("IgnoreResolution") {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
        (None, None) => true,
        _ => false,
    }
}

fn interval(s: &str) -> Option<(Option<f64>, Option<f64>)> {
    let inner = s.trim().get(1..s.trim().len() - 1)?;
    let (lo, hi) = inner.split_once(',')?;
    let num = |x: &str| {
        if x.trim().is_empty() {
            Some(None)
        } else {
            x.trim().parse().ok().map(Some)
        }
    };
    Some((num(lo)?, num(hi)?))
}

/// Compares one case's records with its expected results; `eq_words` mark an equality
/// (`يساوي 20`, `equals 20`) as an interval in the range file. `Err` says what differs.
pub fn compare(
    file: &str,
    input: &str,
    records: &[&Value],
    expected: &[Value],
    eq_words: &[&str],
) -> Result<(), String> {
    let got: Vec<&Value> = records
        .iter()
        .copied()
        .filter(|r| match file {
            "NumberRangeModel" => {
                let q = r["qualifier"].as_str().unwrap_or("");
                matches!(q, "range" | "at_least" | "at_most")
                    || (q == "exact" && eq_words.iter().any(|w| r["text"].as_str().unwrap_or("").contains(w)))
            }
            "PercentModel" => r["kind"] == "percent",
            _ => true,
        })
        .collect();
    let show =
        || got.iter().map(|r| format!("{} [{},{}]", r["text"], r["min"], r["max"])).collect::<Vec<_>>().join(", ");
    if got.len() != expected.len() {
        return Err(format!("{} records, want {}: {}", got.len(), expected.len(), show()));
    }
    for (g, e) in got.iter().zip(expected) {
        let text = e["Text"].as_str().unwrap_or_default();
        let es = match e["Start"].as_i64() {
            Some(s) if s >= 0 => input.char_indices().nth(s as usize).map_or(input.len(), |(b, _)| b),
            _ => input.find(text).unwrap_or(0),
        };
        let ee = es + text.len();
        let (gs, ge) = (g["start"].as_u64().unwrap_or(0) as usize, g["end"].as_u64().unwrap_or(0) as usize);
        if !((gs <= es && ee <= ge) || (es <= gs && ge <= ee)) {
            return Err(format!("span of {} does not cover {text:?}", g["text"]));
        }
        let share = g["kind"] == "percent" && file != "PercentModel";
        let val = |v: &Value| v.as_f64().map(|x| if share { x / 100.0 } else { x });
        let (min, max) = (val(&g["min"]), val(&g["max"]));
        let want = e["Resolution"]["value"].as_str().unwrap_or_default();
        if file == "NumberRangeModel" {
            let (lo, hi) = interval(want).ok_or_else(|| format!("bad interval {want:?}"))?;
            if !close(min, lo) || !close(max, hi) {
                return Err(format!("[{min:?},{max:?}], want {want}"));
            }
        } else {
            let w: f64 = want.trim_end_matches('%').parse().map_err(|_| format!("bad value {want:?}"))?;
            let one = match (min, max) {
                (Some(a), Some(b)) if close(Some(a), Some(b)) => Some(a),
                (Some(a), None) | (None, Some(a)) => Some(a),
                _ => None,
            };
            if !close(one, Some(w)) {
                return Err(format!("value [{min:?},{max:?}], want {w}"));
            }
        }
    }
    Ok(())
}

/// Runs every case of the number, range and percent files under `dir` that .NET checks
/// through `isnad extract --jsonl` (one file per case; `skip` names cases left out, with
/// the reason in the caller's docs). Returns (passed, checked, failure lines).
pub fn run_recognizers(
    dir: &Path,
    extract_args: &[&str],
    eq_words: &[&str],
    skip: &[(&str, &str)],
) -> (usize, usize, Vec<String>) {
    let tmp = tempfile::tempdir().unwrap();
    let mut cases = Vec::new();
    for file in ["NumberModel", "NumberRangeModel", "PercentModel"] {
        let raw = std::fs::read_to_string(dir.join(format!("{file}.json"))).unwrap();
        let all: Vec<Value> = serde_json::from_str(raw.trim_start_matches('\u{feff}')).unwrap();
        for (n, case) in all.into_iter().enumerate() {
            if dotnet(&case, "NotSupported") || dotnet(&case, "NotSupportedByDesign") || ignore_resolution(&case) {
                continue;
            }
            let input = case["Input"].as_str().unwrap_or_default();
            if skip.iter().any(|(f, i)| *f == file && *i == input) {
                continue;
            }
            let name = format!("{file}_{n:03}.txt");
            std::fs::write(tmp.path().join(&name), input).unwrap();
            cases.push((file, n, name, case));
        }
    }
    let out = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["extract", "--jsonl"])
        .args(extract_args)
        .arg(tmp.path())
        .output()
        .unwrap();
    let records: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let (mut pass, mut failures) = (0, Vec::new());
    for (file, n, name, case) in &cases {
        let mine: Vec<&Value> = records
            .iter()
            .filter(|r| r["type"] == "quantity" && r["doc"].as_str().is_some_and(|d| d.ends_with(name.as_str())))
            .collect();
        let input = case["Input"].as_str().unwrap_or_default();
        match compare(file, input, &mine, case["Results"].as_array().map_or(&[][..], |v| v), eq_words) {
            Ok(()) => pass += 1,
            Err(why) => failures.push(format!("  {file}#{n} {input:?}: {why}")),
        }
    }
    (pass, cases.len(), failures)
}

#[path = "../../../isnad-store/tests/support/pg.rs"]
pub mod pg;

/// A fresh, empty dossier of one backend, for tests that run on both.
pub struct Db {
    pub dir: tempfile::TempDir,
    pub pg: Option<pg::TempDb>,
}

/// SQLite always; PostgreSQL when `ISNAD_TEST_PG` names a server (and under CI=true it must).
pub fn both() -> Vec<Db> {
    let mut v = vec![Db { dir: tempfile::tempdir().unwrap(), pg: None }];
    if let Some(db) = pg::TempDb::new() {
        v.push(Db { dir: tempfile::tempdir().unwrap(), pg: Some(db) });
    }
    v
}

impl Db {
    pub fn name(&self) -> &'static str {
        if self.pg.is_some() {
            "postgres"
        } else {
            "sqlite"
        }
    }
    /// What `--db` takes: the file, or the database's URL.
    pub fn arg(&self) -> String {
        match &self.pg {
            Some(db) => db.url.clone(),
            None => self.dir.path().join("d.db").to_string_lossy().into_owned(),
        }
    }
    /// `--db ARG`, and for PostgreSQL the `--index` of this test's machine-local index.
    pub fn db_args(&self, searching: bool) -> Vec<String> {
        let mut v = vec!["--db".to_string(), self.arg()];
        if searching && self.pg.is_some() {
            v.push("--index".into());
            v.push(self.index().to_string_lossy().into_owned());
        }
        v
    }
    /// Where the search index is: beside the file, or the test's local folder.
    pub fn index(&self) -> PathBuf {
        match &self.pg {
            Some(_) => self.dir.path().join("pg.idx"),
            None => self.dir.path().join("d.db.idx"),
        }
    }
    /// One number from the dossier's database.
    pub fn count(&self, sql: &str) -> i64 {
        self.try_count(sql).unwrap_or_else(|| panic!("{}: {sql} failed", self.name()))
    }

    /// One number, or `None` while the database or its tables are not there yet.
    pub fn try_count(&self, sql: &str) -> Option<i64> {
        match &self.pg {
            Some(db) => db.try_count(sql).ok(),
            None => {
                let p = self.dir.path().join("d.db");
                if !p.exists() {
                    return None;
                }
                let c = rusqlite::Connection::open(p).ok()?;
                c.query_row(sql, [], |r| r.get(0)).ok()
            }
        }
    }
}

/// Starts `isnad serve` on a free loopback port (`args` follow `serve`, e.g. `--db D`)
/// and returns the process and the address it says it serves on.
pub fn serve(bin: &str, args: &[&str]) -> (std::process::Child, std::net::SocketAddr) {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(bin)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("starting isnad serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("serve's stdout")).read_line(&mut line).expect("serve's first line");
    let addr = line
        .trim()
        .trim_start_matches("isnad: serving http://")
        .trim_end_matches('/')
        .parse()
        .unwrap_or_else(|_| panic!("serve did not say where it serves: {line:?}"));
    (child, addr)
}
