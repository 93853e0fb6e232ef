//! The content hash that makes ingest idempotent. It covers what is stored (text and
//! metadata), not the raw bytes: re-saving a page with another encoding or different
//! boilerplate changes nothing stored, so it is not a change.

use isnad_ingest::Document;

pub fn content_hash(d: &Document) -> String {
    let mut h = blake3::Hasher::new();
    let mut field = |s: Option<&str>| {
        // Length-prefixed so that moving text between fields changes the hash.
        let s = s.unwrap_or("\u{0}");
        h.update(&(s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    field(Some(&d.text));
    field(d.title.as_deref());
    field(d.url.as_deref());
    field(d.outlet.as_deref());
    field(d.author.as_deref());
    field(d.published.as_deref());
    h.finalize().to_hex().to_string()
}
