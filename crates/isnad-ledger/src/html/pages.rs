//! Pages of the web UI (`isnad serve`). Each takes plain data, so the server only
//! fetches and the page only renders; no scripts: claim details open on hover or
//! keyboard focus with CSS, actions are plain forms.

use super::{figure_body, num, page, summary, title, Lang};
use crate::figure::{Figure, Ledger};
use maud::{html, Markup};
use serde::Serialize;

fn nav(lang: Lang) -> Markup {
    html! {
        nav.top {
            a href="/" { (lang.t("summary")) }
            a href="/documents" { (lang.t("documents")) }
            a href="/speakers" { (lang.t("speakers")) }
            a href="/decisions" { (lang.t("decisions")) }
            form.inline action="/search" method="get" role="search" {
                input type="search" name="q" aria-label=(lang.t("search")) placeholder=(lang.t("search"));
                button type="submit" { (lang.t("search")) }
            }
        }
    }
}

pub fn layout(lang: Lang, head: &str, body: Markup) -> String {
    page(
        lang,
        &format!("{head} — isnad"),
        html! { (nav(lang)) main { (body) } },
    )
    .into_string()
}

pub fn figures(l: &Ledger, lang: Lang) -> String {
    layout(
        lang,
        lang.t("summary"),
        html! {
            h1 { "isnad — " (lang.t("ledger")) }
            p.meta { (num(l.documents.to_string())) " " (lang.t("documents")) " · " (num(l.claims.to_string())) " " (lang.t("claims")) " · "
                (num(l.ungrouped.to_string())) " " (lang.t("ungrouped")) }
            (summary(l, lang, &|f| format!("/figure/{}", f.id)))
            h2 { (lang.t("rule")) }
            p lang="en" dir="ltr" { (l.rule) }
        },
    )
}

/// A figure with its actions: name it, split checked claims off, merge with another.
pub fn figure(f: &Figure, others: &[(String, String)], lang: Lang) -> String {
    let id = &f.id;
    layout(
        lang,
        &title(f, lang),
        html! {
            section.figure id=(format!("f-{id}")) {
                h1 { (title(f, lang)) " " small.id { "#" (id) } }
                div.actions {
                    form.inline method="post" action=(format!("/figure/{id}/name")) {
                        label { (lang.t("rename")) " " input type="text" name="name" maxlength="200" value=(f.name.clone().unwrap_or_default()); }
                        button type="submit" { "✓" }
                    }
                    form.inline id="split" method="post" action=(format!("/figure/{id}/split")) {
                        button type="submit" { (lang.t("split")) }
                    }
                    @if !others.is_empty() {
                        form.inline method="post" action=(format!("/figure/{id}/merge")) {
                            label { (lang.t("merge")) " "
                                select name="with" {
                                    @for (oid, t) in others { option value=(oid) { (t) } }
                                }
                            }
                            button type="submit" { "⇄" }
                        }
                    }
                }
                (figure_body(f, lang, Some("split"), super::PAGE_ENTRIES))
            }
        },
    )
}

/// One claim in a document, as the document page marks it.
#[derive(Debug, Clone, Serialize)]
pub struct DocClaim {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: String,
    pub counted: Option<String>,
    pub speaker: Option<String>,
    pub speaker_id: Option<String>,
    pub relay: Option<String>,
    pub cue: Option<String>,
    pub stance: String,
    pub figures: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocHead {
    pub id: i64,
    pub key: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    pub claims: usize,
}

/// The document's text with every claim marked; hovering or focusing one shows its value,
/// speaker, relay, stance and figures.
pub fn document(d: &DocHead, text: &str, claims: &[DocClaim], lang: Lang) -> String {
    let mut segs: Vec<Markup> = Vec::new();
    let mut at = 0usize;
    for (k, c) in claims.iter().enumerate() {
        // Overlapping or misplaced spans are shown as plain text rather than breaking the page.
        let (Some(before), Some(inner)) = (text.get(at..c.start), text.get(c.start..c.end)) else {
            continue;
        };
        if c.start < at {
            continue;
        }
        segs.push(html! { (before) });
        let cls = format!(
            "claim{}{}",
            if c.stance == "deny" { " deny" } else { "" },
            if c.figures.is_empty() { "" } else { " ingroup" }
        );
        segs.push(html! {
            span class=(cls) tabindex="0" id=(format!("c{k}")) data-value=(c.value) {
                (inner)
                span.tip role="tooltip" {
                    dl {
                        dt { (lang.t("value")) } dd { (num(c.value.clone())) " " (c.counted.clone().unwrap_or_default()) }
                        dt { (lang.t("speaker")) } dd { (c.speaker.clone().unwrap_or_else(|| lang.t("outlet_voice").to_string()))
                            @if let Some(id) = &c.speaker_id { " " small.id { "[" (id) "]" } } }
                        dt { (lang.t("relay")) } dd { (c.relay.clone().unwrap_or_else(|| "—".into())) }
                        dt { (lang.t("stance")) } dd { (if c.stance == "deny" { lang.t("deny") } else { lang.t("assert") }) @if let Some(cue) = &c.cue { " (" (cue) ")" } }
                        @if !c.figures.is_empty() {
                            dt { (lang.t("in_figures")) } dd { @for (fid, t) in &c.figures { a href=(format!("/figure/{fid}")) { (t) } " " } }
                        }
                    }
                }
            }
        });
        at = c.end;
    }
    let rest = text.get(at..).unwrap_or("");
    let dir = if d.lang.as_deref() == Some("ar") {
        "rtl"
    } else if d.lang.is_some() {
        "ltr"
    } else {
        "auto"
    };
    // Plain-text documents have no title field: their first line is the headline.
    let head: String = d.title.clone().unwrap_or_else(|| {
        text.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or(&d.key)
            .chars()
            .take(160)
            .collect()
    });
    layout(
        lang,
        &head,
        html! {
            h1 dir="auto" { (head) }
            p.meta {
                (d.outlet.clone().unwrap_or_default()) " " (num(d.published.clone().unwrap_or_default())) " · "
                span dir="ltr" { (d.url.clone().unwrap_or_else(|| d.key.clone())) } " · "
                (num(claims.len().to_string())) " " (lang.t("claims"))
            }
            div.doctext dir=(dir) lang=(d.lang.clone().unwrap_or_default()) {
                @for s in &segs { (s) }
                (rest)
            }
        },
    )
}

pub fn documents(docs: &[DocHead], page_no: usize, pages: usize, lang: Lang) -> String {
    layout(
        lang,
        lang.t("documents"),
        html! {
            h1 { (lang.t("documents")) }
            table {
                thead { tr { th { "#" } th { (lang.t("outlet")) } th { (lang.t("published")) } th { (lang.t("claims")) } } }
                tbody {
                    @for d in docs {
                        tr {
                            td { (num(d.id.to_string())) }
                            td { a href=(format!("/document/{}", d.id)) { (d.title.clone().unwrap_or_else(|| d.key.clone())) } " " small.id { (d.outlet.clone().unwrap_or_default()) } }
                            td { (num(d.published.clone().unwrap_or_default())) }
                            td { (num(d.claims.to_string())) }
                        }
                    }
                }
            }
            (pager("/documents", page_no, pages, lang))
        },
    )
}

fn pager(base: &str, page_no: usize, pages: usize, lang: Lang) -> Markup {
    html! {
        p.pager {
            @if page_no > 1 { a href=(format!("{base}?page={}", page_no - 1)) { (lang.t("prev")) } " " }
            (lang.t("page")) " " (num(format!("{page_no}/{}", pages.max(1))))
            @if page_no < pages { " " a href=(format!("{base}?page={}", page_no + 1)) { (lang.t("next")) } }
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SpeakerRow {
    pub id: Option<String>,
    pub name: String,
    pub claims: usize,
    pub documents: usize,
    pub denials: usize,
    pub relayed_by: Vec<String>,
    pub figures: Vec<(String, String)>,
}

pub fn speakers(rows: &[SpeakerRow], lang: Lang) -> String {
    layout(
        lang,
        lang.t("speakers"),
        html! {
            h1 { (lang.t("speakers")) }
            table {
                thead { tr { th { (lang.t("speaker")) } th { (lang.t("entity")) } th { (lang.t("claims")) } th { (lang.t("documents")) }
                    th { (lang.t("denials")) } th { (lang.t("relay")) } th { (lang.t("in_figures")) } } }
                tbody {
                    @for r in rows {
                        tr {
                            td { (r.name) } td { small.id { (r.id.clone().unwrap_or_default()) } }
                            td { (num(r.claims.to_string())) } td { (num(r.documents.to_string())) } td { (num(r.denials.to_string())) }
                            td { (r.relayed_by.join("، ")) }
                            td { @for (fid, t) in &r.figures { a href=(format!("/figure/{fid}")) { (t) } br; } }
                        }
                    }
                }
            }
        },
    )
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchRow {
    pub doc: DocHead,
    pub score: f32,
    /// The snippet as runs of text, `true` for a hit.
    pub snippet: Vec<(String, bool)>,
}

pub fn search(q: &str, rows: &[SearchRow], lang: Lang) -> String {
    layout(
        lang,
        lang.t("search"),
        html! {
            h1 { (lang.t("search")) ": " (q) }
            @if rows.is_empty() && !q.is_empty() { p { (lang.t("no_results")) } }
            ol.results {
                @for r in rows {
                    li {
                        a href=(format!("/document/{}", r.doc.id)) { (r.doc.title.clone().unwrap_or_else(|| r.doc.key.clone())) }
                        p dir="auto" { "…" @for (t, hit) in &r.snippet { @if *hit { mark { (t) } } @else { (t) } } "…" }
                    }
                }
            }
        },
    )
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionRow {
    pub id: i64,
    pub created: String,
    pub what: String,
}

pub fn decisions(rows: &[DecisionRow], lang: Lang) -> String {
    layout(
        lang,
        lang.t("decisions"),
        html! {
            h1 { (lang.t("decisions")) }
            table {
                tbody {
                    @for r in rows {
                        tr {
                            td { (num(r.id.to_string())) } td { (num(r.created.clone())) } td dir="auto" { (r.what) }
                            td { form.inline method="post" action=(format!("/decisions/{}/delete", r.id)) { button type="submit" { (lang.t("undo")) } } }
                        }
                    }
                }
            }
        },
    )
}

pub fn not_found(lang: Lang) -> String {
    layout(
        lang,
        "404",
        html! { h1 { "404" } p { (lang.t("no_results")) } },
    )
}
