//! `isnad extract`: every quantity claim and date in text files, as a table for a person
//! or as the JSON Lines contract for other tools.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context};
use isnad_extract::{Options, Ymd};
use isnad_model::{DocRecord, Qualifier, Quantity, Record};
use rayon::prelude::*;

use crate::input;

#[derive(clap::Args)]
pub struct Args {
    /// Text files, or folders searched recursively for `.txt` files.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Print the JSON Lines contract (one record per line) instead of a table.
    #[arg(long)]
    jsonl: bool,
    /// Publication date (YYYY-MM-DD) that resolves years the text leaves implicit.
    #[arg(long, value_name = "YYYY-MM-DD")]
    published: Option<String>,
    /// Worker threads (default: all cores). Output order does not depend on it.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// No summary line on stderr.
    #[arg(long, short)]
    quiet: bool,
}

/// Documents processed together; bounds memory to a chunk's texts and records.
const CHUNK: usize = 64;

pub fn run(args: Args) -> anyhow::Result<i32> {
    let published = match &args.published {
        Some(s) => Some(Ymd::parse(s).with_context(|| format!("--published {s:?} is not a date like 2017-10-15"))?),
        None => None,
    };
    let opts = Options { published };
    let (files, unreadable) = input::collect(&args.paths, &["txt"]);
    for why in &unreadable {
        eprintln!("isnad: {why}");
    }
    if files.is_empty() && unreadable.is_empty() {
        bail!("no .txt files found under {}", args.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build()?;
    let started = Instant::now();
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let (mut failed, mut quantities, mut dates, mut bytes) = (0usize, 0usize, 0usize, 0u64);
    for chunk in files.chunks(CHUNK) {
        let results: Vec<(String, Result<(Vec<Record>, Option<String>, usize), String>)> = pool.install(|| {
            chunk
                .par_iter()
                .map(|path| {
                    let name = path.display().to_string();
                    let res = std::fs::read(path)
                        .map_err(|e| format!("cannot read: {e}"))
                        .and_then(input::decode)
                        .and_then(|d| {
                            // a defect in a rule must cost one document, not the batch
                            std::panic::catch_unwind(|| isnad_extract::extract(&d.text, &opts))
                                .map(|r| (r, d.note, d.text.len()))
                                .map_err(|_| "internal error while extracting (a bug: please report it with this file)".to_string())
                        });
                    (name, res)
                })
                .collect()
        });
        for (name, res) in results {
            match res {
                Ok((records, note, len)) => {
                    if let Some(note) = note {
                        eprintln!("isnad: {name}: {note}");
                    }
                    bytes += len as u64;
                    quantities += records.iter().filter(|r| matches!(r, Record::Quantity(_))).count();
                    dates += records.iter().filter(|r| matches!(r, Record::Date(_))).count();
                    if args.jsonl {
                        for r in &records {
                            serde_json::to_writer(&mut out, &DocRecord { doc: &name, record: r })?;
                            out.write_all(b"\n")?;
                        }
                    } else {
                        write_table(&mut out, &name, &records)?;
                    }
                }
                Err(why) => {
                    failed += 1;
                    out.flush()?;
                    eprintln!("isnad: {name}: {why}");
                }
            }
        }
    }
    out.flush()?;
    if !args.quiet && (io::stderr().is_terminal() || !args.jsonl) {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "isnad: {} documents ({} failed), {} quantities, {} dates, {:.1} MB in {:.2} s",
            files.len(),
            failed,
            quantities,
            dates,
            bytes as f64 / 1e6,
            secs
        );
    }
    Ok(if failed > 0 || !unreadable.is_empty() { 1 } else { 0 })
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
    writeln!(out, "{name}: {nq} quantities, {} dates", records.len() - nq)?;
    if nq > 0 {
        writeln!(out, "  {} {} {} {} {} {}", pad("value", 14), pad("qualifier", 9), pad("kind", 8), pad("counted", 18), pad("speaker (cue) ← relay", 30), "text")?;
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
                    pad(q.counted.as_deref().unwrap_or("—"), 18),
                    pad(&who, 30),
                    context(&q.text, 0, q.text.len())
                )?;
            }
            Record::Date(d) => {
                writeln!(out, "  {} {} {}", pad(d.date.as_deref().unwrap_or("(year unknown)"), 14), pad("date", 9), d.text)?;
            }
        }
    }
    writeln!(out)
}
