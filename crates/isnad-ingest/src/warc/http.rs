//! The HTTP response inside a WARC response record: status, content type, and the body
//! with chunked transfer and gzip/deflate content encoding undone.

use crate::limits::{inflate_bounded, Counting};
use crate::{Limits, Reason};

pub(crate) struct Response {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

pub(crate) fn parse_response(block: &[u8], limits: &Limits) -> Result<Response, Reason> {
    parse(block, limits).map_err(|e| match e {
        Failure::Http(s) => Reason::Http(s),
        Failure::Limit(r) => r,
    })
}

enum Failure {
    Http(String),
    Limit(Reason),
}

impl From<String> for Failure {
    fn from(s: String) -> Failure {
        Failure::Http(s)
    }
}

impl From<&str> for Failure {
    fn from(s: &str) -> Failure {
        Failure::Http(s.to_string())
    }
}

fn parse(block: &[u8], limits: &Limits) -> Result<Response, Failure> {
    let (head_end, body_start) = super::split_head(block).ok_or("no end of HTTP headers")?;
    let (status_line, headers) = super::parse_headers(&block[..head_end])?;
    let mut parts = status_line.split_whitespace();
    let proto = parts.next().unwrap_or("");
    if !proto.starts_with("HTTP/") {
        return Err(format!("bad status line {:?}", super::cut(&status_line)).into());
    }
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line {:?}", super::cut(&status_line)))?;
    let header = |n: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(n)).map(|(_, v)| v.clone());
    let mut body = block[body_start..].to_vec();
    if header("Transfer-Encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        body = dechunk(&body)?;
    }
    match header("Content-Encoding").map(|s| s.to_ascii_lowercase()) {
        Some(e) if e.contains("gzip") => {
            let mut d = flate2::bufread::MultiGzDecoder::new(Counting { inner: &body[..], read: 0 });
            body = inflate(&mut d, |d| d.get_ref().read, limits)?
        }
        Some(e) if e.contains("deflate") => {
            let mut d = flate2::bufread::ZlibDecoder::new(Counting { inner: &body[..], read: 0 });
            body = inflate(&mut d, |d| d.get_ref().read, limits)?
        }
        _ => {}
    }
    Ok(Response { status, content_type: header("Content-Type"), body })
}

fn inflate<D: std::io::Read>(d: &mut D, used: impl Fn(&D) -> u64, limits: &Limits) -> Result<Vec<u8>, Failure> {
    // The body of one page: the document limit is its cap too.
    let cap = limits.max_inflated_bytes.min(limits.max_document_bytes);
    inflate_bounded(d, used, cap, limits.max_inflate_ratio).map_err(|e| match e {
        crate::limits::InflateError::Corrupt(e) => Failure::Http(format!("compressed body is corrupt: {e}")),
        e => Failure::Limit(e.reason()),
    })
}

fn dechunk(mut b: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let nl = memchr::memmem::find(b, b"\r\n").ok_or("chunk size line never ends")?;
        let line = std::str::from_utf8(&b[..nl]).map_err(|_| "bad chunk size")?;
        let size = usize::from_str_radix(line.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| format!("bad chunk size {line:?}"))?;
        b = &b[nl + 2..];
        if size == 0 {
            return Ok(out);
        }
        if b.len() < size {
            return Err("chunk runs past the end".into());
        }
        out.extend_from_slice(&b[..size]);
        b = b.get(size + 2..).unwrap_or(&[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_and_status() {
        let l = Limits::default();
        let r = parse_response(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n4\r\nabcd\r\n2\r\nef\r\n0\r\n\r\n", &l).unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.body, b"abcdef");
        assert!(parse_response(b"garbage\r\n\r\n", &l).is_err());
    }
}
