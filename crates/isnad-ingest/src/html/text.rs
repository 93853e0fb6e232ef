//! The main text of a page. Two steps: pick the element that holds the article, then
//! write out its blocks as paragraphs, leaving out furniture inside it (share bars,
//! related links, comment threads) and blocks that are mostly links.

use crate::Reason;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};
use std::collections::{HashMap, HashSet};
use std::time::Instant;

/// Tags never part of an article's text.
const SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "input",
    "iframe",
    "svg",
    "canvas",
    "video",
    "audio",
    "object",
    "embed",
    "menu",
    "dialog",
    "head",
    "figure",
    "figcaption",
];

/// Words in a class or id that mark furniture.
const SKIP_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "share",
    "sharing",
    "sharebar",
    "social",
    "related",
    "recommended",
    "recommendations",
    "comment",
    "comments",
    "disqus",
    "footer",
    "sidebar",
    "widget",
    "newsletter",
    "subscribe",
    "subscription",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "sponsored",
    "promo",
    "banner",
    "popup",
    "modal",
    "tags",
    "popular",
    "trending",
    "mostread",
    "byline",
    "views",
    "counter",
    "toolbar",
    "pagination",
    "login",
    "search",
    "masthead",
    "topbar",
    "ticker",
    "outbrain",
    "taboola",
    "caption",
    "hidden",
];

/// Roles that mark furniture.
const SKIP_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert"];

/// Elements that start a new paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "br",
    "hr",
    "address",
    "center",
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

/// What each node holds below it, gathered in one pass: every later question
/// ("how much text", "how much of it is links") is a lookup, so reading a page is
/// linear in its size however deep it nests (walking ancestors and descendants per
/// element made a page of nested paragraphs quadratic).
#[derive(Default, Clone, Copy)]
struct Agg {
    text: usize,
    links: usize,
    commas: usize,
}

/// Checks the time budget every so many nodes.
struct Clock {
    deadline: Instant,
    ticks: u32,
}

impl Clock {
    fn tick(&mut self) -> Result<(), Reason> {
        self.ticks = self.ticks.wrapping_add(1);
        if self.ticks.is_multiple_of(4096) && Instant::now() > self.deadline {
            return Err(Reason::Limit("reading the page's main text took longer than the time limit".into()));
        }
        Ok(())
    }
}

struct Facts {
    agg: HashMap<NodeId, Agg>,
    /// Elements that are furniture or inside furniture.
    furnished: HashSet<NodeId>,
}

impl Facts {
    fn gather(doc: &Html, clock: &mut Clock) -> Result<Facts, Reason> {
        let order: Vec<ego_tree::NodeRef<Node>> = doc.tree.root().descendants().collect();
        let mut furnished = HashSet::new();
        for n in &order {
            clock.tick()?;
            let inherited = n.parent().is_some_and(|p| furnished.contains(&p.id()));
            if inherited || ElementRef::wrap(*n).is_some_and(|e| is_furniture(&e)) {
                furnished.insert(n.id());
            }
        }
        // Reverse pre-order visits every node after all its descendants.
        let mut agg: HashMap<NodeId, Agg> = HashMap::with_capacity(order.len());
        for n in order.iter().rev() {
            clock.tick()?;
            let mut a = agg.get(&n.id()).copied().unwrap_or_default();
            match n.value() {
                Node::Text(t) => {
                    a.text += t.trim().chars().count();
                    a.commas += t.chars().filter(|c| matches!(c, ',' | '،' | '.')).count();
                }
                Node::Element(e) if e.name() == "a" => a.links = a.text,
                _ => {}
            }
            agg.insert(n.id(), a);
            if let Some(p) = n.parent() {
                let pa = agg.entry(p.id()).or_default();
                pa.text += a.text;
                pa.links += a.links;
                pa.commas += a.commas;
            }
        }
        Ok(Facts { agg, furnished })
    }

    fn get(&self, e: &ElementRef) -> Agg {
        self.agg.get(&e.id()).copied().unwrap_or_default()
    }

    /// Text length of a paragraph not counting its links.
    fn paragraph_len(&self, p: &ElementRef) -> usize {
        let a = self.get(p);
        a.text.saturating_sub(a.links)
    }

    /// A list or box that is mostly links is a link list, wherever it sits.
    fn is_link_block(&self, e: &ElementRef) -> bool {
        if !matches!(e.value().name(), "ul" | "ol" | "div" | "section" | "p" | "li" | "table" | "dl") {
            return false;
        }
        let a = self.get(e);
        a.text > 0 && a.links as f64 / a.text as f64 > 0.6
    }
}

/// The element holding the article: an explicit `articleBody`, else the largest
/// `<article>`, else the element whose own paragraphs hold the most text.
fn article_root<'a>(doc: &'a Html, facts: &Facts) -> Option<ElementRef<'a>> {
    let all = || doc.root_element().descendants().filter_map(ElementRef::wrap);
    if let Some(b) = all().find(|e| e.value().attr("itemprop") == Some("articleBody") && facts.get(e).text > 0) {
        return Some(b);
    }
    // Candidates in document order, so that equal scores go to the earlier element.
    let mut slot: HashMap<NodeId, usize> = HashMap::new();
    let mut scores: Vec<(f64, ElementRef)> = Vec::new();
    for p in all().filter(|e| matches!(e.value().name(), "p" | "pre" | "blockquote")) {
        if facts.furnished.contains(&p.id()) {
            continue;
        }
        let len = facts.paragraph_len(&p);
        if len < 25 {
            continue;
        }
        // Punctuation marks prose (both Arabic and Latin commas count).
        let commas = facts.get(&p).commas;
        let score = len as f64 + 10.0 * commas.min(10) as f64;
        let mut weight = 1.0;
        for anc in p.ancestors().filter_map(ElementRef::wrap).take(3) {
            let i = *slot.entry(anc.id()).or_insert_with(|| {
                scores.push((0.0, anc));
                scores.len() - 1
            });
            scores[i].0 += score * weight;
            weight /= 2.0;
        }
    }
    // An <article> among good candidates gets a nudge: teaser <article>s in a related
    // list have little paragraph text and stay behind.
    let best = scores
        .into_iter()
        .map(|(s, e)| (if e.value().name() == "article" { s * 1.2 } else { s }, e))
        .fold(None::<(f64, ElementRef)>, |best, c| match best {
            Some(b) if b.0 >= c.0 => Some(b),
            _ => Some(c),
        })
        .map(|(_, e)| e);
    best.or_else(|| all().find(|e| e.value().name() == "article"))
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
            if !self.cur.is_empty() && !(glue && !self.cur.ends_with(' ')) && !self.cur.ends_with(' ') {
                self.cur.push(' ');
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

/// Writes out the article's blocks, without recursion: a page may nest as deep as it
/// likes without touching the stack.
fn walk(root: ElementRef, facts: &Facts, w: &mut Writer, clock: &mut Clock) -> Result<(), Reason> {
    enum Step<'a> {
        Enter(ego_tree::NodeRef<'a, Node>),
        Close,
    }
    let mut stack: Vec<Step> = root.children().rev().map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        clock.tick()?;
        let child = match step {
            Step::Close => {
                w.flush();
                continue;
            }
            Step::Enter(c) => c,
        };
        match child.value() {
            Node::Text(t) => w.text(t),
            Node::Element(el) => {
                let Some(ce) = ElementRef::wrap(child) else { continue };
                if is_furniture(&ce) || facts.is_link_block(&ce) {
                    continue;
                }
                if BLOCK_TAGS.contains(&el.name()) {
                    w.flush();
                    stack.push(Step::Close);
                }
                stack.extend(child.children().rev().map(Step::Enter));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The article's text, paragraphs separated by a blank line; empty when none is found.
pub(crate) fn main_text(doc: &Html, deadline: Instant) -> Result<String, Reason> {
    let mut clock = Clock { deadline, ticks: 0 };
    let facts = Facts::gather(doc, &mut clock)?;
    let Some(root) = article_root(doc, &facts) else { return Ok(String::new()) };
    let mut w = Writer::default();
    walk(root, &facts, &mut w, &mut clock)?;
    w.flush();
    Ok(w.paras.join("\n\n"))
}

/// Plain text from metadata (JSON-LD `articleBody`): whitespace tidied per paragraph.
pub(crate) fn tidy_plain(s: &str) -> String {
    s.split("\n")
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}
