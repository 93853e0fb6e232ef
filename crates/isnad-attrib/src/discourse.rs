//! The pass over sentences: resolves pronoun subjects from the sentences before,
//! finds the owner of each quotation, and picks the event that governs a quantity.
//!
//! Only sentences holding quantities and a short window before each are analysed, in
//! document order, so the pass stays linear and leaves quantity-free text untouched.

use crate::ctx::Ctx;
use crate::events::{Event, Kind, Who};
use crate::lexicon::{Gender, NominalKind, Role};

fn gender_slot(g: Option<Gender>) -> usize {
    match g {
        None => 0,
        Some(Gender::Masculine) => 1,
        Some(Gender::Feminine) => 2,
    }
}
use crate::mention::Np;

/// Sentences looked at before a quantity's sentence to find who "he" is.
const WINDOW: usize = 6;
/// A quotation longer than this many tokens is speech, not a quoted name or phrase.
const MAX_NAME_QUOTE: usize = 3;

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Attribution {
    pub speaker: Option<Np>,
    pub cue: Option<(usize, usize)>,
    pub source: Option<Np>,
    pub deny: bool,
}

pub(crate) struct Discourse<'c, 'd, 'a> {
    c: &'c Ctx<'d, 'a>,
    /// Events of each sentence looked at, as found (pronoun subjects unresolved), by
    /// sentence index.
    raw: Vec<Option<Vec<Event>>>,
    /// Sentences whose pronoun subjects are resolved (in `raw`).
    resolved: Vec<bool>,
}

impl<'c, 'd, 'a> Discourse<'c, 'd, 'a> {
    pub fn new(c: &'c Ctx<'d, 'a>) -> Self {
        let n = c.doc.sentences.len();
        Discourse { c, raw: vec![None; n], resolved: vec![false; n] }
    }

    /// Every party named in the sentences looked at so far.
    pub fn named(&self) -> impl Iterator<Item = Np> + '_ {
        self.raw.iter().flatten().flatten().filter_map(|e| match e.who {
            Who::Named(np) => Some(np),
            _ => None,
        })
    }

    fn raw(&mut self, s: usize) -> &[Event] {
        let c = self.c;
        match self.raw.get_mut(s) {
            Some(slot) => slot.get_or_insert_with(|| c.events(s)),
            None => &[],
        }
    }

    /// The current speaker when sentence `s` starts: the last party named by a reporting
    /// verb within [`WINDOW`] sentences before, looking back only as far as needed. With
    /// a gender (the pronoun verb's), a party its own verb gave the other gender is
    /// passed over (`قالت الوزارة ... وقال المرصد ... وأضافت`), unless no party agrees.
    fn last_in(&mut self, s: usize, gender: Option<Gender>) -> Option<Np> {
        let c = self.c;
        let mut any = None;
        for k in (s.saturating_sub(WINDOW)..s).rev() {
            // a pronoun subject refers further back, so only a named party ends the search
            for e in self.raw(k).iter().rev() {
                if !matches!(e.kind, Kind::Verb | Kind::BackRef | Kind::Masdar) {
                    continue;
                }
                let Who::Named(np) = e.who else { continue };
                let theirs = c.verb_gender(e.at);
                if gender.is_none() || theirs.is_none() || theirs == gender {
                    return Some(np);
                }
                any = any.or(Some(np));
            }
        }
        any
    }

    /// The events of sentence `s` with every speaker resolved.
    fn info(&mut self, s: usize) -> &[Event] {
        if s >= self.resolved.len() {
            return &[];
        }
        if !self.resolved[s] {
            self.raw(s);
            let needs_context =
                self.raw[s].iter().flatten().any(|e| e.who == Who::Implicit && e.kind != Kind::Participle);
            // the speaker before this sentence, by the gender a pronoun verb asks for
            let mut before: [Option<Option<Np>>; 3] = [None; 3];
            if needs_context {
                let genders: Vec<Option<Gender>> = self.raw[s]
                    .iter()
                    .flatten()
                    .filter(|e| e.who == Who::Implicit && e.kind != Kind::Participle)
                    .map(|e| self.c.verb_gender(e.at))
                    .collect();
                for g in genders {
                    let slot = gender_slot(g);
                    if before[slot].is_none() {
                        before[slot] = Some(self.last_in(s, g));
                    }
                }
            }
            let c = self.c;
            let mut cur: Option<Np> = None;
            // the relay of the speaker in `cur` (`قالت X لعنب بلدي ..., موضحة أن`)
            let mut cur_source: Option<Np> = None;
            // `last_in` reads only `who`, so speakers can be filled in place
            for e in self.raw[s].iter_mut().flatten() {
                let last_in = if needs_context && e.who == Who::Implicit && e.kind != Kind::Participle {
                    before[gender_slot(c.verb_gender(e.at))].flatten()
                } else {
                    None
                };
                e.speaker = match (e.kind, e.who) {
                    (_, Who::Named(np)) => Some(np),
                    (_, Who::Nobody) => None,
                    (Kind::Participle, Who::Implicit) => cur,
                    (_, Who::Implicit) => cur.or(last_in),
                };
                // a speaker carried within the sentence keeps its relay
                if e.who == Who::Implicit && cur.is_some() && e.speaker == cur && e.source.is_none() {
                    e.source = cur_source;
                }
                if matches!(e.kind, Kind::Verb | Kind::BackRef | Kind::Masdar) && e.speaker.is_some() {
                    cur = e.speaker;
                    cur_source = e.source;
                }
            }
            self.resolved[s] = true;
        }
        self.raw[s].as_deref().unwrap_or(&[])
    }

    /// Attribution of the quantity spanning tokens `qa..qb`.
    pub fn assign(&mut self, qa: usize, qb: usize) -> Attribution {
        let s = self.c.doc.sentence_of(qa);
        let mut a = None;
        if let Some(r) = self.c.quotes.at(qa).filter(|r| r.inner() > MAX_NAME_QUOTE) {
            if let Some(mut q) = self.quote_owner(r) {
                q.deny = self.negated_before(qa, self.c.sentence(s).0);
                a = Some(q);
            }
        }
        let mut a = a.unwrap_or_else(|| self.in_sentence(s, qa, qb));
        if a.speaker.is_none() {
            if let Some(np) = self.line_label(qa) {
                a.speaker = Some(np);
                a.source = None;
            }
        }
        a
    }

    /// Rule `line-label-speaker`: a line (a headline most often) that opens with a party
    /// and a colon, `وزارة الصحة: 40 قتيلاً في القصف`, gives its figures to that party
    /// when nothing in the sentence attributes them. The party must span the whole
    /// stretch from the line's start to the colon (at most six tokens) and look like a
    /// party: `ملاحظة:` or `الحصيلة:` name nobody.
    fn line_label(&self, qa: usize) -> Option<Np> {
        let c = self.c;
        let toks = &c.doc.tokens;
        // the line's first token: sentences break at newlines, so walk back by sentence
        // starts (a few per line) rather than over a long paragraph's tokens or bytes
        let mut s = c.doc.sentence_of(qa);
        let mut start = c.sentence(s).0;
        while start > 0 && toks[start].newlines_before == 0 && s > 0 {
            s -= 1;
            start = c.sentence(s).0;
        }
        // a headline's label comes in its first words: a figure far into a long line
        // is not under one
        if qa > start + 40 {
            return None;
        }
        let colon = (start..qa.min(start + 7)).find(|&k| c.punct(k) == Some(':'))?;
        if colon == start {
            return None;
        }
        let np = c.np_forward(start, 0, colon)?;
        // an institution named by its field and a nisba adjective (الدفاع المدني، الصحة
        // العالمية) is a party too, unless it is a toll or a count (الحصيلة النهائية)
        let nisba = np.b - np.a == 2 && {
            let (h, adj) = (c.n(np.a), c.n(np.a + 1));
            h.starts_with("ال")
                && adj.starts_with("ال")
                && (adj.ends_with('ي') || adj.ends_with('ه'))
                && !c.lx.is(Role::TotalNoun, h)
        };
        (np.a == start && np.b == colon && (np.party_like() || nisba)).then_some(np)
    }

    /// Who speaks a quotation: the cue that opens it, a cue placed right after it, a
    /// sentence that claims it, or, for a quotation standing alone, the current speaker.
    fn quote_owner(&mut self, r: crate::quotes::Region) -> Option<Attribution> {
        let c = self.c;
        let so = c.doc.sentence_of(r.open);
        let opener = self
            .info(so)
            .iter()
            .rev()
            .find(|e| e.at < r.open && r.open < e.scope_end && !matches!(e.kind, Kind::Nominal(_)))
            .copied();
        if let Some(e) = opener {
            return Some(Attribution { speaker: e.speaker, cue: Some(e.cue), source: e.source, deny: false });
        }
        if r.close < c.len() {
            let sc = c.doc.sentence_of(r.close);
            let (_, hi) = c.sentence(sc);
            let mut k = r.close + 1;
            while k < hi && matches!(c.punct(k), Some('،' | ',' | '.' | '-' | '–')) {
                k += 1;
            }
            let after =
                self.info(sc).iter().find(|e| e.at == k && matches!(e.who, Who::Named(np) if np.a > e.at)).copied();
            if let Some(e) = after {
                return Some(Attribution { speaker: e.speaker, cue: Some(e.cue), source: e.source, deny: false });
            }
            if k >= hi && sc + 1 < c.doc.sentences.len() {
                let next = self.info(sc + 1).first().filter(|e| e.kind == Kind::BackRef).copied();
                if let Some(e) = next {
                    return Some(Attribution { speaker: e.speaker, cue: Some(e.cue), source: e.source, deny: false });
                }
            }
        }
        let (lo, _) = c.sentence(so);
        if (lo..r.open).all(|k| c.punct(k).is_some()) {
            return Some(Attribution { speaker: self.last_in(so, None), cue: None, source: None, deny: false });
        }
        None
    }

    fn in_sentence(&mut self, s: usize, qa: usize, qb: usize) -> Attribution {
        let (lo, _) = self.c.sentence(s);
        self.info(s);
        let info: &[Event] = self.raw.get(s).and_then(Option::as_deref).unwrap_or(&[]);
        let inside = |e: &Event| matches!(e.who, Who::Named(np) if np.a <= qa && qa < np.b);
        let verbal = info
            .iter()
            .rev()
            .find(|e| {
                matches!(e.kind, Kind::Verb | Kind::Participle | Kind::Masdar | Kind::BackRef)
                    && e.at < qa
                    && qa < e.scope_end
                    && !e.postposed
                    && !inside(e)
                    // `وقال 3 مسؤولين`: the figure is the speakers themselves
                    && !(matches!(e.who, Who::Implicit) && qa == e.at + 1)
            })
            .copied();
        let nominal = info
            .iter()
            .filter(|e| matches!(e.kind, Kind::Nominal(_)) && !inside(e) && qa < e.scope_end)
            .filter(|e| e.at > qa || e.at + 12 > qa || (e.at..qa).all(|k| !self.c.is_clause_break(k)))
            .min_by_key(|e| e.at.abs_diff(qa))
            .copied();
        let post = info.iter().find(|e| e.postposed && e.at >= qb).copied();

        let mut a = Attribution::default();
        match (verbal, nominal) {
            (Some(v), Some(n)) if n.kind == Kind::Nominal(NominalKind::Relay) && n.at > v.at => {
                // `ويروي التقرير، نقلاً عن سائقين، أن ...`
                a.speaker = n.speaker;
                a.cue = Some(n.cue);
                a.source = v.speaker.or(v.source);
            }
            (Some(v), n) => {
                a.speaker = v.speaker;
                a.cue = Some(v.cue);
                a.source = v.source;
                if let Some(n) = n {
                    if v.speaker.is_none() {
                        a.speaker = n.speaker;
                        a.cue = Some(n.cue);
                    } else if a.source.is_none() && n.speaker != v.speaker && !self.figure_between(n.at, v.at) {
                        a.source = n.speaker;
                    }
                }
            }
            (None, Some(n)) => {
                a.speaker = n.speaker;
                a.cue = Some(n.cue);
                a.source = n.source;
                if n.kind == Kind::Nominal(NominalKind::Statement) && n.speaker.is_some_and(|np| np.is_outlet()) {
                    a.source = n.speaker;
                    a.speaker = None;
                    a.cue = None;
                }
            }
            (None, None) => {
                if let Some(p) = post {
                    a.speaker = p.speaker;
                    a.cue = Some(p.cue);
                    a.source = p.source;
                }
            }
        }
        let governing = verbal.or(post);
        a.deny = self.denied(governing.as_ref(), qa, lo);
        a
    }

    /// The speaker denies the figure: it sits in the content of a denial verb, a report
    /// is negated (`لم يؤكد`), or a denial phrase or negation stands right before it.
    fn denied(&self, e: Option<&Event>, qa: usize, lo: usize) -> bool {
        let c = self.c;
        if let Some(e) = e {
            if e.negated {
                return !e.deny;
            }
            if e.deny && qa >= e.comp {
                let end =
                    (e.comp + 1..qa + 1).find(|&k| (c.is_comma(k) || c.is_clause_break(k)) && c.quotes.at(k).is_none());
                if end.is_none() {
                    return true;
                }
            }
        }
        // the clause holding the figure
        let mut from = qa;
        while from > lo && !c.is_comma(from - 1) && !c.is_clause_break(from - 1) {
            from -= 1;
        }
        for k in from..qa {
            let w = c.n(k);
            let next = c.n(k + 1);
            if c.lx.denial_pair(w, next) {
                return true;
            }
        }
        self.negated_before(qa, lo)
    }

    /// Rule `nominal-own-figure`: `بحسب رويترز، فإن عدد القتلى بلغ 27، بينما أفادت X
    /// بسقوط 35`: an "according to" cue whose own clause has given a figure before the
    /// verb is that figure's attribution, not the verb's relay (as it is in `بحسب
    /// رويترز، قال X إن ...`).
    fn figure_between(&self, nominal: usize, verb: usize) -> bool {
        nominal < verb && (nominal + 1..verb).any(|k| self.c.is_blocked(k))
    }

    /// `وليست حافلة واحدة`: a negation right before the figure denies it (`لم يغادر سوى`
    /// has `سوى` in between and asserts a small number).
    fn negated_before(&self, qa: usize, lo: usize) -> bool {
        qa > lo && self.c.is(Role::Negator, qa - 1)
    }
}
