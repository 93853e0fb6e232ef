//! Bytes to text, the one decoder every command uses. The rule (README "Encodings"):
//!
//! 1. A byte-order mark names the encoding.
//! 2. UTF-16 without a BOM is recognised by its NUL bytes sitting in every other column.
//! 3. Other NUL bytes mean binary data.
//! 4. Valid UTF-8 is UTF-8, whatever a header or `<meta>` claims (Arabic sites often
//!    label windows-1256 pages as UTF-8 and the reverse; valid multi-byte UTF-8 is
//!    never what a legacy Arabic text looks like).
//! 5. Bytes that are *almost* UTF-8 (most of their non-ASCII sequences are valid
//!    UTF-8) are refused, naming the offset of the first bad byte: a truncated
//!    character or a stray byte in a UTF-8 file must not turn the file into
//!    windows-1252 or GBK mojibake, and the text is never altered (every claim's span
//!    indexes the text as read).
//! 6. Otherwise a declared charset (HTTP `Content-Type`, then `<meta charset>`), then a
//!    statistical guess (chardetng); either must decode every byte, or it is skipped.

use crate::Reason;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

/// Decodes `bytes`, given the charset of an HTTP header if there was one; `html` lets
/// it look for `<meta charset>` in the head of the document.
pub fn decode(bytes: &[u8], http_charset: Option<&str>, html: bool) -> Result<Decoded, Reason> {
    decode_owned(bytes.to_vec(), http_charset, html)
}

/// [`decode`] taking the buffer, so that valid UTF-8 (the common case) costs no copy.
pub fn decode_owned(owned: Vec<u8>, http_charset: Option<&str>, html: bool) -> Result<Decoded, Reason> {
    if owned.is_empty() {
        return Err(Reason::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(&owned) {
        if enc == UTF_8 {
            // The UTF-8 BOM stays in the text (U+FEFF, which folding ignores), so that
            // every offset is a byte offset into the file as it is on disk.
            return match utf8(owned) {
                Ok(text) => Ok(Decoded { text, encoding: UTF_8 }),
                Err(bytes) => Err(utf8_error(&bytes, 1)),
            };
        }
        return strict(enc, &owned[bom_len..]).ok_or_else(|| undecodable(enc, &owned[bom_len..]));
    }
    if let Some(enc) = utf16_without_bom(&owned) {
        if let Some(d) = guessed(enc, &owned) {
            return Ok(d);
        }
    }
    if looks_binary(&owned) {
        return Err(Reason::Binary);
    }
    let owned = match utf8(owned) {
        Ok(text) => return Ok(Decoded { text, encoding: UTF_8 }),
        Err(bytes) => bytes,
    };
    let bytes = &owned[..];
    if let Some(damage) = almost_utf8(bytes) {
        return Err(damage);
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
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let guess = det.guess(None, true);
    if guess == UTF_8 {
        return Err(utf8_error(bytes, 0));
    }
    guessed(guess, bytes).ok_or_else(|| undecodable(guess, bytes))
}

/// The bytes as a `String` when they are valid UTF-8, else the bytes back. Checked by
/// `simdutf8` (many bytes an instruction) and then copied: `String::from_utf8` checks a
/// character at a time, which cost an Arabic document more than reading it did, and a
/// copy costs far less than either.
fn utf8(owned: Vec<u8>) -> Result<String, Vec<u8>> {
    match simdutf8::basic::from_utf8(&owned) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => Err(owned),
    }
}

/// `Some(refusal)` when the bytes are UTF-8 with damage: at least as many valid
/// multi-byte sequences as invalid ones. Legacy Arabic text makes a valid two-byte
/// sequence only by chance (a letter before `،`), and invalid ones at almost every letter.
fn almost_utf8(bytes: &[u8]) -> Option<Reason> {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let valid = std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or("");
                good += valid.chars().filter(|c| !c.is_ascii()).count();
                bad += 1;
                let skip = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[e.valid_up_to() + skip..];
            }
        }
    }
    (good > 0 && bad <= good).then(|| utf8_error(bytes, bad))
}

fn utf8_error(bytes: &[u8], bad: usize) -> Reason {
    let Err(e) = std::str::from_utf8(bytes) else { return Reason::Undecodable("valid UTF-8".into()) };
    let at = e.valid_up_to();
    match e.error_len() {
        None => Reason::BadUtf8(format!("truncated UTF-8: the text ends in the middle of a character at byte {at}")),
        Some(_) => Reason::BadUtf8(format!(
            "not valid UTF-8: byte 0x{:02X} at offset {at} is not part of a character{}; \
             isnad does not guess another encoding for text that is almost UTF-8",
            bytes[at],
            if bad > 1 { format!(" ({bad} bad sequences in all)") } else { String::new() }
        )),
    }
}

/// UTF-16 without a BOM: text in it has NUL high bytes (ASCII spaces, digits, Latin
/// letters) in one column of every pair and almost never in the other.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(8192) & !1];
    // Without a NUL neither column has one: no UTF-16 (one vectorised scan, not two counts).
    if head.len() < 4 || !head.contains(&0) {
        return None;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let pairs = head.len() / 2;
    // A space every dozen characters is ample; binary data has NULs in both columns.
    let enough = |n: usize| n * 16 >= pairs;
    if enough(odd) && even * 20 <= odd {
        Some(UTF_16LE)
    } else if enough(even) && odd * 20 <= even {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn undecodable(enc: &'static Encoding, bytes: &[u8]) -> Reason {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    Reason::Undecodable(format!("{bad} malformed sequences as {}", enc.name()))
}

/// Decodes only if every byte decodes.
fn strict(enc: &'static Encoding, bytes: &[u8]) -> Option<Decoded> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    (!had_errors).then(|| Decoded { text: text.into_owned(), encoding: enc })
}

/// [`strict`] for a guess: the result must also be text, without the C0 controls a
/// wrong guess (UTF-16 read into binary data) produces.
fn guessed(enc: &'static Encoding, bytes: &[u8]) -> Option<Decoded> {
    strict(enc, bytes).filter(|d| !d.text.chars().any(|c| c.is_control() && !c.is_whitespace()))
}

/// NUL bytes never occur in text outside UTF-16/32, which only come with a BOM here.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0)
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
        assert_eq!(d.text, "\u{feff}نص", "the UTF-8 BOM is kept: offsets are file offsets");
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
