//! Search behaviour over a small index: spelling variants, clitics, stemming, ranking,
//! snippets.

use isnad_search::SearchIndex;

fn index(docs: &[(i64, &str, &str)]) -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().unwrap();
    let mut ix = SearchIndex::open(dir.path()).unwrap();
    for (id, title, body) in docs {
        ix.put(*id, Some(title), body).unwrap();
    }
    ix.commit().unwrap();
    (dir, ix)
}

fn ids(ix: &SearchIndex, q: &str) -> Vec<i64> {
    ix.search(q, 10).unwrap().into_iter().map(|h| h.doc_id).collect()
}

#[test]
fn taa_marbuta_and_haa_meet() {
    let (_d, ix) = index(&[(1, "تقرير", "وصلت القوافل إلى الرقة صباح اليوم"), (2, "خبر", "لا علاقة له بالموضوع")]);
    assert_eq!(ids(&ix, "الرقه"), vec![1]);
    assert_eq!(ids(&ix, "الرقة"), vec![1]);
}

#[test]
fn clitics_are_stripped() {
    let (_d, ix) = index(&[
        (1, "أ", "انسحب عناصر التنظيم وقسد تراقب الطريق"),
        (2, "ب", "سلّم التنظيم المدينة لقسد بعد الاتفاق"),
        (3, "ج", "لم يذكر أحد القوات في هذا الخبر"),
    ]);
    let mut got = ids(&ix, "قسد");
    got.sort();
    assert_eq!(got, vec![1, 2]);
}

#[test]
fn plural_and_case_endings_meet() {
    let (_d, ix) = index(&[(1, "أ", "قال إن المقاتلون غادروا مع عائلاتهم"), (2, "ب", "لا شيء هنا")]);
    assert_eq!(ids(&ix, "مقاتلين"), vec![1]);
    assert_eq!(ids(&ix, "مُقاتِلين"), vec![1]);
}

#[test]
fn english_is_stemmed() {
    let (_d, ix) = index(&[(1, "Convoy", "The fighters left the city in trucks"), (2, "Other", "Nothing to see")]);
    assert_eq!(ids(&ix, "fighter truck"), vec![1]);
}

#[test]
fn a_document_about_the_query_ranks_first() {
    let about = "شاحنات الإجلاء خرجت من الرقة. قال سائق إن الشاحنات كانت محملة. عدد الشاحنات بلغ خمسين شاحنة";
    let once = "اجتماع في الرقة ناقش الزراعة والمياه والكهرباء والمدارس والطرق، وذكر عابراً أن شاحنة تعطلت";
    let (_d, ix) = index(&[(1, "اجتماع محلي", once), (2, "قافلة الشاحنات", about)]);
    assert_eq!(ids(&ix, "الشاحنات"), vec![2, 1]);
}

#[test]
fn snippet_marks_the_hit() {
    let body = "في صباح اليوم وصلت قافلة كبيرة إلى مدينة الرقة وعلى متنها مقاتلون";
    let (_d, ix) = index(&[(1, "t", body)]);
    let s = ix.snippet("الرقه", body, 120).unwrap();
    assert!(s.marked("[", "]").contains("[الرقة]"), "{}", s.marked("[", "]"));
}

#[test]
fn replacing_a_document_keeps_one_copy() {
    let (_d, mut ix) = index(&[(1, "t", "الرقة")]);
    ix.put(1, Some("t"), "الرقة مرة أخرى").unwrap();
    ix.commit().unwrap();
    assert_eq!(ids(&ix, "الرقة"), vec![1]);
    assert_eq!(ix.num_docs(), 1);
}

#[test]
fn odd_queries_do_not_fail() {
    let (_d, ix) = index(&[(1, "t", "نص")]);
    for q in ["", "\"", "title:", "((", "«قسد»", "AND OR"] {
        ix.search(q, 5).unwrap();
    }
}

/// Issue 13, point 14: hostile queries are answered, not fatal.
#[test]
fn deeply_nested_and_huge_queries_and_limits_do_not_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut ix = SearchIndex::open(dir.path()).unwrap();
    ix.put(1, Some("قافلة"), "وصلت القافلة إلى الرقة").unwrap();
    ix.commit().unwrap();
    // Run on a small stack, as a worker thread has: 3,000 levels overflowed 8 MiB.
    let q = format!("{}الرقة{}", "(".repeat(3000), ")".repeat(3000));
    let hits = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || ix.search(&q, 10).map(|h| h.len()).map(|n| (n, ix)))
        .unwrap()
        .join()
        .expect("no stack overflow");
    let (n, ix) = hits.unwrap();
    assert_eq!(n, 1);
    assert_eq!(ix.search("الرقة", usize::MAX).unwrap().len(), 1, "--limit 18446744073709551615");
    let long = "الرقة ".repeat(50_000);
    assert_eq!(ix.search(&long, 5).unwrap().len(), 1);
}

/// Found by `cargo fuzz run query` (crash-a1051cec…): a query whose words repeat as
/// excluded phrases (`-\u{FFFD}\u{FFFD}\0ON-\u{FFFD}-…`) made tantivy's phrase scorer
/// seek backwards (its debug assertion fired; a release build would score wrongly).
#[test]
fn repeated_excluded_phrases_from_the_fuzzer() {
    let dir = tempfile::tempdir().unwrap();
    let mut ix = SearchIndex::open(dir.path()).unwrap();
    ix.put(1, Some("قافلة إجلاء"), "غادرت قافلة من الحافلات الرقة وعلى متنها نحو 400 شخص").unwrap();
    ix.put(2, Some("Trucks"), "At least 40 trucks crossed the border on Monday").unwrap();
    ix.commit().unwrap();
    let raw = [45u8, 221, 221, 0, 79, 78, 45, 221, 45, 221, 221, 0, 79, 78, 45, 221];
    let q = String::from_utf8_lossy(&raw).into_owned();
    ix.search(&q, 45).unwrap();
    ix.snippet(&q, "غادرت قافلة من الحافلات الرقة", 50).unwrap();
}

/// The excluded phrase still excludes: its documents are filtered out of the hits.
#[test]
fn an_excluded_phrase_excludes_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let mut ix = SearchIndex::open(dir.path()).unwrap();
    ix.put(1, Some("a"), "At least 40 trucks crossed the border on Monday").unwrap();
    ix.put(2, Some("b"), "Trucks waited at the border").unwrap();
    ix.commit().unwrap();
    let ids = |q: &str| -> Vec<i64> {
        let mut v: Vec<i64> = ix.search(q, 10).unwrap().into_iter().map(|h| h.doc_id).collect();
        v.sort();
        v
    };
    assert_eq!(ids("border"), [1, 2]);
    assert_eq!(ids("border -\"crossed the border\""), [2]);
    assert_eq!(ids("border -\"waited at\""), [1]);
    assert_eq!(ids("border -trucks"), Vec::<i64>::new());
}
