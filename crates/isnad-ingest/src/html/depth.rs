//! A bound on how deep a page nests, applied before parsing. The HTML parser checks
//! element scopes by walking its stack of open elements, so a page nested 100,000 deep
//! costs it quadratic time; no article nests more than a few dozen deep. Tags deeper
//! than the limit are dropped (their text stays, in their ancestor), in one linear
//! pass over the markup.

use std::borrow::Cow;
use std::collections::HashMap;

/// Elements that never hold others.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
/// Elements a parser closes by itself when the next one opens (an old page writes
/// `<p>` without `</p>` hundreds of times): not counted as depth.
const SELF_CLOSING: &[&str] = &["p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "rt", "rp"];
/// Elements whose content is raw text, not markup.
const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript", "plaintext"];

/// The page with tags nested deeper than `max` removed; borrowed when none are.
pub(crate) fn flatten(html: &str, max: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already copied to `out`
    let mut open: Vec<String> = Vec::new();
    let mut count: HashMap<String, usize> = HashMap::new();
    let mut overflow: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + p;
        i = lt + 1;
        if b[i..].starts_with(b"!--") {
            i = memchr::memmem::find(&b[i..], b"-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let end_tag = b.get(i) == Some(&b'/');
        let name_at = if end_tag { i + 1 } else { i };
        let name_len = b[name_at..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count();
        if name_len == 0 || !b[name_at].is_ascii_alphabetic() {
            continue;
        }
        let name = html[name_at..name_at + name_len].to_ascii_lowercase();
        let gt = memchr::memchr(b'>', &b[name_at..]).map_or(b.len(), |e| name_at + e + 1);
        let self_closed = gt >= 2 && b[gt - 2] == b'/';
        i = gt;
        if !end_tag && RAW.contains(&name.as_str()) {
            // Skip to the matching end tag: its content may hold anything.
            let close = format!("</{name}");
            let mut k = gt;
            i = b.len();
            while let Some(q) = memchr::memchr(b'<', &b[k..]) {
                let at = k + q;
                if b[at..].len() >= close.len() && b[at..at + close.len()].eq_ignore_ascii_case(close.as_bytes()) {
                    i = at;
                    break;
                }
                k = at + 1;
            }
            continue;
        }
        if VOID.contains(&name.as_str()) || SELF_CLOSING.contains(&name.as_str()) || self_closed {
            continue;
        }
        let drop = if end_tag {
            if let Some(n) = overflow.get_mut(&name).filter(|n| **n > 0) {
                *n -= 1;
                true
            } else {
                if count.get(&name).is_some_and(|&n| n > 0) {
                    // Close up to the matching element (each pop undoes one push).
                    while let Some(top) = open.pop() {
                        if let Some(c) = count.get_mut(&top) {
                            *c -= 1;
                        }
                        if top == name {
                            break;
                        }
                    }
                }
                false
            }
        } else if open.len() >= max {
            *overflow.entry(name).or_default() += 1;
            true
        } else {
            *count.entry(name.clone()).or_default() += 1;
            open.push(name);
            false
        };
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..lt]);
            // A space keeps the words on either side of the dropped tag apart.
            o.push(' ');
            copied = gt.min(html.len());
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let h = "<html><body><div><p>نص <b>عريض</b><p>ثان</div><script>if (a<b) x='</div>'</script></body></html>";
        assert!(matches!(flatten(h, 8), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_at_the_limit_and_text_kept() {
        let h = "<div>".repeat(10) + "كلمة" + &"</div>".repeat(10);
        let f = flatten(&h, 4);
        assert_eq!(f.matches("<div>").count(), 4);
        assert_eq!(f.matches("</div>").count(), 4);
        assert!(f.contains("كلمة"));
    }
}
