//! Bytes to text. Order of trust: a byte-order mark, then what the server said (HTTP
//! `Content-Type`), then what the page says (`<meta charset>`), then valid UTF-8, then a
//! statistical guess. A declaration that the bytes contradict is skipped rather than
//! believed: Arabic sites often serve windows-1256 labelled as UTF-8.

use crate::Reason;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

/// Share of malformed sequences above which a decoding is taken as wrong.
const MAX_BAD_RATIO: f64 = 0.01;

/// Decodes `bytes`, given the charset of an HTTP header if there was one; `html` lets
/// it look for `<meta charset>` in the head of the document.
pub fn decode(bytes: &[u8], http_charset: Option<&str>, html: bool) -> Result<Decoded, Reason> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return strict(enc, &bytes[bom_len..]).ok_or_else(|| undecodable(enc, bytes));
    }
    if looks_binary(bytes) {
        return Err(Reason::Binary);
    }
    let declared = http_charset
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .into_iter()
        .chain(html.then(|| meta_charset(bytes)).flatten());
    for enc in declared {
        // A UTF-16 label on bytes without a BOM means the page was re-saved as
        // something ASCII-compatible; the HTML standard reads it as UTF-8 too.
        let enc = if enc == UTF_16LE || enc == UTF_16BE { UTF_8 } else { enc };
        if let Some(d) = strict(enc, bytes) {
            return Ok(d);
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: s.to_owned(), encoding: UTF_8 });
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let guess = det.guess(None, true);
    strict(guess, bytes).ok_or_else(|| undecodable(guess, bytes))
}

fn undecodable(enc: &'static Encoding, bytes: &[u8]) -> Reason {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    Reason::Undecodable(format!("{bad} malformed sequences as {}", enc.name()))
}

/// Decodes if no more than a sliver of the input is malformed: a stray bad byte in a
/// long page should not lose the page, a wrong encoding should not pass.
fn strict(enc: &'static Encoding, bytes: &[u8]) -> Option<Decoded> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        let total = text.chars().count().max(1);
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        if bad as f64 / total as f64 > MAX_BAD_RATIO {
            return None;
        }
    }
    Some(Decoded { text: text.into_owned(), encoding: enc })
}

/// NUL bytes never occur in text outside UTF-16/32, which only come with a BOM here.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    head.iter().filter(|&&b| b == 0).count() > 0
}

/// The charset named by `<meta charset=..>` or `<meta http-equiv content="..charset=..">`
/// in the first 4 KiB (where browsers look too).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..].iter().position(|&b| b == b'>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(cs) = find(tag, b"charset") {
            let rest = &tag[cs + 7..];
            let rest = rest.iter().skip_while(|b| b.is_ascii_whitespace()).copied().collect::<Vec<_>>();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let label: Vec<u8> = rest
                    .iter()
                    .skip_while(|b| b.is_ascii_whitespace() || **b == b'"' || **b == b'\'')
                    .take_while(|b| !(b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'/' | b'>')))
                    .copied()
                    .collect();
                if let Some(enc) = Encoding::for_label(&label) {
                    return Some(enc);
                }
            }
        }
        from = end.max(start + 5);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The `charset` parameter of a `Content-Type` header value.
pub(crate) fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        let mut b = vec![0xFF, 0xFE];
        for u in "قال".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b, Some("windows-1256"), false).unwrap();
        assert_eq!(d.text, "قال");
        assert_eq!(d.encoding, UTF_16LE);
        let d = decode("\u{feff}نص".as_bytes(), None, false).unwrap();
        assert_eq!(d.text, "نص");
    }

    #[test]
    fn legacy_arabic_from_meta_and_header() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("<meta charset=\"windows-1256\"><p>الرقة</p>");
        let d = decode(&bytes, None, true).unwrap();
        assert!(d.text.contains("الرقة"));
        let (bytes, _, _) = encoding_rs::ISO_8859_6.encode("قال المتحدث");
        let d = decode(&bytes, Some("iso-8859-6"), false).unwrap();
        assert_eq!(d.text, "قال المتحدث");
    }

    #[test]
    fn wrong_utf8_declaration_falls_back_to_detection() {
        let text = "قال المتحدث باسم التحالف إن نحو أربعة آلاف شخص غادروا المدينة خلال الأسبوع الماضي";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(text);
        let d = decode(&bytes, Some("utf-8"), false).unwrap();
        assert_eq!(d.text, text);
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"\x00\x01\x02PNG", None, false).unwrap_err(), Reason::Binary);
    }

    #[test]
    fn charset_param_parses() {
        assert_eq!(charset_param("text/html; charset=\"windows-1256\"").as_deref(), Some("windows-1256"));
        assert_eq!(charset_param("text/html"), None);
    }
}
