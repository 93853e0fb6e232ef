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
    /// Text files, or folders searched recursively for `.txt` files.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// One JSON object per entity (id, name, kind, mentions) instead of a table.
    #[arg(long)]
    jsonl: bool,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let (files, unreadable) = input::collect(&args.paths, &["txt"]);
    for why in &unreadable {
        eprintln!("isnad: {why}");
    }
    if files.is_empty() && unreadable.is_empty() {
        bail!("no .txt files found");
    }
    let mut index = EntityIndex::new();
    let mut failed = unreadable.len();
    for path in &files {
        let name = path.display().to_string();
        match std::fs::read(path).map_err(|e| format!("cannot read: {e}")).and_then(input::decode) {
            Ok(d) => {
                let a = isnad_text::analyze(&d.text);
                index.add_document(&name, &a);
            }
            Err(why) => {
                failed += 1;
                eprintln!("isnad: {name}: {why}");
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
        writeln!(out, "{}  ({:?}) {} — {} mentions in {} documents", e.id, e.kind, e.name, e.mentions.len(), docs.len())?;
        for s in spellings {
            writeln!(out, "    {s}")?;
        }
    }
    out.flush()?;
    Ok(if failed > 0 { 1 } else { 0 })
}
