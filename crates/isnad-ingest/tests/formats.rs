//! Every input format against the fixtures: extracted text, boilerplate left out,
//! metadata, encodings, and per-document errors.

use isnad_ingest::{parse, Document, Format, Lang, Reason};
use std::path::PathBuf;

fn fixture(name: &str) -> (String, Vec<u8>) {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    (name.to_string(), std::fs::read(&p).unwrap())
}

fn one(name: &str) -> Document {
    let (n, b) = fixture(name);
    let mut docs = parse(&n, &b);
    assert_eq!(docs.len(), 1);
    docs.remove(0).unwrap()
}

#[test]
fn arabic_page_main_text_without_furniture() {
    let d = one("ar_article.html");
    assert!(d.text.starts_with("غادرت قافلة من الحافلات"), "{}", d.text);
    assert!(d.text.contains("نحو 1200 شخص"));
    assert!(d.text.contains("ما يزيد عن 300 عائلة"));
    for junk in [
        "ملفات تعريف الارتباط",
        "الرئيسية",
        "شارك على فيسبوك",
        "15230",
        "مقتل 5 أشخاص",
        "مبالغ فيها",
        "جميع الحقوق",
        "عدد المشاركات",
        "99999",
    ] {
        assert!(!d.text.contains(junk), "boilerplate {junk:?} kept in {}", d.text);
    }
    assert_eq!(d.text.matches("\n\n").count(), 4, "five paragraphs");
    assert_eq!(d.title.as_deref(), Some("قافلة إجلاء تغادر الشدادي وسط روايات متضاربة عن أعداد المغادرين"));
    assert_eq!(d.outlet.as_deref(), Some("شبكة الفرات الإخبارية"));
    assert_eq!(d.author.as_deref(), Some("سامر الحلبي"));
    assert_eq!(d.published.as_deref(), Some("2019-03-10"));
    assert_eq!(d.url.as_deref(), Some("https://alfurat-news.example/2019/03/10/shaddadi-convoy"));
    assert_eq!(d.lang, Some(Lang::Arabic));
    assert_eq!(d.format, Some(Format::Html));
}

#[test]
fn english_page_from_open_graph() {
    let d = one("en_article.html");
    assert!(d.text.contains("About 1,200 people left the town"));
    assert!(d.text.contains("over 300 families"));
    for junk in ["cookies", "Share on Facebook", "newsletter", "Most read", "3,000 homes", "5,000", "Copyright", "Home"]
    {
        assert!(!d.text.contains(junk), "boilerplate {junk:?} kept in {}", d.text);
    }
    assert_eq!(d.title.as_deref(), Some("Convoy leaves Shaddadi amid disputed figures"));
    assert_eq!(d.outlet.as_deref(), Some("Valley Courier"));
    assert_eq!(d.author.as_deref(), Some("Dana Reyes"));
    assert_eq!(d.published.as_deref(), Some("2019-03-11"));
    assert_eq!(d.url.as_deref(), Some("https://valley-courier.example/world/shaddadi-convoy"));
    assert_eq!(d.lang, Some(Lang::English));
}

#[test]
fn windows_1256_page() {
    let d = one("ar_windows1256.html");
    assert_eq!(d.encoding, Some("windows-1256"));
    assert!(d.text.contains("أعلنت مديرية الصحة في دير الزور أن 27 مصاباً"));
    assert!(!d.text.contains("الصفحة الرئيسية"));
    assert_eq!(d.published.as_deref(), Some("2018-07-02"));
    assert_eq!(d.title.as_deref(), Some("مصابون في دير الزور"));
}

#[test]
fn iso_8859_6_page() {
    let d = one("ar_iso8859_6.html");
    assert_eq!(d.encoding, Some("ISO-8859-6"));
    assert!(d.text.contains("قال رئيس البلدية إن المياه عادت إلى 60 بالمئة"));
    assert_eq!(d.lang, Some(Lang::Arabic));
}

#[test]
fn page_without_article_is_a_clear_error() {
    let (n, b) = fixture("no_article.html");
    let e = parse(&n, &b).remove(0).unwrap_err();
    assert_eq!(e.reason, Reason::NoArticle);
    assert_eq!(e.to_string(), "no_article.html: no article text found in the page");
}

#[test]
fn warc_responses_become_documents() {
    let (n, b) = fixture("crawl.warc");
    let docs: Vec<Document> = parse(&n, &b).into_iter().map(Result::unwrap).collect();
    // warcinfo, request, an image and a 404 are not documents.
    assert_eq!(docs.len(), 2);
    let ar = &docs[0];
    assert_eq!(ar.key, "https://news-ar.example/returns");
    assert_eq!(ar.url.as_deref(), Some("https://news-ar.example/returns"));
    assert_eq!(ar.fetched.as_deref(), Some("2021-05-04"));
    assert_eq!(ar.encoding, Some("windows-1256"), "charset from the HTTP header");
    assert!(ar.text.contains("عاد قرابة 650 نازحاً"), "chunked body decoded: {}", ar.text);
    assert!(!ar.text.contains("الرئيسية"));
    let en = &docs[1];
    assert_eq!(en.format, Some(Format::Warc));
    assert!(en.text.contains("an estimated $2 million"), "gzip content-encoding undone");
    assert_eq!(en.outlet.as_deref(), Some("River Post"));
    assert_eq!(en.lang, Some(Lang::English));
}

#[test]
fn warc_gz_with_a_malformed_record_keeps_the_rest() {
    let (n, b) = fixture("crawl.warc.gz");
    let items = parse(&n, &b);
    let errors: Vec<_> = items.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(errors.len(), 1);
    let msg = errors[0].to_string();
    assert!(msg.starts_with("crawl.warc.gz record 5"), "{msg}");
    assert!(msg.contains("Content-Length \"twelve\" is not a number"), "{msg}");
    let docs: Vec<_> = items.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(docs.len(), 3);
    let note = docs.last().unwrap();
    assert_eq!(note.key, "https://notes.example/field-note.txt", "record after the bad one is read");
    assert!(note.text.contains("35 أسرة"));
}

#[test]
fn truncated_warc_is_reported() {
    let (n, b) = fixture("crawl.warc");
    let cut = &b[..b.len() - 30];
    let items = parse(&n, cut);
    let last = items.last().unwrap().as_ref().unwrap_err();
    assert!(last.to_string().contains("truncated"), "{last}");
}

#[test]
fn jsonl_lines_fail_alone() {
    let (n, b) = fixture("feed.jsonl");
    let items = parse(&n, &b);
    assert_eq!(items.len(), 4, "the blank line is skipped");
    let a = items[0].as_ref().unwrap();
    assert_eq!(a.key, "https://radio-sharq.example/arisha");
    assert_eq!(a.outlet.as_deref(), Some("راديو الشرق"));
    assert_eq!(a.published.as_deref(), Some("2020-01-05"));
    assert_eq!(a.lang, Some(Lang::Arabic));
    let b2 = items[1].as_ref().unwrap();
    assert_eq!(b2.key, "feed.jsonl#L2");
    assert_eq!(b2.published.as_deref(), Some("2020-01-06"));
    assert_eq!(b2.lang, Some(Lang::English));
    let e3 = items[2].as_ref().unwrap_err().to_string();
    assert!(e3.starts_with("feed.jsonl line 3: malformed JSON line"), "{e3}");
    let e4 = items[3].as_ref().unwrap_err().to_string();
    assert_eq!(e4, "feed.jsonl line 4: malformed JSON line: no \"text\" field");
}

#[test]
fn text_in_utf16_with_bom_and_utf8_with_bom() {
    let mut b = vec![0xFF, 0xFE];
    for u in "قال المتحدث إن 40 شاحنة عبرت".encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    let d = parse("a.txt", &b).remove(0).unwrap();
    assert_eq!(d.text, "قال المتحدث إن 40 شاحنة عبرت");
    assert_eq!(d.encoding, Some("UTF-16LE"));
    let d = parse("b.txt", "\u{feff}نص قصير".as_bytes()).remove(0).unwrap();
    // One decoder for extract and ingest: the UTF-8 BOM stays (as U+FEFF, which
    // folding ignores), so offsets are byte offsets into the file, as the claims
    // contract says for a .txt file.
    assert_eq!(d.text, "\u{feff}نص قصير", "BOM kept: offsets count from the file's first byte");
}

#[test]
fn undecodable_and_empty_inputs_are_errors() {
    let e = parse("x.txt", b"\x00\x01binary\x00").remove(0).unwrap_err();
    assert_eq!(e.reason, Reason::Binary);
    assert!(e.to_string().starts_with("x.txt: "));
    let e = parse("y.txt", b"   \n").remove(0).unwrap_err();
    assert_eq!(e.reason, Reason::Empty);
    let e = parse("z.warc", b"WARC/1.0\r\nno colon here\r\n\r\n").remove(0).unwrap_err();
    assert!(matches!(e.reason, Reason::Warc(_)), "{e}");
}

#[test]
fn garbage_never_panics() {
    let inputs: [&[u8]; 6] = [b"", b"<html", b"WARC/1.0\r\n", b"\x1f\x8b\x08garbage", b"{", b"<p>\xff\xfe\xfd</p>"];
    for b in inputs {
        for name in ["a.html", "a.warc", "a.warc.gz", "a.jsonl", "a.txt", "a"] {
            let _ = parse(name, b);
        }
    }
}
