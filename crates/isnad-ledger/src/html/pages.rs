//! Pages of the web UI (`isnad serve`). Each takes plain data, so the server only
//! fetches and the page only renders; no scripts: claim details open on hover or
//! keyboard focus with CSS, actions are plain forms, and an action that cannot be
//! undone at a glance (merge) asks on a page of its own first.

use super::{
    entity_label, event_body, event_filters, events_table_of, figure_body, figure_filters, human_time, iso, ltr, name,
    num, opt_num, page, speaker_anchor, summary, Ctx, EventQuery, FigureQuery, Lang,
};
use crate::events::EventView;
use crate::figure::{Figure, Ledger};
use maud::{html, Markup};
use serde::Serialize;

fn nav(lang: Lang, q: &str) -> Markup {
    html! {
        nav.top {
            a href="/" { (lang.t("summary")) }
            a href="/events" { (lang.t("events")) }
            a href="/documents" { (lang.t("documents")) }
            a href="/speakers" { (lang.t("speakers")) }
            a href="/decisions" { (lang.t("decisions")) }
            form.inline action="/search" method="get" role="search" {
                input type="search" name="q" value=(q) aria-label=(lang.t("search")) placeholder=(lang.t("search"));
                button type="submit" { (lang.t("search")) }
            }
        }
    }
}

pub fn layout(lang: Lang, head: &str, body: Markup) -> String {
    layout_q(lang, head, "", body)
}

fn layout_q(lang: Lang, head: &str, q: &str, body: Markup) -> String {
    page(lang, &format!("{head} — isnad"), html! { (nav(lang, q)) main { (body) } }).into_string()
}

/// Page links: `base` already holds the other query parameters (or none).
pub fn pager(base: &str, page_no: usize, pages: usize, lang: Lang) -> Markup {
    let sep = if base.contains('?') { "&" } else { "?" };
    html! {
        @if pages > 1 {
            nav.pager aria-label=(lang.t("page")) {
                @if page_no > 1 { a rel="prev" href=(format!("{base}{sep}page={}", page_no - 1)) { (lang.t("prev")) } }
                span { (lang.t("page")) " " (num(format!("{page_no}/{pages}"))) }
                @if page_no < pages { a rel="next" href=(format!("{base}{sep}page={}", page_no + 1)) { (lang.t("next")) } }
            }
        }
    }
}

/// Figures a page of the list shows: a dossier of a monitoring desk holds thousands.
pub const FIGURES_PER_PAGE: usize = 100;

pub fn figures(l: &Ledger, cx: &Ctx, q: &FigureQuery) -> String {
    let lang = cx.lang;
    let kept = q.apply(&l.figures, cx.titles);
    let pages = kept.len().div_ceil(FIGURES_PER_PAGE).max(1);
    let page_no = q.page.unwrap_or(1).clamp(1, pages);
    let from = (page_no - 1) * FIGURES_PER_PAGE;
    let shown: Vec<&Figure> = kept.iter().skip(from).take(FIGURES_PER_PAGE).copied().collect();
    let params = q.params();
    let base = if params.is_empty() { "/".to_string() } else { format!("/?{params}") };
    layout(
        lang,
        lang.t("summary"),
        html! {
            h1 { bdi translate="no" { "isnad" } " — " (lang.t("ledger")) }
            p.meta { (num(l.documents.to_string())) " " (lang.t("documents")) " · " (num(l.claims.to_string())) " " (lang.t("claims")) " · "
                (num(l.ungrouped.to_string())) " " (lang.t("ungrouped")) }
            (figure_filters(l, lang, q, "/"))
            p.meta { (num(format!("{} / {}", kept.len(), l.figures.len()))) " " (lang.t("shown")) }
            (summary(&shown, cx, from))
            (pager(&base, page_no, pages, lang))
            h2 { (lang.t("rule")) }
            p { (super::bidi::iso_names(lang.rule(), lang)) }
        },
    )
}

/// A decision listed where it acts, with its undo button.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionRow {
    pub id: i64,
    pub created: String,
    /// `name`, `split`, `merge`.
    pub op: String,
    /// The name given, or the first claims' words.
    pub what: String,
}

fn decision_rows(rows: &[DecisionRow], lang: Lang, back: &str) -> Markup {
    html! {
        table.cards.decisions {
            thead { tr { th { "#" } th { (lang.t("when")) } th { (lang.t("what")) } th {} } }
            tbody {
                @for r in rows {
                    tr {
                        td data-label="#" { (num(r.id.to_string())) }
                        td data-label=(lang.t("when")) { (human_time(&r.created, lang)) }
                        td.full data-label=(lang.t("what")) { b { (lang.t(&format!("op_{}", r.op))) } ": " (name(&r.what, lang)) }
                        td { form.inline method="post" action=(format!("/decisions/{}/delete", r.id)) {
                            input type="hidden" name="back" value=(back);
                            button type="submit" { (lang.t("undo")) } } }
                    }
                }
            }
        }
    }
}

/// A candidate for merging: its id, title, best value, claims and kind.
#[derive(Debug, Clone, Serialize)]
pub struct MergeOption {
    pub id: String,
    pub title: String,
    pub best: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub claims: usize,
    pub sources: usize,
    pub same_kind: bool,
}

/// A figure with its actions (name it, split checked claims off, merge with another:
/// merge asks first), one page of its claims, and the decisions that shaped it.
pub fn figure(f: &Figure, cx: &Ctx, others: &[MergeOption], page_no: usize, decided: &[DecisionRow]) -> String {
    let lang = cx.lang;
    let id = &f.id;
    let per = super::PAGE_ENTRIES;
    let pages = f.entries.len().div_ceil(per).max(1);
    let page_no = page_no.clamp(1, pages);
    let from = (page_no - 1) * per;
    let t = cx.title(f);
    layout(
        lang,
        &t,
        html! {
            section.figure id=(format!("f-{id}")) {
                h1 { (iso(&t, lang)) " " small.id { (ltr(&format!("#{id}"))) } }
                div.actions {
                    form.inline method="post" action=(format!("/figure/{id}/name")) {
                        label { (lang.t("rename")) " " input type="text" name="name" maxlength="200" value=(f.name.clone().unwrap_or_default()); }
                        button type="submit" { "✓" }
                    }
                    form.inline id="split" method="post" action=(format!("/figure/{id}/split")) {
                        button type="submit" { (lang.t("split")) }
                    }
                    @if !others.is_empty() {
                        // GET: the next page shows both figures and asks before anything changes.
                        form.inline method="get" action=(format!("/figure/{id}/merge")) {
                            label { (lang.t("merge")) " "
                                select name="with" {
                                    @for o in others {
                                        option value=(o.id) {
                                            (o.title) " — " (lang.t("best")) " " (o.best.map(super::fmt_num).unwrap_or_else(|| "—".into()))
                                            " · " (o.claims) " " (lang.t("claims"))
                                            @if !o.same_kind { " ⚠" }
                                        }
                                    }
                                }
                            }
                            button type="submit" { (lang.t("merge_pick")) }
                        }
                    }
                }
                @if !decided.is_empty() {
                    details.decided open {
                        summary { (lang.t("decisions_here")) }
                        (decision_rows(decided, lang, &format!("/figure/{id}")))
                    }
                }
                (figure_body(f, cx, Some("split"), from, per))
                (pager(&format!("/figure/{id}"), page_no, pages, lang))
                @if pages > 1 {
                    p.meta { (num(format!("{}–{}", from + 1, (from + per).min(f.entries.len())))) " / " (num(f.entries.len().to_string())) " " (lang.t("claims")) }
                }
            }
        },
    )
}

fn figure_card(f: &Figure, cx: &Ctx) -> Markup {
    let lang = cx.lang;
    html! {
        div {
            h3 { a href=(cx.figure_href(&f.id)) { (iso(&cx.title(f), lang)) } }
            p { (lang.t("kind")) ": " (lang.term(&f.kind))
                @if let Some(c) = &f.class { " · " (lang.t("class")) ": " (lang.term(c)) }
                @if let Some(a) = &f.action { " · " (lang.t("action")) ": " (lang.term(a)) } }
            p.lbh { (lang.t("low")) " " (opt_num(f.low)) " · " span.best { (lang.t("best")) " " (opt_num(f.best)) } " · " (lang.t("high")) " " (opt_num(f.high)) }
            p { (num(f.entries.len().to_string())) " " (lang.t("claims")) " · " (num(f.sources.to_string())) " " (lang.t("sources")) }
            @if let Some(e) = &f.event_title { p.meta { (lang.t("of_event")) ": " (iso(e, lang)) } }
            (super::event_lines(f, lang))
        }
    }
}

/// Whether two figures count the same kind of thing: `None` when they do, else why not.
/// Different kinds or units are refused; a different class or action is warned about.
pub fn merge_check(a: &Figure, b: &Figure) -> (bool, Vec<&'static str>) {
    let refuse = a.kind != b.kind || a.unit != b.unit;
    let mut why = Vec::new();
    if a.kind != b.kind {
        why.push("kind");
    }
    if a.unit != b.unit {
        why.push("unit");
    }
    if a.class != b.class {
        why.push("class");
    }
    if a.action != b.action {
        why.push("action");
    }
    if a.event != b.event {
        why.push("event");
    }
    (refuse, why)
}

/// The merge question: both figures side by side with their values and counts, a
/// warning (or a refusal) when they count different things.
pub fn merge_confirm(a: &Figure, b: &Figure, cx: &Ctx) -> String {
    let lang = cx.lang;
    let (refuse, why) = merge_check(a, b);
    layout(
        lang,
        lang.t("merge_confirm"),
        html! {
            h1 { (lang.t("merge_confirm")) }
            @if refuse {
                div.error role="alert" { p { b { (lang.t("merge_refused")) } ": " @for (i, w) in why.iter().enumerate() { @if i > 0 { "، " } (lang.t(w)) } } }
            } @else if !why.is_empty() {
                div.warnbox role="alert" { p { b { (lang.t("merge_warn")) } ": " @for (i, w) in why.iter().enumerate() { @if i > 0 { "، " } (lang.t(w)) } } }
            }
            div.compare { (figure_card(a, cx)) (figure_card(b, cx)) }
            div.actions {
                @if !refuse {
                    form.inline method="post" action=(format!("/figure/{}/merge", a.id)) {
                        input type="hidden" name="with" value=(b.id);
                        input type="hidden" name="confirm" value="yes";
                        button type="submit" { (lang.t("merge_do")) }
                    }
                }
                " " a href=(format!("/figure/{}", a.id)) { (lang.t("cancel")) }
            }
        },
    )
}

/// A request the UI refuses, with its reason and the way back.
pub fn error(lang: Lang, msg: &str, back: &str) -> String {
    layout(
        lang,
        lang.t("error"),
        html! {
            h1 { (lang.t("error")) }
            div.error role="alert" { p { (msg) } }
            p { a href=(back) { (lang.t("back")) } }
        },
    )
}

pub fn events(l: &Ledger, cx: &Ctx, q: &EventQuery) -> String {
    let lang = cx.lang;
    let shown = q.apply(l);
    layout(
        lang,
        lang.t("events"),
        html! {
            h1 { (lang.t("events")) }
            (event_filters(l, lang, q, "/events"))
            p.meta { (num(format!("{} / {}", shown.len(), l.events.len()))) " " (lang.t("shown")) }
            (events_table_of(&shown, l, cx))
        },
    )
}

pub fn event(e: &EventView, l: &Ledger, cx: &Ctx) -> String {
    let lang = cx.lang;
    layout(
        lang,
        &e.title,
        html! {
            section.event id=(format!("e-{}", e.id)) {
                h1 { (iso(&e.title, lang)) }
                @if !e.user.is_empty() {
                    p.user { (lang.t("event_user")) ": "
                        @for (i, u) in e.user.iter().enumerate() { @if i > 0 { "، " } (lang.t(&format!("op_{u}"))) } }
                }
                @if cx.serve {
                    @let others = super::events::other_events(e, l);
                    div.actions {
                        form.inline method="post" action=(format!("/event/{}/name", e.id)) {
                            label { (lang.t("rename_event")) " " input type="text" name="name" maxlength="200" value=(e.name.clone().unwrap_or_default()); }
                            button type="submit" { "✓" }
                        }
                        @if !others.is_empty() {
                            form.inline method="post" action=(format!("/event/{}/merge", e.id)) {
                                label { (lang.t("event_merge")) " "
                                    select name="with" translate="no" { @for o in &others { option value=(o.id) { (super::bidi::iso_text(&o.title, lang)) " · " (o.documents.len()) } } }
                                }
                                label { " " input type="checkbox" name="confirm" value="yes"; " " (lang.t("event_merge_sure")) }
                                button type="submit" { "✓" }
                            }
                        }
                    }
                }
                (event_body(e, l, cx, true))
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
    /// What the claim counts and what happened to it (class, action ids), where it
    /// happened (as written) and when, as the frame read them.
    pub class: Option<String>,
    pub action: Option<String>,
    pub place: Option<String>,
    pub event_date: Option<String>,
    /// The frame's marks that change how a value is read: `projection`, `cumulative`,
    /// `rate`, `with_families`.
    pub marks: Vec<&'static str>,
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

/// A document's headline: its title, else its first line (plain text has no title field).
pub fn headline(d: &DocHead, text: &str) -> String {
    d.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| {
        text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or(&d.key).chars().take(160).collect()
    })
}

/// The document's text with every claim marked; hovering, focusing or tapping one shows
/// its value, speaker, relay, stance and figures.
pub fn document(d: &DocHead, text: &str, claims: &[DocClaim], lang: Lang) -> String {
    let rtl = match d.lang.as_deref() {
        Some("ar") => true,
        Some(_) => false,
        None => lang == Lang::Ar,
    };
    let mut segs: Vec<Markup> = Vec::new();
    let mut at = 0usize;
    for (k, c) in claims.iter().enumerate() {
        // Overlapping or misplaced spans are shown as plain text rather than breaking the page.
        if c.start < at {
            continue;
        }
        let (Some(before), Some(inner)) = (text.get(at..c.start), text.get(c.start..c.end)) else {
            continue;
        };
        segs.push(super::bidi::iso_dir(before, rtl));
        let cls = format!(
            "claim{}{}",
            if c.stance == "deny" { " deny" } else { "" },
            if c.figures.is_empty() { "" } else { " ingroup" }
        );
        segs.push(html! {
            span class=(cls) tabindex="0" id=(format!("c{k}")) data-value=(c.value) {
                span id=(format!("at-{}", c.start)) {}
                (super::bidi::iso_dir(inner, rtl))
                span.tip role="tooltip" dir=(lang.dir()) lang=(lang.code()) {
                    dl {
                        dt { (lang.t("value")) } dd { (num(c.value.clone())) " " (iso(&c.counted.clone().unwrap_or_default(), lang)) }
                        dt { (lang.t("speaker")) } dd {
                            @match &c.speaker {
                                Some(s) => { a href=(format!("/speakers#{}", speaker_anchor(c.speaker_id.as_deref(), s))) { (name(s, lang)) }
                                    @if let Some(n) = c.speaker_id.as_deref().and_then(entity_label) { " " small.id { "(" (name(&n, lang)) ")" } } }
                                None => { (lang.t("outlet_voice")) }
                            }
                        }
                        dt { (lang.t("relay")) } dd { @match &c.relay { Some(r) => { (name(r, lang)) } None => { "—" } } }
                        dt { (lang.t("stance")) } dd { (if c.stance == "deny" { lang.t("deny") } else { lang.t("assert") }) @if let Some(cue) = &c.cue { " (" (name(cue, lang)) ")" } }
                        @if c.class.is_some() || c.action.is_some() {
                            dt { (lang.t("counts")) } dd {
                                @if let Some(x) = &c.class { (lang.term(x)) }
                                @if let Some(x) = &c.action { " · " (lang.term(x)) }
                                @if let Some(x) = &c.place { " · " (name(x, lang)) }
                                @if let Some(x) = &c.event_date { " · " (ltr(x)) }
                            }
                        }
                        @if !c.marks.is_empty() {
                            dt { (lang.t("marks")) } dd.marks { @for (n, m) in c.marks.iter().enumerate() { @if n > 0 { (if lang == Lang::Ar { "، " } else { ", " }) } (lang.t(m)) } }
                        }
                        @if !c.figures.is_empty() {
                            dt { (lang.t("in_figures")) } dd { @for (fid, t) in &c.figures { a href=(format!("/figure/{fid}")) { (iso(t, lang)) } " " } }
                        }
                    }
                }
            }
        });
        at = c.end;
    }
    let rest = text.get(at..).unwrap_or("");
    let head = headline(d, text);
    layout(
        lang,
        &head,
        html! {
            h1 { (name(&head, lang)) }
            p.meta {
                @if let Some(o) = &d.outlet { (name(o, lang)) " · " }
                @if let Some(p) = &d.published { (ltr(p)) " · " }
                @match d.url.as_deref() {
                    Some(u) if u.starts_with("http://") || u.starts_with("https://") => { a href=(u) rel="noreferrer noopener" { (ltr(u)) } }
                    Some(u) => { (ltr(u)) }
                    None => { (ltr(&d.key)) }
                }
                " · " (num(claims.len().to_string())) " " (lang.t("claims"))
            }
            ul.hl-legend aria-label=(lang.t("highlights")) {
                li { span.sample { "123" } " " (lang.t("hl_claim")) }
                li { span.sample.deny { "123" } " " (lang.t("hl_deny")) }
                li { span.sample.ingroup { "123" } " " (lang.t("hl_group")) }
            }
            div.doctext dir=(if rtl { "rtl" } else { "ltr" }) lang=(d.lang.clone().unwrap_or_default()) translate="no" {
                @for s in &segs { (s) }
                (super::bidi::iso_dir(rest, rtl))
            }
        },
    )
}

fn doc_title_cell(d: &DocHead, lang: Lang) -> Markup {
    html! {
        a href=(format!("/document/{}", d.id)) {
            @match d.title.as_deref().filter(|t| !t.trim().is_empty()) { Some(t) => { (name(t, lang)) } None => { (ltr(&d.key)) } }
        }
    }
}

pub fn documents(docs: &[DocHead], page_no: usize, pages: usize, lang: Lang) -> String {
    layout(
        lang,
        lang.t("documents"),
        html! {
            h1 { (lang.t("documents")) }
            table.cards {
                thead { tr { th { "#" } th { (lang.t("document")) } th { (lang.t("outlet")) } th { (lang.t("published")) } th { (lang.t("claims")) } } }
                tbody {
                    @for d in docs {
                        tr {
                            td data-label="#" { (num(d.id.to_string())) }
                            td.full data-label=(lang.t("document")) { (doc_title_cell(d, lang)) }
                            td data-label=(lang.t("outlet")) { @if let Some(o) = &d.outlet { (name(o, lang)) } }
                            td data-label=(lang.t("published")) { @if let Some(p) = &d.published { (ltr(p)) } }
                            td data-label=(lang.t("claims")) { (num(d.claims.to_string())) }
                        }
                    }
                }
            }
            (pager("/documents", page_no, pages, lang))
        },
    )
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

pub fn speakers(rows: &[SpeakerRow], lang: Lang, page_no: usize, pages: usize) -> String {
    layout(
        lang,
        lang.t("speakers"),
        html! {
            h1 { (lang.t("speakers")) }
            table.cards {
                thead { tr { th { (lang.t("speaker")) } th { (lang.t("entity")) } th { (lang.t("claims")) } th { (lang.t("documents")) }
                    th { (lang.t("denials")) } th { (lang.t("relay")) } th { (lang.t("in_figures")) } } }
                tbody {
                    @for r in rows {
                        tr id=(speaker_anchor(r.id.as_deref(), &r.name)) {
                            td.full data-label=(lang.t("speaker")) { a href=(format!("/search?q={}", form_escape(&r.name))) { (name(&r.name, lang)) } }
                            td data-label=(lang.t("entity")) { @if let Some(n) = r.id.as_deref().and_then(entity_label) { (name(&n, lang)) } }
                            td data-label=(lang.t("claims")) { (num(r.claims.to_string())) } td data-label=(lang.t("documents")) { (num(r.documents.to_string())) }
                            td data-label=(lang.t("denials")) { (num(r.denials.to_string())) }
                            td data-label=(lang.t("relay")) { @for (i, x) in r.relayed_by.iter().enumerate() { @if i > 0 { "، " } (name(x, lang)) } }
                            td.full data-label=(lang.t("in_figures")) { @for (fid, t) in &r.figures { a href=(format!("/figure/{fid}")) { (iso(t, lang)) } br; } }
                        }
                    }
                }
            }
            (pager("/speakers", page_no, pages, lang))
        },
    )
}

/// `application/x-www-form-urlencoded` for a query value.
pub fn form_escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchRow {
    pub doc: DocHead,
    pub score: f32,
    /// The snippet as runs of text, `true` for a hit.
    pub snippet: Vec<(String, bool)>,
    /// The document's headline (its title or first line).
    pub headline: String,
}

pub fn search(
    q: &str,
    rows: &[SearchRow],
    total: usize,
    also: &[String],
    lang: Lang,
    page_no: usize,
    pages: usize,
) -> String {
    layout_q(
        lang,
        lang.t("search"),
        q,
        html! {
            h1 { (lang.t("search")) @if !q.is_empty() { ": " (name(q, lang)) } }
            @if !q.is_empty() {
                p.meta { (num(total.to_string())) " " (lang.t("hits"))
                    @if !also.is_empty() { " · " (lang.t("also_searched")) ": " @for (i, a) in also.iter().enumerate() { @if i > 0 { "، " } (name(a, lang)) } } }
            }
            @if rows.is_empty() && !q.is_empty() { p { (lang.t("no_results")) } }
            ol.results start=(((page_no.max(1) - 1) * super::pages::SEARCH_PAGE) + 1) {
                @for r in rows {
                    li {
                        a href=(format!("/document/{}", r.doc.id)) { (name(&r.headline, lang)) }
                        p.meta {
                            @if let Some(o) = &r.doc.outlet { (name(o, lang)) " · " }
                            @if let Some(p) = &r.doc.published { (ltr(p)) " · " }
                            (num(r.doc.claims.to_string())) " " (lang.t("claims"))
                        }
                        p.snip dir="auto" translate="no" { "…" @for (t, hit) in &r.snippet { @if *hit { mark { (iso(t, lang)) } } @else { (iso(t, lang)) } } "…" }
                    }
                }
            }
            (pager(&format!("/search?q={}", form_escape(q)), page_no, pages, lang))
        },
    )
}

/// Search results per page.
pub const SEARCH_PAGE: usize = 20;

pub fn decisions(rows: &[DecisionRow], lang: Lang) -> String {
    layout(
        lang,
        lang.t("decisions"),
        html! {
            h1 { (lang.t("decisions")) }
            (decision_rows(rows, lang, "/decisions"))
        },
    )
}

pub fn not_found(lang: Lang) -> String {
    layout(lang, "404", html! { h1 { (num("404".into())) } p { (lang.t("no_results")) } })
}
