//! Hostile and broken input (issue 13): every case is generated here, each checks that
//! nothing is lost without a word, nothing is guessed, and every cost is bounded.

use isnad_ingest::{decode, documents, parse, DocError, Document, Format, Limits, Reason};
use std::io::Write;
use std::time::{Duration, Instant};

const ARABIC: &str = "قال المتحدث باسم المجلس المحلي إن نحو ثلاثة آلاف شخص غادروا المدينة خلال الأسبوع الماضي، وأضاف أن عشرين حافلة نقلت العائلات إلى المخيمات.";

fn all(name: &str, bytes: Vec<u8>, format: Format, limits: &Limits) -> Vec<Result<Document, DocError>> {
    documents(name, bytes, format, limits).collect()
}

// --- one decoder, no guessing for almost-valid UTF-8 (point 4) ---

#[test]
fn a_truncated_character_is_refused_with_its_offset_not_read_as_a_legacy_encoding() {
    let mut b = format!("{ARABIC} وقالت").into_bytes();
    b.pop();
    let err = decode(&b, None, false).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Reason::BadUtf8(_)), "{msg}");
    assert!(msg.contains("truncated") && msg.contains(&format!("byte {}", b.len() - 1)), "{msg}");
    // the same through the document reader, for every format that decodes
    let docs = parse("cut.txt", &b);
    assert!(matches!(&docs[0], Err(e) if matches!(e.reason, Reason::BadUtf8(_))), "{docs:?}");
}

#[test]
fn one_stray_byte_in_utf8_is_refused_with_its_offset() {
    let mut b = ARABIC.as_bytes().to_vec();
    let at = ARABIC.find("ثلاثة").unwrap();
    b.insert(at, 0xFF);
    let msg = decode(&b, None, false).unwrap_err().to_string();
    assert!(msg.contains(&format!("offset {at}")) && msg.contains("0xFF"), "{msg}");
    // an HTML page that declares a legacy charset is not rescued by guessing either
    let page = format!("<html><body><p>{ARABIC}</p></body></html>").into_bytes();
    let mut p = page.clone();
    p.insert(30, 0xC3);
    assert!(decode(&p, None, true).is_err());
    // valid UTF-8 beats a wrong legacy label
    assert_eq!(decode(&page, Some("windows-1256"), true).unwrap().text, String::from_utf8(page).unwrap());
}

#[test]
fn legacy_arabic_is_still_decoded_when_the_bytes_are_not_utf8_at_all() {
    let (cp, _, _) = encoding_rs::WINDOWS_1256.encode(ARABIC);
    let d = decode(&cp, None, false).unwrap();
    assert_eq!(d.text, ARABIC);
    assert_eq!(d.encoding.name(), "windows-1256");
}

#[test]
fn utf16_without_a_bom_is_text_not_binary() {
    for le in [true, false] {
        let mut b = Vec::new();
        for u in ARABIC.encode_utf16() {
            b.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let d = decode(&b, None, false).unwrap_or_else(|e| panic!("le={le}: {e}"));
        assert_eq!(d.text, ARABIC);
    }
    // binary with NULs everywhere stays binary
    let bin: Vec<u8> = (0..4000u32).map(|i| if i % 3 == 0 { 0 } else { (i * 7) as u8 }).collect();
    assert_eq!(decode(&bin, None, false).unwrap_err(), Reason::Binary);
}

// --- WARC: Content-Length wrong in every direction (point 5) ---

fn record(uri: &str, body: &str, declared: Option<usize>) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}");
    let len = declared.unwrap_or(http.len());
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2017-10-15T10:00:00Z\r\nContent-Length: {len}\r\n\r\n{http}\r\n\r\n"
    )
    .into_bytes()
}

fn keys(docs: &[Result<Document, DocError>]) -> Vec<String> {
    docs.iter().filter_map(|d| d.as_ref().ok().map(|d| d.key.clone())).collect()
}

fn errors(docs: &[Result<Document, DocError>]) -> Vec<String> {
    docs.iter().filter_map(|d| d.as_ref().err().map(|e| e.to_string())).collect()
}

#[test]
fn content_length_too_small_is_named_and_the_next_record_kept() {
    let body2 = format!("{ARABIC} ثانية");
    let mut w = record("http://a/1", ARABIC, None);
    w.extend(record("http://a/2", &body2, Some(60)));
    w.extend(record("http://a/3", ARABIC, None));
    let docs = parse("c.warc", &w);
    assert_eq!(keys(&docs), ["http://a/1", "http://a/3"], "{docs:?}");
    let e = errors(&docs);
    assert!(e.len() == 1 && e[0].contains("too small") && e[0].contains("record 2"), "{e:?}");
}

#[test]
fn content_length_too_large_is_named_and_does_not_swallow_the_next_record() {
    let mut w = record("http://a/1", ARABIC, Some(ARABIC.len() + 300));
    w.extend(record("http://a/2", ARABIC, None));
    w.extend(record("http://a/3", ARABIC, None));
    let docs = parse("c.warc", &w);
    assert_eq!(keys(&docs), ["http://a/2", "http://a/3"], "{docs:?}");
    let e = errors(&docs);
    assert!(e.len() == 1 && e[0].contains("too large"), "{e:?}");
}

#[test]
fn content_length_past_the_end_is_named_and_later_records_kept() {
    let mut w = record("http://a/1", ARABIC, None);
    w.extend(record("http://a/2", ARABIC, Some(1_000_000)));
    w.extend(record("http://a/3", ARABIC, None));
    let docs = parse("c.warc", &w);
    assert_eq!(keys(&docs), ["http://a/1", "http://a/3"], "{docs:?}");
    assert!(errors(&docs)[0].contains("past the end"), "{docs:?}");
    // and the very last record cut short is called truncated
    let mut w = record("http://a/1", ARABIC, None);
    let last = record("http://a/2", ARABIC, None);
    w.extend_from_slice(&last[..last.len() - 40]);
    let docs = parse("c.warc", &w);
    assert_eq!(keys(&docs), ["http://a/1"]);
    assert!(errors(&docs)[0].contains("truncated"), "{docs:?}");
}

#[test]
fn the_same_holds_inside_warc_gz() {
    let mut gz = Vec::new();
    for r in
        [record("http://a/1", ARABIC, None), record("http://a/2", ARABIC, Some(20)), record("http://a/3", ARABIC, None)]
    {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&r).unwrap();
        gz.extend(e.finish().unwrap());
    }
    let docs = parse("c.warc.gz", &gz);
    assert_eq!(keys(&docs), ["http://a/1", "http://a/3"], "{docs:?}");
    assert!(errors(&docs)[0].contains("too small"), "{docs:?}");
}

/// Parsing time grows linearly with the number of CRLF records (it was quadratic:
/// 1k / 2k / 4k records took 0.7 / 2.0 / 6.8 s).
#[test]
fn warc_parsing_is_linear_in_crlf_records() {
    let warc = |n: usize| {
        let mut w = Vec::new();
        for i in 0..n {
            w.extend(record(&format!("http://a/{i}"), ARABIC, None));
        }
        w
    };
    let time = |w: Vec<u8>| {
        let t = Instant::now();
        let n = documents("w.warc", w, Format::Warc, &Limits::default()).filter(|d| d.is_ok()).count();
        (n, t.elapsed())
    };
    let (n1, t1) = time(warc(500));
    let (n2, t2) = time(warc(8000));
    assert_eq!((n1, n2), (500, 8000));
    // 16× the records: linear is ~16× the time, quadratic 256×.
    assert!(t2 < t1 * 60 + Duration::from_millis(300), "500 records {t1:?}, 8000 records {t2:?}");
}

// --- bounded inflation (point 10) ---

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn a_gzip_bomb_in_a_warc_member_is_refused_by_ratio_and_named() {
    let mut bomb =
        b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\nContent-Length: 20971520\r\n\r\n".to_vec();
    bomb.resize((bomb.len() + 20) << 20, b' ');
    let mut w = gz(&bomb);
    w.extend(gz(&record("http://a/ok", ARABIC, None)));
    let docs = parse("bomb.warc.gz", &w);
    let e = errors(&docs);
    assert!(e.iter().any(|e| e.contains("gzip member at byte 0") && e.contains("bomb")), "{e:?}");
    assert_eq!(keys(&docs), ["http://a/ok"]);
}

#[test]
fn inflation_has_an_absolute_cap_whatever_the_ratio() {
    let limits = Limits { max_inflated_bytes: 2 << 20, max_inflate_ratio: u64::MAX, ..Limits::default() };
    let mut big =
        b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\nContent-Length: 4194304\r\n\r\n".to_vec();
    big.resize(big.len() + (4 << 20), b'a');
    let docs = all("big.warc.gz", gz(&big), Format::Warc, &limits);
    assert!(errors(&docs).iter().any(|e| e.contains("cap")), "{:?}", errors(&docs));
}

#[test]
fn http_content_encoding_and_jsonl_gz_bombs_are_refused() {
    let zeros = vec![b' '; 24 << 20];
    let body = gz(&zeros);
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    http.extend(&body);
    let mut w = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://bomb/\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    w.extend(http);
    w.extend(b"\r\n\r\n");
    let docs = parse("h.warc", &w);
    assert!(errors(&docs).iter().any(|e| e.contains("http://bomb/") && e.contains("refused")), "{:?}", errors(&docs));

    let mut lines = Vec::new();
    lines.extend(format!("{}\n", serde_json::json!({"id": "a", "text": ARABIC})).as_bytes());
    lines.extend(vec![b' '; 24 << 20]);
    let docs = parse("feed.jsonl.gz", &gz(&lines));
    assert_eq!(keys(&docs), ["a"]);
    assert!(errors(&docs).iter().any(|e| e.contains("bomb")), "{:?}", errors(&docs));
}

// --- HTML: linear, with a time budget (point 11) ---

#[test]
fn deeply_nested_html_finishes_quickly() {
    let n = 100_000;
    let page =
        format!("<html><body>{}<p>{ARABIC}</p>{}</body></html>", "<div><p>نص قصير".repeat(n), "</div>".repeat(n));
    let t = Instant::now();
    let _ = parse("deep.html", page.as_bytes());
    assert!(t.elapsed() < Duration::from_secs(15), "100k nested <div><p> took {:?}", t.elapsed());
    // 1.3 MB of nested paragraphs (took 8 s): their text still comes out
    let para = format!("<div><p>{ARABIC}</p>");
    let page = format!(
        "<html><body>{}{}</body></html>",
        para.repeat(1_300_000 / para.len()),
        "</div>".repeat(1_300_000 / para.len())
    );
    let t = Instant::now();
    let docs = parse("paras.html", page.as_bytes());
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    assert!(docs[0].as_ref().is_ok_and(|d| d.text.contains("عشرين حافلة")), "{:?}", docs[0].as_ref().err());
}

#[test]
fn a_page_over_the_time_budget_costs_only_itself() {
    let limits = Limits { max_document_time: Duration::ZERO, ..Limits::default() };
    let page = format!("<html><body>{}</body></html>", format!("<p>{ARABIC}</p>").repeat(3000));
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}");
    let mut w = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://slow/\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    w.extend(record("http://a/after", ARABIC, None));
    let docs = all("t.warc", w, Format::Warc, &limits);
    assert!(
        errors(&docs).iter().any(|e| e.contains("http://slow/") && e.contains("time limit")),
        "{:?}",
        errors(&docs)
    );
    assert_eq!(keys(&docs), ["http://a/after"]);
}

#[test]
fn a_document_over_the_size_budget_is_refused_by_name() {
    let limits = Limits { max_document_bytes: 1000, ..Limits::default() };
    let docs = all("big.txt", ARABIC.repeat(20).into_bytes(), Format::Text, &limits);
    assert!(errors(&docs)[0].contains("big.txt") && errors(&docs)[0].contains("limit"), "{docs:?}");
    let line = serde_json::json!({"id": "big", "text": ARABIC.repeat(20)}).to_string();
    let small = serde_json::json!({"id": "small", "text": ARABIC}).to_string();
    let docs = all("f.jsonl", format!("{line}\n{small}\n").into_bytes(), Format::Jsonl, &limits);
    assert_eq!(keys(&docs), ["small"]);
    assert!(errors(&docs)[0].contains("line 1"), "{docs:?}");
}

// --- JSON Lines (points 6, 14) ---

#[test]
fn duplicate_jsonl_ids_are_reported_not_replaced() {
    let l = |id: &str, t: &str| serde_json::json!({"id": id, "text": t}).to_string();
    let feed = [l("x", ARABIC), l("y", ARABIC), l("x", "نص آخر مختلف تماما عن الأول")].join("\n");
    let docs = parse("f.jsonl", feed.as_bytes());
    assert_eq!(keys(&docs), ["x", "y"]);
    let e = errors(&docs);
    assert!(e.len() == 1 && e[0].contains("line 3") && e[0].contains("line 1"), "{e:?}");
}

#[test]
fn an_impossible_publication_date_is_refused() {
    let feed = serde_json::json!({"id": "d", "text": ARABIC, "published": "2017-02-30"}).to_string();
    let docs = parse("f.jsonl", feed.as_bytes());
    assert!(errors(&docs)[0].contains("2017-02-30"), "{docs:?}");
}
