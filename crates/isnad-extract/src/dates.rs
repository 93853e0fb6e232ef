//! Dates: day, month (both month-name systems, also paired: أكتوبر/تشرين الأول), year in
//! digits or words, ordinal days (السادس من يونيو), parts of a month (أواخر أغسطس), years
//! after عام/منذ, and numeric dates. Years the text leaves implicit (الماضي, or none at all)
//! are resolved from the publication date, else from a dateline near the top, else from the
//! latest fully written date in the document.

use isnad_model::DateMention;
use isnad_text::{Analyzed, TokKind};

use crate::lexicon::{lexicon, DateRole, Lexicon, NumClass, TRIGGER_MONTH};
use crate::numbers::parse_at;
use crate::Ymd;

#[derive(Debug, Clone)]
struct Found {
    first: usize,
    last: usize,
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    relative: Option<i32>,
    /// `من العام الماضي` (-1), `من العام الجاري` (0): the year is the reference year's
    /// plus this, whatever the month.
    year_offset: Option<i32>,
}

/// A month name at token `i`: (month, last token, ambiguous).
fn month_at(a: &Analyzed<'_>, lex: &Lexicon, i: usize) -> Option<(u8, usize, bool)> {
    if a.tokens.get(i)?.kind != TokKind::Word {
        return None;
    }
    let w = a.norm(i);
    let stems = [
        w,
        w.strip_prefix('و').unwrap_or(w),
        w.strip_prefix('ب').unwrap_or(w),
        w.strip_prefix('ل').unwrap_or(w),
        w.strip_prefix("في").unwrap_or(w),
    ];
    if a.tokens.get(i + 1).is_some_and(|t| t.kind == TokKind::Word && t.newlines_before == 0) {
        for s in stems {
            if let Some(&(m, amb)) = lex.months.get(&format!("{s} {}", a.norm(i + 1))) {
                return Some((m, i + 1, amb));
            }
        }
    }
    stems.iter().find_map(|s| lex.months.get(*s)).map(|&(m, amb)| (m, i, amb))
}

fn day_number(a: &Analyzed<'_>, i: usize) -> Option<u8> {
    let t = a.tokens.get(i)?;
    if t.kind != TokKind::Number {
        return None;
    }
    a.norm(i).parse::<u8>().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(a: &Analyzed<'_>, i: usize) -> Option<i32> {
    let t = a.tokens.get(i)?;
    if t.kind != TokKind::Number || a.norm(i).len() != 4 {
        return None;
    }
    a.norm(i).parse::<i32>().ok().filter(|y| (1800..=2100).contains(y))
}

/// An ordinal day ending at token `end` (السادس، الحادي عشر، الحادي والعشرين): (first token, day).
fn ordinal_day_before(a: &Analyzed<'_>, lex: &Lexicon, end: usize) -> Option<(usize, u8)> {
    let ord = |i: usize| -> Option<u8> {
        if a.tokens.get(i)?.kind != TokKind::Word {
            return None;
        }
        let w = a.norm(i);
        let s = w.strip_prefix("ال").or_else(|| w.strip_prefix("في ال"))?;
        lex.ordinals.get(s).copied()
    };
    if let Some(d) = ord(end) {
        return Some((end, d));
    }
    // الحادي عشر / الثاني والعشرين / العشرين
    let w = a.norm(end);
    // the ten of a teen ordinal has no article (الخامس عشر)
    if matches!(w, "عشر" | "عشره") && end >= 1 {
        if let Some(d) = ord(end - 1) {
            if d < 10 {
                return Some((end - 1, 10 + d));
            }
        }
    }
    let stem = w.strip_prefix("وال").or_else(|| w.strip_prefix("ال"))?;
    let ten = match lex.numbers.get(stem) {
        Some(n) if n.class == NumClass::Ten => n.value as u8,
        Some(n) if n.class == NumClass::Unit && n.value == 10.0 => 10,
        _ => return None,
    };
    if end >= 1 {
        if let Some(d) = ord(end - 1) {
            if ten + d <= 31 {
                return Some((end - 1, ten + d));
            }
        }
    }
    (ten <= 31 && w.starts_with("ال")).then_some((end, ten))
}

fn find_all(a: &Analyzed<'_>, lex: &Lexicon, triggers: &[u8]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let n = a.tokens.len();
    let mut i = 0;
    while i < n {
        let t = a.tokens[i];
        let bits = triggers[i];
        if t.kind == TokKind::Number {
            if let Some(f) = numeric_date(a, i) {
                i = f.last + 1;
                out.push(f);
                continue;
            }
            // في 2015، خلال 2016: a bare year after a preposition, when no noun follows
            // that it could be counting (في 2000 منزل)
            if let Some(y) = year_number(a, i) {
                let prep = i >= 1
                    && a.tokens[i - 1].kind == TokKind::Word
                    && matches!(
                        lex.strip(&lex.date_words, a.norm(i - 1)).map(|(_, r)| r),
                        Some(DateRole::YearPrep | DateRole::YearHead)
                    );
                let noun_after = a.tokens.get(i + 1).is_some_and(|n| n.kind == TokKind::Word && n.newlines_before == 0)
                    && lex.strip(&lex.nouns, a.norm(i + 1)).is_some();
                if prep && !noun_after {
                    out.push(Found {
                        first: i,
                        last: i,
                        year: Some(y),
                        month: None,
                        day: None,
                        relative: None,
                        year_offset: None,
                    });
                    i += 1;
                    continue;
                }
            }
        }
        if bits == 0 {
            i += 1;
            continue;
        }
        // ask the trigger bits first: month_at builds two-word keys
        if let Some((m, mut last, amb)) = (bits & TRIGGER_MONTH != 0).then(|| month_at(a, lex, i)).flatten() {
            let mut f =
                Found { first: i, last, year: None, month: Some(m), day: None, relative: None, year_offset: None };
            let mut paired = false;
            // أكتوبر/تشرين الأول، أكتوبر / تشرين الأول، (تشرين الأول)
            let mut k = last + 1;
            if k < n && (a.is_punct(k, "/") || a.is_punct(k, "(") || a.is_punct(k, "-")) {
                if let Some((_, l2, _)) = month_at(a, lex, k + 1) {
                    last = l2;
                    if a.is_punct(l2 + 1, ")") {
                        last = l2 + 1;
                    }
                    paired = true;
                }
            }
            k = last + 1;
            // 12 يناير من عام 2016، أكتوبر من العام 2017، مايو عام 2020: the year behind
            // من and a year word
            let year_word = |k: usize| {
                k < n
                    && a.tokens[k].kind == TokKind::Word
                    && a.tokens[k].newlines_before == 0
                    && matches!(lex.date_words.get(a.norm(k)), Some(DateRole::YearHead))
                    && a.norm(k) != "منذ"
            };
            if k + 1 < n && a.norm(k) == "من" && a.tokens[k].newlines_before == 0 && year_word(k + 1) {
                if year_number(a, k + 2).is_some_and(|_| a.tokens[k + 2].newlines_before == 0) {
                    k += 2;
                }
            } else if year_word(k) && year_number(a, k + 1).is_some_and(|_| a.tokens[k + 1].newlines_before == 0) {
                k += 1;
            }
            // أكتوبر من العام الماضي: October of last year (not the last October)
            let of_year = k + 2 < n && a.norm(k) == "من" && year_word(k + 1) && a.tokens[k + 2].newlines_before == 0;
            if let Some(&DateRole::Relative(r)) = of_year.then(|| lex.date_words.get(a.norm(k + 2))).flatten() {
                f.year_offset = Some(r);
                last = k + 2;
                k = n;
            }
            if let Some(y) = year_number(a, k).filter(|_| k < n && a.tokens[k].newlines_before == 0) {
                f.year = Some(y);
                last = k;
                // 2017 م
                if k + 1 < n && a.norm(k + 1) == "م" && a.tokens[k + 1].newlines_before == 0 {
                    last = k + 1;
                }
            } else if k < n && a.tokens[k].newlines_before == 0 {
                if let Some(DateRole::Relative(r)) = lex.date_words.get(a.norm(k)) {
                    f.relative = Some(*r);
                    last = k;
                }
            }
            f.last = last;
            // the day before: 12 أكتوبر، 12 من أكتوبر، السادس من يونيو، أواخر أغسطس
            let mut first = i;
            let has_min = i >= 1 && matches!(a.norm(i - 1), "من");
            let day_end = if has_min { i.checked_sub(2) } else { i.checked_sub(1) };
            if let Some(de) = day_end {
                if let Some(d) = day_number(a, de) {
                    f.day = Some(d);
                    first = de;
                } else if let Some((df, d)) = ordinal_day_before(a, lex, de) {
                    // الأسبوع الأول من مارس is a week of March, not its first day
                    let counts_a_span = df >= 1
                        && a.tokens[df - 1].kind == TokKind::Word
                        && matches!(lex.strip(&lex.date_words, a.norm(df - 1)), Some((_, DateRole::Span)));
                    if !counts_a_span {
                        f.day = Some(d);
                        first = df;
                    }
                }
            }
            if f.day.is_none() && i >= 1 {
                if let Some((s, DateRole::Part)) = lex.strip(&lex.date_words, a.norm(i - 1)) {
                    let _ = s;
                    first = i - 1;
                }
            }
            f.first = first;
            let anchored = f.day.is_some()
                || f.year.is_some()
                || paired
                || f.relative.is_some()
                || f.year_offset.is_some()
                || first < i;
            if anchored || !amb {
                // 12 و13 أكتوبر، بين 10 و14 أكتوبر، من 3 إلى 5 مايو: the first day
                // shares the month
                if f.day.is_some() && first >= 2 && a.tokens[first].kind == TokKind::Number {
                    let conn = first - 1;
                    let joins = (a.tokens[conn].kind == TokKind::Word
                        && matches!(a.norm(conn), "و" | "الي" | "حتي" | "او"))
                        || a.is_punct(conn, "-")
                        || a.is_punct(conn, "–");
                    if let Some(d0) = day_number(a, first - 2)
                        .filter(|&d0| joins && Some(d0) < f.day && a.same_line(first - 2, first))
                    {
                        out.push(Found { first: first - 2, last: first - 2, day: Some(d0), ..f });
                    }
                }
                i = f.last + 1;
                out.push(f);
                continue;
            }
        }
        // years: عام 2014، منذ 2011، عام ألفين وسبعة عشر
        if a.tokens[i].kind == TokKind::Word {
            if let Some((_, DateRole::YearHead)) = lex.strip(&lex.date_words, a.norm(i)) {
                if i + 1 < n && a.tokens[i + 1].newlines_before == 0 {
                    let year = year_number(a, i + 1).map(|y| (y, i + 1)).or_else(|| {
                        let e = parse_at(a, i + 1)?;
                        (!e.vague && !e.digits_only && e.min.fract() == 0.0 && (1900.0..=2100.0).contains(&e.min))
                            .then_some((e.min as i32, e.last))
                    });
                    if let Some((y, last)) = year {
                        out.push(Found {
                            first: i + 1,
                            last,
                            year: Some(y),
                            month: None,
                            day: None,
                            relative: None,
                            year_offset: None,
                        });
                        i = last + 1;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    out
}

fn numeric_date(a: &Analyzed<'_>, i: usize) -> Option<Found> {
    let n = a.tokens.len();
    if i + 4 >= n || a.tokens[i].kind != TokKind::Number {
        return None;
    }
    let sep = a.norm(i + 1);
    if !matches!(sep, "/" | "-" | ".") || a.norm(i + 3) != sep {
        return None;
    }
    if (i + 1..=i + 4).any(|k| a.tokens[k].space_before)
        || a.tokens[i + 2].kind != TokKind::Number
        || a.tokens[i + 4].kind != TokKind::Number
    {
        return None;
    }
    let p = |k: usize| a.norm(k).parse::<i32>().ok();
    let (x, y, z) = (p(i)?, p(i + 2)?, p(i + 4)?);
    let (year, month, day) = if a.norm(i).len() == 4 { (x, y, z) } else { (z, y, x) };
    if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(Found {
        first: i,
        last: i + 4,
        year: Some(year),
        month: Some(month as u8),
        day: Some(day as u8),
        relative: None,
        year_offset: None,
    })
}

/// The reference date for implicit years: the publication date, else a full date in the
/// first lines (a dateline), else the latest fully written date in the text.
fn reference(a: &Analyzed<'_>, found: &[Found], published: Option<Ymd>) -> Option<Ymd> {
    if published.is_some() {
        return published;
    }
    let full = |f: &Found| Some(Ymd { year: f.year?, month: f.month?, day: f.day.unwrap_or(1) });
    let mut lines = 0usize;
    let mut tok = 0usize;
    for f in found {
        while tok < f.first {
            lines += a.tokens[tok].newlines_before as usize;
            tok += 1;
        }
        if lines > 6 || a.tokens[f.first].start > 600 {
            break;
        }
        if f.day.is_some() {
            if let Some(d) = full(f) {
                return Some(d);
            }
        }
    }
    found.iter().filter_map(full).max()
}

fn resolve_year(month: u8, relative: Option<i32>, r: Ymd) -> i32 {
    match relative {
        Some(-1) => {
            if month <= r.month {
                r.year
            } else {
                r.year - 1
            }
        }
        Some(1) => {
            if month >= r.month {
                r.year
            } else {
                r.year + 1
            }
        }
        Some(_) => r.year,
        // no marker: the nearest such month, reading a little ahead as future
        None => {
            let diff = month as i32 - r.month as i32;
            if diff > 3 {
                r.year - 1
            } else if diff < -8 {
                r.year + 1
            } else {
                r.year
            }
        }
    }
}

/// Every date in the document, and which tokens they cover.
pub fn find(a: &Analyzed<'_>, triggers: &[u8], published: Option<Ymd>) -> (Vec<DateMention>, Vec<bool>) {
    let lex = lexicon();
    let found = find_all(a, lex, triggers);
    let r = reference(a, &found, published);
    let mut taken = vec![false; a.tokens.len()];
    let mut out = Vec::with_capacity(found.len());
    for f in &found {
        for t in &mut taken[f.first..=f.last] {
            *t = true;
        }
        let year =
            f.year.or_else(|| Some(r?.year + f.year_offset?)).or_else(|| Some(resolve_year(f.month?, f.relative, r?)));
        let date = match (year, f.month, f.day) {
            (Some(y), Some(m), Some(d)) => Some(format!("{y:04}-{m:02}-{d:02}")),
            (Some(y), Some(m), None) => Some(format!("{y:04}-{m:02}")),
            (Some(y), None, _) => Some(format!("{y:04}")),
            _ => None,
        };
        let start = a.tokens[f.first].start as usize;
        let end = a.tokens[f.last].end as usize;
        let partial = date.is_none();
        out.push(DateMention {
            start,
            end,
            text: a.text[start..end].to_string(),
            date,
            month: if partial { f.month } else { None },
            day: if partial { f.day } else { None },
        });
    }
    (out, taken)
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_text::analyze;

    fn triggers(a: &Analyzed<'_>) -> Vec<u8> {
        (0..a.tokens.len())
            .map(|i| if a.tokens[i].kind == TokKind::Word { lexicon().trigger(a.norm(i)) } else { 0 })
            .collect()
    }

    fn dates(s: &str, published: Option<Ymd>) -> Vec<(String, Option<String>)> {
        let a = analyze(s);
        find(&a, &triggers(&a), published).0.into_iter().map(|d| (d.text, d.date)).collect()
    }

    #[test]
    fn explicit_dates() {
        let cases: &[(&str, &str, &str)] = &[
            ("في 15 أكتوبر 2017 قال", "15 أكتوبر 2017", "2017-10-15"),
            ("يوم 12 أكتوبر/تشرين الأول 2017 بدأ", "12 أكتوبر/تشرين الأول 2017", "2017-10-12"),
            ("منذ يناير/كانون الثاني 2014.", "يناير/كانون الثاني 2014", "2014-01"),
            ("في الثالث من أغسطس 2014", "الثالث من أغسطس 2014", "2014-08-03"),
            ("في الحادي والعشرين من آذار 2020", "الحادي والعشرين من آذار 2020", "2020-03-21"),
            ("في الخامس عشر من مارس 2011", "الخامس عشر من مارس 2011", "2011-03-15"),
            ("في الحادي عشر من سبتمبر 2001", "الحادي عشر من سبتمبر 2001", "2001-09-11"),
            ("التاريخ : 15 ديسمبر 2017 م", "15 ديسمبر 2017 م", "2017-12-15"),
            ("عام 2011 اندلعت", "2011", "2011"),
            ("في عام ألفين وسبعة عشر", "ألفين وسبعة عشر", "2017"),
            ("بتاريخ 12/10/2017 وقع", "12/10/2017", "2017-10-12"),
            // the year behind من and a year word
            ("في 12 يناير من عام 2016 وقع", "12 يناير من عام 2016", "2016-01-12"),
            ("في أكتوبر من العام 2017", "أكتوبر من العام 2017", "2017-10"),
            ("منذ مايو عام 2020", "مايو عام 2020", "2020-05"),
            // an ordinal that counts weeks or halves of the month is no day of it
            ("خلال الأسبوع الأول من مارس 2021", "مارس 2021", "2021-03"),
            ("في النصف الثاني من أكتوبر 2019", "أكتوبر 2019", "2019-10"),
            ("في اليوم الأول من مارس 2021", "الأول من مارس 2021", "2021-03-01"),
        ];
        for &(s, text, date) in cases {
            assert_eq!(dates(s, None), vec![(text.to_string(), Some(date.to_string()))], "{s}");
        }
    }

    #[test]
    fn a_day_joined_to_a_date_shares_its_month() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("في 12 و13 أكتوبر 2017 جرت", &[("12", "2017-10-12"), ("13 أكتوبر 2017", "2017-10-13")]),
            ("بين 10 و14 مارس 2020", &[("10", "2020-03-10"), ("14 مارس 2020", "2020-03-14")]),
            ("من 3 إلى 5 مايو 2021", &[("3", "2021-05-03"), ("5 مايو 2021", "2021-05-05")]),
            // a larger number first is no day of the range (40 و3 أكتوبر)
            ("وصل 40 و3 أكتوبر 2017", &[("3 أكتوبر 2017", "2017-10-03")]),
        ];
        for &(s, want) in cases {
            let want: Vec<_> = want.iter().map(|&(t, d)| (t.to_string(), Some(d.to_string()))).collect();
            assert_eq!(dates(s, None), want, "{s}");
        }
    }

    #[test]
    fn implicit_years_resolve_from_the_reference() {
        let p = Some(Ymd { year: 2017, month: 10, day: 15 });
        let cases: &[(&str, &str)] = &[
            ("في السادس من يونيو/حزيران الماضي", "2017-06-06"),
            ("خلال مايو/أيار الماضي", "2017-05"),
            ("أواخر أغسطس/آب الماضي", "2017-08"),
            ("في نوفمبر الماضي", "2016-11"),
            ("في مارس المقبل", "2018-03"),
            // of last year / of this year, whatever the month
            ("في ديسمبر من العام الماضي", "2016-12"),
            ("في مارس من العام الماضي", "2016-03"),
            ("في 3 يناير من العام الجاري", "2017-01-03"),
            ("يوم 27 نوفمبر", "2017-11-27"),
        ];
        for &(s, date) in cases {
            let got = dates(s, p);
            assert_eq!(got.len(), 1, "{s}: {got:?}");
            assert_eq!(got[0].1.as_deref(), Some(date), "{s}");
        }
    }

    #[test]
    fn dateline_gives_the_reference_and_unknown_years_stay_unknown() {
        let text = "عنوان\n15 ديسمبر 2017\nوفي (27 نوفمبر) حدث ذلك";
        let got = dates(text, None);
        assert_eq!(got[1].1.as_deref(), Some("2017-11-27"));
        let a = analyze("في 27 نوفمبر حدث ذلك");
        let (d, _) = find(&a, &triggers(&a), None);
        assert_eq!((d[0].date.clone(), d[0].month, d[0].day), (None, Some(11), Some(27)));
    }

    #[test]
    fn ambiguous_month_words_need_an_anchor() {
        // مارس "he practised", آب "father"
        assert!(dates("مارس الرجل الرياضة", None).is_empty());
        assert!(dates("قال الآب", None).is_empty());
        assert_eq!(dates("في 3 مارس 2020", None).len(), 1);
    }
}
