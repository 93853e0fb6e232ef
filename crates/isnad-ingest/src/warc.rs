//! WARC and WARC.gz: every HTML (or plain text) HTTP response is a document, keyed by
//! its target URI and dated by WARC-Date. Read one record at a time: a WARC.gz is
//! inflated member by member (each held to the inflation limits), so a crawl of any
//! size never sits decompressed in memory.
//!
//! Nothing is lost without a word. A record whose Content-Length is wrong is named
//! with the direction it is wrong in (too small: the block does not end where it
//! says; too large: it runs into the next record; past the end of the file) and
//! reading resumes at the next record, found by its `WARC/1.` line. Every search
//! moves forward, so reading is linear in the file.

mod http;

use crate::limits::{inflate_bounded, Counting};
use crate::{html::parse_html, iso_date, text::parse_text, DocError, Document, Format, Limits, Reason};
use std::collections::VecDeque;

/// Longest WARC header block: real ones are well under 2 KiB.
const MAX_HEAD: usize = 64 * 1024;

pub(crate) struct WarcDocs {
    name: String,
    limits: Limits,
    /// Decompressed bytes; `buf[pos..]` is not read yet. `base` is the stream offset
    /// of `buf[0]`, so messages give offsets into the (decompressed) stream.
    buf: Vec<u8>,
    pos: usize,
    base: u64,
    /// The compressed file and how far it has been inflated (`None`: plain WARC).
    gz: Option<(Vec<u8>, usize)>,
    n: usize,
    out: VecDeque<Result<Document, DocError>>,
    done: bool,
    any: bool,
}

/// One step of reading; offsets are relative to `pos`, the start of the record (they
/// stay valid when `refill` drops the bytes before it).
enum Step {
    Record { headers: Vec<(String, String)>, block: std::ops::Range<usize>, next: usize },
    Bad { reason: String, resume: Option<usize> },
    End,
}

impl WarcDocs {
    pub(crate) fn new(name: String, bytes: Vec<u8>, limits: Limits) -> WarcDocs {
        let (buf, gz) = if bytes.starts_with(&[0x1f, 0x8b]) { (Vec::new(), Some((bytes, 0))) } else { (bytes, None) };
        WarcDocs { name, limits, buf, pos: 0, base: 0, gz, n: 0, out: VecDeque::new(), done: false, any: false }
    }

    /// Inflates the next gzip member onto `buf`; false when there is no more input.
    fn refill(&mut self) -> bool {
        let Some((data, at)) = self.gz.as_mut() else { return false };
        // Drop what has been read, so only the current record stays in memory.
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.base += self.pos as u64;
            self.pos = 0;
        }
        while *at < data.len() {
            let input = &data[*at..];
            let offset = *at;
            let mut dec = flate2::bufread::GzDecoder::new(Counting { inner: input, read: 0 });
            let res = inflate_bounded(
                &mut dec,
                |d| d.get_ref().read,
                self.limits.max_inflated_bytes,
                self.limits.max_inflate_ratio,
            );
            match res {
                Ok(member) => {
                    let used = dec.get_ref().read as usize;
                    if used == 0 {
                        *at = data.len();
                        return false;
                    }
                    *at += used;
                    self.buf.extend_from_slice(&member);
                    return true;
                }
                Err(e) => {
                    self.any = true;
                    self.out.push_back(Err(DocError {
                        source_name: format!("{} (gzip member at byte {offset})", self.name),
                        reason: e.reason(),
                    }));
                    // Resynchronise on the next gzip header.
                    match memchr::memmem::find(&input[1..], &[0x1f, 0x8b, 0x08]) {
                        Some(p) => *at += p + 1,
                        None => *at = data.len(),
                    }
                }
            }
        }
        false
    }

    /// Makes `buf[pos..]` hold at least `n` bytes if the input has them; how many it holds.
    fn want(&mut self, n: usize) -> usize {
        while self.buf.len() - self.pos < n && self.refill() {}
        self.buf.len() - self.pos
    }

    fn here(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    /// Offset of the next `WARC/1.` line at or after `from`, reading more input as
    /// needed but never holding more than a record's worth.
    fn find_record_line(&mut self, from: usize) -> Option<usize> {
        let mut scanned = from;
        loop {
            let hay = self.here();
            if scanned < hay.len() {
                let start = scanned.saturating_sub(1);
                if let Some(p) = memchr::memmem::find(&hay[start..], b"\nWARC/1.") {
                    return Some(start + p + 1);
                }
            }
            let have = hay.len();
            scanned = have.saturating_sub(7).max(from);
            if have as u64 > self.limits.max_document_bytes + MAX_HEAD as u64 || !self.refill() {
                return None;
            }
        }
    }

    /// The first byte at or after `from` that is not whitespace; `None` at the end.
    fn next_nonspace(&mut self, from: usize) -> Option<usize> {
        let mut k = from;
        loop {
            if k >= self.want(k + 1) {
                return None;
            }
            if !self.buf[self.pos + k].is_ascii_whitespace() {
                return Some(k);
            }
            k += 1;
        }
    }

    fn step(&mut self) -> Step {
        // Whitespace between records is the separator.
        match self.next_nonspace(0) {
            None => return Step::End,
            Some(k) => self.pos += k,
        }
        self.want(8);
        if !self.here().starts_with(b"WARC/") {
            let resume = self.find_record_line(0);
            let skipped = resume.unwrap_or(self.here().len());
            return Step::Bad { reason: format!("{skipped} bytes that are not a WARC record skipped"), resume };
        }
        let have = self.want(MAX_HEAD);
        let Some((head_end, body_start)) = split_head(&self.here()[..have.min(MAX_HEAD)]) else {
            if have < MAX_HEAD {
                return Step::Bad { reason: "truncated: the record header never ends".into(), resume: None };
            }
            let resume = self.find_record_line(1);
            return Step::Bad { reason: format!("record header longer than {MAX_HEAD} bytes"), resume };
        };
        let (version, headers) = match parse_headers(&self.here()[..head_end]) {
            Ok(h) => h,
            Err(e) => return Step::Bad { reason: e, resume: self.find_record_line(body_start) },
        };
        if !version.starts_with("WARC/1.") {
            let reason = format!("unknown version line {:?}", cut(&version));
            return Step::Bad { reason, resume: self.find_record_line(body_start) };
        }
        let len_s = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("Content-Length")).map(|(_, v)| v.clone());
        let Some(len_s) = len_s else {
            return Step::Bad { reason: "no Content-Length".into(), resume: self.find_record_line(body_start) };
        };
        let Ok(len) = len_s.parse::<u64>() else {
            let reason = format!("Content-Length {len_s:?} is not a number");
            return Step::Bad { reason, resume: self.find_record_line(body_start) };
        };
        if len > self.limits.max_document_bytes {
            let reason = self.limits.too_big("record (Content-Length)", len).to_string();
            return Step::Bad { reason, resume: self.find_record_line(body_start) };
        }
        let len = len as usize;
        let body_end = body_start + len;
        let have = self.want(body_end + 4);
        let at = |s: &WarcDocs, rel: usize| s.base + (s.pos + rel) as u64;
        if have < body_end {
            // Past the end of the file: a record after it (if any) is not swallowed.
            return match self.find_record_line(body_start) {
                Some(m) => Step::Bad {
                    reason: format!(
                        "Content-Length {len} runs past the end of the file; the next record starts at offset {}",
                        at(self, m)
                    ),
                    resume: Some(m),
                },
                None => Step::Bad {
                    reason: format!("truncated: Content-Length {len} but {} bytes left", have - body_start),
                    resume: None,
                },
            };
        }
        let ends_well = match self.next_nonspace(body_end) {
            None => true,
            Some(k) => {
                self.want(k + 5);
                self.here()[k..].starts_with(b"WARC/")
            }
        };
        if ends_well {
            return Step::Record { headers, block: body_start..body_end, next: body_end };
        }
        // The block does not end where Content-Length says: find where it does end.
        match self.find_record_line(body_start) {
            Some(m) if m < body_end => Step::Bad {
                reason: format!(
                    "Content-Length {len} is too large: the block runs into the next record at offset {}",
                    at(self, m)
                ),
                resume: Some(m),
            },
            Some(m) => Step::Bad {
                reason: format!(
                    "Content-Length {len} is too small: the block goes on for {} more bytes, to the next record at offset {}",
                    m - body_end,
                    at(self, m)
                ),
                resume: Some(m),
            },
            None => Step::Bad {
                reason: format!("Content-Length {len} is too small: the block does not end there and no record follows"),
                resume: None,
            },
        }
    }
}

impl Iterator for WarcDocs {
    type Item = Result<Document, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(d) = self.out.pop_front() {
                return Some(d);
            }
            if self.done {
                return None;
            }
            let step = self.step();
            match step {
                Step::End => {
                    self.done = true;
                    if !self.any && self.n == 0 {
                        self.any = true;
                        return Some(Err(DocError {
                            source_name: self.name.clone(),
                            reason: Reason::Warc("no WARC records found".into()),
                        }));
                    }
                }
                Step::Bad { reason, resume } => {
                    self.n += 1;
                    self.any = true;
                    let source_name =
                        format!("{} record {} (offset {})", self.name, self.n, self.base + self.pos as u64);
                    match resume {
                        Some(r) => self.pos += r.max(1),
                        None => self.done = true,
                    }
                    // A gzip error found while looking ahead comes first: it is earlier.
                    self.out.push_back(Err(DocError { source_name, reason: Reason::Warc(reason) }));
                }
                Step::Record { headers, block, next } => {
                    self.n += 1;
                    let rec = Record { headers, block: &self.buf[self.pos + block.start..self.pos + block.end] };
                    let doc = record_document(&self.name, self.n, &rec, &self.limits).map(|d| {
                        d.map_err(|r| DocError {
                            source_name: format!(
                                "{} record {} <{}>",
                                self.name,
                                self.n,
                                rec.header("WARC-Target-URI").unwrap_or("?")
                            ),
                            reason: r,
                        })
                    });
                    self.pos += next;
                    if let Some(d) = doc {
                        self.any = true;
                        return Some(d);
                    }
                }
            }
        }
    }
}

struct Record<'a> {
    headers: Vec<(String, String)>,
    block: &'a [u8],
}

impl Record<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// End of a header block and start of what follows: the first empty line, in either
/// line ending, found in one forward pass (two separate searches made CRLF files
/// quadratic: the one for "\n\n" ran to the end of the file at every record).
pub(crate) fn split_head(data: &[u8]) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(p) = memchr::memchr(b'\n', &data[from..]) {
        let i = from + p;
        match data.get(i + 1) {
            Some(b'\n') => return Some((i, i + 2)),
            Some(b'\r') if data.get(i + 2) == Some(&b'\n') => {
                let end = if i > 0 && data[i - 1] == b'\r' { i - 1 } else { i };
                return Some((end, i + 3));
            }
            _ => from = i + 1,
        }
    }
    None
}

pub(crate) fn parse_headers(head: &[u8]) -> Result<(String, Vec<(String, String)>), String> {
    let head = std::str::from_utf8(head).map_err(|_| "header is not UTF-8".to_string())?;
    let mut lines = head.lines();
    let first = lines.next().unwrap_or("").trim().to_string();
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
                continue;
            }
        }
        let (k, v) = line.split_once(':').ok_or_else(|| format!("header line without a colon: {:?}", cut(line)))?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    Ok((first, headers))
}

pub(crate) fn cut(s: &str) -> String {
    s.chars().take(60).collect()
}

/// The document in a record, if it holds one: `None` for request, metadata and
/// warcinfo records and for responses that are not pages (images, redirects, errors).
fn record_document(name: &str, n: usize, rec: &Record, limits: &Limits) -> Option<Result<Document, Reason>> {
    let wtype = rec.header("WARC-Type")?.to_ascii_lowercase();
    let uri = rec.header("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string());
    let key = uri.clone().unwrap_or_else(|| format!("{name}#record{n}"));
    let (content_type, body) = match wtype.as_str() {
        "response" => {
            let resp = match http::parse_response(rec.block, limits) {
                Ok(r) => r,
                Err(e) => return Some(Err(e)),
            };
            if !(200..300).contains(&resp.status) {
                return None;
            }
            (resp.content_type, resp.body)
        }
        "resource" => (rec.header("Content-Type").map(str::to_string), rec.block.to_vec()),
        _ => return None,
    };
    let ct = content_type.unwrap_or_default();
    let mime = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = crate::decode::charset_param(&ct);
    if body.len() as u64 > limits.max_document_bytes {
        return Some(Err(limits.too_big("page", body.len() as u64)));
    }
    let doc = match mime.as_str() {
        "text/html" | "application/xhtml+xml" | "" => parse_html(&key, &body, charset.as_deref(), limits),
        "text/plain" => parse_text(&key, body),
        _ => return None,
    };
    Some(doc.map(|mut d| {
        d.format = Some(Format::Warc);
        d.fetched = rec.header("WARC-Date").and_then(iso_date);
        if d.url.is_none() {
            d.url = uri;
        }
        d
    }))
}
