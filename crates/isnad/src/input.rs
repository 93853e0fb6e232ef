//! Finding input documents: the one walker behind `extract`, `ingest` and `entities`.
//! Folders are walked recursively in name order, symbolic links followed (a link
//! loop is reported, not walked forever), hidden entries skipped; a name that is not
//! valid UTF-8 keeps its bytes (escaped) so two such names never become one key.

use isnad_ingest::{DocError, Document, Format, Limits, Reason};
use std::path::{Path, PathBuf};

/// One input: a file, standard input (`-`), or a path that cannot be read and why.
#[derive(Debug)]
pub enum Input {
    File { path: PathBuf, name: String },
    Stdin,
    Bad { name: String, why: String },
}

/// Which files a folder contributes (files named explicitly are always taken).
#[derive(Clone, Copy)]
pub enum Take {
    /// Files with one of these endings.
    Endings(&'static [&'static str]),
    /// What `ingest` takes from a folder: document formats ([`DOCUMENTS`] and JSON
    /// Lines), a JSON Lines file only when its first record has a `text` field (an
    /// answer key such as `gold.jsonl` is not news); everything else is skipped and said.
    Documents,
}

/// JSON Lines endings: read from a folder by `ingest` when their records are documents.
pub const JSON_LINES: &[&str] = &[".jsonl", ".ndjson", ".jsonl.gz"];

/// Text, HTML and WARC: what `extract` and `entities` take from a folder. JSON Lines
/// in a folder is as often an answer key or an export as a batch of documents, so it
/// is read when named or piped.
pub const DOCUMENTS: &[&str] = &[".txt", ".html", ".htm", ".xhtml", ".warc", ".warc.gz", ".arc.gz"];

pub fn collect(paths: &[PathBuf], take: Take) -> Vec<Input> {
    collect_skipping(paths, take).0
}

/// [`collect`], with the files a folder held that were not taken and why.
pub fn collect_skipping(paths: &[PathBuf], take: Take) -> (Vec<Input>, Vec<(String, String)>) {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                out.push(Input::Bad { name: name_of(p), why: io_reason(&e) });
                continue;
            }
        };
        if !meta.is_dir() {
            out.push(Input::File { path: p.clone(), name: name_of(p) });
            continue;
        }
        let walk = walkdir::WalkDir::new(p)
            .sort_by_file_name()
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."));
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_file() => match takes(take, e.path()) {
                    Ok(()) => {
                        let path = e.into_path();
                        out.push(Input::File { name: name_of(&path), path });
                    }
                    Err(why) => skipped.push((name_of(e.path()), why)),
                },
                Ok(_) => {}
                Err(e) => {
                    let at = e.path().unwrap_or(p);
                    let why = if e.loop_ancestor().is_some() {
                        "symbolic link loop: not followed".to_string()
                    } else {
                        e.io_error().map(io_reason).unwrap_or_else(|| e.to_string())
                    };
                    out.push(Input::Bad { name: name_of(at), why });
                }
            }
        }
    }
    (out, skipped)
}

fn ends_with_any(p: &Path, ends: &[&str]) -> bool {
    let n = p.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    ends.iter().any(|e| n.ends_with(e))
}

/// Whether a file found in a folder is taken, else why not.
fn takes(take: Take, p: &Path) -> Result<(), String> {
    match take {
        Take::Endings(ends) => {
            if ends_with_any(p, ends) {
                Ok(())
            } else {
                Err("not a document format".into())
            }
        }
        Take::Documents => {
            if ends_with_any(p, DOCUMENTS) {
                Ok(())
            } else if ends_with_any(p, JSON_LINES) {
                jsonl_holds_documents(p)
            } else {
                Err("not a document format (.txt, .html, .htm, .xhtml, .warc, .warc.gz, .jsonl, .jsonl.gz)".into())
            }
        }
    }
}

/// A JSON Lines file holds documents when its first record is an object with a `text`
/// field (a gzipped one is taken as it is: its records are checked one by one).
fn jsonl_holds_documents(p: &Path) -> Result<(), String> {
    use std::io::{BufRead, BufReader, Read};
    if ends_with_any(p, &[".gz"]) {
        return Ok(());
    }
    let f = std::fs::File::open(p).map_err(|e| io_reason(&e))?;
    let mut r = BufReader::new(f.take(1 << 20));
    let mut line = String::new();
    loop {
        line.clear();
        match r.read_line(&mut line) {
            Ok(0) => return Err("JSON Lines with no records".into()),
            Ok(_) if line.trim().is_empty() => continue,
            Ok(_) => break,
            // Not UTF-8 or unreadable: ingest will say what is wrong with it.
            Err(_) => return Ok(()),
        }
    }
    match serde_json::from_str::<serde_json::Value>(line.trim()) {
        Ok(serde_json::Value::Object(o)) if o.contains_key("text") => Ok(()),
        Ok(serde_json::Value::Object(_)) => {
            Err("JSON Lines whose records have no \"text\" field (not documents: an answer key or an export?)".into())
        }
        _ => Ok(()),
    }
}

/// The path as a key and in messages: as given when it is UTF-8 without a backslash;
/// otherwise invalid bytes written `\xHH` and backslashes doubled, so that distinct
/// names stay distinct.
pub fn name_of(p: &Path) -> String {
    let bytes = p.as_os_str().as_encoded_bytes();
    match std::str::from_utf8(bytes) {
        Ok(s) if !s.contains('\\') => s.to_string(),
        _ => {
            let mut out = String::with_capacity(bytes.len() + 8);
            for chunk in bytes.utf8_chunks() {
                out.push_str(&chunk.valid().replace('\\', "\\\\"));
                for b in chunk.invalid() {
                    out.push_str(&format!("\\x{b:02X}"));
                }
            }
            out
        }
    }
}

/// What a person should read for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}

/// The documents of one input, read when the caller gets to them. `stdin_format`
/// applies to standard input only; a file's format comes from its name and bytes.
pub fn documents(
    input: Input,
    stdin_format: Option<Format>,
    limits: &Limits,
) -> Box<dyn Iterator<Item = Result<Document, DocError>> + Send> {
    let bad = |name: String, why: String| -> Box<dyn Iterator<Item = _> + Send> {
        Box::new(std::iter::once(Err(DocError { source_name: name, reason: Reason::Unreadable(why) })))
    };
    match input {
        Input::Stdin => isnad_ingest::read_documents("-", std::io::stdin(), stdin_format, limits),
        Input::Bad { name, why } => bad(name, why),
        Input::File { path, name } => match std::fs::File::open(&path) {
            Ok(f) => isnad_ingest::read_documents(&name, f, None, limits),
            Err(e) => bad(name, io_reason(&e)),
        },
    }
}
