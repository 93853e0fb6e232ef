//! One module per subcommand; each has `Args` (clap) and `run(Args) -> anyhow::Result<i32>`
//! returning the process exit status.

pub mod claims;
pub mod entities;
pub mod extract;
pub mod ingest;
pub mod reextract;
pub mod reindex;
pub mod report;
pub mod search;
pub mod serve;

use anyhow::Context;
use isnad_store::{AnyStore, Dossier, Target};
use std::path::{Path, PathBuf};

/// `--db`: a path, or a `postgres://` / `postgresql://` URL, read once into a [`Target`]
/// (from the raw argument, so a path need not be UTF-8).
pub(crate) fn target_parser() -> impl clap::builder::TypedValueParser<Value = Target> {
    use clap::builder::TypedValueParser;
    clap::builder::OsStringValueParser::new().map(Target::from)
}

/// Reading commands must not create an empty dossier by mistake. (A PostgreSQL
/// database must exist already: connecting says so if it does not.)
pub(crate) fn require_db(db: &Target) -> anyhow::Result<()> {
    if let Target::Sqlite(p) = db {
        if !p.exists() {
            anyhow::bail!("no dossier at {} (build one with `isnad ingest PATH... --db {}`)", p.display(), p.display());
        }
    }
    Ok(())
}

/// Opens the dossier. `search`: the command searches, so a PostgreSQL dossier's local
/// index is opened (and caught up) in `index` or the default folder for its URL; the
/// others leave it alone. A SQLite dossier is opened as it always was.
pub(crate) fn open(db: &Target, index: Option<&Path>, search: bool) -> anyhow::Result<Dossier<AnyStore>> {
    if let (Target::Sqlite(_), Some(i)) = (db, index) {
        anyhow::bail!("--index {} is for a PostgreSQL dossier; a SQLite dossier's index sits beside it", i.display());
    }
    let dir = match (db, search) {
        (Target::Postgres(url), true) => Some(index.map(Path::to_path_buf).unwrap_or_else(|| default_index(url))),
        _ => None,
    };
    Dossier::open_target(db, dir.as_deref()).with_context(|| format!("opening dossier {}", db.display()))
}

/// `~/.cache/isnad/<host>-<database>-<hash>.idx`: one folder per database, named after
/// its URL without the password (the hash keeps two servers' `news` apart).
fn default_index(url: &str) -> PathBuf {
    let shown = isnad_store::redact_url(url);
    let hash = isnad_store::short_hash(&shown);
    let tail = shown.rsplit('/').next().unwrap_or("db").split('?').next().unwrap_or("db");
    let name: String = tail.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).take(40).collect();
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").filter(|v| !v.is_empty()).map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("isnad").join(format!("{name}-{hash}.idx"))
}

/// What opening the dossier found and did (index rebuilt, behind, a writer at work),
/// on stderr.
pub(crate) fn print_notices<S: isnad_store::Store>(d: &Dossier<S>) {
    for n in d.notices() {
        eprintln!("isnad: {n}");
    }
}
