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
    /// Every file (ingest sniffs each one).
    All,
    /// Files with one of these endings.
    Endings(&'static [&'static str]),
}

/// Text, HTML and WARC: what `extract` and `entities` take from a folder. JSON Lines
/// in a folder is as often an answer key or an export as a batch of documents, so it
/// is read when named or piped.
pub const DOCUMENTS: &[&str] = &[".txt", ".html", ".htm", ".xhtml", ".warc", ".warc.gz", ".arc.gz"];

pub fn collect(paths: &[PathBuf], take: Take) -> Vec<Input> {
    let mut out = Vec::new();
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
                Ok(e) if e.file_type().is_file() && takes(take, e.path()) => {
                    let path = e.into_path();
                    out.push(Input::File { name: name_of(&path), path });
                }
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
    out
}

fn takes(take: Take, p: &Path) -> bool {
    match take {
        Take::All => true,
        Take::Endings(ends) => {
            let n = p.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
            ends.iter().any(|e| n.ends_with(e))
        }
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
pub fn documents(input: Input, stdin_format: Option<Format>, limits: &Limits) -> Box<dyn Iterator<Item = Result<Document, DocError>> + Send> {
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
