//! Events through the command line, on fixtures of our own (short news-style reports
//! written for these tests): `isnad ingest` of JSON Lines with publication dates, then
//! `isnad report --json`. Each test names the property of the events ledger it holds.

mod common;

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
    report(&db, dir.path())
}

/// The report's model, built one unit of events at a time as `isnad report` does, after
/// checking that it is, byte for byte, the model built from the whole dossier at once.
fn report(db: &Path, dir: &Path) -> Value {
    let (streamed, whole) = (dir.join("r.json"), dir.join("whole.json"));
    let db = db.to_str().unwrap();
    run(&["report", "--db", db, "--json", streamed.to_str().unwrap(), "-q"]);
    run(&["report", "--db", db, "--json", whole.to_str().unwrap(), "-q", "--whole"]);
    let (a, b) = (std::fs::read_to_string(streamed).unwrap(), std::fs::read_to_string(whole).unwrap());
    assert!(a == b, "the report built by units differs from the whole dossier's:\n{a}\n---\n{b}");
    serde_json::from_str(&a).unwrap()
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

/// A dossier of the two Douma events, kept for decisions to be added to it.
struct Decided {
    dir: tempfile::TempDir,
}

impl Decided {
    fn new(docs: &[Value]) -> Decided {
        let dir = tempfile::tempdir().unwrap();
        let d = Decided { dir };
        d.write(docs);
        run(&["ingest", &d.input(), "--db", &d.db()]);
        d
    }
    fn input(&self) -> String {
        self.dir.path().join("docs.jsonl").to_str().unwrap().to_string()
    }
    fn db(&self) -> String {
        self.dir.path().join("d.db").to_str().unwrap().to_string()
    }
    fn write(&self, docs: &[Value]) {
        let lines: Vec<String> = docs.iter().map(|d| d.to_string()).collect();
        std::fs::write(self.input(), lines.join("\n")).unwrap();
    }
    fn decide(&self, d: isnad_ledger::Decision) {
        use isnad_store::LedgerStore;
        let mut s = isnad_store::SqliteStore::open(Path::new(&self.db())).unwrap();
        s.add_decision(&serde_json::to_string(&d).unwrap()).unwrap();
    }
    fn model(&self) -> Value {
        report(Path::new(&self.db()), self.dir.path())
    }
}

fn dk(key: &str) -> isnad_ledger::DocKey {
    // The key alone: the hash is how a stored document is found first, the key the fallback.
    isnad_ledger::DocKey { doc_hash: String::new(), doc_key: key.into() }
}

fn douma() -> Vec<Value> {
    vec![
        doc("a1", "2018-04-08", DOUMA_2018_A),
        doc("a2", "2018-04-09", DOUMA_2018_B),
        doc("b1", "2019-05-10", DOUMA_2019),
        doc("b2", "2019-05-11", DOUMA_2019_B),
    ]
}

#[test]
fn event_decisions_regroup_the_figures_inside_them() {
    use isnad_ledger::Decision;
    let d = Decided::new(&douma());
    let before = d.model();
    let events_before = before["events"].as_array().unwrap().len();
    assert_eq!(figure_of(&before, "a1", "42 شخصاً")["id"], figure_of(&before, "a2", "70 قتيلاً")["id"]);

    // Split a2 off: the attack's toll is no longer one figure across a1 and a2.
    d.decide(Decision::SplitEvent { docs: vec![dk("a2")] });
    let m = d.model();
    assert_ne!(event_of(&m, "a1")["id"], event_of(&m, "a2")["id"]);
    assert_eq!(m["events"].as_array().unwrap().len(), events_before + 1);
    assert_eq!(event_of(&m, "a2")["user"], json!(["split"]));
    assert_eq!(event_of(&m, "a2")["from"], "2018-04-09");
    assert!(event_of(&m, "a2")["title"].as_str().unwrap().contains("دوما"), "{:#}", event_of(&m, "a2"));
    let a2_toll = figure_of_or_none(&m, "a2", "70 قتيلاً");
    assert!(a2_toll.is_none_or(|f| f["event"] == event_of(&m, "a2")["id"]), "a2's toll stays in a2's event");

    // Move it back by hand, into the event holding a1: one figure again.
    d.decide(Decision::MoveDocument { doc: dk("a2"), to: dk("a1") });
    let m = d.model();
    assert_eq!(event_of(&m, "a1")["id"], event_of(&m, "a2")["id"]);
    assert_eq!(m["events"].as_array().unwrap().len(), events_before, "the emptied event is gone");
    assert_eq!(figure_of(&m, "a1", "42 شخصاً")["id"], figure_of(&m, "a2", "70 قتيلاً")["id"]);

    // Name the 2019 event; merge the two (an analyst who thinks they are one story).
    d.decide(Decision::NameEvent { doc: dk("b2"), name: "غارات سوق دوما".into() });
    let m = d.model();
    assert_eq!(event_of(&m, "b1")["title"], "غارات سوق دوما");
    assert_eq!(figure_of(&m, "b1", "12 مدنياً")["event_title"], "غارات سوق دوما");
    d.decide(Decision::MergeEvents { a: dk("b1"), b: dk("a1") });
    let m = d.model();
    let e = event_of(&m, "a1");
    assert_eq!(e["id"], event_of(&m, "b2")["id"]);
    assert_eq!(e["title"], "غارات سوق دوما", "the name stays with the merged event");
    assert_eq!((e["from"].as_str(), e["to"].as_str()), (Some("2018-04-08"), Some("2019-05-11")));
    assert_eq!(e["documents"].as_array().unwrap().len(), 4);
    assert_eq!(m["unresolved_decisions"], 0);
}

/// An analyst's figure decisions may tie figures of two events (a merge across them);
/// the report, built one unit of events at a time, keeps them together.
#[test]
fn a_figure_merge_across_events_holds_in_the_report() {
    use isnad_ledger::{ClaimKey, Decision};
    let d = Decided::new(&douma());
    let m = d.model();
    assert_ne!(event_of(&m, "a1")["id"], event_of(&m, "b1")["id"]);
    let key = |doc: &str, claim: &str| -> Vec<ClaimKey> {
        let f = figure_of(&m, doc, claim);
        let e = f["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["parts"][0]["doc"] == doc && e["parts"][0]["text"].as_str().unwrap().contains(claim))
            .unwrap();
        serde_json::from_value(e["key"].clone()).unwrap()
    };
    let (a, b) = (key("a1", "42 شخصاً"), key("b1", "12 مدنياً"));
    d.decide(Decision::Merge { a: a.clone(), b });
    d.decide(Decision::Name { item: a, name: "حصيلتا دوما".into() });
    let m = d.model();
    let f = figure_of(&m, "a1", "42 شخصاً");
    assert_eq!(f["id"], figure_of(&m, "b1", "12 مدنياً")["id"], "{f:#}");
    assert_eq!(f["name"], "حصيلتا دوما");
    assert_eq!(m["unresolved_decisions"], 0);
    // A decision about a document no longer in the dossier is counted, in no unit.
    d.decide(Decision::NameEvent { doc: dk("gone"), name: "x".into() });
    assert_eq!(d.model()["unresolved_decisions"], 1);
}

fn figure_of_or_none<'a>(l: &'a Value, id: &str, claim: &str) -> Option<&'a Value> {
    l["figures"].as_array().unwrap().iter().find(|f| {
        f["entries"].as_array().unwrap().iter().any(|e| {
            e["parts"].as_array().unwrap().iter().any(|p| p["doc"] == id && p["text"].as_str().unwrap().contains(claim))
        })
    })
}

#[test]
fn event_decisions_survive_reingest_of_edited_documents_and_reextract() {
    use isnad_ledger::Decision;
    let d = Decided::new(&douma());
    d.decide(Decision::SplitEvent { docs: vec![dk("a2")] });
    d.decide(Decision::NameEvent { doc: dk("a2"), name: "الحصيلة الثانية".into() });
    let m = d.model();
    let split_id = event_of(&m, "a2")["id"].clone();
    // Every document edited: new content, new hashes, new row ids; the keys stay.
    let edited: Vec<Value> = douma()
        .into_iter()
        .map(|mut v| {
            let t = format!("{}\n\nتحديث: أضيفت هذه الفقرة لاحقاً.", v["text"].as_str().unwrap());
            v["text"] = json!(t);
            v
        })
        .collect();
    d.write(&edited);
    run(&["ingest", &d.input(), "--db", &d.db()]);
    run(&["reextract", "--db", &d.db()]);
    let m = d.model();
    assert_eq!(event_of(&m, "a2")["title"], "الحصيلة الثانية");
    assert_eq!(event_of(&m, "a2")["id"], split_id, "the split event keeps its id");
    assert_ne!(event_of(&m, "a1")["id"], event_of(&m, "a2")["id"]);
    assert_eq!(m["unresolved_decisions"], 0);
}

/// The event page's forms, posted as a browser would, change the stored events.
#[test]
fn the_event_page_forms_name_split_and_move() {
    use std::io::{Read, Write};
    let d = Decided::new(&douma());
    let (mut child, addr) = common::serve(bin(), &["--db", &d.db()]);
    let addr = addr.to_string();
    let req = |method: &str, path: &str, body: &str| -> (u16, String) {
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        let code = out.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
        (code, out)
    };
    let events: Value = {
        let (_, r) = req("GET", "/api/events?limit=100", "");
        serde_json::from_str(r.split("\r\n\r\n").nth(1).unwrap()).unwrap()
    };
    let list = events["events"].as_array().unwrap();
    let with_doc = |k: &str| {
        list.iter().find(|e| e["documents"].as_array().unwrap().iter().any(|d| d == k)).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (ea, eb) = (with_doc("a1"), with_doc("b1"));
    let (code, page) = req("GET", &format!("/event/{ea}"), "");
    assert_eq!(code, 200);
    assert!(page.contains(&format!("action=\"/event/{ea}/split\"")), "the page offers a split");
    // Nothing ticked: refused, nothing stored.
    assert_eq!(req("POST", &format!("/event/{ea}/split"), "").0, 400);
    // A merge must be confirmed.
    assert_eq!(req("POST", &format!("/event/{ea}/merge"), &format!("with={eb}")).0, 400);
    // Without this server's Origin, nothing changes.
    {
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        write!(
            s,
            "POST /event/{ea}/name HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 6\r\nConnection: close\r\n\r\nname=x"
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        assert!(out.starts_with("HTTP/1.1 403"), "{out}");
    }
    let name = "%D9%87%D8%AC%D9%88%D9%85+%D8%AF%D9%88%D9%85%D8%A7"; // هجوم دوما
    assert_eq!(req("POST", &format!("/event/{ea}/name"), &format!("name={name}")).0, 303);
    // documents of the event are listed in key order: a1 (0), a2 (1)
    assert_eq!(req("POST", &format!("/event/{ea}/split"), "doc=1").0, 303);
    assert_eq!(req("POST", &format!("/event/{eb}/move"), &format!("doc=0&to={ea}")).0, 303);
    let _ = child.kill();
    let _ = child.wait();
    let m = d.model();
    assert_eq!(event_of(&m, "a1")["title"], "هجوم دوما");
    assert_ne!(event_of(&m, "a2")["id"], event_of(&m, "a1")["id"], "a2 split off");
    assert_eq!(event_of(&m, "b1")["id"], event_of(&m, "a1")["id"], "b1 moved into a1's event");
    assert_ne!(event_of(&m, "b2")["id"], event_of(&m, "a1")["id"]);
}
