//! English numbers: digits (`1,234`, `4.8`, `.08`, `1 234 567`), digits with a scale
//! (`2 million`, `10k`, `1.2bn`, `3 hundred and 21`), number words (`two hundred and
//! fifty`, `twenty-one trillion`, `a dozen`, `five and a half million`), fractions
//! (`two thirds`, `3/4`, `2 1/4`, `½`, `one over three`), decimals in words (`nine point
//! nought four`), signs (`-1`, `minus five`) and exponents (`1.3e6`, `1.1^23`).
//!
//! [`read`] reads the number starting at a token; it never reads dates (the caller
//! takes those first) and says whether the number is a share (`two thirds`: a fraction
//! below one and nothing else), which the claim layer turns into a percentage.

use super::lexicon::{lexicon, Lexicon, NumWord};
use super::token::{Toks, K};

#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    /// First and last token (inclusive).
    pub first: usize,
    pub last: usize,
    /// Byte span; usually the tokens' span, narrower for one piece of a split digit run.
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// Written in words (at least in part).
    pub words: bool,
    /// A fraction below one standing alone (`two thirds`, `half`, `3/4`).
    pub share: bool,
    /// A bare `one`/`a`: a count only when a counted noun follows.
    pub weak: bool,
    /// A scale written with the digits (`$2m`, `2 million`): money reads it.
    pub scaled: bool,
}

/// What a digit run says: one number, or several written together (`192.168.1.2`,
/// `22,24,26`) that are read one by one.
enum Digits {
    One(f64),
    Many(Vec<(usize, usize, f64)>),
}

fn parse_plain(s: &str) -> Option<f64> {
    // Most digit runs are short integers: up to 15 digits an f64 holds them exactly, so
    // summing the digits gives what the float parser gives, at a fraction of its cost.
    if !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()) {
        return Some(s.bytes().fold(0u64, |v, b| v * 10 + u64::from(b - b'0')) as f64);
    }
    s.parse::<f64>().ok()
}

/// Reads a digit run's separators the way English news writes them: `,` groups
/// thousands (also Indian `12,34,567`), `.` is the decimal point; with both, the last
/// one is the decimal mark (`1.111,11`); a lone `,` before other than three digits is a
/// decimal comma (`5,00`, `1,3`); groups that fit no reading are separate numbers.
fn digits(s: &str, at: usize) -> Digits {
    let commas = s.bytes().filter(|&b| b == b',').count();
    let dots = s.bytes().filter(|&b| b == b'.').count();
    if commas == 0 && dots == 0 {
        return parse_plain(s).map_or(Digits::Many(vec![]), Digits::One);
    }
    if commas > 0 && dots > 0 {
        let last = s.rfind([',', '.']).unwrap_or(0);
        let int = s[..last].replace([',', '.'], "");
        let frac = &s[last + 1..];
        return parse_plain(&format!("{int}.{frac}")).map_or(Digits::Many(vec![]), Digits::One);
    }
    let sep = if commas > 0 { ',' } else { '.' };
    // every digit run of a text comes here, most with one separator: the groups are
    // walked, not collected
    let groups = commas + dots + 1;
    let mut parts = s.split(sep);
    let first = parts.next().unwrap_or("");
    let second = parts.clone().next().unwrap_or("");
    if sep == '.' && groups == 2 {
        let v = if first.is_empty() { parse_plain(&format!("0.{second}")) } else { parse_plain(s) };
        return v.map_or(Digits::Many(vec![]), Digits::One);
    }
    if sep == ',' && groups == 2 && second.len() != 3 {
        return parse_plain(&format!("{first}.{second}")).map_or(Digits::Many(vec![]), Digits::One);
    }
    let thousands = (1..=3).contains(&first.len()) && parts.clone().all(|g| g.len() == 3);
    let indian = sep == ','
        && (1..=2).contains(&first.len())
        && parts.clone().next_back().is_some_and(|g| g.len() == 3)
        && parts.clone().take(groups - 2).all(|g| g.len() == 2);
    if thousands || indian {
        return parse_ungrouped(s).map_or(Digits::Many(vec![]), Digits::One);
    }
    let mut out = Vec::new();
    let mut pos = at;
    for g in s.split(sep) {
        if let Some(v) = parse_plain(g) {
            out.push((pos, pos + g.len(), v));
        }
        pos += g.len() + 1;
    }
    Digits::Many(out)
}

/// The value of a digit run with its group separators dropped (`1,234,567`), read from
/// the stack: the common grouped count needs no allocation.
fn parse_ungrouped(s: &str) -> Option<f64> {
    let mut buf = [0u8; 64];
    if s.len() > buf.len() {
        return parse_plain(&s.replace([',', '.'], ""));
    }
    let mut n = 0;
    for &b in s.as_bytes().iter().filter(|&&b| b != b',' && b != b'.') {
        buf[n] = b;
        n += 1;
    }
    parse_plain(std::str::from_utf8(&buf[..n]).ok()?)
}

/// The pieces of a digit run that is not one number, as numbers of their own.
pub fn split_run(t: &Toks, i: usize) -> Option<Vec<Num>> {
    match digits(t.raw(i), t.start(i)) {
        Digits::One(_) => None,
        Digits::Many(v) => Some(
            v.into_iter()
                .map(|(s, e, value)| Num {
                    first: i,
                    last: i,
                    start: s,
                    end: e,
                    value,
                    words: false,
                    share: false,
                    weak: false,
                    scaled: false,
                })
                .collect(),
        ),
    }
}

fn digit_value(t: &Toks, i: usize) -> Option<f64> {
    match digits(t.raw(i), t.start(i)) {
        Digits::One(v) => Some(v),
        Digits::Many(_) => None,
    }
}

fn word(lex: &Lexicon, t: &Toks, i: usize) -> Option<NumWord> {
    if !t.is_word(i) {
        return None;
    }
    lex.number(t.low(i))
}

/// A hyphen between two parts of one number (`twenty-one`, `fifty - two`, `one-eighth`).
fn hyphen(t: &Toks, i: usize) -> bool {
    t.sym(i, '-') && t.same_line(i) && t.same_line(i + 1)
}

/// Integer words from `i`: returns (value, next token, place of the last part,
/// highest scale seen). Handles `and` between parts when what follows is smaller
/// than the last part's place (`two thousand and two hundred`, not `3 hundred and 2 hundred`).
struct Int {
    value: f64,
    next: usize,
    place: f64,
    parts: usize,
}

fn int_words(lex: &Lexicon, t: &Toks, mut i: usize, allow_digits_first: bool) -> Option<Int> {
    let mut total = 0.0f64;
    let mut cur = 0.0f64;
    let mut place = f64::INFINITY; // place value of the last part: what may follow it
    let mut top_scale = 0.0f64;
    let mut parts = 0usize;
    let mut last_end = i;
    // digits may open the number when a scale word follows (`3 hundred`, `2.5 million`)
    if allow_digits_first && t.is_num(i) {
        let nx = i + 1;
        // the scale word first: most digits have none, and their value is read already
        match word(lex, t, nx) {
            Some(NumWord::Hundred) | Some(NumWord::Scale(_)) => {
                cur = digit_value(t, i)?;
                place = 1.0;
                parts = 1;
                i = nx;
                last_end = nx;
            }
            _ => return None,
        }
    }
    loop {
        let w = word(lex, t, i);
        let step = match w {
            Some(NumWord::Unit(v)) if place > 1.0 && (parts == 0 || v != 0.0) => {
                cur += v;
                place = 1.0;
                true
            }
            Some(NumWord::Teen(v)) if place > 10.0 => {
                cur += v;
                place = 1.0;
                true
            }
            Some(NumWord::Tens(v)) if place > 10.0 => {
                cur += v;
                place = 10.0;
                true
            }
            Some(NumWord::Hundred)
                if parts > 0 && cur > 0.0 && cur % 100.0 != 0.0 || (parts > 0 && cur > 0.0 && cur < 100.0) =>
            {
                cur *= 100.0;
                place = 100.0;
                true
            }
            Some(NumWord::Scale(s)) if parts > 0 && (cur > 0.0 || total > 0.0) => {
                if cur == 0.0 && s > top_scale {
                    // `three lakh crore`: a scale of a scale
                    total *= s;
                } else if s > top_scale && top_scale > 0.0 && total > 0.0 && cur > 0.0 && s > total {
                    total = (total + cur) * s;
                } else {
                    total += cur * s;
                }
                cur = 0.0;
                top_scale = top_scale.max(s);
                place = s;
                true
            }
            Some(NumWord::Article) if parts == 0 => {
                // `a hundred`, `a thousand`, `a dozen`: one, only before a scale
                match word(lex, t, i + 1) {
                    Some(NumWord::Hundred) | Some(NumWord::Scale(_)) => {
                        cur = 1.0;
                        place = 1.0;
                        true
                    }
                    _ => false,
                }
            }
            _ => false,
        };
        if step {
            parts += 1;
            last_end = i + 1;
            i += 1;
            // a hyphen inside the number
            if hyphen(t, i)
                && matches!(
                    word(lex, t, i + 1),
                    Some(NumWord::Unit(_)) | Some(NumWord::Hundred) | Some(NumWord::Scale(_))
                )
                && place == 10.0
            {
                i += 1;
            }
            continue;
        }
        // digits after a scale (`4 thousand 3 hundred`), when a scale word follows them
        if parts > 0 && t.is_num(i) && place >= 1000.0 {
            if let (Some(v), Some(NumWord::Hundred)) = (digit_value(t, i), word(lex, t, i + 1)) {
                if v * 100.0 < place {
                    cur += v * 100.0;
                    place = 100.0;
                    parts += 2;
                    i += 2;
                    last_end = i;
                    continue;
                }
            }
        }
        // `and` between parts
        if parts > 0 && t.low(i) == "and" && place > 1.0 {
            let j = i + 1;
            let ok = match word(lex, t, j) {
                Some(NumWord::Unit(v)) => v != 0.0,
                Some(NumWord::Teen(_)) => place > 10.0,
                Some(NumWord::Tens(_)) => place > 10.0,
                _ if t.is_num(j) => {
                    digit_value(t, j).is_some_and(|v| v > 0.0 && v < place && v.fract() == 0.0)
                        && !matches!(word(lex, t, j + 1), Some(NumWord::Hundred) | Some(NumWord::Scale(_)))
                }
                _ => false,
            };
            // what follows `and` must be smaller than what came before
            if ok {
                if t.is_num(j) {
                    cur += digit_value(t, j).unwrap_or(0.0);
                    place = 1.0;
                    parts += 1;
                    i = j + 1;
                    last_end = i;
                    continue;
                }
                let next_is_bigger = match word(lex, t, j) {
                    Some(NumWord::Unit(_)) | Some(NumWord::Teen(_)) | Some(NumWord::Tens(_)) => {
                        // `two hundred and two thousand` joins; `3 hundred and 2 hundred` does not
                        let mut k = j + 1;
                        while hyphen(t, k)
                            || matches!(
                                word(lex, t, k),
                                Some(NumWord::Unit(_)) | Some(NumWord::Teen(_)) | Some(NumWord::Tens(_))
                            )
                        {
                            k += 1;
                        }
                        match word(lex, t, k) {
                            Some(NumWord::Hundred) => place <= 100.0,
                            Some(NumWord::Scale(s)) => s >= place && place != 100.0,
                            _ => false,
                        }
                    }
                    _ => false,
                };
                if !next_is_bigger {
                    // a fraction after `and` is the caller's (`three and a half`)
                    if !denominator_follows(lex, t, j) {
                        i = j;
                        continue;
                    }
                }
            }
        }
        break;
    }
    if parts == 0 {
        return None;
    }
    Some(Int { value: total + cur, next: last_end, place, parts })
}

/// Whether `j` opens `NUMERATOR DENOMINATOR` (`three fifths`, `a half`).
fn denominator_follows(lex: &Lexicon, t: &Toks, j: usize) -> bool {
    let mut k = j;
    if matches!(word(lex, t, k), Some(NumWord::Article)) {
        return matches!(word(lex, t, k + 1), Some(NumWord::Denom(_)) | Some(NumWord::Half(_)));
    }
    while matches!(word(lex, t, k), Some(NumWord::Unit(_)) | Some(NumWord::Teen(_)) | Some(NumWord::Tens(_)))
        || hyphen(t, k)
    {
        k += 1;
    }
    k > j && matches!(word(lex, t, k), Some(NumWord::Denom(_)) | Some(NumWord::Half(_)))
}

/// A denominator word at `i` (with a hyphen before it: `one-eighth`): its value.
fn denom_at(lex: &Lexicon, t: &Toks, i: usize) -> Option<(f64, usize)> {
    let i = if hyphen(t, i) { i + 1 } else { i };
    match word(lex, t, i)? {
        NumWord::Denom(d) | NumWord::Half(d) => {
            // `fourth`/`quarter` after a bare count is an ordinal, not a share: the caller checks
            Some((d, i + 1))
        }
        NumWord::Tens(tens) => {
            // `twenty-fifth`, `twenty first(s)`
            let j = if hyphen(t, i + 1) { i + 2 } else { i + 1 };
            match (word(lex, t, j), t.low(j)) {
                (Some(NumWord::Denom(d)), _) if d < 10.0 => Some((tens + d, j + 1)),
                (_, "first" | "firsts") => Some((tens + 1.0, j + 1)),
                _ => None,
            }
        }
        _ => None,
    }
}

fn vulgar(c: &str) -> Option<f64> {
    Some(match c {
        "½" => 0.5,
        "⅓" => 1.0 / 3.0,
        "⅔" => 2.0 / 3.0,
        "¼" => 0.25,
        "¾" => 0.75,
        "⅕" => 0.2,
        "⅖" => 0.4,
        "⅗" => 0.6,
        "⅘" => 0.8,
        "⅙" => 1.0 / 6.0,
        "⅚" => 5.0 / 6.0,
        "⅛" => 0.125,
        "⅜" => 0.375,
        "⅝" => 0.625,
        "⅞" => 0.875,
        _ => return None,
    })
}

fn out(t: &Toks, first: usize, last: usize, value: f64, words: bool) -> Num {
    Num { first, last, start: t.start(first), end: t.end(last), value, words, share: false, weak: false, scaled: false }
}

/// `point` and the digits after it, in words: `point zero three`, `point seventy-one`.
fn point_words(lex: &Lexicon, t: &Toks, i: usize) -> Option<(f64, usize)> {
    if t.low(i) != "point" {
        return None;
    }
    let mut k = i + 1;
    let mut s = String::new();
    loop {
        match word(lex, t, k) {
            Some(NumWord::Unit(v)) => {
                s.push_str(&format!("{}", v as u32));
                k += 1;
            }
            Some(NumWord::Teen(v)) if s.is_empty() => {
                s.push_str(&format!("{}", v as u32));
                k += 1;
                break;
            }
            Some(NumWord::Tens(v)) if s.is_empty() => {
                let mut n = v as u32;
                k += 1;
                let j = if hyphen(t, k) { k + 1 } else { k };
                if let Some(NumWord::Unit(u)) = word(lex, t, j) {
                    n += u as u32;
                    k = j + 1;
                }
                s.push_str(&format!("{n}"));
                break;
            }
            _ => break,
        }
    }
    if s.is_empty() {
        return None;
    }
    Some((format!("0.{s}").parse().ok()?, k))
}

/// The number that starts at token `i`, if one does. Dates are the caller's.
pub fn read(t: &Toks, i: usize) -> Option<Num> {
    let lex = lexicon();
    let mut n = read_unsigned(lex, t, i)?;
    // a scale suffix written after the digits or words: `10k`, `2.33 k`, `1.2bn`
    n = exponent(t, n);
    // `over` / `out of` / `in` fractions
    n = over(lex, t, n);
    Some(n)
}

/// `1e10`, `12.32e+14`, `1.1^23`, `1.3x10^6`, all written without spaces.
fn exponent(t: &Toks, mut n: Num) -> Num {
    if n.words || !t.glued(n.last) {
        return n;
    }
    // an exponent past f64 (`00e71322`: 0 × ∞) is not read: the digits stay a number
    let unread = n.clone();
    let j = n.last + 1;
    let sign_num = |k: usize| -> Option<(f64, usize)> {
        let mut k = k;
        let mut neg = false;
        while t.sym(k, '+') || t.sym(k, '-') {
            if t.sym(k, '-') {
                neg = !neg;
            }
            if !t.glued(k) {
                return None;
            }
            k += 1;
        }
        let v: f64 = t.raw(k).parse().ok().filter(|_| t.is_num(k))?;
        Some((if neg { -v } else { v }, k))
    };
    let low = t.low(j);
    if (low == "e") && t.glued(j) {
        if let Some((e, k)) = sign_num(j + 1) {
            n.value *= 10f64.powf(e);
            n.last = k;
            n.end = t.end(k);
        }
    } else if t.sym(j, '^') && t.glued(j) {
        // `--23` reads as a minus minus: `1.1^--23` is given as 1.1^23 by the specs we follow
        let mut k = j + 1;
        let mut minus = 0;
        while t.sym(k, '-') || t.sym(k, '+') {
            minus += t.sym(k, '-') as u32;
            k += 1;
        }
        if let Some(e) = t.raw(k).parse::<f64>().ok().filter(|_| t.is_num(k)) {
            let e = if minus == 1 { -e } else { e };
            let sign = n.value.signum();
            n.value = sign * n.value.abs().powf(e);
            n.last = k;
            n.end = t.end(k);
        }
    } else if low == "x" && t.glued(j) && t.raw(j + 1) == "10" && t.glued(j + 1) && t.sym(j + 2, '^') && t.glued(j + 2)
    {
        if let Some((e, k)) = sign_num(j + 3) {
            n.value *= 10f64.powf(e);
            n.last = k;
            n.end = t.end(k);
        }
    }
    if n.value.is_finite() {
        n
    } else {
        unread
    }
}

/// `one over three`, `1 in twenty-one`, `two out of five hundred`: a share, when the
/// second number is larger and no noun follows it (`12 in six boxes` is two counts).
fn over(lex: &Lexicon, t: &Toks, n: Num) -> Num {
    let j = n.last + 1;
    let (k, strict) = match t.low(j) {
        "over" => (j + 1, false),
        "in" => (j + 1, true),
        "out" if t.low(j + 1) == "of" => (j + 2, true),
        _ => return n,
    };
    let Some(d) = read_unsigned(lex, t, k) else { return n };
    if d.value == 0.0 || d.share {
        return n;
    }
    // `300 in 2008`: a year after `in` is a time, not a denominator
    if strict && !d.words && (1900.0..=2100.0).contains(&d.value) && d.value.fract() == 0.0 {
        return n;
    }
    let after = d.last + 1;
    let noun_after = t.is_word(after) && !matches!(t.low(after), "and" | "or" | "is" | "are" | "was" | "tvs");
    let hundreds_tail = t.low(after) == "tvs";
    // `one in five residents` is a share of the residents; `12 in six boxes` (more than
    // the second number) was two counts, above
    if (strict && n.value >= d.value)
        || (noun_after && !hundreds_tail && !strict)
        || (!strict && t.low(j) == "over" && t.is_word(after))
    {
        return n;
    }
    if !strict && !(n.words || d.words) && t.len() > after && t.is_word(after) {
        return n;
    }
    let mut f = n.clone();
    f.value = n.value / d.value;
    f.last = d.last;
    f.end = d.end;
    f.words = n.words || d.words;
    f.share = f.value.abs() < 1.0;
    f.weak = false;
    f
}

fn read_unsigned(lex: &Lexicon, t: &Toks, i: usize) -> Option<Num> {
    let tok = t.t.get(i)?;
    match tok.k {
        K::Num => read_digits(lex, t, i),
        K::Word => read_words(lex, t, i),
        K::Sym => {
            let v = vulgar(t.raw(i))?;
            let mut n = out(t, i, i, v, false);
            n.share = true;
            Some(n)
        }
        K::Url => None,
    }
}

fn read_digits(lex: &Lexicon, t: &Toks, i: usize) -> Option<Num> {
    let v = digit_value(t, i)?;
    let raw = t.raw(i);
    // thin or plain spaces grouping thousands: `1 234 567`, `40 000`
    let mut n = out(t, i, i, v, false);
    if raw.len() <= 3 && !raw.contains([',', '.']) {
        let mut k = i + 1;
        let mut s = raw.to_string();
        while t.is_num(k)
            && t.raw(k).len() == 3
            && t.raw(k).bytes().all(|b| b.is_ascii_digit())
            && t.same_line(k)
            && t.start(k) == t.end(k - 1) + single_space(t, k)
        {
            s.push_str(t.raw(k));
            k += 1;
        }
        // (a decimal tail on the last group, `1 234 567.89`, is not joined: `1 234.5`
        // is two numbers too often)
        if k > i + 1 {
            if let Ok(v) = s.parse::<f64>() {
                n = out(t, i, k - 1, v, false);
            }
        }
    }
    // mixed fraction `2 1/4` and fraction `3/4`
    let j = n.last + 1;
    if t.sym(j, '/') && t.glued(n.last) && t.glued(j) && t.is_num(j + 1) && !(t.sym(j + 2, '/') && t.glued(j + 1)) {
        if let Some(d) = digit_value(t, j + 1).filter(|d| *d != 0.0) {
            let mut f = out(t, i, j + 1, n.value / d, false);
            f.share = f.value < 1.0;
            return Some(f);
        }
    }
    if t.is_num(j)
        && !t.glued(n.last)
        && t.same_line(j)
        && t.sym(j + 1, '/')
        && t.glued(j)
        && t.glued(j + 1)
        && t.is_num(j + 2)
        && n.value.fract() == 0.0
    {
        if let (Some(a), Some(b)) = (digit_value(t, j), digit_value(t, j + 2)) {
            if b != 0.0 && a < b {
                return Some(out(t, i, j + 2, n.value + a / b, false));
            }
        }
    }
    // digits with a scale word: `2 million`, `322 hundred`, `3 hundred and 21`
    if let Some(int) = int_words(lex, t, i, true) {
        let mut m = out(t, i, int.next - 1, int.value, true);
        m.scaled = true;
        return Some(fraction_tail(lex, t, m, int.place));
    }
    // a glued or spaced scale abbreviation: `10k`, `1.2b`, `2.33 k`, `10 bln`
    if t.is_word(j) && t.same_line(j) {
        let raw_j = t.raw(j);
        if let Some(s) =
            lex.suffixes.get(raw_j).or_else(|| lex.suffixes.get(t.low(j)).filter(|s| !s.glued_only && raw_j.len() > 1))
        {
            let glued = t.glued(n.last);
            let next_word = t.is_word(j + 1) && t.glued(j);
            if (glued || !s.glued_only) && !next_word {
                let mut m = out(t, i, j, n.value * s.mult, false);
                m.scaled = true;
                if s.money_only {
                    m.scaled = true;
                    // the claim layer keeps `m` only after a currency sign
                    m.weak = true;
                }
                return Some(m);
            }
        }
    }
    Some(n)
}

fn single_space(t: &Toks, k: usize) -> usize {
    let gap = &t.text[t.end(k - 1)..t.start(k)];
    match gap {
        " " | "\u{00A0}" | "\u{202F}" | "\u{2009}" => gap.len(),
        _ => 0,
    }
}

fn read_words(lex: &Lexicon, t: &Toks, i: usize) -> Option<Num> {
    let w = word(lex, t, i)?;
    // `half`, `quarter` alone or as multipliers: `half a million`, `half a dozen`, `quarter million`
    if let NumWord::Half(d) = w {
        let f = 1.0 / d;
        let mut k = i + 1;
        if matches!(word(lex, t, k), Some(NumWord::Article)) {
            k += 1;
        }
        match word(lex, t, k) {
            Some(NumWord::Scale(s)) => return Some(out(t, i, k, f * s, true)),
            Some(NumWord::Dozen) => return Some(out(t, i, k, f * 12.0, true)),
            _ => {}
        }
        let mut n = out(t, i, i, f, true);
        n.share = true;
        return Some(n);
    }
    if let NumWord::Article = w {
        // `a half`, `a fifth`, `a hundredth`, `a dozen`, `a hundred thousand trillionths`
        if let Some((d, k)) = denom_at(lex, t, i + 1) {
            if !matches!(word(lex, t, i + 1), Some(NumWord::Tens(_)))
                || t.low(k - 1).ends_with('h')
                || t.low(k - 1).ends_with("st")
            {
                let mut n = out(t, i, k - 1, 1.0 / d, true);
                n.share = true;
                return Some(n);
            }
        }
        if matches!(word(lex, t, i + 1), Some(NumWord::Dozen)) {
            return Some(out(t, i, i + 1, 12.0, true));
        }
    }
    if matches!(w, NumWord::Dozen) {
        return None;
    }
    let int = int_words(lex, t, i, false)?;
    let mut n = out(t, i, int.next - 1, int.value, true);
    // `two-and-a-half`, written as one hyphenated word
    let j = int.next;
    if t.sym(j, '-')
        && t.glued(j - 1)
        && t.glued(j)
        && t.low(j + 1) == "and"
        && t.sym(j + 2, '-')
        && t.glued(j + 2)
        && matches!(t.low(j + 3), "a" | "one")
        && t.sym(j + 4, '-')
        && t.glued(j + 4)
    {
        if let Some(NumWord::Half(d) | NumWord::Denom(d)) = word(lex, t, j + 5) {
            return Some(out(t, i, j + 5, int.value + 1.0 / d, true));
        }
    }
    // `three dozens`, `five dozs`
    if matches!(word(lex, t, int.next), Some(NumWord::Dozen)) && int.place < 100.0 {
        n = out(t, i, int.next, int.value * 12.0, true);
        return Some(n);
    }
    // decimals in words
    if let Some((frac, k)) = point_words(lex, t, int.next) {
        return Some(out(t, i, k - 1, int.value + frac, true));
    }
    // a fraction: `two thirds`, `twenty-three fifths`, `one hundred thirty fifths`
    if let Some((d, k)) = denom_at(lex, t, int.next) {
        // `the fourth`, `one fourth of`: an ordinal after a count is not read here unless it
        // is a fraction word by itself (thirds, fifths) or follows a numerator word
        let mut f = out(t, i, k - 1, int.value / d, true);
        f.share = f.value < 1.0;
        // `two millionth` / `100 millionths`: the peers read only the count
        if d >= 1_000_000.0 && int.parts == 1 && int.value > 1.0 {
            return Some(n);
        }
        // `one hundred and thirty fifths`: with `and`, the denominator takes the last part only
        return Some(f);
    }
    n.weak = n.first == n.last && t.low(i) == "one";
    Some(fraction_tail(lex, t, n, int.place))
}

/// `and a half`, `and three quarters`, `and two thirds` after a whole number; after a
/// scale the fraction is of the scale (`3 million and a half` = 3,500,000), and a scale
/// after the fraction multiplies it (`five and a half million`).
fn fraction_tail(lex: &Lexicon, t: &Toks, mut n: Num, place: f64) -> Num {
    let j = n.last + 1;
    if t.low(j) != "and" {
        // `one billion and a half million` is handled below; `two thirds of a million`
        return n;
    }
    let k = j + 1;
    let (frac, next) = match word(lex, t, k) {
        Some(NumWord::Article) => match denom_at(lex, t, k + 1) {
            Some((d, nx)) => (1.0 / d, nx),
            None => return n,
        },
        Some(NumWord::Unit(_)) | Some(NumWord::Teen(_)) | Some(NumWord::Tens(_)) => {
            let Some(num) = int_words(lex, t, k, false) else { return n };
            match denom_at(lex, t, num.next) {
                Some((d, nx)) => (num.value / d, nx),
                None => return n,
            }
        }
        _ => return n,
    };
    // a scale after the fraction: `five and a half million`, `one billion and a half million`
    if let Some(NumWord::Scale(s)) = word(lex, t, next) {
        if place >= 1000.0 && s < place {
            n.value += frac * s;
        } else {
            n.value = (n.value + frac) * s;
        }
        n.last = next;
        n.end = t.end(next);
        n.weak = false;
        return n;
    }
    n.value += if place >= 1000.0 && place.is_finite() { frac * place } else { frac };
    n.weak = false;
    n.last = next - 1;
    n.end = t.end(next - 1);
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_integers_read_as_the_float_parser_reads_them() {
        for s in ["0", "7", "007", "42", "1000", "999999999999999", "123456789012345", "9007199254740993"] {
            assert_eq!(parse_plain(s), s.parse::<f64>().ok(), "{s}");
        }
        assert_eq!(parse_plain(""), None);
    }

    fn val(s: &str) -> Option<(f64, String)> {
        let mut lower = String::new();
        let t = Toks::new(s, &mut lower);
        let n = read(&t, 0)?;
        Some((n.value, s[n.start..n.end].to_string()))
    }

    #[test]
    fn numbers_read() {
        let cases: &[(&str, f64, &str)] = &[
            ("1,234,567", 1234567.0, "1,234,567"),
            ("4.800", 4.8, "4.800"),
            (".08", 0.08, ".08"),
            ("12,34,567.89", 1234567.89, "12,34,567.89"),
            ("1.111,11", 1111.11, "1.111,11"),
            ("5,00", 5.0, "5,00"),
            ("one hundred and sixty-one", 161.0, "one hundred and sixty-one"),
            ("two hundred and two thousand", 202000.0, "two hundred and two thousand"),
            ("two  thousand  and  two hundred", 2200.0, "two  thousand  and  two hundred"),
            ("twenty-one trillion and three hundred", 21000000000300.0, "twenty-one trillion and three hundred"),
            ("fifty - two", 52.0, "fifty - two"),
            ("322 hundred", 32200.0, "322 hundred"),
            ("3 hundred and 21 yuan", 321.0, "3 hundred and 21"),
            ("4 thousand 3 hundred and 21", 4321.0, "4 thousand 3 hundred and 21"),
            ("2.5 million people", 2500000.0, "2.5 million"),
            ("10k", 10000.0, "10k"),
            ("1.2b", 1200000000.0, "1.2b"),
            ("2.33 k", 2330.0, "2.33 k"),
            ("a dozen", 12.0, "a dozen"),
            ("three dozens", 36.0, "three dozens"),
            ("half a  dozen", 6.0, "half a  dozen"),
            ("two thirds", 2.0 / 3.0, "two thirds"),
            ("a hundredth", 0.01, "a hundredth"),
            ("five and a half million", 5500000.0, "five and a half million"),
            ("3 million and a half", 3500000.0, "3 million and a half"),
            ("one and a half", 1.5, "one and a half"),
            ("one hundred and three quarters", 100.75, "one hundred and three quarters"),
            ("two hundred point zero three", 200.03, "two hundred point zero three"),
            ("nine point nought four", 9.04, "nine point nought four"),
            ("1.3e6", 1300000.0, "1.3e6"),
            ("3/4", 0.75, "3/4"),
            ("2  1/4", 2.25, "2  1/4"),
            ("one over three", 1.0 / 3.0, "one over three"),
            ("1 234 567", 1234567.0, "1 234 567"),
            ("half million", 500000.0, "half million"),
            ("twenty-six people", 26.0, "twenty-six"),
        ];
        for (s, v, span) in cases {
            let got = val(s).unwrap_or_else(|| panic!("{s}: nothing read"));
            assert!((got.0 - v).abs() <= 1e-6 * v.abs().max(1.0), "{s}: {} not {v}", got.0);
            assert_eq!(&got.1, span, "{s}");
        }
    }

    #[test]
    fn not_numbers() {
        for s in ["a", "an", "dozen", "and"] {
            assert!(val(s).is_none(), "{s}");
        }
        let mut lower = String::new();
        let t = Toks::new("3 hundred and 2 hundred", &mut lower);
        assert_eq!(read(&t, 0).map(|n| n.value), Some(300.0));
        let mut lower = String::new();
        let t = Toks::new("192.168.1.2", &mut lower);
        assert!(read(&t, 0).is_none());
        assert_eq!(split_run(&t, 0).map(|v| v.len()), Some(4));
    }
}
