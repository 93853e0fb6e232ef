//! Article formats to documents, from bytes: plain text, HTML (main text, metadata),
//! WARC and WARC.gz (HTTP responses inside), JSON Lines. Reading files is the caller's
//! job, so every format can be tested and fuzzed from memory.
//!
//! One input file can hold many documents (WARC, JSON Lines) and one bad document must
//! not sink the others, so [`parse`] returns one `Result` per document.

mod decode;
mod html;
mod jsonl;
mod lang;
mod limits;
mod text;
mod warc;

pub use decode::{decode, decode_owned, Decoded};
pub use html::{extract_html, extract_html_within, HtmlArticle};
pub use lang::{detect_lang, Lang};
pub use limits::Limits;

use std::fmt;

/// The input format of a file, from its name or, failing that, its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Warc,
    Jsonl,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Warc => "warc",
            Format::Jsonl => "jsonl",
        }
    }
}

/// One document ready to store: the text claims are extracted from, and what is known
/// about it. Offsets of claims refer to `text` exactly as held here.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Stable identity across runs: the path as given, `path#L7` for a JSON line
    /// without a URL, the target URI of a WARC record. Re-ingesting the same key
    /// replaces the document when its content changed.
    pub key: String,
    pub format: Option<Format>,
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// Publication date as `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) when the source says.
    pub published: Option<String>,
    /// When a crawler fetched it (WARC-Date), as `YYYY-MM-DD`.
    pub fetched: Option<String>,
    pub lang: Option<Lang>,
    /// The character encoding the bytes were decoded from.
    pub encoding: Option<&'static str>,
}

/// Why one document could not be read. `source` names the file and, inside it, the
/// record or line, so a batch report can point at it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{source_name}: {reason}")]
pub struct DocError {
    pub source_name: String,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Reason {
    #[error("not decodable as text ({0})")]
    Undecodable(String),
    #[error("binary data, not a text document")]
    Binary,
    #[error("no article text found in the page")]
    NoArticle,
    #[error("empty document")]
    Empty,
    #[error("malformed WARC record: {0}")]
    Warc(String),
    #[error("malformed HTTP response in WARC record: {0}")]
    Http(String),
    #[error("malformed JSON line: {0}")]
    Json(String),
    #[error("gzip stream is corrupt: {0}")]
    Gzip(String),
    /// Bytes that are almost UTF-8: the offset of the first bad byte, never a guess.
    #[error("{0}")]
    BadUtf8(String),
    /// The file could not be read at all ("no such file", "permission denied").
    #[error("{0}")]
    Unreadable(String),
    /// Over a resource limit (decompressed size, inflation ratio, document size, time).
    #[error("refused: {0}")]
    Limit(String),
    /// A second document with an id or URL already used earlier in the same file.
    #[error("{0}")]
    Duplicate(String),
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Guesses the format from the file name, then from the content.
pub fn sniff_format(name: &str, bytes: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    let by_ext = [
        (".warc.gz", Format::Warc),
        (".warc", Format::Warc),
        (".arc.gz", Format::Warc),
        (".jsonl", Format::Jsonl),
        (".ndjson", Format::Jsonl),
        (".jsonl.gz", Format::Jsonl),
        (".html", Format::Html),
        (".htm", Format::Html),
        (".xhtml", Format::Html),
        (".txt", Format::Text),
    ];
    for (ext, f) in by_ext {
        if lower.ends_with(ext) {
            return f;
        }
    }
    if bytes.starts_with(&[0x1f, 0x8b]) || bytes.starts_with(b"WARC/") {
        return Format::Warc;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.contains("<head")
    {
        return Format::Html;
    }
    if head.starts_with('{') {
        return Format::Jsonl;
    }
    Format::Text
}

/// Every document in one input file. `name` is how the file is named in keys and errors.
pub fn parse(name: &str, bytes: &[u8]) -> Vec<Result<Document, DocError>> {
    parse_as(name, bytes, sniff_format(name, bytes))
}

/// Like [`parse`] with the format decided by the caller.
pub fn parse_as(name: &str, bytes: &[u8], format: Format) -> Vec<Result<Document, DocError>> {
    documents(name, bytes.to_vec(), format, &Limits::default()).collect()
}

/// The documents of one input file, one at a time: a WARC or JSON Lines file of any
/// size is read record by record (its decompressed whole is never held), and every
/// document is held to `limits`. Takes the file's bytes so a text file's valid UTF-8
/// becomes its text without a copy.
pub fn documents(
    name: &str,
    bytes: Vec<u8>,
    format: Format,
    limits: &Limits,
) -> Box<dyn Iterator<Item = Result<Document, DocError>> + Send> {
    let name = name.to_string();
    let err = |name: &str, reason| DocError { source_name: name.to_string(), reason };
    let single = |r: Result<Document, Reason>| -> Box<dyn Iterator<Item = _> + Send> {
        Box::new(std::iter::once(r.map_err(|reason| err(&name, reason))))
    };
    match format {
        Format::Text | Format::Html if bytes.len() as u64 > limits.max_document_bytes => {
            single(Err(limits.too_big("document", bytes.len() as u64)))
        }
        Format::Text => single(text::parse_text(&name, bytes)),
        Format::Html => single(html::parse_html(&name, &bytes, None, limits)),
        Format::Jsonl => Box::new(jsonl::JsonlDocs::new(name.clone(), bytes, *limits)),
        Format::Warc => Box::new(warc::WarcDocs::new(name.clone(), bytes, *limits)),
    }
}

/// The documents of one stream (a file or standard input), its format decided by
/// `format` or sniffed from `name` and its first bytes. JSON Lines is read a line at a
/// time as it arrives (so `isnad extract --jsonl - < docs.jsonl` works in any pipe);
/// other formats are read whole, a text or HTML document only up to the size limit.
pub fn read_documents(
    name: &str,
    reader: impl std::io::Read + Send + 'static,
    format: Option<Format>,
    limits: &Limits,
) -> Box<dyn Iterator<Item = Result<Document, DocError>> + Send> {
    use std::io::{BufRead, Read};
    let mut r = std::io::BufReader::with_capacity(1 << 16, reader);
    let fail = |reason: Reason| -> Box<dyn Iterator<Item = _> + Send> {
        Box::new(std::iter::once(Err(DocError { source_name: name.to_string(), reason })))
    };
    let head = match r.fill_buf() {
        Ok(h) => h.to_vec(),
        Err(e) => return fail(Reason::Unreadable(format!("cannot read: {e}"))),
    };
    let format = format.unwrap_or_else(|| sniff_format(name, &head));
    if format == Format::Jsonl && !head.starts_with(&[0x1f, 0x8b]) {
        return Box::new(jsonl::JsonlDocs::from_reader(name.to_string(), Box::new(r), *limits));
    }
    let cap = match format {
        Format::Text | Format::Html => limits.max_document_bytes + 1,
        _ => u64::MAX,
    };
    let mut bytes = Vec::new();
    if let Err(e) = r.take(cap).read_to_end(&mut bytes) {
        return fail(Reason::Unreadable(format!("cannot read: {e}")));
    }
    documents(name, bytes, format, limits)
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` from the start of an ISO 8601-ish date or
/// timestamp (`2017-10-12T09:30:00+03:00`, `2017/10/12`); `None` when it is not one.
pub fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if !digits(0..4) {
        return None;
    }
    let year = &s[..4];
    let sep = |i: usize| b.get(i).is_some_and(|c| matches!(c, b'-' | b'/' | b'.'));
    if !(sep(4) && digits(5..7)) {
        return (b.len() == 4 || !b[4].is_ascii_digit()).then(|| year.to_string());
    }
    let month: u8 = s[5..7].parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    if sep(7) && digits(8..10) {
        let day: u8 = s[8..10].parse().ok()?;
        // A day the month does not have (2017-02-30) is not a date: refuse it whole
        // rather than keep a month the source did not mean either.
        let y: u32 = year.parse().ok()?;
        if day == 0 || day > days_in_month(y, month) {
            return None;
        }
        return Some(format!("{year}-{month:02}-{day:02}"));
    }
    Some(format!("{year}-{month:02}"))
}

/// Days in a month of the Gregorian calendar.
pub fn days_in_month(year: u32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(iso_date("2017-10-12T09:30:00+03:00").as_deref(), Some("2017-10-12"));
        assert_eq!(iso_date("2017/1/2").as_deref(), Some("2017"));
        assert_eq!(iso_date("2017-10").as_deref(), Some("2017-10"));
        assert_eq!(iso_date("2017").as_deref(), Some("2017"));
        assert_eq!(iso_date("Oct 12, 2017"), None);
        assert_eq!(iso_date("2017-13-01"), None);
        assert_eq!(iso_date("2017-02-30"), None);
        assert_eq!(iso_date("2017-02-29"), None);
        assert_eq!(iso_date("2016-02-29").as_deref(), Some("2016-02-29"));
        assert_eq!(iso_date("2017-04-31"), None);
    }

    #[test]
    fn sniffs() {
        assert_eq!(sniff_format("a.bin", b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(sniff_format("a", b"  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff_format("a", b"{\"text\":1}"), Format::Jsonl);
        assert_eq!(sniff_format("a", "نص".as_bytes()), Format::Text);
    }
}
