//! Quotation regions. Quote characters fold to `"` in the text layer, and news sites
//! mix `“ ”`, `« »` and ASCII quotes, often with `“`/`”` swapped in right-to-left text, so
//! direction comes from the quote's shape (space before and a word glued after opens;
//! glued before and space or punctuation after closes), falling back to toggling.
//! A quotation never runs past its paragraph: one left open closes at the line's end.

use isnad_text::{Analyzed, TokKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Region {
    /// Token index of the opening quote.
    pub open: usize,
    /// Token index of the closing quote, or of the first token after the paragraph.
    pub close: usize,
}

impl Region {
    /// Tokens strictly inside.
    pub fn inner(&self) -> usize {
        self.close.saturating_sub(self.open + 1)
    }
    pub fn contains(&self, i: usize) -> bool {
        i > self.open && i < self.close
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Quotes {
    regions: Vec<Region>,
    /// Token indices of `(`: acronym definitions are looked for only there.
    pub parens: Vec<usize>,
}

impl Quotes {
    pub fn find(doc: &Analyzed<'_>) -> Quotes {
        let toks = &doc.tokens;
        let mut regions = Vec::new();
        let mut parens = Vec::new();
        let mut depth = 0usize;
        let mut open = 0usize;
        for i in 0..toks.len() {
            let t = &toks[i];
            if t.newlines_before > 0 && depth > 0 {
                regions.push(Region { open, close: i });
                depth = 0;
            }
            if t.kind != TokKind::Punct {
                continue;
            }
            match doc.norm(i) {
                "\"" => {}
                "(" => {
                    parens.push(i);
                    continue;
                }
                _ => continue,
            }
            let c = doc.orig(i).chars().next().unwrap_or('"');
            let next = toks.get(i + 1).filter(|n| n.newlines_before == 0);
            let glued_after = next.is_some_and(|n| !n.space_before && n.kind != TokKind::Punct);
            let glued_before = !t.space_before && i > 0 && t.newlines_before == 0;
            let opens = c == '«' || (c != '»' && glued_after && !glued_before);
            let closes = c == '»' || (c != '«' && glued_before && !glued_after);
            if depth == 0 {
                // anything but a clear closer opens (a stray closer is dropped)
                if !closes || opens {
                    depth = 1;
                    open = i;
                }
            } else if opens && !closes {
                depth += 1;
            } else {
                depth -= 1;
                if depth == 0 {
                    regions.push(Region { open, close: i });
                }
            }
        }
        if depth > 0 {
            regions.push(Region { open, close: toks.len() });
        }
        Quotes { regions, parens }
    }

    /// The outermost quotation holding token `i`.
    pub fn at(&self, i: usize) -> Option<Region> {
        let k = self.regions.partition_point(|r| r.open < i);
        k.checked_sub(1).map(|k| self.regions[k]).filter(|r| r.contains(i))
    }

    /// The quotation opened by the quote token `i`.
    pub fn opened_at(&self, i: usize) -> Option<Region> {
        let k = self.regions.partition_point(|r| r.open < i);
        self.regions.get(k).copied().filter(|r| r.open == i)
    }

    /// The quotation closed by the quote token `i`.
    pub fn closed_at(&self, i: usize) -> Option<Region> {
        let k = self.regions.partition_point(|r| r.open < i);
        k.checked_sub(1).map(|k| self.regions[k]).filter(|r| r.close == i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_text::analyze;

    fn quoted(s: &str) -> Vec<String> {
        let d = analyze(s);
        let q = Quotes::find(&d);
        q.regions.iter().filter(|r| r.inner() > 0).map(|r| d.span_text(r.open + 1, r.close - 1).to_string()).collect()
    }

    #[test]
    fn regions_follow_shape_not_glyph() {
        let cases: [(&str, &[&str]); 6] = [
            ("قال: “نحن هنا” ثم مضى", &["نحن هنا"]),
            ("قال: ”نحن هنا” ثم مضى", &["نحن هنا"]),
            ("وصفها بأنها «كارثة» كبرى", &["كارثة"]),
            ("تحدثت \"قسد\" عن \"الحسم\" أمس", &["قسد", "الحسم"]),
            ("قال: “قالوا لنا: “عودوا” بغضب”. ثم", &["قالوا لنا: “عودوا” بغضب"]),
            ("قال: \"لم يبق أحد\nسطر آخر", &["لم يبق أحد"]),
        ];
        for (s, want) in cases {
            assert_eq!(quoted(s), want.iter().map(|x| x.to_string()).collect::<Vec<_>>(), "{s}");
        }
    }

    #[test]
    fn lookup_finds_the_enclosing_region() {
        let d = analyze("قال: “عددهم 300 شخص” انتهى");
        let q = Quotes::find(&d);
        let i = (0..d.tokens.len()).find(|&i| d.norm(i) == "300").unwrap();
        assert!(q.at(i).is_some());
        assert!(q.at(0).is_none());
        assert!(q.at(d.tokens.len() - 1).is_none());
    }
}
