//! HTML for the ledger: the self-contained report and the pieces the web UI reuses.
//! Rendered with maud, which escapes every interpolated value; numbers are wrapped in
//! left-to-right isolates so that "4,000" reads the same inside Arabic text.

mod chart;
mod i18n;
pub mod pages;

pub use chart::figure_chart;
pub use i18n::Lang;

use crate::figure::{ClaimView, Entry, Figure, Ledger, Mark};
use isnad_model::{Qualifier, Stance};
use maud::{html, Markup, PreEscaped, DOCTYPE};

pub const STYLE: &str = include_str!("style.css");

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

fn mark_label(m: Mark, lang: Lang) -> &'static str {
    match m {
        Mark::Agrees => lang.t("agrees"),
        Mark::Higher => lang.t("higher"),
        Mark::Lower => lang.t("lower"),
        Mark::Denies => lang.t("denies"),
        Mark::None => lang.t("none"),
    }
}

fn mark_sign(m: Mark) -> &'static str {
    match m {
        Mark::Agrees => "✓",
        Mark::Higher => "▲",
        Mark::Lower => "▼",
        Mark::Denies => "✗",
        Mark::None => "·",
    }
}

/// The sentence with the claim's words marked. Offsets that do not fall on
/// character boundaries (they always should) show the sentence unmarked.
pub fn sentence(p: &ClaimView) -> Markup {
    let s = &p.sentence;
    match (s.get(..p.hl.0), s.get(p.hl.0..p.hl.1), s.get(p.hl.1..)) {
        (Some(a), Some(b), Some(c)) => html! { (a) mark { (b) } (c) },
        _ => html! { (s) },
    }
}

fn speaker_cell(p: &ClaimView, lang: Lang) -> Markup {
    html! {
        @match &p.speaker {
            Some(s) => { (s) @if let Some(id) = &p.speaker_id { " " small.id { "[" (id) "]" } } }
            None => { (lang.t("outlet_voice")) }
        }
    }
}

/// Claims listed per figure in the report, which must stay light on a large dossier;
/// the rest are counted there and listed by `isnad serve`.
pub const REPORT_ENTRIES: usize = 50;
/// Claims listed on a figure's page in the web UI.
pub const PAGE_ENTRIES: usize = 1000;

/// The claims table of a figure, up to `limit` rows; `select` adds a checkbox per entry (for splitting).
pub fn entries_table(entries: &[Entry], lang: Lang, select: Option<&str>, limit: usize) -> Markup {
    let hidden = entries.len().saturating_sub(limit);
    let entries = &entries[..entries.len().min(limit)];
    html! {
        table.claims {
            thead { tr {
                @if select.is_some() { th {} }
                th { (lang.t("mark")) } th { (lang.t("value")) } th { (lang.t("counted")) } th { (lang.t("speaker")) }
                th { (lang.t("relay")) } th { (lang.t("outlet")) } th { (lang.t("published")) } th { (lang.t("stance")) }
                th { (lang.t("sentence")) }
            } }
            tbody {
                @for (k, e) in entries.iter().enumerate() {
                    tr class=(format!("entry {}", chart_class(e.mark))) {
                        @if let Some(form) = select {
                            td { input type="checkbox" name="entry" value=(k) form=(form) aria-label="select"; }
                        }
                        td.mark title=(mark_label(e.mark, lang)) {
                            (mark_sign(e.mark)) " " (mark_label(e.mark, lang))
                            @if e.repeat { br; small { "↻ " (lang.t("repeat")) } }
                        }
                        td.value { (num(value_text(e.lo, e.hi, e.qualifier))) }
                        td {
                            @for (i, p) in e.parts.iter().enumerate() {
                                @if i > 0 { " + " }
                                (num(value_text(p.min, p.max, p.qualifier))) " " (p.counted.clone().unwrap_or_default())
                            }
                        }
                        td { @if let Some(p) = e.parts.first() { (speaker_cell(p, lang)) } }
                        td { (e.relay.clone().unwrap_or_default()) }
                        td { @if let Some(p) = e.parts.first() { (doc_link(p)) } }
                        td { @if let Some(p) = e.parts.first() { (num(p.published.clone().unwrap_or_default())) } }
                        td { @if let Some(p) = e.parts.first() { (match p.stance { Stance::Assert => lang.t("assert"), Stance::Deny => lang.t("deny") }) } }
                        td.sentence {
                            @for p in &e.parts { p { (sentence(p)) } }
                            @if !e.agrees_with.is_empty() {
                                p.agreeswith { small { (lang.t("agrees_with")) ": " (e.agrees_with.join("، ")) } }
                            }
                        }
                    }
                }
            }
        }
        @if hidden > 0 { p.more { "+" (num(hidden.to_string())) " " (lang.t("claims")) } }
    }
}

fn chart_class(m: Mark) -> &'static str {
    match m {
        Mark::Agrees => "m-agrees",
        Mark::Higher | Mark::Lower => "m-differs",
        Mark::Denies => "m-denies",
        Mark::None => "m-none",
    }
}

/// In the report, documents are named; the web UI links them (it overrides this with its own table).
fn doc_link(p: &ClaimView) -> Markup {
    html! { span title=(p.doc) { (p.outlet) } }
}

pub fn reasons(f: &Figure, lang: Lang) -> Markup {
    html! {
        ul.reasons {
            @for r in &f.reasons {
                li {
                    b { (lang.t(r.what)) } ": " (lang.term(&r.value)) " "
                    small { "(" (num(format!("{}/{}", r.count, r.of))) ")" }
                    @if !r.words.is_empty() { " — " span.words { (r.words.join("، ")) } }
                }
            }
            @if !f.user.is_empty() { li { b { (lang.t("user")) } ": " (f.user.join(", ")) } }
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
            div { dt { (lang.t("agree")) " / " (lang.t("contradict")) } dd { (num(format!("{} / {}", f.agree, f.contradict))) } }
        }
    }
}

/// The figure's body: stats, reasons, chart, claims, denials.
pub fn figure_body(f: &Figure, lang: Lang, select: Option<&str>, limit: usize) -> Markup {
    html! {
        (stats(f, lang))
        details.why open {
            summary { (lang.t("why")) }
            (reasons(f, lang))
        }
        (figure_chart(f, lang))
        (entries_table(&f.entries, lang, select, limit))
        @if !f.denials.is_empty() {
            h3 { (lang.t("denials")) }
            (entries_table(&f.denials, lang, None, limit))
        }
    }
}

/// The summary table of all figures; `href` makes each figure's link.
pub fn summary(l: &Ledger, lang: Lang, href: &dyn Fn(&Figure) -> String) -> Markup {
    html! {
        table.summary {
            thead { tr {
                th { "#" } th { (lang.t("figure")) } th { (lang.t("low")) } th { (lang.t("best")) } th { (lang.t("high")) }
                th { (lang.t("sources")) } th { (lang.t("claims")) } th { (lang.t("agree")) " / " (lang.t("contradict")) } th { (lang.t("denials")) }
            } }
            tbody {
                @for (i, f) in l.figures.iter().enumerate() {
                    tr {
                        td { (num((i + 1).to_string())) }
                        td { a href=(href(f)) { (title(f, lang)) } }
                        td { (opt_num(f.low)) } td.best { (opt_num(f.best)) } td { (opt_num(f.high)) }
                        td { (num(f.sources.to_string())) }
                        td { (num(f.entries.len().to_string())) }
                        td { (num(format!("{} / {}", f.agree, f.contradict))) }
                        td { (num(f.denials.len().to_string())) }
                    }
                }
            }
        }
    }
}

pub fn page(lang: Lang, title: &str, body: Markup) -> Markup {
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
            body { (body) }
        }
    }
}

/// The report: summary first, then up to `max_figures` figures in full.
pub fn report(l: &Ledger, max_figures: usize) -> String {
    let lang = Lang::from_code(l.lang);
    let shown = l.figures.len().min(max_figures);
    let body = html! {
        header {
            h1 { "isnad — " (lang.t("ledger")) }
            p.meta {
                (num(l.documents.to_string())) " " (lang.t("documents")) " · "
                (num(l.claims.to_string())) " " (lang.t("claims")) " · "
                (num(l.figures.len().to_string())) " " (lang.t("summary")) " · "
                (num(l.ungrouped.to_string())) " " (lang.t("ungrouped"))
            }
            p.meta.noprint { (lang.t("print")) }
        }
        section id="summary" {
            h2 { (lang.t("summary")) }
            (summary(l, lang, &|f| format!("#f-{}", f.id)))
        }
        section id="rule" {
            h2 { (lang.t("rule")) }
            p lang="en" dir="ltr" { (l.rule) }
        }
        @for f in l.figures.iter().take(shown) {
            section.figure id=(format!("f-{}", f.id)) {
                h2 { (title(f, lang)) " " small.id { "#" (f.id) } }
                (figure_body(f, lang, None, REPORT_ENTRIES))
            }
        }
        @if l.figures.len() > shown {
            p.more { (num((l.figures.len() - shown).to_string())) " " (lang.t("more")) }
        }
    };
    page(lang, &format!("isnad — {}", lang.t("ledger")), body).into_string()
}
