//! External suite: Microsoft Recognizers-Text's Arabic number specs (and, at the end, its
//! date extractor; see "Dates" below): `NumberModel.json`, `NumberRangeModel.json`,
//! `PercentModel.json` (MIT, copied into
//! `../shared/peers/recognizers-text/Specs/Number/Arabic/`; see `../shared/peers/README.md`)
//! run against [`isnad_extract::scan::scan_numbers`].
//!
//! Two sets per file:
//! - **checked**: the cases the .NET implementation runs and checks values for (no
//!   `NotSupported`/`NotSupportedByDesign` naming dotnet, no `IgnoreResolution`). Compared:
//!   the number of results, each result's Text, its Start/End (character offsets, End
//!   inclusive; `-1` = not checked) and its value (numbers and percentages: the value;
//!   ranges: both numeric ends, open ends included, and an end's bracket wherever our
//!   mention says whether it is inclusive). A floor per file is asserted.
//! - **wider**: every case .NET runs, `IgnoreResolution` included; spans and counts only,
//!   because those values were never checked upstream and some are wrong. Reported, with
//!   a floor at what we reach.
//!
//! Results are filtered by the file's type: NumberModel compares our `Number` mentions,
//! NumberRangeModel our `Range` mentions, PercentModel our `Percent` mentions.
//!
//! If the specs folder is missing the test prints why and passes, except under CI=true,
//! where it fails: CI must run it.
//!
//! ## Skipped cases
//!
//! The README of `shared/peers` lists these as known-bad. None of them is in the
//! checked set (they are `IgnoreResolution` or not run by .NET); for the ones the
//! wider set holds only the value is wrong, and the wider set compares spans only, so
//! their spans are still compared there and only their values are set aside.
//!
//! | file | input (start) | what is skipped | why |
//! |---|---|---|---|
//! | NumberModel | `البيت قيمته ٣٢٢ ألف ريال` | value | expected 32200; ٣٢٢ ألف is 322000 (README) |
//! | NumberModel | `مليون وألفين ومائتين وثلاثة أخماس الأكواب` | value | expected 200440.6; the expression is 1002200.6 (README) |
//! | NumberModel | the case expecting Text `اثنين`, absent from its Input | whole case | `NotSupported: dotnet`, never selected (README) |
//!
//! `SKIPPED` below holds the same list; cases named there but absent from both sets are
//! simply never met.
//!
//! ## Failing by design
//!
//! `ثمن الوزن` and `حذفت ثمن المحتوى` expect ثمن = an eighth. In news ثمن is nearly always
//! "price" (`ثمن البضائع`), and the same grammar reads news, so isnad reads an eighth only in
//! the plural after a count (`خمسة أثمان`). These two stay counted as failures.
//!
//! ## Dates
//!
//! A second test runs `DateExtractor.json` against [`isnad_extract::extract`]'s dates
//! (MIT, in `../shared/peers/recognizers-text/Specs/DateTime/Arabic/`; see
//! `../shared/peers/README.md`), on the cases that name a month, which is what spec §4
//! asks isnad for. Relative expressions without a month (`غدا`, `الجمعة القادمة`) are no
//! claims in news and are left out.
//!
//! A case passes when isnad's date texts equal the expected texts, in order. The rate is
//! printed with each failure, and a floor at what isnad reaches is asserted.
//!
//! Failing by design:
//!
//! - A weekday before the date (`الاثنين 12 يناير 2016`): isnad's span starts at the day,
//!   as the development gold's surfaces do (`يوم 12 أكتوبر` → `12 أكتوبر`).
//! - A month before its ordinal day (`مايو الحادي عشر`), years in words after a comma
//!   (`سبتمبر 10, ألف وتسعمائة وواحد`), `28-نوفمبر`, `2016. نوفمبر .16`, and years before
//!   1800 (`5 ديسمبر 1391`), a digit day after its month (`يناير 1`), `أول يوم جمعة من
//!   يوليو`: forms of the spec's examples (mostly translated from English), not of news
//!   prose. `اليوم` ("today") is no date record in spec §4.
use std::path::PathBuf;

use isnad_extract::scan::{scan_numbers, MentionKind, NumberMention};
use isnad_extract::{extract, Options};
use isnad_model::Record;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    /// Leave the case out of both sets.
    Case,
    /// Keep the case, but never compare its values.
    Value,
}

/// (file, start of the Input, what is skipped, why). See the table in the module comment.
const SKIPPED: &[(&str, &str, Skip, &str)] = &[
    ("NumberModel", "البيت قيمته ٣٢٢ ألف ريال", Skip::Value, "expected value 32200; ٣٢٢ ألف is 322000"),
    (
        "NumberModel",
        "مليون وألفين ومائتين وثلاثة أخماس",
        Skip::Value,
        "expected value 200440.6; the expression is 1002200.6",
    ),
];

/// Pass-rate floors (percent) per file: (file, checked set, wider set). Raised as the
/// grammar grows; never lowered to make the test pass.
/// Reached at the first commit of this suite: checked 39/41, 48/48, 14/14
/// (101/103 = 98.1 % overall); wider 113/142, 100/105, 26/26.
const FLOORS: &[(&str, f64, f64)] =
    &[("NumberModel", 95.1, 79.5), ("NumberRangeModel", 100.0, 95.2), ("PercentModel", 100.0, 100.0)];

fn specs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/peers/recognizers-text/Specs/Number/Arabic")
}

/// A missing `../shared` input: a failure under CI=true (CI must run this), else a note.
fn skip_missing(what: &std::path::Path) {
    assert!(
        std::env::var("CI").map_or(true, |v| v != "true"),
        "{} is missing and CI=true: this test must run in CI",
        what.display()
    );
    eprintln!("SKIP: {} is missing; not run (CI=true makes this a failure)", what.display());
}

fn names_dotnet(case: &Value, key: &str) -> bool {
    case.get(key).and_then(Value::as_str).is_some_and(|s| s.split(',').any(|p| p.trim().eq_ignore_ascii_case("dotnet")))
}

fn ignore_resolution(case: &Value) -> bool {
    match case.get("IgnoreResolution") {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

fn skip_of(file: &str, input: &str) -> Option<Skip> {
    SKIPPED.iter().find(|(f, start, _, _)| *f == file && input.starts_with(start)).map(|s| s.2)
}

/// A parsed interval `[20,30)`, `(,100]`: (min, min inclusive, max, max inclusive).
fn parse_interval(s: &str) -> Option<(Option<f64>, bool, Option<f64>, bool)> {
    let s = s.trim();
    let lo_inc = s.starts_with('[');
    let hi_inc = s.ends_with(']');
    let inner = s.get(1..s.len() - 1)?;
    let (lo, hi) = inner.split_once(',')?;
    let num = |x: &str| -> Option<Option<f64>> {
        let x = x.trim();
        if x.is_empty() {
            Some(None)
        } else {
            x.parse().ok().map(Some)
        }
    };
    Some((num(lo)?, lo_inc, num(hi)?, hi_inc))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// Character offsets of a byte span (End inclusive, as in the specs).
fn char_span(input: &str, m: &NumberMention) -> (i64, i64) {
    let start = input[..m.start].chars().count() as i64;
    let len = input[m.start..m.end].chars().count() as i64;
    (start, start + len - 1)
}

/// Compares one case; `Err` says what differs.
fn compare(file: &str, kind: MentionKind, case: &Value, check_values: bool) -> Result<(), String> {
    let input = case["Input"].as_str().ok_or("no Input")?;
    let expected = case["Results"].as_array().ok_or("no Results")?;
    let got: Vec<NumberMention> = scan_numbers(input).into_iter().filter(|m| m.kind == kind).collect();
    let show = |g: &[NumberMention]| {
        g.iter().map(|m| format!("{:?} [{:?},{:?}]", m.text, m.min, m.max)).collect::<Vec<_>>().join(", ")
    };
    if got.len() != expected.len() {
        return Err(format!("{} results, want {}: got {}", got.len(), expected.len(), show(&got)));
    }
    let values = check_values && skip_of(file, input) != Some(Skip::Value);
    for (g, e) in got.iter().zip(expected) {
        let text = e["Text"].as_str().unwrap_or_default();
        if g.text != text {
            return Err(format!("text {:?}, want {:?}", g.text, text));
        }
        let (s, en) = (e["Start"].as_i64().unwrap_or(-1), e["End"].as_i64().unwrap_or(-1));
        let (gs, ge) = char_span(input, g);
        if (s >= 0 && s != gs) || (en >= 0 && en != ge) {
            return Err(format!("span {gs}..={ge}, want {s}..={en}"));
        }
        if !values {
            continue;
        }
        let v = e["Resolution"]["value"].as_str().unwrap_or_default();
        match kind {
            MentionKind::Number | MentionKind::Percent => {
                let want: f64 = v.trim_end_matches('%').parse().map_err(|_| format!("bad value {v:?}"))?;
                if !(close_opt(g.min, Some(want)) && close_opt(g.max, Some(want))) {
                    return Err(format!("value [{:?},{:?}], want {want}", g.min, g.max));
                }
            }
            MentionKind::Range => {
                let (lo, lo_inc, hi, hi_inc) = parse_interval(v).ok_or_else(|| format!("bad interval {v:?}"))?;
                if !close_opt(g.min, lo) || !close_opt(g.max, hi) {
                    return Err(format!("interval [{:?},{:?}], want {v}", g.min, g.max));
                }
                let bad_lo = lo.is_some() && g.min_inclusive.is_some_and(|b| b != lo_inc);
                let bad_hi = hi.is_some() && g.max_inclusive.is_some_and(|b| b != hi_inc);
                if bad_lo || bad_hi {
                    return Err(format!("brackets {:?}/{:?}, want {v}", g.min_inclusive, g.max_inclusive));
                }
            }
        }
    }
    Ok(())
}

#[derive(Default)]
struct Tally {
    pass: usize,
    total: usize,
    failures: Vec<String>,
}

impl Tally {
    fn rate(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            100.0 * self.pass as f64 / self.total as f64
        }
    }
}

#[test]
fn recognizers_text_arabic_numbers() {
    let dir = specs_dir();
    if !dir.is_dir() {
        skip_missing(&dir);
        return;
    }
    let files = [
        ("NumberModel", MentionKind::Number),
        ("NumberRangeModel", MentionKind::Range),
        ("PercentModel", MentionKind::Percent),
    ];
    let mut below = Vec::new();
    let (mut all_checked, mut all_wider) = (Tally::default(), Tally::default());
    for (file, kind) in files {
        let path = dir.join(format!("{file}.json"));
        let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let cases: Vec<Value> = serde_json::from_str(raw.trim_start_matches('\u{feff}'))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (mut checked, mut wider) = (Tally::default(), Tally::default());
        for (n, case) in cases.iter().enumerate() {
            if names_dotnet(case, "NotSupported") || names_dotnet(case, "NotSupportedByDesign") {
                continue;
            }
            let input = case["Input"].as_str().unwrap_or_default();
            if skip_of(file, input) == Some(Skip::Case) {
                continue;
            }
            let label = |why: String| format!("  {file}#{n} {input:?}: {why}");
            wider.total += 1;
            match compare(file, kind, case, false) {
                Ok(()) => wider.pass += 1,
                Err(why) => wider.failures.push(label(why)),
            }
            if !ignore_resolution(case) {
                checked.total += 1;
                match compare(file, kind, case, true) {
                    Ok(()) => checked.pass += 1,
                    Err(why) => checked.failures.push(label(why)),
                }
            }
        }
        println!(
            "{file}: checked {}/{} = {:.1}%, wider (spans only) {}/{} = {:.1}%",
            checked.pass,
            checked.total,
            checked.rate(),
            wider.pass,
            wider.total,
            wider.rate()
        );
        for f in &checked.failures {
            println!("  checked FAIL{f}");
        }
        for f in &wider.failures {
            println!("  wider   FAIL{f}");
        }
        let (_, floor_checked, floor_wider) = FLOORS.iter().find(|f| f.0 == file).copied().unwrap_or((file, 90.0, 0.0));
        if checked.rate() + 1e-9 < floor_checked {
            below.push(format!("{file} checked {:.1}% < floor {floor_checked}%", checked.rate()));
        }
        if wider.rate() + 1e-9 < floor_wider {
            below.push(format!("{file} wider {:.1}% < floor {floor_wider}%", wider.rate()));
        }
        all_checked.pass += checked.pass;
        all_checked.total += checked.total;
        all_wider.pass += wider.pass;
        all_wider.total += wider.total;
    }
    println!(
        "overall: checked {}/{} = {:.1}%, wider {}/{} = {:.1}%",
        all_checked.pass,
        all_checked.total,
        all_checked.rate(),
        all_wider.pass,
        all_wider.total,
        all_wider.rate()
    );
    assert!(below.is_empty(), "pass rate below floor: {below:?}");
}

/// Month names as the specs spell them (both systems); a case naming one is in scope.
const MONTHS: &[&str] = &[
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ابريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين",
];

/// Share of in-scope cases that must pass, in percent (what isnad reaches, rounded down).
const DATE_FLOOR: f64 = 44.0;

fn date_spec() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/peers/recognizers-text/Specs/DateTime/Arabic/DateExtractor.json")
}

#[test]
fn recognizers_text_arabic_dates_with_a_month() {
    let path = date_spec();
    if !path.is_file() {
        skip_missing(&path);
        return;
    }
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cases: Vec<Value> =
        serde_json::from_str(raw.trim_start_matches('\u{feff}')).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
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
        let want: Vec<&str> =
            case["Results"].as_array().into_iter().flatten().filter_map(|r| r["Text"].as_str()).collect();
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
    assert!(rate + 1e-9 >= DATE_FLOOR, "date pass rate {rate:.1}% below floor {DATE_FLOOR}%");
}
