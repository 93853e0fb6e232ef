//! The main text of a page. Two steps: pick the element that holds the article, then
//! write out its blocks as paragraphs, leaving out furniture inside it (share bars,
//! related links, comment threads) and blocks that are mostly links.

use scraper::{ElementRef, Html, Node};
use std::collections::HashMap;

/// Tags never part of an article's text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "select",
    "textarea", "input", "iframe", "svg", "canvas", "video", "audio", "object", "embed", "menu", "dialog", "head",
    "figure", "figcaption",
];

/// Words in a class or id that mark furniture.
const SKIP_WORDS: &[&str] = &[
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "cookie", "cookies", "consent", "gdpr",
    "share", "sharing", "sharebar", "social", "related", "recommended", "recommendations", "comment", "comments",
    "disqus", "footer", "sidebar", "widget", "newsletter", "subscribe", "subscription", "ad", "ads", "advert",
    "advertisement", "sponsored", "promo", "banner", "popup", "modal", "tags", "popular", "trending", "mostread",
    "byline", "views", "counter", "toolbar", "pagination", "login", "search", "masthead", "topbar", "ticker",
    "outbrain", "taboola", "caption", "hidden",
];

/// Roles that mark furniture.
const SKIP_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert"];

/// Elements that start a new paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote",
    "pre", "table", "tr", "td", "th", "dl", "dt", "dd", "br", "hr", "address", "center",
];

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_ascii_lowercase())
}

/// Whether an element is page furniture, by tag, class/id words, role or hiding.
fn is_furniture(e: &ElementRef) -> bool {
    let v = e.value();
    let tag = v.name();
    if matches!(tag, "html" | "body" | "main" | "article") || v.attr("itemprop") == Some("articleBody") {
        return false;
    }
    if SKIP_TAGS.contains(&tag) {
        return true;
    }
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    if v.attr("role").is_some_and(|r| SKIP_ROLES.contains(&r.trim())) {
        return true;
    }
    if v.attr("style").is_some_and(|s| s.replace(' ', "").contains("display:none")) {
        return true;
    }
    let names = v.attr("class").unwrap_or("").to_string() + " " + v.attr("id").unwrap_or("");
    let found = words(&names).any(|w| SKIP_WORDS.contains(&w.as_str()));
    found
}

fn within_furniture(e: &ElementRef) -> bool {
    std::iter::once(*e).chain(e.ancestors().filter_map(ElementRef::wrap)).any(|a| is_furniture(&a))
}

fn visible_len(e: &ElementRef) -> usize {
    e.text().map(|t| t.trim().chars().count()).sum()
}

/// The element holding the article: an explicit `articleBody`, else the largest
/// `<article>`, else the element whose own paragraphs hold the most text.
fn article_root(doc: &Html) -> Option<ElementRef<'_>> {
    let all = || doc.root_element().descendants().filter_map(ElementRef::wrap);
    if let Some(b) = all().find(|e| e.value().attr("itemprop") == Some("articleBody") && visible_len(e) > 0) {
        return Some(b);
    }
    let mut scores: HashMap<ego_tree::NodeId, (f64, ElementRef)> = HashMap::new();
    for p in all().filter(|e| matches!(e.value().name(), "p" | "pre" | "blockquote")) {
        if within_furniture(&p) {
            continue;
        }
        let len = paragraph_len(&p);
        if len < 25 {
            continue;
        }
        // Punctuation marks prose (both Arabic and Latin commas count).
        let commas = p.text().flat_map(str::chars).filter(|c| matches!(c, ',' | '،' | '.')).count();
        let score = len as f64 + 10.0 * commas.min(10) as f64;
        let mut weight = 1.0;
        for anc in p.ancestors().filter_map(ElementRef::wrap).take(3) {
            scores.entry(anc.id()).or_insert((0.0, anc)).0 += score * weight;
            weight /= 2.0;
        }
    }
    // An <article> among good candidates gets a nudge: teaser <article>s in a related
    // list have little paragraph text and stay behind.
    let best = scores
        .into_values()
        .map(|(s, e)| (if e.value().name() == "article" { s * 1.2 } else { s }, e))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, e)| e);
    best.or_else(|| all().find(|e| e.value().name() == "article"))
}

/// Text length of a paragraph not counting its links.
fn paragraph_len(p: &ElementRef) -> usize {
    let total = visible_len(p);
    total.saturating_sub(link_len(p))
}

fn link_len(e: &ElementRef) -> usize {
    e.descendants()
        .filter_map(ElementRef::wrap)
        .filter(|a| a.value().name() == "a")
        .map(|a| visible_len(&a))
        .sum()
}

/// A list or box that is mostly links is a link list, wherever it sits.
fn is_link_block(e: &ElementRef) -> bool {
    if !matches!(e.value().name(), "ul" | "ol" | "div" | "section" | "p" | "li" | "table" | "dl") {
        return false;
    }
    let total = visible_len(e);
    total > 0 && link_len(e) as f64 / total as f64 > 0.6
}

#[derive(Default)]
struct Writer {
    paras: Vec<String>,
    cur: String,
}

impl Writer {
    fn text(&mut self, t: &str) {
        for (i, w) in t.split_whitespace().enumerate() {
            let glue = i == 0 && !t.starts_with(char::is_whitespace);
            if !self.cur.is_empty() && !(glue && !self.cur.ends_with(' ')) {
                if !self.cur.ends_with(' ') {
                    self.cur.push(' ');
                }
            }
            self.cur.push_str(w);
        }
        if t.ends_with(char::is_whitespace) && !self.cur.is_empty() && !self.cur.ends_with(' ') {
            self.cur.push(' ');
        }
    }
    fn flush(&mut self) {
        let p = self.cur.trim();
        if !p.is_empty() {
            self.paras.push(p.to_string());
        }
        self.cur.clear();
    }
}

fn walk(e: ElementRef, w: &mut Writer) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => w.text(t),
            Node::Element(el) => {
                let Some(ce) = ElementRef::wrap(child) else { continue };
                if is_furniture(&ce) || is_link_block(&ce) {
                    continue;
                }
                let block = BLOCK_TAGS.contains(&el.name());
                if block {
                    w.flush();
                }
                walk(ce, w);
                if block {
                    w.flush();
                }
            }
            _ => {}
        }
    }
}

/// The article's text, paragraphs separated by a blank line; empty when none is found.
pub(crate) fn main_text(doc: &Html) -> String {
    let Some(root) = article_root(doc) else { return String::new() };
    let mut w = Writer::default();
    walk(root, &mut w);
    w.flush();
    w.paras.join("\n\n")
}

/// Plain text from metadata (JSON-LD `articleBody`): whitespace tidied per paragraph.
pub(crate) fn tidy_plain(s: &str) -> String {
    s.split("\n")
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}
