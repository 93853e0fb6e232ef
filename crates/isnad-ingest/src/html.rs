//! HTML pages: the article's main text with the page furniture dropped, and its
//! metadata (title, publication date, outlet, author, canonical URL) from JSON-LD,
//! Open Graph and other meta tags.
//!
//! The main text is found the way readability tools do it: an explicit article body if
//! the page marks one, else the element whose own paragraphs hold the most text. The
//! boilerplate rules match class/id *words* (`share-bar` → `share`), which holds up on
//! Arabic sites, whose markup is as English as anyone's.

mod depth;
mod meta;
mod text;

use crate::{decode, detect_lang, Document, Format, Lang, Limits, Reason};
use scraper::Html;
use std::time::Instant;

pub use meta::Meta;

/// What a page yields: the main text (paragraphs separated by a blank line, empty when
/// the page has no article) and its metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlArticle {
    pub text: String,
    pub meta: Meta,
}

/// Below this much text a page is a front page, an index or an error page, not an article.
const MIN_ARTICLE_CHARS: usize = 80;

/// Main text and metadata of an HTML page already decoded to a string (no text when
/// the page is over the default limits).
pub fn extract_html(html: &str) -> HtmlArticle {
    extract_html_within(html, &Limits::default()).unwrap_or_default()
}

/// [`extract_html`] held to `limits`: too deep markup is flattened before parsing, and
/// a page that takes longer than the time limit is refused.
pub fn extract_html_within(html: &str, limits: &Limits) -> Result<HtmlArticle, Reason> {
    let deadline = Instant::now() + limits.max_document_time;
    let html = depth::flatten(html, limits.max_html_depth);
    let doc = Html::parse_document(&html);
    if Instant::now() > deadline {
        return Err(Reason::Limit("parsing the page took longer than the time limit".into()));
    }
    let meta = meta::extract_meta(&doc);
    let mut text = text::main_text(&doc, deadline)?;
    if text.chars().count() < MIN_ARTICLE_CHARS {
        if let Some(body) = meta.article_body.as_deref() {
            text = text::tidy_plain(body);
        }
    }
    Ok(HtmlArticle { text, meta })
}

/// An HTML page (from a file or a WARC record) to a document. `http_charset` is the
/// charset a server declared, if any.
pub(crate) fn parse_html(
    key: &str,
    bytes: &[u8],
    http_charset: Option<&str>,
    limits: &Limits,
) -> Result<Document, Reason> {
    let decoded = decode(bytes, http_charset, true)?;
    let art = extract_html_within(&decoded.text, limits)?;
    if art.text.chars().count() < MIN_ARTICLE_CHARS {
        return Err(Reason::NoArticle);
    }
    let m = art.meta;
    // The page's own lang attribute is often a site-wide default: trust the text.
    let lang = match detect_lang(&art.text) {
        Lang::Other => m.lang.as_deref().and_then(Lang::parse).unwrap_or(Lang::Other),
        l => l,
    };
    Ok(Document {
        key: key.to_string(),
        format: Some(Format::Html),
        text: art.text,
        title: m.title,
        url: m.url,
        outlet: m.outlet,
        author: m.author,
        published: m.published,
        fetched: None,
        lang: Some(lang),
        encoding: Some(decoded.encoding.name()),
    })
}
