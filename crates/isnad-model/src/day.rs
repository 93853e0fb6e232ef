//! Dates as day intervals, the one date type the ledger and event clustering compare: a full date is one day, `2017-10` its month, `2017` its year.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DaySpan {
    pub lo: i64,
    pub hi: i64,
}

/// Days from 1970-01-01 to a civil date (proleptic Gregorian; Howard Hinnant's algorithm).
pub fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number, `YYYY-MM-DD` (the inverse of [`days`]).
pub fn ymd(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn month_len(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl DaySpan {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; anything else is no date.
    pub fn parse(s: &str) -> Option<DaySpan> {
        let mut it = s.trim().split('-');
        let y: i64 = it.next()?.parse().ok().filter(|y| (1..=9999).contains(y))?;
        let m: Option<i64> = match it.next() {
            Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let d: Option<i64> = match it.next() {
            Some(d) => Some(d.get(..2).unwrap_or(d).parse().ok().filter(|d| (1..=31).contains(d))?),
            None => None,
        };
        Some(match (m, d) {
            (Some(m), Some(d)) => {
                let x = days(y, m, d.min(month_len(y, m)));
                DaySpan { lo: x, hi: x }
            }
            (Some(m), None) => DaySpan { lo: days(y, m, 1), hi: days(y, m, month_len(y, m)) },
            _ => DaySpan { lo: days(y, 1, 1), hi: days(y, 12, 31) },
        })
    }

    /// Days between the two spans (0 when they overlap).
    pub fn gap(&self, o: &DaySpan) -> i64 {
        (self.lo.max(o.lo) - self.hi.min(o.hi)).max(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_gaps() {
        let oct12 = DaySpan::parse("2017-10-12").unwrap();
        let aug = DaySpan::parse("2017-08").unwrap();
        let y = DaySpan::parse("2017").unwrap();
        assert_eq!(oct12.lo, oct12.hi);
        assert_eq!(aug.hi - aug.lo, 30);
        assert_eq!(aug.gap(&oct12), 42);
        assert_eq!(y.gap(&oct12), 0);
        assert_eq!(DaySpan::parse("1970-01-01").unwrap().lo, 0);
        assert!(DaySpan::parse("2017-13").is_none());
        assert!(DaySpan::parse("--10-12").is_none());
        assert!(DaySpan::parse("").is_none());
        for d in ["1970-01-01", "2016-02-29", "2017-10-12", "2023-12-31", "1999-03-01"] {
            assert_eq!(ymd(DaySpan::parse(d).unwrap().lo), d);
        }
    }
}

/// A calendar date given from outside a text (a publication date): what resolves an
/// implicit year or a relative day in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Ymd {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Ymd> {
        let mut it = s.trim().splitn(3, '-');
        let year = it.next()?.parse().ok()?;
        let month = it.next()?.parse().ok().filter(|m| (1..=12).contains(m))?;
        let day = it.next()?.parse().ok().filter(|d| (1..=31).contains(d))?;
        Some(Ymd { year, month, day })
    }

    /// Days since 1970-01-01.
    pub fn day_number(self) -> i64 {
        days(self.year as i64, self.month as i64, self.day as i64)
    }
}
