//! Resource limits for one document, and inflation that keeps to them. A hostile or
//! broken file (a gzip bomb, a page nested a million deep, a 2 GB "article") costs one
//! refused document with a reason naming the limit, never the batch or the machine.

use crate::Reason;
use std::io::{self, BufRead, Read};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Largest document before decoding: a text or HTML file, a WARC record, a JSON line.
    pub max_document_bytes: u64,
    /// Largest output of one gzip stream held at once (a WARC.gz member, an HTTP body).
    pub max_inflated_bytes: u64,
    /// Largest ratio of inflated to compressed bytes, checked past the first MiB:
    /// text compresses 3–10×, a bomb 1000×.
    pub max_inflate_ratio: u64,
    /// Time one HTML page may take to yield its main text.
    pub max_document_time: Duration,
    /// Deepest element nesting read from a page; deeper markup is flattened into its
    /// ancestor (no article nests 500 deep; a hostile page nests 100,000).
    pub max_html_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_document_bytes: 32 << 20,
            max_inflated_bytes: 256 << 20,
            max_inflate_ratio: 200,
            max_document_time: Duration::from_secs(10),
            max_html_depth: 512,
        }
    }
}

impl Limits {
    pub(crate) fn too_big(&self, what: &str, n: u64) -> Reason {
        Reason::Limit(format!("{what} of {} is over the {} limit", mib(n), mib(self.max_document_bytes)))
    }
}

pub(crate) fn mib(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64)
    } else {
        format!("{n} bytes")
    }
}

/// Counts the compressed bytes a decoder consumes.
pub(crate) struct Counting<R> {
    pub inner: R,
    pub read: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.read += n as u64;
        self.inner.consume(n)
    }
}

/// Reads all of a decoder's output, refusing past the absolute cap or the ratio.
/// `compressed` reports how many input bytes the decoder has consumed so far.
pub(crate) fn inflate_bounded<D: Read>(
    dec: &mut D,
    compressed: impl Fn(&D) -> u64,
    max_out: u64,
    ratio: u64,
) -> Result<Vec<u8>, InflateError> {
    let mut out = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        let n = match dec.read(&mut buf) {
            Ok(0) => return Ok(out),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(InflateError::Corrupt(e.to_string())),
        };
        out.extend_from_slice(&buf[..n]);
        let o = out.len() as u64;
        if o > max_out {
            return Err(InflateError::Limit(format!("gzip data inflates past the {} cap", mib(max_out))));
        }
        let c = compressed(dec).max(1);
        if o > 1 << 20 && o / c > ratio {
            return Err(InflateError::Limit(format!(
                "gzip data inflates more than {ratio}× ({} from {}): a decompression bomb",
                mib(o),
                mib(c)
            )));
        }
    }
}

#[derive(Debug)]
pub(crate) enum InflateError {
    Corrupt(String),
    Limit(String),
}

impl InflateError {
    pub(crate) fn reason(self) -> Reason {
        match self {
            InflateError::Corrupt(e) => Reason::Gzip(e),
            InflateError::Limit(e) => Reason::Limit(e),
        }
    }
}

/// A `.jsonl.gz` stream read a line at a time, where the total may legitimately be
/// large: refuses to inflate past the ratio of what it has consumed.
pub(crate) struct GzLines {
    pub dec: flate2::bufread::MultiGzDecoder<Counting<io::Cursor<Vec<u8>>>>,
    pub out: u64,
    pub ratio: u64,
}

impl Read for GzLines {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.dec.read(buf)?;
        self.out += n as u64;
        let c = self.dec.get_ref().read.max(1);
        if self.out > 1 << 20 && self.out / c > self.ratio {
            return Err(io::Error::other(format!(
                "gzip data inflates more than {}× ({} from {}): a decompression bomb",
                self.ratio,
                mib(self.out),
                mib(c)
            )));
        }
        Ok(n)
    }
}
