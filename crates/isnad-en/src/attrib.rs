//! English attribution: who gave each figure.
//!
//! Per sentence (and per clause where `, while` / `, but` / `;` coordinate two), in this
//! order: a figure inside a quotation belongs to the quotation's speaker (`"…," he said`,
//! `"…," said X`); a clause that ends in an attribution (`…, the charity said on
//! Saturday.`) belongs to its subject; `according to X` makes X the speaker of its
//! sentence; `X quoted Y as saying` makes Y the speaker and X the source; otherwise the
//! first reporting verb before the figure (`said`, `told`, `puts the toll at`, `denied`)
//! gives its subject, appositions skipped (`X, a spokesman for Y, said`) and relative
//! pronouns resolved (`Iran, which raised the toll to 136`). Pronouns take the last
//! named speaker. A line `— Name (@handle)` signs the paragraph before it (an embedded
//! post). A sentence on "the number" or "the toll" with no verb of saying continues the
//! sentence before it.

use super::lexicon::{lexicon, Cue};
use super::quantity::Draft;
use super::token::{Toks, K};

use isnad_model::{Party, Stance};
use std::sync::OnceLock;

#[derive(Debug, Clone, Default)]
pub struct Said {
    pub speaker: Option<Party>,
    pub cue: Option<String>,
    pub stance: Option<Stance>,
    pub source: Option<Party>,
}

/// Sentences as token ranges [start, end).
pub fn sentences(t: &Toks) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = 0;
    // (every token of the text passes here: walked as a slice, not by index)
    for (i, tok) in t.t.iter().enumerate() {
        if i > s && tok.nl > 0 {
            out.push((s, i));
            s = i;
            continue;
        }
        let end_mark = tok.is_sym('.') || tok.is_sym('!') || tok.is_sym('?');
        if !end_mark || i + 1 >= t.len() {
            continue;
        }
        // closing quotes after the mark stay with the sentence
        let mut j = i + 1;
        while j < t.len() && (t.sym(j, '"') || t.sym(j, '”') || t.sym(j, '’') || t.sym(j, ')')) && t.glued(j - 1) {
            j += 1;
        }
        if j >= t.len() {
            break;
        }
        if t.t[j].nl > 0 {
            continue;
        }
        let next_starts =
            (t.is_word(j) && t.t[j].cap) || t.is_num(j) || t.sym(j, '"') || t.sym(j, '“') || t.sym(j, '‘');
        if t.sym(i, '.') && is_abbreviation(t, i) {
            continue;
        }
        if next_starts && !t.glued(j - 1) {
            out.push((s, j));
            s = j;
        }
    }
    if s < t.len() {
        out.push((s, t.len()));
    }
    out
}

/// A period that ends an abbreviation (`U.S.`, `Mr.`, `Aug.`), not a sentence.
fn is_abbreviation(t: &Toks, i: usize) -> bool {
    if i == 0 || !t.glued(i - 1) {
        return false;
    }
    let w = t.raw(i - 1);
    if w.chars().count() == 1 && w.chars().all(char::is_uppercase) {
        return true;
    }
    matches!(
        t.low(i - 1),
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "gen"
            | "col"
            | "lt"
            | "sgt"
            | "capt"
            | "maj"
            | "prof"
            | "rev"
            | "st"
            | "jan"
            | "feb"
            | "aug"
            | "sept"
            | "sep"
            | "oct"
            | "nov"
            | "dec"
            | "no"
            | "vs"
            | "co"
            | "inc"
            | "corp"
            | "jr"
            | "sr"
            | "gov"
            | "sen"
            | "rep"
    )
}

fn is_quote_open(t: &Toks, i: usize) -> bool {
    t.sym(i, '“')
        || (t.sym(i, '"') && (i + 1 < t.len() && t.glued(i)) && (i == 0 || !t.glued(i - 1) || t.sym(i - 1, '(')))
}

fn is_quote_close(t: &Toks, i: usize) -> bool {
    t.sym(i, '”') || (t.sym(i, '"') && i > 0 && t.glued(i - 1))
}

fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "it" | "we" | "i")
}

/// Words that open an apposition or a relative clause after a comma: the subject is
/// before them (`X, a spokesman for Y, said`; `X, which draws on …, says`).
fn opens_apposition(t: &Toks, i: usize) -> bool {
    let w = t.low(i);
    matches!(
        w,
        "a" | "an"
            | "who"
            | "which"
            | "whose"
            | "generally"
            | "its"
            | "his"
            | "her"
            | "their"
            | "as"
            | "also"
            | "widely"
            | "long"
    ) || (w == "the" && t.is_word(i + 1) && !t.t[i + 1].cap)
        // `Sources, speaking on condition of anonymity, said`
        || (w.len() > 5 && w.ends_with("ing") && !t.t[i].cap && matches!(t.low(i + 1), "on" | "from" | "for" | "to" | "in"))
}

fn is_boundary_word(w: &str) -> bool {
    matches!(w, "that" | "while" | "but" | "whereas" | "although" | "though" | "because" | "if")
}

/// Words that open an introductory phrase (`In pressing Congress …, the administration
/// said`): a segment they open is not the subject.
fn opens_intro(t: &Toks, i: usize) -> bool {
    let w = t.low(i);
    matches!(
        w,
        "in" | "on"
            | "at"
            | "after"
            | "before"
            | "despite"
            | "following"
            | "during"
            | "as"
            | "with"
            | "without"
            | "since"
            | "when"
            | "while"
            | "although"
            | "though"
            | "if"
            | "however"
            | "meanwhile"
            | "but"
            | "and"
            | "speaking"
            | "according"
    ) || (w.ends_with("ing") && !t.t[i].cap)
}

fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "is"
            | "was"
            | "were"
            | "are"
            | "will"
            | "would"
            | "did"
            | "does"
            | "do"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "should"
    )
}

/// A spaced hyphen or a dash: a break in the sentence like a comma.
fn is_dash(t: &Toks, k: usize) -> bool {
    t.sym(k, '—') || t.sym(k, '–') || (t.sym(k, '-') && k > 0 && !t.glued(k - 1) && !t.glued(k))
}

/// Words trimmed from the front of a subject: connectors and time phrases.
fn is_lead_word(t: &Toks, i: usize) -> bool {
    let w = t.low(i);
    matches!(
        w,
        "and"
            | "but"
            | "however"
            | "meanwhile"
            | "also"
            | "so"
            | "then"
            | "on"
            | "in"
            | "last"
            | "earlier"
            | "later"
            | "now"
            | "yet"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "morning"
            | "evening"
            | "night"
            | "afternoon"
            | "today"
            | "yesterday"
            | "week"
            | "moreover"
            | "separately"
            | "still"
            | "well"
    )
}

/// Words trimmed from the end of a subject: auxiliaries and adverbs before the verb.
fn is_tail_word(t: &Toks, i: usize) -> bool {
    let w = t.low(i);
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "is"
            | "was"
            | "were"
            | "are"
            | "also"
            | "would"
            | "will"
            | "did"
            | "does"
            | "do"
            | "previously"
            | "later"
            | "earlier"
            | "then"
            | "initially"
            | "first"
            | "now"
            | "again"
            | "separately"
            | "repeatedly"
            | "publicly"
            | "officially"
            | "been"
            | "not"
            | "strongly"
            | "could"
            | "can"
            | "may"
            | "might"
            | "nearly"
            | "almost"
            | "since"
            | "in"
            | "on"
            | "statement"
    ) || (w.ends_with("ly") && w.len() > 4 && !t.t[i].cap)
}

fn party(t: &Toks, a: usize, b: usize) -> Option<Party> {
    if a >= b {
        return None;
    }
    let (s, e) = (t.start(a), t.end(b - 1));
    // ids are resolved once per distinct name at the end of `attribute`
    Some(Party { text: t.text[s..e].to_string(), start: s, end: e, id: None })
}

/// Trims a subject span [a, b): leading connectors and time words, trailing auxiliaries
/// and punctuation.
fn trim(t: &Toks, mut a: usize, mut b: usize) -> (usize, usize) {
    loop {
        while a < b && (t.t[a].k == K::Sym || is_lead_word(t, a)) {
            a += 1;
        }
        // `On Thursday morning rebels`: a time phrase in front
        if a < b && t.low(a) == "in" {
            a += 1;
            continue;
        }
        break;
    }
    while b > a && (t.t[b - 1].k == K::Sym && !t.sym(b - 1, ')') || is_tail_word(t, b - 1)) {
        b -= 1;
    }
    (a, b)
}

/// The subject of the verb at `v`, looking back no further than `from`.
fn subject_before(t: &Toks, from: usize, v: usize) -> Option<(usize, usize)> {
    // segments split by commas, back from the verb
    let mut end = v;
    // `, who said`: the subject is the relative pronoun's antecedent
    let mut segs: Vec<(usize, usize)> = Vec::new();
    let mut a = v;
    while a > from {
        let k = a - 1;
        if t.sym(k, ',') || t.sym(k, '(') || t.sym(k, ';') || t.sym(k, ':') || is_dash(t, k) || is_quote_close(t, k) {
            segs.push((a, end));
            end = k;
            if t.sym(k, ';') || t.sym(k, ':') || is_quote_close(t, k) {
                a = k;
                break;
            }
        } else if t.is_word(k) && is_boundary_word(t.low(k)) && k + 1 < end {
            segs.push((a, end));
            end = k;
            a = k;
            break;
        }
        a -= 1;
    }
    if a == from && end > from {
        segs.push((from, end));
    }
    // the segment right before the verb, unless it is an apposition
    let mut pick: Option<(usize, usize)> = None;
    for (n, &(s, e)) in segs.iter().enumerate() {
        let (s2, e2) = trim(t, s, e);
        if s2 >= e2 {
            continue;
        }
        if matches!(t.low(s2), "who" | "which") && e2 == s2 + 1 {
            // the antecedent: the end of the next segment back
            if let Some(&(ps, pe)) = segs.get(n + 1) {
                return antecedent(t, ps, pe);
            }
            return None;
        }
        // an apposition does not end in an auxiliary (`…, the administration has asserted`),
        // and what stands before it must be a subject, not an introductory phrase
        let ends_aux = e > s && (s..e).rev().take(3).any(|k| is_auxiliary(t.low(k)));
        let before_is_intro = segs.get(n + 1).is_some_and(|&(ps, pe)| {
            let (p2, _) = trim(t, ps, pe);
            p2 < pe && opens_intro(t, ps.max(p2.min(ps)))
        });
        // and what it stands beside is a name, not a clause with a figure in it (`The
        // toll rose to 45, the ministry said`)
        let before_is_clause = segs.get(n + 1).is_some_and(|&(ps, pe)| (ps..pe).any(|k| t.is_num(k)));
        if n + 1 < segs.len() && opens_apposition(t, s2) && !ends_aux && !before_is_intro && !before_is_clause {
            continue;
        }
        if t.low(s2) == "as" && t.low(s2 + 1) == "well" {
            continue;
        }
        // `Reports that 1,200 had left, first published by X, were disputed`: a clause
        // that `that` opens is what is said, not who says it
        if t.low(s2) == "that" {
            return None;
        }
        pick = Some((s2, e2));
        break;
    }
    let (s, e) = pick?;
    // a long subject: its head is at its start (`The AP count of dead from the disaster`)
    let e = if e - s > 8 {
        (s + 2..e)
            .find(|&k| {
                is_dash(t, k)
                    || matches!(
                        t.low(k),
                        "from" | "in" | "at" | "on" | "with" | "who" | "which" | "that" | "after" | "since" | "during"
                    )
            })
            .unwrap_or(e.min(s + 12))
    } else {
        e
    };
    Some((s, e))
}

/// The noun phrase ending a segment: capitalised words, possessives and the
/// adjectives between them (`Saudi Arabia's regional rival Iran`).
fn antecedent(t: &Toks, s: usize, e: usize) -> Option<(usize, usize)> {
    let (s, e) = trim(t, s, e);
    if s >= e {
        return None;
    }
    let mut a = e;
    while a > s {
        let k = a - 1;
        let w = t.low(k);
        let stop = t.is_word(k)
            && !t.t[k].cap
            && matches!(
                w,
                "from"
                    | "by"
                    | "to"
                    | "with"
                    | "at"
                    | "on"
                    | "in"
                    | "of"
                    | "been"
                    | "is"
                    | "was"
                    | "has"
                    | "have"
                    | "against"
                    | "for"
                    | "and"
            );
        if stop || t.t[k].k == K::Sym && !t.sym(k, '’') && !t.sym(k, '\'') && !t.sym(k, '-') {
            break;
        }
        a -= 1;
    }
    (a < e).then_some((a, e))
}

/// The name after an inverted verb (`…," said Abbas Tijani, who escaped`).
fn subject_after(t: &Toks, v: usize, end: usize) -> Option<(usize, usize)> {
    let mut b = v + 1;
    // (the dot of a title is no stop: `said Dr. Ahmad Shah`)
    while b < end && !(t.sym(b, ',') || t.sym(b, '.') && !is_abbreviation(t, b) || t.sym(b, ';')) {
        if t.is_word(b)
            && matches!(
                t.low(b),
                "who" | "in" | "on" | "at" | "from" | "after" | "that" | "adding" | "calling" | "saying"
            )
            && b > v + 1
        {
            break;
        }
        b += 1;
    }
    let (a, b) = trim(t, v + 1, b);
    (a < b && b - a <= 10).then_some((a, b))
}

struct Ctx<'a, 'b> {
    t: &'b Toks<'a>,
    last_named: Option<Party>,
    last_subject: Option<Party>,
    /// The speakers named so far, latest last (a few: `the ministry` looks back for its own).
    named: Vec<Party>,
}

/// The longest name [`Ctx::resolve`] reads as a word it knows (`the organization`).
const SHORT_NAME: usize = 16;

/// `text` in ASCII lower case, in `buf`, when it is no longer than `buf`; else empty
/// (a name that long is none of the words it is compared with). Every speaker is asked
/// whether it is a pronoun: a `String` for each was most of what resolving it cost.
fn ascii_lowered_short<'b>(text: &str, buf: &'b mut [u8; SHORT_NAME]) -> &'b str {
    let Some(dst) = buf.get_mut(..text.len()) else { return "" };
    dst.copy_from_slice(text.as_bytes());
    dst.make_ascii_lowercase();
    std::str::from_utf8(dst).unwrap_or("")
}

/// How many named speakers `the ministry`, `the agency` look back through.
const NAMED_KEPT: usize = 8;

impl Ctx<'_, '_> {
    fn resolve(&self, p: Party) -> Party {
        let mut short = [0u8; SHORT_NAME];
        let w = ascii_lowered_short(&p.text, &mut short);
        // `the ministry` is the ministry named before, not whoever spoke last
        let head = match w {
            "the organisation" | "the organization" => Some("organi"),
            "the group" => Some("group"),
            "the agency" => Some("agency"),
            "the ministry" => Some("ministry"),
            _ => None,
        };
        if let Some(h) = head {
            let named = self
                .named
                .iter()
                .rev()
                .chain(&self.last_subject)
                .find(|n| n.text.to_ascii_lowercase().contains(h) && n.text.len() > p.text.len());
            return named.cloned().unwrap_or(p);
        }
        if is_pronoun(w) {
            let prefer_subject = matches!(w, "it" | "they" | "we");
            let named = if prefer_subject {
                self.last_subject.clone().or_else(|| self.last_named.clone())
            } else {
                self.last_named.clone().or_else(|| self.last_subject.clone())
            };
            if let Some(n) = named {
                return n;
            }
        }
        p
    }
}

fn span_party(c: &Ctx, span: Option<(usize, usize)>) -> Option<Party> {
    let (a, b) = span?;
    party(c.t, a, b).map(|p| c.resolve(p))
}

/// What attribution reads from every token of a sentence `[a, b)`, found in one pass
/// over it (three passes cost more than the three tests): its quotations (token ranges
/// [open, close]), its reporting verbs (token, cue) and its `according to X`.
struct Marks {
    quotes: Vec<(usize, usize)>,
    cues: Vec<(usize, Cue)>,
    according: Option<(usize, usize, usize)>,
}

fn marks(t: &Toks, a: usize, b: usize) -> Marks {
    let shapes = &lexicon().cue_shapes;
    let mut quotes = Vec::new();
    let mut open: Option<usize> = None;
    let mut cues = Vec::new();
    let mut according_at = None;
    for (i, tok) in (a..b).zip(&t.t[a..b]) {
        match tok.k {
            K::Sym => match open {
                None if is_quote_open(t, i) => open = Some(i),
                Some(o) if is_quote_close(t, i) && i > o => {
                    quotes.push((o, i));
                    open = None;
                }
                _ => {}
            },
            K::Word => {
                let w = t.low(i);
                if according_at.is_none() && w == "according" && t.low(i + 1) == "to" {
                    according_at = Some(i);
                }
                // the shapes turn away nearly every word: the rest of the test is out of
                // the loop, which then keeps its state in registers
                if shapes.may_hold(w) {
                    if let Some(c) = cue_at(t, a, b, i) {
                        cues.push((i, c));
                    }
                }
            }
            _ => {}
        }
    }
    Marks { quotes, cues, according: according_at.and_then(|i| according(t, i, b)) }
}

/// The cue the word at `i` of the sentence `[a, b)` is, if it is one (a reporting verb).
#[inline(never)]
fn cue_at(t: &Toks, a: usize, b: usize, i: usize) -> Option<Cue> {
    let lex = lexicon();
    let w = t.low(i);
    let &c = lex.cues.get(w)?;
    // `Reports that 1,200 had left … were disputed`: a plural noun opening its
    // sentence, what the sentence is about
    if i == a && t.t[i].cap && w.ends_with('s') && !matches!(w, "says" | "tells") && t.low(i + 1) == "that" {
        return None;
    }
    // a noun or adjective, not a verb: `the reports`, `its claim`, `confirmed counts of`,
    // `a range of estimates`; and hedges: `claimed to be`, `believed to have`
    let p = if i > a { t.low(i - 1) } else { "" };
    // After a word that also qualifies nouns (`official figures`), a past tense or
    // `says`/`tells` is still the verb: `a Red Crescent official told Reuters`.
    let verb_form = w.ends_with("ed") || matches!(w, "said" | "told" | "says" | "tells");
    if c != Cue::According
        && c != Cue::Relay
        && (matches!(
            p,
            "a" | "an" | "the" | "its" | "their" | "his" | "her" | "our" | "this" | "these" | "those" | "than" | "of"
        ) || (!verb_form
            && matches!(
                p,
                "other"
                    | "official"
                    | "opposition"
                    | "early"
                    | "new"
                    | "previous"
                    | "latest"
                    | "initial"
                    | "media"
                    | "news"
            ))
            || t.low(i + 1) == "to" && matches!(t.low(i + 2), "be" | "have")
            || (p.ends_with("ed") && lex.cue(p).is_some()))
    {
        return None;
    }
    match c {
        Cue::According if t.low(i + 1) != "to" => return None,
        // `put` as a cue only with what is counted: `puts the toll at`
        Cue::Count
            if matches!(w, "put" | "puts" | "putting") && !(i + 3 < b && (2..9).any(|k| t.low(i + k) == "at")) =>
        {
            return None
        }
        Cue::Count
            if w == "based"
                && !(t.low(i + 1) == "on" && matches!(t.low(i.wrapping_sub(1)), "is" | "was" | "are" | "were")) =>
        {
            return None
        }
        Cue::Count
            if matches!(w, "gave" | "gives" | "provided")
                && t.low(i + 1) != "a"
                && t.low(i + 1) != "the"
                && !t.is_num(i + 1) =>
        {
            return None
        }
        Cue::Count
            if matches!(w, "raised" | "raises" | "revised" | "doubled" | "lowered" | "updated")
                && !(i + 1..b.min(i + 9)).any(|k| {
                    matches!(t.low(k), "toll" | "number" | "figure" | "count" | "tally" | "total")
                        || (t.low(k) == "to" && t.is_num(k + 1))
                }) =>
        {
            return None
        }
        Cue::Say
            if matches!(w, "believed" | "believe" | "believes")
                && matches!(t.low(i.wrapping_sub(1)), "are" | "is" | "were" | "was" | "be") =>
        {
            return None
        }
        Cue::Say
            if matches!(
                w,
                "reported" | "claimed" | "estimated" | "confirmed" | "recorded" | "counted" | "documented"
            ) && matches!(t.low(i.wrapping_sub(1)), "are" | "is" | "were" | "was" | "be" | "been") =>
        {
            return None
        }
        Cue::Say if matches!(w, "reported" | "estimated") && i > a && t.is_num(i - 1) => return None,
        Cue::Say
            if w == "reported" && matches!(t.low(i + 1), "killed" | "dead" | "missing" | "injured" | "wounded") =>
        {
            return None
        }
        Cue::Say
            if matches!(w, "show" | "shows" | "showed")
                && !(a..i).any(|k| {
                    matches!(
                        t.low(k),
                        "figures"
                            | "count"
                            | "tally"
                            | "data"
                            | "records"
                            | "report"
                            | "statistics"
                            | "census"
                            | "survey"
                    )
                }) =>
        {
            return None
        }
        Cue::Say
            if matches!(
                w,
                "estimates" | "estimate" | "claims" | "claim" | "counts" | "reports" | "documents" | "show"
            ) && i > a
                && matches!(
                    t.low(i - 1),
                    "the" | "other" | "opposition" | "official" | "these" | "its" | "their" | "early"
                ) =>
        {
            return None
        }
        Cue::Say if w == "refers" => {}
        _ => {}
    }
    Some(c)
}

/// A clause ending in `, SUBJECT VERB [adverbials].`, or holding it between commas
/// before an appendix (`45 died, the ministry said in a statement, up from 31`;
/// `70 trucks entered, the ICRC said, adding that …`): (subject span, verb token). The
/// last comma is tried first, then the ones before it.
fn final_attribution(t: &Toks, a: usize, b: usize) -> Option<((usize, usize), usize, Cue)> {
    let mut end = b;
    while end > a && t.t[end - 1].k == K::Sym {
        end -= 1;
    }
    let mut seg_end = end;
    for comma in (a..end).rev().filter(|&k| t.sym(k, ',') || is_quote_close(t, k)) {
        if let Some(found) = attribution_after(t, comma, seg_end, b) {
            return Some(found);
        }
        seg_end = comma;
    }
    None
}

/// [`final_attribution`] for the segment `(comma, end)`.
fn attribution_after(t: &Toks, comma: usize, end: usize, b: usize) -> Option<((usize, usize), usize, Cue)> {
    let lex = lexicon();
    let tail = comma + 1;
    if tail >= end || end - tail > 16 {
        return None;
    }
    let v = (tail..end).find(|&k| t.is_word(k) && matches!(lex.cue(t.low(k)), Some(Cue::Say) | Some(Cue::Deny)))?;
    if matches!(t.low(v), "saying" | "adding" | "telling" | "reporting") {
        return None;
    }
    // nothing clausal after the verb: no `that`, no second verb of saying, no figure of
    // its own (`, and aid workers said over 70% …` says its own figure)
    if (v + 1..end).any(|k| {
        t.is_num(k) || matches!(t.low(k), "that" | "it" | "they" | "he" | "she" | "was" | "is" | "were" | "had" | "has")
    }) {
        return None;
    }
    if v == tail {
        // inverted: `, said Ali Marashi, the head of …`
        let s = subject_after(t, v, b)?;
        return Some((s, v, lex.cues[t.low(v)]));
    }
    let s = trim(t, tail, v);
    if s.0 >= s.1 || matches!(t.low(s.0), "which" | "who" | "whose") || s.1 - s.0 > 10 {
        return None;
    }
    // `…, a claim the government denied`: an apposition to the clause (what was said),
    // with a relative clause of its own, not its attribution
    if matches!(t.low(s.0), "a" | "an")
        && matches!(t.low(s.0 + 1), "claim" | "figure" | "number" | "toll" | "allegation" | "account" | "report")
    {
        return None;
    }
    // a subject opens with a name, a determiner or a noun: not `based on …`, `without …`
    let w0 = t.low(s.0);
    if !t.t[s.0].cap && (w0.ends_with("ed") || w0.ends_with("ing") || super::quantity::is_preposition(w0)) {
        return None;
    }
    Some((s, v, lex.cues[t.low(v)]))
}

/// `according to X`, for the first `according to` of a sentence ending at `b`, at `i`:
/// X's span.
fn according(t: &Toks, i: usize, b: usize) -> Option<(usize, usize, usize)> {
    let s = i + 2;
    let mut e = s;
    while e < b && !(t.sym(e, ',') || t.sym(e, '.') || t.sym(e, ';') || t.sym(e, '—') || t.sym(e, '–')) {
        if t.is_word(e)
            && matches!(
                t.low(e),
                "which" | "who" | "that" | "in" | "on" | "released" | "published" | "citing" | "quoted"
            )
            && e > s
        {
            break;
        }
        e += 1;
    }
    let (s2, e2) = trim(t, s, e);
    (s2 < e2).then_some((i, s2, e2))
}

/// The tokens of sentence `[a, b)` that split it into clauses: `;`, `, while`, `, but`,
/// `, whereas`. Found once per sentence: each of its figures asks for its clause.
fn clause_splits(t: &Toks, a: usize, b: usize) -> Vec<usize> {
    (a..b)
        .filter(|&k| match t.t[k].k {
            K::Sym => {
                let tok = &t.t[k];
                tok.is_sym(';')
                    || tok.is_sym(',')
                        && (matches!(t.low(k + 1), "while" | "whereas" | "but") && t.low(k + 2) != "that"
                            || t.low(k + 1) == "and" && opens_said_clause(t, k + 2, b))
            }
            K::Word => t.low(k) == "while" && k > a && !t.sym(k - 1, ','),
            _ => false,
        })
        .collect()
}

/// `…, and aid workers said …`: after `, and` a subject of a few words (no figure, no
/// verb of its own) and then a verb of saying open a clause with its own speaker.
fn opens_said_clause(t: &Toks, s: usize, b: usize) -> bool {
    let lex = lexicon();
    for k in s..b.min(s + 6) {
        if !t.is_word(k) {
            return false;
        }
        if let Some(c) = lex.cue(t.low(k)) {
            return k > s && matches!(c, Cue::Say | Cue::Deny) && !t.low(k).ends_with("ing");
        }
        if is_auxiliary(t.low(k)) || is_pronoun(t.low(k)) && k > s {
            return false;
        }
    }
    false
}

/// The clause of a sentence `[a, b)` holding token `i`, given the sentence's
/// [`clause_splits`]: from after the last split before `i` to the first split after it.
fn clause_of(splits: &[usize], a: usize, b: usize, i: usize) -> (usize, usize) {
    let s = splits.iter().rev().find(|&&k| k < i).map_or(a, |&k| k + 1);
    let e = splits.iter().find(|&&k| k > i).map_or(b, |&k| k);
    (s, e)
}

/// The attributions and subjects a sentence's figures ask for, each read once: the
/// figures of one clause ask for the same ones (a clause with five figures scanned its
/// commas five times).
#[derive(Default)]
struct Memo {
    finals: Vec<((usize, usize), Option<((usize, usize), usize, Cue)>)>,
    subjects: Vec<((usize, usize), Option<(usize, usize)>)>,
}

impl Memo {
    fn final_attribution(&mut self, t: &Toks, a: usize, b: usize) -> Option<((usize, usize), usize, Cue)> {
        if let Some(&(_, found)) = self.finals.iter().find(|(at, _)| *at == (a, b)) {
            return found;
        }
        let found = final_attribution(t, a, b);
        self.finals.push(((a, b), found));
        found
    }

    fn subject_before(&mut self, t: &Toks, from: usize, v: usize) -> Option<(usize, usize)> {
        if let Some(&(_, found)) = self.subjects.iter().find(|(at, _)| *at == (from, v)) {
            return found;
        }
        let found = subject_before(t, from, v);
        self.subjects.push(((from, v), found));
        found
    }
}

/// The speaker, cue and stance of every draft.
pub fn attribute(t: &Toks, drafts: &[Draft], sents: &[(usize, usize)]) -> Vec<Said> {
    let mut out = vec![Said::default(); drafts.len()];
    let mut c = Ctx { t, last_named: None, last_subject: None, named: Vec::new() };
    let mut d = 0usize;
    let mut prev_speaker: Option<(Party, String)> = None;
    for (si, &(a, b)) in sents.iter().enumerate() {
        let Marks { quotes: qs, cues: sent_cues, according: acc } = marks(t, a, b);
        let first_d = d;
        let has_drafts = d < drafts.len() && drafts[d].num_first < b;
        let sign = if has_drafts { dash_signature(t, sents, si) } else { None };
        let splits = if has_drafts { clause_splits(t, a, b) } else { Vec::new() };
        let mut memo = Memo::default();
        while d < drafts.len() && drafts[d].num_first < b {
            let i = drafts[d].num_first;
            if i < a {
                d += 1;
                continue;
            }
            out[d] = said_for(&c, &mut memo, t, (a, b), &splits, i, &qs, &sent_cues, acc, sign.clone(), &prev_speaker);
            d += 1;
        }
        // remember who spoke and who the sentence is about, for pronouns later
        let mut spoke: Option<(Party, String)> =
            out[first_d..d].iter().rev().find_map(|s| Some((s.speaker.clone()?, s.cue.clone().unwrap_or_default())));
        if spoke.is_none() {
            if let Some(&(v, _)) = sent_cues.first() {
                // `"…," said X`: the subject after the verb
                let subj = if v > a && is_quote_close(t, v - 1) {
                    subject_after(t, v, b)
                } else {
                    memo.subject_before(t, a, v)
                };
                if let Some(p) = span_party(&c, subj) {
                    spoke = Some((p, t.raw(v).to_string()));
                }
            }
        }
        if let Some((p, _)) = &spoke {
            if !is_pronoun(ascii_lowered_short(&p.text, &mut [0u8; SHORT_NAME])) {
                c.last_named = Some(p.clone());
                if c.named.len() == NAMED_KEPT {
                    c.named.remove(0);
                }
                c.named.push(p.clone());
            }
        }
        // the sentence's subject: its opening capitalised words
        let (sa, _) = trim(t, a, b);
        if sa < b && t.is_word(sa) && t.t[sa].cap && !is_pronoun(t.low(sa)) {
            // the opening noun phrase: up to the first comma, or the capitalised run
            let comma = (sa..b.min(sa + 7)).find(|&k| t.sym(k, ','));
            let e = match comma {
                Some(k)
                    if !(sa..k)
                        .any(|x| t.is_word(x) && (lexicon().cue(t.low(x)).is_some() || is_auxiliary(t.low(x)))) =>
                {
                    k
                }
                _ => {
                    let mut e = sa;
                    while e < b && (t.t[e].cap || t.sym(e, '’') || t.sym(e, '\'') || t.sym(e, '-')) {
                        e += 1;
                    }
                    e
                }
            };
            if let Some(p) = party(t, sa, e) {
                c.last_subject = Some(p);
            }
        }
        prev_speaker =
            spoke.or_else(|| if out[first_d..d].is_empty() { None } else { prev_speaker.clone().filter(|_| false) });
        if out[first_d..d].is_empty() && sent_cues.is_empty() {
            // a sentence with no figure and no speaker breaks the carry
            prev_speaker = None;
        }
    }
    let mut ids: foldhash::HashMap<String, Option<String>> = Default::default();
    for s in &mut out {
        for p in [&mut s.speaker, &mut s.source].into_iter().flatten() {
            if p.id.is_none() {
                // (looked up before the entry is made: most speakers are seen before, and
                // making an entry copies the name)
                p.id = match ids.get(&p.text) {
                    Some(id) => id.clone(),
                    None => ids.entry(p.text.clone()).or_insert_with(|| alias_id(&p.text)).clone(),
                };
            }
        }
    }
    out
}

/// `UN: 5,000 displaced in two days`: a line (a headline most often) that opens with a
/// name and a colon gives its figures to that name, unless the name is a place
/// (`Syria: 40 killed`, a dateline or a topic) or names nobody (`Update:`, `Note:`).
fn line_label(t: &Toks, a: usize, i: usize) -> Option<Party> {
    if !(a == 0 || t.t[a].nl > 0) {
        return None;
    }
    let colon = (a..i.min(a + 6)).find(|&k| t.sym(k, ':'))?;
    if colon == a || !(a..colon).all(|k| t.is_word(k) && (t.t[k].cap || matches!(t.low(k), "of" | "for" | "the"))) {
        return None;
    }
    if lexicon().label_words.contains(t.low(a)) {
        return None;
    }
    let p = party(t, a, colon)?;
    if isnad_frame::place_by_english(&p.text).is_some() {
        return None;
    }
    Some(p)
}

/// `— Sushma Swaraj (@SushmaSwaraj) October 9, 2015` on the line after a paragraph:
/// the name signs what comes before it.
fn dash_signature(t: &Toks, sents: &[(usize, usize)], si: usize) -> Option<Party> {
    // the sentences of this paragraph, then the next line
    let mut k = si + 1;
    while k < sents.len() && t.t[sents[k].0].nl < 1 {
        k += 1;
    }
    let &(a, b) = sents.get(k)?;
    if !(t.sym(a, '—') || t.sym(a, '–') || (t.sym(a, '-') && t.sym(a + 1, '-'))) {
        return None;
    }
    let mut s = a + 1;
    while s < b && t.t[s].k == K::Sym {
        s += 1;
    }
    let mut e = s;
    while e < b && t.is_word(e) && t.t[e].cap {
        e += 1;
    }
    (e > s && e - s <= 5).then(|| party(t, s, e)).flatten()
}

#[allow(clippy::too_many_arguments)]
fn said_for(
    c: &Ctx,
    memo: &mut Memo,
    t: &Toks,
    (a, b): (usize, usize),
    splits: &[usize],
    i: usize,
    qs: &[(usize, usize)],
    sent_cues: &[(usize, Cue)],
    acc: Option<(usize, usize, usize)>,
    sign: Option<Party>,
    prev: &Option<(Party, String)>,
) -> Said {
    let mk = |p: Option<Party>, cue: &str, cue_kind: Cue| Said {
        speaker: p,
        cue: Some(cue.to_string()),
        stance: Some(if cue_kind == Cue::Deny { Stance::Deny } else { Stance::Assert }),
        source: None,
    };
    // inside a quotation: the attribution after or before it
    if let Some(&(o, cl)) = qs.iter().find(|&&(o, cl)| o < i && i < cl) {
        let after = cl + 1;
        let mut k = after;
        while k < b && t.t[k].k == K::Sym {
            k += 1;
        }
        // `…," he said` / `…," said X` / `…," X said`
        for (v, cue) in sent_cues.iter().copied().filter(|(v, _)| *v >= after && *v < after + 8) {
            if v == k {
                if let Some(p) = span_party(c, subject_after(t, v, b)) {
                    return mk(Some(p), t.raw(v), cue);
                }
            }
            let s = trim(t, k, v);
            if s.0 < s.1 {
                if let Some(p) = party(t, s.0, s.1) {
                    return with_source(mk(Some(c.resolve(p)), t.raw(v), cue), t, v, b);
                }
            }
        }
        // `X said: "…"`
        if let Some(&(v, cue)) = sent_cues.iter().rev().find(|(v, _)| *v < o) {
            if let Some(p) = span_party(c, memo.subject_before(t, a, v)) {
                return mk(Some(p), t.raw(v), cue);
            }
        }
        // a quotation standing alone in its sentence: the paragraph's last speaker
        if let Some((p, cue)) = prev {
            return Said {
                speaker: Some(p.clone()),
                cue: Some(cue.clone()),
                stance: Some(Stance::Assert),
                source: None,
            };
        }
    }
    let (ca, cb) = clause_of(splits, a, b, i);
    // `X quoted Y as saying`
    if let Some(&(v, _)) = sent_cues.iter().find(|(v, cue)| *cue == Cue::Relay && *v < i && *v >= ca) {
        let src = span_party(c, memo.subject_before(t, ca, v));
        let mut e = v + 1;
        while e < cb && !(t.low(e) == "as" && t.low(e + 1) == "saying") {
            e += 1;
        }
        if e < cb {
            let sp = party(t, v + 1, e).map(|p| c.resolve(p));
            return Said { speaker: sp, cue: Some("saying".into()), stance: Some(Stance::Assert), source: src };
        }
    }
    // `…, the WHO said, citing local partners`: the cited are the speaker, the one citing
    // relays them (as `نقلا عن` in Arabic)
    if let Some(k) = (i + 1..cb).find(|&k| t.sym(k, ',') && matches!(t.low(k + 1), "citing" | "quoting")) {
        if let Some((s, v, _)) = memo.final_attribution(t, ca, k) {
            let mut e = k + 2;
            while e < cb
                && !(t.sym(e, ',') || t.sym(e, '.') || t.sym(e, ';'))
                && !matches!(t.low(e), "who" | "which" | "that")
            {
                e += 1;
            }
            let (ps, pe) = trim(t, k + 2, e);
            // `citing hospital sources`, `quoting Ahmed Ali`; not `citing the need for secrecy`
            let names_a_speaker =
                (ps..pe).any(|x| t.is_word(x) && (t.t[x].cap || lexicon().source_nouns.contains(t.low(x))));
            if v > i && ps < pe {
                if let (Some(cited), Some(by)) = (party(t, ps, pe), span_party(c, Some(s))) {
                    if !names_a_speaker {
                        return mk(Some(by), t.raw(v), lexicon().cues[t.low(v)]);
                    }
                    return Said {
                        speaker: Some(c.resolve(cited)),
                        cue: Some(t.raw(k + 1).to_string()),
                        stance: Some(Stance::Assert),
                        source: Some(by),
                    };
                }
            }
        }
    }
    // a clause ending in its attribution
    if let Some((s, v, cue)) = memo.final_attribution(t, ca, cb) {
        if v > i {
            if let Some(p) = span_party(c, Some(s)) {
                return with_source(mk(Some(p), t.raw(v), cue), t, v, cb);
            }
        }
    }
    // `according to X` anywhere in the sentence
    if let Some((ai, s, e)) = acc {
        if ai >= ca && ai < cb || !sent_cues.iter().any(|(v, _)| *v >= ca && *v < i) {
            if let Some(p) = party(t, s, e) {
                return mk(Some(c.resolve(p)), "according to", Cue::According);
            }
        }
    }
    // the first verb of saying before the figure in its clause
    if let Some(&(v, cue)) =
        sent_cues.iter().find(|(v, cue)| *v >= ca && *v < i && *cue != Cue::According && *cue != Cue::Relay)
    {
        let subj = if v == ca || (v > ca && is_quote_close(t, v - 1)) {
            subject_after(t, v, cb)
        } else {
            memo.subject_before(t, ca, v)
        };
        if let Some(p) = span_party(c, subj) {
            // `X denied any deal, saying only a few dozen had surrendered`: what follows
            // `saying` is what X asserts
            if cue == Cue::Deny {
                if let Some(&(w, _)) =
                    sent_cues.iter().find(|(w, _)| *w > v && *w < i && matches!(t.low(*w), "saying" | "adding"))
                {
                    return mk(Some(p), t.raw(w), Cue::Say);
                }
            }
            return with_source(mk(Some(p), t.raw(v), cue), t, v, cb);
        }
    }
    // `X tweeted that A, while B`: B is still what X said
    if ca > a && !sent_cues.iter().any(|(v, _)| *v >= ca && *v < cb) {
        if let Some(&(v, cue)) =
            sent_cues.iter().find(|(v, cue)| *v < ca && t.low(v + 1) == "that" && *cue != Cue::According)
        {
            if let Some(p) = span_party(c, memo.subject_before(t, a, v)) {
                return mk(Some(p), t.raw(v), cue);
            }
        }
    }
    // `…, saying the real toll exceeds 4,700`: the subject of the sentence
    if let Some(&(v, _)) = sent_cues.iter().find(|(v, _)| *v >= ca && *v < i && matches!(t.low(*v), "saying")) {
        if let Some(p) = span_party(c, memo.subject_before(t, a, v)) {
            return mk(Some(p), "saying", Cue::Say);
        }
    }
    if let Some(p) = sign {
        return Said { speaker: Some(p), cue: None, stance: Some(Stance::Assert), source: None };
    }
    if let Some(p) = line_label(t, a, i) {
        return Said { speaker: Some(p), cue: None, stance: Some(Stance::Assert), source: None };
    }
    // a sentence on the number or the toll goes on from the one before it
    let (sa, _) = trim(t, a, b);
    if t.low(sa) == "the" && matches!(t.low(sa + 1), "number" | "toll" | "total" | "tally") && sent_cues.is_empty() {
        if let Some((p, cue)) = prev {
            return Said {
                speaker: Some(p.clone()),
                cue: Some(cue.clone()),
                stance: Some(Stance::Assert),
                source: None,
            };
        }
    }
    Said::default()
}

/// `X told the BBC` / `X said in a statement carried by state television`: the outlet
/// relaying the speaker.
fn with_source(mut s: Said, t: &Toks, v: usize, end: usize) -> Said {
    let w = t.low(v);
    let from = if matches!(w, "told" | "tells" | "tell" | "telling") {
        Some(v + 1)
    } else {
        (v + 1..end.min(v + 8))
            .find(|&k| t.low(k) == "by" && matches!(t.low(k - 1), "carried" | "broadcast" | "published" | "aired"))
            .map(|k| k + 1)
    };
    if let Some(f) = from {
        let mut e = f;
        while e < end
            && t.is_word(e)
            && (t.t[e].cap || matches!(t.low(e), "the" | "state" | "news" | "agency" | "television" | "media" | "tv"))
        {
            e += 1;
        }
        let (a, b) = trim(t, f, e);
        // `told the BBC`: the outlet's name after its article
        let name = if t.low(a) == "the" { a + 1 } else { a };
        if name < b && (t.t[name].cap || matches!(t.low(name), "state")) {
            s.source = party(t, a, b);
        }
    }
    s
}

/// The canonical id of a speaker named in Latin letters, through the alias table: the
/// longest listed name among the word sequences of the mention (acronyms in their own
/// case only: `AP`, not `ap`).
pub fn alias_id(text: &str) -> Option<String> {
    // speakers repeat across a dossier: a bounded per-thread memo
    thread_local! {
        static MEMO: std::cell::RefCell<foldhash::HashMap<String, Option<String>>> = Default::default();
    }
    if let Some(hit) = MEMO.with(|m| m.borrow().get(text).cloned()) {
        return hit;
    }
    let id = alias_lookup(text);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= 4096 {
            m.clear();
        }
        m.insert(text.to_string(), id.clone());
    });
    id
}

fn alias_lookup(text: &str) -> Option<String> {
    struct Table {
        names: foldhash::HashMap<String, &'static str>,
        acronyms: foldhash::HashMap<&'static str, &'static str>,
        longest: usize,
    }
    static TABLE: OnceLock<Table> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = Table { names: Default::default(), acronyms: Default::default(), longest: 1 };
        for (id, n) in isnad_attrib::alias_names().filter(|(_, n)| n.chars().any(|c| c.is_ascii_alphabetic())) {
            let acronym = n.chars().count() <= 4 && n.chars().all(|c| c.is_uppercase() || c == '.');
            if acronym {
                t.acronyms.entry(n).or_insert(id);
            } else {
                let words: Vec<String> = n
                    .split(|c: char| !c.is_alphanumeric() && c != '.')
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect();
                t.longest = t.longest.max(words.len());
                t.names.entry(words.join(" ")).or_insert(id);
            }
        }
        t
    });
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '.')
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut best: Option<(usize, &'static str)> = None;
    for (i, word) in words.iter().enumerate() {
        if let Some(id) = table.acronyms.get(word).or_else(|| table.acronyms.get(format!("{word}.").as_str())) {
            if best.is_none() {
                best = Some((1, id));
            }
        }
        let mut key = String::new();
        for (n, w) in lower.iter().enumerate().skip(i).take(table.longest) {
            if n > i {
                key.push(' ');
            }
            key.push_str(w);
            if let Some(id) = table.names.get(&key) {
                let len = n - i + 1;
                if best.is_none_or(|(l, _)| len >= l) {
                    best = Some((len, id));
                }
            }
        }
    }
    best.map(|(_, id)| id.to_string())
}
