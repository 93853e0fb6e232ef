//! `isnad extract`: every quantity claim and date in documents, as a table for a person
//! or as the JSON Lines contract for other tools. It reads what `ingest` reads (text,
//! HTML, WARC, JSON Lines with per-document `published`/`url`/`lang`), from paths or
//! from standard input (`-`), through the one reader and decoder in `isnad-ingest`.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context};
use isnad_extract::{Options, Ymd};
use isnad_ingest::{Document, Limits};
use isnad_model::{DocRecord, Qualifier, Quantity, Record};
use rayon::prelude::*;

use crate::input::{self, Input, Take};
use crate::term::clean;

#[derive(clap::Args)]
pub struct Args {
    /// Files (text, HTML, WARC, JSON Lines), folders (searched recursively for text,
    /// HTML and WARC files), or `-` for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Print the JSON Lines contract (one record per line) instead of a table.
    #[arg(long)]
    jsonl: bool,
    /// Publication date (YYYY-MM-DD) that resolves years the text leaves implicit; a
    /// document's own date (JSON Lines `published`, page metadata) comes first.
    #[arg(long, value_name = "YYYY-MM-DD")]
    published: Option<String>,
    /// Format of standard input (default: sniffed from its first bytes).
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Worker threads (default: all cores). Output order does not depend on it.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// No summary line on stderr.
    #[arg(long, short)]
    quiet: bool,
    /// Language of the documents: `auto` reads each in the language ingest detects
    /// (JSON Lines `lang`, else its text), `ar` or `en` reads every one in that language.
    #[arg(long, value_enum, default_value = "auto")]
    lang: LangArg,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LangArg {
    Auto,
    Ar,
    En,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Text,
    Html,
    Warc,
    Jsonl,
}

/// Documents processed together; bounds memory to a chunk's texts and records.
const CHUNK: usize = 64;

/// `YYYY-MM-DD` as a real calendar date (2017-02-30 is not one).
pub(crate) fn parse_date(s: &str) -> Option<Ymd> {
    let d = Ymd::parse(s)?;
    let ok = d.year > 0 && d.day <= isnad_ingest::days_in_month(d.year as u32, d.month);
    ok.then_some(d)
}

type Outcome = Result<(Vec<Record>, Option<&'static str>, usize), String>;

pub fn run(args: Args) -> anyhow::Result<i32> {
    let published = match &args.published {
        Some(s) => Some(parse_date(s).with_context(|| format!("--published {s:?} is not a date like 2017-10-15"))?),
        None => None,
    };
    let format = args.format.map(|f| match f {
        FormatArg::Text => isnad_ingest::Format::Text,
        FormatArg::Html => isnad_ingest::Format::Html,
        FormatArg::Warc => isnad_ingest::Format::Warc,
        FormatArg::Jsonl => isnad_ingest::Format::Jsonl,
    });
    let inputs = input::collect(&args.paths, Take::Endings(input::DOCUMENTS));
    if inputs.is_empty() {
        bail!(
            "no documents found under {}",
            args.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        );
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build()?;
    let limits = Limits::default();
    let started = Instant::now();
    // Three stages, so that reading and decoding the next chunk and writing the last
    // one's records overlap the extraction of this one: a reader thread, the extraction
    // workers (`--threads`), and this thread writing. The channels hold two chunks each,
    // which bounds memory to a few chunks' texts and records.
    let (chunk_tx, chunk_rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(2);
    let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<Vec<(String, Outcome)>>(2);
    // The writer hung up (`isnad extract ... | head`): stop reading.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (jsonl, lang) = (args.jsonl, args.lang);
    let totals = std::thread::scope(|s| -> anyhow::Result<Totals> {
        let stop = &stop;
        s.spawn(move || {
            // Every input's documents in order, read lazily: a pipe is processed as it comes.
            let mut items = inputs.into_iter().flat_map(|i: Input| input::documents(i, format, &limits)).peekable();
            while items.peek().is_some() && !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let chunk: Vec<Item> = items.by_ref().take(CHUNK).collect();
                if chunk_tx.send(chunk).is_err() {
                    break;
                }
            }
        });
        s.spawn(move || {
            for chunk in chunk_rx {
                let results: Vec<(String, Outcome)> = pool.install(|| {
                    chunk
                        .into_par_iter()
                        .map(|item| match item {
                            Err(e) => (e.source_name.clone(), Err(e.reason.to_string())),
                            Ok(doc) => {
                                let res = run_one(&doc, published, lang);
                                (doc.key, res)
                            }
                        })
                        .collect()
                });
                if done_tx.send(results).is_err() {
                    break;
                }
            }
        });
        let r = write_all(done_rx, jsonl);
        // Whatever ended the writing, the other stages must not wait on it.
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        r
    })?;
    let Totals { docs, failed, quantities, dates, bytes, broken_pipe } = totals;
    if broken_pipe {
        return Ok(0);
    }
    if !args.quiet && (io::stderr().is_terminal() || !args.jsonl) {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "isnad: {} documents ({} failed), {} quantities, {} dates, {:.1} MB in {:.2} s",
            docs,
            failed,
            quantities,
            dates,
            bytes as f64 / 1e6,
            secs
        );
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

type Item = Result<Document, isnad_ingest::DocError>;

#[derive(Default)]
struct Totals {
    docs: usize,
    failed: usize,
    quantities: usize,
    dates: usize,
    bytes: u64,
    /// Standard output was closed by its reader.
    broken_pipe: bool,
}

/// The writing stage: records to standard output in input order, failures to stderr.
/// Returns early (and the receiver is dropped, stopping the other stages) when the
/// reader of standard output has gone.
fn write_all(done: std::sync::mpsc::Receiver<Vec<(String, Outcome)>>, jsonl: bool) -> anyhow::Result<Totals> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut t = Totals::default();
    for results in done {
        for (name, res) in results {
            t.docs += 1;
            match res {
                Ok((records, encoding, len)) => {
                    if let Some(enc) = encoding {
                        eprintln!(
                            "isnad: {}: not UTF-8; decoded from {enc} (offsets index the UTF-8 text)",
                            clean(&name)
                        );
                    }
                    t.bytes += len as u64;
                    t.quantities += records.iter().filter(|r| matches!(r, Record::Quantity(_))).count();
                    t.dates += records.iter().filter(|r| matches!(r, Record::Date(_))).count();
                    let w = if jsonl {
                        records.iter().try_for_each(|r| {
                            serde_json::to_writer(&mut out, &DocRecord { doc: &name, record: r })?;
                            out.write_all(b"\n")
                        })
                    } else {
                        write_table(&mut out, &name, &records)
                    };
                    match w {
                        // `isnad extract ... | head` is a normal way to look.
                        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                            t.broken_pipe = true;
                            return Ok(t);
                        }
                        r => r?,
                    }
                }
                Err(why) => {
                    t.failed += 1;
                    out.flush()?;
                    eprintln!("isnad: {}: {why}", clean(&name));
                }
            }
        }
    }
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(t),
        r => Ok(r.map(|_| t)?),
    }
}

/// One document's records; a defect in a rule costs this document, not the batch.
fn run_one(doc: &Document, published: Option<Ymd>, lang: LangArg) -> Outcome {
    // The document's own date first, then --published, then when it was fetched.
    let own = |d: &Option<String>| d.as_deref().and_then(parse_date);
    let lang = match lang {
        LangArg::Ar => Some(isnad_extract::Lang::Arabic),
        LangArg::En => Some(isnad_extract::Lang::English),
        LangArg::Auto => doc.lang.and_then(|l| isnad_extract::Lang::parse(l.as_str())),
    };
    let opts = Options { published: own(&doc.published).or(published).or_else(|| own(&doc.fetched)), lang };
    let records = std::panic::catch_unwind(|| isnad_extract::extract(&doc.text, &opts))
        .map_err(|_| "internal error while extracting (a bug: please report it with this file)".to_string())?;
    let records = isnad_store::finite_only(records);
    let encoding = doc.encoding.filter(|e| *e != "UTF-8");
    Ok((records, encoding, doc.text.len()))
}

/// A value as a person reads it: 4,000 / 500–600 / ≥100 / ≤6 / 20–99.
pub fn value_text(q: &Quantity) -> String {
    let n = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            let s = format!("{}", v as i64);
            let mut out = String::new();
            for (i, c) in s.chars().enumerate() {
                if i > 0 && (s.len() - i) % 3 == 0 && c != '-' {
                    out.push(',');
                }
                out.push(c);
            }
            out
        } else {
            format!("{v}")
        }
    };
    match (q.qualifier, q.min, q.max) {
        (Qualifier::AtLeast, Some(a), _) => format!("≥{}", n(a)),
        (Qualifier::AtMost, _, Some(b)) => format!("≤{}", n(b)),
        (_, Some(a), Some(b)) if a != b => format!("{}–{}", n(a), n(b)),
        (_, Some(a), _) | (_, None, Some(a)) => n(a),
        _ => "?".into(),
    }
}

fn pad(s: &str, w: usize) -> String {
    let n = s.chars().filter(|c| !isnad_text::is_mark(*c)).count();
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

fn context(text: &str, start: usize, end: usize) -> String {
    let s = text.chars().count();
    let _ = s;
    text[start..end].split_whitespace().collect::<Vec<_>>().join(" ")
}

fn write_table(out: &mut impl Write, name: &str, records: &[Record]) -> io::Result<()> {
    let nq = records.iter().filter(|r| matches!(r, Record::Quantity(_))).count();
    writeln!(out, "{}: {nq} quantities, {} dates", clean(name), records.len() - nq)?;
    if nq > 0 {
        writeln!(
            out,
            "  {} {} {} {} {} text",
            pad("value", 14),
            pad("qualifier", 9),
            pad("kind", 8),
            pad("counted", 18),
            pad("speaker (cue) ← relay", 30)
        )?;
    }
    for r in records {
        match r {
            Record::Quantity(q) => {
                let unit = q.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
                // speaker (cue) ← relay, or the outlet's own voice
                let mut who = match &q.speaker {
                    Some(s) => s.text.clone(),
                    None => "(outlet)".into(),
                };
                if let Some(cue) = &q.cue {
                    who = format!("{who} ({cue})");
                }
                if let Some(src) = &q.source {
                    who = format!("{who} ← {}", src.text);
                }
                if q.stance == isnad_model::Stance::Deny {
                    who = format!("DENIES: {who}");
                }
                writeln!(
                    out,
                    "  {} {} {} {} {} {}",
                    pad(&format!("{}{unit}", value_text(q)), 14),
                    pad(q.qualifier.as_str(), 9),
                    pad(q.kind.as_str(), 8),
                    pad(&clean(q.counted.as_deref().unwrap_or("—")), 18),
                    pad(&clean(&who), 30),
                    clean(&context(&q.text, 0, q.text.len()))
                )?;
            }
            Record::Date(d) => {
                writeln!(
                    out,
                    "  {} {} {}",
                    pad(d.date.as_deref().unwrap_or("(year unknown)"), 14),
                    pad("date", 9),
                    clean(&d.text)
                )?;
            }
        }
    }
    writeln!(out)
}
