//! The event page (in the report and in `isnad serve`), in the spirit of an Airwars
//! incident page: title, date span, places, documents, why its documents are
//! together, and per figure low / best / high with one line per independent source
//! ("X says N; Y says M; Z denies"), the chart (served page), and a mark where a
//! figure's claims span more than a few days or name no place.

use super::{contested, figure_chart, iso, ltr, name, num, opt_num, value_text, warnings, Ctx, Lang};
use crate::events::EventView;
use crate::figure::{Figure, Ledger, Mark};
use maud::{html, Markup};

/// An event's stored reason (`terms 0.31: داعش تنظيم`, `dated within 3 days`,
/// `place raqqa, tabqa`, `sources sdf, coalition`, `recalls the event (61 days later)`)
/// in the page's language, with place and entity ids as names.
pub fn reason_text(r: &str, lang: Lang, names: &std::collections::HashMap<String, String>) -> Markup {
    let ids = |s: &str, place: bool| -> String {
        s.split(", ")
            .map(|id| {
                let id = id.trim();
                if place {
                    isnad_frame::place_name(id).map(String::from).unwrap_or_else(|| id.to_string())
                } else {
                    super::entity_label(id).or_else(|| names.get(id).cloned()).unwrap_or_else(|| id.replace('-', " "))
                }
            })
            .collect::<Vec<_>>()
            .join("، ")
    };
    let days = |s: &str| s.chars().filter(|c| c.is_ascii_digit()).collect::<String>();
    if r == "opened" {
        return html! { (lang.t("opened")) };
    }
    if let Some(rest) = r.strip_prefix("terms ") {
        let (score, words) = rest.split_once(": ").unwrap_or((rest, ""));
        return html! { (lang.t("terms")) " (" (num(score.to_string())) "): " span.words translate="no" { (iso(words, lang)) } };
    }
    if let Some(rest) = r.strip_prefix("dated within ") {
        return html! { (iso(&lang.t("dated_within").replace("{}", &days(rest)), lang)) };
    }
    if let Some(rest) = r.strip_prefix("recalls the event") {
        return html! { (iso(&lang.t("recalls").replace("{}", &days(rest)), lang)) };
    }
    if let Some(rest) = r.strip_prefix("place ") {
        return html! { (lang.t("same_place")) ": " (name(&ids(rest, true), lang)) };
    }
    if let Some(rest) = r.strip_prefix("sources ") {
        return html! { (lang.t("same_sources")) ": " (name(&ids(rest, false), lang)) };
    }
    // A reason written by a newer clusterer: shown as data.
    html! { (name(r, lang)) }
}

/// One line per independent source of a figure: "X says N; Y says M; Z denies".
pub fn event_lines(f: &Figure, lang: Lang) -> Markup {
    let mut seen: Vec<&str> = Vec::new();
    let mut lines: Vec<(String, String, Mark)> = Vec::new();
    for e in f.entries.iter().chain(&f.denials) {
        if seen.contains(&e.source_id.as_str()) {
            continue;
        }
        seen.push(&e.source_id);
        lines.push((e.source.clone(), value_text(e.lo, e.hi, e.qualifier), e.mark));
    }
    let sep = if lang == Lang::Ar { "؛ " } else { "; " };
    html! {
        p.says {
            @for (i, (who, v, m)) in lines.iter().enumerate() {
                @if i > 0 { (sep) }
                span.say {
                    (name(who, lang)) " "
                    @match m {
                        Mark::Denies => { (lang.t("say_deny")) " " (num(v.clone())) }
                        Mark::Projection => { (lang.t("say_may_reach")) " " (num(v.clone())) }
                        _ => { (lang.t("says")) " " (num(v.clone())) }
                    }
                }
            }
        }
    }
}

/// Which figures of the ledger are in an event.
fn figures_of<'a>(e: &EventView, l: &'a Ledger) -> Vec<&'a Figure> {
    e.figures.iter().filter_map(|id| l.figures.iter().find(|f| &f.id == id).map(|f| &**f)).collect()
}

/// The body of an event: its span, places, documents, reasons and figures. `charts`:
/// draw each figure's chart (the served page; the report draws them once, with the figure).
pub fn event_body(e: &EventView, l: &Ledger, cx: &Ctx, charts: bool) -> Markup {
    let lang = cx.lang;
    let figs = figures_of(e, l);
    html! {
        dl.eventmeta {
            div { dt { (lang.t("from_to")) } dd {
                @if let Some(a) = &e.from { (ltr(a)) }
                @if e.to.is_some() && e.to != e.from { " – " @if let Some(b) = &e.to { (ltr(b)) } }
            } }
            div { dt { (lang.t("places")) } dd { @for (i, p) in e.places.iter().enumerate() { @if i > 0 { "، " } (name(p, lang)) } } }
            div { dt { (lang.t("documents")) } dd { (num(e.documents.len().to_string())) } }
            div { dt { (lang.t("claims")) } dd { (num(e.claims.to_string())) } }
        }
        @if !e.reasons.is_empty() {
            details.why {
                summary { (lang.t("why")) }
                @let names = super::speaker_names(l);
                ul.reasons { @for r in &e.reasons { li { (reason_text(r, lang, &names)) } } }
            }
        }
        @if !figs.is_empty() {
            h4 { (lang.t("figures_in")) }
            @for f in &figs {
                article.evfig {
                    h5 { a href=(cx.figure_href(&f.id)) { (iso(&cx.title(f), lang)) } }
                    p.lbh {
                        span { (lang.t("low")) " " (opt_num(f.low)) } " · "
                        span.best { (lang.t("best")) " " (opt_num(f.best)) } " · "
                        span { (lang.t("high")) " " (opt_num(f.high)) } " · "
                        span { (lang.t("sources")) " " (num(f.sources.to_string())) }
                        @if contested(f) { " · " span.contested { (lang.t("contested")) } }
                    }
                    (warnings(f, lang))
                    (event_lines(f, lang))
                    @if charts { (figure_chart(f, lang)) }
                }
            }
        }
        @if cx.serve && !e.documents.is_empty() {
            @let others = other_events(e, l);
            details.docs open {
                summary { (lang.t("documents")) " (" (num(e.documents.len().to_string())) ")" }
                form id="event-split" method="post" action=(format!("/event/{}/split", e.id)) {
                    ul { @for (k, d) in e.documents.iter().enumerate() {
                        li { label { input type="checkbox" name="doc" value=(k); " " (ltr(d)) } }
                    } }
                    @if e.documents.len() > 1 { button type="submit" { (lang.t("event_split")) } }
                }
                @if !others.is_empty() {
                    form.inline method="post" action=(format!("/event/{}/move", e.id)) {
                        select name="doc" translate="no" { @for (k, d) in e.documents.iter().enumerate() { option value=(k) { (super::bidi::iso_text(d, lang)) } } }
                        label { " " (lang.t("event_move")) " "
                            select name="to" translate="no" { @for o in &others { option value=(o.id) { (super::bidi::iso_text(&o.title, lang)) } } }
                        }
                        button type="submit" { "✓" }
                    }
                }
            }
        }
    }
}

/// The events an event could be merged with or a document moved to: the hundred
/// nearest in time (a select of every event of a large dossier would not be usable).
pub fn other_events<'a>(e: &EventView, l: &'a Ledger) -> Vec<&'a EventView> {
    let day = |x: &EventView| x.from.as_deref().and_then(isnad_model::DaySpan::parse).map(|d| d.lo);
    let at = day(e);
    let mut v: Vec<&EventView> = l.events.iter().filter(|o| o.id != e.id).collect();
    v.sort_by_key(|o| (at.zip(day(o)).map_or(i64::MAX, |(a, b)| (a - b).abs()), o.id.clone()));
    v.truncate(100);
    v
}

/// The events list with the data its filters read.
pub fn events_table(l: &Ledger, cx: &Ctx) -> Markup {
    let all: Vec<&EventView> = l.events.iter().collect();
    events_table_of(&all, l, cx)
}

/// The events list of these events.
pub fn events_table_of(events: &[&EventView], l: &Ledger, cx: &Ctx) -> Markup {
    let lang = cx.lang;
    html! {
        table.events.cards id="events-table" {
            thead { tr {
                th { (lang.t("event")) } th { (lang.t("from_to")) } th { (lang.t("places")) } th { (lang.t("documents")) }
                th { (lang.t("claims")) } th { (lang.t("summary")) } th { (lang.t("contested")) }
            } }
            tbody {
                @for e in events {
                    @let figs = figures_of(e, l);
                    @let cont = figs.iter().filter(|f| contested(f)).count();
                    tr data-place=(e.places.first().cloned().unwrap_or_default()) data-date=(e.from.clone().unwrap_or_default())
                        data-sources=(e.documents.len()) data-contested=(if cont > 0 { "1" } else { "0" })
                        data-claims=(e.claims) data-title=(e.title) {
                        td.full data-label=(lang.t("event")) { a href=(cx.event_href(&e.id)) { (iso(&e.title, lang)) } }
                        td data-label=(lang.t("from_to")) {
                            @if let Some(a) = &e.from { (ltr(a)) }
                            @if e.to.is_some() && e.to != e.from { " – " @if let Some(b) = &e.to { (ltr(b)) } }
                        }
                        td.full data-label=(lang.t("places")) { @for (i, p) in e.places.iter().enumerate() { @if i > 0 { "، " } (name(p, lang)) } }
                        td data-label=(lang.t("documents")) { (num(e.documents.len().to_string())) }
                        td data-label=(lang.t("claims")) { (num(e.claims.to_string())) }
                        td data-label=(lang.t("summary")) { (num(figs.len().to_string())) }
                        td data-label=(lang.t("contested")) { (num(cont.to_string())) }
                    }
                }
            }
        }
    }
}

/// A filter of the events list, as the query string gives it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct EventQuery {
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub date: String,
    /// At least this many documents.
    #[serde(default)]
    pub min_sources: String,
    #[serde(default)]
    pub contested: String,
    /// `date` (default: the ledger's order), `sources` (documents), `claims`, `title`.
    #[serde(default)]
    pub sort: String,
}

impl EventQuery {
    pub fn apply<'a>(&self, l: &'a Ledger) -> Vec<&'a EventView> {
        let min: usize = self.min_sources.trim().parse().unwrap_or(0);
        let mut v: Vec<&EventView> = l
            .events
            .iter()
            .filter(|e| {
                let cont = figures_of(e, l).iter().any(|f| contested(f));
                (self.place.is_empty() || e.places.iter().any(|p| p == &self.place))
                    && (self.date.trim().is_empty()
                        || [e.from.as_deref(), e.to.as_deref()]
                            .iter()
                            .flatten()
                            .any(|d| d.starts_with(self.date.trim())))
                    && e.documents.len() >= min
                    && match self.contested.as_str() {
                        "yes" => cont,
                        "no" => !cont,
                        _ => true,
                    }
            })
            .collect();
        match self.sort.as_str() {
            "sources" => v.sort_by_key(|a| std::cmp::Reverse(a.documents.len())),
            "claims" => v.sort_by_key(|a| std::cmp::Reverse(a.claims)),
            "title" => v.sort_by(|a, b| a.title.cmp(&b.title)),
            "date" => v.sort_by(|a, b| a.from.cmp(&b.from)),
            _ => {}
        }
        v
    }
}

/// Filter and sort controls for the events list (GET form; the report filters in place).
pub fn event_filters(l: &Ledger, lang: Lang, q: &EventQuery, action: &str) -> Markup {
    let mut places: Vec<&str> = l.events.iter().flat_map(|e| e.places.iter().map(String::as_str)).collect();
    places.sort_unstable();
    places.dedup();
    html! {
        form.filters id="event-filters" method="get" action=(action) role="search" {
            label { (lang.t("place")) " " select name="place" {
                option value="" { (lang.t("any")) }
                @for p in &places { option value=(p) selected[*p == q.place] { (p) } }
            } }
            label { (lang.t("date")) " " input type="text" name="date" size="10" placeholder="2017-10" value=(q.date) dir="ltr"; }
            label { (lang.t("min_docs")) " " input type="number" name="min_sources" min="0" max="9999" value=(q.min_sources) dir="ltr"; }
            label { (lang.t("contested")) " " select name="contested" {
                option value="" { (lang.t("any")) }
                option value="yes" selected[q.contested == "yes"] { (lang.t("contested_yes")) }
                option value="no" selected[q.contested == "no"] { (lang.t("contested_no")) }
            } }
            label { (lang.t("sort")) " " select name="sort" {
                option value="" { "—" }
                option value="date" selected[q.sort == "date"] { (lang.t("date")) }
                option value="sources" selected[q.sort == "sources"] { (lang.t("documents")) }
                option value="claims" selected[q.sort == "claims"] { (lang.t("claims")) }
                option value="title" selected[q.sort == "title"] { (lang.t("title_sort")) }
            } }
            button type="submit" { (lang.t("apply")) }
            output.count { }
        }
    }
}
