//! Reading input documents: finding them under the paths given, and decoding their bytes.

use std::path::{Path, PathBuf};

/// Expands files and folders into the documents to read, folders recursively and in a
/// stable (sorted) order. Inside folders only files with one of `exts` are taken; a file
/// named explicitly is always taken. Paths that cannot be read are returned apart, each
/// with its reason, so that one bad path does not stop the others.
pub fn collect(paths: &[PathBuf], exts: &[&str]) -> (Vec<PathBuf>, Vec<String>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for p in paths {
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                bad.push(format!("{}: {e}", p.display()));
                continue;
            }
        };
        if meta.is_dir() {
            for entry in walkdir::WalkDir::new(p).sort_by_file_name().follow_links(true) {
                match entry {
                    Ok(entry) if entry.file_type().is_file() && has_ext(entry.path(), exts) => out.push(entry.into_path()),
                    Ok(_) => {}
                    Err(e) => bad.push(format!("{}: {e}", e.path().unwrap_or(p).display())),
                }
            }
        } else {
            out.push(p.clone());
        }
    }
    (out, bad)
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// A decoded document text, with a note when it was not plain UTF-8.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// Set when the bytes were decoded from another encoding (offsets then index the
    /// UTF-8 text, not the file).
    pub note: Option<String>,
}

/// Decodes a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy
/// encoding when detection finds one that decodes cleanly. Errors say what is wrong.
pub fn decode(owned: Vec<u8>) -> Result<Decoded, String> {
    let bytes = &owned[..];
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc != encoding_rs::UTF_8 {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            if had_errors {
                return Err(format!("invalid {} text", enc.name()));
            }
            return Ok(Decoded { text: text.into_owned(), note: Some(format!("decoded from {}", enc.name())) });
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("binary file (contains NUL bytes), not text".into());
    }
    // a valid file's buffer becomes the text without a copy; SIMD validation is ~10x
    // faster than std's on Arabic text, which is mostly two-byte characters
    if simdutf8::basic::from_utf8(&owned).is_ok() {
        // SAFETY: simdutf8 has just validated these exact bytes as UTF-8.
        return Ok(Decoded { text: unsafe { String::from_utf8_unchecked(owned) }, note: None });
    }
    // invalid: std's error says where, and whether the file merely ends mid-character
    let e = match String::from_utf8(owned) {
        Ok(text) => return Ok(Decoded { text, note: None }),
        Err(e) => e,
    };
    let bytes = e.as_bytes();
    let e = e.utf8_error();
    if e.error_len().is_none() {
        return Err(format!("truncated UTF-8: the file ends in the middle of a character (valid up to byte {})", e.valid_up_to()));
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(None, true);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let controls = text.chars().filter(|c| c.is_control() && !c.is_whitespace()).count();
    if had_errors || enc == encoding_rs::UTF_8 || letters == 0 || controls * 20 > letters {
        return Err(format!("not valid UTF-8 (bad byte at {}) and no legacy encoding decodes it cleanly", e.valid_up_to()));
    }
    Ok(Decoded { text: text.into_owned(), note: Some(format!("not UTF-8; decoded as {}", enc.name())) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_or_names_the_problem() {
        assert_eq!(decode("نحو 300".as_bytes().to_vec()).unwrap().text, "نحو 300");
        assert!(decode(b"".to_vec()).unwrap_err().contains("empty"));
        assert!(decode(b"abc\0def".to_vec()).unwrap_err().contains("binary"));
        let mut cut = "قال نحو".as_bytes().to_vec();
        cut.pop();
        assert!(decode(cut).unwrap_err().contains("truncated"));
        let (cp, _, _) = encoding_rs::WINDOWS_1256.encode("قال المتحدث إن نحو ثلاثمئة شخص غادروا المدينة أمس بعد اتفاق");
        let d = decode(cp.into_owned()).unwrap();
        assert!(d.text.contains("ثلاثمئة"));
        assert!(d.note.unwrap().contains("windows-1256"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "نحو 5".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(utf16).unwrap().text, "نحو 5");
    }
}
