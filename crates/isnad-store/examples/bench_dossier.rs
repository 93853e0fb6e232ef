//! Ingest and search benchmark on a generated dossier.
//!
//!     cargo run --release -p isnad-store --example bench_dossier -- [DOCS] [DIR] [POSTGRES_URL]
//!
//! With a PostgreSQL URL (an empty database) the same documents go there instead of
//! `DIR/bench.db`, as `isnad ingest --db URL` writes them (no index while writing);
//! then a reader's index is built in `DIR/pg.idx` by catching up, timed apart.
//!
//! Documents are made at run time by shuffling paragraphs of the shared Raqqa corpus
//! (read from ../shared or $ISNAD_BENCH_CORPUS, never copied) and of this repository's own fixtures, so the
//! extractor sees real Arabic prose. Reports ingest documents/s with extraction on,
//! database and index size, resident memory as it goes (flat means the pipeline does
//! not grow with the corpus), and search latency p50/p99 over 1,000 queries. Run it
//! under `/usr/bin/time -v` for the peak RSS of the whole process.

use isnad_ingest::{Document, Format, Lang};
use isnad_store::{Dossier, Event, Store, Target};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: deterministic runs, no dependency.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn paragraphs() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    let from_env = std::env::var_os("ISNAD_BENCH_CORPUS").map(PathBuf::from);
    for dir in from_env.into_iter().chain([root.join("../../../shared/corpus/raqqa")]) {
        if let Ok(rd) = std::fs::read_dir(&dir) {
            for e in rd.flatten() {
                texts.extend(std::fs::read_to_string(e.path()).ok());
            }
            break;
        }
    }
    let fixtures = root.join("../isnad-ingest/tests/fixtures");
    for name in ["ar_article.html", "en_article.html"] {
        if let Ok(b) = std::fs::read(fixtures.join(name)) {
            if let Some(Ok(d)) = isnad_ingest::parse(name, &b).into_iter().next() {
                texts.push(d.text);
            }
        }
    }
    // Long paragraphs are cut after every second sentence, for more distinct pieces.
    let mut paras = Vec::new();
    for p in texts.iter().flat_map(|t| t.split('\n')).map(str::trim) {
        let mut piece = String::new();
        for (i, s) in p.split_inclusive(". ").enumerate() {
            piece.push_str(s);
            if i % 2 == 1 {
                paras.push(std::mem::take(&mut piece));
            }
        }
        paras.push(piece);
    }
    paras.retain(|p| p.chars().count() > 40);
    assert!(!paras.is_empty(), "no source paragraphs found");
    paras
}

fn rss_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).map(|l| l.to_string()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

/// CPU seconds (user + system) of the whole process so far, from /proc (clock ticks of
/// 1/100 s): what the phases cost whatever else the machine is running.
fn cpu_secs() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = s.rsplit_once(')').map(|x| x.1).unwrap_or("");
    let f: Vec<i64> = rest.split_whitespace().filter_map(|x| x.parse().ok()).collect();
    // after the name: state is not a number, so utime and stime are the 11th and 12th numbers
    f.get(10).zip(f.get(11)).map_or(0.0, |(u, s)| (u + s) as f64 / 100.0)
}

fn size(p: &Path) -> u64 {
    match std::fs::metadata(p) {
        Ok(m) if m.is_dir() => std::fs::read_dir(p).map(|rd| rd.flatten().map(|e| size(&e.path())).sum()).unwrap_or(0),
        Ok(m) => m.len(),
        Err(_) => 0,
    }
}

const OUTLETS: [&str; 6] =
    ["شبكة الفرات", "راديو الشرق", "وكالة الأنباء المحلية", "Valley Courier", "River Post", "المرصد"];

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let tmp;
    let dir = match args.next() {
        Some(d) => PathBuf::from(d),
        None => {
            tmp = tempfile::tempdir().expect("temp dir");
            tmp.path().to_path_buf()
        }
    };
    std::fs::create_dir_all(&dir).expect("bench dir");
    let db = dir.join("bench.db");
    let target = match args.next() {
        Some(url) => Target::Postgres(url),
        None => Target::Sqlite(db.clone()),
    };
    let pg = matches!(target, Target::Postgres(_));
    let paras = paragraphs();
    println!("{} source paragraphs; generating {n} documents into {}", paras.len(), target.display());

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let src = &paras;
    let docs = (0..n).map(move |i| {
        let k = 3 + rng.below(5);
        let text: Vec<&str> = (0..k).map(|_| src[rng.below(src.len())].as_str()).collect();
        let text = text.join("\n\n");
        let title: String = text.split_whitespace().take(8).collect::<Vec<_>>().join(" ");
        Ok(Document {
            key: format!("bench/{i}"),
            format: Some(Format::Text),
            title: Some(title),
            outlet: Some(OUTLETS[rng.below(OUTLETS.len())].to_string()),
            published: Some(format!("20{:02}-{:02}-{:02}", 14 + rng.below(8), 1 + rng.below(12), 1 + rng.below(28))),
            lang: Some(Lang::Arabic),
            text,
            ..Default::default()
        })
    });

    let mut dossier = Dossier::open_target(&target, None).expect("open dossier");
    let done = AtomicU64::new(0);
    let start = Instant::now();
    // When the last document was stored: what follows is event assignment.
    let last_done = AtomicU64::new(0);
    let cpu_at_last = AtomicU64::new(0);
    let on_event = |_: &Event| {
        last_done.store(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
        let d = done.fetch_add(1, Ordering::Relaxed) + 1;
        if d as usize == n {
            cpu_at_last.store((cpu_secs() * 1e3) as u64, Ordering::Relaxed);
        }
        if d.is_multiple_of(20_000) {
            println!(
                "  {d:>7} docs  {:>6.0} docs/s  RSS {} MiB",
                d as f64 / start.elapsed().as_secs_f64(),
                rss_kib("VmRSS:") / 1024
            );
        }
    };
    let cpu0 = cpu_secs();
    let sum = dossier.ingest(docs, &on_event).expect("ingest");
    let secs = start.elapsed().as_secs_f64();
    let cpu_end = cpu_secs();
    let stored = last_done.load(Ordering::Relaxed) as f64 / 1e9;
    println!(
        "  stored (extract, {}write) in {stored:.1} s = {:.0} docs/s; event assignment {:.1} s = {:.0} docs/s",
        if pg { "" } else { "index, " },
        sum.added as f64 / stored,
        secs - stored,
        sum.added as f64 / (secs - stored).max(1e-9)
    );
    let cpu_last = cpu_at_last.load(Ordering::Relaxed) as f64 / 1e3;
    println!(
        "  CPU time: store phase {:.1} s, event assignment {:.1} s = {:.0} docs per CPU second",
        cpu_last - cpu0,
        cpu_end - cpu_last,
        sum.added as f64 / (cpu_end - cpu_last).max(1e-9)
    );
    let stats = dossier.store().stats().expect("stats");
    println!(
        "ingest: {} docs in {secs:.1} s = {:.0} docs/s (extraction on); {} claims, {} dates; failed {}",
        sum.added,
        sum.added as f64 / secs,
        stats.claims,
        stats.dates,
        sum.failed.len()
    );
    let (dossier, idx, db_size) = match &target {
        Target::Postgres(url) => {
            // A reader on another machine: its own index, built from the change sequence.
            dossier.close().expect("close");
            let idx = dir.join("pg.idx");
            let t = Instant::now();
            let d = Dossier::open_target(&target, Some(&idx)).expect("open with index");
            println!(
                "index catch-up (a reader's first open): {:.1} s for {} docs",
                t.elapsed().as_secs_f64(),
                d.index().num_docs()
            );
            let mut c = postgres::Client::connect(url, postgres::NoTls).expect("connect");
            let bytes: i64 = c.query_one("SELECT pg_database_size(current_database())", &[]).expect("size").get(0);
            (d, idx, bytes as u64)
        }
        Target::Sqlite(_) => (dossier, isnad_store::index_dir(&db), size(&db) + size(&dir.join("bench.db-wal"))),
    };
    println!("size: database {:.1} MiB, index {:.1} MiB", db_size as f64 / 1048576.0, size(&idx) as f64 / 1048576.0);

    // Queries: one or two words drawn from the corpus, as an analyst would type them.
    let words: Vec<&str> = paras
        .iter()
        .flat_map(|p| p.split_whitespace())
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
        .collect();
    let mut rng = Rng(42);
    let queries: Vec<String> = (0..1000)
        .map(|i| {
            let a = words[rng.below(words.len())];
            if i % 3 == 0 {
                format!("{a} {}", words[rng.below(words.len())])
            } else {
                a.to_string()
            }
        })
        .collect();
    let mut lat = Vec::with_capacity(queries.len());
    let mut hits = 0;
    for q in &queries {
        let t = Instant::now();
        hits += dossier.search(q, 10).expect("search").len();
        lat.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)];
    println!(
        "search (top 10 with snippets, 1000 queries): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {} hits",
        pct(0.50),
        pct(0.99),
        lat[lat.len() - 1],
        hits
    );
    println!("peak RSS (this process): {} MiB", rss_kib("VmHWM:") / 1024);
    dossier.close().expect("close");
}
