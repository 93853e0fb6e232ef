//! External check of dates: Microsoft Recognizers-Text's Arabic `DateExtractor.json`
//! (MIT, in `../shared/peers/recognizers-text/Specs/DateTime/Arabic/`; see
//! `../shared/peers/README.md`), on the cases that name a month, which is what spec §4
//! asks isnad for. Relative expressions without a month (`غدا`, `الجمعة القادمة`) are no
//! claims in news and are left out.
//!
//! A case passes when isnad's date texts equal the expected texts, in order. The rate is
//! printed with each failure, and a floor at what isnad reaches is asserted.
//!
//! ## Failing by design
//!
//! - A weekday before the date (`الاثنين 12 يناير 2016`): isnad's span starts at the day,
//!   as the development gold's surfaces do (`يوم 12 أكتوبر` → `12 أكتوبر`).
//! - A month before its ordinal day (`مايو الحادي عشر`), years in words after a comma
//!   (`سبتمبر 10, ألف وتسعمائة وواحد`), `28-نوفمبر`, `2016. نوفمبر .16`, and years before
//!   1800 (`5 ديسمبر 1391`), a digit day after its month (`يناير 1`), `أول يوم جمعة من
//!   يوليو`: forms of the spec's examples (mostly translated from English), not of news
//!   prose. `اليوم` ("today") is no date record in spec §4.

use std::path::PathBuf;

use isnad_extract::{extract, Options};
use isnad_model::Record;
use serde_json::Value;

/// Month names as the specs spell them (both systems); a case naming one is in scope.
const MONTHS: &[&str] = &[
    "يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
    "ديسمبر", "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين",
];

/// Share of in-scope cases that must pass, in percent (what isnad reaches, rounded down).
const FLOOR: f64 = 44.0;

fn spec() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/peers/recognizers-text/Specs/DateTime/Arabic/DateExtractor.json")
}

fn names_dotnet(case: &Value, key: &str) -> bool {
    case.get(key).and_then(Value::as_str).is_some_and(|s| s.split(',').any(|p| p.trim().eq_ignore_ascii_case("dotnet")))
}

#[test]
fn recognizers_text_arabic_dates_with_a_month() {
    let path = spec();
    if !path.is_file() {
        eprintln!("SKIP: {} is missing; the Recognizers-Text date suite was not run", path.display());
        return;
    }
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cases: Vec<Value> = serde_json::from_str(raw.trim_start_matches('\u{feff}')).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (mut pass, mut total, mut failures) = (0, 0, Vec::new());
    for (n, case) in cases.iter().enumerate() {
        if names_dotnet(case, "NotSupported") || names_dotnet(case, "NotSupportedByDesign") {
            continue;
        }
        let input = case["Input"].as_str().unwrap_or_default();
        if !MONTHS.iter().any(|m| input.contains(m)) {
            continue;
        }
        total += 1;
        let want: Vec<&str> = case["Results"].as_array().into_iter().flatten().filter_map(|r| r["Text"].as_str()).collect();
        let got: Vec<String> = extract(input, &Options::default())
            .into_iter()
            .filter_map(|r| match r {
                Record::Date(d) => Some(d.text),
                _ => None,
            })
            .collect();
        if got == want {
            pass += 1;
        } else {
            failures.push(format!("  #{n} {input:?}: want {want:?}, got {got:?}"));
        }
    }
    let rate = if total == 0 { 100.0 } else { 100.0 * pass as f64 / total as f64 };
    println!("DateExtractor (cases naming a month): {pass}/{total} = {rate:.1}%");
    for f in &failures {
        println!("{f}");
    }
    assert!(total > 20, "only {total} in-scope cases: has the spec changed?");
    assert!(rate + 1e-9 >= FLOOR, "date pass rate {rate:.1}% below floor {FLOOR}%");
}
