//! Page metadata. JSON-LD is the most deliberate statement a page makes about itself,
//! so it wins; Open Graph and plain meta tags fill the gaps; the `<title>` and first
//! `<h1>` are the last resort for a title.

use crate::iso_date;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    /// `articleBody` from JSON-LD: used when the markup yields no text.
    pub article_body: Option<String>,
}

fn sel(s: &str) -> Selector {
    // The selectors are literals below; a typo is a bug caught by the tests.
    Selector::parse(s).unwrap_or_else(|_| Selector::parse("*:not(*)").expect("static selector"))
}

fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

pub(crate) fn extract_meta(doc: &Html) -> Meta {
    let mut m = Meta::default();
    json_ld(doc, &mut m);

    let mut tags: Vec<(String, String)> = Vec::new();
    for e in doc.select(&sel("meta")) {
        let v = e.value();
        let key = v.attr("property").or(v.attr("name")).or(v.attr("itemprop")).or(v.attr("http-equiv"));
        if let (Some(k), Some(c)) = (key, v.attr("content")) {
            tags.push((k.trim().to_ascii_lowercase(), c.to_string()));
        }
    }
    let tag = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| tags.iter().find(|(k, _)| k == n).and_then(|(_, c)| clean(c)))
    };

    m.title = m.title.or_else(|| tag(&["og:title", "twitter:title", "dc.title"]));
    m.outlet = m.outlet.or_else(|| tag(&["og:site_name", "application-name", "publisher", "dc.publisher"]));
    m.author = m.author.or_else(|| {
        tag(&["author", "article:author", "dc.creator", "parsely-author", "byl"]).filter(|a| !a.starts_with("http"))
    });
    m.published = m.published.or_else(|| {
        tag(&[
            "article:published_time",
            "og:published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "dc.date.issued",
            "dc.date",
            "date",
            "parsely-pub-date",
            "sailthru.date",
        ])
        .and_then(|d| iso_date(&d))
    });
    if m.published.is_none() {
        m.published = doc.select(&sel("time[datetime]")).find_map(|t| t.value().attr("datetime").and_then(iso_date));
    }
    let canonical = doc.select(&sel("link[rel=canonical]")).find_map(|l| l.value().attr("href").and_then(clean));
    m.url = canonical.or(m.url).or_else(|| tag(&["og:url", "twitter:url"]));
    m.lang = doc
        .select(&sel("html"))
        .find_map(|h| h.value().attr("lang").and_then(clean))
        .or_else(|| tag(&["content-language", "og:locale"]));
    if m.title.is_none() {
        m.title = first_text(doc, "title").or_else(|| first_text(doc, "h1"));
    }
    m
}

fn first_text(doc: &Html, s: &str) -> Option<String> {
    doc.select(&sel(s)).find_map(|e: ElementRef| clean(&e.text().collect::<String>()))
}

fn json_ld(doc: &Html, m: &mut Meta) {
    let mut objects = Vec::new();
    for s in doc.select(&sel(r#"script[type="application/ld+json"]"#)) {
        let raw: String = s.text().collect();
        // Malformed JSON-LD is common and never fatal: the page still has meta tags.
        if let Ok(v) = serde_json::from_str::<Value>(raw.trim()) {
            flatten(v, &mut objects);
        }
    }
    let is_article = |o: &Value| {
        let t = |s: &str| s.contains("Article") || s == "ReportageNews" || s == "BlogPosting" || s == "LiveBlogPosting";
        match o.get("@type") {
            Some(Value::String(s)) => t(s),
            Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(t)),
            _ => false,
        }
    };
    let Some(a) = objects.iter().find(|o| is_article(o)) else {
        return;
    };
    let s = |k: &str| a.get(k).and_then(Value::as_str).and_then(clean);
    m.title = s("headline").or_else(|| s("name"));
    m.published = s("datePublished").and_then(|d| iso_date(&d));
    m.author = a.get("author").and_then(names);
    m.outlet = a.get("publisher").and_then(names);
    m.url = s("url").or_else(|| match a.get("mainEntityOfPage") {
        Some(Value::String(u)) => clean(u),
        Some(o) => o.get("@id").and_then(Value::as_str).and_then(clean),
        None => None,
    });
    m.lang = s("inLanguage");
    m.article_body = a.get("articleBody").and_then(Value::as_str).map(str::to_string);
}

/// `author` and `publisher` come as a string, an object with `name`, or a list of either.
fn names(v: &Value) -> Option<String> {
    let all: Vec<String> = match v {
        Value::Array(a) => a.iter().filter_map(names).collect(),
        Value::String(s) => clean(s).into_iter().collect(),
        Value::Object(_) => v.get("name").and_then(Value::as_str).and_then(clean).into_iter().collect(),
        _ => vec![],
    };
    (!all.is_empty()).then(|| all.join(", "))
}

fn flatten(v: Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(a) => a.into_iter().for_each(|x| flatten(x, out)),
        Value::Object(mut o) => {
            if let Some(g) = o.remove("@graph") {
                flatten(g, out);
            }
            out.push(Value::Object(o));
        }
        _ => {}
    }
}
