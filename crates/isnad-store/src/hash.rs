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

/// Sixteen hex digits of BLAKE3 over `s`: a stable, file-name-safe name for a string
/// (a PostgreSQL dossier's local index folder is named after its URL).
pub fn short_hash(s: &str) -> String {
    blake3::hash(s.as_bytes()).to_hex()[..16].to_string()
}
