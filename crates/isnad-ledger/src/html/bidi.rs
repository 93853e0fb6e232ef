//! Direction: every run of the other direction inside a text is isolated, so that a
//! date (`2017-10-12`), a URL (`?ID=31581`), a file name (`raqqa_001.txt`) or a Latin
//! name inside Arabic keeps its own order, and an Arabic name inside English its own.

use super::i18n::Lang;
use maud::{html, Markup};

fn is_arabic(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

fn is_latin_start(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c as u32, 0x00C0..=0x024F)
}

/// Characters a left-to-right run carries on through (inside URLs, dates, file names).
fn is_ltr_inner(c: char) -> bool {
    !c.is_whitespace()
        && !is_arabic(c)
        && !matches!(c, '،' | '؛' | '«' | '»' | '(' | ')' | '[' | ']')
        && (c.is_ascii() || matches!(c as u32, 0x00C0..=0x024F | 0x2010..=0x2015))
}

/// Punctuation that ends a sentence rather than belonging to the run before it.
fn is_trailing(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '"' | '\'' | '…')
}

/// Splits `s` into `(text, isolated)` runs: in right-to-left text, the runs of Latin
/// letters, digits and the punctuation inside them (a URL is one run however much
/// Arabic its path holds); in left-to-right text, runs of Arabic words.
pub fn runs(s: &str, rtl: bool) -> Vec<(&str, bool)> {
    let mut out: Vec<(&str, bool)> = Vec::new();
    let mut plain = 0usize; // start of the pending plain run
    let mut i = 0usize;
    while i < s.len() {
        let Some(c) = s[i..].chars().next() else { break };
        let start = i;
        let end = if rtl {
            if s[i..].starts_with("http://") || s[i..].starts_with("https://") || s[i..].starts_with("www.") {
                // A URL runs to the next space, Arabic letters of its path included.
                let e = s[i..].find(char::is_whitespace).map_or(s.len(), |k| i + k);
                Some(e)
            } else {
                let next_latin = s[i + c.len_utf8()..].chars().next().is_some_and(is_latin_start);
                if is_latin_start(c) || (matches!(c, '?' | '#' | '/' | '_' | '-' | '+' | '.' | '…') && next_latin) {
                    let mut e = i + c.len_utf8();
                    while let Some(d) = s[e..].chars().next() {
                        if is_ltr_inner(d) {
                            e += d.len_utf8();
                        } else if d == ' '
                            && s[e + 1..].chars().next().is_some_and(|x| x.is_ascii_alphabetic())
                            && s[start..e].chars().any(|x| x.is_ascii_alphabetic())
                        {
                            // "Al Jazeera", "Reuters News": Latin words joined by spaces.
                            e += 1;
                        } else {
                            break;
                        }
                    }
                    Some(e)
                } else {
                    None
                }
            }
        } else if is_arabic(c) {
            let mut e = i + c.len_utf8();
            while let Some(d) = s[e..].chars().next() {
                let joins = d == ' ' && s[e + 1..].chars().next().is_some_and(is_arabic);
                if is_arabic(d) || joins {
                    e += d.len_utf8();
                } else {
                    break;
                }
            }
            Some(e)
        } else {
            None
        };
        match end {
            Some(mut e) => {
                while e > start + 1 {
                    let Some(last) = s[..e].chars().next_back() else { break };
                    if is_trailing(last) {
                        e -= last.len_utf8();
                    } else {
                        break;
                    }
                }
                if plain < start {
                    out.push((&s[plain..start], false));
                }
                out.push((&s[start..e], true));
                i = e;
                plain = e;
            }
            None => i += c.len_utf8(),
        }
    }
    if plain < s.len() {
        out.push((&s[plain..], false));
    }
    out
}

/// `s` with every run of the other direction in a `<bdi>`: on an Arabic page the Latin
/// and numeric runs (left to right), on an English page the Arabic ones.
pub fn iso(s: &str, lang: Lang) -> Markup {
    let rtl = lang == Lang::Ar;
    iso_dir(s, rtl)
}

/// [`iso`] for text that cannot hold elements (an `<option>`): each run of the other
/// direction between U+2066/U+2067 and U+2069 (isolates written in the text itself).
pub fn iso_text(s: &str, lang: Lang) -> String {
    let rtl = lang == Lang::Ar;
    let open = if rtl { '\u{2066}' } else { '\u{2067}' };
    let mut out = String::with_capacity(s.len() + 8);
    for (t, isolated) in runs(s, rtl) {
        if isolated {
            out.push(open);
            out.push_str(t);
            out.push('\u{2069}');
        } else {
            out.push_str(t);
        }
    }
    out
}

/// [`iso`] for a text whose own direction is known (a document's sentence).
pub fn iso_dir(s: &str, rtl: bool) -> Markup {
    html! {
        @for (t, isolated) in runs(s, rtl) {
            @if isolated {
                // Dates and numbers are kept on one line; URLs and names may wrap.
                @if t.len() <= 24 && !t.bytes().any(|b| b.is_ascii_alphabetic()) {
                    bdi.nw dir=(if rtl { "ltr" } else { "rtl" }) { (t) }
                } @else {
                    bdi dir=(if rtl { "ltr" } else { "rtl" }) { (t) }
                }
            } @else { (t) }
        }
    }
}

/// A text of ours whose other-direction runs are all proper names (the rule's
/// `Airwars`, `UCDP` in Arabic): each isolated and marked `translate="no"`.
pub fn iso_names(s: &str, lang: Lang) -> Markup {
    let rtl = lang == Lang::Ar;
    html! {
        @for (t, isolated) in runs(s, rtl) {
            @if isolated { bdi dir=(if rtl { "ltr" } else { "rtl" }) translate="no" { (t) } } @else { (t) }
        }
    }
}

/// A proper name, title, outlet, URL or key from the documents: never translated
/// (`translate="no"`), its direction its own, its inner runs isolated.
pub fn name(s: &str, lang: Lang) -> Markup {
    html! { bdi.name translate="no" dir="auto" { (iso(s, lang)) } }
}

/// A left-to-right datum (URL, file name, id, ISO date) shown as one isolated run.
pub fn ltr(s: &str) -> Markup {
    html! { bdi.ltr dir="ltr" translate="no" { (s) } }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn isolated(s: &str, rtl: bool) -> Vec<&str> {
        runs(s, rtl).into_iter().filter(|r| r.1).map(|r| r.0).collect()
    }

    #[test]
    fn latin_and_numeric_runs_inside_arabic_are_isolated() {
        assert_eq!(isolated("نُشر في 12-10-2017 عن الرقة.", true), vec!["12-10-2017"]);
        assert_eq!(isolated("الرابط https://example.com/خبر?ID=5 هنا", true), vec!["https://example.com/خبر?ID=5"]);
        assert_eq!(isolated("الملف raqqa_001.txt.", true), vec!["raqqa_001.txt"]);
        assert_eq!(isolated("المعرّف ?ID=31581&cat=2 في", true), vec!["?ID=31581&cat=2"]);
        assert_eq!(isolated("قالت Al Jazeera إن", true), vec!["Al Jazeera"]);
        assert_eq!(isolated("لا شيء", true), Vec::<&str>::new());
        // Nothing is lost or reordered.
        let s = "قال (BBC) إن 4,000 غادروا، www.x.org/ا.";
        assert_eq!(runs(s, true).iter().map(|r| r.0).collect::<String>(), s);
    }

    #[test]
    fn arabic_runs_inside_english_are_isolated() {
        assert_eq!(isolated("place الرقة الشمالية, 2017", false), vec!["الرقة الشمالية"]);
        assert_eq!(isolated("no arabic here", false), Vec::<&str>::new());
    }
}
