//! Plain text files: decoded, kept byte for byte (claims point into it), otherwise
//! untouched apart from a leading BOM.

use crate::{decode_owned, detect_lang, Document, Format, Reason};

pub(crate) fn parse_text(name: &str, bytes: Vec<u8>) -> Result<Document, Reason> {
    let d = decode_owned(bytes, None, false)?;
    if d.text.trim().is_empty() {
        return Err(Reason::Empty);
    }
    Ok(Document {
        key: name.to_string(),
        format: Some(Format::Text),
        lang: Some(detect_lang(&d.text)),
        encoding: Some(d.encoding.name()),
        text: d.text,
        ..Default::default()
    })
}
