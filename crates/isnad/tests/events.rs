//! Events through the command line, on fixtures of our own (short news-style reports
//! written for these tests): `isnad ingest` of JSON Lines with publication dates, then
//! `isnad report --json`. Each test names the property of the events ledger it holds.

use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_isnad")
}

/// Ingests the documents into a fresh dossier and returns the report's data model.
fn ledger(docs: &[Value]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.jsonl");
    let lines: Vec<String> = docs.iter().map(|d| d.to_string()).collect();
    std::fs::write(&input, lines.join("\n")).unwrap();
    let db = dir.path().join("d.db");
    run(&["ingest", input.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    let out = dir.path().join("r.json");
    run(&["report", "--db", db.to_str().unwrap(), "--json", out.to_str().unwrap(), "-q"]);
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

fn run(args: &[&str]) {
    let o = Command::new(bin()).args(args).output().unwrap();
    assert!(o.status.success(), "isnad {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

fn doc(id: &str, published: &str, text: &str) -> Value {
    json!({"id": id, "published": published, "outlet": format!("outlet-{id}"), "text": text})
}

/// The event holding document `id`.
fn event_of<'a>(l: &'a Value, id: &str) -> &'a Value {
    l["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["documents"].as_array().unwrap().iter().any(|d| d == id))
        .unwrap_or_else(|| panic!("{id} in no event: {l:#}"))
}

/// The figure holding the claim whose text is `claim` in document `id`.
fn figure_of<'a>(l: &'a Value, id: &str, claim: &str) -> &'a Value {
    l["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["entries"].as_array().unwrap().iter().any(|e| {
                e["parts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p["doc"] == id && p["text"].as_str().unwrap().contains(claim))
            })
        })
        .unwrap_or_else(|| panic!("«{claim}» of {id} in no figure"))
}

const DOUMA_2018_A: &str = "مقتل العشرات في هجوم كيماوي على مدينة دوما\n\
قال الدفاع المدني السوري إن 42 شخصاً على الأقل قتلوا في هجوم بغاز سام استهدف مدينة دوما في الغوطة الشرقية مساء السبت، \
وأضاف أن مئات المدنيين أصيبوا بحالات اختناق. وقال مسعفون في دوما إن بين القتلى نساء وأطفالاً وإن الهجوم الكيماوي وقع بعد غارات جوية على المدينة.";
const DOUMA_2018_B: &str = "ارتفاع حصيلة الهجوم الكيماوي على دوما\n\
أعلنت منظمة الخوذ البيضاء أن عدد القتلى في الهجوم الكيماوي على مدينة دوما ارتفع إلى 70 قتيلاً، \
فيما قال ناشطون في الغوطة الشرقية إن أكثر من 500 شخص عولجوا من أعراض الاختناق بعد الهجوم بالغاز السام على دوما.";
const DOUMA_2019: &str = "غارات على دوما تقتل مدنيين في سوق شعبي\n\
قال مسعفون إن 12 مدنياً قتلوا في غارات جوية استهدفت سوقاً شعبياً في مدينة دوما صباح الجمعة، وإن عشرات الجرحى نقلوا إلى مستشفى المدينة. \
وكانت مدينة دوما قد تعرضت في 7 أبريل 2018 لهجوم كيماوي قتل فيه 43 شخصاً بحسب مسعفين.";
const DOUMA_2019_B: &str = "حصيلة غارات سوق دوما ترتفع\n\
ارتفع عدد قتلى غارات الجمعة على سوق مدينة دوما الشعبي إلى 15 قتيلاً، بحسب مسعفين، بينما لا يزال عشرات الجرحى في مستشفى المدينة بعد الغارات الجوية على السوق.";
const DOUMA_RETRO: &str = "تحقيق جديد في هجوم دوما الكيماوي\n\
نشرت منظمة حظر الأسلحة الكيماوية تقريراً عن الهجوم الكيماوي على مدينة دوما في أبريل 2018، \
وقال التقرير إن الغاز السام قتل 43 شخصاً في دوما، وإن الهجوم وقع بعد غارات جوية على المدينة في الغوطة الشرقية.";

#[test]
fn two_events_in_one_place_a_year_apart_stay_apart() {
    let l = ledger(&[
        doc("a1", "2018-04-08", DOUMA_2018_A),
        doc("a2", "2018-04-09", DOUMA_2018_B),
        doc("b1", "2019-05-10", DOUMA_2019),
        doc("b2", "2019-05-11", DOUMA_2019_B),
    ]);
    let a = event_of(&l, "a1");
    assert_eq!(a["id"], event_of(&l, "a2")["id"], "one attack, one event");
    let b = event_of(&l, "b1");
    assert_ne!(a["id"], b["id"], "a year apart: two events");
    assert_eq!(b["id"], event_of(&l, "b2")["id"]);
    // their tolls are two figures
    assert_ne!(figure_of(&l, "a2", "70 قتيلاً")["id"], figure_of(&l, "b2", "15 قتيلاً")["id"]);
    assert_eq!(figure_of(&l, "b1", "12 مدنياً")["id"], figure_of(&l, "b2", "15 قتيلاً")["id"]);
}

#[test]
fn a_retrospective_report_joins_the_original_event() {
    let l = ledger(&[
        doc("a1", "2018-04-08", DOUMA_2018_A),
        doc("a2", "2018-04-09", DOUMA_2018_B),
        doc("r", "2019-03-01", DOUMA_RETRO),
    ]);
    assert_eq!(event_of(&l, "r")["id"], event_of(&l, "a1")["id"]);
    assert_eq!(figure_of(&l, "r", "43 شخصاً")["id"], figure_of(&l, "a2", "70 قتيلاً")["id"]);
}

#[test]
fn a_document_recalling_a_second_event_sends_that_claim_there() {
    let l = ledger(&[
        doc("a1", "2018-04-08", DOUMA_2018_A),
        doc("a2", "2018-04-09", DOUMA_2018_B),
        doc("b1", "2019-05-10", DOUMA_2019),
        doc("b2", "2019-05-11", DOUMA_2019_B),
    ]);
    assert_ne!(event_of(&l, "b1")["id"], event_of(&l, "a1")["id"]);
    // b1's own toll stays in its event; the 43 killed of April 2018 go to the attack's toll
    let recalled = figure_of(&l, "b1", "43 شخصاً");
    assert_eq!(recalled["id"], figure_of(&l, "a2", "70 قتيلاً")["id"]);
    assert_eq!(recalled["event"], event_of(&l, "a1")["id"]);
}

#[test]
fn two_events_on_one_day_in_two_countries_stay_apart() {
    let flood = "فيضانات تجتاح مدينة درنة الليبية\n\
قالت السلطات في شرق ليبيا إن 2000 شخص لقوا حتفهم في الفيضانات التي ضربت مدينة درنة بعد انهيار سدين، \
وإن آلاف المفقودين لا يزالون تحت الأنقاض في درنة.";
    let flood2 = "حصيلة فيضانات درنة ترتفع\n\
أعلن الهلال الأحمر الليبي أن عدد ضحايا الفيضانات في درنة تجاوز 3000 قتيل، فيما لا يزال 10 آلاف شخص في عداد المفقودين بعد انهيار السدين.";
    let quake = "زلزال يضرب جبال الأطلس في المغرب\n\
قالت وزارة الداخلية المغربية إن 820 شخصاً قتلوا في الزلزال الذي ضرب إقليم الحوز جنوب مراكش ليلة الجمعة، \
وإن مئات المنازل انهارت في القرى الجبلية في المغرب.";
    let quake2 = "ارتفاع ضحايا زلزال المغرب\n\
ارتفع عدد قتلى الزلزال في المغرب إلى 1037 قتيلاً بحسب وزارة الداخلية، فيما تواصل فرق الإنقاذ البحث في قرى إقليم الحوز المدمرة.";
    let l = ledger(&[
        doc("f1", "2023-09-12", flood),
        doc("q1", "2023-09-12", quake),
        doc("f2", "2023-09-13", flood2),
        doc("q2", "2023-09-12", quake2),
    ]);
    assert_eq!(event_of(&l, "f1")["id"], event_of(&l, "f2")["id"]);
    assert_eq!(event_of(&l, "q1")["id"], event_of(&l, "q2")["id"]);
    assert_ne!(event_of(&l, "f1")["id"], event_of(&l, "q1")["id"]);
    assert_ne!(figure_of(&l, "f2", "3000 قتيل")["id"], figure_of(&l, "q2", "1037 قتيلاً")["id"]);
    assert_eq!(figure_of(&l, "q1", "820 شخصاً")["id"], figure_of(&l, "q2", "1037 قتيلاً")["id"]);
}

#[test]
fn events_and_their_figures_are_in_the_report_model() {
    let l = ledger(&[doc("a1", "2018-04-08", DOUMA_2018_A), doc("a2", "2018-04-09", DOUMA_2018_B)]);
    let e = event_of(&l, "a1");
    assert!(e["title"].as_str().unwrap().contains("دوما"), "{e:#}");
    assert_eq!(e["from"], "2018-04-08");
    assert_eq!(e["to"], "2018-04-09");
    let f = figure_of(&l, "a1", "42 شخصاً");
    assert!(e["figures"].as_array().unwrap().contains(&f["id"]));
    assert!(!e["reasons"].as_array().unwrap().is_empty());
    // the source is the outlet the metadata gives, never a path piece
    assert_eq!(f["entries"][0]["parts"][0]["outlet"].as_str().map(|s| s.starts_with("outlet-")), Some(true));
    let _ = Path::new(bin());
}
