//! `isnad entities`: the people, organisations and outlets named in text files, each
//! resolved across spellings, titles and documents, with all their mentions.

use std::collections::BTreeSet;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::bail;
use isnad_attrib::EntityIndex;

use crate::input;

#[derive(clap::Args)]
pub struct Args {
    /// Files (text, HTML, WARC, JSON Lines), folders (text, HTML and WARC files in them), or `-`.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// One JSON object per entity (id, name, kind, mentions) instead of a table.
    #[arg(long)]
    jsonl: bool,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    // The same walker and reader as `extract`.
    let inputs = input::collect(&args.paths, input::Take::Endings(input::DOCUMENTS));
    if inputs.is_empty() {
        bail!("no documents found");
    }
    let mut index = EntityIndex::new();
    let mut failed = 0;
    let limits = isnad_ingest::Limits::default();
    for doc in inputs.into_iter().flat_map(|i| input::documents(i, None, &limits)) {
        match doc {
            Ok(d) => {
                let a = isnad_text::analyze(&d.text);
                index.add_document(&d.key, &a);
            }
            Err(e) => {
                failed += 1;
                eprintln!("isnad: {}: {}", crate::term::clean(&e.source_name), e.reason);
            }
        }
    }
    let entities = index.entities();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for e in &entities {
        if args.jsonl {
            serde_json::to_writer(&mut out, e)?;
            writeln!(out)?;
            continue;
        }
        let docs: BTreeSet<&str> = e.mentions.iter().map(|m| m.doc.as_str()).collect();
        let spellings: BTreeSet<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
        writeln!(
            out,
            "{}  ({:?}) {} — {} mentions in {} documents",
            e.id,
            e.kind,
            e.name,
            e.mentions.len(),
            docs.len()
        )?;
        for s in spellings {
            writeln!(out, "    {s}")?;
        }
    }
    out.flush()?;
    Ok(if failed > 0 { 1 } else { 0 })
}
