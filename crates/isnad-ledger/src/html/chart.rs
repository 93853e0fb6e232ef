//! One inline SVG per figure: a row per entry on a logarithmic axis (figures from
//! "a few dozen" to "about 4,000" must all be readable), a dot for a value, a bar for
//! a range or vague wording, a hollow dot with a dashed tail for "at least" (and "at
//! most"), a cross for a denial; the low–high band shaded and the best value ruled.
//! Drawn left to right whatever the page direction, as number lines are.

use super::fmt_num;
use super::i18n::Lang;
use crate::figure::{Entry, Figure, Mark};
use isnad_model::Qualifier;
use maud::{html, Markup};

const W: f64 = 720.0;
const LABEL: f64 = 200.0;
const PAD: f64 = 16.0;
const ROW: f64 = 22.0;
const AXIS: f64 = 28.0;

struct Scale {
    lo: f64,
    hi: f64,
}

impl Scale {
    fn of(f: &Figure) -> Option<Scale> {
        let vals: Vec<f64> = f
            .entries
            .iter()
            .chain(&f.denials)
            .flat_map(|e| [e.lo, e.hi, e.point])
            .flatten()
            .filter(|v| v.is_finite() && *v > 0.0)
            .collect();
        let min = vals.iter().copied().fold(f64::INFINITY, f64::min);
        let max = vals.iter().copied().fold(0.0, f64::max);
        if !min.is_finite() || max <= 0.0 {
            return None;
        }
        let lo = 10f64.powf(min.log10().floor());
        let mut hi = 10f64.powf(max.log10().ceil());
        if hi <= lo {
            hi = lo * 10.0;
        }
        Some(Scale { lo, hi })
    }
    fn x(&self, v: f64) -> f64 {
        let v = v.clamp(self.lo, self.hi);
        let t = (v.log10() - self.lo.log10()) / (self.hi.log10() - self.lo.log10());
        LABEL + PAD + t * (W - LABEL - 2.0 * PAD)
    }
    fn ticks(&self) -> Vec<f64> {
        let decades = (self.hi.log10() - self.lo.log10()).round() as i32;
        let mut out = Vec::new();
        let mut d = self.lo;
        for _ in 0..=decades.clamp(0, 12) {
            out.push(d);
            if decades <= 2 {
                for m in [2.0, 5.0] {
                    if d * m < self.hi {
                        out.push(d * m);
                    }
                }
            }
            d *= 10.0;
        }
        out
    }
}

fn class(m: Mark) -> &'static str {
    match m {
        Mark::Agrees => "m-agrees",
        Mark::Higher | Mark::Lower => "m-differs",
        Mark::Denies => "m-denies",
        Mark::None => "m-none",
    }
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut c: String = s.chars().take(n - 1).collect();
    c.push('…');
    c
}

fn mark(s: &Scale, e: &Entry, y: f64, lang: Lang) -> Markup {
    let c = class(e.mark);
    let title = format!(
        "{} — {}",
        super::value_text(e.lo, e.hi, e.qualifier),
        e.source
    );
    let left = LABEL + PAD;
    let right = W - PAD;
    html! {
        g class=(c) {
            title { (title) }
            @if e.mark == Mark::Denies {
                @if let Some(v) = e.point.or(e.lo).or(e.hi) {
                    @let x = s.x(v);
                    line x1=(x - 5.0) y1=(y - 5.0) x2=(x + 5.0) y2=(y + 5.0) class="cross" {}
                    line x1=(x - 5.0) y1=(y + 5.0) x2=(x + 5.0) y2=(y - 5.0) class="cross" {}
                    @if e.qualifier == Qualifier::AtLeast {
                        line x1=(x + 6.0) y1=(y) x2=(right) y2=(y) class="tail" {}
                    }
                }
            } @else {
                @match (e.qualifier, e.lo, e.hi) {
                    (Qualifier::AtLeast, Some(v), _) => {
                        line x1=(s.x(v)) y1=(y) x2=(right) y2=(y) class="tail" {}
                        circle cx=(s.x(v)) cy=(y) r="5" class="hollow" {}
                    }
                    (Qualifier::AtMost, _, Some(v)) => {
                        line x1=(left) y1=(y) x2=(s.x(v)) y2=(y) class="tail" {}
                        circle cx=(s.x(v)) cy=(y) r="5" class="hollow" {}
                    }
                    (Qualifier::Range | Qualifier::Vague, Some(a), Some(b)) => {
                        @let (x1, x2) = (s.x(a), s.x(b));
                        rect x=(x1) y=(y - 4.0) width=((x2 - x1).max(2.0)) height="8" rx="3"
                            class=(if e.qualifier == Qualifier::Vague { "bar vague" } else { "bar" }) {}
                    }
                    (_, Some(v), _) => {
                        @if e.qualifier == Qualifier::Approx {
                            line x1=(s.x(v * 0.9)) y1=(y) x2=(s.x(v * 1.1)) y2=(y) class="whisker" {}
                        }
                        circle cx=(s.x(v)) cy=(y) r="5" class="dot" {}
                    }
                    _ => {}
                }
            }
            @if e.repeat {
                text x=(right + 2.0) y=(y + 4.0) class="rep" { "↻" }
            }
        }
        @let _ = lang;
    }
}

/// Most rows drawn; a figure with more sources says how many are left out.
pub const MAX_ROWS: usize = 40;

/// One row per independent source (its claims side by side on the row), denials after.
fn rows(f: &Figure) -> Vec<Vec<&Entry>> {
    let mut out: Vec<(String, bool, Vec<&Entry>)> = Vec::new();
    for (deny, list) in [(false, &f.entries), (true, &f.denials)] {
        for e in list.iter() {
            match out.iter_mut().find(|r| r.0 == e.source_id && r.1 == deny) {
                Some(r) => r.2.push(e),
                None => out.push((e.source_id.clone(), deny, vec![e])),
            }
        }
    }
    out.into_iter().map(|r| r.2).collect()
}

pub fn figure_chart(f: &Figure, lang: Lang) -> Markup {
    let Some(s) = Scale::of(f) else {
        return html! {};
    };
    let all = rows(f);
    let hidden = all.len().saturating_sub(MAX_ROWS);
    let rows: Vec<Vec<&Entry>> = all.into_iter().take(MAX_ROWS).collect();
    let h = rows.len() as f64 * ROW + AXIS + 10.0;
    let top = 8.0;
    let bottom = top + rows.len() as f64 * ROW;
    let label = format!(
        "{}: {} {} – {}",
        lang.t("figure"),
        f.name.clone().unwrap_or_else(|| super::auto_title(f, lang)),
        f.low.map(fmt_num).unwrap_or_default(),
        f.high.map(fmt_num).unwrap_or_default()
    );
    html! {
        svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {W} {h}")) width=(W) height=(h)
            direction="ltr" role="img" aria-label=(label) {
            @if let (Some(a), Some(b)) = (f.low, f.high) {
                @let (x1, x2) = (s.x(a), s.x(b));
                rect x=(x1) y=(top - 4.0) width=((x2 - x1).max(1.0)) height=(bottom - top + 4.0) class="band" {}
            }
            @for t in s.ticks() {
                line x1=(s.x(t)) y1=(top - 4.0) x2=(s.x(t)) y2=(bottom + 4.0) class="grid" {}
                text x=(s.x(t)) y=(bottom + 18.0) text-anchor="middle" class="tick" { (fmt_num(t)) }
            }
            @if let Some(b) = f.best {
                line x1=(s.x(b)) y1=(top - 6.0) x2=(s.x(b)) y2=(bottom + 6.0) class="best" {}
            }
            @for (i, row) in rows.iter().enumerate() {
                @let y = top + ROW * (i as f64 + 0.5);
                @if let Some(e) = row.first() {
                    text x=(LABEL - 6.0) y=(y + 4.0) text-anchor="end" class="lbl" { (clip(&e.source, 30)) }
                }
                @for e in row { (mark(&s, e, y, lang)) }
            }
        }
        @if hidden > 0 { p.more { "+" (super::num(hidden.to_string())) " " (lang.t("sources")) } }
    }
}
