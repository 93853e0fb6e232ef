//! What the ledger reads (documents with their claims and dates) and the stable keys
//! that user decisions are stored under.

use crate::events::EventState;
use isnad_model::{DateMention, DocProfile, Quantity};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One stored document with its quantity claims and date mentions.
#[derive(Debug, Clone, Default)]
pub struct DocInput {
    /// The store's row id: used for links only, never in keys.
    pub id: i64,
    pub key: String,
    /// Content hash: what decisions are keyed on, so they survive re-ingest.
    pub hash: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    /// The text, when at hand: only used to cut a claim's sentence when no stored
    /// context comes with it (`contexts`).
    pub text: String,
    pub claims: Vec<Quantity>,
    /// The sentence stored with each claim, parallel to `claims` (may be shorter).
    pub contexts: Vec<Option<String>>,
    pub dates: Vec<DateMention>,
    /// What event clustering reads of the document.
    pub profile: Option<DocProfile>,
    /// The stored event of the document (id and state), when ingest assigned one. The
    /// state is shared by the event's documents: it holds the event's centroid.
    pub event: Option<(i64, std::sync::Arc<EventState>)>,
    pub event_reasons: Option<Vec<String>>,
    /// Filled by the ledger: the document's event.
    pub event_index: Option<usize>,
    /// Where each claim goes (a stored event id, parallel to `claims`), when the caller
    /// already knows: the report, building one part of the dossier at a time, has
    /// decided it over the whole dossier ([`crate::units`]).
    pub placed: Option<Vec<i64>>,
    /// The document's own event is in another part of the dossier: only its claims about
    /// this part's events are here, and it is none of their documents.
    pub visiting: bool,
}

/// A document as the ledger shows it.
#[derive(Debug, Clone, Serialize)]
pub struct DocMeta {
    pub id: i64,
    pub key: String,
    #[serde(skip)]
    pub hash: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    /// The place the document names most (folded key), used when a claim's own sentence names none.
    #[serde(skip)]
    pub main_place: Option<String>,
}

impl DocMeta {
    pub(crate) fn from_input(d: &DocInput, main_place: Option<String>) -> DocMeta {
        DocMeta {
            id: d.id,
            key: d.key.clone(),
            hash: d.hash.clone(),
            title: d.title.clone(),
            outlet: d.outlet.clone(),
            url: d.url.clone(),
            published: d.published.clone(),
            lang: d.lang.clone(),
            main_place,
        }
    }

    /// The name to show for the source: the outlet the metadata gives, else the host of
    /// its URL (`www.` dropped), else its title; only a document with none of these is
    /// shown by its file name.
    pub fn label(&self) -> String {
        if let Some(o) = self.outlet.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
            return o.to_string();
        }
        if let Some(h) = self.url.as_deref().and_then(url_host) {
            return h;
        }
        if let Some(t) = self.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            return t.chars().take(60).collect();
        }
        let k = self.key.trim_end_matches('/');
        k.rsplit(['/', '\\']).next().unwrap_or(k).to_string()
    }
}

/// The host of an `http(s)://` URL, without `www.` and port.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |x| x.1);
    let host = host.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_named_by_outlet_then_host_never_by_a_url_piece() {
        let mut d = DocMeta {
            id: 1,
            key: "https://www.example.com/news/?ID=31581&cat=2".into(),
            hash: String::new(),
            title: None,
            outlet: None,
            url: Some("https://www.example.com/news/?ID=31581&cat=2".into()),
            published: None,
            lang: None,
            main_place: None,
        };
        assert_eq!(d.label(), "example.com");
        d.outlet = Some("Example News".into());
        assert_eq!(d.label(), "Example News");
        d.outlet = None;
        d.url = None;
        d.title = Some("عنوان الخبر".into());
        assert_eq!(d.label(), "عنوان الخبر");
        assert_eq!(url_host("http://user@Host.ORG:8080/x"), Some("host.org".into()));
        assert_eq!(url_host("not a url"), None);
    }
}

/// A claim named by things that survive re-ingest and re-extraction: the document's
/// content hash and key, and the claim's span and text. Row ids are not used: a
/// replaced document gets new ones.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ClaimKey {
    // Shared: every entry of a figure and every grouping item carries its key, and a
    // document's hash and key are the same for all its claims.
    pub doc_hash: Arc<str>,
    pub doc_key: Arc<str>,
    pub start: usize,
    pub end: usize,
    pub text: Arc<str>,
}

/// A document named by what survives re-ingest and re-extraction: its content hash,
/// else its key (a document replaced by a new version keeps its key).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DocKey {
    /// May be left empty by an API client that knows only the key.
    #[serde(default)]
    pub doc_hash: String,
    pub doc_key: String,
}

/// A ledger entry: one claim, or a fighters claim with the family count that completes it.
pub type ItemKey = Vec<ClaimKey>;
