//! The dossier end to end on the ingest fixtures: idempotent re-ingest, replacement,
//! re-extraction, claim filters, index catch-up after a crash, schema versioning; each
//! against both backends (PostgreSQL where `ISNAD_TEST_PG` names a server).

#[path = "support/pg.rs"]
mod pg;

use isnad_ingest::Document;
use isnad_model::{Kind, Party, Qualifier, Quantity, Record, Stance};
use isnad_store::{
    AnyStore, ClaimFilter, ClaimRow, Dossier, NewDoc, Outcome, PgStore, SqliteStore, Store, StoreError, Target,
};
use std::path::PathBuf;

/// One backend's fresh, empty dossier.
struct Backend {
    dir: tempfile::TempDir,
    pg: Option<pg::TempDb>,
}

/// SQLite always; PostgreSQL when there is a server (and under CI=true there must be).
fn backends() -> Vec<Backend> {
    let mut v = vec![Backend { dir: tempfile::tempdir().unwrap(), pg: None }];
    if let Some(db) = pg::TempDb::new() {
        v.push(Backend { dir: tempfile::tempdir().unwrap(), pg: Some(db) });
    }
    v
}

impl Backend {
    fn name(&self) -> &'static str {
        if self.pg.is_some() {
            "postgres"
        } else {
            "sqlite"
        }
    }
    fn target(&self) -> Target {
        match &self.pg {
            Some(db) => Target::Postgres(db.url.clone()),
            None => Target::Sqlite(self.dir.path().join("d.db")),
        }
    }
    /// The dossier with a search index (beside the file, or this machine's for PostgreSQL).
    fn open(&self) -> Dossier<AnyStore> {
        Dossier::open_target(&self.target(), Some(&self.dir.path().join("pg.idx"))).unwrap()
    }
    /// The store alone, as a process that never opens the index sees it.
    fn store(&self) -> AnyStore {
        match &self.pg {
            Some(db) => AnyStore::Postgres(Box::new(PgStore::connect(&db.url).unwrap())),
            None => AnyStore::Sqlite(SqliteStore::open(&self.dir.path().join("d.db")).unwrap()),
        }
    }
    fn execute(&self, sql: &str) {
        match &self.pg {
            Some(db) => db.execute(sql),
            None => rusqlite::Connection::open(self.dir.path().join("d.db")).unwrap().execute_batch(sql).unwrap(),
        }
    }
}

fn fixtures() -> Vec<Result<Document, isnad_ingest::DocError>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../isnad-ingest/tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    names
        .iter()
        .flat_map(|p| isnad_ingest::parse(&p.file_name().unwrap().to_string_lossy(), &std::fs::read(p).unwrap()))
        .collect()
}

fn claims(store: &impl Store, f: &ClaimFilter) -> Vec<ClaimRow> {
    let mut out = vec![];
    store
        .claims(f, &mut |r| {
            out.push(r);
            Ok(())
        })
        .unwrap();
    out
}

#[test]
fn ingest_is_idempotent_and_lists_failures() {
    for b in backends() {
        ingest_is_idempotent(&b);
    }
}

fn ingest_is_idempotent(b: &Backend) {
    let mut d = b.open();
    let s = d.ingest(fixtures().into_iter(), &|_| {}).unwrap();
    assert_eq!(s.added, 9);
    assert_eq!(s.unchanged, 2, "the WARC.gz repeats two records of the WARC");
    let failed: Vec<_> = s.failed.iter().map(|f| f.source.as_str()).collect();
    assert_eq!(
        failed,
        ["crawl.warc.gz record 5 (offset 1641)", "feed.jsonl line 3", "feed.jsonl line 4", "no_article.html"]
    );
    let before = d.store().stats().unwrap();
    assert_eq!(before.documents, 9);
    assert_eq!(before.pending_index, 0, "index committed");

    let again = d.ingest(fixtures().into_iter(), &|_| {}).unwrap();
    assert_eq!((again.added, again.replaced, again.unchanged), (0, 0, 11));
    assert_eq!(d.store().stats().unwrap(), before, "{}: no duplicates", b.name());
    assert_eq!(d.index().num_docs(), 9, "{}", b.name());
}

#[test]
fn stored_claims_point_into_stored_text() {
    for b in backends() {
        claims_point_into_text(&b);
    }
}

fn claims_point_into_text(b: &Backend) {
    let mut d = b.open();
    d.ingest(fixtures().into_iter(), &|_| {}).unwrap();
    let store = d.store();
    let rows = claims(&*store, &ClaimFilter::default());
    for r in &rows {
        let doc = &store.documents(&[r.doc_id]).unwrap()[0];
        assert_eq!(&doc.text[r.quantity.start..r.quantity.end], r.quantity.text);
    }
    let probe = isnad_extract::extract("غادر 1200 شخص المدينة", &Default::default());
    if probe.is_empty() {
        return; // extractor not landed in this build: nothing more to check
    }
    let ar: Vec<_> = rows.iter().filter(|r| r.doc == "ar_article.html").collect();
    assert!(ar.iter().any(|r| r.quantity.min == Some(1200.0)), "{ar:?}");
    assert!(ar.iter().all(|r| !r.quantity.text.contains("15230")), "view counter is not a claim");
    assert!(rows.iter().all(|r| r.quantity.min != Some(5000.0)), "reader comments are not claims");
    assert_eq!(ar[0].outlet.as_deref(), Some("شبكة الفرات الإخبارية"));
    assert_eq!(ar[0].published.as_deref(), Some("2019-03-10"));
}

#[test]
fn changed_content_replaces_the_document() {
    for b in backends() {
        replaces(&b);
    }
}

fn replaces(b: &Backend) {
    let mut d = b.open();
    let doc = |text: &str| Document { key: "note.txt".into(), text: text.into(), ..Default::default() };
    let s = d.ingest([Ok(doc("غادر 40 شخصاً الرقة صباحاً"))].into_iter(), &|_| {}).unwrap();
    assert_eq!(s.added, 1);
    let s = d.ingest([Ok(doc("غادر 70 شخصاً الرقة مساءً"))].into_iter(), &|_| {}).unwrap();
    assert_eq!((s.added, s.replaced), (0, 1));
    assert_eq!(d.store().stats().unwrap().documents, 1);
    let hits = d.search("مساء", 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(d.search("صباحا", 5).unwrap().is_empty(), "{}: old text gone from the index", b.name());
    assert_eq!(d.index().num_docs(), 1, "{}: replaced, not added", b.name());
    drop(d);
    // A reader opening afterwards finds the same: one entry, the new text.
    let d = b.open();
    assert_eq!(d.search("مساء", 5).unwrap().len(), 1, "{}", b.name());
    assert!(d.search("صباحا", 5).unwrap().is_empty(), "{}", b.name());
    assert_eq!(d.index().num_docs(), 1, "{}", b.name());
}

#[test]
fn reextract_refreshes_stale_documents_only() {
    for b in backends() {
        let mut d = b.open();
        d.ingest(fixtures().into_iter(), &|_| {}).unwrap();
        assert_eq!(d.reextract(&|_| {}).unwrap().refreshed, 0, "all current");
        let before = claims(&*d.store(), &ClaimFilter::default());
        drop(d);
        b.execute("UPDATE documents SET extractor_version = 0 WHERE lang = 'en'");
        let mut d = b.open();
        let s = d.reextract(&|_| {}).unwrap();
        assert_eq!(s.refreshed, 3, "{}", b.name());
        assert_eq!(d.reextract(&|_| {}).unwrap().refreshed, 0, "{}", b.name());
        assert_eq!(claims(&*d.store(), &ClaimFilter::default()), before, "{}: same extractor, same claims", b.name());
    }
}

fn quantity(start: usize, end: usize, text: &str, v: f64, kind: Kind, speaker: Option<(&str, Option<&str>)>) -> Record {
    Record::Quantity(Quantity {
        start,
        end,
        text: text.into(),
        min: Some(v),
        max: Some(v),
        qualifier: Qualifier::Exact,
        kind,
        counted: None,
        unit: None,
        speaker: speaker.map(|(t, id)| Party { text: t.into(), start: 0, end: t.len(), id: id.map(Into::into) }),
        cue: speaker.map(|_| "قال".into()),
        stance: Stance::Assert,
        source: None,
        projection: false,
        frame: Default::default(),
    })
}

#[test]
fn claim_filters() {
    for b in backends() {
        filters(b.store());
    }
}

fn filters(mut s: AnyStore) {
    let text = "قال المرصد السوري إن 300 شخص و12 شاحنة";
    let doc =
        Document { key: "x/a.txt".into(), text: text.into(), outlet: Some("راديو".into()), ..Default::default() };
    let recs = vec![
        quantity(0, 3, "300 شخص", 300.0, Kind::People, Some(("المرصد السوري", Some("sohr")))),
        quantity(4, 8, "12 شاحنة", 12.0, Kind::Vehicles, Some(("مصادر محلية", None))),
        quantity(9, 10, "5", 5.0, Kind::Other, None),
    ];
    let o = s.put(&NewDoc { doc: &doc, hash: "h1", records: &recs, extractor_version: 1, profile: None }).unwrap();
    assert!(matches!(o, Outcome::Added(_)));
    let n = |f: ClaimFilter| claims(&s, &f).len();
    assert_eq!(n(ClaimFilter::default()), 3);
    assert_eq!(n(ClaimFilter { kind: Some("people".into()), ..Default::default() }), 1);
    assert_eq!(n(ClaimFilter { speaker: Some("sohr".into()), ..Default::default() }), 1);
    assert_eq!(n(ClaimFilter { speaker: Some("المرصد السورى".into()), ..Default::default() }), 1, "spelling folded");
    assert_eq!(n(ClaimFilter { speaker: Some("محلية".into()), ..Default::default() }), 1);
    assert_eq!(n(ClaimFilter { min: Some(10.0), ..Default::default() }), 2);
    assert_eq!(n(ClaimFilter { max: Some(12.0), ..Default::default() }), 2);
    assert_eq!(n(ClaimFilter { min: Some(10.0), max: Some(100.0), ..Default::default() }), 1);
    assert_eq!(n(ClaimFilter { doc: Some("a.txt".into()), ..Default::default() }), 3);
    assert_eq!(n(ClaimFilter { doc: Some("b.txt".into()), ..Default::default() }), 0);
    let row = &claims(&s, &ClaimFilter { kind: Some("people".into()), ..Default::default() })[0];
    assert_eq!(row.outlet.as_deref(), Some("راديو"));
    assert_eq!(row.quantity.speaker.as_ref().unwrap().id.as_deref(), Some("sohr"));
    assert_eq!(s.stats().unwrap().mentions, 2);
}

#[test]
fn index_catches_up_after_a_crash_between_database_and_index() {
    for b in backends() {
        // An index that has seen the dossier once, then a write it never heard of (a
        // killed SQLite ingest; any writer of a PostgreSQL one).
        let doc = |key: &str, text: &str| Document { key: key.into(), text: text.into(), ..Default::default() };
        let mut d = b.open();
        d.ingest([Ok(doc("j", "وصلت القافلة إلى دير الزور"))].into_iter(), &|_| {}).unwrap();
        drop(d);
        {
            let mut s = b.store();
            let k = doc("k", "وصلت القافلة إلى الرقة");
            s.put(&NewDoc { doc: &k, hash: "h", records: &[], extractor_version: 1, profile: None }).unwrap();
            if b.pg.is_none() {
                assert_eq!(s.stats().unwrap().pending_index, 1);
            }
        }
        let d = b.open();
        assert_eq!(d.store().stats().unwrap().pending_index, 0);
        assert_eq!(d.search("الرقه", 5).unwrap().len(), 1, "{}", b.name());
        assert_eq!(d.index().num_docs(), 2, "{}", b.name());
        assert!(d.notices().iter().any(|n| n.contains("caught up")), "{}: {:?}", b.name(), d.notices());
    }
}

#[test]
fn schema_is_versioned() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    assert_eq!(SqliteStore::open(&db).unwrap().schema_version().unwrap(), 2);
    rusqlite::Connection::open(&db).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let e = SqliteStore::open(&db).err().unwrap();
    assert!(matches!(e, StoreError::TooNew { found: 99, .. }), "{e}");

    let Some(pg) = pg::TempDb::new() else { return };
    assert_eq!(PgStore::connect(&pg.url).unwrap().schema_version().unwrap(), 1);
    assert_eq!(PgStore::connect(&pg.url).unwrap().schema_version().unwrap(), 1, "opening again migrates nothing");
    pg.execute("UPDATE isnad_schema SET version = 99");
    let e = PgStore::connect(&pg.url).err().unwrap();
    assert!(matches!(e, StoreError::TooNew { found: 99, .. }), "{e}");
    assert!(e.to_string().contains("newer than this isnad knows"), "{e}");
}

#[test]
fn several_processes_create_one_database_at_once() {
    let Some(pg) = pg::TempDb::new() else { return };
    let url = pg.url.clone();
    let opened: Vec<_> = (0..4)
        .map(|_| {
            let u = url.clone();
            std::thread::spawn(move || PgStore::connect(&u).map(|s| s.schema_version().unwrap()))
        })
        .collect();
    for t in opened {
        assert_eq!(t.join().unwrap().unwrap(), 1);
    }
}

#[test]
fn an_unreachable_server_is_a_clear_error_naming_it_without_the_password() {
    // A port nothing listens on: bound, then released.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("postgres://ana:s3cret@127.0.0.1:{port}/news?connect_timeout=5");
    let e = Dossier::open_target(&Target::Postgres(url), None).err().unwrap();
    let msg = e.to_string();
    assert!(msg.contains(&format!("postgres://ana@127.0.0.1:{port}/news")), "{msg}");
    assert!(msg.contains("connecting"), "{msg}");
    assert!(!msg.contains("s3cret"), "{msg}");
    let bad = Dossier::open_target(&Target::Postgres("postgres://a:pw@h:notaport/x".into()), None).err().unwrap();
    assert!(!bad.to_string().contains("pw@"), "{bad}");
}
