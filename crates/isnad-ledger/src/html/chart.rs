//! One chart per figure: a row per independent source on a number line (logarithmic
//! when the values span more than a factor of five, so that "a few dozen" and "about
//! 4,000" are both readable; linear otherwise), a dot for a value (whisker ±10% for
//! "about"), a bar for a range (pale for vague wording), a hollow dot with a dashed
//! tail for "at least" (and "at most"), a cross for a denial; the low–high band
//! shaded and the best value ruled; every mark with its value printed beside it.
//!
//! Two drawings of the same chart: a wide one (labels beside the rows) and a narrow one
//! for phones (labels above the rows), so that text is never shrunk below its size;
//! CSS shows one. Both scale with their box (`viewBox`, no fixed width). Each mark is
//! focusable: focus or a tap shows its source, value and date in the line under the
//! axis (no mouse needed), and its `<title>` gives the same to screen readers. A
//! legend in HTML explains colours and shapes; the axis has a title and says when it is
//! logarithmic. Drawn left to right whatever the page direction, as number lines are.

use super::fmt_num;
use super::i18n::Lang;
use crate::figure::{Entry, Figure, Mark};
use isnad_model::Qualifier;
use maud::{html, Markup};

/// Geometry of one drawing.
#[derive(Clone, Copy)]
struct Layout {
    w: f64,
    /// Width of the label column (0: labels above the rows).
    label: f64,
    pad_l: f64,
    pad_r: f64,
    row: f64,
    class: &'static str,
}

const WIDE: Layout = Layout { w: 760.0, label: 200.0, pad_l: 28.0, pad_r: 44.0, row: 32.0, class: "chart wide" };
const NARROW: Layout = Layout { w: 360.0, label: 0.0, pad_l: 22.0, pad_r: 30.0, row: 46.0, class: "chart narrow" };

struct Scale {
    lo: f64,
    hi: f64,
    log: bool,
    left: f64,
    right: f64,
}

/// Values a figure draws, positive and finite.
fn values(f: &Figure) -> Vec<f64> {
    f.entries
        .iter()
        .chain(&f.denials)
        .flat_map(|e| [e.lo, e.hi, e.point])
        .chain([f.low, f.high, f.best])
        .flatten()
        .filter(|v| v.is_finite() && *v > 0.0)
        .collect()
}

/// Whether a figure's axis is logarithmic: its values span more than a factor of five.
pub fn is_log(f: &Figure) -> bool {
    let v = values(f);
    let min = v.iter().copied().fold(f64::INFINITY, f64::min);
    let max = v.iter().copied().fold(0.0, f64::max);
    min.is_finite() && max / min > 5.0
}

fn nice_step(span: f64) -> f64 {
    let raw = span / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let n = raw / mag;
    let m = if n <= 1.0 {
        1.0
    } else if n <= 2.0 {
        2.0
    } else if n <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

impl Scale {
    fn of(f: &Figure, l: Layout) -> Option<Scale> {
        let vals = values(f);
        let min = vals.iter().copied().fold(f64::INFINITY, f64::min);
        let max = vals.iter().copied().fold(0.0, f64::max);
        if !min.is_finite() || max <= 0.0 {
            return None;
        }
        let left = l.label + l.pad_l;
        let right = l.w - l.pad_r;
        if is_log(f) {
            let lo = 10f64.powf(min.log10().floor());
            let mut hi = 10f64.powf(max.log10().ceil());
            if hi <= lo {
                hi = lo * 10.0;
            }
            Some(Scale { lo, hi, log: true, left, right })
        } else {
            let step = nice_step((max - 0.0).max(1.0));
            let hi = ((max * 1.1) / step).ceil() * step;
            Some(Scale { lo: 0.0, hi: hi.max(step), log: false, left, right })
        }
    }
    fn x(&self, v: f64) -> f64 {
        let t = if self.log {
            let v = v.clamp(self.lo, self.hi);
            (v.log10() - self.lo.log10()) / (self.hi.log10() - self.lo.log10())
        } else {
            (v.clamp(self.lo, self.hi) - self.lo) / (self.hi - self.lo)
        };
        self.left + t * (self.right - self.left)
    }
    fn ticks(&self, narrow: bool) -> Vec<f64> {
        let mut out = Vec::new();
        if self.log {
            let decades = (self.hi.log10() - self.lo.log10()).round() as i32;
            let mut d = self.lo;
            for _ in 0..=decades.clamp(0, 12) {
                out.push(d);
                if decades <= if narrow { 1 } else { 2 } {
                    for m in [2.0, 5.0] {
                        if d * m < self.hi {
                            out.push(d * m);
                        }
                    }
                }
                d *= 10.0;
            }
            // On a phone, a long axis keeps every other decade.
            if narrow && out.len() > 5 {
                let last = *out.last().unwrap_or(&self.hi);
                out = out.into_iter().step_by(2).collect();
                if out.last() != Some(&last) {
                    out.push(last);
                }
            }
        } else {
            let step = nice_step(self.hi - self.lo) * if narrow { 2.0 } else { 1.0 };
            let mut t = self.lo;
            while t <= self.hi + step * 1e-6 && out.len() < 20 {
                out.push(t);
                t += step;
            }
        }
        out
    }
}

/// The CSS class of a mark, in the chart and the claims table alike.
pub(super) fn class(m: Mark) -> &'static str {
    match m {
        Mark::Agrees => "m-agrees",
        Mark::Higher | Mark::Lower => "m-differs",
        Mark::Denies => "m-denies",
        Mark::Projection => "m-projection",
        Mark::None => "m-none",
    }
}

/// How many characters of a row label fit in `width` px: a wide letter of the label font
/// takes about 7 px (32 characters, the old cut, ran 15 px past a printed chart's edge).
fn fits(width: f64) -> usize {
    (width / 7.0).max(4.0) as usize
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut c: String = s.chars().take(n.saturating_sub(1)).collect();
    c.push('…');
    c
}

/// Text anchor and x for a label at `x` that must stay inside `[a, b]`.
fn anchored(x: f64, a: f64, b: f64, half: f64) -> (&'static str, f64) {
    if x - half < a {
        ("start", a.max(x - 4.0))
    } else if x + half > b {
        ("end", b.min(x + 4.0))
    } else {
        ("middle", x)
    }
}

fn detail(e: &Entry, lang: Lang) -> String {
    let p = e.parts.first();
    let date = p.and_then(|p| p.published.clone()).unwrap_or_default();
    let verb = match e.mark {
        Mark::Denies => lang.t("say_deny"),
        Mark::Projection => lang.t("say_may_reach"),
        _ => lang.t("says"),
    };
    let mut s = format!("{} {} {}", e.source, verb, super::value_text(e.lo, e.hi, e.qualifier));
    if let Some(p) = p {
        if p.outlet != e.source {
            s.push_str(&format!(" — {}", p.outlet));
        }
    }
    if !date.is_empty() {
        s.push_str(&format!(" · {date}"));
    }
    s
}

fn mark(s: &Scale, l: Layout, e: &Entry, y: f64, detail_y: f64, lang: Lang) -> Markup {
    let c = class(e.mark);
    let d = detail(e, lang);
    let value = super::value_text(e.lo, e.hi, e.qualifier);
    let (left, right) = (s.left, s.right);
    // Where the value is printed: above the mark (tails and bars run along the row).
    let at = match (e.qualifier, e.lo, e.hi) {
        (Qualifier::Range | Qualifier::Vague, Some(a), Some(b)) => (s.x(a) + s.x(b)) / 2.0,
        (Qualifier::AtMost, _, Some(b)) => s.x(b),
        _ => e.point.or(e.lo).or(e.hi).map(|v| s.x(v)).unwrap_or(left),
    };
    let half = value.chars().count() as f64 * 3.4;
    let (anchor, vx) = anchored(at, left - l.pad_l + 2.0, right + l.pad_r - 2.0, half);
    html! {
        g class=(format!("mk {c}")) tabindex="0" role="img" aria-label=(d) {
            title { (d) }
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
                        line x1=(s.x(v) + 5.0) y1=(y) x2=(right) y2=(y) class="tail" {}
                        circle cx=(s.x(v)) cy=(y) r="5" class="hollow" {}
                    }
                    (Qualifier::AtMost, _, Some(v)) => {
                        line x1=(left) y1=(y) x2=(s.x(v) - 5.0) y2=(y) class="tail" {}
                        circle cx=(s.x(v)) cy=(y) r="5" class="hollow" {}
                    }
                    (Qualifier::Range | Qualifier::Vague, Some(a), Some(b)) => {
                        @let (x1, x2) = (s.x(a), s.x(b));
                        rect x=(x1) y=(y - 4.0) width=((x2 - x1).max(3.0)) height="8" rx="3"
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
            text x=(vx) y=(y - 8.0) text-anchor=(anchor) class="val" { (value) }
            @if e.repeat {
                text x=(right + 6.0) y=(y + 4.0) class="rep" { "↻" }
            }
            // Shown while the mark has focus or the pointer: its source, value and date.
            text x=(l.w / 2.0) y=(detail_y) text-anchor="middle" class="detail" translate="no" { (clip(&d, if l.label > 0.0 { 110 } else { 56 })) }
        }
    }
}

/// Most rows drawn; a figure with more sources says how many are left out.
pub const MAX_ROWS: usize = 30;

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
    // A source that gave the same value many times is drawn once per distinct value,
    // at most MAX_MARKS a row (its claims are all in the table).
    out.into_iter()
        .map(|r| {
            let mut seen: Vec<(String, Mark)> = Vec::new();
            r.2.into_iter()
                .filter(|e| {
                    let k = (super::value_text(e.lo, e.hi, e.qualifier), e.mark);
                    if seen.contains(&k) || seen.len() >= MAX_MARKS {
                        return false;
                    }
                    seen.push(k);
                    true
                })
                .collect()
        })
        .collect()
}

/// Most marks drawn on one source's row.
pub const MAX_MARKS: usize = 3;

/// The axis title (what is counted, in what unit) and the scale note, on two lines.
fn axis_title(f: &Figure, s: &Scale, lang: Lang) -> (String, &'static str) {
    let unit = f.unit.as_deref().map(|u| format!(" ({})", lang.term(u))).unwrap_or_default();
    let what = f.class.as_deref().map(|c| format!(" · {}", lang.term(c))).unwrap_or_default();
    let scale = if s.log { lang.t("axis_log") } else { lang.t("axis_lin") };
    (format!("{}{what}{unit}", lang.t("axis")), scale)
}

fn drawing(f: &Figure, rows: &[Vec<&Entry>], l: Layout, lang: Lang) -> Markup {
    let Some(s) = Scale::of(f, l) else { return html! {} };
    let top = 14.0 + if l.label == 0.0 { 14.0 } else { 0.0 };
    let bottom = top + rows.len() as f64 * l.row;
    let tick_y = bottom + 16.0;
    let title_y = bottom + 33.0;
    let detail_y = bottom + 66.0;
    let h = bottom + 72.0;
    let (axis, scale_note) = axis_title(f, &s, lang);
    let narrow = l.label == 0.0;
    let ticks = s.ticks(narrow);
    let label = format!(
        "{}: {} — {} {}, {} {}, {} {}",
        lang.t("figure"),
        super::title(f, lang),
        lang.t("low"),
        f.low.map(fmt_num).unwrap_or_default(),
        lang.t("best"),
        f.best.map(fmt_num).unwrap_or_default(),
        lang.t("high"),
        f.high.map(fmt_num).unwrap_or_default()
    );
    let rtl = lang == Lang::Ar;
    html! {
        svg class=(l.class) xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {} {h}", l.w))
            preserveAspectRatio="xMidYMin meet" direction="ltr" role="group" aria-label=(label) {
            @if let (Some(a), Some(b)) = (f.low, f.high) {
                @let (x1, x2) = (s.x(a), s.x(b));
                rect x=(x1) y=(top - 4.0) width=((x2 - x1).max(1.0)) height=(bottom - top + 4.0) class="band" {}
            }
            @for (k, t) in ticks.iter().enumerate() {
                @let x = s.x(*t);
                @let txt = fmt_num(*t);
                @let (anchor, tx) = if k + 1 == ticks.len() && x + txt.len() as f64 * 3.5 > l.w - 2.0 {
                    ("end", l.w - 2.0)
                } else if k == 0 && x - txt.len() as f64 * 3.5 < 2.0 { ("start", 2.0) } else { ("middle", x) };
                line x1=(x) y1=(top - 4.0) x2=(x) y2=(bottom + 4.0) class="grid" {}
                text x=(tx) y=(tick_y) text-anchor=(anchor) class="tick" { (txt) }
            }
            @if let Some(b) = f.best {
                line x1=(s.x(b)) y1=(top - 8.0) x2=(s.x(b)) y2=(bottom + 4.0) class="best" {}
            }
            text x=(s.left + (s.right - s.left) / 2.0) y=(title_y) text-anchor="middle" class="axis-title" { (axis) }
            text x=(s.left + (s.right - s.left) / 2.0) y=(title_y + 14.0) text-anchor="middle" class="axis-note" { (scale_note) }
            @for (i, row) in rows.iter().enumerate() {
                @let y = top + l.row * (i as f64 + if narrow { 0.62 } else { 0.55 });
                @if let Some(e) = row.first() {
                    @if narrow {
                        @let (anchor, x) = if rtl { ("end", l.w - 4.0) } else { ("start", 4.0) };
                        text x=(x) y=(y - 20.0) text-anchor=(anchor) class="lbl" translate="no" { (clip(&e.source, 48)) }
                    } @else {
                        text x=(l.label - 6.0) y=(y + 4.0) text-anchor="end" class="lbl" translate="no" { title { (e.source) } (clip(&e.source, fits(l.label - 6.0))) }
                    }
                }
                @for e in row { (mark(&s, l, e, y, detail_y, lang)) }
            }
        }
    }
}

/// What the legend shows: the shapes this figure uses, always the band and the best line.
fn legend(f: &Figure, lang: Lang) -> Markup {
    let all: Vec<&Entry> = f.entries.iter().chain(&f.denials).collect();
    let has = |p: &dyn Fn(&Entry) -> bool| all.iter().any(|e| p(e));
    let sw = |inner: Markup| html! { svg.sw xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 14" width="28" height="14" aria-hidden="true" { (inner) } };
    html! {
        figcaption.legend {
            span.lg-title { (lang.t("legend")) ": " }
            ul {
                li { (sw(html! { circle cx="14" cy="7" r="5" class="dot g" {} })) (lang.t("lg_agrees")) }
                li { (sw(html! { circle cx="14" cy="7" r="5" class="dot o" {} })) (lang.t("lg_differs")) }
                @if has(&|e| e.mark == Mark::Projection) { li { (sw(html! { circle cx="14" cy="7" r="4" class="hollow p" {} })) (lang.t("lg_projection")) } }
                @if has(&|e| e.mark == Mark::None) { li { (sw(html! { circle cx="14" cy="7" r="5" class="dot n" {} })) (lang.t("lg_none")) } }
                @if has(&|e| e.qualifier == Qualifier::Range) { li { (sw(html! { rect x="3" y="3" width="22" height="8" rx="3" class="bar n" {} })) (lang.t("lg_range")) } }
                @if has(&|e| e.qualifier == Qualifier::Vague) { li { (sw(html! { rect x="3" y="3" width="22" height="8" rx="3" class="bar vague n" {} })) (lang.t("lg_vague")) } }
                @if has(&|e| matches!(e.qualifier, Qualifier::AtLeast | Qualifier::AtMost)) {
                    li { (sw(html! { line x1="10" y1="7" x2="27" y2="7" class="tail n" {} circle cx="6" cy="7" r="4" class="hollow n" {} })) (lang.t("lg_atleast")) }
                }
                @if has(&|e| e.qualifier == Qualifier::Approx) {
                    li { (sw(html! { line x1="4" y1="7" x2="24" y2="7" class="whisker n" {} circle cx="14" cy="7" r="4" class="dot n" {} })) (lang.t("lg_about")) }
                }
                @if !f.denials.is_empty() {
                    li { (sw(html! { line x1="9" y1="2" x2="19" y2="12" class="cross" {} line x1="9" y1="12" x2="19" y2="2" class="cross" {} })) (lang.t("lg_deny")) }
                }
                li { (sw(html! { rect x="1" y="1" width="26" height="12" class="band" {} })) (lang.t("lg_band")) }
                li { (sw(html! { line x1="14" y1="0" x2="14" y2="14" class="best" {} })) (lang.t("lg_best")) }
                @if has(&|e| e.repeat) { li { span.sw-t { "↻" } (lang.t("repeat")) } }
            }
        }
    }
}

pub fn figure_chart(f: &Figure, lang: Lang) -> Markup {
    if Scale::of(f, WIDE).is_none() {
        return html! {};
    }
    let all = rows(f);
    let hidden = all.len().saturating_sub(MAX_ROWS);
    let rows: Vec<Vec<&Entry>> = all.into_iter().take(MAX_ROWS).collect();
    html! {
        figure.chart {
            (drawing(f, &rows, WIDE, lang))
            (drawing(f, &rows, NARROW, lang))
            (legend(f, lang))
            p.hint.noprint { (lang.t("focus_hint")) }
            @if hidden > 0 { p.more { "+" (super::num(hidden.to_string())) " " (lang.t("chart_more")) } }
        }
    }
}
