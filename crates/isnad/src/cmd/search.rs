//! `isnad search QUERY [--db FILE] [--limit N]`: ranked full-text search of the dossier.

use crate::term::clean;
use isnad_store::Target;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Words to look for (Arabic or English; spelling variants and clitics are folded).
    #[arg(required = true)]
    pub query: Vec<String>,
    #[arg(long, default_value = "isnad.db", value_parser = super::target_parser())]
    pub db: Target,
    /// Where this machine keeps a PostgreSQL dossier's search index (default: a folder
    /// under ~/.cache/isnad named after the database); a SQLite dossier's sits beside it.
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// How many results to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    super::require_db(&args.db)?;
    let query = args.query.join(" ");
    let dossier = super::open(&args.db, args.index.as_deref(), true)?;
    super::print_notices(&dossier);
    let results = dossier.search(&query, args.limit)?;
    let tty = std::io::stdout().is_terminal();
    let (open, close) = if tty { ("\x1b[1;33m", "\x1b[0m") } else { ("[", "]") };
    let mut out = std::io::stdout().lock();
    if results.is_empty() {
        writeln!(out, "no documents match \"{}\"", clean(&query))?;
        return Ok(0);
    }
    for (i, r) in results.iter().enumerate() {
        let d = &r.doc;
        let title = d.title.clone().unwrap_or_else(|| first_line(&d.text));
        let mut meta = vec![];
        meta.extend(d.outlet.clone());
        meta.extend(d.published.clone().or_else(|| d.fetched.clone()));
        meta.push(d.url.clone().unwrap_or_else(|| d.key.clone()));
        // Document text never reaches the terminal raw: escape sequences in a title or
        // a snippet are shown, not obeyed (our own highlight codes are added after).
        writeln!(out, "{}. {}  ({:.2})", i + 1, clean(&title), r.score)?;
        writeln!(out, "   {}", clean(&meta.join(" · ")))?;
        let snip = marked_clean(&r.snippet, open, close);
        writeln!(out, "   …{}…", snip.trim())?;
    }
    Ok(0)
}

/// The snippet with its hits marked, document text cleaned piece by piece.
fn marked_clean(s: &isnad_search::Snippet, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in &s.highlighted {
        out.push_str(&clean(&s.fragment[at..r.start]));
        out.push_str(open);
        out.push_str(&clean(&s.fragment[r.clone()]));
        out.push_str(close);
        at = r.end;
    }
    out.push_str(&clean(&s.fragment[at..]));
    out
}

fn first_line(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    let mut s: String = line.chars().take(80).collect();
    if line.chars().count() > 80 {
        s.push('…');
    }
    s
}
