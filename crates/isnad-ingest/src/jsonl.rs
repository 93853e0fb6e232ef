//! JSON Lines: one document a line, `{"text", "title"?, "url"?, "outlet"?,
//! "published"?, "lang"?, "id"?}`. Other fields are ignored; a bad line fails alone.
//! Read a line at a time (a `.jsonl.gz` is inflated as it is read), each line held to
//! the document size limit; a second line with an id or URL already used in the file
//! is reported, not allowed to replace the first.

use crate::limits::{Counting, GzLines};
use crate::{detect_lang, iso_date, DocError, Document, Format, Lang, Limits, Reason};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Cursor, Read};

#[derive(Deserialize)]
struct Line {
    text: Option<String>,
    title: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
    published: Option<String>,
    lang: Option<String>,
    id: Option<serde_json::Value>,
}

pub(crate) struct JsonlDocs {
    name: String,
    src: BufReader<Box<dyn Read + Send>>,
    limits: Limits,
    line_no: usize,
    /// Keys seen in this file, with the line that used them first.
    seen: HashMap<String, usize>,
    any: bool,
    done: bool,
}

impl JsonlDocs {
    pub(crate) fn new(name: String, bytes: Vec<u8>, limits: Limits) -> JsonlDocs {
        let src: Box<dyn Read + Send> = if bytes.starts_with(&[0x1f, 0x8b]) {
            let dec = flate2::bufread::MultiGzDecoder::new(Counting { inner: Cursor::new(bytes), read: 0 });
            Box::new(GzLines { dec, out: 0, ratio: limits.max_inflate_ratio })
        } else {
            Box::new(Cursor::new(bytes))
        };
        JsonlDocs::from_reader(name, src, limits)
    }

    /// Lines from a stream (standard input): read as they come, never held whole.
    pub(crate) fn from_reader(name: String, src: Box<dyn Read + Send>, limits: Limits) -> JsonlDocs {
        let mut src = BufReader::with_capacity(1 << 16, src);
        if src.fill_buf().is_ok_and(|b| b.starts_with(b"\xEF\xBB\xBF")) {
            src.consume(3);
        }
        JsonlDocs { name, src, limits, line_no: 0, seen: HashMap::new(), any: false, done: false }
    }

    /// The next line, at most the document limit long; `Err` for a line over it (the
    /// rest of that line is skipped).
    fn next_line(&mut self) -> Option<Result<Vec<u8>, Reason>> {
        let max = self.limits.max_document_bytes;
        let mut line = Vec::new();
        match (&mut self.src).take(max + 1).read_until(b'\n', &mut line) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => {
                self.done = true;
                let msg = e.to_string();
                let r = if msg.contains("bomb") { Reason::Limit(msg) } else { Reason::Gzip(msg) };
                return Some(Err(r));
            }
        }
        self.line_no += 1;
        if line.len() as u64 > max && !line.ends_with(b"\n") {
            // Skip to the end of this line without holding it.
            loop {
                let buf = match self.src.fill_buf() {
                    Ok(b) if !b.is_empty() => b,
                    _ => break,
                };
                match buf.iter().position(|&b| b == b'\n') {
                    Some(p) => {
                        self.src.consume(p + 1);
                        break;
                    }
                    None => {
                        let n = buf.len();
                        self.src.consume(n);
                    }
                }
            }
            return Some(Err(self.limits.too_big("line", max + 1)));
        }
        Some(Ok(line))
    }
}

impl Iterator for JsonlDocs {
    type Item = Result<Document, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let Some(line) = self.next_line() else {
                self.done = true;
                if !self.any {
                    self.any = true;
                    return Some(Err(DocError { source_name: self.name.clone(), reason: Reason::Empty }));
                }
                return None;
            };
            let line_no = self.line_no;
            let err = |reason| DocError { source_name: format!("{} line {line_no}", self.name), reason };
            let raw = match line {
                Ok(l) => l,
                Err(r) => {
                    self.any = true;
                    return Some(Err(err(r)));
                }
            };
            let raw = raw.strip_suffix(b"\n").unwrap_or(&raw);
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            if raw.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.any = true;
            let doc = match parse_line(&self.name, line_no, raw) {
                Ok(d) => d,
                Err(r) => return Some(Err(err(r))),
            };
            if let Some(first) = self.seen.get(&doc.key) {
                return Some(Err(err(Reason::Duplicate(format!(
                    "id {:?} was already used on line {first}; this line is not stored",
                    doc.key
                )))));
            }
            self.seen.insert(doc.key.clone(), line_no);
            return Some(Ok(doc));
        }
    }
}

fn parse_line(name: &str, line_no: usize, raw: &[u8]) -> Result<Document, Reason> {
    let l: Line = serde_json::from_slice(raw).map_err(|e| Reason::Json(e.to_string()))?;
    let text = l.text.ok_or_else(|| Reason::Json("no \"text\" field".into()))?;
    if text.trim().is_empty() {
        return Err(Reason::Empty);
    }
    let id = l.id.map(|v| match v {
        serde_json::Value::String(s) => s,
        v => v.to_string(),
    });
    let key = l.url.clone().or(id).unwrap_or_else(|| format!("{name}#L{line_no}"));
    let nonempty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    let published = match l.published.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(p) => {
            Some(iso_date(p).ok_or_else(|| Reason::Json(format!("\"published\" {p:?} is not a date (YYYY-MM-DD)")))?)
        }
    };
    Ok(Document {
        key,
        format: Some(Format::Jsonl),
        lang: Some(l.lang.as_deref().and_then(Lang::parse).unwrap_or_else(|| detect_lang(&text))),
        text,
        title: nonempty(l.title),
        url: nonempty(l.url),
        outlet: nonempty(l.outlet),
        author: nonempty(l.author),
        published,
        fetched: None,
        encoding: Some("UTF-8"),
    })
}
