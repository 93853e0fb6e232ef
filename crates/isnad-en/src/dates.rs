//! English dates (spec §4): `12 October 2017`, `October 12, 2017`, `Oct. 12`,
//! `September 24`, `October 2017`, `mid-October`, `in 2013`, `2015-09-24`, `9/24/2015`,
//! `last month`, `this year`. A year left implicit is resolved from the publication
//! date (else a full date in the text), as the Arabic reader does.
//! Weekdays and `yesterday` are not date records: the spec asks for dates, and the
//! day a weekday names is the profile's business.

use super::lexicon::lexicon;
use super::token::{Toks, K};
use isnad_model::{DateMention, Ymd};

struct Found {
    first: usize,
    last: usize,
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    /// `last month` / `this year`: months or years from the reference.
    relative: Option<(i32, bool)>,
}

fn month_at(t: &Toks, i: usize) -> Option<(u8, usize)> {
    if !t.is_word(i) || !t.t[i].cap {
        return None;
    }
    let w = t.low(i);
    let lex = lexicon();
    if !lex.month_shapes.may_hold(w) {
        return None;
    }
    let m = *lex.months.get(w)?;
    // abbreviations take their period: `Aug.`
    let full = w.len() > 4 || matches!(w, "may" | "june" | "july");
    let last = if !full && t.sym(i + 1, '.') && t.glued(i) { i + 1 } else { i };
    // `May` and `March` are words too: a day or a year must stand beside them
    Some((m, last))
}

fn day_num(t: &Toks, i: usize) -> Option<(u8, usize)> {
    if !t.is_num(i) {
        return None;
    }
    let raw = t.raw(i);
    if raw.len() > 2 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u8 = raw.parse().ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    // `21st`
    let last = if t.glued(i) && matches!(t.low(i + 1), "st" | "nd" | "rd" | "th") { i + 1 } else { i };
    Some((d, last))
}

fn year_num(t: &Toks, i: usize) -> Option<i32> {
    if !t.is_num(i) {
        return None;
    }
    let raw = t.raw(i);
    if raw.len() != 4 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = raw.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// Whether a year standing alone at `i` is a year and not a count (`2000 people`).
fn bare_year(t: &Toks, i: usize) -> bool {
    let lex = lexicon();
    let j = i + 1;
    if t.glued(i) && (t.sym(j, '%') || t.is_word(j)) {
        return false;
    }
    if t.is_word(j) && (lex.counted.contains_key(t.low(j)) || lex.units.contains_key(t.low(j))) {
        return false;
    }
    if i > 0 {
        let p = t.low(i - 1);
        if matches!(
            p,
            "about" | "around" | "some" | "nearly" | "almost" | "roughly" | "than" | "least" | "estimated" | "up"
        ) {
            return false;
        }
        if t.sym(i - 1, '$') || t.sym(i - 1, '£') || t.sym(i - 1, '€') {
            return false;
        }
    }
    true
}

fn scan(t: &Toks, taken: &[bool]) -> Vec<Found> {
    let mut out = Vec::new();
    let month_shapes = &lexicon().month_shapes;
    // every token of the text passes here: walked as slices, not by index
    let mut next = 0;
    for (i, (tok, &was_taken)) in t.t.iter().zip(taken).enumerate() {
        if i < next || was_taken {
            continue;
        }
        // only digits, capitalised words (months) and the few words that open a date
        // (a capitalised word opens a date only as a month: [`month_at`] asks the shapes first)
        let worth = match tok.k {
            K::Num => true,
            K::Word => {
                matches!(t.low(i), "mid" | "early" | "late" | "last" | "this" | "next")
                    || tok.cap && month_shapes.may_hold(t.low(i))
            }
            _ => false,
        };
        if !worth {
            continue;
        }
        if let Some(f) = date_at(t, i) {
            next = f.last + 1;
            out.push(f);
        }
    }
    out
}

#[inline(never)]
fn date_at(t: &Toks, i: usize) -> Option<Found> {
    // `mid-October`, `early October`
    let mut lead = None;
    if matches!(t.low(i), "mid" | "early" | "late") && t.sym(i + 1, '-') && t.glued(i) {
        if let Some((m, ml)) = month_at(t, i + 2) {
            let year = year_num(t, ml + 1);
            let last = if year.is_some() { ml + 1 } else { ml };
            return Some(Found { first: i, last, year, month: Some(m), day: None, relative: None });
        }
    }
    if matches!(t.low(i), "mid" | "early" | "late") && !t.glued(i) {
        lead = Some(i);
    }
    let i0 = i;
    let i = if lead.is_some() { i + 1 } else { i };
    // `Month D[, YYYY]`, `Month YYYY`
    if let Some((m, ml)) = month_at(t, i) {
        if let Some((d, dl)) = day_num(t, ml + 1).filter(|_| t.same_line(ml + 1)) {
            let mut last = dl;
            let mut year = None;
            let k = if t.sym(dl + 1, ',') { dl + 2 } else { dl + 1 };
            if let Some(y) = year_num(t, k).filter(|_| t.same_line(k)) {
                year = Some(y);
                last = k;
            }
            return Some(Found { first: i0, last, year, month: Some(m), day: Some(d), relative: None });
        }
        if let Some(y) = year_num(t, ml + 1).filter(|_| t.same_line(ml + 1)) {
            return Some(Found { first: i0, last: ml + 1, year: Some(y), month: Some(m), day: None, relative: None });
        }
        // a month alone after `in`, `since`, `until`, `last`, `this`, `early`…
        let w = t.low(i0.wrapping_sub(1));
        if t.low(i) != "may"
            && t.low(i) != "march"
            && (lead.is_some()
                || matches!(
                    w,
                    "in" | "since" | "until" | "by" | "through" | "last" | "this" | "next" | "during" | "of"
                ))
            && t.low(i).len() > 3
        {
            // `last October`: the word before is part of the mention
            let first = if matches!(w, "last" | "next" | "this") { i0 - 1 } else { i0 };
            return Some(Found { first, last: ml, year: None, month: Some(m), day: None, relative: None });
        }
        return None;
    }
    // `D Month [YYYY]`, `21st of August`
    if let Some((d, dl)) = day_num(t, i) {
        let k = if t.low(dl + 1) == "of" { dl + 2 } else { dl + 1 };
        if let Some((m, ml)) = month_at(t, k).filter(|_| t.same_line(k)) {
            let mut last = ml;
            let mut year = None;
            if let Some(y) = year_num(t, ml + 1).filter(|_| t.same_line(ml + 1)) {
                year = Some(y);
                last = ml + 1;
            }
            return Some(Found { first: i0, last, year, month: Some(m), day: Some(d), relative: None });
        }
    }
    // figures: `2015-09-24`, `1995-01`, `9/24/2015`, `24/09/2015`
    if t.is_num(i) {
        let sep = |k: usize, c: char| t.sym(k, c) && t.glued(k - 1) && t.glued(k);
        if let Some(y) = year_num(t, i) {
            if sep(i + 1, '-') && t.is_num(i + 2) && t.raw(i + 2).len() == 2 {
                let m: u8 = t.raw(i + 2).parse().ok()?;
                if (1..=12).contains(&m) {
                    if sep(i + 3, '-') && t.is_num(i + 4) && t.raw(i + 4).len() == 2 {
                        let d: u8 = t.raw(i + 4).parse().ok()?;
                        return Some(Found {
                            first: i,
                            last: i + 4,
                            year: Some(y),
                            month: Some(m),
                            day: Some(d),
                            relative: None,
                        });
                    }
                    return Some(Found {
                        first: i,
                        last: i + 2,
                        year: Some(y),
                        month: Some(m),
                        day: None,
                        relative: None,
                    });
                }
            }
        }
        if t.raw(i).len() <= 2 && sep(i + 1, '/') && t.is_num(i + 2) && t.raw(i + 2).len() <= 2 && sep(i + 3, '/') {
            if let Some(y) = year_num(t, i + 4) {
                let a: u8 = t.raw(i).parse().ok()?;
                let b: u8 = t.raw(i + 2).parse().ok()?;
                // American order unless the first cannot be a month
                let (m, d) = if a > 12 { (b, a) } else { (a, b) };
                if (1..=12).contains(&m) && (1..=31).contains(&d) {
                    return Some(Found {
                        first: i,
                        last: i + 4,
                        year: Some(y),
                        month: Some(m),
                        day: Some(d),
                        relative: None,
                    });
                }
            }
        }
        if let Some(y) = year_num(t, i) {
            if bare_year(t, i) {
                return Some(Found { first: i, last: i, year: Some(y), month: None, day: None, relative: None });
            }
        }
    }
    // `last month`, `this year`, `last year`, `this month`
    if matches!(t.low(i), "last" | "this" | "next") && matches!(t.low(i + 1), "month" | "year") && t.same_line(i + 1) {
        // `last year's` and `this year` alike; `the last month of` is not a date
        if i > 0 && matches!(t.low(i - 1), "the" | "a" | "every" | "each" | "over" | "past") {
            return None;
        }
        let step = match t.low(i) {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        return Some(Found {
            first: i,
            last: i + 1,
            year: None,
            month: None,
            day: None,
            relative: Some((step, t.low(i + 1) == "month")),
        });
    }
    None
}

/// The reference for implicit years: the publication date, else the first full date
/// in the text's first lines (a dateline), else the latest full date it gives.
fn reference(found: &[Found], published: Option<Ymd>) -> Option<Ymd> {
    if published.is_some() {
        return published;
    }
    found.iter().filter_map(|f| Some(Ymd { year: f.year?, month: f.month?, day: f.day.unwrap_or(1) })).max()
}

fn resolve_year(month: u8, day: Option<u8>, r: Ymd) -> i32 {
    // the nearest such month, reading up to a week ahead as the near future
    let ahead = (month as i32 - r.month as i32) * 31 + (day.unwrap_or(1) as i32 - r.day as i32);
    if ahead > 7 + 31 * 2 {
        r.year - 1
    } else if ahead < -31 * 9 {
        r.year + 1
    } else if ahead > 7 && month > r.month {
        r.year - 1
    } else {
        r.year
    }
}

/// Every date in the text, marking their tokens as taken.
pub fn find(t: &Toks, taken: &mut [bool], published: Option<Ymd>) -> Vec<DateMention> {
    let found = scan(t, taken);
    let r = reference(&found, published);
    let mut out = Vec::with_capacity(found.len());
    for f in &found {
        for x in &mut taken[f.first..=f.last] {
            *x = true;
        }
        let date = match (f.relative, f.year, f.month, f.day) {
            (Some((step, true)), ..) => r.map(|r| {
                let m0 = r.year * 12 + r.month as i32 - 1 + step;
                format!("{:04}-{:02}", m0.div_euclid(12), m0.rem_euclid(12) + 1)
            }),
            (Some((step, false)), ..) => r.map(|r| format!("{:04}", r.year + step)),
            (None, Some(y), Some(m), Some(d)) => Some(format!("{y:04}-{m:02}-{d:02}")),
            (None, Some(y), Some(m), None) => Some(format!("{y:04}-{m:02}")),
            (None, Some(y), None, _) => Some(format!("{y:04}")),
            (None, None, Some(m), d) => r.map(|r| {
                let y = resolve_year(m, d, r);
                match d {
                    Some(d) => format!("{y:04}-{m:02}-{d:02}"),
                    None => format!("{y:04}-{m:02}"),
                }
            }),
            _ => None,
        };
        let (s, e) = (t.start(f.first), t.end(f.last));
        out.push(DateMention { start: s, end: e, text: t.text[s..e].to_string(), date, month: f.month, day: f.day });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(s: &str, p: Option<&str>) -> Vec<(String, Option<String>)> {
        let mut lower = String::new();
        let t = Toks::new(s, &mut lower);
        let mut taken = vec![false; t.len()];
        find(&t, &mut taken, p.and_then(Ymd::parse)).into_iter().map(|d| (d.text, d.date)).collect()
    }

    #[test]
    fn dates_read() {
        let p = Some("2015-10-08");
        assert_eq!(dates("killed September 24 in Mina", p), vec![("September 24".into(), Some("2015-09-24".into()))]);
        assert_eq!(dates("on Aug. 21 that", Some("2013-09-04")), vec![("Aug. 21".into(), Some("2013-08-21".into()))]);
        assert_eq!(dates("October 9, 2015", None), vec![("October 9, 2015".into(), Some("2015-10-09".into()))]);
        assert_eq!(dates("12 October 2017", None)[0].1.as_deref(), Some("2017-10-12"));
        assert_eq!(dates("since 2012", None)[0].1.as_deref(), Some("2012"));
        assert_eq!(dates("stampede last month", p)[0].1.as_deref(), Some("2015-09"));
        assert_eq!(dates("pilgrimage this year", p)[0].1.as_deref(), Some("2015"));
        assert_eq!(dates("in mid-October", p)[0].1.as_deref(), Some("2015-10"));
        assert_eq!(dates("on 9/24/2015", None)[0].1.as_deref(), Some("2015-09-24"));
        // a December date in a January report is last year's
        assert_eq!(dates("on December 28", Some("2016-01-03"))[0].1.as_deref(), Some("2015-12-28"));
    }

    #[test]
    fn not_dates() {
        assert!(dates("2000 people fled", None).is_empty());
        assert!(dates("You may 5 times", None).is_empty());
        assert!(dates("The answer is may", None).is_empty());
        assert_eq!(dates("on Aug. 21", None)[0].1, None);
    }
}
