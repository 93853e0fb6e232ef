//! JSON Lines: one document a line, `{"text", "title"?, "url"?, "outlet"?,
//! "published"?, "lang"?}`. Other fields are ignored; a bad line fails alone.

use crate::{detect_lang, iso_date, DocError, Document, Format, Lang, Reason};
use serde::Deserialize;

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

pub(crate) fn parse_jsonl(name: &str, bytes: &[u8]) -> Vec<Result<Document, DocError>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut out = Vec::new();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_no = i + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let err = |reason| DocError { source_name: format!("{name} line {line_no}"), reason };
        out.push(parse_line(name, line_no, raw).map_err(err));
    }
    if out.is_empty() {
        out.push(Err(DocError { source_name: name.to_string(), reason: Reason::Empty }));
    }
    out
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
    Ok(Document {
        key,
        format: Some(Format::Jsonl),
        lang: Some(l.lang.as_deref().and_then(Lang::parse).unwrap_or_else(|| detect_lang(&text))),
        text,
        title: nonempty(l.title),
        url: nonempty(l.url),
        outlet: nonempty(l.outlet),
        author: nonempty(l.author),
        published: l.published.as_deref().and_then(iso_date),
        fetched: None,
        encoding: Some("UTF-8"),
    })
}
