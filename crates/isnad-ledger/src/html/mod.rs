//! HTML for the ledger: the self-contained report and the pieces the web UI reuses.
//! Rendered with maud, which escapes every interpolated value. Every label is in the
//! page's language ([`Lang`]); every run of the other direction inside a text (dates,
//! URLs, file names, Latin names inside Arabic) is isolated ([`bidi`]); names, titles
//! and quoted sentences from the documents are marked `translate="no"`.
//!
//! Layout: one stylesheet (`style.css`): tables become cards below 900 px, the
//! sentence column wraps, charts scale with their box; a print stylesheet keeps the
//! sentence, date, stance and source URL of every claim.

pub mod bidi;
mod chart;
mod events;
mod i18n;
pub mod pages;

pub use bidi::{iso, ltr, name};
pub use chart::{figure_chart, is_log};
pub use events::{event_body, event_filters, event_lines, events_table, events_table_of, reason_text, EventQuery};
pub use i18n::Lang;

use crate::figure::{ClaimView, Entry, Figure, Ledger, Mark};
use isnad_model::{Qualifier, Stance};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::collections::HashMap;

pub const STYLE: &str = include_str!("style.css");
/// The static report's filters and sorting (the web UI does the same on the server).
pub const REPORT_SCRIPT: &str = include_str!("report.js");

/// `4000` → `4,000`; fractions keep up to two decimals.
pub fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return "∞".into();
    }
    if v.fract().abs() > 1e-9 && v.abs() < 1e6 {
        let s = format!("{v:.2}");
        return s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    let n = v.round() as i128;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        #[allow(clippy::manual_is_multiple_of)]
        // is_multiple_of is newer than the workspace's rust-version
        let group = (digits.len() - i) % 3 == 0;
        if i > 0 && group {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// A claim's value as an analyst writes it: `~4,000`, `≥ 600`, `≤ 800`, `500–700`.
pub fn value_text(lo: Option<f64>, hi: Option<f64>, q: Qualifier) -> String {
    match (q, lo, hi) {
        (Qualifier::AtLeast, Some(a), _) => format!("≥ {}", fmt_num(a)),
        (Qualifier::AtMost, _, Some(b)) => format!("≤ {}", fmt_num(b)),
        (Qualifier::Approx, Some(a), _) => format!("~{}", fmt_num(a)),
        (_, Some(a), Some(b)) if a == b => fmt_num(a),
        (_, Some(a), Some(b)) => format!("{}–{}", fmt_num(a), fmt_num(b)),
        (_, Some(a), None) => fmt_num(a),
        (_, None, Some(b)) => fmt_num(b),
        _ => "?".into(),
    }
}

/// A number that stays left-to-right in right-to-left text.
pub fn num(s: String) -> Markup {
    html! { bdi.num dir="ltr" { (s) } }
}

pub fn opt_num(v: Option<f64>) -> Markup {
    match v {
        Some(v) => num(fmt_num(v)),
        None => html! { "—" },
    }
}

/// A stored timestamp (`2026-12-01T13:05:09Z`) as a person reads it, in a `<time>`.
pub fn human_time(ts: &str, lang: Lang) -> Markup {
    let (d, my, t) = lang.human_time(ts);
    html! {
        time datetime=(ts) {
            @if my.is_empty() { (ltr(&d)) } @else {
                (num(d)) " " (iso(&my, lang)) @if !t.is_empty() { (if lang == Lang::Ar { "، " } else { ", " }) (num(t)) }
            }
        }
    }
}

/// A title from what the claims share: `fighters · left · الرقة · 2017-10-12`.
pub fn auto_title(f: &Figure, lang: Lang) -> String {
    let mut parts = vec![];
    if let Some(c) = &f.class {
        parts.push(lang.term(c));
    } else {
        parts.push(lang.term(&f.kind));
    }
    if let Some(a) = &f.action {
        parts.push(lang.term(a));
    }
    if let Some(p) = &f.place {
        parts.push(p.clone());
    }
    if let Some(d) = &f.date {
        // Isolated left-to-right, or an RTL title shows 2017-10-12 as 12-10-2017.
        parts.push(format!("\u{2066}{d}\u{2069}"));
    }
    parts.join(" · ")
}

pub fn title(f: &Figure, lang: Lang) -> String {
    f.name.clone().unwrap_or_else(|| auto_title(f, lang))
}

/// Every figure's title, made distinct where two would read the same: the event, then
/// "split off" for a figure the analyst split off, then its id.
pub fn distinct_titles(figures: &[std::sync::Arc<Figure>], lang: Lang) -> HashMap<String, String> {
    let base: Vec<String> = figures.iter().map(|f| title(f, lang)).collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for b in &base {
        *count.entry(b.as_str()).or_default() += 1;
    }
    let mut out: Vec<String> = base.clone();
    for (i, f) in figures.iter().enumerate() {
        if count[base[i].as_str()] < 2 {
            continue;
        }
        let same: Vec<usize> = (0..figures.len()).filter(|&j| base[j] == base[i]).collect();
        let events_differ = same.iter().any(|&j| figures[j].event_title != f.event_title);
        let mut t = base[i].clone();
        if events_differ {
            if let Some(e) = &f.event_title {
                t = format!("{t} — {e}");
            }
        }
        if f.user.iter().any(|u| u == "split") {
            t = format!("{t} ({})", lang.t("split_off"));
        }
        out[i] = t;
    }
    // Still alike: the id settles it.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for t in &out {
        *seen.entry(t.clone()).or_default() += 1;
    }
    figures
        .iter()
        .zip(out)
        .map(|(f, t)| {
            let t = if seen[&t] > 1 { format!("{t} #{}", &f.id[..f.id.len().min(6)]) } else { t };
            (f.id.clone(), t)
        })
        .collect()
}

/// What a page needs besides the data: the language, whether it is served (links to
/// documents, speakers, events) or the static report, and the figures' titles.
pub struct Ctx<'a> {
    pub lang: Lang,
    pub serve: bool,
    pub titles: &'a HashMap<String, String>,
}

impl Ctx<'_> {
    pub fn title(&self, f: &Figure) -> String {
        self.titles.get(&f.id).cloned().unwrap_or_else(|| title(f, self.lang))
    }
    pub fn t(&self, k: &str) -> &'static str {
        self.lang.t(k)
    }
    pub fn figure_href(&self, id: &str) -> String {
        if self.serve {
            format!("/figure/{id}")
        } else {
            format!("#f-{id}")
        }
    }
    pub fn event_href(&self, id: &str) -> String {
        if self.serve {
            format!("/event/{id}")
        } else {
            format!("#e-{id}")
        }
    }
}

fn mark_label(m: Mark, lang: Lang) -> &'static str {
    match m {
        Mark::Agrees => lang.t("agrees"),
        Mark::Higher => lang.t("higher"),
        Mark::Lower => lang.t("lower"),
        Mark::Denies => lang.t("denies"),
        Mark::Projection => lang.t("may_reach"),
        Mark::None => lang.t("none"),
    }
}

fn mark_sign(m: Mark) -> &'static str {
    match m {
        Mark::Agrees => "✓",
        Mark::Higher => "▲",
        Mark::Lower => "▼",
        Mark::Denies => "✗",
        Mark::Projection => "↑",
        Mark::None => "·",
    }
}

/// The sentence with the claim's words marked, quoted as the document gives it: its
/// direction its own, runs of the other direction isolated. Offsets that do not fall
/// on character boundaries (they always should) show the sentence unmarked.
pub fn sentence(p: &ClaimView) -> Markup {
    let s = &p.sentence;
    let rtl = s.chars().filter(|c| c.is_alphabetic()).take(40).filter(|c| (*c as u32) >= 0x0590).count() * 2
        >= s.chars().filter(|c| c.is_alphabetic()).take(40).count();
    let body = match (s.get(..p.hl.0), s.get(p.hl.0..p.hl.1), s.get(p.hl.1..)) {
        (Some(a), Some(b), Some(c)) => {
            html! { (bidi::iso_dir(a, rtl)) mark { (bidi::iso_dir(b, rtl)) } (bidi::iso_dir(c, rtl)) }
        }
        _ => bidi::iso_dir(s, rtl),
    };
    html! { q.quote translate="no" dir=(if rtl { "rtl" } else { "ltr" }) { (body) } }
}

/// A speaker id as a page anchor (`/speakers#s-sdf`).
pub fn speaker_anchor(id: Option<&str>, text: &str) -> String {
    let key = match id {
        Some(id) => id.to_string(),
        None => isnad_text::normalize_str(text),
    };
    let mut h: u64 = 0xcbf29ce484222325;
    for b in key.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("s-{:012x}", h & 0xffff_ffff_ffff)
}

/// An entity id as its name from the alias table; an id the table does not know (a
/// transliterated slug of a name learned from the text) has no name to show.
pub fn entity_label(id: &str) -> Option<String> {
    isnad_attrib::entity_name(id).map(String::from)
}

/// Names of the speakers the ledger's claims give for each entity id (for ids the alias
/// table does not know: the words the texts use, most frequent first).
pub fn speaker_names(l: &Ledger) -> HashMap<String, String> {
    let mut count: HashMap<(&str, &str), usize> = HashMap::new();
    for f in &l.figures {
        for p in f.entries.iter().chain(&f.denials).flat_map(|e| &e.parts) {
            if let (Some(id), Some(s)) = (&p.speaker_id, &p.speaker) {
                *count.entry((id.as_str(), s.as_str())).or_default() += 1;
            }
        }
    }
    let mut best: HashMap<String, (usize, String)> = HashMap::new();
    for ((id, s), n) in count {
        let e = best.entry(id.to_string()).or_insert((0, String::new()));
        if n > e.0 || (n == e.0 && s < e.1.as_str()) {
            *e = (n, s.to_string());
        }
    }
    best.into_iter().map(|(k, v)| (k, v.1)).collect()
}

fn speaker_cell(p: &ClaimView, cx: &Ctx) -> Markup {
    let lang = cx.lang;
    html! {
        @match &p.speaker {
            Some(s) => {
                @if cx.serve {
                    a href=(format!("/speakers#{}", speaker_anchor(p.speaker_id.as_deref(), s))) { (name(s, lang)) }
                } @else { (name(s, lang)) }
                @if let Some(n) = p.speaker_id.as_deref().and_then(entity_label) {
                    @if isnad_text::normalize_str(&n) != isnad_text::normalize_str(s) { " " small.id { "(" (name(&n, lang)) ")" } }
                }
            }
            None => { (lang.t("outlet_voice")) }
        }
    }
}

/// Claims listed per figure in the report, which must stay light on a large dossier;
/// the rest are counted there and listed by `isnad serve`.
pub const REPORT_ENTRIES: usize = 50;
/// Claims listed per page of a figure in the web UI.
pub const PAGE_ENTRIES: usize = 50;

/// The outlet, linked to the document page (served) and to the original URL.
fn source_cell(p: &ClaimView, cx: &Ctx) -> Markup {
    html! {
        @if cx.serve {
            a href=(format!("/document/{}#at-{}", p.doc_id, p.start)) title=(p.doc) { (name(&p.outlet, cx.lang)) }
        } @else {
            span title=(p.doc) { (name(&p.outlet, cx.lang)) }
        }
        @if let Some(u) = p.url.as_deref().filter(|u| u.starts_with("http://") || u.starts_with("https://")) {
            " " a.src href=(u) rel="noreferrer noopener" { small { "↗ " (cx.t("original")) } }
            span.printurl { (ltr(u)) }
        }
    }
}

/// The claims table of a figure: entries `from..from + limit`; `select` adds a
/// checkbox per entry (for splitting), named by the entry's index in the figure.
pub fn entries_table(entries: &[Entry], cx: &Ctx, select: Option<&str>, from: usize, limit: usize) -> Markup {
    let lang = cx.lang;
    let from = from.min(entries.len());
    let to = (from + limit).min(entries.len());
    let hidden = entries.len() - (to - from);
    html! {
        table.claims.cards {
            thead { tr {
                @if select.is_some() { th.c-sel { span.vh { (lang.t("select")) } } }
                th.c-mark { (lang.t("mark")) } th.c-value { (lang.t("value")) } th.c-counted { (lang.t("counted")) } th.c-speaker { (lang.t("speaker")) }
                th.c-relay { (lang.t("relay")) } th.c-outlet { (lang.t("outlet")) } th.c-date { (lang.t("published")) } th.c-stance { (lang.t("stance")) }
                th.c-sentence { (lang.t("sentence")) }
            } }
            tbody {
                @for (k, e) in entries[from..to].iter().enumerate() {
                    @let k = k + from;
                    tr class=(format!("entry {}", chart_class(e.mark))) {
                        @if let Some(form) = select {
                            td.c-sel { label { input type="checkbox" name="entry" value=(k) form=(form); span.vh { (lang.t("select")) } } }
                        }
                        td.c-mark data-label=(lang.t("mark")) {
                            (mark_sign(e.mark)) " " (mark_label(e.mark, lang))
                            @if e.repeat { " " small { "↻ " (lang.t("repeat")) } }
                        }
                        td.c-value data-label=(lang.t("value")) { (num(value_text(e.lo, e.hi, e.qualifier))) }
                        td.c-counted.full data-label=(lang.t("counted")) {
                            @for (i, p) in e.parts.iter().enumerate() {
                                @if i > 0 { " + " }
                                (num(value_text(p.min, p.max, p.qualifier))) " " (iso(&p.counted.clone().unwrap_or_default(), lang))
                            }
                        }
                        td.c-speaker.full data-label=(lang.t("speaker")) { @if let Some(p) = e.parts.first() { (speaker_cell(p, cx)) } }
                        td.c-relay data-label=(lang.t("relay")) { @if let Some(r) = &e.relay { (name(r, lang)) } }
                        td.c-outlet.full data-label=(lang.t("outlet")) { @if let Some(p) = e.parts.first() { (source_cell(p, cx)) } }
                        td.c-date data-label=(lang.t("published")) { @if let Some(p) = e.parts.first() { @if let Some(d) = &p.published { (ltr(d)) } } }
                        td.c-stance data-label=(lang.t("stance")) { @if let Some(p) = e.parts.first() { (match p.stance { Stance::Assert => lang.t("assert"), Stance::Deny => lang.t("deny") }) } }
                        td.c-sentence.full data-label=(lang.t("sentence")) {
                            @for p in &e.parts { p { (sentence(p)) } }
                            @if !e.agrees_with.is_empty() {
                                p.agreeswith { small { (lang.t("agrees_with")) ": "
                                    @for (i, a) in e.agrees_with.iter().enumerate() { @if i > 0 { "، " } (name(a, lang)) }
                                    @if e.agrees_with.len() == crate::figure::MAX_AGREES_WITH { " … (" (ltr(&e.agrees.to_string())) " " (lang.t("sources_in_all")) ")" } } }
                            }
                        }
                    }
                }
            }
        }
        @if hidden > 0 && !cx.serve { p.more { "+" (num(hidden.to_string())) " " (lang.t("claims")) } }
    }
}

fn chart_class(m: Mark) -> &'static str {
    chart::class(m)
}

fn reason_value(what: &str, v: &str, lang: Lang) -> Markup {
    match what {
        "date" => ltr(v),
        "place" | "document place" => name(v, lang),
        _ => iso(&lang.term(v), lang),
    }
}

pub fn reasons(f: &Figure, lang: Lang) -> Markup {
    html! {
        ul.reasons {
            @for r in &f.reasons {
                li {
                    b { (lang.t(r.what)) } ": " (reason_value(r.what, &r.value, lang)) " "
                    small { "(" (num(format!("{}/{}", r.count, r.of))) ")" }
                    @if !r.words.is_empty() { " — " span.words translate="no" { (iso(&r.words.join("، "), lang)) } }
                }
            }
            @if !f.user.is_empty() {
                li { b { (lang.t("user")) } ": "
                    @for (i, u) in f.user.iter().enumerate() { @if i > 0 { "، " } (lang.t(&format!("op_{u}"))) } }
            }
        }
    }
}

pub fn stats(f: &Figure, lang: Lang) -> Markup {
    html! {
        dl.stats {
            div { dt { (lang.t("low")) } dd { (opt_num(f.low)) } }
            div.best { dt { (lang.t("best")) } dd { (opt_num(f.best)) } }
            div { dt { (lang.t("high")) } dd { (opt_num(f.high)) } }
            div { dt { (lang.t("sources")) } dd { (num(f.sources.to_string())) } }
            div { dt { (lang.t("agree")) } dd { (num(f.agree.to_string())) } }
            div { dt { (lang.t("contradict")) } dd { (num(f.contradict.to_string())) } }
        }
    }
}

/// Marks for a figure whose claims are spread in time or name no place.
pub fn warnings(f: &Figure, lang: Lang) -> Markup {
    let days: Vec<i64> = f
        .entries
        .iter()
        .chain(&f.denials)
        .flat_map(|e| &e.parts)
        .filter_map(|p| p.published.as_deref().and_then(isnad_model::DaySpan::parse).map(|d| d.lo))
        .collect();
    let span = match (days.iter().min(), days.iter().max()) {
        (Some(a), Some(b)) => b - a,
        _ => 0,
    };
    html! {
        @if span > 3 || f.place.is_none() {
            p.warn {
                @if span > 3 { span { "⚠ " (iso(&lang.t("span_days").replace("{}", &span.to_string()), lang)) } " " }
                @if f.place.is_none() { span { "⚠ " (lang.t("no_place")) } }
            }
        }
    }
}

/// The figure's body: stats, reasons, chart, claims (`from..from + limit`), denials.
pub fn figure_body(f: &Figure, cx: &Ctx, select: Option<&str>, from: usize, limit: usize) -> Markup {
    let lang = cx.lang;
    html! {
        (stats(f, lang))
        @if let (Some(e), Some(t)) = (&f.event, &f.event_title) {
            p.meta { (lang.t("of_event")) ": " a href=(cx.event_href(e)) { (iso(t, lang)) } }
        }
        (warnings(f, lang))
        details.why open {
            summary { (lang.t("why")) }
            (reasons(f, lang))
        }
        (figure_chart(f, lang))
        (entries_table(&f.entries, cx, select, from, limit))
        @if !f.denials.is_empty() {
            h3 { (lang.t("denials")) }
            (entries_table(&f.denials, cx, None, 0, limit))
        }
    }
}

/// A figure is contested when sources contradict the best estimate or deny it.
pub fn contested(f: &Figure) -> bool {
    f.contradict > 0 || !f.denials.is_empty()
}

/// First and last publication day of a figure's claims.
pub fn figure_days(f: &Figure) -> (Option<String>, Option<String>) {
    let mut d: Vec<&str> = f.entries.iter().flat_map(|e| &e.parts).filter_map(|p| p.published.as_deref()).collect();
    d.sort_unstable();
    (d.first().map(|s| s.to_string()), d.last().map(|s| s.to_string()))
}

/// The summary table of figures with the data its filters read (`data-*`).
pub fn summary(figs: &[&Figure], cx: &Ctx, number_from: usize) -> Markup {
    let lang = cx.lang;
    html! {
        table.summary.cards id="figures-table" {
            thead { tr {
                th { "#" } th { (lang.t("figure")) } th { (lang.t("event")) } th { (lang.t("low")) } th { (lang.t("best")) } th { (lang.t("high")) }
                th { (lang.t("sources")) } th { (lang.t("claims")) } th { (lang.t("agree")) } th { (lang.t("contradict")) } th { (lang.t("denials")) }
            } }
            tbody {
                @for (i, f) in figs.iter().enumerate() {
                    @let (d0, _) = figure_days(f);
                    tr data-kind=(f.kind) data-place=(f.place.clone().unwrap_or_default()) data-date=(f.date.clone().or(d0).unwrap_or_default())
                        data-sources=(f.sources) data-claims=(f.entries.len()) data-best=(f.best.unwrap_or(0.0))
                        data-contested=(if contested(f) { "1" } else { "0" }) data-title=(cx.title(f)) data-event=(f.event.clone().unwrap_or_default()) {
                        td data-label="#" { (num((i + 1 + number_from).to_string())) }
                        td.full data-label=(lang.t("figure")) { a href=(cx.figure_href(&f.id)) { (iso(&cx.title(f), lang)) } }
                        td.full data-label=(lang.t("event")) { @if let (Some(e), Some(t)) = (&f.event, &f.event_title) { a href=(cx.event_href(e)) { (iso(t, lang)) } } }
                        td data-label=(lang.t("low")) { (opt_num(f.low)) } td.best data-label=(lang.t("best")) { (opt_num(f.best)) } td data-label=(lang.t("high")) { (opt_num(f.high)) }
                        td data-label=(lang.t("sources")) { (num(f.sources.to_string())) }
                        td data-label=(lang.t("claims")) { (num(f.entries.len().to_string())) }
                        td data-label=(lang.t("agree")) { (num(f.agree.to_string())) }
                        td data-label=(lang.t("contradict")) { (num(f.contradict.to_string())) }
                        td data-label=(lang.t("denials")) { (num(f.denials.len().to_string())) }
                    }
                }
            }
        }
    }
}

/// Filter and sort controls for the figures list: a GET form (the web UI filters on
/// the server; the report's script filters the rows in place).
pub fn figure_filters(l: &Ledger, lang: Lang, q: &FigureQuery, action: &str) -> Markup {
    let mut kinds: Vec<&str> = l.figures.iter().map(|f| f.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut places: Vec<&str> = l.figures.iter().filter_map(|f| f.place.as_deref()).collect();
    places.sort_unstable();
    places.dedup();
    let sel = |a: &str, b: &str| a == b;
    html! {
        form.filters id="figure-filters" method="get" action=(action) role="search" {
            label { (lang.t("kind")) " " select name="kind" {
                option value="" { (lang.t("any")) }
                @for k in &kinds { option value=(k) selected[sel(k, &q.kind)] { (lang.term(k)) } }
            } }
            label { (lang.t("place")) " " select name="place" {
                option value="" { (lang.t("any")) }
                @for p in &places { option value=(p) selected[sel(p, &q.place)] { (p) } }
            } }
            label { (lang.t("date")) " " input type="text" name="date" size="10" placeholder="2017-10" value=(q.date) dir="ltr"; }
            label { (lang.t("min_sources")) " " input type="number" name="min_sources" min="0" max="999" value=(q.min_sources) dir="ltr"; }
            label { (lang.t("contested")) " " select name="contested" {
                option value="" { (lang.t("any")) }
                option value="yes" selected[q.contested == "yes"] { (lang.t("contested_yes")) }
                option value="no" selected[q.contested == "no"] { (lang.t("contested_no")) }
            } }
            label { (lang.t("sort")) " " select name="sort" {
                option value="sources" selected[q.sort == "sources" || q.sort.is_empty()] { (lang.t("sources")) }
                option value="claims" selected[q.sort == "claims"] { (lang.t("claims")) }
                option value="best" selected[q.sort == "best"] { (lang.t("best")) }
                option value="date" selected[q.sort == "date"] { (lang.t("date")) }
                option value="title" selected[q.sort == "title"] { (lang.t("title_sort")) }
            } }
            button type="submit" { (lang.t("apply")) }
            output.count { }
        }
    }
}

/// A filter of the figures list, as the query string gives it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct FigureQuery {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub place: String,
    /// A day or a prefix of one (`2017-10`).
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub min_sources: String,
    /// `yes`, `no` or empty.
    #[serde(default)]
    pub contested: String,
    /// `sources` (default), `claims`, `best`, `date`, `title`.
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub event: String,
    /// Page of the list, from 1 (`isnad serve`; the report lists every figure).
    #[serde(default)]
    pub page: Option<usize>,
}

impl FigureQuery {
    /// The filters and order as URL query parameters (without the page), for page links.
    pub fn params(&self) -> String {
        let fields = [
            ("kind", &self.kind),
            ("place", &self.place),
            ("date", &self.date),
            ("min_sources", &self.min_sources),
            ("contested", &self.contested),
            ("sort", &self.sort),
            ("event", &self.event),
        ];
        let set: Vec<String> = fields
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}={}", pages::form_escape(v)))
            .collect();
        set.join("&")
    }

    pub fn keeps(&self, f: &Figure) -> bool {
        let min: usize = self.min_sources.trim().parse().unwrap_or(0);
        let (d0, d1) = figure_days(f);
        let date_ok = self.date.trim().is_empty() || {
            let d = self.date.trim();
            [f.date.as_deref(), d0.as_deref(), d1.as_deref()].iter().flatten().any(|x| x.starts_with(d))
        };
        (self.kind.is_empty() || f.kind == self.kind)
            && (self.place.is_empty() || f.place.as_deref() == Some(self.place.as_str()))
            && (self.event.is_empty() || f.event.as_deref() == Some(self.event.as_str()))
            && f.sources >= min
            && date_ok
            && match self.contested.as_str() {
                "yes" => contested(f),
                "no" => !contested(f),
                _ => true,
            }
    }

    /// The figures it keeps, in its order.
    pub fn apply<'a>(&self, figs: &'a [std::sync::Arc<Figure>], titles: &HashMap<String, String>) -> Vec<&'a Figure> {
        let mut v: Vec<&Figure> = figs.iter().map(|f| &**f).filter(|f| self.keeps(f)).collect();
        match self.sort.as_str() {
            "claims" => v.sort_by_key(|a| std::cmp::Reverse(a.entries.len())),
            "best" => v.sort_by(|a, b| b.best.unwrap_or(0.0).total_cmp(&a.best.unwrap_or(0.0))),
            "date" => v.sort_by_key(|f| f.date.clone().or(figure_days(f).0)),
            "title" => v.sort_by_key(|f| titles.get(&f.id).cloned().unwrap_or_default()),
            _ => {}
        }
        v
    }
}

pub fn page(lang: Lang, title: &str, body: Markup) -> Markup {
    page_with(lang, title, body, None)
}

fn page_with(lang: Lang, title: &str, body: Markup, script: Option<&str>) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) dir=(lang.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                // No favicon request: the page needs nothing from the network.
                link rel="icon" href="data:,";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (body)
                @if let Some(s) = script { script { (PreEscaped(s)) } }
            }
        }
    }
}

/// The report in the dossier's language: summary first, then the events, then up to
/// `max_figures` figures in full.
pub fn report(l: &Ledger, max_figures: usize) -> String {
    report_in(l, max_figures, Lang::from_code(l.lang))
}

/// The report in a chosen language.
pub fn report_in(l: &Ledger, max_figures: usize, lang: Lang) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and every piece is a maud string: UTF-8.
    let _ = write_report_in(l, max_figures, lang, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`report_in`] written piece by piece (the header and summary, each event, each
/// figure), so that a dossier's page is never held whole in memory; the bytes are the
/// same. Returns how many were written.
pub fn write_report_in(
    l: &Ledger,
    max_figures: usize,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<usize> {
    let shown = l.figures.len().min(max_figures);
    let titles = distinct_titles(&l.figures, lang);
    let cx = Ctx { lang, serve: false, titles: &titles };
    let all: Vec<&Figure> = l.figures.iter().map(|f| &**f).collect();
    let mut n = 0;
    let mut put = |m: &str| -> std::io::Result<()> {
        n += m.len();
        out.write_all(m.as_bytes())
    };
    // The page and the events section around their contents, cut where a marker stood.
    const MARK: &str = "\u{0}isnad-piece\u{0}";
    let page =
        page_with(lang, &format!("isnad — {}", lang.t("ledger")), PreEscaped(MARK.to_string()), Some(REPORT_SCRIPT))
            .into_string();
    let events = html! { section id="events" { (PreEscaped(MARK)) } }.into_string();
    let (page_open, page_close) = page.split_once(MARK).unwrap_or((&page, ""));
    let (events_open, events_close) = events.split_once(MARK).unwrap_or((&events, ""));
    put(page_open)?;
    put(&html! {
        header {
            h1 { bdi translate="no" { "isnad" } " — " (lang.t("ledger")) }
            p.meta {
                (num(l.documents.to_string())) " " (lang.t("documents")) " · "
                (num(l.events.len().to_string())) " " (lang.t("events")) " · "
                (num(l.claims.to_string())) " " (lang.t("claims")) " · "
                (num(l.figures.len().to_string())) " " (lang.t("summary")) " · "
                (num(l.ungrouped.to_string())) " " (lang.t("ungrouped"))
            }
            nav.toc { a href="#summary" { (lang.t("summary")) } " · " a href="#events" { (lang.t("events")) } " · " a href="#rule" { (lang.t("rule")) } }
        }
        section id="summary" {
            h2 { (lang.t("summary")) }
            (figure_filters(l, lang, &FigureQuery::default(), "#summary"))
            (summary(&all, &cx, 0))
        }
    }
    .into_string())?;
    put(events_open)?;
    put(&html! {
        h2 { (lang.t("events")) }
        (event_filters(l, lang, &EventQuery::default(), "#events"))
        (events_table(l, &cx))
    }
    .into_string())?;
    for e in &l.events {
        put(&html! {
            section.event id=(format!("e-{}", e.id)) {
                h3 { (iso(&e.title, lang)) }
                (event_body(e, l, &cx, false))
            }
        }
        .into_string())?;
    }
    put(events_close)?;
    put(&html! {
        section id="rule" {
            h2 { (lang.t("rule")) }
            p { (bidi::iso_names(lang.rule(), lang)) }
        }
    }
    .into_string())?;
    for f in l.figures.iter().take(shown) {
        put(&html! {
            section.figure id=(format!("f-{}", f.id)) {
                h2 { (iso(&cx.title(f), lang)) " " small.id { (ltr(&format!("#{}", f.id))) } }
                (figure_body(f, &cx, None, 0, REPORT_ENTRIES))
            }
        }
        .into_string())?;
    }
    if l.figures.len() > shown {
        put(&html! { p.more { (num((l.figures.len() - shown).to_string())) " " (lang.t("more")) } }.into_string())?;
    }
    put(page_close)?;
    Ok(n)
}
