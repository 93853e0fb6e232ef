//! WARC and WARC.gz: every HTML (or plain text) HTTP response is a document, keyed by
//! its target URI and dated by WARC-Date. A malformed record is reported and skipped;
//! reading resumes at the next record, so one bad record costs only itself.

mod http;

use crate::{html::parse_html, iso_date, text::parse_text, DocError, Document, Format, Reason};
use std::io::Read;

pub(crate) fn parse_warc(name: &str, bytes: &[u8]) -> Vec<Result<Document, DocError>> {
    let mut out = Vec::new();
    let data = if bytes.starts_with(&[0x1f, 0x8b]) {
        let (data, errors) = gunzip_members(bytes);
        out.extend(errors.into_iter().map(|(off, e)| {
            Err(DocError { source_name: format!("{name} (gzip member at byte {off})"), reason: Reason::Gzip(e) })
        }));
        data
    } else {
        bytes.to_vec()
    };
    let mut pos = 0;
    let mut n = 0;
    while let Some(start) = next_record(&data, pos) {
        n += 1;
        let here = |reason| DocError { source_name: format!("{name} record {n} (offset {start})"), reason };
        match read_record(&data, start) {
            Ok((rec, end)) => {
                pos = end;
                if let Some(doc) = record_document(name, n, &rec) {
                    out.push(doc.map_err(|r| DocError {
                        source_name: format!("{name} record {n} <{}>", rec.header("WARC-Target-URI").unwrap_or("?")),
                        reason: r,
                    }));
                }
            }
            Err(Bad { reason, fatal }) => {
                out.push(Err(here(Reason::Warc(reason))));
                if fatal {
                    break;
                }
                pos = start + 1;
            }
        }
    }
    if n == 0 && out.is_empty() {
        out.push(Err(DocError { source_name: name.to_string(), reason: Reason::Warc("no WARC records found".into()) }));
    }
    out
}

/// Decompresses gzip members one by one (WARC.gz is one member per record), so that a
/// corrupt member loses one record and not the rest of the file.
fn gunzip_members(mut input: &[u8]) -> (Vec<u8>, Vec<(usize, String)>) {
    let total = input.len();
    let (mut data, mut errors) = (Vec::new(), Vec::new());
    while !input.is_empty() {
        let offset = total - input.len();
        let mut dec = flate2::bufread::GzDecoder::new(input);
        let mut member = Vec::new();
        match dec.read_to_end(&mut member) {
            Ok(_) => {
                data.extend_from_slice(&member);
                let rest = dec.into_inner();
                if rest.len() == input.len() {
                    break;
                }
                input = rest;
            }
            Err(e) => {
                errors.push((offset, e.to_string()));
                // Resynchronise on the next gzip header.
                match input[1..].windows(3).position(|w| w == [0x1f, 0x8b, 0x08]) {
                    Some(p) => input = &input[p + 1..],
                    None => break,
                }
            }
        }
    }
    (data, errors)
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

struct Bad {
    reason: String,
    /// Nothing after this point can be trusted (a truncated file).
    fatal: bool,
}

fn bad(reason: impl Into<String>) -> Bad {
    Bad { reason: reason.into(), fatal: false }
}

/// Start of the next `WARC/` version line at or after `pos`.
fn next_record(data: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos;
    while i < data.len() && data[i].is_ascii_whitespace() {
        i += 1;
    }
    if i >= data.len() {
        return None;
    }
    if data[i..].starts_with(b"WARC/") {
        return Some(i);
    }
    // Garbage between records: skip to the next line that opens a record.
    data[i..].windows(6).position(|w| w == b"\nWARC/").map(|p| i + p + 1).or(Some(i))
}

fn split_head(data: &[u8]) -> Option<(usize, usize)> {
    let crlf = data.windows(4).position(|w| w == b"\r\n\r\n").map(|p| (p, p + 4));
    let lf = data.windows(2).position(|w| w == b"\n\n").map(|p| (p, p + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

fn parse_headers(head: &[u8]) -> Result<(String, Vec<(String, String)>), String> {
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

fn cut(s: &str) -> String {
    s.chars().take(60).collect()
}

fn read_record(data: &[u8], start: usize) -> Result<(Record<'_>, usize), Bad> {
    let rest = &data[start..];
    let (head_end, body_start) = split_head(rest).ok_or_else(|| Bad { reason: "header never ends".into(), fatal: true })?;
    let (version, headers) = parse_headers(&rest[..head_end]).map_err(bad)?;
    if !version.starts_with("WARC/1.") {
        return Err(bad(format!("unknown version line {:?}", cut(&version))));
    }
    let rec = Record { headers, block: &[] };
    let len_s = rec.header("Content-Length").ok_or_else(|| bad("no Content-Length"))?;
    let len: usize = len_s.parse().map_err(|_| bad(format!("Content-Length {len_s:?} is not a number")))?;
    let body = &rest[body_start..];
    if body.len() < len {
        return Err(Bad {
            reason: format!("truncated: Content-Length {len} but {} bytes left", body.len()),
            fatal: true,
        });
    }
    let end = start + body_start + len;
    Ok((Record { block: &data[start + body_start..end], ..rec }, end))
}

/// The document in a record, if it holds one: `None` for request, metadata and
/// warcinfo records and for responses that are not pages (images, redirects, errors).
fn record_document(name: &str, n: usize, rec: &Record) -> Option<Result<Document, Reason>> {
    let wtype = rec.header("WARC-Type")?.to_ascii_lowercase();
    let uri = rec.header("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string());
    let key = uri.clone().unwrap_or_else(|| format!("{name}#record{n}"));
    let (content_type, body) = match wtype.as_str() {
        "response" => {
            let resp = match http::parse_response(rec.block) {
                Ok(r) => r,
                Err(e) => return Some(Err(Reason::Http(e))),
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
    let doc = match mime.as_str() {
        "text/html" | "application/xhtml+xml" | "" => parse_html(&key, &body, charset.as_deref()),
        "text/plain" => parse_text(&key, &body),
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
