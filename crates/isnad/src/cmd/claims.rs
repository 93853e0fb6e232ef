//! `isnad claims`: query the stored quantity claims and export them as a table, CSV,
//! JSON Lines (the claims contract plus document metadata) or Parquet.

use anyhow::Context;
use isnad_model::{DocRecord, Record};
use isnad_store::{ClaimFilter, ClaimRow, Store, Target};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Jsonl,
    Parquet,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "isnad.db", value_parser = super::target_parser())]
    pub db: Target,
    /// people, vehicles, money, distance, duration, percent, weight, other.
    #[arg(long)]
    pub kind: Option<String>,
    /// Speaker: an entity id, or part of the name as written (spelling variants fold).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only claims whose value reaches at least N.
    #[arg(long)]
    pub min: Option<f64>,
    /// Only claims whose value is at most N.
    #[arg(long)]
    pub max: Option<f64>,
    /// Only this document: its key (path or URL), file name, or id.
    #[arg(long)]
    pub doc: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Write here instead of standard output (required for parquet).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

type Sink<'a> = Box<dyn FnMut(ClaimRow) -> Result<(), Box<dyn std::error::Error + Send + Sync>> + 'a>;

pub fn run(args: Args) -> anyhow::Result<i32> {
    match export(args) {
        // `isnad claims | head` is a normal way to look, not an error.
        Err(e) if e.chain().any(is_broken_pipe) => Ok(0),
        r => r,
    }
}

fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    let io = e.downcast_ref::<std::io::Error>().or_else(|| {
        e.downcast_ref::<isnad_store::StoreError>().and_then(|s| match s {
            isnad_store::StoreError::Output(b) => b.downcast_ref::<std::io::Error>(),
            _ => None,
        })
    });
    io.is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

fn export(args: Args) -> anyhow::Result<i32> {
    super::require_db(&args.db)?;
    if let Some(k) = &args.kind {
        if isnad_model::Kind::parse(k).is_none() {
            anyhow::bail!(
                "unknown kind {k:?}; use one of people, vehicles, money, distance, duration, percent, weight, other"
            );
        }
    }
    let filter = ClaimFilter {
        kind: args.kind.clone(),
        speaker: args.speaker.clone(),
        min: args.min,
        max: args.max,
        doc: args.doc.clone(),
        doc_ids: None,
    };
    let dossier = super::open(&args.db, None, false)?;
    super::print_notices(&dossier);
    let store = dossier.store();
    if args.format == Format::Parquet {
        let out = args.out.as_ref().context("--format parquet needs --out FILE")?;
        let n = parquet_out::write(&*store, &filter, out)?;
        eprintln!("{n} claims written to {}", out.display());
        return Ok(0);
    }
    let w: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = BufWriter::new(w);
    let mut n = 0u64;
    match args.format {
        Format::Jsonl => {
            let sink: Sink = Box::new(|row| {
                n += 1;
                let record = Record::Quantity(row.quantity.clone());
                let line = JsonLine {
                    record: DocRecord { doc: &row.doc, record: &record },
                    title: row.title.as_deref(),
                    outlet: row.outlet.as_deref(),
                    url: row.url.as_deref(),
                    published: row.published.as_deref(),
                };
                serde_json::to_writer(&mut w, &line)?;
                w.write_all(b"\n")?;
                Ok(())
            });
            run_sink(&*store, &filter, sink)?;
        }
        Format::Csv => {
            let mut c = csv::Writer::from_writer(&mut w);
            c.write_record(CSV_HEADER)?;
            let sink: Sink = Box::new(|row| {
                n += 1;
                c.write_record(csv_record(&row))?;
                Ok(())
            });
            run_sink(&*store, &filter, sink)?;
            c.flush()?;
        }
        Format::Table | Format::Parquet => {
            writeln!(w, "{:<28} {:<9} {:>12}  {:<34} {:<26} published", "doc", "kind", "value", "text", "speaker")?;
            let sink: Sink = Box::new(|row| {
                n += 1;
                let q = &row.quantity;
                writeln!(
                    w,
                    "{:<28} {:<9} {:>12}  {:<34} {:<26} {}",
                    clip_start(&row.doc, 28),
                    q.kind.as_str(),
                    value(q.min, q.max),
                    clip(&q.text, 34),
                    clip(q.speaker.as_ref().map_or("—", |s| s.text.as_str()), 26),
                    crate::term::clean(row.published.as_deref().unwrap_or(""))
                )?;
                Ok(())
            });
            run_sink(&*store, &filter, sink)?;
        }
    }
    w.flush()?;
    if args.format == Format::Table {
        drop(w);
        println!("{n} claims");
    }
    Ok(0)
}

fn run_sink<S: Store + ?Sized>(store: &S, f: &ClaimFilter, mut sink: Sink) -> anyhow::Result<()> {
    store.claims(f, &mut *sink)?;
    Ok(())
}

fn clip(s: &str, n: usize) -> String {
    let s = crate::term::clean(s).into_owned();
    if s.chars().count() <= n {
        return s;
    }
    let mut c: String = s.chars().take(n - 1).collect();
    c.push('…');
    c
}

/// Paths and URLs say most at their end.
fn clip_start(s: &str, n: usize) -> String {
    let s = &*crate::term::clean(s);
    let count = s.chars().count();
    if count <= n {
        return s.to_string();
    }
    let tail: String = s.chars().skip(count - (n - 1)).collect();
    format!("…{tail}")
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn value(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => num(a),
        (Some(a), Some(b)) => format!("{}–{}", num(a), num(b)),
        (Some(a), None) => format!("≥{}", num(a)),
        (None, Some(b)) => format!("≤{}", num(b)),
        (None, None) => "?".into(),
    }
}

/// One JSONL line: the contract's record plus where it was published.
#[derive(serde::Serialize)]
struct JsonLine<'a> {
    #[serde(flatten)]
    record: DocRecord<'a>,
    title: Option<&'a str>,
    outlet: Option<&'a str>,
    url: Option<&'a str>,
    published: Option<&'a str>,
}

const CSV_HEADER: [&str; 20] = [
    "doc",
    "title",
    "outlet",
    "url",
    "published",
    "start",
    "end",
    "text",
    "min",
    "max",
    "qualifier",
    "kind",
    "counted",
    "unit",
    "speaker",
    "speaker_id",
    "cue",
    "stance",
    "source",
    "source_id",
];

/// A text cell a spreadsheet will not run: one that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return is a formula to Excel, LibreOffice and Sheets (a title
/// `=HYPERLINK(...)` would be live), so it gets a leading `'`, which they show as text.
pub(crate) fn neutral(s: String) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}

fn csv_record(row: &ClaimRow) -> Vec<String> {
    let q = &row.quantity;
    let o = |s: &Option<String>| neutral(s.clone().unwrap_or_default());
    let t = |s: String| neutral(s);
    // Numbers are written by `num` (digits, a sign, a point): never a formula.
    let f = |v: Option<f64>| v.map(num).unwrap_or_default();
    vec![
        t(row.doc.clone()),
        o(&row.title),
        o(&row.outlet),
        o(&row.url),
        o(&row.published),
        q.start.to_string(),
        q.end.to_string(),
        t(q.text.clone()),
        f(q.min),
        f(q.max),
        q.qualifier.as_str().into(),
        q.kind.as_str().into(),
        o(&q.counted),
        o(&q.unit),
        t(q.speaker.as_ref().map(|s| s.text.clone()).unwrap_or_default()),
        t(q.speaker.as_ref().and_then(|s| s.id.clone()).unwrap_or_default()),
        o(&q.cue),
        q.stance.as_str().into(),
        t(q.source.as_ref().map(|s| s.text.clone()).unwrap_or_default()),
        t(q.source.as_ref().and_then(|s| s.id.clone()).unwrap_or_default()),
    ]
}

#[cfg(feature = "parquet")]
mod parquet_out {
    //! Parquet with typed columns; the schema and rows come from isnad-arrow, which the
    //! Python package and the Spark job share, so every path writes the same columns.

    use isnad_arrow::{ClaimsBuilder, DocCols};
    use isnad_store::{ClaimFilter, Store};
    use std::path::Path;

    const ROWS_PER_BATCH: usize = 8192;

    pub fn write<S: Store + ?Sized>(store: &S, filter: &ClaimFilter, out: &Path) -> anyhow::Result<u64> {
        use anyhow::Context;
        let file = std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?;
        let mut cols = ClaimsBuilder::new();
        let mut w = parquet::arrow::ArrowWriter::try_new(file, cols.schema().clone(), None)?;
        let mut n = 0u64;
        store.claims(filter, &mut |r| {
            let d = DocCols {
                doc: &r.doc,
                title: r.title.as_deref(),
                outlet: r.outlet.as_deref(),
                url: r.url.as_deref(),
                published: r.published.as_deref(),
            };
            cols.push(d, &r.quantity);
            n += 1;
            if cols.len() >= ROWS_PER_BATCH {
                w.write(&cols.finish()?)?;
            }
            Ok(())
        })?;
        if !cols.is_empty() {
            w.write(&cols.finish()?)?;
        }
        w.close()?;
        Ok(n)
    }
}

#[cfg(not(feature = "parquet"))]
mod parquet_out {
    pub fn write<S: isnad_store::Store + ?Sized>(
        _: &S,
        _: &isnad_store::ClaimFilter,
        _: &std::path::Path,
    ) -> anyhow::Result<u64> {
        anyhow::bail!("this isnad was built without Parquet support (cargo feature `parquet`)")
    }
}
